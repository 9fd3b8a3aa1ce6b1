//! The daemon's configuration: Falco's falco.yaml keys read out of the merged [`Settings`]
//! tree into typed values, with Falco's defaults (the code defaults of
//! `falco_configuration`, not the values of the shipped falco.yaml) and falcod's few additions
//! (`engine.kind: synthetic`). Unknown keys are warned about, never fatal.

pub mod keys;
pub mod load;
pub mod outputs;
pub mod value;

use std::path::PathBuf;
use std::time::Duration;

use falcod_rules::eval::engine::{EngineOptions, RuleMatching, RuleSelector, Selection};
use falcod_rules::format::alert::AlertConfig;
use falcod_rules::format::append::{AppendOutput, ExtraField};
use falcod_rules::format::text::utc_offset_from_tz;
use falcod_rules::load::info::Priority;
use serde_json::Value;

pub use self::outputs::OutputsConfig;
use self::value::{parse_interval, ConfigError, Reader};
use crate::settings::Settings;

/// Everything the daemon reads from its configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct DaemonConfig {
    /// Alert layout (`json_output`, `json_include_*`, `time_format_iso_8601`, hostname).
    pub alert: AlertConfig,
    /// `priority`, `rule_matching`, `rules:` selections.
    pub engine: EngineOptions,
    /// `append_output`.
    pub append_output: Vec<AppendOutput>,
    /// The output channels and their queues.
    pub outputs: OutputsConfig,
    /// `webserver`, when enabled.
    pub webserver: Option<WebserverConfig>,
    /// `metrics`, when enabled.
    pub metrics: Option<MetricsConfig>,
    /// `syscall_event_drops`.
    pub drops: DropsConfig,
    /// `engine.kind` and its section.
    pub source: SourceConfig,
    /// `watch_config_files` (default true).
    pub watch_config_files: bool,
    /// `log_level` at or above `debug`.
    pub debug_log: bool,
}

/// `webserver` (enabled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebserverConfig {
    /// `listen_address`; falcod's default is 127.0.0.1 (Falco's is 0.0.0.0).
    pub listen_address: String,
    /// `listen_port` (default 8765; 0 picks a free port, logged at start).
    pub listen_port: u16,
    /// `k8s_healthz_endpoint` (default `/healthz`).
    pub healthz_endpoint: String,
    /// `prometheus_metrics_enabled`: serve `/metrics`.
    pub prometheus_metrics: bool,
}

/// `metrics` (enabled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricsConfig {
    /// `interval` between snapshots.
    pub interval: Duration,
    /// `output_rule`: send each snapshot as a `Falco internal: metrics snapshot` alert.
    pub output_rule: bool,
    /// `output_file`: append each snapshot as a JSON line.
    pub output_file: Option<PathBuf>,
    /// `rules_counters_enabled`: per-rule match counts in snapshots.
    pub rules_counters: bool,
}

/// What `syscall_event_drops` does when the source reports drops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropAction {
    /// `ignore`.
    Ignore,
    /// `log`.
    Log,
    /// `alert`: the `Falco internal: syscall event drop` alert.
    Alert,
    /// `exit`.
    Exit,
}

/// `syscall_event_drops`.
#[derive(Debug, Clone, PartialEq)]
pub struct DropsConfig {
    /// `actions` (default log, alert).
    pub actions: Vec<DropAction>,
    /// `threshold`: drops/events ratio in a second above which actions run (default 0.1).
    pub threshold: f64,
    /// `rate`: actions per second the token bucket allows (default 1/30).
    pub rate: f64,
    /// `max_burst` (default 1).
    pub max_burst: f64,
    /// `simulate_drops`: pretend one drop every second (testing).
    pub simulate: bool,
}

/// The synthetic stream's mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntheticMix {
    /// `realistic`.
    Realistic,
    /// `execve`.
    Execve,
}

