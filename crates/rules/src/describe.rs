//! Describing rules, macros and lists (`falcod -L` / `-l`), in Falco's text and JSON layouts.
//!
//! [`describe`] builds the JSON document Falco's `describe_rule` prints: each rule's `info`
//! (name, condition as written, priority, ...) and `details` (the macros and lists its condition
//! names, the operators and fields of its compiled condition, output fields, exception names,
//! event types, the compiled condition in canonical form, ...), then every macro and list.
//! [`to_text`] renders the same document as Falco's two-column rule/description table.
//!
//! Falco collects several of these details in hash sets, so its order is arbitrary; falcod
//! sorts them. Objects are printed with sorted keys, as Falco's JSON library does.
//!
//! ```
//! use falcod_rules::describe::{wrap_text, ConditionDetails};
//! use falcod_rules::parse::parse_condition;
//!
//! let expr = parse_condition("evt.type in (open, openat) and shell_procs").unwrap();
//! let details = ConditionDetails::collect(&expr, &|m| m == "shell_procs", &|_| false);
//! assert_eq!(details.macros.iter().collect::<Vec<_>>(), ["shell_procs"]);
//! assert_eq!(details.evtnames.iter().collect::<Vec<_>>(), ["open", "openat"]);
//! assert_eq!(wrap_text("a b c", 2, 6), "a b \n  c ");
//! ```

use std::collections::{BTreeSet, HashSet};

use serde_json::{json, Map, Value};

use crate::ast::{Expr, ExprKind, Operand, Rhs, TransformArg};
use crate::compile::evttypes::{event_codes, EvttypeOptions};
use crate::fields::SourceSchema;
use crate::parse::parse_condition;
use crate::ruleset::{CompiledList, CompiledMacro, CompiledRule, EngineConfig, Ruleset};

/// Why a description could not be produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DescribeError {
    /// `-l NAME` for a rule that is not loaded (absent, or of an unknown source).
    #[error("Rule \"{0}\" is not loaded")]
    NotLoaded(String),
}

/// What a condition refers to: Falco's `filter_details`, gathered by walking the tree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConditionDetails {
    /// Fields, with their argument in brackets when one was given (`proc.aname[2]`).
    pub fields: BTreeSet<String>,
    /// Names of known macros referenced.
    pub macros: BTreeSet<String>,
    /// Operators, as written (`=`, `in`, `startswith oneof`, `exists`).
    pub operators: BTreeSet<String>,
    /// Names of known lists referenced in a list on the right of an operator.
    pub lists: BTreeSet<String>,
    /// Values compared with `evt.type` / `evt.asynctype`.
    pub evtnames: BTreeSet<String>,
    /// Transformers applied (`tolower`, ...).
    pub transformers: BTreeSet<String>,
}

impl ConditionDetails {
    /// Walks `expr`. `known_macro` and `known_list` say which identifiers are macros and lists
    /// (Falco records only known ones).
    pub fn collect(
        expr: &Expr,
        known_macro: &dyn Fn(&str) -> bool,
        known_list: &dyn Fn(&str) -> bool,
    ) -> ConditionDetails {
        let mut d = ConditionDetails::default();
        // An explicit stack: compiled conditions (macros expanded) can be deeper than any one
        // parsed condition.
        let mut stack = vec![expr];
        while let Some(e) = stack.pop() {
            match &e.kind {
                ExprKind::And(children) | ExprKind::Or(children) => stack.extend(children),
                ExprKind::Not(child) => stack.push(child),
                ExprKind::Identifier(name) => {
                    if known_macro(name) {
                        d.macros.insert(name.clone());
                    }
                }
                ExprKind::Exists(lhs) => {
                    d.operand(lhs);
                    d.operators.insert("exists".to_string());
                }
                ExprKind::Compare {
                    lhs,
                    op,
                    modifier,
                    rhs,
                } => {
                    let last_field = d.operand(lhs);
                    d.operators.insert(match modifier {
                        Some(m) => format!("{} {}", op.as_str(), m.as_str()),
                        None => op.as_str().to_string(),
                    });
                    let evtnames = matches!(
                        last_field.as_deref(),
                        Some("evt.type") | Some("evt.asynctype")
                    );
                    match rhs {
                        Rhs::Value(v) => {
                            if evtnames {
                                d.evtnames.insert(v.text.clone());
                            }
                        }
                        Rhs::List(values) => {
                            for v in values {
                                if known_list(&v.text) {
                                    d.lists.insert(v.text.clone());
                                } else if evtnames {
                                    d.evtnames.insert(v.text.clone());
                                }
                            }
                        }
                        Rhs::Identifier(name, _) => {
                            if known_macro(name) {
                                d.macros.insert(name.clone());
                            }
                        }
                        Rhs::Operand { operand, .. } => {
                            d.operand(operand);
                        }
                    }
                }
            }
        }
        d
    }

