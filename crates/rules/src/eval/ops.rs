//! Operator semantics over extracted values, with the right-hand side compiled once.
//!
//! A [`Cmp`] is one comparison (`proc.name in (sh, bash)`, `fd.name glob /etc/*`) whose literal
//! right-hand side has been parsed as the left side's type and compiled into the cheapest
//! structure for the operator. [`Cmp::matches`] then tests the values an event produced for the
//! left side, with libsinsp's semantics (`filter_compare.cpp`, `sinsp_filtercheck.cpp`):
//!
//! * **Missing value**: an empty range is false for every operator, `!=` included.
//! * **List fields** (`EPF_IS_LIST`): only `in` (every extracted value is in the set) and
//!   `intersects` (some value is).
//! * **Several values of a non-list field** (`proc.aname` without index): true if any matches.
//! * **Strings**: `=`/`!=` and `<`..`>=` compare bytes (`strcmp`); `contains`, `icontains`
//!   (ASCII case folding, `strcasestr`), `startswith`, `endswith`; `glob`/`iglob` are `fnmatch`
//!   without flags (see [`glob`]); `regex` is RE2 POSIX syntax, full match (see [`regex`]);
//!   `pmatch` is a path-prefix match by components (see [`pmatch`]).
//! * **Buffers** (BYTEBUF): `=`, `!=`, `contains`, `startswith`, `endswith`, `in`, and
//!   `bcontains`/`bstartswith` whose right side is hex (`bcontains 68656c6c6f`).
//! * **Numbers**: compared in the field's width and signedness; literals parsed by
//!   [`value_parse`] (no hex, C truncation). PORT also takes service names.
//! * **BOOL**: `true`/`false`. **IP addresses**: exact (`=`, `in` by hash). **IP networks**:
//!   the value (an address) is tested for membership in the CIDR(s); a value of the other family
//!   is never in a network (so `!=` is true).
//! * **Modifiers** (`= oneof (a, b)`): `oneof` exactly one element matches, `anyof` at least one,
//!   `allof` all; an empty list is false.
//!
//! # Cost model
//!
//! Shapes (figures measured by the `ops_cost` test on 200 literals of `/usr/lib/nameN/` against
//! a 28-byte path, in an *unoptimized* test build on a shared core, so only relative: expect
//! optimized builds one to two orders of magnitude faster): one literal `=` 145 ns, `in` 545 ns
//! and 7 KB, `contains anyof` 1.2 µs and 7 KB (build 1.5 ms), `glob /usr/*/lib*.so*` 1.2 µs and
//! 3 KB (build 1.3 ms), a small regex 1 µs and 8 KB (build 2.6 ms), `pmatch` 1.8 µs and 23 KB.
//!
//! | right side | build | per value | memory |
//! |---|---|---|---|
//! | `=`, `<`, ... one literal | copy | one `memcmp` / integer compare | literal |
//! | `in`/`intersects`, `= anyof`, `!= allof` | hash set | one Fx hash + compare (~10 ns) | ~ 9 B/slot + keys |
//! | `contains`/`icontains`/`bcontains` (one or `anyof` many) | Aho-Corasick (µs) | linear scan, SIMD prefilter | automaton (~KBs) |
//! | `startswith anyof` | anchored Aho-Corasick | O(longest literal) | automaton |
//! | `endswith anyof` | literals grouped by length | one hash per distinct length | keys |
//! | `glob`/`iglob` (or `anyof`) | dense DFA (µs; capped at 8 MiB) | one table lookup per byte (~1 ns/B) | table (~KBs) |
//! | `regex` (or `anyof`) | dense UTF-8 DFA (µs..ms; capped) | one lookup per byte | table |
//! | `pmatch` | component trie | one hash per component (+ glob DFA per glob sibling) | trie |
//! | IP networks | parsed CIDRs | mask + compare per CIDR | 20 B per CIDR |
//! | `oneof`/`allof` | one matcher per element | every element tested | sum |
//!
//! Nothing here allocates or mutates on the match path: every structure is immutable and
//! `Send + Sync`; DFAs are walked by hand from a precomputed anchored start state.

pub mod dfa;
pub mod glob;
pub mod pmatch;
pub mod regex;
pub mod sets;
pub mod value_parse;

mod compare;

use std::collections::HashSet;
use std::net::IpAddr;
use std::ops::Range;

use aho_corasick::{AhoCorasick, Anchored, Input, StartKind};

