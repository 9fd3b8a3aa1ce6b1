//! Reader and collector behaviour on small inline rules files.

use std::sync::Arc;

use super::*;
use crate::result::{Position, WarningCode};

struct Loaded {
    collector: Collector,
    result: FileResult,
}

fn load(text: &str) -> Loaded {
    let mut collector = Collector::new();
    let mut result = FileResult::new("rules.yaml");
    let name: Arc<str> = Arc::from("rules.yaml");
    read(
        &name,
        text.as_bytes(),
        &mut collector,
        &mut result,
        &|s: &str| s == "syscall" || s == "k8s_audit",
    );
    Loaded { collector, result }
}

fn error(text: &str) -> LoadError {
    let l = load(text);
    assert_eq!(l.result.errors.len(), 1, "{:?}", l.result);
    l.result.errors[0].clone()
}

fn chain(ctx: &Context) -> Vec<(&'static str, String, u32, u32)> {
    ctx.locations
        .iter()
        .map(|l| {
            (
                l.item_type.as_str(),
                l.item_name.clone(),
                l.pos.line,
                l.pos.column,
            )
        })
        .collect()
}

const BASE: &str =
    "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n";

#[test]
fn document_structure_errors() {
    for (text, msg) in [
        ("just a scalar", "Rules content is not yaml"),
        ("a: b", "Rules content is not yaml array of objects"),
        (
            "- x\n",
            "Unexpected element type. Each element should be a yaml associative array.",
        ),
    ] {
        let e = error(text);
        assert_eq!(e.code, ErrorCode::YamlValidate);
        assert_eq!(e.message, msg);
    }
    assert!(load("").result.successful());
    assert!(load("---\n---\n- ~\n").result.successful());
}

#[test]
fn yaml_and_utf8_errors_are_parse_errors() {
    let e = error("this : is : not : yaml");
    assert_eq!(e.code, ErrorCode::YamlParse);
    assert_eq!(
        e.message,
        "yaml-cpp: error at line 1, column 11: illegal map value"
    );
    let mut c = Collector::new();
    let mut r = FileResult::new("f");
    read(
        &Arc::from("f"),
        b"- list: a\n  items: [\xff]\n",
        &mut c,
        &mut r,
        &|_: &str| true,
    );
    assert_eq!(r.errors[0].code, ErrorCode::YamlParse);
    assert!(
        r.errors[0].message.contains("byte offset 20"),
        "{}",
        r.errors[0].message
    );
    assert_eq!(r.errors[0].context.locations[1].pos.line, 1);
}

#[test]
fn missing_key_messages_and_contexts() {
    let e =
        error("- rule: no output rule\n  desc: d\n  condition: evt.type=open\n  priority: INFO\n");
    assert_eq!(e.message, "Item has no mapping for key 'output'");
    assert_eq!(
        chain(&e.context),
        vec![
            ("rules content", String::new(), 0, 0),
            ("rule", "no output rule".into(), 0, 2)
        ]
    );
    let e = error("- rule: r\n  desc: d\n  condition:\n  output: o\n  priority: INFO\n");
    assert_eq!(e.message, "Mapping for key 'condition' is empty");
    let e = error("- rule: r\n  desc: [a]\n  condition: c\n  output: o\n  priority: INFO\n");
    assert_eq!(e.message, "Value is not a scalar value");
    assert_eq!(chain(&e.context)[2], ("value for", "desc".into(), 1, 8));
    let e = error("- rule: r\n  desc: ''\n  condition: c\n  output: o\n  priority: INFO\n");
    assert_eq!(e.message, "Value must be non-empty");
    let e = error(&format!("{BASE}  enabled: maybe\n"));
    assert_eq!(e.message, "Can't decode YAML scalar value");
    let e = error(&format!("{BASE}  capture_duration: not_a_number\n"));
    assert_eq!(e.message, "Can't decode YAML scalar value");
    let e = error("- list: l\n  items: a\n");
    assert_eq!(e.message, "Value is not a sequence");
    let e = error("- list: l\n  items: [a, [b]]\n");
    assert_eq!(e.message, "sequence value is not scalar");
    assert_eq!(chain(&e.context)[3], ("list item", String::new(), 1, 13));
}

