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

use falcod_rules::ruleset::EngineConfig;

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
/// the workspace root.
pub fn upstream_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/falco-rules")
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
