//! falcod's default rules (`rules/falcod_rules.yaml`) catch everything the upstream stable
//! Falco rules (`falco_rules.yaml`) catch.
//!
//! * [`the_migration_table_in_the_docs_is_rule_map`]: `docs/default-rules.md` shows [`RULE_MAP`].
//! * [`every_upstream_detection_is_caught`]: for each upstream stable rule, events built to
//!   trigger it (one per branch of its condition). The upstream rule must fire on each (so the
//!   event is a real positive), and so must the falcod rule [`RULE_MAP`] names for it.
//! * [`every_falcod_rule_has_a_positive`]: so do the falcod rules beyond upstream's scope; no
//!   default rule is left without an event that triggers it.
//! * [`alerts_name_the_process_user_and_parent`]: the alerts print who did it.
//! * [`neighbours_of_the_detections`]: benign look-alikes, and the cases where the two rulesets
//!   deliberately differ, with the exact set of rules each ruleset fires.
//! * [`variations_keep_coverage`]: each positive event again with the process name, the parent
//!   name and the container image replaced by every name either file's lists mention; wherever
//!   the upstream rule still fires, the falcod rule must too, except the differences listed in
//!   [`INTENDED_GAPS`].
//! * [`synthetic_stream_alerts_at_least_as_upstream`]: the same over the probe's realistic
//!   synthetic host stream.
//! * [`captures_alert_at_least_as_upstream`]: the shared `.scap` captures replayed through both
//!   rulesets; every upstream alert has its falcod counterpart on the same event.
//! * [`process_name_lists_hold_names_the_kernel_can_report`]: list items matched against
//!   `proc.name` fit in a comm (15 characters), or they could never match.
//!
//! Events are [`SyscallEvent`]s as the probe's model defines them, built here by a small
//! test-side builder ([`event_builder::Proc`]) so that every thread, fd and argument field is
//! explicit.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use falcod_conformance::{
    builder, describe_result, shared_captures_dir_or_skip, upstream_rules_dir_or_skip,
};
use falcod_probe::extract::{AncestorInfo, SyscallEvent, ThreadInfo};
use falcod_rules::eval::engine::{Engine, EngineOptions, RuleMatching};
use falcod_rules::event::Event;

mod cases;
mod event_builder;

use cases::{falcod_only_positives, neighbours, positives};

/// Upstream stable rule → the falcod default rule that covers it.
const RULE_MAP: [(&str, &str); 25] = [
    (
        "Directory traversal monitored file read",
        "Monitored file opened through path traversal",
    ),
    (
        "Read sensitive file trusted after startup",
        "Credential file read by unexpected program",
    ),
    (
        "Read sensitive file untrusted",
        "Credential file read by unexpected program",
    ),
    ("Run shell untrusted", "Shell started by a server process"),
    (
        "System user interactive",
        "Service account runs an interactive session",
    ),
    (
        "Terminal shell in container",
        "Shell started in a container",
    ),
    (
        "Contact K8S API Server From Container",
        "Kubernetes API contacted from a container",
    ),
    (
        "Netcat Remote Code Execution in Container",
        "Netcat with program execution",
    ),
    ("Search Private Keys or Passwords", "Private key search"),
    ("Clear Log Activities", "Log file truncated"),
    ("Remove Bulk Data from Disk", "Data wiping tool started"),
    (
        "Create Symlink Over Sensitive Files",
        "Symlink to sensitive file or directory",
    ),
    (
        "Create Hardlink Over Sensitive Files",
        "Hardlink to credential file",
    ),
    ("Packet socket created in container", "Packet socket opened"),
    (
        "Redirect STDOUT/STDIN to Network Connection in Container",
        "Standard stream redirected to network socket",
    ),
    (
        "Linux Kernel Module Injection Detected",
        "Kernel module loaded",
    ),
    (
        "Debugfs Launched in Privileged Container",
        "Raw filesystem tool in a container",
    ),
    (
        "Detect release_agent File Container Escapes",
        "Cgroup release_agent written from a container",
    ),
    ("PTRACE attached to process", "Process attached with ptrace"),
    (
        "PTRACE anti-debug attempt",
        "Process refuses debuggers with ptrace",
    ),
    ("Find AWS Credentials", "Cloud credential search"),
    ("Execution from /dev/shm", "Program run from shared memory"),
    (
        "Drop and execute new binary in container",
        "Program not in the container image executed",
    ),
    (
        "Disallowed SSH Connection Non Standard Port",
        "SSH client connects to a disguised port",
    ),
    (
        "Fileless execution via memfd_create",
        "Program executed from memory",
    ),
];