#[test]
fn priority_and_defaults() {
    let e = error("- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: loud\n");
    assert_eq!(e.message, "Invalid priority");
    assert_eq!(
        chain(&e.context)[2],
        ("rule priority", String::new(), 4, 12)
    );
    let l = load(&format!("{BASE}  tags: [b, a, b]\n  capture: yes\n  capture_duration: 0x10\n  enforce: block\n  output: \"  spaced \"\n"));
    assert!(l.result.successful(), "{:?}", l.result);
    let r = l.collector.rules.get("r").expect("rule");
    assert_eq!(r.output, "o");
    assert_eq!(r.priority, Priority::Informational);
    assert_eq!(r.source, "syscall");
    assert_eq!(r.tags.iter().collect::<Vec<_>>(), ["a", "b"]);
    assert!(r.capture && r.enabled && r.warn_evttypes && !r.skip_if_unknown_filter);
    assert_eq!(r.capture_duration, 16);
    assert_eq!(r.enforce.as_deref(), Some("block"));
    assert_eq!(
        r.cond_ctx.locations[2].pos,
        Position {
            offset: 33,
            line: 2,
            column: 13
        }
    );
}

/// falcod's `enforce` key: Falco warns that the key is unknown and loads the rule; the raw value
/// stays on the rule (unvalidated) for the enforcement selection.
#[test]
fn enforce_key_is_unknown_to_falco_but_kept() {
    for (value, kept) in [("block", "block"), ("kill", "kill"), ("[block]", "")] {
        let l = load(&format!("{BASE}  enforce: {value}\n"));
        assert!(l.result.successful(), "{:?}", l.result);
        let warnings: Vec<_> = l
            .result
            .warnings
            .iter()
            .map(|w| (w.code, w.message.as_str()))
            .collect();
        assert_eq!(
            warnings,
            [(
                WarningCode::UnknownKey,
                "Unknown key 'enforce'. The key will be ignored."
            )]
        );
        let r = l.collector.rules.get("r").expect("rule");
        assert_eq!(r.enforce.as_deref(), Some(kept), "enforce: {value}");
    }
}

#[test]
fn engine_version() {
    let l = load("- required_engine_version: 12\n- required_engine_version: 0.31.0\n");
    assert!(l.result.successful(), "{:?}", l.result);
    let v = l.collector.required_engine_version.expect("set").version;
    assert_eq!(v.to_string(), "0.31.0");
    let e = error("- required_engine_version: 0.99.0\n");
    assert_eq!(e.code, ErrorCode::Validate);
    assert_eq!(
        e.message,
        "Rules require engine version 0.99.0, but engine version is 0.62.0"
    );
    let e = error("- required_engine_version: banana\n");
    assert_eq!(
        e.message,
        "Unable to parse engine version 'banana' as a semver string. Expected \"x.y.z\" semver format."
    );
    // libsinsp's sscanf parse ignores trailing text.
    assert!(load("- required_engine_version: 0.10.0-rc1\n")
        .result
        .successful());
}

#[test]
fn plugin_versions() {
    let l = load("- required_plugin_versions:\n  - name: k8saudit\n    version: 0.1.0\n    alternatives:\n      - name: k8saudit-eks\n        version: 0.2.0\n");
    assert!(l.result.successful(), "{:?}", l.result);
    assert_eq!(
        l.collector.required_plugin_versions[0].alternatives.len(),
        2
    );
    for (text, msg) in [
        ("- required_plugin_versions: x\n", "Value of required_plugin_versions must be a sequence"),
        ("- required_plugin_versions: [x]\n", "Plugin version must be a mapping"),
        ("- required_plugin_versions:\n  - name: a\n    version: b\n", "Invalid required version 'b' for plugin 'a'"),
        ("- required_plugin_versions:\n  - name: a\n    version: 1.0.0\n    alternatives: x\n", "Value of plugin version alternatives must be a sequence"),
        ("- required_plugin_versions:\n  - name: a\n    version: 1.0.0\n    alternatives: [x]\n", "Plugin version alternative must be a mapping"),
        ("- required_plugin_versions:\n  - name: a\n    version: 1.0.0\n    alternatives: [{name: a, version: 1.0.0}]\n", "Defined multiple alternative version requirements for plugin 'a'"),
    ] {
        assert_eq!(error(text).message, msg, "{text}");
    }
}

