//! The leaf operations the DAG calls: one comparison ([`Cmp`]) and one transformer application
//! ([`TransformLeaf`]).
//!
//! This is the seam between the DAG and the operator semantics. It follows the API agreed for
//! `eval::ops::Cmp` and `eval::transform` so the DAG is written once; until those modules land,
//! the bodies here are a stand-in that reuses the reference interpreter's value functions (and
//! therefore allocate per comparison). Swapping in the real implementations changes only this
//! file.

use std::ops::Range;

use crate::ast::{CmpOp, Modifier, Operand, Transform, TransformArg};
use crate::event::Values;
use crate::fields::FieldType;

use super::reference::{self, Extracted, Owned};

/// Port numbers of service names accepted on the right of a PORT comparison.
pub(crate) fn service_port(name: &str) -> Option<u16> {
    const SERVICES: &[(&str, u16)] = &[
        ("ftp-data", 20),
        ("ftp", 21),
        ("ssh", 22),
        ("telnet", 23),
        ("smtp", 25),
        ("domain", 53),
        ("http", 80),
        ("pop3", 110),
        ("ntp", 123),
        ("imap", 143),
        ("ldap", 389),
        ("https", 443),
        ("mysql", 3306),
        ("postgresql", 5432),
    ];
    SERVICES.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
}

/// One comparison with its right side parsed once.
#[derive(Debug, Clone)]
pub(crate) struct Cmp {
    list: bool,
    op: CmpOp,
    modifier: Option<Modifier>,
    lits: Vec<Owned>,
}

impl Cmp {
    /// Compiles `lhs op [modifier] rhs` for a left side of type `lhs_ty`.
    pub(crate) fn new(
        lhs_ty: FieldType,
        lhs_is_list: bool,
        op: CmpOp,
        modifier: Option<Modifier>,
        rhs: &[&str],
        _rhs_is_list_literal: bool,
    ) -> Result<Cmp, String> {
        let lits = reference::parse_literals(lhs_ty, op, rhs);
        if lits.len() != rhs.len() {
            return Err(format!("invalid right-hand value for type {lhs_ty}"));
        }
        Ok(Cmp {
            list: lhs_is_list,
            op,
            modifier,
            lits,
        })
    }

    /// The comparison over the values at `range` (empty: false).
    pub(crate) fn matches(&self, values: &Values, range: Range<usize>) -> bool {
        let vals: Vec<Owned> = values.range(range).map(Owned::from_value).collect();
        reference::compare_values(&vals, self.list, self.op, self.modifier, &self.lits)
    }

    /// The comparison against another field's values.
    pub(crate) fn matches_field(
        &self,
        values: &Values,
        lhs: Range<usize>,
        rhs: Range<usize>,
    ) -> bool {
        if rhs.is_empty() {
            return false;
        }
        let take = if self.op.takes_list() { rhs.len() } else { 1 };
        let lits: Vec<Owned> = values
            .range(rhs)
            .take(take)
            .map(Owned::from_value)
            .collect();
        let vals: Vec<Owned> = values.range(lhs).map(Owned::from_value).collect();
        reference::compare_values(&vals, self.list, self.op, self.modifier, &lits)
    }

    /// Heap bytes held.
    pub(crate) fn memory_usage(&self) -> usize {
        self.lits.capacity() * std::mem::size_of::<Owned>()
            + self
                .lits
                .iter()
                .map(|l| match l {
                    Owned::Str(s) => s.capacity(),
                    _ => 0,
                })
                .sum::<usize>()
    }
}

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
