//! Measures the cost of enforcement's userspace parts: compiling every upstream rule (selected
//! with `*`) and the policy's decision per request (the dry-run path), with growing numbers of
//! enforced rules.
//!
//! ```text
//! cargo run --release -p falcod-enforce --example cost -- ../shared/falco-rules
//! ```
//!
//! Wall-clock figures on a shared machine vary: repeat the run, or count instructions with
//! `valgrind --tool=callgrind`.

use std::sync::Arc;
use std::time::Instant;

use falcod_enforce::{
    EnforcementConfig, Hook, LsmRequest, Mode, Policy, Report, RulePolicy, Selector, Verdict,
};
use falcod_rules::ruleset::{EngineConfig, RulesetBuilder};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/falco-rules".to_string());
    // The syscall source and the built-in container plugin, as the CLI loads rules.
    let mut builder = falcod_conformance::builder();
    for f in [
        "falco_rules.yaml",
        "falco-incubating_rules.yaml",
        "falco-sandbox_rules.yaml",
    ] {
        let path = format!("{dir}/{f}");
        let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(builder.load(f, &text).successful(), "{path} loads");
    }
    let ruleset = builder.ruleset().expect("upstream rules load");
    let cfg = EnforcementConfig {
        mode: Mode::Enforce,
        rules: vec![Selector::Rule("*".into())],
        ..EnforcementConfig::default()
    };
    let reps = 20;
    let t = Instant::now();
    let mut report = Report::new(&ruleset, &cfg);
    for _ in 1..reps {
        report = Report::new(&ruleset, &cfg);
    }
    let per = t.elapsed() / reps;
    let ok = report.rules.iter().filter(|r| r.outcome.is_ok()).count();
    println!(
        "compile {} upstream rules ({ok} enforceable): {per:?} per run",
        report.rules.len()
    );

    // Synthetic policies of N rules on file_open, each a path set and an exception list.
    for n in [1usize, 10, 60] {
        let rules: Vec<RulePolicy> = (0..n).map(synthetic_rule).collect();
        let policy = Policy::build(rules).expect("fits");
        let mut req = LsmRequest::new(Hook::FileOpen);
        req.comm = Some("cat".into());
        req.open_read = true;
        let paths: Vec<String> = (0..1000)
            .map(|i| format!("/etc/app{}/file{}", i % 80, i))
            .collect();
        let iters = 200_000;
        let t = Instant::now();
        let mut hits = 0u64;
        for k in 0..iters {
            req.path = Some(paths[k % paths.len()].clone());
            if policy.decide(&req).is_some() {
                hits += 1;
            }
        }
        let ns = t.elapsed().as_nanos() as f64 / iters as f64;
        println!("decide with {n:3} rules on file_open: {ns:.0} ns/request ({hits} hits)");
    }
}

/// A rule like "read below /etc/appI by anything but a few programs".
fn synthetic_rule(i: usize) -> RulePolicy {
    let text = format!(
        "- rule: r{i}\n  desc: d\n  condition: evt.type in (open, openat, openat2, creat) and \
         evt.is_open_read = true and fd.name startswith /etc/app{i}/ and not proc.name in (a{i}, b{i}, c{i})\n  \
         output: o\n  priority: INFO\n"
    );
    let schema = Arc::new(falcod_probe::syscall_schema().clone());
    let mut b = RulesetBuilder::new(EngineConfig::new(vec![schema]));
    assert!(b.load("s.yaml", text.as_bytes()).successful());
    let rs = b.ruleset().expect("loaded");
    falcod_enforce::compile::compile_rule(&rs.rules[0], Verdict::Block).expect("enforceable")
}
