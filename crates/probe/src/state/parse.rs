//! How each event updates the state (libsinsp's parser, event by event).

use std::sync::OnceLock;

use crate::extract::{FdKind, L4Proto};
use crate::scap::{decode_param, ParamValue, RawEvent, SockTuple};
use crate::schema::event_layout::{flags as ef, ParamInfo, ParamType, EVENT_INFO};

use super::fd::{sockaddr_text, socket_kind, socket_l4proto, Fd};
use super::thread::{resolve_path, split_nul, with_trailing_slash, Thread};
use super::State;

/// `PPM_AT_FDCWD`: openat relative to the working directory.
const AT_FDCWD: i64 = -100;
/// `-EINPROGRESS`: a non-blocking connect under way still names the socket.
const EINPROGRESS: i64 = -115;
/// `PPM_CL_CLONE_THREAD`.
const CLONE_THREAD: u32 = 1 << 13;
/// `PPM_FCNTL_F_DUPFD` and `PPM_FCNTL_F_DUPFD_CLOEXEC`.
const F_DUPFD: u64 = 1;
const F_DUPFD_CLOEXEC: u64 = 26;
/// `PPME_SYSCALL_EXECVE_18_X`: from this version on libsinsp takes the exe path from the
/// enter event's filename.
const EXECVE_18_X: u16 = 289;
/// `PPM_O_DIRECTORY`.
const O_DIRECTORY: u32 = 1 << 10;

/// What parsing learnt about the event, for building its fields.
#[derive(Debug, Default)]
pub(super) struct Ctx {
    /// The thread exists in the table for this event.
    pub thread: bool,
    /// The fd the event is about (libsinsp's `m_lastevent_fd`), `-1` for none.
    pub fd_num: i64,
    /// The event's own fd is known (libsinsp's `evt->m_fdinfo` after reset).
    pub has_fd: bool,
    /// The fd as it was before the event removed it (close).
    pub removed_fd: Option<Fd>,
}

/// What an exit event does to the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    None,
    Open,
    Socket,
    Bind,
    Connect,
    Accept,
    SendTo,
    Close,
    Pipe,
    NewFd(Option<FdKind>),
    Dup,
    Fcntl,
    Chdir,
    Fchdir,
    Clone,
    Execve,
}

/// What parsing needs to know of an event code, looked up once per code.
#[derive(Debug, Clone, Copy)]
struct CodeInfo {
    /// What the exit event does to the state (enter codes: `None`).
    action: Action,
    /// A scheduler switch: only looks its thread up.
    switch: bool,
    /// procexit: the thread leaves the table after this event.
    procexit: bool,
}

const NO_CODE: CodeInfo = CodeInfo {
    action: Action::None,
    switch: false,
    procexit: false,
};

/// The parsing information of every event code, by its name.
fn code_infos() -> &'static [CodeInfo] {
    static TABLE: OnceLock<Vec<CodeInfo>> = OnceLock::new();
    TABLE.get_or_init(|| {
        EVENT_INFO
            .iter()
            .enumerate()
            .map(|(code, info)| CodeInfo {
                action: action_of(code, info.name),
                switch: info.name == "switch",
                procexit: info.name == "procexit",
            })
            .collect()
    })
}

