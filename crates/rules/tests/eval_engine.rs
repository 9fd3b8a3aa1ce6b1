//! Engine behaviour: rule selection, First/All ordering, buckets, hash-consing, describe_dag, and
//! a condition corpus run against both evaluators.

mod eval_common;

use std::sync::Arc;

use eval_common::{compile, rule_yaml, schema, TestEvent, TestValue};
use falcod_rules::eval::engine::{
    Engine, EngineOptions, RuleId, RuleMatching, RuleSelector, Selection,
};
use falcod_rules::eval::reference::Reference;
use falcod_rules::load::info::Priority;
use falcod_rules::ruleset::Ruleset;

fn s(v: &str) -> TestValue {
    TestValue::Str(v.to_string())
}

/// Five rules over the open event; names, tags, priorities and file-level enabled flags vary.
fn selection_ruleset() -> Arc<Ruleset> {
    let rules = [
        (
            "Write below etc",
            "WARNING",
            &["filesystem", "mitre"][..],
            true,
        ),
        ("Write below root", "ERROR", &["filesystem"][..], true),
        ("Read sensitive file", "NOTICE", &["mitre"][..], false),
        ("Shell in container", "DEBUG", &["shell"][..], true),
        ("Etc write audit", "INFO", &[][..], true),
    ];
    let yaml: String = rules
        .iter()
        .map(|(n, p, t, e)| rule_yaml(n, "evt.type = open and t.name exists", p, t, *e))
        .collect();
    compile(&yaml)
}

fn names(engine: &Engine, event: &TestEvent) -> Vec<String> {
    let mut out = Vec::new();
    engine.process(event, &mut engine.scratch(), &mut |id: RuleId| {
        out.push(engine.rule(id).info.name.clone())
    });
    out
}

fn enabled(ruleset: &Arc<Ruleset>, options: EngineOptions) -> Vec<String> {
    let engine = Engine::new(ruleset.clone(), &schema(), options).expect("engine");
    engine
        .enabled_rules()
        .map(|id| engine.rule(id).info.name.clone())
        .collect()
}

#[test]
fn selection_follows_falco() {
    let rs = selection_ruleset();
    let enable = |by| Selection::Enable { by };
    let disable = |by| Selection::Disable { by };
    use RuleSelector::*;
    let cases: Vec<(&str, Priority, Vec<Selection>, Vec<&str>)> = vec![
        (
            "file flags only",
            Priority::Debug,
            vec![],
            vec![
                "Write below etc",
                "Write below root",
                "Shell in container",
                "Etc write audit",
            ],
        ),
        (
            "min priority drops less severe rules",
            Priority::Notice,
            vec![],
            vec!["Write below etc", "Write below root"],
        ),
        (
            "selection cannot enable a rule below min priority",
            Priority::Warning,
            vec![enable(Wildcard("*".into()))],
            vec!["Write below etc", "Write below root"],
        ),
        (
            "disable all then enable by tag",
            Priority::Debug,
            vec![disable(Wildcard("*".into())), enable(Tag("mitre".into()))],
            vec!["Write below etc", "Read sensitive file"],
        ),
        (
            "substring name",
            Priority::Debug,
            vec![disable(Name("below".into()))],
            vec!["Shell in container", "Etc write audit"],
        ),
        (
            "exact name leaves similar names alone",
            Priority::Debug,
            vec![
                disable(Exact("Write below".into())),
                disable(Exact("Write below etc".into())),
            ],
            vec!["Write below root", "Shell in container", "Etc write audit"],
        ),
        (
            "wildcard in the middle; later steps win",
            Priority::Debug,
            vec![
                disable(Wildcard("Write*etc".into())),
                enable(Name("sensitive".into())),
                disable(Tag("shell".into())),
            ],
            vec!["Write below root", "Read sensitive file", "Etc write audit"],
        ),
    ];
    for (what, min_priority, selections, want) in cases {
        let options = EngineOptions {
            rule_matching: RuleMatching::All,
            min_priority,
            selections,
        };
        assert_eq!(enabled(&rs, options), want, "{what}");
    }
}

