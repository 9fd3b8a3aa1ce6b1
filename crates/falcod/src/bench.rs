//! `falcod bench`: how fast the loaded rules match events on one thread.
//!
//! The rules are loaded as for a run (`-r`, else the configured files, else the embedded
//! defaults) and compiled into one engine with the files' own `enabled` flags and Falco's
//! default first-match semantics. A synthetic syscall stream (later: a capture file) is
//! generated up front, then timed through `Engine::process`: one untimed pass to warm caches
//! and scratch buffers, then one timed pass.
//!
//! Per-rule cost is measured by isolation: for each enabled rule, an engine holding only that
//! rule runs the same stream (warm-up pass, timed pass), and an engine with no rule enabled
//! gives the fixed per-event cost (bucket lookup, loop), which is subtracted. A rule's
//! `ns_per_event` is therefore its cost spread over every event of the stream, and its
//! `share` is its part of the sum over all rules. Isolated runs each pay their own field
//! extraction, which the full engine shares between rules, and they do not stop at an earlier
//! match, so the sum exceeds the full engine's figure: shares rank rules, they do not
//! partition the total. Overhead: two extra passes over the stream per enabled rule, plus
//! compiling one engine per rule.

use std::sync::Arc;
use std::time::Instant;

use falcod_probe::state::replay_file;
use falcod_probe::synthetic::{execve_only, realistic_mix};
use falcod_rules::eval::engine::{Engine, EngineOptions, RuleId, RuleSelector, Selection};
use falcod_rules::event::Event;
use falcod_rules::ruleset::Ruleset;
use serde_json::json;

use crate::cli::{BenchArgs, BenchFormat, BenchMix, Cli};
use crate::settings::Settings;
use crate::{actions, engine, Outcome};

/// One rule's isolated cost.
struct RuleCost {
    name: String,
    ns_per_event: f64,
    share: f64,
}

/// What one bench run measured.
struct Report {
    mix: &'static str,
    events: usize,
    rules_enabled: usize,
    elapsed_ns: f64,
    matches: usize,
    baseline_ns_per_event: f64,
    rules: Vec<RuleCost>,
}

impl Report {
    fn ns_per_event(&self) -> f64 {
        self.elapsed_ns / self.events as f64
    }

    fn events_per_sec(&self) -> f64 {
        self.events as f64 * 1e9 / self.elapsed_ns.max(1.0)
    }
}

/// Runs `falcod bench`.
pub fn run(cli: &Cli, settings: &Settings, args: &BenchArgs) -> Outcome {
    let mut builder = engine::new_builder();
    let entries = if args.rules.is_empty() {
        &cli.rules
    } else {
        &args.rules
    };
    actions::load_rules_from(entries, settings, &mut builder)?;
    let ruleset = builder
        .ruleset()
        .ok_or_else(|| "no rules were loaded".to_string())?;
    let full = build(&ruleset, Vec::new())?;

    // Bounded by the flag's parser to 10 million.
    let n = usize::try_from(args.events).unwrap_or(usize::MAX);
    if let Some(path) = &args.capture {
        // Rules see exit events only; the state is built while reading, before timing.
        let mut events = Vec::new();
        replay_file(path, |ev| {
            if !ev.enter {
                events.push(ev.clone());
            }
            events.len() < n
        })
        .map_err(|e| format!("{}: {e}", path.display()))?;
        if events.is_empty() {
            return Err(format!("{}: no events to run", path.display()));
        }
        return measure(args, &ruleset, &full, "capture", &events);
    }
    let (mix, events) = match args.mix {
        BenchMix::Realistic => ("realistic", realistic_mix(args.seed, n)),
        BenchMix::Execve => ("execve", execve_only(args.seed, n)),
    };
    measure(args, &ruleset, &full, mix, &events)
}

