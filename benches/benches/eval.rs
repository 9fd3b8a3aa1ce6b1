//! Per-event matching cost of the rules engine against Falco's upstream rules, on synthetic
//! syscall streams: the realistic mix (most events in no rule's bucket) and the execve-only
//! stream (the worst bucket: every process rule is indexed under execve), each through the
//! condition DAG and through the reference interpreter, whose ratio the issue asks for.
//!
//! Throughput is in events (`Throughput::Elements`): criterion's `elem/s` is events per second
//! and its time per iteration divided by `EVENTS` is the time per event.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use falcod_benches::{compile, engine, reference, reference_process, upstream_rules, RulesFile};
use falcod_probe::synthetic::{execve_only, realistic_mix, SyntheticEvent};
use falcod_rules::eval::engine::Engine;

/// Events per iteration: enough to mix every kind of event, small enough to stay in cache.
const EVENTS: usize = 10_000;
const SEED: u64 = 0x5eed_fa1c0;

fn run_dag(engine: &Engine, events: &[SyntheticEvent]) -> usize {
    let mut scratch = engine.scratch();
    let mut matches = 0;
    for ev in events {
        matches += engine.process(ev, &mut scratch, &mut |id| {
            black_box(id);
        });
    }
    matches
}

fn run_reference(engine: &Engine, events: &[SyntheticEvent]) -> usize {
    let reference = reference();
    events
        .iter()
        .map(|ev| reference_process(engine, &reference, ev))
        .sum()
}

fn bench_streams(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    engine: &Engine,
    with_reference: bool,
) {
    let streams = [
        ("realistic_mix", realistic_mix(SEED, EVENTS)),
        ("execve_only", execve_only(SEED, EVENTS)),
    ];
    for (name, events) in &streams {
        let dag = run_dag(engine, events);
        group.throughput(Throughput::Elements(events.len() as u64));
        group.bench_function(format!("{name}/dag"), |b| {
            b.iter(|| run_dag(engine, black_box(events)))
        });
        if with_reference {
            let by_reference = run_reference(engine, events);
            eprintln!("{name}: {dag} matches (DAG), {by_reference} (reference)");
            group.bench_function(format!("{name}/reference"), |b| {
                b.iter(|| run_reference(engine, black_box(events)))
            });
        } else {
            eprintln!("{name}: {dag} matches");
        }
    }
}

fn bench_files(c: &mut Criterion, id: &str, files: &[&RulesFile], with_reference: bool) {
    let built = compile(files).and_then(engine);
    let engine = match built {
        Ok(engine) => engine,
        Err(err) => {
            eprintln!("eval/{id}: skipped, {err}");
            return;
        }
    };
    let stats = engine.stats();
    eprintln!(
        "eval/{id}: {} rules, {} DAG nodes ({} shared), {} field slots",
        stats.rules, stats.nodes, stats.shared_nodes, stats.slots
    );
    let mut group = c.benchmark_group(format!("eval/{id}"));
    group.sample_size(20);
    bench_streams(&mut group, &engine, with_reference);
    group.finish();
}

fn eval(c: &mut Criterion) {
    let files = upstream_rules();
    let Some(stable) = files.iter().find(|f| f.name == "falco_rules.yaml") else {
        eprintln!("eval: the upstream falco_rules.yaml was not found; benchmark skipped");
        return;
    };
    bench_files(c, "stable", &[stable], true);
    if files.len() == falcod_benches::UPSTREAM_FILES.len() {
        let all: Vec<&RulesFile> = files.iter().collect();
        bench_files(c, "all_upstream", &all, true);
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3));
    targets = eval
}
criterion_main!(benches);
