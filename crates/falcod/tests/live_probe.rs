//! falcod on the live eBPF probe: `falcod -r RULES` alerts on a real action, and
//! `falcod capture` writes a capture that sysdig (libsinsp 0.29, the oracle) reads and lists
//! the same events from as `falcod filter`.
//!
//! They need root and a build with the eBPF programs (and sysdig for the second): without them
//! they fail when `CI=true` and are skipped (with the reason printed) otherwise.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;

/// One live probe at a time (each reads every event of the machine).
static PROBE: Mutex<()> = Mutex::new(());

fn falcod() -> Command {
    Command::new(env!("CARGO_BIN_EXE_falcod"))
}

/// Prints a skip reason where it is seen: straight to stderr (libtest captures `eprintln!`
/// of passing tests).
macro_rules! skip {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Whether the live tests can run here; prints why not (and fails in CI).
fn live_or_skip(test: &str, need_sysdig: bool) -> bool {
    let uid = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_string))
        })
        .unwrap_or_default();
    let why = if uid != "0" {
        Some(format!(
            "not root (uid {uid}): loading eBPF programs needs root"
        ))
    } else if need_sysdig && Command::new("sysdig").arg("--version").output().is_err() {
        Some("sysdig is not installed".to_string())
    } else {
        None
    };
    match why {
        Some(why) if in_ci() => panic!("{test}: {why}"),
        Some(why) => {
            skip!("SKIP {test}: {why}");
            false
        }
        None => true,
    }
}

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("falcod-liveprobe-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Reads `child`'s stderr until a line contains `ready`; returns every line read so far.
fn wait_for(child: &mut Child, ready: &str) -> Vec<String> {
    let stderr = child.stderr.take().unwrap();
    let mut lines = Vec::new();
    let mut reader = BufReader::new(stderr);
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line).unwrap();
        assert!(n > 0, "falcod ended before '{ready}': {lines:#?}");
        let done = line.contains(ready);
        lines.push(line);
        if done {
            break;
        }
    }
    // Keep draining stderr so that falcod never blocks on a full pipe.
    std::thread::spawn(move || for _ in reader.lines() {});
    lines
}

fn interrupt(child: &Child) {
    let st = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(st.success());
}

/// A copy of cat under an odd name reads a file: the workload both tests look for.
fn odd_reader(dir: &std::path::Path) -> PathBuf {
    let reader = dir.join("f4lc0d-r34d3r");
    std::fs::copy("/bin/cat", &reader).unwrap();
    reader
}

