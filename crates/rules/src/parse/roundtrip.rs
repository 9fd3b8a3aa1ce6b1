//! When does the canonical form read back as the same tree?
//!
//! libsinsp's printer is not a perfect inverse of its parser (an empty value prints as nothing,
//! `a,b` prints unquoted, a quoted value ending in a backslash looks unterminated, `not not x`
//! reads back as `x`). Since we print exactly as libsinsp does, callers that want to re-parse a
//! printed tree (the fuzz target, tests) ask this first.

use super::escape::escape_str;
use super::lexer;
use crate::ast::{Expr, ExprKind, FieldRef, Operand, Rhs, TransformArg};

/// True when `expr.to_string()` parses back to a tree equal to `expr`.
pub fn canonical_form_reads_back(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::And(c) | ExprKind::Or(c) => {
            c.len() >= 2 && c.iter().all(canonical_form_reads_back)
        }
        ExprKind::Not(c) => !matches!(c.kind, ExprKind::Not(_)) && canonical_form_reads_back(c),
        // `not` followed by a blank would read as a negation
        ExprKind::Identifier(name) => whole(lexer::identifier, name) && name != "not",
        ExprKind::Exists(lhs) => operand_ok(lhs),
        ExprKind::Compare {
            lhs,
            op,
            modifier,
            rhs,
        } => {
            let str_op = !op.is_numeric() && !op.takes_list();
            let rhs_ok = match (rhs, modifier) {
                (Rhs::Value(v), None) if op.is_numeric() => is_number(&v.text),
                (Rhs::Value(v), None) => str_op && text_ok(&v.text, &['(', ')', ',']),
                (Rhs::List(vs), m) => (op.takes_list() || m.is_some() && str_op) && list_ok(vs),
                (Rhs::Identifier(name, _), m) => {
                    (op.takes_list() || m.is_some() && str_op)
                        && whole(lexer::identifier, name)
                        && (m.is_none() || !starts_with_keyword(name))
                }
                (Rhs::Operand { operand, via_val }, None) => {
                    operand_ok(operand) && (!via_val || matches!(operand, Operand::Field(_)))
                }
                _ => false,
            };
            operand_ok(lhs) && rhs_ok && (modifier.is_none() || op.accepts_modifier())
        }
    }
}

fn list_ok(values: &[crate::ast::Value]) -> bool {
    values.iter().all(|v| text_ok(&v.text, &['(', ')', ',']))
}

/// `and`/`or`/`not` not followed by an alphanumeric character stops a modifier list name.
fn starts_with_keyword(name: &str) -> bool {
    ["and", "or", "not"].iter().any(|kw| {
        name.starts_with(kw)
            && !name
                .as_bytes()
                .get(kw.len())
                .is_some_and(|b| b.is_ascii_alphanumeric())
    })
}

fn whole(recognise: fn(&str) -> Option<usize>, text: &str) -> bool {
    recognise(text) == Some(text.len())
}

fn is_number(text: &str) -> bool {
    whole(lexer::hex_number, text) || whole(lexer::number, text)
}

/// A value printed with `escape_str` reads back: non-empty, no NUL (the lexer stops there), no
/// trailing backslash when quoted, none of `forbidden` (nor `\v`) when bare.
fn text_ok(text: &str, forbidden: &[char]) -> bool {
    if text.is_empty() || text.contains('\0') {
        return false;
    }
    if escape_str(text).starts_with('"') {
        !text.ends_with('\\')
    } else {
        !text.contains(forbidden) && !text.contains('\u{b}')
    }
}

fn bracket_arg_ok(arg: &Option<String>) -> bool {
    match arg.as_deref() {
        None | Some("") => true,
        Some(a) => text_ok(a, &['[', ']']),
    }
}

fn field_ok(f: &FieldRef) -> bool {
    whole(lexer::field_name, &f.name) && bracket_arg_ok(&f.arg)
}

fn operand_ok(o: &Operand) -> bool {
    match o {
        Operand::Field(f) => field_ok(f),
        Operand::Transform(t) => {
            !t.args.is_empty() && t.args.iter().all(arg_ok) && bracket_arg_ok(&t.arg)
        }
    }
}

fn arg_ok(a: &TransformArg) -> bool {
    match a {
        TransformArg::Operand(o) => operand_ok(o),
        // a bare string argument would read back as a field, or not at all
        TransformArg::Value(v) => {
            is_number(&v.text) || escape_str(&v.text).starts_with('"') && text_ok(&v.text, &[])
        }
        TransformArg::List(items) => items
            .iter()
            .all(|i| !matches!(i, TransformArg::List(_)) && arg_ok(i)),
    }
}
