//! The leaf operations the DAG calls: one comparison ([`Cmp`]) and one transformer application
//! ([`TransformLeaf`]).
//!
//! This is the seam between the DAG and the operator semantics: comparisons are
//! [`eval::ops::Cmp`](super::ops::Cmp). Transformers are a stand-in until `eval::transform`
//! lands: [`TransformLeaf`] reuses the reference interpreter's naive transformer functions and
//! allocates per application (conditions without transformers allocate nothing). Swapping in
//! the real implementation changes only this file.

use std::ops::Range;

use crate::ast::{Operand, Transform, TransformArg};
use crate::event::Values;
use crate::fields::FieldType;

use super::reference::{self, Extracted, Owned};

/// The comparison leaf: E2's compiled comparison.
pub(crate) use super::ops::Cmp;

/// Port numbers of service names (E2's table, shared with the compiler's checks).
pub(crate) use super::ops::value_parse::service_port;

/// A transformer application whose field inputs are DAG slots, in the order
/// [`transform_fields`] lists them.
#[derive(Debug, Clone)]
pub(crate) struct TransformLeaf {
    transform: Transform,
    input_types: Vec<(FieldType, bool)>,
    out_ty: FieldType,
    out_list: bool,
}

/// The fields a transformer reads, depth first, left to right.
pub(crate) fn transform_fields(t: &Transform) -> Vec<&crate::ast::FieldRef> {
    fn arg<'t>(a: &'t TransformArg, out: &mut Vec<&'t crate::ast::FieldRef>) {
        match a {
            TransformArg::Operand(Operand::Field(f)) => out.push(f),
            TransformArg::Operand(Operand::Transform(t)) => t.args.iter().for_each(|a| arg(a, out)),
            TransformArg::Value(_) => {}
            TransformArg::List(items) => items.iter().for_each(|a| arg(a, out)),
        }
    }
    let mut out = Vec::new();
    t.args.iter().for_each(|a| arg(a, &mut out));
    out
}

impl TransformLeaf {
    /// Compiles a transformer whose inputs (from [`transform_fields`]) have these types.
    pub(crate) fn new(
        transform: &Transform,
        input_types: Vec<(FieldType, bool)>,
    ) -> Result<TransformLeaf, String> {
        let mut it = input_types.iter().copied();
        let (out_ty, out_list) = output_type(transform, &mut it)
            .ok_or_else(|| format!("cannot type transformer {}", transform.kind.as_str()))?;
        Ok(TransformLeaf {
            transform: transform.clone(),
            input_types,
            out_ty,
            out_list,
        })
    }

    /// The output type and whether it is a list.
    pub(crate) fn output(&self) -> (FieldType, bool) {
        (self.out_ty, self.out_list)
    }

    /// Appends the transformed values of `inputs` to `values`, returning their range.
    pub(crate) fn apply(&self, values: &mut Values, inputs: &[Range<usize>]) -> Range<usize> {
        if let Some(range) = self.apply_simple(values, inputs) {
            return range;
        }
        let extracted: Vec<Extracted> = inputs
            .iter()
            .zip(&self.input_types)
            .map(|(r, &(ty, list))| Extracted {
                values: values.range(r.clone()).map(Owned::from_value).collect(),
                ty,
                list,
            })
            .collect();
        let start = values.len();
        if let Some(out) = self.apply_ast(&self.transform, &mut extracted.into_iter()) {
            for v in out.values {
                match v {
                    Owned::Str(s) => values.push_str(&s),
                    Owned::Uint(x) => values.push_u64(x),
                    Owned::Int(x) => values.push_i64(x),
                    Owned::Double(x) => values.push_f64(x),
                    Owned::Bool(x) => values.push_bool(x),
                    Owned::Ip(a) => values.push_ip(a),
                    Owned::Net(a, p) => values.push_net(a, p),
                }
            }
        }
        start..values.len()
    }