/// The action of an event code (exit codes only; enter codes map to `None`).
fn action_of(code: usize, name: &str) -> Action {
    if code & 1 == 0 {
        return Action::None;
    }
    match name {
        "open" | "openat" | "openat2" | "creat" | "open_by_handle_at" => Action::Open,
        "socket" => Action::Socket,
        "bind" => Action::Bind,
        "connect" => Action::Connect,
        "accept" | "accept4" => Action::Accept,
        "close" => Action::Close,
        "sendto" | "sendmsg" => Action::SendTo,
        "pipe" | "pipe2" => Action::Pipe,
        "socketpair" => Action::NewFd(Some(FdKind::Unix)),
        "eventfd" | "eventfd2" => Action::NewFd(Some(FdKind::Event)),
        "signalfd" | "signalfd4" => Action::NewFd(Some(FdKind::Signalfd)),
        "timerfd_create" => Action::NewFd(Some(FdKind::Timerfd)),
        "inotify_init" | "inotify_init1" => Action::NewFd(Some(FdKind::Inotify)),
        "epoll_create" | "epoll_create1" => Action::NewFd(Some(FdKind::Eventpoll)),
        "memfd_create" => Action::NewFd(Some(FdKind::Memfd)),
        "userfaultfd" | "io_uring_setup" | "pidfd_open" | "pidfd_getfd" => Action::NewFd(None),
        "dup" | "dup2" | "dup3" => Action::Dup,
        "fcntl" => Action::Fcntl,
        "chdir" => Action::Chdir,
        "fchdir" => Action::Fchdir,
        "clone" | "fork" | "vfork" | "clone3" => Action::Clone,
        "execve" | "execveat" => Action::Execve,
        _ => Action::None,
    }
}

fn code_info(code: u16) -> CodeInfo {
    code_infos()
        .get(usize::from(code))
        .copied()
        .unwrap_or(NO_CODE)
}

/// The index of the parameter called `name`.
fn param_index(raw: &RawEvent<'_>, name: &str) -> Option<usize> {
    raw.info()?.params.iter().position(|p| p.name == name)
}

/// Parameter `name` decoded.
fn param<'a>(raw: &RawEvent<'a>, name: &str) -> Option<ParamValue<'a>> {
    raw.decode(param_index(raw, name)?).ok()
}

fn int(v: &ParamValue<'_>) -> Option<i64> {
    match v {
        ParamValue::Int(n) | ParamValue::Errno(n) | ParamValue::Fd(n) | ParamValue::Pid(n) => {
            Some(*n)
        }
        ParamValue::Uint(n) => Some(*n as i64),
        ParamValue::Flags(n) => Some(i64::from(*n)),
        ParamValue::Dyn(_, inner) => int(inner),
        _ => None,
    }
}

fn param_int(raw: &RawEvent<'_>, name: &str) -> Option<i64> {
    int(&param(raw, name)?)
}

fn text(v: &ParamValue<'_>) -> Option<String> {
    match v {
        ParamValue::Str(s) | ParamValue::Bytes(s) => Some(String::from_utf8_lossy(s).into_owned()),
        _ => None,
    }
}

fn param_text(raw: &RawEvent<'_>, name: &str) -> Option<String> {
    text(&param(raw, name)?)
}

/// The fd an enter event is about: its first parameter when that is an fd, else its parameter
/// called `fd` (current libsinsp reads mmap's fd from its fifth parameter; libsinsp 0.29's
/// table gave mmap no fd at all).
fn enter_fd(raw: &RawEvent<'_>) -> Option<i64> {
    let at = match raw.info()?.params.first() {
        Some(p) if matches!(p.ty, ParamType::Fd | ParamType::Fd32) => 0,
        _ => param_index(raw, "fd")?,
    };
    match raw.decode(at).ok()? {
        ParamValue::Fd(n) => Some(n),
        _ => None,
    }
}

/// The return value: the first parameter when it is called `res` or `fd` (libsinsp's rule).
pub(super) fn return_value(raw: &RawEvent<'_>) -> Option<i64> {
    let name = raw.param_name(0)?;
    if name != "res" && name != "fd" {
        return None;
    }
    int(&raw.decode(0).ok()?)
}

