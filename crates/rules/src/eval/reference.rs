//! The reference AST interpreter: the oracle the compiled DAG is tested against.
//!
//! [`Reference`] walks a rule's condition tree directly, resolving every field through the
//! [`SourceSchema`] and extracting it into a fresh buffer each time it is reached, and applies
//! every operator with its own deliberately naive implementation: plain loops over the values, a
//! recursive `fnmatch` for `glob`/`iglob`, a regex built per comparison, path prefixes compared
//! component by component, CIDR membership by mask arithmetic. It shares no comparison code with
//! [`eval::ops`](super::ops), so the differential tests compare two independent readings of
//! Falco's semantics (falco-compat 2.5):
//!
//! * a missing value makes every comparison false, `!=` included; `exists` is true for any value;
//! * list fields (`IS_LIST`): `in` holds when every value is in the set, `intersects` when any is;
//! * other fields yielding several values (`proc.aname` without an index): true if any value
//!   matches;
//! * `oneof`/`anyof`/`allof` count how many right-hand elements match (none: false).
//!
//! It is slow (it allocates per comparison) and is meant for tests and for measuring the
//! compiled engine's speed-up, not for production.

use std::net::IpAddr;

use crate::ast::{CmpOp, Expr, ExprKind, Modifier, Operand, Rhs, TransformArg};
use crate::event::{Event, FieldArg, FieldRequest, Value, Values};
use crate::fields::{FieldFlags, FieldType, SourceSchema};

/// Deepest condition tree the interpreter walks; deeper trees evaluate to false.
pub const MAX_DEPTH: usize = 10_000;

mod transform;

/// An owned extracted value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Owned {
    Str(Vec<u8>),
    Uint(u64),
    Int(i64),
    Double(f64),
    Bool(bool),
    Ip(IpAddr),
    Net(IpAddr, u8),
}

impl Owned {
    pub(crate) fn from_value(v: Value<'_>) -> Owned {
        match v {
            Value::Str(s) | Value::Bytes(s) => Owned::Str(s.to_vec()),
            Value::Uint(x) => Owned::Uint(x),
            Value::Int(x) => Owned::Int(x),
            Value::Double(x) => Owned::Double(x),
            Value::Bool(x) => Owned::Bool(x),
            Value::Ip(a) => Owned::Ip(a),
            Value::Net(a, p) => Owned::Net(a, p),
        }
    }

    fn bytes(&self) -> Option<&[u8]> {
        match self {
            Owned::Str(s) => Some(s),
            _ => None,
        }
    }

    fn number(&self) -> Option<i128> {
        match *self {
            Owned::Uint(x) => Some(x as i128),
            Owned::Int(x) => Some(x as i128),
            _ => None,
        }
    }
}

/// The values an operand produced, with whether they form an `IS_LIST` value.
pub(crate) struct Extracted {
    pub(crate) values: Vec<Owned>,
    pub(crate) ty: FieldType,
    pub(crate) list: bool,
    /// A parenthesised transformer argument list (present even when empty).
    pub(crate) literal_list: bool,
}

/// The reference interpreter for one event source.
#[derive(Debug, Clone, Copy)]
pub struct Reference<'s> {
    schema: &'s SourceSchema,
}

