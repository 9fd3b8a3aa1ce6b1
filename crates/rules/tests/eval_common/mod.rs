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
