//! A deterministic synthetic syscall stream, for benchmarks and tests of the rules engine.
//!
//! [`realistic_mix`] simulates a small host: sshd with interactive shells, cron jobs, a package
//! manager run, nginx, postgres, kubelet, and three containers (nginx in a pod, a Python app,
//! a privileged network agent). Long-running threads do the I/O; execs build ancestry chains
//! of up to seven levels. The stream is made of [`SyntheticEvent`]s, the same
//! [`SyscallEvent`] records the live probe will produce, so the engine sees realistic field
//! values (paths, command lines, flags text, socket tuples).
//!
//! # The mix
//!
//! Per 10,000 events ([`MIX`]): most are syscalls no upstream rule indexes, as on a real host
//! where reads, writes, closes and waits dominate:
//!
//! | events | syscalls |
//! |---|---|
//! | 8,050 | read 2,390, write 1,500, close 900, futex 700, epoll_wait 500, recvfrom 350, fstat 300, mmap 250, sendto 250, poll 200, lseek 150, ioctl 150, nanosleep 150, munmap 100, brk 100, clone 60 |
//! | 1,650 | openat/open: 1,200 for reading (libraries, /proc, /etc, home dirs, /tmp; about 1 in 60 a sensitive file such as /etc/shadow), 350 for writing (/tmp, logs, home dirs, rarely /etc or /usr/bin), 100 failed (ENOENT, EACCES) |
//! | 120 | execve (shells under sshd, cron jobs, dpkg scripts, container entrypoints, shells in containers, a Java server spawning a shell) |
//! | 180 | connect 80 (outbound, localhost, the Kubernetes API), socket 40 (1 in 20 AF_PACKET), dup/dup2/dup3 40 (some redirecting a socket onto stdio in a container), symlinkat/linkat 15 (some over sensitive files), ptrace 3, init_module 2 |
//!
//! Opens are over-represented compared with a quiet host (a few percent there) so that the
//! hottest rule bucket is well exercised. [`execve_only`] is the worst case: every event an
//! execve, the bucket every process rule is indexed under.
//!
//! # Memory shape
//!
//! The stream shares state the way a live source does, so that the benchmarks see realistic
//! cache behaviour (neither every record fresh nor everything hot):
//!
//! * a thread's record ([`ThreadInfo`]) is shared (`Arc`) by all of its events: in the mix, 3
//!   of 4 non-exec events come from 12 long-running threads and 1 of 4 from the 16 most
//!   recently exec'ed processes, i.e. some 30 live records for 10,000 events;
//! * every execve creates a new process record with its own strings, as a real exec does, so
//!   [`execve_only`] touches 10,000 records that were never seen before;
//! * user, group and container records are shared per user, group and container (a process
//!   table resolves them from shared tables), and each parent's ancestor record is made once
//!   and shared by all its children (libsinsp reads ancestry by walking its thread table, not
//!   from a per-process copy);
//! * event arguments and fd records are fresh per event.
//!
//! The generator uses its own small PRNG (SplitMix64): a seed gives the same stream on every
//! platform and version of this crate.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use crate::extract::{
    open_flags as of, AncestorInfo, CommandLines, ContainerInfo, EventArg, FdInfo, FdKind,
    GroupInfo, L4Proto, RawArg, SocketInfo, SyscallEvent, ThreadInfo, UserInfo,
};
use crate::schema::event_table::{EVENT_NAMES, PPME_GENERIC_X};

/// A generated event: an ordinary [`SyscallEvent`].
pub type SyntheticEvent = SyscallEvent;

/// The syscall mix of [`realistic_mix`]: (syscall, events per 10,000).
pub const MIX: [(&str, u32); 30] = [
    ("read", 2390),
    ("write", 1500),
    ("close", 900),
    ("futex", 700),
    ("epoll_wait", 500),
    ("recvfrom", 350),
    ("fstat", 300),
    ("mmap", 250),
    ("sendto", 250),
    ("poll", 200),
    ("lseek", 150),
    ("ioctl", 150),
    ("nanosleep", 150),
    ("munmap", 100),
    ("brk", 100),
    ("clone", 60),
    ("openat", 1000),
    ("open", 200),
    ("openat+w", 350),
    ("openat+fail", 100),
    ("execve", 120),
    ("connect", 80),
    ("socket", 40),
    ("dup", 10),
    ("dup2", 20),
    ("dup3", 10),
    ("symlinkat", 8),
    ("linkat", 7),
    ("ptrace", 3),
    ("init_module", 2),
];

