//! Comparisons of a condition read as kernel tests: each comparison becomes one atom (an
//! `evt.type` set, a constant, a test on a field, or a reason it cannot be pushed down).

use std::collections::BTreeSet;
use std::fmt;
use std::net::IpAddr;

use falcod_rules::ast::{CmpOp, Expr, ExprKind, Modifier, Operand, Rhs, Span};
use falcod_rules::eval::ops::glob::fnmatch;

use crate::hooks::{field_kind, AttrKind};

/// One string pattern of a test on a string attribute.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StrPattern {
    /// The value equals the text.
    Exact(String),
    /// The value starts with the text.
    Prefix(String),
    /// The value ends with the text.
    Suffix(String),
    /// The value matches the glob (`fnmatch` without flags, as Falco's `glob`).
    Glob(String),
}

impl StrPattern {
    /// Does `value` satisfy the pattern?
    pub fn matches(&self, value: &str) -> bool {
        match self {
            StrPattern::Exact(s) => value == s,
            StrPattern::Prefix(s) => value.starts_with(s.as_str()),
            StrPattern::Suffix(s) => value.ends_with(s.as_str()),
            StrPattern::Glob(g) => fnmatch(g.as_bytes(), value.as_bytes(), false),
        }
    }

    /// The pattern's text.
    pub fn text(&self) -> &str {
        match self {
            StrPattern::Exact(s)
            | StrPattern::Prefix(s)
            | StrPattern::Suffix(s)
            | StrPattern::Glob(s) => s,
        }
    }
}

impl fmt::Display for StrPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StrPattern::Exact(s) => write!(f, "= {s}"),
            StrPattern::Prefix(s) => write!(f, "startswith {s}"),
            StrPattern::Suffix(s) => write!(f, "endswith {s}"),
            StrPattern::Glob(s) => write!(f, "glob {s}"),
        }
    }
}

/// An IP network: an address and a prefix length (`10.0.0.0/8`; `/32` or `/128` for one
/// address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cidr {
    /// The network address (host bits are ignored).
    pub addr: IpAddr,
    /// The prefix length in bits.
    pub prefix: u8,
}

impl Cidr {
    /// Parses `a.b.c.d/n`, `x::/n` or (with `allow_host`) a bare address.
    pub fn parse(text: &str, allow_host: bool) -> Option<Cidr> {
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a.parse::<IpAddr>().ok()?, p.parse::<u8>().ok()?),
            None if allow_host => {
                let a = text.parse::<IpAddr>().ok()?;
                (a, if a.is_ipv4() { 32 } else { 128 })
            }
            None => return None,
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        (prefix <= max).then_some(Cidr { addr, prefix })
    }

    /// The address as 16 bytes (IPv4 in the first 4) and its bit width.
    pub fn bits(addr: IpAddr) -> ([u8; 16], u8) {
        let mut out = [0u8; 16];
        match addr {
            IpAddr::V4(a) => {
                out[..4].copy_from_slice(&a.octets());
                (out, 32)
            }
            IpAddr::V6(a) => (a.octets(), 128),
        }
    }

    /// Is `ip` in the network? Addresses of the other family never are.
    pub fn contains(&self, ip: IpAddr) -> bool {
        if self.addr.is_ipv4() != ip.is_ipv4() {
            return false;
        }
        let (a, _) = Cidr::bits(self.addr);
        let (b, _) = Cidr::bits(ip);
        prefix_eq(&a, &b, self.prefix)
    }
}

/// Are the first `bits` bits of `a` and `b` equal?
pub(crate) fn prefix_eq(a: &[u8; 16], b: &[u8; 16], bits: u8) -> bool {
    let full = (bits / 8) as usize;
    if a[..full] != b[..full] {
        return false;
    }
    let rest = bits % 8;
    if rest == 0 {
        return true;
    }
    let mask = 0xffu8 << (8 - rest);
    a[full] & mask == b[full] & mask
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// A positive test on one attribute's value: true when the value satisfies any alternative.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Test {
    /// Any of these string patterns.
    Str(Vec<StrPattern>),
    /// In any of these inclusive ranges.
    Num(Vec<(u64, u64)>),
    /// Equal to this boolean.
    Bool(bool),
    /// In any of these networks.
    Ip(Vec<Cidr>),
    /// Any value (`exists`; the presence half of `!=`).
    Present,
}

