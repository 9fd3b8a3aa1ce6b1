//! The recursive-descent grammar.
//!
//! This mirrors libsinsp's `parser.cpp` function by function, because Falco users see three of
//! its internals: the error messages, the cursor position at which an error is raised, and the
//! recursion-depth accounting (every guarded function counts one level). Lexing of individual
//! tokens is done by the nom recognisers in [`super::lexer`]; the grammar itself is a cursor
//! walk so that backtracking points match libsinsp exactly.
//!
//! Node spans start where libsinsp records a node's position (so a span start converts to the
//! `pos_info` Falco would print) and end after the node's last token.

use super::escape::unescape_bytes;
use super::lexer;
use crate::ast::{
    CmpOp, Expr, ExprKind, FieldRef, Modifier, Operand, Span, Transform, TransformArg, Transformer,
    Value,
};

mod compare;

/// An error raised at a byte offset; converted to a public `ParseError` by the caller.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) message: String,
    pub(crate) idx: usize,
}

type PResult<T> = Result<T, Failure>;

const OPERATORS_LIST: &str = "'exists', '<=', '<', '>=', '>', '==', '=', '!=', 'glob', 'iglob', \
'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'regex', \
'intersects', 'in', 'pmatch'";
const TRANSFORMERS_LIST: &str =
    "'val', 'tolower', 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'";

/// Numeric operators, tried in this order.
const NUM_OPS: [(&str, CmpOp); 4] = [
    ("<=", CmpOp::Le),
    ("<", CmpOp::Lt),
    (">=", CmpOp::Ge),
    (">", CmpOp::Gt),
];
/// String operators, tried in this order; `true` marks word operators that need a blank after.
const STR_OPS: [(&str, CmpOp, bool); 12] = [
    ("==", CmpOp::EqEq, false),
    ("=", CmpOp::Eq, false),
    ("!=", CmpOp::Ne, false),
    ("glob", CmpOp::Glob, true),
    ("iglob", CmpOp::IGlob, true),
    ("contains", CmpOp::Contains, true),
    ("icontains", CmpOp::IContains, true),
    ("bcontains", CmpOp::BContains, true),
    ("startswith", CmpOp::StartsWith, true),
    ("bstartswith", CmpOp::BStartsWith, true),
    ("endswith", CmpOp::EndsWith, true),
    ("regex", CmpOp::Regex, true),
];
/// List operators (no blank needed after them: `in()` is fine).
const LIST_OPS: [(&str, CmpOp); 3] = [
    ("intersects", CmpOp::Intersects),
    ("in", CmpOp::In),
    ("pmatch", CmpOp::PMatch),
];
const MODIFIERS: [(&str, Modifier); 3] = [
    ("oneof", Modifier::OneOf),
    ("anyof", Modifier::AnyOf),
    ("allof", Modifier::AllOf),
];

/// What libsinsp would hold as its "last token" (quoted strings are remembered unescaped).
#[derive(Clone, Copy)]
struct LastToken {
    start: usize,
    end: usize,
    quoted: bool,
}

