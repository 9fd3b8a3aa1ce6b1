//! The event builders of the synthetic world: one per kind of syscall in the mix.

use super::*;

fn arg_int(name: &'static str, v: i64) -> EventArg {
    EventArg {
        name,
        text: v.to_string(),
        resolved: None,
        raw: RawArg::Int(v),
    }
}

fn arg_uint(name: &'static str, v: u64, resolved: Option<String>) -> EventArg {
    EventArg {
        name,
        text: v.to_string(),
        resolved,
        raw: RawArg::Uint(v),
    }
}

fn arg_text(name: &'static str, s: &str) -> EventArg {
    EventArg {
        name,
        text: s.to_string(),
        resolved: None,
        raw: RawArg::Text,
    }
}

/// An fd argument: the number, resolved to `<typechar>name` as libsinsp shows it.
fn arg_fd(name: &'static str, fd: &FdInfo) -> EventArg {
    EventArg {
        name,
        text: fd.num.to_string(),
        resolved: Some(format!("<{}>{}", fd.kind.typechar() as char, fd.name)),
        raw: RawArg::Int(fd.num),
    }
}

fn file_fd(num: i64, path: &str) -> FdInfo {
    FdInfo {
        num,
        kind: FdKind::File,
        name: path.to_string(),
        name_raw: None,
        socket: None,
    }
}

fn tcp_fd(
    num: i64,
    client: (IpAddr, u16),
    server: (IpAddr, u16),
    server_name: Option<&str>,
) -> FdInfo {
    FdInfo {
        num,
        kind: FdKind::Ipv4,
        name: format!("{}:{}->{}:{}", client.0, client.1, server.0, server.1),
        name_raw: None,
        socket: Some(SocketInfo {
            l4proto: L4Proto::Tcp,
            client,
            server,
            is_server: false,
            connected: true,
            server_name: server_name.map(str::to_string),
        }),
    }
}

fn ip(a: u8, b: u8, c: u8, d: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(a, b, c, d))
}

impl World {
    fn fd_num(&mut self) -> i64 {
        3 + self.rng.below(60) as i64
    }

    fn client_ip(thread: &ThreadInfo) -> IpAddr {
        if thread.container.is_host() {
            ip(10, 0, 0, 5)
        } else {
            ip(10, 244, 1, 17)
        }
    }

    pub(super) fn open(&mut self, name: &'static str, write: bool, fail: bool) -> SyntheticEvent {
        let actor = self.actor();
        let num = self.fd_num();
        let mut raw_name = None;
        let path = if write {
            if self.rng.chance(25) {
                *self.rng.pick(SENSITIVE_WRITES)
            } else {
                *self.rng.pick(WRITES)
            }
        } else if fail {
            *self.rng.pick(&[
                "/etc/ld.so.preload",
                "/root/.ssh/id_rsa",
                "/usr/lib/locale/C.utf8/LC_ALL",
            ])
        } else if self.rng.chance(17) {
            *self.rng.pick(SENSITIVE_READS)
        } else {
            if self.rng.chance(5) {
                raw_name = Some("/var/www/html/../../../etc/passwd".to_string());
            }
            if raw_name.is_some() {
                "/etc/passwd"
            } else {
                *self.rng.pick(ORDINARY_READS)
            }
        };
        let flags = if write {
            *self.rng.pick(&[
                of::WRONLY | of::CREAT | of::APPEND | of::CLOEXEC,
                of::RDWR | of::CREAT | of::TRUNC,
                of::WRONLY | of::CREAT | of::TRUNC | of::F_CREATED,
            ])
        } else {
            *self.rng.pick(&[
                of::RDONLY | of::CLOEXEC,
                of::RDONLY,
                of::RDONLY | of::LARGEFILE,
            ])
        };
        let res = if fail {
            if path.starts_with("/root") {
                -13
            } else {
                -2
            }
        } else {
            num
        };
        let mut ev = self.base(name, actor, res);
        let mut fd = file_fd(if fail { -1 } else { num }, path);
        fd.name_raw = raw_name.clone();
        let mut fd_arg = arg_fd("fd", &fd);
        if fail {
            fd_arg = arg_int("fd", res);
            fd_arg.resolved = crate::extract::errno_name(-res).map(str::to_string);
        }
        ev.args.push(fd_arg);
        if name == "openat" {
            ev.args.push(EventArg {
                name: "dirfd",
                text: "-100".into(),
                resolved: Some("AT_FDCWD".into()),
                raw: RawArg::Int(-100),
            });
        }
        ev.args
            .push(arg_text("name", raw_name.as_deref().unwrap_or(path)));
        ev.args
            .push(arg_uint("flags", u64::from(flags), Some(of::text(flags))));
        let mode = if write { 0o644 } else { 0 };
        ev.args.push(EventArg {
            name: "mode",
            text: format!("0{mode:o}"),
            resolved: None,
            raw: RawArg::Uint(mode),
        });
        ev.open_flags = Some(flags);
        ev.open_mode = mode as u32;
        ev.fd = Some(fd);
        ev
    }

