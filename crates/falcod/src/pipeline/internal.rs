//! The daemon's own alerts (`source: internal`): syscall event drops, metrics snapshots, hot
//! restart failures. Same keys as rule alerts, written by Falco's `handle_msg` layout.

use falcod_rules::format::alert::internal_message;
use falcod_rules::load::info::Priority;
use serde_json::{Map, Value as Json};

use super::Runtime;
use crate::outputs::Alert;

/// Formats an internal alert for the outputs.
pub fn alert(
    rt: &Runtime,
    needs_json: bool,
    time_ns: u64,
    priority: Priority,
    msg: &str,
    rule: &str,
    fields: &Map<String, Json>,
) -> Alert {
    let mut line = String::new();
    internal_message(&rt.alert, time_ns, priority, msg, rule, fields, &mut line);
    let json = (needs_json && !rt.alert.json_output).then(|| {
        let mut json = String::new();
        internal_message(
            &rt.json_alert,
            time_ns,
            priority,
            msg,
            rule,
            fields,
            &mut json,
        );
        json
    });
    Alert {
        time_ns,
        priority,
        rule: rule.to_string(),
        line,
        json,
    }
}
