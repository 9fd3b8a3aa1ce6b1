//! `glob` / `iglob`: POSIX `fnmatch(pattern, value, 0)` (and `FNM_CASEFOLD`), compiled to a DFA.
//!
//! Without flags `fnmatch` is a plain wildcard match: `*` matches any run of bytes *including*
//! `/` and leading dots, `?` any single byte, `[...]` a bracket expression (`!` or `^` negates,
//! `]` first is literal, `a-z` ranges, `[:alpha:]` classes, `\` escapes inside too), and `\x`
//! outside brackets is a literal `x`. An unterminated `[` is an ordinary character. A trailing
//! lone `\` or an unknown `[:class:]` makes the pattern match nothing (glibc returns
//! `FNM_NOMATCH`). Matching is on bytes, as in the C locale; `FNM_CASEFOLD` folds ASCII only.
//!
//! The pattern is parsed into tokens, each bracket expression resolved into a 256-bit byte set,
//! and the tokens are written as a byte-level regex handed to [`FullMatchDfa`].

use super::dfa::FullMatchDfa;

/// One element of a parsed glob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlobToken {
    /// Exactly this byte (after case folding when the glob is case-insensitive).
    Byte(u8),
    /// `?`: any one byte.
    AnyByte,
    /// `*`: any run of bytes.
    Star,
    /// A bracket expression: the set of bytes it accepts.
    Set(Box<[bool; 256]>),
}

/// A parsed glob; `None` tokens means the pattern can never match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedGlob {
    /// The tokens, or `None` for a pattern that matches nothing.
    pub tokens: Option<Vec<GlobToken>>,
    /// `FNM_CASEFOLD`.
    pub casefold: bool,
}

fn fold(b: u8, casefold: bool) -> u8 {
    if casefold {
        b.to_ascii_lowercase()
    } else {
        b
    }
}

/// The POSIX character classes of the C locale.
fn class_test(name: &[u8]) -> Option<fn(u8) -> bool> {
    Some(match name {
        b"alnum" => |b: u8| b.is_ascii_alphanumeric(),
        b"alpha" => |b: u8| b.is_ascii_alphabetic(),
        b"blank" => |b: u8| b == b' ' || b == b'\t',
        b"cntrl" => |b: u8| b.is_ascii_control(),
        b"digit" => |b: u8| b.is_ascii_digit(),
        b"graph" => |b: u8| b.is_ascii_graphic(),
        b"lower" => |b: u8| b.is_ascii_lowercase(),
        b"print" => |b: u8| b.is_ascii_graphic() || b == b' ',
        b"punct" => |b: u8| b.is_ascii_punctuation(),
        b"space" => |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c),
        b"upper" => |b: u8| b.is_ascii_uppercase(),
        b"xdigit" => |b: u8| b.is_ascii_hexdigit(),
        _ => return None,
    })
}

/// What a bracket expression says about one byte.
pub enum Bracket {
    /// Whether the byte is in the set, and the index just past the closing `]`.
    Hit(bool, usize),
    /// No closing `]`: the `[` is an ordinary character.
    Unterminated,
    /// The pattern can never match (unknown class name, trailing backslash).
    Never,
}

/// Tests byte `b` against the bracket expression whose `[` is at `p[start - 1]`, without
/// allocating (also used to tabulate the expression into a byte set).
pub fn bracket_match(p: &[u8], start: usize, b: u8, casefold: bool) -> Bracket {
    let mut i = start;
    let negate = matches!(p.get(i), Some(b'!' | b'^'));
    if negate {
        i += 1;
    }
    let folded = fold(b, casefold);
    let mut hit = false;
    let mut first = true;
    loop {
        let Some(&c) = p.get(i) else {
            return Bracket::Unterminated;
        };
        if c == b']' && !first {
            i += 1;
            break;
        }
        first = false;
        // A `[:name:]` class (tested on the unfolded byte, as glibc does).
        if c == b'[' && p.get(i + 1) == Some(&b':') {
            let rest = &p[i + 2..];
            if let Some(end) = rest.windows(2).position(|w| w == b":]") {
                match class_test(&rest[..end]) {
                    Some(t) => hit |= t(b),
                    None => return Bracket::Never,
                }
                i += 2 + end + 2;
                continue;
            }
        }
        // One character, possibly escaped, possibly the start of a range.
        let lo = if c == b'\\' {
            match p.get(i + 1) {
                Some(&e) => {
                    i += 2;
                    e
                }
                None => return Bracket::Never,
            }
        } else {
            i += 1;
            c
        };
        let is_range = p.get(i) == Some(&b'-') && p.get(i + 1).is_some_and(|&n| n != b']');
        if is_range {
            let mut j = i + 1;
            let hi = match p.get(j) {
                Some(b'\\') => match p.get(j + 1) {
                    Some(&e) => {
                        j += 2;
                        e
                    }
                    None => return Bracket::Never,
                },
                Some(&h) => {
                    j += 1;
                    h
                }
                None => return Bracket::Unterminated,
            };
            hit |= fold(lo, casefold) <= folded && folded <= fold(hi, casefold);
            i = j;
        } else {
            hit |= fold(lo, casefold) == folded;
        }
    }
    Bracket::Hit(hit != negate, i)
}

