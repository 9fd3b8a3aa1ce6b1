//! A test-side builder of [`SyscallEvent`]s: a [`Proc`] (thread record with its ancestry,
//! user and container) and one method per syscall the rules watch, each filling the
//! arguments, return value and fd the way the probe's model does for that event.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use falcod_probe::extract::{
    open_flags as of, AncestorInfo, ContainerInfo, EventArg, FdInfo, FdKind, GroupInfo, L4Proto,
    RawArg, SocketInfo, SyscallEvent, ThreadInfo, UserInfo,
};
use falcod_probe::schema::event_table::{EVENT_NAMES, PPME_GENERIC_X};

/// The time of every built event: some day in 2023, in ns.
pub const NOW_NS: u64 = 1_700_000_000_000_000_000;
pub const SECOND: u64 = 1_000_000_000;

/// Effective capabilities of a root process in a privileged container.
pub const ALL_CAPS: &str = "CAP_CHOWN CAP_DAC_OVERRIDE CAP_FOWNER CAP_KILL CAP_SETGID CAP_SETUID \
     CAP_NET_ADMIN CAP_NET_RAW CAP_SYS_MODULE CAP_SYS_PTRACE CAP_SYS_ADMIN";

/// A process about to make a syscall: its thread record, built up with the methods below.
#[derive(Clone)]
pub struct Proc {
    pub t: ThreadInfo,
}

/// The comm of a program: its file name, cut at 15 characters as the kernel keeps it. A
/// trailing ':' is dropped: servers rewrite their command line as "nginx: worker process",
/// but their comm stays "nginx".
fn comm_of(path: &str) -> String {
    let base = path.rsplit('/').next().unwrap_or(path);
    base.trim_end_matches(':').chars().take(15).collect()
}