    pub(super) fn execve(&mut self) -> SyntheticEvent {
        let roll = self.rng.below(100);
        let kind = match roll {
            0..35 => Spawner::Shell,
            35..50 => Spawner::Cron,
            50..60 => Spawner::Dpkg,
            60..85 => Spawner::ContainerInit,
            85..97 => Spawner::ContainerShell,
            _ => Spawner::Java,
        };
        let candidates: Vec<Arc<ThreadInfo>> = self
            .spawners
            .iter()
            .filter(|(_, k)| std::mem::discriminant(k) == std::mem::discriminant(&kind))
            .map(|(t, _)| t.clone())
            .collect();
        let parent = self.rng.pick(&candidates).clone();
        let cmds = match kind {
            Spawner::Shell => SHELL_CMDS,
            Spawner::Cron => CRON_CMDS,
            Spawner::Dpkg => DPKG_CMDS,
            Spawner::ContainerInit => CONTAINER_CMDS,
            Spawner::ContainerShell => SHELL_CMDS,
            Spawner::Java => JAVA_SHELLS,
        };
        let cmd = *self.rng.pick(cmds);
        let user = parent.user.clone();
        // `runc exec -t` starts the process inside the container, with a terminal of its own.
        let (container, tty) = if parent.name == "runc" {
            (self.container_shell.container.clone(), 34817)
        } else {
            (parent.container.clone(), parent.tty)
        };
        let child = self.spawn(Some(&parent), cmd, &user, &container, tty);
        if self.recent.len() >= 16 {
            let slot = self.rng.below(16) as usize;
            self.recent[slot] = child.clone();
        } else {
            self.recent.push(child.clone());
        }
        let mut ev = self.base("execve", child.clone(), 0);
        ev.args.push(arg_int("res", 0));
        ev.args.push(arg_text("exe", &child.exe));
        ev.args.push(arg_text("args", &child.args.join(".")));
        ev.args.push(arg_int("tid", child.tid));
        ev.args.push(arg_int("pid", child.pid));
        ev.args.push(arg_int("ptid", parent.pid));
        ev.args.push(arg_text("cwd", &child.cwd));
        ev.args.push(arg_text("comm", &child.name));
        ev
    }

    pub(super) fn connect(&mut self) -> SyntheticEvent {
        let actor = self.actor();
        let client = (
            Self::client_ip(&actor),
            32768 + self.rng.below(28000) as u16,
        );
        let roll = self.rng.below(100);
        let (server, name) = match roll {
            0..55 => (
                (
                    *self.rng.pick(&[
                        ip(93, 184, 216, 34),
                        ip(140, 82, 112, 3),
                        ip(151, 101, 1, 69),
                    ]),
                    443,
                ),
                None,
            ),
            55..60 => ((ip(203, 0, 113, 50), 2222), None),
            60..90 => (
                (ip(127, 0, 0, 1), *self.rng.pick(&[5432, 6379, 8080])),
                None,
            ),
            _ => (
                (ip(10, 96, 0, 1), 443),
                Some("kubernetes.default.svc.cluster.local"),
            ),
        };
        let client = if server.0 == ip(127, 0, 0, 1) {
            (ip(127, 0, 0, 1), client.1)
        } else {
            client
        };
        let num = self.fd_num();
        let res = if self.rng.chance(500) { -115 } else { 0 };
        let fd = tcp_fd(num, client, server, name);
        let mut ev = self.base("connect", actor, res);
        ev.args.push(arg_int("res", res));
        ev.args.push(arg_text("tuple", &fd.name));
        ev.args.push(arg_fd("fd", &fd));
        ev.fd = Some(fd);
        ev
    }

