//! How long loading and compiling Falco's upstream rules files takes, each file alone and the
//! three together in one builder (the way Falco loads several `-r` files).

use std::hint::black_box;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use falcod_benches::{upstream_rules, RulesFile};
use falcod_rules::ruleset::{EngineConfig, RulesetBuilder};

fn load_all(config: &EngineConfig, files: &[&RulesFile]) -> usize {
    let mut builder = RulesetBuilder::new(config.clone());
    for f in files {
        let result = builder.load(&f.name, &f.content);
        assert!(result.successful(), "{} failed to load", f.name);
    }
    builder.ruleset().map_or(0, |r| r.rules.len())
}

fn load_rules(c: &mut Criterion) {
    let files = upstream_rules();
    if files.is_empty() {
        eprintln!("load_rules: no upstream rules files found; benchmark skipped");
        return;
    }
    let config = EngineConfig::new(vec![Arc::new(falcod_probe::syscall_schema().clone())]);
    let mut group = c.benchmark_group("load_rules");
    for f in &files {
        group.bench_function(f.name.as_str(), |b| {
            b.iter(|| load_all(&config, black_box(&[f])))
        });
    }
    if files.len() > 1 {
        let all: Vec<&RulesFile> = files.iter().collect();
        group.bench_function("all_together", |b| {
            b.iter(|| load_all(&config, black_box(&all)))
        });
    }
    group.finish();
}

criterion_group!(benches, load_rules);
criterion_main!(benches);
