//! Hot reload (SIGHUP, or a watched file changed): the configuration and rules are read and
//! compiled again off the event loop; only a complete, valid result replaces what runs. A
//! failure is logged with Falco's load-result text, sent as Falco's `Falco internal: hot restart
//! failure` alert, and the running rules stay in force.
//!
//! Unlike Falco, which restarts its whole app (and so its event source), falcod swaps rules,
//! alert layout and outputs under a running source: no event is lost and the process and fd
//! state stays warm. Changes to `engine`, `webserver` and `metrics` need a restart.

use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;

use falcod_rules::load::info::Priority;
use serde_json::Map;

use super::prepare;
use crate::cli::Cli;
use crate::config::{load, DaemonConfig};
use crate::logger::{log, Level};
use crate::metrics::now_ns;
use crate::outputs::{self, OutputControl, Workers};
use crate::pipeline::{Shared, Swap};
use crate::signals::WatchList;

/// The rule name of a failed reload's alert.
pub const RESTART_FAILURE_RULE: &str = "Falco internal: hot restart failure";

/// Reloads; on success the event loop switches at its next event.
#[allow(
    clippy::too_many_arguments,
    reason = "the daemon's parts a reload touches"
)]
pub fn reload(
    why: &str,
    cli: &Cli,
    options: &[String],
    shared: &Shared,
    cfg: &mut DaemonConfig,
    control: &Arc<OutputControl>,
    workers: &mut Workers,
    watch: &WatchList,
) {
    log(
        Level::Info,
        &format!("{why}, reloading configuration and rules..."),
    );
    let attempt = load::load(cli.config.as_deref(), options).and_then(|loaded| {
        for w in &loaded.warnings {
            log(Level::Warning, w);
        }
        prepare(cli, &loaded)
    });
    let prepared = match attempt {
        Ok(p) => p,
        Err(e) => {
            shared.metrics.reloads_failed.fetch_add(1, Relaxed);
            log(
                Level::Warning,
                &format!("Reload failed; the running configuration and rules stay in force:\n{e}"),
            );
            shared.internal_alert(
                now_ns(),
                Priority::Critical,
                &format!("{RESTART_FAILURE_RULE}: {e}"),
                RESTART_FAILURE_RULE,
                &Map::new(),
            );
            return;
        }
    };
    let new = prepared.cfg;
    let fanout = if new.outputs != cfg.outputs {
        match outputs::start(
            &new.outputs,
            &shared.metrics,
            control,
            cfg.source.is_capture(),
        ) {
            Ok((fanout, started)) => {
                log(
                    Level::Info,
                    &format!("Outputs restarted: {}", fanout.names().join(", ")),
                );
                workers.extend(started);
                Some(Arc::new(fanout))
            }
            Err(e) => {
                shared.metrics.reloads_failed.fetch_add(1, Relaxed);
                log(
                    Level::Warning,
                    &format!("Reload failed, the running outputs and rules stay in force: {e}"),
                );
                return;
            }
        }
    } else {
        None
    };
    for (changed, what) in [
        (new.source != cfg.source, "engine"),
        (new.webserver != cfg.webserver, "webserver"),
        (new.metrics != cfg.metrics, "metrics"),
    ] {
        if changed {
            log(
                Level::Warning,
                &format!("The '{what}' configuration changed: it takes effect after a restart"),
            );
        }
    }
    let enabled = prepared.runtime.engine.enabled_rules().count();
    shared.swap(Swap {
        runtime: Arc::new(prepared.runtime),
        fanout,
    });
    *watch.lock().unwrap_or_else(|e| e.into_inner()) = prepared.watch;
    *cfg = DaemonConfig {
        source: cfg.source.clone(),
        webserver: cfg.webserver.clone(),
        metrics: cfg.metrics.clone(),
        ..new
    };
    shared.metrics.reloads_ok.fetch_add(1, Relaxed);
    shared.metrics.reload_ts_ns.store(now_ns(), Relaxed);
    log(
        Level::Info,
        &format!("Reload complete: {enabled} rules enabled"),
    );
}
