//! The data model of one syscall event and how the rules engine's fields are read from it.
//!
//! A [`SyscallEvent`] is what the engine sees of one kernel event once the source has decoded
//! it and joined it with its state: the event's own data (type, arguments, return value), the
//! thread that made the call ([`ThreadInfo`], shared by every event of the thread, with a
//! snapshot of its ancestry and container) and the file descriptor the call is about
//! ([`FdInfo`]). The synthetic generator builds these directly; the live probe will build the
//! same records from its decoder and process table.
//!
//! [`SyscallEvent`] implements [`Event`]: field ids of [`syscall_schema`] are mapped once to a
//! field kind (a table indexed by [`FieldId`], built on first use), so extracting a field is an
//! array lookup and a `match`, never a string comparison of field names. Values follow
//! libsinsp's semantics for each field (see the `Field` variants); a field this model has no
//! data for pushes nothing, which the engine treats as a missing value.

use std::net::IpAddr;
use std::sync::Arc;

use falcod_rules::event::{Event, FieldArg, FieldRequest, Values};
use falcod_rules::fields::FieldId;

#[cfg(doc)]
use crate::schema::syscall_schema;

/// `evt.type` names of exit events are read from the driver table; this is the direction
/// libsinsp reports for them (Falco only evaluates exit events).
const EXIT_DIR: &[u8] = b"<";

/// A user record, as the process table resolves a uid.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserInfo {
    /// `user.uid`.
    pub uid: u32,
    /// `user.name`.
    pub name: String,
    /// `user.homedir`.
    pub home: String,
    /// `user.shell`.
    pub shell: String,
}

/// A group record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupInfo {
    /// `group.gid`.
    pub gid: u32,
    /// `group.name`.
    pub name: String,
}

/// One ancestor of a process, as the `proc.a*` / `proc.p*` fields see it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AncestorInfo {
    /// Its pid (`proc.apid`, `proc.ppid` for the parent).
    pub pid: i64,
    /// Its comm (`proc.aname`, `proc.pname`).
    pub name: String,
    /// Its argv[0] (`proc.aexe`, `proc.pexe`).
    pub exe: String,
    /// Its program path (`proc.aexepath`, `proc.pexepath`).
    pub exepath: String,
    /// Its command line, comm and arguments joined by spaces (`proc.acmdline`, `proc.pcmdline`).
    pub cmdline: String,
}

/// The container a process runs in (the container plugin's fields), or the host.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContainerInfo {
    /// `container.id`: the first 12 characters of the container id, or `host`.
    pub id: String,
    /// `container.full_id`.
    pub full_id: String,
    /// `container.name` (`host` for the host).
    pub name: String,
    /// `container.type` (`docker`, `containerd`, `cri-o`, ...; empty for the host).
    pub runtime: String,
    /// `container.image.repository`.
    pub image_repository: String,
    /// `container.image.tag`.
    pub image_tag: String,
    /// `container.privileged`.
    pub privileged: bool,
    /// `container.start_ts`, ns since the epoch.
    pub start_ns: u64,
    /// `k8s.pod.name` (empty: not in a pod).
    pub k8s_pod: String,
    /// `k8s.ns.name` (empty: not in a pod).
    pub k8s_ns: String,
}

impl ContainerInfo {
    /// The host "container": id and name `host`, no image.
    pub fn host() -> ContainerInfo {
        ContainerInfo {
            id: "host".into(),
            full_id: "host".into(),
            name: "host".into(),
            ..ContainerInfo::default()
        }
    }

    /// True for the host.
    pub fn is_host(&self) -> bool {
        self.id == "host"
    }
}

