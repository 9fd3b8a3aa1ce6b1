//! Field transformers (`tolower`, `toupper`, `b64`, `basename`, `len`, `join`, `concat`,
//! `getopt`), applied to extracted values.
//!
//! A [`TransformChain`] is compiled once from an [`ast::Transform`](crate::ast::Transform): its
//! field leaves are numbered in order of appearance ([`TransformChain::inputs`]); the caller
//! extracts those fields and hands their ranges to [`TransformChain::apply`], which appends the
//! result to the same [`Values`] buffer and returns its range. Semantics follow libsinsp
//! (`sinsp_filter_transformers/*.cpp`, `sinsp_filtercheck_multivalue_transformer.cpp`):
//!
//! * string transformers apply to every value (a list stays a list), after dropping trailing NUL
//!   bytes; `tolower`/`toupper` fold ASCII only (C locale); `basename` keeps what follows the
//!   last `/` (all of it without one; empty for a trailing `/`);
//! * `b64` decodes standard base64, padding optional, trailing bits must be zero; one invalid
//!   value makes the whole result missing (libsinsp's extraction fails);
//! * `len` is the byte length (strings up to the first NUL) or, for a list, the number of values;
//! * `join(sep, list)` and `concat(a, b, ...)` build one string (each value up to its first NUL);
//!   any missing argument makes the result missing;
//! * `getopt(args, optstring)` parses POSIX-style short options: without `[x]` it yields the list
//!   of option names (`?` for unknown ones) each followed by its argument when it takes one; with
//!   `[x]` it yields the argument of the last `-x` (or `x` itself when `x` takes none, or an empty
//!   string when its argument is missing), and is missing when `-x` is absent.
//!
//! A missing input (empty range) makes the result missing, for list fields too (an event source
//! pushes nothing for an empty list). A parenthesised argument list (`join("-", (a, b))`) is the
//! values of its items in order, numbers formatted as decimal text; an item without value adds
//! nothing, and `()` is an empty (present) list, so `join(",", ())` is `""`.
//!
//! Allocation: none once `values` and the caller's scratch buffer have grown to their working
//! size. Intermediate results of nested transformers stay in `values` before the returned range
//! (they are dropped with the rest when the buffer is cleared for the next event).

use std::ops::Range;

use crate::ast::{FieldRef, Operand, Transform, TransformArg, Transformer};
use crate::event::{Value, Values};
use crate::fields::FieldType;

/// Deepest transformer nesting accepted.
pub const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone)]
enum Node {
    /// The `n`th input field.
    Input(usize),
    /// A literal argument.
    Literal(Box<[u8]>),
    /// A parenthesised list of arguments: their values, in order, as strings.
    List(Vec<Node>),
    /// `tolower`, `toupper`, `b64`, `basename` over every value; `len` over the value or list.
    Unary {
        kind: Transformer,
        arg: Box<Node>,
        arg_list: bool,
    },
    /// `join(sep, list)`.
    Join(Box<Node>, Box<Node>),
    /// `concat(a, b, ...)`.
    Concat(Vec<Node>),
    /// `getopt(args, optstring)[selector]`.
    Getopt {
        args: Box<Node>,
        optstring: Box<Node>,
        selector: Option<u8>,
    },
}

/// Resolves a field to its type and whether it is a list (`EPF_IS_LIST`).
pub type FieldTypeOf<'a> = dyn FnMut(&FieldRef) -> Result<(FieldType, bool), String> + 'a;

/// A compiled transformer expression.
#[derive(Debug, Clone)]
pub struct TransformChain {
    root: Node,
    inputs: Vec<FieldRef>,
    out_ty: FieldType,
    out_list: bool,
}

impl TransformChain {
    /// Compiles a transformer expression. `field_type` gives each field's type and whether it is
    /// a list (`EPF_IS_LIST`); the condition is expected to have passed `compile::check`, but
    /// shape errors are reported here too rather than trusted.
    pub fn new(t: &Transform, field_type: &mut FieldTypeOf<'_>) -> Result<TransformChain, String> {
        let mut inputs = Vec::new();
        let (root, out_ty, out_list) = build(t, field_type, &mut inputs, 0)?;
        Ok(TransformChain {
            root,
            inputs,
            out_ty,
            out_list,
        })
    }

