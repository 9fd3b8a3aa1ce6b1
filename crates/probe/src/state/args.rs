//! Event arguments rendered as libsinsp prints them in `evt.args` and `evt.arg.NAME`.

use crate::extract::{open_flags, EventArg, FdKind, RawArg};
use crate::scap::{ParamValue, RawEvent};

use super::fd::{sockaddr_text, tuple_text};
use super::State;

/// Longest byte buffer shown, as libsinsp's default snaplen for printing.
const MAX_BUF: usize = 80;

fn fd_prefix(kind: Option<FdKind>) -> String {
    match kind {
        Some(k) => format!("<{}>", k.typechar() as char),
        None => "<o>".to_string(),
    }
}

/// Printable form of a byte buffer: non-printable bytes as `.`.
fn printable(b: &[u8]) -> String {
    b.iter()
        .take(MAX_BUF)
        .map(|&c| {
            if (0x20..0x7f).contains(&c) {
                c as char
            } else {
                '.'
            }
        })
        .collect()
}

/// The arguments of `raw`, in table order.
pub(super) fn render(state: &State, raw: &RawEvent<'_>) -> Vec<EventArg> {
    let tid = raw.tid as i64;
    let is_open = matches!(raw.name(), "open" | "openat" | "openat2" | "creat");
    (0..raw.nparams as usize)
        .filter_map(|i| {
            let name = raw.param_name(i)?;
            let value = raw.decode(i).ok()?;
            Some(render_one(state, tid, name, &value, is_open))
        })
        .collect()
}

fn render_one(
    state: &State,
    tid: i64,
    name: &'static str,
    value: &ParamValue<'_>,
    is_open: bool,
) -> EventArg {
    let arg = |text: String, resolved: Option<String>, raw: RawArg| EventArg {
        name,
        text,
        resolved,
        raw,
    };
    match value {
        ParamValue::Empty => arg(String::new(), None, RawArg::Text),
        ParamValue::Int(n) => arg(n.to_string(), None, RawArg::Int(*n)),
        ParamValue::Uint(n) => arg(n.to_string(), None, RawArg::Uint(*n)),
        ParamValue::Errno(n) => {
            let resolved = if *n < 0 {
                // checked: a corrupt record may hold i64::MIN.
                n.checked_neg()
                    .and_then(crate::extract::errno_name)
                    .map(str::to_string)
            } else {
                None
            };
            arg(n.to_string(), resolved, RawArg::Int(*n))
        }
        ParamValue::Fd(n) => {
            let resolved = state
                .fd(tid, *n)
                .map(|f| format!("{}{}", fd_prefix(f.kind), f.name));
            arg(n.to_string(), resolved, RawArg::Int(*n))
        }
        ParamValue::Pid(n) => {
            let resolved = state.thread(*n).map(|t| t.comm.clone());
            arg(n.to_string(), resolved, RawArg::Int(*n))
        }
        ParamValue::Flags(f) => {
            let resolved = (is_open && name == "flags").then(|| open_flags::text(*f));
            arg(f.to_string(), resolved, RawArg::Uint(u64::from(*f)))
        }
        ParamValue::RelTime(n) | ParamValue::AbsTime(n) => {
            arg(n.to_string(), None, RawArg::Uint(*n))
        }
        ParamValue::Bool(b) => arg(b.to_string(), None, RawArg::Uint(u64::from(*b))),
        ParamValue::Double(d) => arg(d.to_string(), None, RawArg::Text),
        ParamValue::Str(s) => arg(String::from_utf8_lossy(s).into_owned(), None, RawArg::Text),
        ParamValue::Bytes(b) => arg(printable(b), None, RawArg::Text),
        ParamValue::Ipv4(a) => arg(a.to_string(), None, RawArg::Text),
        ParamValue::Ipv6(a) => arg(a.to_string(), None, RawArg::Text),
        ParamValue::SockAddr(a) => arg(sockaddr_text(a), None, RawArg::Text),
        ParamValue::SockTuple(t) => arg(tuple_text(t), None, RawArg::Text),
        ParamValue::FdList(l) => {
            let text = l
                .iter()
                .map(|(fd, fl)| format!("{fd}:{fl}"))
                .collect::<Vec<_>>()
                .join(" ");
            arg(text, None, RawArg::Text)
        }
        ParamValue::Dyn(_, inner) => render_one(state, tid, name, inner, is_open),
    }
}
