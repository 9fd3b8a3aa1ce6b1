//! `http_output`: each alert POSTed as Falco's JSON alert object (`Content-Type:
//! application/json`), the payload Falcosidekick reads (`output, priority, rule, time,
//! output_fields, source, tags, hostname`). Unlike Falco, the body is JSON even when
//! `json_output` is false: Falcosidekick and most receivers accept nothing else.
//!
//! A small HTTP/1.1 client over `std::net`: plain `http://` only. `https://` URLs are refused
//! at startup with a clear message (TLS would need a TLS stack in the binary; put a TLS sidecar
//! or a Falcosidekick next to falcod). Every connect, write and read is bounded by
//! `output_timeout`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use super::{Alert, Output};
use crate::config::outputs::HttpOutputConfig;

/// A parsed `http://` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// Host name or address (IPv6 in brackets, as written).
    pub host: String,
    /// Port (80 by default).
    pub port: u16,
    /// Path and query (`/` by default).
    pub path: String,
}

impl Url {
    /// Parses `http://host[:port][/path]`.
    pub fn parse(url: &str) -> Result<Url, String> {
        if url.is_empty() {
            return Err("must be set when http_output is enabled".to_string());
        }
        if url.starts_with("https://") {
            return Err(format!(
                "'{url}': https is not supported by falcod's http_output yet; use an http:// \
                 URL (e.g. a Falcosidekick Service in the cluster) or a TLS-terminating proxy"
            ));
        }
        let rest = url
            .strip_prefix("http://")
            .ok_or_else(|| format!("'{url}' is not an http:// URL"))?;
        let (authority, path) = match rest.find(['/', '?']) {
            Some(i) if rest.as_bytes()[i] == b'/' => (&rest[..i], rest[i..].to_string()),
            Some(i) => (&rest[..i], format!("/{}", &rest[i..])),
            None => (rest, "/".to_string()),
        };
        if authority.contains('@') {
            return Err(format!("'{url}': credentials in the URL are not supported"));
        }
        let (host, port) = match authority.rfind(':') {
            Some(i) if !authority[i..].contains(']') => {
                let port = authority[i + 1..]
                    .parse::<u16>()
                    .map_err(|_| format!("'{url}' has a bad port"))?;
                (&authority[..i], port)
            }
            _ => (authority, 80),
        };
        if host.is_empty() {
            return Err(format!("'{url}' has no host"));
        }
        Ok(Url {
            host: host.to_string(),
            port,
            path,
        })
    }

