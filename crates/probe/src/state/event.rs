//! Events of a replayed capture as the rules engine sees them.
//!
//! A [`ReplayEvent`] wraps the shared [`SyscallEvent`] model rather than being a borrowed view
//! over the state: the engine, the synthetic generator and (later) the live probe then share
//! one extraction of every field, and the event stays valid after the state moves on (outputs
//! are formatted after matching; a view would pin the state). The copying this costs is small:
//! the thread data is an `Arc` cached per thread and rebuilt only when process data changes,
//! so an event copies its fd name and its rendered arguments. The wrapper adds what libsinsp
//! shows that the live model has no room for: enter events (`evt.dir` is `>`), events of no
//! known thread (process, user and fd fields are absent), and an fd name known without its fd
//! (libsinsp names failed opens and connects after their arguments).

use std::sync::OnceLock;

use falcod_rules::event::{Event, FieldRequest, Values};

use crate::extract::{FdInfo, FdKind, SyscallEvent};
use crate::scap::{ParamValue, RawEvent};
use crate::schema::event_layout::{flags as ef, PPME_GENERIC_E};
use crate::schema::event_table::SYSCALL_NAMES;
use crate::schema::syscall_schema;

use super::parse::{return_value, Ctx};
use super::{args, resolve_path, Fd, State};

/// One event of a capture, with the state it happened in.
#[derive(Debug, Clone)]
pub struct ReplayEvent {
    /// The event and its thread and fd.
    pub event: SyscallEvent,
    /// An enter event (`evt.dir` `>`).
    pub enter: bool,
    /// The thread is known: without it process, user, container and fd fields are absent.
    pub has_thread: bool,
    /// `fd.name` when it does not come from `event.fd` (failed opens and connects).
    pub fd_name: Option<String>,
    /// The fd's kind is one libsinsp prints as `<NA>`.
    pub fd_kind_unknown: bool,
    /// `fd.num`: the fd the event is about, known even when the fd is not (fd events only).
    pub fd_num: Option<i64>,
}

/// How the wrapper treats a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Special {
    None,
    Dir,
    FdName,
    FdNum,
    FdKind,
    /// `fd.*`: needs an fd and a thread.
    Fd,
    /// Process, user, group, container fields: need a thread.
    Thread,
}

fn specials() -> &'static [Special] {
    static TABLE: OnceLock<Vec<Special>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let fields = &syscall_schema().fields;
        let mut table = vec![Special::None; fields.len()];
        for (i, slot) in table.iter_mut().enumerate() {
            let name = fields
                .get(falcod_rules::fields::FieldId(i as u32))
                .name
                .as_str();
            *slot = match name {
                "evt.dir" => Special::Dir,
                "fd.name" => Special::FdName,
                "fd.num" => Special::FdNum,
                "fd.type" | "fd.typechar" => Special::FdKind,
                n if n.starts_with("fd.") => Special::Fd,
                n if ["proc.", "thread.", "user.", "group.", "container.", "k8s."]
                    .iter()
                    .any(|p| n.starts_with(p)) =>
                {
                    Special::Thread
                }
                _ => Special::None,
            };
        }
        table
    })
}

impl Event for ReplayEvent {
    fn event_type(&self) -> u16 {
        self.event.code
    }

    fn extract(&self, field: &FieldRequest, out: &mut Values) {
        let special = specials()
            .get(field.id.0 as usize)
            .copied()
            .unwrap_or(Special::None);
        match special {
            Special::Dir => out.push_str(if self.enter { b">" } else { b"<" }),
            Special::Thread | Special::Fd | Special::FdKind | Special::FdName | Special::FdNum
                if !self.has_thread => {}
            Special::FdNum => {
                if let Some(n) = self.fd_num {
                    out.push_i64(n);
                }
            }
            Special::FdName => match &self.fd_name {
                Some(name) => out.push_str(name.as_bytes()),
                None => self.event.extract(field, out),
            },
            Special::FdKind if self.fd_kind_unknown => {
                if self.event.fd.is_some() {
                    out.push_str(b"<NA>");
                }
            }
            _ => self.event.extract(field, out),
        }
    }
}

