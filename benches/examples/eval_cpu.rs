//! Per-event evaluation cost in CPU time, for machines where wall-clock benchmarks are
//! disturbed by other work: the same streams and engines as the `eval` bench, timed with the
//! thread's on-CPU time from `/proc/thread-self/schedstat` (Linux), which does not count the
//! time the thread waits for a core. Best of several rounds, in ns per event.
//!
//! `cargo run --release -p falcod-benches --example eval_cpu [events] [rounds] [dag|all] [stream]`

use std::hint::black_box;

use falcod_benches::{compile, engine, reference, reference_process, upstream_rules, RulesFile};
use falcod_probe::synthetic::{execve_only, realistic_mix, SyntheticEvent};
use falcod_rules::eval::engine::Engine;

const SEED: u64 = 0x5eed_fa1c0;

/// The thread's on-CPU time in ns, or wall time when schedstat is unavailable.
fn cpu_ns(start: std::time::Instant) -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| start.elapsed().as_nanos() as u64)
}

/// Best of `rounds` rounds; each round repeats `run` for about 200 ms, because the kernel
/// brings schedstat up to date only at scheduler ticks.
fn best_of(rounds: usize, events: usize, mut run: impl FnMut() -> usize) -> f64 {
    let start = std::time::Instant::now();
    black_box(run());
    let once = start.elapsed().as_secs_f64().max(1e-6);
    let reps = ((0.2 / once).ceil() as usize).max(1);
    let mut best = f64::MAX;
    for _ in 0..rounds {
        let before = cpu_ns(start);
        for _ in 0..reps {
            black_box(run());
        }
        let spent = cpu_ns(start) - before;
        best = best.min(spent as f64 / (events * reps) as f64);
    }
    best
}

struct Run<'a> {
    n: usize,
    rounds: usize,
    with_reference: bool,
    only: &'a str,
}

fn measure(id: &str, files: &[&RulesFile], run: &Run<'_>) {
    let Run {
        n,
        rounds,
        with_reference,
        only,
    } = *run;
    let Ok(engine) = compile(files).and_then(engine) else {
        eprintln!("{id}: could not build the engine");
        return;
    };
    let engine: &Engine = &engine;
    for (name, events) in [
        ("realistic_mix", realistic_mix(SEED, n)),
        ("execve_only", execve_only(SEED, n)),
    ] {
        if !name.contains(only) {
            continue;
        }
        let events: &[SyntheticEvent] = &events;
        let dag = best_of(rounds, n, || {
            let mut scratch = engine.scratch();
            events
                .iter()
                .map(|ev| {
                    engine.process(ev, &mut scratch, &mut |id| {
                        black_box(id);
                    })
                })
                .sum()
        });
        if !with_reference {
            println!("{id:>12} {name:<14} dag {dag:>8.1} ns/event");
            continue;
        }
        let r = reference();
        let by_reference = best_of(rounds.div_ceil(3), n, || {
            events
                .iter()
                .map(|ev| reference_process(engine, &r, ev))
                .sum()
        });
        println!(
            "{id:>12} {name:<14} dag {dag:>8.1} ns/event  reference {by_reference:>9.1} ns/event  ratio {:.1}x",
            by_reference / dag
        );
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let rounds = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    // `dag` as third argument: skip the (slow) reference interpreter, e.g. when profiling.
    let with_reference = args.next().as_deref() != Some("dag");
    // A fourth argument keeps only the streams whose name contains it (`mix`, `execve`).
    let only = args.next().unwrap_or_default();
    let files = upstream_rules();
    let Some(stable) = files.iter().find(|f| f.name == "falco_rules.yaml") else {
        eprintln!("the upstream falco_rules.yaml was not found");
        return;
    };
    let run = Run {
        n,
        rounds,
        with_reference,
        only: &only,
    };
    measure("stable", &[stable], &run);
    if files.len() == falcod_benches::UPSTREAM_FILES.len() {
        let all: Vec<&RulesFile> = files.iter().collect();
        measure("all_upstream", &all, &run);
    }
}
