//! `Engine::process` allocates nothing per event once warmed up: a counting global allocator
//! watches a synthetic 400-rule ruleset, alone and with rules using every transformer, run over
//! a mixed stream. (The stream's events are built before counting starts; extracting from them
//! copies into the scratch buffer only.)

mod eval_common;

use std::alloc::System;

use falcod_rules::eval::engine::{Engine, EngineOptions, RuleId, RuleMatching};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

// Counts every allocation of this test binary (the workspace forbids `unsafe`, so the counting
// allocator comes from a crate).
#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Rules over every transformer (nested ones too), each matching some event of the stream.
fn transformer_rules() -> String {
    let conditions = [
        "evt.type = execve and toupper(t.name) = PROG5",
        "evt.type in (open, execve) and toupper(t.anc) = CRON",
        "b64(t.name) exists or basename(t.path) = shadow",
        "len(t.path) > 10 and len(t.list) = 3",
        "join(\",\", t.list) contains adm",
        "concat(t.name, t.anc[0]) startswith bashparent",
        "getopt(t.list, \"ab:\")[b] exists or len(getopt(t.list, \"a:\")) > 0",
        "toupper(concat(tolower(t.name), t.anc[0])) = BASHPARENT1 and basename(t.path) = shadow",
        "join(\"-\", (t.name, toupper(t.anc[1]))) = \"bash-SYSTEMD\"",
        "toupper(t.name) = val(t.anc[1]) or tolower(t.path) glob \"/tmp/*\"",
    ];
    let mut yaml = eval_common::synthetic_rules(400);
    for (i, c) in conditions.iter().enumerate() {
        yaml += &eval_common::rule_yaml(&format!("transformers {i}"), c, "WARNING", &[], true);
    }
    yaml
}

// One test function: the counter is global, so a second test running in parallel would count
// its own allocations here.
#[test]
fn process_allocates_nothing_after_warm_up() {
    run(&eval_common::synthetic_rules(400));
    run(&transformer_rules());
}

fn run(rules: &str) {
    let ruleset = eval_common::compile(rules);
    let schema = eval_common::schema();
    // Option words in the list field, for getopt.
    let words = ["-ab", "val", "admin"].map(|w| eval_common::TestValue::Str(w.to_string()));
    let events: Vec<_> = eval_common::synthetic_events()
        .into_iter()
        .map(
            |ev| match ev.fields.contains_key(&eval_common::field_id("t.list")) {
                true => ev.with("t.list", words.to_vec()),
                false => ev,
            },
        )
        .collect();
    for matching in [RuleMatching::First, RuleMatching::All] {
        let options = EngineOptions {
            rule_matching: matching,
            ..EngineOptions::default()
        };
        let engine = Engine::new(ruleset.clone(), &schema, options).expect("engine");
        let mut scratch = engine.scratch();
        let mut matches = 0usize;
        let mut per_rule = vec![0u32; ruleset.rules.len()];
        let mut sink = |id: RuleId| {
            matches += 1;
            per_rule[id.0 as usize] += 1;
        };
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
        if matching == RuleMatching::All {
            // Every transformer rule is exercised on a matching path, not only on misses.
            for (rule, n) in ruleset.rules.iter().zip(&per_rule) {
                if rule.info.name.starts_with("transformers") {
                    assert!(*n > 0, "{} never matched", rule.info.name);
                }
            }
        }
    }
}
