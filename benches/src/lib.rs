//! Shared inputs for falcod's criterion benchmarks.
//!
//! The benchmarks measure the rules engine on Falco's own upstream rules files, which are test
//! data kept beside the repository (`../shared/falco-rules`), never inside it. This crate finds
//! them and hands them to the benches; when they are absent the benches print why and skip.
//!
//! ```
//! // Absent files are a skip, not an error.
//! let found = falcod_benches::upstream_rules();
//! assert!(found.iter().all(|f| !f.content.is_empty()));
//! ```
#![deny(missing_docs)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use falcod_rules::eval::engine::{Engine, EngineOptions, RuleMatching, RuleSelector, Selection};
use falcod_rules::eval::reference::Reference;
use falcod_rules::event::Event;
use falcod_rules::ruleset::{EngineConfig, Ruleset, RulesetBuilder};

/// The upstream Falco rules files, in the order Falco's docs load them.
pub const UPSTREAM_FILES: [&str; 3] = [
    "falco_rules.yaml",
    "falco-incubating_rules.yaml",
    "falco-sandbox_rules.yaml",
];

/// One rules file read for a benchmark.
#[derive(Debug, Clone)]
pub struct RulesFile {
    /// The file name (used as the content name when loading).
    pub name: String,
    /// Its bytes.
    pub content: Vec<u8>,
}

/// The directory the upstream rules files are expected in: `../shared/falco-rules` seen from
/// the workspace root, unless the environment variable `FALCOD_UPSTREAM_RULES` names another
/// directory (for checkouts that do not sit beside `shared/`).
pub fn upstream_dir() -> PathBuf {
    match std::env::var_os("FALCOD_UPSTREAM_RULES") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/falco-rules"),
    }
}

/// Reads the upstream rules files that exist, in [`UPSTREAM_FILES`] order. Files that are
/// missing or unreadable are reported on stderr and left out.
pub fn upstream_rules() -> Vec<RulesFile> {
    let dir = upstream_dir();
    let mut found = Vec::new();
    for name in UPSTREAM_FILES {
        let path = dir.join(name);
        match std::fs::read(&path) {
            Ok(content) => found.push(RulesFile {
                name: name.to_string(),
                content,
            }),
            Err(err) => eprintln!(
                "falcod-benches: skipping {} ({err}); the upstream rules are expected in {}",
                name,
                dir.display()
            ),
        }
    }
    found
}

/// The engine configuration falcod runs with: the syscall source, with the container plugin's
/// fields built in (the upstream rules require that plugin).
pub fn engine_config() -> EngineConfig {
    let mut config = EngineConfig::new(vec![Arc::new(falcod_probe::syscall_schema().clone())]);
    config.builtin_plugins = vec![(
        "container".to_string(),
        falcod_probe::CONTAINER_PLUGIN_COMPAT_VERSION.to_string(),
    )];
    config
}

/// Loads the files in order into one builder and returns the compiled ruleset, or the name of
/// the first file that failed to load.
pub fn compile(files: &[&RulesFile]) -> Result<Arc<Ruleset>, String> {
    let mut builder = RulesetBuilder::new(engine_config());
    for f in files {
        if !builder.load(&f.name, &f.content).successful() {
            return Err(f.name.clone());
        }
    }
    builder
        .ruleset()
        .ok_or_else(|| "no ruleset was produced".to_string())
}

/// The engine the evaluation benchmarks measure: the syscall source, first match only (Falco's
/// default), and every rule enabled, those the files disable included, so that every
/// condition of the files is in the DAG.
pub fn engine(ruleset: Arc<Ruleset>) -> Result<Engine, String> {
    let options = EngineOptions {
        rule_matching: RuleMatching::First,
        selections: vec![Selection::Enable {
            by: RuleSelector::Name(String::new()),
        }],
        ..EngineOptions::default()
    };
    Engine::new(ruleset, falcod_probe::syscall_schema(), options).map_err(|e| e.to_string())
}

/// The engine for a named set of the upstream rules: `"all"` (the three files) or anything else
/// for the stable file alone, as the examples take it on their command lines.
pub fn upstream_engine(set: &str) -> Result<Engine, String> {
    let files = upstream_rules();
    let chosen: Vec<&RulesFile> = match set {
        "all" => files.iter().collect(),
        _ => files
            .iter()
            .filter(|f| f.name == "falco_rules.yaml")
            .collect(),
    };
    if chosen.is_empty() {
        return Err("the upstream rules were not found".to_string());
    }
    compile(&chosen).and_then(engine)
}

/// The same matching as [`Engine::process`] with [`RuleMatching::First`], done by the
/// reference interpreter: the engine's own event-type bucket picks the candidate rules (so
/// both do the same indexing work) and each candidate's expanded condition is interpreted.
/// Returns the number of matches (0 or 1).
pub fn reference_process<E: Event + ?Sized>(
    engine: &Engine,
    reference: &Reference<'_>,
    event: &E,
) -> usize {
    for id in engine.bucket(event.event_type()) {
        if reference.eval(&engine.rule(id).condition, event) {
            return 1;
        }
    }
    0
}

/// The interpreter matching [`engine`]'s schema.
pub fn reference() -> Reference<'static> {
    Reference::new(falcod_probe::syscall_schema())
}
