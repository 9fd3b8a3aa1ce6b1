//! `falcod bench` run as a user runs it: the JSON report's shape and that its measurements are
//! positive and consistent (no timing thresholds: the machine's speed is not under test).

use std::process::Command;

use serde_json::Value;

const RULES: &str = "\
- macro: spawned_process
  condition: evt.type in (execve, execveat)
- rule: shell spawned
  desc: a shell was started
  condition: spawned_process and proc.name in (bash, sh)
  output: shell %proc.cmdline
  priority: NOTICE
- rule: shadow read
  desc: /etc/shadow was opened for reading
  condition: evt.type in (open, openat) and evt.is_open_read = true and fd.name = /etc/shadow
  output: read %fd.name by %proc.name
  priority: WARNING
- rule: any connect
  desc: an outbound connection
  condition: evt.type = connect and fd.typechar = 4 and not fd.sip in (\"127.0.0.1\")
  output: connect %fd.name
  priority: INFO
";

fn bench_json(extra: &[&str]) -> Value {
    let dir = std::env::temp_dir().join(format!("falcod-bench-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let rules = dir.join("rules.yaml");
    std::fs::write(&rules, RULES).expect("write rules");
    let mut args = vec![
        "bench",
        "-r",
        rules.to_str().expect("utf-8 temp path"),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = Command::new(env!("CARGO_BIN_EXE_falcod"))
        .args(&args)
        .output()
        .expect("run falcod");
    assert!(
        out.status.success(),
        "falcod bench failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8 stdout");
    assert_eq!(
        stdout.lines().count(),
        1,
        "one JSON object on one line: {stdout}"
    );
    serde_json::from_str(&stdout).expect("stdout is JSON")
}

fn positive(v: &Value, key: &str) -> f64 {
    let x = v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number in {v}"));
    assert!(x > 0.0, "{key} = {x} should be positive");
    x
}

#[test]
fn json_report_has_the_documented_shape() {
    for mix in ["realistic", "execve"] {
        let v = bench_json(&["--events", "5000", "--mix", mix, "--top", "2"]);
        assert_eq!(v["mix"], mix);
        assert_eq!(v["events"], 5000);
        assert_eq!(v["rules_enabled"], 3);
        let eps = positive(&v, "events_per_sec");
        let ns = positive(&v, "ns_per_event");
        // Both come from the same timed pass: events/s * ns/event = 1e9.
        assert!(
            (eps * ns / 1e9 - 1.0).abs() < 1e-6,
            "{eps} events/s vs {ns} ns/event"
        );
        let matches = v["matches"].as_u64().expect("matches");
        assert!(matches > 0, "{mix}: the stream should match a rule");
        assert!(matches <= 5000);
        let rules = v["rules"].as_array().expect("rules array");
        assert_eq!(rules.len(), 2, "--top 2");
        let names = ["shell spawned", "shadow read", "any connect"];
        let mut last = f64::INFINITY;
        for r in rules {
            assert!(names.contains(&r["name"].as_str().expect("name")), "{r}");
            let cost = r["ns_per_event"].as_f64().expect("ns_per_event");
            let share = r["share"].as_f64().expect("share");
            assert!(cost >= 0.0 && cost <= last, "sorted by cost: {rules:?}");
            assert!((0.0..=1.0).contains(&share));
            last = cost;
        }
    }
}

#[test]
fn shares_of_all_rules_sum_to_one() {
    // With --top covering every rule, the shares partition the sum of the isolated costs.
    let v = bench_json(&["--events", "3000", "--mix", "execve", "--top", "10"]);
    let rules = v["rules"].as_array().expect("rules array");
    assert_eq!(
        rules.len(),
        3,
        "--top larger than the ruleset lists every rule"
    );
    let total: f64 = rules
        .iter()
        .filter_map(|r| r["ns_per_event"].as_f64())
        .sum();
    let shares: f64 = rules.iter().filter_map(|r| r["share"].as_f64()).sum();
    if total > 0.0 {
        assert!((shares - 1.0).abs() < 1e-9, "shares sum to {shares}");
    } else {
        assert_eq!(shares, 0.0);
    }
}

#[test]
fn text_report_names_its_figures() {
    let out = Command::new(env!("CARGO_BIN_EXE_falcod"))
        .args(["bench", "--events", "2000", "--top", "1"])
        .output()
        .expect("run falcod");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "2000 events (realistic mix)",
        "events/s",
        "ns/event",
        "matches",
        "most expensive rules",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn rejects_a_zero_event_stream() {
    let out = Command::new(env!("CARGO_BIN_EXE_falcod"))
        .args(["bench", "--events", "0"])
        .output()
        .expect("run falcod");
    assert!(!out.status.success());
}