#[test]
fn name_warnings_unknown_items_and_keys() {
    let l = load("- list: \"bad name\"\n  items: []\n- macro: 1bad\n  condition: x\n- foo: bar\n- list: l\n  items: []\n  typo_field: 1\n");
    let w: Vec<_> = l
        .result
        .warnings
        .iter()
        .map(|w| (w.code, w.message.as_str()))
        .collect();
    assert_eq!(
        w,
        vec![
            (WarningCode::InvalidListName, "List has an invalid name. List names should match a regular expression: ([^()\"'[:space:]=,]+)"),
            (WarningCode::InvalidMacroName, "Macro has an invalid name. Macro names should match a regular expression: ([a-zA-Z]+[a-zA-Z0-9_]*)"),
            (WarningCode::UnknownItem, "Unknown top level item"),
            (WarningCode::UnknownKey, "Unknown key 'typo_field'. The key will be ignored."),
        ]
    );
    assert_eq!(
        chain(&l.result.warnings[2].context)[1],
        ("rules content item", String::new(), 4, 2)
    );
}

#[test]
fn redefinition_keeps_index_and_bumps_visibility() {
    let l = load("- list: a\n  items: [1]\n- list: b\n  items: []\n- list: a\n  items: [2]\n- list: b\n  items: [3]\n  override: {items: append}\n");
    assert!(l.result.successful(), "{:?}", l.result);
    let a = l.collector.lists.get("a").expect("a");
    let b = l.collector.lists.get("b").expect("b");
    assert_eq!(
        (a.index, a.visibility, a.items.clone()),
        (0, 2, vec!["2".to_string()])
    );
    assert_eq!(
        (b.index, b.visibility, b.items.clone()),
        (1, 3, vec!["3".to_string()])
    );
    assert_eq!(a.ctx.locations[1].pos.line, 4);
}

