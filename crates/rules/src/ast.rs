//! The condition syntax tree, shared by the parser, the compiler and (later) the evaluators.
//!
//! The shape follows libsinsp's filter AST closely, because Falco exposes that shape to users in
//! two places we must reproduce byte for byte: the canonical condition string (`-L`'s
//! `condition_compiled`, Falco's unit-test expectations) and the positions in error messages.
//!
//! * `and` / `or` are flat n-ary nodes (`a and b and c` is one node with three children).
//! * Values are always strings: a number on the right of `>` is kept as the text the user wrote;
//!   the compiler converts it once the field's type is known.
//! * Every node carries a [`Span`] of byte offsets into the text it was parsed from.
//!
//! [`Display`](std::fmt::Display) on [`Expr`] prints the canonical form (Falco's `ast::as_string`).

use std::fmt;

/// Byte offsets `[start, end)` of a node in the text it was parsed from.
///
/// Spans are relative to the condition string handed to the parser. Nodes produced by macro
/// expansion keep the spans of the macro's own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Offset of the node's first byte.
    pub start: u32,
    /// Offset one past the node's last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
}

/// A boolean expression: the whole of a rule's or macro's condition, or any part of it.
///
/// Equality (`==`) ignores spans, so a printed-and-reparsed tree compares equal to the original.
#[derive(Debug, Clone)]
pub struct Expr {
    /// What the node is.
    pub kind: ExprKind,
    /// Where it was written.
    pub span: Span,
}

impl PartialEq for Expr {
    fn eq(&self, other: &Expr) -> bool {
        self.kind == other.kind
    }
}
impl Eq for Expr {}

/// The node kinds of a condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprKind {
    /// `a and b and ...` (at least two children after parsing).
    And(Vec<Expr>),
    /// `a or b or ...` (at least two children after parsing).
    Or(Vec<Expr>),
    /// `not a`.
    Not(Box<Expr>),
    /// A bare identifier: a macro reference until macros are expanded.
    Identifier(String),
    /// `lhs exists`.
    Exists(Operand),
    /// `lhs op rhs`, e.g. `proc.name in (sh, bash)` or `fd.name startswith oneof (/etc, /usr)`.
    Compare {
        /// The left side: a field, or a transformer over fields.
        lhs: Operand,
        /// The comparison operator.
        op: CmpOp,
        /// `oneof` / `anyof` / `allof` after a string operator (libs 0.25).
        modifier: Option<Modifier>,
        /// The right side.
        rhs: Rhs,
    },
}

/// A field reference, e.g. `proc.aname[2]`, `evt.arg.flags` or `container.label[app]`.
#[derive(Debug, Clone, Eq)]
pub struct FieldRef {
    /// The field name as written (`evt.arg.flags`, `proc.aname`). The parser does not split
    /// dotted arguments; the field registry does.
    pub name: String,
    /// The bracketed argument, unescaped, if one was written.
    pub arg: Option<String>,
    /// Where it was written.
    pub span: Span,
}

impl PartialEq for FieldRef {
    fn eq(&self, other: &FieldRef) -> bool {
        self.name == other.name && self.arg == other.arg
    }
}

/// Something that produces values from an event: a field or a transformer applied to operands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand {
    /// A plain field.
    Field(FieldRef),
    /// `name(arg, arg, ...)[arg]`, e.g. `tolower(proc.name)` or `getopt(proc.args, "ab:")[b]`.
    Transform(Transform),
}

/// A transformer application.
#[derive(Debug, Clone, Eq)]
pub struct Transform {
    /// Which transformer.
    pub kind: Transformer,
    /// Its arguments in order.
    pub args: Vec<TransformArg>,
    /// An optional `[arg]` after the closing parenthesis (used by `getopt`).
    pub arg: Option<String>,
    /// Where it was written.
    pub span: Span,
}

impl PartialEq for Transform {
    fn eq(&self, other: &Transform) -> bool {
        self.kind == other.kind && self.args == other.args && self.arg == other.arg
    }
}

/// One argument of a transformer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransformArg {
    /// A field or nested transformer.
    Operand(Operand),
    /// A literal (quoted string or number).
    Value(Value),
    /// A parenthesised list of arguments, e.g. the separators in `join`.
    List(Vec<TransformArg>),
}