/// The `evt.type` of an event: its name, or for generic events the syscall's.
fn type_name(raw: &RawEvent<'_>) -> &'static str {
    if raw.event_type & !1 == PPME_GENERIC_E {
        return match raw.decode(0) {
            Ok(ParamValue::Uint(id)) => SYSCALL_NAMES
                .get(id as usize)
                .copied()
                .filter(|n| *n != "unknown")
                .unwrap_or("<unknown>"),
            _ => "<unknown>",
        };
    }
    raw.name()
}

/// What libsinsp names the fd of an exit event that has no fd (a failed open, accept, connect).
fn name_from_creator(state: &State, raw: &RawEvent<'_>) -> Option<String> {
    let tid = raw.tid as i64;
    let s = |i: usize| match raw.decode(i).ok()? {
        ParamValue::Str(s) => Some(String::from_utf8_lossy(s).into_owned()),
        ParamValue::SockTuple(t) => Some(super::tuple_text(&t)),
        _ => None,
    };
    match raw.name() {
        "open" | "creat" | "accept" | "accept4" | "connect" => Some(s(1).unwrap_or_default()),
        "openat" | "openat2" => {
            let enter = state.thread(tid).map(|t| &t.last_enter);
            let (dirfd, name) = if raw.nparams >= 3 {
                let dirfd = match raw.decode(1).ok()? {
                    ParamValue::Fd(n) => n,
                    _ => -100,
                };
                (dirfd, s(2).unwrap_or_default())
            } else {
                let e = enter?;
                let dirfd = e
                    .param(0)
                    .and_then(|b| Some(i64::from_le_bytes(b.get(..8)?.try_into().ok()?)))
                    .unwrap_or(-100);
                let name = e.param(1).map(|b| {
                    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
                    String::from_utf8_lossy(b.get(..end).unwrap_or_default()).into_owned()
                });
                (dirfd, name.unwrap_or_default())
            };
            let base = if dirfd == -100 {
                state.thread(tid).map(|t| t.cwd.clone()).unwrap_or_default()
            } else {
                state
                    .fd(tid, dirfd)
                    .map(|f| format!("{}/", f.name))
                    .unwrap_or_default()
            };
            Some(resolve_path(&base, &name))
        }
        _ => Some(String::new()),
    }
}

/// What building needs to know of an event code, looked up once per code.
#[derive(Debug, Clone, Copy, Default)]
struct CodeInfo {
    /// Index of the parameter called `res`.
    res: Option<u8>,
    /// open, openat, openat2 or creat.
    is_open: bool,
    /// connect.
    is_connect: bool,
}

fn code_info(code: u16) -> CodeInfo {
    static TABLE: OnceLock<Vec<CodeInfo>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        crate::schema::event_layout::EVENT_INFO
            .iter()
            .map(|info| CodeInfo {
                res: info
                    .params
                    .iter()
                    .position(|p| p.name == "res")
                    .and_then(|i| u8::try_from(i).ok()),
                is_open: matches!(info.name, "open" | "openat" | "openat2" | "creat"),
                is_connect: info.name == "connect",
            })
            .collect()
    });
    table.get(usize::from(code)).copied().unwrap_or_default()
}

/// An empty event, to be filled by [`build_into`].
pub(super) fn empty(thread: std::sync::Arc<crate::extract::ThreadInfo>) -> ReplayEvent {
    ReplayEvent {
        event: SyscallEvent {
            num: 0,
            ts_ns: 0,
            code: 0,
            type_name: "",
            res: None,
            thread,
            fd: None,
            args: Vec::new(),
            open_flags: None,
            open_mode: 0,
        },
        enter: false,
        has_thread: false,
        fd_name: None,
        fd_kind_unknown: false,
        fd_num: None,
    }
}

