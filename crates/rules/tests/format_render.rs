//! Output format rendering: data-driven cases (tests/data/format/render.yaml, after libsinsp's
//! eventformatter tests and rawval_to_string), compile errors, and allocation behaviour.

mod format_support;

use std::collections::BTreeMap;

use falcod_rules::event::Values;
use falcod_rules::format::OutputFormat;
use format_support::{schema, TestEvent};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    format: String,
    #[serde(default)]
    event: serde_yaml::Mapping,
    text: String,
    #[serde(default = "yes")]
    ok: bool,
    #[serde(default)]
    transformed: bool,
    values: Option<BTreeMap<String, String>>,
    json: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct Cases {
    cases: Vec<Case>,
}

const EVENT_TIME_NS: u64 = 1_470_327_477_881_781_397;

#[test]
fn render_cases() {
    let data = include_str!("data/format/render.yaml");
    let cases: Cases = serde_yaml::from_str(data).expect("render.yaml");
    let schema = schema();
    assert!(cases.cases.len() > 40);
    for case in &cases.cases {
        let name = &case.name;
        let fmt = OutputFormat::compile(&case.format, &schema)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .include_transformed_fields(case.transformed);
        let ev = TestEvent::from_yaml(&schema, &case.event);
        let mut values = Values::new();
        let mut out = String::new();
        let ok = fmt.render(&ev, &mut values, &mut out);
        assert_eq!(out, case.text, "{name}: text");
        assert_eq!(ok, case.ok, "{name}: success");
        assert!(values.is_empty(), "{name}: scratch values left behind");
        if let Some(want) = &case.values {
            let mut got = Vec::new();
            fmt.field_values(&ev, &mut values, &mut got);
            let got: BTreeMap<String, String> = got.into_iter().collect();
            assert_eq!(&got, want, "{name}: field values");
        }
        if let Some(want) = &case.json {
            let mut map = serde_json::Map::new();
            let ok = fmt.render_fields(&ev, &mut values, EVENT_TIME_NS, &mut map);
            assert_eq!(ok, case.ok, "{name}: JSON success");
            let mut got = String::new();
            falcod_rules::format::alert::push_json(&mut got, &serde_json::Value::Object(map), 0);
            assert_eq!(&got, want, "{name}: JSON fields");
        }
    }
}

#[test]
fn render_appends_to_out() {
    let schema = schema();
    let fmt = OutputFormat::compile("*%proc.name", &schema).expect("format");
    let mut ev = TestEvent::default();
    ev.set(
        &schema,
        "proc.name",
        vec![format_support::TestValue::Str(b"sh".to_vec())],
    );
    let mut out = String::from("prefix: ");
    fmt.render(&ev, &mut Values::new(), &mut out);
    assert_eq!(out, "prefix: sh");
}

#[test]
fn field_keys_follow_libsinsp_registration() {
    let schema = schema();
    let cases: &[(&str, &[(&str, bool)])] = &[
        (
            "this is a sample output %proc.name %fd.num %proc.pid",
            &[("proc.name", false), ("fd.num", false), ("proc.pid", false)],
        ),
        (
            "%concat(toupper(proc.name), proc.pname)",
            &[
                ("proc.name", false),
                ("toupper(proc.name)", true),
                ("proc.pname", false),
                ("concat(toupper(proc.name),proc.pname)", true),
            ],
        ),
        (
            "%toupper( tolower( proc.name ) )",
            &[("proc.name", false), ("toupper(tolower(proc.name))", true)],
        ),
        (
            "%evt.arg.path %evt.arg[1]",
            &[("evt.arg.path", false), ("evt.arg[1]", false)],
        ),
    ];
    for (format, want) in cases {
        let fmt = OutputFormat::compile(format, &schema).expect("format");
        let got: Vec<(&str, bool)> = fmt
            .fields()
            .iter()
            .map(|f| (f.key(), f.is_transformed()))
            .collect();
        assert_eq!(&got, want, "{format}");
    }
}

#[test]
fn invalid_formats_are_rejected_with_libsinsp_messages() {
    let schema = schema();
    let unknown = "unknown filter: unexpected token after '";
    let cases = [
        ("", "empty formatting token"),
        ("start %some.field end", unknown),
        ("start %a end", unknown),
        ("start % end", unknown),
        (
            "start %proc.name %",
            "invalid formatting syntax: formatting cannot end with a %",
        ),
        (
            "%12",
            "invalid formatting syntax: formatting cannot end with a number",
        ),
        ("start %some_transformer(proc.aname) end", unknown),
        ("start %val(proc.aname) end", unknown),
        ("start %(proc.aname) end", unknown),
        ("start %toupper(proc.aname", unknown),
        ("start %toupper(tolower)", unknown),
        ("start %toupper(tolower(proc.aname", unknown),
        ("start %toupper(tolower(proc.aname)", unknown),
        ("start %toupper(val(proc.aname))", unknown),
        ("start %touper(", unknown),
        ("start %(", unknown),
        // A transformer of the wrong type does not compile, so no prefix of it is a token.
        ("start %toupper(evt.num) end", unknown),
        ("start %toupper (proc.name) end", unknown),
    ];
    for (format, want) in cases {
        assert_eq!(
            OutputFormat::compile(format, &schema).err().as_deref(),
            Some(want),
            "{format:?}"
        );
    }
    for ok in [
        "start %toupper( proc.name) end",
        "start %toupper(proc.name ) end",
        "start %toupper( proc.name ) end",
        "start %toupper( tolower(proc.name)) end",
        "start %toupper( tolower( proc.name )) end",
        "start %toupper( tolower( proc.name ) ) end",
    ] {
        assert!(OutputFormat::compile(ok, &schema).is_ok(), "{ok:?}");
    }
}
