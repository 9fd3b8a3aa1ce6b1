//! Field resolution and type checks of an expanded condition (libsinsp's filter compiler).
//!
//! Falco validates a rule's condition by compiling it into a libsinsp filter. This module
//! performs the same validation without building an evaluator: every field is resolved through
//! the source's [`FieldRegistry`](crate::fields::FieldRegistry), transformers are typed,
//! operators are checked against the (transformed) field type, right-hand fields are checked for
//! compatibility, and literal values are parsed as the field's type. The first problem stops the
//! walk with an error carrying libsinsp's message; on success the compiler's warnings
//! (`'<v>' may be a valid field misused as a const string value`, simple-regex hints) are
//! returned.
//!
//! Every error and warning carries the byte offset of the node it belongs to: the check node for
//! errors (where libsinsp's compiler stands when it throws), the right-hand side for value
//! warnings.

use crate::ast::{
    CmpOp, Expr, ExprKind, FieldRef, Modifier, Operand, Rhs, TransformArg, Transformer,
};
use crate::fields::{FieldError, FieldFlags, FieldType, SourceSchema};

use crate::eval::ops::value_parse;

/// A problem that makes the condition invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckError {
    /// libsinsp's message.
    pub message: String,
    /// Byte offset of the check node.
    pub offset: u32,
}

/// A compiler warning (LOAD_COMPILE_CONDITION).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckWarning {
    /// libsinsp's message.
    pub message: String,
    /// Byte offset of the right-hand side it is about.
    pub offset: u32,
}

/// Deepest tree the walk accepts (expansion bounds trees well below this).
const MAX_DEPTH: usize = 20_000;

/// Checks an expanded condition against a source schema.
pub fn check_condition(
    expr: &Expr,
    schema: &SourceSchema,
) -> Result<Vec<CheckWarning>, CheckError> {
    let mut c = Checker {
        schema,
        warnings: Vec::new(),
    };
    c.visit(expr, 0)?;
    Ok(c.warnings)
}

/// The type an operand (a field or a transformer over fields) produces, as libsinsp's extractor
/// compiler types it: `(type, is_list)`, or the compiler's message. Output formats use it to
/// accept exactly the tokens libsinsp's formatter accepts.
pub(crate) fn operand_type(
    op: &Operand,
    schema: &SourceSchema,
) -> Result<(FieldType, bool), String> {
    let c = Checker {
        schema,
        warnings: Vec::new(),
    };
    c.operand(op).map(|t| (t.ty, t.list))
}

/// The type of what an operand produces.
#[derive(Debug, Clone)]
struct Typed {
    ty: FieldType,
    list: bool,
    /// Field name used in messages (the base field's name).
    name: String,
    /// The base field's flags (transformer support, right-hand side support).
    flags: FieldFlags,
    /// The base field is `evt.type` (its values are validated against the event table).
    is_evttype: bool,
}

struct Checker<'a> {
    schema: &'a SourceSchema,
    warnings: Vec<CheckWarning>,
}

fn err(message: impl Into<String>, offset: u32) -> CheckError {
    CheckError {
        message: message.into(),
        offset,
    }
}

