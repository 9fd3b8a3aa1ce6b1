//! The set of event types a condition can match (libsinsp `ppm_event_codes`).
//!
//! The engine indexes every rule under the event codes for which its condition can possibly be
//! true, so an event is only checked against the rules that may match it. The set is computed on
//! the macro-expanded tree with set algebra:
//!
//! * `and` intersects its children's sets, `or` unites them;
//! * `not` is pushed down to the leaves with De Morgan's laws (`not (a and b)` is evaluated as
//!   `not a or not b`), so negation is only ever applied to a leaf;
//! * a leaf `evt.type` / `syscall.type` (bare, without argument) compared with `=`, `==`, `!=`
//!   or `in` against literal values names its set (`!=` and a negation take the complement);
//!   `evt.type exists` matches everything (and `not evt.type exists` nothing);
//! * every other leaf is *neutral*: it matches every code and a negation does not change that,
//!   because `proc.name = cat` says nothing about event types.
//!
//! With [`EvttypeOptions::evt_num_invariants`] (libsinsp after 0.25, not in Falco 0.44) leaves on
//! `evt.num` that are statically false (`evt.num = 0`, `< 1`, `<= 0`, `in (0)`, `in ()`) give the
//! empty set and statically true ones (`!= 0`, `> 0`, `>= 1`) give every code, both subject to
//! negation like named sets.

use crate::ast::{CmpOp, Expr, ExprKind, FieldRef, Operand, Rhs};
use crate::eval::ops::value_parse::scan_u64;
use crate::fields::{EventTypeSet, EventTypeTable};

/// Knobs of the extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EvttypeOptions {
    /// Treat statically decidable `evt.num` leaves as empty / full sets (libsinsp after 0.25.4;
    /// Falco 0.44 treats them as neutral).
    pub evt_num_invariants: bool,
}

/// Why the event-type set of a condition could not be computed (libsinsp's messages).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvttypeError {
    /// `evt.type = val(proc.name)` and similar.
    #[error(
        "right-hand field comparisons on `evt.type`/`syscall.type` checks are not supported by event code search"
    )]
    RhsField {
        /// Byte offset of the check in the condition.
        offset: u32,
    },
    /// `tolower(evt.type) = open` and similar.
    #[error("event code search does not support `evt.type` checks with transformers")]
    Transformer {
        /// Byte offset of the check in the condition.
        offset: u32,
    },
    /// The tree is deeper than the walker accepts.
    #[error("event code search exceeded max depth limit of {limit}")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
}

impl EvttypeError {
    /// Byte offset of the offending node in the condition text (0 when not applicable).
    pub fn offset(&self) -> u32 {
        match self {
            EvttypeError::RhsField { offset } | EvttypeError::Transformer { offset } => *offset,
            EvttypeError::TooDeep { .. } => 0,
        }
    }
}

/// Nesting the walker accepts; trees past macro expansion are bounded well below this.
pub const MAX_DEPTH: usize = 20_000;

/// The event codes for which `expr` can be true, in the code space of `table`.
pub fn event_codes(
    expr: &Expr,
    table: &EventTypeTable,
    opts: EvttypeOptions,
) -> Result<EventTypeSet, EvttypeError> {
    let walker = Walker {
        table,
        all: table.all(),
        opts,
    };
    // Rebuilt from its codes so equal sets compare equal whatever words the algebra left behind.
    walker.codes(expr, false, 0).map(|s| s.iter().collect())
}

/// True if `field` is one of the two event-type fields, written bare.
fn is_evttype_field(op: &Operand) -> bool {
    matches!(op, Operand::Field(f) if is_evttype_ref(f))
}

fn is_evttype_ref(f: &FieldRef) -> bool {
    (f.name == "evt.type" || f.name == "syscall.type") && f.arg.is_none()
}

/// True if an event-type field appears anywhere inside a transformer's arguments.
fn transformer_has_evttype(op: &Operand) -> bool {
    let mut found = false;
    if let Operand::Transform(_) = op {
        op.for_each_field(&mut |f| found |= is_evttype_ref(f));
    }
    found
}

/// What a leaf says about event types.
enum Leaf {
    /// Nothing: every code, unaffected by negation.
    Neutral,
    /// This set (before negation).
    Set(EventTypeSet),
}

struct Walker<'a> {
    table: &'a EventTypeTable,
    all: EventTypeSet,
    opts: EvttypeOptions,
}

