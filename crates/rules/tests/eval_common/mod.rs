//! Shared by the evaluator tests: a small schema with every kind of field, a map-backed test
//! event, and rules compiled from YAML text.
#![allow(dead_code, reason = "each test binary uses a different part")]

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;

use falcod_rules::event::{Event, FieldArg, FieldRequest, Values};
use falcod_rules::fields::{
    ArgForm, EventTypeTable, FieldFlags, FieldId, FieldInfo, FieldRegistry, FieldType, SourceSchema,
};
use falcod_rules::ruleset::{EngineConfig, Ruleset, RulesetBuilder};

/// Event type names, by code.
pub const EVENT_TYPES: [&str; 4] = ["open", "execve", "connect", "other"];

/// The test schema's fields: name, type, flags, argument form.
pub const FIELDS: &[(&str, FieldType, bool, bool)] = &[
    // (name, type, is_list, takes an optional index)
    ("evt.type", FieldType::CharBuf, false, false),
    ("t.name", FieldType::CharBuf, false, false),
    ("t.path", FieldType::FsPath, false, false),
    ("t.num", FieldType::Uint64, false, false),
    ("t.sint", FieldType::Int64, false, false),
    ("t.flag", FieldType::Bool, false, false),
    ("t.ip", FieldType::IpAddr, false, false),
    ("t.net", FieldType::IpNet, false, false),
    ("t.port", FieldType::Port, false, false),
    ("t.buf", FieldType::ByteBuf, false, false),
    ("t.list", FieldType::CharBuf, true, false),
    ("t.nlist", FieldType::Uint64, true, false),
    ("t.anc", FieldType::CharBuf, false, true),
];

pub fn schema() -> SourceSchema {
    let mut fields = FieldRegistry::new();
    for &(name, ty, list, indexed) in FIELDS {
        let mut info = FieldInfo::new(name, ty, "test field");
        if list {
            info = info.flags(FieldFlags::IS_LIST);
        }
        if indexed {
            info = info.arg(ArgForm::Index, false);
        }
        fields.add(info);
    }
    let mut events = EventTypeTable::new(EVENT_TYPES.len());
    for (code, name) in EVENT_TYPES.iter().enumerate() {
        events.add_code(code as u16, name);
    }
    SourceSchema::new("syscall", fields, events)
}

pub fn field_id(name: &str) -> FieldId {
    FieldId(FIELDS.iter().position(|f| f.0 == name).expect("test field") as u32)
}

/// One value of a test event.
#[derive(Debug, Clone, PartialEq)]
pub enum TestValue {
    Str(String),
    Bytes(Vec<u8>),
    Uint(u64),
    Int(i64),
    Bool(bool),
    Ip(IpAddr),
}

/// An event: a type code and, per field, its values (absent: missing).
#[derive(Debug, Clone, Default)]
pub struct TestEvent {
    pub code: u16,
    pub fields: HashMap<FieldId, Vec<TestValue>>,
}

impl TestEvent {
    pub fn new(code: u16) -> TestEvent {
        TestEvent {
            code,
            fields: HashMap::new(),
        }
    }

    pub fn with(mut self, name: &str, values: Vec<TestValue>) -> TestEvent {
        self.fields.insert(field_id(name), values);
        self
    }
}

fn push(v: &TestValue, out: &mut Values) {
    match v {
        TestValue::Str(s) => out.push_str(s.as_bytes()),
        TestValue::Bytes(b) => out.push_bytes(b),
        TestValue::Uint(x) => out.push_u64(*x),
        TestValue::Int(x) => out.push_i64(*x),
        TestValue::Bool(x) => out.push_bool(*x),
        TestValue::Ip(a) => out.push_ip(*a),
    }
}

impl Event for TestEvent {
    fn event_type(&self) -> u16 {
        self.code
    }

    fn extract(&self, field: &FieldRequest, out: &mut Values) {
        if field.id == field_id("evt.type") {
            if let Some(name) = EVENT_TYPES.get(self.code as usize) {
                out.push_str(name.as_bytes());
            }
            return;
        }
        let Some(values) = self.fields.get(&field.id) else {
            return;
        };
        match field.arg {
            FieldArg::Index(i) => {
                if let Some(v) = values.get(i as usize) {
                    push(v, out);
                }
            }
            _ => values.iter().for_each(|v| push(v, out)),
        }
    }
}

/// Compiles a rules file against the test schema; panics with the load result on failure.
pub fn compile(yaml: &str) -> Arc<Ruleset> {
    let mut builder = RulesetBuilder::new(EngineConfig::new(vec![Arc::new(schema())]));
    let result = builder.load("test_rules.yaml", yaml.as_bytes());
    assert!(
        result.successful(),
        "rules did not compile: {result:?}\n{yaml}"
    );
    builder.ruleset().expect("compiled")
}