impl Checker<'_> {
    fn visit(&mut self, e: &Expr, depth: usize) -> Result<(), CheckError> {
        if depth > MAX_DEPTH {
            return Err(err(
                format!("filter error: exceeded max depth limit of {MAX_DEPTH}"),
                e.span.start,
            ));
        }
        match &e.kind {
            ExprKind::And(children) | ExprKind::Or(children) => {
                for c in children {
                    self.visit(c, depth + 1)?;
                }
                Ok(())
            }
            ExprKind::Not(c) => self.visit(c, depth + 1),
            ExprKind::Identifier(name) => Err(err(
                format!("filter error: unexpected identifier '{name}'"),
                e.span.start,
            )),
            ExprKind::Exists(lhs) => {
                self.operand(lhs).map_err(|m| err(m, e.span.start))?;
                Ok(())
            }
            ExprKind::Compare {
                lhs,
                op,
                modifier,
                rhs,
            } => self
                .compare(lhs, *op, *modifier, rhs)
                .map_err(|m| err(m, e.span.start)),
        }
    }

    fn compare(
        &mut self,
        lhs: &Operand,
        op: CmpOp,
        modifier: Option<Modifier>,
        rhs: &Rhs,
    ) -> Result<(), String> {
        let l = self.operand(lhs)?;
        comparable(op, modifier, l.ty, l.list).map_err(|e| format!("filter error: {e}"))?;
        match rhs {
            Rhs::Operand { operand, .. } => {
                let r = self.operand(operand)?;
                rhs_field_allowed(op, &l, &r)
            }
            Rhs::Value(v) => self.value(op, &l, &v.text, v.span.start),
            // libsinsp parses an identifier in list position as a plain string value.
            Rhs::Identifier(name, span) => self.value(op, &l, name, span.start),
            Rhs::List(values) => {
                // The list node starts at its '(' just before the first element.
                let pos = values
                    .first()
                    .map(|v| v.span.start.saturating_sub(1))
                    .unwrap_or(0);
                for v in values {
                    self.value(op, &l, &v.text, pos)?;
                }
                Ok(())
            }
        }
    }

    /// Warns about, then parses, one literal right-hand value.
    fn value(&mut self, op: CmpOp, l: &Typed, v: &str, pos: u32) -> Result<(), String> {
        self.value_warnings(op, v, pos);
        value_parse::parse_literal(l.ty, op, v)?;
        if l.is_evttype && self.schema.event_types.codes(v).is_none() {
            return Err(format!("unknown event type {v}"));
        }
        if op == CmpOp::Regex {
            crate::eval::ops::regex::compile(v)?;
        }
        Ok(())
    }

    fn value_warnings(&mut self, op: CmpOp, v: &str, pos: u32) {
        let blank = |c: char| c.is_ascii_whitespace() || c == '\x0b';
        let stripped: std::borrow::Cow<'_, str> = if v.contains(blank) {
            v.chars().filter(|&c| !blank(c)).collect::<String>().into()
        } else {
            v.into()
        };
        if op == CmpOp::Regex {
            if let Some(m) = simple_regex_hint(v) {
                self.warnings.push(CheckWarning {
                    message: m,
                    offset: pos,
                });
            }
        }
        if self.looks_like_field(&stripped) {
            self.warnings.push(CheckWarning {
                message: format!("'{v}' may be a valid field misused as a const string value"),
                offset: pos,
            });
        }
        let transformers = Transformer::ALL.iter().map(|t| t.as_str()).chain(["val"]);
        for t in transformers {
            if stripped.len() >= t.len() + 2
                && stripped.starts_with(t)
                && stripped[t.len()..].starts_with('(')
                && stripped.ends_with(')')
            {
                self.warnings.push(CheckWarning {
                    message: format!(
                        "'{v}' may be a valid field transformer misused as a const string value"
                    ),
                    offset: pos,
                });
            }
        }
    }

    /// True if the text names a field of the source (with or without a valid argument), the way
    /// libsinsp's factory recognises a field name.
    fn looks_like_field(&self, s: &str) -> bool {
        let (name, arg) = match s.find('[') {
            Some(i) if s.ends_with(']') => (&s[..i], Some(&s[i + 1..s.len() - 1])),
            _ => (s, None),
        };
        self.schema.fields.knows(name, arg)
    }

    fn field(&self, f: &FieldRef) -> Result<Typed, String> {
        match self.schema.fields.resolve_typed(&f.name, f.arg.as_deref()) {
            Ok((info, _, ty)) => Ok(Typed {
                ty,
                list: info.flags.contains(FieldFlags::IS_LIST),
                name: info.name.clone(),
                flags: info.flags,
                is_evttype: info.name == "evt.type",
            }),
            Err(FieldError::Unknown(_)) => Err(format!(
                "filter_check called with nonexistent field {}{}",
                f.name,
                f.arg.as_ref().map(|a| format!("[{a}]")).unwrap_or_default()
            )),
            Err(e) => Err(e.to_string()),
        }
    }

    fn operand(&self, op: &Operand) -> Result<Typed, String> {
        match op {
            Operand::Field(f) => self.field(f),
            Operand::Transform(t) => {
                let args = t
                    .args
                    .iter()
                    .map(|a| self.transform_arg(a))
                    .collect::<Result<Vec<_>, _>>()?;
                let name = t.kind.as_str();
                match t.kind {
                    Transformer::ToLower
                    | Transformer::ToUpper
                    | Transformer::B64
                    | Transformer::Basename
                    | Transformer::Len => {
                        let [inner] = args.as_slice() else {
                            return Err(format!(
                                "filter error: transformer '{name}' requires exactly one argument"
                            ));
                        };
                        if t.arg.is_some() {
                            return Err(format!(
                                "filter error: transformer '{name}' does not support field arguments"
                            ));
                        }
                        single_transform(t.kind, inner.clone())
                    }
                    Transformer::Join | Transformer::Concat | Transformer::Getopt => {
                        multi_transform(t.kind, &args, t.arg.as_deref())
                    }
                }
            }
        }
    }

    fn transform_arg(&self, a: &TransformArg) -> Result<Typed, String> {
        let literal = |list: bool| Typed {
            ty: FieldType::CharBuf,
            list,
            name: String::new(),
            flags: FieldFlags::NONE,
            is_evttype: false,
        };
        match a {
            TransformArg::Operand(o) => self.operand(o),
            TransformArg::Value(_) => Ok(literal(false)),
            TransformArg::List(items) => {
                for i in items {
                    self.transform_arg(i)?;
                }
                Ok(literal(true))
            }
        }
    }
}

