//! Helpers shared by the integration tests: one rule loaded with the syscall schema, its
//! enforcement report, and the rules engine's answer on the Falco event equivalent to a request.

#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::sync::Arc;

use falcod_enforce::{EnforcementConfig, LsmRequest, Mode, Report, RequestEvent, Selector};
use falcod_rules::eval::engine::{Engine, EngineOptions};
use falcod_rules::ruleset::{CompiledRule, Ruleset};

/// Loads one rule (with an optional `enforce:` key) and returns it compiled.
pub fn load_rule(name: &str, condition: &str, enforce: Option<&str>) -> CompiledRule {
    let mut text = format!(
        "- rule: {}\n  desc: d\n  condition: {}\n  output: o\n  priority: WARNING\n",
        serde_json::to_string(name).expect("name"),
        serde_json::to_string(condition.trim()).expect("condition"),
    );
    if let Some(e) = enforce {
        text.push_str(&format!("  enforce: {e}\n"));
    }
    let mut b = falcod_conformance::builder();
    let res = b.load("case.yaml", text.as_bytes());
    assert!(
        res.successful(),
        "{name}: {}",
        falcod_conformance::describe_result(res)
    );
    let rs = b.ruleset().expect("ruleset");
    rs.rule(name).expect("rule").clone()
}

/// The enforcement report of one rule selected by name in enforce mode.
pub fn report_for(rule: &CompiledRule) -> Report {
    let rs = Ruleset {
        rules: vec![rule.clone()],
        ..Ruleset::default()
    };
    let cfg = EnforcementConfig {
        mode: Mode::Enforce,
        rules: vec![Selector::Rule(rule.info.name.clone())],
        persist: false,
        optional: false,
    };
    Report::new(&rs, &cfg)
}

/// Does the rules engine match the rule on the Falco event reporting `req` as `syscall`?
pub fn engine_matches(rule: &CompiledRule, req: &LsmRequest, syscall: &str) -> bool {
    let schema = falcod_probe::syscall_schema();
    let rs = Arc::new(Ruleset {
        rules: vec![rule.clone()],
        ..Ruleset::default()
    });
    let engine = Engine::new(rs, schema, EngineOptions::default()).expect("engine");
    let ev = RequestEvent::new(req, syscall, schema).expect("schema knows the syscall");
    let mut scratch = engine.scratch();
    engine.process(&ev, &mut scratch, &mut |_| {}) > 0
}
