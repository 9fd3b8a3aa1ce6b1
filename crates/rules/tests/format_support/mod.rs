//! Shared by the format tests: a small source schema and an event built from a map of field
//! values.

#![allow(dead_code, reason = "each test file uses part of the support code")]

use std::collections::HashMap;
use std::net::IpAddr;

use falcod_rules::event::{Event, FieldArg, FieldRequest, Values};
use falcod_rules::fields::{
    ArgForm, EventTypeTable, FieldFlags, FieldInfo, FieldRegistry, FieldType, SourceSchema,
};

/// The test source: a slice of the syscall fields with every value type the formatter prints.
pub fn schema() -> SourceSchema {
    use FieldType as T;
    let mut f = FieldRegistry::new();
    let plain: &[(&str, FieldType)] = &[
        ("evt.num", T::Uint64),
        ("evt.time", T::CharBuf),
        ("evt.time.iso8601", T::CharBuf),
        ("evt.rawtime", T::AbsTime),
        ("evt.rawtime.ns", T::AbsTime),
        ("evt.reltime", T::RelTime),
        ("evt.asynctype", T::CharBuf),
        ("evt.buffer", T::ByteBuf),
        ("evt.is_async", T::Bool),
        ("proc.name", T::CharBuf),
        ("proc.pname", T::CharBuf),
        ("proc.cmdline", T::CharBuf),
        ("proc.exepath", T::FsPath),
        ("proc.pid", T::Int64),
        ("thread.tid", T::Int64),
        ("thread.cpu", T::Double),
        ("user.name", T::CharBuf),
        ("user.uid", T::Uid),
        ("fd.name", T::FsPath),
        ("fd.num", T::Fd),
        ("fd.cport", T::Port),
        ("fd.rip", T::IpAddr),
        ("fd.dev", T::Int32),
        ("evt.res", T::Errno),
        ("container.privileged", T::Bool),
    ];
    for (name, ty) in plain {
        f.add(FieldInfo::new(*name, *ty, "test field"));
    }
    f.add(FieldInfo::new("fd.net", T::IpNet, "network").flags(FieldFlags::FILTER_ONLY));
    f.add(FieldInfo::new("fd.types", T::CharBuf, "fd types").flags(FieldFlags::IS_LIST));
    f.add(FieldInfo::new("proc.args", T::CharBuf, "arguments").flags(FieldFlags::IS_LIST));
    f.add(FieldInfo::new("proc.aname", T::CharBuf, "ancestor name").arg(ArgForm::Index, false));
    f.add(FieldInfo::new("proc.apid", T::Int64, "ancestor pid").arg(ArgForm::Index, false));
    f.add(FieldInfo::new("evt.arg", T::CharBuf, "argument").arg(ArgForm::IndexOrKey, true));
    f.add(
        FieldInfo::new("container.label", T::CharBuf, "label")
            .arg(ArgForm::Key, true)
            .flags(FieldFlags::ARG_BRACKETS_ONLY),
    );
    let suggested = FieldFlags::SUGGESTED_OUTPUT;
    f.add(FieldInfo::new("container.id", T::CharBuf, "id").flags(suggested));
    f.add(FieldInfo::new("container.name", T::CharBuf, "name").flags(suggested));
    f.add(FieldInfo::new("container.image", T::CharBuf, "image"));
    f.add(FieldInfo::new("container.image.repository", T::CharBuf, "repo").flags(suggested));
    f.add(FieldInfo::new("container.image.tag", T::CharBuf, "tag").flags(suggested));
    f.add(FieldInfo::new("k8s.pod.name", T::CharBuf, "pod").flags(suggested));
    f.add(FieldInfo::new("k8s.ns.name", T::CharBuf, "namespace").flags(suggested));
    SourceSchema::new("syscall", f, EventTypeTable::single("open"))
}

