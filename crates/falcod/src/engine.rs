//! The rules engine as the CLI uses it: one builder over the syscall source, files loaded into
//! it in order, and the embedded default rules.

use std::sync::Arc;

use falcod_rules::result::FileResult;
use falcod_rules::ruleset::{EngineConfig, RulesetBuilder};

use crate::logger::{log, Level};

/// The default rules compiled into the binary.
pub const DEFAULT_RULES: &str = include_str!("../../../rules/falcod_rules.yaml");

/// The content name the embedded default rules are loaded under (it appears in messages).
pub const DEFAULT_RULES_NAME: &str = "falcod_rules.yaml (embedded)";

/// A builder over the syscall source with the engine's defaults. The container plugin's fields
/// are built into the syscall source, so rules that require the plugin find it provided.
pub fn new_builder() -> RulesetBuilder {
    let schema = Arc::new(falcod_probe::syscall_schema().clone());
    let mut config = EngineConfig::new(vec![schema]);
    config.builtin_plugins = vec![(
        "container".to_string(),
        falcod_probe::CONTAINER_PLUGIN_COMPAT_VERSION.to_string(),
    )];
    RulesetBuilder::new(config)
}

/// Falco's verbose rendering of a load result (`<file>: Ok`, or the errors and warnings with
/// their locations and snippets).
///
/// falcod's notes (facts that are neither errors nor warnings, such as a plugin requirement met
/// by built-in fields) are not part of Falco's rendering: they are logged instead, so stdout
/// stays what Falco prints.
pub fn verbose(builder: &RulesetBuilder, result: &FileResult) -> String {
    for note in &result.notes {
        log(Level::Info, &format!("{}: {note}", result.name));
    }
    let without_notes = FileResult {
        notes: Vec::new(),
        ..result.clone()
    };
    falcod_rules::report::verbose(&without_notes, &|name: &str| builder.content(name))
}

/// Falco's JSON rendering of a load result.
pub fn to_json(builder: &RulesetBuilder, result: &FileResult) -> serde_json::Value {
    falcod_rules::report::to_json(result, &|name: &str| builder.content(name))
}
