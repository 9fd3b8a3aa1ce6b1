//! The format-string tokenizer shared by load-time validation ([`crate::compile::output`]) and
//! [`OutputFormat`](super::OutputFormat) compilation, following libsinsp's event formatter:
//!
//! * a leading `*` means "print even when values are missing" (`<NA>` in their place);
//! * `%` starts a token, optionally followed by width digits (`%10proc.name`);
//! * the token is the longest prefix of the rest that parses as a field or transformer *and*
//!   compiles against the source (fields resolve, transformer types fit), found by shrinking the
//!   candidate one byte at a time; the text after it is literal again.
//!
//! Failures carry the formatter's messages: `empty formatting token`,
//! `invalid formatting syntax: formatting cannot end with a %`,
//! `invalid formatting syntax: formatting cannot end with a number`,
//! `unknown filter: <message of the one-byte attempt>`.

use std::ops::Range;

use crate::ast::{Operand, TransformArg};
use crate::compile::check::operand_type;
use crate::fields::SourceSchema;
use crate::parse::parse_field_or_transformer;

/// One piece of a tokenized format.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
    /// Literal text: a byte range of the format after the optional leading `*`.
    Literal(Range<usize>),
    /// A `%` token.
    Token {
        /// The width digits (0: none). Absurd widths are capped at [`MAX_WIDTH`].
        width: usize,
        /// The parsed field or transformer.
        operand: Operand,
    },
}

/// A tokenized format.
#[derive(Debug, Clone)]
pub(crate) struct Tokenized {
    /// False when the format starts with `*`.
    pub require_all: bool,
    /// The format without its leading `*` (what piece ranges index).
    pub text: String,
    /// Literals and tokens in order.
    pub pieces: Vec<Piece>,
}

/// Widths beyond this are capped: libsinsp would try to allocate whatever was written.
pub(crate) const MAX_WIDTH: usize = 1 << 16;

/// Tokenizes and validates a format against a source's fields.
pub(crate) fn tokenize(format: &str, schema: &SourceSchema) -> Result<Tokenized, String> {
    if format.is_empty() {
        return Err("empty formatting token".into());
    }
    let (require_all, fmt) = match format.strip_prefix('*') {
        Some(rest) => (false, rest),
        None => (true, format),
    };
    let bytes = fmt.as_bytes();
    let mut pieces = Vec::new();
    let mut literal_start = 0;
    let mut j = 0;
    while j < bytes.len() {
        if bytes[j] != b'%' {
            j += 1;
            continue;
        }
        if literal_start != j {
            pieces.push(Piece::Literal(literal_start..j));
        }
        if j == bytes.len() - 1 {
            return Err("invalid formatting syntax: formatting cannot end with a %".into());
        }
        let mut width: usize = 0;
        while let Some(d) = bytes.get(j + 1).filter(|b| b.is_ascii_digit()) {
            if j + 1 == bytes.len() - 1 {
                return Err(
                    "invalid formatting syntax: formatting cannot end with a number".into(),
                );
            }
            width = (width * 10 + usize::from(d - b'0')).min(MAX_WIDTH);
            j += 1;
        }
        let rest = &fmt[j + 1..];
        let (operand, used) = longest_token(rest, schema)?;
        pieces.push(Piece::Token { width, operand });
        j += used + 1;
        literal_start = j;
    }
    if literal_start < bytes.len() {
        pieces.push(Piece::Literal(literal_start..bytes.len()));
    }
    Ok(Tokenized {
        require_all,
        text: fmt.to_string(),
        pieces,
    })
}

/// The longest prefix of `rest` that parses and compiles, with the bytes it used.
fn longest_token(rest: &str, schema: &SourceSchema) -> Result<(Operand, usize), String> {
    let mut size = rest.len();
    loop {
        let attempt = match rest.get(..size) {
            Some(candidate) => parse_field_or_transformer(candidate)
                .map_err(|e| e.message)
                .and_then(|(op, used)| Ok((operand_type(&op, schema)?, op, used))),
            // Not a character boundary: the parser would stop on the partial character.
            None => Err("unexpected token after '".to_string()),
        };
        match attempt {
            Ok((_, op, used)) => return Ok((op, used)),
            Err(e) => {
                size -= 1;
                if size == 0 {
                    return Err(format!("unknown filter: {e}"));
                }
            }
        }
    }
}

/// The field keys of a token in the order libsinsp's formatter registers them, each with
/// whether it is a transformer: fields as met, and a transformer replacing the transformer
/// registered just before it (so nested transformers leave only the outermost).
pub(crate) fn register(operand: &Operand, out: &mut Vec<(Operand, bool)>) {
    let mut last_was_transformer = false;
    register_operand(operand, out, &mut last_was_transformer, 0);
}

/// Depth guard: the parser bounds nesting well below this.
const MAX_REGISTER_DEPTH: u32 = 1000;

fn register_operand(
    operand: &Operand,
    out: &mut Vec<(Operand, bool)>,
    last_was_transformer: &mut bool,
    depth: u32,
) {
    if depth > MAX_REGISTER_DEPTH {
        return;
    }
    match operand {
        Operand::Field(_) => {
            out.push((operand.clone(), false));
            *last_was_transformer = false;
        }
        Operand::Transform(t) => {
            for a in &t.args {
                register_arg(a, out, last_was_transformer, depth + 1);
            }
            if *last_was_transformer {
                out.pop();
            }
            out.push((operand.clone(), true));
            *last_was_transformer = true;
        }
    }
}

fn register_arg(
    arg: &TransformArg,
    out: &mut Vec<(Operand, bool)>,
    last_was_transformer: &mut bool,
    depth: u32,
) {
    match arg {
        TransformArg::Operand(o) => register_operand(o, out, last_was_transformer, depth),
        TransformArg::Value(_) => {}
        TransformArg::List(items) => {
            for i in items {
                register_arg(i, out, last_was_transformer, depth + 1);
            }
        }
    }
}
