//! Live probe tests: real actions on this machine must come out of the kernel programs as
//! events whose fields, extracted through `State` and the output formatter (the path rules
//! take), are exactly what the action did.
//!
//! They need root, BTF and a build with the eBPF programs: without them they fail when
//! `CI=true` and are skipped (with the reason printed) otherwise.

use std::collections::BTreeSet;
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use falcod_probe::live::{LiveOptions, LiveSource, ProbeError};
use falcod_probe::state::{ReplayEvent, State};
use falcod_rules::event::Values;
use falcod_rules::format::OutputFormat;

/// One probe at a time: tests run on parallel threads, and each test's events must not be
/// consumed by another test's reader.
static PROBE: Mutex<()> = Mutex::new(());

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Opens the probe, or explains why not: a failure in CI, a skip elsewhere.
fn open_or_skip(test: &str) -> Option<LiveSource> {
    match LiveSource::open(&LiveOptions::default()) {
        Ok(s) => Some(s),
        Err(e @ (ProbeError::NotBuilt | ProbeError::NotRoot(_) | ProbeError::NoBtf { .. }))
            if !in_ci() =>
        {
            eprintln!("SKIP {test}: {e}");
            None
        }
        Err(e) => panic!("{test}: cannot open the live probe: {e}"),
    }
}

/// Renders one field of `ev` as an output would print it (`None`: no value).
fn field(ev: &ReplayEvent, name: &str) -> Option<String> {
    let fmt = OutputFormat::compile(&format!("%{name}"), falcod_probe::syscall_schema())
        .unwrap_or_else(|e| panic!("field {name}: {e}"));
    let mut out = String::new();
    fmt.render(ev, &mut Values::new(), &mut out).then_some(out)
}

/// Runs `action` with the probe attached and returns the events of the processes it started
/// (the test process itself is not traced), read until `done` has seen what it waits for or
/// ten seconds have passed.
fn capture(
    source: &mut LiveSource,
    action: impl FnOnce(),
    mut done: impl FnMut(&ReplayEvent) -> bool,
) -> Vec<ReplayEvent> {
    let mut state = State::new();
    let mut num = 0;
    // Leftovers of earlier actions are not this test's.
    while source.next_batch(Duration::ZERO, |_| {}).unwrap() > 0 {}
    action();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut events = Vec::new();
    let mut finished = false;
    while !finished && Instant::now() < deadline {
        source
            .next_batch(Duration::from_millis(50), |raw| {
                num += 1;
                if let Some(ev) = state.event(num, raw) {
                    if std::env::var_os("FALCOD_LIVE_DUMP").is_some() {
                        eprintln!(
                            "{}",
                            field(&ev, "evt.num").unwrap_or_default()
                                + " "
                                + &field(&ev, "evt.type").unwrap_or_default()
                                + " "
                                + &field(&ev, "evt.dir").unwrap_or_default()
                                + " "
                                + &field(&ev, "proc.name").unwrap_or_default()
                                + " "
                                + &field(&ev, "evt.args").unwrap_or_default()
                        );
                    }
                    if !finished && done(&ev) {
                        finished = true;
                    }
                    events.push(ev);
                }
            })
            .unwrap();
    }
    let counters = source.counters().unwrap();
    assert_eq!(counters.drops, 0, "events were dropped: {counters:?}");
    assert_eq!(counters.bad_records, 0, "unparsable records: {counters:?}");
    assert!(
        finished,
        "the expected event never came ({} events read)",
        events.len()
    );
    events
}

fn is(ev: &ReplayEvent, ty: &str, dir: &str, name: &str) -> bool {
    field(ev, "evt.type").as_deref() == Some(ty)
        && field(ev, "evt.dir").as_deref() == Some(dir)
        && field(ev, "proc.name").as_deref() == Some(name)
}

