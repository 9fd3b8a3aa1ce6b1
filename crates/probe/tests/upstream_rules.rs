//! The syscall schema checked against the upstream Falco rules files and the facts recorded in the
//! compatibility reference (falco-compat.md sections 3.2 and 3.4). Loading the files as a whole
//! (rule counts, required plugin versions, event types per rule) is the conformance package's
//! `upstream` test; this file checks what the schema itself answers.

use std::collections::BTreeSet;
use std::path::Path;

use falcod_conformance::{upstream_rules_dir_or_skip, STABLE_EVENT_TYPES, UPSTREAM_RULES_FILES};
use falcod_probe::schema::event_table::{
    EVENT_NAMES, PPME_ASYNCEVENT_E, PPME_GENERIC_E, PPME_GENERIC_X, PPM_EVENT_MAX,
};
use falcod_probe::syscall_schema;
use falcod_rules::fields::{ArgForm, FieldError, FieldFlags, FieldType};
use serde_yaml::Value;

/// Field name prefixes of the syscall source's classes.
const CLASS_PREFIXES: [&str; 9] = [
    "evt.",
    "proc.",
    "thread.",
    "fd.",
    "fdlist.",
    "fs.path.",
    "user.",
    "group.",
    "container.",
];

/// The condition and output texts of every rule and macro, and the field names of exceptions.
fn rule_texts(dir: &Path, file: &str) -> Vec<String> {
    let path = dir.join(file).display().to_string();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: Value = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = Vec::new();
    for item in doc.as_sequence().into_iter().flatten() {
        for key in ["condition", "output"] {
            if let Some(s) = item.get(key).and_then(Value::as_str) {
                out.push(s.to_string());
            }
        }
        let exceptions = item.get("exceptions").and_then(Value::as_sequence);
        for exception in exceptions.into_iter().flatten() {
            match exception.get("fields") {
                Some(Value::Sequence(fields)) => {
                    out.extend(fields.iter().filter_map(Value::as_str).map(String::from))
                }
                Some(Value::String(field)) => out.push(field.clone()),
                _ => {}
            }
        }
    }
    out
}

/// Field references in a condition or output text: a class prefix not glued to a preceding
/// path or word character, the dotted name, and an optional `[arg]`.
fn field_refs(text: &str) -> Vec<(String, Option<String>)> {
    let mut refs = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let glued =
            i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || b"_./-:".contains(&bytes[i - 1]));
        let starts_field = !glued
            && (CLASS_PREFIXES.iter().any(|p| text[i..].starts_with(p))
                || text[i..].starts_with("k8s.")
                || text[i..].starts_with("syscall.type"));
        if !starts_field {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || b"_.".contains(&bytes[i])) {
            i += 1;
        }
        let name = text[start..i].trim_end_matches('.').to_string();
        let mut arg = None;
        if bytes.get(i) == Some(&b'[') {
            if let Some(len) = text[i..].find(']') {
                arg = Some(text[i + 1..i + len].to_string());
                i += len + 1;
            }
        }
        refs.push((name, arg));
    }
    refs
}

fn upstream_refs(dir: &Path) -> BTreeSet<(String, Option<String>)> {
    UPSTREAM_RULES_FILES
        .iter()
        .flat_map(|f| rule_texts(dir, f))
        .flat_map(|t| field_refs(&t))
        .collect()
}