/// A thread and its process, as the process table knows them when the event happens.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ThreadInfo {
    /// `proc.pid`.
    pub pid: i64,
    /// `thread.tid`.
    pub tid: i64,
    /// `proc.vpid` (pid in its pid namespace).
    pub vpid: i64,
    /// `proc.sid`.
    pub sid: i64,
    /// `proc.sname`: the session leader's comm.
    pub sname: String,
    /// `proc.name`: comm, at most 15 bytes as the kernel keeps it.
    pub name: String,
    /// `proc.exe`: argv[0].
    pub exe: String,
    /// `proc.exepath`.
    pub exepath: String,
    /// `proc.args`: the arguments after argv[0].
    pub args: Vec<String>,
    /// `proc.cwd`.
    pub cwd: String,
    /// `proc.env`: `NAME=value` entries.
    pub env: Vec<String>,
    /// `proc.tty` (0: no terminal).
    pub tty: u32,
    /// `user.loginuid` (-1: unset).
    pub loginuid: i64,
    /// `user.loginname`.
    pub loginname: String,
    /// The user (`user.*`), shared with every thread of that user as the user table shares it.
    pub user: Arc<UserInfo>,
    /// The group (`group.*`), shared likewise.
    pub group: Arc<GroupInfo>,
    /// Process start, ns since the epoch (`proc.duration` counts from it).
    pub start_ns: u64,
    /// Ancestors, parent first, as far as the table knows them. Each is the ancestor's own
    /// record, shared by all its descendants (libsinsp walks the parent chain of its thread
    /// table; it does not copy it per process).
    pub ancestors: Vec<Arc<AncestorInfo>>,
    /// The container.
    pub container: Arc<ContainerInfo>,
    /// `thread.cap_effective`, capability names separated by spaces.
    pub cap_effective: String,
    /// `thread.cap_permitted`.
    pub cap_permitted: String,
    /// `proc.is_exe_writable`.
    pub exe_writable: bool,
    /// `proc.is_exe_upper_layer`.
    pub exe_upper_layer: bool,
    /// `proc.is_exe_from_memfd`.
    pub exe_from_memfd: bool,
    /// The joined texts (`proc.cmdline`, `proc.exeline`, `proc.args`, `proc.env`), computed
    /// once per exec by [`ThreadInfo::with_lines`]; left at its default, they are joined at
    /// each extraction instead (same values, slower).
    pub lines: CommandLines,
}

/// A process's joined texts, built once when its record is made (a process table keeps its
/// command line as one string; joining it for every event would be work per event).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommandLines {
    /// False until [`ThreadInfo::with_lines`] filled the texts.
    ready: bool,
    cmdline: Box<str>,
    exeline: Box<str>,
    args: Box<str>,
    env: Box<str>,
}

fn join_words(first: Option<&str>, rest: &[String]) -> Box<str> {
    let mut words = first.into_iter().chain(rest.iter().map(String::as_str));
    let mut s = String::new();
    if let Some(w) = words.next() {
        s.push_str(w);
        for w in words {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.into_boxed_str()
}

impl ThreadInfo {
    /// Computes the joined texts ([`ThreadInfo::lines`]) from the current fields.
    pub fn with_lines(mut self) -> ThreadInfo {
        self.lines = CommandLines {
            ready: true,
            cmdline: join_words(Some(&self.name), &self.args),
            exeline: join_words(Some(&self.exe), &self.args),
            args: join_words(None, &self.args),
            env: join_words(None, &self.env),
        };
        self
    }

    /// The command line as `proc.cmdline` shows it: comm, then the arguments.
    pub fn cmdline(&self) -> String {
        if self.lines.ready {
            return self.lines.cmdline.to_string();
        }
        join_words(Some(&self.name), &self.args).into_string()
    }

    /// This thread seen as the ancestor of a child it starts (a snapshot: build it once and
    /// share it among the children).
    pub fn as_ancestor(&self) -> AncestorInfo {
        AncestorInfo {
            pid: self.pid,
            name: self.name.clone(),
            exe: self.exe.clone(),
            exepath: self.exepath.clone(),
            cmdline: self.cmdline(),
        }
    }
}

/// The kind of object a file descriptor refers to (libsinsp's fd types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FdKind {
    /// A regular file (`f`).
    File,
    /// A directory (`d`).
    Directory,
    /// An IPv4 socket (`4`).
    Ipv4,
    /// An IPv6 socket (`6`).
    Ipv6,
    /// A unix socket (`u`).
    Unix,
    /// A pipe (`p`).
    Pipe,
    /// An eventfd (`e`).
    Event,
    /// A signalfd (`s`).
    Signalfd,
    /// An epoll fd (`l`).
    Eventpoll,
    /// An inotify fd (`i`).
    Inotify,
    /// A timerfd (`t`).
    Timerfd,
    /// A netlink socket (`n`).
    Netlink,
    /// A memfd (`m`).
    Memfd,
}

impl FdKind {
    /// `fd.type`.
    pub fn name(self) -> &'static str {
        match self {
            FdKind::File => "file",
            FdKind::Directory => "directory",
            FdKind::Ipv4 => "ipv4",
            FdKind::Ipv6 => "ipv6",
            FdKind::Unix => "unix",
            FdKind::Pipe => "pipe",
            FdKind::Event => "event",
            FdKind::Signalfd => "signalfd",
            FdKind::Eventpoll => "eventpoll",
            FdKind::Inotify => "inotify",
            FdKind::Timerfd => "timerfd",
            FdKind::Netlink => "netlink",
            FdKind::Memfd => "memfd",
        }
    }

    /// `fd.typechar`.
    pub fn typechar(self) -> u8 {
        match self {
            FdKind::File => b'f',
            FdKind::Directory => b'd',
            FdKind::Ipv4 => b'4',
            FdKind::Ipv6 => b'6',
            FdKind::Unix => b'u',
            FdKind::Pipe => b'p',
            FdKind::Event => b'e',
            FdKind::Signalfd => b's',
            FdKind::Eventpoll => b'l',
            FdKind::Inotify => b'i',
            FdKind::Timerfd => b't',
            FdKind::Netlink => b'n',
            FdKind::Memfd => b'm',
        }
    }
}