use crate::ast::{CmpOp, Modifier};
use crate::event::{Value, Values};
use crate::fields::FieldType;

pub use compare::{Class, Scalar};
use dfa::FullMatchDfa;
use glob::GlobMatcher;
use pmatch::PathTrie;
use sets::{FxBuildHasher, StrSet, SuffixSets};
use value_parse::{IpNet, Literal, NumClass};

/// One comparison with its right side compiled.
#[derive(Debug, Clone)]
pub struct Cmp {
    op: CmpOp,
    modifier: Option<Modifier>,
    lhs_list: bool,
    class: Class,
    test: Test,
}

/// A test of one left-hand value against one right-hand literal.
#[derive(Debug, Clone)]
enum Pred {
    /// `=`, `!=`, `<`..`>=`, `startswith`, `endswith`, ... against a scalar (bytes compared
    /// directly, numbers in the field's class).
    Scalar(CmpOp, Literal),
    /// `contains`/`icontains`/`bcontains` (one literal) or `anyof` many.
    Contains(Box<AhoCorasick>),
    /// `glob`/`iglob`.
    Glob(Box<GlobMatcher>),
    /// `regex`.
    Regex(Box<FullMatchDfa>),
}

#[derive(Debug, Clone)]
enum Test {
    /// `=`/`!=` of bytes against one literal: a length check and a `memcmp`.
    BytesEq { lit: Box<[u8]>, negate: bool },
    /// `contains`/`bcontains` one literal: a precompiled `memmem` (no automaton around it).
    Substr(Box<memchr::memmem::Finder<'static>>),
    /// `=`/`!=` of a boolean against one literal.
    Bool { value: bool, negate: bool },
    /// `=`, `!=`, `<`..`>=` of an unsigned number (after width truncation) against one literal.
    Uint(CmpOp, u64),
    /// The same for signed numbers.
    Int(CmpOp, i64),
    /// `startswith`/`bstartswith` one literal.
    Prefix(Box<[u8]>),
    /// `endswith` one literal.
    Suffix(Box<[u8]>),
    /// A single predicate (or the `anyof` union folded into one predicate).
    One(Pred),
    /// `startswith anyof`: anchored Aho-Corasick.
    AnyPrefix(Box<AhoCorasick>),
    /// `endswith anyof`.
    AnySuffix(SuffixSets),
    /// `in`/`intersects`/`= anyof` over bytes; `negate` for `!= allof`. The set's length
    /// filter is kept inline, so most non-members are rejected without touching the set.
    BytesSet {
        lengths: u64,
        set: Box<StrSet>,
        negate: bool,
    },
    /// The same over numbers (bit patterns after width normalisation) and booleans.
    NumSet {
        set: HashSet<u64, FxBuildHasher>,
        negate: bool,
    },
    /// The same over IP addresses.
    IpSet {
        set: HashSet<IpAddr, FxBuildHasher>,
        negate: bool,
    },
    /// `in`/`intersects` (and `= anyof`) over CIDRs: some network contains the value.
    Nets(Vec<IpNet>),
    /// `pmatch`.
    Paths(Box<PathTrie>),
    /// `oneof`/`allof` (and `anyof` without a faster form): one predicate per element.
    Quantified(Modifier, Vec<Pred>),
    /// The right side is a field, given per event to [`Cmp::matches_field`].
    Field,
}

fn op_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::EqEq => "=",
        o => o.as_str(),
    }
}