#[test]
fn every_field_of_the_upstream_rules_resolves() {
    let Some(dir) = upstream_rules_dir_or_skip() else {
        return;
    };
    let fields = &syscall_schema().fields;
    let refs = upstream_refs(&dir);
    assert!(refs.len() > 50, "too few references found: {}", refs.len());
    for (name, arg) in &refs {
        if let Err(e) = fields.resolve(name, arg.as_deref()) {
            panic!("{name} [{arg:?}] does not resolve: {e}");
        }
    }
    // Every `evt.arg.NAME` names a driver event parameter exactly (libsinsp's longest match).
    for (name, _) in &refs {
        if let Some(param) = name.strip_prefix("evt.arg.") {
            assert_eq!(
                falcod_probe::event_param(param).map(|p| p.0),
                Some(param),
                "{name}"
            );
        }
    }
    // falco-compat.md 3.2: 90 distinct fields across the three files, `evt.arg.<name>` counted
    // per name and ancestor arguments not counted.
    let distinct: BTreeSet<&str> = refs.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(distinct.len(), 90, "{distinct:#?}");
    for needed in [
        "proc.aname",
        "evt.arg.flags",
        "container.mount.dest",
        "k8s.pod.name",
    ] {
        assert!(
            distinct.contains(needed),
            "{needed} not found by the extraction"
        );
    }
}

#[test]
fn argument_forms_resolve_like_libsinsp() {
    let fields = &syscall_schema().fields;
    let ok = [
        ("proc.aname", Some("2"), "proc.aname", Some("2")),
        ("proc.aname", None, "proc.aname", None),
        ("evt.arg.flags", None, "evt.arg", Some("flags")),
        ("evt.arg", Some("0"), "evt.arg", Some("0")),
        ("evt.rawarg.res", None, "evt.rawarg", Some("res")),
        ("evt.type.is.open", None, "evt.type.is", Some("open")),
        ("evt.abspath", None, "evt.abspath", None),
        ("evt.abspath.dst", None, "evt.abspath", Some("dst")),
        (
            "evt.around",
            Some("1404996934793590564"),
            "evt.around",
            Some("1404996934793590564"),
        ),
        (
            "thread.cgroup.cpuacct",
            None,
            "thread.cgroup",
            Some("cpuacct"),
        ),
        ("proc.env", Some("HOME"), "proc.env", Some("HOME")),
        ("proc.aenv", Some("1"), "proc.aenv", Some("1")),
        ("proc.args", Some("1"), "proc.args", Some("1")),
        ("fd.types", Some("0"), "fd.types", Some("0")),
        (
            "container.label",
            Some("app"),
            "container.label",
            Some("app"),
        ),
        (
            "container.mount",
            Some("/usr/local/*"),
            "container.mount",
            Some("/usr/local/*"),
        ),
        (
            "container.mount.dest",
            Some("0"),
            "container.mount.dest",
            Some("0"),
        ),
        (
            "k8s.pod.label",
            Some("app.kubernetes.io/name"),
            "k8s.pod.label",
            Some("app.kubernetes.io/name"),
        ),
    ];
    for (name, arg, want_field, want_arg) in ok {
        let (info, got_arg) = fields
            .resolve(name, arg)
            .unwrap_or_else(|e| panic!("{name} {arg:?}: {e}"));
        assert_eq!(
            (info.name.as_str(), got_arg.as_deref()),
            (want_field, want_arg)
        );
    }
    let rejected = [
        ("proc.nosuch", None),
        ("proc.name.x", None),
        ("proc.env.HOME", None),
        ("container.label.app", None),
        ("evt.num", Some("1")),
        ("evt.arg", Some("flags")),
        ("evt.arg", None),
        ("evt.rawarg", Some("0")),
        ("proc.aname", Some("x")),
        ("thread.cgroup", Some("cpu")),
        ("thread.cgroup", None),
        ("evt.type.is", None),
        ("container.label", None),
        ("container.mount", None),
    ];
    for (name, arg) in rejected {
        assert!(
            fields.resolve(name, arg).is_err(),
            "{name} {arg:?} should not resolve"
        );
    }
    assert!(matches!(
        fields.resolve("proc.nosuch", None),
        Err(FieldError::Unknown(_))
    ));
}