/// Applies a one-argument transformer's type rule (libsinsp `transform_type`).
fn single_transform(kind: Transformer, mut t: Typed) -> Result<Typed, String> {
    if t.flags.contains(FieldFlags::NO_TRANSFORMER) {
        return Err(format!("field '{}' does not support transformers", t.name));
    }
    use FieldType::*;
    let ok = match kind {
        Transformer::ToLower | Transformer::ToUpper | Transformer::Basename => {
            matches!(t.ty, CharBuf | FsPath | FsRelPath)
        }
        Transformer::B64 => matches!(t.ty, CharBuf | ByteBuf),
        Transformer::Len if t.list => {
            t.list = false;
            t.ty = Uint64;
            true
        }
        Transformer::Len if matches!(t.ty, CharBuf | ByteBuf | FsPath | FsRelPath) => {
            t.ty = Uint64;
            true
        }
        _ => false,
    };
    if !ok {
        return Err(format!(
            "can't add field transformer: type '{}' is not supported by '{}' transformer applied on {}field '{}'",
            t.ty,
            kind.as_str(),
            if t.list { "list " } else { "" },
            t.name
        ));
    }
    // The value no longer is `evt.type` itself.
    t.is_evttype = false;
    Ok(t)
}

/// Types a multi-argument transformer (libsinsp's multivalue transformers).
fn multi_transform(kind: Transformer, args: &[Typed], arg: Option<&str>) -> Result<Typed, String> {
    let name = kind.as_str();
    let result = |list: bool| Typed {
        ty: FieldType::CharBuf,
        list,
        name: name.to_string(),
        flags: FieldFlags::NONE,
        is_evttype: false,
    };
    match kind {
        Transformer::Join => {
            if args.len() != 2 {
                return Err("join() requires exactly 2 arguments: separator and list".into());
            }
            if args[0].list {
                return Err(
                    "join() first argument (separator) must be a single value, not a list".into(),
                );
            }
            if !args[1].list {
                return Err("join() second argument must be a list".into());
            }
        }
        Transformer::Concat => {
            if args.len() < 2 {
                return Err("concat() requires at least 2 arguments".into());
            }
            if args.iter().any(|a| a.ty != FieldType::CharBuf || a.list) {
                return Err("concat() arguments must be strings".into());
            }
        }
        _ => {
            if args.len() != 2 {
                return Err(
                    "getopt() requires exactly 2 arguments: args list and optstring".into(),
                );
            }
            if !args[0].list {
                return Err("getopt() first argument must be a list".into());
            }
            if args[1].list {
                return Err("getopt() second argument (optstring) must be a single value".into());
            }
            if args[0].ty != FieldType::CharBuf || args[1].ty != FieldType::CharBuf {
                return Err("getopt() arguments must be strings".into());
            }
            return match arg {
                None => Ok(result(true)),
                Some(a) if a.len() == 1 => Ok(result(false)),
                Some(_) => Err("getopt() field argument must be a single option character".into()),
            };
        }
    }
    if arg.is_some() {
        return Err(format!(
            "transformer '{name}' does not support field arguments"
        ));
    }
    Ok(result(false))
}

