//! The daemon end to end on the live eBPF probe, with Falco's upstream stable rules: real
//! actions on this host come out as Falco JSON alerts with the right rule names on stdout, the
//! same alerts reach an HTTP receiver as Falcosidekick's payload, and a receiver that hangs does
//! not stop capture nor cost a single stdout alert.
//!
//! They need root (loading eBPF programs) and the upstream rules files: without them they fail
//! when `CI=true` and are skipped with the reason printed otherwise.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use serde_json::Value;
use support::{wait_until, Daemon, Mode, Receiver, Scratch};

/// One live probe at a time (each reads every event of the machine).
static PROBE: Mutex<()> = Mutex::new(());

const SHADOW_RULE: &str = "Read sensitive file untrusted";
const SYMLINK_RULE: &str = "Create Symlink Over Sensitive Files";

/// The upstream stable rules file when the test can run here; prints why not (fails in CI).
fn live_or_skip(test: &str) -> Option<PathBuf> {
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    let root = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .and_then(|l| l.split_whitespace().next().map(str::to_string))
        })
        .is_some_and(|uid| uid == "0");
    if !root {
        assert!(!in_ci, "{test}: not root: loading eBPF programs needs root");
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), "SKIP {test}: not root");
        return None;
    }
    let dir = falcod_conformance::upstream_rules_dir_or_skip()?;
    Some(dir.join("falco_rules.yaml"))
}

/// Starts falcod live and waits until its event source is open.
fn start_live(rules: &Path, extra: &[&str]) -> Daemon {
    let rules = rules.to_string_lossy();
    let mut args = vec!["-r", &rules, "-o", "json_output=true"];
    args.extend_from_slice(extra);
    let daemon = Daemon::start(&args);
    let opened = wait_until(60, || {
        daemon.stderr().contains("Opening event source: live")
    });
    assert!(opened, "the live source did not open:\n{}", daemon.stderr());
    // The source logs before its first read: give the ring buffer reader a moment.
    std::thread::sleep(std::time::Duration::from_millis(500));
    daemon
}

/// The actions the stable rules catch: a program no rule trusts (a copy of cat under an odd
/// name) reads /etc/shadow, and `ln` makes a symlink to it. Returns the reader's name.
fn act(dir: &Scratch, round: usize) -> String {
    let name = format!("f4lc0d-sh4d0w{round}");
    let reader = dir.0.join(&name);
    std::fs::copy("/bin/cat", &reader).unwrap();
    let out = Command::new(&reader).arg("/etc/shadow").output().unwrap();
    assert!(out.status.success(), "{name} could not read /etc/shadow");
    let link = dir.0.join(format!("shadow-link{round}"));
    let st = Command::new("ln")
        .arg("-s")
        .arg("/etc/shadow")
        .arg(&link)
        .status()
        .unwrap();
    assert!(st.success());
    name
}

fn alerts(daemon: &Daemon) -> Vec<Value> {
    daemon
        .lines()
        .iter()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .collect()
}

/// Whether `alerts` hold `rule` for the action of process `proc_name` (or of `ln` making
/// `link` for the symlink rule).
fn has_alert(alerts: &[Value], rule: &str, field: &str, value: &str) -> bool {
    alerts
        .iter()
        .any(|a| a["rule"] == rule && a["output_fields"][field].as_str() == Some(value))
}

fn wait_for_round(daemon: &Daemon, reader: &str, link: &str) -> Vec<Value> {
    let mut seen = Vec::new();
    let ok = wait_until(30, || {
        seen = alerts(daemon);
        has_alert(&seen, SHADOW_RULE, "proc.name", reader)
            && has_alert(&seen, SYMLINK_RULE, "evt.arg.linkpath", link)
    });
    assert!(
        ok,
        "missing alerts for {reader} / {link}; stdout:\n{:#?}\nstderr:\n{}",
        daemon.lines(),
        daemon.stderr()
    );
    seen
}

#[test]
fn live_actions_alert_on_stdout_and_reach_falcosidekick_as_the_same_json() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(rules) = live_or_skip("live e2e") else {
        return;
    };
    let dir = Scratch::new("live-e2e");
    let receiver = Receiver::start(Mode::Ok);
    let url = format!("http_output.url={}", receiver.url());
    let mut daemon = start_live(&rules, &["-o", "http_output.enabled=true", "-o", &url]);
    let reader = act(&dir, 0);
    let link = dir.0.join("shadow-link0").to_string_lossy().into_owned();
    let seen = wait_for_round(&daemon, &reader, &link);
    let shadow = seen
        .iter()
        .find(|a| a["rule"] == SHADOW_RULE && a["output_fields"]["proc.name"] == reader)
        .unwrap();
    assert_eq!(shadow["priority"], "Warning");
    assert_eq!(shadow["source"], "syscall");
    assert_eq!(shadow["output_fields"]["fd.name"], "/etc/shadow");
    assert_eq!(shadow["output_fields"]["user.name"], "root");

    daemon.signal("TERM");
    assert_eq!(daemon.wait(30), Some(0), "{}", daemon.stderr());
    // Everything printed was posted, in order, as the same JSON object.
    let printed = alerts(&daemon);
    let posted: Vec<Value> = receiver
        .requests()
        .iter()
        .map(|r| serde_json::from_str(&r.body).unwrap())
        .collect();
    assert_eq!(posted, printed);
    assert!(has_alert(&posted, SYMLINK_RULE, "evt.arg.linkpath", &link));
}

#[test]
fn a_hanging_receiver_during_live_capture_costs_no_stdout_alert() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(rules) = live_or_skip("live hanging receiver") else {
        return;
    };
    let dir = Scratch::new("live-hang");
    let hanging = Receiver::start(Mode::Hang);
    let url = format!("http_output.url={}", hanging.url());
    let mut daemon = start_live(
        &rules,
        &[
            "-o",
            "http_output.enabled=true",
            "-o",
            &url,
            "-o",
            "output_timeout=200",
            "-o",
            "outputs_queue.capacity=2",
        ],
    );
    // Each round after the receiver has begun to hang: capture goes on, every alert prints.
    for round in 0..4 {
        let reader = act(&dir, round);
        let link = dir.0.join(format!("shadow-link{round}"));
        wait_for_round(&daemon, &reader, &link.to_string_lossy());
    }
    daemon.signal("TERM");
    assert_eq!(daemon.wait(60), Some(0), "{}", daemon.stderr());
    assert!(hanging.requests().is_empty());
    let err = daemon.stderr();
    assert!(
        err.contains("http_output:"),
        "no http_output loss logged:\n{err}"
    );
}