/// falco-compat.md 3.2: type and flags of the fields the upstream rules use.
const COMPAT_FIELDS: &[(&str, FieldType, &[FieldFlags])] = &[
    (
        "container.id",
        FieldType::CharBuf,
        &[FieldFlags::SUGGESTED_OUTPUT],
    ),
    (
        "container.image.repository",
        FieldType::CharBuf,
        &[FieldFlags::SUGGESTED_OUTPUT],
    ),
    ("container.privileged", FieldType::Bool, &[]),
    ("container.start_ts", FieldType::AbsTime, &[]),
    ("container.mounts", FieldType::CharBuf, &[]),
    ("container.mount.dest", FieldType::CharBuf, &[]),
    (
        "evt.arg",
        FieldType::CharBuf,
        &[FieldFlags::NO_PTR_STABILITY],
    ),
    ("evt.args", FieldType::CharBuf, &[]),
    (
        "evt.buffer",
        FieldType::ByteBuf,
        &[FieldFlags::NO_PTR_STABILITY],
    ),
    ("evt.is_open_read", FieldType::Bool, &[]),
    ("evt.is_open_write", FieldType::Bool, &[]),
    ("evt.is_open_exec", FieldType::Bool, &[]),
    ("evt.num", FieldType::Uint64, &[]),
    ("evt.rawres", FieldType::Int64, &[]),
    (
        "evt.res",
        FieldType::CharBuf,
        &[FieldFlags::NO_PTR_STABILITY],
    ),
    ("evt.type", FieldType::CharBuf, &[]),
    ("fd.connected", FieldType::Bool, &[]),
    ("fd.directory", FieldType::CharBuf, &[]),
    ("fd.filename", FieldType::CharBuf, &[]),
    (
        "fd.ip",
        FieldType::IpAddr,
        &[
            FieldFlags::FILTER_ONLY,
            FieldFlags::NO_RHS,
            FieldFlags::NO_TRANSFORMER,
        ],
    ),
    ("fd.l4proto", FieldType::CharBuf, &[]),
    ("fd.lport", FieldType::Port, &[]),
    ("fd.name", FieldType::CharBuf, &[]),
    ("fd.name_changed", FieldType::Bool, &[]),
    ("fd.nameraw", FieldType::CharBuf, &[]),
    (
        "fd.net",
        FieldType::IpNet,
        &[
            FieldFlags::FILTER_ONLY,
            FieldFlags::NO_RHS,
            FieldFlags::NO_TRANSFORMER,
        ],
    ),
    ("fd.num", FieldType::Int64, &[]),
    ("fd.rport", FieldType::Port, &[]),
    ("fd.sip", FieldType::IpAddr, &[]),
    (
        "fd.sip.name",
        FieldType::CharBuf,
        &[FieldFlags::NO_RHS, FieldFlags::NO_TRANSFORMER],
    ),
    (
        "fd.snet",
        FieldType::IpNet,
        &[
            FieldFlags::FILTER_ONLY,
            FieldFlags::NO_RHS,
            FieldFlags::NO_TRANSFORMER,
        ],
    ),
    ("fd.sport", FieldType::Port, &[]),
    ("fd.type", FieldType::CharBuf, &[]),
    ("fd.typechar", FieldType::CharBuf, &[]),
    ("group.gid", FieldType::Uint32, &[]),
    ("group.name", FieldType::CharBuf, &[]),
    (
        "k8s.ns.name",
        FieldType::CharBuf,
        &[FieldFlags::SUGGESTED_OUTPUT],
    ),
    (
        "k8s.pod.name",
        FieldType::CharBuf,
        &[FieldFlags::SUGGESTED_OUTPUT],
    ),
    (
        "proc.aexepath",
        FieldType::CharBuf,
        &[FieldFlags::NO_RHS, FieldFlags::NO_TRANSFORMER],
    ),
    (
        "proc.aname",
        FieldType::CharBuf,
        &[FieldFlags::NO_RHS, FieldFlags::NO_TRANSFORMER],
    ),
    ("proc.args", FieldType::CharBuf, &[]),
    ("proc.cmdline", FieldType::CharBuf, &[]),
    ("proc.cwd", FieldType::CharBuf, &[]),
    ("proc.duration", FieldType::RelTime, &[]),
    ("proc.exe", FieldType::CharBuf, &[]),
    ("proc.exe_ino.ctime", FieldType::AbsTime, &[]),
    (
        "proc.exe_ino.ctime_duration_proc_start",
        FieldType::AbsTime,
        &[],
    ),
    ("proc.exe_ino.mtime", FieldType::AbsTime, &[]),
    ("proc.exepath", FieldType::CharBuf, &[]),
    ("proc.is_exe_from_memfd", FieldType::Bool, &[]),
    ("proc.is_exe_upper_layer", FieldType::Bool, &[]),
    ("proc.name", FieldType::CharBuf, &[]),
    ("proc.pcmdline", FieldType::CharBuf, &[]),
    ("proc.pexe", FieldType::CharBuf, &[]),
    ("proc.pexepath", FieldType::CharBuf, &[]),
    ("proc.pname", FieldType::CharBuf, &[]),
    ("proc.sname", FieldType::CharBuf, &[]),
    ("proc.tty", FieldType::Uint32, &[]),
    ("proc.vpid", FieldType::Int64, &[]),
    ("thread.cap_effective", FieldType::CharBuf, &[]),
    ("user.loginname", FieldType::CharBuf, &[]),
    ("user.loginuid", FieldType::Int64, &[]),
    ("user.name", FieldType::CharBuf, &[]),
    ("user.uid", FieldType::Uint32, &[]),
];