/// Updates the state with one (not hidden) event.
pub(super) fn apply(state: &mut State, raw: &RawEvent<'_>) -> Ctx {
    let tid = raw.tid as i64;
    let code = raw.event_type;
    let flags = raw.info().map_or(0, |i| i.flags);
    let info = code_info(code);
    let act = info.action;
    let mut ctx = Ctx {
        fd_num: -1,
        ..Ctx::default()
    };
    // Scheduler switches only look the thread up; clone exits create it while parsing.
    let lookup_only = info.switch || (act == Action::Clone && state.thread(tid).is_none());
    let thread = if lookup_only {
        state.threads.get_mut(&tid)
    } else {
        state.thread_or_fake(tid)
    };
    let Some(thread) = thread else {
        if act == Action::Clone {
            clone_exit(state, raw);
            ctx.thread = state.thread(tid).is_some();
        }
        return ctx;
    };
    ctx.thread = true;
    if info.switch || flags & ef::EF_SKIPPARSERESET != 0 {
        ctx.fd_num = thread.last_enter.fd;
        if info.procexit {
            thread.exited = true;
            state.to_remove = Some(tid);
        }
        return ctx;
    }
    if code & 1 == 0 {
        let fd = if flags & ef::EF_USES_FD != 0 {
            enter_fd(raw).unwrap_or(-1)
        } else {
            -1
        };
        // Only exits that update the state read their enter event's parameters back.
        if code_info(code + 1).action == Action::None {
            thread.last_enter.store_code(code, fd);
        } else {
            thread.last_enter.store_event(fd, raw);
        }
        ctx.fd_num = fd;
        if info.procexit {
            thread.exited = true;
            state.to_remove = Some(tid);
        }
        return ctx;
    }
    ctx.fd_num = thread.last_enter.fd;
    // libsinsp parses every exit event; only one that follows its own enter event may read
    // the enter event back and has the enter event's fd as its fd.
    let paired = thread.last_enter.code.map(|c| c + 1) == Some(code);
    if !paired {
        thread.last_enter.forget_params();
    }
    if act != Action::None {
        ctx.has_fd = paired && flags & ef::EF_USES_FD != 0 && state.fd(tid, ctx.fd_num).is_some();
        parse_exit(state, raw, act, &mut ctx);
    }
    ctx
}