/// A value of an attribute, as the evaluator sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrValue<'a> {
    /// A string.
    Str(&'a str),
    /// A number.
    Num(u64),
    /// A boolean.
    Bool(bool),
    /// An address.
    Ip(IpAddr),
}

impl Test {
    /// Does `value` satisfy the test? A value of another kind never does.
    pub fn matches(&self, value: AttrValue<'_>) -> bool {
        match (self, value) {
            (Test::Str(ps), AttrValue::Str(v)) => ps.iter().any(|p| p.matches(v)),
            (Test::Num(rs), AttrValue::Num(v)) => rs.iter().any(|&(lo, hi)| lo <= v && v <= hi),
            (Test::Bool(b), AttrValue::Bool(v)) => *b == v,
            (Test::Ip(cs), AttrValue::Ip(v)) => cs.iter().any(|c| c.contains(v)),
            (Test::Present, _) => true,
            _ => false,
        }
    }

    /// The test both `self` and `other` pass, as one test (one kernel lookup): `Ok(None)` when
    /// no value passes both, an error when the two cannot be folded into one lookup (two globs,
    /// a prefix and a suffix, ...).
    pub fn and(&self, other: &Test) -> Result<Option<Test>, String> {
        let out = match (self, other) {
            (Test::Present, t) | (t, Test::Present) => Some(t.clone()),
            (Test::Str(a), Test::Str(b)) => {
                let mut out = BTreeSet::new();
                for x in a {
                    for y in b {
                        if let Some(p) = and_pattern(x, y)? {
                            out.insert(p);
                        }
                    }
                }
                (!out.is_empty()).then(|| Test::Str(out.into_iter().collect()))
            }
            (Test::Num(a), Test::Num(b)) => {
                let mut out = BTreeSet::new();
                for &(l1, h1) in a {
                    for &(l2, h2) in b {
                        let (lo, hi) = (l1.max(l2), h1.min(h2));
                        if lo <= hi {
                            out.insert((lo, hi));
                        }
                    }
                }
                (!out.is_empty()).then(|| Test::Num(out.into_iter().collect()))
            }
            (Test::Bool(a), Test::Bool(b)) => (a == b).then_some(Test::Bool(*a)),
            (Test::Ip(a), Test::Ip(b)) => {
                let mut out = BTreeSet::new();
                for x in a {
                    for y in b {
                        if x.prefix <= y.prefix && x.contains(y.addr) {
                            out.insert(*y);
                        } else if y.prefix <= x.prefix && y.contains(x.addr) {
                            out.insert(*x);
                        }
                    }
                }
                (!out.is_empty()).then(|| Test::Ip(out.into_iter().collect()))
            }
            _ => return Err("tests of different kinds on one attribute".to_string()),
        };
        Ok(out)
    }
}

fn and_pattern(x: &StrPattern, y: &StrPattern) -> Result<Option<StrPattern>, String> {
    use StrPattern::*;
    Ok(match (x, y) {
        (Exact(v), p) | (p, Exact(v)) => p.matches(v).then(|| Exact(v.clone())),
        (Prefix(a), Prefix(b)) => {
            if a.starts_with(b.as_str()) {
                Some(x.clone())
            } else if b.starts_with(a.as_str()) {
                Some(y.clone())
            } else {
                None
            }
        }
        (Suffix(a), Suffix(b)) => {
            if a.ends_with(b.as_str()) {
                Some(x.clone())
            } else if b.ends_with(a.as_str()) {
                Some(y.clone())
            } else {
                None
            }
        }
        _ => {
            return Err(format!(
                "`{x}` and `{y}` on the same value in one clause need two lookups in one table"
            ))
        }
    })
}

impl fmt::Display for Test {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Test::Str(ps) => {
                let v: Vec<String> = ps.iter().map(|p| p.to_string()).collect();
                write!(f, "{}", v.join(" | "))
            }
            Test::Num(rs) => {
                let v: Vec<String> = rs
                    .iter()
                    .map(|&(l, h)| {
                        if l == h {
                            format!("= {l}")
                        } else {
                            format!("in [{l}, {h}]")
                        }
                    })
                    .collect();
                write!(f, "{}", v.join(" | "))
            }
            Test::Bool(b) => write!(f, "= {b}"),
            Test::Present => f.write_str("exists"),
            Test::Ip(cs) => {
                let v: Vec<String> = cs.iter().map(|c| format!("in {c}")).collect();
                write!(f, "{}", v.join(" | "))
            }
        }
    }
}

