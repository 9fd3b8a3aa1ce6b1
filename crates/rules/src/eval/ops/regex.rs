//! `regex`: RE2 in POSIX mode, full match, compiled to a DFA.
//!
//! libsinsp compiles each pattern with `RE2::POSIX` (POSIX egrep syntax: no Perl classes
//! `\d \s \w`, no `\b`, no `(?flags)` or `(?:...)`, no `\pN`, no `\A \z`; `^`/`$` also match at
//! line breaks) and matches with `ANCHOR_BOTH` on the value after replacing invalid UTF-8 by
//! U+FFFD. We check the POSIX restrictions ourselves, rewrite the few constructs whose meaning
//! differs between RE2 and `regex-syntax` (`\<` `\>` are plain characters in RE2 but word
//! boundaries in `regex-syntax`; `[` `&` `~` inside a class are plain in RE2 but nested-class
//! and set operators in `regex-syntax`; a `{` that does not start a counted repetition is a
//! literal in RE2 and an error in `regex-syntax`) and compile the result with [`FullMatchDfa`].
//!
//! Known differences: error texts are RE2's only for the restrictions checked here (`invalid
//! escape sequence: \d`, `missing argument to repetition operator: ?`); other syntax errors carry
//! `regex-syntax`'s wording. RE2 limits counted repetitions to 1000, `regex-syntax` does not.
//! Patterns whose DFA would exceed the size limit are rejected (RE2 would fall back to NFA
//! matching).

use super::dfa::FullMatchDfa;

/// Escapes that RE2 rejects in POSIX mode (Perl classes, word boundaries, Perl anchors, Unicode
/// groups, `\Q...\E`, `\C`).
const REJECTED_ESCAPES: &[u8] = b"dDsSwWbBAzpPQEC";

/// Checks RE2 POSIX-mode syntax and rewrites the pattern for `regex-syntax`.
pub fn translate_posix(pattern: &str) -> Result<String, String> {
    let p = pattern.as_bytes();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut i = 0;
    let mut in_class = false;
    // Position of the first element of the current class (a `]` there is literal).
    let mut class_first = 0;
    let mut prev_was_open_group = false;
    let mut chars = pattern.char_indices().peekable();
    while let Some((pos, ch)) = chars.next() {
        if pos < i {
            continue;
        }
        i = pos + ch.len_utf8();
        let open_group = !in_class && ch == '(';
        if ch == '\\' {
            let Some(&(_, next)) = chars.peek() else {
                return Err("trailing \\".into());
            };
            if next.is_ascii() && REJECTED_ESCAPES.contains(&(next as u8)) {
                return Err(format!("invalid escape sequence: \\{next}"));
            }
            chars.next();
            i += next.len_utf8();
            match next {
                '<' | '>' => out.push(next),
                _ => {
                    out.push('\\');
                    out.push(next);
                }
            }
        } else if in_class {
            match ch {
                ']' if pos != class_first => {
                    in_class = false;
                    out.push(']');
                }
                '[' if p.get(pos + 1) == Some(&b':') => {
                    // A POSIX class `[:name:]`: copy it whole.
                    let rest = &pattern[pos..];
                    match rest.find(":]") {
                        Some(end) if end >= 2 => {
                            out.push_str(&rest[..end + 2]);
                            i = pos + end + 2;
                        }
                        _ => out.push_str("\\["),
                    }
                }
                '[' | '&' | '~' => {
                    out.push('\\');
                    out.push(ch);
                }
                _ => out.push(ch),
            }
        } else {
            match ch {
                '[' => {
                    in_class = true;
                    out.push('[');
                    let mut j = pos + 1;
                    if p.get(j) == Some(&b'^') {
                        out.push('^');
                        j += 1;
                    }
                    class_first = j;
                    i = j;
                }
                '?' | '*' | '+' if prev_was_open_group || out.is_empty() || out.ends_with('|') => {
                    return Err(format!("missing argument to repetition operator: {ch}"));
                }
                '{' => match counted_repetition(&p[pos..]) {
                    Some(len) => {
                        out.push_str(&pattern[pos..pos + len]);
                        i = pos + len;
                    }
                    None => out.push_str("\\{"),
                },
                '}' => out.push_str("\\}"),
                _ => out.push(ch),
            }
        }
        prev_was_open_group = open_group;
    }
    if in_class {
        return Err("missing closing ]".into());
    }
    Ok(out)
}

/// The length of the `{n}`, `{n,}` or `{n,m}` that `s` starts with, if it starts with one.
fn counted_repetition(s: &[u8]) -> Option<usize> {
    let end = s.iter().position(|&b| b == b'}')?;
    let body = &s[1..end];
    let (min, max) = match body.iter().position(|&b| b == b',') {
        Some(c) => (&body[..c], Some(&body[c + 1..])),
        None => (body, None),
    };
    let digits = |d: &[u8]| !d.is_empty() && d.iter().all(u8::is_ascii_digit);
    (digits(min) && max.is_none_or(|m| m.is_empty() || digits(m))).then_some(end + 1)
}

/// Compiles a pattern as libsinsp does (message prefix `invalid regex pattern: `).
pub fn compile(pattern: &str) -> Result<FullMatchDfa, String> {
    let translated = translate_posix(pattern).map_err(|e| format!("invalid regex pattern: {e}"))?;
    FullMatchDfa::utf8(&translated).map_err(|e| format!("invalid regex pattern: {e}"))
}

/// Compiles the union of several patterns (any may match).
pub fn compile_any(patterns: &[&str]) -> Result<FullMatchDfa, String> {
    let mut joined = String::new();
    for (n, p) in patterns.iter().enumerate() {
        let t = translate_posix(p).map_err(|e| format!("invalid regex pattern: {e}"))?;
        if n > 0 {
            joined.push('|');
        }
        joined.push_str("(?:");
        joined.push_str(&t);
        joined.push(')');
    }
    FullMatchDfa::utf8(&joined).map_err(|e| format!("invalid regex pattern: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_restrictions() {
        for (p, msg) in [
            ("\\d+", "invalid escape sequence: \\d"),
            ("a\\bc", "invalid escape sequence: \\b"),
            ("(?i)abc", "missing argument to repetition operator: ?"),
            ("*a", "missing argument to repetition operator: *"),
            ("[[:alpha:]\\w]", "invalid escape sequence: \\w"),
        ] {
            assert_eq!(translate_posix(p), Err(msg.to_string()), "{p}");
        }
        assert_eq!(translate_posix("a\\<b\\>").as_deref(), Ok("a<b>"));
        assert_eq!(translate_posix("[a[b]").as_deref(), Ok("[a\\[b]"));
        assert_eq!(translate_posix("[]a]").as_deref(), Ok("[]a]"));
        assert_eq!(translate_posix("a{x}").as_deref(), Ok("a\\{x\\}"));
        assert_eq!(translate_posix("a{2,3}b}").as_deref(), Ok("a{2,3}b\\}"));
    }
}