/// The realistic mixed stream: `n` events from `seed` (see the module docs for the mix).
pub fn realistic_mix(seed: u64, n: usize) -> Vec<SyntheticEvent> {
    let mut world = World::new(seed);
    let total: u32 = MIX.iter().map(|m| m.1).sum();
    (0..n)
        .map(|_| {
            let mut pick = world.rng.below(u64::from(total)) as u32;
            let mut which = MIX[0].0;
            for (name, weight) in MIX {
                if pick < weight {
                    which = name;
                    break;
                }
                pick -= weight;
            }
            world.event(which)
        })
        .collect()
}

/// The worst bucket: `n` execve events from `seed`.
pub fn execve_only(seed: u64, n: usize) -> Vec<SyntheticEvent> {
    let mut world = World::new(seed);
    (0..n).map(|_| world.event("execve")).collect()
}

/// SplitMix64: tiny, fast, and good enough for choosing among templates.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
}

/// The exit event code of a syscall: the newest exit event of that name, or the generic exit
/// event for syscalls without one of their own.
fn exit_code(name: &str) -> u16 {
    (0u16..)
        .zip(EVENT_NAMES)
        .filter(|(code, n)| *n == name && code % 2 == 1)
        .map(|(code, _)| code)
        .last()
        .unwrap_or(PPME_GENERIC_X)
}

const SENSITIVE_READS: &[&str] = &[
    "/etc/shadow",
    "/etc/sudoers",
    "/etc/pam.conf",
    "/etc/security/pwquality.conf",
    "/etc/gshadow",
];
const ORDINARY_READS: &[&str] = &[
    "/usr/lib/x86_64-linux-gnu/libc.so.6",
    "/usr/lib/x86_64-linux-gnu/libssl.so.3",
    "/proc/self/stat",
    "/proc/meminfo",
    "/proc/1/cgroup",
    "/etc/ld.so.cache",
    "/etc/nsswitch.conf",
    "/etc/passwd",
    "/etc/hosts",
    "/etc/resolv.conf",
    "/etc/nginx/nginx.conf",
    "/home/alice/.bashrc",
    "/home/alice/project/src/main.rs",
    "/tmp/build-4711/output.log",
    "/var/lib/postgresql/15/main/base/16384/2619",
    "/usr/share/zoneinfo/UTC",
    "/sys/fs/cgroup/memory.max",
];
const WRITES: &[&str] = &[
    "/tmp/tmp.X3q9Zk",
    "/var/log/nginx/access.log",
    "/var/log/syslog",
    "/home/alice/.bash_history",
    "/var/lib/postgresql/15/main/pg_wal/000000010000000000000003",
    "/run/user/1000/bus",
];
const SENSITIVE_WRITES: &[&str] = &[
    "/etc/passwd",
    "/usr/bin/ls",
    "/etc/cron.d/backdoor",
    "/root/.ssh/authorized_keys",
];

/// A process the world can exec: (comm, exe path, arguments).
type Cmd = (&'static str, &'static str, &'static [&'static str]);

