//! The daemon's life cycle end to end: configuration (config_files, -o, unknown keys), -M,
//! the pidfile, reloads on SIGHUP and on file changes (a bad reload keeps the old rules),
//! SIGTERM draining, the web server's /healthz and /metrics, and internal alerts.
//!
//! Long runs use the synthetic source (`-o engine.kind=synthetic`, a generated stream at a set
//! rate), which runs until stopped.

mod support;

use serde_json::Value;
use support::*;

const READS: &str = "\
- rule: rule A
  desc: reads
  condition: evt.type = read
  output: A read by %proc.name
  priority: NOTICE
";

const WRITES: &str = "\
- rule: rule B
  desc: writes
  condition: evt.type = write
  output: B write by %proc.name
  priority: NOTICE
";

const BROKEN: &str = "\
- rule: rule C
  desc: broken
  condition: evt.type = write and proc.nobody = x
  output: C
  priority: NOTICE
";

const SYNTHETIC: [&str; 4] = [
    "-o",
    "engine.kind=synthetic",
    "-o",
    "engine.synthetic.rate=400",
];

fn has(lines: &[String], needle: &str) -> bool {
    lines.iter().any(|l| l.contains(needle))
}

#[test]
fn sighup_reload_switches_rules_and_a_bad_reload_keeps_them() {
    let dir = Scratch::new("reload");
    let rules = dir.file("rules.yaml", READS);
    let mut args = vec!["-r", rules.as_str(), "-o", "watch_config_files=false"];
    args.extend(SYNTHETIC);
    let mut d = Daemon::start(&args);
    assert!(
        wait_until(20, || has(&d.lines(), ": Notice A read by")),
        "no A alert: {}",
        d.stderr()
    );

    std::fs::write(&rules, WRITES).unwrap();
    d.signal("HUP");
    assert!(
        wait_until(20, || has(&d.lines(), ": Notice B write by")),
        "no B alert: {}",
        d.stderr()
    );
    let switched = d.lines().len();
    assert!(
        d.stderr().contains("Reload complete: 1 rules enabled"),
        "{}",
        d.stderr()
    );

    std::fs::write(&rules, BROKEN).unwrap();
    d.signal("HUP");
    assert!(
        wait_until(20, || d.stderr().contains("Reload failed")),
        "{}",
        d.stderr()
    );
    let err = d.stderr();
    // Falco's load-result text for the broken file.
    assert!(err.contains(&format!("{rules}: Invalid")), "{err}");
    assert!(err.contains("LOAD_ERR_COMPILE_CONDITION"), "{err}");
    // The internal alert, and rule B still in force afterwards.
    assert!(wait_until(10, || has(
        &d.lines(),
        "Falco internal: hot restart failure"
    )));
    let after = d.lines().len();
    assert!(wait_until(20, || d.lines()[after..]
        .iter()
        .any(|l| l.contains("B write by"))));
    assert!(!has(&d.lines()[switched..], "A read by"));

    d.signal("TERM");
    assert_eq!(d.wait(20), Some(0), "{}", d.stderr());
    assert!(d.stderr().contains("SIGTERM received, exiting"));
}

#[test]
fn a_changed_rules_file_is_reloaded_when_watched() {
    let dir = Scratch::new("watch");
    let rules = dir.file("rules.yaml", READS);
    let mut args = vec!["-r", rules.as_str()];
    args.extend(SYNTHETIC);
    let mut d = Daemon::start(&args);
    assert!(
        wait_until(20, || has(&d.lines(), "A read by")),
        "{}",
        d.stderr()
    );
    // A different length makes the change visible even within one mtime tick.
    std::fs::write(&rules, format!("{WRITES}\n# changed\n")).unwrap();
    assert!(
        wait_until(20, || has(&d.lines(), "B write by")),
        "{}",
        d.stderr()
    );
    assert!(
        d.stderr().contains("rules.yaml changed, reloading"),
        "{}",
        d.stderr()
    );
    d.signal("INT");
    assert_eq!(d.wait(20), Some(0));
}

#[test]
fn run_duration_and_pidfile() {
    let dir = Scratch::new("pid");
    let rules = dir.file("rules.yaml", READS);
    let pidfile = dir.path("falcod.pid");
    let mut args = vec![
        "-r",
        rules.as_str(),
        "-M",
        "2",
        "-U",
        "-P",
        pidfile.as_str(),
    ];
    args.extend(SYNTHETIC);
    let mut d = Daemon::start(&args);
    let pid = d.child.id().to_string();
    assert!(wait_until(10, || std::fs::read_to_string(&pidfile)
        .is_ok_and(|p| p.trim() == pid)));
    assert_eq!(d.wait(20), Some(0), "{}", d.stderr());
    assert!(
        d.stderr().contains("Run duration of 2 s reached (-M)"),
        "{}",
        d.stderr()
    );
    assert!(has(&d.lines(), "A read by"));
    assert!(
        !std::path::Path::new(&pidfile).exists(),
        "pidfile left behind"
    );
}