fn falcod_rule_for(upstream: &str) -> &'static str {
    RULE_MAP
        .iter()
        .find(|(u, _)| *u == upstream)
        .map(|(_, f)| *f)
        .unwrap_or_else(|| panic!("no falcod rule mapped for upstream rule '{upstream}'"))
}

// ---------------------------------------------------------------------------------------------
// The two rulesets
// ---------------------------------------------------------------------------------------------

struct Rules {
    engine: Engine,
}

impl Rules {
    fn load(name: &str, content: &[u8]) -> Rules {
        let mut b = builder();
        let ok = b.load(name, content).successful();
        let last = b.results().last().expect("a load result");
        assert!(ok && last.warnings.is_empty(), "{}", describe_result(last));
        let ruleset = b.ruleset().expect("ruleset");
        let options = EngineOptions {
            rule_matching: RuleMatching::All,
            ..EngineOptions::default()
        };
        let engine = Engine::new(ruleset, falcod_probe::syscall_schema(), options).expect("engine");
        Rules { engine }
    }

    /// The names of every rule that fires on the event.
    fn fired<E: Event + ?Sized>(&self, ev: &E) -> BTreeSet<String> {
        let mut scratch = self.engine.scratch();
        let mut names = BTreeSet::new();
        self.engine.process(ev, &mut scratch, &mut |id| {
            names.insert(self.engine.rule(id).info.name.clone());
        });
        names
    }

    fn rule_names(&self) -> BTreeSet<String> {
        self.engine
            .ruleset()
            .rules
            .iter()
            .map(|r| r.info.name.clone())
            .collect()
    }
}

fn default_rules_path() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../rules/falcod_rules.yaml"
    ))
}

/// (upstream stable rules, falcod default rules), or `None` when the upstream files are missing
/// (skipped with a printed reason; a failure under CI).
fn rulesets() -> Option<(Rules, Rules)> {
    let dir = upstream_rules_dir_or_skip()?;
    let upstream = std::fs::read(dir.join("falco_rules.yaml")).expect("read falco_rules.yaml");
    let ours = std::fs::read(default_rules_path()).expect("read rules/falcod_rules.yaml");
    Some((
        Rules::load("falco_rules.yaml", &upstream),
        Rules::load("falcod_rules.yaml", &ours),
    ))
}

#[test]
fn rule_map_names_every_upstream_stable_rule_and_real_falcod_rules() {
    let Some((upstream, ours)) = rulesets() else {
        return;
    };
    let mapped: BTreeSet<String> = RULE_MAP.iter().map(|(u, _)| u.to_string()).collect();
    assert_eq!(
        mapped,
        upstream.rule_names(),
        "RULE_MAP vs falco_rules.yaml"
    );
    let ours_names = ours.rule_names();
    for (_, f) in RULE_MAP {
        assert!(ours_names.contains(f), "'{f}' is not a falcod default rule");
    }
}

#[test]
fn the_migration_table_in_the_docs_is_rule_map() {
    // docs/default-rules.md tells Falco users which falcod rule replaces which upstream rule:
    // it must say what this test checks.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/default-rules.md");
    let doc = std::fs::read_to_string(path).expect("read docs/default-rules.md");
    let rows: BTreeSet<(String, String)> = doc
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l
                .trim()
                .strip_prefix('|')?
                .strip_suffix('|')?
                .split('|')
                .collect();
            match cells.as_slice() {
                [u, f] if !u.trim().starts_with("---") && u.trim() != "Upstream stable rule" => {
                    Some((u.trim().to_string(), f.trim().to_string()))
                }
                _ => None,
            }
        })
        .collect();
    let want: BTreeSet<(String, String)> = RULE_MAP
        .iter()
        .map(|(u, f)| (u.to_string(), f.to_string()))
        .collect();
    assert_eq!(rows, want);
}

