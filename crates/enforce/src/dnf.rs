//! Disjunctive normal form with negated literals, bounded.
//!
//! `not` is pushed down to the comparisons (De Morgan), `and` distributes over `or`, and each
//! clause is kept as a sorted set of literals. A clause holding a literal and its negation is
//! dropped; a clause that contains another clause is dropped (absorption). Constants fold away.
//! The number of clauses is bounded: distribution can grow exponentially (`not (a and b)` for
//! each of twenty exceptions gives 2^20 clauses), and a bound exceeded is reported, never cut.

use std::collections::HashMap;

use falcod_rules::ast::{Expr, ExprKind};

use crate::literal::{analyse, Atom, AtomKind, Test};

/// One literal: an atom or its negation (relative to the atom's positive form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Lit {
    pub atom: usize,
    pub neg: bool,
}

/// A conjunction of literals, sorted, no duplicates.
pub(crate) type Clause = Vec<Lit>;

/// The distinct comparisons of a condition: by meaning (`a != 1` is the negation of the atom
/// `a = 1`), or by canonical text for comparisons that are not pushed down.
#[derive(Debug, Default)]
pub(crate) struct Atoms {
    pub list: Vec<Atom>,
    index: HashMap<String, usize>,
}

impl Atoms {
    /// Registers every comparison of `expr`.
    pub fn collect(expr: &Expr) -> Atoms {
        let mut atoms = Atoms::default();
        let mut stack = vec![expr];
        while let Some(e) = stack.pop() {
            match &e.kind {
                ExprKind::And(cs) | ExprKind::Or(cs) => stack.extend(cs.iter().rev()),
                ExprKind::Not(c) => stack.push(c),
                _ => {
                    let _ = atoms.id(e);
                }
            }
        }
        atoms
    }

    /// The atom of a comparison, whether the comparison is its negation, and for a field's
    /// `!=` the atom `exists` of the field.
    fn id(&mut self, e: &Expr) -> (usize, bool, Option<usize>) {
        let atom = analyse(e);
        let exists = match (&atom.kind, atom.ne) {
            (AtomKind::Field { field, .. }, true) => Some(self.insert(Atom {
                text: format!("{field} exists"),
                span: atom.span,
                kind: AtomKind::Field {
                    field: field.clone(),
                    test: Test::Present,
                },
                negated: false,
                ne: false,
            })),
            _ => None,
        };
        let negated = atom.negated;
        (self.insert(atom), negated, exists)
    }

    fn insert(&mut self, atom: Atom) -> usize {
        let key = match &atom.kind {
            AtomKind::Unsupported(_) => atom.text.clone(),
            k => format!("{k:?}"),
        };
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.list.len();
        self.list.push(atom);
        self.index.insert(key, i);
        i
    }
}

/// The DNF of `expr` had more than this many clauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooManyClauses(pub usize);

/// The DNF of `expr` (every comparison must be registered in `atoms`), at most `limit` clauses.
pub(crate) fn dnf(
    expr: &Expr,
    atoms: &mut Atoms,
    limit: usize,
) -> Result<Vec<Clause>, TooManyClauses> {
    go(expr, false, atoms, limit)
}

fn go(e: &Expr, neg: bool, atoms: &mut Atoms, limit: usize) -> Result<Vec<Clause>, TooManyClauses> {
    match &e.kind {
        ExprKind::And(cs) | ExprKind::Or(cs) => {
            let conj = matches!(e.kind, ExprKind::And(_)) != neg;
            if conj {
                let mut acc: Vec<Clause> = vec![Vec::new()];
                for c in cs {
                    if acc.is_empty() {
                        break;
                    }
                    let d = go(c, neg, atoms, limit)?;
                    let mut next = Vec::new();
                    for a in &acc {
                        for b in &d {
                            if let Some(m) = merge(a, b) {
                                next.push(m);
                                if next.len() > limit * 4 {
                                    return Err(TooManyClauses(next.len()));
                                }
                            }
                        }
                    }
                    acc = absorb(next);
                    if acc.len() > limit {
                        return Err(TooManyClauses(acc.len()));
                    }
                }
                Ok(acc)
            } else {
                let mut acc = Vec::new();
                for c in cs {
                    acc.extend(go(c, neg, atoms, limit)?);
                    if acc.len() > limit * 4 {
                        return Err(TooManyClauses(acc.len()));
                    }
                }
                let acc = absorb(acc);
                if acc.len() > limit {
                    return Err(TooManyClauses(acc.len()));
                }
                Ok(acc)
            }
        }
        ExprKind::Not(c) => go(c, !neg, atoms, limit),
        _ => {
            let (id, negated, exists) = atoms.id(e);
            let atom = &atoms.list[id];
            if let Some(ex) = exists {
                // `a != x` is `a exists and not a = x`; negated: `not a exists or a = x`.
                let present = Lit { atom: ex, neg };
                let eq = Lit {
                    atom: id,
                    neg: !neg,
                };
                return Ok(if neg {
                    vec![vec![present], vec![eq]]
                } else {
                    let mut c = vec![present, eq];
                    c.sort_unstable();
                    vec![c]
                });
            }
            let neg = neg != negated;
            Ok(match atom.kind {
                AtomKind::Const(v) => {
                    if v != neg {
                        vec![Vec::new()]
                    } else {
                        Vec::new()
                    }
                }
                _ => vec![vec![Lit { atom: id, neg }]],
            })
        }
    }
}

