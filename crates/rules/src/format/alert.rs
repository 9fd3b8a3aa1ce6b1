//! Falco's alerts: the text line and the JSON object (falco `formats.cpp` `format_event` and
//! `falco_outputs.cpp` `handle_msg`, as of Falco 0.44).
//!
//! Text: `<time>: <Priority> <message>`, where `<time>` is `evt.time` (local time of day
//! `HH:MM:SS.nnnnnnnnn`) or, with `time_format_iso_8601`, `evt.time.iso8601`
//! (`YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000`, always UTC). The line is written as Falco 0.44 writes
//! it, unescaped (later Falco versions JSON-escape control characters in text alerts).
//!
//! JSON: nlohmann's objects are sorted maps, so the keys come out alphabetically:
//! `hostname, message?, output?, output_fields?, priority, rule, source, tags?, time`, compact,
//! strings escaped as nlohmann escapes them (`"`, `\`, `\b \f \n \r \t`, other control
//! characters as `\u00xx`; everything else as is). `time` is UTC ISO-8601 with nanoseconds and
//! `Z`; `output_fields` holds the message's fields, the prefix's time field (`evt.time` or
//! `evt.time.iso8601`) as integer nanoseconds, then the `append_output` extra fields, each
//! overriding an earlier key.
//!
//! Local time: libsinsp shifts `evt.time` by the host's current UTC offset. falcod reads no
//! time-zone database: [`AlertConfig::utc_offset_secs`] is the offset to apply, 0 (UTC) unless
//! the caller sets it, e.g. from [`utc_offset_from_tz`](super::text::utc_offset_from_tz) for a
//! fixed-offset `TZ`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{Map, Value as Json};

use super::text::{push_iso8601, push_time_of_day};
use crate::load::info::Priority;

/// Alert output settings (falco.yaml keys of the same names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertConfig {
    /// `json_output`: write JSON objects instead of text lines.
    pub json_output: bool,
    /// `json_include_output_property` (default true): the `output` key.
    pub json_include_output_property: bool,
    /// `json_include_tags_property` (default true): the `tags` key.
    pub json_include_tags_property: bool,
    /// `json_include_message_property` (default false): the `message` key (the rule's message
    /// without time and priority).
    pub json_include_message_property: bool,
    /// `json_include_output_fields_property` (default true): the `output_fields` key.
    pub json_include_output_fields_property: bool,
    /// `time_format_iso_8601`: ISO-8601 UTC time in the output prefix.
    pub time_format_iso_8601: bool,
    /// The `hostname` key (Falco: `FALCO_HOSTNAME` or the host's name).
    pub hostname: String,
    /// Offset from UTC, in seconds, applied to the `HH:MM:SS` time of text prefixes.
    pub utc_offset_secs: i32,
}

impl Default for AlertConfig {
    fn default() -> AlertConfig {
        AlertConfig {
            json_output: false,
            json_include_output_property: true,
            json_include_tags_property: true,
            json_include_message_property: false,
            json_include_output_fields_property: true,
            time_format_iso_8601: false,
            hostname: String::new(),
            utc_offset_secs: 0,
        }
    }
}

/// One alert to write.
#[derive(Debug, Clone, Copy)]
pub struct Alert<'a> {
    /// Event time, nanoseconds since the epoch.
    pub time_ns: u64,
    /// Rule name.
    pub rule: &'a str,
    /// Rule priority.
    pub priority: Priority,
    /// Event source (`syscall`).
    pub source: &'a str,
    /// Rule tags (sorted, as Falco keeps them).
    pub tags: &'a BTreeSet<String>,
    /// The rendered rule output (the message, without time and priority).
    pub message: &'a str,
    /// The message's fields ([`OutputFormat::render_fields`](super::OutputFormat::render_fields)).
    pub output_fields: &'a Map<String, Json>,
    /// `append_output` extra fields, applied after the message's fields and the time field.
    pub extra_fields: &'a Map<String, Json>,
}

/// The key of the prefix's time field in `output_fields`.
fn time_field(cfg: &AlertConfig) -> &'static str {
    if cfg.time_format_iso_8601 {
        "evt.time.iso8601"
    } else {
        "evt.time"
    }
}

/// Appends the prefix `<time>: <Priority>`.
pub fn push_prefix(cfg: &AlertConfig, time_ns: u64, priority: Priority, out: &mut String) {
    if cfg.time_format_iso_8601 {
        push_iso8601(out, time_ns, "+0000");
    } else {
        push_time_of_day(out, time_ns, cfg.utc_offset_secs);
    }
    out.push_str(": ");
    out.push_str(priority.as_str());
}

/// Appends the text alert line `<time>: <Priority> <message>` (no newline).
pub fn alert_text(cfg: &AlertConfig, alert: &Alert<'_>, out: &mut String) {
    push_prefix(cfg, alert.time_ns, alert.priority, out);
    out.push(' ');
    out.push_str(alert.message);
}

