//! The `/proc` snapshot against the running system: this test process with its threads and
//! open files (a file, a pipe, a listening and a connected TCP socket), users read under a
//! scratch host root, a child moved into a cgroup named like a docker scope (root only), and a
//! snapshot written as a capture's opening state that reads back in this crate and in sysdig.

use std::fs::{self, File};
use std::io::Write;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use falcod_probe::procfs::{read_user_list, snapshot, Snapshot, SnapshotOptions};
use falcod_probe::scap::{
    Block, Compression, EventRecord, FdDetail, FdInfo, ProcInfo, Reader, Writer,
};
use falcod_probe::state::State;

/// libscap's fd type codes checked here.
const FD_IPV4_SOCK: u8 = 3;
const FD_IPV4_SERVSOCK: u8 = 5;
const FD_FIFO: u8 = 7;
const FD_FILE_V2: u8 = 16;
/// `scap_l4_proto` of TCP.
const L4_TCP: u8 = 1;
/// `PPM_O_WRONLY`, `PPM_O_APPEND`.
const PPM_O_WRONLY: u32 = 1 << 1;
const PPM_O_APPEND: u32 = 1 << 3;

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("procfs-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// This thread's id, from the `/proc/thread-self` link (`PID/task/TID`).
fn own_tid() -> u64 {
    let link = fs::read_link("/proc/thread-self").unwrap();
    link.file_name().unwrap().to_str().unwrap().parse().unwrap()
}

fn fd_of(fds: &[FdInfo], fd: i32) -> &FdInfo {
    fds.iter()
        .find(|f| f.fd == i64::from(fd))
        .unwrap_or_else(|| panic!("fd {fd} not in the snapshot: {fds:#?}"))
}

/// Files and sockets held open while the snapshot is taken.
struct OpenFiles {
    path: PathBuf,
    file: File,
    pipe: (std::io::PipeReader, std::io::PipeWriter),
    listener: TcpListener,
    client: TcpStream,
    _server_side: TcpStream,
}

fn open_files(dir: &Path) -> OpenFiles {
    let path = dir.join("held-open.txt");
    let file = File::options()
        .create(true)
        .append(true)
        .open(&path)
        .unwrap();
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (server_side, _) = listener.accept().unwrap();
    OpenFiles {
        path: fs::canonicalize(&path).unwrap(),
        file,
        pipe: std::io::pipe().unwrap(),
        listener,
        client,
        _server_side: server_side,
    }
}

#[test]
fn snapshot_holds_this_process_its_threads_and_its_open_files() {
    let dir = scratch("self");
    let open = open_files(&dir);
    let snap = snapshot(&SnapshotOptions::default()).unwrap();
    let pid = u64::from(std::process::id());

    let me = snap.thread(pid).expect("this process is in the snapshot");
    assert_eq!(me.pid, pid);
    assert_eq!(me.ptid, u64::from(std::os::unix::process::parent_id()));
    let exe = std::env::current_exe().unwrap();
    assert_eq!(me.exepath, exe.to_str().unwrap());
    // comm is the executable's name cut to 15 bytes.
    let name = exe.file_name().unwrap().to_str().unwrap();
    assert_eq!(me.comm, &name[..name.len().min(15)]);
    let mut argv = std::env::args();
    assert_eq!(me.exe, argv.next().unwrap());
    let args: Vec<u8> = argv
        .flat_map(|a| [a.into_bytes(), vec![0]].concat())
        .collect();
    assert_eq!(me.args, args);
    assert_eq!(me.cwd, std::env::current_dir().unwrap().to_str().unwrap());
    assert_eq!(me.root, "/");
    // The owner of a file this process created is its effective uid.
    let owner = fs::metadata(&open.path).unwrap();
    assert_eq!((me.uid, me.gid), (owner.uid(), owner.gid()));
    assert_eq!(me.flags, 0, "the main thread has no thread flags");
    assert!(me.fdlimit > 0, "fdlimit {}", me.fdlimit);
    assert!(me.vmsize_kb > 0 && me.vmrss_kb > 0);
    assert_ne!(me.cgroups, b"", "no cgroups read");

    // The test runs on a thread of its own, sharing the process' fds.
    let tid = own_tid();
    assert_ne!(tid, pid, "tests run on a harness thread");
    let thread = snap.thread(tid).expect("this thread is in the snapshot");
    assert_eq!((thread.pid, thread.comm.is_empty()), (pid, false));
    assert_eq!(thread.flags, 1 | (1 << 13), "CLONE_FILES | CLONE_THREAD");
    assert!(snap.fds_of(tid).is_none(), "fds are listed per process");

    let fds = snap.fds_of(pid).expect("this process' fds");
    match &fd_of(fds, open.file.as_raw_fd()) {
        FdInfo {
            fd_type: FD_FILE_V2,
            ino,
            detail: FdDetail::File {
                name, open_flags, ..
            },
            ..
        } => {
            assert_eq!(name, open.path.to_str().unwrap());
            assert_eq!(*ino, owner.ino());
            assert_eq!(
                open_flags & (PPM_O_WRONLY | PPM_O_APPEND),
                PPM_O_WRONLY | PPM_O_APPEND
            );
        }
        other => panic!("the file is {other:?}"),
    }
    let pipe = fd_of(fds, open.pipe.0.as_raw_fd());
    assert_eq!(pipe.fd_type, FD_FIFO);
    assert_eq!(
        pipe.detail,
        FdDetail::Named {
            name: format!("pipe:[{}]", pipe.ino)
        }
    );
    let port = open.listener.local_addr().unwrap().port();
    let listener = fd_of(fds, open.listener.as_raw_fd());
    assert_eq!(listener.fd_type, FD_IPV4_SERVSOCK);
    assert_eq!(
        listener.detail,
        FdDetail::Ipv4Server {
            ip: Ipv4Addr::LOCALHOST,
            port,
            l4proto: L4_TCP
        }
    );
    let client = fd_of(fds, open.client.as_raw_fd());
    assert_eq!(client.fd_type, FD_IPV4_SOCK);
    assert_eq!(
        client.detail,
        FdDetail::Ipv4Socket {
            sip: Ipv4Addr::LOCALHOST,
            dip: Ipv4Addr::LOCALHOST,
            sport: open.client.local_addr().unwrap().port(),
            dport: port,
            l4proto: L4_TCP
        }
    );

    // The snapshot bootstraps a state as a capture's opening blocks do.
    let mut state = State::new();
    snap.apply_to(&mut state);
    let t = state.thread(pid as i64).unwrap();
    assert_eq!(
        (t.comm.as_str(), t.ptid),
        (me.comm.as_str(), me.ptid as i64)
    );
    let listener_fd = state.fd(tid as i64, i64::from(open.listener.as_raw_fd()));
    assert_eq!(
        listener_fd.map(|f| f.name.as_str()),
        Some(format!("127.0.0.1:{port}").as_str())
    );
    let file_fd = state
        .fd(pid as i64, i64::from(open.file.as_raw_fd()))
        .unwrap();
    assert_eq!(file_fd.name, open.path.to_str().unwrap());
    let info = state.thread_info(pid as i64).unwrap();
    assert!(info.container.is_host() || !info.container.runtime.is_empty());
}

#[test]
fn users_and_groups_come_from_the_host_root() {
    let root = scratch("users");
    fs::create_dir_all(root.join("etc")).unwrap();
    fs::write(
        root.join("etc/passwd"),
        "# comment\nroot:x:0:0:root:/root:/bin/bash\n\nalice:x:1000:100:Alice,,,:/home/alice:/bin/zsh\nbroken:x:notanumber:1::/:\n+nisuser::::::\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
    )
    .unwrap();
    fs::write(root.join("etc/group"), "root:x:0:\nusers:x:100:alice,bob\n").unwrap();
    let list = read_user_list(&root).unwrap();
    let users: Vec<_> = list
        .users
        .iter()
        .map(|u| {
            (
                u.uid,
                u.gid,
                u.name.as_str(),
                u.homedir.as_str(),
                u.shell.as_str(),
            )
        })
        .collect();
    assert_eq!(
        users,
        [
            (0, 0, "root", "/root", "/bin/bash"),
            (1000, 100, "alice", "/home/alice", "/bin/zsh"),
            (65534, 65534, "nobody", "/nonexistent", "/usr/sbin/nologin"),
        ]
    );
    let groups: Vec<_> = list
        .groups
        .iter()
        .map(|g| (g.gid, g.name.as_str()))
        .collect();
    assert_eq!(groups, [(0, "root"), (100, "users")]);

    // A whole snapshot under a host root: processes from its proc, users from its etc.
    std::os::unix::fs::symlink("/proc", root.join("proc")).unwrap();
    let snap = snapshot(&SnapshotOptions {
        host_root: root.clone(),
        ..SnapshotOptions::default()
    })
    .unwrap();
    assert_eq!(snap.users, list);
    assert!(snap.thread(u64::from(std::process::id())).is_some());

    let missing = read_user_list(&root.join("nothing-here")).unwrap();
    assert!(missing.users.is_empty() && missing.groups.is_empty());
}

#[test]
fn a_missing_host_proc_names_the_path() {
    let root = scratch("noproc");
    let err = snapshot(&SnapshotOptions {
        host_root: root.clone(),
        ..SnapshotOptions::default()
    })
    .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains(root.join("proc").to_str().unwrap()),
        "error does not name the path: {text}"
    );
}