/// Times the full engine, the empty engine and each rule alone over `events`, and prints the
/// report.
fn measure<E: Event>(
    args: &BenchArgs,
    ruleset: &Arc<Ruleset>,
    full: &Engine,
    mix: &'static str,
    events: &[E],
) -> Outcome {
    let rules_enabled = full.enabled_rules().count();
    let (elapsed_ns, matches) = timed_pass(full, events);
    let nobody = build(
        ruleset,
        vec![Selection::Disable {
            by: RuleSelector::Name(String::new()),
        }],
    )?;
    let baseline_ns_per_event = timed_pass(&nobody, events).0 / events.len() as f64;

    let mut rules = Vec::with_capacity(rules_enabled);
    for id in full.enabled_rules().collect::<Vec<RuleId>>() {
        let name = full.rule(id).info.name.clone();
        let alone = build(
            ruleset,
            vec![
                Selection::Disable {
                    by: RuleSelector::Name(String::new()),
                },
                Selection::Enable {
                    by: RuleSelector::Exact(name.clone()),
                },
            ],
        )?;
        let ns = timed_pass(&alone, events).0 / events.len() as f64;
        rules.push(RuleCost {
            name,
            ns_per_event: (ns - baseline_ns_per_event).max(0.0),
            share: 0.0,
        });
    }
    let total: f64 = rules.iter().map(|r| r.ns_per_event).sum();
    for r in &mut rules {
        r.share = if total > 0.0 {
            r.ns_per_event / total
        } else {
            0.0
        };
    }
    rules.sort_by(|a, b| b.ns_per_event.total_cmp(&a.ns_per_event));
    rules.truncate(args.top);

    let report = Report {
        mix,
        events: events.len(),
        rules_enabled,
        elapsed_ns,
        matches,
        baseline_ns_per_event,
        rules,
    };
    match args.format {
        BenchFormat::Json => println!("{}", to_json(&report)),
        BenchFormat::Text => print!("{}", to_text(&report)),
    }
    Ok(())
}

fn build(ruleset: &Arc<Ruleset>, selections: Vec<Selection>) -> Result<Engine, String> {
    let options = EngineOptions {
        selections,
        ..EngineOptions::default()
    };
    Engine::new(Arc::clone(ruleset), falcod_probe::syscall_schema(), options)
        .map_err(|e| e.to_string())
}

/// One warm-up pass, then one timed pass: (elapsed ns, matches in the timed pass).
fn timed_pass<E: Event>(engine: &Engine, events: &[E]) -> (f64, usize) {
    let mut scratch = engine.scratch();
    let mut sink = |_| {};
    for ev in events {
        engine.process(ev, &mut scratch, &mut sink);
    }
    let start = Instant::now();
    let mut matches = 0;
    for ev in events {
        matches += engine.process(ev, &mut scratch, &mut sink);
    }
    (start.elapsed().as_nanos() as f64, matches)
}

fn to_json(r: &Report) -> serde_json::Value {
    json!({
        "mix": r.mix,
        "events": r.events,
        "rules_enabled": r.rules_enabled,
        "matches": r.matches,
        "elapsed_ns": r.elapsed_ns,
        "events_per_sec": r.events_per_sec(),
        "ns_per_event": r.ns_per_event(),
        "baseline_ns_per_event": r.baseline_ns_per_event,
        "rules": r.rules.iter().map(|c| json!({
            "name": c.name,
            "ns_per_event": c.ns_per_event,
            "share": c.share,
        })).collect::<Vec<_>>(),
    })
}

fn to_text(r: &Report) -> String {
    let mut out = format!(
        "{} events ({} mix), {} rules enabled, one thread\n\
         {:.0} events/s, {:.1} ns/event, {} matches (first match per event)\n\
         dispatch alone (no rule enabled): {:.1} ns/event\n",
        r.events,
        r.mix,
        r.rules_enabled,
        r.events_per_sec(),
        r.ns_per_event(),
        r.matches,
        r.baseline_ns_per_event,
    );
    if !r.rules.is_empty() {
        out.push_str("most expensive rules (each alone, ns per stream event, share of the sum):\n");
        for c in &r.rules {
            out.push_str(&format!(
                "  {:>9.2} ns  {:>5.1}%  {}\n",
                c.ns_per_event,
                c.share * 100.0,
                c.name
            ));
        }
    }
    out
}