    /// The fields to extract, in the order [`TransformChain::apply`] expects their ranges.
    pub fn inputs(&self) -> &[FieldRef] {
        &self.inputs
    }

    /// The result's type.
    pub fn output_type(&self) -> FieldType {
        self.out_ty
    }

    /// True if the result is a list (`getopt` without selector, string transformers on lists).
    pub fn output_is_list(&self) -> bool {
        self.out_list
    }

    /// Applies the expression to the extracted `inputs` (one range per [`TransformChain::inputs`]
    /// entry), appending the result to `values`; returns its range (empty when missing).
    /// `scratch` is a reusable byte buffer (kept by the caller between events).
    pub fn apply(
        &self,
        values: &mut Values,
        inputs: &[Range<usize>],
        scratch: &mut Vec<u8>,
    ) -> Range<usize> {
        eval(&self.root, values, inputs, scratch)
    }
}

type Built = (Node, FieldType, bool);

fn build_arg(
    a: &TransformArg,
    field_type: &mut FieldTypeOf<'_>,
    inputs: &mut Vec<FieldRef>,
    depth: usize,
) -> Result<Built, String> {
    match a {
        TransformArg::Operand(Operand::Field(f)) => {
            let (ty, list) = field_type(f)?;
            inputs.push(f.clone());
            Ok((Node::Input(inputs.len() - 1), ty, list))
        }
        TransformArg::Operand(Operand::Transform(t)) => build(t, field_type, inputs, depth + 1),
        TransformArg::Value(v) => Ok((
            Node::Literal(v.text.as_bytes().into()),
            FieldType::CharBuf,
            false,
        )),
        TransformArg::List(items) => {
            let nodes = items
                .iter()
                .map(|i| build_arg(i, field_type, inputs, depth + 1).map(|(n, ..)| n))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((Node::List(nodes), FieldType::CharBuf, true))
        }
    }
}

fn build(
    t: &Transform,
    field_type: &mut FieldTypeOf<'_>,
    inputs: &mut Vec<FieldRef>,
    depth: usize,
) -> Result<Built, String> {
    if depth > MAX_DEPTH {
        return Err(format!(
            "filter error: transformers nested deeper than {MAX_DEPTH}"
        ));
    }
    let name = t.kind.as_str();
    let args = t
        .args
        .iter()
        .map(|a| build_arg(a, field_type, inputs, depth))
        .collect::<Result<Vec<_>, _>>()?;
    let mut args = args.into_iter();
    match t.kind {
        Transformer::ToLower
        | Transformer::ToUpper
        | Transformer::B64
        | Transformer::Basename
        | Transformer::Len => {
            let (Some((arg, ty, list)), None) = (args.next(), args.next()) else {
                return Err(format!(
                    "filter error: transformer '{name}' requires exactly one argument"
                ));
            };
            let (out_ty, out_list) = if t.kind == Transformer::Len {
                (FieldType::Uint64, false)
            } else {
                (ty, list)
            };
            Ok((
                Node::Unary {
                    kind: t.kind,
                    arg: Box::new(arg),
                    arg_list: list,
                },
                out_ty,
                out_list,
            ))
        }
        Transformer::Join => {
            let (Some((sep, ..)), Some((list, ..)), None) = (args.next(), args.next(), args.next())
            else {
                return Err("join() requires exactly 2 arguments: separator and list".into());
            };
            Ok((
                Node::Join(Box::new(sep), Box::new(list)),
                FieldType::CharBuf,
                false,
            ))
        }
        Transformer::Concat => {
            let parts: Vec<Node> = args.map(|(n, ..)| n).collect();
            if parts.len() < 2 {
                return Err("concat() requires at least 2 arguments".into());
            }
            Ok((Node::Concat(parts), FieldType::CharBuf, false))
        }
        Transformer::Getopt => {
            let (Some((list, ..)), Some((optstring, ..)), None) =
                (args.next(), args.next(), args.next())
            else {
                return Err(
                    "getopt() requires exactly 2 arguments: args list and optstring".into(),
                );
            };
            let selector = match t.arg.as_deref().map(str::as_bytes) {
                None => None,
                Some([c]) => Some(*c),
                Some(_) => {
                    return Err("getopt() field argument must be a single option character".into())
                }
            };
            Ok((
                Node::Getopt {
                    args: Box::new(list),
                    optstring: Box::new(optstring),
                    selector,
                },
                FieldType::CharBuf,
                selector.is_none(),
            ))
        }
    }
}

