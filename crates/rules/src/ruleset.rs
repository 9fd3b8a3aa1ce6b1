//! The public entry point: load rules files into a builder, get a compiled, immutable ruleset.
//!
//! [`RulesetBuilder`] follows `falco_engine::load_rules`: every file is read into one collector
//! shared across files (so a later file can append to or override an earlier file's items),
//! and after each file *everything collected so far* is compiled again. A file whose read or
//! compile fails leaves the builder as it was before that file; its errors are in its
//! [`FileResult`].

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::ast::Expr;
use crate::compile;
use crate::fields::{EventTypeSet, SourceSchema};
use crate::load::collector::{parse_sinsp_version, Collector};
use crate::load::info::{ListInfo, MacroInfo, PluginVersionInfo, RuleInfo, Version};
use crate::load::reader;
use crate::parse::FALCO_MAX_DEPTH;
use crate::result::{ErrorCode, FileResult};

pub use crate::load::collector::ENGINE_VERSION;

/// How the engine is set up: its version, its event sources and the plugins built into it.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// The version `required_engine_version` is checked against.
    pub engine_version: Version,
    /// The event sources rules may name; the first one named `syscall` gets the event-type
    /// warnings.
    pub sources: Vec<Arc<SourceSchema>>,
    /// Plugins whose fields are built in, as `(name, version)`: `required_plugin_versions`
    /// entries naming them are satisfied by the built-in provider.
    pub builtin_plugins: Vec<(String, String)>,
    /// Parser depth limit for rule and macro conditions (Falco: 1000).
    pub max_condition_depth: u32,
    /// Use libsinsp's newer event-type analysis, which knows `evt.num >= 1` (so `evt.num = 0`
    /// matches no event type) and no longer warns about unsatisfiable conditions. Off by
    /// default: Falco 0.44 (libs 0.25.4) treats `evt.num` checks as neutral and warns with
    /// LOAD_NO_EVTTYPE both for more than 100 event types and for none.
    pub evt_num_invariants: bool,
}

impl EngineConfig {
    /// A configuration with Falco 0.44's engine version and depth limit and no built-in plugins.
    pub fn new(sources: Vec<Arc<SourceSchema>>) -> EngineConfig {
        EngineConfig {
            engine_version: ENGINE_VERSION,
            sources,
            builtin_plugins: Vec::new(),
            max_condition_depth: FALCO_MAX_DEPTH,
            evt_num_invariants: false,
        }
    }

    /// The schema of a source by name.
    pub fn source(&self, name: &str) -> Option<&SourceSchema> {
        self.sources
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.as_ref())
    }
}

/// A rule after compilation.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    /// The rule as collected (name, priority, tags, enabled, ...).
    pub info: RuleInfo,
    /// The condition with exceptions, lists and macros applied; its `Display` is Falco's
    /// `condition_compiled`.
    pub condition: Expr,
    /// The output format after `%container.info` removal.
    pub output: String,
    /// The fields the output prints, as written (`proc.aname[2]`).
    pub output_fields: Vec<String>,
    /// Event codes the condition can match (what LOAD_NO_EVTTYPE counts).
    pub condition_codes: EventTypeSet,
    /// Event codes the rule is indexed under: `condition_codes` plus the source's
    /// `always_codes`.
    pub evttypes: EventTypeSet,
    /// Names of `evttypes`, sorted and deduplicated.
    pub evttype_names: Vec<String>,
    /// Fields used by exceptions that contributed to the condition.
    pub exception_fields: BTreeSet<String>,
    /// Exception names.
    pub exception_names: BTreeSet<String>,
    /// Exception comparison operators (defaults included).
    pub exception_operators: BTreeSet<String>,
}

/// A macro after compilation.
#[derive(Debug, Clone)]
pub struct CompiledMacro {
    /// The macro as collected.
    pub info: MacroInfo,
    /// Its condition as parsed (lists substituted, macros not expanded).
    pub condition: Expr,
    /// True if a rule or another macro referenced it.
    pub used: bool,
}

/// A list after compilation.
#[derive(Debug, Clone)]
pub struct CompiledList {
    /// The list as collected.
    pub info: ListInfo,
    /// Items with references to earlier lists expanded.
    pub items: Vec<String>,
    /// True if a condition or another list referenced it.
    pub used: bool,
}

/// Everything the loaded files define, compiled. Immutable and shareable across threads.
#[derive(Debug, Clone, Default)]
pub struct Ruleset {
    /// Rules in evaluation order (first-definition order).
    pub rules: Vec<CompiledRule>,
    /// Macros in definition order.
    pub macros: Vec<CompiledMacro>,
    /// Lists in definition order.
    pub lists: Vec<CompiledList>,
    /// The highest `required_engine_version` of the loaded files.
    pub required_engine_version: Option<Version>,
    /// Every `required_plugin_versions` entry, in order.
    pub required_plugin_versions: Vec<PluginVersionInfo>,
}

impl Ruleset {
    /// The rule with this name.
    pub fn rule(&self, name: &str) -> Option<&CompiledRule> {
        self.rules.iter().find(|r| r.info.name == name)
    }
}