/// Whether this run must not skip what it cannot do.
fn in_ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

fn skip(reason: &str) {
    assert!(!in_ci(), "required in CI: {reason}");
    println!("skip: {reason}");
}

/// A cgroup hierarchy a test can create cgroups in, with how to enable controllers for
/// children (v2).
struct Hierarchy {
    mount: PathBuf,
    v2: bool,
}

/// Writable hierarchies: v2 ones with controllers first (libscap lists a v2 cgroup only
/// through its controllers), then v1 ones.
fn hierarchies() -> Vec<Hierarchy> {
    let mounts = fs::read_to_string("/proc/self/mounts").unwrap();
    let mut v2 = Vec::new();
    let mut v1 = Vec::new();
    for line in mounts.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        let (Some(dir), Some(kind)) = (f.get(1), f.get(2)) else {
            continue;
        };
        let mount = PathBuf::from(dir);
        match *kind {
            "cgroup2" => {
                let ctrls =
                    fs::read_to_string(mount.join("cgroup.controllers")).unwrap_or_default();
                if !ctrls.trim().is_empty() {
                    v2.push(Hierarchy { mount, v2: true });
                }
            }
            "cgroup" => v1.push(Hierarchy { mount, v2: false }),
            _ => {}
        }
    }
    v2.extend(v1);
    v2
}