const SHELL_CMDS: &[Cmd] = &[
    ("ls", "/usr/bin/ls", &["-la"]),
    ("cat", "/usr/bin/cat", &["/etc/hosts"]),
    ("vim", "/usr/bin/vim", &["notes.txt"]),
    ("grep", "/usr/bin/grep", &["-r", "TODO", "."]),
    ("ps", "/usr/bin/ps", &["aux"]),
    ("sudo", "/usr/bin/sudo", &["systemctl", "restart", "nginx"]),
    ("git", "/usr/bin/git", &["status"]),
    ("curl", "/usr/bin/curl", &["-s", "https://example.com"]),
    ("python3", "/usr/bin/python3", &["manage.py", "migrate"]),
    ("bash", "/usr/bin/bash", &[]),
];
const CRON_CMDS: &[Cmd] = &[
    (
        "run-parts",
        "/usr/bin/run-parts",
        &["--report", "/etc/cron.daily"],
    ),
    ("logrotate", "/usr/sbin/logrotate", &["/etc/logrotate.conf"]),
    (
        "find",
        "/usr/bin/find",
        &["/tmp", "-mtime", "+7", "-delete"],
    ),
    ("gzip", "/usr/bin/gzip", &["-9", "/var/log/syslog.1"]),
];
const DPKG_CMDS: &[Cmd] = &[
    (
        "update-alternat",
        "/usr/bin/update-alternatives",
        &["--quiet", "--install"],
    ),
    ("ldconfig", "/usr/sbin/ldconfig", &[]),
    ("systemctl", "/usr/bin/systemctl", &["daemon-reload"]),
    (
        "sh",
        "/usr/bin/dash",
        &["/var/lib/dpkg/info/openssl.postinst", "configure"],
    ),
];
const CONTAINER_CMDS: &[Cmd] = &[
    ("nginx", "/usr/sbin/nginx", &["-g", "daemon off;"]),
    (
        "sh",
        "/bin/sh",
        &["-c", "/docker-entrypoint.d/20-envsubst.sh"],
    ),
    ("envsubst", "/usr/bin/envsubst", &[]),
    (
        "python3",
        "/usr/local/bin/python3",
        &["-m", "gunicorn", "app:app"],
    ),
    ("bash", "/bin/bash", &[]),
];
const JAVA_SHELLS: &[Cmd] = &[("sh", "/bin/sh", &["-c", "ls /var/zookeeper/data"])];

/// Who exec'ed children come from, and which children.
#[derive(Clone, Copy)]
enum Spawner {
    Shell,
    Cron,
    Dpkg,
    ContainerInit,
    ContainerShell,
    Java,
}

struct World {
    rng: Rng,
    num: u64,
    now: u64,
    next_pid: i64,
    /// Long-running threads that do most of the I/O.
    busy: Vec<Arc<ThreadInfo>>,
    /// Parents of execs, each with the kind of children it starts.
    spawners: Vec<(Arc<ThreadInfo>, Spawner)>,
    /// The most recently exec'ed processes (they go on to open files and connect).
    recent: Vec<Arc<ThreadInfo>>,
    /// Containers with a network agent (privileged) for AF_PACKET sockets.
    agent: Arc<ThreadInfo>,
    /// A shell inside a container (stdio redirects).
    container_shell: Arc<ThreadInfo>,
    /// Each parent's ancestor record, made when it first has a child and shared by all its
    /// children (by pid).
    parents: HashMap<i64, Arc<AncestorInfo>>,
    /// Group records, shared like the user records.
    groups: Vec<Arc<GroupInfo>>,
}