/// Loads rules files one after the other and keeps the last successful compilation.
///
/// # Cost
///
/// Like Falco, every [`load`](RulesetBuilder::load) recompiles *all* items collected so far, not
/// just the new file's: appends and overrides can change any earlier item. A load costs a clone
/// of the collected items, the YAML read of the new file, then for every macro and rule one list
/// substitution pass over its text (proportional to the text length, not to the number of
/// lists), one parse, one macro expansion (a copy of every referenced macro tree), one walk for
/// type checks and one for event types. Loading N files is therefore quadratic in the number of
/// files but linear in the size of the rules; for the usual one to three files it is dominated
/// by the compile of the largest file. Nothing is cached between loads.
#[derive(Debug, Clone)]
pub struct RulesetBuilder {
    config: EngineConfig,
    collector: Collector,
    results: Vec<FileResult>,
    contents: Vec<(String, Arc<str>)>,
    ruleset: Option<Arc<Ruleset>>,
}

impl RulesetBuilder {
    /// An empty builder.
    pub fn new(config: EngineConfig) -> RulesetBuilder {
        RulesetBuilder {
            collector: Collector::with_engine_version(config.engine_version),
            config,
            results: Vec::new(),
            contents: Vec::new(),
            ruleset: None,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// Reads `content` as the rules file `name` into the shared collector and recompiles
    /// everything. On any error the collector and the ruleset stay as they were.
    pub fn load(&mut self, name: &str, content: &[u8]) -> &FileResult {
        let name_arc: Arc<str> = Arc::from(name);
        let text: Arc<str> = Arc::from(String::from_utf8_lossy(content).as_ref());
        match self.contents.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = text,
            None => self.contents.push((name.to_string(), text)),
        }

        let mut result = FileResult::new(name);
        let mut collector = self.collector.clone();
        let config = &self.config;
        let known_source = |s: &str| config.source(s).is_some();
        reader::read(
            &name_arc,
            content,
            &mut collector,
            &mut result,
            &known_source,
        );
        if result.successful() {
            match compile::compile(&collector, config, &mut result) {
                Ok(out) => {
                    check_plugin_requirements(&collector, config, name, &mut result);
                    if result.successful() {
                        self.ruleset = Some(Arc::new(Ruleset {
                            rules: out.rules,
                            macros: out.macros,
                            lists: out.lists,
                            required_engine_version: collector
                                .required_engine_version
                                .as_ref()
                                .map(|v| v.version),
                            required_plugin_versions: collector.required_plugin_versions.clone(),
                        }));
                        self.collector = collector;
                    }
                }
                Err(e) => result.errors.push(e),
            }
        }
        let at = self.results.len();
        self.results.push(result);
        &self.results[at]
    }

    /// The result of every load so far, in order.
    pub fn results(&self) -> &[FileResult] {
        &self.results
    }

    /// The content of a loaded file, for snippets in reports.
    pub fn content(&self, name: &str) -> Option<Arc<str>> {
        self.contents
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c.clone())
    }

    /// The ruleset of the last successful load, if any.
    pub fn ruleset(&self) -> Option<Arc<Ruleset>> {
        self.ruleset.clone()
    }
}

/// Falco's `check_plugin_requirements` against the built-in plugins: every entry must be met by
/// one of its alternatives. Met entries declared in this file get a note; the first unmet entry
/// is an error (LOAD_ERR_VALIDATE at the entry; Falco exits with the same message).
fn check_plugin_requirements(
    col: &Collector,
    config: &EngineConfig,
    file: &str,
    res: &mut FileResult,
) {
    for entry in &col.required_plugin_versions {
        let mut outcome: Result<Option<String>, String> = Ok(None);
        'alts: for req in &entry.alternatives {
            for (name, version) in &config.builtin_plugins {
                if *name != req.name {
                    continue;
                }
                let Some(have) = parse_sinsp_version(version) else {
                    outcome = Err(format!(
                        "Plugin '{name}' has invalid version string '{version}'"
                    ));
                    break 'alts;
                };
                let compatible = parse_sinsp_version(&req.version)
                    .is_some_and(|want| have.compatible_with(&want));
                outcome = if compatible {
                    Ok(Some(format!(
                        "required plugin '{}' (>= {}) is provided by falcod's built-in {} fields",
                        req.name, req.version, name
                    )))
                } else {
                    Err(format!(
                        "Plugin '{name}' version '{version}' is not compatible with required plugin version '{}'",
                        req.version
                    ))
                };
                break 'alts;
            }
        }
        match outcome {
            Ok(Some(note)) => {
                if entry
                    .ctx
                    .locations
                    .first()
                    .is_some_and(|l| &*l.name == file)
                {
                    res.notes.push(note);
                }
            }
            Ok(None) => {
                let wanted: Vec<String> = entry
                    .alternatives
                    .iter()
                    .map(|r| format!("{} (>= {})", r.name, r.version))
                    .collect();
                res.error(
                    ErrorCode::Validate,
                    format!(
                        "Plugin requirement not satisfied, must load one of: {}",
                        wanted.join(", ")
                    ),
                    &entry.ctx,
                );
                return;
            }
            Err(msg) => {
                res.error(ErrorCode::Validate, msg, &entry.ctx);
                return;
            }
        }
    }
}