fn parse_exit(state: &mut State, raw: &RawEvent<'_>, act: Action, ctx: &mut Ctx) {
    let tid = raw.tid as i64;
    let res = return_value(raw).unwrap_or(0);
    match act {
        Action::None => {}
        Action::Open => open_exit(state, raw, ctx),
        Action::Socket => {
            if res >= 0 {
                let enter = |i: usize| {
                    state
                        .thread(tid)
                        .and_then(|t| t.last_enter.param(i))
                        .and_then(|b| {
                            b.get(..4)
                                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                        })
                        .map(u64::from)
                };
                let domain = param_int(raw, "domain")
                    .map(|d| d as u64)
                    .or_else(|| enter(0));
                let ty = param_int(raw, "type")
                    .map(|d| d as u64)
                    .or_else(|| enter(1));
                let proto = param_int(raw, "proto")
                    .map(|d| d as u64)
                    .or_else(|| enter(2));
                let kind = domain.and_then(socket_kind);
                let mut fd = Fd::new(kind, "");
                if matches!(kind, Some(FdKind::Ipv4 | FdKind::Ipv6)) {
                    let l4 = socket_l4proto(ty.unwrap_or(0), proto.unwrap_or(0));
                    fd.socket = Some(crate::extract::SocketInfo {
                        l4proto: l4,
                        client: (std::net::Ipv4Addr::UNSPECIFIED.into(), 0),
                        server: (std::net::Ipv4Addr::UNSPECIFIED.into(), 0),
                        is_server: false,
                        connected: false,
                        server_name: None,
                    });
                }
                add_fd(state, tid, res, fd, ctx);
            }
        }
        Action::Bind => {
            if res >= 0 && ctx.has_fd {
                if let Some(ParamValue::SockAddr(addr)) = param(raw, "addr") {
                    let name = sockaddr_text(&addr);
                    if let Some(fd) = fd_mut(state, tid, ctx.fd_num) {
                        fd.name = name;
                        if let Some(s) = fd.socket.as_mut() {
                            s.is_server = true;
                        }
                    }
                }
            }
        }
        Action::Connect => {
            if !ctx.has_fd || (res < 0 && res != EINPROGRESS) {
                return;
            }
            if let Some(ParamValue::SockTuple(t)) = param(raw, "tuple") {
                if let Some(fd) = fd_mut(state, tid, ctx.fd_num) {
                    fd.merge_tuple(&t, false);
                }
            }
        }
        Action::SendTo => {
            // A datagram socket takes its endpoints from the enter event's tuple.
            if res < 0 || !ctx.has_fd {
                return;
            }
            let Some(fd) = state.fd(tid, ctx.fd_num) else {
                return;
            };
            let tcp = fd
                .socket
                .as_ref()
                .is_some_and(|s| s.l4proto == L4Proto::Tcp);
            if !fd.name.is_empty() && tcp {
                return;
            }
            let tuple = state
                .thread(tid)
                .and_then(|t| t.last_enter.param(2))
                .map(<[u8]>::to_vec);
            if let Some(bytes) = tuple.filter(|b| !b.is_empty()) {
                if let Some(t) = socktuple_of(&bytes) {
                    if let Some(fd) = fd_mut(state, tid, ctx.fd_num) {
                        fd.merge_tuple(&t, true);
                    }
                }
            }
        }
        Action::Accept => {
            if res >= 0 {
                let mut fd = Fd::new(Some(FdKind::Unix), "");
                if let Some(ParamValue::SockTuple(t)) = param(raw, "tuple") {
                    if matches!(t, SockTuple::Unix(..)) {
                        fd.name = super::fd::tuple_text(&t);
                    } else {
                        fd.set_tuple(&t, true);
                    }
                }
                add_fd(state, tid, res, fd, ctx);
            }
        }
        Action::Close => {
            if res >= 0 && ctx.has_fd {
                let num = ctx.fd_num;
                ctx.removed_fd = state.fd_table_mut(tid).and_then(|t| t.remove(num));
            }
        }
        Action::Pipe => {
            if res >= 0 {
                for name in ["fd1", "fd2"] {
                    if let Some(n) = param_int(raw, name) {
                        add_fd(state, tid, n, Fd::new(Some(FdKind::Pipe), ""), ctx);
                    }
                }
            }
        }
        Action::NewFd(kind) => {
            if res >= 0 {
                if kind == Some(FdKind::Unix) {
                    for name in ["fd1", "fd2"] {
                        if let Some(n) = param_int(raw, name) {
                            add_fd(state, tid, n, Fd::new(kind, ""), ctx);
                        }
                    }
                } else {
                    let name = match kind {
                        Some(FdKind::Memfd) => param_text(raw, "name")
                            .or_else(|| enter_text(state, tid, 0))
                            .map(|n| format!("memfd:{n}"))
                            .unwrap_or_default(),
                        _ => String::new(),
                    };
                    add_fd(state, tid, res, Fd::new(kind, name), ctx);
                }
            }
        }
        Action::Dup => {
            if res >= 0 {
                let old = param_int(raw, "oldfd").unwrap_or(ctx.fd_num);
                if let Some(fd) = state.fd(tid, old).cloned() {
                    add_fd(state, tid, res, fd, ctx);
                }
            }
        }
        Action::Fcntl => {
            let cmd = param_int(raw, "cmd")
                .map(|c| c as u64)
                .or_else(|| enter_u8(state, tid, 1));
            if res >= 0 && ctx.has_fd && matches!(cmd, Some(F_DUPFD | F_DUPFD_CLOEXEC)) {
                if let Some(fd) = state.fd(tid, ctx.fd_num).cloned() {
                    let keep = ctx.fd_num;
                    add_fd(state, tid, res, fd, ctx);
                    ctx.fd_num = keep;
                }
            }
        }
        Action::Chdir => {
            if res >= 0 {
                if let Some(path) = param_text(raw, "path") {
                    set_cwd(state, tid, |cwd| resolve_path(cwd, &path));
                }
            }
        }
        Action::Fchdir => {
            if res >= 0 && ctx.has_fd {
                if let Some(dir) = state.fd(tid, ctx.fd_num).map(|f| f.name.clone()) {
                    set_cwd(state, tid, |_| dir);
                }
            }
        }
        Action::Clone => clone_exit(state, raw),
        Action::Execve => execve_exit(state, raw, res),
    }
}

fn enter_text(state: &State, tid: i64, i: usize) -> Option<String> {
    let b = state.thread(tid)?.last_enter.param(i)?;
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    Some(String::from_utf8_lossy(b.get(..end)?).into_owned())
}