/// Layer-4 protocol of a socket (`fd.l4proto`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum L4Proto {
    /// `tcp`
    Tcp,
    /// `udp`
    Udp,
    /// `icmp`
    Icmp,
    /// `raw`
    Raw,
}

impl L4Proto {
    /// The name libsinsp prints.
    pub fn name(self) -> &'static str {
        match self {
            L4Proto::Tcp => "tcp",
            L4Proto::Udp => "udp",
            L4Proto::Icmp => "icmp",
            L4Proto::Raw => "raw",
        }
    }
}

/// The endpoints of an IP socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocketInfo {
    /// Protocol.
    pub l4proto: L4Proto,
    /// Client address and port.
    pub client: (IpAddr, u16),
    /// Server address and port.
    pub server: (IpAddr, u16),
    /// True if this end is the server (accepted connection): local = server.
    pub is_server: bool,
    /// `fd.connected`.
    pub connected: bool,
    /// `fd.sip.name`: the name the server address was resolved from, if known.
    pub server_name: Option<String>,
}

impl SocketInfo {
    fn local(&self) -> (IpAddr, u16) {
        if self.is_server {
            self.server
        } else {
            self.client
        }
    }

    fn remote(&self) -> (IpAddr, u16) {
        if self.is_server {
            self.client
        } else {
            self.server
        }
    }
}

/// The file descriptor an event is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FdInfo {
    /// `fd.num` (-1 for a failed open, whose name comes from the event).
    pub num: i64,
    /// Its kind.
    pub kind: FdKind,
    /// `fd.name`: the normalised path, `cip:cport->sip:sport` for IP sockets, ...
    pub name: String,
    /// `fd.nameraw`, when it differs from `name` (e.g. a path with `..`).
    pub name_raw: Option<String>,
    /// Endpoints, for IP sockets.
    pub socket: Option<SocketInfo>,
}

/// The raw form of an event argument (`evt.rawarg.NAME`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawArg {
    /// A signed number (fds, errnos, pids).
    Int(i64),
    /// An unsigned number (flags, modes, sizes).
    Uint(u64),
    /// The text itself (paths, names).
    Text,
}

/// One event argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventArg {
    /// The parameter name in the driver's event table (`flags`, `request`, `target`, ...).
    pub name: &'static str,
    /// The argument as libsinsp prints it (`3`, `/etc/passwd`, `4097`).
    pub text: String,
    /// libsinsp's resolved form when it has one (`O_RDONLY|O_CLOEXEC` for flags,
    /// `<f>/etc/passwd` for fds); `evt.arg.NAME` prefers it.
    pub resolved: Option<String>,
    /// The raw value.
    pub raw: RawArg,
}

/// One decoded syscall exit event with its thread and fd state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyscallEvent {
    /// `evt.num`: sequence number, from 1.
    pub num: u64,
    /// Timestamp, ns since the epoch.
    pub ts_ns: u64,
    /// Driver event code (an exit event, or `PPME_GENERIC_X` for syscalls without their own).
    pub code: u16,
    /// `evt.type`: the event name, or the syscall name for generic events.
    pub type_name: &'static str,
    /// Syscall return value (`evt.rawres`), if the event has one.
    pub res: Option<i64>,
    /// The calling thread.
    pub thread: Arc<ThreadInfo>,
    /// The fd the event is about.
    pub fd: Option<FdInfo>,
    /// Event arguments in table order.
    pub args: Vec<EventArg>,
    /// PPM open flags, for open-family events (`evt.is_open_*`).
    pub open_flags: Option<u32>,
    /// Mode of the open, for `evt.is_open_exec`.
    pub open_mode: u32,
}