#[test]
fn config_files_merge_options_override_and_unknown_keys_warn() {
    let dir = Scratch::new("config");
    let rules = dir.file("rules.yaml", READS);
    dir.file(
        "config.d/10-json.yaml",
        "json_output: true\njson_include_tags_property: false\n",
    );
    dir.file(
        "config.d/20-priority.yaml",
        "priority: error\nnot_a_key: 1\n",
    );
    let config = dir.file(
        "falco.yaml",
        &format!(
            "rules_files: [{rules}]\nconfig_files: [{}]\nhttp_output:\n  urll: x\nengine:\n  \
             kind: synthetic\n  synthetic: {{rate: 0, events: 3000}}\n",
            dir.path("config.d")
        ),
    );
    // priority: error (from config.d) would drop the NOTICE rule; -o puts it back.
    let o = run(&["-c", &config, "-o", "priority=notice"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let first: Value = serde_json::from_str(stdout(&o).lines().next().expect("alerts")).unwrap();
    assert_eq!(first["rule"], "rule A");
    assert!(
        first.get("tags").is_none(),
        "json_include_tags_property from config.d"
    );
    let err = stderr(&o);
    assert!(
        err.contains("Unknown configuration key 'not_a_key': ignored"),
        "{err}"
    );
    assert!(
        err.contains("Unknown configuration key 'http_output.urll': ignored"),
        "{err}"
    );

    let o = run(&["-c", &config]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "", "priority error leaves no rule");
}

#[test]
fn webserver_serves_healthz_and_prometheus_metrics() {
    let dir = Scratch::new("web");
    let rules = dir.file("rules.yaml", READS);
    let receiver_port = refused_port();
    let url = format!("http_output.url=http://127.0.0.1:{receiver_port}/");
    let mut args = vec![
        "-r",
        rules.as_str(),
        "-o",
        "webserver.enabled=true",
        "-o",
        "webserver.listen_port=0",
        "-o",
        "webserver.prometheus_metrics_enabled=true",
        "-o",
        "http_output.enabled=true",
        "-o",
        url.as_str(),
    ];
    args.extend(SYNTHETIC);
    let mut d = Daemon::start(&args);
    let port = d.webserver_port();
    assert_eq!(
        http_get(port, "/healthz"),
        (200, "{\"status\": \"ok\"}".to_string())
    );
    assert!(wait_until(20, || has(&d.lines(), "A read by")));
    let mut metrics = String::new();
    assert!(
        wait_until(20, || {
            metrics = http_get(port, "/metrics").1;
            metrics.contains("falcosecurity_falco_rules_matches_total{priority=\"5\",rule_name=\"rule A\",source=\"syscall\"}")
            && metrics.contains("falcod_output_alerts_total{output=\"http_output\",result=\"failed\"} ")
            && !metrics.contains("falcosecurity_falco_num_evts_total 0\n")
        }),
        "{metrics}"
    );
    for name in [
        "falcosecurity_scap_n_evts_total",
        "falcosecurity_falco_evts_rate_sec",
        "falcod_rule_evaluation_seconds_total",
        "falcosecurity_falco_outputs_queue_num_drops_total",
        "falcod_alerts_total{priority=\"Notice\"}",
    ] {
        assert!(metrics.contains(name), "{name} missing:\n{metrics}");
    }
    assert_eq!(http_get(port, "/nope").0, 404);
    d.signal("TERM");
    assert_eq!(d.wait(20), Some(0));
}

#[test]
fn simulated_drops_and_metrics_snapshots_are_internal_alerts() {
    let dir = Scratch::new("internal");
    let rules = dir.file("rules.yaml", READS);
    let snapshots = dir.path("metrics.jsonl");
    let file_opt = format!("metrics.output_file={snapshots}");
    let mut args = vec![
        "-r",
        rules.as_str(),
        "-M",
        "3",
        "-o",
        "json_output=true",
        "-o",
        "syscall_event_drops.simulate_drops=true",
        "-o",
        "syscall_event_drops.rate=10",
        "-o",
        "syscall_event_drops.max_burst=10",
        "-o",
        "metrics.enabled=true",
        "-o",
        "metrics.interval=1s",
        "-o",
        "metrics.output_rule=true",
        "-o",
        file_opt.as_str(),
    ];
    args.extend(SYNTHETIC);
    let mut d = Daemon::start(&args);
    assert_eq!(d.wait(20), Some(0), "{}", d.stderr());
    let internal: Vec<Value> = d
        .lines()
        .iter()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["source"] == "internal")
        .collect();
    let drop = internal
        .iter()
        .find(|v| v["rule"] == "Falco internal: syscall event drop")
        .expect("drop alert");
    assert_eq!(drop["priority"], "Debug");
    assert!(drop["output"]
        .as_str()
        .unwrap()
        .ends_with("1 system calls dropped in last second."));
    let snap = internal
        .iter()
        .find(|v| v["rule"] == "Falco internal: metrics snapshot")
        .expect("metrics snapshot alert");
    assert_eq!(snap["priority"], "Informational");
    assert!(snap["output_fields"]["falco.num_evts"].as_u64().is_some());
    let line = std::fs::read_to_string(&snapshots).unwrap();
    let first: Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    assert_eq!(first["sample"], 1);
    assert!(first["output_fields"]["falco.rules.rule_A"]
        .as_u64()
        .is_some());
}

#[test]
fn dry_run_checks_and_live_kinds_exit_cleanly() {
    let o = run(&["--dry-run"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("Dry run"), "{}", stderr(&o));
    let o = run(&["--dry-run", "-o", "engine.kind=gvisor"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("removed in Falco 0.44"),
        "{}",
        stderr(&o)
    );
}
