//! Live probe tests: real actions on this machine must come out of the kernel programs as
//! events whose fields, extracted through `State` (bootstrapped from a /proc snapshot, as a live
//! capture starts) and the output formatter (the path rules take), are exactly what the action
//! did.
//!
//! They need root, BTF and a build with the eBPF programs: without them they fail when
//! `CI=true` and are skipped (with the reason printed) otherwise. `FALCOD_LIVE_DUMP=1` prints
//! every event read.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use falcod_probe::live::{LiveOptions, LiveSource, ProbeError};
use falcod_probe::procfs::{snapshot, SnapshotOptions};
use falcod_probe::state::{ReplayEvent, State};
use falcod_rules::event::Values;
use falcod_rules::format::OutputFormat;

/// The system Python (not a pyenv shim): its process is named `python3`.
const PYTHON: &str = "/usr/bin/python3";

/// One probe at a time: tests run on parallel threads, and each test's events must not be
/// consumed by another test's reader.
static PROBE: Mutex<()> = Mutex::new(());

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

/// Opens the probe, or explains why not: a failure in CI, a skip elsewhere.
fn open_or_skip(test: &str, opts: &LiveOptions) -> Option<LiveSource> {
    match LiveSource::open(opts) {
        Ok(s) => Some(s),
        Err(e @ (ProbeError::NotBuilt | ProbeError::NotRoot(_) | ProbeError::NoBtf { .. }))
            if !in_ci() =>
        {
            skip!("SKIP {test}: {e}");
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

fn f(ev: &ReplayEvent, name: &str) -> String {
    field(ev, name).unwrap_or_else(|| "<none>".into())
}

/// The name of the calling thread (the test's thread, parent of the processes it spawns: their
/// `proc.pname`, as libsinsp takes the parent from the thread that forked).
fn my_thread_comm() -> String {
    std::fs::read_to_string("/proc/thread-self/comm")
        .unwrap()
        .trim_end()
        .to_string()
}

/// Runs `action` with the probe attached and returns the events read until `done` has seen
/// what it waits for (or ten seconds have passed). The state starts from a /proc snapshot
/// taken after the probe was attached, as a live capture starts.
fn capture(
    source: &mut LiveSource,
    action: impl FnOnce(),
    mut done: impl FnMut(&ReplayEvent) -> bool,
) -> Vec<ReplayEvent> {
    // Leftovers of earlier actions are not this test's.
    while source.next_batch(Duration::ZERO, |_| {}).unwrap() > 0 {}
    let mut state = State::new();
    snapshot(&SnapshotOptions::default())
        .expect("/proc snapshot")
        .apply_to(&mut state);
    let mut num = 0;
    let dump = std::env::var_os("FALCOD_LIVE_DUMP").is_some();
    action();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut events = Vec::new();
    let mut finished = false;
    while !finished && Instant::now() < deadline {
        source
            .next_batch(Duration::from_millis(50), |raw| {
                num += 1;
                if let Some(ev) = state.event(num, raw) {
                    if dump {
                        eprintln!(
                            "{} {} {} {} ({}) {}",
                            f(&ev, "evt.num"),
                            f(&ev, "evt.type"),
                            f(&ev, "evt.dir"),
                            f(&ev, "proc.name"),
                            f(&ev, "proc.pname"),
                            f(&ev, "evt.args")
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
    let drops = source.drops().unwrap();
    assert_eq!(drops.drops, 0, "events were dropped: {drops:?}");
    assert_eq!(drops.bad_records, 0, "unparsable records: {drops:?}");
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

/// `ln -s`'s event: symlinkat (coreutils) or symlink (busybox, in the VM).
fn is_link(ev: &ReplayEvent) -> bool {
    is(ev, "symlinkat", "<", "ln") || is(ev, "symlink", "<", "ln")
}

/// A directory as `proc.cwd` prints it: with one trailing slash.
fn with_slash(dir: &Path) -> String {
    let s = dir.display().to_string();
    if s.ends_with('/') {
        s
    } else {
        s + "/"
    }
}

fn find<'a>(
    events: &'a [ReplayEvent],
    what: &str,
    p: impl Fn(&ReplayEvent) -> bool,
) -> &'a ReplayEvent {
    events
        .iter()
        .find(|ev| p(ev))
        .unwrap_or_else(|| panic!("no event for {what} among {} events", events.len()))
}

fn scratch_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("falcod-live-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(cmd: &mut Command) {
    let st = cmd.stdout(Stdio::null()).status().unwrap();
    assert!(st.success(), "{cmd:?}: {st}");
}

/// The fields every event of a process the test started has: a root user on the host.
fn assert_host_root(ev: &ReplayEvent) {
    assert_eq!(f(ev, "user.name"), "root");
    assert_eq!(f(ev, "user.uid"), "0");
    assert_eq!(f(ev, "container.id"), "host");
}

#[test]
fn an_untrusted_program_reading_etc_shadow_is_an_openat_with_its_path_and_ancestry() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut source) = open_or_skip("shadow", &LiveOptions::default()) else {
        return;
    };
    // A copy of cat under a name no package gives it.
    let dir = scratch_dir("shadow");
    let reader = dir.join("sh4d0w-r34d3r");
    std::fs::copy("/bin/cat", &reader).unwrap();
    let me = my_thread_comm();
    let script = format!("{} /etc/shadow", reader.display());
    let events = capture(
        &mut source,
        || run(Command::new("/bin/sh").args(["-c", &script])),
        |ev| is(ev, "close", "<", "sh4d0w-r34d3r") && f(ev, "fd.name") == "/etc/shadow",
    );
    let open = find(&events, "the open of /etc/shadow", |ev| {
        is(ev, "openat", "<", "sh4d0w-r34d3r") && f(ev, "fd.name") == "/etc/shadow"
    });
    assert_eq!(f(open, "evt.res"), "SUCCESS");
    assert_eq!(f(open, "evt.is_open_read"), "true");
    assert_eq!(f(open, "evt.arg.flags"), "O_RDONLY");
    assert_eq!(f(open, "fd.typechar"), "f");
    assert_eq!(f(open, "fd.directory"), "/etc");
    assert_eq!(f(open, "fd.filename"), "shadow");
    assert_eq!(
        f(open, "proc.cmdline"),
        format!("sh4d0w-r34d3r /etc/shadow")
    );
    assert_eq!(f(open, "proc.exepath"), reader.to_str().unwrap());
    assert_eq!(f(open, "proc.pname"), "sh");
    assert_eq!(f(open, "proc.aname[2]"), me);
    assert_eq!(f(open, "proc.pcmdline"), format!("sh -c {script}"));
    assert_host_root(open);
    let fd = f(open, "evt.rawres");
    assert_eq!(f(open, "fd.num"), fd);
    // The close names the file through the fd table, and removes it from the table.
    let close = find(&events, "the close of /etc/shadow", |ev| {
        is(ev, "close", "<", "sh4d0w-r34d3r") && f(ev, "fd.name") == "/etc/shadow"
    });
    assert_eq!(f(close, "fd.num"), fd);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The shell's script: echo is not its last command, so every shell forks for it (a last
/// command may be exec'd in the shell's own process, as busybox does).
const SHELL_SCRIPT: &str = "/bin/echo falcod-live-marker one two; exit 0";

#[test]
fn spawning_a_shell_names_the_process_its_parent_and_arguments() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut source) = open_or_skip("shell", &LiveOptions::default()) else {
        return;
    };
    let me = my_thread_comm();
    let events = capture(
        &mut source,
        || run(Command::new("/bin/sh").args(["-c", SHELL_SCRIPT])),
        |ev| is(ev, "execve", "<", "echo"),
    );
    let sh = find(&events, "the shell's execve", |ev| {
        is(ev, "execve", "<", "sh")
    });
    assert_eq!(f(sh, "evt.res"), "SUCCESS");
    assert_eq!(f(sh, "proc.cmdline"), format!("sh -c {SHELL_SCRIPT}"));
    assert_eq!(f(sh, "proc.args"), format!("-c {SHELL_SCRIPT}"));
    assert_eq!(f(sh, "proc.exepath"), "/bin/sh");
    assert_eq!(f(sh, "proc.pname"), me);
    assert_eq!(
        f(sh, "proc.cwd"),
        with_slash(&std::env::current_dir().unwrap())
    );
    assert_host_root(sh);
    let echo = find(&events, "echo's execve", |ev| is(ev, "execve", "<", "echo"));
    assert_eq!(f(echo, "proc.cmdline"), "echo falcod-live-marker one two");
    assert_eq!(f(echo, "proc.exe"), "/bin/echo");
    assert_eq!(f(echo, "proc.exepath"), "/bin/echo");
    assert_eq!(f(echo, "proc.pname"), "sh");
    assert_eq!(f(echo, "proc.aname[2]"), me);
    assert_eq!(f(echo, "proc.ppid"), f(sh, "proc.pid"));
    assert_host_root(echo);
    // The fork that made the shell is seen from both sides.
    let child = find(&events, "the child side of the fork", |ev| {
        field(ev, "evt.type").is_some_and(|t| t.starts_with("clone"))
            && f(ev, "evt.dir") == "<"
            && f(ev, "evt.rawres") == "0"
            && f(ev, "proc.pid") == f(sh, "proc.pid")
    });
    assert_eq!(f(child, "proc.pname"), me);
}

#[test]
fn writing_below_etc_and_usr_bin_in_a_private_mount_namespace_is_seen_with_the_paths() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut source) = open_or_skip("write", &LiveOptions::default()) else {
        return;
    };
    // tmpfs over /etc and /usr/bin, in a mount namespace of their own: the host's are untouched.
    // /usr/bin goes last (the mount binary lives there); echo is a shell builtin.
    let script = "mount -t tmpfs tmpfs /etc && echo y > /etc/falcod-live.conf && \
                  mount -t tmpfs tmpfs /usr/bin && echo x > /usr/bin/falcod-dropper";
    let me = my_thread_comm();
    let events = capture(
        &mut source,
        || {
            run(Command::new("unshare").args([
                "--mount",
                "--propagation",
                "private",
                "/bin/sh",
                "-c",
                script,
            ]))
        },
        |ev| is(ev, "openat", "<", "sh") && f(ev, "fd.name") == "/usr/bin/falcod-dropper",
    );
    assert!(!Path::new("/etc/falcod-live.conf").exists());
    for path in ["/etc/falcod-live.conf", "/usr/bin/falcod-dropper"] {
        let open = find(&events, path, |ev| {
            is(ev, "openat", "<", "sh") && f(ev, "fd.name") == path
        });
        assert_eq!(f(open, "evt.res"), "SUCCESS");
        assert_eq!(f(open, "evt.is_open_write"), "true");
        // PPM_O_WRONLY | PPM_O_CREAT | PPM_O_TRUNC
        assert_eq!(f(open, "evt.rawarg.flags"), "262");
        // unshare runs the shell in its own process (no fork): the shell's parent is us.
        assert_eq!(f(open, "proc.pname"), me);
        assert_eq!(f(open, "proc.aname[1]"), me);
        assert_eq!(f(open, "proc.cmdline"), format!("sh -c {script}"));
        assert_host_root(open);
    }
    // busybox's sh (in the VM) runs mount without a process of its own: any process name.
    let mount = find(&events, "the mount", |ev| {
        f(ev, "evt.type") == "mount" && f(ev, "evt.dir") == "<" && f(ev, "evt.arg.dir") == "/etc"
    });
    assert_eq!(f(mount, "evt.arg.dir"), "/etc");
    assert_eq!(f(mount, "evt.arg.type"), "tmpfs");
}

#[test]
fn a_symlink_to_a_sensitive_file_is_seen_with_its_target_link_path_and_cwd() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut source) = open_or_skip("symlink", &LiveOptions::default()) else {
        return;
    };
    let dir = scratch_dir("symlink");
    // A relative link path: the event's path is resolved against the working directory.
    let events = capture(
        &mut source,
        || {
            run(Command::new("/bin/ln")
                .args(["-s", "/etc/shadow", "shadow-link"])
                .current_dir(&dir))
        },
        is_link,
    );
    let sym = find(&events, "the symlink", is_link);
    assert_eq!(f(sym, "evt.res"), "SUCCESS");
    assert_eq!(f(sym, "evt.arg.target"), "/etc/shadow");
    assert_eq!(f(sym, "evt.arg.linkpath"), "shadow-link");
    assert_eq!(f(sym, "proc.cmdline"), "ln -s /etc/shadow shadow-link");
    assert_eq!(f(sym, "proc.cwd"), with_slash(&dir));
    assert_host_root(sym);
    assert_eq!(
        std::fs::read_link(dir.join("shadow-link")).unwrap(),
        Path::new("/etc/shadow")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn connecting_to_a_local_port_names_the_socket_after_its_destination() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut source) = open_or_skip("connect", &LiveOptions::default()) else {
        return;
    };
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let code = format!("import socket; socket.create_connection(('127.0.0.1', {port})).close()");
    let events = capture(
        &mut source,
        || run(Command::new(PYTHON).args(["-c", &code])),
        |ev| is(ev, "connect", "<", "python3"),
    );
    let conn = find(&events, "the connect", |ev| {
        is(ev, "connect", "<", "python3")
    });
    assert_eq!(f(conn, "evt.res"), "SUCCESS");
    assert_eq!(f(conn, "fd.sip"), "127.0.0.1");
    assert_eq!(f(conn, "fd.sport"), port.to_string());
    assert_eq!(f(conn, "fd.l4proto"), "tcp");
    assert_eq!(f(conn, "fd.typechar"), "4");
    assert_eq!(f(conn, "proc.cmdline"), format!("python3 -c {code}"));
    assert_host_root(conn);
    let sock = find(&events, "the socket", |ev| is(ev, "socket", "<", "python3"));
    assert_eq!(f(sock, "evt.rawarg.domain"), "2");
    assert_eq!(f(sock, "fd.num"), f(conn, "fd.num"));
    // The close names the connection, then the fd is gone from the table.
    let after: u64 = f(conn, "evt.num").parse().unwrap();
    let close = find(&events, "the close", |ev| {
        is(ev, "close", "<", "python3")
            && f(ev, "fd.num") == f(conn, "fd.num")
            && f(ev, "evt.num").parse::<u64>().unwrap() > after
    });
    assert_eq!(f(close, "evt.res"), "SUCCESS");
    assert_eq!(f(close, "fd.typechar"), "4");
    drop(listener);
}

#[test]
fn a_packet_socket_and_a_ptrace_attach_are_seen() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut source) = open_or_skip("ptrace", &LiveOptions::default()) else {
        return;
    };
    let code = "import ctypes, os, signal, socket, time\n\
                s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0); s.close()\n\
                pid = os.fork()\n\
                if pid == 0:\n    time.sleep(5); os._exit(0)\n\
                libc = ctypes.CDLL(None, use_errno=True)\n\
                assert libc.ptrace(16, pid, None, None) == 0\n\
                os.waitpid(pid, 0)\n\
                os.kill(pid, signal.SIGKILL); os.waitpid(pid, 0)";
    let events = capture(
        &mut source,
        || run(Command::new(PYTHON).args(["-c", code])),
        |ev| is(ev, "ptrace", "<", "python3"),
    );
    let sock = find(&events, "the packet socket", |ev| {
        is(ev, "socket", "<", "python3") && f(ev, "evt.rawarg.domain") == "17"
    });
    assert_eq!(f(sock, "evt.res"), "SUCCESS");
    assert_host_root(sock);
    let enter = find(&events, "the ptrace enter", |ev| {
        is(ev, "ptrace", ">", "python3")
    });
    // PPM_PTRACE_ATTACH
    assert_eq!(f(enter, "evt.rawarg.request"), "11");
    let exit = find(&events, "the ptrace exit", |ev| {
        is(ev, "ptrace", "<", "python3")
    });
    assert_eq!(f(exit, "evt.res"), "SUCCESS");
    assert_eq!(f(exit, "evt.rawarg.request"), "11");
    assert_eq!(f(exit, "evt.rawarg.pid"), f(enter, "evt.rawarg.pid"));
    assert_eq!(f(exit, "proc.cmdline"), format!("python3 -c {code}"));
    assert_host_root(exit);
}

