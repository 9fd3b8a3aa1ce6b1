//! Configuration values: the `-c` file and `-o key=value` overrides, merged into one tree.
//!
//! Falco keeps its configuration as a YAML tree and lets `-o` set any node by a dot path. falcod
//! does the same, storing every value generically; [`crate::config`] reads the typed daemon
//! configuration out of the tree and merges `config_files` into it.

use std::path::Path;

use serde_json::{Map, Value};

/// Top-level keys of Falco's configuration; `-o` on any other key is warned about.
pub const FALCO_KEYS: &[&str] = &[
    "append_output",
    "base_syscalls",
    "buffer_format_base64",
    "buffered_outputs",
    "capture",
    "config_files",
    "engine",
    "falco_libs",
    "file_output",
    "grpc",
    "grpc_output",
    "http_output",
    "json_include_message_property",
    "json_include_output_fields_property",
    "json_include_output_property",
    "json_include_tags_property",
    "json_output",
    "libs_logger",
    "load_plugins",
    "log_level",
    "log_stderr",
    "log_syslog",
    "metrics",
    "output_timeout",
    "outputs",
    "outputs_queue",
    "plugins",
    "plugins_hostinfo",
    "priority",
    "program_output",
    "rule_matching",
    "rules",
    "rules_file",
    "rules_files",
    "static_fields",
    "stdout_output",
    "syscall_event_drops",
    "syscall_event_timeouts",
    "syslog_output",
    "time_format_iso_8601",
    "watch_config_files",
    "webserver",
];

/// A configuration problem, worded for the user.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// `-o` without `=`.
    #[error("Invalid -o option '{0}': expected key=value")]
    NoEquals(String),
    /// A malformed key path.
    #[error("Invalid -o option key '{key}': {why}")]
    BadKey {
        /// The key as given.
        key: String,
        /// What is wrong with it.
        why: String,
    },
    /// A path runs through a value of the wrong kind.
    #[error("Invalid -o option key '{key}': '{at}' is not a {want}")]
    Conflict {
        /// The key as given.
        key: String,
        /// The path prefix that has the wrong kind.
        at: String,
        /// What was needed there.
        want: &'static str,
    },
    /// The config file could not be read or parsed.
    #[error("Error reading config file ({path}): {why}")]
    ConfigFile {
        /// The file.
        path: String,
        /// Why.
        why: String,
    },
    /// A value has the wrong type.
    #[error("Error reading config: key '{key}' {why}")]
    BadValue {
        /// The key.
        key: &'static str,
        /// What is wrong.
        why: String,
    },
}

/// How an included config file's top-level keys merge into the tree (Falco's `config_files`
/// `strategy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeStrategy {
    /// Lists are extended with the included items; any other value replaces the existing one.
    Append,
    /// Every included key replaces the existing value.
    Override,
    /// Only keys not yet set are taken.
    AddOnly,
}

/// One step of a key path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
    Append,
}

/// The merged configuration tree.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    tree: Map<String, Value>,
    /// Where the `rules_files` value came from: entries from a config file that do not exist are
    /// skipped silently (Falco's stat check); `-o` entries are kept as given.
    rules_from_file: bool,
}

impl Settings {
    /// Loads a config file (`-c`). The whole YAML document is kept; see the module doc for which
    /// keys are used.
    pub fn load_file(&mut self, path: &Path) -> Result<(), SettingsError> {
        let map = read_mapping(path)?;
        self.rules_from_file = map.contains_key("rules_files") || map.contains_key("rules_file");
        self.tree = map;
        Ok(())
    }

    /// Merges an included config file's top-level keys (Falco's `config_files`).
    pub fn include(&mut self, doc: Map<String, Value>, strategy: MergeStrategy) {
        for (key, value) in doc {
            if key == "rules_files" || key == "rules_file" {
                self.rules_from_file = true;
            }
            match (strategy, self.tree.get_mut(&key), value) {
                (MergeStrategy::AddOnly, Some(existing), _) if !existing.is_null() => {}
                (MergeStrategy::Append, Some(Value::Array(items)), Value::Array(more)) => {
                    items.extend(more);
                }
                (_, _, value) => {
                    self.tree.insert(key, value);
                }
            }
        }
    }

