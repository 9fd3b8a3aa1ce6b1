//! Event-type set extraction on libsinsp's filter_ppm_codes vectors (test/filter_ppm_codes.ut.cpp)
//! and the evt.num invariants of later libsinsp revisions.

mod compile_common;

use compile_common::{codes_of, schema, CODE_COUNT};
use falcod_rules::compile::evttypes::{event_codes, EvttypeError, EvttypeOptions};
use falcod_rules::fields::EventTypeSet;
use falcod_rules::parse::parse_condition;

fn set(names: &[&str]) -> EventTypeSet {
    names.iter().flat_map(|n| codes_of(n)).collect()
}

fn all() -> EventTypeSet {
    EventTypeSet::all(CODE_COUNT)
}

fn codes_with(cond: &str, opts: EvttypeOptions) -> EventTypeSet {
    let expr = parse_condition(cond).expect("parses");
    event_codes(&expr, &schema().event_types, opts).expect("computes")
}

fn codes(cond: &str) -> EventTypeSet {
    codes_with(cond, EvttypeOptions::default())
}

#[test]
fn filter_ppm_codes_vectors() {
    let openat = set(&["openat"]);
    let openat_close = set(&["openat", "close"]);
    let cases: Vec<(&str, EventTypeSet)> = vec![
        ("evt.type=openat", openat.clone()),
        ("evt.type = openat", openat.clone()),
        ("not evt.type != openat", openat.clone()),
        ("not not evt.type = openat", openat.clone()),
        ("not not not not evt.type = openat", openat.clone()),
        ("evt.type in (openat)", openat.clone()),
        ("not (not evt.type=openat)", openat.clone()),
        ("evt.type=openat and proc.name=nginx", openat.clone()),
        ("evt.type=openat and not proc.name=nginx", openat.clone()),
        ("evt.type=openat and (proc.name=nginx)", openat.clone()),
        (
            "evt.type=openat and not (evt.type=close and proc.name=nginx)",
            openat.clone(),
        ),
        ("evt.type!=openat", all().difference(&openat)),
        ("not not not evt.type = openat", all().difference(&openat)),
        ("not evt.type=openat", all().difference(&openat)),
        (
            "evt.type=close or evt.type!=openat",
            all().difference(&openat),
        ),
        ("evt.type in (openat, close)", openat_close.clone()),
        ("evt.type=openat or evt.type=close", openat_close.clone()),
        (
            "evt.type=openat or (evt.type=close and proc.name=nginx)",
            openat_close.clone(),
        ),
        (
            "evt.type=close or (evt.type=openat and proc.name=nginx)",
            openat_close.clone(),
        ),
        (
            "not evt.type in (openat, close)",
            all().difference(&openat_close),
        ),
        (
            "not not not evt.type in (openat, close)",
            all().difference(&openat_close),
        ),
        (
            "evt.type!=openat and evt.type!=close",
            all().difference(&openat_close),
        ),
        ("evt.type!=openat or evt.type!=close", all()),
        ("proc.name=nginx", all()),
        ("evt.type=openat or proc.name=nginx", all()),
        ("evt.type=openat or (proc.name=nginx)", all()),
        ("(evt.type=openat) or proc.name=nginx", all()),
        (
            "evt.type=close or not (evt.type=openat and proc.name=nginx)",
            all(),
        ),
        (
            "evt.type=openat or not (evt.type=close and proc.name=nginx)",
            all(),
        ),
        ("evt.type=close and evt.type=openat", EventTypeSet::new()),
        (
            "evt.type=openat and (evt.type=close and proc.name=nginx)",
            EventTypeSet::new(),
        ),
        ("evt.type=openat and (evt.type=close)", EventTypeSet::new()),
        // Other leaves and operators.
        ("evt.type exists", all()),
        ("not evt.type exists", EventTypeSet::new()),
        ("syscall.type = openat", openat.clone()),
        ("evt.type startswith open", all()),
        ("evt.type = oneof (openat)", all()),
        ("evt.type[0] = openat", all()),
        ("evt.type in ()", EventTypeSet::new()),
        ("evt.type = chmod", set(&["generic"])),
        // libs 0.25.4: evt.num leaves are neutral.
        ("evt.num = 0", all()),
        ("evt.type = openat and not evt.num = 0", openat.clone()),
    ];
    for (cond, expected) in cases {
        assert_eq!(codes(cond), expected, "{cond}");
    }
}

#[test]
fn evt_num_invariants() {
    let on = EvttypeOptions {
        evt_num_invariants: true,
    };
    let openat = set(&["openat"]);
    let cases: Vec<(&str, EventTypeSet)> = vec![
        ("evt.num = 0", EventTypeSet::new()),
        ("evt.num < 1", EventTypeSet::new()),
        ("evt.num <= 0", EventTypeSet::new()),
        ("evt.num in (0)", EventTypeSet::new()),
        ("evt.num in (0, 0)", EventTypeSet::new()),
        ("evt.num in (0, 1)", all()),
        ("evt.num != 0", all()),
        ("evt.num > 0", all()),
        ("evt.num >= 1", all()),
        ("evt.num = 5", all()),
        ("not evt.num = 0", all()),
        ("not evt.num != 0", EventTypeSet::new()),
        ("evt.type = openat and not evt.num = 0", openat.clone()),
        ("evt.type = openat and evt.num = 0", EventTypeSet::new()),
        ("evt.type = openat or evt.num = 0", openat.clone()),
    ];
    for (cond, expected) in cases {
        assert_eq!(codes_with(cond, on), expected, "{cond}");
    }
}

#[test]
fn unsupported_evttype_checks() {
    let table = schema().event_types;
    for (cond, transformer) in [
        ("evt.type = val(proc.name)", false),
        ("tolower(evt.type) = open", true),
        ("evt.type = tolower(evt.type)", true),
    ] {
        let expr = parse_condition(cond).expect("parses");
        let e = event_codes(&expr, &table, EvttypeOptions::default()).expect_err(cond);
        assert_eq!(
            matches!(e, EvttypeError::Transformer { .. }),
            transformer,
            "{cond}: {e}"
        );
    }
    // A transformer on evt.type with a non event-type operator is neutral, not an error.
    let expr = parse_condition("tolower(evt.type) contains open").expect("parses");
    assert_eq!(
        event_codes(&expr, &table, EvttypeOptions::default()),
        Ok(all())
    );
}
