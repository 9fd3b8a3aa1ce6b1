//! String escaping for condition values (libsinsp `escaping.cpp` semantics).
//!
//! Unescaping works on the raw bytes between the quotes because `\xHH` may produce bytes that are
//! only meaningful together; the result must still be UTF-8 since values are Rust strings.

/// Message used when `\xHH` escapes produce bytes that are not UTF-8. libsinsp accepts such
/// values (its strings are byte strings); our AST holds `String`s, so we reject them.
const INVALID_UTF8: &str = "hex char escape sequences produce invalid UTF-8";

/// Unescapes the text between the quotes of a quoted string.
///
/// `s` is the text without its surrounding quotes and `quote` the delimiter it was quoted with
/// (`"` or `'`). Supported escapes: `\b \f \n \r \t \\ \/`, `\"` only inside `"`-quoted strings,
/// `\'` only inside `'`-quoted strings, `\xHH` (exactly two hex digits) and the legacy `\ `, which
/// yields a single backslash (the space is dropped). Any other escape is an error with libsinsp's
/// message. A lone trailing backslash is ignored, as in libsinsp.
pub fn unescape_str(s: &str, quote: char) -> Result<String, String> {
    let bytes = unescape_bytes(s.as_bytes(), quote)?;
    String::from_utf8(bytes).map_err(|_| INVALID_UTF8.to_string())
}

/// Byte-level unescaping shared by [`unescape_str`] and the lexer.
pub(crate) fn unescape_bytes(body: &[u8], quote: char) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let Some(&e) = body.get(i + 1) else {
            // an escape at the very end has nothing to apply to: libsinsp drops it
            break;
        };
        match e {
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            // `\ ` is a compatibility hack for old, wrongly escaped rules: it means a backslash
            b' ' | b'\\' => out.push(b'\\'),
            b'/' => out.push(b'/'),
            b'"' => {
                if quote != '"' {
                    return Err("invalid \\\" escape in '-quoted string".to_string());
                }
                out.push(b'"');
            }
            b'\'' => {
                if quote != '\'' {
                    return Err("invalid \\' escape in \"-quoted string".to_string());
                }
                out.push(b'\'');
            }
            b'x' => {
                // two hex digits must follow before the end of the body
                let digits = body
                    .get(i + 2..i + 4)
                    .ok_or_else(|| "truncated hex char escape sequence".to_string())?;
                match (hex_value(digits[0]), hex_value(digits[1])) {
                    (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
                    _ => {
                        return Err(format!(
                            "invalid hex char escape sequence: {}",
                            String::from_utf8_lossy(digits)
                        ))
                    }
                }
                i += 4;
                continue;
            }
            _ => {
                // name the whole character, not just its first byte
                let rest = std::str::from_utf8(&body[i + 1..]).ok();
                let shown = rest
                    .and_then(|r| r.chars().next())
                    .map(String::from)
                    .unwrap_or_else(|| String::from_utf8_lossy(&[e]).into_owned());
                return Err(format!("unsupported string escape sequence: \\{shown}"));
            }
        }
        i += 2;
    }
    Ok(out)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Escapes a value for printing in a condition, quoting it with `"` only when needed.
///
/// Quoting is triggered by a space, `=`, a quote, a backslash, NUL or one of the control
/// characters `\b \f \n \r \t` (which are written as escapes). Other characters, including
/// `(`, `)` and `,`, are written as they are, exactly like libsinsp's `escape_str`.
pub fn escape_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let mut quote = false;
    for c in s.chars() {
        match c {
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            ' ' | '=' | '\'' | '\0' => out.push(c),
            _ => {
                out.push(c);
                continue;
            }
        }
        quote = true;
    }
    if quote {
        out.insert(0, '"');
        out.push('"');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_vectors() {
        // (input, escaped) pairs from libsinsp filter_escaping.ut.cpp
        let cases = [
            ("some string", "\"some string\""),
            (
                "some\\b\\f\\n\\r\\tstring",
                "\"some\\\\b\\\\f\\\\n\\\\r\\\\tstring\"",
            ),
            ("some \"quoted string\"", "\"some \\\"quoted string\\\"\""),
            ("some 'quoted string'", "\"some 'quoted string'\""),
            ("\0", "\"\0\""),
            ("a\u{ff}b", "a\u{ff}b"),
            ("plain", "plain"),
            ("a,b(c)", "a,b(c)"),
            ("", ""),
        ];
        for (input, escaped) in cases {
            assert_eq!(escape_str(input), escaped, "escaping {input:?}");
        }
    }

    #[test]
    fn escape_then_unescape_is_identity_for_double_quoted() {
        for input in [
            "some string",
            "some\\b\\f\\n\\r\\tstring",
            "some \"quoted string\"",
            "\0",
            "a \u{ff}",
            "tab\there\n",
        ] {
            let escaped = escape_str(input);
            let body = &escaped[1..escaped.len() - 1];
            assert_eq!(
                unescape_str(body, '"').as_deref(),
                Ok(input),
                "round trip of {input:?}"
            );
        }
    }

    #[test]
    fn unescape_vectors() {
        let ok = [
            ("\\x41", "A"),
            ("\\x7f", "\u{7f}"),
            ("\\x01", "\u{1}"),
            ("\\x00", "\0"),
            ("a\\x00b", "a\0b"),
            ("\\x413", "A3"),
            ("\\xc3\\xa9", "é"),
            ("\\b\\f\\n\\r\\t\\\\\\/", "\u{8}\u{c}\n\r\t\\/"),
            ("bad escape \\ ", "bad escape \\"),
            ("x\\\"y", "x\"y"),
        ];
        for (body, expected) in ok {
            assert_eq!(
                unescape_str(body, '"').as_deref(),
                Ok(expected),
                "unescaping {body:?}"
            );
        }
        assert_eq!(unescape_str("it\\'s", '\'').as_deref(), Ok("it's"));
        let err = [
            ("\\x", "truncated hex char escape sequence"),
            ("\\xf", "truncated hex char escape sequence"),
            ("a\\xf", "truncated hex char escape sequence"),
            ("\\xgg", "invalid hex char escape sequence: gg"),
            ("\\xfg", "invalid hex char escape sequence: fg"),
            ("\\x g", "invalid hex char escape sequence:  g"),
            ("\\x-1", "invalid hex char escape sequence: -1"),
            ("\\x+a", "invalid hex char escape sequence: +a"),
            ("\\q", "unsupported string escape sequence: \\q"),
            ("\\é", "unsupported string escape sequence: \\é"),
            ("\\'", "invalid \\' escape in \"-quoted string"),
            ("\\xff", INVALID_UTF8),
        ];
        for (body, expected) in err {
            assert_eq!(
                unescape_str(body, '"'),
                Err(expected.to_string()),
                "unescaping {body:?}"
            );
        }
        assert_eq!(
            unescape_str("\\\"", '\''),
            Err("invalid \\\" escape in '-quoted string".to_string())
        );
    }
}