fn enter_u8(state: &State, tid: i64, i: usize) -> Option<u64> {
    state
        .thread(tid)?
        .last_enter
        .param(i)?
        .first()
        .map(|&b| u64::from(b))
}

fn enter_i64(state: &State, tid: i64, i: usize) -> Option<i64> {
    let b = state.thread(tid)?.last_enter.param(i)?;
    Some(i64::from_le_bytes(b.get(..8)?.try_into().ok()?))
}

fn fd_mut(state: &mut State, tid: i64, num: i64) -> Option<&mut Fd> {
    state.fd_table_mut(tid)?.get_mut(num)
}

fn add_fd(state: &mut State, tid: i64, num: i64, fd: Fd, ctx: &mut Ctx) {
    if let Some(table) = state.fd_table_mut(tid) {
        table.insert(num, fd);
    }
    ctx.fd_num = num;
    if let Some(t) = state.threads.get_mut(&tid) {
        t.last_enter.fd = num;
    }
}

fn set_cwd(state: &mut State, tid: i64, f: impl FnOnce(&str) -> String) {
    if let Some(t) = state.threads.get_mut(&tid) {
        t.cwd = with_trailing_slash(&f(&t.cwd));
        state.touch(tid);
    }
}

/// The directory an `*at` path is relative to: the working directory for `AT_FDCWD`, else the
/// directory fd's name.
fn dirfd_base(state: &State, tid: i64, dirfd: i64) -> String {
    if dirfd == AT_FDCWD {
        state.thread(tid).map(|t| t.cwd.clone()).unwrap_or_default()
    } else {
        state
            .fd(tid, dirfd)
            .map(|f| with_trailing_slash(&f.name))
            .unwrap_or_default()
    }
}

fn open_exit(state: &mut State, raw: &RawEvent<'_>, ctx: &mut Ctx) {
    let tid = raw.tid as i64;
    let Some(fd) = return_value(raw) else { return };
    if fd < 0 {
        return;
    }
    let is_at = raw.name() != "open" && raw.name() != "creat";
    // Old openat exits carry only the fd: the path, dirfd and flags are the enter event's.
    let name = param_text(raw, "name")
        .or_else(|| param_text(raw, "path"))
        .or_else(|| enter_text(state, tid, if is_at { 1 } else { 0 }))
        .unwrap_or_default();
    let flags = param_int(raw, "flags")
        .map(|f| f as u32)
        .or_else(|| {
            let b = state
                .thread(tid)?
                .last_enter
                .param(if is_at { 2 } else { 1 })?;
            Some(u32::from_le_bytes(b.get(..4)?.try_into().ok()?))
        })
        .unwrap_or(0);
    let base = if is_at {
        let dirfd = param_int(raw, "dirfd")
            .or_else(|| enter_i64(state, tid, 0))
            .unwrap_or(AT_FDCWD);
        dirfd_base(state, tid, dirfd)
    } else {
        state.thread(tid).map(|t| t.cwd.clone()).unwrap_or_default()
    };
    let path = if raw.name() == "open_by_handle_at" {
        name.clone()
    } else {
        resolve_path(&base, &name)
    };
    let kind = if flags & O_DIRECTORY != 0 {
        FdKind::Directory
    } else {
        FdKind::File
    };
    let mut entry = Fd::new(Some(kind), path);
    entry.open_flags = flags;
    if entry.name != name {
        entry.name_raw = Some(name);
    }
    add_fd(state, tid, fd, entry, ctx);
}