#[test]
fn only_the_requested_event_types_and_the_state_syscalls_are_traced() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let opts = LiveOptions {
        event_types: Some(BTreeSet::from([
            "symlinkat".to_string(),
            "symlink".to_string(),
        ])),
        ..LiveOptions::default()
    };
    let Some(mut source) = open_or_skip("syscall set", &opts) else {
        return;
    };
    assert!(source.syscalls().contains("symlinkat"));
    assert!(!source.syscalls().contains("mkdir"));
    let dir = scratch_dir("set");
    let script = format!("mkdir {d}/sub; ln -s x {d}/l", d = dir.display());
    let events = capture(
        &mut source,
        || run(Command::new("/bin/sh").args(["-c", &script])),
        // busybox's sh runs ln in its own process: any process name.
        |ev| {
            matches!(f(ev, "evt.type").as_str(), "symlink" | "symlinkat") && f(ev, "evt.dir") == "<"
        },
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

/// A cgroup hierarchy the test may create cgroups in, and how /proc names it: a v1 `cpu`
/// hierarchy, else the v2 one (when it has controllers, as libscap reads v2 paths through them).
fn cgroup_root() -> Option<PathBuf> {
    let mounts = std::fs::read_to_string("/proc/self/mounts").ok()?;
    let mut v2 = None;
    for line in mounts.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 4 {
            continue;
        }
        if f[2] == "cgroup" && f[3].split(',').any(|o| o == "cpu") {
            return Some(PathBuf::from(f[1]));
        }
        if f[2] == "cgroup2"
            && std::fs::read_to_string(Path::new(f[1]).join("cgroup.controllers"))
                .is_ok_and(|c| !c.trim().is_empty())
        {
            v2 = Some(PathBuf::from(f[1]));
        }
    }
    v2
}

