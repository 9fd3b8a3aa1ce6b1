//! Differential tests: random conditions over random events give the same answer from the
//! compiled DAG engine and the reference interpreter, for single rules and for rulesets whose
//! rules share macros, with First and All matching.

mod eval_common;

use eval_common::{compile, rule_yaml, schema, TestEvent, TestValue, EVENT_TYPES};
use falcod_rules::eval::engine::{Engine, EngineOptions, RuleId, RuleMatching};
use falcod_rules::eval::reference::Reference;
use proptest::prelude::*;

fn quoted(v: &str) -> String {
    format!("\"{v}\"")
}

fn one_of(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(items).prop_map(str::to_string)
}

fn list_of(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::subsequence(items, 0..=items.len()).prop_map(|v| {
        format!(
            "({})",
            v.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(", ")
        )
    })
}

const STRS: &[&str] = &["a", "ab", "b", "AB", "/a", "/a/b", ""];
const GLOBS: &[&str] = &["a*", "*b", "?b", "[ab]*", "/a/*", "*", "[!a]"];
const REGEXES: &[&str] = &["a.*", "(a|b)+", "[a-z]+", "/a.*"];
const PATHS: &[&str] = &["/a", "/a/b", "/b", "/*/b", "/"];

/// A string check on an operand that yields strings.
fn string_check(lhs: String) -> impl Strategy<Value = String> {
    let str_op = one_of(&["=", "!=", "contains", "icontains", "startswith", "endswith"]);
    let modifier_op = one_of(&[
        "=",
        "!=",
        "contains",
        "icontains",
        "startswith",
        "endswith",
        "glob",
    ]);
    let (l1, l2, l3, l4, l5, l6, l7) = (
        lhs.clone(),
        lhs.clone(),
        lhs.clone(),
        lhs.clone(),
        lhs.clone(),
        lhs.clone(),
        lhs,
    );
    prop_oneof![
        (str_op, one_of(STRS)).prop_map(move |(op, v)| format!("{l1} {op} {}", quoted(&v))),
        (one_of(&["glob", "iglob"]), one_of(GLOBS))
            .prop_map(move |(op, v)| format!("{l2} {op} {}", quoted(&v))),
        one_of(REGEXES).prop_map(move |v| format!("{l3} regex {}", quoted(&v))),
        list_of(STRS).prop_map(move |l| format!("{l4} in {l}")),
        list_of(PATHS).prop_map(move |l| format!("{l5} pmatch {l}")),
        (
            modifier_op,
            one_of(&["oneof", "anyof", "allof"]),
            list_of(STRS)
        )
            .prop_map(move |(op, m, l)| format!("{l6} {op} {m} {l}")),
        Just(format!("{l7} exists")),
    ]
}