fn scratch_dir(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("falcod-live-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn execve_of_a_shell_command_names_the_process_its_parent_and_arguments() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut source) = open_or_skip("execve") else {
        return;
    };
    let events = capture(
        &mut source,
        || {
            let st = Command::new("/bin/sh")
                .args(["-c", "/bin/echo falcod-live-marker one two >/dev/null"])
                .status()
                .unwrap();
            assert!(st.success());
        },
        |ev| is(ev, "execve", "<", "echo"),
    );
    let exec = events
        .iter()
        .find(|ev| is(ev, "execve", "<", "echo"))
        .unwrap();
    assert_eq!(field(exec, "evt.res").as_deref(), Some("SUCCESS"));
    assert_eq!(
        field(exec, "proc.cmdline").as_deref(),
        Some("echo falcod-live-marker one two")
    );
    assert_eq!(field(exec, "proc.exe").as_deref(), Some("/bin/echo"));
    assert_eq!(field(exec, "proc.exepath").as_deref(), Some("/bin/echo"));
    assert_eq!(field(exec, "proc.pname").as_deref(), Some("sh"));
    assert_eq!(field(exec, "user.uid").as_deref(), Some("0"));
    // The shell itself was execve'd with its -c script.
    let sh = events
        .iter()
        .find(|ev| is(ev, "execve", "<", "sh"))
        .expect("the shell's own execve");
    assert_eq!(
        field(sh, "proc.args").as_deref(),
        Some("-c /bin/echo falcod-live-marker one two >/dev/null")
    );
    let sh_pid = field(sh, "proc.pid").unwrap();
    assert_eq!(field(exec, "proc.ppid"), Some(sh_pid));
}

#[test]
fn reading_etc_shadow_is_an_openat_with_its_path_flags_and_fd() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut source) = open_or_skip("shadow") else {
        return;
    };
    let events = capture(
        &mut source,
        || {
            let st = Command::new("/bin/cat")
                .arg("/etc/shadow")
                .stdout(std::process::Stdio::null())
                .status()
                .unwrap();
            assert!(st.success());
        },
        |ev| is(ev, "openat", "<", "cat") && field(ev, "fd.name").as_deref() == Some("/etc/shadow"),
    );
    let open = events
        .iter()
        .find(|ev| {
            is(ev, "openat", "<", "cat") && field(ev, "fd.name").as_deref() == Some("/etc/shadow")
        })
        .unwrap();
    assert_eq!(field(open, "evt.is_open_read").as_deref(), Some("true"));
    assert_eq!(
        field(open, "evt.arg.flags").as_deref(),
        Some("O_RDONLY|O_CLOEXEC")
    );
    assert_eq!(field(open, "fd.typechar").as_deref(), Some("f"));
    assert_eq!(
        field(open, "proc.cmdline").as_deref(),
        Some("cat /etc/shadow")
    );
    let fd: i64 = field(open, "evt.rawres").unwrap().parse().unwrap();
    assert!(fd >= 3, "fd {fd}");
    assert_eq!(field(open, "fd.num"), Some(fd.to_string()));
    // cat then closes that fd: the close names the file through the fd table.
    let close = events
        .iter()
        .find(|ev| is(ev, "close", ">", "cat") && field(ev, "fd.num") == Some(fd.to_string()));
    if let Some(close) = close {
        assert_eq!(field(close, "fd.name").as_deref(), Some("/etc/shadow"));
    }
}

#[test]
fn writing_under_a_scratch_dir_and_symlinking_are_seen_with_their_paths() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut source) = open_or_skip("write") else {
        return;
    };
    let dir = scratch_dir("write");
    let file = dir.join("data.txt");
    let link = dir.join("link");
    let script = format!(
        "echo hi > {f}; ln -s /etc/passwd {l}",
        f = file.display(),
        l = link.display()
    );
    let events = capture(
        &mut source,
        || {
            assert!(Command::new("/bin/sh")
                .args(["-c", &script])
                .status()
                .unwrap()
                .success());
        },
        |ev| is(ev, "symlinkat", "<", "ln"),
    );
    let created = events
        .iter()
        .find(|ev| {
            field(ev, "evt.type").as_deref() == Some("openat")
                && field(ev, "evt.dir").as_deref() == Some("<")
                && field(ev, "fd.name").as_deref() == file.to_str()
        })
        .expect("the shell's open of the scratch file");
    assert_eq!(field(created, "evt.is_open_write").as_deref(), Some("true"));
    assert_eq!(field(created, "proc.name").as_deref(), Some("sh"));
    let sym = events
        .iter()
        .find(|ev| is(ev, "symlinkat", "<", "ln"))
        .unwrap();
    assert_eq!(field(sym, "evt.res").as_deref(), Some("SUCCESS"));
    assert_eq!(field(sym, "evt.arg.target").as_deref(), Some("/etc/passwd"));
    assert_eq!(field(sym, "evt.arg.linkpath").as_deref(), link.to_str());
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        std::path::Path::new("/etc/passwd")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn connecting_to_a_local_port_names_the_socket_after_its_destination() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut source) = open_or_skip("connect") else {
        return;
    };
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let events = capture(
        &mut source,
        || {
            // bash's /dev/tcp is not everywhere; python3 is on this project's machines.
            let st = Command::new("python3")
                .args([
                    "-c",
                    &format!(
                        "import socket; socket.create_connection(('127.0.0.1', {port})).close()"
                    ),
                ])
                .status()
                .unwrap();
            assert!(st.success());
        },
        |ev| is(ev, "connect", "<", "python3"),
    );
    let conn = events
        .iter()
        .find(|ev| is(ev, "connect", "<", "python3"))
        .unwrap();
    assert_eq!(field(conn, "evt.res").as_deref(), Some("SUCCESS"));
    assert_eq!(field(conn, "fd.sip").as_deref(), Some("127.0.0.1"));
    assert_eq!(field(conn, "fd.sport"), Some(port.to_string()));
    assert_eq!(field(conn, "fd.l4proto").as_deref(), Some("tcp"));
    assert_eq!(field(conn, "fd.typechar").as_deref(), Some("4"));
    let sock = events
        .iter()
        .find(|ev| is(ev, "socket", "<", "python3"))
        .unwrap();
    assert_eq!(field(sock, "evt.arg.domain").as_deref(), Some("AF_INET"));
    drop(listener);
}

