//! Compiled format tokens: fields resolved to requests, transformers kept as a small tree, and
//! their text and JSON renderings.
//!
//! Transformers are rendered here on text, the way libsinsp applies them to extracted strings:
//! `toupper`, `tolower`, `basename`, `len`, `concat` and `join`.
//! TODO(format/transformers): `b64` and `getopt` render as missing (`<NA>`) until the shared
//! transformer implementation (`eval::transform`, branch `evalops`) is merged and used here.

use std::fmt::Write as _;

use serde_json::Value as Json;

use super::text::{c_str, push_bytebuf, push_lossy, push_value, PrintFormat, STORAGE_SIZE};
use crate::ast::{Operand, TransformArg, Transformer};
use crate::event::{Event, FieldArg, FieldRequest, Value, Values};
use crate::fields::{FieldFlags, FieldType, SourceSchema};

/// How a field's JSON value is produced (libsinsp's `extract_as_js` overrides).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonKind {
    /// From the extracted value, by type.
    Typed,
    /// The event timestamp in nanoseconds, whatever the text shows (`evt.time`, ...).
    EventTime,
    /// The extracted number as a JSON number even if its text is padded (`evt.rawtime.ns`).
    Number,
}

impl JsonKind {
    fn of(name: &str) -> JsonKind {
        match name {
            "evt.time" | "evt.time.s" | "evt.time.iso8601" | "evt.datetime" | "evt.datetime.s" => {
                JsonKind::EventTime
            }
            "evt.rawtime" | "evt.rawtime.s" | "evt.rawtime.ns" | "evt.reltime"
            | "evt.reltime.s" | "evt.reltime.ns" | "evt.latency" | "evt.latency.s"
            | "evt.latency.ns" | "evt.deltatime" | "evt.deltatime.s" | "evt.deltatime.ns" => {
                JsonKind::Number
            }
            _ => JsonKind::Typed,
        }
    }
}

/// A resolved field.
#[derive(Debug, Clone)]
pub(crate) struct FieldSpec {
    pub req: FieldRequest,
    pub ty: FieldType,
    pub list: bool,
    pub print: PrintFormat,
    pub json: JsonKind,
}

/// A compiled operand.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Field(FieldSpec),
    Literal(String),
    List(Vec<Node>),
    Transform { kind: Transformer, args: Vec<Node> },
}

/// Nesting bound (the parser's own limit is far lower).
const MAX_DEPTH: u32 = 1000;

impl Node {
    /// Compiles a parsed operand whose fields are known to resolve (the tokenizer checked).
    pub(crate) fn compile(op: &Operand, schema: &SourceSchema) -> Result<Node, String> {
        Node::compile_operand(op, schema, 0)
    }

    fn compile_operand(op: &Operand, schema: &SourceSchema, depth: u32) -> Result<Node, String> {
        if depth > MAX_DEPTH {
            return Err("exceeded max depth limit".into());
        }
        match op {
            Operand::Field(f) => {
                let (info, arg) = schema
                    .fields
                    .resolve(&f.name, f.arg.as_deref())
                    .map_err(|e| e.to_string())?;
                let id = schema
                    .fields
                    .id(&info.name)
                    .ok_or_else(|| format!("filter_check called with nonexistent field {f}"))?;
                Ok(Node::Field(FieldSpec {
                    req: FieldRequest {
                        id,
                        arg: FieldArg::parse(arg.as_deref()),
                    },
                    ty: info.ty,
                    list: info.flags.contains(FieldFlags::IS_LIST),
                    print: PrintFormat::of(&info.name),
                    json: JsonKind::of(&info.name),
                }))
            }
            Operand::Transform(t) => Ok(Node::Transform {
                kind: t.kind,
                args: t
                    .args
                    .iter()
                    .map(|a| Node::compile_arg(a, schema, depth + 1))
                    .collect::<Result<_, _>>()?,
            }),
        }
    }

