//! The two translations between events and requests agree with falcod's event model: a
//! synthetic syscall event read as a request (`LsmRequest::from_event`) and presented back as an
//! event (`RequestEvent`) answers every field the compiler pushes down at that hook exactly as
//! the original event does. This checks the request's derived values (`fd.directory`,
//! `fd.filename`, `fd.typechar`, the peer) against the probe's own extraction.

use falcod_enforce::{LsmRequest, RequestEvent};
use falcod_rules::event::{Event, FieldArg, FieldRequest, Values};

/// Every field the compiler maps to an attribute at some hook, except `fs.path.*`, which the
/// event model does not extract (`from_event` falls back to absolute path arguments there).
const FIELDS: &[&str] = &[
    "proc.name",
    "proc.pname",
    "proc.exepath",
    "user.uid",
    "container.id",
    "fd.name",
    "fd.directory",
    "fd.filename",
    "evt.is_open_read",
    "evt.is_open_write",
    "fd.typechar",
    "fd.sip",
    "fd.rip",
    "fd.sport",
    "fd.rport",
    "fd.snet",
    "fd.rnet",
];

fn values<E: Event + ?Sized>(ev: &E, field: &str) -> Vec<String> {
    let schema = falcod_probe::syscall_schema();
    let id = schema.fields.id(field).expect("known field");
    let mut v = Values::new();
    ev.extract(
        &FieldRequest {
            id,
            arg: FieldArg::None,
        },
        &mut v,
    );
    v.range(0..v.len()).map(|x| format!("{x:?}")).collect()
}

#[test]
fn requests_read_from_events_answer_as_the_events() {
    let schema = falcod_probe::syscall_schema();
    let mut checked = 0;
    let mut hooks = std::collections::BTreeSet::new();
    for ev in falcod_probe::synthetic::realistic_mix(7, 20_000) {
        // Failed operations are not what a hook decides for the policy (see the crate doc).
        if ev.res.is_some_and(|r| r < 0) {
            continue;
        }
        let Some(req) = LsmRequest::from_event(&ev, schema) else {
            continue;
        };
        hooks.insert(req.hook);
        let back = RequestEvent::new(&req, ev.type_name, schema).expect("known event type");
        for field in FIELDS {
            if !field_visible(field, req.hook) {
                continue;
            }
            assert_eq!(
                values(&back, field),
                values(&ev, field),
                "{field} of a {} event at {}",
                ev.type_name,
                req.hook
            );
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} field comparisons");
    assert!(hooks.len() >= 5, "hooks reached: {hooks:?}");
}

/// Whether the compiler gives `field` an attribute at `hook` (what `RequestEvent` answers).
fn field_visible(field: &str, hook: falcod_enforce::Hook) -> bool {
    // RequestEvent answers a field at a hook exactly when the compiler maps it there; probe a
    // request with every value set and see whether it answers.
    let mut r = LsmRequest::new(hook);
    r.comm = Some("x".into());
    r.parent_comm = Some("x".into());
    r.exe = Some("/x".into());
    r.uid = Some(1);
    r.container_id = Some("x".into());
    r.path = Some("/x/y".into());
    r.path2 = Some("/x/z".into());
    r.peer = Some(("10.0.0.1".parse().expect("ip"), 1));
    let syscall = hook.syscalls()[0];
    let Some(ev) = RequestEvent::new(&r, syscall, falcod_probe::syscall_schema()) else {
        return false;
    };
    !values(&ev, field).is_empty()
}
