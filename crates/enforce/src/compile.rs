//! The pushdown compiler: one selected rule's expanded condition → per-hook clauses of attribute
//! tests, or the exact reasons it cannot be enforced.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use falcod_rules::parse::parse_condition;
use falcod_rules::ruleset::CompiledRule;

use crate::dnf::{dnf, Atoms, Clause};
use crate::hooks::{field_attr, Attr, Hook};
use crate::literal::{AtomKind, Test};

/// The most clauses a rule's condition may have in DNF. Each clause needs one bit of a hook's
/// 64-bit clause mask, so more than this could never load anyway; the bound keeps distribution
/// from running away on long exception lists.
pub const MAX_DNF_CLAUSES: usize = 256;

/// What an enforced rule does when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    /// Let the operation proceed and report it ("would block").
    Audit,
    /// Deny the operation (`EPERM`) and report it.
    Block,
}

impl Verdict {
    /// `audit` or `block`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Audit => "audit",
            Verdict::Block => "block",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The tests one clause makes on one attribute: at most one positive test (the conjunction of
/// the clause's positive literals, folded) and any number of negative ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrCond {
    /// The value must pass this test (`None`: no positive requirement).
    pub pos: Option<Test>,
    /// The value must fail each of these tests.
    pub neg: Vec<Test>,
}

impl AttrCond {
    /// Does a value (`None`: the event has none) satisfy the clause's tests on the attribute?
    /// A missing value fails every test, so it satisfies exactly the clauses without a positive
    /// test (Falco: every comparison on a missing value is false, its negation true).
    pub fn holds(&self, value: Option<crate::literal::AttrValue<'_>>) -> bool {
        match value {
            None => self.pos.is_none(),
            Some(v) => {
                self.pos.as_ref().is_none_or(|t| t.matches(v))
                    && !self.neg.iter().any(|t| t.matches(v))
            }
        }
    }
}

/// One DNF clause of a rule at one hook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookClause {
    /// The hook deciding it.
    pub hook: Hook,
    /// The clause as condition text (literals in canonical form).
    pub text: String,
    /// The tests, per attribute; the clause holds when every attribute's tests hold.
    pub conds: BTreeMap<Attr, AttrCond>,
}

/// A rule compiled for the kernel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulePolicy {
    /// The rule's name.
    pub rule: String,
    /// What the rule does when it matches.
    pub verdict: Verdict,
    /// Its clauses, in DNF order, each at one hook.
    pub clauses: Vec<HookClause>,
    /// Where the kernel decides more than the rule says (a hook sees every syscall of its
    /// family), for the operator to read.
    pub notes: Vec<String>,
}

impl RulePolicy {
    /// The hooks the rule attaches to.
    pub fn hooks(&self) -> BTreeSet<Hook> {
        self.clauses.iter().map(|c| c.hook).collect()
    }
}