    fn compile_arg(a: &TransformArg, schema: &SourceSchema, depth: u32) -> Result<Node, String> {
        if depth > MAX_DEPTH {
            return Err("exceeded max depth limit".into());
        }
        match a {
            TransformArg::Operand(o) => Node::compile_operand(o, schema, depth),
            TransformArg::Value(v) => Ok(Node::Literal(v.text.clone())),
            TransformArg::List(items) => Ok(Node::List(
                items
                    .iter()
                    .map(|i| Node::compile_arg(i, schema, depth + 1))
                    .collect::<Result<_, _>>()?,
            )),
        }
    }

    /// Appends the node's value as text; false (with `out` possibly extended) when missing.
    pub(crate) fn render<E: Event + ?Sized>(
        &self,
        event: &E,
        values: &mut Values,
        out: &mut String,
    ) -> bool {
        match self {
            Node::Field(f) => render_field(f, event, values, out),
            Node::Literal(s) => {
                out.push_str(s);
                true
            }
            Node::List(_) => self.render_each(event, values, out, ","),
            Node::Transform { kind, args } => render_transform(*kind, args, event, values, out),
        }
    }

    /// Appends every value the node stands for, separated by `sep` (a list argument of `join`).
    fn render_each<E: Event + ?Sized>(
        &self,
        event: &E,
        values: &mut Values,
        out: &mut String,
        sep: &str,
    ) -> bool {
        match self {
            Node::Field(f) => {
                let start = values.len();
                event.extract(&f.req, values);
                let end = values.len();
                for i in start..end {
                    if i > start {
                        out.push_str(sep);
                    }
                    push_c_value(out, values.get(i), f);
                }
                values.truncate(start);
                end > start
            }
            Node::List(items) => {
                let mut any = false;
                for item in items {
                    let before = out.len();
                    if any {
                        out.push_str(sep);
                    }
                    if item.render_each(event, values, out, sep) {
                        any = true;
                    } else {
                        out.truncate(before);
                    }
                }
                any
            }
            _ => self.render(event, values, out),
        }
    }
}

/// A value as a transformer sees it: strings are C strings, everything else its text.
fn push_c_value(out: &mut String, v: Value<'_>, f: &FieldSpec) {
    push_value(out, v, f.ty, f.print);
}

