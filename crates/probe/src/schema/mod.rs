//! The schema of the syscall event source: its fields and its event types, as the rules compiler
//! checks conditions and outputs against them.
//!
//! The field set follows libsinsp's syscall field classes (`evt`, `process`, `user`, `group`,
//! `fd`, `fs.path`, `fdlist` and the hidden `util`) plus the fields of the Falco container
//! plugin, which falcod provides natively. The event types are the driver's event codes, named
//! as libsinsp names them, and every syscall name the driver knows.

pub mod event_layout;
pub mod event_table;
mod fields_container;
mod fields_evt;
mod fields_fd;
mod fields_process;

use std::sync::OnceLock;

use falcod_rules::fields::{
    ArgForm, ArgKeys, EventTypeSet, EventTypeTable, FieldFlags, FieldInfo, FieldRegistry,
    FieldType, SourceSchema,
};

use event_table::{
    EVENT_NAMES, EVENT_PARAMS, PPME_ASYNCEVENT_E, PPME_GENERIC_E, PPME_GENERIC_X, SYSCALL_NAMES,
};

/// The version of the Falco container plugin whose field table falcod mirrors.
///
/// falcod extracts the `container.*` and `k8s.*` fields itself instead of loading the plugin. A
/// rules file's `required_plugin_versions` entry for `container` is satisfied when it asks for
/// this version or an older compatible one (the upstream rules ask for 0.4.0).
pub const CONTAINER_PLUGIN_COMPAT_VERSION: &str = "0.7.1";

/// Name of the syscall event source, as rules name it in `source:`.
pub const SYSCALL_SOURCE: &str = "syscall";

/// Async event names the container plugin adds to the syscall source: `container` (also the
/// name of the driver's container events) and `container_removed`.
const CONTAINER_ASYNC_EVENTS: [&str; 2] = ["container", "container_removed"];

/// One field as written in the class tables: a const-constructible [`FieldInfo`].
#[derive(Debug, Clone, Copy)]
struct FieldDef {
    name: &'static str,
    ty: FieldType,
    flags: FieldFlags,
    arg: ArgForm,
    arg_required: bool,
    desc: &'static str,
}

impl FieldDef {
    /// A field without argument or flags.
    const fn new(name: &'static str, ty: FieldType, desc: &'static str) -> FieldDef {
        FieldDef {
            name,
            ty,
            flags: FieldFlags::NONE,
            arg: ArgForm::None,
            arg_required: false,
            desc,
        }
    }

    /// Adds flags.
    const fn flags(mut self, flags: FieldFlags) -> FieldDef {
        self.flags = self.flags.union(flags);
        self
    }

    /// Sets the argument form and whether the argument is required.
    const fn arg(mut self, arg: ArgForm, required: bool) -> FieldDef {
        self.arg = arg;
        self.arg_required = required;
        self
    }

    fn to_info(self, class: &str, class_flags: FieldFlags) -> FieldInfo {
        FieldInfo::new(self.name, self.ty, self.desc)
            .arg(self.arg, self.arg_required)
            .flags(self.flags | class_flags)
            .class(class)
    }
}

/// The field classes in libsinsp's registration order, each with the class name `--list` shows
/// and the flags every field of the class gets (a hidden class hides all its fields).
const CLASSES: [(&str, &[FieldDef], FieldFlags); 10] = [
    ("evt", fields_evt::GEN_EVENT, FieldFlags::NONE),
    ("evt", fields_evt::EVENT, FieldFlags::NONE),
    ("process", fields_process::PROCESS, FieldFlags::NONE),
    ("user", fields_fd::USER, FieldFlags::NONE),
    ("group", fields_fd::GROUP, FieldFlags::NONE),
    ("fd", fields_fd::FD, FieldFlags::NONE),
    ("fs.path", fields_fd::FSPATH, FieldFlags::NONE),
    ("util", fields_fd::UTIL, FieldFlags::HIDDEN),
    ("fdlist", fields_fd::FDLIST, FieldFlags::NONE),
    ("container", fields_container::CONTAINER, FieldFlags::NONE),
];

/// The schema of the syscall source (name `syscall`), built on first use.
pub fn syscall_schema() -> &'static SourceSchema {
    static SCHEMA: OnceLock<SourceSchema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let mut schema = SourceSchema::new(SYSCALL_SOURCE, build_fields(), build_event_types());
        // Falco indexes every syscall rule under the async event code too, so that async events
        // (container added, ...) reach every rule.
        schema.always_codes.insert(PPME_ASYNCEVENT_E);
        schema
    })
}

