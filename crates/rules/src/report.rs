//! Rendering load results.
//!
//! The three renderings Falco gives a rules-file load result (falco `rule_loader::result`):
//! [`summary`] (`<file>: Ok` / `Invalid` with code lists), [`verbose`] (every error and warning
//! with its context chain and a snippet of the file with a `^` marker) and [`to_json`] (the
//! object `falco -V --json` prints per file, keys in nlohmann's alphabetical order).
//!
//! Schema validation: Falco also validates rules files against a JSON schema and reports the
//! outcome as `schema_valid`/`schema_warnings`. falcod runs no schema validator, so it renders a
//! result the way Falco does when no validation was requested: no schema keys in JSON and no
//! schema lines in text. Claiming `"schema_valid": true` would assert a check that never ran,
//! and Falco's `"none"` status would render as a failure on every file.

use std::sync::Arc;

use serde_json::{json, Map, Value};

use crate::result::{Context, FileResult, LoadWarning, WarningCode};

/// Falco's default snippet width.
const SNIPPET_WIDTH: usize = 160;

/// Falco's long description of a warning code (its JSON `codedesc`).
pub fn warning_description(code: WarningCode) -> &'static str {
    match code {
        WarningCode::UnknownSource => {
            "A rule has a unknown event source. This can occur when reading rules content without \
             having a corresponding plugin loaded, etc. The rule will be silently ignored."
        }
        WarningCode::UnsafeNaCheck => {
            "Comparing a field value with <NA> is unsafe and can lead to unpredictable behavior of \
             the rule condition. If you need to check for the existence of a field, consider using \
             the 'exists' operator instead."
        }
        WarningCode::NoEvttype => {
            "A rule condition matches too many evt.type values. This has a significant performance \
             penalty. Make the condition more specific by adding an evt.type field or further \
             restricting the number of evt.type values in the condition."
        }
        WarningCode::UnknownFilter => {
            "A rule condition or output refers to a field or evt.type that does not exist. This is \
             normally an error, but if a rule has a skip-if-unknown-filter property, the error is \
             downgraded to a warning."
        }
        WarningCode::UnusedMacro => {
            "A macro is defined in the rules content but is not used by any other macro or rule."
        }
        WarningCode::UnusedList => {
            "A list is defined in the rules content but is not used by any other list, macro, or \
             rule."
        }
        WarningCode::UnknownItem => {
            "An unknown top-level object is in the rules content. It will be ignored."
        }
        WarningCode::DeprecatedItem => "A deprecated item is employed by lists, macros, or rules.",
        WarningCode::WarningExtension => "An extension item has a warning",
        WarningCode::AppendNoValues => "A rule exception is overriding/appending with no values",
        WarningCode::ExceptionNameNotUnique => {
            "A rule is defining multiple exceptions with the same name"
        }
        WarningCode::InvalidMacroName => "A macro is defined with an invalid name",
        WarningCode::InvalidListName => "A list is defined with an invalid name",
        WarningCode::CompileCondition => {
            "A rule condition or output have been parsed with a warning"
        }
        WarningCode::UnknownKey => {
            "An item in the rules content contains an unrecognized key. The key will be ignored. \
             This may indicate a typo or a property placed on the wrong item type."
        }
    }
}

/// Falco's description of a deprecated field.
fn deprecated_field_description(field: &str) -> &'static str {
    match field {
        "evt.dir" => {
            "due to the drop of enter events, 'evt.dir = <' always evaluates to true, and 'evt.dir \
             = >' always evaluates to false. The rule expression can be simplified by removing the \
             condition on 'evt.dir'"
        }
        "evt.latency" | "evt.latency.s" | "evt.latency.ns" | "evt.latency.human"
        | "evt.wait_latency" => "field is not available due to the drop of enter events.",
        _ => "",
    }
}

/// A warning's short text (with the field for deprecated-field warnings).
fn warning_short(w: &LoadWarning) -> String {
    match &w.deprecated_field {
        Some(f) => format!("{}: field '{}'", w.code.short(), f),
        None => w.code.short().to_string(),
    }
}