/// The bytes of a string or buffer value; other kinds have none.
fn bytes_of(v: Value<'_>) -> Option<&[u8]> {
    match v {
        Value::Str(b) | Value::Bytes(b) => Some(b),
        _ => None,
    }
}

/// Up to the first NUL (what appending a C string reads).
fn c_str(b: &[u8]) -> &[u8] {
    match b.iter().position(|&c| c == 0) {
        Some(n) => &b[..n],
        None => b,
    }
}

fn trim_trailing_nuls(b: &[u8]) -> &[u8] {
    let n = b.iter().rev().take_while(|&&c| c == 0).count();
    &b[..b.len() - n]
}

fn first_bytes(values: &Values, r: &Range<usize>, scratch: &mut Vec<u8>) -> bool {
    scratch.clear();
    if r.is_empty() {
        return false;
    }
    match bytes_of(values.get(r.start)) {
        Some(b) => {
            scratch.extend_from_slice(b);
            true
        }
        None => false,
    }
}

fn eval(
    node: &Node,
    values: &mut Values,
    inputs: &[Range<usize>],
    scratch: &mut Vec<u8>,
) -> Range<usize> {
    let empty = values.len()..values.len();
    match node {
        Node::Input(i) => inputs.get(*i).cloned().unwrap_or(empty),
        Node::Literal(b) => {
            let start = values.len();
            values.push_str(b);
            start..values.len()
        }
        Node::List(items) => {
            // The list is kept contiguous at the tail of `values`: values of an item that
            // pushed nothing (a field input) are appended after it; when an item pushed
            // intermediates, the list so far is copied after them first.
            let mut acc = values.len()..values.len();
            for it in items {
                let before = values.len();
                let r = eval(it, values, inputs, scratch);
                if values.len() == before && acc.end == before {
                    for i in r {
                        push_as_string(values, i, scratch);
                    }
                    acc.end = values.len();
                } else {
                    let start = values.len();
                    for i in acc.chain(r) {
                        push_as_string(values, i, scratch);
                    }
                    acc = start..values.len();
                }
            }
            acc
        }
        Node::Unary {
            kind,
            arg,
            arg_list,
        } => {
            let r = eval(arg, values, inputs, scratch);
            if r.is_empty() {
                return empty;
            }
            unary(*kind, *arg_list, values, r, scratch)
        }
        Node::Join(sep, list) => {
            let sep_r = eval(sep, values, inputs, scratch);
            let list_r = eval(list, values, inputs, scratch);
            // An empty list literal is present (joins to ""); an empty field is missing.
            let list_missing = list_r.is_empty() && !matches!(**list, Node::List(_));
            if sep_r.is_empty() || list_missing {
                return values.len()..values.len();
            }
            // Separator first (at the front of scratch), then the joined text after it.
            if !first_bytes(values, &sep_r, scratch) {
                return values.len()..values.len();
            }
            let sep_len = scratch.len();
            for (n, i) in list_r.clone().enumerate() {
                if n > 0 {
                    scratch.extend_from_within(..sep_len);
                }
                if let Some(b) = bytes_of(values.get(i)) {
                    scratch.extend_from_slice(c_str(b));
                }
            }
            let start = values.len();
            values.push_str(&scratch[sep_len..]);
            start..values.len()
        }
        Node::Concat(parts) => {
            // The running result is kept as the last value pushed: after each part is
            // evaluated (nested parts may use `scratch` and push intermediates), the previous
            // result and the part's first value are joined into a new running result.
            let mut acc: Option<usize> = None;
            for p in parts {
                let r = eval(p, values, inputs, scratch);
                if r.is_empty() {
                    return values.len()..values.len();
                }
                scratch.clear();
                if let Some(a) = acc {
                    if let Some(b) = bytes_of(values.get(a)) {
                        scratch.extend_from_slice(b);
                    }
                }
                if let Some(b) = bytes_of(values.get(r.start)) {
                    scratch.extend_from_slice(c_str(b));
                }
                acc = Some(values.len());
                values.push_str(scratch);
            }
            match acc {
                Some(a) => a..a + 1,
                None => values.len()..values.len(),
            }
        }
        Node::Getopt {
            args,
            optstring,
            selector,
        } => {
            let opt_r = eval(optstring, values, inputs, scratch);
            let args_r = eval(args, values, inputs, scratch);
            if opt_r.is_empty() || args_r.is_empty() {
                return values.len()..values.len();
            }
            let Some(opts) = bytes_of(values.get(opt_r.start)).map(OptInfo::parse) else {
                return values.len()..values.len();
            };
            getopt(&opts, *selector, values, args_r, scratch)
        }
    }
}