/// One reason a rule is not enforceable.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The sub-expression (canonical condition text) the reason is about.
    pub expr: String,
    /// Its byte offset in the rule's `condition:` text, when it was written there (not inside
    /// a macro or list).
    pub offset: Option<usize>,
    /// Why.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`", self.expr)?;
        if let Some(o) = self.offset {
            write!(f, " (condition offset {o})")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// A selected rule that cannot be enforced: every reason found, never a partial policy.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rule '{rule}' is not enforceable: {}", .problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
pub struct NotEnforceable {
    /// The rule.
    pub rule: String,
    /// The reasons, sorted, each naming its sub-expression.
    pub problems: Vec<Problem>,
}

/// Compiles one rule's expanded condition (`rule.condition`) into clauses per hook.
pub fn compile_rule(rule: &CompiledRule, verdict: Verdict) -> Result<RulePolicy, NotEnforceable> {
    let cond = &rule.condition;
    let mut atoms = Atoms::collect(cond);
    let mut problems = Problems {
        source: rule.info.cond.as_str(),
        set: BTreeSet::new(),
    };
    if rule.info.source != "syscall" {
        problems.add(
            cond.to_string(),
            None,
            format!(
                "rules of source {} are not syscall rules; only syscall rules are enforced",
                rule.info.source
            ),
        );
    }
    for a in &atoms.list {
        if let AtomKind::Unsupported(reason) = &a.kind {
            problems.add(a.text.clone(), Some(a.span), reason.clone());
        }
    }
    if !problems.set.is_empty() {
        return Err(not_enforceable(rule, problems.set));
    }
    let clauses = match dnf(cond, &mut atoms, MAX_DNF_CLAUSES) {
        Ok(c) => c,
        Err(e) => {
            problems.add(
                cond.to_string(),
                None,
                format!(
                    "the condition's disjunctive normal form has more than {MAX_DNF_CLAUSES} \
                     clauses (reached {}); the kernel tables hold at most 64 per hook",
                    e.0
                ),
            );
            return Err(not_enforceable(rule, problems.set));
        }
    };

    let mut out = Vec::new();
    let mut notes = BTreeSet::new();
    for clause in &clauses {
        let text = clause_text(clause, &atoms);
        let mut pos_types: Option<BTreeSet<String>> = None;
        let mut neg_types = BTreeSet::new();
        for l in clause {
            if let AtomKind::EvtType(set) = &atoms.list[l.atom].kind {
                if l.neg {
                    neg_types.extend(set.iter().cloned());
                } else {
                    pos_types = Some(match pos_types {
                        None => set.clone(),
                        Some(p) => p.intersection(set).cloned().collect(),
                    });
                }
            }
        }
        let Some(pos_types) = pos_types else {
            problems.add(
                text,
                None,
                "the clause does not restrict evt.type, so it matches events no LSM hook sees"
                    .to_string(),
            );
            continue;
        };
        let types: BTreeSet<String> = pos_types.difference(&neg_types).cloned().collect();
        if types.is_empty() {
            continue; // never true
        }
        let unhooked: Vec<&str> = types
            .iter()
            .filter(|t| Hook::for_event(t).is_empty())
            .map(String::as_str)
            .collect();
        if !unhooked.is_empty() {
            problems.add(
                text,
                None,
                format!(
                    "evt.type {} {} no LSM hook",
                    unhooked.join(", "),
                    if unhooked.len() == 1 { "has" } else { "have" }
                ),
            );
            continue;
        }
        let hooks: BTreeSet<Hook> = types.iter().flat_map(|t| Hook::for_event(t)).collect();
        'hooks: for &hook in &hooks {
            let missing: Vec<&str> = hook
                .syscalls()
                .iter()
                .filter(|s| !types.contains(**s))
                .copied()
                .collect();
            if !missing.is_empty() {
                notes.insert(format!(
                    "{hook} also decides {} (the rule names {})",
                    missing.join(", "),
                    hook.syscalls()
                        .iter()
                        .filter(|s| types.contains(**s))
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            let mut conds: BTreeMap<Attr, AttrCond> = BTreeMap::new();
            for l in clause {
                let atom = &atoms.list[l.atom];
                let (field, test) = match &atom.kind {
                    AtomKind::Field { field, test } => (field, test),
                    AtomKind::FdNum(value) => {
                        if !matches!(
                            hook,
                            Hook::FileOpen | Hook::SocketConnect | Hook::KernelReadFile
                        ) {
                            problems.add(
                                atom.text.clone(),
                                Some(atom.span),
                                format!("field fd.num has no value at {hook}"),
                            );
                            continue 'hooks;
                        }
                        if *value == l.neg {
                            continue 'hooks; // never true for an operation that succeeds
                        }
                        continue;
                    }
                    _ => continue,
                };
                let attr = match field_attr(field, hook) {
                    Ok(a) => a,
                    Err(reason) => {
                        let reason = if hooks.len() > 1 {
                            format!(
                                "{reason} (evt.type {} in one clause)",
                                types.iter().cloned().collect::<Vec<_>>().join(" and ")
                            )
                        } else {
                            reason
                        };
                        problems.add(atom.text.clone(), Some(atom.span), reason);
                        continue 'hooks;
                    }
                };
                let c = conds.entry(attr).or_insert(AttrCond {
                    pos: None,
                    neg: Vec::new(),
                });
                if l.neg {
                    if !c.neg.contains(test) {
                        c.neg.push(test.clone());
                    }
                    continue;
                }
                let folded = match &c.pos {
                    None => Ok(Some(test.clone())),
                    Some(p) => p.and(test),
                };
                match folded {
                    Ok(Some(t)) => c.pos = Some(t),
                    Ok(None) => continue 'hooks, // no value passes both: never true
                    Err(reason) => {
                        problems.add(text.clone(), None, reason);
                        continue 'hooks;
                    }
                }
            }
            out.push(HookClause {
                hook,
                text: text.clone(),
                conds,
            });
        }
    }
    if !problems.set.is_empty() {
        return Err(not_enforceable(rule, problems.set));
    }
    if out.is_empty() {
        problems.add(
            cond.to_string(),
            None,
            "the condition is never true for an operation an LSM hook can stop".to_string(),
        );
        return Err(not_enforceable(rule, problems.set));
    }
    Ok(RulePolicy {
        rule: rule.info.name.clone(),
        verdict,
        clauses: out,
        notes: notes.into_iter().collect(),
    })
}

/// The problems found so far, with the rule's condition text for offsets.
struct Problems<'a> {
    source: &'a str,
    set: BTreeSet<Problem>,
}

impl Problems<'_> {
    fn add(&mut self, expr: String, span: Option<falcod_rules::ast::Span>, reason: String) {
        let offset = span.and_then(|s| offset_in_rule(self.source, &expr, s));
        self.set.insert(Problem {
            expr,
            offset,
            reason,
        });
    }
}

fn not_enforceable(rule: &CompiledRule, problems: BTreeSet<Problem>) -> NotEnforceable {
    NotEnforceable {
        rule: rule.info.name.clone(),
        problems: problems.into_iter().collect(),
    }
}

fn clause_text(clause: &Clause, atoms: &Atoms) -> String {
    clause
        .iter()
        .map(|l| {
            let a = &atoms.list[l.atom];
            if l.neg != a.negated {
                format!("not {}", a.text)
            } else {
                a.text.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// The offset of a sub-expression in the rule's own condition text: its span, if the text there
/// reads as the same expression (spans of macro and list text point elsewhere).
fn offset_in_rule(text: &str, expr: &str, span: falcod_rules::ast::Span) -> Option<usize> {
    let slice = text.get(span.start as usize..span.end as usize)?;
    let parsed = parse_condition(slice).ok()?;
    (parsed.to_string() == expr).then_some(span.start as usize)
}
