//! Comparisons: operators, right-hand values, lists, `val()` and right-hand transformers.

use super::{
    lexer, PResult, Parser, LIST_OPS, MODIFIERS, NUM_OPS, OPERATORS_LIST, STR_OPS,
    TRANSFORMERS_LIST,
};
use crate::ast::{CmpOp, Expr, ExprKind, Modifier, Operand, Rhs, Span, Value};

impl Parser<'_> {
    // ----- comparisons ---------------------------------------------------------------------

    pub(super) fn parse_condition(&mut self, lhs: Operand, pos: usize) -> PResult<Expr> {
        self.enter()?;
        self.lex_blank();
        if self.lex_str("exists") {
            let span = Span::new(pos, self.idx);
            return self.leave(Expr {
                kind: ExprKind::Exists(lhs),
                span,
            });
        }
        self.lex_blank();
        let (op, modifier, rhs) = if let Some(op) = self.lex_num_op() {
            (op, None, self.parse_num_value_or_transformer()?)
        } else if let Some((op, word)) = self.lex_str_op() {
            let had_blank = word || self.lex_blank();
            let saved = (self.idx, self.last);
            match self.lex_modifier(had_blank) {
                Some(m) => (op, Some(m), self.parse_list_value()?),
                None => {
                    (self.idx, self.last) = saved;
                    (op, None, self.parse_str_value_or_transformer(false)?)
                }
            }
        } else if let Some(op) = self.lex_list_op() {
            (op, None, self.parse_list_value_or_transformer()?)
        } else {
            return Err(self.failure(format!(
                "expected a valid check operator: one of {OPERATORS_LIST}"
            )));
        };
        self.check_compiled_values(&rhs, pos);
        let span = Span::new(pos, self.idx);
        self.leave(Expr {
            kind: ExprKind::Compare {
                lhs,
                op,
                modifier,
                rhs,
            },
            span,
        })
    }

    /// Records the errors libsinsp raises for this comparison only when compiling it, positioned
    /// at the comparison, where libsinsp's compiler stands when raising them.
    fn check_compiled_values(&mut self, rhs: &Rhs, pos: usize) {
        if std::mem::take(&mut self.val_with_arg) {
            self.record_deferred(
                "filter error: transformer 'val' does not support field arguments",
                pos,
            );
        }
        let has_nul = match rhs {
            Rhs::Value(v) => v.text.contains('\0'),
            Rhs::List(vs) => vs.iter().any(|v| v.text.contains('\0')),
            _ => false,
        };
        if has_nul {
            self.record_deferred(
                "filter error: filter value cannot contain a NUL byte (\\x00)",
                pos,
            );
        }
    }

    fn lex_num_op(&mut self) -> Option<CmpOp> {
        NUM_OPS
            .into_iter()
            .find(|(s, _)| self.lex_str(s))
            .map(|(_, op)| op)
    }

    /// A string operator and whether it is a word operator (whose blank is already consumed).
    fn lex_str_op(&mut self) -> Option<(CmpOp, bool)> {
        for (s, op, word) in STR_OPS {
            let found = if word {
                self.lex_word_op(s)
            } else {
                self.lex_str(s)
            };
            if found {
                return Some((op, word));
            }
        }
        None
    }

    fn lex_list_op(&mut self) -> Option<CmpOp> {
        LIST_OPS
            .into_iter()
            .find(|(s, _)| self.lex_str(s))
            .map(|(_, op)| op)
    }

    /// `oneof`/`anyof`/`allof` counts as a modifier only after a blank, when followed by a blank
    /// and a list or identifier that is not `and`/`or`/`not`.
    fn lex_modifier(&mut self, had_blank: bool) -> Option<Modifier> {
        if !had_blank {
            return None;
        }
        let (_, m) = MODIFIERS.into_iter().find(|(s, _)| self.lex_word_op(s))?;
        let rest = self.rest();
        let list_follows = rest.starts_with('(') || lexer::identifier(rest).is_some();
        let keyword_follows = ["and", "or", "not"].iter().any(|kw| {
            rest.starts_with(kw)
                && !rest
                    .as_bytes()
                    .get(kw.len())
                    .is_some_and(|b| b.is_ascii_alphanumeric())
        });
        (list_follows && !keyword_follows).then_some(m)
    }

    fn parse_num_value_or_transformer(&mut self) -> PResult<Rhs> {
        self.enter()?;
        self.lex_blank();
        let pos = self.idx;
        let rhs = if let Some(rhs) = self.try_parse_transformer_or_val()? {
            rhs
        } else if self.lex_number().is_some() {
            Rhs::Value(self.last_value(pos))
        } else {
            return Err(self.failure(format!(
                "expected a number value or a field with a valid transformer: {TRANSFORMERS_LIST}"
            )));
        };
        self.leave(rhs)
    }

    fn parse_str_value_or_transformer(&mut self, no_transformer: bool) -> PResult<Rhs> {
        self.enter()?;
        self.lex_blank();
        let pos = self.idx;
        if !no_transformer {
            if let Some(rhs) = self.try_parse_transformer_or_val()? {
                return self.leave(rhs);
            }
        }
        let rhs = if let Some(text) = self.lex_quoted_str()? {
            Rhs::Value(Value {
                text,
                span: Span::new(pos, self.idx),
            })
        } else if self.lex_with(lexer::bare_str).is_some() {
            Rhs::Value(self.last_value(pos))
        } else if no_transformer {
            return self.fail("expected a string value");
        } else {
            return Err(self.failure(format!(
                "expected a string value or a field with a valid transformer: {TRANSFORMERS_LIST}"
            )));
        };
        self.leave(rhs)
    }

    /// A string value inside a list literal.
    fn parse_list_item(&mut self) -> PResult<Value> {
        match self.parse_str_value_or_transformer(true)? {
            Rhs::Value(v) => Ok(v),
            _ => self.fail("parser fatal error: null value expr in body of list"),
        }
    }

    /// `( [value (, value)*] )`; `None` if there is no `(` here (not a guarded level).
    fn try_parse_list_expr(&mut self) -> PResult<Option<Rhs>> {
        if !self.lex_str("(") {
            return Ok(None);
        }
        let mut values = Vec::new();
        self.lex_blank();
        // libsinsp swallows any error raised by the first element and then expects `)`: this is
        // how `()` is accepted, and why a first element with a bad escape reads as an empty list
        let depth = self.depth;
        match self.parse_list_item() {
            Ok(first) => {
                values.push(first);
                self.lex_blank();
                while self.lex_str(",") {
                    values.push(self.parse_list_item()?);
                    self.lex_blank();
                }
            }
            Err(_) => self.depth = depth,
        }
        if !self.lex_str(")") {
            return self.fail("expected a ')' token");
        }
        Ok(Some(Rhs::List(values)))
    }

    fn parse_list_value(&mut self) -> PResult<Rhs> {
        self.enter()?;
        self.lex_blank();
        let pos = self.idx;
        let rhs = if let Some(list) = self.try_parse_list_expr()? {
            list
        } else if let Some(name) = self.lex_identifier() {
            Rhs::Identifier(name.to_string(), Span::new(pos, self.idx))
        } else {
            return self.fail("expected a list or an identifier");
        };
        self.leave(rhs)
    }

    fn parse_list_value_or_transformer(&mut self) -> PResult<Rhs> {
        self.enter()?;
        self.lex_blank();
        let pos = self.idx;
        let rhs = if let Some(list) = self.try_parse_list_expr()? {
            list
        } else if let Some(rhs) = self.try_parse_transformer_or_val()? {
            rhs
        } else if let Some(name) = self.lex_identifier() {
            Rhs::Identifier(name.to_string(), Span::new(pos, self.idx))
        } else {
            return Err(self.failure(format!(
                "expected a list, an identifier, or a field with a valid transformer: {TRANSFORMERS_LIST}"
            )));
        };
        self.leave(rhs)
    }

    /// `val(field)[arg]` or a transformer on the right of an operator.
    fn try_parse_transformer_or_val(&mut self) -> PResult<Option<Rhs>> {
        self.enter()?;
        self.lex_blank();
        let pos = self.idx;
        let rhs = if self.lex_str("val(") {
            self.last.end -= 1;
            self.lex_blank();
            let field_pos = self.idx;
            let Some(name) = self.lex_field_name() else {
                return self.fail("expected a field within 'val' transformer");
            };
            let field = self.parse_field_remainder(name, field_pos)?;
            self.lex_blank();
            if !self.lex_str(")") {
                return self.fail("expected a ')' token closing the transformer");
            }
            // the tree has no place for such an argument; libsinsp's compiler rejects it
            self.val_with_arg = self.parse_optional_field_arg()?.is_some();
            Some(Rhs::Operand {
                operand: Operand::Field(field),
                via_val: true,
            })
        } else if let Some(kind) = self.lex_transformer_type() {
            self.lex_blank();
            let t = self.parse_transformer_remainder(kind, pos)?;
            Some(Rhs::Operand {
                operand: Operand::Transform(t),
                via_val: false,
            })
        } else {
            None
        };
        self.leave(rhs)
    }
}