    /// The one-field string transformers, without allocating: each input string is copied into
    /// a per-thread buffer (kept between events) and its transform appended to `values`.
    fn apply_simple(&self, values: &mut Values, inputs: &[Range<usize>]) -> Option<Range<usize>> {
        use crate::ast::Transformer::*;
        use crate::event::Value;
        thread_local! {
            static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let simple = matches!(self.transform.kind, ToLower | ToUpper | Basename | Len)
            && matches!(
                self.transform.args.as_slice(),
                [TransformArg::Operand(Operand::Field(_))]
            )
            && !self.input_types.first().is_some_and(|t| t.1);
        let [input] = inputs else { return None };
        if !simple {
            return None;
        }
        let start = values.len();
        BUF.with(|buf| {
            let mut buf = buf.borrow_mut();
            for i in input.clone() {
                buf.clear();
                match values.get(i) {
                    Value::Str(b) | Value::Bytes(b) => buf.extend_from_slice(b),
                    _ => continue,
                }
                match self.transform.kind {
                    ToLower => values
                        .push_str_with(|out| out.extend(buf.iter().map(u8::to_ascii_lowercase))),
                    ToUpper => values
                        .push_str_with(|out| out.extend(buf.iter().map(u8::to_ascii_uppercase))),
                    Basename => {
                        let from = buf.iter().rposition(|c| *c == b'/').map_or(0, |p| p + 1);
                        values.push_str(&buf[from..]);
                    }
                    _ => values.push_u64(buf.len() as u64),
                }
            }
        });
        Some(start..values.len())
    }

    fn apply_ast(
        &self,
        t: &Transform,
        fields: &mut impl Iterator<Item = Extracted>,
    ) -> Option<Extracted> {
        let mut inputs = Vec::new();
        for a in &t.args {
            inputs.push(self.arg(a, fields)?);
        }
        reference::apply_transform(t.kind, &inputs, t.arg.as_deref())
    }

    fn arg(
        &self,
        a: &TransformArg,
        fields: &mut impl Iterator<Item = Extracted>,
    ) -> Option<Extracted> {
        match a {
            TransformArg::Operand(Operand::Field(_)) => fields.next(),
            TransformArg::Operand(Operand::Transform(t)) => self.apply_ast(t, fields),
            TransformArg::Value(v) => Some(Extracted {
                values: vec![Owned::Str(v.text.as_bytes().to_vec())],
                ty: FieldType::CharBuf,
                list: false,
            }),
            TransformArg::List(items) => {
                let mut values = Vec::new();
                for i in items {
                    values.extend(self.arg(i, fields)?.values);
                }
                Some(Extracted {
                    values,
                    ty: FieldType::CharBuf,
                    list: true,
                })
            }
        }
    }

    /// Heap bytes held (approximate: the transformer's syntax tree is not measured).
    pub(crate) fn memory_usage(&self) -> usize {
        self.input_types.capacity() * std::mem::size_of::<(FieldType, bool)>()
            + std::mem::size_of::<Transform>()
    }
}

/// The type a transformer produces from its inputs' types (libsinsp's transform_type rules).
fn output_type(
    t: &Transform,
    fields: &mut impl Iterator<Item = (FieldType, bool)>,
) -> Option<(FieldType, bool)> {
    fn arg(
        a: &TransformArg,
        fields: &mut impl Iterator<Item = (FieldType, bool)>,
    ) -> Option<(FieldType, bool)> {
        match a {
            TransformArg::Operand(Operand::Field(_)) => fields.next(),
            TransformArg::Operand(Operand::Transform(t)) => output_type(t, fields),
            TransformArg::Value(_) => Some((FieldType::CharBuf, false)),
            TransformArg::List(items) => {
                for i in items {
                    arg(i, fields)?;
                }
                Some((FieldType::CharBuf, true))
            }
        }
    }
    let mut inputs = Vec::new();
    for a in &t.args {
        inputs.push(arg(a, fields)?);
    }
    use crate::ast::Transformer::*;
    Some(match t.kind {
        ToLower | ToUpper | Basename | B64 => *inputs.first()?,
        Len => (FieldType::Uint64, false),
        Join | Concat => (FieldType::CharBuf, false),
        Getopt => (FieldType::CharBuf, t.arg.is_none()),
    })
}