/// libsinsp `flt_is_comparable`: may `op` (with `modifier`) be applied to a value of this type?
pub(crate) fn comparable(
    op: CmpOp,
    modifier: Option<Modifier>,
    ty: FieldType,
    list: bool,
) -> Result<(), String> {
    use CmpOp::*;
    use FieldType::*;
    let name = match op {
        EqEq => "=",
        o => o.as_str(),
    };
    let allowed: &[CmpOp] = if list {
        if !matches!(
            ty,
            CharBuf | Uint64 | RelTime | AbsTime | Bool | IpAddr | IpNet
        ) {
            return Err(format!("list filters are not supported for type '{ty}'"));
        }
        if !matches!(op, In | Intersects) {
            return Err(format!("'{name}' operator not supported list filters"));
        }
        return Ok(());
    } else {
        match ty {
            Int8 | Int16 | Int32 | Int64 | Uint8 | Uint16 | Uint32 | Uint64 | Errno | Fd | Pid
            | SyscallId | SigType | RelTime | AbsTime | Port | Flags8 | Flags16 | Flags32
            | Double | Mode => {
                if !matches!(op, Eq | EqEq | Ne | Lt | Le | Gt | Ge | In | Intersects) {
                    return Err(format!(
                        "'{name}' operator not supported for numeric filters"
                    ));
                }
                return Ok(());
            }
            Bool => &[Eq, EqEq, Ne, In, Intersects],
            Ipv4Addr | Ipv4Net | Ipv6Addr | Ipv6Net | IpAddr | IpNet => {
                let ip_ok = matches!(op, Eq | EqEq | Ne | In | Intersects);
                if modifier.is_some() && !ip_ok {
                    return Err(format!(
                        "'{name}' with modifier not supported for ip address and network filters"
                    ));
                }
                if !ip_ok {
                    return Err(format!(
                        "'{name}' operator not supported for ip address and network filters"
                    ));
                }
                return Ok(());
            }
            CharBuf | FsPath | FsRelPath => {
                if matches!(op, BContains | BStartsWith) {
                    return Err(format!(
                        "'{name}' operator not supported for string filters"
                    ));
                }
                return Ok(());
            }
            ByteBuf => &[
                Eq,
                EqEq,
                Ne,
                Contains,
                In,
                StartsWith,
                EndsWith,
                Intersects,
                BContains,
                BStartsWith,
            ],
            _ => {
                return Err(format!("'{name}' operator not supported for type '{ty}'"));
            }
        }
    };
    if allowed.contains(&op) {
        Ok(())
    } else if ty == Bool {
        // libsinsp reuses the numeric wording for booleans.
        Err(format!(
            "'{name}' operator not supported for numeric filters"
        ))
    } else {
        Err(format!(
            "'{name}' operator not supported for buffer filters"
        ))
    }
}