impl<'s> Reference<'s> {
    /// An interpreter resolving fields through `schema`.
    pub fn new(schema: &'s SourceSchema) -> Reference<'s> {
        Reference { schema }
    }

    /// Evaluates a compiled (fully expanded, type-checked) condition against an event.
    ///
    /// A field that does not resolve, a transformer that cannot be applied or a tree deeper
    /// than [`MAX_DEPTH`] makes the affected sub-condition false: the compiler has already
    /// rejected such conditions, so this only guards against misuse.
    pub fn eval<E: Event + ?Sized>(&self, expr: &Expr, event: &E) -> bool {
        self.node(expr, event, 0)
    }

    fn node<E: Event + ?Sized>(&self, expr: &Expr, event: &E, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        match &expr.kind {
            ExprKind::And(children) => {
                let mut all = true;
                for c in children {
                    all &= self.node(c, event, depth + 1);
                }
                all
            }
            ExprKind::Or(children) => {
                let mut any = false;
                for c in children {
                    any |= self.node(c, event, depth + 1);
                }
                any
            }
            ExprKind::Not(c) => !self.node(c, event, depth + 1),
            ExprKind::Identifier(_) => false,
            ExprKind::Exists(lhs) => self
                .operand(lhs, event, depth)
                .is_some_and(|x| !x.values.is_empty()),
            ExprKind::Compare {
                lhs,
                op,
                modifier,
                rhs,
            } => {
                let Some(l) = self.operand(lhs, event, depth) else {
                    return false;
                };
                if l.values.is_empty() {
                    return false;
                }
                let lits: Vec<Owned> = match rhs {
                    Rhs::Value(v) => parse_literals(l.ty, *op, &[v.text.as_str()]),
                    Rhs::Identifier(name, _) => parse_literals(l.ty, *op, &[name.as_str()]),
                    Rhs::List(vs) => {
                        let texts: Vec<&str> = vs.iter().map(|v| v.text.as_str()).collect();
                        parse_literals(l.ty, *op, &texts)
                    }
                    Rhs::Operand { operand, .. } => {
                        let Some(r) = self.operand(operand, event, depth) else {
                            return false;
                        };
                        if r.values.is_empty() {
                            return false;
                        }
                        // Field-to-field: the set operators take every right value, the others
                        // compare with the right field's first value.
                        if op.takes_list() {
                            r.values
                        } else {
                            r.values.into_iter().take(1).collect()
                        }
                    }
                };
                compare_values(&l.values, l.list, *op, *modifier, &lits)
            }
        }
    }

    fn operand<E: Event + ?Sized>(
        &self,
        op: &Operand,
        event: &E,
        depth: usize,
    ) -> Option<Extracted> {
        if depth > MAX_DEPTH {
            return None;
        }
        match op {
            Operand::Field(f) => {
                let (info, arg) = self.schema.fields.resolve(&f.name, f.arg.as_deref()).ok()?;
                let id = self.schema.fields.id(&info.name)?;
                let req = FieldRequest {
                    id,
                    arg: FieldArg::parse(arg.as_deref()),
                };
                let mut buf = Values::new();
                event.extract(&req, &mut buf);
                Some(Extracted {
                    values: buf.range(0..buf.len()).map(Owned::from_value).collect(),
                    ty: info.ty,
                    list: info.flags.contains(FieldFlags::IS_LIST),
                    literal_list: false,
                })
            }
            Operand::Transform(t) => {
                let mut inputs = Vec::new();
                for a in &t.args {
                    inputs.push(self.transform_arg(a, event, depth + 1)?);
                }
                Some(transform::apply(t.kind, &inputs, t.arg.as_deref()))
            }
        }
    }

    fn transform_arg<E: Event + ?Sized>(
        &self,
        a: &TransformArg,
        event: &E,
        depth: usize,
    ) -> Option<Extracted> {
        match a {
            TransformArg::Operand(o) => self.operand(o, event, depth),
            TransformArg::Value(v) => Some(Extracted {
                values: vec![Owned::Str(v.text.as_bytes().to_vec())],
                ty: FieldType::CharBuf,
                list: false,
                literal_list: false,
            }),
            TransformArg::List(items) => {
                let mut parts = Vec::new();
                for i in items {
                    parts.push(self.transform_arg(i, event, depth + 1)?);
                }
                Some(transform::list_literal(parts))
            }
        }
    }
}

/// Parses right-hand literal texts for a left side of type `ty`. Texts that do not parse are
/// dropped (the compiler rejects them before evaluation).
pub(crate) fn parse_literals(ty: FieldType, op: CmpOp, texts: &[&str]) -> Vec<Owned> {
    texts
        .iter()
        .filter_map(|t| parse_literal(ty, op, t))
        .collect()
}

fn parse_literal(ty: FieldType, op: CmpOp, text: &str) -> Option<Owned> {
    use FieldType::*;
    if matches!(op, CmpOp::BContains | CmpOp::BStartsWith) {
        let b = text.as_bytes();
        if !b.len().is_multiple_of(2) {
            return None;
        }
        let mut out = Vec::new();
        for pair in b.chunks(2) {
            let s = std::str::from_utf8(pair).ok()?;
            out.push(u8::from_str_radix(s, 16).ok()?);
        }
        return Some(Owned::Str(out));
    }
    let trimmed = text.trim_start();
    Some(match ty {
        CharBuf | FsPath | FsRelPath | ByteBuf | CharBufArray | Dyn | SockAddr | SockTuple => {
            Owned::Str(text.as_bytes().to_vec())
        }
        Bool => match text {
            "true" => Owned::Bool(true),
            "false" => Owned::Bool(false),
            _ => return None,
        },
        Int8 | Int16 | Int32 | Int64 | Errno | Fd | Pid => Owned::Int(trimmed.parse().ok()?),
        Double => Owned::Double(trimmed.parse().ok()?),
        Port => match trimmed.parse::<u64>() {
            Ok(n) => Owned::Uint(n),
            Err(_) => Owned::Uint(super::check::service_port(text)? as u64),
        },
        Ipv4Addr | Ipv6Addr | IpAddr => Owned::Ip(text.parse().ok()?),
        Ipv4Net | Ipv6Net | IpNet => {
            let (addr, bits) = match text.split_once('/') {
                Some((a, b)) => (a, b.parse::<u8>().ok()?),
                None => (text, if text.contains('.') { 32 } else { 128 }),
            };
            Owned::Net(addr.parse().ok()?, bits)
        }
        _ => Owned::Uint(trimmed.parse().ok()?),
    })
}

/// The whole comparison over a left side's values (non-empty) and the parsed right side.
pub(crate) fn compare_values(
    values: &[Owned],
    list: bool,
    op: CmpOp,
    modifier: Option<Modifier>,
    lits: &[Owned],
) -> bool {
    if values.is_empty() {
        return false;
    }
    if list {
        return match op {
            CmpOp::In => values.iter().all(|v| lits.iter().any(|l| equal(v, l))),
            CmpOp::Intersects => values.iter().any(|v| lits.iter().any(|l| equal(v, l))),
            _ => false,
        };
    }
    values.iter().any(|v| match modifier {
        None => compare_one(v, op, lits),
        Some(m) => {
            let mut n = 0;
            for l in lits {
                if compare_one(v, op, std::slice::from_ref(l)) {
                    n += 1;
                }
            }
            match m {
                Modifier::OneOf => n == 1,
                Modifier::AnyOf => n >= 1,
                Modifier::AllOf => !lits.is_empty() && n == lits.len(),
            }
        }
    })
}

/// One value against the right side: the set operators look at every literal, the others at
/// the first.
fn compare_one(v: &Owned, op: CmpOp, lits: &[Owned]) -> bool {
    if op.takes_list() {
        return lits.iter().any(|l| match op {
            CmpOp::PMatch => match (v.bytes(), l.bytes()) {
                (Some(p), Some(prefix)) => path_prefix(prefix, p),
                _ => false,
            },
            _ => equal(v, l),
        });
    }
    let Some(l) = lits.first() else {
        return false;
    };
    let strs = v.bytes().zip(l.bytes());
    match op {
        CmpOp::Eq | CmpOp::EqEq => equal(v, l),
        CmpOp::Ne => !equal(v, l),
        CmpOp::Lt => order(v, l).is_some_and(|o| o.is_lt()),
        CmpOp::Le => order(v, l).is_some_and(|o| o.is_le()),
        CmpOp::Gt => order(v, l).is_some_and(|o| o.is_gt()),
        CmpOp::Ge => order(v, l).is_some_and(|o| o.is_ge()),
        CmpOp::Contains | CmpOp::BContains => strs.is_some_and(|(s, n)| find(s, n, false)),
        CmpOp::IContains => strs.is_some_and(|(s, n)| find(s, n, true)),
        CmpOp::StartsWith | CmpOp::BStartsWith => strs.is_some_and(|(s, p)| s.starts_with(p)),
        CmpOp::EndsWith => strs.is_some_and(|(s, p)| s.ends_with(p)),
        CmpOp::Glob => strs.is_some_and(|(s, p)| fnmatch(p, s, false)),
        CmpOp::IGlob => strs.is_some_and(|(s, p)| fnmatch(p, s, true)),
        CmpOp::Regex => strs.is_some_and(|(s, p)| regex_full_match(p, s)),
        CmpOp::In | CmpOp::Intersects | CmpOp::PMatch => false,
    }
}

fn equal(v: &Owned, l: &Owned) -> bool {
    match (v, l) {
        (Owned::Str(a), Owned::Str(b)) => a == b,
        (Owned::Bool(a), Owned::Bool(b)) => a == b,
        (Owned::Double(a), Owned::Double(b)) => a == b,
        (Owned::Double(a), _) => l.number().is_some_and(|b| *a == b as f64),
        (Owned::Ip(a), Owned::Ip(b)) => a == b,
        (Owned::Ip(a), Owned::Net(n, bits)) | (Owned::Net(a, _), Owned::Net(n, bits)) => {
            in_network(*a, *n, *bits)
        }
        _ => match (v.number(), l.number()) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
    }
}

fn order(v: &Owned, l: &Owned) -> Option<std::cmp::Ordering> {
    match (v, l) {
        (Owned::Str(a), Owned::Str(b)) => Some(a.as_slice().cmp(b.as_slice())),
        (Owned::Double(a), Owned::Double(b)) => a.partial_cmp(b),
        (Owned::Double(a), _) => a.partial_cmp(&(l.number()? as f64)),
        _ => Some(v.number()?.cmp(&l.number()?)),
    }
}

/// CIDR membership by comparing the first `bits` bits of both addresses, bit by bit.
fn in_network(addr: IpAddr, net: IpAddr, bits: u8) -> bool {
    let (a, n): (Vec<u8>, Vec<u8>) = match (addr, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) => (a.octets().to_vec(), n.octets().to_vec()),
        (IpAddr::V6(a), IpAddr::V6(n)) => (a.octets().to_vec(), n.octets().to_vec()),
        _ => return false,
    };
    let total = a.len() * 8;
    for i in 0..(bits as usize).min(total) {
        let bit = |x: &[u8]| (x[i / 8] >> (7 - i % 8)) & 1;
        if bit(&a) != bit(&n) {
            return false;
        }
    }
    true
}

