//! Canonical printing: libsinsp's `ast::as_string`, byte for byte.
//!
//! * `and`/`or` nodes: `(a and b and c)`, always parenthesised; `not`: `not <child>`.
//! * comparisons: `<lhs> <op> <rhs>`, with a modifier as `<op> <modifier>`.
//! * values go through [`escape_str`] (quoted only when needed); lists are `(a, b)`.
//! * transformers: `name(arg,arg)[arg]` (no space after commas); `val(field)` keeps its `val`.
//! * field and transformer arguments: `[arg]`, escaped; an empty one is `[""]`.
//!
//! The output is Falco's, so it inherits its limits: an empty value prints as nothing and a value
//! such as `a,b` prints unquoted; neither reads back the same.

use std::fmt::{self, Display, Formatter, Write};

use super::escape::escape_str;
use crate::ast::{Expr, ExprKind, FieldRef, Operand, Rhs, Transform, TransformArg, Value};

fn write_arg(f: &mut Formatter<'_>, arg: &Option<String>) -> fmt::Result {
    match arg.as_deref() {
        None => Ok(()),
        Some("") => f.write_str("[\"\"]"),
        Some(a) => write!(f, "[{}]", escape_str(a)),
    }
}

fn write_joined<T: Display>(f: &mut Formatter<'_>, items: &[T], sep: &str) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(sep)?;
        }
        write!(f, "{item}")?;
    }
    Ok(())
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::And(children) => {
                f.write_char('(')?;
                write_joined(f, children, " and ")?;
                f.write_char(')')
            }
            ExprKind::Or(children) => {
                f.write_char('(')?;
                write_joined(f, children, " or ")?;
                f.write_char(')')
            }
            ExprKind::Not(child) => write!(f, "not {child}"),
            ExprKind::Identifier(name) => f.write_str(name),
            ExprKind::Exists(lhs) => write!(f, "{lhs} exists"),
            ExprKind::Compare {
                lhs,
                op,
                modifier,
                rhs,
            } => {
                write!(f, "{lhs} {op}")?;
                if let Some(m) = modifier {
                    write!(f, " {}", m.as_str())?;
                }
                write!(f, " {rhs}")
            }
        }
    }
}

impl Display for FieldRef {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        write_arg(f, &self.arg)
    }
}

impl Display for Transform {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}(", self.kind.as_str())?;
        write_joined(f, &self.args, ",")?;
        f.write_char(')')?;
        write_arg(f, &self.arg)
    }
}

impl Display for Operand {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Field(field) => field.fmt(f),
            Operand::Transform(t) => t.fmt(f),
        }
    }
}

impl Display for TransformArg {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            TransformArg::Operand(o) => o.fmt(f),
            TransformArg::Value(v) => v.fmt(f),
            TransformArg::List(items) => {
                f.write_char('(')?;
                write_joined(f, items, ",")?;
                f.write_char(')')
            }
        }
    }
}

impl Display for Value {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&escape_str(&self.text))
    }
}

impl Display for Rhs {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Rhs::Value(v) => v.fmt(f),
            Rhs::List(values) => {
                f.write_char('(')?;
                write_joined(f, values, ", ")?;
                f.write_char(')')
            }
            // libsinsp keeps an undefined list name as a value node, printed escaped
            Rhs::Identifier(name, _) => f.write_str(&escape_str(name)),
            Rhs::Operand {
                operand,
                via_val: true,
            } => write!(f, "val({operand})"),
            Rhs::Operand {
                operand,
                via_val: false,
            } => operand.fmt(f),
        }
    }
}