#[test]
fn append_and_override_matrix() {
    let macro_append =
        load("- macro: m\n  condition: a\n- macro: m\n  condition: or b\n  append: true\n");
    assert_eq!(
        macro_append
            .collector
            .macros
            .get("m")
            .map(|m| m.cond.as_str()),
        Some("a or b")
    );
    assert_eq!(macro_append.result.warnings[0].message, WARNING_APPEND);
    for (text, msg) in [
        (
            "- macro: m\n  condition: a\n  override: {condition: append}\n",
            crate::load::collector::ERROR_NO_PREVIOUS_MACRO,
        ),
        (
            "- list: l\n  items: []\n  append: true\n",
            crate::load::collector::ERROR_NO_PREVIOUS_LIST,
        ),
        (
            "- rule: r\n  condition: a\n  override: {condition: append}\n",
            crate::load::collector::ERROR_NO_PREVIOUS_RULE_APPEND,
        ),
        (
            "- rule: r\n  condition: a\n  override: {condition: replace}\n",
            crate::load::collector::ERROR_NO_PREVIOUS_RULE_REPLACE,
        ),
        (
            "- rule: r\n  enabled: false\n",
            "Rule has 'enabled' key but no rule by that name already exists",
        ),
    ] {
        let e = error(text);
        assert_eq!(
            (e.code, e.message.as_str()),
            (ErrorCode::Validate, msg),
            "{text}"
        );
    }
    for (tail, msg) in [
        ("  priority: ERROR\n  override: {priority: append}\n", "Key 'priority' cannot be appended to, use 'replace' instead"),
        ("  source: x\n  override: {source: replace}\n", "Key 'source' cannot be replaced"),
        ("  condition: x\n  override: {condition: merge}\n", "Invalid override operation for key 'condition': 'merge'. Allowed values are: append replace "),
        ("  override: {priority: bogus}\n", "Invalid override operation for key 'priority': 'bogus'. Allowed values are: replace "),
        ("  desc: x\n  override: {desc: replace, condition: append}\n", "An append override for 'condition' was specified but 'condition' is not defined"),
        ("  desc: x\n  condition: and y\n  priority: WARNING\n  override: {desc: replace, condition: append}\n", "Unexpected key 'priority': no corresponding entry under 'override' is defined."),
        ("  condition: x\n  append: true\n  override: {condition: append}\n", ERROR_OVERRIDE_APPEND),
    ] {
        let e = error(&format!("{BASE}- rule: r\n{tail}"));
        assert_eq!((e.code, e.message.as_str()), (ErrorCode::YamlValidate, msg), "{tail}");
    }
    let l = load(&format!("{BASE}  enabled: false\n- rule: r\n  condition: and proc.name = cat\n  output: more\n  desc: x\n  tags: [t]\n  enabled: true\n  priority: ERROR\n  override:\n    condition: append\n    output: append\n    desc: replace\n    tags: append\n    enabled: replace\n    priority: replace\n"));
    assert!(l.result.successful(), "{:?}", l.result);
    assert!(l.result.warnings.is_empty());
    let r = l.collector.rules.get("r").expect("r");
    assert_eq!(r.cond, "evt.type = open and proc.name = cat");
    assert_eq!((r.output.as_str(), r.desc.as_str()), ("o more", "x"));
    assert!(r.enabled);
    assert_eq!(r.priority, Priority::Error);
    assert_eq!((r.index, r.visibility), (0, 2));
    let l = load(&format!("{BASE}- rule: r\n  enabled: false\n"));
    assert_eq!(l.result.warnings[0].message, WARNING_ENABLED);
    assert!(!l.collector.rules.get("r").expect("r").enabled);
}

#[test]
fn sources() {
    let l = load(
        "- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: INFO\n  source: aws\n",
    );
    assert_eq!(l.result.warnings[0].message, "Unknown source aws, skipping");
    assert!(l.collector.rules.get("r").expect("r").unknown_source);
    let e = error(&format!("{BASE}  source: syscall\n- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: INFO\n  source: k8s_audit\n"));
    assert_eq!(
        e.message,
        "Rule has been re-defined with a different source"
    );
    let l = load(&format!(
        "{BASE}- rule: r\n  condition: and proc.name=apache\n  source:\n  append: true\n"
    ));
    assert!(l.result.successful(), "{:?}", l.result);
}