/// The right-hand side of a comparison. Equality ignores spans, as for every node.
#[derive(Debug, Clone, Eq)]
pub enum Rhs {
    /// A single literal.
    Value(Value),
    /// A parenthesised list of literals, e.g. `(sh, bash)`; may be empty.
    List(Vec<Value>),
    /// An identifier where a list was expected (an undefined list name); the compiler rejects it.
    Identifier(String, Span),
    /// A field on the right: `val(proc.pname)` (`via_val` true) or a transformer such as
    /// `toupper(proc.pname)` (`via_val` false).
    Operand {
        /// The operand.
        operand: Operand,
        /// True when written as `val(...)`.
        via_val: bool,
    },
}

impl PartialEq for Rhs {
    fn eq(&self, other: &Rhs) -> bool {
        match (self, other) {
            (Rhs::Value(a), Rhs::Value(b)) => a == b,
            (Rhs::List(a), Rhs::List(b)) => a == b,
            (Rhs::Identifier(a, _), Rhs::Identifier(b, _)) => a == b,
            (
                Rhs::Operand {
                    operand: a,
                    via_val: va,
                },
                Rhs::Operand {
                    operand: b,
                    via_val: vb,
                },
            ) => a == b && va == vb,
            _ => false,
        }
    }
}

/// A literal value: always the unescaped text; typed by the compiler.
#[derive(Debug, Clone, Eq)]
pub struct Value {
    /// The value after unescaping (no surrounding quotes).
    pub text: String,
    /// Where it was written (including quotes).
    pub span: Span,
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        self.text == other.text
    }
}

impl Value {
    /// A value with an empty span, for trees built in code.
    pub fn new(text: impl Into<String>) -> Value {
        Value {
            text: text.into(),
            span: Span::default(),
        }
    }
}

/// Comparison operators, spelled as Falco spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    /// `=`
    Eq,
    /// `==` (same meaning as `=`, kept apart so printing shows what was written)
    EqEq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `contains`
    Contains,
    /// `icontains`
    IContains,
    /// `bcontains`
    BContains,
    /// `startswith`
    StartsWith,
    /// `bstartswith`
    BStartsWith,
    /// `endswith`
    EndsWith,
    /// `glob`
    Glob,
    /// `iglob`
    IGlob,
    /// `regex`
    Regex,
    /// `in`
    In,
    /// `intersects`
    Intersects,
    /// `pmatch`
    PMatch,
}

impl CmpOp {
    /// Every operator, in the order Falco lists them in its error messages.
    pub const ALL: [CmpOp; 19] = [
        CmpOp::Le,
        CmpOp::Lt,
        CmpOp::Ge,
        CmpOp::Gt,
        CmpOp::EqEq,
        CmpOp::Eq,
        CmpOp::Ne,
        CmpOp::Glob,
        CmpOp::IGlob,
        CmpOp::Contains,
        CmpOp::IContains,
        CmpOp::BContains,
        CmpOp::StartsWith,
        CmpOp::BStartsWith,
        CmpOp::EndsWith,
        CmpOp::Regex,
        CmpOp::Intersects,
        CmpOp::In,
        CmpOp::PMatch,
    ];

    /// The operator as written in a condition.
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::EqEq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Contains => "contains",
            CmpOp::IContains => "icontains",
            CmpOp::BContains => "bcontains",
            CmpOp::StartsWith => "startswith",
            CmpOp::BStartsWith => "bstartswith",
            CmpOp::EndsWith => "endswith",
            CmpOp::Glob => "glob",
            CmpOp::IGlob => "iglob",
            CmpOp::Regex => "regex",
            CmpOp::In => "in",
            CmpOp::Intersects => "intersects",
            CmpOp::PMatch => "pmatch",
        }
    }

    /// Parses an operator name (`"startswith"`, `"="`); `None` if it is not one.
    pub fn from_name(s: &str) -> Option<CmpOp> {
        CmpOp::ALL.into_iter().find(|op| op.as_str() == s)
    }

    /// `in`, `intersects` and `pmatch` take a list on the right.
    pub fn takes_list(self) -> bool {
        matches!(self, CmpOp::In | CmpOp::Intersects | CmpOp::PMatch)
    }

    /// `<`, `<=`, `>`, `>=`: the right side must be a number.
    pub fn is_numeric(self) -> bool {
        matches!(self, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge)
    }

    /// Operators that accept a `oneof`/`anyof`/`allof` modifier (falco rule_loader_cmpop.h).
    pub fn accepts_modifier(self) -> bool {
        matches!(
            self,
            CmpOp::Eq
                | CmpOp::EqEq
                | CmpOp::Ne
                | CmpOp::Contains
                | CmpOp::IContains
                | CmpOp::BContains
                | CmpOp::StartsWith
                | CmpOp::BStartsWith
                | CmpOp::EndsWith
                | CmpOp::Glob
                | CmpOp::IGlob
                | CmpOp::Regex
        )
    }
}

