//! End-to-end compile tests: Falco's unit-test vectors (unit_tests/engine/test_rule_loader.cpp)
//! for compiled conditions, and each compile error and warning with its code and context.

mod compile_common;

use compile_common::{compiled, load, rule_yaml};
use falcod_rules::result::{ErrorCode, FileResult, ItemType, WarningCode};

/// (file content, rule, expected canonical condition)
const VECTORS: &[(&str, &str, &str)] = &[
    // list_append
    (
        "- list: shell_binaries\n  items: [ash, bash, csh, ksh, sh, tcsh, zsh, dash]\n\
         - rule: legit_rule\n  desc: d\n  condition: evt.type=open and proc.name in (shell_binaries)\n  output: o\n  priority: INFO\n\
         - list: shell_binaries\n  items: [pwsh]\n  override:\n    items: append\n",
        "legit_rule",
        "(evt.type = open and proc.name in (ash, bash, csh, ksh, sh, tcsh, zsh, dash, pwsh))",
    ),
    // condition_append
    (
        "- macro: interactive\n  condition: >\n    ((proc.aname=sshd and proc.name != sshd) or\n    proc.name=systemd-logind or proc.name=login)\n\
         - rule: legit_rule\n  desc: d\n  condition: evt.type=open and interactive\n  output: o\n  priority: INFO\n\
         - macro: interactive\n  condition: or proc.name = ssh\n  override:\n    condition: append\n",
        "legit_rule",
        "(evt.type = open and (((proc.aname = sshd and proc.name != sshd) or proc.name = systemd-logind or proc.name = login) or proc.name = ssh))",
    ),
    // rule_append
    (
        "- rule: legit_rule\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n\
         - rule: legit_rule\n  condition: and proc.name = cat\n  append: true\n",
        "legit_rule",
        "(evt.type = open and proc.name = cat)",
    ),
    // macro_override_replace_before_macro_definition
    (
        "- macro: open_simple\n  condition: or evt.type = openat2\n  override:\n    condition: replace\n\
         - macro: open_simple\n  condition: evt.type in (open,openat)\n\
         - rule: test_rule\n  desc: d\n  condition: open_simple\n  output: o\n  priority: INFO\n",
        "test_rule",
        "evt.type in (open, openat)",
    ),
    // macro_override_append_after_macro_definition
    (
        "- macro: open_simple\n  condition: evt.type in (open,openat)\n\
         - macro: open_simple\n  condition: or evt.type = openat2\n  override:\n    condition: append\n\
         - rule: test_rule\n  desc: d\n  condition: open_simple\n  output: o\n  priority: INFO\n",
        "test_rule",
        "(evt.type in (open, openat) or evt.type = openat2)",
    ),
    // rule_override_append_after_rule_definition
    (
        "- rule: test_rule\n  desc: d\n  condition: evt.type in (open,openat)\n  output: o\n  priority: INFO\n\
         - rule: test_rule\n  condition: and proc.name = cat\n  override:\n    condition: append\n",
        "test_rule",
        "(evt.type in (open, openat) and proc.name = cat)",
    ),
    // list_override_append_after_list_definition
    (
        "- list: dev_creation_binaries\n  items: [blkid]\n\
         - list: dev_creation_binaries\n  items: [\"csi-provisioner\", \"csi-attacher\"]\n  override:\n    items: append\n\
         - rule: test_rule\n  desc: d\n  condition: evt.type = execve and proc.name in (dev_creation_binaries)\n  output: o\n  priority: INFO\n",
        "test_rule",
        "(evt.type = execve and proc.name in (blkid, csi-provisioner, csi-attacher))",
    ),
    // exceptions_condition
    (
        "- rule: test_rule\n  desc: d\n  condition: proc.cmdline contains curl or proc.cmdline contains wget\n  output: o\n  priority: INFO\n  exceptions:\n    - name: test_exception\n      fields: [proc.cmdline]\n      comps: [contains]\n      values:\n        - [curl 127.0.0.1]\n",
        "test_rule",
        "((proc.cmdline contains curl or proc.cmdline contains wget) and not proc.cmdline contains \"curl 127.0.0.1\")",
    ),
    // exceptions_values_rhs_transformer
    (
        "- rule: test_rule\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.name]\n      comps: [=]\n      values:\n        - [toupper(proc.pname)]\n",
        "test_rule",
        "(evt.type = open and not proc.name = toupper(proc.pname))",
    ),
    // exceptions_fields_transformer
    (
        "- rule: test_rule\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [tolower(proc.name)]\n      comps: [=]\n      values:\n        - [test]\n",
        "test_rule",
        "(evt.type = open and not tolower(proc.name) = test)",
    ),
    // exceptions_modifier_op_startswith_oneof
    (
        "- rule: test_rule\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.name]\n      comps: [startswith oneof]\n      values:\n        - [[sshd, sudo, systemd]]\n",
        "test_rule",
        "(evt.type = open and not proc.name startswith oneof (sshd, sudo, systemd))",
    ),
    // nested macros: a later macro sees an earlier one; lists inside macros.
    (
        "- list: shells\n  items: [bash, sh]\n\
         - macro: spawned\n  condition: evt.type in (execve, execveat)\n\
         - macro: shell_spawned\n  condition: spawned and proc.name in (shells)\n\
         - rule: test_rule\n  desc: d\n  condition: shell_spawned and not proc.pname in (shells)\n  output: o\n  priority: INFO\n",
        "test_rule",
        "((evt.type in (execve, execveat) and proc.name in (bash, sh)) and not proc.pname in (bash, sh))",
    ),
];