/// A warning's long description (with the field's for deprecated-field warnings).
fn warning_long(w: &LoadWarning) -> String {
    match &w.deprecated_field {
        Some(f) => format!(
            "{}: {}",
            warning_description(w.code),
            deprecated_field_description(f)
        ),
        None => warning_description(w.code).to_string(),
    }
}

fn header(r: &FileResult) -> String {
    let mut out = String::new();
    if !r.name.is_empty() {
        out.push_str(&r.name);
        out.push_str(": ");
    }
    if r.successful() {
        out.push_str("Ok");
        if r.has_warnings() {
            out.push_str(", with warnings");
        }
    } else {
        out.push_str("Invalid");
    }
    out
}

/// Falco's summary string: `<name>: Ok`, `<name>: Ok, with warnings` or `<name>: Invalid`, then
/// ` N errors: [CODE (desc) ...]` and ` N warnings: [...]` lines.
pub fn summary(r: &FileResult) -> String {
    let mut out = header(r);
    if !r.errors.is_empty() {
        let items: Vec<String> = r
            .errors
            .iter()
            .map(|e| format!("{} ({})", e.code.code(), e.code.short()))
            .collect();
        out.push_str(&format!(
            "\n {} errors: [{}]",
            r.errors.len(),
            items.join(" ")
        ));
    }
    if !r.warnings.is_empty() {
        let items: Vec<String> = r
            .warnings
            .iter()
            .map(|w| format!("{} ({})", w.code.code(), warning_short(w)))
            .collect();
        out.push_str(&format!(
            "\n {} warnings: [{}]",
            r.warnings.len(),
            items.join(" ")
        ));
    }
    out
}

/// Falco's `context::as_string`: one line per location, outermost first.
pub fn context_string(ctx: &Context) -> String {
    let mut out = String::new();
    for (i, loc) in ctx.locations.iter().enumerate() {
        out.push_str(if i == 0 { "In " } else { "    " });
        out.push_str(loc.item_type.as_str());
        if !loc.item_name.is_empty() {
            out.push_str(&format!(" '{}'", loc.item_name));
        }
        out.push_str(&format!(
            ": ({}:{}:{})\n",
            loc.name, loc.pos.line, loc.pos.column
        ));
    }
    out
}

/// Falco's `context::snippet`: the line holding the innermost position (at most `width / 2`
/// bytes either side, elided with `...`), then a line with `^` under the position.
pub fn snippet(ctx: &Context, contents: &dyn Fn(&str) -> Option<Arc<str>>, width: usize) -> String {
    let Some(loc) = ctx.locations.last() else {
        return "<No context available>\n".to_string();
    };
    let alt = ctx.alt_content.clone().filter(|a| !a.is_empty());
    let content = match alt.or_else(|| contents(&loc.name)) {
        Some(c) => c,
        None => return format!("<No context for file + {}>\n", loc.name),
    };
    let text = content.as_bytes();
    if text.is_empty() {
        return "<No context available>\n".to_string();
    }
    let half = width / 2;
    let len = text.len();
    let at = |i: usize| text.get(i).copied();
    let mut pos = loc.pos.offset as usize;
    while pos > 0 && (pos >= len || at(pos) == Some(b'\n')) {
        pos -= 1;
    }
    let mut from = pos;
    while from > 0 && at(from) != Some(b'\n') && pos - from < half {
        from -= 1;
    }
    let mut to = pos;
    while to < len - 1 && at(to) != Some(b'\n') && to - pos < half {
        to += 1;
    }
    if at(from) == Some(b'\n') {
        from += 1;
    }
    if at(to) == Some(b'\n') {
        // Falco's unsigned arithmetic: at offset 0 this wraps and takes the rest of the content.
        to = to.wrapping_sub(1);
    }
    let count = to.wrapping_sub(from).wrapping_add(1);
    let end = from.saturating_add(count).min(len);
    let mut line: Vec<u8> = text.get(from..end).unwrap_or_default().to_vec();
    if line.is_empty() {
        return "<No context available>\n".to_string();
    }
    let ellipsis = |line: &mut Vec<u8>, at: usize| {
        let end = (at + 3).min(line.len());
        line.splice(at..end, *b"...");
    };
    if pos.wrapping_sub(from) >= half {
        ellipsis(&mut line, 0);
    }
    if to.wrapping_sub(pos) >= half {
        let at = line.len().saturating_sub(3);
        ellipsis(&mut line, at);
    }
    line.push(b'\n');
    let mut out = String::from_utf8_lossy(&line).into_owned();
    let offset = pos.wrapping_sub(from);
    if offset < line.len() {
        out.push_str(&" ".repeat(offset));
        out.push_str("^\n");
    }
    out
}