/// One value as a test writes it.
#[derive(Debug, Clone)]
pub enum TestValue {
    Str(Vec<u8>),
    Bytes(Vec<u8>),
    Uint(u64),
    Int(i64),
    Double(f64),
    Bool(bool),
    Ip(IpAddr),
    Net(IpAddr, u8),
}

/// An event: values by field request.
#[derive(Debug, Default, Clone)]
pub struct TestEvent {
    values: HashMap<FieldRequest, Vec<TestValue>>,
}

/// Resolves a field as a format writes it (`proc.aname[2]`, `evt.arg.path`) to its request and
/// type.
pub fn request(schema: &SourceSchema, key: &str) -> (FieldRequest, FieldType) {
    let (name, arg) = match key.split_once('[') {
        Some((n, rest)) => (n, Some(rest.trim_end_matches(']'))),
        None => (key, None),
    };
    let (info, arg) = schema
        .fields
        .resolve(name, arg)
        .unwrap_or_else(|e| panic!("{key}: {e}"));
    let id = schema.fields.id(&info.name).expect("registered");
    (
        FieldRequest {
            id,
            arg: FieldArg::parse(arg.as_deref()),
        },
        info.ty,
    )
}

impl TestEvent {
    /// Sets a field's values.
    pub fn set(&mut self, schema: &SourceSchema, key: &str, values: Vec<TestValue>) {
        let (req, _) = request(schema, key);
        self.values.insert(req, values);
    }

    /// An event from YAML: `{field: value | [values]}`, each value typed by the field's type.
    pub fn from_yaml(schema: &SourceSchema, map: &serde_yaml::Mapping) -> TestEvent {
        let mut ev = TestEvent::default();
        for (k, v) in map {
            let key = k.as_str().expect("field keys are strings");
            let (_, ty) = request(schema, key);
            let items: Vec<&serde_yaml::Value> = match v {
                serde_yaml::Value::Sequence(s) => s.iter().collect(),
                other => vec![other],
            };
            let vals = items.into_iter().map(|i| typed(ty, i)).collect();
            ev.set(schema, key, vals);
        }
        ev
    }
}

fn typed(ty: FieldType, v: &serde_yaml::Value) -> TestValue {
    use FieldType as T;
    let text = || match v {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .expect("scalar")
            .trim()
            .to_string(),
    };
    match ty {
        T::ByteBuf => TestValue::Bytes(text().into_bytes()),
        T::Bool => TestValue::Bool(v.as_bool().expect("bool")),
        T::Double => TestValue::Double(v.as_f64().expect("double")),
        T::IpAddr | T::Ipv4Addr | T::Ipv6Addr => TestValue::Ip(text().parse().expect("ip address")),
        T::IpNet => {
            let t = text();
            let (a, p) = t.split_once('/').expect("cidr");
            TestValue::Net(a.parse().expect("ip"), p.parse().expect("prefix"))
        }
        T::Int8 | T::Int16 | T::Int32 | T::Int64 | T::Errno | T::Fd | T::Pid => {
            TestValue::Int(v.as_i64().expect("integer"))
        }
        t if t.is_numeric() => TestValue::Uint(v.as_u64().expect("unsigned")),
        _ => TestValue::Str(text().into_bytes()),
    }
}

impl Event for TestEvent {
    fn event_type(&self) -> u16 {
        0
    }

    fn extract(&self, field: &FieldRequest, out: &mut Values) {
        for v in self.values.get(field).into_iter().flatten() {
            match v {
                TestValue::Str(s) => out.push_str(s),
                TestValue::Bytes(b) => out.push_bytes(b),
                TestValue::Uint(n) => out.push_u64(*n),
                TestValue::Int(n) => out.push_i64(*n),
                TestValue::Double(d) => out.push_f64(*d),
                TestValue::Bool(b) => out.push_bool(*b),
                TestValue::Ip(a) => out.push_ip(*a),
                TestValue::Net(a, p) => out.push_net(*a, *p),
            }
        }
    }
}