/// What one comparison of a condition means to the kernel.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum AtomKind {
    /// `evt.type` is one of these names.
    EvtType(BTreeSet<String>),
    /// Always this value at LSM time (`evt.dir = <`, `evt.failed = false`, ...).
    Const(bool),
    /// A comparison of `fd.num` with a constant, which is this value for every operation that
    /// would succeed (`fd.num >= 0`: true). Only hooks whose event has an fd give it a value.
    FdNum(bool),
    /// A test on a field, resolved to an attribute per hook.
    Field {
        /// The field name.
        field: String,
        /// The test (positive form).
        test: Test,
    },
    /// Cannot be pushed down, with the reason.
    Unsupported(String),
}

/// A comparison with its meaning: `negated` when the comparison is the negation of `kind`
/// (`!=` on `evt.type` or a constant). `!=` on a field is `ne`: Falco's `a != x` is false when
/// `a` has no value, so it reads as `a exists and not a = x`.
#[derive(Debug, Clone)]
pub(crate) struct Atom {
    /// The comparison's canonical text.
    pub text: String,
    /// Where it was written (in the rule's or a macro's text).
    pub span: Span,
    pub kind: AtomKind,
    pub negated: bool,
    /// A field's `!=`: `kind` is the `=` test, and the comparison is `exists and not =`.
    pub ne: bool,
}

/// Reads one comparison (`Compare` or `Exists` node).
pub(crate) fn analyse(expr: &Expr) -> Atom {
    let (kind, negated) = analyse_kind(expr);
    let ne = negated && matches!(kind, AtomKind::Field { .. });
    let text = match (&expr.kind, ne) {
        (ExprKind::Compare { .. }, true) => {
            // Printed as the `=` test the atom stands for.
            let mut eq = expr.clone();
            if let ExprKind::Compare { op, .. } = &mut eq.kind {
                *op = CmpOp::Eq;
            }
            eq.to_string()
        }
        _ => expr.to_string(),
    };
    Atom {
        text,
        span: expr.span,
        kind,
        negated: negated && !ne,
        ne,
    }
}

fn unsupported(msg: impl Into<String>) -> (AtomKind, bool) {
    (AtomKind::Unsupported(msg.into()), false)
}