/// Copies value `i` to the end of `values` as a string (numbers and addresses formatted).
fn push_as_string(values: &mut Values, i: usize, scratch: &mut Vec<u8>) {
    match values.get(i) {
        Value::Str(b) | Value::Bytes(b) => {
            scratch.clear();
            scratch.extend_from_slice(b);
            values.push_str(scratch);
        }
        Value::Uint(u) => values.push_fmt(format_args!("{u}")),
        Value::Int(v) => values.push_fmt(format_args!("{v}")),
        Value::Double(d) => values.push_fmt(format_args!("{d}")),
        Value::Bool(b) => values.push_fmt(format_args!("{b}")),
        Value::Ip(a) => values.push_fmt(format_args!("{a}")),
        Value::Net(a, p) => values.push_fmt(format_args!("{a}/{p}")),
    }
}

fn unary(
    kind: Transformer,
    arg_list: bool,
    values: &mut Values,
    r: Range<usize>,
    scratch: &mut Vec<u8>,
) -> Range<usize> {
    let start = values.len();
    if kind == Transformer::Len {
        let n = if arg_list {
            r.len() as u64
        } else {
            match values.get(r.start) {
                Value::Str(b) => c_str(b).len() as u64,
                Value::Bytes(b) => b.len() as u64,
                _ => return start..start,
            }
        };
        values.push_u64(n);
        return start..values.len();
    }
    for i in r {
        let (is_bytes, src) = match values.get(i) {
            Value::Str(b) => (false, b),
            Value::Bytes(b) => (true, b),
            _ => continue,
        };
        scratch.clear();
        scratch.extend_from_slice(trim_trailing_nuls(src));
        let ok = match kind {
            Transformer::ToLower => {
                scratch.make_ascii_lowercase();
                true
            }
            Transformer::ToUpper => {
                scratch.make_ascii_uppercase();
                true
            }
            Transformer::Basename => {
                let from = scratch
                    .iter()
                    .rposition(|&c| c == b'/')
                    .map_or(0, |p| p + 1);
                scratch.drain(..from);
                true
            }
            Transformer::B64 => b64_decode_in_place(scratch),
            _ => false,
        };
        if !ok {
            values.truncate(start);
            return start..start;
        }
        if is_bytes {
            values.push_bytes(scratch);
        } else {
            values.push_str(scratch);
        }
    }
    start..values.len()
}

fn b64_value(c: u8) -> Option<u8> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    })
}

/// Decodes standard base64 in place (libsinsp `Base64::decodeWithoutPadding`): up to two
/// trailing `=` are optional, a lone trailing character or nonzero trailing bits are invalid.
pub fn b64_decode_in_place(buf: &mut Vec<u8>) -> bool {
    if buf.is_empty() {
        return true;
    }
    let mut n = buf.len();
    for _ in 0..2 {
        if n > 0 && buf[n - 1] == b'=' {
            n -= 1;
        }
    }
    if n == 0 || n % 4 == 1 {
        return false;
    }
    let mut out = 0usize;
    let mut acc = 0u32;
    let mut bits = 0u32;
    for i in 0..n {
        let Some(v) = b64_value(buf[i]) else {
            return false;
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            // Writing never overtakes reading: out <= i * 3 / 4.
            buf[out] = (acc >> bits) as u8;
            out += 1;
            acc &= (1 << bits) - 1;
        }
    }
    if acc != 0 {
        return false;
    }
    buf.truncate(out);
    true
}