/// `engine.synthetic` (falcod only): a generated event stream for exercising the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticConfig {
    /// `rate`: events per second (0: as fast as possible).
    pub rate: u64,
    /// `events`: how many, then the source ends (0: until stopped).
    pub events: u64,
    /// `seed`.
    pub seed: u64,
    /// `mix`: `realistic` or `execve`.
    pub mix: SyntheticMix,
}

/// `engine.kind` and its settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceConfig {
    /// `replay`: a capture file.
    Replay {
        /// `engine.replay.capture_file`.
        capture_file: PathBuf,
    },
    /// `synthetic` (falcod only).
    Synthetic(SyntheticConfig),
    /// `modern_ebpf` (and `kmod`, which falcod serves with its eBPF source too).
    Live {
        /// The kind as configured.
        kind: String,
    },
    /// `nodriver`: no syscall source; the daemon idles until stopped.
    NoDriver,
}

impl SourceConfig {
    /// A capture: the events wait for the daemon, so local outputs may apply back-pressure.
    pub fn is_capture(&self) -> bool {
        matches!(self, SourceConfig::Replay { .. })
    }
}

/// Falco's `hostname` of alerts: `FALCO_HOSTNAME`, else the kernel's host name.
pub fn hostname() -> String {
    if let Ok(h) = std::env::var("FALCO_HOSTNAME") {
        return h;
    }
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .map(|h| h.trim().to_string())
        .unwrap_or_default()
}

impl DaemonConfig {
    /// Reads the configuration out of `settings`; the first bad value is the error.
    pub fn from_settings(settings: &Settings) -> Result<DaemonConfig, ConfigError> {
        let r = Reader(settings);
        let alert = AlertConfig {
            json_output: r.bool("json_output", false)?,
            json_include_output_property: r.bool("json_include_output_property", true)?,
            json_include_tags_property: r.bool("json_include_tags_property", true)?,
            json_include_message_property: r.bool("json_include_message_property", false)?,
            json_include_output_fields_property: r
                .bool("json_include_output_fields_property", true)?,
            time_format_iso_8601: r.bool("time_format_iso_8601", false)?,
            hostname: hostname(),
            utc_offset_secs: utc_offset_from_tz(std::env::var("TZ").ok().as_deref()),
        };
        let log_level = r.string("log_level", "info")?;
        Ok(DaemonConfig {
            alert,
            engine: engine_options(&r)?,
            append_output: append_output(&r)?,
            outputs: OutputsConfig::read(&r)?,
            webserver: webserver(&r)?,
            metrics: metrics(&r)?,
            drops: drops(&r)?,
            source: source(&r)?,
            watch_config_files: r.bool("watch_config_files", true)?,
            debug_log: log_level.eq_ignore_ascii_case("debug"),
        })
    }
}

fn engine_options(r: &Reader<'_>) -> Result<EngineOptions, ConfigError> {
    let priority = r.string("priority", "debug")?;
    let min_priority = Priority::parse(&priority).ok_or_else(|| {
        ConfigError::new("priority", format!("has unknown priority '{priority}'"))
    })?;
    let rule_matching = match r.string("rule_matching", "first")?.as_str() {
        "first" => RuleMatching::First,
        "all" => RuleMatching::All,
        other => {
            return Err(ConfigError::new(
                "rule_matching",
                format!("has unknown value '{other}' (first, all)"),
            ))
        }
    };
    Ok(EngineOptions {
        rule_matching,
        min_priority,
        selections: selections(r)?,
    })
}