fn analyse_kind(expr: &Expr) -> (AtomKind, bool) {
    let (lhs, op, modifier, rhs) = match &expr.kind {
        ExprKind::Compare {
            lhs,
            op,
            modifier,
            rhs,
        } => (lhs, *op, *modifier, rhs),
        ExprKind::Exists(Operand::Field(f)) if f.arg.is_none() && field_kind(&f.name).is_some() => {
            return (
                AtomKind::Field {
                    field: f.name.clone(),
                    test: Test::Present,
                },
                false,
            )
        }
        ExprKind::Exists(Operand::Field(f)) => {
            return unsupported(format!("field {} is not visible to the LSM hooks", f.name))
        }
        ExprKind::Exists(_) => return unsupported("exists on a transformer"),
        ExprKind::Identifier(name) => return unsupported(format!("unexpanded macro {name}")),
        _ => return unsupported("not a comparison"),
    };
    let field = match lhs {
        Operand::Field(f) if f.arg.is_none() => f.name.as_str(),
        Operand::Field(f) => {
            return unsupported(format!(
                "field {}[{}] is not visible to the LSM hooks",
                f.name,
                f.arg.as_deref().unwrap_or("")
            ))
        }
        Operand::Transform(t) => {
            return unsupported(format!(
                "transformer {} cannot be evaluated in kernel",
                t.kind.as_str()
            ))
        }
    };
    let values: Vec<&str> = match rhs {
        Rhs::Value(v) => vec![v.text.as_str()],
        Rhs::List(vs) => vs.iter().map(|v| v.text.as_str()).collect(),
        Rhs::Identifier(name, _) => return unsupported(format!("undefined list {name}")),
        Rhs::Operand { .. } => {
            return unsupported(format!(
                "{field} compared with another field cannot be evaluated in kernel"
            ))
        }
    };
    match modifier {
        None | Some(Modifier::AnyOf) => {}
        Some(m) => {
            return unsupported(format!(
                "modifier {} on {field} cannot be evaluated in kernel",
                m.as_str()
            ))
        }
    }
    let bad_op = || {
        unsupported(format!(
            "operator {} on {field} cannot be evaluated in kernel",
            op.as_str()
        ))
    };
    // `!=` is the negation of `=`.
    let (op, negated) = match op {
        CmpOp::Ne => (CmpOp::Eq, true),
        CmpOp::EqEq => (CmpOp::Eq, false),
        o => (o, false),
    };
    let result = |kind| (kind, negated);
    match field {
        "evt.type" => {
            if !matches!(op, CmpOp::Eq | CmpOp::In) {
                return bad_op();
            }
            return result(AtomKind::EvtType(
                values.iter().map(|v| v.to_string()).collect(),
            ));
        }
        "fd.num" => return constant_fd_num(op, &values, negated).unwrap_or_else(bad_op),
        "evt.num" => {
            return constant_evt_num(op, &values)
                .map(|v| result(AtomKind::Const(v)))
                .unwrap_or_else(bad_op)
        }
        "evt.failed" => {
            return match (op, values.as_slice()) {
                (CmpOp::Eq, ["false"]) => result(AtomKind::Const(true)),
                (CmpOp::Eq, ["true"]) => result(AtomKind::Const(false)),
                _ => bad_op(),
            }
        }
        "evt.res" => {
            return match (op, values.as_slice()) {
                (CmpOp::Eq, [v]) => result(AtomKind::Const(*v == "SUCCESS")),
                _ => bad_op(),
            }
        }
        "evt.dir" => {
            return match (op, values.as_slice()) {
                (CmpOp::Eq, [v]) if *v == "<" || *v == ">" => result(AtomKind::Const(*v == "<")),
                _ => bad_op(),
            }
        }
        _ => {}
    }
    let Some(kind) = field_kind(field) else {
        return unsupported(invisible(field));
    };
    let test = match kind {
        AttrKind::Str => {
            let is_path = matches!(
                field,
                "fd.name"
                    | "fd.directory"
                    | "fs.path.name"
                    | "fs.path.source"
                    | "fs.path.target"
                    | "proc.exepath"
            );
            let exact_only = field == "fd.typechar";
            let mut patterns = Vec::new();
            for v in &values {
                match op {
                    CmpOp::Eq | CmpOp::In => patterns.push(StrPattern::Exact(v.to_string())),
                    _ if exact_only => return bad_op(),
                    CmpOp::StartsWith => patterns.push(StrPattern::Prefix(v.to_string())),
                    CmpOp::EndsWith => patterns.push(StrPattern::Suffix(v.to_string())),
                    CmpOp::Glob => patterns.push(glob_pattern(v)),
                    CmpOp::PMatch if is_path => match pmatch_patterns(v) {
                        Some(ps) => patterns.extend(ps),
                        None => {
                            return unsupported(format!(
                                "pmatch pattern {v} has a glob component, which the kernel \
                                 tables cannot hold"
                            ))
                        }
                    },
                    _ => return bad_op(),
                }
            }
            Test::Str(patterns)
        }
        AttrKind::Num => {
            let mut ranges = Vec::new();
            for v in &values {
                let Ok(k) = v.parse::<u64>() else {
                    return unsupported(format!(
                        "value {v} of {field} is not a plain number (service names and \
                         negative numbers are not pushed down)"
                    ));
                };
                let r = match op {
                    CmpOp::Eq | CmpOp::In => Some((k, k)),
                    CmpOp::Lt => k.checked_sub(1).map(|h| (0, h)),
                    CmpOp::Le => Some((0, k)),
                    CmpOp::Gt => k.checked_add(1).map(|l| (l, u64::MAX)),
                    CmpOp::Ge => Some((k, u64::MAX)),
                    _ => return bad_op(),
                };
                ranges.extend(r);
            }
            Test::Num(ranges)
        }
        AttrKind::Bool => match (op, values.as_slice()) {
            (CmpOp::Eq, ["true"]) => Test::Bool(true),
            (CmpOp::Eq, ["false"]) => Test::Bool(false),
            _ => return bad_op(),
        },
        AttrKind::Ip => {
            let net = field.ends_with("net");
            if !matches!(op, CmpOp::Eq | CmpOp::In) {
                return bad_op();
            }
            let mut cidrs = Vec::new();
            for v in &values {
                match Cidr::parse(v, !net) {
                    Some(c) if !net && v.contains('/') => {
                        return unsupported(format!("{field} takes addresses, not {c}"))
                    }
                    Some(c) => cidrs.push(c),
                    None => {
                        return unsupported(format!(
                            "value {v} of {field} is not {}",
                            if net {
                                "a network (a.b.c.d/n)"
                            } else {
                                "an IP address"
                            }
                        ))
                    }
                }
            }
            Test::Ip(cidrs)
        }
    };
    result(AtomKind::Field {
        field: field.to_string(),
        test,
    })
}