/// A parsed getopt optstring: valid options and those taking an argument.
struct OptInfo {
    valid: [bool; 256],
    takes_arg: [bool; 256],
}

impl OptInfo {
    fn parse(s: &[u8]) -> OptInfo {
        let mut info = OptInfo {
            valid: [false; 256],
            takes_arg: [false; 256],
        };
        let mut i = usize::from(s.first() == Some(&b':'));
        while i < s.len() {
            let c = s[i];
            if c != b':' {
                info.valid[c as usize] = true;
                if s.get(i + 1) == Some(&b':') {
                    info.takes_arg[c as usize] = true;
                    i += 1;
                }
            }
            i += 1;
        }
        info
    }
}

/// Where a getopt result lives: a slice of an argument value, or a fixed text.
#[derive(Clone, Copy)]
enum Piece {
    Slice {
        value: usize,
        from: usize,
        to: usize,
    },
    Text(&'static [u8]),
}

fn push_piece(values: &mut Values, p: Piece, scratch: &mut Vec<u8>) {
    scratch.clear();
    match p {
        Piece::Text(t) => scratch.extend_from_slice(t),
        Piece::Slice { value, from, to } => {
            if let Some(b) = bytes_of(values.get(value)) {
                scratch.extend_from_slice(b.get(from..to).unwrap_or(&[]));
            }
        }
    }
    values.push_str(scratch);
}

fn getopt(
    opts: &OptInfo,
    selector: Option<u8>,
    values: &mut Values,
    args: Range<usize>,
    scratch: &mut Vec<u8>,
) -> Range<usize> {
    let start = values.len();
    let mut selected: Option<Piece> = None;
    let mut idx = args.start;
    while idx < args.end {
        let word = idx;
        let arg_len = bytes_of(values.get(word)).map_or(0, <[u8]>::len);
        let arg = move |values: &Values, k: usize| -> u8 {
            bytes_of(values.get(word))
                .and_then(|b| b.get(k).copied())
                .unwrap_or(0)
        };
        let first = arg(values, 0);
        let second = arg(values, 1);
        if arg_len == 2 && first == b'-' && second == b'-' {
            break;
        }
        if arg_len > 2 && first == b'-' && second == b'-' {
            idx += 1;
            continue;
        }
        if arg_len < 2 || first != b'-' {
            break;
        }
        let mut k = 1;
        while k < arg_len {
            let opt = arg(values, k);
            if opt == b':' || !opts.valid[opt as usize] {
                if selector.is_none() {
                    push_piece(values, Piece::Text(b"?"), scratch);
                }
                k += 1;
                continue;
            }
            let selected_here = selector.is_none_or(|s| s == opt);
            let name = Piece::Slice {
                value: word,
                from: k,
                to: k + 1,
            };
            if !opts.takes_arg[opt as usize] {
                if selected_here {
                    match selector {
                        Some(_) => selected = Some(name),
                        None => push_piece(values, name, scratch),
                    }
                }
                k += 1;
                continue;
            }
            // The argument: the rest of this word, or the next word.
            let value = if k + 1 < arg_len {
                Some(Piece::Slice {
                    value: word,
                    from: k + 1,
                    to: arg_len,
                })
            } else if idx + 1 < args.end {
                idx += 1;
                let len = bytes_of(values.get(idx)).map_or(0, <[u8]>::len);
                Some(Piece::Slice {
                    value: idx,
                    from: 0,
                    to: len,
                })
            } else {
                None
            };
            if selected_here {
                match (selector, value) {
                    (Some(_), Some(v)) => selected = Some(v),
                    (Some(_), None) => selected = Some(Piece::Text(b"")),
                    (None, Some(v)) => {
                        push_piece(values, name, scratch);
                        push_piece(values, v, scratch);
                    }
                    (None, None) => push_piece(values, Piece::Text(b""), scratch),
                }
            }
            break;
        }
        idx += 1;
    }
    if selector.is_some() {
        match selected {
            Some(p) => push_piece(values, p, scratch),
            None => return start..start,
        }
    }
    start..values.len()
}