    /// Records an operand's fields and transformers; returns the last field name seen (what
    /// Falco's resolver compares with `evt.type`).
    fn operand(&mut self, operand: &Operand) -> Option<String> {
        match operand {
            Operand::Field(f) => {
                let name = match &f.arg {
                    Some(arg) if !arg.is_empty() => format!("{}[{arg}]", f.name),
                    _ => f.name.clone(),
                };
                self.fields.insert(name.clone());
                Some(name)
            }
            Operand::Transform(t) => {
                self.transformers.insert(t.kind.as_str().to_string());
                let mut last = None;
                for arg in &t.args {
                    if let Some(name) = self.transform_arg(arg) {
                        last = Some(name);
                    }
                }
                last
            }
        }
    }

    fn transform_arg(&mut self, arg: &TransformArg) -> Option<String> {
        match arg {
            TransformArg::Operand(o) => self.operand(o),
            TransformArg::Value(_) => None,
            TransformArg::List(items) => {
                let mut last = None;
                for item in items {
                    if let Some(name) = self.transform_arg(item) {
                        last = Some(name);
                    }
                }
                last
            }
        }
    }
}

/// Falco's `wrap_text`: words separated by single spaces, each followed by a space; when a word
/// would make the line longer than `line_len - indent`, a newline and `indent` spaces come first.
pub fn wrap_text(text: &str, indent: usize, line_len: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    let room = line_len.saturating_sub(indent);
    for word in text.split_whitespace() {
        let word_len = word.chars().count() + 1;
        if len + word_len <= room {
            len += word_len;
        } else {
            out.push('\n');
            out.push_str(&" ".repeat(indent.max(1)));
            len = word_len;
        }
        out.push_str(word);
        out.push(' ');
    }
    out
}

/// Falco's `-L` text layout: a `Rule` / `Description` header, then each rule's name padded to
/// 50 columns and its wrapped description, a blank line after each.
pub fn to_text(described: &Value) -> String {
    let mut out = String::new();
    let row = |out: &mut String, left: &str, right: &str| {
        out.push_str(&format!("{left:<50} {right}\n"));
    };
    row(&mut out, "Rule", "Description");
    row(&mut out, "----", "-----------");
    let rules = described.get("rules").and_then(Value::as_array);
    for r in rules.into_iter().flatten() {
        let info = &r["info"];
        let name = info["name"].as_str().unwrap_or("");
        let desc = info["description"].as_str().unwrap_or("");
        row(&mut out, name, &(wrap_text(desc, 51, 110) + "\n"));
    }
    out
}

/// Builds Falco's describe document for the whole ruleset (`rule` = `None`: engine and plugin
/// requirements, rules, macros, lists) or for one rule (`{"rules": [...]}` only).
///
/// `config` is the configuration the ruleset was built with; its `syscall` source names the
/// event types of macros (rules carry theirs).
pub fn describe(
    ruleset: &Ruleset,
    config: &EngineConfig,
    rule: Option<&str>,
) -> Result<Value, DescribeError> {
    let macro_names: HashSet<&str> = ruleset
        .macros
        .iter()
        .map(|m| m.info.name.as_str())
        .collect();
    let list_names: HashSet<&str> = ruleset.lists.iter().map(|l| l.info.name.as_str()).collect();
    let ctx = Known {
        macro_names,
        list_names,
        syscall: config.source("syscall"),
        evttype_opts: EvttypeOptions {
            evt_num_invariants: config.evt_num_invariants,
        },
        builtin_plugins: &config.builtin_plugins,
    };
    let out = match rule {
        Some(name) => {
            let r = ruleset
                .rules
                .iter()
                .find(|r| r.info.name == name)
                .ok_or_else(|| DescribeError::NotLoaded(name.to_string()))?;
            json!({ "rules": [rule_json(r, &ctx)] })
        }
        None => {
            let plugins: Vec<Value> = ruleset
                .required_plugin_versions
                .iter()
                .filter_map(|p| {
                    let (first, rest) = p.alternatives.split_first()?;
                    let alternatives: Vec<Value> = rest
                        .iter()
                        .map(|a| json!({"name": a.name, "version": a.version}))
                        .collect();
                    Some(json!({
                        "name": first.name,
                        "version": first.version,
                        "alternatives": alternatives,
                    }))
                })
                .collect();
            json!({
                "required_engine_version": ruleset
                    .required_engine_version
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| "0.0.0".to_string()),
                "required_plugin_versions": plugins,
                "rules": ruleset.rules.iter().map(|r| rule_json(r, &ctx)).collect::<Vec<_>>(),
                "macros": ruleset.macros.iter().map(|m| macro_json(m, &ctx)).collect::<Vec<_>>(),
                "lists": ruleset.lists.iter().map(list_json).collect::<Vec<_>>(),
            })
        }
    };
    Ok(sort_keys(out))
}

