//! `Engine::process` allocates nothing per event once warmed up: a counting global allocator
//! watches a synthetic 400-rule ruleset run over a mixed stream. (The stream's events are built
//! before counting starts; extracting from them copies into the scratch buffer only.)

mod eval_common;

use std::alloc::System;

use falcod_rules::eval::engine::{Engine, EngineOptions, RuleMatching};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

// Counts every allocation of this test binary (the workspace forbids `unsafe`, so the counting
// allocator comes from a crate).
#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

#[test]
fn process_allocates_nothing_after_warm_up() {
    let ruleset = eval_common::compile(&eval_common::synthetic_rules(400));
    let schema = eval_common::schema();
    let events = eval_common::synthetic_events();
    for matching in [RuleMatching::First, RuleMatching::All] {
        let options = EngineOptions {
            rule_matching: matching,
            ..EngineOptions::default()
        };
        let engine = Engine::new(ruleset.clone(), &schema, options).expect("engine");
        let mut scratch = engine.scratch();
        let mut matches = 0usize;
        let mut sink = |_| matches += 1;
        for ev in &events {
            engine.process(ev, &mut scratch, &mut sink);
        }
        let region = Region::new(GLOBAL);
        for _ in 0..3 {
            for ev in &events {
                engine.process(ev, &mut scratch, &mut sink);
            }
        }
        let stats = region.change();
        assert_eq!(
            (stats.allocations, stats.reallocations),
            (0, 0),
            "{matching:?}: allocations while processing"
        );
        assert!(
            matches > 0,
            "{matching:?}: the stream should match some rules"
        );
    }
}