/// A rule as YAML.
pub fn rule_yaml(
    name: &str,
    condition: &str,
    priority: &str,
    tags: &[&str],
    enabled: bool,
) -> String {
    format!(
        "- rule: {name}\n  desc: d\n  condition: |-\n    {condition}\n  output: o\n  priority: {priority}\n  tags: [{}]\n  enabled: {enabled}\n",
        tags.join(", ")
    )
}

/// A synthetic ruleset in the shape of Falco's: a few macros shared by many rules, each rule
/// an event-type test, a macro and one or two checks of assorted operators.
pub fn synthetic_rules(count: usize) -> String {
    let mut yaml = String::from(
        "- list: shells\n  items: [bash, sh, zsh, dash]\n\
         - list: sensitive\n  items: [/etc/shadow, /etc/sudoers, /etc/pam.d]\n\
         - macro: spawned\n  condition: evt.type = execve and t.flag = true\n\
         - macro: opened\n  condition: evt.type = open and t.num > 0\n\
         - macro: outbound\n  condition: evt.type = connect and not t.net in (10.0.0.0/8, 192.168.0.0/16)\n\
         - macro: shell\n  condition: t.name in (shells)\n\
         - macro: etc\n  condition: t.path startswith /etc or t.path pmatch (/usr/lib, /var/run)\n\
         - macro: trusted\n  condition: t.anc in (systemd, containerd, sshd) or t.list intersects (admin)\n\
         - macro: web\n  condition: t.port in (http, https, 8080)\n\
         - macro: noisy\n  condition: t.name glob \"kube*\" or t.name regex \"(apt|yum)-.*\"\n",
    );
    let checks = [
        "t.name = prog{i}",
        "t.path contains /secret{i}",
        "t.path endswith .{i}",
        "t.name startswith oneof (p{i}, q{i})",
        "t.path glob \"/tmp/*{i}\"",
        "t.sint >= {i}",
        "t.ip = 10.0.{i}.1",
        "t.buf bcontains 41{i2}",
        "tolower(t.name) = prog{i}",
        "t.path in (sensitive)",
    ];
    let heads = [
        "spawned and shell",
        "spawned and not trusted",
        "opened and etc",
        "opened and not noisy",
        "outbound and not web",
        "spawned and not noisy",
    ];
    for i in 0..count {
        let check = checks[i % checks.len()]
            .replace("{i2}", &format!("{:02x}", i % 256))
            .replace("{i}", &(i % 97).to_string());
        let head = heads[i % heads.len()];
        let cond = format!("{head} and ({check} or t.anc[{}] = parent{i})", i % 3);
        yaml += &rule_yaml(&format!("synthetic {i}"), &cond, "WARNING", &[], true);
    }
    yaml
}

/// A mixed stream over the four event types: hits and misses for the synthetic rules.
pub fn synthetic_events() -> Vec<TestEvent> {
    let s = |v: &str| TestValue::Str(v.to_string());
    let ip = |a: &str| TestValue::Ip(a.parse().expect("ip"));
    let mut out = Vec::new();
    for i in 0..64u64 {
        let name = ["bash", "prog5", "kubelet", "apt-get", "p7", "nginx"][(i % 6) as usize];
        let path = [
            "/etc/shadow",
            "/tmp/x5",
            "/usr/lib/x",
            "/home/u/.7",
            "/secret3/a",
        ][(i % 5) as usize];
        let ev = TestEvent::new((i % 4) as u16)
            .with("t.name", vec![s(name)])
            .with("t.path", vec![s(path)])
            .with("t.num", vec![TestValue::Uint(i % 3)])
            .with("t.sint", vec![TestValue::Int(i as i64 % 50)])
            .with("t.flag", vec![TestValue::Bool(i % 2 == 0)])
            .with(
                "t.net",
                vec![ip(["8.8.8.8", "10.1.1.1", "192.168.3.3"][(i % 3) as usize])],
            )
            .with("t.ip", vec![ip("10.0.5.1")])
            .with(
                "t.port",
                vec![TestValue::Uint([80, 22, 8080, 5432][(i % 4) as usize])],
            )
            .with("t.buf", vec![TestValue::Bytes(vec![0x41, i as u8, 0x42])])
            .with(
                "t.anc",
                vec![
                    s("parent1"),
                    s(["systemd", "bash", "cron"][(i % 3) as usize]),
                ],
            );
        let ev = if i % 7 == 0 {
            ev.with("t.list", vec![s("admin"), s("ops")])
        } else {
            ev
        };
        out.push(ev);
    }
    out
}