pub(crate) struct Parser<'a> {
    input: &'a str,
    idx: usize,
    depth: u32,
    max_depth: u32,
    last: LastToken,
    /// The first error libsinsp would only raise when compiling the parsed tree (a NUL byte in a
    /// compared value, an argument after `val(...)`), reported if the syntax is otherwise valid.
    deferred: Option<Failure>,
    /// Set when the right side just parsed was `val(...)[arg]`.
    val_with_arg: bool,
    /// Boolean-structure nodes built so far (see `parse_or`).
    built: Vec<Expr>,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(input: &'a str, max_depth: u32) -> Parser<'a> {
        Parser {
            input,
            idx: 0,
            depth: 0,
            max_depth,
            last: LastToken {
                start: 0,
                end: 0,
                quoted: false,
            },
            deferred: None,
            val_with_arg: false,
            built: Vec::new(),
        }
    }

    /// Parses a whole condition (libsinsp `parser::parse`).
    pub(crate) fn parse(mut self) -> PResult<Expr> {
        if self.input.is_empty() {
            return Err(self.failure("filter input string is empty".to_string()));
        }
        self.parse_or()?;
        let expr = self.pop_built()?;
        if self.idx != self.input.len() {
            let msg = format!(
                "unexpected token after '{}', expecting 'or', 'and'",
                self.last_token_text()
            );
            return Err(self.failure(msg));
        }
        match self.deferred {
            Some(f) => Err(f),
            None => Ok(expr),
        }
    }

    /// Parses one field or transformer at the start of the input and reports how many bytes it
    /// took (libsinsp `parser::parse_field_or_transformer`).
    pub(crate) fn parse_field_or_transformer(mut self) -> PResult<(Operand, usize)> {
        self.enter()?;
        let pos = self.idx;
        let operand = if let Some(name) = self.lex_field_name() {
            Operand::Field(self.parse_field_remainder(name, pos)?)
        } else if let Some(kind) = self.lex_transformer_type() {
            self.lex_blank();
            Operand::Transform(self.parse_transformer_remainder(kind, pos)?)
        } else {
            let msg = format!("unexpected token after '{}", self.last_token_text());
            return Err(self.failure(msg));
        };
        Ok((operand, self.idx))
    }

    // ----- helpers -------------------------------------------------------------------------

    fn failure(&self, message: String) -> Failure {
        Failure {
            message,
            idx: self.idx,
        }
    }

    fn fail<T>(&self, message: &str) -> PResult<T> {
        Err(self.failure(message.to_string()))
    }

    /// Enters one recursion level, failing like libsinsp's depth guard. Every successful exit
    /// goes through [`Parser::leave`]; after an error the depth no longer matters, except where
    /// an error is swallowed (the first element of a list), which restores it.
    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth >= self.max_depth {
            return Err(self.failure(format!("exceeded max depth limit of {}", self.max_depth)));
        }
        Ok(())
    }

    /// Leaves one recursion level with a result.
    fn leave<T>(&mut self, value: T) -> PResult<T> {
        self.depth -= 1;
        Ok(value)
    }

    fn rest(&self) -> &'a str {
        self.input.get(self.idx..).unwrap_or("")
    }

    fn last_token_text(&self) -> String {
        let raw = self.input.get(self.last.start..self.last.end).unwrap_or("");
        if self.last.quoted {
            let body = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
            let quote = raw.chars().next().unwrap_or('"');
            if let Ok(bytes) = unescape_bytes(body.as_bytes(), quote) {
                return String::from_utf8_lossy(&bytes).into_owned();
            }
        }
        raw.to_string()
    }

    fn take(&mut self, len: usize) -> (usize, usize) {
        let start = self.idx;
        self.idx += len;
        self.last = LastToken {
            start,
            end: self.idx,
            quoted: false,
        };
        (start, self.idx)
    }

    /// Skips blanks; true if there was at least one.
    fn lex_blank(&mut self) -> bool {
        let n = self
            .rest()
            .bytes()
            .take_while(|&b| lexer::is_blank_byte(b))
            .count();
        self.idx += n;
        n > 0
    }

    /// Consumes `s` if the input continues with it.
    fn lex_str(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.take(s.len());
            true
        } else {
            false
        }
    }

    /// Consumes a word operator followed by at least one blank (blanks consumed too).
    fn lex_word_op(&mut self, word: &str) -> bool {
        let saved = (self.idx, self.last);
        if self.lex_str(word) {
            if self.lex_blank() {
                return true;
            }
            (self.idx, self.last) = saved;
        }
        false
    }

    fn lex_with(&mut self, recognise: fn(&str) -> Option<usize>) -> Option<&'a str> {
        let len = recognise(self.rest())?;
        let (start, end) = self.take(len);
        self.input.get(start..end)
    }

    fn lex_identifier(&mut self) -> Option<&'a str> {
        self.lex_with(lexer::identifier)
    }

    fn lex_field_name(&mut self) -> Option<&'a str> {
        self.lex_with(lexer::field_name)
    }

    fn lex_number(&mut self) -> Option<&'a str> {
        self.lex_with(lexer::hex_number)
            .or_else(|| self.lex_with(lexer::number))
    }

    /// A quoted string: `Ok(None)` if there is none here, an error if its escapes are invalid.
    fn lex_quoted_str(&mut self) -> PResult<Option<String>> {
        match lexer::quoted_str(self.rest()) {
            None => Ok(None),
            Some(Err(scanned)) => {
                // libsinsp restores the cursor but keeps the partial text as its last token
                self.last = LastToken {
                    start: self.idx,
                    end: self.idx + scanned,
                    quoted: false,
                };
                Ok(None)
            }
            Some(Ok(len)) => {
                let (start, end) = self.take(len);
                let raw = self.input.get(start..end).unwrap_or("");
                let quote = if raw.starts_with('\'') { '\'' } else { '"' };
                let body = raw.get(1..raw.len() - 1).unwrap_or("");
                let bytes = unescape_bytes(body.as_bytes(), quote).map_err(|m| self.failure(m))?;
                let text = String::from_utf8(bytes).map_err(|_| {
                    self.failure("hex char escape sequences produce invalid UTF-8".to_string())
                })?;
                self.last.quoted = true;
                Ok(Some(text))
            }
        }
    }

    fn lex_transformer_type(&mut self) -> Option<Transformer> {
        for kind in Transformer::ALL {
            let name = kind.as_str();
            let rest = self.rest();
            if rest.starts_with(name) && rest.as_bytes().get(name.len()) == Some(&b'(') {
                let (start, _) = self.take(name.len() + 1);
                // libsinsp drops the '(' from its last token
                self.last.end = start + name.len();
                return Some(kind);
            }
        }
        None
    }

    fn record_deferred(&mut self, message: &str, idx: usize) {
        if self.deferred.is_none() {
            self.deferred = Some(Failure {
                message: message.to_string(),
                idx,
            });
        }
    }

    // ----- boolean structure ---------------------------------------------------------------
    //
    // Stack use matters: Falco allows 1000 levels, about 200 nested parentheses. The functions on
    // that path therefore keep their frames small: they push the nodes they build onto
    // `self.built` instead of returning them, and build leaves in separate functions.

    fn parse_or(&mut self) -> PResult<()> {
        self.enter()?;
        self.parse_junction(true)?;
        self.leave(())
    }

    fn parse_and(&mut self) -> PResult<()> {
        self.enter()?;
        self.parse_junction(false)?;
        self.leave(())
    }

    /// `child (word (blank child | '(' Expr ')'))*`, flattened into one n-ary node; `or` nodes
    /// have `and` children, `and` nodes have `not` children.
    fn parse_junction(&mut self, is_or: bool) -> PResult<()> {
        let word = if is_or { "or" } else { "and" };
        let pos = self.idx;
        let first = self.built.len();
        self.lex_blank();
        self.parse_junction_child(is_or)?;
        let mut end = self.idx;
        self.lex_blank();
        while self.lex_str(word) {
            if self.lex_blank() {
                self.parse_junction_child(is_or)?;
            } else if self.lex_str("(") {
                self.parse_embedded_remainder()?;
            } else {
                return Err(self.failure(format!("expected blank or '(' after '{word}'")));
            }
            end = self.idx;
            self.lex_blank();
        }
        if self.built.len() - first > 1 {
            self.build_junction(is_or, first, Span::new(pos, end));
        }
        Ok(())
    }

    fn parse_junction_child(&mut self, is_or: bool) -> PResult<()> {
        if is_or {
            self.parse_and()
        } else {
            self.parse_not()
        }
    }

    #[inline(never)]
    fn build_junction(&mut self, is_or: bool, first: usize, span: Span) {
        let children = self.built.split_off(first);
        let kind = if is_or {
            ExprKind::Or(children)
        } else {
            ExprKind::And(children)
        };
        self.built.push(Expr { kind, span });
    }

    fn parse_not(&mut self) -> PResult<()> {
        self.enter()?;
        let pos = self.idx;
        self.lex_blank();
        let mut negated = false;
        while self.lex_with(lexer::not_blank).is_some() {
            negated = !negated;
        }
        if self.lex_str("not(") {
            negated = !negated;
            self.parse_embedded_remainder()?;
        } else {
            self.parse_check()?;
        }
        if negated {
            self.build_not(Span::new(pos, self.idx))?;
        }
        self.leave(())
    }

    #[inline(never)]
    fn build_not(&mut self, span: Span) -> PResult<()> {
        let child = self.pop_built()?;
        self.built.push(Expr {
            kind: ExprKind::Not(Box::new(child)),
            span,
        });
        Ok(())
    }

    fn pop_built(&mut self) -> PResult<Expr> {
        match self.built.pop() {
            Some(expr) => Ok(expr),
            None => self.fail("parser fatal error: missing expression"),
        }
    }

    /// The rest of `( Expr )` after the opening parenthesis.
    fn parse_embedded_remainder(&mut self) -> PResult<()> {
        self.enter()?;
        self.lex_blank();
        self.parse_or()?;
        self.lex_blank();
        if !self.lex_str(")") {
            return self.fail("expected a ')' token");
        }
        self.leave(())
    }

    fn parse_check(&mut self) -> PResult<()> {
        self.enter()?;
        let pos = self.idx;
        self.lex_blank();
        if self.lex_str("(") {
            self.parse_embedded_remainder()?;
        } else {
            self.parse_check_leaf(pos)?;
        }
        self.leave(())
    }

    /// A comparison or a macro reference.
    #[inline(never)]
    fn parse_check_leaf(&mut self, pos: usize) -> PResult<()> {
        let expr = if let Some(name) = self.lex_field_name() {
            let field = self.parse_field_remainder(name, pos)?;
            self.parse_condition(Operand::Field(field), pos)?
        } else if let Some(kind) = self.lex_transformer_type() {
            self.lex_blank();
            let transform = self.parse_transformer_remainder(kind, pos)?;
            self.parse_condition(Operand::Transform(transform), pos)?
        } else if let Some(name) = self.lex_identifier() {
            Expr {
                kind: ExprKind::Identifier(name.to_string()),
                span: Span::new(pos, self.idx),
            }
        } else {
            return self.fail("expected a '(' token, a field check, or an identifier");
        };
        self.built.push(expr);
        Ok(())
    }

    // ----- fields and transformers ---------------------------------------------------------

    fn parse_field_remainder(&mut self, name: &str, pos: usize) -> PResult<FieldRef> {
        self.enter()?;
        let arg = self.parse_optional_field_arg()?;
        let field = FieldRef {
            name: name.to_string(),
            arg,
            span: Span::new(pos, self.idx),
        };
        self.leave(field)
    }

    fn parse_optional_field_arg(&mut self) -> PResult<Option<String>> {
        if !self.lex_str("[") {
            return Ok(None);
        }
        let arg = match self.lex_quoted_str()? {
            Some(text) => text,
            None => match self.lex_with(lexer::field_arg_bare_str) {
                Some(text) => text.to_string(),
                None => {
                    return self
                        .fail("expected a valid field argument: a quoted string or a bare string")
                }
            },
        };
        if !self.lex_str("]") {
            return self.fail("expected a ']' token");
        }
        Ok(Some(arg))
    }

    /// The arguments, `)` and optional `[arg]` of a transformer whose `name(` was consumed.
    ///
    /// Nested transformers recurse through here; heavy work is kept in out-of-line helpers so
    /// the recursive frames stay small.
    fn parse_transformer_remainder(&mut self, kind: Transformer, pos: usize) -> PResult<Transform> {
        self.enter()?;
        self.lex_blank();
        let mut args = Vec::new();
        loop {
            let arg_pos = self.idx;
            args.push(self.parse_transformer_arg(arg_pos)?);
            self.lex_blank();
            if !self.lex_str(",") {
                break;
            }
        }
        let transform = self.finish_transform(kind, args, pos)?;
        self.leave(transform)
    }

    #[inline(never)]
    fn finish_transform(
        &mut self,
        kind: Transformer,
        args: Vec<TransformArg>,
        pos: usize,
    ) -> PResult<Transform> {
        self.lex_blank();
        if !self.lex_str(")") {
            return self.fail("expected a ')' token closing the transformer");
        }
        let arg = self.parse_optional_field_arg()?;
        Ok(Transform {
            kind,
            args,
            arg,
            span: Span::new(pos, self.idx),
        })
    }

    fn parse_transformer_arg(&mut self, pos: usize) -> PResult<TransformArg> {
        self.enter()?;
        self.lex_blank();
        let arg = if let Some(value) = self.lex_transformer_value(pos, true)? {
            value
        } else if self.lex_str("(") {
            self.parse_transformer_list(pos)?
        } else if let Some(kind) = self.lex_transformer_type() {
            TransformArg::Operand(Operand::Transform(
                self.parse_transformer_remainder(kind, pos)?,
            ))
        } else if let Some(field) = self.lex_transformer_field(pos)? {
            field
        } else {
            return self.fail(
                "expected field transformer argument: field, transformer, quoted string, number, or transformer list",
            );
        };
        self.leave(arg)
    }

    /// A number or quoted string as a transformer argument (numbers first if `number_first`).
    #[inline(never)]
    fn lex_transformer_value(
        &mut self,
        pos: usize,
        number_first: bool,
    ) -> PResult<Option<TransformArg>> {
        if number_first && self.lex_number().is_some() {
            return Ok(Some(TransformArg::Value(self.last_value(pos))));
        }
        if let Some(text) = self.lex_quoted_str()? {
            return Ok(Some(TransformArg::Value(Value {
                text,
                span: Span::new(pos, self.idx),
            })));
        }
        if !number_first && self.lex_number().is_some() {
            return Ok(Some(TransformArg::Value(self.last_value(pos))));
        }
        Ok(None)
    }

    /// A field as a transformer argument.
    #[inline(never)]
    fn lex_transformer_field(&mut self, pos: usize) -> PResult<Option<TransformArg>> {
        match self.lex_field_name() {
            Some(name) => Ok(Some(TransformArg::Operand(Operand::Field(
                self.parse_field_remainder(name, pos)?,
            )))),
            None => Ok(None),
        }
    }

    /// The value just lexed as a plain token.
    fn last_value(&self, pos: usize) -> Value {
        let text = self.input.get(self.last.start..self.last.end).unwrap_or("");
        Value {
            text: text.to_string(),
            span: Span::new(pos, self.idx),
        }
    }

    /// A parenthesised transformer argument list, after its `(` (not a guarded level).
    fn parse_transformer_list(&mut self, pos: usize) -> PResult<TransformArg> {
        let mut items = Vec::new();
        self.lex_blank();
        if self.lex_str(")") {
            return Ok(TransformArg::List(items));
        }
        items.push(self.parse_transformer_list_arg(pos)?);
        self.lex_blank();
        while self.lex_str(",") {
            self.lex_blank();
            items.push(self.parse_transformer_list_arg(pos)?);
            self.lex_blank();
        }
        if !self.lex_str(")") {
            return self.fail("expected ')'");
        }
        Ok(TransformArg::List(items))
    }

    fn parse_transformer_list_arg(&mut self, pos: usize) -> PResult<TransformArg> {
        if let Some(field) = self.lex_transformer_field(pos)? {
            return Ok(field);
        }
        if let Some(kind) = self.lex_transformer_type() {
            self.lex_blank();
            return Ok(TransformArg::Operand(Operand::Transform(
                self.parse_transformer_remainder(kind, pos)?,
            )));
        }
        match self.lex_transformer_value(pos, false)? {
            Some(value) => Ok(value),
            None => self.fail(
                "expected transformer list argument: field, transformer, quoted string, or number",
            ),
        }
    }
}