fn leaf() -> BoxedStrategy<String> {
    let num_op = || one_of(&["=", "!=", "<", "<=", ">", ">="]);
    prop_oneof![
        3 => one_of(&["t.name", "t.path", "t.anc", "t.anc[0]", "t.anc[1]", "tolower(t.name)", "toupper(t.path)", "basename(t.path)"])
            .prop_flat_map(string_check),
        1 => (one_of(&["=", "!="]), one_of(&["open", "execve", "connect"]))
            .prop_map(|(op, t)| format!("evt.type {op} {t}")),
        1 => list_of(&["open", "execve", "connect", "other"]).prop_map(|l| format!("evt.type in {l}")),
        1 => (num_op(), 0u64..5).prop_map(|(op, n)| format!("t.num {op} {n}")),
        1 => (num_op(), 0i64..3).prop_map(|(op, n)| format!("t.sint {op} {n}")),
        1 => (num_op(), 0u64..4).prop_map(|(op, n)| format!("len(t.name) {op} {n}")),
        1 => list_of(&["0", "1", "3"]).prop_map(|l| format!("t.num in {l}")),
        1 => (one_of(&["=", "!="]), one_of(&["true", "false"])).prop_map(|(op, b)| format!("t.flag {op} {b}")),
        1 => (one_of(&["=", "!="]), one_of(&["10.0.0.1", "192.168.1.1"])).prop_map(|(op, a)| format!("t.ip {op} {a}")),
        1 => list_of(&["10.0.0.1", "::1"]).prop_map(|l| format!("t.ip in {l}")),
        1 => (one_of(&["=", "!="]), one_of(&["10.0.0.0/8", "192.168.0.0/16", "10.1.0.0/16"])).prop_map(|(op, n)| format!("t.net {op} {n}")),
        1 => list_of(&["10.0.0.0/8", "192.168.0.0/16"]).prop_map(|l| format!("t.net in {l}")),
        1 => (one_of(&["=", "!="]), one_of(&["22", "ssh", "http", "443"])).prop_map(|(op, p)| format!("t.port {op} {p}")),
        1 => (one_of(&[">", "<="]), one_of(&["22", "443"])).prop_map(|(op, p)| format!("t.port {op} {p}")),
        1 => (one_of(&["bcontains", "bstartswith"]), one_of(&["61", "6162", "62", ""])).prop_map(|(op, h)| format!("t.buf {op} {}", quoted(&h))),
        1 => (one_of(&["=", "contains", "startswith"]), one_of(STRS)).prop_map(|(op, v)| format!("t.buf {op} {}", quoted(&v))),
        1 => (one_of(&["in", "intersects"]), list_of(&["a", "b", "c"])).prop_map(|(op, l)| format!("t.list {op} {l}")),
        1 => (one_of(&["in", "intersects"]), list_of(&["1", "2"])).prop_map(|(op, l)| format!("t.nlist {op} {l}")),
        1 => one_of(&["t.list exists", "t.nlist exists", "t.num exists", "t.ip exists", "len(t.list) > 1"]),
        1 => (one_of(&["=", "!=", "<", "contains"]), one_of(&["t.anc[0]", "t.anc[1]"])).prop_map(|(op, r)| format!("t.name {op} val({r})")),
    ]
    .boxed()
}

/// Conditions over leaves and macro references, nested and/or/not.
fn condition(macros: usize) -> BoxedStrategy<String> {
    let base = if macros > 0 {
        prop_oneof![3 => leaf(), 1 => (0..macros).prop_map(|i| format!("m{i}"))].boxed()
    } else {
        leaf()
    };
    base.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 2..4)
                .prop_map(|v| format!("({})", v.join(" and "))),
            proptest::collection::vec(inner.clone(), 2..4)
                .prop_map(|v| format!("({})", v.join(" or "))),
            inner.clone().prop_map(|c| format!("not {c}")),
            // The same sub-condition twice in one tree.
            (inner.clone(), inner).prop_map(|(a, b)| format!("({a} and ({a} or {b}))")),
        ]
    })
    .boxed()
}

/// Macros m0..mN (each may use the ones before it) and rule conditions over them.
fn rules_file(rules: std::ops::Range<usize>) -> impl Strategy<Value = (Vec<String>, Vec<String>)> {
    (0usize..4).prop_flat_map(move |n| {
        let macros: Vec<BoxedStrategy<String>> = (0..n).map(condition).collect();
        (
            macros,
            proptest::collection::vec(condition(n), rules.clone()),
        )
    })
}

fn value_strategy(field: &str) -> BoxedStrategy<Vec<TestValue>> {
    let strs =
        || proptest::sample::select(&["a", "ab", "b", "AB", "/a", "/a/b", "/b/b", "", "abc"][..]);
    let s = |v: &str| TestValue::Str(v.to_string());
    match field {
        "t.name" | "t.path" => strs().prop_map(move |v| vec![s(v)]).boxed(),
        "t.anc" | "t.list" => proptest::collection::vec(strs(), 1..4)
            .prop_map(move |v| v.into_iter().map(s).collect())
            .boxed(),
        "t.num" => (0u64..5).prop_map(|n| vec![TestValue::Uint(n)]).boxed(),
        "t.sint" => (-3i64..4).prop_map(|n| vec![TestValue::Int(n)]).boxed(),
        "t.flag" => any::<bool>().prop_map(|b| vec![TestValue::Bool(b)]).boxed(),
        "t.ip" | "t.net" => proptest::sample::select(
            &["10.0.0.1", "10.1.2.3", "192.168.1.1", "::1", "11.0.0.1"][..],
        )
        .prop_map(|a| vec![TestValue::Ip(a.parse().unwrap())])
        .boxed(),
        "t.port" => proptest::sample::select(&[22u64, 80, 443, 8080][..])
            .prop_map(|p| vec![TestValue::Uint(p)])
            .boxed(),
        "t.buf" => proptest::sample::select(vec![&b"ab"[..], b"ba", b"a\0b", b""])
            .prop_map(|b| vec![TestValue::Bytes(b.to_vec())])
            .boxed(),
        "t.nlist" => proptest::collection::vec(0u64..4, 1..3)
            .prop_map(|v| v.into_iter().map(TestValue::Uint).collect())
            .boxed(),
        _ => Just(Vec::new()).boxed(),
    }
}

