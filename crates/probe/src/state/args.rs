//! Event arguments rendered as libsinsp prints them in `evt.args` and `evt.arg.NAME`.

use std::fmt::Write;

use crate::extract::{open_flags, EventArg, RawArg};
use crate::scap::{ParamValue, RawEvent};

use super::fd::{sockaddr_text, tuple_text};
use super::hash::IdMap;
use super::State;

/// Longest byte buffer shown, as libsinsp's default snaplen for printing.
const MAX_BUF: usize = 80;

/// Printable form of a byte buffer: non-printable bytes as `.`.
fn push_printable(out: &mut String, b: &[u8]) {
    out.extend(b.iter().take(MAX_BUF).map(|&c| {
        if (0x20..0x7f).contains(&c) {
            c as char
        } else {
            '.'
        }
    }));
}

/// Appends the decimal digits of `n`.
pub(super) fn push_u64(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    out.push_str(std::str::from_utf8(digits.get(at..).unwrap_or_default()).unwrap_or_default());
}

/// Appends `n` in decimal, with its sign.
fn push_i64(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_u64(out, n.unsigned_abs());
}

/// Buffers kept from one event to the next, so that rendering arguments allocates nothing
/// once they are warm.
#[derive(Debug, Default)]
pub(super) struct RenderCache {
    /// Arguments of earlier events beyond the current event's count.
    spare_args: Vec<EventArg>,
    /// Emptied resolved-text buffers.
    spare_strings: Vec<String>,
    /// The text of open flag values seen (a capture uses few distinct values).
    open_flags: IdMap<u32, Box<str>>,
}

/// Most distinct open flag values whose text is kept.
const MAX_FLAG_TEXTS: usize = 256;

/// Renders the arguments of `raw` into `args`, reusing the buffers of the entries it already
/// holds (the arguments of an earlier event) and those of `cache`.
pub(super) fn render_into(
    state: &State,
    raw: &RawEvent<'_>,
    args: &mut Vec<EventArg>,
    cache: &mut RenderCache,
) {
    let tid = raw.tid as i64;
    let is_open = matches!(raw.name(), "open" | "openat" | "openat2" | "creat");
    let mut n = 0;
    for i in 0..raw.nparams as usize {
        let Some(name) = raw.param_name(i) else {
            continue;
        };
        let Ok(value) = raw.decode(i) else { continue };
        if n == args.len() {
            args.push(cache.spare_args.pop().unwrap_or_else(|| EventArg {
                name,
                text: String::new(),
                resolved: None,
                raw: RawArg::Text,
            }));
        }
        if let Some(arg) = args.get_mut(n) {
            arg.name = name;
            arg.text.clear();
            let mut resolved = arg
                .resolved
                .take()
                .or_else(|| cache.spare_strings.pop())
                .unwrap_or_default();
            resolved.clear();
            let mut at = At {
                state,
                tid,
                is_open,
                flag_texts: &mut cache.open_flags,
            };
            let (raw_arg, has_resolved) =
                render_one(&mut at, name, &value, &mut arg.text, &mut resolved);
            arg.raw = raw_arg;
            if has_resolved {
                arg.resolved = Some(resolved);
            } else if resolved.capacity() > 0 {
                cache.spare_strings.push(resolved);
            }
        }
        n += 1;
    }
    while args.len() > n {
        if let Some(extra) = args.pop() {
            cache.spare_args.push(extra);
        }
    }
}

/// Where an argument is rendered: the state, the event's thread and kind, the flag texts.
struct At<'a> {
    state: &'a State,
    tid: i64,
    is_open: bool,
    flag_texts: &'a mut IdMap<u32, Box<str>>,
}