#[test]
fn first_and_all_deliver_in_rule_order() {
    let yaml = [
        rule_yaml("r0", "evt.type = open and t.name = a", "WARNING", &[], true),
        rule_yaml(
            "r1",
            "evt.type in (open, execve) and t.num > 1",
            "WARNING",
            &[],
            true,
        ),
        rule_yaml(
            "r2",
            "t.name startswith a and evt.type = open",
            "WARNING",
            &[],
            true,
        ),
        rule_yaml("r3", "evt.type = execve", "WARNING", &[], true),
    ]
    .concat();
    let rs = compile(&yaml);
    let engine = |m| {
        Engine::new(
            rs.clone(),
            &schema(),
            EngineOptions {
                rule_matching: m,
                ..EngineOptions::default()
            },
        )
        .expect("engine")
    };
    let (first, all) = (engine(RuleMatching::First), engine(RuleMatching::All));
    let cases: Vec<(TestEvent, Vec<&str>)> = vec![
        (
            TestEvent::new(0)
                .with("t.name", vec![s("a")])
                .with("t.num", vec![TestValue::Uint(2)]),
            vec!["r0", "r1", "r2"],
        ),
        (TestEvent::new(0).with("t.name", vec![s("ab")]), vec!["r2"]),
        (
            TestEvent::new(1).with("t.num", vec![TestValue::Uint(5)]),
            vec!["r1", "r3"],
        ),
        (TestEvent::new(2).with("t.name", vec![s("a")]), vec![]),
        (TestEvent::new(9), vec![]),
    ];
    for (ev, want) in cases {
        assert_eq!(names(&all, &ev), want, "all {ev:?}");
        let want_first: Vec<&str> = want.iter().take(1).copied().collect();
        assert_eq!(names(&first, &ev), want_first, "first {ev:?}");
    }
    let bucket: Vec<RuleId> = all.bucket(1).collect();
    assert_eq!(bucket, vec![RuleId(1), RuleId(3)]);
}

/// Three rules share the expanded macro; its nodes exist once and are marked shared.
fn shared_ruleset() -> Arc<Ruleset> {
    let mut yaml = String::from(
        "- macro: spawned\n  condition: evt.type = execve and t.flag = true\n\
         - list: shells\n  items: [bash, sh]\n",
    );
    yaml += &rule_yaml(
        "Shell",
        "spawned and t.name in (shells)",
        "WARNING",
        &[],
        true,
    );
    yaml += &rule_yaml(
        "Etc",
        "spawned and t.path startswith /etc",
        "WARNING",
        &[],
        true,
    );
    yaml += &rule_yaml(
        "Either",
        "spawned and (t.path startswith /etc or not not t.name in (shells))",
        "WARNING",
        &[],
        true,
    );
    compile(&yaml)
}

#[test]
fn hash_consing_shares_macro_nodes_and_slots() {
    let engine = Engine::new(shared_ruleset(), &schema(), EngineOptions::default()).unwrap();
    let stats = engine.stats();
    // Checks: evt.type, t.flag, t.name in, t.path startswith (4); ands: one per rule (3);
    // the or (1). `not not` folded away. Then the execve bucket's forms of the three rules,
    // `evt.type = execve` answered: one new `and` each (3); their children are shared with
    // the generic forms.
    assert_eq!(stats.nodes, 11, "{stats:?}");
    assert_eq!(stats.slots, 4, "{stats:?}");
    // What an execve event runs: t.flag under three rules, t.name and t.path checks under two
    // each (a rule's own `and` and the `or`). evt.type is no longer evaluated at all.
    assert_eq!(stats.shared_nodes, 3, "{stats:?}");
    assert!(engine.memory_usage() > 0);
}

#[test]
fn describe_dag_lists_the_rule_graph() {
    let engine = Engine::new(shared_ruleset(), &schema(), EngineOptions::default()).unwrap();
    let text = engine.describe_dag(RuleId(2));
    // The macro's own `and` and the inner `not` were folded away (flattened into the rule's
    // `and`, `not not` removed) and dropped from the graph, so ids are dense: n0 evt.type,
    // n1 t.flag, n2 t.name, n3 Shell's and, n4 t.path, n5 Etc's and, n6 the or, n7 Either's
    // and, then the execve forms n8..n10. Sharing counts what one execve event can reach.
    let want = "\
rule 'Either' (id 2, enabled): root n7
n7 and [cost 18]
  n0 check evt.type = execve [cost 2, slot s0 evt.type]
  n1 check t.flag = true [cost 4, slot s1 t.flag, shared by 3]
  n6 or [cost 11]
    n2 check t.name in (bash, sh) [cost 5, slot s2 t.name, shared by 2]
    n4 check t.path startswith /etc [cost 5, slot s3 t.path, shared by 2]
";
    assert_eq!(text, want);
    // In the execve bucket (code 1) the evt.type check is answered and gone.
    let want_execve = "\
rule 'Either' (id 2) for event type 1: root n10
n10 and [cost 16]
  n1 check t.flag = true [cost 4, slot s1 t.flag, shared by 3]
  n6 or [cost 11]
    n2 check t.name in (bash, sh) [cost 5, slot s2 t.name, shared by 2]
    n4 check t.path startswith /etc [cost 5, slot s3 t.path, shared by 2]
";
    assert_eq!(engine.describe_dag_for(RuleId(2), 1), want_execve);
    assert!(engine
        .describe_dag_for(RuleId(2), 0)
        .ends_with("not indexed under this type\n"));
    assert!(engine.describe_dag(RuleId(99)).starts_with("no rule"));
}