impl Cmp {
    /// Compiles a comparison.
    ///
    /// `rhs` are the unescaped literal texts (one for `=`, the list elements for `in (...)` or a
    /// modifier). An empty `rhs` with an operator that takes one value makes a field-to-field
    /// comparison, to be used with [`Cmp::matches_field`] (see also [`Cmp::field`]). Errors
    /// carry libsinsp's messages (unsupported operator for the type, bad literal, invalid regex,
    /// non-hex `bcontains` value).
    pub fn new(
        lhs_ty: FieldType,
        lhs_is_list: bool,
        op: CmpOp,
        modifier: Option<Modifier>,
        rhs: &[&str],
        rhs_is_list_literal: bool,
    ) -> Result<Cmp, String> {
        // `rhs_is_list_literal` only matters to the parser's view; the compiled form depends on
        // the operator and modifier alone.
        let _ = rhs_is_list_literal;
        let class = Cmp::validate(lhs_ty, lhs_is_list, op, modifier)?;
        let single = !op.takes_list() && modifier.is_none();
        if rhs.is_empty() && single {
            return Ok(Cmp {
                op,
                modifier,
                lhs_list: lhs_is_list,
                class,
                test: Test::Field,
            });
        }
        let lits = rhs
            .iter()
            .map(|t| {
                // Buffers take raw bytes (libsinsp skips the string parser for them).
                if lhs_ty != FieldType::ByteBuf && t.contains('\0') {
                    return Err(
                        "filter error: filter value cannot contain a NUL byte (\\x00)".to_string(),
                    );
                }
                value_parse::parse_literal(lhs_ty, op, t)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let test = build_test(class, op, modifier, rhs, &lits)?;
        Ok(Cmp {
            op,
            modifier,
            lhs_list: lhs_is_list,
            class,
            test,
        })
    }

    /// A field-to-field comparison (`proc.name = val(proc.pname)`, `x = toupper(y)`), to be
    /// used with [`Cmp::matches_field`]. `pmatch` and `regex` reject right-hand fields.
    pub fn field(
        lhs_ty: FieldType,
        lhs_is_list: bool,
        op: CmpOp,
        modifier: Option<Modifier>,
    ) -> Result<Cmp, String> {
        if matches!(op, CmpOp::PMatch | CmpOp::Regex) {
            let upper = if op == CmpOp::PMatch {
                "PMATCH"
            } else {
                "REGEX"
            };
            return Err(format!(
                "operator '{upper}' doesn't support right-hand side fields"
            ));
        }
        let class = Cmp::validate(lhs_ty, lhs_is_list, op, modifier)?;
        Ok(Cmp {
            op,
            modifier,
            lhs_list: lhs_is_list,
            class,
            test: Test::Field,
        })
    }

    fn validate(
        ty: FieldType,
        list: bool,
        op: CmpOp,
        modifier: Option<Modifier>,
    ) -> Result<Class, String> {
        crate::compile::check::comparable(op, modifier, ty, list)
            .map_err(|e| format!("filter error: {e}"))?;
        if modifier.is_some() && !op.accepts_modifier() {
            return Err(format!(
                "filter error: '{}' operator does not support modifiers",
                op_name(op)
            ));
        }
        Class::of(ty).ok_or_else(|| {
            format!(
                "filter error: '{}' operator not supported for type '{ty}'",
                op_name(op)
            )
        })
    }

    /// The operator.
    pub fn op(&self) -> CmpOp {
        self.op
    }

    /// The modifier.
    pub fn modifier(&self) -> Option<Modifier> {
        self.modifier
    }

    /// True if this comparison expects its right side from [`Cmp::matches_field`].
    pub fn is_field_comparison(&self) -> bool {
        matches!(self.test, Test::Field)
    }

    /// Tests the left-hand values at `range` of `values`. No allocation.
    pub fn matches(&self, values: &Values, range: Range<usize>) -> bool {
        if range.is_empty() {
            return false;
        }
        if self.lhs_list && self.op == CmpOp::In {
            return range.clone().all(|i| self.test_one(values.get(i)));
        }
        if matches!(self.class, Class::Str | Class::Buf) {
            // Strings and buffers need no conversion: test their bytes directly.
            return range.clone().any(|i| match values.get(i) {
                Value::Str(b) | Value::Bytes(b) => self.test_bytes(b),
                _ => false,
            });
        }
        range.clone().any(|i| self.test_one(values.get(i)))
    }

    /// [`Cmp::test_one`] for a value of a string or buffer field.
    #[inline]
    fn test_bytes(&self, b: &[u8]) -> bool {
        match &self.test {
            Test::BytesEq { lit, negate } => (**lit == *b) != *negate,
            Test::Prefix(lit) => b.starts_with(lit),
            Test::Suffix(lit) => b.ends_with(lit),
            Test::Substr(f) => f.find(b).is_some(),
            Test::BytesSet {
                lengths,
                set,
                negate,
            } => (StrSet::may_contain(*lengths, b) && set.contains(b)) != *negate,
            Test::AnyPrefix(ac) => ac.is_match(Input::new(b).anchored(Anchored::Yes)),
            Test::AnySuffix(sets) => sets.any_suffix(b),
            Test::Paths(trie) => trie.is_match(b),
            Test::One(p) => pred(p, self.class, Scalar::Bytes(b)),
            _ => self.test_one(Value::Str(b)),
        }
    }

    #[inline]
    fn test_one(&self, v: Value<'_>) -> bool {
        let Some(s) = self.class.read(v) else {
            return false;
        };
        match &self.test {
            Test::BytesEq { lit, negate } => match s {
                Scalar::Bytes(b) => (**lit == *b) != *negate,
                _ => false,
            },
            Test::Prefix(lit) => match s {
                Scalar::Bytes(b) => b.starts_with(lit),
                _ => false,
            },
            Test::Suffix(lit) => match s {
                Scalar::Bytes(b) => b.ends_with(lit),
                _ => false,
            },
            Test::One(p) => pred(p, self.class, s),
            Test::Bool { value, negate } => match s {
                Scalar::Bool(b) => (b == *value) != *negate,
                _ => false,
            },
            Test::Uint(op, rhs) => match s {
                Scalar::Uint(u) => compare::ordered(*op, u, *rhs),
                _ => false,
            },
            Test::Int(op, rhs) => match s {
                Scalar::Int(i) => compare::ordered(*op, i, *rhs),
                _ => false,
            },
            Test::Substr(f) => match s {
                Scalar::Bytes(b) => f.find(b).is_some(),
                _ => false,
            },
            Test::AnyPrefix(ac) => match s {
                Scalar::Bytes(b) => ac.is_match(Input::new(b).anchored(Anchored::Yes)),
                _ => false,
            },
            Test::AnySuffix(sets) => match s {
                Scalar::Bytes(b) => sets.any_suffix(b),
                _ => false,
            },
            Test::BytesSet {
                lengths,
                set,
                negate,
            } => match s {
                Scalar::Bytes(b) => {
                    (StrSet::may_contain(*lengths, b) && set.contains(b)) != *negate
                }
                _ => false,
            },
            Test::NumSet { set, negate } => s
                .num_bits()
                .is_some_and(|bits| set.contains(&bits) != *negate),
            Test::IpSet { set, negate } => match s {
                Scalar::Ip(a) => set.contains(&a) != *negate,
                _ => false,
            },
            Test::Nets(nets) => match s {
                Scalar::Ip(a) => nets.iter().any(|n| n.contains(a)),
                _ => false,
            },
            Test::Paths(trie) => match s {
                Scalar::Bytes(b) => trie.is_match(b),
                _ => false,
            },
            Test::Quantified(m, preds) => {
                quantify(*m, preds.iter().map(|p| pred(p, self.class, s)))
            }
            Test::Field => false,
        }
    }

    /// Field-to-field comparison: the left values at `lhs`, the right field's values at `rhs`.
    ///
    /// As libsinsp: either side missing is false; `in`/`intersects` test membership of the left
    /// value(s) among the right values (list left side: every / any); other operators compare
    /// against the first right value, or with a modifier against each right value.
    pub fn matches_field(&self, values: &Values, lhs: Range<usize>, rhs: Range<usize>) -> bool {
        if lhs.is_empty() || rhs.is_empty() {
            return false;
        }
        let class = self.class;
        let member = |l: Scalar<'_>| {
            rhs.clone().any(|j| {
                class
                    .read(values.get(j))
                    .is_some_and(|r| compare::dynamic(CmpOp::Eq, class, l, r))
            })
        };
        let one = |i: usize| -> bool {
            let Some(l) = class.read(values.get(i)) else {
                return false;
            };
            if matches!(self.op, CmpOp::In | CmpOp::Intersects) {
                return member(l);
            }
            match self.modifier {
                None => class
                    .read(values.get(rhs.start))
                    .is_some_and(|r| compare::dynamic(self.op, class, l, r)),
                Some(m) => quantify(
                    m,
                    rhs.clone().map(|j| {
                        class
                            .read(values.get(j))
                            .is_some_and(|r| compare::dynamic(self.op, class, l, r))
                    }),
                ),
            }
        };
        if self.lhs_list && self.op == CmpOp::In {
            lhs.clone().all(one)
        } else {
            lhs.clone().any(one)
        }
    }

    /// Heap bytes held by the compiled right side (approximate).
    pub fn memory_usage(&self) -> usize {
        std::mem::size_of::<Cmp>() + test_memory(&self.test)
    }
}

fn quantify(m: Modifier, mut results: impl Iterator<Item = bool>) -> bool {
    match m {
        Modifier::AnyOf => results.any(|r| r),
        Modifier::AllOf => {
            let mut n = 0usize;
            for r in results {
                if !r {
                    return false;
                }
                n += 1;
            }
            n > 0
        }
        Modifier::OneOf => {
            let mut hits = 0usize;
            for r in results {
                if r {
                    hits += 1;
                    if hits > 1 {
                        return false;
                    }
                }
            }
            hits == 1
        }
    }
}

fn pred(p: &Pred, class: Class, s: Scalar<'_>) -> bool {
    match (p, s) {
        (Pred::Scalar(op, rhs), _) => compare::dynamic(*op, class, s, Scalar::of_literal(rhs)),
        (Pred::Contains(ac), Scalar::Bytes(b)) => ac.is_match(b),
        (Pred::Glob(g), Scalar::Bytes(b)) => g.is_match(b),
        (Pred::Regex(d), Scalar::Bytes(b)) => d.is_match(b),
        _ => false,
    }
}

fn pred_memory(p: &Pred) -> usize {
    match p {
        Pred::Scalar(_, Literal::Bytes(b)) => b.len(),
        Pred::Scalar(..) => 0,
        Pred::Contains(ac) => ac.memory_usage(),
        Pred::Glob(g) => g.memory_usage(),
        Pred::Regex(d) => d.memory_usage(),
    }
}

fn test_memory(t: &Test) -> usize {
    match t {
        Test::One(p) => pred_memory(p),
        Test::Substr(f) => {
            std::mem::size_of::<memchr::memmem::Finder<'static>>() + f.needle().len()
        }
        Test::Bool { .. } | Test::Uint(..) | Test::Int(..) => 0,
        Test::AnyPrefix(ac) => ac.memory_usage(),
        Test::AnySuffix(s) => s.memory_usage(),
        Test::BytesSet { set, .. } => set.memory_usage(),
        Test::BytesEq { lit, .. } | Test::Prefix(lit) | Test::Suffix(lit) => lit.len(),
        Test::NumSet { set, .. } => set.capacity() * 9,
        Test::IpSet { set, .. } => set.capacity() * (std::mem::size_of::<IpAddr>() + 1),
        Test::Nets(n) => n.capacity() * std::mem::size_of::<IpNet>(),
        Test::Paths(p) => p.memory_usage(),
        Test::Quantified(_, ps) => ps.iter().map(pred_memory).sum(),
        Test::Field => 0,
    }
}

fn literal_bytes(lit: &Literal) -> &[u8] {
    match lit {
        Literal::Bytes(b) => b,
        _ => &[],
    }
}

fn aho_corasick<'a>(
    patterns: impl IntoIterator<Item = &'a [u8]>,
    casefold: bool,
    anchored: bool,
) -> Result<AhoCorasick, String> {
    AhoCorasick::builder()
        .ascii_case_insensitive(casefold)
        .start_kind(if anchored {
            StartKind::Anchored
        } else {
            StartKind::Unanchored
        })
        .build(patterns)
        .map_err(|e| format!("filter error: {e}"))
}