/// libsinsp's checks when the right side is a field (`val(...)` or a transformer).
fn rhs_field_allowed(op: CmpOp, l: &Typed, r: &Typed) -> Result<(), String> {
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
    if matches!(
        l.ty,
        FieldType::IpNet | FieldType::Ipv4Net | FieldType::Ipv6Net
    ) {
        return Err("field type 'IPNET' doesn't support right-hand side fields".into());
    }
    if l.flags.contains(FieldFlags::NO_RHS) {
        return Err(format!(
            "field '{}' doesn't support right-hand side fields",
            l.name
        ));
    }
    if r.flags.contains(FieldFlags::NO_RHS) {
        return Err(format!(
            "field '{}' can't be used as a right-hand side field",
            r.name
        ));
    }
    if l.ty != r.ty || l.list != r.list {
        let list = |b: bool| if b { " (list)" } else { "" };
        return Err(format!(
            "field '{}' has type '{}{}' while the right-hand side field '{}' has incompatible type '{}{}'",
            l.name,
            l.ty,
            list(l.list),
            r.name,
            r.ty,
            list(r.list)
        ));
    }
    Ok(())
}

/// libsinsp's hint that a regex could be a plain string operator: the pattern has no regex
/// special character except anchors at the ends and `.*`/`.+`/`.?` at the very start or end.
fn simple_regex_hint(v: &str) -> Option<String> {
    const SPECIAL: &[u8] = b".+*?^$()[]{}|\\";
    const OCCURRENCE: &[u8] = b"+*?";
    let b = v.as_bytes();
    let len = b.len();
    let mut i = 0;
    while i < len {
        let c = b[i];
        if (i == 0 && c == b'^') || (i == len - 1 && c == b'$') {
            i += 1;
            continue;
        }
        if ((i == 0 && len > 1) || i + 2 == len)
            && c == b'.'
            && b.get(i + 1).is_some_and(|n| OCCURRENCE.contains(n))
        {
            i += 2;
            continue;
        }
        if SPECIAL.contains(&c) {
            return None;
        }
        i += 1;
    }
    Some(format!(
        "regex check with '{v}' may be optimized with simpler operators such as '=', 'contains', 'startswith', 'endswith'"
    ))
}

/// The fields a condition reads on the left of its checks (including inside transformers),
/// in order of appearance, for the deprecated-field and `<NA>` warnings.
pub fn lhs_fields(expr: &Expr) -> Vec<&FieldRef> {
    let mut out = Vec::new();
    let mut stack = vec![expr];
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::And(c) | ExprKind::Or(c) => stack.extend(c.iter().rev()),
            ExprKind::Not(c) => stack.push(c),
            ExprKind::Identifier(_) => {}
            ExprKind::Exists(lhs) | ExprKind::Compare { lhs, .. } => {
                lhs.for_each_field(&mut |f| out.push(f))
            }
        }
    }
    out
}

/// Falco's unsafe `<NA>` check: a `ka.*` / `jevt.*` field compared for equality with `<NA>`.
pub fn has_unsafe_na_check(expr: &Expr) -> bool {
    let mut stack = vec![expr];
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::And(c) | ExprKind::Or(c) => stack.extend(c.iter()),
            ExprKind::Not(c) => stack.push(c),
            ExprKind::Compare {
                lhs: Operand::Field(f),
                op,
                rhs,
                ..
            } if (f.name.starts_with("ka.") || f.name.starts_with("jevt."))
                && matches!(
                    op,
                    CmpOp::Eq
                        | CmpOp::EqEq
                        | CmpOp::Ne
                        | CmpOp::In
                        | CmpOp::Intersects
                        | CmpOp::PMatch
                ) =>
            {
                let na = match rhs {
                    Rhs::Value(v) => v.text == "<NA>",
                    Rhs::List(vs) => vs.iter().any(|v| v.text == "<NA>"),
                    Rhs::Identifier(..) | Rhs::Operand { .. } => false,
                };
                if na {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}