/// Copies `f` as fd `num` into `slot`, reusing the buffers of the fd it holds.
fn set_fd(slot: &mut Option<FdInfo>, f: &Fd, num: i64) {
    match slot {
        Some(e) => {
            e.num = num;
            e.kind = f.kind.unwrap_or(FdKind::File);
            e.name.clone_from(&f.name);
            e.name_raw.clone_from(&f.name_raw);
            e.socket.clone_from(&f.socket);
        }
        None => *slot = Some(f.to_event_fd(num)),
    }
}

/// Builds the event after the state took it in, into `ev` (whose buffers are reused: an
/// earlier event's arguments and fd name).
pub(super) fn build_into(
    state: &mut State,
    num: u64,
    raw: &RawEvent<'_>,
    ctx: Ctx,
    ev: &mut ReplayEvent,
) {
    let tid = raw.tid as i64;
    let enter = raw.event_type & 1 == 0;
    let flags = raw.info().map_or(0, |i| i.flags);
    let code = code_info(raw.event_type);
    ev.event.thread = state
        .thread_info(tid)
        .unwrap_or_else(|| std::sync::Arc::clone(&state.no_thread));
    let uses_fd = flags & (ef::EF_CREATES_FD | ef::EF_USES_FD | ef::EF_DESTROYS_FD) != 0;
    let mut fd_name = None;
    let mut fd_kind_unknown = false;
    let mut has_fd = false;
    if uses_fd && ctx.thread {
        let entry = ctx
            .removed_fd
            .as_ref()
            .or_else(|| state.fd(tid, ctx.fd_num));
        match entry {
            Some(f) => {
                fd_kind_unknown = f.kind.is_none();
                if code.is_connect && !enter && return_value(raw).unwrap_or(0) < 0 {
                    fd_name = name_from_creator(state, raw);
                }
                set_fd(&mut ev.event.fd, f, ctx.fd_num);
                has_fd = true;
            }
            None => {
                if !enter {
                    fd_name = name_from_creator(state, raw);
                }
            }
        }
    }
    if !has_fd {
        ev.event.fd = None;
    }
    let res = code
        .res
        .and_then(|i| raw.decode(usize::from(i)).ok())
        .and_then(|v| match v {
            ParamValue::Int(n) | ParamValue::Errno(n) | ParamValue::Pid(n) | ParamValue::Fd(n) => {
                Some(n)
            }
            ParamValue::Uint(n) => Some(n as i64),
            _ => None,
        })
        .or_else(|| {
            (!enter && flags & ef::EF_CREATES_FD != 0)
                .then(|| return_value(raw))
                .flatten()
        });
    let mut cache = std::mem::take(&mut state.render);
    args::render_into(state, raw, &mut ev.event.args, &mut cache);
    state.render = cache;
    let args = &ev.event.args;
    let open_flags = if code.is_open && !enter {
        args.iter()
            .find(|a| a.name == "flags")
            .and_then(|a| match a.raw {
                crate::extract::RawArg::Uint(f) => Some(f as u32),
                _ => None,
            })
    } else {
        None
    };
    let open_mode = args
        .iter()
        .find(|a| a.name == "mode")
        .and_then(|a| match a.raw {
            crate::extract::RawArg::Uint(m) => Some(m as u32),
            _ => None,
        })
        .unwrap_or(0);
    let e = &mut ev.event;
    e.num = num;
    e.ts_ns = raw.ts;
    e.code = raw.event_type;
    e.type_name = type_name(raw);
    e.res = res;
    e.open_flags = open_flags;
    e.open_mode = open_mode;
    ev.enter = enter;
    ev.has_thread = ctx.thread;
    ev.fd_name = fd_name;
    ev.fd_kind_unknown = fd_kind_unknown;
    ev.fd_num = (uses_fd && ctx.thread).then_some(ctx.fd_num);
}