#[test]
fn falco_compiled_condition_vectors() {
    for (yaml, rule, expected) in VECTORS {
        let (b, res) = load(yaml);
        assert!(res.successful(), "{yaml}\n{:?}", res.errors);
        assert_eq!(compiled(&b, rule), *expected, "{yaml}");
    }
}

fn first_error(res: &FileResult) -> (ErrorCode, &str) {
    let e = res.errors.first().expect("an error");
    (e.code, e.message.as_str())
}

/// (condition, code, message)
const CONDITION_ERRORS: &[(&str, ErrorCode, &str)] = &[
    ("evt.type=open and foo", ErrorCode::Validate, "Undefined macro 'foo' used in filter."),
    ("proc.nobody = x", ErrorCode::CompileCondition, "filter_check called with nonexistent field proc.nobody"),
    ("proc.aname[x] = bash", ErrorCode::CompileCondition, "wrong argument 'x' for field proc.aname: not a number"),
    ("evt.num contains 1", ErrorCode::CompileCondition, "filter error: 'contains' operator not supported for numeric filters"),
    ("evt.num = abc", ErrorCode::CompileCondition, "abc is not a valid number"),
    ("evt.is_open_read = yes", ErrorCode::CompileCondition, "filter error: unrecognized boolean value yes"),
    ("evt.is_open_read contains t", ErrorCode::CompileCondition, "filter error: 'contains' operator not supported for numeric filters"),
    ("fd.sip = 1.2.3", ErrorCode::CompileCondition, "unrecognized IPv4 address 1.2.3"),
    ("fd.sip contains 1.2.3.4", ErrorCode::CompileCondition, "filter error: 'contains' operator not supported for ip address and network filters"),
    ("fd.sip contains anyof (1.2.3.4)", ErrorCode::CompileCondition, "filter error: 'contains' with modifier not supported for ip address and network filters"),
    ("fd.net = 10.0.0.0/40", ErrorCode::CompileCondition, "invalid netmask 40"),
    ("fd.net in (10.0.0.1)", ErrorCode::CompileCondition, "unrecognized IP network 10.0.0.1"),
    ("fd.sport = nosuchservice", ErrorCode::CompileCondition, "unrecognized protocol nosuchservice"),
    ("proc.cmdargs = a", ErrorCode::CompileCondition, "filter error: '=' operator not supported list filters"),
    ("evt.buffer bcontains xyz", ErrorCode::CompileCondition, "filter error: bcontains and bstartswith operator support hex strings only"),
    ("proc.name bcontains 00", ErrorCode::CompileCondition, "filter error: 'bcontains' operator not supported for string filters"),
    ("evt.buffer glob x", ErrorCode::CompileCondition, "filter error: 'glob' operator not supported for buffer filters"),
    ("tolower(evt.num) = 1", ErrorCode::CompileCondition, "can't add field transformer: type 'UINT64' is not supported by 'tolower' transformer applied on field 'evt.num'"),
    ("tolower(proc.cmdargs) = 1", ErrorCode::CompileCondition, "filter error: '=' operator not supported list filters"),
    ("b64(proc.exepath) = x", ErrorCode::CompileCondition, "can't add field transformer: type 'FSPATH' is not supported by 'b64' transformer applied on field 'proc.exepath'"),
    ("tolower(fd.ip) = x", ErrorCode::CompileCondition, "field 'fd.ip' does not support transformers"),
    ("proc.name regex val(proc.pname)", ErrorCode::CompileCondition, "operator 'REGEX' doesn't support right-hand side fields"),
    ("proc.name = val(evt.num)", ErrorCode::CompileCondition, "field 'proc.name' has type 'CHARBUF' while the right-hand side field 'evt.num' has incompatible type 'UINT64'"),
    ("fd.sip = val(fd.ip)", ErrorCode::CompileCondition, "field 'fd.ip' can't be used as a right-hand side field"),
    ("fd.net = val(fd.sip)", ErrorCode::CompileCondition, "field type 'IPNET' doesn't support right-hand side fields"),
    ("evt.type = nope", ErrorCode::CompileCondition, "unknown event type nope"),
    ("evt.type in (open, nope)", ErrorCode::CompileCondition, "unknown event type nope"),
    ("concat(proc.name) = x", ErrorCode::CompileCondition, "concat() requires at least 2 arguments"),
    ("join(proc.cmdargs, proc.cmdargs) = x", ErrorCode::CompileCondition, "join() first argument (separator) must be a single value, not a list"),
    ("getopt(proc.cmdargs, \"ab:\")[bc] = x", ErrorCode::CompileCondition, "getopt() field argument must be a single option character"),
    ("evt.type = val(proc.name)", ErrorCode::CompileCondition, "right-hand field comparisons on `evt.type`/`syscall.type` checks are not supported by event code search"),
];