/// Why a field the compiler does not know cannot be pushed down.
fn invisible(field: &str) -> String {
    match field {
        "evt.arg.flags" | "evt.rawarg.flags" => format!(
            "open flags ({field}) are not pushed down: Falco compares their rendered names; \
             write evt.is_open_read / evt.is_open_write"
        ),
        f if f.starts_with("evt.arg.") || f.starts_with("evt.rawarg.") => format!(
            "{f} is the argument as the program passed it (a path may be relative to a \
             directory fd); the hooks see resolved paths: write fd.name or fs.path.*"
        ),
        "fd.cip" | "fd.cport" | "fd.lip" | "fd.lport" | "fd.cnet" | "fd.lnet" => format!(
            "{field} is the local end of a connection, which is not known at socket_connect"
        ),
        _ => format!("field {field} is not visible to the LSM hooks"),
    }
}

/// `fd.num` compared with a constant: at LSM time the operation has not returned yet; the
/// policy decides the attempts that would succeed, whose fd is some number >= 0. A comparison
/// true (false) for every such fd is a constant; anything else is not pushed down.
fn constant_fd_num(op: CmpOp, values: &[&str], negated: bool) -> Option<(AtomKind, bool)> {
    let [v] = values else { return None };
    let k: i64 = v.parse().ok()?;
    let always = match op {
        CmpOp::Ge if k <= 0 => Some(true),
        CmpOp::Gt if k < 0 => Some(true),
        CmpOp::Eq if k < 0 => Some(false),
        CmpOp::Lt if k <= 0 => Some(false),
        CmpOp::Le if k < 0 => Some(false),
        _ => None,
    }?;
    Some((AtomKind::FdNum(always), negated))
}

/// `evt.num` compared with a constant: event numbers start at 1, so `evt.num = 0` (the
/// upstream rules' `never_true` placeholder) is false for every event and `evt.num > 0` true.
/// Other comparisons depend on the event and are not pushed down.
fn constant_evt_num(op: CmpOp, values: &[&str]) -> Option<bool> {
    let [v] = values else { return None };
    let k: u64 = v.parse().ok()?;
    match (op, k) {
        (CmpOp::Eq, 0) | (CmpOp::Lt, 0 | 1) | (CmpOp::Le, 0) => Some(false),
        (CmpOp::Gt, 0) | (CmpOp::Ge, 0 | 1) => Some(true),
        _ => None,
    }
}

/// A glob without metacharacters is an exact value.
fn glob_pattern(g: &str) -> StrPattern {
    if g.bytes().any(|b| matches!(b, b'*' | b'?' | b'[' | b'\\')) {
        StrPattern::Glob(g.to_string())
    } else {
        StrPattern::Exact(g.to_string())
    }
}