fn find(haystack: &[u8], needle: &[u8], fold: bool) -> bool {
    if needle.is_empty() {
        return true;
    }
    (0..haystack.len()).any(|i| {
        haystack.len() - i >= needle.len()
            && (0..needle.len()).all(|j| {
                let (a, b) = (haystack[i + j], needle[j]);
                if fold {
                    a.eq_ignore_ascii_case(&b)
                } else {
                    a == b
                }
            })
    })
}

/// `fnmatch(pattern, s, fold ? FNM_CASEFOLD : 0)`: `*` and `?` match any byte (`/` included),
/// `[...]` classes with `!`/`^` negation and ranges, `\` escapes the next byte.
pub(crate) fn fnmatch(p: &[u8], s: &[u8], fold: bool) -> bool {
    let eq = |a: u8, b: u8| {
        if fold {
            a.eq_ignore_ascii_case(&b)
        } else {
            a == b
        }
    };
    match p.first() {
        None => s.is_empty(),
        Some(b'*') => {
            let rest = &p[1..];
            if rest.first() == Some(&b'*') {
                return fnmatch(rest, s, fold);
            }
            (0..=s.len()).any(|i| fnmatch(rest, &s[i..], fold))
        }
        Some(b'?') => !s.is_empty() && fnmatch(&p[1..], &s[1..], fold),
        Some(b'[') => match bracket(&p[1..], s.first().copied(), fold) {
            Some((matched, used)) => matched && fnmatch(&p[1 + used..], &s[1..], fold),
            None => s.first().is_some_and(|c| *c == b'[') && fnmatch(&p[1..], &s[1..], fold),
        },
        Some(b'\\') if p.len() > 1 => {
            s.first().is_some_and(|c| eq(*c, p[1])) && fnmatch(&p[2..], &s[1..], fold)
        }
        Some(&c) => s.first().is_some_and(|x| eq(*x, c)) && fnmatch(&p[1..], &s[1..], fold),
    }
}