/// Appends the JSON alert object (no newline).
pub fn alert_json(cfg: &AlertConfig, alert: &Alert<'_>, out: &mut String) {
    out.push_str("{\"hostname\":");
    push_json_str(out, &cfg.hostname);
    if cfg.json_include_message_property {
        out.push_str(",\"message\":");
        push_json_str(out, alert.message);
    }
    if cfg.json_include_output_property {
        let mut line = String::with_capacity(40 + alert.message.len());
        alert_text(cfg, alert, &mut line);
        out.push_str(",\"output\":");
        push_json_str(out, &line);
    }
    if cfg.json_include_output_fields_property {
        let time = Json::from(alert.time_ns as i64);
        let mut fields: BTreeMap<&str, &Json> = BTreeMap::new();
        fields.extend(alert.output_fields.iter().map(|(k, v)| (k.as_str(), v)));
        fields.insert(time_field(cfg), &time);
        fields.extend(alert.extra_fields.iter().map(|(k, v)| (k.as_str(), v)));
        out.push_str(",\"output_fields\":{");
        for (i, (k, v)) in fields.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_json_str(out, k);
            out.push(':');
            push_json(out, v, 0);
        }
        out.push('}');
    }
    out.push_str(",\"priority\":");
    push_json_str(out, alert.priority.as_str());
    out.push_str(",\"rule\":");
    push_json_str(out, alert.rule);
    out.push_str(",\"source\":");
    push_json_str(out, alert.source);
    if cfg.json_include_tags_property {
        out.push_str(",\"tags\":[");
        for (i, t) in alert.tags.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_json_str(out, t);
        }
        out.push(']');
    }
    out.push_str(",\"time\":\"");
    push_iso8601(out, alert.time_ns, "Z");
    out.push_str("\"}");
}

/// Appends the alert as configured: JSON or text.
pub fn format_alert(cfg: &AlertConfig, alert: &Alert<'_>, out: &mut String) {
    if cfg.json_output {
        alert_json(cfg, alert, out);
    } else {
        alert_text(cfg, alert, out);
    }
}

/// Appends one of Falco's own messages (`source: internal`, e.g. `Falco internal: syscall event
/// drop`) as `falco_outputs::handle_msg` writes it: text `<HH:MM:SS.n>: <Priority> <msg> (k=v
/// ...)` with JSON-encoded values (always the local time of day), or JSON with keys `hostname,
/// output, output_fields, priority, rule, source, time`.
pub fn internal_message(
    cfg: &AlertConfig,
    time_ns: u64,
    priority: Priority,
    msg: &str,
    rule: &str,
    fields: &Map<String, Json>,
    out: &mut String,
) {
    let sorted: BTreeMap<&str, &Json> = fields.iter().map(|(k, v)| (k.as_str(), v)).collect();
    if cfg.json_output {
        out.push_str("{\"hostname\":");
        push_json_str(out, &cfg.hostname);
        out.push_str(",\"output\":");
        push_json_str(out, msg);
        out.push_str(",\"output_fields\":{");
        for (i, (k, v)) in sorted.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_json_str(out, k);
            out.push(':');
            push_json(out, v, 0);
        }
        out.push_str("},\"priority\":");
        push_json_str(out, priority.as_str());
        out.push_str(",\"rule\":");
        push_json_str(out, rule);
        out.push_str(",\"source\":\"internal\",\"time\":\"");
        push_iso8601(out, time_ns, "Z");
        out.push_str("\"}");
    } else {
        push_time_of_day(out, time_ns, cfg.utc_offset_secs);
        let _ = write!(out, ": {} {msg} (", priority.as_str());
        for (i, (k, v)) in sorted.into_iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(k);
            out.push('=');
            push_json(out, v, 0);
        }
        out.push(')');
    }
}

/// Appends a JSON string as nlohmann's `dump` writes it (no ASCII escaping of non-ASCII text).
pub fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        if esc.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(esc);
        }
        plain = i + 1;
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// Nesting bound for JSON values (output fields are flat or one list deep).
const MAX_JSON_DEPTH: u32 = 64;

/// Appends a JSON value compactly, object keys sorted (nlohmann's map order).
pub fn push_json(out: &mut String, v: &Json, depth: u32) {
    if depth > MAX_JSON_DEPTH {
        out.push_str("null");
        return;
    }
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Json::String(s) => push_json_str(out, s),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_json(out, item, depth + 1);
            }
            out.push(']');
        }
        Json::Object(map) => {
            let sorted: BTreeMap<&String, &Json> = map.iter().collect();
            out.push('{');
            for (i, (k, item)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_json_str(out, k);
                out.push(':');
                push_json(out, item, depth + 1);
            }
            out.push('}');
        }
    }
}