#[test]
fn condition_errors_have_falco_messages() {
    for (cond, code, message) in CONDITION_ERRORS {
        let (b, res) = load(&rule_yaml(cond));
        assert!(!res.errors.is_empty(), "{cond}: no error");
        assert_eq!(first_error(&res), (*code, *message), "{cond}");
        assert!(b.ruleset().is_none(), "{cond}: nothing committed");
        let ctx = &res.errors[0].context;
        let last = ctx.locations.last().expect("locations");
        assert_eq!(last.item_type, ItemType::ConditionExpression, "{cond}");
        assert_eq!(ctx.alt_content.as_deref(), Some(*cond), "{cond}");
    }
}

#[test]
fn valid_conditions_compile() {
    for cond in [
        "evt.type = open and fd.sport = ssh",
        "fd.sport in (22, http, 443)",
        "fd.net in (\"127.0.0.1/24\", 10.0.0.0/8)",
        "fd.sip = 127.0.0.1 and fd.sip != ::1",
        "proc.cmdargs intersects (a, b) and proc.cmdargs exists",
        "evt.buffer bcontains 0a0B",
        "len(proc.cmdargs) > 2 and len(proc.name) = 4",
        "tolower(proc.exepath) = /bin/sh and basename(proc.exepath) = sh",
        "proc.name = val(proc.pname) and toupper(proc.name) = toupper(proc.pname)",
        "join(\",\", proc.cmdargs) = \"a,b\" and concat(proc.name, proc.pname) = ab",
        "getopt(proc.cmdargs, \"ab:\")[b] = x",
        "evt.is_open_read = true and evt.num > 10 and evt.rawres >= -1",
        "proc.name regex '[a-z]+sh' and proc.aname[2] = bash and evt.arg.fd = 3",
        "evt.type = chmod",
        "proc.name startswith oneof (a, b)",
    ] {
        let (_, res) = load(&rule_yaml(cond));
        assert!(res.successful(), "{cond}: {:?}", res.errors);
    }
}

