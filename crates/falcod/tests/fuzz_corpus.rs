//! Replays the committed fuzz inputs (seeds in `fuzz/corpus/<target>/`, crash reproducers in
//! `fuzz/artifacts-kept/<target>/`) through the code each target fuzzes, so every input that
//! once crashed stays a regression test in the ordinary test run, without cargo-fuzz.

use std::path::{Path, PathBuf};

// The functions the fuzz targets run, one per target (`fuzz/harness.rs`).
#[path = "../../../fuzz/harness.rs"]
mod harness;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// Every file under `<fuzz>/<kind>/<target>/`, as (target, path), sorted for stable output.
fn inputs(kind: &str) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let Ok(targets) = std::fs::read_dir(fuzz_dir().join(kind)) else {
        return found;
    };
    for target in targets.filter_map(Result::ok) {
        let name = target.file_name().to_string_lossy().into_owned();
        let Ok(files) = std::fs::read_dir(target.path()) else {
            continue;
        };
        for f in files.filter_map(Result::ok) {
            if f.path().is_file() {
                found.push((name.clone(), f.path()));
            }
        }
    }
    found.sort();
    found
}

/// What the target of that name does with its input.
fn replay(target: &str, data: &[u8]) {
    let Some((_, run)) = harness::TARGETS.iter().find(|(name, _)| *name == target) else {
        panic!("fuzz input for unknown target {target}: add it to fuzz/harness.rs");
    };
    run(data);
}

#[test]
fn corpus_and_kept_artifacts_replay_without_panics() {
    let seeds = inputs("corpus");
    for (target, _) in harness::TARGETS {
        assert!(
            seeds.iter().any(|(t, _)| t == target),
            "the committed {target} corpus is missing from {}",
            fuzz_dir().display()
        );
    }
    for (target, path) in seeds.iter().chain(inputs("artifacts-kept").iter()) {
        let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // A panic here names the input through the test's output.
        eprintln!("replaying {target}: {}", path.display());
        replay(target, &data);
    }
}