#[test]
fn a_packet_socket_and_a_ptrace_attach_are_seen() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut source) = open_or_skip("ptrace") else {
        return;
    };
    let events = capture(
        &mut source,
        || {
            let code = "import ctypes, os, socket, time\n\
                        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0); s.close()\n\
                        pid = os.fork()\n\
                        if pid == 0:\n    time.sleep(2); os._exit(0)\n\
                        libc = ctypes.CDLL(None, use_errno=True)\n\
                        r = libc.ptrace(16, pid, None, None)\n\
                        os.waitpid(pid, 0) if r != 0 else None\n\
                        libc.ptrace(17, pid, None, None); os.kill(pid, 9); os.waitpid(pid, 0)";
            let st = Command::new("python3").args(["-c", code]).status().unwrap();
            assert!(st.success());
        },
        |ev| is(ev, "ptrace", "<", "python3"),
    );
    let sock = events
        .iter()
        .find(|ev| {
            is(ev, "socket", ">", "python3")
                && field(ev, "evt.arg.domain").as_deref() == Some("AF_PACKET")
        })
        .expect("the packet socket's enter event");
    assert_eq!(field(sock, "evt.arg.type").as_deref(), Some("3"));
    let enter = events
        .iter()
        .find(|ev| is(ev, "ptrace", ">", "python3"))
        .unwrap();
    assert_eq!(
        field(enter, "evt.arg.request").as_deref(),
        Some("PTRACE_ATTACH")
    );
    let exit = events
        .iter()
        .find(|ev| is(ev, "ptrace", "<", "python3"))
        .unwrap();
    assert_eq!(field(exit, "evt.res").as_deref(), Some("SUCCESS"));
}

#[test]
fn only_the_requested_event_types_and_the_state_syscalls_are_traced() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let opts = LiveOptions {
        event_types: Some(BTreeSet::from(["symlinkat".to_string()])),
        ..LiveOptions::default()
    };
    let mut source = match LiveSource::open(&opts) {
        Ok(s) => s,
        Err(e @ (ProbeError::NotBuilt | ProbeError::NotRoot(_) | ProbeError::NoBtf { .. }))
            if !in_ci() =>
        {
            eprintln!("SKIP syscall set: {e}");
            return;
        }
        Err(e) => panic!("cannot open the live probe: {e}"),
    };
    assert!(source.syscalls().contains("symlinkat"));
    assert!(!source.syscalls().contains("mkdir"));
    let dir = scratch_dir("set");
    let script = format!("mkdir {d}/sub; ln -s x {d}/l", d = dir.display());
    let events = capture(
        &mut source,
        || {
            assert!(Command::new("/bin/sh")
                .args(["-c", &script])
                .status()
                .unwrap()
                .success())
        },
        |ev| is(ev, "symlinkat", "<", "ln"),
    );
    let types: BTreeSet<String> = events
        .iter()
        .filter_map(|ev| field(ev, "evt.type"))
        .collect();
    assert!(
        types.contains("execve"),
        "state syscalls are traced: {types:?}"
    );
    assert!(
        !types.contains("mkdir") && !types.contains("mkdirat"),
        "{types:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