/// One predicate for one right-hand element.
fn make_pred(op: CmpOp, text: &str, lit: &Literal) -> Result<Pred, String> {
    Ok(match op {
        CmpOp::Contains | CmpOp::IContains | CmpOp::BContains => Pred::Contains(Box::new(
            aho_corasick([literal_bytes(lit)], op == CmpOp::IContains, false)?,
        )),
        CmpOp::Glob | CmpOp::IGlob => Pred::Glob(Box::new(GlobMatcher::new(
            text.as_bytes(),
            op == CmpOp::IGlob,
        )?)),
        CmpOp::Regex => Pred::Regex(Box::new(regex::compile(text)?)),
        _ => Pred::Scalar(op, lit.clone()),
    })
}

/// A membership test over the literals (`in`, `= anyof`), negated for `!= allof`.
fn set_test(class: Class, lits: &[Literal], negate: bool) -> Test {
    match class {
        Class::Str | Class::Buf => {
            let set = StrSet::new(lits.iter().map(literal_bytes));
            Test::BytesSet {
                lengths: set.lengths(),
                set: Box::new(set),
                negate,
            }
        }
        Class::Ip => Test::IpSet {
            set: lits
                .iter()
                .filter_map(|l| match l {
                    Literal::Ip(a) => Some(*a),
                    _ => None,
                })
                .collect(),
            negate,
        },
        Class::Net if !negate => Test::Nets(
            lits.iter()
                .filter_map(|l| match l {
                    Literal::Net(n) => Some(*n),
                    _ => None,
                })
                .collect(),
        ),
        Class::Net => Test::Quantified(
            Modifier::AllOf,
            lits.iter()
                .map(|l| Pred::Scalar(CmpOp::Ne, l.clone()))
                .collect(),
        ),
        Class::Num(_) | Class::Bool => Test::NumSet {
            set: lits
                .iter()
                .filter_map(|l| Scalar::of_literal(l).num_bits())
                .collect(),
            negate,
        },
    }
}

