//! Hostile rules files: whatever the bytes, loading ends with a result (never a panic or a hang),
//! and a failed load names at least one error with a position.
//!
//! The cases are the shapes attackers and accidents produce: random damage to a real rules file,
//! invalid UTF-8, deep nesting in YAML and in conditions, huge lists, exponential macro
//! expansion and YAML alias bombs.

use falcod_conformance::{builder, upstream_rules_dir};
use falcod_rules::result::{ErrorCode, FileResult};
use proptest::prelude::*;

/// Loads one file and checks the invariants every result must hold.
fn load(content: &[u8]) -> FileResult {
    let mut b = builder();
    let result = b.load("hostile.yaml", content).clone();
    for e in &result.errors {
        assert!(!e.message.is_empty(), "error without a message: {e:?}");
        assert!(
            !e.context.locations.is_empty(),
            "error without a location: {e:?}"
        );
    }
    if !result.successful() {
        // A failed load leaves nothing half-built behind.
        assert!(b.ruleset().is_none());
    }
    result
}

fn stable_rules() -> Option<Vec<u8>> {
    let dir = upstream_rules_dir()?;
    std::fs::read(dir.join("falco_rules.yaml")).ok()
}

fn first_error(r: &FileResult) -> (ErrorCode, &str) {
    let e = r.errors.first().expect("expected a failed load");
    (e.code, e.message.as_str())
}

#[test]
fn invalid_utf8_is_a_yaml_parse_error_with_position() {
    let r = load(b"- rule: r\n  desc: \xff\xfe\n  condition: evt.type = open\n");
    let (code, msg) = first_error(&r);
    assert_eq!(code, ErrorCode::YamlParse, "{msg}");
    let pos = r.errors[0].context.locations.last().unwrap().pos;
    assert_eq!((pos.line, pos.offset), (1, 18), "{msg}");
}

#[test]
fn deeply_nested_yaml_is_an_error() {
    let mut doc = "- list: l\n  items: ".to_string();
    doc.push_str(&"[".repeat(100_000));
    doc.push_str(&"]".repeat(100_000));
    let r = load(doc.as_bytes());
    assert!(!r.successful());
}

#[test]
fn yaml_alias_bomb_is_an_error() {
    let mut doc = String::from("- list: a0\n  items: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = i - 1;
        doc.push_str(&format!(
            "- list: a{i}\n  items: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
        ));
    }
    let r = load(doc.as_bytes());
    assert!(
        !r.successful(),
        "an exponential alias document must be refused"
    );
}

fn rule_with_condition(cond: &str) -> String {
    format!("- rule: r\n  desc: d\n  condition: >\n    {cond}\n  output: o\n  priority: WARNING\n")
}

#[test]
fn deeply_nested_conditions_are_errors_with_positions() {
    for (i, cond) in [
        format!(
            "{}evt.type = open{}",
            "(".repeat(50_000),
            ")".repeat(50_000)
        ),
        format!(
            "{}evt.type = open{}",
            "not(".repeat(50_000),
            ")".repeat(50_000)
        ),
        format!(
            "evt.type = open and proc.name = {}a{}",
            "tolower(".repeat(20_000),
            ")".repeat(20_000)
        ),
    ]
    .iter()
    .enumerate()
    {
        let r = load(rule_with_condition(cond).as_bytes());
        assert!(!r.successful(), "case {i} loaded");
        let (code, msg) = first_error(&r);
        assert_eq!(code, ErrorCode::CompileCondition, "{msg}");
        assert!(msg.contains("max depth"), "{msg}");
    }
}

#[test]
fn long_not_chains_load_without_exhausting_the_stack() {
    // libsinsp reads `not not not ...` in a loop, not by recursion, so Falco accepts any number
    // of them; everything after the parser (macro expansion, checks, event types) must cope.
    let cond = format!("{}evt.type = open", "not ".repeat(50_000));
    let r = load(rule_with_condition(&cond).as_bytes());
    assert!(r.successful(), "{:?}", r.errors);
}

#[test]
fn long_flat_conditions_and_huge_lists_load() {
    let ors: Vec<String> = (0..20_000).map(|i| format!("proc.name = p{i}")).collect();
    let cond = format!("evt.type = open and ({})", ors.join(" or "));
    let r = load(rule_with_condition(&cond).as_bytes());
    assert!(r.successful(), "{:?}", r.errors);

    let items: Vec<String> = (0..100_000).map(|i| format!("item{i}")).collect();
    let doc = format!(
        "- list: big\n  items: [{}]\n{}",
        items.join(", "),
        rule_with_condition("evt.type = open and proc.name in (big)")
    );
    let r = load(doc.as_bytes());
    assert!(r.successful(), "{:?}", r.errors);
}

#[test]
fn exponential_macro_expansion_is_an_error() {
    let mut doc = String::from("- macro: m0\n  condition: proc.name = a\n");
    for i in 1..40 {
        let p = i - 1;
        doc.push_str(&format!("- macro: m{i}\n  condition: (m{p} or m{p})\n"));
    }
    doc.push_str(&rule_with_condition("evt.type = open and m39"));
    let r = load(doc.as_bytes());
    assert!(!r.successful(), "a 2^39-node expansion must be refused");
}

/// One kind of damage to a rules file.
#[derive(Debug, Clone)]
enum Damage {
    Flip { at: usize, byte: u8 },
    Insert { at: usize, bytes: Vec<u8> },
    Delete { at: usize, len: usize },
    Truncate { at: usize },
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Damage::Flip { at, byte }),
        (
            any::<usize>(),
            prop::collection::vec(
                prop_oneof![
                    Just(b'('),
                    Just(b')'),
                    Just(b'"'),
                    Just(b'\''),
                    Just(b'\\'),
                    Just(b':'),
                    Just(b'-'),
                    Just(b'\n'),
                    Just(b' '),
                    Just(b'%'),
                    Just(b'['),
                    Just(b'&'),
                    Just(b'*'),
                    any::<u8>()
                ],
                1..8
            )
        )
            .prop_map(|(at, bytes)| Damage::Insert { at, bytes }),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Damage::Delete { at, len }),
        any::<usize>().prop_map(|at| Damage::Truncate { at }),
    ]
}

fn apply(mut doc: Vec<u8>, damages: &[Damage]) -> Vec<u8> {
    for d in damages {
        let n = doc.len().max(1);
        match d {
            Damage::Flip { at, byte } => {
                if let Some(b) = doc.get_mut(at % n) {
                    *b = *byte;
                }
            }
            Damage::Insert { at, bytes } => {
                let at = at % (doc.len() + 1);
                doc.splice(at..at, bytes.iter().copied());
            }
            Damage::Delete { at, len } => {
                let at = at % n;
                let end = (at + len).min(doc.len());
                if at < end {
                    doc.drain(at..end);
                }
            }
            Damage::Truncate { at } => doc.truncate(at % n),
        }
    }
    doc
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Random damage to the upstream stable rules file: the loader always answers.
    #[test]
    fn damaged_upstream_rules_never_panic(damages in prop::collection::vec(damage(), 1..6)) {
        let Some(stable) = stable_rules() else {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("the upstream rules files are missing (../shared/falco-rules)");
            }
            eprintln!("skipped: upstream rules files not found");
            return Ok(());
        };
        let _ = load(&apply(stable, &damages));
    }

    /// Arbitrary bytes and arbitrary text never panic either.
    #[test]
    fn arbitrary_input_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512),
                                    text in "[-a-z: \\n()\\[\\]'\"%=,.*&!]{0,400}") {
        let _ = load(&bytes);
        let _ = load(text.as_bytes());
    }
}