#[test]
fn field_types_and_flags_match_the_reference() {
    let fields = &syscall_schema().fields;
    for (name, ty, flags) in COMPAT_FIELDS {
        let (info, _) = fields
            .resolve(name, None)
            .or_else(|_| fields.resolve(name, Some("0")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(info.ty, *ty, "{name}");
        for flag in *flags {
            assert!(info.flags.contains(*flag), "{name} lacks {flag:?}");
        }
    }
    // Argument forms of the reference's ARG_ALLOWED / ARG_REQUIRED fields.
    let arg_of = |name: &str| {
        let id = fields.id(name).unwrap_or_else(|| panic!("{name}"));
        let info = fields.get(id);
        (info.arg, info.arg_required)
    };
    assert_eq!(arg_of("proc.aname"), (ArgForm::Index, false));
    assert_eq!(arg_of("proc.aexepath"), (ArgForm::Index, false));
    assert_eq!(arg_of("proc.args"), (ArgForm::Index, false));
    assert_eq!(arg_of("evt.arg"), (ArgForm::IndexOrKey, true));
    // Only the container plugin's six suggested fields carry SUGGESTED_OUTPUT.
    let suggested: Vec<&str> = fields
        .iter()
        .filter(|(_, f)| f.flags.contains(FieldFlags::SUGGESTED_OUTPUT))
        .map(|(_, f)| f.name.as_str())
        .collect();
    assert_eq!(suggested.len(), 6, "{suggested:?}");
}

#[test]
fn deprecated_and_hidden_fields_are_flagged() {
    let fields = &syscall_schema().fields;
    let flags_of = |name: &str| {
        fields
            .get(fields.id(name).unwrap_or_else(|| panic!("{name}")))
            .flags
    };
    for name in [
        "evt.dir",
        "evt.latency",
        "evt.latency.s",
        "evt.latency.ns",
        "evt.latency.human",
        "evt.latency.quantized",
        "evt.wait_latency",
    ] {
        assert!(flags_of(name).contains(FieldFlags::DEPRECATED), "{name}");
    }
    assert!(!flags_of("evt.type").contains(FieldFlags::DEPRECATED));
    for name in [
        "evt.latency.quantized",
        "thread.nametid",
        "util.cnt",
        "evt.buflen.net",
    ] {
        assert!(flags_of(name).contains(FieldFlags::HIDDEN), "{name}");
    }
}

#[test]
fn field_classes_are_the_list_classes() {
    let fields = &syscall_schema().fields;
    let classes: BTreeSet<&str> = fields.iter().map(|(_, f)| f.class.as_str()).collect();
    let want: BTreeSet<&str> = [
        "evt",
        "process",
        "user",
        "group",
        "fd",
        "fs.path",
        "util",
        "fdlist",
        "container",
    ]
    .into();
    assert_eq!(classes, want);
    let class_of = |name: &str| {
        fields
            .get(fields.id(name).unwrap_or_else(|| panic!("{name}")))
            .class
            .clone()
    };
    assert_eq!(class_of("thread.tid"), "process");
    assert_eq!(class_of("fs.path.name"), "fs.path");
    assert_eq!(class_of("k8s.ns.name"), "container");
    assert_eq!(class_of("evt.num"), "evt");
}

/// falco-compat.md 3.4: event types the incubating and sandbox rules select besides the
/// stable ones ([`STABLE_EVENT_TYPES`]).
const MORE_EVENT_TYPES: [&str; 22] = [
    "accept",
    "accept4",
    "bpf",
    "chmod",
    "creat",
    "fchmod",
    "fchmodat",
    "listen",
    "rename",
    "renameat",
    "renameat2",
    "rmdir",
    "setns",
    "setuid",
    "unlink",
    "unlinkat",
    "unshare",
    "mkdir",
    "mkdirat",
    "recvfrom",
    "recvmsg",
    "userfaultfd",
];

#[test]
fn event_types_of_the_upstream_rules_resolve() {
    let types = &syscall_schema().event_types;
    for name in STABLE_EVENT_TYPES.iter().chain(&MORE_EVENT_TYPES) {
        let codes = types
            .codes(name)
            .unwrap_or_else(|| panic!("unknown event type {name}"));
        assert!(!codes.is_empty(), "{name}");
        // All of these have events of their own, so none falls back to the generic codes.
        assert!(!codes.contains(PPME_GENERIC_E), "{name}");
        for code in codes.iter() {
            assert_eq!(types.name(code), Some(*name));
        }
    }
}

#[test]
fn event_type_table_follows_the_driver_table() {
    let schema = syscall_schema();
    let types = &schema.event_types;
    assert_eq!(PPM_EVENT_MAX, 454);
    assert_eq!(types.count, PPM_EVENT_MAX);
    assert_eq!(types.all().len(), PPM_EVENT_MAX);
    // execve has eight event pairs (old versions included), execveat one.
    let exec = types
        .codes("execve")
        .unwrap()
        .union(types.codes("execveat").unwrap());
    assert_eq!(exec.len(), 18);
    let by_table = EVENT_NAMES
        .iter()
        .filter(|n| **n == "execve" || **n == "execveat")
        .count();
    assert_eq!(exec.len(), by_table);
    // A syscall without an event of its own selects the generic events.
    let generic: Vec<u16> = types.codes("restart_syscall").unwrap().iter().collect();
    assert_eq!(generic, vec![PPME_GENERIC_E, PPME_GENERIC_X]);
    // The generic events' own name is valid but selects nothing, as in libsinsp.
    assert!(types.codes("syscall").unwrap().is_empty());
    assert_eq!(types.name(PPME_GENERIC_E), Some("syscall"));
    // The container plugin's async event shares its name with the driver's container events.
    assert!(types
        .codes("container")
        .unwrap()
        .contains(PPME_ASYNCEVENT_E));
    assert!(types
        .codes("container_removed")
        .unwrap()
        .contains(PPME_ASYNCEVENT_E));
    assert_eq!(
        schema.always_codes.iter().collect::<Vec<_>>(),
        vec![PPME_ASYNCEVENT_E]
    );
    for unknown in ["notasyscall", "", "Open", "execve ", "evt.type"] {
        assert!(types.codes(unknown).is_none(), "{unknown:?}");
    }
    assert!(falcod_probe::event_names().contains(&"openat2"));
}