/// Moves a shell into the cgroup `rel` (below the hierarchy `root`), where it execs a sleep;
/// returns the sleep's execve exit as seen live.
fn exec_in_cgroup(source: &mut LiveSource, root: &Path, rel: &str) -> ReplayEvent {
    let dir = root.join(rel);
    std::fs::create_dir_all(&dir).unwrap();
    // Under cgroup v2 a cgroup is named by its controllers, which must be enabled down to it
    // (libscap reads v2 paths through the controllers): enable the root's on the way.
    if let Ok(ctrls) = std::fs::read_to_string(root.join("cgroup.controllers")) {
        let mut p = root.to_path_buf();
        let parents = Path::new(rel)
            .parent()
            .map(|r| r.components().collect::<Vec<_>>());
        for step in std::iter::once(None).chain(parents.unwrap_or_default().into_iter().map(Some)) {
            if let Some(part) = step {
                p.push(part);
            }
            for c in ctrls.split_whitespace() {
                let _ = std::fs::write(p.join("cgroup.subtree_control"), format!("+{c}"));
            }
        }
    }
    let script = format!(
        "echo $$ > {}/cgroup.procs && exec /bin/sleep 5",
        dir.display()
    );
    let mut child = None;
    let events = capture(
        source,
        || {
            child = Some(
                Command::new("/bin/sh")
                    .args(["-c", &script])
                    .spawn()
                    .unwrap(),
            )
        },
        |ev| is(ev, "execve", "<", "sleep"),
    );
    let mut child = child.unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let exec = find(&events, "the sleep's execve", |ev| {
        is(ev, "execve", "<", "sleep")
    })
    .clone();
    // Remove the cgroups made, innermost first (the process has left them by now).
    let mut p = dir.as_path();
    while p != root {
        let _ = std::fs::remove_dir(p);
        p = p.parent().unwrap();
    }
    exec
}