mod flags;
pub use flags::{errno_name, open_flags};

mod fields;
use fields::{kinds, Field};

impl Event for SyscallEvent {
    fn event_type(&self) -> u16 {
        self.code
    }

    fn extract(&self, field: &FieldRequest, out: &mut Values) {
        let kind = kinds()
            .get(field.id.0 as usize)
            .copied()
            .unwrap_or(Field::Unknown);
        self.extract_kind(kind, &field.arg, out);
    }
}

/// True if [`SyscallEvent`] extracts the field with this id of [`syscall_schema`] (fields it
/// does not know always push nothing).
pub fn is_extracted(id: FieldId) -> bool {
    kinds()
        .get(id.0 as usize)
        .is_some_and(|k| *k != Field::Unknown)
}

fn index(arg: &FieldArg) -> Option<usize> {
    match arg {
        FieldArg::Index(n) => usize::try_from(*n).ok(),
        _ => None,
    }
}

fn write_joined(buf: &mut Vec<u8>, first: Option<&str>, rest: &[String]) {
    let mut sep = false;
    if let Some(f) = first {
        buf.extend_from_slice(f.as_bytes());
        sep = true;
    }
    for a in rest {
        if sep {
            buf.push(b' ');
        }
        buf.extend_from_slice(a.as_bytes());
        sep = true;
    }
}

fn push_joined(out: &mut Values, first: Option<&str>, rest: &[String]) {
    out.push_str_with(|buf| write_joined(buf, first, rest));
}

/// A joined text: precomputed when the record has it, joined now otherwise.
fn push_line(out: &mut Values, t: &ThreadInfo, line: &str, first: Option<&str>, rest: &[String]) {
    if t.lines.ready {
        out.push_str(line.as_bytes());
    } else {
        push_joined(out, first, rest);
    }
}

fn push_nonempty(out: &mut Values, s: &str) {
    if !s.is_empty() {
        out.push_str(s.as_bytes());
    }
}

/// `HH:MM:SS.nnnnnnnnn` of a timestamp (UTC: the synthetic host has no time zone).
fn push_time_of_day(out: &mut Values, ts_ns: u64) {
    let secs = ts_ns / 1_000_000_000;
    let (h, m, s) = ((secs / 3600) % 24, (secs / 60) % 60, secs % 60);
    out.push_fmt(format_args!(
        "{h:02}:{m:02}:{s:02}.{:09}",
        ts_ns % 1_000_000_000
    ));
}

impl SyscallEvent {
    fn arg(&self, name: &str) -> Option<&EventArg> {
        self.args.iter().find(|a| a.name == name)
    }

    fn socket(&self) -> Option<&SocketInfo> {
        self.fd.as_ref().and_then(|fd| fd.socket.as_ref())
    }

    /// The ancestor `n` levels up: 0 is the thread itself.
    fn ancestor(&self, n: usize) -> Option<AncestorRef<'_>> {
        let t = &*self.thread;
        if n == 0 {
            Some(AncestorRef::This(t))
        } else {
            t.ancestors.get(n - 1).map(|a| AncestorRef::Up(a))
        }
    }
}

enum AncestorRef<'a> {
    This(&'a ThreadInfo),
    Up(&'a AncestorInfo),
}

impl AncestorRef<'_> {
    fn push(&self, which: Field, out: &mut Values) {
        match (self, which) {
            (AncestorRef::This(t), Field::ProcAname) => out.push_str(t.name.as_bytes()),
            (AncestorRef::This(t), Field::ProcAexe) => out.push_str(t.exe.as_bytes()),
            (AncestorRef::This(t), Field::ProcAexepath) => out.push_str(t.exepath.as_bytes()),
            (AncestorRef::This(t), Field::ProcApid) => out.push_i64(t.pid),
            (AncestorRef::This(t), Field::ProcAcmdline) => {
                push_line(out, t, &t.lines.cmdline, Some(&t.name), &t.args)
            }
            (AncestorRef::Up(a), Field::ProcAname) => out.push_str(a.name.as_bytes()),
            (AncestorRef::Up(a), Field::ProcAexe) => out.push_str(a.exe.as_bytes()),
            (AncestorRef::Up(a), Field::ProcAexepath) => out.push_str(a.exepath.as_bytes()),
            (AncestorRef::Up(a), Field::ProcApid) => out.push_i64(a.pid),
            (AncestorRef::Up(a), Field::ProcAcmdline) => out.push_str(a.cmdline.as_bytes()),
            _ => {}
        }
    }
}