fn build_fields() -> FieldRegistry {
    let mut fields = FieldRegistry::new();
    for (class, defs, class_flags) in CLASSES {
        for def in defs {
            let info = def.to_info(class, class_flags);
            fields.add(match param_keys(def.name) {
                Some(keys) => info.keys(keys),
                None => info,
            });
        }
    }
    fields
}

/// Builds the `evt.type` name table the way libsinsp's `names_to_event_set` resolves names: an
/// event name selects every code of that name (enter, exit, old versions), except that the
/// generic events' own name `syscall` selects nothing; a syscall name without an event of its
/// own selects the generic event codes; the container plugin's async event names also select
/// the async event code.
/// The event parameters `evt.arg.NAME` and `evt.rawarg.NAME` may name, with libsinsp's messages
/// for the names it rejects (`sinsp_filter_check_event::extract_arg`); `evt.rawarg` takes the
/// parameter's own type.
fn param_keys(field: &str) -> Option<ArgKeys> {
    const UNKNOWN: &str = "unknown event argument";
    match field {
        "evt.arg" => Some(ArgKeys::new(UNKNOWN, EVENT_PARAMS)),
        "evt.rawarg" => Some(
            ArgKeys::new(UNKNOWN, EVENT_PARAMS)
                .typed()
                .bracketed_message("evt.arg fields must be expressed explicitly"),
        ),
        _ => None,
    }
}

fn build_event_types() -> EventTypeTable {
    let mut table = EventTypeTable::new(EVENT_NAMES.len());
    let generic: EventTypeSet = [PPME_GENERIC_E, PPME_GENERIC_X].into_iter().collect();
    for (code, name) in (0u16..).zip(EVENT_NAMES) {
        if generic.contains(code) {
            table.set_code_name(code, name);
            table.add_alias(name, &EventTypeSet::new());
        } else {
            table.add_code(code, name);
        }
    }
    for name in SYSCALL_NAMES {
        if !name.is_empty() && table.codes(name).is_none() {
            table.add_alias(name, &generic);
        }
    }
    let async_event: EventTypeSet = std::iter::once(PPME_ASYNCEVENT_E).collect();
    for name in CONTAINER_ASYNC_EVENTS {
        table.add_alias(name, &async_event);
    }
    table
}

/// Every name `evt.type` accepts (event names, syscall names, async event names), sorted.
pub fn event_names() -> Vec<&'static str> {
    syscall_schema().event_types.names()
}

/// The event parameter that `evt.arg.NAME` / `evt.rawarg.NAME` refers to, found as libsinsp does:
/// the longest parameter name that starts `name`. Returns that parameter name and its type.
///
/// `None` means libsinsp would reject the reference with `unknown event argument NAME`; a match
/// shorter than `name` means the reference as a whole names no field.
pub fn event_param(name: &str) -> Option<(&'static str, FieldType)> {
    EVENT_PARAMS
        .iter()
        .filter(|(param, _)| name.starts_with(param))
        .max_by_key(|(param, _)| param.len())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for (_, defs, _) in CLASSES {
            for def in defs {
                assert!(seen.insert(def.name), "duplicate field {}", def.name);
            }
        }
        assert_eq!(seen.len(), syscall_schema().fields.len());
    }

    #[test]
    fn arguments_have_a_form_when_required() {
        for (_, info) in syscall_schema().fields.iter() {
            if info.arg_required {
                assert_ne!(
                    info.arg,
                    ArgForm::None,
                    "{} requires an argument",
                    info.name
                );
            }
            assert!(
                !info.desc.is_empty() && !info.desc.contains('\n'),
                "{}",
                info.name
            );
        }
    }

    #[test]
    fn event_param_takes_the_longest_prefix() {
        assert_eq!(event_param("flags").map(|p| p.0), Some("flags"));
        assert_eq!(event_param("fd").map(|p| p.0), Some("fd"));
        // `fdlimit` is a parameter, `fdx` only extends `fd`.
        assert_eq!(event_param("fdlimit").map(|p| p.0), Some("fdlimit"));
        assert_eq!(event_param("fdx").map(|p| p.0), Some("fd"));
        assert_eq!(event_param("zzz_no_such_param"), None);
    }
}
