//! A small syscall-like schema for the compiler tests: the handful of fields and event types the
//! tests use, with the types, flags and arguments libsinsp gives them.
#![allow(dead_code, reason = "each test crate uses a different subset")]

use std::sync::Arc;

use falcod_rules::fields::{
    ArgForm, EventTypeSet, EventTypeTable, FieldFlags, FieldInfo, FieldRegistry, FieldType,
    SourceSchema,
};
use falcod_rules::result::FileResult;
use falcod_rules::ruleset::{EngineConfig, RulesetBuilder};

/// Event names with their own enter/exit codes, in code order (code = 2 * position, +1).
pub const EVENT_NAMES: &[&str] = &[
    "generic",
    "open",
    "openat",
    "openat2",
    "execve",
    "execveat",
    "connect",
    "close",
    "socket",
    "dup",
    "clone",
    "read",
    "write",
    "ptrace",
    "asyncevent",
];

/// Total number of codes: the named ones plus unnamed fillers, more than 100 like the driver's.
pub const CODE_COUNT: usize = 160;

/// The codes of a named event.
pub fn codes_of(name: &str) -> Vec<u16> {
    let i = EVENT_NAMES
        .iter()
        .position(|n| *n == name)
        .expect("known name") as u16;
    vec![2 * i, 2 * i + 1]
}

/// The test schema.
pub fn schema() -> SourceSchema {
    use FieldType::*;
    let mut f = FieldRegistry::new();
    let plain: &[(&str, FieldType)] = &[
        ("evt.type", CharBuf),
        ("syscall.type", CharBuf),
        ("evt.num", Uint64),
        ("evt.res", CharBuf),
        ("evt.rawres", Int64),
        ("evt.buffer", ByteBuf),
        ("evt.is_open_read", Bool),
        ("proc.name", CharBuf),
        ("proc.pname", CharBuf),
        ("proc.cmdline", CharBuf),
        ("proc.exepath", FsPath),
        ("proc.pid", Int64),
        ("user.name", CharBuf),
        ("fd.name", CharBuf),
        ("fd.filename", CharBuf),
        ("fd.num", Int64),
        ("fd.typechar", CharBuf),
        ("fd.sip", IpAddr),
        ("fd.sport", Port),
        ("container.id", CharBuf),
        ("ka.user.name", CharBuf),
    ];
    for (name, ty) in plain {
        f.add(FieldInfo::new(*name, *ty, "test field"));
    }
    f.add(FieldInfo::new("evt.dir", CharBuf, "direction").flags(FieldFlags::DEPRECATED));
    f.add(FieldInfo::new("evt.arg", CharBuf, "argument").arg(ArgForm::IndexOrKey, true));
    f.add(FieldInfo::new("proc.aname", CharBuf, "ancestor name").arg(ArgForm::Index, false));
    f.add(FieldInfo::new("proc.cmdargs", CharBuf, "argument list").flags(FieldFlags::IS_LIST));
    f.add(
        FieldInfo::new("fd.ip", IpAddr, "ip")
            .flags(FieldFlags::NO_RHS | FieldFlags::NO_TRANSFORMER),
    );
    f.add(FieldInfo::new("fd.net", IpNet, "net").flags(FieldFlags::NO_RHS));

    let mut t = EventTypeTable::new(CODE_COUNT);
    for (i, name) in EVENT_NAMES.iter().enumerate() {
        t.add_code(2 * i as u16, name);
        t.add_code(2 * i as u16 + 1, name);
    }
    for c in 2 * EVENT_NAMES.len()..CODE_COUNT {
        t.add_code(c as u16, &format!("filler{c}"));
    }
    // A syscall without an event of its own maps to the generic codes.
    let generic: EventTypeSet = codes_of("generic").into_iter().collect();
    t.add_alias("chmod", &generic);
    let mut s = SourceSchema::new("syscall", f, t);
    s.always_codes = codes_of("asyncevent")[..1].iter().copied().collect();
    s
}

/// A builder over the test schema.
pub fn builder() -> RulesetBuilder {
    RulesetBuilder::new(EngineConfig::new(vec![Arc::new(schema())]))
}

/// Loads one file into a fresh builder.
pub fn load(yaml: &str) -> (RulesetBuilder, FileResult) {
    let mut b = builder();
    let r = b.load("rules.yaml", yaml.as_bytes()).clone();
    (b, r)
}

/// The canonical compiled condition of a rule.
pub fn compiled(b: &RulesetBuilder, rule: &str) -> String {
    let rs = b.ruleset().expect("a successful load");
    rs.rule(rule).expect("rule compiled").condition.to_string()
}

/// A one-rule file with the given condition.
pub fn rule_yaml(condition: &str) -> String {
    format!(
        "- rule: test_rule\n  desc: d\n  condition: {}\n  output: out %proc.name\n  priority: INFO\n",
        serde_json::to_string(condition).expect("string")
    )
}
