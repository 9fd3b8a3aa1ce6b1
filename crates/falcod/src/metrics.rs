//! The daemon's counters, shared by the event loop, the output workers, the web server and the
//! metrics snapshots, and their two renderings: Prometheus text (`/metrics`, Falco's metric
//! names where Falco has one) and the output fields of a `Falco internal: metrics snapshot`.
//!
//! The event loop publishes its event count in batches (see `pipeline::eval`), so readers see it
//! at most a few dozen events late; everything else is counted as it happens.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use falcod_rules::load::info::Priority;
use serde_json::{Map, Value as Json};

use crate::outputs::OutputStats;
use crate::source::SourceCounters;

/// Nanoseconds since the epoch, now.
pub fn now_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

/// A rule's identity in the match counters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RuleKey {
    /// Rule name.
    pub rule: String,
    /// Priority.
    pub priority: Priority,
    /// Source.
    pub source: String,
}

/// Every counter of the daemon.
#[derive(Debug)]
pub struct Metrics {
    /// Start time, ns since the epoch.
    pub start_ns: u64,
    /// Events the rules saw.
    pub events: AtomicU64,
    /// Events per second over the last second (times 1000), from the ticker.
    pub events_rate_milli: AtomicU64,
    /// The source's own counters (events read, drops).
    pub source: Arc<SourceCounters>,
    /// Matches per rule.
    pub matches: Mutex<BTreeMap<RuleKey, u64>>,
    /// Rule evaluation time of sampled events, ns.
    pub eval_sampled_ns: AtomicU64,
    /// How many events were timed.
    pub eval_samples: AtomicU64,
    /// Per-output delivery counters, by output name; kept across reloads.
    pub outputs: Mutex<BTreeMap<&'static str, Arc<OutputStats>>>,
    /// Successful reloads.
    pub reloads_ok: AtomicU64,
    /// Failed reloads (the old rules stayed in force).
    pub reloads_failed: AtomicU64,
    /// When the running rules were loaded, ns since the epoch.
    pub reload_ts_ns: AtomicU64,
    /// Seconds in which the source dropped more than the threshold.
    pub drop_events: AtomicU64,
}

impl Metrics {
    /// Fresh counters over a source's counters.
    pub fn new(source: Arc<SourceCounters>) -> Metrics {
        let now = now_ns();
        Metrics {
            start_ns: now,
            events: AtomicU64::new(0),
            events_rate_milli: AtomicU64::new(0),
            source,
            matches: Mutex::new(BTreeMap::new()),
            eval_sampled_ns: AtomicU64::new(0),
            eval_samples: AtomicU64::new(0),
            outputs: Mutex::new(BTreeMap::new()),
            reloads_ok: AtomicU64::new(0),
            reloads_failed: AtomicU64::new(0),
            reload_ts_ns: AtomicU64::new(now),
            drop_events: AtomicU64::new(0),
        }
    }

    /// The counters of the output `name` (created on first use, kept across reloads).
    pub fn output(&self, name: &'static str) -> Arc<OutputStats> {
        let mut outputs = self.outputs.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(outputs.entry(name).or_default())
    }

    /// Counts one match.
    pub fn count_match(&self, key: RuleKey) {
        let mut m = self.matches.lock().unwrap_or_else(|e| e.into_inner());
        *m.entry(key).or_insert(0) += 1;
    }

