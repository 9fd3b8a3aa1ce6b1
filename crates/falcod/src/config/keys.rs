//! Warnings for configuration keys falcod does not know (a typo in falco.yaml should be
//! visible, but never fatal, as in Falco where unknown keys are ignored).

use serde_json::Value;

use crate::settings::{Settings, FALCO_KEYS};

/// Known keys of the sections falcod reads in full; other sections are not checked below the
/// top level (they are Falco's, and falcod ignores them).
const SECTIONS: &[(&str, &[&str])] = &[
    ("stdout_output", &["enabled"]),
    ("syslog_output", &["enabled"]),
    ("file_output", &["enabled", "keep_alive", "filename"]),
    ("program_output", &["enabled", "keep_alive", "program"]),
    (
        "http_output",
        &[
            "enabled",
            "url",
            "user_agent",
            "insecure",
            "ca_cert",
            "ca_bundle",
            "ca_path",
            "mtls",
            "client_cert",
            "client_key",
            "echo",
            "compress_uploads",
            "keep_alive",
            "max_consecutive_timeouts",
        ],
    ),
    (
        "webserver",
        &[
            "enabled",
            "threadiness",
            "listen_port",
            "listen_address",
            "k8s_healthz_endpoint",
            "prometheus_metrics_enabled",
            "ssl_enabled",
            "ssl_certificate",
        ],
    ),
    (
        "metrics",
        &[
            "enabled",
            "interval",
            "output_rule",
            "output_file",
            "rules_counters_enabled",
            "resource_utilization_enabled",
            "state_counters_enabled",
            "kernel_event_counters_enabled",
            "kernel_event_counters_per_cpu_enabled",
            "libbpf_stats_enabled",
            "plugins_metrics_enabled",
            "kernel_iter_event_counters_enabled",
            "jemalloc_stats_enabled",
            "convert_memory_to_mb",
            "include_empty_values",
        ],
    ),
    (
        "syscall_event_drops",
        &[
            "threshold",
            "actions",
            "rate",
            "max_burst",
            "simulate_drops",
        ],
    ),
    ("outputs_queue", &["capacity"]),
    (
        "engine",
        &[
            "kind",
            "kmod",
            "modern_ebpf",
            "replay",
            "synthetic",
            "ebpf",
            "gvisor",
        ],
    ),
];

/// One warning per unknown key (`section.key` for sections falcod reads in full). Top-level
/// keys in `already_warned` (unknown `-o` keys, warned when applied) are not repeated.
pub fn unknown_key_warnings(settings: &Settings, already_warned: &[String]) -> Vec<String> {
    let mut warnings = Vec::new();
    for key in settings.keys() {
        if !FALCO_KEYS.contains(&key) {
            let quoted = format!("'{key}'");
            if !already_warned.iter().any(|w| w.contains(&quoted)) {
                warnings.push(format!("Unknown configuration key '{key}': ignored"));
            }
            continue;
        }
        let Some((_, known)) = SECTIONS.iter().find(|(s, _)| *s == key) else {
            continue;
        };
        if let Some(Value::Object(map)) = settings.get(key) {
            for sub in map.keys() {
                if !known.contains(&sub.as_str()) {
                    warnings.push(format!("Unknown configuration key '{key}.{sub}': ignored"));
                }
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_top_level_and_section_keys_warn_once() {
        let mut s = Settings::default();
        let mut warned = Vec::new();
        for o in [
            "http_output.urll=x",
            "stdout_output.enabled=true",
            "typo_key=1",
        ] {
            if let Some(w) = s.apply_option(o).unwrap() {
                warned.push(w);
            }
        }
        s.apply_option("plugins[0].name=container").unwrap();
        let got = unknown_key_warnings(&s, &warned);
        assert_eq!(
            got,
            ["Unknown configuration key 'http_output.urll': ignored"]
        );
        assert_eq!(warned.len(), 1);
    }
}
