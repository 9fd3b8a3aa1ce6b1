//! Compiled format tokens: fields resolved to requests, transformer expressions compiled to the
//! evaluator's [`TransformChain`] (one implementation for conditions and outputs), and their
//! text and JSON renderings.
//!
//! A transformer token extracts its input fields into the caller's [`Values`], applies the
//! chain there (with the caller's byte scratch) and prints the result as a field of the chain's
//! output type would print: a list as `(a,b)`, several strings of a non-list value joined by
//! spaces, otherwise the first value.

use serde_json::Value as Json;

use std::ops::Range;

use super::text::{c_str, push_bytebuf, push_lossy, push_value, PrintFormat, STORAGE_SIZE};
use crate::ast::{FieldRef, Operand};
use crate::eval::transform::TransformChain;
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
    Transform(Box<TransformSpec>),
}

/// A compiled transformer expression: the chain, its input fields (in the chain's order) and
/// how its result prints.
#[derive(Debug, Clone)]
pub(crate) struct TransformSpec {
    chain: TransformChain,
    inputs: Vec<FieldRequest>,
    out: FieldSpec,
}

/// A field resolved against the schema.
fn field_spec(f: &FieldRef, schema: &SourceSchema) -> Result<FieldSpec, String> {
    let (info, arg) = schema
        .fields
        .resolve(&f.name, f.arg.as_deref())
        .map_err(|e| e.to_string())?;
    let id = schema
        .fields
        .id(&info.name)
        .ok_or_else(|| format!("filter_check called with nonexistent field {f}"))?;
    Ok(FieldSpec {
        req: FieldRequest {
            id,
            arg: FieldArg::parse(arg.as_deref()),
        },
        ty: info.ty,
        list: info.flags.contains(FieldFlags::IS_LIST),
        print: PrintFormat::of(&info.name),
        json: JsonKind::of(&info.name),
    })
}

impl Node {
    /// Compiles a parsed operand whose fields are known to resolve (the tokenizer checked).
    pub(crate) fn compile(op: &Operand, schema: &SourceSchema) -> Result<Node, String> {
        match op {
            Operand::Field(f) => Ok(Node::Field(field_spec(f, schema)?)),
            Operand::Transform(t) => {
                let chain = TransformChain::new(t, &mut |f| {
                    let spec = field_spec(f, schema)?;
                    Ok((spec.ty, spec.list))
                })?;
                let inputs = chain
                    .inputs()
                    .iter()
                    .map(|f| field_spec(f, schema).map(|s| s.req))
                    .collect::<Result<_, _>>()?;
                let out = FieldSpec {
                    // Not extracted: the result comes from the chain.
                    req: FieldRequest {
                        id: crate::fields::FieldId(u32::MAX),
                        arg: FieldArg::None,
                    },
                    ty: chain.output_type(),
                    list: chain.output_is_list(),
                    print: PrintFormat::Dec,
                    json: JsonKind::Typed,
                };
                Ok(Node::Transform(Box::new(TransformSpec {
                    chain,
                    inputs,
                    out,
                })))
            }
        }
    }

    /// Appends the node's value as text; false (with `out` possibly extended) when missing.
    /// `values` is scratch (truncated back on return); `bytes` is the transformers' scratch.
    pub(crate) fn render<E: Event + ?Sized>(
        &self,
        event: &E,
        values: &mut Values,
        bytes: &mut Vec<u8>,
        out: &mut String,
    ) -> bool {
        let start = values.len();
        let (range, spec) = match self {
            Node::Field(f) => {
                event.extract(&f.req, values);
                (start..values.len(), f)
            }
            Node::Transform(t) => (t.apply(event, values, bytes), &t.out),
        };
        let ok = !range.is_empty();
        if ok {
            render_values(spec, values, range, out);
        }
        values.truncate(start);
        ok
    }

    /// The node's JSON value (libsinsp's `tojson`), or null when missing.
    pub(crate) fn json<E: Event + ?Sized>(
        &self,
        event: &E,
        values: &mut Values,
        bytes: &mut Vec<u8>,
        event_time_ns: u64,
    ) -> Json {
        match self {
            Node::Field(f) => field_json(f, event, values, event_time_ns),
            Node::Transform(t) => {
                let start = values.len();
                let range = t.apply(event, values, bytes);
                let json = range_json(&t.out, values, range);
                values.truncate(start);
                json
            }
        }
    }
}

impl TransformSpec {
    /// Extracts the inputs and applies the chain; returns the result's range in `values`.
    fn apply<E: Event + ?Sized>(
        &self,
        event: &E,
        values: &mut Values,
        bytes: &mut Vec<u8>,
    ) -> Range<usize> {
        const INLINE: usize = 8;
        let mut inline: [Range<usize>; INLINE] = Default::default();
        let mut spilled = Vec::new();
        let ranges: &mut [Range<usize>] = if self.inputs.len() <= INLINE {
            &mut inline[..self.inputs.len()]
        } else {
            spilled.resize(self.inputs.len(), 0..0);
            &mut spilled
        };
        for (r, req) in ranges.iter_mut().zip(&self.inputs) {
            let s = values.len();
            event.extract(req, values);
            *r = s..values.len();
        }
        self.chain.apply(values, ranges, bytes)
    }
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

/// Values as libsinsp's `tostring` prints a field: list fields as `(a,b,c)`; several string
/// values of a non-list field (ancestor fields without index) joined by spaces, as libsinsp
/// extracts them; otherwise the first value. `range` is not empty.
fn render_values(f: &FieldSpec, values: &Values, range: Range<usize>, out: &mut String) {
    let (start, end) = (range.start, range.end);
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
    let json = range_json(f, values, start..values.len());
    values.truncate(start);
    json
}

/// The JSON value of extracted values (null when there are none).
fn range_json(f: &FieldSpec, values: &Values, range: Range<usize>) -> Json {
    let (start, end) = (range.start, range.end);
    if end == start {
        Json::Null
    } else if f.list {
        Json::Array((start..end).map(|i| value_json(values.get(i), f)).collect())
    } else if end - start > 1 && matches!(values.get(start), Value::Str(_)) {
        let mut s = String::new();
        render_values_joined(&mut s, values, start..end, f);
        Json::String(s)
    } else {
        value_json(values.get(start), f)
    }
}

fn render_values_joined(s: &mut String, values: &Values, range: Range<usize>, f: &FieldSpec) {
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
