//! `syscall_event_drops`: once a second, compare the source's drop counter with the last
//! second's; if the share of dropped events is above `threshold`, take the configured actions,
//! at most as often as a token bucket (`rate` per second, `max_burst`) allows (Falco's
//! `syscall_evt_drop_mgr`).

use falcod_rules::load::info::Priority;
use serde_json::{Map, Value as Json};

use crate::config::{DropAction, DropsConfig};

/// Falco's token bucket: `rate` tokens per second up to `max`, starting full.
#[derive(Debug, Clone)]
struct TokenBucket {
    rate: f64,
    max: f64,
    tokens: f64,
    last_ns: Option<u64>,
}

impl TokenBucket {
    fn claim(&mut self, now_ns: u64) -> bool {
        if let Some(last) = self.last_ns {
            let secs = now_ns.saturating_sub(last) as f64 / 1e9;
            self.tokens = (self.tokens + secs * self.rate).min(self.max);
        }
        self.last_ns = Some(now_ns);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// What the daemon must do after a check.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Nothing.
    None,
    /// Log `message`, send `alert` (if any), and stop if `exit`.
    Act {
        /// The log line (also the alert's message).
        message: String,
        /// The internal alert's priority and output fields, when `alert` is an action.
        alert: Option<(Priority, Map<String, Json>)>,
        /// Whether `log` is an action.
        log: bool,
        /// Whether `exit` is an action.
        exit: bool,
    },
}

/// The rule name of the drop alert.
pub const DROP_RULE: &str = "Falco internal: syscall event drop";

/// The drop detector.
#[derive(Debug, Clone)]
pub struct DropManager {
    cfg: DropsConfig,
    bucket: TokenBucket,
    last: (u64, u64),
}

impl DropManager {
    /// A detector starting from the source's current (events, drops).
    pub fn new(cfg: DropsConfig, events: u64, drops: u64) -> DropManager {
        DropManager {
            bucket: TokenBucket {
                rate: cfg.rate,
                max: cfg.max_burst,
                tokens: cfg.max_burst,
                last_ns: None,
            },
            cfg,
            last: (events, drops),
        }
    }

    /// One check with the source's counters now.
    pub fn check(&mut self, now_ns: u64, events: u64, drops: u64) -> Verdict {
        let d_evts = events.saturating_sub(self.last.0);
        let mut d_drops = drops.saturating_sub(self.last.1);
        self.last = (events, drops);
        let mut threshold = self.cfg.threshold;
        if self.cfg.simulate {
            d_drops += 1;
            threshold = 0.0;
        }
        if d_drops == 0 {
            return Verdict::None;
        }
        let ratio = d_drops as f64 / d_evts as f64;
        if ratio <= threshold || !self.bucket.claim(now_ns) {
            return Verdict::None;
        }
        let message = format!("{DROP_RULE}. {d_drops} system calls dropped in last second.");
        let has = |a: DropAction| self.cfg.actions.contains(&a);
        let alert = has(DropAction::Alert).then(|| {
            let mut f = Map::new();
            f.insert("n_evts".into(), d_evts.to_string().into());
            f.insert("n_drops".into(), d_drops.to_string().into());
            f.insert("ebpf_enabled".into(), "1".into());
            (Priority::Debug, f)
        });
        Verdict::Act {
            message,
            alert,
            log: has(DropAction::Log),
            exit: has(DropAction::Exit),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(actions: &[DropAction]) -> DropsConfig {
        DropsConfig {
            actions: actions.to_vec(),
            threshold: 0.1,
            rate: 1.0,
            max_burst: 1.0,
            simulate: false,
        }
    }

    #[test]
    fn drops_above_threshold_act_within_the_bucket() {
        let mut m = DropManager::new(cfg(&[DropAction::Log, DropAction::Alert]), 0, 0);
        // 5 of 100: below 10%.
        assert_eq!(m.check(1_000_000_000, 100, 5), Verdict::None);
        // 50 of 100 in the next second: act.
        let Verdict::Act {
            message,
            alert,
            log,
            exit,
        } = m.check(2_000_000_000, 200, 55)
        else {
            panic!("expected an action");
        };
        assert_eq!(
            message,
            "Falco internal: syscall event drop. 50 system calls dropped in last second."
        );
        assert!(log && !exit);
        let (priority, fields) = alert.unwrap();
        assert_eq!(priority, Priority::Debug);
        assert_eq!(fields["n_drops"], "50");
        // The bucket (1 token, refilled at 1/s) is empty 0.1 s later...
        assert_eq!(m.check(2_100_000_000, 300, 105), Verdict::None);
        // ...and has a token again a second later.
        assert!(matches!(
            m.check(3_200_000_000, 400, 155),
            Verdict::Act { .. }
        ));
    }

    #[test]
    fn simulated_drops_and_exit() {
        let mut c = cfg(&[DropAction::Exit]);
        c.simulate = true;
        let mut m = DropManager::new(c, 0, 0);
        let v = m.check(1, 10, 0);
        assert!(
            matches!(
                v,
                Verdict::Act {
                    exit: true,
                    log: false,
                    alert: None,
                    ..
                }
            ),
            "{v:?}"
        );
    }
}