#[test]
fn exceptions() {
    let ok = load(&format!("{BASE}  exceptions:\n    - name: e1\n      fields: [proc.name, fd.name]\n      values: [[a, b]]\n    - name: e2\n      fields: proc.name\n      values: [x]\n- rule: r\n  exceptions:\n    - name: e2\n      values: [y]\n    - name: e3\n      fields: proc.name\n  override: {{exceptions: append}}\n"));
    assert!(!ok.result.successful());
    assert_eq!(
        ok.result.errors[0].message,
        "Rule exception must have values property with a list of values"
    );
    assert_eq!(
        ok.result.warnings[0].message,
        "Overriding/appending exception with no values"
    );
    let l = load(&format!("{BASE}  exceptions:\n    - name: e1\n      fields: [proc.name, fd.name]\n      comps: [' startswith oneof ', '=']\n      values: [[a, b]]\n    - name: e2\n      fields: proc.name\n      values: [x]\n- rule: r\n  exceptions:\n    - name: e2\n      values: [y]\n  override: {{exceptions: append}}\n"));
    assert!(l.result.successful(), "{:?}", l.result);
    let r = l.collector.rules.get("r").expect("r");
    assert_eq!(
        r.exceptions[0].comps,
        Some(Entry::List(vec![
            Entry::Item("startswith oneof".into()),
            Entry::Item("=".into())
        ]))
    );
    assert_eq!(r.exceptions[1].comps, Some(Entry::Item("in".into())));
    assert_eq!(
        r.exceptions[1].values,
        vec![Entry::Item("x".into()), Entry::Item("y".into())]
    );
    for (ex, msg) in [
        ("name: e\n      fields: []\n      values: [x]", "Rule exception item must have fields property with a list of fields"),
        ("name: e\n      fields: [a, b]\n      comps: [=]", "Fields and comps lists must have equal length"),
        ("name: e\n      fields: [a]\n      comps: [frobulate oneof]", "'frobulate oneof' is not a supported comparison operator"),
        ("name: e\n      fields: [a]\n      comps: [in oneof]", "'in oneof' is not a supported comparison operator"),
        ("name: e\n      fields: a\n      comps: =", "When fields is a single value, comps must be one of (in, pmatch, intersects) or a modifier operator (e.g. startswith oneof)"),
        ("name: e\n      fields: a\n      comps: [in]", "Fields and comps must both be strings"),
    ] {
        let e = error(&format!("{BASE}  exceptions:\n    - {ex}\n"));
        assert_eq!(e.message, msg, "{ex}");
        assert_eq!(chain(&e.context)[2].0, "exception");
    }
    let e = error(&format!("{BASE}  exceptions: x\n"));
    assert_eq!(e.message, "Rule exceptions must be a sequence");
    let e = error(&format!(
        "{BASE}  exceptions:\n    - name: e\n      fields: a\n      values: x\n"
    ));
    assert_eq!(e.message, "Rule exception values must be a sequence");
    let l = load(&format!("{BASE}  exceptions:\n    - name: e\n      fields: a\n      values: [x]\n    - name: e\n      fields: a\n      values: [x]\n"));
    assert_eq!(
        l.result.warnings[0].message,
        "Multiple definitions of exception 'e' in the same rule"
    );
    // As Falco's reader: one warning per earlier exception with the same name.
    let ex = |name: &str| format!("    - name: {name}\n      fields: a\n      values: [x]\n");
    let l = load(&format!(
        "{BASE}  exceptions:\n{}{}{}{}",
        ex("a"),
        ex("a"),
        ex("b"),
        ex("a")
    ));
    let got: Vec<(&str, &str)> = l
        .result
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::ExceptionNameNotUnique)
        .map(|w| (w.code.code(), w.message.as_str()))
        .collect();
    let msg = "Multiple definitions of exception 'a' in the same rule";
    assert_eq!(got, vec![("LOAD_EXCEPTION_NAME_NOT_UNIQUE", msg); 3]);
    let e = error(&format!("{BASE}- rule: r\n  exceptions:\n    - name: e\n      values: [id]\n  override:\n    exceptions: replace\n"));
    assert_eq!(e.message, "Item has no mapping for key 'fields'");
}

#[test]
fn stops_at_first_error() {
    let l = load("- list: a\n  items: x\n- list: b\n  items: y\n");
    assert_eq!(l.result.errors.len(), 1);
    assert!(l.collector.lists.is_empty());
}

#[test]
fn reading_upstream_rules_is_fast() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/falco-rules/");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return; // the upstream files are only present beside a full checkout
    };
    let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    let mut collector = Collector::new();
    let start = std::time::Instant::now();
    let mut total = 0;
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "yaml"))
    {
        let Ok(bytes) = std::fs::read(f) else {
            continue;
        };
        total += bytes.len();
        let mut result = FileResult::new(f.display().to_string());
        read(
            &Arc::from("f"),
            &bytes,
            &mut collector,
            &mut result,
            &|s: &str| s == "syscall",
        );
        assert!(result.successful(), "{}: {:?}", f.display(), result.errors);
    }
    let elapsed = start.elapsed();
    assert!(collector.rules.len() > 50, "{}", collector.rules.len());
    // Generous bound for an unoptimised test build on a shared machine.
    assert!(elapsed.as_millis() < 2000, "{total} bytes took {elapsed:?}");
}