/// Falco's verbose string: the summary header, then every error and warning with its context
/// chain, snippet and message. falcod notes, if any, follow in a `Notes` section.
pub fn verbose(r: &FileResult, contents: &dyn Fn(&str) -> Option<Arc<str>>) -> String {
    let mut out = header(r);
    let mut section = |title: &str, entries: Vec<(&Context, String)>| {
        if entries.is_empty() {
            return;
        }
        out.push_str(&format!("\n{} {title}:\n", entries.len()));
        for (ctx, line) in entries {
            out.push_str(&context_string(ctx));
            out.push_str("------\n");
            out.push_str(&snippet(ctx, contents, SNIPPET_WIDTH));
            out.push_str("------\n");
            out.push_str(&line);
            out.push('\n');
        }
    };
    section(
        "Errors",
        r.errors
            .iter()
            .map(|e| {
                let line = format!("{} ({}): {}", e.code.code(), e.code.short(), e.message);
                (&e.context, line)
            })
            .collect(),
    );
    section(
        "Warnings",
        r.warnings
            .iter()
            .map(|w| {
                let line = format!("{} ({}): {}", w.code.code(), warning_short(w), w.message);
                (&w.context, line)
            })
            .collect(),
    );
    if !r.notes.is_empty() {
        out.push_str(&format!("\n{} Notes:\n", r.notes.len()));
        for n in &r.notes {
            out.push_str(n);
            out.push('\n');
        }
    }
    out
}

/// Falco's `context::as_json` plus the snippet.
fn context_json(ctx: &Context, contents: &dyn Fn(&str) -> Option<Arc<str>>) -> Value {
    let locations: Vec<Value> = ctx
        .locations
        .iter()
        .map(|l| {
            json!({
                "item_name": l.item_name,
                "item_type": l.item_type.as_str(),
                "position": {
                    "column": l.pos.column,
                    "line": l.pos.line,
                    "name": &*l.name,
                    "offset": l.pos.offset,
                },
            })
        })
        .collect();
    json!({
        "locations": locations,
        "snippet": snippet(ctx, contents, SNIPPET_WIDTH),
    })
}