/// Inside a bucket every `evt.type` check has a known answer: operators the event-type index
/// cannot use (`startswith`, `glob`, ...) index a rule everywhere, and specialisation then drops
/// it from the buckets where the check is false.
#[test]
fn buckets_answer_evt_type_checks() {
    let mut yaml = rule_yaml(
        "Prefix",
        "evt.type startswith open and t.flag = true",
        "WARNING",
        &[],
        true,
    );
    yaml += &rule_yaml(
        "NotConnect",
        "not evt.type glob connect and (evt.type != execve or t.num > 1)",
        "WARNING",
        &[],
        true,
    );
    yaml += &rule_yaml("Disabled", "t.flag = false", "WARNING", &[], false);
    let engine = Engine::new(
        compile(&yaml),
        &schema(),
        EngineOptions {
            rule_matching: RuleMatching::All,
            ..EngineOptions::default()
        },
    )
    .unwrap();
    // Codes: 0 open, 1 execve, 2 connect, 3 other.
    let buckets: Vec<Vec<RuleId>> = (0..4).map(|c| engine.bucket(c).collect()).collect();
    assert_eq!(
        buckets,
        vec![
            vec![RuleId(0), RuleId(1)],
            vec![RuleId(1)],
            vec![],
            vec![RuleId(1)]
        ]
    );
    let open = engine.describe_dag_for(RuleId(0), 0);
    assert!(
        open.ends_with("check t.flag = true [cost 4, slot s1 t.flag]\n"),
        "{open}"
    );
    assert!(engine
        .describe_dag_for(RuleId(0), 1)
        .ends_with("folds to false, not run\n"));
    // `evt.type != execve or t.num > 1` is `t.num > 1` for execve and true elsewhere.
    let execve = engine.describe_dag_for(RuleId(1), 1);
    assert!(
        execve.ends_with("check t.num > 1 [cost 4, slot s2 t.num]\n"),
        "{execve}"
    );
    assert!(engine
        .describe_dag_for(RuleId(1), 3)
        .ends_with("const true\n"));
    assert!(engine
        .describe_dag(RuleId(2))
        .ends_with("disabled, not compiled\n"));
    for (code, num, want) in [
        (0u16, 0u64, 2usize),
        (1, 0, 0),
        (1, 2, 1),
        (2, 5, 0),
        (3, 0, 1),
    ] {
        let ev = TestEvent::new(code)
            .with("t.flag", vec![TestValue::Bool(true)])
            .with("t.num", vec![TestValue::Uint(num)]);
        let mut scratch = engine.scratch();
        let matched = engine.process(&ev, &mut scratch, &mut |_| {});
        assert_eq!(matched, want, "code {code}, t.num {num}");
    }
}