#[test]
fn falcod_with_rules_and_no_replay_alerts_on_a_live_action() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    if !live_or_skip("live rules", false) {
        return;
    }
    let dir = scratch("rules");
    let rules = dir.join("rules.yaml");
    std::fs::write(
        &rules,
        "- rule: Odd reader of shadow\n  desc: t\n  condition: evt.type in (open, openat, openat2) \
         and fd.name=/etc/shadow and proc.name=f4lc0d-r34d3r\n  output: \"shadow read \
         (proc.name=%proc.name proc.pname=%proc.pname fd.name=%fd.name user.name=%user.name \
         container.id=%container.id proc.cmdline=%proc.cmdline)\"\n  priority: WARNING\n",
    )
    .unwrap();
    let reader = odd_reader(&dir);
    let mut child = falcod()
        .arg("-r")
        .arg(&rules)
        .args(["-o", "json_output=false", "-M", "60"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(&mut child, "Opening event source: live syscalls");
    let st = Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("{} /etc/shadow", reader.display()))
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success());
    // The alert comes out on stdout; then stop falcod.
    let stdout = child.stdout.take().unwrap();
    let mut alert = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if line.contains("shadow read") {
            alert = Some(line);
            interrupt(&child);
            break;
        }
    }
    let status = child.wait().unwrap();
    let alert = alert.expect("no alert before falcod exited");
    assert!(
        alert.ends_with(
            ": Warning shadow read (proc.name=f4lc0d-r34d3r proc.pname=sh fd.name=/etc/shadow \
             user.name=root container.id=host proc.cmdline=f4lc0d-r34d3r /etc/shadow)"
        ),
        "{alert}"
    );
    assert!(status.success(), "{status}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_live_capture_lists_the_same_events_in_sysdig_and_falcod_filter() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    if !live_or_skip("live capture", true) {
        return;
    }
    let dir = scratch("capture");
    let file = dir.join("live.scap");
    let reader = odd_reader(&dir);
    let mut child = falcod()
        .args(["capture", "-w"])
        .arg(&file)
        .args(["-M", "60"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(&mut child, "falcod capture: recording to");
    let st = Command::new("/bin/sh")
        .arg("-c")
        .arg(format!(
            "cd {d} && {r} /etc/hostname && ln -s /etc/shadow link",
            d = dir.display(),
            r = reader.display()
        ))
        // Inherited, not redirected: libsinsp 0.29 does not know the dup2 events a
        // redirection makes (they came later), and its fd table would differ from ours.
        .stdout(Stdio::inherit())
        .status()
        .unwrap();
    assert!(st.success());
    // Let the probe's reader catch up with the workload's last events, then stop.
    std::thread::sleep(std::time::Duration::from_millis(500));
    interrupt(&child);
    let status = child.wait().unwrap();
    assert!(status.success(), "falcod capture: {status}");

    // Event numbers differ where the capture holds events libsinsp 0.29 does not know
    // (dup2, dup3, accept4 under their own codes): timestamps identify events instead.
    let format =
        "%evt.rawtime %evt.type %evt.dir %proc.name %proc.pname %proc.cmdline %fd.name %evt.res";
    // Known difference, left out by name: on a symlinkat with AT_FDCWD libsinsp 0.29 has no
    // fd.name (`<NA>`, the line is not printed), falcod an empty one; the symlinkat comparison
    // prints the link's arguments instead.
    let link_format = "%evt.rawtime %evt.type %evt.dir %proc.name %proc.pname %proc.cmdline \
                       %evt.arg.target %evt.res";
    for (condition, format) in [
        ("proc.name=f4lc0d-r34d3r", format),
        ("proc.name=ln and evt.type=symlinkat", link_format),
    ] {
        let sysdig = Command::new("sysdig")
            .arg("-r")
            .arg(&file)
            .args(["-p", format, condition])
            .output()
            .unwrap();
        assert!(
            sysdig.status.success(),
            "sysdig: {}",
            String::from_utf8_lossy(&sysdig.stderr)
        );
        let ours = falcod()
            .arg("filter")
            .arg(&file)
            .arg(condition)
            .args(["-p", format])
            .output()
            .unwrap();
        assert!(
            ours.status.success(),
            "falcod filter: {}",
            String::from_utf8_lossy(&ours.stderr)
        );
        let sysdig = String::from_utf8_lossy(&sysdig.stdout).into_owned();
        let ours = String::from_utf8_lossy(&ours.stdout).into_owned();
        assert!(!ours.is_empty(), "{condition}: no events");
        if ours != sysdig {
            let diff: Vec<_> = ours
                .lines()
                .zip(sysdig.lines())
                .filter(|(a, b)| a != b)
                .take(5)
                .collect();
            panic!(
                "{condition}: falcod filter ({} lines) and sysdig ({} lines) differ; first \
                 differing lines (falcod, sysdig): {diff:#?}",
                ours.lines().count(),
                sysdig.lines().count()
            );
        }
        if condition.starts_with("proc.name=f4lc0d") {
            let want =
                " openat < f4lc0d-r34d3r sh f4lc0d-r34d3r /etc/hostname /etc/hostname SUCCESS";
            assert!(
                ours.lines().any(|l| l.ends_with(want)),
                "no line ending in '{want}'"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