#[test]
fn a_process_in_a_docker_or_containerd_named_cgroup_gets_that_container_id() {
    let _guard = PROBE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut source) = open_or_skip("container", &LiveOptions::default()) else {
        return;
    };
    let Some(root) = cgroup_root() else {
        assert!(!in_ci(), "no cgroup hierarchy to create cgroups in");
        skip!("SKIP container: no v1 cpu hierarchy and no v2 hierarchy with controllers");
        return;
    };
    let id = "4f1c2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7";
    let docker = exec_in_cgroup(
        &mut source,
        &root,
        &format!("system.slice/docker-{id}.scope"),
    );
    assert_eq!(f(&docker, "container.id"), &id[..12]);
    assert_eq!(f(&docker, "container.type"), "docker");
    assert_eq!(f(&docker, "proc.name"), "sleep");
    let pod = "kubepods.slice/kubepods-besteffort.slice/\
               kubepods-besteffort-pod0f1e2d3c_4b5a_6978_8796_a5b4c3d2e1f0.slice";
    let containerd = exec_in_cgroup(
        &mut source,
        &root,
        &format!("{pod}/cri-containerd-{id}.scope"),
    );
    assert_eq!(f(&containerd, "container.id"), &id[..12]);
    assert_eq!(f(&containerd, "container.type"), "containerd");
    assert_eq!(f(&containerd, "container.full_id"), id);
}