fn clone_exit(state: &mut State, raw: &RawEvent<'_>) {
    let tid = raw.tid as i64;
    let Some(res) = return_value(raw) else { return };
    if res < 0 {
        return;
    }
    let flags = param_int(raw, "flags").unwrap_or(0) as u32;
    let (child_tid, parent_tid) = if res == 0 {
        (tid, param_int(raw, "ptid").unwrap_or(-1))
    } else {
        (res, tid)
    };
    if state.thread(child_tid).is_some_and(|t| !t.fake) {
        return;
    }
    let mut child = match state.thread(parent_tid) {
        Some(p) => p.child(child_tid),
        None => Thread::fake(child_tid),
    };
    child.fake = false;
    if let Some(exe) = param_text(raw, "exe") {
        child.exe = exe;
    }
    child.comm = param_text(raw, "comm").unwrap_or_else(|| child.exe.clone());
    if let Some(ParamValue::Bytes(a)) = param(raw, "args") {
        child.args = split_nul(a);
    }
    if let Some(cwd) = param_text(raw, "cwd") {
        child.cwd = with_trailing_slash(&cwd);
    }
    if let Some(uid) = param_int(raw, "uid") {
        child.uid = uid as u32;
    }
    if let Some(gid) = param_int(raw, "gid") {
        child.gid = gid as u32;
    }
    if let Some(ParamValue::Bytes(c)) = param(raw, "cgroups") {
        child.set_cgroups(split_nul(c));
    }
    child.start_ns = raw.ts;
    if res == 0 {
        // The child's own event: its ids are the event's.
        child.pid = param_int(raw, "pid").unwrap_or(child_tid);
        child.ptid = parent_tid;
        child.vpid = param_int(raw, "vpid").unwrap_or(child.vpid);
    } else if flags & CLONE_THREAD != 0 {
        let parent = state.thread(parent_tid);
        child.pid = parent.map_or(child_tid, |p| p.pid);
        child.ptid = parent.map_or(-1, |p| p.ptid);
    } else {
        child.pid = child_tid;
        child.ptid = parent_tid;
    }
    if child.pid == child_tid {
        // A new process starts with a copy of its parent's fds.
        let parent_pid = state.thread(parent_tid).map(|p| p.pid);
        if let Some(table) = parent_pid.and_then(|p| state.fds.get(&p)).cloned() {
            state.fds.insert(child_tid, table);
        }
    }
    state.add_thread(child);
}

fn execve_exit(state: &mut State, raw: &RawEvent<'_>, res: i64) {
    let tid = raw.tid as i64;
    if res < 0 {
        return;
    }
    let enter_path = enter_text(state, tid, if raw.name() == "execveat" { 1 } else { 0 });
    let Some(t) = state.threads.get_mut(&tid) else {
        return;
    };
    t.process_changed();
    if let Some(exe) = param_text(raw, "exe") {
        t.exe = exe;
    }
    t.comm = param_text(raw, "comm").unwrap_or_else(|| t.exe.clone());
    if let Some(ParamValue::Bytes(a)) = param(raw, "args") {
        t.args = split_nul(a);
    }
    if let Some(pid) = param_int(raw, "pid") {
        t.pid = pid;
    }
    if t.ptid == -1 {
        if let Some(ptid) = param_int(raw, "ptid") {
            t.ptid = ptid;
        }
    }
    if let Some(ParamValue::Bytes(e)) = param(raw, "env") {
        t.env = split_nul(e);
    }
    if let Some(ParamValue::Bytes(c)) = param(raw, "cgroups") {
        t.set_cgroups(split_nul(c));
    }
    if let Some(tty) = param_int(raw, "tty") {
        t.tty = tty as u32;
    }
    if let Some(uid) = param_int(raw, "uid") {
        t.uid = uid as u32;
    }
    if let Some(path) = param_text(raw, "trusted_exepath") {
        t.exepath = path;
    } else if raw.event_type >= EXECVE_18_X {
        if let Some(p) = enter_path {
            t.exepath = if p.starts_with("<NA>") {
                "<NA>".into()
            } else {
                resolve_path(&t.cwd, &p)
            };
        }
    }
    state.touch(tid);
}

fn socktuple_of(bytes: &[u8]) -> Option<SockTuple<'_>> {
    let info = ParamInfo {
        name: "tuple",
        ty: ParamType::SockTuple,
        dyn_types: &[],
    };
    match decode_param(&info, bytes).ok()? {
        ParamValue::SockTuple(t) => Some(t),
        _ => None,
    }
}