#[test]
fn parse_error_points_into_the_condition() {
    let (_, res) = load(&rule_yaml("evt.type = open and"));
    let e = &res.errors[0];
    assert_eq!(e.code, ErrorCode::CompileCondition);
    let last = e.context.locations.last().expect("location");
    assert_eq!(last.item_type, ItemType::ConditionExpression);
    assert_eq!(&*last.name, "\"evt.type = open and\"");
}

#[test]
fn macro_errors() {
    // A macro cannot see a macro defined after it.
    let yaml = "- macro: a\n  condition: b\n- macro: b\n  condition: evt.type = open\n";
    let (_, res) = load(yaml);
    assert_eq!(
        first_error(&res),
        (ErrorCode::Validate, "Undefined macro 'b' used in filter.")
    );
    let names: Vec<_> = res.errors[0]
        .context
        .locations
        .iter()
        .map(|l| l.item_type)
        .collect();
    assert_eq!(names.last(), Some(&ItemType::ConditionExpression));
    assert!(names.contains(&ItemType::Macro));

    // An appended macro sees itself: a loop.
    let yaml = "- macro: a\n  condition: evt.type = open\n- macro: a\n  condition: or a\n  override:\n    condition: append\n";
    let (_, res) = load(yaml);
    assert_eq!(
        first_error(&res),
        (ErrorCode::Validate, "reference loop in macro 'a'")
    );

    // A macro's own parse error.
    let yaml = "- macro: a\n  condition: evt.type = \n";
    let (_, res) = load(yaml);
    assert_eq!(res.errors[0].code, ErrorCode::CompileCondition);
}

#[test]
fn macros_are_not_resolved_inside_transformers() {
    let yaml = "- macro: m\n  condition: evt.type = open\n".to_string()
        + &rule_yaml("evt.type = open and tolower(proc.name) = m");
    let (b, res) = load(&yaml);
    assert!(res.successful(), "{:?}", res.errors);
    assert_eq!(
        compiled(&b, "test_rule"),
        "(evt.type = open and tolower(proc.name) = m)"
    );
    assert!(res
        .warnings
        .iter()
        .any(|w| w.code == WarningCode::UnusedMacro));
}

#[test]
fn exponential_macro_expansion_is_bounded() {
    let mut yaml = String::from("- macro: m0\n  condition: evt.type = open\n");
    for i in 1..40 {
        yaml += &format!("- macro: m{i}\n  condition: m{p} or m{p}\n", p = i - 1);
    }
    yaml += &rule_yaml("m39");
    let (_, res) = load(&yaml);
    assert_eq!(res.errors.len(), 1);
    assert!(
        res.errors[0].message.contains("macro expansion exceeds"),
        "{:?}",
        res.errors
    );
}

#[test]
fn skip_if_unknown_filter_drops_the_rule() {
    for cond in ["proc.nobody = x", "evt.type = nope"] {
        let yaml = rule_yaml(cond) + "  skip-if-unknown-filter: true\n";
        let (b, res) = load(&yaml);
        assert!(res.successful(), "{cond}: {:?}", res.errors);
        let w = res
            .warnings
            .iter()
            .find(|w| w.code == WarningCode::UnknownFilter)
            .expect("warning");
        assert!(
            falcod_rules::compile::is_unknown_type_or_field(&w.message),
            "{}",
            w.message
        );
        assert!(b.ruleset().expect("ruleset").rules.is_empty());
    }
    // Other errors stay errors.
    let yaml = rule_yaml("evt.num contains 1") + "  skip-if-unknown-filter: true\n";
    assert!(!load(&yaml).1.successful());
}

fn warnings(res: &FileResult, code: WarningCode) -> Vec<&str> {
    res.warnings
        .iter()
        .filter(|w| w.code == code)
        .map(|w| w.message.as_str())
        .collect()
}