    fn matches_snapshot(&self) -> BTreeMap<RuleKey, u64> {
        self.matches
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn outputs_snapshot(&self) -> Vec<(&'static str, Arc<OutputStats>)> {
        self.outputs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .map(|(k, v)| (*k, Arc::clone(v)))
            .collect()
    }

    /// Alerts dropped by all outputs (queue full or abandoned at shutdown).
    pub fn outputs_dropped(&self) -> u64 {
        self.outputs_snapshot()
            .iter()
            .map(|(_, s)| s.dropped_full.load(Relaxed) + s.dropped_shutdown.load(Relaxed))
            .sum()
    }

    /// Estimated total rule evaluation time, seconds (sampled events scaled to all events).
    pub fn eval_seconds_estimate(&self) -> f64 {
        let samples = self.eval_samples.load(Relaxed);
        if samples == 0 {
            return 0.0;
        }
        let per_event = self.eval_sampled_ns.load(Relaxed) as f64 / samples as f64;
        per_event * self.events.load(Relaxed) as f64 / 1e9
    }

    /// The Prometheus text exposition (version 0.0.4).
    pub fn prometheus(&self) -> String {
        let mut out = String::new();
        let mut metric = |name: &str, kind: &str, help: &str, samples: &[(String, String)]| {
            let _ = writeln!(out, "# HELP {name} {help}");
            let _ = writeln!(out, "# TYPE {name} {kind}");
            for (labels, value) in samples {
                let _ = writeln!(out, "{name}{labels} {value}");
            }
        };
        let one = |v: String| vec![(String::new(), v)];
        metric(
            "falcosecurity_falco_version_info",
            "gauge",
            "falcod version (the Falco rules engine it implements is engine_version).",
            &[(
                format!(
                    "{{version=\"{}\",engine_version=\"{}\"}}",
                    env!("CARGO_PKG_VERSION"),
                    falcod_rules::ruleset::ENGINE_VERSION
                ),
                "1".into(),
            )],
        );
        metric(
            "falcosecurity_scap_n_evts_total",
            "counter",
            "Events read from the event source.",
            &one(self.source.n_evts.load(Relaxed).to_string()),
        );
        metric(
            "falcosecurity_scap_n_drops_total",
            "counter",
            "Events the event source dropped.",
            &one(self.source.n_drops.load(Relaxed).to_string()),
        );
        metric(
            "falcosecurity_falco_num_evts_total",
            "counter",
            "Events evaluated by the rules.",
            &one(self.events.load(Relaxed).to_string()),
        );
        metric(
            "falcosecurity_falco_evts_rate_sec",
            "gauge",
            "Events evaluated per second, over the last second.",
            &one(format!(
                "{}",
                self.events_rate_milli.load(Relaxed) as f64 / 1000.0
            )),
        );
        let matches = self.matches_snapshot();
        let rows: Vec<(String, String)> = matches
            .iter()
            .map(|(k, n)| {
                (
                    format!(
                        "{{priority=\"{}\",rule_name=\"{}\",source=\"{}\"}}",
                        k.priority as u8,
                        escape_label(&k.rule),
                        escape_label(&k.source)
                    ),
                    n.to_string(),
                )
            })
            .collect();
        metric(
            "falcosecurity_falco_rules_matches_total",
            "counter",
            "Matches per rule (priority as Falco numbers it: 0 emergency .. 7 debug).",
            &rows,
        );
        let mut by_priority: BTreeMap<Priority, u64> = BTreeMap::new();
        for (k, n) in &matches {
            *by_priority.entry(k.priority).or_insert(0) += n;
        }
        let rows: Vec<(String, String)> = by_priority
            .iter()
            .map(|(p, n)| (format!("{{priority=\"{}\"}}", p.as_str()), n.to_string()))
            .collect();
        metric(
            "falcod_alerts_total",
            "counter",
            "Alerts raised by rules, per priority.",
            &rows,
        );
        metric(
            "falcod_rule_evaluation_seconds_total",
            "counter",
            "Time spent evaluating rules, estimated from 1 in 64 events timed.",
            &one(format!("{}", self.eval_seconds_estimate())),
        );
        metric(
            "falcosecurity_falco_outputs_queue_num_drops_total",
            "counter",
            "Alerts dropped by the outputs (queue full or undelivered at shutdown).",
            &one(self.outputs_dropped().to_string()),
        );
        let mut rows = Vec::new();
        for (name, s) in self.outputs_snapshot() {
            for (result, v) in [
                ("delivered", &s.delivered),
                ("failed", &s.failed),
                ("dropped_queue_full", &s.dropped_full),
                ("dropped_shutdown", &s.dropped_shutdown),
            ] {
                rows.push((
                    format!("{{output=\"{name}\",result=\"{result}\"}}"),
                    v.load(Relaxed).to_string(),
                ));
            }
        }
        metric(
            "falcod_output_alerts_total",
            "counter",
            "Alerts per output and what became of them.",
            &rows,
        );
        metric(
            "falcod_reloads_total",
            "counter",
            "Configuration and rules reloads.",
            &[
                (
                    "{result=\"ok\"}".into(),
                    self.reloads_ok.load(Relaxed).to_string(),
                ),
                (
                    "{result=\"failed\"}".into(),
                    self.reloads_failed.load(Relaxed).to_string(),
                ),
            ],
        );
        metric(
            "falcosecurity_falco_reload_timestamp_nanoseconds",
            "gauge",
            "When the running rules were loaded.",
            &one(self.reload_ts_ns.load(Relaxed).to_string()),
        );
        metric(
            "falcosecurity_falco_duration_sec_total",
            "counter",
            "Seconds since falcod started.",
            &one(((now_ns().saturating_sub(self.start_ns)) / 1_000_000_000).to_string()),
        );
        out
    }

    /// The output fields of a metrics snapshot (Falco's `stats_writer` names).
    pub fn snapshot_fields(&self, now_ns: u64, prev_events: u64, rules: bool) -> Map<String, Json> {
        let mut f = Map::new();
        let events = self.events.load(Relaxed);
        f.insert("evt.source".into(), "syscall".into());
        f.insert("evt.time".into(), now_ns.into());
        f.insert("evt.hostname".into(), crate::config::hostname().into());
        f.insert("falco.version".into(), env!("CARGO_PKG_VERSION").into());
        f.insert("falco.start_ts".into(), self.start_ns.into());
        f.insert(
            "falco.duration_sec".into(),
            (now_ns.saturating_sub(self.start_ns) / 1_000_000_000).into(),
        );
        f.insert(
            "falco.reload_ts".into(),
            self.reload_ts_ns.load(Relaxed).into(),
        );
        f.insert("falco.num_evts".into(), events.into());
        f.insert("falco.num_evts_prev".into(), prev_events.into());
        f.insert(
            "falco.evts_rate_sec".into(),
            (self.events_rate_milli.load(Relaxed) as f64 / 1000.0).into(),
        );
        f.insert(
            "falco.outputs_queue_num_drops".into(),
            self.outputs_dropped().into(),
        );
        f.insert(
            "scap.n_evts".into(),
            self.source.n_evts.load(Relaxed).into(),
        );
        f.insert(
            "scap.n_drops".into(),
            self.source.n_drops.load(Relaxed).into(),
        );
        if rules {
            let matches = self.matches_snapshot();
            f.insert(
                "falco.rules.matches_total".into(),
                matches.values().sum::<u64>().into(),
            );
            for (k, n) in matches {
                f.insert(
                    format!("falco.rules.{}", sanitize_rule_name(&k.rule)),
                    n.into(),
                );
            }
        }
        f
    }
}

/// Falco's metric-name form of a rule name: runs of characters other than letters, digits and
/// `_` become one `_`, trimmed.
fn sanitize_rule_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

fn escape_label(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prometheus_text_counts_matches_and_output_drops() {
        let m = Metrics::new(Arc::default());
        m.events.store(10, Relaxed);
        m.count_match(RuleKey {
            rule: "Say \"hi\"".into(),
            priority: Priority::Warning,
            source: "syscall".into(),
        });
        m.output("http").dropped_full.store(3, Relaxed);
        let text = m.prometheus();
        assert!(
            text.contains(
                "falcosecurity_falco_rules_matches_total{priority=\"4\",rule_name=\"Say \\\"hi\\\"\",source=\"syscall\"} 1\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("falcosecurity_falco_num_evts_total 10\n"),
            "{text}"
        );
        assert!(text.contains("falcosecurity_falco_outputs_queue_num_drops_total 3\n"));
        assert!(text.contains(
            "falcod_output_alerts_total{output=\"http\",result=\"dropped_queue_full\"} 3\n"
        ));
        assert!(text.contains("falcod_alerts_total{priority=\"Warning\"} 1\n"));
        let fields = m.snapshot_fields(now_ns(), 4, true);
        assert_eq!(fields["falco.rules.Say_hi"], 1);
        assert_eq!(fields["falco.num_evts_prev"], 4);
    }
}