/// The names a condition's identifiers may refer to.
struct Known<'a> {
    macro_names: HashSet<&'a str>,
    list_names: HashSet<&'a str>,
    syscall: Option<&'a SourceSchema>,
    evttype_opts: EvttypeOptions,
    builtin_plugins: &'a [(String, String)],
}

impl Known<'_> {
    fn details(&self, expr: &Expr) -> ConditionDetails {
        ConditionDetails::collect(expr, &|m| self.macro_names.contains(m), &|l| {
            self.list_names.contains(l)
        })
    }

    /// Falco describes a macro's event types as those of its own condition (other macros
    /// unexpanded) in the syscall source, plus the codes every syscall rule gets.
    fn macro_events(&self, m: &CompiledMacro) -> Vec<String> {
        let Some(schema) = self.syscall else {
            return Vec::new();
        };
        let codes = event_codes(&m.condition, &schema.event_types, self.evttype_opts)
            .unwrap_or_default()
            .union(&schema.always_codes);
        let names: BTreeSet<&str> = codes
            .iter()
            .filter_map(|c| schema.event_types.name(c))
            .collect();
        names.into_iter().map(str::to_string).collect()
    }

    /// The built-in plugins a rule uses (Falco's `get_json_used_plugins` for extraction
    /// plugins): a built-in plugin provides the source's field class of its own name, so a
    /// rule uses it when its condition or output reads a field of that class. (Falco also
    /// counts async event names; falcod's built-in container events are not told apart yet.)
    fn used_plugins(&self, r: &CompiledRule, compiled: &ConditionDetails) -> Vec<String> {
        let Some(schema) = self.syscall.filter(|s| s.name == r.info.source) else {
            return Vec::new();
        };
        let fields = compiled.fields.iter().chain(&r.output_fields);
        let classes: BTreeSet<&str> = fields
            .filter_map(|f| {
                let name = f.split_once('[').map_or(f.as_str(), |(n, _)| n);
                schema
                    .fields
                    .resolve(name, None)
                    .ok()
                    .map(|(info, _)| info.class.as_str())
            })
            .collect();
        self.builtin_plugins
            .iter()
            .filter(|(name, _)| classes.contains(name.as_str()))
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// Details of a condition as written (before lists, macros and exceptions are applied).
    /// A condition that loaded always parses; an empty result is the safe answer otherwise.
    fn written_details(&self, cond: &str) -> ConditionDetails {
        parse_condition(cond)
            .map(|e| self.details(&e))
            .unwrap_or_default()
    }
}

fn strings<'a>(items: impl IntoIterator<Item = &'a String>) -> Value {
    Value::Array(items.into_iter().map(|s| Value::from(s.as_str())).collect())
}

fn rule_json(r: &CompiledRule, known: &Known<'_>) -> Value {
    let info = &r.info;
    let written = known.written_details(&info.cond);
    let compiled = known.details(&r.condition);
    json!({
        "info": {
            "name": info.name,
            "condition": info.cond,
            "priority": info.priority.as_str(),
            "output": info.output,
            "description": info.desc,
            "enabled": info.enabled,
            "source": info.source,
            "capture": info.capture,
            "capture_duration": info.capture_duration,
            "tags": strings(&info.tags),
        },
        "details": {
            "macros": strings(&written.macros),
            "lists": strings(&written.lists),
            "condition_operators": strings(&compiled.operators),
            "condition_fields": strings(&compiled.fields),
            "output_fields": strings(&r.output_fields),
            "exception_fields": strings(&r.exception_fields),
            "exception_names": strings(&r.exception_names),
            "exception_operators": strings(&r.exception_operators),
            "events": strings(&r.evttype_names),
            "condition_compiled": r.condition.to_string(),
            "output_compiled": r.output,
            "plugins": strings(&known.used_plugins(r, &compiled)),
        },
    })
}