#[test]
fn compiler_warnings() {
    let cases: &[(&str, &str)] = &[
        ("evt.type = open and proc.name = proc.pname", "'proc.pname' may be a valid field misused as a const string value"),
        ("evt.type = open and proc.name in (a, proc.aname[2])", "'proc.aname[2]' may be a valid field misused as a const string value"),
        ("evt.type = open and proc.name = \"proc.pname \"", "'proc.pname ' may be a valid field misused as a const string value"),
        ("evt.type = open and proc.name = \"toupper( proc.pname)\"", "'toupper( proc.pname)' may be a valid field transformer misused as a const string value"),
        ("evt.type = open and proc.name regex '.*bash'", "regex check with '.*bash' may be optimized with simpler operators such as '=', 'contains', 'startswith', 'endswith'"),
        ("evt.type = open and proc.name regex '^bash$'", "regex check with '^bash$' may be optimized with simpler operators such as '=', 'contains', 'startswith', 'endswith'"),
    ];
    for (cond, msg) in cases {
        let (_, res) = load(&rule_yaml(cond));
        assert!(res.successful(), "{cond}");
        assert_eq!(
            warnings(&res, WarningCode::CompileCondition),
            vec![*msg],
            "{cond}"
        );
    }
    let (_, res) = load(&rule_yaml(
        "evt.type = open and proc.name regex 'ba(sh|zsh)'",
    ));
    assert!(warnings(&res, WarningCode::CompileCondition).is_empty());
}

#[test]
fn deprecated_and_unsafe_warnings() {
    let (_, res) = load(&rule_yaml("evt.type = close and evt.dir = <"));
    let w = res
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::DeprecatedItem)
        .expect("warning");
    assert!(w
        .message
        .starts_with("due to the drop of enter events, 'evt.dir = <'"));
    assert_eq!(w.deprecated_field.as_deref(), Some("evt.dir"));
    let snippet = w.context.alt_content.as_deref().expect("condition text");
    assert!(snippet.contains("evt.dir"));

    let yaml = "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: a %container.info b\n  priority: INFO\n";
    let (b, res) = load(yaml);
    assert_eq!(warnings(&res, WarningCode::DeprecatedItem).len(), 1);
    assert_eq!(b.ruleset().expect("ok").rules[0].output, "a  b");

    let (_, res) = load(&rule_yaml("evt.type = open and ka.user.name = \"<NA>\""));
    assert_eq!(warnings(&res, WarningCode::UnsafeNaCheck).len(), 1);
}

#[test]
fn no_evttype_warning_follows_falco_044() {
    let cases: &[(&str, bool)] = &[
        ("evt.type = open", false),
        ("evt.type in (open, openat) and proc.name = bash", false),
        ("proc.name = bash", true),
        ("evt.type != open", true),
        ("not evt.type = open and proc.name = x", true),
        // Unsatisfiable: Falco 0.44 warns on an empty set too.
        ("evt.type = open and evt.type = close", true),
        ("evt.num = 0", true),
        ("evt.type = open and evt.num = 0", false),
    ];
    for (cond, warns) in cases {
        let (_, res) = load(&rule_yaml(cond));
        let got = warnings(&res, WarningCode::NoEvttype);
        assert_eq!(!got.is_empty(), *warns, "{cond}");
        if *warns {
            assert_eq!(got, vec!["Rule matches too many evt.type values. This has a significant performance penalty."]);
        }
    }
    let yaml = rule_yaml("proc.name = bash") + "  warn_evttypes: false\n";
    assert!(warnings(&load(&yaml).1, WarningCode::NoEvttype).is_empty());
}