/// Ancestor fields: with `[N]` the one ancestor (0: the process itself), without it every
/// ancestor from the parent up (libsinsp tests each and matches if any does).
fn push_ancestors(ev: &SyscallEvent, which: Field, arg: &FieldArg, out: &mut Values) {
    match index(arg) {
        Some(n) => {
            if let Some(a) = ev.ancestor(n) {
                a.push(which, out);
            }
        }
        None => {
            for a in &ev.thread.ancestors {
                AncestorRef::Up(a).push(which, out);
            }
        }
    }
}

impl SyscallEvent {
    fn extract_kind(&self, kind: Field, arg: &FieldArg, out: &mut Values) {
        let t = &*self.thread;
        let c = &*t.container;
        match kind {
            Field::Unknown => {}
            Field::EvtNum => out.push_u64(self.num),
            Field::EvtTime => push_time_of_day(out, self.ts_ns),
            Field::EvtRawtime => out.push_u64(self.ts_ns),
            Field::EvtRawtimeS => out.push_u64(self.ts_ns / 1_000_000_000),
            Field::EvtRawtimeNs => out.push_u64(self.ts_ns % 1_000_000_000),
            Field::EvtType => out.push_str(self.type_name.as_bytes()),
            Field::EvtDir => out.push_str(EXIT_DIR),
            Field::EvtSource => out.push_str(b"syscall"),
            Field::EvtIsAsync => out.push_bool(false),
            Field::EvtArgs => out.push_str_with(|buf| {
                for (i, a) in self.args.iter().enumerate() {
                    if i > 0 {
                        buf.push(b' ');
                    }
                    buf.extend_from_slice(a.name.as_bytes());
                    buf.push(b'=');
                    buf.extend_from_slice(a.text.as_bytes());
                    if let Some(r) = &a.resolved {
                        buf.push(b'(');
                        buf.extend_from_slice(r.as_bytes());
                        buf.push(b')');
                    }
                }
            }),
            Field::EvtArg => {
                let a = match arg {
                    FieldArg::Key(k) => self.arg(k),
                    FieldArg::Index(n) => usize::try_from(*n).ok().and_then(|n| self.args.get(n)),
                    FieldArg::None => None,
                };
                if let Some(a) = a {
                    let text = a.resolved.as_deref().filter(|r| !r.is_empty());
                    out.push_str(text.unwrap_or(&a.text).as_bytes());
                }
            }
            Field::EvtRawarg => {
                if let FieldArg::Key(k) = arg {
                    match self.arg(k) {
                        Some(EventArg {
                            raw: RawArg::Int(v),
                            ..
                        }) => out.push_i64(*v),
                        Some(EventArg {
                            raw: RawArg::Uint(v),
                            ..
                        }) => out.push_u64(*v),
                        Some(a) => out.push_str(a.text.as_bytes()),
                        None => {}
                    }
                }
            }
            Field::EvtRes => match self.res {
                Some(r) if r >= 0 => out.push_str(b"SUCCESS"),
                // checked: a corrupt record may hold i64::MIN.
                Some(r) => match r.checked_neg().and_then(errno_name) {
                    Some(name) => out.push_str(name.as_bytes()),
                    None => out.push_fmt(format_args!("{r}")),
                },
                None => {}
            },
            Field::EvtRawres => {
                if let Some(r) = self.res {
                    out.push_i64(r);
                }
            }
            Field::EvtFailed => out.push_bool(self.res.is_some_and(|r| r < 0)),
            Field::EvtIsOpenRead => {
                out.push_bool(self.open_flags.is_some_and(|f| f & open_flags::RDONLY != 0))
            }
            Field::EvtIsOpenWrite => {
                out.push_bool(self.open_flags.is_some_and(|f| f & open_flags::WRONLY != 0))
            }
            Field::EvtIsOpenExec => out.push_bool(self.open_flags.is_some_and(|f| {
                f & (open_flags::CREAT | open_flags::TMPFILE) != 0 && self.open_mode & 0o111 != 0
            })),
            Field::EvtIsOpenCreate => out.push_bool(
                self.open_flags
                    .is_some_and(|f| f & open_flags::F_CREATED != 0),
            ),

            Field::ProcExe => out.push_str(t.exe.as_bytes()),
            Field::ProcExepath => out.push_str(t.exepath.as_bytes()),
            Field::ProcName => out.push_str(t.name.as_bytes()),
            Field::ProcArgs => match index(arg) {
                Some(n) => {
                    if let Some(a) = t.args.get(n) {
                        out.push_str(a.as_bytes());
                    }
                }
                None => push_line(out, t, &t.lines.args, None, &t.args),
            },
            Field::ProcCmdline => push_line(out, t, &t.lines.cmdline, Some(&t.name), &t.args),
            Field::ProcExeline => push_line(out, t, &t.lines.exeline, Some(&t.exe), &t.args),
            Field::ProcCmdnargs => out.push_u64(t.args.len() as u64),
            Field::ProcEnv => match arg {
                FieldArg::Key(k) => {
                    let found = t
                        .env
                        .iter()
                        .find_map(|e| e.strip_prefix(&**k).and_then(|rest| rest.strip_prefix('=')));
                    if let Some(v) = found {
                        out.push_str(v.as_bytes());
                    }
                }
                _ => push_line(out, t, &t.lines.env, None, &t.env),
            },
            Field::ProcCwd => out.push_str(t.cwd.as_bytes()),
            Field::ProcTty => out.push_u64(u64::from(t.tty)),
            Field::ProcPid => out.push_i64(t.pid),
            Field::ProcVpid => out.push_i64(t.vpid),
            Field::ProcSid => out.push_i64(t.sid),
            Field::ProcSname => push_nonempty(out, &t.sname),
            Field::ProcDuration => out.push_u64(self.ts_ns.saturating_sub(t.start_ns)),
            Field::ProcIsExeWritable => out.push_bool(t.exe_writable),
            Field::ProcIsExeUpperLayer => out.push_bool(t.exe_upper_layer),
            Field::ProcIsExeFromMemfd => out.push_bool(t.exe_from_memfd),
            Field::ThreadTid => out.push_i64(t.tid),
            Field::ThreadIsMain => out.push_bool(t.tid == t.pid),
            Field::ThreadCapEffective => out.push_str(t.cap_effective.as_bytes()),
            Field::ThreadCapPermitted => out.push_str(t.cap_permitted.as_bytes()),
            Field::ProcPpid => {
                if let Some(p) = t.ancestors.first() {
                    out.push_i64(p.pid);
                }
            }
            Field::ProcPname => {
                if let Some(p) = t.ancestors.first() {
                    out.push_str(p.name.as_bytes());
                }
            }
            Field::ProcPexe => {
                if let Some(p) = t.ancestors.first() {
                    out.push_str(p.exe.as_bytes());
                }
            }
            Field::ProcPexepath => {
                if let Some(p) = t.ancestors.first() {
                    out.push_str(p.exepath.as_bytes());
                }
            }
            Field::ProcPcmdline => {
                if let Some(p) = t.ancestors.first() {
                    out.push_str(p.cmdline.as_bytes());
                }
            }
            Field::ProcAname
            | Field::ProcAexe
            | Field::ProcAexepath
            | Field::ProcApid
            | Field::ProcAcmdline => push_ancestors(self, kind, arg, out),

            Field::UserUid => out.push_u64(u64::from(t.user.uid)),
            Field::UserName => out.push_str(t.user.name.as_bytes()),
            Field::UserHomedir => out.push_str(t.user.home.as_bytes()),
            Field::UserShell => out.push_str(t.user.shell.as_bytes()),
            Field::UserLoginuid => out.push_i64(t.loginuid),
            Field::UserLoginname => push_nonempty(out, &t.loginname),
            Field::GroupGid => out.push_u64(u64::from(t.group.gid)),
            Field::GroupName => out.push_str(t.group.name.as_bytes()),

            Field::ContainerId => out.push_str(c.id.as_bytes()),
            Field::ContainerFullId => out.push_str(c.full_id.as_bytes()),
            Field::ContainerName => out.push_str(c.name.as_bytes()),
            Field::ContainerType => push_nonempty(out, &c.runtime),
            Field::ContainerImage => {
                if !c.image_repository.is_empty() {
                    out.push_fmt(format_args!("{}:{}", c.image_repository, c.image_tag));
                }
            }
            Field::ContainerImageRepository => push_nonempty(out, &c.image_repository),
            Field::ContainerImageTag => push_nonempty(out, &c.image_tag),
            Field::ContainerPrivileged => {
                if !c.is_host() {
                    out.push_bool(c.privileged);
                }
            }
            Field::ContainerStartTs => {
                if !c.is_host() {
                    out.push_u64(c.start_ns);
                }
            }
            Field::K8sPodName => push_nonempty(out, &c.k8s_pod),
            Field::K8sNsName => push_nonempty(out, &c.k8s_ns),

            _ => self.extract_fd(kind, out),
        }
    }