    /// The top-level keys, in document order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.tree.keys().map(String::as_str)
    }

    /// The value at a dot path (`webserver.listen_port`; no list indices).
    pub fn get_path(&self, path: &str) -> Option<&Value> {
        let mut parts = path.split('.');
        let mut node = self.tree.get(parts.next()?)?;
        for part in parts {
            node = node.as_object()?.get(part)?;
        }
        Some(node)
    }

    /// Applies one `-o key=value`. Returns a warning to log when the key is not one of Falco's.
    pub fn apply_option(&mut self, option: &str) -> Result<Option<String>, SettingsError> {
        let (key, raw) = option
            .split_once('=')
            .ok_or_else(|| SettingsError::NoEquals(option.to_string()))?;
        let steps = parse_key(key)?;
        let value = parse_value(raw);
        let warning = match steps.first() {
            Some(Step::Key(top)) if !FALCO_KEYS.contains(&top.as_str()) => Some(format!(
                "Unknown configuration key '{top}' (from -o {key}): stored, but nothing uses it"
            )),
            _ => None,
        };
        if matches!(steps.first(), Some(Step::Key(k)) if k == "rules_files" || k == "rules_file") {
            self.rules_from_file = false;
        }
        set_path(&mut self.tree, key, &steps, value)?;
        Ok(warning)
    }

    /// The value at a top-level key.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.tree.get(key)
    }

    /// `json_output` (default false). Accepts YAML booleans and the strings Falco's YAML reader
    /// takes for them.
    pub fn json_output(&self) -> Result<bool, SettingsError> {
        match self.get("json_output") {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(Value::String(s)) => match s.to_ascii_lowercase().as_str() {
                "true" | "yes" | "on" | "y" => Ok(true),
                "false" | "no" | "off" | "n" => Ok(false),
                _ => Err(bad_bool(s)),
            },
            Some(other) => Err(bad_bool(&other.to_string())),
        }
    }

    /// The configured rules files, if any: `rules_files` or the deprecated `rules_file` (both set
    /// is an error, as in Falco). The second value is a deprecation warning to log. Entries from
    /// a config file that do not exist are dropped, as Falco does.
    pub fn rules_files(&self) -> Result<(Option<Vec<String>>, Option<String>), SettingsError> {
        let plural = self.get("rules_files");
        let singular = self.get("rules_file");
        let (key, value, warning) = match (plural, singular) {
            (Some(_), Some(_)) => {
                return Err(SettingsError::BadValue {
                    key: "rules_files",
                    why: "and 'rules_file' are both set".to_string(),
                })
            }
            (Some(v), None) => ("rules_files", v, None),
            (None, Some(v)) => (
                "rules_file",
                v,
                Some(
                    "Using deprecated config key 'rules_file' (singular form). Please use new \
                     'rules_files' config key (plural form)."
                        .to_string(),
                ),
            ),
            (None, None) => return Ok((None, None)),
        };
        let entries = match value {
            Value::String(s) => vec![s.clone()],
            Value::Array(items) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(SettingsError::BadValue {
                        key,
                        why: format!("has a non-string entry {other}"),
                    }),
                })
                .collect::<Result<_, _>>()?,
            Value::Null => Vec::new(),
            other => {
                return Err(SettingsError::BadValue {
                    key,
                    why: format!("must be a list of paths, not {other}"),
                })
            }
        };
        let entries = if self.rules_from_file {
            entries
                .into_iter()
                .filter(|p| Path::new(p).exists())
                .collect()
        } else {
            entries
        };
        Ok((Some(entries), warning))
    }
}