/// Cuts `out` to at most `len` bytes, backing off to a character boundary.
pub(crate) fn truncate_bytes(out: &mut String, len: usize) {
    if out.len() > len {
        let mut cut = len;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
}

/// A field as libsinsp's `tostring` prints it: list fields as `(a,b,c)`; several string values
/// of a non-list field (ancestor fields without index) joined by spaces, as libsinsp extracts
/// them; otherwise the first value.
fn render_field<E: Event + ?Sized>(
    f: &FieldSpec,
    event: &E,
    values: &mut Values,
    out: &mut String,
) -> bool {
    let start = values.len();
    event.extract(&f.req, values);
    let end = values.len();
    if end == start {
        return false;
    }
    if f.list {
        let text_start = out.len();
        out.push('(');
        for i in start..end {
            if i > start {
                out.push(',');
            }
            push_value(out, values.get(i), f.ty, f.print);
        }
        out.push(')');
        truncate_bytes(out, text_start + STORAGE_SIZE - 1);
    } else if matches!(values.get(start), Value::Str(_)) {
        for i in start..end {
            if i > start {
                out.push(' ');
            }
            push_value(out, values.get(i), f.ty, f.print);
        }
    } else {
        push_value(out, values.get(start), f.ty, f.print);
    }
    values.truncate(start);
    true
}

fn render_transform<E: Event + ?Sized>(
    kind: Transformer,
    args: &[Node],
    event: &E,
    values: &mut Values,
    out: &mut String,
) -> bool {
    let start = out.len();
    match (kind, args) {
        (Transformer::ToUpper, [a]) => {
            let ok = a.render(event, values, out);
            out[start..].make_ascii_uppercase();
            ok
        }
        (Transformer::ToLower, [a]) => {
            let ok = a.render(event, values, out);
            out[start..].make_ascii_lowercase();
            ok
        }
        (Transformer::Basename, [a]) => {
            let ok = a.render(event, values, out);
            if let Some(slash) = out[start..].rfind('/') {
                out.replace_range(start..start + slash + 1, "");
            }
            ok
        }
        (Transformer::Len, [Node::Field(f)]) => {
            let first = values.len();
            event.extract(&f.req, values);
            let end = values.len();
            if end == first {
                return false;
            }
            let n = if f.list {
                end - first
            } else {
                match values.get(first) {
                    Value::Str(s) => c_str(s).len(),
                    Value::Bytes(b) => b.len(),
                    _ => 0,
                }
            };
            values.truncate(first);
            let _ = write!(out, "{n}");
            true
        }
        (Transformer::Len, [a]) => {
            if !a.render(event, values, out) {
                return false;
            }
            let n = out.len() - start;
            out.truncate(start);
            let _ = write!(out, "{n}");
            true
        }
        (Transformer::Concat, args) => args.iter().all(|a| a.render(event, values, out)),
        (Transformer::Join, [sep, list]) => {
            // The separator is rendered once, then moved to the end as the join runs.
            if !sep.render(event, values, out) {
                return false;
            }
            let sep_len = out.len() - start;
            let mut sep_text = [0u8; 64];
            if sep_len <= sep_text.len() {
                sep_text[..sep_len].copy_from_slice(&out.as_bytes()[start..]);
                out.truncate(start);
                let sep = std::str::from_utf8(&sep_text[..sep_len]).unwrap_or("");
                list.render_each(event, values, out, sep)
            } else {
                // A long separator: rare enough to afford a copy.
                let sep = out[start..].to_string();
                out.truncate(start);
                list.render_each(event, values, out, &sep)
            }
        }
        // TODO(format/transformers): b64 and getopt, see the module documentation.
        _ => false,
    }
}

/// The JSON value of a field (libsinsp's `tojson`), or null when missing.
pub(crate) fn field_json<E: Event + ?Sized>(
    f: &FieldSpec,
    event: &E,
    values: &mut Values,
    event_time_ns: u64,
) -> Json {
    if f.json == JsonKind::EventTime {
        return Json::from(event_time_ns as i64);
    }
    let start = values.len();
    event.extract(&f.req, values);
    let end = values.len();
    let json = if end == start {
        Json::Null
    } else if f.list {
        Json::Array((start..end).map(|i| value_json(values.get(i), f)).collect())
    } else if end - start > 1 && matches!(values.get(start), Value::Str(_)) {
        let mut s = String::new();
        render_values_joined(&mut s, values, start..end, f);
        Json::String(s)
    } else {
        value_json(values.get(start), f)
    };
    values.truncate(start);
    json
}

fn render_values_joined(
    s: &mut String,
    values: &Values,
    range: std::ops::Range<usize>,
    f: &FieldSpec,
) {
    for i in range.clone() {
        if i > range.start {
            s.push(' ');
        }
        push_value(s, values.get(i), f.ty, f.print);
    }
}

/// One value as JSON (libsinsp's `rawval_to_json`).
fn value_json(v: Value<'_>, f: &FieldSpec) -> Json {
    let text = |v: Value<'_>| {
        let mut s = String::new();
        push_value(&mut s, v, f.ty, f.print);
        Json::String(s)
    };
    if matches!(f.ty, FieldType::SockAddr | FieldType::SockFamily) {
        return Json::Null;
    }
    match v {
        Value::Str(s) => {
            let mut out = String::new();
            push_lossy(&mut out, c_str(s));
            Json::String(out)
        }
        Value::Bytes(b) => {
            let mut out = String::new();
            push_bytebuf(&mut out, b);
            Json::String(out)
        }
        Value::Uint(n) if f.json == JsonKind::Number || f.print == PrintFormat::Dec => {
            if f.json == JsonKind::Number {
                Json::from(n as i64)
            } else {
                Json::from(n)
            }
        }
        Value::Int(n) if f.json == JsonKind::Number || f.print == PrintFormat::Dec => Json::from(n),
        Value::Uint(_) | Value::Int(_) => text(v),
        Value::Double(d) => serde_json::Number::from_f64(d).map_or(Json::Null, Json::Number),
        Value::Bool(b) => Json::Bool(b),
        Value::Ip(_) | Value::Net(..) => text(v),
    }
}
