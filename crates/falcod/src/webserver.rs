//! `webserver`: `/healthz` (the `k8s_healthz_endpoint`) and, with
//! `prometheus_metrics_enabled`, Prometheus `/metrics`; plus `/versions`.
//!
//! A hand-written HTTP/1.1 server on `std::net::TcpListener`, one thread, one short request per
//! connection: three GET endpoints do not justify a server crate. Each connection gets a 2 s
//! read timeout so a stalled client cannot hold the server. It binds 127.0.0.1 unless
//! `listen_address` says otherwise (Falco binds 0.0.0.0).

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use crate::config::WebserverConfig;
use crate::logger::{log, Level};
use crate::metrics::Metrics;

/// Binds and starts serving; returns the bound address (useful with port 0).
pub fn start(cfg: &WebserverConfig, metrics: Arc<Metrics>) -> Result<SocketAddr, String> {
    let listener =
        TcpListener::bind((cfg.listen_address.as_str(), cfg.listen_port)).map_err(|e| {
            format!(
                "webserver: cannot listen on {}:{}: {e}",
                cfg.listen_address, cfg.listen_port
            )
        })?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let cfg = cfg.clone();
    std::thread::Builder::new()
        .name("falcod-webserver".into())
        .spawn(move || {
            for stream in listener.incoming().flatten() {
                if let Err(e) = serve(stream, &cfg, &metrics) {
                    log(Level::Debug, &format!("webserver: {e}"));
                }
            }
        })
        .map_err(|e| format!("webserver: cannot start its thread: {e}"))?;
    log(
        Level::Info,
        &format!("Starting health webserver with threadiness 1, listening on {addr}"),
    );
    Ok(addr)
}

/// The response to `GET path`: status, content type, body.
pub fn respond(
    path: &str,
    cfg: &WebserverConfig,
    metrics: &Metrics,
) -> (u16, &'static str, String) {
    let path = path.split('?').next().unwrap_or("");
    if path == cfg.healthz_endpoint {
        return (200, "application/json", "{\"status\": \"ok\"}".to_string());
    }
    match path {
        "/metrics" if cfg.prometheus_metrics => {
            (200, "text/plain; version=0.0.4", metrics.prometheus())
        }
        "/versions" => (
            200,
            "application/json",
            serde_json::json!({
                "falcod_version": env!("CARGO_PKG_VERSION"),
                "engine_version": falcod_rules::ruleset::ENGINE_VERSION.to_string(),
            })
            .to_string(),
        ),
        _ => (404, "text/plain", "Not Found\n".to_string()),
    }
}

fn serve(stream: TcpStream, cfg: &WebserverConfig, metrics: &Metrics) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    stream.set_write_timeout(Some(Duration::from_secs(2)))?;
    let mut reader = BufReader::new(stream);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Read the headers to their end so the client sees a clean close.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request.split_whitespace();
    let (status, kind, body) = match (parts.next(), parts.next()) {
        (Some("GET" | "HEAD"), Some(path)) => respond(path, cfg, metrics),
        _ => (405, "text/plain", "Method Not Allowed\n".to_string()),
    };
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let mut stream = reader.into_inner();
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: \
         close\r\n\r\n{body}",
        body.len()
    )?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        let metrics = Metrics::new(Arc::default());
        let mut cfg = WebserverConfig {
            listen_address: "127.0.0.1".into(),
            listen_port: 0,
            healthz_endpoint: "/healthz".into(),
            prometheus_metrics: false,
        };
        assert_eq!(respond("/healthz", &cfg, &metrics).0, 200);
        assert_eq!(respond("/metrics", &cfg, &metrics).0, 404);
        cfg.prometheus_metrics = true;
        let (status, kind, body) = respond("/metrics", &cfg, &metrics);
        assert_eq!((status, kind), (200, "text/plain; version=0.0.4"));
        assert!(body.contains("falcosecurity_scap_n_evts_total 0"));
        assert_eq!(respond("/nope", &cfg, &metrics).0, 404);
    }
}