/// Falco's `result::as_json` (errors' `codedesc` is the short text, as Falco emits it).
pub fn to_json(r: &FileResult, contents: &dyn Fn(&str) -> Option<Arc<str>>) -> Value {
    let errors: Vec<Value> = r
        .errors
        .iter()
        .map(|e| {
            json!({
                "code": e.code.code(),
                "codedesc": e.code.short(),
                "context": context_json(&e.context, contents),
                "message": e.message,
            })
        })
        .collect();
    let warnings: Vec<Value> = r
        .warnings
        .iter()
        .map(|w| {
            let mut m = Map::new();
            m.insert("code".into(), w.code.code().into());
            m.insert("codedesc".into(), warning_long(w).into());
            m.insert("context".into(), context_json(&w.context, contents));
            if let Some(f) = &w.deprecated_field {
                m.insert("deprecated_field".into(), f.clone().into());
            }
            m.insert("message".into(), w.message.clone().into());
            Value::Object(m)
        })
        .collect();
    json!({
        "errors": errors,
        "name": r.name,
        "successful": r.successful(),
        "warnings": warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::result::{ErrorCode, ItemType, Position};

    fn pos(offset: u32, line: u32, column: u32) -> Position {
        Position {
            offset,
            line,
            column,
        }
    }

    fn sample() -> (FileResult, Arc<str>) {
        let content: Arc<str> = Arc::from("- rule: r\n  desc: d\n  priority: loud\n");
        let name: Arc<str> = Arc::from("rules.yaml");
        let rule = Context::file(&name).child(pos(2, 0, 2), ItemType::Rule, "r");
        let mut r = FileResult::new("rules.yaml");
        r.error(
            ErrorCode::YamlValidate,
            "Invalid priority",
            &rule.child(pos(32, 2, 12), ItemType::RulePriority, ""),
        );
        r.warn(
            WarningCode::UnknownKey,
            "Unknown key 'x'. The key will be ignored.",
            &rule,
        );
        (r, content)
    }

    #[test]
    fn summary_lines() {
        let (r, _) = sample();
        assert_eq!(
            summary(&r),
            "rules.yaml: Invalid\n 1 errors: [LOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file)]\n 1 warnings: [LOAD_UNKNOWN_KEY (Unknown key in item definition)]"
        );
        assert_eq!(summary(&FileResult::new("a.yaml")), "a.yaml: Ok");
    }

    #[test]
    fn verbose_with_snippet() {
        let (r, content) = sample();
        let text = verbose(&r, &|n: &str| (n == "rules.yaml").then(|| content.clone()));
        let expected = "rules.yaml: Invalid\n1 Errors:\nIn rules content: (rules.yaml:0:0)\n    rule 'r': (rules.yaml:0:2)\n    rule priority: (rules.yaml:2:12)\n------\n  priority: loud\n            ^\n------\nLOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file): Invalid priority\n\n1 Warnings:\nIn rules content: (rules.yaml:0:0)\n    rule 'r': (rules.yaml:0:2)\n------\n- rule: r\n  ^\n------\nLOAD_UNKNOWN_KEY (Unknown key in item definition): Unknown key 'x'. The key will be ignored.\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn snippet_edges() {
        let name: Arc<str> = Arc::from("f");
        let long: Arc<str> = Arc::from(format!("{}X{}\n", "a".repeat(100), "b".repeat(100)));
        let ctx = Context::file(&name).child(pos(100, 0, 100), ItemType::Rule, "");
        let s = snippet(&ctx, &|_: &str| Some(long.clone()), 160);
        let first = s.lines().next().unwrap_or_default();
        assert!(first.starts_with("...") && first.ends_with("..."), "{s}");
        assert_eq!(first.len(), 161);
        assert!(s.ends_with(&format!("{}^\n", " ".repeat(80))));
        // Past the end of the content (dangling value): the last line is shown.
        let tail: Arc<str> = Arc::from("- a:\n  tags:\n");
        let ctx = Context::file(&name).child(pos(13, 2, 0), ItemType::Rule, "");
        assert_eq!(
            snippet(&ctx, &|_: &str| Some(tail.clone()), 160),
            "  tags:\n      ^\n"
        );
        assert_eq!(
            snippet(&ctx, &|_: &str| None, 160),
            "<No context for file + f>\n"
        );
        let mut alt = ctx.clone();
        alt.alt_content = Some(Arc::from("evt.type = open"));
        alt.locations.last_mut().expect("loc").pos = pos(4, 0, 4);
        assert_eq!(
            snippet(&alt, &|_: &str| None, 160),
            "evt.type = open\n    ^\n"
        );
    }

    #[test]
    fn json_shape_and_key_order() {
        let (mut r, content) = sample();
        r.warnings[0].code = WarningCode::DeprecatedItem;
        r.warnings[0].deprecated_field = Some("evt.dir".into());
        let v = to_json(&r, &|_: &str| Some(content.clone()));
        let keys = |v: &Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
        assert_eq!(
            keys(&v),
            Some(vec![
                "errors".into(),
                "name".into(),
                "successful".into(),
                "warnings".into()
            ])
        );
        let err = &v["errors"][0];
        assert_eq!(
            keys(err),
            Some(vec![
                "code".into(),
                "codedesc".into(),
                "context".into(),
                "message".into()
            ])
        );
        assert_eq!(
            err["codedesc"],
            "Error validating internal structure of YAML file"
        );
        assert_eq!(
            err["context"]["locations"][2]["position"],
            json!({"column": 12, "line": 2, "name": "rules.yaml", "offset": 32})
        );
        assert_eq!(err["context"]["locations"][1]["item_type"], "rule");
        let warn = &v["warnings"][0];
        assert_eq!(warn["deprecated_field"], "evt.dir");
        assert!(warn["codedesc"]
            .as_str()
            .is_some_and(|d| d.starts_with("A deprecated item") && d.contains("'evt.dir = <'")));
        assert_eq!(v["successful"], false);
    }
}