impl fmt::Display for CmpOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// List modifiers after a string operator: `startswith oneof (a, b)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modifier {
    /// Exactly one element matches.
    OneOf,
    /// At least one element matches.
    AnyOf,
    /// Every element matches.
    AllOf,
}

impl Modifier {
    /// The modifier as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Modifier::OneOf => "oneof",
            Modifier::AnyOf => "anyof",
            Modifier::AllOf => "allof",
        }
    }

    /// Parses a modifier word.
    pub fn from_name(s: &str) -> Option<Modifier> {
        match s {
            "oneof" => Some(Modifier::OneOf),
            "anyof" => Some(Modifier::AnyOf),
            "allof" => Some(Modifier::AllOf),
            _ => None,
        }
    }
}

/// The field transformers of the condition language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transformer {
    /// `tolower(x)`
    ToLower,
    /// `toupper(x)`
    ToUpper,
    /// `b64(x)`: base64-decode.
    B64,
    /// `basename(x)`
    Basename,
    /// `len(x)`: length of a string or buffer, or number of list elements.
    Len,
    /// `join(sep, list)`
    Join,
    /// `concat(a, b, ...)`
    Concat,
    /// `getopt(args, optstring)[opt]`
    Getopt,
}

impl Transformer {
    /// Every transformer.
    pub const ALL: [Transformer; 8] = [
        Transformer::ToLower,
        Transformer::ToUpper,
        Transformer::B64,
        Transformer::Basename,
        Transformer::Len,
        Transformer::Join,
        Transformer::Concat,
        Transformer::Getopt,
    ];

    /// The transformer's name as written before `(`.
    pub fn as_str(self) -> &'static str {
        match self {
            Transformer::ToLower => "tolower",
            Transformer::ToUpper => "toupper",
            Transformer::B64 => "b64",
            Transformer::Basename => "basename",
            Transformer::Len => "len",
            Transformer::Join => "join",
            Transformer::Concat => "concat",
            Transformer::Getopt => "getopt",
        }
    }

    /// Parses a transformer name.
    pub fn from_name(s: &str) -> Option<Transformer> {
        Transformer::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl Expr {
    /// A node with an empty span, for trees built in code.
    pub fn new(kind: ExprKind) -> Expr {
        Expr {
            kind,
            span: Span::default(),
        }
    }
}

impl Operand {
    /// Calls `visit` with every field the operand reads, in order of appearance: the field
    /// itself, or the fields inside a transformer's arguments (nested lists and transformers
    /// included; the parser bounds their depth).
    pub fn for_each_field<'e>(&'e self, visit: &mut impl FnMut(&'e FieldRef)) {
        match self {
            Operand::Field(f) => visit(f),
            Operand::Transform(t) => {
                for a in &t.args {
                    a.for_each_field(visit);
                }
            }
        }
    }
}

impl TransformArg {
    /// Calls `visit` with every field the argument reads; see [`Operand::for_each_field`].
    pub fn for_each_field<'e>(&'e self, visit: &mut impl FnMut(&'e FieldRef)) {
        match self {
            TransformArg::Operand(o) => o.for_each_field(visit),
            TransformArg::Value(_) => {}
            TransformArg::List(items) => {
                for i in items {
                    i.for_each_field(visit);
                }
            }
        }
    }
}