/// Writes the text of one argument to `text` and its resolved form, when it has one, to
/// `resolved` (then returns `true` with the raw value).
fn render_one(
    at: &mut At<'_>,
    name: &'static str,
    value: &ParamValue<'_>,
    text: &mut String,
    resolved: &mut String,
) -> (RawArg, bool) {
    let (state, tid, is_open) = (at.state, at.tid, at.is_open);
    match value {
        ParamValue::Empty => (RawArg::Text, false),
        ParamValue::Int(n) => {
            push_i64(text, *n);
            (RawArg::Int(*n), false)
        }
        ParamValue::Uint(n) => {
            push_u64(text, *n);
            (RawArg::Uint(*n), false)
        }
        ParamValue::Errno(n) => {
            push_i64(text, *n);
            let name = if *n < 0 {
                // checked: a corrupt record may hold i64::MIN.
                n.checked_neg().and_then(crate::extract::errno_name)
            } else {
                None
            };
            if let Some(name) = name {
                resolved.push_str(name);
            }
            (RawArg::Int(*n), name.is_some())
        }
        ParamValue::Fd(n) => {
            push_i64(text, *n);
            let fd = state.fd(tid, *n);
            if let Some(f) = fd {
                resolved.push('<');
                match f.kind {
                    Some(k) => resolved.push(k.typechar() as char),
                    None => resolved.push('o'),
                }
                resolved.push('>');
                resolved.push_str(&f.name);
            }
            (RawArg::Int(*n), fd.is_some())
        }
        ParamValue::Pid(n) => {
            push_i64(text, *n);
            let t = state.thread(*n);
            if let Some(t) = t {
                resolved.push_str(&t.comm);
            }
            (RawArg::Int(*n), t.is_some())
        }
        ParamValue::Flags(f) => {
            push_u64(text, u64::from(*f));
            let open = is_open && name == "flags";
            if open {
                match at.flag_texts.get(f) {
                    Some(t) => resolved.push_str(t),
                    None => {
                        let t = open_flags::text(*f);
                        resolved.push_str(&t);
                        if at.flag_texts.len() < MAX_FLAG_TEXTS {
                            at.flag_texts.insert(*f, t.into_boxed_str());
                        }
                    }
                }
            }
            (RawArg::Uint(u64::from(*f)), open)
        }
        ParamValue::RelTime(n) | ParamValue::AbsTime(n) => {
            push_u64(text, *n);
            (RawArg::Uint(*n), false)
        }
        ParamValue::Bool(b) => {
            text.push_str(if *b { "true" } else { "false" });
            (RawArg::Uint(u64::from(*b)), false)
        }
        ParamValue::Double(d) => {
            let _ = write!(text, "{d}");
            (RawArg::Text, false)
        }
        ParamValue::Str(s) => {
            text.push_str(&String::from_utf8_lossy(s));
            (RawArg::Text, false)
        }
        ParamValue::Bytes(b) => {
            push_printable(text, b);
            (RawArg::Text, false)
        }
        ParamValue::Ipv4(a) => {
            let _ = write!(text, "{a}");
            (RawArg::Text, false)
        }
        ParamValue::Ipv6(a) => {
            let _ = write!(text, "{a}");
            (RawArg::Text, false)
        }
        ParamValue::SockAddr(a) => {
            text.push_str(&sockaddr_text(a));
            (RawArg::Text, false)
        }
        ParamValue::SockTuple(t) => {
            text.push_str(&tuple_text(t));
            (RawArg::Text, false)
        }
        ParamValue::FdList(l) => {
            for (i, (fd, fl)) in l.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                let _ = write!(text, "{fd}:{fl}");
            }
            (RawArg::Text, false)
        }
        ParamValue::Dyn(_, inner) => render_one(at, name, inner, text, resolved),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_display_does() {
        for n in [0i64, 7, -1, 10, -100, 4097, i64::MAX, i64::MIN] {
            let mut s = String::new();
            push_i64(&mut s, n);
            assert_eq!(s, n.to_string());
        }
        let mut s = String::new();
        push_u64(&mut s, u64::MAX);
        assert_eq!(s, u64::MAX.to_string());
    }
}