/// `pmatch P` on normalised absolute paths: the path is P or lies below it. `None` when a
/// component is a glob.
fn pmatch_patterns(p: &str) -> Option<Vec<StrPattern>> {
    let comps: Vec<&str> = p.split('/').filter(|c| !c.is_empty()).collect();
    if comps
        .iter()
        .any(|c| c.bytes().any(|b| matches!(b, b'*' | b'?' | b'[')))
    {
        return None;
    }
    if comps.is_empty() {
        return Some(vec![StrPattern::Prefix("/".to_string())]);
    }
    let base = format!("/{}", comps.join("/"));
    Some(vec![
        StrPattern::Prefix(format!("{base}/")),
        StrPattern::Exact(base),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use falcod_rules::parse::parse_condition;

    fn atom(text: &str) -> (AtomKind, bool) {
        let e = parse_condition(text).expect("parses");
        let a = analyse(&e);
        (a.kind, a.negated)
    }

    fn reason(text: &str) -> String {
        match atom(text).0 {
            AtomKind::Unsupported(r) => r,
            k => panic!("{text}: expected unsupported, got {k:?}"),
        }
    }

    #[test]
    fn operators_become_patterns() {
        let e = parse_condition("fd.name != /etc/shadow").expect("parses");
        let a = analyse(&e);
        assert!(a.ne && !a.negated);
        let (k, neg) = (a.kind, a.negated);
        assert!(!neg);
        assert_eq!(
            k,
            AtomKind::Field {
                field: "fd.name".into(),
                test: Test::Str(vec![StrPattern::Exact("/etc/shadow".into())])
            }
        );
        let (k, _) = atom("fd.name pmatch (/etc/, /)");
        assert_eq!(
            k,
            AtomKind::Field {
                field: "fd.name".into(),
                test: Test::Str(vec![
                    StrPattern::Prefix("/etc/".into()),
                    StrPattern::Exact("/etc".into()),
                    StrPattern::Prefix("/".into()),
                ])
            }
        );
        let (k, _) = atom("user.uid < 1000");
        assert_eq!(
            k,
            AtomKind::Field {
                field: "user.uid".into(),
                test: Test::Num(vec![(0, 999)])
            }
        );
        let (k, _) = atom("fd.snet in (10.0.0.0/8)");
        assert_eq!(
            k,
            AtomKind::Field {
                field: "fd.snet".into(),
                test: Test::Ip(vec![Cidr::parse("10.0.0.0/8", false).expect("cidr")])
            }
        );
    }

    #[test]
    fn constants_at_lsm_time() {
        assert_eq!(atom("fd.num >= 0"), (AtomKind::FdNum(true), false));
        assert_eq!(atom("fd.num > -1"), (AtomKind::FdNum(true), false));
        assert_eq!(atom("fd.num != -1"), (AtomKind::FdNum(false), true));
        assert_eq!(atom("evt.dir = <"), (AtomKind::Const(true), false));
        assert_eq!(atom("evt.num = 0"), (AtomKind::Const(false), false));
        assert_eq!(atom("evt.num != 0"), (AtomKind::Const(false), true));
        assert_eq!(
            reason("evt.num = 5"),
            "operator = on evt.num cannot be evaluated in kernel"
        );
        assert_eq!(atom("evt.failed = false"), (AtomKind::Const(true), false));
        assert_eq!(
            reason("fd.num = 3"),
            "operator = on fd.num cannot be evaluated in kernel"
        );
    }

    #[test]
    fn reasons_name_field_and_operator() {
        assert_eq!(
            reason("proc.cmdline contains x"),
            "field proc.cmdline is not visible to the LSM hooks"
        );
        assert_eq!(
            reason("fd.name contains x"),
            "operator contains on fd.name cannot be evaluated in kernel"
        );
        assert_eq!(
            reason("evt.arg.flags contains O_TRUNC"),
            "open flags (evt.arg.flags) are not pushed down: Falco compares their rendered \
             names; write evt.is_open_read / evt.is_open_write"
        );
        assert_eq!(
            reason("fd.cport = 22"),
            "fd.cport is the local end of a connection, which is not known at socket_connect"
        );
        assert_eq!(
            reason("proc.aname[2] = sh"),
            "field proc.aname[2] is not visible to the LSM hooks"
        );
        assert_eq!(
            reason("fd.name startswith allof (/a, /b)"),
            "modifier allof on fd.name cannot be evaluated in kernel"
        );
        assert_eq!(
            reason("fd.sport = http"),
            "value http of fd.sport is not a plain number (service names and negative numbers \
             are not pushed down)"
        );
    }

    #[test]
    fn conjunction_folds_into_one_lookup() {
        let s = |ps: &[StrPattern]| Test::Str(ps.to_vec());
        let exact = |v: &str| StrPattern::Exact(v.into());
        let prefix = |v: &str| StrPattern::Prefix(v.into());
        assert_eq!(
            s(&[prefix("/etc/")]).and(&s(&[exact("/etc/shadow"), exact("/bin/sh")])),
            Ok(Some(s(&[exact("/etc/shadow")])))
        );
        assert_eq!(
            s(&[prefix("/etc/")]).and(&s(&[prefix("/etc/ssh/"), prefix("/usr/")])),
            Ok(Some(s(&[prefix("/etc/ssh/")])))
        );
        assert_eq!(s(&[prefix("/a")]).and(&s(&[prefix("/b")])), Ok(None));
        assert!(s(&[prefix("/a")])
            .and(&s(&[StrPattern::Glob("*.conf".into())]))
            .is_err());
        assert_eq!(
            Test::Num(vec![(0, 999)]).and(&Test::Num(vec![(500, u64::MAX)])),
            Ok(Some(Test::Num(vec![(500, 999)])))
        );
    }
}