    fn extract_fd(&self, kind: Field, out: &mut Values) {
        let Some(fd) = &self.fd else {
            return;
        };
        let sock = self.socket();
        match kind {
            Field::FdNum => out.push_i64(fd.num),
            Field::FdType => out.push_str(fd.kind.name().as_bytes()),
            Field::FdTypechar => out.push_str(&[fd.kind.typechar()]),
            Field::FdName => out.push_str(fd.name.as_bytes()),
            Field::FdNameraw => out.push_str(fd.name_raw.as_ref().unwrap_or(&fd.name).as_bytes()),
            Field::FdNameChanged => out.push_bool(false),
            Field::FdDirectory => match fd.kind {
                FdKind::Directory => out.push_str(fd.name.as_bytes()),
                FdKind::File => {
                    let name = fd.name.as_bytes();
                    let dir = match name.iter().rposition(|&b| b == b'/') {
                        Some(0) | None => &b"/"[..],
                        Some(p) if p + 1 == name.len() => name,
                        Some(p) => &name[..p],
                    };
                    out.push_str(dir);
                }
                _ => {}
            },
            Field::FdFilename => {
                if fd.kind == FdKind::File {
                    let name = fd.name.as_bytes();
                    let base = match name.iter().rposition(|&b| b == b'/') {
                        Some(p) if p + 1 < name.len() => &name[p + 1..],
                        Some(_) => name,
                        None => &b"/"[..],
                    };
                    out.push_str(base);
                }
            }
            Field::FdL4proto => match sock {
                Some(s) => out.push_str(s.l4proto.name().as_bytes()),
                None => out.push_str(b"<NA>"),
            },
            Field::FdSockfamily => match fd.kind {
                FdKind::Ipv4 | FdKind::Ipv6 => out.push_str(b"ip"),
                FdKind::Unix => out.push_str(b"unix"),
                _ => {}
            },
            Field::FdConnected => out.push_bool(sock.is_some_and(|s| s.connected)),
            Field::FdIsServer => {
                if let Some(s) = sock {
                    out.push_bool(s.is_server);
                }
            }
            _ => {
                if let Some(s) = sock {
                    extract_socket(s, kind, out);
                }
            }
        }
    }
}

fn extract_socket(s: &SocketInfo, kind: Field, out: &mut Values) {
    match kind {
        // The FILTER_ONLY pair fields test both ends: any match matches.
        Field::FdIp | Field::FdNet => {
            out.push_ip(s.client.0);
            out.push_ip(s.server.0);
        }
        Field::FdPort => {
            out.push_u64(u64::from(s.client.1));
            out.push_u64(u64::from(s.server.1));
        }
        Field::FdCip | Field::FdCnet => out.push_ip(s.client.0),
        Field::FdSip | Field::FdSnet => out.push_ip(s.server.0),
        Field::FdLip | Field::FdLnet => out.push_ip(s.local().0),
        Field::FdRip | Field::FdRnet => out.push_ip(s.remote().0),
        Field::FdCport => out.push_u64(u64::from(s.client.1)),
        Field::FdSport => out.push_u64(u64::from(s.server.1)),
        Field::FdLport => out.push_u64(u64::from(s.local().1)),
        Field::FdRport => out.push_u64(u64::from(s.remote().1)),
        Field::FdSipName => {
            if let Some(n) = &s.server_name {
                out.push_str(n.as_bytes());
            }
        }
        _ => {}
    }
}
