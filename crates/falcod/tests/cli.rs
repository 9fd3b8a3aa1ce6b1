//! The falcod binary run as users run it: rules files in a temporary directory, flags on the
//! command line, output and exit code checked.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

const VALID: &str = "\
- list: editors
  items: [vi, nano]
- macro: opened
  condition: evt.type in (open, openat)
- rule: editor opens file
  desc: An editor opened a file
  condition: opened and proc.name in (editors)
  output: editor %proc.name opened %fd.name
  priority: NOTICE
  tags: [filesystem]
";

/// Loads, but an unused macro gives a LOAD_UNUSED_MACRO warning.
const WARNING_ONLY: &str = "\
- macro: never_referenced
  condition: proc.name = cat
- rule: cat runs
  desc: cat was started
  condition: evt.type = execve and proc.name = cat
  output: cat started %proc.cmdline
  priority: INFO
";

/// A field that does not exist.
const INVALID: &str = "\
- rule: bad field
  desc: uses a field that does not exist
  condition: evt.type = open and proc.nobody = cat
  output: x %proc.name
  priority: WARNING
";

/// A scratch directory under the system temp dir, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "falcod-cli-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        Scratch(dir)
    }

    fn file(&self, name: &str, content: &str) -> String {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, content).expect("write rules file");
        path.to_string_lossy().into_owned()
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
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

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_stdout(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(o)))
}