    fn host_header(&self) -> String {
        if self.port == 80 {
            self.host.clone()
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

/// The HTTP output.
pub struct Http {
    url: Url,
    user_agent: String,
    keep_alive: bool,
    timeout: Duration,
    conn: Option<BufReader<TcpStream>>,
}

impl Http {
    /// An HTTP output for `cfg` (the URL was checked when the configuration was read).
    pub fn new(cfg: &HttpOutputConfig, timeout: Duration) -> Result<Http, String> {
        Ok(Http {
            url: Url::parse(&cfg.url).map_err(|e| format!("http_output.url {e}"))?,
            user_agent: cfg.user_agent.clone(),
            keep_alive: cfg.keep_alive,
            timeout,
            conn: None,
        })
    }

    fn connect(&self) -> Result<BufReader<TcpStream>, String> {
        let host = self.url.host.trim_start_matches('[').trim_end_matches(']');
        let addrs = (host, self.url.port)
            .to_socket_addrs()
            .map_err(|e| format!("cannot resolve {}: {e}", self.url.host))?;
        let mut last = format!("{} has no address", self.url.host);
        for addr in addrs {
            match TcpStream::connect_timeout(&addr, self.timeout) {
                Ok(s) => {
                    s.set_read_timeout(Some(self.timeout))
                        .and_then(|()| s.set_write_timeout(Some(self.timeout)))
                        .map_err(|e| e.to_string())?;
                    let _ = s.set_nodelay(true);
                    return Ok(BufReader::new(s));
                }
                Err(e) => last = format!("cannot connect to {addr}: {e}"),
            }
        }
        Err(last)
    }

    fn post(&self, conn: &mut BufReader<TcpStream>, body: &str) -> Result<bool, String> {
        let head = format!(
            "POST {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {}\r\nContent-Type: \
             application/json\r\nAccept: */*\r\nContent-Length: {}\r\nConnection: {}\r\n\r\n",
            self.url.path,
            self.url.host_header(),
            self.user_agent,
            body.len(),
            if self.keep_alive {
                "keep-alive"
            } else {
                "close"
            }
        );
        let stream = conn.get_mut();
        stream
            .write_all(head.as_bytes())
            .and_then(|()| stream.write_all(body.as_bytes()))
            .and_then(|()| stream.flush())
            .map_err(|e| format!("sending to {}: {e}", self.url.host_header()))?;
        let response = read_response(conn).map_err(|e| format!("reading the response: {e}"))?;
        if !(200..300).contains(&response.status) {
            return Err(format!(
                "{} answered HTTP {}",
                self.url.host_header(),
                response.status
            ));
        }
        Ok(response.reusable)
    }
}

struct Response {
    status: u16,
    /// The connection can carry another request.
    reusable: bool,
}

/// Reads a status line, headers and body (by length, chunked, or to the end).
fn read_response(conn: &mut impl BufRead) -> std::io::Result<Response> {
    let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_string());
    let mut line = String::new();
    conn.read_line(&mut line)?;
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| bad("no HTTP status line"))?;
    let mut length = None;
    let mut chunked = false;
    let mut close = line.starts_with("HTTP/1.0");
    loop {
        line.clear();
        if conn.read_line(&mut line)? == 0 {
            return Err(bad("connection closed in the headers"));
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = value.parse::<u64>().ok(),
                "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                "connection" => close = value.eq_ignore_ascii_case("close"),
                _ => {}
            }
        }
    }
    let mut sink = std::io::sink();
    if chunked {
        loop {
            line.clear();
            conn.read_line(&mut line)?;
            let size = u64::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| bad("bad chunk size"))?;
            std::io::copy(&mut conn.by_ref().take(size + 2), &mut sink)?;
            if size == 0 {
                break;
            }
        }
    } else if let Some(n) = length {
        std::io::copy(&mut conn.by_ref().take(n), &mut sink)?;
    } else if status >= 200 && status != 204 && status != 304 {
        std::io::copy(conn, &mut sink)?;
        close = true;
    }
    Ok(Response {
        status,
        reusable: !close,
    })
}

impl Output for Http {
    fn write(&mut self, alert: &Alert) -> Result<(), String> {
        // A kept connection may have been closed by the server: one fresh retry.
        let reused = self.conn.is_some();
        let mut conn = match self.conn.take() {
            Some(c) => c,
            None => self.connect()?,
        };
        let result = match self.post(&mut conn, alert.json()) {
            Err(_) if reused => {
                conn = self.connect()?;
                self.post(&mut conn, alert.json())
            }
            other => other,
        };
        if self.keep_alive && result == Ok(true) {
            self.conn = Some(conn);
        }
        result.map(|_| ())
    }

    fn reopen(&mut self) {
        self.conn = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_parse_and_https_is_refused_clearly() {
        assert_eq!(
            Url::parse("http://sidekick:2801/").unwrap(),
            Url {
                host: "sidekick".into(),
                port: 2801,
                path: "/".into()
            }
        );
        assert_eq!(Url::parse("http://h?x=1").unwrap().path, "/?x=1");
        assert_eq!(Url::parse("http://[::1]:9/p").unwrap().host, "[::1]");
        assert_eq!(Url::parse("http://[::1]/p").unwrap().port, 80);
        let err = Url::parse("https://x/").unwrap_err();
        assert!(err.contains("https is not supported"), "{err}");
        for bad in [
            "",
            "ftp://x",
            "http://:80/",
            "http://h:99999/",
            "http://u:p@h/",
        ] {
            assert!(Url::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn responses_by_length_chunked_and_close() {
        let r = read_response(&mut &b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokNEXT"[..]);
        assert!(r.as_ref().is_ok_and(|r| r.status == 200 && r.reusable));
        let chunked =
            b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n";
        assert!(read_response(&mut &chunked[..]).is_ok_and(|r| r.status == 201 && r.reusable));
        let close = b"HTTP/1.1 500 Oops\r\nConnection: close\r\n\r\nbody";
        assert!(read_response(&mut &close[..]).is_ok_and(|r| r.status == 500 && !r.reusable));
        assert!(read_response(&mut &b"garbage\r\n"[..]).is_err());
    }
}