    pub(super) fn socket(&mut self) -> SyntheticEvent {
        let roll = self.rng.below(100);
        let (actor, domain, name) = match roll {
            0..70 => (self.actor(), 2, "AF_INET"),
            70..95 => (self.actor(), 1, "AF_LOCAL"),
            _ => {
                let who = if self.rng.chance(500) {
                    self.agent.clone()
                } else {
                    self.container_shell.clone()
                };
                (who, 17, "AF_PACKET")
            }
        };
        let num = self.fd_num();
        let mut ev = self.base("socket", actor, num);
        ev.args.push(arg_int("fd", num));
        ev.args
            .push(arg_uint("domain", domain, Some(name.to_string())));
        ev.args.push(arg_uint("type", 1, None));
        ev.args.push(arg_uint("proto", 0, None));
        ev
    }

    pub(super) fn dup(&mut self, name: &'static str) -> SyntheticEvent {
        let redirect = self.rng.chance(120);
        let (actor, fd, res) = if redirect {
            let shell = self.container_shell.clone();
            let fd = tcp_fd(
                3,
                (ip(10, 244, 1, 17), 40112),
                (ip(198, 51, 100, 7), 4444),
                None,
            );
            (shell, fd, self.rng.below(3) as i64)
        } else {
            let actor = self.actor();
            let num = self.fd_num();
            let fd = file_fd(num, self.rng.pick::<&str>(WRITES));
            (actor, fd, num + 1)
        };
        let mut ev = self.base(name, actor, res);
        ev.args.push(arg_int("res", res));
        ev.args.push(arg_fd("oldfd", &fd));
        if name != "dup" {
            ev.args.push(arg_int("newfd", res));
        }
        if name == "dup3" {
            ev.args.push(arg_uint("flags", 0, None));
        }
        ev.fd = Some(fd);
        ev
    }

    pub(super) fn link(&mut self, name: &'static str) -> SyntheticEvent {
        let actor = self.actor();
        let target = if self.rng.chance(200) {
            *self.rng.pick(&["/etc/shadow", "/etc/sudoers", "/etc/"])
        } else {
            *self.rng.pick(&[
                "/usr/lib/libfoo.so.1.2",
                "/home/alice/project/build",
                "/tmp/cache.db",
            ])
        };
        let link = "/tmp/.x";
        let mut ev = self.base(name, actor, 0);
        ev.args.push(arg_int("res", 0));
        if name == "symlinkat" {
            ev.args.push(arg_text("target", target));
            ev.args.push(EventArg {
                name: "linkdirfd",
                text: "-100".into(),
                resolved: Some("AT_FDCWD".into()),
                raw: RawArg::Int(-100),
            });
            ev.args.push(arg_text("linkpath", link));
        } else {
            ev.args.push(arg_int("olddir", -100));
            ev.args.push(arg_text("oldpath", target));
            ev.args.push(arg_int("newdir", -100));
            ev.args.push(arg_text("newpath", link));
            ev.args.push(arg_uint("flags", 0, None));
        }
        ev
    }

    pub(super) fn ptrace(&mut self) -> SyntheticEvent {
        let actor = if self.rng.chance(500) {
            self.container_shell.clone()
        } else {
            self.actor()
        };
        let (req, name) = *self.rng.pick(&[
            (11u64, "PTRACE_ATTACH"),
            (3, "PTRACE_PEEKDATA"),
            (5, "PTRACE_POKETEXT"),
            (1, "PTRACE_TRACEME"),
        ]);
        let mut ev = self.base("ptrace", actor, 0);
        ev.args.push(arg_int("res", 0));
        ev.args.push(arg_uint("addr", 0, None));
        ev.args.push(arg_uint("data", 0, None));
        ev.args
            .push(arg_uint("request", req, Some(name.to_string())));
        ev.args.push(arg_int("pid", 4242));
        ev
    }

