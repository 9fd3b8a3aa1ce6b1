//! Every macro and rule condition of the upstream Falco rules files parses, quickly, and prints
//! to a canonical form that parses back to the same tree.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use falcod_rules::parse::{
    canonical_form_reads_back, parse_condition_with, ParseOptions, FALCO_MAX_DEPTH,
};

/// The upstream rules files live beside the repository (`../shared/falco-rules` from its root);
/// a git worktree may sit one directory deeper.
fn rules_dir() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for up in [
        "../../../shared/falco-rules",
        "../../../../shared/falco-rules",
    ] {
        let dir = manifest.join(up);
        if dir.is_dir() {
            return dir;
        }
    }
    panic!("upstream rules files not found beside the repository (shared/falco-rules)");
}

/// `(file, item name, condition)` for every macro and rule with a condition.
fn upstream_conditions() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for file in [
        "falco_rules.yaml",
        "falco-incubating_rules.yaml",
        "falco-sandbox_rules.yaml",
    ] {
        let text = std::fs::read_to_string(rules_dir().join(file)).expect("readable rules file");
        let items: Vec<serde_yaml::Value> =
            serde_yaml::from_str(&text).expect("rules file is YAML");
        for item in items {
            let name = item
                .get("macro")
                .or_else(|| item.get("rule"))
                .and_then(|v| v.as_str());
            let cond = item.get("condition").and_then(|v| v.as_str());
            if let (Some(name), Some(cond)) = (name, cond) {
                out.push((file.to_string(), name.to_string(), cond.to_string()));
            }
        }
    }
    out
}

#[test]
fn every_upstream_condition_parses_and_round_trips() {
    let conditions = upstream_conditions();
    assert!(
        conditions.len() > 300,
        "only {} conditions found",
        conditions.len()
    );
    let opts = ParseOptions {
        max_depth: FALCO_MAX_DEPTH,
    };
    let mut unfaithful = 0;
    for (file, name, cond) in &conditions {
        let expr = parse_condition_with(cond, &opts)
            .unwrap_or_else(|e| panic!("{file}: {name}: {e} at {}", e.pos));
        let printed = expr.to_string();
        if !canonical_form_reads_back(&expr) {
            unfaithful += 1;
            continue;
        }
        let again = parse_condition_with(&printed, &opts)
            .unwrap_or_else(|e| panic!("{file}: {name}: canonical form {printed:?}: {e}"));
        assert_eq!(expr, again, "{file}: {name}: canonical form {printed:?}");
        assert_eq!(
            again.to_string(),
            printed,
            "{file}: {name}: printing is not stable"
        );
    }
    // a handful of upstream conditions compare with "" (printed as nothing, like Falco does)
    assert!(unfaithful < 10, "{unfaithful} conditions skipped");
}

/// The brief's budget is well under 5 ms for all conditions in an optimised build; an
/// unoptimised test build is several times slower, so this only guards against blowups.
#[test]
fn parsing_all_upstream_conditions_is_fast() {
    let conditions = upstream_conditions();
    let opts = ParseOptions {
        max_depth: FALCO_MAX_DEPTH,
    };
    let mut best = Duration::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        for (_, _, cond) in &conditions {
            assert!(parse_condition_with(cond, &opts).is_ok());
        }
        best = best.min(start.elapsed());
    }
    eprintln!("parsed {} conditions in {best:?}", conditions.len());
    assert!(best < Duration::from_millis(100), "parsing took {best:?}");
}
