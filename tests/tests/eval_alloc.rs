//! `Engine::process` performs no heap allocation per event once warmed up, on the realistic
//! synthetic syscall stream against Falco's upstream stable rules (every rule enabled).
//!
//! A counting global allocator (from `stats_alloc`, since the workspace forbids `unsafe`)
//! watches this whole test binary, which is why this test lives in a binary of its own. The
//! stream is generated before counting starts; a first pass over it grows the scratch buffers
//! to their working size; the counted passes must then allocate, reallocate and free nothing.

use std::alloc::System;
use std::sync::Arc;

use falcod_conformance::{builder, upstream_rules_dir_or_skip};
use falcod_probe::synthetic::{execve_only, realistic_mix};
use falcod_rules::eval::engine::{Engine, EngineOptions, RuleMatching, RuleSelector, Selection};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

#[test]
fn process_allocates_nothing_per_event_after_warm_up() {
    let Some(dir) = upstream_rules_dir_or_skip() else {
        return;
    };
    let content = std::fs::read(dir.join("falco_rules.yaml")).expect("read falco_rules.yaml");
    let mut b = builder();
    assert!(b.load("falco_rules.yaml", &content).successful());
    let ruleset = b.ruleset().expect("ruleset");

    let mut events = realistic_mix(42, 20_000);
    events.extend(execve_only(43, 2_000));

    for matching in [RuleMatching::First, RuleMatching::All] {
        let options = EngineOptions {
            rule_matching: matching,
            selections: vec![Selection::Enable {
                by: RuleSelector::Name(String::new()),
            }],
            ..EngineOptions::default()
        };
        let engine = Engine::new(
            Arc::clone(&ruleset),
            falcod_probe::syscall_schema(),
            options,
        )
        .expect("engine");
        let mut scratch = engine.scratch();
        let mut matched = vec![0usize; ruleset.rules.len()];
        let mut sink = |id: falcod_rules::eval::engine::RuleId| {
            if let Some(n) = matched.get_mut(id.0 as usize) {
                *n += 1;
            }
        };
        for ev in &events {
            engine.process(ev, &mut scratch, &mut sink);
        }

        let region = Region::new(GLOBAL);
        for _ in 0..2 {
            for ev in &events {
                engine.process(ev, &mut scratch, &mut sink);
            }
        }
        let stats = region.change();
        assert_eq!(
            (stats.allocations, stats.reallocations, stats.deallocations),
            (0, 0, 0),
            "{matching:?}: heap traffic while processing {} events twice",
            events.len()
        );

        let rules_hit: Vec<&str> = matched
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, _)| ruleset.rules[i].info.name.as_str())
            .collect();
        eprintln!("{matching:?}: rules that matched: {rules_hit:?}");
        assert!(
            rules_hit.len() >= 3,
            "{matching:?}: the stream should match several upstream rules, got {rules_hit:?}"
        );
    }
}
