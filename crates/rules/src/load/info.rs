//! The items a rules file defines, as read from YAML and merged by the collector, before
//! compilation. Conditions and outputs are still text here.

use std::collections::BTreeSet;
use std::fmt;

use crate::result::Context;

/// Rule priority, most severe first (Falco's `priority_type`; smaller is more severe).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Priority {
    /// `emergency`
    Emergency,
    /// `alert`
    Alert,
    /// `critical`
    Critical,
    /// `error`
    Error,
    /// `warning`
    Warning,
    /// `notice`
    Notice,
    /// `informational` / `info`
    Informational,
    /// `debug`
    Debug,
}

impl Priority {
    /// Parses a priority name case-insensitively (`info` is accepted for `informational`).
    pub fn parse(s: &str) -> Option<Priority> {
        Some(match s.to_ascii_lowercase().as_str() {
            "emergency" => Priority::Emergency,
            "alert" => Priority::Alert,
            "critical" => Priority::Critical,
            "error" => Priority::Error,
            "warning" => Priority::Warning,
            "notice" => Priority::Notice,
            "informational" | "info" => Priority::Informational,
            "debug" => Priority::Debug,
            _ => return None,
        })
    }

    /// The capitalised long name used in alerts (`Warning`, `Informational`).
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Emergency => "Emergency",
            Priority::Alert => "Alert",
            Priority::Critical => "Critical",
            Priority::Error => "Error",
            Priority::Warning => "Warning",
            Priority::Notice => "Notice",
            Priority::Informational => "Informational",
            Priority::Debug => "Debug",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A semantic version `major.minor.patch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Version {
    /// Major.
    pub major: u64,
    /// Minor.
    pub minor: u64,
    /// Patch.
    pub patch: u64,
}

impl Version {
    /// Parses `x.y.z` (each a decimal number); `None` otherwise.
    pub fn parse(s: &str) -> Option<Version> {
        let mut it = s.split('.');
        let mut num = || -> Option<u64> {
            let p = it.next()?;
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            p.parse().ok()
        };
        let v = Version {
            major: num()?,
            minor: num()?,
            patch: num()?,
        };
        it.next().is_none().then_some(v)
    }

    /// Same major and `self >= required` (libsinsp's `compatible_with`).
    pub fn compatible_with(&self, required: &Version) -> bool {
        self.major == required.major && self >= required
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// A `required_engine_version` item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineVersionInfo {
    /// Where it was declared.
    pub ctx: Context,
    /// The required version (integers already mapped to `0.N.0`).
    pub version: Version,
}

/// One requirement of a `required_plugin_versions` entry, or one of its alternatives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginRequirement {
    /// Plugin name.
    pub name: String,
    /// Required version string (`x.y.z`).
    pub version: String,
}

/// A `required_plugin_versions` entry: the requirement and its alternatives (first is primary).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginVersionInfo {
    /// Where it was declared.
    pub ctx: Context,
    /// The plugin and its acceptable alternatives; any one satisfies the entry.
    pub alternatives: Vec<PluginRequirement>,
}

/// A `list` item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListInfo {
    /// Where it was (first) defined.
    pub ctx: Context,
    /// Definition order position (kept on redefinition).
    pub index: usize,
    /// Position of the last define/append (macro and list visibility).
    pub visibility: usize,
    /// The list's name.
    pub name: String,
    /// Items as written (strings; numbers kept as their text).
    pub items: Vec<String>,
}

/// A `macro` item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MacroInfo {
    /// Where it was (first) defined.
    pub ctx: Context,
    /// Where its condition value is (for positions inside the condition).
    pub cond_ctx: Context,
    /// Definition order position.
    pub index: usize,
    /// Position of the last define/append.
    pub visibility: usize,
    /// The macro's name.
    pub name: String,
    /// Its condition text (after appends).
    pub cond: String,
}

/// A value of an exception's `fields`, `comps` or `values`: a scalar or a (nested) list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A scalar, as its string.
    Item(String),
    /// A list of entries.
    List(Vec<Entry>),
}

impl Entry {
    /// Falco's `is_valid`: a non-empty list or a non-empty scalar.
    pub fn is_valid(&self) -> bool {
        match self {
            Entry::Item(s) => !s.is_empty(),
            Entry::List(v) => !v.is_empty(),
        }
    }
}

/// One exception of a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExceptionInfo {
    /// Where it was defined.
    pub ctx: Context,
    /// Its name.
    pub name: String,
    /// `fields`: a list of field names, or a single field name. `None` if absent.
    pub fields: Option<Entry>,
    /// `comps`: as `fields`; `None` if absent (defaults filled at compile time).
    pub comps: Option<Entry>,
    /// `values`: one entry per tuple (a list for list-form fields; a scalar for single-field form).
    pub values: Vec<Entry>,
}

/// A `rule` item after merging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    /// Where it was (first) defined.
    pub ctx: Context,
    /// Where its condition value is.
    pub cond_ctx: Context,
    /// Where its output value is.
    pub output_ctx: Context,
    /// Definition order position (= evaluation order).
    pub index: usize,
    /// Position of the last define/update.
    pub visibility: usize,
    /// True if `source` names a source the engine does not know (rule skipped at compile).
    pub unknown_source: bool,
    /// Rule name.
    pub name: String,
    /// Condition text (after appends).
    pub cond: String,
    /// Event source, default `syscall`.
    pub source: String,
    /// Description.
    pub desc: String,
    /// Output format (trimmed).
    pub output: String,
    /// Tags (sorted, deduplicated).
    pub tags: BTreeSet<String>,
    /// Exceptions, in order.
    pub exceptions: Vec<ExceptionInfo>,
    /// Priority.
    pub priority: Priority,
    /// `capture`.
    pub capture: bool,
    /// `capture_duration` in milliseconds.
    pub capture_duration: u32,
    /// `enabled`.
    pub enabled: bool,
    /// `warn_evttypes`.
    pub warn_evttypes: bool,
    /// `skip-if-unknown-filter`.
    pub skip_if_unknown_filter: bool,
    /// The raw value of falcod's `enforce` key (meant to be `audit` or `block`), if the rule has
    /// one. The loader does not validate it: Falco warns `Unknown key 'enforce'` and ignores the
    /// key, and so does the loader; `falcod-enforce` validates the value when it selects rules.
    /// A non-scalar value (list or map) is kept as an empty string, so it is rejected there.
    pub enforce: Option<String>,
}