/// Tabulates a bracket expression into a byte set: `Ok((set, next))`, or the non-set outcome.
fn parse_bracket(
    p: &[u8],
    start: usize,
    casefold: bool,
) -> Result<(Box<[bool; 256]>, usize), Bracket> {
    let mut set = Box::new([false; 256]);
    let mut next = start;
    for (b, slot) in set.iter_mut().enumerate() {
        match bracket_match(p, start, b as u8, casefold) {
            Bracket::Hit(hit, n) => {
                *slot = hit;
                next = n;
            }
            other => return Err(other),
        }
    }
    Ok((set, next))
}

/// Direct `fnmatch` without building anything: the classic two-pointer match with one star
/// backtrack point (exact for patterns without `FNM_PATHNAME`), O(pattern × value) worst case.
/// Used when the pattern is only known per event (a right-hand field).
pub fn fnmatch(p: &[u8], s: &[u8], casefold: bool) -> bool {
    let (mut pi, mut si) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    loop {
        // Try to advance one pattern element against s[si].
        let step = match p.get(pi) {
            None => None,
            Some(b'*') => {
                let mut q = pi;
                while p.get(q) == Some(&b'*') {
                    q += 1;
                }
                star = Some((q, si));
                pi = q;
                continue;
            }
            Some(&c) => match s.get(si) {
                None => None,
                Some(&b) => match c {
                    b'?' => Some(pi + 1),
                    b'\\' => match p.get(pi + 1) {
                        None => return false,
                        Some(&e) => (fold(e, casefold) == fold(b, casefold)).then_some(pi + 2),
                    },
                    b'[' => match bracket_match(p, pi + 1, b, casefold) {
                        Bracket::Hit(true, n) => Some(n),
                        Bracket::Hit(false, _) => None,
                        Bracket::Unterminated => (b == b'[').then_some(pi + 1),
                        Bracket::Never => return false,
                    },
                    _ => (fold(c, casefold) == fold(b, casefold)).then_some(pi + 1),
                },
            },
        };
        match step {
            Some(next) => {
                pi = next;
                si += 1;
            }
            None if pi == p.len() && si == s.len() => return true,
            None => match star {
                Some((sp, ss)) if ss < s.len() => {
                    star = Some((sp, ss + 1));
                    pi = sp;
                    si = ss + 1;
                }
                _ => return false,
            },
        }
    }
}

/// Parses an `fnmatch` pattern.
pub fn parse_glob(pattern: &[u8], casefold: bool) -> ParsedGlob {
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&c) = pattern.get(i) {
        match c {
            b'*' => {
                if tokens.last() != Some(&GlobToken::Star) {
                    tokens.push(GlobToken::Star);
                }
                i += 1;
            }
            b'?' => {
                tokens.push(GlobToken::AnyByte);
                i += 1;
            }
            b'\\' => match pattern.get(i + 1) {
                Some(&e) => {
                    tokens.push(GlobToken::Byte(fold(e, casefold)));
                    i += 2;
                }
                None => {
                    return ParsedGlob {
                        tokens: None,
                        casefold,
                    }
                }
            },
            b'[' => match parse_bracket(pattern, i + 1, casefold) {
                Ok((set, next)) => {
                    tokens.push(GlobToken::Set(set));
                    i = next;
                }
                Err(Bracket::Never) => {
                    return ParsedGlob {
                        tokens: None,
                        casefold,
                    }
                }
                Err(_) => {
                    tokens.push(GlobToken::Byte(b'['));
                    i += 1;
                }
            },
            _ => {
                tokens.push(GlobToken::Byte(fold(c, casefold)));
                i += 1;
            }
        }
    }
    ParsedGlob {
        tokens: Some(tokens),
        casefold,
    }
}