    pub(super) fn init_module(&mut self) -> SyntheticEvent {
        let actor = if self.rng.chance(500) {
            self.agent.clone()
        } else {
            self.actor()
        };
        let mut ev = self.base("init_module", actor, 0);
        ev.args.push(arg_int("res", 0));
        ev.args.push(arg_uint("length", 81920, None));
        ev.args.push(arg_text("uargs", ""));
        ev
    }

    pub(super) fn unrelated(&mut self, name: &str) -> SyntheticEvent {
        let type_name: &'static str = MIX
            .iter()
            .map(|m| m.0)
            .find(|m| *m == name)
            .unwrap_or("read");
        let actor = self.actor();
        let uses_fd = matches!(
            type_name,
            "read" | "write" | "close" | "recvfrom" | "sendto" | "fstat" | "lseek" | "ioctl"
        );
        let size = 1 + self.rng.below(8192) as i64;
        let res = match type_name {
            "read" | "write" | "recvfrom" | "sendto" => size,
            "futex" | "epoll_wait" | "poll" => self.rng.below(3) as i64,
            "mmap" | "brk" => 0x7f00_0000_0000 + (self.rng.below(1 << 20) as i64) * 4096,
            "clone" => self.next_pid + 1,
            _ => 0,
        };
        let mut ev = self.base(type_name, actor.clone(), res);
        if uses_fd {
            let num = self.fd_num();
            let roll = self.rng.below(100);
            let fd = if matches!(type_name, "recvfrom" | "sendto") || roll < 35 {
                let client = (
                    Self::client_ip(&actor),
                    40000 + self.rng.below(20000) as u16,
                );
                tcp_fd(num, client, (ip(10, 0, 0, 9), 5432), None)
            } else if roll < 50 {
                FdInfo {
                    num,
                    kind: FdKind::Pipe,
                    name: "pipe:[48213]".into(),
                    name_raw: None,
                    socket: None,
                }
            } else {
                file_fd(num, self.rng.pick::<&str>(ORDINARY_READS))
            };
            ev.args.push(arg_fd("fd", &fd));
            if type_name != "close" {
                ev.args.push(arg_uint("size", size as u64, None));
            }
            ev.fd = Some(fd);
        }
        ev.args.insert(0, arg_int("res", res));
        ev
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use falcod_rules::event::{Event, FieldArg, FieldRequest, Value, Values};

    fn get(ev: &SyntheticEvent, name: &str, arg: FieldArg) -> Vec<String> {
        let id = crate::syscall_schema().fields.id(name).expect("field");
        let mut v = Values::new();
        ev.extract(&FieldRequest { id, arg }, &mut v);
        v.range(0..v.len())
            .map(|x| match x {
                Value::Str(s) => String::from_utf8_lossy(s).into_owned(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn same_seed_same_stream() {
        assert_eq!(realistic_mix(7, 500), realistic_mix(7, 500));
        assert_ne!(realistic_mix(7, 500), realistic_mix(8, 500));
    }

    #[test]
    fn mix_follows_its_weights() {
        let events = realistic_mix(1, 50_000);
        let count = |t: &str| events.iter().filter(|e| e.type_name == t).count();
        // read is 23.9% of the mix; allow sampling noise.
        let reads = count("read") as f64 / events.len() as f64;
        assert!((0.22..0.26).contains(&reads), "read share {reads}");
        for t in [
            "execve",
            "connect",
            "openat",
            "socket",
            "ptrace",
            "init_module",
            "symlinkat",
            "linkat",
            "dup2",
        ] {
            assert!(count(t) > 0, "no {t} in the mix");
        }
        assert!(events
            .windows(2)
            .all(|w| w[0].num + 1 == w[1].num && w[0].ts_ns < w[1].ts_ns));
    }

    #[test]
    fn event_codes_are_exit_events_of_their_names() {
        for ev in realistic_mix(3, 2000) {
            let names = &crate::schema::event_table::EVENT_NAMES;
            assert_eq!(names[ev.code as usize], ev.type_name);
            assert_eq!(ev.code % 2, 1);
        }
    }

    #[test]
    fn execve_fields_follow_libsinsp() {
        let ev = execve_only(5, 200)
            .into_iter()
            .find(|e| e.thread.ancestors.len() >= 3)
            .expect("an exec with ancestry");
        let t = &ev.thread;
        assert_eq!(get(&ev, "evt.type", FieldArg::None), ["execve"]);
        assert_eq!(get(&ev, "proc.name", FieldArg::None), [t.name.as_str()]);
        assert_eq!(
            get(&ev, "proc.aname", FieldArg::Index(0)),
            [t.name.as_str()]
        );
        assert_eq!(
            get(&ev, "proc.aname", FieldArg::Index(1)),
            get(&ev, "proc.pname", FieldArg::None)
        );
        let all = get(&ev, "proc.aname", FieldArg::None);
        assert_eq!(all.len(), t.ancestors.len());
        assert_eq!(all[1], t.ancestors[1].name);
        let mut cmdline = t.name.clone();
        for a in &t.args {
            cmdline = format!("{cmdline} {a}");
        }
        assert_eq!(get(&ev, "proc.cmdline", FieldArg::None), [cmdline]);
        assert_eq!(
            get(&ev, "proc.pcmdline", FieldArg::None),
            [t.ancestors[0].cmdline.clone()]
        );
        assert!(get(&ev, "proc.aname", FieldArg::Index(99)).is_empty());
        assert!(
            get(&ev, "fd.name", FieldArg::None).is_empty(),
            "execve has no fd"
        );
    }

    #[test]
    fn open_fields_follow_libsinsp() {
        let events = realistic_mix(9, 20_000);
        let ev = events
            .iter()
            .find(|e| {
                e.type_name == "openat" && e.fd.as_ref().is_some_and(|f| f.name == "/etc/shadow")
            })
            .expect("a read of /etc/shadow");
        assert_eq!(get(ev, "fd.directory", FieldArg::None), ["/etc"]);
        assert_eq!(get(ev, "fd.filename", FieldArg::None), ["shadow"]);
        assert_eq!(get(ev, "fd.typechar", FieldArg::None), ["f"]);
        assert_eq!(get(ev, "evt.is_open_read", FieldArg::None), ["Bool(true)"]);
        assert_eq!(
            get(ev, "evt.is_open_write", FieldArg::None),
            ["Bool(false)"]
        );
        let flags = get(ev, "evt.arg", FieldArg::Key("flags".into()));
        assert!(
            flags[0].starts_with("O_") && flags[0].contains("O_RDONLY"),
            "{flags:?}"
        );
        assert_eq!(get(ev, "evt.res", FieldArg::None), ["SUCCESS"]);
        let failed = events
            .iter()
            .find(|e| e.res.is_some_and(|r| r < 0) && e.type_name == "openat")
            .expect("a failed open");
        assert_eq!(get(failed, "fd.num", FieldArg::None), ["Int(-1)"]);
        assert!(get(failed, "evt.res", FieldArg::None)[0].starts_with('E'));
    }

    #[test]
    fn socket_fields_follow_libsinsp() {
        let events = realistic_mix(11, 20_000);
        let ev = events
            .iter()
            .find(|e| {
                e.type_name == "connect"
                    && e.fd.as_ref().is_some_and(|f| f.name.contains("10.96.0.1"))
            })
            .expect("a connect to the k8s api");
        assert_eq!(
            get(ev, "fd.sip.name", FieldArg::None),
            ["kubernetes.default.svc.cluster.local"]
        );
        assert_eq!(get(ev, "fd.typechar", FieldArg::None), ["4"]);
        assert_eq!(get(ev, "fd.l4proto", FieldArg::None), ["tcp"]);
        assert_eq!(get(ev, "fd.sockfamily", FieldArg::None), ["ip"]);
        assert_eq!(get(ev, "fd.sport", FieldArg::None), ["Uint(443)"]);
        assert_eq!(get(ev, "fd.ip", FieldArg::None).len(), 2);
        assert!(get(ev, "fd.directory", FieldArg::None).is_empty());
        let name = get(ev, "fd.name", FieldArg::None);
        assert!(name[0].ends_with("->10.96.0.1:443"), "{name:?}");
    }

    #[test]
    fn flags_print_in_driver_table_order() {
        assert_eq!(of::text(of::RDONLY | of::CLOEXEC), "O_RDONLY|O_CLOEXEC");
        assert_eq!(
            of::text(of::RDWR | of::CREAT | of::TRUNC),
            "O_TRUNC|O_CREAT|O_RDWR"
        );
        assert_eq!(of::text(0), "O_NONE");
    }
}