/// The declarative corpus: (name, condition, event, expected), each run through the engine and
/// the reference interpreter. `EVAL_CASE=substring` runs only matching cases.
#[test]
fn condition_corpus_against_both_evaluators() {
    let ip = |a: &str| TestValue::Ip(a.parse().unwrap());
    let open = || TestEvent::new(0);
    let cases: Vec<(&str, &str, TestEvent, bool)> = vec![
        ("missing eq", "t.name = a", open(), false),
        ("missing ne", "t.name != a", open(), false),
        ("not of missing", "not t.name = a", open(), true),
        ("exists missing", "t.name exists", open(), false),
        (
            "exists empty string",
            "t.name exists",
            open().with("t.name", vec![s("")]),
            true,
        ),
        (
            "ne present",
            "t.name != a",
            open().with("t.name", vec![s("b")]),
            true,
        ),
        (
            "in",
            "t.name in (a, b)",
            open().with("t.name", vec![s("b")]),
            true,
        ),
        (
            "empty in",
            "t.name in ()",
            open().with("t.name", vec![s("b")]),
            false,
        ),
        ("not empty in", "not t.name in ()", open(), true),
        (
            "icontains",
            "t.name icontains AB",
            open().with("t.name", vec![s("xaby")]),
            true,
        ),
        (
            "glob star crosses slash",
            "t.path glob \"/etc/*\"",
            open().with("t.path", vec![s("/etc/a/b")]),
            true,
        ),
        (
            "iglob",
            "t.path iglob \"/ETC/*\"",
            open().with("t.path", vec![s("/etc/x")]),
            true,
        ),
        (
            "regex full match",
            "t.name regex \"a+\"",
            open().with("t.name", vec![s("aab")]),
            false,
        ),
        (
            "pmatch component",
            "t.path pmatch (/var/run)",
            open().with("t.path", vec![s("/var/running")]),
            false,
        ),
        (
            "pmatch prefix",
            "t.path pmatch (/var/run)",
            open().with("t.path", vec![s("/var/run/x")]),
            true,
        ),
        (
            "numeric",
            "t.num >= 3",
            open().with("t.num", vec![TestValue::Uint(3)]),
            true,
        ),
        (
            "signed",
            "t.sint < 0",
            open().with("t.sint", vec![TestValue::Int(-1)]),
            true,
        ),
        (
            "bool",
            "t.flag = false",
            open().with("t.flag", vec![TestValue::Bool(false)]),
            true,
        ),
        (
            "cidr",
            "t.net = 10.0.0.0/8",
            open().with("t.net", vec![ip("10.2.3.4")]),
            true,
        ),
        (
            "cidr in",
            "t.net in (192.168.0.0/16, 10.0.0.0/8)",
            open().with("t.net", vec![ip("11.0.0.1")]),
            false,
        ),
        (
            "ip",
            "t.ip = 10.0.0.1",
            open().with("t.ip", vec![ip("10.0.0.1")]),
            true,
        ),
        (
            "port name",
            "t.port = ssh",
            open().with("t.port", vec![TestValue::Uint(22)]),
            true,
        ),
        (
            "bcontains",
            "t.buf bcontains 6263",
            open().with("t.buf", vec![TestValue::Bytes(b"abcd".to_vec())]),
            true,
        ),
        (
            "list in all",
            "t.list in (a, b)",
            open().with("t.list", vec![s("a"), s("c")]),
            false,
        ),
        (
            "list intersects",
            "t.list intersects (c)",
            open().with("t.list", vec![s("a"), s("c")]),
            true,
        ),
        (
            "multi-valued any",
            "t.anc = b",
            open().with("t.anc", vec![s("a"), s("b")]),
            true,
        ),
        (
            "indexed",
            "t.anc[0] = b",
            open().with("t.anc", vec![s("a"), s("b")]),
            false,
        ),
        (
            "oneof",
            "t.name startswith oneof (a, ab)",
            open().with("t.name", vec![s("abc")]),
            false,
        ),
        (
            "allof",
            "t.name contains allof (a, c)",
            open().with("t.name", vec![s("abc")]),
            true,
        ),
        (
            "transformer",
            "tolower(t.name) = abc",
            open().with("t.name", vec![s("ABC")]),
            true,
        ),
        (
            "len",
            "len(t.name) > 2",
            open().with("t.name", vec![s("ABC")]),
            true,
        ),
        (
            "val",
            "t.name = val(t.anc[1])",
            open()
                .with("t.name", vec![s("b")])
                .with("t.anc", vec![s("a"), s("b")]),
            true,
        ),
        (
            "val missing",
            "t.name != val(t.anc[1])",
            open().with("t.name", vec![s("b")]),
            false,
        ),
    ];
    let filter = std::env::var("EVAL_CASE").unwrap_or_default();
    let schema = schema();
    let reference = Reference::new(&schema);
    let mut ran = 0;
    for (name, cond, ev, want) in cases {
        if !name.contains(filter.as_str()) {
            continue;
        }
        let rs = compile(&rule_yaml(
            "r",
            &format!("evt.type = open and ({cond})"),
            "WARNING",
            &[],
            true,
        ));
        let engine = Engine::new(rs.clone(), &schema, EngineOptions::default()).unwrap();
        let got = engine.process(&ev, &mut engine.scratch(), &mut |_| {}) == 1;
        assert_eq!(got, want, "engine: {name}: {cond}");
        assert_eq!(
            reference.eval(&rs.rules[0].condition, &ev),
            want,
            "reference: {name}: {cond}"
        );
        ran += 1;
    }
    assert!(ran > 0 || !filter.is_empty());
}