/// The conjunction of two clauses; `None` if it holds a literal and its negation.
fn merge(a: &Clause, b: &Clause) -> Option<Clause> {
    let mut out: Clause = a.iter().chain(b).copied().collect();
    out.sort_unstable();
    out.dedup();
    let contradiction = out.windows(2).any(|w| w[0].atom == w[1].atom);
    (!contradiction).then_some(out)
}

/// Drops duplicate clauses and clauses that contain another clause.
fn absorb(mut clauses: Vec<Clause>) -> Vec<Clause> {
    clauses.sort_by_key(|c| c.len());
    clauses.dedup();
    let mut kept: Vec<Clause> = Vec::with_capacity(clauses.len());
    for c in clauses {
        if !kept.iter().any(|k| is_subset(k, &c)) {
            kept.push(c);
        }
    }
    kept
}

fn is_subset(small: &Clause, big: &Clause) -> bool {
    small.iter().all(|l| big.binary_search(l).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use falcod_rules::parse::parse_condition;

    fn show(text: &str, limit: usize) -> Result<Vec<String>, TooManyClauses> {
        let e = parse_condition(text).expect("parses");
        let mut atoms = Atoms::collect(&e);
        let clauses = dnf(&e, &mut atoms, limit)?;
        Ok(clauses
            .iter()
            .map(|c| {
                c.iter()
                    .map(|l| {
                        let a = &atoms.list[l.atom];
                        // Print relative to the comparison as written.
                        let neg = l.neg != a.negated;
                        format!("{}{}", if neg { "not " } else { "" }, a.text)
                    })
                    .collect::<Vec<_>>()
                    .join(" and ")
            })
            .collect())
    }

    #[test]
    fn de_morgan_and_distribution() {
        let mut got = show("p.a = 1 and not (p.b = 1 and (p.c = 1 or p.d = 1))", 16).expect("fits");
        got.sort();
        assert_eq!(
            got,
            [
                "p.a = 1 and not p.b = 1",
                "p.a = 1 and not p.c = 1 and not p.d = 1"
            ]
        );
    }

    #[test]
    fn contradictions_absorption_and_constants() {
        assert_eq!(
            show("p.a = 1 and not p.a = 1", 16).expect("fits"),
            Vec::<String>::new()
        );
        assert_eq!(
            show("p.a = 1 or (p.a = 1 and p.b = 1)", 16).expect("fits"),
            ["p.a = 1"]
        );
        assert_eq!(
            show("p.a = 1 and evt.failed = false and not evt.dir = >", 16).expect("fits"),
            ["p.a = 1"]
        );
        assert_eq!(
            show("p.a = 1 and evt.res != SUCCESS", 16).expect("fits"),
            Vec::<String>::new()
        );
        // `!=` is the negation of `=`: one atom.
        assert_eq!(
            show("proc.name != sh and proc.name = sh", 16).expect("fits"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn not_equal_needs_a_value() {
        assert_eq!(
            show("proc.name != sh", 16).expect("fits"),
            ["proc.name exists and not proc.name = sh"]
        );
        let mut got = show("not proc.name != sh", 16).expect("fits");
        got.sort();
        assert_eq!(got, ["not proc.name exists", "proc.name = sh"]);
    }

    #[test]
    fn blow_up_is_reported() {
        let text = (0..10)
            .map(|i| format!("not (p.a{i} = 1 and p.b{i} = 1)"))
            .collect::<Vec<_>>()
            .join(" and ");
        let err = show(&text, 256).expect_err("2^10 clauses");
        assert!(err.0 > 256, "{err:?}");
        assert_eq!(show(&text, 1 << 11).expect("fits").len(), 1 << 10);
    }
}