fn user(uid: u32, name: &str, home: &str, shell: &str) -> Arc<UserInfo> {
    Arc::new(UserInfo {
        uid,
        name: name.into(),
        home: home.into(),
        shell: shell.into(),
    })
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

const ALL_CAPS: &str = "CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH CAP_FOWNER CAP_FSETID CAP_KILL CAP_SETGID CAP_SETUID CAP_SETPCAP CAP_NET_BIND_SERVICE CAP_NET_ADMIN CAP_NET_RAW CAP_SYS_MODULE CAP_SYS_PTRACE CAP_SYS_ADMIN";
const DOCKER_CAPS: &str = "CAP_CHOWN CAP_DAC_OVERRIDE CAP_FOWNER CAP_FSETID CAP_KILL CAP_SETGID CAP_SETUID CAP_SETPCAP CAP_NET_BIND_SERVICE CAP_NET_RAW CAP_SYS_CHROOT CAP_MKNOD CAP_AUDIT_WRITE CAP_SETFCAP";

const START_NS: u64 = 1_735_689_600_000_000_000; // 2025-01-01T00:00:00Z

impl World {
    fn new(seed: u64) -> World {
        let root = user(0, "root", "/root", "/bin/bash");
        let alice = user(1000, "alice", "/home/alice", "/bin/bash");
        let www = user(33, "www-data", "/var/www", "/usr/sbin/nologin");
        let pg = user(999, "postgres", "/var/lib/postgresql", "/bin/bash");
        let host = Arc::new(ContainerInfo::host());
        let container =
            |id: &str, name: &str, repo: &str, tag: &str, privileged: bool, pod: &str| {
                Arc::new(ContainerInfo {
                    id: id[..12].to_string(),
                    full_id: id.to_string(),
                    name: name.into(),
                    runtime: "containerd".into(),
                    image_repository: repo.into(),
                    image_tag: tag.into(),
                    privileged,
                    start_ns: START_NS - 3_600_000_000_000,
                    k8s_pod: pod.into(),
                    k8s_ns: if pod.is_empty() {
                        String::new()
                    } else {
                        "default".into()
                    },
                })
            };
        let web = container(
            "3f2a9c1d7b4e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9011223344556677889",
            "web",
            "docker.io/library/nginx",
            "1.25",
            false,
            "web-7d9f8c6b5-x2kqp",
        );
        let app = container(
            "a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00",
            "billing-api",
            "registry.example.com/billing/api",
            "2.3.1",
            false,
            "",
        );
        let calico = container(
            "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff1",
            "calico-node",
            "docker.io/calico/node",
            "v3.27.0",
            true,
            "calico-node-8xk2z",
        );

        let mut w = World {
            rng: Rng(seed),
            num: 0,
            now: START_NS,
            next_pid: 10_000,
            busy: Vec::new(),
            spawners: Vec::new(),
            recent: Vec::new(),
            agent: Arc::default(),
            container_shell: Arc::default(),
            parents: HashMap::new(),
            groups: Vec::new(),
        };
        let mk = |w: &mut World,
                  parent: Option<&Arc<ThreadInfo>>,
                  cmd: Cmd,
                  u: &Arc<UserInfo>,
                  c: &Arc<ContainerInfo>,
                  tty: u32| w.spawn(parent, cmd, u, c, tty);

        let systemd = mk(
            &mut w,
            None,
            ("systemd", "/usr/lib/systemd/systemd", &["--system"]),
            &root,
            &host,
            0,
        );
        let sshd = mk(
            &mut w,
            Some(&systemd),
            ("sshd", "/usr/sbin/sshd", &["-D"]),
            &root,
            &host,
            0,
        );
        let sshd_s = mk(
            &mut w,
            Some(&sshd),
            ("sshd", "/usr/sbin/sshd", &["-D", "-R"]),
            &root,
            &host,
            0,
        );
        let bash = mk(
            &mut w,
            Some(&sshd_s),
            ("bash", "/usr/bin/bash", &[]),
            &alice,
            &host,
            34816,
        );
        let cron = mk(
            &mut w,
            Some(&systemd),
            ("cron", "/usr/sbin/cron", &["-f"]),
            &root,
            &host,
            0,
        );
        let cron_sh = mk(
            &mut w,
            Some(&cron),
            (
                "sh",
                "/usr/bin/dash",
                &[
                    "-c",
                    "test -x /usr/sbin/anacron || run-parts --report /etc/cron.daily",
                ],
            ),
            &root,
            &host,
            0,
        );
        let apt = mk(
            &mut w,
            Some(&bash),
            ("apt-get", "/usr/bin/apt-get", &["install", "-y", "openssl"]),
            &root,
            &host,
            34816,
        );
        let dpkg = mk(
            &mut w,
            Some(&apt),
            (
                "dpkg",
                "/usr/bin/dpkg",
                &["--status-fd", "23", "--configure", "openssl"],
            ),
            &root,
            &host,
            34816,
        );
        let nginx = mk(
            &mut w,
            Some(&systemd),
            (
                "nginx",
                "/usr/sbin/nginx",
                &["-g", "daemon on; master_process on;"],
            ),
            &root,
            &host,
            0,
        );
        let worker = mk(
            &mut w,
            Some(&nginx),
            (
                "nginx",
                "/usr/sbin/nginx",
                &["-g", "daemon on; master_process on;"],
            ),
            &www,
            &host,
            0,
        );
        let postgres = mk(
            &mut w,
            Some(&systemd),
            (
                "postgres",
                "/usr/lib/postgresql/15/bin/postgres",
                &["-D", "/var/lib/postgresql/15/main"],
            ),
            &pg,
            &host,
            0,
        );
        let pg_worker = mk(
            &mut w,
            Some(&postgres),
            (
                "postgres",
                "/usr/lib/postgresql/15/bin/postgres",
                &["-D", "/var/lib/postgresql/15/main"],
            ),
            &pg,
            &host,
            0,
        );
        let kubelet = mk(
            &mut w,
            Some(&systemd),
            (
                "kubelet",
                "/usr/bin/kubelet",
                &["--config=/var/lib/kubelet/config.yaml"],
            ),
            &root,
            &host,
            0,
        );
        let journald = mk(
            &mut w,
            Some(&systemd),
            ("systemd-journal", "/usr/lib/systemd/systemd-journald", &[]),
            &root,
            &host,
            0,
        );
        let containerd = mk(
            &mut w,
            Some(&systemd),
            ("containerd", "/usr/bin/containerd", &[]),
            &root,
            &host,
            0,
        );
        let shim = mk(
            &mut w,
            Some(&containerd),
            (
                "containerd-shim",
                "/usr/bin/containerd-shim-runc-v2",
                &[
                    "-namespace",
                    "k8s.io",
                    "-address",
                    "/run/containerd/containerd.sock",
                ],
            ),
            &root,
            &host,
            0,
        );
        let web_init = mk(
            &mut w,
            Some(&shim),
            (
                "sh",
                "/bin/sh",
                &["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"],
            ),
            &root,
            &web,
            0,
        );
        let web_nginx = mk(
            &mut w,
            Some(&web_init),
            ("nginx", "/usr/sbin/nginx", &["-g", "daemon off;"]),
            &www,
            &web,
            0,
        );
        let app_init = mk(
            &mut w,
            Some(&shim),
            (
                "python3",
                "/usr/local/bin/python3",
                &["-m", "gunicorn", "app:app"],
            ),
            &root,
            &app,
            0,
        );
        let java = mk(
            &mut w,
            Some(&shim),
            (
                "java",
                "/usr/lib/jvm/java-17/bin/java",
                &[
                    "-cp",
                    "/opt/zookeeper/lib/*",
                    "org.apache.zookeeper.server.quorum.QuorumPeerMain",
                ],
            ),
            &root,
            &app,
            0,
        );
        let runc = mk(
            &mut w,
            Some(&shim),
            ("runc", "/usr/bin/runc", &["exec", "-t"]),
            &root,
            &host,
            0,
        );
        let c_shell = mk(
            &mut w,
            Some(&runc),
            ("bash", "/bin/bash", &[]),
            &root,
            &web,
            34817,
        );
        let agent = mk(
            &mut w,
            Some(&shim),
            ("calico-node", "/bin/calico-node", &["-felix"]),
            &root,
            &calico,
            0,
        );

        w.busy = vec![
            worker.clone(),
            worker,
            pg_worker.clone(),
            pg_worker,
            kubelet,
            journald,
            web_nginx,
            app_init.clone(),
            bash.clone(),
            sshd_s,
            containerd,
            agent.clone(),
        ];
        w.spawners = vec![
            (bash, Spawner::Shell),
            (cron_sh, Spawner::Cron),
            (dpkg, Spawner::Dpkg),
            (web_init, Spawner::ContainerInit),
            (app_init, Spawner::ContainerInit),
            (c_shell.clone(), Spawner::ContainerShell),
            (runc, Spawner::ContainerShell),
            (java, Spawner::Java),
        ];
        w.agent = agent;
        w.container_shell = c_shell;
        w
    }

    fn spawn(
        &mut self,
        parent: Option<&Arc<ThreadInfo>>,
        (name, exepath, args): Cmd,
        u: &Arc<UserInfo>,
        container: &Arc<ContainerInfo>,
        tty: u32,
    ) -> Arc<ThreadInfo> {
        self.next_pid += 1 + self.rng.below(7) as i64;
        let pid = self.next_pid;
        let mut ancestors: Vec<Arc<AncestorInfo>> = Vec::new();
        if let Some(p) = parent {
            let record = self
                .parents
                .entry(p.pid)
                .or_insert_with(|| Arc::new(p.as_ancestor()));
            ancestors.push(record.clone());
            ancestors.extend(p.ancestors.iter().take(7).cloned());
        }
        let in_container = !container.is_host();
        let group = match self.groups.iter().find(|g| g.gid == u.uid) {
            Some(g) => g.clone(),
            None => {
                let g = Arc::new(GroupInfo {
                    gid: u.uid,
                    name: if u.uid == 0 {
                        "root".into()
                    } else {
                        u.name.clone()
                    },
                });
                self.groups.push(g.clone());
                g
            }
        };
        let thread = ThreadInfo {
            pid,
            tid: pid,
            vpid: if in_container { (pid % 200) + 1 } else { pid },
            sid: parent.map_or(pid, |p| p.sid),
            sname: parent.map_or_else(|| name.to_string(), |p| p.sname.clone()),
            name: name.into(),
            exe: exepath.rsplit('/').next().unwrap_or(exepath).to_string(),
            exepath: exepath.into(),
            args: strings(args),
            cwd: if u.uid == 0 {
                "/root/".into()
            } else {
                format!("{}/", u.home)
            },
            env: vec![
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
                format!("HOME={}", u.home),
                "LANG=C.UTF-8".into(),
            ],
            tty,
            loginuid: if tty != 0 && !in_container { 1000 } else { -1 },
            loginname: if tty != 0 && !in_container {
                "alice".into()
            } else {
                String::new()
            },
            user: u.clone(),
            group,
            start_ns: self.now,
            ancestors,
            container: container.clone(),
            cap_effective: if u.uid != 0 {
                String::new()
            } else if in_container && !container.privileged {
                DOCKER_CAPS.into()
            } else {
                ALL_CAPS.into()
            },
            cap_permitted: if u.uid == 0 {
                ALL_CAPS.into()
            } else {
                String::new()
            },
            exe_writable: false,
            exe_upper_layer: false,
            exe_from_memfd: false,
            lines: CommandLines::default(),
        };
        Arc::new(thread.with_lines())
    }

    fn base(
        &mut self,
        type_name: &'static str,
        thread: Arc<ThreadInfo>,
        res: i64,
    ) -> SyntheticEvent {
        self.num += 1;
        self.now += 200 + self.rng.below(20_000);
        SyscallEvent {
            num: self.num,
            ts_ns: self.now,
            code: exit_code(type_name),
            type_name,
            res: Some(res),
            thread,
            fd: None,
            args: Vec::new(),
            open_flags: None,
            open_mode: 0,
        }
    }

    /// A thread for I/O: usually a long-running one, sometimes a recently exec'ed process.
    fn actor(&mut self) -> Arc<ThreadInfo> {
        if !self.recent.is_empty() && self.rng.chance(250) {
            self.rng.pick(&self.recent).clone()
        } else {
            self.rng.pick(&self.busy).clone()
        }
    }

    fn event(&mut self, which: &'static str) -> SyntheticEvent {
        match which {
            "openat" | "open" => self.open(which, false, false),
            "openat+w" => self.open("openat", true, false),
            "openat+fail" => self.open("openat", false, true),
            "execve" => self.execve(),
            "connect" => self.connect(),
            "socket" => self.socket(),
            "dup" | "dup2" | "dup3" => self.dup(which),
            "symlinkat" | "linkat" => self.link(which),
            "ptrace" => self.ptrace(),
            "init_module" => self.init_module(),
            other => self.unrelated(other),
        }
    }
}

mod events;