/// A bracket expression after its `[`: whether `c` is in it and how many pattern bytes it used
/// (through the closing `]`); `None` if the bracket is not closed (then `[` is literal).
fn bracket(p: &[u8], c: Option<u8>, fold: bool) -> Option<(bool, usize)> {
    let mut i = 0;
    let negate = matches!(p.first(), Some(b'!') | Some(b'^'));
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    loop {
        let mut lo = *p.get(i)?;
        if lo == b']' && !first {
            break;
        }
        first = false;
        if lo == b'\\' {
            i += 1;
            lo = *p.get(i)?;
        }
        i += 1;
        let mut hi = lo;
        if p.get(i) == Some(&b'-') && p.get(i + 1).is_some_and(|x| *x != b']') {
            hi = p[i + 1];
            i += 2;
            if hi == b'\\' {
                hi = *p.get(i)?;
                i += 1;
            }
        }
        if let Some(c) = c {
            let in_range = |x: u8| lo <= x && x <= hi;
            if in_range(c)
                || (fold && (in_range(c.to_ascii_lowercase()) || in_range(c.to_ascii_uppercase())))
            {
                matched = true;
            }
        }
    }
    c?;
    Some((matched != negate, i + 1))
}

/// RE2 `ANCHOR_BOTH` semantics: the whole value must match.
fn regex_full_match(pattern: &[u8], s: &[u8]) -> bool {
    use regex_automata::{meta::Regex, Anchored, Input};
    let Ok(p) = std::str::from_utf8(pattern) else {
        return false;
    };
    let Ok(re) = Regex::new(&format!("(?:{p})\\z")) else {
        return false;
    };
    re.is_match(Input::new(s).anchored(Anchored::Yes))
}

