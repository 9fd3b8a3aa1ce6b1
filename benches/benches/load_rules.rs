//! How long loading and compiling Falco's upstream rules files takes, each file alone and the
//! three together in one builder (the way Falco loads several `-r` files).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use falcod_benches::{engine_config, upstream_rules, RulesFile};
use falcod_rules::ruleset::{EngineConfig, RulesetBuilder};

/// Loads the files in order into one builder; the number of compiled rules, or the name of the
/// first file that failed.
fn load_all(config: &EngineConfig, files: &[&RulesFile]) -> Result<usize, String> {
    let mut builder = RulesetBuilder::new(config.clone());
    for f in files {
        if !builder.load(&f.name, &f.content).successful() {
            return Err(f.name.clone());
        }
    }
    Ok(builder.ruleset().map_or(0, |r| r.rules.len()))
}

/// Benchmarks one set of files, after checking once that it loads: a set that fails is
/// reported and skipped rather than timed.
fn bench_set(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    config: &EngineConfig,
    id: &str,
    files: &[&RulesFile],
) {
    match load_all(config, files) {
        Ok(rules) => {
            eprintln!("load_rules/{id}: {rules} rules");
            group.bench_function(id, |b| b.iter(|| load_all(config, black_box(files))));
        }
        Err(failed) => eprintln!("load_rules/{id}: skipped, {failed} does not load"),
    }
}

fn load_rules(c: &mut Criterion) {
    let files = upstream_rules();
    if files.is_empty() {
        eprintln!("load_rules: no upstream rules files found; benchmark skipped");
        return;
    }
    let config = engine_config();
    let mut group = c.benchmark_group("load_rules");
    for f in &files {
        bench_set(&mut group, &config, &f.name, &[f]);
    }
    if files.len() > 1 {
        let all: Vec<&RulesFile> = files.iter().collect();
        bench_set(&mut group, &config, "all_together", &all);
    }
    group.finish();
}

criterion_group!(benches, load_rules);
criterion_main!(benches);