/// One field's optional values, named.
type FieldValues = BoxedStrategy<Option<(String, Vec<TestValue>)>>;

fn event() -> impl Strategy<Value = TestEvent> {
    let fields = eval_common::FIELDS[1..].iter().map(|f| f.0);
    let per_field: Vec<FieldValues> = fields
        .map(|name| {
            proptest::option::weighted(0.75, value_strategy(name))
                .prop_map(move |v| v.map(|v| (name.to_string(), v)))
                .boxed()
        })
        .collect();
    (0u16..EVENT_TYPES.len() as u16, per_field).prop_map(|(code, fields)| {
        fields
            .into_iter()
            .flatten()
            .fold(TestEvent::new(code), |ev, (name, v)| ev.with(&name, v))
    })
}

fn yaml(macros: &[String], rules: &[String]) -> String {
    let mut out = String::new();
    for (i, m) in macros.iter().enumerate() {
        out += &format!("- macro: m{i}\n  condition: |-\n    {m}\n");
    }
    for (i, r) in rules.iter().enumerate() {
        out += &rule_yaml(&format!("rule {i}"), r, "WARNING", &[], true);
    }
    out
}

/// The reference's answer for a ruleset: rules in order whose event types include the event's
/// and whose condition holds.
fn expected(
    rs: &falcod_rules::ruleset::Ruleset,
    reference: &Reference<'_>,
    ev: &TestEvent,
) -> Vec<RuleId> {
    let mut out = Vec::new();
    for (i, rule) in rs.rules.iter().enumerate() {
        let holds = reference.eval(&rule.condition, ev);
        // The event-type index must never hide a rule that holds.
        assert!(
            !holds || rule.evttypes.contains(ev.code),
            "rule holds outside its event types: {}",
            rule.condition
        );
        if holds {
            out.push(RuleId(i as u32));
        }
    }
    out
}

fn run(
    engine: &Engine,
    scratch: &mut falcod_rules::eval::engine::Scratch,
    ev: &TestEvent,
) -> Vec<RuleId> {
    let mut got = Vec::new();
    let n = engine.process(ev, scratch, &mut |id| got.push(id));
    assert_eq!(n, got.len());
    got
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn single_rule_matches_reference(
        (macros, rules) in rules_file(1..2),
        events in proptest::collection::vec(event(), 1..12),
    ) {
        let rs = compile(&yaml(&macros, &rules));
        let schema = schema();
        let reference = Reference::new(&schema);
        let engine = Engine::new(rs.clone(), &schema, EngineOptions::default()).expect("engine");
        let mut scratch = engine.scratch();
        for ev in &events {
            let want = expected(&rs, &reference, ev);
            prop_assert_eq!(run(&engine, &mut scratch, ev), want, "{}\n{:?}", rs.rules[0].condition, ev);
        }
    }

    #[test]
    fn rulesets_match_reference_first_and_all(
        (macros, rules) in rules_file(2..12),
        events in proptest::collection::vec(event(), 1..12),
    ) {
        let rs = compile(&yaml(&macros, &rules));
        let schema = schema();
        let reference = Reference::new(&schema);
        let all = Engine::new(rs.clone(), &schema, EngineOptions { rule_matching: RuleMatching::All, ..EngineOptions::default() }).expect("engine");
        let first = Engine::new(rs.clone(), &schema, EngineOptions::default()).expect("engine");
        let (mut s_all, mut s_first) = (all.scratch(), first.scratch());
        for ev in &events {
            let want = expected(&rs, &reference, ev);
            prop_assert_eq!(run(&all, &mut s_all, ev), want.clone(), "{:?}", ev);
            prop_assert_eq!(run(&first, &mut s_first, ev), want.into_iter().take(1).collect::<Vec<_>>());
        }
    }
}