fn build_test(
    class: Class,
    op: CmpOp,
    modifier: Option<Modifier>,
    texts: &[&str],
    lits: &[Literal],
) -> Result<Test, String> {
    use CmpOp::*;
    if modifier.is_some() && lits.is_empty() {
        // libsinsp: a modifier over no elements is false.
        return Ok(Test::Quantified(Modifier::AnyOf, Vec::new()));
    }
    let bytes = || lits.iter().map(literal_bytes);
    Ok(match (op, modifier) {
        (In | Intersects, _) => set_test(class, lits, false),
        (PMatch, _) => Test::Paths(Box::new(PathTrie::new(bytes())?)),
        (Eq | EqEq, Some(Modifier::AnyOf)) => set_test(class, lits, false),
        (Ne, Some(Modifier::AllOf)) => set_test(class, lits, true),
        (Contains | IContains | BContains, Some(Modifier::AnyOf)) => Test::One(Pred::Contains(
            Box::new(aho_corasick(bytes(), op == IContains, false)?),
        )),
        (StartsWith | BStartsWith, Some(Modifier::AnyOf)) => {
            Test::AnyPrefix(Box::new(aho_corasick(bytes(), false, true)?))
        }
        (EndsWith, Some(Modifier::AnyOf)) => Test::AnySuffix(SuffixSets::new(bytes())),
        (Glob | IGlob, Some(Modifier::AnyOf)) => {
            Test::One(Pred::Glob(Box::new(GlobMatcher::any_of(
                &texts.iter().map(|t| t.as_bytes()).collect::<Vec<_>>(),
                op == IGlob,
            )?)))
        }
        (Regex, Some(Modifier::AnyOf)) => {
            Test::One(Pred::Regex(Box::new(regex::compile_any(texts)?)))
        }
        (_, Some(m)) => Test::Quantified(
            m,
            texts
                .iter()
                .zip(lits)
                .map(|(t, l)| make_pred(op, t, l))
                .collect::<Result<_, _>>()?,
        ),
        (_, None) => match (texts.first(), lits.first()) {
            (Some(t), Some(l @ Literal::Bytes(b))) if matches!(class, Class::Str | Class::Buf) => {
                match op {
                    Eq | EqEq | Ne => Test::BytesEq {
                        lit: b.clone(),
                        negate: op == Ne,
                    },
                    StartsWith | BStartsWith => Test::Prefix(b.clone()),
                    EndsWith => Test::Suffix(b.clone()),
                    Contains | BContains => {
                        Test::Substr(Box::new(memchr::memmem::Finder::new(&b[..]).into_owned()))
                    }
                    _ => Test::One(make_pred(op, t, l)?),
                }
            }
            (_, Some(Literal::Bool(value)))
                if class == Class::Bool && matches!(op, Eq | EqEq | Ne) =>
            {
                Test::Bool {
                    value: *value,
                    negate: op == Ne,
                }
            }
            (_, Some(Literal::Uint(u)))
                if matches!(class, Class::Num(NumClass::Unsigned(_)))
                    && matches!(op, Eq | EqEq | Ne | Lt | Le | Gt | Ge) =>
            {
                Test::Uint(op, *u)
            }
            (_, Some(Literal::Int(i)))
                if matches!(class, Class::Num(NumClass::Signed(_)))
                    && matches!(op, Eq | EqEq | Ne | Lt | Le | Gt | Ge) =>
            {
                Test::Int(op, *i)
            }
            (Some(t), Some(l)) => Test::One(make_pred(op, t, l)?),
            _ => Test::Field,
        },
    })
}

#[cfg(test)]
mod size_tests {
    /// A comparison is stored inline in every DAG check node: keep it small, so that the
    /// nodes a rule visits share cache lines (large right sides live behind a `Box`).
    #[test]
    fn a_comparison_stays_small() {
        assert!(
            std::mem::size_of::<super::Cmp>() <= 56,
            "{}",
            std::mem::size_of::<super::Cmp>()
        );
    }
}