/// A child process in `<mount>/falcod-test-<pid>.slice/docker-<id>.scope`, removed on drop.
struct ScopedChild {
    child: Child,
    slice: PathBuf,
    scope: PathBuf,
}

impl ScopedChild {
    fn start(h: &Hierarchy, id: &str) -> std::io::Result<ScopedChild> {
        let slice = h
            .mount
            .join(format!("falcod-test-{}.slice", std::process::id()));
        let scope = slice.join(format!("docker-{id}.scope"));
        fs::create_dir_all(&slice)?;
        if h.v2 {
            // Hand the slice's controllers down to the scope, so that the scope's own path is
            // what libscap lists for them. A slice without controllers (the root does not
            // delegate any) would list the process under the root only.
            let ctrls = fs::read_to_string(slice.join("cgroup.controllers"))?;
            for c in ctrls.split_whitespace() {
                let _ = fs::write(slice.join("cgroup.subtree_control"), format!("+{c}"));
            }
            if ctrls.trim().is_empty() {
                let _ = fs::remove_dir(&slice);
                return Err(std::io::Error::other("the root delegates no controller"));
            }
        }
        if let Err(e) = fs::create_dir_all(&scope) {
            let _ = fs::remove_dir(&slice);
            return Err(e);
        }
        let child = Command::new("sleep").arg("60").spawn()?;
        let me = ScopedChild {
            child,
            slice,
            scope,
        };
        let mut procs = File::options()
            .append(true)
            .open(me.scope.join("cgroup.procs"))?;
        procs.write_all(format!("{}\n", me.child.id()).as_bytes())?;
        // A failure above leaves the cleanup to drop.
        Ok(me)
    }
}

impl Drop for ScopedChild {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir(&self.scope);
        let _ = fs::remove_dir(&self.slice);
    }
}

#[test]
fn a_process_in_a_docker_scope_cgroup_gets_its_container_id() {
    if !fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0) {
        return skip("moving a process between cgroups needs root");
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let id = format!("{:016x}", nanos ^ u64::from(std::process::id())).repeat(4);
    let mut last_error = String::from("no cgroup hierarchy mounted");
    let child = hierarchies()
        .iter()
        .find_map(|h| match ScopedChild::start(h, &id) {
            Ok(c) => Some(c),
            Err(e) => {
                last_error = format!("{}: {e}", h.mount.display());
                None
            }
        });
    let Some(child) = child else {
        return skip(&format!("no writable cgroup hierarchy ({last_error})"));
    };
    let pid = u64::from(child.child.id());
    let snap = snapshot(&SnapshotOptions::default()).unwrap();
    let t = snap.thread(pid).expect("the child is in the snapshot");
    let cgroups = String::from_utf8_lossy(&t.cgroups).replace('\0', " ");
    assert!(
        cgroups.contains(&format!("/docker-{id}.scope")),
        "cgroups of the child: {cgroups}"
    );
    let mut state = State::new();
    snap.apply_to(&mut state);
    let info = state.thread_info(pid as i64).unwrap();
    assert_eq!(info.container.id, &id[..12]);
    assert_eq!(info.container.full_id, id);
    assert_eq!(info.container.runtime, "docker");
    // This process stays on the host.
    let me = state.thread_info(i64::from(std::process::id())).unwrap();
    assert!(!me.container.full_id.contains(&id));
    drop(child);
}