fn ancestor(pid: i64, cmdline: &str) -> Arc<AncestorInfo> {
    let mut words = cmdline.split(' ');
    let exe = words.next().unwrap_or_default().to_string();
    let name = comm_of(&exe);
    let rest: Vec<&str> = words.collect();
    let exepath = if exe.starts_with('/') {
        exe.clone()
    } else {
        format!("/usr/bin/{name}")
    };
    let cmdline = std::iter::once(name.as_str())
        .chain(rest.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    Arc::new(AncestorInfo {
        pid,
        name,
        exe,
        exepath,
        cmdline,
    })
}

impl Proc {
    /// A host process started an hour ago as root from `/`, running `cmdline` (argv split on
    /// spaces; argv[0] names the program, resolved under /usr/bin when relative).
    pub fn new(cmdline: &str) -> Proc {
        let mut words = cmdline.split(' ');
        let exe = words.next().unwrap_or_default().to_string();
        let exepath = if exe.starts_with('/') {
            exe.clone()
        } else {
            format!("/usr/bin/{}", comm_of(&exe))
        };
        let t = ThreadInfo {
            pid: 4100,
            tid: 4100,
            vpid: 4100,
            sid: 4000,
            sname: "bash".into(),
            name: comm_of(&exe),
            exe,
            exepath,
            args: words.map(str::to_string).collect(),
            cwd: "/".into(),
            env: vec!["PATH=/usr/bin:/bin".into()],
            tty: 0,
            loginuid: -1,
            loginname: String::new(),
            user: Arc::new(UserInfo {
                uid: 0,
                name: "root".into(),
                home: "/root".into(),
                shell: "/bin/bash".into(),
            }),
            group: Arc::new(GroupInfo {
                gid: 0,
                name: "root".into(),
            }),
            start_ns: NOW_NS - 3600 * SECOND,
            ancestors: vec![ancestor(1, "/sbin/init")],
            container: Arc::new(ContainerInfo::host()),
            cap_effective: String::new(),
            cap_permitted: String::new(),
            exe_writable: false,
            exe_upper_layer: false,
            exe_from_memfd: false,
            lines: Default::default(),
        };
        Proc { t }
    }

    /// Parents, nearest first, each a command line; the last is followed by init.
    pub fn parents(mut self, cmdlines: &[&str]) -> Proc {
        let mut chain: Vec<Arc<AncestorInfo>> = cmdlines
            .iter()
            .enumerate()
            .map(|(i, c)| ancestor(4000 - 100 * i as i64, c))
            .collect();
        chain.push(ancestor(1, "/sbin/init"));
        self.t.ancestors = chain;
        self
    }

    /// No known parent (it exited, or the process was already running).
    pub fn orphan(mut self) -> Proc {
        self.t.ancestors.clear();
        self
    }

    pub fn user(mut self, uid: u32, name: &str) -> Proc {
        self.t.user = Arc::new(UserInfo {
            uid,
            name: name.into(),
            home: format!("/home/{name}"),
            shell: "/bin/sh".into(),
        });
        self
    }

    pub fn login(mut self, uid: i64, name: &str) -> Proc {
        self.t.loginuid = uid;
        self.t.loginname = name.into();
        self
    }

    pub fn tty(mut self, tty: u32) -> Proc {
        self.t.tty = tty;
        self
    }

    pub fn cwd(mut self, cwd: &str) -> Proc {
        self.t.cwd = cwd.into();
        self
    }

    pub fn exepath(mut self, path: &str) -> Proc {
        self.t.exepath = path.into();
        self
    }

    pub fn started_secs_ago(mut self, secs: u64) -> Proc {
        self.t.start_ns = NOW_NS - secs * SECOND;
        self
    }

    pub fn caps(mut self, caps: &str) -> Proc {
        self.t.cap_effective = caps.into();
        self.t.cap_permitted = caps.into();
        self
    }

    pub fn upper_layer(mut self) -> Proc {
        self.t.exe_upper_layer = true;
        self.t.exe_writable = true;
        self
    }

    pub fn exe_in_memfd(mut self) -> Proc {
        self.t.exe_from_memfd = true;
        self
    }

    /// In a container of `image`, unprivileged, in a pod of namespace `shop`.
    pub fn in_container(self, image: &str) -> Proc {
        self.container(image, false, "shop")
    }

    pub fn container(mut self, image: &str, privileged: bool, namespace: &str) -> Proc {
        self.t.container = Arc::new(ContainerInfo {
            id: "3ad7b26ded6d".into(),
            full_id: "3ad7b26ded6d4f0e9c1b2a3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071".into(),
            name: "app".into(),
            runtime: "containerd".into(),
            image_repository: image.into(),
            image_tag: "1.4".into(),
            privileged,
            start_ns: NOW_NS - 600 * SECOND,
            k8s_pod: "app-7d4b9c".into(),
            k8s_ns: namespace.into(),
        });
        self.t.pid = 88;
        self.t.tid = 88;
        self.t.vpid = 88;
        self
    }

    pub fn thread(&self) -> Arc<ThreadInfo> {
        Arc::new(self.t.clone().with_lines())
    }

    pub fn event(&self, syscall: &'static str, res: i64, args: Vec<EventArg>) -> SyscallEvent {
        SyscallEvent {
            num: 1,
            ts_ns: NOW_NS,
            code: exit_code(syscall),
            type_name: syscall,
            res: Some(res),
            thread: self.thread(),
            fd: None,
            args,
            open_flags: None,
            open_mode: 0,
        }
    }

    /// execve of this process (the thread record is the new program).
    pub fn exec(&self) -> SyscallEvent {
        let t = &self.t;
        let ptid = t.ancestors.first().map_or(0, |a| a.pid);
        self.event(
            "execve",
            0,
            vec![
                int("res", 0),
                text("exe", &t.exe),
                text("args", &t.args.join(".")),
                int("tid", t.tid),
                int("pid", t.pid),
                int("ptid", ptid),
                text("cwd", &t.cwd),
                text("comm", &t.name),
                flags_arg("flags", 0, "EXE_WRITABLE"),
            ],
        )
    }

    /// openat of `given` (the path as passed), which resolves to `path`; `res` the fd or a
    /// negative errno.
    pub fn openat(&self, given: &str, path: &str, flags: u32, res: i64) -> SyscallEvent {
        let mut ev = self.event("openat", res, Vec::new());
        let fd = FdInfo {
            num: if res >= 0 { res } else { -1 },
            kind: FdKind::File,
            name: path.into(),
            name_raw: (given != path).then(|| given.to_string()),
            socket: None,
        };
        let mut fd_arg = int("fd", res);
        fd_arg.resolved = if res >= 0 {
            Some(format!("<f>{path}"))
        } else {
            falcod_probe::extract::errno_name(-res).map(str::to_string)
        };
        ev.args = vec![
            fd_arg,
            EventArg {
                name: "dirfd",
                text: "-100".into(),
                resolved: Some("AT_FDCWD".into()),
                raw: RawArg::Int(-100),
            },
            text("name", given),
            flags_arg("flags", u64::from(flags), &of::text(flags)),
            EventArg {
                name: "mode",
                text: "0644".into(),
                resolved: None,
                raw: RawArg::Uint(0o644),
            },
        ];
        ev.open_flags = Some(flags);
        ev.open_mode = 0o644;
        ev.fd = Some(fd);
        ev
    }

    pub fn read(&self, path: &str) -> SyscallEvent {
        self.openat(path, path, of::RDONLY | of::CLOEXEC, 5)
    }

    pub fn write(&self, path: &str, flags: u32) -> SyscallEvent {
        self.openat(path, path, of::WRONLY | flags, 5)
    }

    pub fn symlink(&self, target: &str, link: &str) -> SyscallEvent {
        self.event(
            "symlinkat",
            0,
            vec![
                int("res", 0),
                text("target", target),
                EventArg {
                    name: "linkdirfd",
                    text: "-100".into(),
                    resolved: Some("AT_FDCWD".into()),
                    raw: RawArg::Int(-100),
                },
                text("linkpath", link),
            ],
        )
    }

    pub fn hardlink(&self, old: &str, new: &str) -> SyscallEvent {
        self.event(
            "linkat",
            0,
            vec![
                int("res", 0),
                int("olddir", -100),
                text("oldpath", old),
                int("newdir", -100),
                text("newpath", new),
                flags_arg("flags", 0, ""),
            ],
        )
    }

    pub fn socket(&self, domain: u64, domain_name: &str) -> SyscallEvent {
        self.event(
            "socket",
            3,
            vec![
                int("fd", 3),
                flags_arg("domain", domain, domain_name),
                flags_arg("type", 3, "SOCK_RAW"),
                flags_arg("proto", 768, ""),
            ],
        )
    }

    /// dup2 of a connected TCP socket (fd 3) onto `newfd`.
    pub fn dup2_socket(&self, newfd: i64) -> SyscallEvent {
        let fd = tcp(
            3,
            ([10, 244, 1, 17], 40112),
            ([198, 51, 100, 7], 4444),
            None,
        );
        let mut ev = self.event(
            "dup2",
            newfd,
            vec![int("res", newfd), fd_arg("oldfd", &fd), int("newfd", newfd)],
        );
        ev.fd = Some(fd);
        ev
    }

    pub fn connect(&self, client: Endpoint, server: Endpoint, name: Option<&str>) -> SyscallEvent {
        let fd = tcp(4, client, server, name);
        let mut ev = self.event(
            "connect",
            0,
            vec![int("res", 0), text("tuple", &fd.name), fd_arg("fd", &fd)],
        );
        ev.fd = Some(fd);
        ev
    }

    pub fn ptrace(&self, request: u64, request_name: &str) -> SyscallEvent {
        self.event(
            "ptrace",
            0,
            vec![
                int("res", 0),
                flags_arg("addr", 0, ""),
                flags_arg("data", 0, ""),
                flags_arg("request", request, request_name),
                int("pid", 4242),
            ],
        )
    }

    /// chmod of `path` to `mode`, whose bits libsinsp names as `mode_text`.
    pub fn chmod(&self, path: &str, mode: u64, mode_text: &str) -> SyscallEvent {
        self.event(
            "chmod",
            0,
            vec![
                int("res", 0),
                text("filename", path),
                flags_arg("mode", mode, mode_text),
            ],
        )
    }

    pub fn finit_module(&self) -> SyscallEvent {
        self.event(
            "finit_module",
            0,
            vec![
                int("res", 0),
                int("fd", 3),
                text("uargs", ""),
                flags_arg("flags", 0, ""),
            ],
        )
    }
}

pub type Endpoint = ([u8; 4], u16);

pub fn tcp(num: i64, client: Endpoint, server: Endpoint, server_name: Option<&str>) -> FdInfo {
    let ip = |a: [u8; 4]| IpAddr::V4(Ipv4Addr::from(a));
    let (c, s) = ((ip(client.0), client.1), (ip(server.0), server.1));
    FdInfo {
        num,
        kind: FdKind::Ipv4,
        name: format!("{}:{}->{}:{}", c.0, c.1, s.0, s.1),
        name_raw: None,
        socket: Some(SocketInfo {
            l4proto: L4Proto::Tcp,
            client: c,
            server: s,
            is_server: false,
            connected: true,
            server_name: server_name.map(str::to_string),
        }),
    }
}

/// The exit event code of a syscall: the newest exit event of that name, else the generic one.
fn exit_code(name: &str) -> u16 {
    (0u16..)
        .zip(EVENT_NAMES)
        .filter(|(code, n)| *n == name && code % 2 == 1)
        .map(|(code, _)| code)
        .last()
        .unwrap_or(PPME_GENERIC_X)
}

fn int(name: &'static str, v: i64) -> EventArg {
    EventArg {
        name,
        text: v.to_string(),
        resolved: None,
        raw: RawArg::Int(v),
    }
}

fn text(name: &'static str, s: &str) -> EventArg {
    EventArg {
        name,
        text: s.to_string(),
        resolved: None,
        raw: RawArg::Text,
    }
}

fn flags_arg(name: &'static str, v: u64, resolved: &str) -> EventArg {
    EventArg {
        name,
        text: v.to_string(),
        resolved: (!resolved.is_empty()).then(|| resolved.to_string()),
        raw: RawArg::Uint(v),
    }
}

fn fd_arg(name: &'static str, fd: &FdInfo) -> EventArg {
    EventArg {
        name,
        text: fd.num.to_string(),
        resolved: Some(format!("<{}>{}", fd.kind.typechar() as char, fd.name)),
        raw: RawArg::Int(fd.num),
    }
}