fn push_byte_set(out: &mut String, accept: impl Fn(u8) -> bool) {
    use std::fmt::Write as _;
    out.push('[');
    let mut b = 0usize;
    let mut any = false;
    while b < 256 {
        if accept(b as u8) {
            let lo = b;
            while b + 1 < 256 && accept((b + 1) as u8) {
                b += 1;
            }
            let _ = write!(out, "\\x{lo:02X}-\\x{b:02X}");
            any = true;
        }
        b += 1;
    }
    if !any {
        // An empty set: a class that contains nothing.
        out.push_str("^\\x00-\\xFF");
    }
    out.push(']');
}

impl ParsedGlob {
    /// The glob as a byte-level regex (for regex-automata with Unicode and UTF-8 mode off), or
    /// `None` when it matches nothing.
    pub fn to_regex(&self) -> Option<String> {
        let tokens = self.tokens.as_ref()?;
        let mut out = String::with_capacity(tokens.len() * 4);
        for t in tokens {
            match t {
                GlobToken::Byte(b) => {
                    let b = *b;
                    if self.casefold && b.is_ascii_alphabetic() {
                        push_byte_set(&mut out, |x| x.to_ascii_lowercase() == b);
                    } else {
                        use std::fmt::Write as _;
                        let _ = write!(out, "\\x{b:02X}");
                    }
                }
                GlobToken::AnyByte => out.push_str("[\\x00-\\xFF]"),
                GlobToken::Star => out.push_str("[\\x00-\\xFF]*"),
                GlobToken::Set(set) => push_byte_set(&mut out, |x| set[x as usize]),
            }
        }
        Some(out)
    }
}

/// A compiled glob (or several, any of which may match: `glob anyof (...)`).
#[derive(Debug, Clone)]
pub enum GlobMatcher {
    /// Matches nothing.
    Never,
    /// The glob(s) as one anchored DFA.
    Dfa(Box<FullMatchDfa>),
}

impl GlobMatcher {
    /// Compiles one glob.
    pub fn new(pattern: &[u8], casefold: bool) -> Result<GlobMatcher, String> {
        GlobMatcher::any_of(&[pattern], casefold)
    }

    /// Compiles the union of several globs: true when any of them matches.
    pub fn any_of(patterns: &[&[u8]], casefold: bool) -> Result<GlobMatcher, String> {
        let alternatives: Vec<String> = patterns
            .iter()
            .filter_map(|p| parse_glob(p, casefold).to_regex())
            .collect();
        if alternatives.is_empty() {
            return Ok(GlobMatcher::Never);
        }
        let joined = alternatives
            .iter()
            .map(|a| format!("(?:{a})"))
            .collect::<Vec<_>>()
            .join("|");
        FullMatchDfa::bytes(&joined)
            .map(|d| GlobMatcher::Dfa(Box::new(d)))
            .map_err(|e| format!("glob pattern too complex: {e}"))
    }

    /// True if the whole of `value` matches.
    pub fn is_match(&self, value: &[u8]) -> bool {
        match self {
            GlobMatcher::Never => false,
            GlobMatcher::Dfa(d) => d.is_match(value),
        }
    }

    /// Heap bytes held.
    pub fn memory_usage(&self) -> usize {
        match self {
            GlobMatcher::Never => 0,
            GlobMatcher::Dfa(d) => d.memory_usage(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_and_escapes() {
        let m = |p: &str, s: &str| {
            GlobMatcher::new(p.as_bytes(), false)
                .unwrap()
                .is_match(s.as_bytes())
        };
        assert!(m("/usr/*", "/usr/bin/ls"));
        assert!(m("[]a]", "]"));
        assert!(m("[!]a]", "b"));
        assert!(!m("[!]a]", "]"));
        assert!(m("[a-]", "-"));
        assert!(m("[", "["));
        assert!(m("a[b", "a[b"));
        assert!(m("\\*", "*"));
        assert!(!m("\\*", "x"));
        assert!(!m("abc\\", "abc\\"));
        assert!(m("[[:digit:]]x", "7x"));
        assert!(!m("[[:nosuch:]]", "a"));
        assert!(m("[\\]]", "]"));
        assert!(!m("[z-a]", "m"));
    }

    #[test]
    fn casefold() {
        let m = |p: &str, s: &str| {
            GlobMatcher::new(p.as_bytes(), true)
                .unwrap()
                .is_match(s.as_bytes())
        };
        assert!(m("*.EXE", "a.exe"));
        assert!(m("[A-C]x", "bX"));
        assert!(!m("[[:upper:]]", "a"));
    }
}
