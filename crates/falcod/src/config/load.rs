//! Building the configuration tree as Falco does (`falco_configuration::init_from_file`): the
//! `-c` file, then the `config_files` it names (including any given with `-o config_files=...`),
//! then every other `-o` option on top.
//!
//! `config_files` entries are paths or `{path, strategy}` maps (`append`, the default;
//! `override`; `add-only`). A missing path is skipped; a directory contributes its regular
//! files in sorted order; an included file may not itself have `config_files`, and the main
//! file may not include itself.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::settings::{read_mapping, MergeStrategy, Settings};

/// The merged configuration and what it was read from.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The merged tree.
    pub settings: Settings,
    /// Config files read, the main one first (watched by `watch_config_files`).
    pub files: Vec<PathBuf>,
    /// Directories whose files were included (watched too).
    pub dirs: Vec<PathBuf>,
    /// Warnings to log (unknown `-o` keys).
    pub warnings: Vec<String>,
}

fn is_config_files_option(option: &str) -> bool {
    let key = option.split_once('=').map_or(option, |(k, _)| k);
    key == "config_files" || key.starts_with("config_files[") || key.starts_with("config_files.")
}

/// Reads `config` (if any), merges its `config_files`, then applies `options`.
pub fn load(config: Option<&Path>, options: &[String]) -> Result<Loaded, String> {
    let mut loaded = Loaded::default();
    if let Some(path) = config {
        loaded.settings.load_file(path).map_err(|e| e.to_string())?;
        loaded.files.push(path.to_path_buf());
    }
    let (includes, others): (Vec<&String>, Vec<&String>) =
        options.iter().partition(|o| is_config_files_option(o));
    // Falco applies `-o config_files` before merging and every other option after it.
    for option in includes {
        apply(&mut loaded, option)?;
    }
    merge_config_files(&mut loaded, config)?;
    for option in others {
        apply(&mut loaded, option)?;
    }
    Ok(loaded)
}

fn apply(loaded: &mut Loaded, option: &str) -> Result<(), String> {
    if let Some(w) = loaded
        .settings
        .apply_option(option)
        .map_err(|e| e.to_string())?
    {
        loaded.warnings.push(w);
    }
    Ok(())
}

/// One `config_files` entry.
fn entries(settings: &Settings) -> Result<Vec<(String, MergeStrategy)>, String> {
    let bad = |why: String| format!("Error reading config: key 'config_files' {why}");
    let items = match settings.get("config_files") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::String(s)) => return Ok(vec![(s.clone(), MergeStrategy::Append)]),
        Some(Value::Array(items)) => items,
        Some(other) => return Err(bad(format!("must be a list, not {other}"))),
    };
    items
        .iter()
        .map(|item| match item {
            Value::String(s) => Ok((s.clone(), MergeStrategy::Append)),
            Value::Object(map) => {
                let path = map
                    .get("path")
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad(format!("entry {item} has no 'path'")))?;
                let strategy = match map.get("strategy").and_then(Value::as_str) {
                    None | Some("append") => MergeStrategy::Append,
                    Some("override") => MergeStrategy::Override,
                    Some("add-only") => MergeStrategy::AddOnly,
                    Some(other) => {
                        return Err(bad(format!(
                            "entry '{path}' has unknown strategy '{other}' (append, override, \
                             add-only)"
                        )))
                    }
                };
                Ok((path.to_string(), strategy))
            }
            other => Err(bad(format!(
                "has an entry that is neither a path nor a map: {other}"
            ))),
        })
        .collect()
}