/// libsinsp's path prefix test: the pattern's `/`-separated components (empty ones skipped)
/// must equal, or glob-match, the value's first components.
fn path_prefix(prefix: &[u8], path: &[u8]) -> bool {
    let split = |b: &[u8]| -> Vec<Vec<u8>> {
        b.split(|c| *c == b'/')
            .filter(|c| !c.is_empty())
            .map(<[u8]>::to_vec)
            .collect()
    };
    let want = split(prefix);
    let have = split(path);
    want.len() <= have.len()
        && want.iter().zip(&have).all(|(w, h)| {
            let glob = w.iter().any(|c| matches!(c, b'*' | b'?' | b'['));
            if glob {
                fnmatch(w, h, false)
            } else {
                w == h
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnmatch_cases() {
        let cases: &[(&str, &str, bool, bool)] = &[
            ("*", "", false, true),
            ("/etc/*", "/etc/a/b", false, true),
            ("a?c", "abc", false, true),
            ("a?c", "ac", false, false),
            ("[a-c]x", "bx", false, true),
            ("[!a-c]x", "bx", false, false),
            ("[]]", "]", false, true),
            ("[abc", "[abc", false, true),
            ("\\*", "*", false, true),
            ("\\*", "a", false, false),
            ("ABC*", "abcd", true, true),
            ("ABC*", "abcd", false, false),
            ("[A-C]", "b", true, true),
        ];
        for &(p, s, fold, want) in cases {
            assert_eq!(
                fnmatch(p.as_bytes(), s.as_bytes(), fold),
                want,
                "{p} {s} {fold}"
            );
        }
    }

    #[test]
    fn path_prefix_cases() {
        let cases: &[(&str, &str, bool)] = &[
            ("/var/run", "/var/run/docker", true),
            ("/var/run", "/var", false),
            ("/var/run", "/var/running", false),
            ("/", "/anything", true),
            ("/var/*/x", "/var/lib/x/y", true),
            ("/var//run/", "/var/run", true),
        ];
        for &(p, s, want) in cases {
            assert_eq!(path_prefix(p.as_bytes(), s.as_bytes()), want, "{p} {s}");
        }
    }

    #[test]
    fn cidr_and_regex() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert!(in_network(ip("10.1.2.3"), ip("10.0.0.0"), 8));
        assert!(!in_network(ip("11.1.2.3"), ip("10.0.0.0"), 8));
        assert!(!in_network(ip("::1"), ip("10.0.0.0"), 8));
        assert!(regex_full_match(b"a|ab", b"ab"));
        assert!(!regex_full_match(b"b", b"ab"));
    }

    #[test]
    fn modifiers_count_matches() {
        let v = [Owned::Str(b"abc".to_vec())];
        let lits = [Owned::Str(b"a".to_vec()), Owned::Str(b"ab".to_vec())];
        let run = |m| compare_values(&v, false, CmpOp::StartsWith, Some(m), &lits);
        assert!(!run(Modifier::OneOf));
        assert!(run(Modifier::AnyOf));
        assert!(run(Modifier::AllOf));
        assert!(!compare_values(
            &v,
            false,
            CmpOp::Eq,
            Some(Modifier::AnyOf),
            &[]
        ));
        assert!(!compare_values(&[], false, CmpOp::Ne, None, &lits));
    }
}
