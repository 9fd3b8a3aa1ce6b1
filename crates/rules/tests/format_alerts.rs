//! Alerts byte for byte: Falco's documented sample (falcosecurity/testing outputs.go), the
//! json_include_* switches, tags, `<NA>` fields, append_output and internal messages.

mod format_support;

use std::collections::BTreeSet;

use falcod_rules::event::Values;
use falcod_rules::format::alert::internal_message;
use falcod_rules::format::append::suggested_field_format;
use falcod_rules::format::{
    effective_output, AlertConfig, AlertScratch, AppendOutput, EffectiveOutput, ExtraField,
    RuleFormatter, RuleMatchInfo,
};
use falcod_rules::load::info::Priority;
use format_support::{schema, TestEvent, TestValue};

const RULE_OUTPUT: &str = "An open was seen (command=%proc.cmdline)";

fn tags(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn cat_event() -> TestEvent {
    let schema = schema();
    let mut ev = TestEvent::default();
    ev.set(
        &schema,
        "proc.cmdline",
        vec![TestValue::Str(b"cat /dev/null".to_vec())],
    );
    ev.set(&schema, "proc.name", vec![TestValue::Str(b"cat".to_vec())]);
    ev
}

/// The timestamps of the eight `open_from_cat` matches in cat_write.scap.
fn sample_times() -> Vec<u64> {
    include_str!("data/format/single_rule_with_cat_write.txt")
        .lines()
        .map(|line| {
            let frac = &line[20..29];
            // 2016-08-04T16:17:57 UTC
            1_470_327_477 * 1_000_000_000 + frac.parse::<u64>().expect("nanoseconds")
        })
        .collect()
}

struct Rule {
    name: &'static str,
    source: &'static str,
    tags: BTreeSet<String>,
    priority: Priority,
}

fn render(
    cfg: &AlertConfig,
    rule: &Rule,
    effective: &EffectiveOutput,
    ev: &TestEvent,
    t: u64,
) -> String {
    let schema = schema();
    let formatter = RuleFormatter::compile(effective, &schema).expect("rule output");
    let info = RuleMatchInfo {
        name: rule.name,
        source: rule.source,
        tags: &rule.tags,
    };
    let mut out = String::new();
    formatter.write_alert(
        cfg,
        &info,
        rule.priority,
        t,
        ev,
        &mut Values::new(),
        &mut AlertScratch::default(),
        &mut out,
    );
    out
}

fn open_from_cat(tag_list: &[&str]) -> Rule {
    Rule {
        name: "open_from_cat",
        source: "syscall",
        tags: tags(tag_list),
        priority: Priority::Warning,
    }
}

fn plain(output: &str) -> EffectiveOutput {
    EffectiveOutput {
        output: output.to_string(),
        extra_fields: Default::default(),
    }
}

fn iso_config(json: bool) -> AlertConfig {
    AlertConfig {
        json_output: json,
        time_format_iso_8601: true,
        hostname: "test-falco-hostname".into(),
        ..AlertConfig::default()
    }
}

#[test]
fn documented_text_sample_byte_for_byte() {
    let rule = open_from_cat(&[]);
    let want = include_str!("data/format/single_rule_with_cat_write.txt");
    let mut got = String::new();
    for t in sample_times() {
        got.push_str(&render(
            &iso_config(false),
            &rule,
            &plain(RULE_OUTPUT),
            &cat_event(),
            t,
        ));
        got.push('\n');
    }
    assert_eq!(got, want);
}

#[test]
fn documented_json_sample() {
    let rule = open_from_cat(&["filesystem", "process", "testing"]);
    let expected = include_str!("data/format/single_rule_with_cat_write.json");
    let times = sample_times();
    assert_eq!(expected.lines().count(), times.len());
    for (line, t) in expected.lines().zip(times) {
        let got = render(
            &iso_config(true),
            &rule,
            &plain(RULE_OUTPUT),
            &cat_event(),
            t,
        );
        // The testing repo compares JSON values...
        let want: serde_json::Value = serde_json::from_str(line).expect("sample line");
        let parsed: serde_json::Value = serde_json::from_str(&got).expect("our JSON");
        assert_eq!(parsed, want);
        // ...and Falco writes the keys alphabetically, compact.
        let mut sorted = String::new();
        falcod_rules::format::alert::push_json(&mut sorted, &want, 0);
        assert_eq!(got, sorted);
    }
    let first = render(
        &iso_config(true),
        &rule,
        &plain(RULE_OUTPUT),
        &cat_event(),
        1_470_327_477_881_781_397,
    );
    assert_eq!(
        first,
        r#"{"hostname":"test-falco-hostname","output":"2016-08-04T16:17:57.881781397+0000: Warning An open was seen (command=cat /dev/null)","output_fields":{"evt.time.iso8601":1470327477881781397,"proc.cmdline":"cat /dev/null"},"priority":"Warning","rule":"open_from_cat","source":"syscall","tags":["filesystem","process","testing"],"time":"2016-08-04T16:17:57.881781397Z"}"#
    );
}

#[test]
fn time_of_day_prefix_and_offset() {
    let rule = open_from_cat(&[]);
    let t = 1_470_327_477_881_781_397;
    let mut cfg = AlertConfig::default();
    assert_eq!(
        render(&cfg, &rule, &plain(RULE_OUTPUT), &cat_event(), t),
        "16:17:57.881781397: Warning An open was seen (command=cat /dev/null)"
    );
    cfg.utc_offset_secs = -5 * 3600;
    assert_eq!(
        render(&cfg, &rule, &plain(RULE_OUTPUT), &cat_event(), t),
        "11:17:57.881781397: Warning An open was seen (command=cat /dev/null)"
    );
    cfg.utc_offset_secs = 9 * 3600;
    assert_eq!(
        render(&cfg, &rule, &plain("x"), &cat_event(), t),
        "01:17:57.881781397: Warning x"
    );
    // JSON without ISO time: the time field is evt.time, still integer nanoseconds.
    cfg.json_output = true;
    cfg.utc_offset_secs = 0;
    let got = render(&cfg, &rule, &plain(RULE_OUTPUT), &cat_event(), t);
    assert!(
        got.contains(
            r#""output_fields":{"evt.time":1470327477881781397,"proc.cmdline":"cat /dev/null"}"#
        ),
        "{got}"
    );
    assert!(
        got.contains(r#""output":"16:17:57.881781397: Warning An open"#),
        "{got}"
    );
}

#[test]
fn json_include_switches() {
    let rule = open_from_cat(&["b", "a"]);
    let t = 1_000_000_000_000_000_123;
    for mask in 0..16u32 {
        let cfg = AlertConfig {
            json_output: true,
            json_include_output_property: mask & 1 != 0,
            json_include_tags_property: mask & 2 != 0,
            json_include_message_property: mask & 4 != 0,
            json_include_output_fields_property: mask & 8 != 0,
            hostname: "h".into(),
            ..AlertConfig::default()
        };
        let got = render(&cfg, &rule, &plain("msg %proc.name"), &cat_event(), t);
        let mut want = String::from(r#"{"hostname":"h""#);
        if cfg.json_include_message_property {
            want.push_str(r#","message":"msg cat""#);
        }
        if cfg.json_include_output_property {
            want.push_str(r#","output":"01:46:40.000000123: Warning msg cat""#);
        }
        if cfg.json_include_output_fields_property {
            want.push_str(r#","output_fields":{"evt.time":1000000000000000123,"proc.name":"cat"}"#);
        }
        want.push_str(r#","priority":"Warning","rule":"open_from_cat","source":"syscall""#);
        if cfg.json_include_tags_property {
            want.push_str(r#","tags":["a","b"]"#);
        }
        want.push_str(r#","time":"2001-09-09T01:46:40.000000123Z"}"#);
        assert_eq!(got, want, "mask {mask:04b}");
    }
}

#[test]
fn empty_tags_and_missing_fields() {
    // falcosecurity/testing: JsonOutputEmptyTagsProperty and NullOutputField.
    let rule = open_from_cat(&[]);
    let cfg = AlertConfig {
        json_output: true,
        ..AlertConfig::default()
    };
    let output = "An open was seen (cport=%fd.cport command=%proc.cmdline)";
    let got = render(&cfg, &rule, &plain(output), &cat_event(), 5);
    assert!(got.contains(r#","tags":[],"#), "{got}");
    assert!(
        got.contains("Warning An open was seen (cport=<NA> command=cat /dev/null)"),
        "{got}"
    );
    assert!(
        got.contains(
            r#""output_fields":{"evt.time":5,"fd.cport":null,"proc.cmdline":"cat /dev/null"}"#
        ),
        "{got}"
    );
}

#[test]
fn strings_escaped_as_nlohmann_does() {
    let schema = schema();
    let mut ev = TestEvent::default();
    ev.set(
        &schema,
        "proc.cmdline",
        vec![TestValue::Str(b"a\"b\\c\td\x01\xffz \xc3\xa9".to_vec())],
    );
    let cfg = AlertConfig {
        json_output: true,
        json_include_output_property: false,
        json_include_tags_property: false,
        ..AlertConfig::default()
    };
    let got = render(&cfg, &open_from_cat(&[]), &plain("%proc.cmdline"), &ev, 0);
    assert_eq!(
        got,
        "{\"hostname\":\"\",\"output_fields\":{\"evt.time\":0,\"proc.cmdline\":\"a\\\"b\\\\c\\td\\u0001\u{fffd}z é\"},\"priority\":\"Warning\",\"rule\":\"open_from_cat\",\"source\":\"syscall\",\"time\":\"1970-01-01T00:00:00.000000000Z\"}"
    );
}

fn suggested_suffix() -> String {
    [
        "container.id",
        "container.name",
        "container.image.repository",
        "container.image.tag",
        "k8s.pod.name",
        "k8s.ns.name",
    ]
    .iter()
    .map(|f| format!(" {}", suggested_field_format(f)))
    .collect()
}

#[test]
fn append_output_matching_and_order() {
    let schema = schema();
    let rule_tags = tags(&["container", "shell", "mitre"]);
    let rule = RuleMatchInfo {
        name: "Terminal shell in container",
        source: "syscall",
        tags: &rule_tags,
    };
    let entry = |f: fn(&mut AppendOutput)| {
        let mut e = AppendOutput::default();
        f(&mut e);
        e
    };
    let appends = vec![
        entry(|e| e.suggested_output = true),
        entry(|e| e.extra_output = Some("user=%user.name".into())),
        entry(|e| {
            e.source = Some("k8s_audit".into());
            e.extra_output = Some("never".into());
        }),
        entry(|e| {
            e.tags = tags(&["shell", "container"]);
            e.extra_output = Some("tagged".into());
        }),
        entry(|e| {
            e.tags = tags(&["shell", "network"]);
            e.extra_output = Some("never".into());
        }),
        entry(|e| {
            e.rule = Some("Terminal shell in container".into());
            e.extra_output = Some("by-name %container.info".into());
        }),
        entry(|e| {
            e.rule = Some("Other rule".into());
            e.extra_output = Some("never".into());
        }),
    ];
    let got = effective_output("shell %proc.name", &rule, &appends, &schema);
    assert_eq!(
        got.output,
        format!(
            "shell %proc.name{} user=%user.name tagged by-name ",
            suggested_suffix()
        )
    );
    assert_eq!(
        suggested_suffix(),
        " container_id=%container.id container_name=%container.name container_image_repository=%container.image.repository container_image_tag=%container.image.tag k8s_pod_name=%k8s.pod.name k8s_ns_name=%k8s.ns.name"
    );
    assert!(got.extra_fields.is_empty());
    RuleFormatter::compile(&got, &schema).expect("appended output compiles");
}

#[test]
fn append_output_extra_fields_in_json_only() {
    let schema = schema();
    let rule = open_from_cat(&["filesystem"]);
    let info = RuleMatchInfo {
        name: rule.name,
        source: rule.source,
        tags: &rule.tags,
    };
    let appends = vec![
        AppendOutput {
            extra_fields: vec![
                ExtraField::Formatted {
                    key: "summary".into(),
                    format: "%proc.name opened".into(),
                },
                ExtraField::Raw("thread.tid".into()),
                ExtraField::Raw("proc.aname[1]".into()),
                ExtraField::Formatted {
                    key: "dropped".into(),
                    format: "".into(),
                },
            ],
            ..AppendOutput::default()
        },
        AppendOutput {
            tags: tags(&["filesystem"]),
            extra_fields: vec![ExtraField::Formatted {
                key: "summary".into(),
                format: "later %user.name wins".into(),
            }],
            ..AppendOutput::default()
        },
    ];
    let effective = effective_output(RULE_OUTPUT, &info, &appends, &schema);
    assert_eq!(effective.output, RULE_OUTPUT);
    let mut ev = cat_event();
    ev.set(&schema, "thread.tid", vec![TestValue::Int(1234)]);
    let cfg = AlertConfig {
        json_output: true,
        json_include_output_property: false,
        json_include_tags_property: false,
        ..AlertConfig::default()
    };
    let got = render(&cfg, &rule, &effective, &ev, 7);
    assert_eq!(
        got,
        r#"{"hostname":"","output_fields":{"evt.time":7,"proc.aname[1]":null,"proc.cmdline":"cat /dev/null","summary":"later <NA> wins","thread.tid":1234},"priority":"Warning","rule":"open_from_cat","source":"syscall","time":"1970-01-01T00:00:00.000000007Z"}"#
    );
    // Text alerts do not show extra fields.
    let text = render(&AlertConfig::default(), &rule, &effective, &ev, 7);
    assert_eq!(
        text,
        "00:00:00.000000007: Warning An open was seen (command=cat /dev/null)"
    );
}

#[test]
fn internal_messages() {
    let mut fields = serde_json::Map::new();
    fields.insert("n_evts".into(), serde_json::json!(1000));
    fields.insert("n_drops".into(), serde_json::json!(12));
    let msg = "Falco internal: syscall event drop. 12 system calls dropped in last second.";
    let mut cfg = AlertConfig {
        hostname: "h".into(),
        ..AlertConfig::default()
    };
    let t = 1_470_327_477_000_000_001;
    let mut out = String::new();
    internal_message(
        &cfg,
        t,
        Priority::Debug,
        msg,
        "Falco internal: syscall event drop",
        &fields,
        &mut out,
    );
    assert_eq!(
        out,
        format!("16:17:57.000000001: Debug {msg} (n_drops=12 n_evts=1000)")
    );
    cfg.json_output = true;
    out.clear();
    internal_message(
        &cfg,
        t,
        Priority::Debug,
        msg,
        "Falco internal: syscall event drop",
        &fields,
        &mut out,
    );
    assert_eq!(
        out,
        format!(
            r#"{{"hostname":"h","output":"{msg}","output_fields":{{"n_drops":12,"n_evts":1000}},"priority":"Debug","rule":"Falco internal: syscall event drop","source":"internal","time":"2016-08-04T16:17:57.000000001Z"}}"#
        )
    );
}

#[test]
fn text_alerts_reuse_their_buffers() {
    // After a warm-up render, rendering the same alert again must not grow the buffers.
    let schema = schema();
    let rule = open_from_cat(&[]);
    let formatter = RuleFormatter::compile(&plain(RULE_OUTPUT), &schema).expect("format");
    let info = RuleMatchInfo {
        name: rule.name,
        source: rule.source,
        tags: &rule.tags,
    };
    let ev = cat_event();
    let cfg = AlertConfig::default();
    let (mut values, mut scratch, mut out) =
        (Values::new(), AlertScratch::default(), String::new());
    formatter.write_alert(
        &cfg,
        &info,
        rule.priority,
        1,
        &ev,
        &mut values,
        &mut scratch,
        &mut out,
    );
    let first = out.clone();
    let capacity = out.capacity();
    for _ in 0..100 {
        out.clear();
        formatter.write_alert(
            &cfg,
            &info,
            rule.priority,
            1,
            &ev,
            &mut values,
            &mut scratch,
            &mut out,
        );
        assert_eq!(out, first);
        assert_eq!(out.capacity(), capacity);
    }
}