fn macro_json(m: &CompiledMacro, known: &Known<'_>) -> Value {
    let written = known.written_details(&m.info.cond);
    let compiled = known.details(&m.condition);
    json!({
        "info": { "name": m.info.name, "condition": m.info.cond },
        "details": {
            "used": m.used,
            "macros": strings(&written.macros),
            "lists": strings(&written.lists),
            "condition_operators": strings(&compiled.operators),
            "condition_fields": strings(&compiled.fields),
            "events": strings(&known.macro_events(m)),
            "condition_compiled": m.condition.to_string(),
            "plugins": [],
        },
    })
}

fn list_json(l: &CompiledList) -> Value {
    // An item written in the list but absent from its expansion was a reference to another
    // list (Falco's reading of the two).
    let (items, lists): (Vec<&String>, Vec<&String>) =
        l.info.items.iter().partition(|i| l.items.contains(i));
    let lists: BTreeSet<&String> = lists.into_iter().collect();
    json!({
        "info": { "name": l.info.name, "items": strings(items) },
        "details": {
            "used": l.used,
            "lists": strings(lists),
            "items_compiled": strings(&l.items),
            "plugins": [],
        },
    })
}

/// Object keys sorted at every level, as Falco's JSON objects print.
pub fn sort_keys(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, sort_keys(v)))
                    .collect::<Map<String, Value>>(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sort_keys).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details(cond: &str) -> ConditionDetails {
        let expr = parse_condition(cond).expect("test condition parses");
        ConditionDetails::collect(&expr, &|m| m.starts_with("m_"), &|l| l.starts_with("l_"))
    }

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn details_follow_falcos_resolver() {
        // (condition, fields, operators, macros, lists, evtnames)
        type Case<'a> = (
            &'a str,
            &'a [&'a str],
            &'a [&'a str],
            &'a [&'a str],
            &'a [&'a str],
            &'a [&'a str],
        );
        let cases: &[Case<'_>] = &[
            (
                "evt.type = open and proc.name in (l_shells, zsh)",
                &["evt.type", "proc.name"],
                &["=", "in"],
                &[],
                &["l_shells"],
                &["open"],
            ),
            (
                "m_spawned and not unknown_macro and proc.aname[2] exists",
                &["proc.aname[2]"],
                &["exists"],
                &["m_spawned"],
                &[],
                &[],
            ),
            (
                "evt.type in (l_types, execve) or fd.name startswith oneof (/etc, /usr)",
                &["evt.type", "fd.name"],
                &["in", "startswith oneof"],
                &[],
                &["l_types"],
                &["execve"],
            ),
            (
                "tolower(proc.name) = val(proc.pname)",
                &["proc.name", "proc.pname"],
                &["="],
                &[],
                &[],
                &[],
            ),
        ];
        for (cond, fields, ops, macros, lists, evtnames) in cases {
            let d = details(cond);
            assert_eq!(d.fields, set(fields), "fields of {cond}");
            assert_eq!(d.operators, set(ops), "operators of {cond}");
            assert_eq!(d.macros, set(macros), "macros of {cond}");
            assert_eq!(d.lists, set(lists), "lists of {cond}");
            assert_eq!(d.evtnames, set(evtnames), "evtnames of {cond}");
        }
        assert_eq!(
            details("tolower(proc.name) = x").transformers,
            set(&["tolower"])
        );
    }

    #[test]
    fn text_table_wraps_descriptions_at_falcos_widths() {
        let desc = "word ".repeat(20);
        let described = json!({"rules": [
            {"info": {"name": "short", "description": "one line"}},
            {"info": {"name": "long", "description": desc}},
        ]});
        let text = to_text(&described);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], format!("{:<50} Description", "Rule"));
        assert_eq!(lines[1], format!("{:<50} -----------", "----"));
        assert_eq!(lines[2], format!("{:<50} one line ", "short"));
        assert_eq!(lines[3], "");
        // 59 columns of room: eleven five-character words.
        assert_eq!(lines[4], format!("{:<50} {}", "long", "word ".repeat(11)));
        assert_eq!(lines[5], format!("{:51}{}", "", "word ".repeat(9)));
        assert_eq!(lines[6], "");
    }

    #[test]
    fn sort_keys_orders_every_level() {
        let v = sort_keys(json!({"b": {"z": 1, "a": [{"y": 0, "x": 0}]}, "a": 0}));
        assert_eq!(v.to_string(), r#"{"a":0,"b":{"a":[{"x":0,"y":0}],"z":1}}"#);
    }
}