/// Reads a YAML config document that must be a mapping (an empty document is an empty mapping).
pub fn read_mapping(path: &Path) -> Result<Map<String, Value>, SettingsError> {
    let err = |why: String| SettingsError::ConfigFile {
        path: path.display().to_string(),
        why,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| err(e.to_string()))?;
    match serde_json::to_value(yaml).map_err(|e| err(e.to_string()))? {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(err("the document is not a mapping".to_string())),
    }
}

fn bad_bool(s: &str) -> SettingsError {
    SettingsError::BadValue {
        key: "json_output",
        why: format!("must be a boolean, not {s}"),
    }
}

/// Parses `a.b[0].c`, `rules[].disable.rule`, `a\.b` into steps.
fn parse_key(key: &str) -> Result<Vec<Step>, SettingsError> {
    let bad = |why: &str| SettingsError::BadKey {
        key: key.to_string(),
        why: why.to_string(),
    };
    let mut steps = Vec::new();
    let mut current = String::new();
    let mut chars = key.chars();
    // True right after `]`: the next character must be `.`, `[` or the end.
    let mut after_bracket = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next().ok_or_else(|| bad("trailing '\\'"))?;
                if after_bracket {
                    return Err(bad("expected '.' or '[' after ']'"));
                }
                current.push(next);
            }
            '.' => {
                if current.is_empty() && !after_bracket {
                    return Err(bad("empty key segment"));
                }
                if !current.is_empty() {
                    steps.push(Step::Key(std::mem::take(&mut current)));
                }
                after_bracket = false;
            }
            '[' => {
                if !current.is_empty() {
                    steps.push(Step::Key(std::mem::take(&mut current)));
                } else if steps.is_empty() {
                    return Err(bad("an index needs a key before it"));
                }
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some(']') => break,
                        Some(d) => inner.push(d),
                        None => return Err(bad("missing ']'")),
                    }
                }
                if inner.is_empty() {
                    steps.push(Step::Append);
                } else {
                    let i = inner
                        .parse::<usize>()
                        .map_err(|_| bad("a list index must be a non-negative number"))?;
                    steps.push(Step::Index(i));
                }
                after_bracket = true;
            }
            c => {
                if after_bracket {
                    return Err(bad("expected '.' or '[' after ']'"));
                }
                current.push(c);
            }
        }
    }
    if !current.is_empty() {
        steps.push(Step::Key(current));
    } else if steps.is_empty() || !after_bracket {
        return Err(bad("empty key segment"));
    }
    Ok(steps)
}

/// A `-o` value is YAML (`true`, `5`, `[a, b]`); anything that is not valid YAML, and the empty
/// string, is kept as a string.
fn parse_value(raw: &str) -> Value {
    if raw.is_empty() {
        return Value::String(String::new());
    }
    serde_yaml::from_str::<serde_yaml::Value>(raw)
        .ok()
        .and_then(|v| serde_json::to_value(v).ok())
        .unwrap_or_else(|| Value::String(raw.to_string()))
}

fn set_path(
    root: &mut Map<String, Value>,
    key: &str,
    steps: &[Step],
    value: Value,
) -> Result<(), SettingsError> {
    let conflict = |depth: usize, want: &'static str| SettingsError::Conflict {
        key: key.to_string(),
        at: describe_prefix(&steps[..depth]),
        want,
    };
    let Some((Step::Key(first), rest)) = steps.split_first() else {
        return Err(conflict(0, "mapping key"));
    };
    let mut node = root.entry(first.clone()).or_insert(Value::Null);
    for (i, step) in rest.iter().enumerate() {
        let depth = i + 1;
        node = match step {
            Step::Key(k) => {
                if node.is_null() {
                    *node = Value::Object(Map::new());
                }
                let Value::Object(map) = node else {
                    return Err(conflict(depth, "mapping"));
                };
                map.entry(k.clone()).or_insert(Value::Null)
            }
            Step::Index(idx) => {
                if node.is_null() {
                    *node = Value::Array(Vec::new());
                }
                let Value::Array(items) = node else {
                    return Err(conflict(depth, "list"));
                };
                if *idx >= items.len() {
                    items.resize(*idx + 1, Value::Null);
                }
                &mut items[*idx]
            }
            Step::Append => {
                if node.is_null() {
                    *node = Value::Array(Vec::new());
                }
                let Value::Array(items) = node else {
                    return Err(conflict(depth, "list"));
                };
                items.push(Value::Null);
                let last = items.len() - 1;
                &mut items[last]
            }
        };
    }
    *node = value;
    Ok(())
}

