//! Enforcement through the binary: `-V` reports the enforceability of the rules the
//! `enforcement:` configuration selects, and `--replay FILE --enforce-dry-run` lists the events
//! of a capture the selected rules would block.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const RULES: &str = r#"
- rule: Shadow read
  desc: d
  condition: >
    evt.type in (open, openat, openat2) and evt.is_open_read = true
    and fd.name = /etc/shadow and not proc.name in (login)
  output: "%proc.name read %fd.name"
  priority: WARNING
  tags: [creds]
- rule: Reverse shell
  desc: d
  condition: evt.type = execve and proc.cmdline contains "nc -e"
  output: o
  priority: WARNING
  enforce: audit
"#;

/// Rules written for the shared captures (see the dry-run test).
const CAPTURE_RULES: &str = r#"
- rule: Python reads files 2 and 3
  desc: d
  condition: >
    evt.type in (open, openat, openat2, creat) and evt.is_open_read = true
    and fd.name in (/tmp/file-2, /tmp/file-3) and proc.name = python
  output: o
  priority: WARNING
- rule: Connect to port 80
  desc: d
  condition: evt.type = connect and fd.sport = 80 and fd.snet in (127.0.0.0/8)
  output: o
  priority: WARNING
- rule: cat loads libraries
  desc: d
  condition: evt.type in (open, openat, openat2, creat) and proc.name = cat and fd.name pmatch (/lib)
  output: o
  priority: WARNING
  enforce: audit
"#;

struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "falcod-enforce-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        Scratch(dir)
    }

    fn file(&self, name: &str, content: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, content).expect("write");
        path.to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn falcod(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_falcod"))
        .args(args)
        .output()
        .expect("run falcod")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn validate_without_enforcement_prints_nothing_more() {
    let dir = Scratch::new();
    let rules = dir.file("r.yaml", RULES);
    let o = falcod(&["-V", &rules]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        out(&o),
        "r.yaml: Ok, with warnings\n".replace("r.yaml", &rules)
    );
    // Falco's warning for the falcod-only key.
    assert!(
        err(&o).contains("Unknown key 'enforce'. The key will be ignored."),
        "{}",
        err(&o)
    );
}

#[test]
fn validate_reports_enforceability_per_selected_rule() {
    let dir = Scratch::new();
    let rules = dir.file("r.yaml", RULES);
    // The tag selects "Shadow read"; the `enforce:` key selects "Reverse shell".
    let o = falcod(&[
        "-V",
        &rules,
        "-o",
        "enforcement.mode=enforce",
        "-o",
        "enforcement.rules[]={tag: creds}",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    let want = "\
Enforcement (mode enforce): 2 rules selected, 1 enforceable
  Shadow read [block]: enforceable at file_open (1 clause)
    note: file_open also decides creat (the rule names open, openat, openat2)
  Reverse shell [audit]: not enforceable
    - `proc.cmdline contains \"nc -e\"` (condition offset 22): field proc.cmdline is not visible to the LSM hooks
";
    assert!(out(&o).ends_with(want), "{}", out(&o));
    assert!(
        err(&o).contains(
            "Error: enforcement: 1 selected rule is not enforceable (set enforcement.optional=true"
        ),
        "{}",
        err(&o)
    );
    assert!(
        !err(&o).contains("Unknown configuration key"),
        "{}",
        err(&o)
    );

    // Optional enforcement: the same report, exit 0; and the JSON form.
    let cfg = dir.file(
        "falco.yaml",
        "json_output: true\nenforcement:\n  mode: audit\n  optional: true\n  rules:\n    - rule: \"Shadow*\"\n",
    );
    let o = falcod(&["-c", &cfg, "-V", &rules]);
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let e = &v["falcod_enforcement"];
    assert_eq!(e["mode"], "audit");
    let rules = e["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0]["rule"], "Shadow read");
    assert_eq!(rules[0]["verdict"], "audit");
    assert_eq!(rules[0]["hooks"], serde_json::json!(["file_open"]));
    assert_eq!(
        rules[0]["clauses"][0]["condition"],
        "evt.type in (open, openat, openat2) and evt.is_open_read = true and fd.name = /etc/shadow and not proc.name in (login)"
    );
    assert_eq!(rules[1]["enforceable"], false);
    assert_eq!(rules[1]["problems"][0]["offset"], 22);
}

#[test]
fn bad_enforcement_configuration_is_an_error() {
    let dir = Scratch::new();
    let rules = dir.file("r.yaml", RULES);
    let o = falcod(&["-V", &rules, "-o", "enforcement.mode=kill"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("Error: invalid enforcement configuration: unknown variant `kill`"),
        "{}",
        err(&o)
    );
}

#[test]
fn upstream_rules_are_reported_precisely() {
    let Some(dir) = falcod_conformance::upstream_rules_dir_or_skip() else {
        return;
    };
    let main = dir.join("falco_rules.yaml");
    let sandbox = dir.join("falco-sandbox_rules.yaml");
    let o = falcod(&[
        "-V",
        main.to_str().expect("utf-8"),
        "-V",
        sandbox.to_str().expect("utf-8"),
        "-o",
        "enforcement.mode=enforce",
        "-o",
        "enforcement.rules[]={rule: Read sensitive file untrusted}",
        "-o",
        "enforcement.rules[]={rule: Write below binary dir}",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let text = out(&o);
    assert!(
        text.contains("Enforcement (mode enforce): 2 rules selected, 0 enforceable"),
        "{text}"
    );
    assert!(
        text.contains("  Read sensitive file untrusted [block]: not enforceable\n"),
        "{text}"
    );
    assert!(
        text.contains("  Write below binary dir [block]: not enforceable\n"),
        "{text}"
    );
    // Every reason line names a sub-expression and why; the ancestry and command line of the
    // exceptions are what makes them unenforceable.
    let reasons: Vec<&str> = text.lines().filter(|l| l.starts_with("    - `")).collect();
    assert!(!reasons.is_empty());
    for r in &reasons {
        assert!(
            r.contains("is not visible to the LSM hooks")
                || r.contains("cannot be evaluated in kernel"),
            "{r}"
        );
    }
    assert!(
        reasons.iter().any(|r| r.contains("field proc.aname[2]")),
        "{text}"
    );
    assert!(
        reasons.iter().any(|r| r.contains("field proc.cmdline")),
        "{text}"
    );
}

#[test]
fn dry_run_lists_the_events_the_policy_would_block() {
    let Some(captures) = falcod_conformance::shared_captures_dir_or_skip() else {
        return;
    };
    let dir = Scratch::new();
    let rules = dir.file("r.yaml", CAPTURE_RULES);
    let cfg = dir.file(
        "falco.yaml",
        "enforcement:\n  mode: enforce\n  rules:\n    - rule: \"*\"\n",
    );
    let run = |capture: &str| {
        let file = captures.join(capture);
        let o = falcod(&[
            "-c",
            &cfg,
            "-r",
            &rules,
            "--replay",
            file.to_str().expect("utf-8"),
            "--enforce-dry-run",
        ]);
        assert!(o.status.success(), "{}", err(&o));
        out(&o)
    };
    assert_eq!(
        run("open-multiple-files.scap"),
        "evt.num=1102 hook=file_open verdict=block rule=Python reads files 2 and 3\n\
         evt.num=1108 hook=file_open verdict=block rule=Python reads files 2 and 3\n"
    );
    assert_eq!(
        run("connect_localhost.scap"),
        "evt.num=187 hook=socket_connect verdict=block rule=Connect to port 80\n"
    );
    assert_eq!(
        run("cat_write.scap"),
        "evt.num=151 hook=file_open verdict=audit rule=cat loads libraries\n"
    );
}

#[test]
fn dry_run_needs_enforcement_configured() {
    let Some(captures) = falcod_conformance::shared_captures_dir_or_skip() else {
        return;
    };
    let dir = Scratch::new();
    let rules = dir.file("r.yaml", CAPTURE_RULES);
    let file = captures.join("cat_write.scap");
    let o = falcod(&[
        "-r",
        &rules,
        "--replay",
        file.to_str().expect("utf-8"),
        "--enforce-dry-run",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("--enforce-dry-run needs enforcement.mode audit or enforce"),
        "{}",
        err(&o)
    );
}
