//! The condition parser.
//!
//! Falco's condition language as libsinsp's filter parser implements it (libs
//! `userspace/libsinsp/filter/parser.cpp`): the same grammar, the same token rules, the same error
//! messages raised at the same cursor positions, and the same recursion-depth limit. The result is
//! the tree of [`crate::ast`]; [`Display`](std::fmt::Display) on [`Expr`] prints it back in
//! libsinsp's canonical form (`ast::as_string`).
//!
//! ```
//! use falcod_rules::parse::parse_condition;
//! let expr = parse_condition("evt.type=open and proc.name in (ash,bash)").unwrap();
//! assert_eq!(expr.to_string(), "(evt.type = open and proc.name in (ash, bash))");
//! ```
//!
//! Two errors that libsinsp only raises while compiling a parsed tree are raised here, after the
//! whole input has parsed: a NUL byte in a compared value, and an argument after `val(...)` (which
//! the tree cannot represent). Both are positioned at the comparison, as Falco positions them.
//! Lists, macros and field types are the compiler's business.

mod escape;
mod lexer;
mod parser;
mod print;
mod roundtrip;

use std::fmt;

pub use escape::{escape_str, unescape_str};
pub use roundtrip::canonical_form_reads_back;

use crate::ast::{Expr, Operand};

/// The recursion limit libsinsp uses unless told otherwise.
pub const DEFAULT_MAX_DEPTH: u32 = 100;

/// The recursion limit Falco sets for rule and macro conditions.
pub const FALCO_MAX_DEPTH: u32 = 1000;

/// The deepest recursion this parser allows whatever the options say, so that no input can
/// exhaust the stack: Falco's own limit. At this depth the most stack-hungry nesting (`join`
/// lists inside `join`) needs about 2.5 MB of stack in unoptimised builds, far less when optimised;
/// boolean nesting (parentheses, `not(`) needs under 1 MB even unoptimised.
pub const HARD_MAX_DEPTH: u32 = FALCO_MAX_DEPTH;

/// Parser settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// Maximum recursion depth, counted as libsinsp counts it (about five levels per
    /// parenthesis). Capped at [`HARD_MAX_DEPTH`].
    pub max_depth: u32,
}

impl Default for ParseOptions {
    fn default() -> ParseOptions {
        ParseOptions {
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

/// A position in the parsed text, as libsinsp's `pos_info` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ParsePos {
    /// Byte offset from the start of the text.
    pub idx: u32,
    /// Line, from 1; every `\r` and every `\n` starts a new line.
    pub line: u32,
    /// Column in bytes, from 1.
    pub col: u32,
}

impl ParsePos {
    /// The position of byte offset `idx` in `text` (clamped to its length).
    pub fn at(text: &str, idx: usize) -> ParsePos {
        let idx = idx.min(text.len());
        let mut line = 1u32;
        let mut col = 1u32;
        for &b in &text.as_bytes()[..idx] {
            if b == b'\r' || b == b'\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        ParsePos {
            idx: idx as u32,
            line,
            col,
        }
    }
}

impl fmt::Display for ParsePos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "index {}, line {}, column {}",
            self.idx, self.line, self.col
        )
    }
}

/// A condition that does not parse: libsinsp's message and the position where it stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// The message, word for word as libsinsp raises it.
    pub message: String,
    /// Where the parser was when it gave up.
    pub pos: ParsePos,
}

impl ParseError {
    fn from_failure(input: &str, failure: parser::Failure) -> ParseError {
        ParseError {
            message: failure.message,
            pos: ParsePos::at(input, failure.idx),
        }
    }
}

/// Parses a condition with the default depth limit (100).
pub fn parse_condition(input: &str) -> Result<Expr, ParseError> {
    parse_condition_with(input, &ParseOptions::default())
}

/// Parses a condition with explicit options (Falco uses a depth limit of 1000 for rules).
pub fn parse_condition_with(input: &str, opts: &ParseOptions) -> Result<Expr, ParseError> {
    parser::Parser::new(input, effective_depth(opts))
        .parse()
        .map_err(|f| ParseError::from_failure(input, f))
}

/// Parses one field (with its optional `[arg]`) or one transformer expression at the start of
/// `input`, as output format strings use it, and returns it with the number of bytes it took.
/// Whatever follows is not looked at.
pub fn parse_field_or_transformer(input: &str) -> Result<(Operand, usize), ParseError> {
    parser::Parser::new(input, DEFAULT_MAX_DEPTH)
        .parse_field_or_transformer()
        .map_err(|f| ParseError::from_failure(input, f))
}

fn effective_depth(opts: &ParseOptions) -> u32 {
    opts.max_depth.min(HARD_MAX_DEPTH)
}