/// `rules:` — a list of `{enable|disable: {rule|tag: X}}`, applied in order.
fn selections(r: &Reader<'_>) -> Result<Vec<Selection>, ConfigError> {
    let Some(value) = r.get("rules") else {
        return Ok(Vec::new());
    };
    let bad = |why: String| ConfigError::new("rules", why);
    let items = value
        .as_array()
        .ok_or_else(|| bad(format!("must be a list, not {value}")))?;
    let mut out = Vec::new();
    for item in items {
        let map = item
            .as_object()
            .ok_or_else(|| bad(format!("has an entry that is not a map: {item}")))?;
        for (verb, what) in map {
            let enable = match verb.as_str() {
                "enable" => true,
                "disable" => false,
                other => {
                    return Err(bad(format!(
                        "has unknown action '{other}' (enable, disable)"
                    )))
                }
            };
            let what = what
                .as_object()
                .ok_or_else(|| bad(format!("'{verb}' must be a map with 'rule' or 'tag'")))?;
            for (kind, name) in what {
                let name = match name {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let by = match kind.as_str() {
                    "rule" => RuleSelector::Wildcard(name),
                    "tag" => RuleSelector::Tag(name),
                    other => {
                        return Err(bad(format!("has unknown selector '{other}' (rule, tag)")))
                    }
                };
                out.push(if enable {
                    Selection::Enable { by }
                } else {
                    Selection::Disable { by }
                });
            }
        }
    }
    Ok(out)
}

fn append_output(r: &Reader<'_>) -> Result<Vec<AppendOutput>, ConfigError> {
    let Some(value) = r.get("append_output") else {
        return Ok(Vec::new());
    };
    let bad = |why: String| ConfigError::new("append_output", why);
    let items = value
        .as_array()
        .ok_or_else(|| bad(format!("must be a list, not {value}")))?;
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    items
        .iter()
        .map(|item| {
            let map = item
                .as_object()
                .ok_or_else(|| bad(format!("has an entry that is not a map: {item}")))?;
            let mut entry = AppendOutput::default();
            if let Some(m) = map.get("match").and_then(Value::as_object) {
                entry.source = text(m.get("source"));
                entry.rule = text(m.get("rule"));
                entry.tags = match m.get("tags") {
                    Some(Value::Array(tags)) => tags
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect(),
                    Some(Value::String(t)) => [t.clone()].into_iter().collect(),
                    _ => Default::default(),
                };
            }
            entry.extra_output = text(map.get("extra_output"));
            entry.suggested_output = map
                .get("suggested_output")
                .and_then(value::as_bool)
                .unwrap_or(false);
            if let Some(fields) = map.get("extra_fields").and_then(Value::as_array) {
                for f in fields {
                    match f {
                        Value::String(name) => {
                            entry.extra_fields.push(ExtraField::Raw(name.clone()))
                        }
                        Value::Object(kv) => {
                            for (key, format) in kv {
                                entry.extra_fields.push(ExtraField::Formatted {
                                    key: key.clone(),
                                    format: format.as_str().unwrap_or_default().to_string(),
                                });
                            }
                        }
                        other => return Err(bad(format!("has an extra_fields item {other}"))),
                    }
                }
            }
            Ok(entry)
        })
        .collect()
}

fn webserver(r: &Reader<'_>) -> Result<Option<WebserverConfig>, ConfigError> {
    if !r.bool("webserver.enabled", false)? {
        return Ok(None);
    }
    if r.bool("webserver.ssl_enabled", false)? {
        return Err(ConfigError::new(
            "webserver.ssl_enabled",
            "is true, but falcod's web server does not serve TLS yet (terminate TLS in front \
             of it, or disable ssl)",
        ));
    }
    let port = r.u64("webserver.listen_port", 8765)?;
    let listen_port = u16::try_from(port)
        .map_err(|_| ConfigError::new("webserver.listen_port", format!("{port} is not a port")))?;
    Ok(Some(WebserverConfig {
        listen_address: r.string("webserver.listen_address", "127.0.0.1")?,
        listen_port,
        healthz_endpoint: r.string("webserver.k8s_healthz_endpoint", "/healthz")?,
        prometheus_metrics: r.bool("webserver.prometheus_metrics_enabled", false)?,
    }))
}

fn metrics(r: &Reader<'_>) -> Result<Option<MetricsConfig>, ConfigError> {
    if !r.bool("metrics.enabled", false)? {
        return Ok(None);
    }
    let text = r.string("metrics.interval", "5000")?;
    let interval = parse_interval(&text)
        .filter(|d| *d >= Duration::from_millis(100))
        .ok_or_else(|| {
            ConfigError::new(
                "metrics.interval",
                format!("'{text}' is not an interval of at least 100ms (e.g. 1h, 15m, 30s)"),
            )
        })?;
    let file = r.string("metrics.output_file", "")?;
    Ok(Some(MetricsConfig {
        interval,
        output_rule: r.bool("metrics.output_rule", false)?,
        output_file: (!file.is_empty()).then(|| PathBuf::from(file)),
        rules_counters: r.bool("metrics.rules_counters_enabled", true)?,
    }))
}

fn drops(r: &Reader<'_>) -> Result<DropsConfig, ConfigError> {
    let names = match r.get("syscall_event_drops.actions") {
        None => vec!["log".to_string(), "alert".to_string()],
        Some(_) => r.strings("syscall_event_drops.actions")?,
    };
    let actions = names
        .iter()
        .map(|a| match a.as_str() {
            "ignore" => Ok(DropAction::Ignore),
            "log" => Ok(DropAction::Log),
            "alert" => Ok(DropAction::Alert),
            "exit" => Ok(DropAction::Exit),
            other => Err(ConfigError::new(
                "syscall_event_drops.actions",
                format!("has unknown action '{other}' (ignore, log, alert, exit)"),
            )),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let threshold = r.f64("syscall_event_drops.threshold", 0.1)?;
    if !(0.0..=1.0).contains(&threshold) {
        return Err(ConfigError::new(
            "syscall_event_drops.threshold",
            "must be between 0 and 1",
        ));
    }
    let rate = r.f64("syscall_event_drops.rate", 0.03333)?;
    let max_burst = r.f64("syscall_event_drops.max_burst", 1.0)?;
    // Written so that NaN fails too: `nan <= 0.0` is false, and a NaN rate would silently
    // disable every drop action.
    let positive = |x: f64| x.is_finite() && x > 0.0;
    if !positive(rate) || !positive(max_burst) {
        return Err(ConfigError::new(
            "syscall_event_drops",
            "rate and max_burst must be finite numbers greater than 0",
        ));
    }
    Ok(DropsConfig {
        actions,
        threshold,
        rate,
        max_burst,
        simulate: r.bool("syscall_event_drops.simulate_drops", false)?,
    })
}

fn source(r: &Reader<'_>) -> Result<SourceConfig, ConfigError> {
    let kind = r.string("engine.kind", "modern_ebpf")?;
    Ok(match kind.as_str() {
        "replay" => {
            let file = r.string("engine.replay.capture_file", "")?;
            if file.is_empty() {
                return Err(ConfigError::new(
                    "engine.replay.capture_file",
                    "must be set when engine.kind is replay",
                ));
            }
            SourceConfig::Replay {
                capture_file: PathBuf::from(file),
            }
        }
        "synthetic" => SourceConfig::Synthetic(SyntheticConfig {
            rate: r.u64("engine.synthetic.rate", 1000)?,
            events: r.u64("engine.synthetic.events", 0)?,
            seed: r.u64("engine.synthetic.seed", 1)?,
            mix: match r.string("engine.synthetic.mix", "realistic")?.as_str() {
                "realistic" => SyntheticMix::Realistic,
                "execve" => SyntheticMix::Execve,
                other => {
                    return Err(ConfigError::new(
                        "engine.synthetic.mix",
                        format!("has unknown mix '{other}' (realistic, execve)"),
                    ))
                }
            },
        }),
        "modern_ebpf" | "kmod" => SourceConfig::Live { kind },
        "nodriver" => SourceConfig::NoDriver,
        "ebpf" | "gvisor" => {
            return Err(ConfigError::new(
                "engine.kind",
                format!("'{kind}' was removed in Falco 0.44; use modern_ebpf"),
            ))
        }
        other => {
            return Err(ConfigError::new(
                "engine.kind",
                format!(
                    "has unknown kind '{other}' (modern_ebpf, kmod, replay, nodriver, synthetic)"
                ),
            ))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(options: &[&str]) -> Result<DaemonConfig, ConfigError> {
        let mut s = Settings::default();
        for o in options {
            s.apply_option(o).unwrap();
        }
        DaemonConfig::from_settings(&s)
    }

    #[test]
    fn defaults_are_falcos_code_defaults() {
        let c = config(&[]).unwrap();
        assert!(!c.alert.json_output && c.alert.json_include_output_property);
        assert_eq!(c.engine, EngineOptions::default());
        assert!(c.outputs.stdout && c.outputs.syslog);
        assert!(c.outputs.file.is_none() && c.outputs.http.is_none());
        assert_eq!(c.outputs.timeout, Duration::from_millis(2000));
        assert!(c.webserver.is_none() && c.metrics.is_none());
        assert_eq!(c.drops.actions, [DropAction::Log, DropAction::Alert]);
        assert_eq!(
            c.source,
            SourceConfig::Live {
                kind: "modern_ebpf".into()
            }
        );
    }

    #[test]
    fn rules_selections_priority_and_matching() {
        let c = config(&[
            "priority=warning",
            "rule_matching=all",
            "rules[].disable.rule=*",
            "rules[].enable.tag=network",
        ])
        .unwrap();
        assert_eq!(c.engine.min_priority, Priority::Warning);
        assert_eq!(c.engine.rule_matching, RuleMatching::All);
        assert_eq!(
            c.engine.selections,
            [
                Selection::Disable {
                    by: RuleSelector::Wildcard("*".into())
                },
                Selection::Enable {
                    by: RuleSelector::Tag("network".into())
                }
            ]
        );
        assert!(config(&["priority=loud"]).is_err());
        assert!(config(&["rule_matching=some"]).is_err());
    }

    #[test]
    fn sections_read_and_validate() {
        let c = config(&[
            "webserver.enabled=true",
            "webserver.listen_port=0",
            "webserver.prometheus_metrics_enabled=true",
            "metrics.enabled=true",
            "metrics.interval=1m30s",
            "syscall_event_drops.actions=[log, exit]",
            "engine.kind=synthetic",
            "engine.synthetic.rate=50",
            "append_output[0].match.tags=[a]",
            "append_output[0].extra_output=x=%proc.pid",
            "append_output[0].extra_fields=[proc.name, {k: '%evt.num'}]",
        ])
        .unwrap();
        let w = c.webserver.unwrap();
        assert_eq!((w.listen_address.as_str(), w.listen_port), ("127.0.0.1", 0));
        assert!(w.prometheus_metrics);
        assert_eq!(c.metrics.unwrap().interval, Duration::from_secs(90));
        assert_eq!(c.drops.actions, [DropAction::Log, DropAction::Exit]);
        assert!(matches!(
            c.source,
            SourceConfig::Synthetic(SyntheticConfig { rate: 50, .. })
        ));
        assert_eq!(c.append_output[0].extra_fields.len(), 2);
        assert!(c.append_output[0].tags.contains("a"));

        for bad in [
            &["webserver.enabled=true", "webserver.listen_port=70000"][..],
            &["webserver.enabled=true", "webserver.ssl_enabled=true"],
            &["metrics.enabled=true", "metrics.interval=5x"],
            &["syscall_event_drops.actions=[shout]"],
            &["engine.kind=replay"],
            &["engine.kind=gvisor"],
            &["syscall_event_drops.rate=0"],
            &["syscall_event_drops.rate=nan"],
            &["syscall_event_drops.max_burst=nan"],
            &["syscall_event_drops.rate=inf"],
        ] {
            assert!(config(bad).is_err(), "{bad:?}");
        }
    }
}