impl Walker<'_> {
    fn codes(&self, e: &Expr, negated: bool, depth: usize) -> Result<EventTypeSet, EvttypeError> {
        if depth > MAX_DEPTH {
            return Err(EvttypeError::TooDeep { limit: MAX_DEPTH });
        }
        match &e.kind {
            ExprKind::And(children) | ExprKind::Or(children) => {
                // De Morgan: under negation `and` becomes a union and `or` an intersection.
                let conjunction = matches!(e.kind, ExprKind::And(_)) != negated;
                let mut acc = if conjunction {
                    self.all.clone()
                } else {
                    EventTypeSet::new()
                };
                for c in children {
                    let s = self.codes(c, negated, depth + 1)?;
                    acc = if conjunction {
                        acc.intersect(&s)
                    } else {
                        acc.union(&s)
                    };
                }
                Ok(acc)
            }
            ExprKind::Not(child) => self.codes(child, !negated, depth + 1),
            ExprKind::Identifier(_) => Ok(self.all.clone()),
            ExprKind::Exists(lhs) => {
                if transformer_has_evttype(lhs) {
                    return Err(EvttypeError::Transformer {
                        offset: e.span.start,
                    });
                }
                let leaf = if is_evttype_field(lhs) {
                    Leaf::Set(self.all.clone())
                } else {
                    Leaf::Neutral
                };
                Ok(self.apply(leaf, negated))
            }
            ExprKind::Compare {
                lhs,
                op,
                modifier,
                rhs,
            } => {
                if self.opts.evt_num_invariants {
                    if let Some(known) = evt_num_invariant(lhs, *op, modifier.is_some(), rhs) {
                        let set = if known {
                            self.all.clone()
                        } else {
                            EventTypeSet::new()
                        };
                        return Ok(self.apply(Leaf::Set(set), negated));
                    }
                }
                let evttype_op = modifier.is_none()
                    && matches!(op, CmpOp::Eq | CmpOp::EqEq | CmpOp::Ne | CmpOp::In);
                if !evttype_op {
                    return Ok(self.all.clone());
                }
                if transformer_has_evttype(lhs) {
                    return Err(EvttypeError::Transformer {
                        offset: e.span.start,
                    });
                }
                if !is_evttype_field(lhs) {
                    return Ok(self.all.clone());
                }
                let named = match rhs {
                    Rhs::Value(v) => self.names_to_codes(std::iter::once(v.text.as_str())),
                    Rhs::List(vs) => self.names_to_codes(vs.iter().map(|v| v.text.as_str())),
                    // libsinsp parses an identifier in list position as a plain value.
                    Rhs::Identifier(name, _) => self.names_to_codes(std::iter::once(name.as_str())),
                    Rhs::Operand { operand, .. } => {
                        if transformer_has_evttype(operand) {
                            return Err(EvttypeError::Transformer {
                                offset: e.span.start,
                            });
                        }
                        return Err(EvttypeError::RhsField {
                            offset: e.span.start,
                        });
                    }
                };
                let set = self.apply(Leaf::Set(named), negated);
                Ok(if *op == CmpOp::Ne {
                    self.all.difference(&set)
                } else {
                    set
                })
            }
        }
    }

    fn apply(&self, leaf: Leaf, negated: bool) -> EventTypeSet {
        match leaf {
            Leaf::Neutral => self.all.clone(),
            Leaf::Set(s) if negated => self.all.difference(&s),
            Leaf::Set(s) => s,
        }
    }

    fn names_to_codes<'n>(&self, names: impl Iterator<Item = &'n str>) -> EventTypeSet {
        let mut out = EventTypeSet::new();
        for n in names {
            if let Some(codes) = self.table.codes(n) {
                out = out.union(codes);
            }
        }
        out
    }
}

/// `Some(true)` if the leaf is always true given `evt.num >= 1`, `Some(false)` if never true,
/// `None` if undecidable.
fn evt_num_invariant(lhs: &Operand, op: CmpOp, has_modifier: bool, rhs: &Rhs) -> Option<bool> {
    match lhs {
        Operand::Field(f) if f.name == "evt.num" && f.arg.is_none() => {}
        _ => return None,
    }
    if has_modifier {
        return None;
    }
    if op == CmpOp::In {
        let Rhs::List(values) = rhs else { return None };
        for v in values {
            if scan_u64(&v.text)? != 0 {
                return None;
            }
        }
        return Some(false);
    }
    let Rhs::Value(v) = rhs else { return None };
    let n = scan_u64(&v.text)?;
    match op {
        CmpOp::Eq | CmpOp::EqEq if n == 0 => Some(false),
        CmpOp::Ne if n == 0 => Some(true),
        CmpOp::Lt if n <= 1 => Some(false),
        CmpOp::Le if n == 0 => Some(false),
        CmpOp::Gt if n == 0 => Some(true),
        CmpOp::Ge if n <= 1 => Some(true),
        _ => None,
    }
}
