//! The upstream Falco rules files (falcosecurity/rules 5.1.0: stable, incubating, sandbox) load
//! without errors, each alone and all three in order, as `falco -V` reports for them.
//!
//! The files are test data outside the repository (`shared/falco-rules` beside the checkout, or
//! the directory named by `FALCOD_UPSTREAM_RULES`). When they are missing the tests fail under
//! `CI=true` and are skipped (with a message) otherwise.
//!
//! Expected facts (falco-compat.md 1.12, 3.3, 3.4): stable 25 rules (all enabled), incubating 31
//! (all enabled), sandbox 37 (25 enabled); the stable rules' event types are 19 names; every
//! stable rule is restricted to event types. Each file declares `required_engine_version: 0.57.0`
//! and requires the `container` plugin 0.4.0 (met by the built-in container provider). The stable
//! file gives no warning at all (Falco's BuiltinRulesNoWarnings); for incubating/sandbox only
//! unused macros/lists and LOAD_NO_EVTTYPE are tolerated (not verified against a Falco binary).

use std::collections::BTreeSet;

use falcod_conformance::{
    describe_result, load_files, upstream_rules_dir_or_skip, STABLE_EVENT_TYPES,
    UPSTREAM_RULES_FILES,
};
use falcod_rules::result::{FileResult, WarningCode};
use falcod_rules::ruleset::Ruleset;

const STABLE: &str = UPSTREAM_RULES_FILES[0];
const INCUBATING: &str = UPSTREAM_RULES_FILES[1];
const SANDBOX: &str = UPSTREAM_RULES_FILES[2];

fn read(dir: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name))
        .unwrap_or_else(|e| panic!("cannot read upstream file {name}: {e}"))
}

/// Loads the named files in order; asserts every file loaded without errors, that the warnings
/// use only `allowed` codes, and returns the final ruleset.
fn load_clean(
    dir: &std::path::Path,
    names: &[&str],
    allowed: &[WarningCode],
) -> std::sync::Arc<Ruleset> {
    let contents: Vec<String> = names.iter().map(|n| read(dir, n)).collect();
    let files: Vec<(&str, &str)> = names
        .iter()
        .zip(&contents)
        .map(|(n, c)| (*n, c.as_str()))
        .collect();
    let (results, ruleset) = load_files(&files);
    assert_eq!(results.len(), names.len(), "not every file was loaded");
    for r in &results {
        assert!(
            r.successful(),
            "{} has errors:\n{}",
            r.name,
            describe_result(r)
        );
        check_warning_codes(r, allowed);
    }
    ruleset.expect("a successful load yields a ruleset")
}

fn check_warning_codes(r: &FileResult, allowed: &[WarningCode]) {
    let unexpected: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| !allowed.contains(&w.code))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{} has unexpected warnings:\n{}",
        r.name,
        describe_result(r)
    );
    if r.has_warnings() {
        eprintln!("{}", describe_result(r));
    }
}

fn rule_count(rs: &Ruleset) -> (usize, usize) {
    (
        rs.rules.len(),
        rs.rules.iter().filter(|r| r.info.enabled).count(),
    )
}

fn condition_of(rs: &Ruleset, rule: &str) -> String {
    rs.rules
        .iter()
        .find(|r| r.info.name == rule)
        .unwrap_or_else(|| panic!("rule {rule} not compiled"))
        .condition
        .to_string()
}

const UNUSED_OR_NO_EVTTYPE: &[WarningCode] = &[
    WarningCode::UnusedMacro,
    WarningCode::UnusedList,
    WarningCode::NoEvttype,
];

#[test]
fn stable_alone() {
    let Some(dir) = upstream_rules_dir_or_skip() else {
        return;
    };
    let rs = load_clean(&dir, &[STABLE], &[]);
    assert_eq!(rule_count(&rs), (25, 25));
    assert_eq!(
        rs.required_engine_version.map(|v| v.to_string()).as_deref(),
        Some("0.57.0")
    );
    let plugins: Vec<String> = rs
        .required_plugin_versions
        .iter()
        .filter_map(|p| p.alternatives.first())
        .map(|a| format!("{}@{}", a.name, a.version))
        .collect();
    assert_eq!(plugins, ["container@0.4.0"]);

    // Falco lists `asyncevent` for every syscall rule (it indexes every rule under it too); the
    // 19 names are the condition-derived ones.
    let union: BTreeSet<&str> = rs
        .rules
        .iter()
        .flat_map(|r| r.evttype_names.iter().map(String::as_str))
        .filter(|n| *n != "asyncevent")
        .collect();
    let expected: BTreeSet<&str> = STABLE_EVENT_TYPES.into_iter().collect();
    assert_eq!(union, expected);
    for r in &rs.rules {
        assert!(
            !r.evttype_names.is_empty(),
            "{} has no event types",
            r.info.name
        );
    }

    // Expanded by hand from the macros `container` and `spawned_process` and the empty list
    // `user_known_packet_socket_binaries` (which leaves `in ( )`, an empty list).
    assert_eq!(
        condition_of(&rs, "Packet socket created in container"),
        "(evt.type = socket and container.id != host and evt.arg.domain contains AF_PACKET \
         and not proc.name in ())"
    );
    assert_eq!(
        condition_of(&rs, "Debugfs Launched in Privileged Container"),
        "(evt.type in (execve, execveat) and container.id != host and container.privileged = true \
         and proc.name = debugfs)"
    );
    let debugfs = rs
        .rules
        .iter()
        .find(|r| r.info.name == "Debugfs Launched in Privileged Container")
        .map(|r| r.evttype_names.clone());
    assert_eq!(
        debugfs,
        Some(vec![
            "asyncevent".to_string(),
            "execve".to_string(),
            "execveat".to_string()
        ])
    );
}

#[test]
fn incubating_alone() {
    let Some(dir) = upstream_rules_dir_or_skip() else {
        return;
    };
    let rs = load_clean(&dir, &[INCUBATING], UNUSED_OR_NO_EVTTYPE);
    assert_eq!(rule_count(&rs), (31, 31));
}

#[test]
fn sandbox_alone() {
    let Some(dir) = upstream_rules_dir_or_skip() else {
        return;
    };
    let rs = load_clean(&dir, &[SANDBOX], UNUSED_OR_NO_EVTTYPE);
    assert_eq!(rule_count(&rs), (37, 25));
}

#[test]
fn all_three_in_order() {
    let Some(dir) = upstream_rules_dir_or_skip() else {
        return;
    };
    let rs = load_clean(&dir, &[STABLE, INCUBATING, SANDBOX], UNUSED_OR_NO_EVTTYPE);
    // The three files define disjoint rule names, so the rule set is the concatenation.
    assert_eq!(rule_count(&rs), (25 + 31 + 37, 25 + 31 + 25));
    let names: BTreeSet<&str> = rs.rules.iter().map(|r| r.info.name.as_str()).collect();
    assert_eq!(
        names.len(),
        rs.rules.len(),
        "duplicate rule names in the ruleset"
    );
    // Evaluation order starts with the stable file's rules, in file order.
    assert_eq!(
        rs.rules.first().map(|r| r.info.name.as_str()),
        Some("Directory traversal monitored file read")
    );
}