/// Writes `snap` and two events of thread `tid` (a `close` of `fd`, enter and exit).
fn write_capture(snap: &Snapshot, path: &Path, tid: u64, fd: i64) {
    let mut w = Writer::create(path, Compression::Gzip).unwrap();
    w.write_section().unwrap();
    snap.write(&mut w).unwrap();
    let ts = snap.machine.boot_ts_epoch + 1_000_000_000;
    let fd_bytes = fd.to_le_bytes();
    let res = 0i64.to_le_bytes();
    for (i, (event_type, param)) in [(4u16, &fd_bytes), (5u16, &res)].into_iter().enumerate() {
        w.write_event(&EventRecord {
            ts: ts + i as u64,
            tid,
            cpu: 0,
            flags: Some(0),
            event_type,
            params: &[param],
        })
        .unwrap();
    }
    w.close().unwrap();
}

#[test]
fn a_snapshot_written_as_a_capture_bootstraps_the_same_state_and_reads_in_sysdig() {
    let dir = scratch("capture");
    let open = open_files(&dir);
    let snap = snapshot(&SnapshotOptions::default()).unwrap();
    let pid = u64::from(std::process::id());
    let path = dir.join("live.scap");
    let fd = i64::from(open.listener.as_raw_fd());
    write_capture(&snap, &path, pid, fd);

    // Back through the reader: the same blocks, and the same state.
    let mut reader = Reader::open(&path).unwrap();
    let mut state = State::new();
    let mut procs: Vec<ProcInfo> = Vec::new();
    let mut fd_lists = 0;
    while let Some(block) = reader.next_block().unwrap() {
        match &block {
            Block::Processes(p) => procs.extend(p.iter().cloned()),
            Block::Fds { .. } => fd_lists += 1,
            Block::MachineInfo(m) => assert_eq!(m, &snap.machine),
            Block::Users(u) => assert_eq!(u, &snap.users),
            Block::Interfaces(i) => assert_eq!(i, &snap.interfaces),
            _ => {}
        }
        state.apply_block(&block);
    }
    assert_eq!(procs.len(), snap.threads.len());
    assert_eq!(fd_lists, snap.fds.len());
    let mut direct = State::new();
    snap.apply_to(&mut direct);
    assert_eq!(state.thread_count(), direct.thread_count());
    for t in &snap.threads {
        let (a, b) = (
            state.thread_info(t.tid as i64).unwrap(),
            direct.thread_info(t.tid as i64).unwrap(),
        );
        assert_eq!(a, b, "thread {}", t.tid);
    }
    assert_eq!(
        state.fd_table(pid as i64).map(|t| t.len()),
        direct.fd_table(pid as i64).map(|t| t.len())
    );

    if Command::new("sysdig").arg("--version").output().is_err() {
        return skip("sysdig not on PATH");
    }
    let out = Command::new("sysdig")
        .arg("-r")
        .arg(&path)
        .args([
            "-p",
            "%evt.type %evt.dir %proc.pid %proc.name %proc.cmdline %fd.name %user.name",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "sysdig: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let me = snap.thread(pid).unwrap();
    let user = snap
        .users
        .users
        .iter()
        .find(|u| u.uid == me.uid)
        .map_or("<NA>", |u| u.name.as_str());
    let cmdline: String = std::iter::once(me.comm.clone())
        .chain(falcod_probe::state::split_nul(&me.args))
        .collect::<Vec<_>>()
        .join(" ");
    let port = open.listener.local_addr().unwrap().port();
    let want = format!(
        "close > {pid} {} {cmdline} 127.0.0.1:{port} {user}",
        me.comm
    );
    let first = stdout.lines().next().unwrap_or_default();
    assert_eq!(first, want, "sysdig printed:\n{stdout}");
    assert_eq!(stdout.lines().count(), 2, "sysdig printed:\n{stdout}");
}
