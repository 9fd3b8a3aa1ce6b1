//! Falco's upstream rules through the pushdown compiler: every rule compiles to a policy or to
//! precise reasons, and the reasons for well-known rules are what those rules really reference.

use std::collections::BTreeMap;

use falcod_enforce::{EnforcementConfig, Mode, Report, Selector};
use falcod_rules::ruleset::Ruleset;

fn load(files: &[&str]) -> Option<std::sync::Arc<Ruleset>> {
    let dir = falcod_conformance::upstream_rules_dir_or_skip()?;
    let mut contents = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(dir.join(f)).expect("readable");
        contents.push((f.to_string(), text));
    }
    let pairs: Vec<(&str, &str)> = contents
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let (results, ruleset) = falcod_conformance::load_files(&pairs);
    assert!(
        results.iter().all(|r| r.successful()),
        "upstream rules load"
    );
    ruleset
}

fn report(ruleset: &Ruleset, selectors: Vec<Selector>) -> Report {
    let cfg = EnforcementConfig {
        mode: Mode::Enforce,
        rules: selectors,
        persist: false,
        optional: false,
    };
    Report::new(ruleset, &cfg)
}

fn problems(report: &Report, rule: &str) -> Vec<String> {
    let entry = report
        .rules
        .iter()
        .find(|r| r.rule == rule)
        .expect("selected");
    match &entry.outcome {
        Ok(p) => panic!("{rule} unexpectedly enforceable: {p:?}"),
        Err(e) => e.problems.iter().map(|p| p.to_string()).collect(),
    }
}

#[test]
fn read_sensitive_file_untrusted_names_what_it_really_references() {
    let Some(rs) = load(&["falco_rules.yaml"]) else {
        return;
    };
    let rule = "Read sensitive file untrusted";
    let r = report(&rs, vec![Selector::Rule(rule.into())]);
    assert_eq!(r.rules.len(), 1);
    let got = problems(&r, rule);
    // The exceptions of the rule's macros reach the ancestry and command line, which the hooks
    // cannot see; nothing else is refused.
    for p in &got {
        assert!(
            p.contains("is not visible to the LSM hooks")
                || p.contains("cannot be evaluated in kernel"),
            "{p}"
        );
    }
    let fields: std::collections::BTreeSet<&str> = got
        .iter()
        .filter_map(|p| p.split("field ").nth(1))
        .filter_map(|s| s.split(' ').next())
        .collect();
    for f in ["proc.aname[2]", "proc.cmdline", "proc.pcmdline"] {
        assert!(fields.contains(f), "{f} missing from {fields:?}");
    }
    assert!(
        got.iter()
            .any(|p| p.contains("operator contains on proc.cmdline")
                || p.contains("field proc.cmdline")),
        "{got:?}"
    );
}

#[test]
fn write_below_binary_dir_names_what_it_really_references() {
    let Some(rs) = load(&["falco_rules.yaml", "falco-sandbox_rules.yaml"]) else {
        return;
    };
    let rule = "Write below binary dir";
    let r = report(&rs, vec![Selector::Rule(rule.into())]);
    let got = problems(&r, rule);
    assert!(!got.is_empty());
    for p in &got {
        assert!(
            p.contains("is not visible to the LSM hooks")
                || p.contains("cannot be evaluated in kernel"),
            "{p}"
        );
    }
    // `package_mgmt_procs`, `bin_dir` and `open_write` are enforceable: no problem names them.
    assert!(!got.iter().any(|p| p.contains("fd.directory")), "{got:?}");
    assert!(
        !got.iter().any(|p| p.contains("evt.is_open_write")),
        "{got:?}"
    );
}

/// Every upstream rule selected with `*`: each one is enforceable or refused with reasons,
/// every reason names a sub-expression, and the tally is printed for the record.
#[test]
fn every_upstream_rule_compiles_or_says_why() {
    let Some(rs) = load(&[
        "falco_rules.yaml",
        "falco-incubating_rules.yaml",
        "falco-sandbox_rules.yaml",
    ]) else {
        return;
    };
    let r = report(&rs, vec![Selector::Rule("*".into())]);
    assert_eq!(r.rules.len(), rs.rules.len());
    let mut ok = Vec::new();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for entry in &r.rules {
        match &entry.outcome {
            Ok(p) => {
                assert!(!p.clauses.is_empty());
                ok.push(entry.rule.as_str());
            }
            Err(e) => {
                assert!(!e.problems.is_empty(), "{}", entry.rule);
                for p in &e.problems {
                    assert!(!p.expr.is_empty() && !p.reason.is_empty(), "{p}");
                    let key = p.reason.split(" (").next().unwrap_or("").to_string();
                    *reasons.entry(key).or_default() += 1;
                }
            }
        }
    }
    assert!(!ok.is_empty(), "no upstream rule is enforceable");
    // Together, the enforceable rules fit the kernel maps.
    let policy = r
        .policy()
        .expect("the enforceable upstream rules fit 64 clauses per hook");
    falcod_enforce::encode::encode(&policy).expect("and encode");
    let mut top: Vec<_> = reasons.into_iter().collect();
    top.sort_by_key(|t| std::cmp::Reverse(t.1));
    println!(
        "{} of {} upstream rules enforceable: {ok:?}",
        ok.len(),
        r.rules.len()
    );
    for (reason, n) in top.iter().take(15) {
        println!("{n:5}  {reason}");
    }
}