#[test]
fn validate_text_output_and_exit_codes() {
    let dir = Scratch::new();
    let valid = dir.file("valid.yaml", VALID);
    let warn = dir.file("warn.yaml", WARNING_ONLY);
    let invalid = dir.file("invalid.yaml", INVALID);

    let o = falcod(&["-V", &valid]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{valid}: Ok\n"));
    assert!(
        stderr(&o).contains("Validating rules file(s):"),
        "{}",
        stderr(&o)
    );

    let o = falcod(&["-V", &warn]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{warn}: Ok, with warnings\n"));
    assert!(stderr(&o).contains("LOAD_UNUSED_MACRO"), "{}", stderr(&o));

    let o = falcod(&["-V", &invalid]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.starts_with(&format!("{invalid}: Invalid")), "{out}");
    assert!(out.contains("LOAD_ERR_COMPILE_CONDITION"), "{out}");
    assert!(out.contains("proc.nobody"), "{out}");
    assert!(stderr(&o).contains("Error: "), "{}", stderr(&o));

    // Several files: one summary line each, in order; any failure fails the run.
    let o = falcod(&["-V", &valid, "-V", &invalid]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.starts_with(&format!("{valid}: Ok\n{invalid}: Invalid")),
        "{out}"
    );
}

#[test]
fn validate_json_output_shape() {
    let dir = Scratch::new();
    let valid = dir.file("valid.yaml", VALID);
    let warn = dir.file("warn.yaml", WARNING_ONLY);
    let invalid = dir.file("invalid.yaml", INVALID);

    let o = falcod(&["-o", "json_output=true", "-V", &valid, "-V", &warn]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json_stdout(&o);
    let obj = v.as_object().expect("a JSON object");
    assert_eq!(obj.keys().collect::<Vec<_>>(), ["falco_load_results"]);
    let results = v["falco_load_results"].as_array().expect("an array");
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["name"], valid.as_str());
    assert_eq!(results[0]["successful"], true);
    assert_eq!(results[0]["errors"], serde_json::json!([]));
    assert_eq!(results[1]["warnings"][0]["code"], "LOAD_UNUSED_MACRO");

    let o = falcod(&["-o", "json_output=true", "-V", &invalid]);
    assert_eq!(o.status.code(), Some(1));
    let v = json_stdout(&o);
    let result = &v["falco_load_results"][0];
    assert_eq!(result["successful"], false);
    assert_eq!(result["errors"][0]["code"], "LOAD_ERR_COMPILE_CONDITION");
    assert!(result["errors"][0]["context"]["locations"].is_array());
}

#[test]
fn validate_with_describe_json_adds_describe_results() {
    let dir = Scratch::new();
    let valid = dir.file("valid.yaml", VALID);
    let o = falcod(&["-o", "json_output=true", "-V", &valid, "-L"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json_stdout(&o);
    let d = &v["falco_describe_results"];
    let mut top: Vec<&String> = d.as_object().expect("object").keys().collect();
    top.sort();
    assert_eq!(
        top,
        [
            "lists",
            "macros",
            "required_engine_version",
            "required_plugin_versions",
            "rules"
        ]
    );
    let rule = &d["rules"][0];
    let info_keys: Vec<&String> = rule["info"].as_object().expect("info").keys().collect();
    assert_eq!(
        info_keys,
        [
            "capture",
            "capture_duration",
            "condition",
            "description",
            "enabled",
            "name",
            "output",
            "priority",
            "source",
            "tags"
        ]
    );
    let details = &rule["details"];
    for key in [
        "macros",
        "lists",
        "condition_operators",
        "condition_fields",
        "output_fields",
        "exception_fields",
        "exception_names",
        "exception_operators",
        "events",
        "condition_compiled",
        "output_compiled",
        "plugins",
    ] {
        assert!(
            details.get(key).is_some(),
            "details.{key} missing: {details}"
        );
    }
    assert_eq!(rule["info"]["name"], "editor opens file");
    assert_eq!(rule["info"]["priority"], "Notice");
    assert_eq!(details["macros"], serde_json::json!(["opened"]));
    assert_eq!(details["lists"], serde_json::json!(["editors"]));
    assert_eq!(
        details["condition_compiled"],
        "(evt.type in (open, openat) and proc.name in (vi, nano))"
    );
    assert_eq!(
        details["condition_fields"],
        serde_json::json!(["evt.type", "proc.name"])
    );
    assert_eq!(details["condition_operators"], serde_json::json!(["in"]));
    assert_eq!(
        details["output_fields"],
        serde_json::json!(["proc.name", "fd.name"])
    );
    let events = details["events"].as_array().expect("events");
    for e in ["open", "openat", "asyncevent"] {
        assert!(events.contains(&Value::from(e)), "{e} not in {events:?}");
    }
    assert_eq!(d["macros"][0]["details"]["used"], true);
    assert_eq!(
        d["lists"][0]["details"]["items_compiled"],
        serde_json::json!(["vi", "nano"])
    );

    // An invalid file: no describe results.
    let invalid = dir.file("invalid.yaml", INVALID);
    let o = falcod(&["-o", "json_output=true", "-V", &invalid, "-L"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(json_stdout(&o).get("falco_describe_results").is_none());
}

#[test]
fn describe_text_and_single_rule() {
    let dir = Scratch::new();
    let valid = dir.file("valid.yaml", VALID);
    let o = falcod(&["-r", &valid, "-L"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let want = format!(
        "{:<50} Description\n{:<50} -----------\n{:<50} An editor opened a file \n\n",
        "Rule", "----", "editor opens file"
    );
    assert_eq!(stdout(&o), want);

    let o = falcod(&[
        "-r",
        &valid,
        "-l",
        "editor opens file",
        "-o",
        "json_output=true",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json_stdout(&o);
    assert_eq!(v.as_object().expect("object").len(), 1);
    assert_eq!(v["rules"][0]["info"]["name"], "editor opens file");

    let o = falcod(&["-r", &valid, "-l", "no such rule"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Rule \"no such rule\" is not loaded"),
        "{}",
        stderr(&o)
    );
}

fn described_rule_names(args: &[&str]) -> Vec<String> {
    let mut full = args.to_vec();
    full.extend(["-L", "-o", "json_output=true"]);
    let o = falcod(&full);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json_stdout(&o);
    v["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| r["info"]["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn named_rule(name: &str) -> String {
    format!(
        "- rule: {name}\n  desc: d\n  condition: evt.type = open\n  output: o %proc.name\n  priority: INFO\n"
    )
}

#[test]
fn rules_directory_is_sorted_and_yaml_only() {
    let dir = Scratch::new();
    dir.file("rules.d/b.yaml", &named_rule("from b"));
    dir.file("rules.d/a.yml", &named_rule("from a"));
    dir.file("rules.d/c.txt", &named_rule("from c txt"));
    dir.file("rules.d/sub/d.yaml", &named_rule("from subdir"));
    dir.file("rules.d/0.yaml.bak", &named_rule("from backup"));
    let names = described_rule_names(&["-r", &dir.path("rules.d")]);
    assert_eq!(names, ["from a", "from b"]);

    // Entries in command-line order; a file not named .yaml/.yml is ignored.
    let first = dir.file("z_first.yaml", &named_rule("z first"));
    let txt = dir.file("notes.txt", &named_rule("txt"));
    let names = described_rule_names(&["-r", &first, "-r", &txt, "-r", &dir.path("rules.d")]);
    assert_eq!(names, ["z first", "from a", "from b"]);

    // A directory that does not exist contributes nothing; a missing .yaml file is an error.
    let names = described_rule_names(&["-r", &first, "-r", &dir.path("missing-dir")]);
    assert_eq!(names, ["z first"]);
    let o = falcod(&["-r", &dir.path("missing.yaml"), "-L"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Could not open file"), "{}", stderr(&o));
}

#[test]
fn config_file_supplies_rules_and_json_output() {
    let dir = Scratch::new();
    let rules = dir.file("mine.yaml", &named_rule("configured"));
    let missing = dir.path("absent.yaml");
    let config = dir.file(
        "falco.yaml",
        &format!("json_output: true\nrules_files:\n  - {rules}\n  - {missing}\n"),
    );
    let o = falcod(&["-c", &config, "-L"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json_stdout(&o)["rules"][0]["info"]["name"], "configured");
}

#[test]
fn default_rules_load_cleanly_and_run_exits_zero() {
    // Without a source option falcod watches the live kernel (root only): the run here uses
    // no source, for a second.
    let o = falcod(&["-o", "engine.kind=nodriver", "-M", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("falcod_rules.yaml (embedded)"), "{err}");
    assert!(
        !err.contains("LOAD_"),
        "default rules must load without warnings: {err}"
    );

    let o = falcod(&["-L", "-o", "json_output=true"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rules = json_stdout(&o)["rules"].as_array().map_or(0, Vec::len);
    assert!(rules >= 12, "only {rules} default rules");
}

#[test]
fn list_fields_and_events() {
    let o = falcod(&["--list", "syscall", "-N"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let names: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    for f in ["evt.type", "proc.name", "fd.name", "container.id"] {
        assert!(names.iter().any(|n| n == f), "{f} not listed");
    }

    let o = falcod(&["--list"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(&format!("{:<30}process\n", "Field Class:")));

    let o = falcod(&["--list", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(json_stdout(&o)["fieldclasses"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));

    let o = falcod(&["--list", "k8s_audit"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Value for --list must be a valid source type"));

    let o = falcod(&["--list-events"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).lines().any(|l| l == "> execve"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn version_and_bad_options() {
    let o = falcod(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let engine = falcod_rules::ruleset::ENGINE_VERSION.to_string();
    assert!(
        out.contains(env!("CARGO_PKG_VERSION")) && out.contains(&engine),
        "{out}"
    );

    let o = falcod(&["--version", "-o", "json_output=true"]);
    assert_eq!(json_stdout(&o)["engine_version"], engine.as_str());

    let o = falcod(&["-o", "novalue", "--version"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("expected key=value"), "{}", stderr(&o));

    let o = falcod(&["-o", "not_a_falco_key=1", "--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("Unknown configuration key 'not_a_falco_key'"));
}

#[test]
fn missing_validate_file_is_a_clear_error() {
    let dir = Scratch::new();
    let missing = dir.path("nope.yaml");
    let o = falcod(&["-V", &missing]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim_end(),
        format!("Error: Could not open file {missing} for reading")
    );
    assert!(Path::new(&dir.0).exists());
}
