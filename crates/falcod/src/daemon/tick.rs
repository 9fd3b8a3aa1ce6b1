//! The daemon's once-a-second work: the event rate, the drop detector and metrics snapshots.

use std::fs::OpenOptions;
use std::io::Write;
use std::sync::atomic::Ordering::Relaxed;
use std::time::{Duration, Instant};

use falcod_rules::load::info::Priority;

use crate::config::{DaemonConfig, MetricsConfig};
use crate::drops::{DropManager, Verdict, DROP_RULE};
use crate::logger::{log, Level};
use crate::metrics::{now_ns, Metrics};
use crate::pipeline::Shared;

/// The rule name of metrics snapshots.
pub const METRICS_RULE: &str = "Falco internal: metrics snapshot";

/// Periodic work and when it is next due.
pub struct Ticker {
    /// When [`Ticker::tick`] is next due.
    pub next: Instant,
    last: (Instant, u64),
    drops: DropManager,
    metrics: Option<(MetricsConfig, Instant)>,
    snapshot_prev_events: u64,
    samples: u64,
}

impl Ticker {
    /// A ticker for `cfg`, starting now.
    pub fn new(cfg: &DaemonConfig, metrics: &Metrics) -> Ticker {
        let now = Instant::now();
        Ticker {
            next: now + Duration::from_secs(1),
            last: (now, 0),
            drops: DropManager::new(
                cfg.drops.clone(),
                metrics.source.n_evts.load(Relaxed),
                metrics.source.n_drops.load(Relaxed),
            ),
            metrics: cfg.metrics.clone().map(|m| {
                let due = now + m.interval;
                (m, due)
            }),
            snapshot_prev_events: 0,
            samples: 0,
        }
    }

    /// Does what is due; `Err` asks the daemon to exit (the drop `exit` action).
    pub fn tick(&mut self, shared: &Shared) -> Result<(), String> {
        let now = Instant::now();
        self.next = now + Duration::from_secs(1);
        let m = &shared.metrics;
        let events = m.events.load(Relaxed);
        let secs = now.duration_since(self.last.0).as_secs_f64();
        if secs > 0.0 {
            let rate = events.saturating_sub(self.last.1) as f64 / secs;
            m.events_rate_milli.store((rate * 1000.0) as u64, Relaxed);
        }
        self.last = (now, events);

        let verdict = self.drops.check(
            now_ns(),
            m.source.n_evts.load(Relaxed),
            m.source.n_drops.load(Relaxed),
        );
        if let Verdict::Act {
            message,
            alert,
            log: log_it,
            exit,
        } = verdict
        {
            m.drop_events.fetch_add(1, Relaxed);
            if log_it {
                log(Level::Warning, &message);
            }
            if let Some((priority, fields)) = alert {
                shared.internal_alert(now_ns(), priority, &message, DROP_RULE, &fields);
            }
            if exit {
                log(Level::Warning, "Exiting.");
                return Err(format!("{message} (syscall_event_drops action: exit)"));
            }
        }

        if let Some((cfg, due)) = &mut self.metrics {
            if now >= *due {
                *due = now + cfg.interval;
                self.samples += 1;
                let fields =
                    m.snapshot_fields(now_ns(), self.snapshot_prev_events, cfg.rules_counters);
                self.snapshot_prev_events = events;
                if cfg.output_rule {
                    shared.internal_alert(
                        now_ns(),
                        Priority::Informational,
                        "Falco metrics snapshot",
                        METRICS_RULE,
                        &fields,
                    );
                }
                if let Some(path) = &cfg.output_file {
                    let line = serde_json::json!({"sample": self.samples, "output_fields": fields});
                    let written = OpenOptions::new()
                        .create(true)
                        .append(true)
                        .open(path)
                        .and_then(|mut f| writeln!(f, "{line}"));
                    if let Err(e) = written {
                        log(
                            Level::Warning,
                            &format!("metrics.output_file {}: {e}", path.display()),
                        );
                    }
                }
            }
        }
        Ok(())
    }
}
