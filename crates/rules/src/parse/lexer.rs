//! Token recognisers, written with nom.
//!
//! Each recogniser mirrors one of libsinsp's token regexes (RE2, POSIX syntax, longest match,
//! anchored at the cursor) and answers "how many bytes does the token at the start of this text
//! take", or `None`. The regexes are simple enough that nom's greedy matching yields the same
//! longest match. `[[:space:]]` is ASCII only (space, `\t`, `\n`, `\v`, `\f`, `\r`), so Unicode
//! spaces are ordinary characters in bare strings, as in libsinsp.

use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char, digit0, digit1, hex_digit1, one_of, satisfy};
use nom::combinator::opt;
use nom::multi::many1_count;
use nom::{IResult, Parser};

/// How many bytes of `input` the parser consumed. Measured from what is left rather than with
/// `recognize`, which mis-measures when a sub-parser ends exactly at the end of the input.
fn consumed<'a, O>(
    input: &'a str,
    mut parser: impl Parser<&'a str, Output = O, Error = nom::error::Error<&'a str>>,
) -> Option<usize> {
    let res: IResult<&'a str, O> = parser.parse(input);
    res.ok().map(|(rest, _)| input.len() - rest.len())
}

/// POSIX `[[:space:]]`.
pub(crate) fn is_posix_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r')
}

/// The characters libsinsp's `lex_blank` skips (note: `\b` but not `\v` or `\f`).
pub(crate) fn is_blank_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | 0x08 | b'\r' | b'\n')
}

/// `[a-zA-Z]+[a-zA-Z0-9_]*`
fn identifier_tok(i: &str) -> IResult<&str, (char, &str)> {
    (
        satisfy(|c| c.is_ascii_alphabetic()),
        take_while(|c: char| c.is_ascii_alphanumeric() || c == '_'),
    )
        .parse(i)
}

/// Length of an identifier at the start of `i`.
pub(crate) fn identifier(i: &str) -> Option<usize> {
    consumed(i, identifier_tok)
}

/// `[a-zA-Z]+[a-zA-Z0-9_]*(\.[a-zA-Z]+[a-zA-Z0-9_]*)+`: at least one dot, and every component
/// starts with a letter (a trailing `.` or `.1` is left unconsumed).
pub(crate) fn field_name(i: &str) -> Option<usize> {
    consumed(
        i,
        (identifier_tok, many1_count((char('.'), identifier_tok))),
    )
}

/// `[^][\"'[:space:]]+`: a field argument without quotes.
pub(crate) fn field_arg_bare_str(i: &str) -> Option<usize> {
    consumed(
        i,
        take_while1(|c: char| !matches!(c, '[' | ']' | '"' | '\'') && !is_posix_space(c)),
    )
}

/// `0[xX][0-9a-fA-F]+`
pub(crate) fn hex_number(i: &str) -> Option<usize> {
    consumed(i, (char('0'), one_of("xX"), hex_digit1))
}

/// `[+\-]?[0-9]+[\.]?[0-9]*([eE][+\-][0-9]+)?` (the exponent needs an explicit sign).
pub(crate) fn number(i: &str) -> Option<usize> {
    consumed(
        i,
        (
            opt(one_of("+-")),
            digit1,
            opt(char('.')),
            digit0,
            opt((one_of("eE"), one_of("+-"), digit1)),
        ),
    )
}

/// `[^()\"'[:space:]=,]+`: an unquoted string value.
pub(crate) fn bare_str(i: &str) -> Option<usize> {
    consumed(
        i,
        take_while1(|c: char| {
            !matches!(c, '(' | ')' | '"' | '\'' | '=' | ',') && !is_posix_space(c)
        }),
    )
}

/// `not[[:space:]]+`
pub(crate) fn not_blank(i: &str) -> Option<usize> {
    consumed(i, (tag("not"), take_while1(is_posix_space)))
}

/// Scans a quoted string at the start of `i`: the closing delimiter is the first delimiter byte
/// not preceded by a backslash; a NUL byte ends the scan (libsinsp walks a C string).
///
/// Returns the length including both quotes; `Err(scanned)` with the number of bytes looked at
/// when the string is unterminated (libsinsp keeps that partial text as its last token).
pub(crate) fn quoted_str(i: &str) -> Option<Result<usize, usize>> {
    let bytes = i.as_bytes();
    let delim = *bytes.first()?;
    if delim != b'"' && delim != b'\'' {
        return None;
    }
    let mut prev = b'\\';
    for (n, &b) in bytes.iter().enumerate() {
        if b == 0 {
            return Some(Err(n));
        }
        if n > 0 && b == delim && prev != b'\\' {
            return Some(Ok(n + 1));
        }
        prev = b;
    }
    Some(Err(bytes.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_lengths() {
        assert_eq!(identifier("abc_1 x"), Some(5));
        assert_eq!(identifier("1abc"), None);
        assert_eq!(field_name("proc.name=x"), Some(9));
        assert_eq!(field_name("a.b.c."), Some(5));
        assert_eq!(field_name("a.1"), None);
        assert_eq!(field_name("abc"), None);
        assert_eq!(number("-0.1222e+10x"), Some(11));
        assert_eq!(number("1e5"), Some(1));
        assert_eq!(number("1.e+3"), Some(5));
        assert_eq!(number("1.2"), Some(3));
        assert_eq!(number("-0.5e+10"), Some(8));
        assert_eq!(identifier("ab"), Some(2));
        assert_eq!(field_name("a.b"), Some(3));
        assert_eq!(hex_number("0XaB00AB "), Some(8));
        assert_eq!(hex_number("0x"), None);
        assert_eq!(bare_str("0a!@#456:/\\.;!$%^&*[]{}| x"), Some(24));
        assert_eq!(bare_str("a,b"), Some(1));
        assert_eq!(bare_str("é\u{a0}x y"), Some(5));
        assert_eq!(field_arg_bare_str("a(b)]"), Some(4));
        assert_eq!(not_blank("not \n x"), Some(6));
        assert_eq!(not_blank("not\u{8}x"), None);
        assert_eq!(quoted_str("'a\\'b' x"), Some(Ok(6)));
        assert_eq!(quoted_str("\"a\\\\\" x\""), Some(Ok(8)));
        assert_eq!(quoted_str("\"ab"), Some(Err(3)));
        assert_eq!(quoted_str("\"a\0b\""), Some(Err(2)));
        assert_eq!(quoted_str("ab"), None);
    }
}
