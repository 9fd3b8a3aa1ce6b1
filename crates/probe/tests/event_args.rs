//! `evt.arg.NAME` / `evt.rawarg.NAME`: the parameter name is checked against the driver's event
//! parameters the way libsinsp's `sinsp_filter_check_event::extract_arg` checks it, and
//! `evt.rawarg` takes the parameter's own type.

use std::sync::Arc;

use falcod_probe::{event_param, syscall_schema, CONTAINER_PLUGIN_COMPAT_VERSION};
use falcod_rules::fields::{FieldError, FieldType};
use falcod_rules::ruleset::{EngineConfig, RulesetBuilder};

fn config() -> EngineConfig {
    let mut config = EngineConfig::new(vec![Arc::new(syscall_schema().clone())]);
    config.builtin_plugins = vec![("container".into(), CONTAINER_PLUGIN_COMPAT_VERSION.into())];
    config
}

#[test]
fn parameter_names_resolve_with_their_types() {
    let fields = &syscall_schema().fields;
    // (name as written, bracketed argument, field, argument, type of the reference)
    let accepted = [
        (
            "evt.arg.flags",
            None,
            "evt.arg",
            "flags",
            FieldType::CharBuf,
        ),
        ("evt.arg.fd", None, "evt.arg", "fd", FieldType::CharBuf),
        ("evt.arg", Some("0"), "evt.arg", "0", FieldType::CharBuf),
        ("evt.arg", Some("17"), "evt.arg", "17", FieldType::CharBuf),
        (
            "evt.arg.linkpath",
            None,
            "evt.arg",
            "linkpath",
            FieldType::CharBuf,
        ),
    ];
    for (name, arg, field, want_arg, ty) in accepted {
        let (info, got_arg, got_ty) = fields
            .resolve_typed(name, arg)
            .unwrap_or_else(|e| panic!("{name} {arg:?}: {e}"));
        assert_eq!(
            (info.name.as_str(), got_arg.as_deref(), got_ty),
            (field, Some(want_arg), ty),
            "{name} {arg:?}"
        );
    }
    // evt.rawarg takes the type the driver table gives the parameter.
    for param in ["res", "fd", "flags", "size", "name", "pid", "uid"] {
        let (_, want) = event_param(param).unwrap_or_else(|| panic!("{param} is a parameter"));
        let name = format!("evt.rawarg.{param}");
        let (info, _, ty) = fields
            .resolve_typed(&name, None)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((info.name.as_str(), ty), ("evt.rawarg", want), "{name}");
        assert_ne!(ty, FieldType::Dyn, "{name}");
    }
}

#[test]
fn unknown_parameter_names_are_rejected_like_libsinsp() {
    let fields = &syscall_schema().fields;
    let rejected = [
        ("evt.arg.nosuch", None, "unknown event argument nosuch"),
        ("evt.rawarg.nosuch", None, "unknown event argument nosuch"),
        ("evt.arg.zzz.y", None, "unknown event argument zzz.y"),
        (
            "evt.rawarg",
            Some("0"),
            "evt.arg fields must be expressed explicitly",
        ),
        (
            "evt.rawarg",
            Some("res"),
            "evt.arg fields must be expressed explicitly",
        ),
    ];
    for (name, arg, message) in rejected {
        match fields.resolve_typed(name, arg) {
            Err(FieldError::BadArg { message: got, .. }) => {
                assert_eq!(got, message, "{name} {arg:?}")
            }
            other => panic!("{name} {arg:?}: {other:?}"),
        }
    }
    // A name longer than its longest matching parameter names no field at all.
    for name in ["evt.arg.fdx", "evt.rawarg.resx"] {
        assert!(
            matches!(fields.resolve(name, None), Err(FieldError::Unknown(_))),
            "{name}"
        );
        assert!(!fields.knows(name, None), "{name}");
    }
    assert!(fields.knows("evt.arg.nosuch", None));
    assert!(fields.knows("evt.arg.fd", None));
}

/// Loads one rule with `condition` and returns the first error message, if any.
fn compile_error(condition: &str) -> Option<String> {
    let text = format!(
        "- rule: r\n  desc: d\n  condition: evt.type = open and {condition}\n  output: o\n  priority: INFO\n"
    );
    let mut builder = RulesetBuilder::new(config());
    let result = builder.load("rules.yaml", text.as_bytes());
    result.errors.first().map(|e| e.message.clone())
}

#[test]
fn conditions_with_event_arguments_compile_like_falco() {
    let cases = [
        ("evt.arg.flags contains O_CREAT", None),
        ("evt.arg[0] = 3", None),
        ("evt.rawarg.res < 0", None),
        ("evt.rawarg.fd = 3", None),
        ("evt.arg.nosuch = 1", Some("unknown event argument nosuch")),
        (
            "evt.rawarg.nosuch = 1",
            Some("unknown event argument nosuch"),
        ),
        (
            "evt.rawarg[0] = 1",
            Some("evt.arg fields must be expressed explicitly"),
        ),
        (
            "evt.arg.fdx = 1",
            Some("filter_check called with nonexistent field evt.arg.fdx"),
        ),
        // evt.rawarg.res is an errno: its values are numbers.
        ("evt.rawarg.res = abc", Some("abc is not a valid number")),
    ];
    for (condition, want) in cases {
        assert_eq!(compile_error(condition).as_deref(), want, "{condition}");
    }
}