fn merge_config_files(loaded: &mut Loaded, main: Option<&Path>) -> Result<(), String> {
    for (path, strategy) in entries(&loaded.settings)? {
        let p = PathBuf::from(&path);
        if main.is_some_and(|m| m == p) {
            return Err(format!(
                "Config error: 'config_files' directive tried to recursively include main \
                 config file: {path}."
            ));
        }
        let files = if p.is_file() {
            loaded.files.push(p.clone());
            vec![p]
        } else if p.is_dir() {
            loaded.dirs.push(p.clone());
            let mut in_dir: Vec<PathBuf> = std::fs::read_dir(&p)
                .map(|rd| {
                    rd.filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|f| f.is_file())
                        .collect()
                })
                .unwrap_or_default();
            in_dir.sort();
            loaded.files.extend(in_dir.iter().cloned());
            in_dir
        } else {
            // As for rules files, a missing entry is skipped.
            continue;
        };
        for file in files {
            let doc = read_mapping(&file).map_err(|e| e.to_string())?;
            if doc.contains_key("config_files") {
                return Err(format!(
                    "Config error: 'config_files' directive in included config file {}.",
                    file.display()
                ));
            }
            loaded.settings.include(doc, strategy);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("falcod-load-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn config_files_merge_with_each_strategy_then_options_win() {
        let dir = scratch("merge");
        let main = dir.join("falco.yaml");
        let d = dir.join("config.d");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(
            d.join("b.yaml"),
            "priority: error\nrules_files: [two.yaml]\n",
        )
        .unwrap();
        std::fs::write(d.join("a.yaml"), "priority: notice\nlog_level: debug\n").unwrap();
        let only = dir.join("only.yaml");
        std::fs::write(
            &only,
            "priority: alert\nnew_key: 1\nrules_files: [three.yaml]\n",
        )
        .unwrap();
        let over = dir.join("over.yaml");
        std::fs::write(&over, "rules_files: [four.yaml]\n").unwrap();
        std::fs::write(
            &main,
            format!(
                "priority: debug\nrules_files: [one.yaml]\nconfig_files:\n  - {}\n  - {{path: {}, \
                 strategy: add-only}}\n  - {}\n",
                d.display(),
                only.display(),
                dir.join("missing.yaml").display()
            ),
        )
        .unwrap();
        let loaded = load(Some(&main), &["json_output=true".to_string()]).unwrap();
        let s = &loaded.settings;
        // a.yaml then b.yaml (sorted), append: scalars replaced, lists extended.
        assert_eq!(s.get("priority"), Some(&Value::from("error")));
        assert_eq!(
            s.get("rules_files"),
            Some(&serde_json::json!(["one.yaml", "two.yaml"]))
        );
        // add-only keeps what is set and adds what is new.
        assert_eq!(s.get("new_key"), Some(&Value::from(1)));
        assert_eq!(s.get("json_output"), Some(&Value::from(true)));
        assert_eq!(loaded.files.len(), 4);
        assert_eq!(loaded.dirs, std::slice::from_ref(&d));

        // -o config_files is merged before the other options; override replaces lists.
        let opt = format!(
            "config_files=[{{path: {}, strategy: override}}]",
            over.display()
        );
        let loaded = load(Some(&main), &["priority=info".to_string(), opt]).unwrap();
        assert_eq!(
            loaded.settings.get("rules_files"),
            Some(&serde_json::json!(["four.yaml"]))
        );
        assert_eq!(loaded.settings.get("priority"), Some(&Value::from("info")));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn nested_and_recursive_includes_are_errors() {
        let dir = scratch("nested");
        let main = dir.join("falco.yaml");
        let inner = dir.join("inner.yaml");
        std::fs::write(&inner, "config_files: [x.yaml]\n").unwrap();
        std::fs::write(&main, format!("config_files: [{}]\n", inner.display())).unwrap();
        let err = load(Some(&main), &[]).unwrap_err();
        assert!(
            err.contains("'config_files' directive in included config file"),
            "{err}"
        );
        std::fs::write(&main, format!("config_files: [{}]\n", main.display())).unwrap();
        let err = load(Some(&main), &[]).unwrap_err();
        assert!(
            err.contains("recursively include main config file"),
            "{err}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