fn describe_prefix(steps: &[Step]) -> String {
    let mut s = String::new();
    for step in steps {
        match step {
            Step::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Step::Index(i) => s.push_str(&format!("[{i}]")),
            Step::Append => s.push_str("[]"),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn applied(options: &[&str]) -> Value {
        let mut s = Settings::default();
        for o in options {
            s.apply_option(o).unwrap();
        }
        Value::Object(s.tree)
    }

    #[test]
    fn options_build_the_tree_falco_would() {
        let cases: &[(&[&str], Value)] = &[
            (&["json_output=true"], json!({"json_output": true})),
            (&["a.b.c=5"], json!({"a": {"b": {"c": 5}}})),
            (
                &["rules[].disable.rule=*", "rules[].enable.tag=net"],
                json!({"rules": [{"disable": {"rule": "*"}}, {"enable": {"tag": "net"}}]}),
            ),
            (&["l[1]=x"], json!({"l": [null, "x"]})),
            (&["a\\.b=1"], json!({"a.b": 1})),
            (&["k=[a, b]"], json!({"k": ["a", "b"]})),
            (&["k="], json!({"k": ""})),
            (&["k=a=b"], json!({"k": "a=b"})),
            (&["k=1", "k=2"], json!({"k": 2})),
        ];
        for (opts, want) in cases {
            assert_eq!(&applied(opts), want, "options {opts:?}");
        }
    }

    #[test]
    fn malformed_options_are_errors() {
        for bad in [
            "noequals", ".a=1", "a..b=1", "a[x]=1", "a[1=1", "[0]=1", "a[0]b=1", "=1",
        ] {
            let mut s = Settings::default();
            assert!(s.apply_option(bad).is_err(), "{bad} should fail");
        }
        let mut s = Settings::default();
        s.apply_option("a=1").unwrap();
        let err = s.apply_option("a.b=2").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Invalid -o option key 'a.b': 'a' is not a mapping"
        );
    }

    #[test]
    fn unknown_top_level_keys_warn() {
        let mut s = Settings::default();
        assert!(s.apply_option("rule_matching=all").unwrap().is_none());
        let warning = s.apply_option("not_a_key.x=1").unwrap().unwrap();
        assert!(warning.contains("'not_a_key'"), "{warning}");
    }

    #[test]
    fn json_output_accepts_yaml_booleans() {
        for (opt, want) in [("json_output=true", true), ("json_output=false", false)] {
            let mut s = Settings::default();
            s.apply_option(opt).unwrap();
            assert_eq!(s.json_output().unwrap(), want);
        }
        let mut s = Settings::default();
        s.apply_option("json_output=maybe").unwrap();
        assert!(s.json_output().is_err());
    }

    #[test]
    fn both_rules_keys_is_an_error_and_singular_warns() {
        let mut s = Settings::default();
        s.apply_option("rules_file=a.yaml").unwrap();
        let (files, warning) = s.rules_files().unwrap();
        assert_eq!(files, Some(vec!["a.yaml".to_string()]));
        assert!(warning
            .unwrap()
            .contains("deprecated config key 'rules_file'"));
        s.apply_option("rules_files=[b.yaml]").unwrap();
        assert!(s.rules_files().is_err());
    }
}
