//! Scalar comparisons: an extracted value read in its field's type class, compared with a
//! literal or with another field's value.

use std::cmp::Ordering;
use std::net::IpAddr;

use crate::ast::CmpOp;
use crate::event::Value;
use crate::fields::FieldType;

use super::glob;
use super::value_parse::{IpNet, Literal, NumClass};

/// How the values of a field type are read and compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// CHARBUF, FSPATH, FSRELPATH: C strings.
    Str,
    /// BYTEBUF: raw bytes.
    Buf,
    /// Numbers, in their width and signedness.
    Num(NumClass),
    /// BOOL.
    Bool,
    /// IP addresses.
    Ip,
    /// IP networks (values are addresses tested against CIDRs).
    Net,
}

impl Class {
    /// The class of a field type; `None` for types no operator applies to.
    pub fn of(ty: FieldType) -> Option<Class> {
        use FieldType::*;
        if let Some(n) = NumClass::of(ty) {
            return Some(Class::Num(n));
        }
        Some(match ty {
            CharBuf | FsPath | FsRelPath => Class::Str,
            ByteBuf => Class::Buf,
            Bool => Class::Bool,
            Ipv4Addr | Ipv6Addr | IpAddr => Class::Ip,
            Ipv4Net | Ipv6Net | IpNet => Class::Net,
            _ => return None,
        })
    }

    /// Reads an extracted value as this class (numbers truncated to the field's width, as
    /// libsinsp's casts do); `None` if the value has an unrelated kind.
    #[inline]
    pub fn read(self, v: Value<'_>) -> Option<Scalar<'_>> {
        Some(match (self, v) {
            (Class::Str | Class::Buf, Value::Str(b) | Value::Bytes(b)) => Scalar::Bytes(b),
            (Class::Num(n), Value::Uint(u)) => n.scalar_u(u),
            (Class::Num(n), Value::Int(i)) => n.scalar_i(i),
            (Class::Num(n), Value::Bool(b)) => n.scalar_u(u64::from(b)),
            (Class::Num(NumClass::Double), Value::Double(d)) => Scalar::Double(d),
            (Class::Num(n), Value::Double(d)) => n.scalar_i(d as i64),
            (Class::Bool, Value::Bool(b)) => Scalar::Bool(b),
            (Class::Bool, Value::Uint(u)) => Scalar::Bool(u as u32 != 0),
            (Class::Bool, Value::Int(i)) => Scalar::Bool(i as u32 != 0),
            (Class::Ip | Class::Net, Value::Ip(a) | Value::Net(a, _)) => Scalar::Ip(a),
            _ => return None,
        })
    }
}

impl NumClass {
    fn scalar_u(self, u: u64) -> Scalar<'static> {
        match self {
            NumClass::Unsigned(_) => Scalar::Uint(self.truncate_u(u)),
            NumClass::Signed(_) => Scalar::Int(self.truncate_i(u as i64)),
            NumClass::Double => Scalar::Double(u as f64),
        }
    }

    fn scalar_i(self, i: i64) -> Scalar<'static> {
        match self {
            NumClass::Unsigned(_) => Scalar::Uint(self.truncate_u(i as u64)),
            NumClass::Signed(_) => Scalar::Int(self.truncate_i(i)),
            NumClass::Double => Scalar::Double(i as f64),
        }
    }
}

/// A value read in its class, or a literal viewed the same way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar<'a> {
    /// Bytes of a string or buffer.
    Bytes(&'a [u8]),
    /// An unsigned number.
    Uint(u64),
    /// A signed number.
    Int(i64),
    /// A double.
    Double(f64),
    /// A boolean.
    Bool(bool),
    /// An address.
    Ip(IpAddr),
    /// A network (right-hand side only).
    Net(IpNet),
}

impl Scalar<'_> {
    /// A literal as a scalar.
    pub fn of_literal(l: &Literal) -> Scalar<'_> {
        match l {
            Literal::Bytes(b) => Scalar::Bytes(b),
            Literal::Uint(u) => Scalar::Uint(*u),
            Literal::Int(i) => Scalar::Int(*i),
            Literal::Double(d) => Scalar::Double(*d),
            Literal::Bool(b) => Scalar::Bool(*b),
            Literal::Ip(a) => Scalar::Ip(*a),
            Literal::Net(n) => Scalar::Net(*n),
        }
    }

    /// The bit pattern used as a hash-set key for numbers and booleans.
    pub fn num_bits(&self) -> Option<u64> {
        match *self {
            Scalar::Uint(u) => Some(u),
            Scalar::Int(i) => Some(i as u64),
            Scalar::Double(d) => Some(d.to_bits()),
            Scalar::Bool(b) => Some(u64::from(b)),
            _ => None,
        }
    }
}

#[inline]
pub(super) fn ordered<T: PartialOrd>(op: CmpOp, a: T, b: T) -> bool {
    match op {
        CmpOp::Eq | CmpOp::EqEq | CmpOp::In | CmpOp::Intersects => a == b,
        CmpOp::Ne => a != b,
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a >= b,
        _ => false,
    }
}

/// `memmem`.
pub fn find(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

/// `strcasestr` in the C locale.
pub fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty()
        || haystack
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Compares two scalars of `class` with `op` (libsinsp `flt_compare`); `l` is the left value,
/// `r` the right one (the pattern for `glob`). Used for literals with a direct test and for
/// field-to-field comparisons, where nothing could be compiled ahead.
pub fn dynamic(op: CmpOp, class: Class, l: Scalar<'_>, r: Scalar<'_>) -> bool {
    use CmpOp::*;
    match (l, r) {
        (Scalar::Bytes(a), Scalar::Bytes(b)) => match op {
            Eq | EqEq | In | Intersects => a == b,
            Ne => a != b,
            Lt | Le | Gt | Ge => ordered(op, a.cmp(b), Ordering::Equal),
            Contains | BContains => find(a, b),
            IContains => find_ascii_ci(a, b),
            StartsWith | BStartsWith => a.starts_with(b),
            EndsWith => a.ends_with(b),
            Glob => glob::fnmatch(b, a, false),
            IGlob => glob::fnmatch(b, a, true),
            // Need a compiled right side; libsinsp rejects them with right-hand fields.
            PMatch | Regex => false,
        },
        (Scalar::Uint(a), Scalar::Uint(b)) => ordered(op, a, b),
        (Scalar::Int(a), Scalar::Int(b)) => ordered(op, a, b),
        (Scalar::Double(a), Scalar::Double(b)) => ordered(op, a, b),
        (Scalar::Bool(a), Scalar::Bool(b)) => match op {
            Eq | EqEq | In | Intersects => a == b,
            Ne => a != b,
            _ => false,
        },
        (Scalar::Ip(a), Scalar::Ip(b)) => match op {
            Eq | EqEq | In | Intersects => a == b,
            Ne => a != b,
            _ => false,
        },
        (Scalar::Ip(a), Scalar::Net(n)) if class == Class::Net => match op {
            Eq | EqEq | In | Intersects => n.contains(a),
            Ne => !n.contains(a),
            _ => false,
        },
        _ => false,
    }
}
