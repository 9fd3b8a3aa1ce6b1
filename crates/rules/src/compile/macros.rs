//! Macro expansion on the condition tree (Falco's `filter_macro_resolver`).
//!
//! Every bare identifier in boolean position (`ExprKind::Identifier`) names a macro. Expansion
//! replaces it with a copy of the macro's condition tree, then expands inside that copy, so
//! nested references resolve too. Identifiers are never looked at inside checks: a macro name
//! used as a transformer argument or on the right of an operator stays what it is (Falco's
//! `should_not_resolve_macro_inside_field_transformer`).
//!
//! Visibility is the caller's business: it hands in a lookup that only answers for the macros
//! the expanded condition may see (for a macro: those whose first definition index is below its
//! visibility; for a rule: all of them).
//!
//! Errors are reported the way Falco does: the whole tree is walked, collecting reference loops
//! (`reference loop in macro '<m>'`) and unknown names; the first loop wins, otherwise the first
//! unknown name (`Undefined macro '<m>' used in filter.`).
//!
//! Expansion copies subtrees, and a macro referenced twice by each of a chain of macros doubles
//! per level, so the total number of nodes produced and the nesting depth are bounded
//! ([`Limits`]); past them expansion stops with an error instead of exhausting memory or stack.

use crate::ast::{Expr, ExprKind};

/// Bounds on the tree expansion may produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Maximum number of nodes copied in from macro bodies for one condition.
    pub max_nodes: usize,
    /// Maximum nesting depth of the expanded tree.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        // Generous for real rules (the largest upstream rule expands to a few thousand nodes and
        // a depth of a few dozen) while keeping every later recursive walk well inside a 2 MiB
        // thread stack.
        Limits {
            max_nodes: 500_000,
            max_depth: 2_000,
        }
    }
}

/// Why expansion failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MacroError {
    /// A loop or an undefined macro: reported as LOAD_ERR_VALIDATE by the caller.
    Reference {
        /// Falco's message.
        message: String,
        /// Byte offset of the identifier, in the text that identifier was parsed from.
        offset: u32,
    },
    /// A size or depth limit was hit.
    Limit {
        /// What limit.
        message: String,
        /// Byte offset of the identifier whose expansion crossed the limit.
        offset: u32,
    },
}

impl MacroError {
    /// The message.
    pub fn message(&self) -> &str {
        match self {
            MacroError::Reference { message, .. } | MacroError::Limit { message, .. } => message,
        }
    }

    /// The byte offset of the offending identifier.
    pub fn offset(&self) -> u32 {
        match self {
            MacroError::Reference { offset, .. } | MacroError::Limit { offset, .. } => *offset,
        }
    }
}

/// Expands every macro reference in `expr`, in place.
///
/// `lookup` returns the tree of a visible macro by name. On success, returns the names of the
/// macros that were expanded (with repetitions, in expansion order), which the caller marks
/// used.
pub fn expand<'m>(
    expr: &mut Expr,
    lookup: &dyn Fn(&str) -> Option<&'m Expr>,
    limits: Limits,
) -> Result<Vec<String>, MacroError> {
    let mut r = Resolver {
        lookup,
        limits,
        path: Vec::new(),
        nodes: 0,
        loops: Vec::new(),
        unknown: Vec::new(),
        resolved: Vec::new(),
    };
    r.visit(expr, 0)?;
    if let Some((name, offset)) = r.loops.into_iter().next() {
        return Err(MacroError::Reference {
            message: format!("reference loop in macro '{name}'"),
            offset,
        });
    }
    if let Some((name, offset)) = r.unknown.into_iter().next() {
        return Err(MacroError::Reference {
            message: format!("Undefined macro '{name}' used in filter."),
            offset,
        });
    }
    Ok(r.resolved)
}

struct Resolver<'l, 'm> {
    lookup: &'l dyn Fn(&str) -> Option<&'m Expr>,
    limits: Limits,
    /// Macros being expanded, outermost first (loop detection).
    path: Vec<String>,
    nodes: usize,
    loops: Vec<(String, u32)>,
    unknown: Vec<(String, u32)>,
    resolved: Vec<String>,
}

impl Resolver<'_, '_> {
    fn visit(&mut self, e: &mut Expr, depth: usize) -> Result<(), MacroError> {
        if depth > self.limits.max_depth {
            return Err(MacroError::Limit {
                message: format!(
                    "macro expansion exceeds max depth limit of {}",
                    self.limits.max_depth
                ),
                offset: e.span.start,
            });
        }
        match &mut e.kind {
            ExprKind::And(children) | ExprKind::Or(children) => {
                for c in children {
                    self.visit(c, depth + 1)?;
                }
            }
            ExprKind::Not(child) => self.visit(child, depth + 1)?,
            ExprKind::Identifier(name) => {
                let offset = e.span.start;
                let Some(body) = (self.lookup)(name) else {
                    self.unknown.push((name.clone(), offset));
                    return Ok(());
                };
                if self.path.iter().any(|p| p == name) {
                    self.loops.push((name.clone(), offset));
                    self.unknown.push((name.clone(), offset));
                    return Ok(());
                }
                self.nodes += count_nodes(
                    body,
                    self.limits.max_nodes - self.nodes.min(self.limits.max_nodes),
                );
                if self.nodes > self.limits.max_nodes {
                    return Err(MacroError::Limit {
                        message: format!(
                            "macro expansion exceeds the limit of {} nodes",
                            self.limits.max_nodes
                        ),
                        offset,
                    });
                }
                let name = name.clone();
                let mut copy = body.clone();
                self.path.push(name.clone());
                // The copy takes the identifier's place, so it sits at the identifier's depth.
                self.visit(&mut copy, depth)?;
                self.path.pop();
                *e = copy;
                self.resolved.push(name);
            }
            ExprKind::Exists(_) | ExprKind::Compare { .. } => {}
        }
        Ok(())
    }
}

/// Number of boolean-level nodes of a tree, counting at most `cap + 1` (iterative: the tree may
/// be deep).
fn count_nodes(e: &Expr, cap: usize) -> usize {
    let mut stack = vec![e];
    let mut n = 0;
    while let Some(e) = stack.pop() {
        n += 1;
        if n > cap {
            break;
        }
        match &e.kind {
            ExprKind::And(c) | ExprKind::Or(c) => stack.extend(c.iter()),
            ExprKind::Not(c) => stack.push(c),
            _ => {}
        }
    }
    n
}

/// Depth of a tree (iterative).
pub fn depth(e: &Expr) -> usize {
    let mut stack = vec![(e, 1usize)];
    let mut max = 0;
    while let Some((e, d)) = stack.pop() {
        max = max.max(d);
        match &e.kind {
            ExprKind::And(c) | ExprKind::Or(c) => stack.extend(c.iter().map(|c| (c, d + 1))),
            ExprKind::Not(c) => stack.push((c, d + 1)),
            _ => {}
        }
    }
    max
}