#[test]
fn every_upstream_detection_is_caught() {
    let Some((upstream, ours)) = rulesets() else {
        return;
    };
    let cases = positives();
    let mut failures = Vec::new();
    for (rule, what, ev) in &cases {
        let up = upstream.fired(ev);
        let fd = ours.fired(ev);
        if !up.contains(*rule) {
            failures.push(format!(
                "{what}: upstream '{rule}' does not fire (fired: {up:?})"
            ));
        }
        let want = falcod_rule_for(rule);
        if !fd.contains(want) {
            failures.push(format!(
                "{what}: falcod '{want}' does not fire (fired: {fd:?})"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every upstream rule has at least one positive here.
    let covered: BTreeSet<&str> = cases.iter().map(|c| c.0).collect();
    let missing: Vec<&str> = RULE_MAP
        .iter()
        .map(|m| m.0)
        .filter(|u| !covered.contains(u))
        .collect();
    assert!(missing.is_empty(), "no positive event for {missing:?}");
}

#[test]
fn neighbours_of_the_detections() {
    let Some((upstream, ours)) = rulesets() else {
        return;
    };
    let mut failures = Vec::new();
    for n in neighbours() {
        let up = upstream.fired(&n.event);
        let fd = ours.fired(&n.event);
        let want_up: BTreeSet<String> = n.upstream.iter().map(|s| s.to_string()).collect();
        let want_fd: BTreeSet<String> = n.falcod.iter().map(|s| s.to_string()).collect();
        if up != want_up {
            failures.push(format!(
                "{}: upstream fired {up:?}, expected {want_up:?}",
                n.what
            ));
        }
        if fd != want_fd {
            failures.push(format!(
                "{}: falcod fired {fd:?}, expected {want_fd:?}",
                n.what
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_falcod_rule_has_a_positive() {
    // The rules beyond upstream's scope fire on their own events, and every default rule
    // fires on some event of this test: none is dead.
    let Some((_, ours)) = rulesets() else {
        return;
    };
    let mut fired = BTreeSet::new();
    for (rule, what, ev) in falcod_only_positives() {
        let got = ours.fired(&ev);
        assert!(
            got.contains(rule),
            "{what}: '{rule}' does not fire ({got:?})"
        );
        fired.extend(got);
    }
    for (_, _, ev) in positives() {
        fired.extend(ours.fired(&ev));
    }
    let dead: Vec<String> = ours.rule_names().difference(&fired).cloned().collect();
    assert!(
        dead.is_empty(),
        "default rules no test event triggers: {dead:?}"
    );
}

#[test]
fn alerts_name_the_process_user_and_parent() {
    // Every alert of a default rule on its positives prints who did it: the process, its
    // parent and the user, with their real values.
    let Some((_, ours)) = rulesets() else {
        return;
    };
    let schema = falcod_probe::syscall_schema();
    let mut rendered = 0;
    let cases = positives().into_iter().chain(falcod_only_positives());
    for (_, what, ev) in cases {
        let mut scratch = ours.engine.scratch();
        let mut ids = Vec::new();
        ours.engine
            .process(&ev, &mut scratch, &mut |id| ids.push(id));
        for id in ids {
            let rule = ours.engine.rule(id);
            // Falco renders rule outputs with a leading '*': missing values print as <NA>.
            let text = format!("*{}", rule.output);
            let format = falcod_rules::format::OutputFormat::compile(&text, schema)
                .unwrap_or_else(|e| panic!("{}: {e}", rule.info.name));
            let mut out = String::new();
            let mut values = falcod_rules::event::Values::new();
            format.render(&ev, &mut values, &mut out);
            let t = &ev.thread;
            let parent = t.ancestors.first().map_or("<NA>", |a| a.name.as_str());
            for want in [
                format!("process={} ", t.name),
                format!("parent={parent} "),
                format!("user={} ", t.user.name),
            ] {
                assert!(out.contains(&want), "{what}: '{want}' not in {out}");
            }
            assert!(out.contains(" | "), "{what}: no '|' separator in {out}");
            rendered += 1;
        }
    }
    assert!(rendered > 40, "only {rendered} alerts rendered");
}

// ---------------------------------------------------------------------------------------------
// Variations: every name the lists know, in the places the rules look
// ---------------------------------------------------------------------------------------------

/// Where the falcod rule intentionally stays quiet although the upstream rule fires:
/// (upstream rule, mutated field, value, why).
const INTENDED_GAPS: &[(&str, &str, &str, &str)] = &[
    // Both rules leave out opens whose parent is a shell (an interactive user typing the
    // path); falcod also counts mksh and fish as shells.
    (
        "Directory traversal monitored file read",
        "pname",
        "mksh",
        "mksh is a shell",
    ),
    (
        "Directory traversal monitored file read",
        "pname",
        "fish",
        "fish is a shell",
    ),
    // Likewise for shells below a server: the first shell alerts, the shells it starts do not.
    ("Run shell untrusted", "pname", "mksh", "mksh is a shell"),
    ("Run shell untrusted", "pname", "fish", "fish is a shell"),
];

fn list_items(yaml: &str) -> Vec<String> {
    let doc: serde_yaml::Value = serde_yaml::from_str(yaml).expect("yaml");
    let mut out = Vec::new();
    for item in doc.as_sequence().into_iter().flatten() {
        if item.get("list").is_none() {
            continue;
        }
        for v in item
            .get("items")
            .and_then(serde_yaml::Value::as_sequence)
            .into_iter()
            .flatten()
        {
            let s = match v {
                serde_yaml::Value::String(s) => s.clone(),
                serde_yaml::Value::Number(n) => n.to_string(),
                _ => continue,
            };
            out.push(s.trim_matches(|c| c == '"' || c == '\'').to_string());
        }
    }
    out
}

fn with_thread(ev: &SyscallEvent, f: impl FnOnce(&mut ThreadInfo)) -> SyscallEvent {
    let mut t = (*ev.thread).clone();
    f(&mut t);
    let mut ev = ev.clone();
    ev.thread = Arc::new(t.with_lines());
    ev
}

/// The values the variations draw from: every list item of both files, by shape.
struct Pool<'a> {
    /// Process, user and other plain names.
    names: Vec<&'a str>,
    /// Absolute paths.
    paths: Vec<&'a str>,
    /// Image repositories (a '/' inside, not at the start).
    images: Vec<&'a str>,
    /// Port numbers.
    ports: Vec<u16>,
}

impl<'a> Pool<'a> {
    fn new(values: &'a BTreeSet<String>) -> Pool<'a> {
        let all = || values.iter().map(String::as_str);
        Pool {
            names: all().filter(|v| !v.contains('/')).collect(),
            paths: all().filter(|v| v.starts_with('/')).collect(),
            images: all()
                .filter(|v| v.contains('/') && !v.starts_with('/'))
                .collect(),
            ports: all().filter_map(|v| v.parse().ok()).collect(),
        }
    }

    /// `ev` with one field replaced, for every value that fits the field: (field, value, event).
    fn variants(&self, ev: &SyscallEvent) -> Vec<(&'static str, String, SyscallEvent)> {
        let mut out = Vec::new();
        let comm = |v: &str| v.chars().take(15).collect::<String>();
        for &v in &self.names {
            out.push(("name", v.into(), with_thread(ev, |t| t.name = comm(v))));
            out.push((
                "pname",
                v.into(),
                with_thread(ev, |t| set_ancestor_name(t, 0, &comm(v))),
            ));
            out.push((
                "gparent",
                v.into(),
                with_thread(ev, |t| set_ancestor_name(t, 1, &comm(v))),
            ));
            out.push((
                "user",
                v.into(),
                with_thread(ev, |t| {
                    let mut u = (*t.user).clone();
                    u.name = v.into();
                    t.user = Arc::new(u);
                }),
            ));
        }
        for &v in self.names.iter().chain(&self.paths) {
            out.push(("exe", v.into(), with_thread(ev, |t| t.exe = v.into())));
        }
        if !ev.thread.container.is_host() {
            for &v in &self.images {
                out.push((
                    "image",
                    v.into(),
                    with_thread(ev, |t| {
                        let mut c = (*t.container).clone();
                        c.image_repository = v.into();
                        t.container = Arc::new(c);
                    }),
                ));
            }
        }
        for &v in &self.paths {
            if ev.fd.as_ref().is_some_and(|fd| fd.socket.is_none()) {
                let mut e = ev.clone();
                if let Some(fd) = e.fd.as_mut() {
                    fd.name = v.into();
                }
                out.push(("file", v.into(), e));
            }
            for arg in ["target", "oldpath"] {
                if ev.args.iter().any(|a| a.name == arg) {
                    let mut e = ev.clone();
                    for a in e.args.iter_mut().filter(|a| a.name == arg) {
                        a.text = v.into();
                    }
                    out.push(("link target", v.into(), e));
                }
            }
        }
        for &port in &self.ports {
            if ev.fd.as_ref().is_some_and(|fd| fd.socket.is_some()) {
                let mut e = ev.clone();
                if let Some(s) = e.fd.as_mut().and_then(|fd| fd.socket.as_mut()) {
                    s.server.1 = port;
                }
                out.push(("port", port.to_string(), e));
            }
        }
        out
    }
}

/// Renames the ancestor `level` levels up (0: the parent), adding unnamed ones as needed.
fn set_ancestor_name(t: &mut ThreadInfo, level: usize, name: &str) {
    while t.ancestors.len() <= level {
        t.ancestors.push(Arc::new(AncestorInfo::default()));
    }
    let mut a = (*t.ancestors[level]).clone();
    a.name = name.into();
    t.ancestors[level] = Arc::new(a);
}

#[test]
fn variations_keep_coverage() {
    let Some((upstream, ours)) = rulesets() else {
        return;
    };
    let dir = upstream_rules_dir_or_skip().expect("checked by rulesets()");
    let upstream_yaml = std::fs::read_to_string(dir.join("falco_rules.yaml")).expect("read");
    let ours_yaml = std::fs::read_to_string(default_rules_path()).expect("read");
    let mut values: BTreeSet<String> = list_items(&upstream_yaml).into_iter().collect();
    values.extend(list_items(&ours_yaml));
    let pool = Pool::new(&values);
    assert!(
        pool.names.len() > 300 && pool.images.len() > 30 && pool.paths.len() > 20,
        "{values:?}"
    );

    let mut failures = BTreeSet::new();
    let mut checked = 0usize;
    for (rule, what, ev) in positives() {
        let want = falcod_rule_for(rule);
        let variants = pool.variants(&ev);
        for (field, value, variant) in &variants {
            let value = value.as_str();
            if !upstream.fired(variant).contains(rule) {
                continue;
            }
            checked += 1;
            if ours.fired(variant).contains(want) {
                continue;
            }
            let intended = INTENDED_GAPS
                .iter()
                .any(|g| g.0 == rule && g.1 == *field && g.2 == value);
            if !intended {
                failures.insert(format!(
                    "{rule} ({what}) with {field}={value}: '{want}' does not fire"
                ));
            }
        }
    }
    eprintln!("{checked} upstream-positive variations checked");
    assert!(checked > 30_000, "only {checked} variations were positives");
    assert!(
        failures.is_empty(),
        "{} gaps:\n{}",
        failures.len(),
        failures.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// The lists a condition of `yaml` matches process names against (`proc.name in (a, b)`, and
/// likewise `proc.pname`, `proc.aname`).
fn process_name_lists(yaml: &str) -> BTreeSet<String> {
    let doc: serde_yaml::Value = serde_yaml::from_str(yaml).expect("yaml");
    let mut names = BTreeSet::new();
    for item in doc.as_sequence().into_iter().flatten() {
        let Some(cond) = item.get("condition").and_then(serde_yaml::Value::as_str) else {
            continue;
        };
        for field in ["proc.name in (", "proc.pname in (", "proc.aname in ("] {
            for (at, _) in cond.match_indices(field) {
                let rest = &cond[at + field.len()..];
                let inside = &rest[..rest.find(')').unwrap_or(rest.len())];
                names.extend(inside.split(',').map(|n| n.trim().to_string()));
            }
        }
    }
    names
}

#[test]
fn process_name_lists_hold_names_the_kernel_can_report() {
    // proc.name is the kernel's comm: at most 15 characters. A longer list item never matches.
    let ours = std::fs::read_to_string(default_rules_path()).expect("read");
    let doc: serde_yaml::Value = serde_yaml::from_str(&ours).expect("yaml");
    let used = process_name_lists(&ours);
    assert!(used.contains("shell_binaries"), "{used:?}");
    let mut checked = 0;
    for item in doc.as_sequence().into_iter().flatten() {
        let Some(name) = item.get("list").and_then(serde_yaml::Value::as_str) else {
            continue;
        };
        if !used.contains(name) {
            continue;
        }
        for v in item
            .get("items")
            .and_then(serde_yaml::Value::as_sequence)
            .into_iter()
            .flatten()
            .filter_map(serde_yaml::Value::as_str)
        {
            checked += 1;
            assert!(v.len() <= 15, "list {name}: '{v}' is longer than a comm");
        }
    }
    assert!(checked > 100, "only {checked} process names checked");
}

#[test]
fn synthetic_stream_alerts_at_least_as_upstream() {
    // The probe's realistic synthetic host (sshd sessions, cron, dpkg, nginx, postgres,
    // containers with shells, sensitive reads, redirects, ptrace, module loads): every upstream
    // alert has its falcod counterpart on the same event.
    let Some((upstream, ours)) = rulesets() else {
        return;
    };
    let mut events = falcod_probe::synthetic::realistic_mix(7, 60_000);
    events.extend(falcod_probe::synthetic::execve_only(8, 5_000));
    let mut per_rule = std::collections::BTreeMap::<String, usize>::new();
    let mut falcod_per_rule = std::collections::BTreeMap::<String, usize>::new();
    let mut failures = BTreeSet::new();
    for ev in &events {
        let fd = ours.fired(ev);
        for rule in &fd {
            *falcod_per_rule.entry(rule.clone()).or_default() += 1;
        }
        for rule in upstream.fired(ev) {
            let want = falcod_rule_for(&rule);
            if !fd.contains(want) {
                failures.insert(format!("{rule} without '{want}' on {ev:?}"));
            }
            *per_rule.entry(rule).or_default() += 1;
        }
    }
    eprintln!("upstream alerts on the synthetic stream: {per_rule:?}");
    eprintln!("falcod alerts on the synthetic stream: {falcod_per_rule:?}");
    assert!(
        per_rule.len() >= 5,
        "the stream should trigger several upstream rules: {per_rule:?}"
    );
    assert!(
        failures.is_empty(),
        "{}",
        failures.into_iter().take(5).collect::<Vec<_>>().join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Captures
// ---------------------------------------------------------------------------------------------

#[test]
fn captures_alert_at_least_as_upstream() {
    let Some((upstream, ours)) = rulesets() else {
        return;
    };
    let Some(dir) = shared_captures_dir_or_skip() else {
        return;
    };
    let mut captures: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read captures dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "scap"))
        .collect();
    captures.sort();
    assert!(!captures.is_empty(), "no .scap files in {}", dir.display());
    let mut failures = Vec::new();
    let mut evaluated = 0u64;
    for path in &captures {
        let (mut events, mut upstream_alerts, mut falcod_alerts) = (0u64, 0u64, 0u64);
        falcod_probe::state::replay_file(path, |ev| {
            events += 1;
            if upstream.engine.bucket(ev.event_type()).next().is_some() {
                evaluated += 1;
            }
            let up = upstream.fired(ev);
            let fd = ours.fired(ev);
            upstream_alerts += up.len() as u64;
            falcod_alerts += fd.len() as u64;
            for rule in &up {
                let want = falcod_rule_for(rule);
                if !fd.contains(want) {
                    failures.push(format!(
                        "{} event {}: upstream '{rule}' without falcod '{want}'",
                        path.display(),
                        ev.event.num
                    ));
                }
            }
            true
        })
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        eprintln!(
            "{}: {events} events, upstream alerts {upstream_alerts}, falcod alerts {falcod_alerts}",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
        assert!(events > 0, "{}: no events replayed", path.display());
    }
    // The captures hold opens, connects and execs: events the upstream rules are indexed
    // under, so both rulesets were really evaluated (none of the captures is an attack, so
    // neither ruleset alerts on them today).
    assert!(evaluated > 0, "no replayed event reached an upstream rule");
    eprintln!("{evaluated} replayed events evaluated by upstream rules");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