#[test]
fn unused_macros_and_lists() {
    let yaml = "- list: used_by_list\n  items: [a]\n- list: outer\n  items: [used_by_list, b]\n\
                - list: unused\n  items: [c]\n- list: used_in_macro\n  items: [d]\n\
                - macro: only_macro\n  condition: proc.name in (used_in_macro)\n\
                - macro: called\n  condition: evt.type = open\n"
        .to_string()
        + &rule_yaml("called and proc.name in (outer)");
    let (b, res) = load(&yaml);
    assert!(res.successful(), "{:?}", res.errors);
    assert_eq!(
        warnings(&res, WarningCode::UnusedMacro),
        vec!["Macro not referred to by any other rule/macro"]
    );
    assert_eq!(
        warnings(&res, WarningCode::UnusedList),
        vec!["List not referred to by any other rule/macro"]
    );
    let unused_list = res
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::UnusedList)
        .expect("w");
    assert!(unused_list
        .context
        .locations
        .iter()
        .any(|l| l.item_name == "unused" || l.item_type == ItemType::List));
    let rs = b.ruleset().expect("ok");
    assert_eq!(rs.lists.iter().filter(|l| !l.used).count(), 1);
    assert_eq!(rs.lists[1].items, vec!["a", "b"]);
}

#[test]
fn failed_load_keeps_previous_state() {
    let mut b = compile_common::builder();
    assert!(b
        .load("a.yaml", rule_yaml("evt.type = open").as_bytes())
        .successful());
    let bad =
        "- rule: test_rule\n  condition: and proc.nobody = 1\n  override:\n    condition: append\n";
    assert!(!b.load("b.yaml", bad.as_bytes()).successful());
    assert_eq!(compiled(&b, "test_rule"), "evt.type = open");
    // The collector was not changed by the failed file: a good append applies to the original.
    let good =
        "- rule: test_rule\n  condition: and proc.name = x\n  override:\n    condition: append\n";
    assert!(b.load("c.yaml", good.as_bytes()).successful());
    assert_eq!(
        compiled(&b, "test_rule"),
        "(evt.type = open and proc.name = x)"
    );
    assert_eq!(b.results().len(), 3);
    assert!(b
        .content("b.yaml")
        .is_some_and(|c| c.contains("proc.nobody")));
}

#[test]
fn evttype_sets_and_names() {
    let (b, _) = load(&rule_yaml("evt.type in (open, chmod)"));
    let rs = b.ruleset().expect("ok");
    let r = &rs.rules[0];
    assert_eq!(r.condition_codes.len(), 4);
    assert_eq!(r.evttype_names, vec!["asyncevent", "generic", "open"]);
    assert_eq!(r.evttypes.len(), 5);
}

#[test]
fn ruleset_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<falcod_rules::ruleset::Ruleset>();
    assert_send_sync::<std::sync::Arc<falcod_rules::ruleset::Ruleset>>();
}

#[test]
fn plugin_requirements_against_builtin_plugins() {
    use falcod_rules::ruleset::{EngineConfig, RulesetBuilder};
    use std::sync::Arc;
    let config = |plugins: &[(&str, &str)]| {
        let mut c = EngineConfig::new(vec![Arc::new(compile_common::schema())]);
        c.builtin_plugins = plugins
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        c
    };
    let yaml = "- required_plugin_versions:\n  - name: container\n    version: 0.4.0\n".to_string()
        + &rule_yaml("evt.type = open");

    let mut b = RulesetBuilder::new(config(&[("container", "0.4.1")]));
    let res = b.load("rules.yaml", yaml.as_bytes());
    assert!(res.successful(), "{:?}", res.errors);
    assert_eq!(
        res.notes,
        vec!["required plugin 'container' (>= 0.4.0) is provided by falcod's built-in container fields"]
    );

    let mut b = RulesetBuilder::new(config(&[]));
    let res = b.load("rules.yaml", yaml.as_bytes());
    assert_eq!(
        first_error(res),
        (
            ErrorCode::Validate,
            "Plugin requirement not satisfied, must load one of: container (>= 0.4.0)"
        )
    );
    assert!(b.ruleset().is_none());

    let mut b = RulesetBuilder::new(config(&[("container", "0.3.9")]));
    let res = b.load("rules.yaml", yaml.as_bytes());
    assert_eq!(
        first_error(res).1,
        "Plugin 'container' version '0.3.9' is not compatible with required plugin version '0.4.0'"
    );
}
