//! The reference interpreter's transformers: libsinsp's transformer semantics read directly and
//! implemented as plainly as possible (owned vectors, one pass per transformer), sharing no code
//! with [`eval::transform`](crate::eval::transform), which the differential tests check against
//! this.
//!
//! What libsinsp does (`sinsp_filter_transformers/*`, `sinsp_filtercheck_multivalue_transformer`):
//!
//! * a transformer of a missing value is missing;
//! * `tolower`, `toupper`, `basename`, `b64` map every value after cutting trailing NUL bytes;
//!   a value `b64` cannot decode makes the whole result missing;
//! * `len` counts the values of a list, else measures the first value (a string up to its first
//!   NUL, a byte buffer whole);
//! * `join(sep, list)` and `concat(a, b, ...)` glue C strings (each value up to its first NUL);
//!   a missing argument makes them missing, an empty list literal `()` is an empty list;
//! * `getopt(args, optstring)` scans argv like getopt(3) with short options only.

use crate::ast::Transformer;
use crate::fields::FieldType;

use super::{Extracted, Owned};

fn missing(ty: FieldType, list: bool) -> Extracted {
    Extracted {
        values: Vec::new(),
        ty,
        list,
        literal_list: false,
    }
}

fn present(values: Vec<Owned>, ty: FieldType, list: bool) -> Extracted {
    Extracted {
        values,
        ty,
        list,
        literal_list: false,
    }
}

/// The bytes up to the first NUL.
fn c_string(b: &[u8]) -> &[u8] {
    let mut end = 0;
    while end < b.len() && b[end] != 0 {
        end += 1;
    }
    &b[..end]
}

/// The items of a parenthesised argument list, each value as a string.
pub(super) fn list_literal(items: Vec<Extracted>) -> Extracted {
    let mut values = Vec::new();
    for item in items {
        for v in item.values {
            let text = match v {
                Owned::Str(s) => s,
                Owned::Uint(x) => x.to_string().into_bytes(),
                Owned::Int(x) => x.to_string().into_bytes(),
                Owned::Double(x) => x.to_string().into_bytes(),
                Owned::Bool(x) => x.to_string().into_bytes(),
                Owned::Ip(a) => a.to_string().into_bytes(),
                Owned::Net(a, p) => format!("{a}/{p}").into_bytes(),
            };
            values.push(Owned::Str(text));
        }
    }
    Extracted {
        values,
        ty: FieldType::CharBuf,
        list: true,
        literal_list: true,
    }
}

/// Applies one transformer to its evaluated arguments (`arg` is `getopt`'s `[x]`).
pub(super) fn apply(kind: Transformer, inputs: &[Extracted], arg: Option<&str>) -> Extracted {
    match kind {
        Transformer::ToLower | Transformer::ToUpper | Transformer::Basename | Transformer::B64 => {
            let Some(x) = inputs.first() else {
                return missing(FieldType::CharBuf, false);
            };
            let mut out = Vec::new();
            for v in &x.values {
                let Owned::Str(s) = v else { continue };
                let mut end = s.len();
                while end > 0 && s[end - 1] == 0 {
                    end -= 1;
                }
                let s = &s[..end];
                let mapped = match kind {
                    Transformer::ToLower => s.to_ascii_lowercase(),
                    Transformer::ToUpper => s.to_ascii_uppercase(),
                    Transformer::Basename => match s.iter().rposition(|c| *c == b'/') {
                        Some(slash) => s[slash + 1..].to_vec(),
                        None => s.to_vec(),
                    },
                    _ => match base64_decode(s) {
                        Some(d) => d,
                        None => return missing(x.ty, x.list),
                    },
                };
                out.push(Owned::Str(mapped));
            }
            present(out, x.ty, x.list)
        }
        Transformer::Len => {
            let Some(x) = inputs.first() else {
                return missing(FieldType::Uint64, false);
            };
            if x.values.is_empty() {
                return missing(FieldType::Uint64, false);
            }
            let n = if x.list {
                x.values.len()
            } else {
                match &x.values[0] {
                    Owned::Str(s) if x.ty == FieldType::ByteBuf => s.len(),
                    Owned::Str(s) => c_string(s).len(),
                    _ => return missing(FieldType::Uint64, false),
                }
            };
            present(vec![Owned::Uint(n as u64)], FieldType::Uint64, false)
        }
        Transformer::Join => {
            let (Some(sep), Some(list)) = (inputs.first(), inputs.get(1)) else {
                return missing(FieldType::CharBuf, false);
            };
            let Some(Owned::Str(sep)) = sep.values.first() else {
                return missing(FieldType::CharBuf, false);
            };
            if list.values.is_empty() && !list.literal_list {
                return missing(FieldType::CharBuf, false);
            }
            let mut out = Vec::new();
            for (i, v) in list.values.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(sep);
                }
                if let Owned::Str(s) = v {
                    out.extend_from_slice(c_string(s));
                }
            }
            present(vec![Owned::Str(out)], FieldType::CharBuf, false)
        }
        Transformer::Concat => {
            let mut out = Vec::new();
            for x in inputs {
                match x.values.first() {
                    None => return missing(FieldType::CharBuf, false),
                    Some(Owned::Str(s)) => out.extend_from_slice(c_string(s)),
                    Some(_) => {}
                }
            }
            present(vec![Owned::Str(out)], FieldType::CharBuf, false)
        }
        Transformer::Getopt => {
            let selector = match arg.map(str::as_bytes) {
                None => None,
                Some(&[c]) => Some(c),
                Some(_) => return missing(FieldType::CharBuf, false),
            };
            let list = selector.is_none();
            let (Some(args), Some(optstring)) = (inputs.first(), inputs.get(1)) else {
                return missing(FieldType::CharBuf, list);
            };
            let Some(Owned::Str(optstring)) = optstring.values.first() else {
                return missing(FieldType::CharBuf, list);
            };
            if args.values.is_empty() {
                return missing(FieldType::CharBuf, list);
            }
            let argv: Vec<&[u8]> = args
                .values
                .iter()
                .map(|v| match v {
                    Owned::Str(s) => s.as_slice(),
                    _ => &[][..],
                })
                .collect();
            let found = getopt(&argv, optstring);
            match selector {
                None => present(
                    found.into_iter().flat_map(|(_, texts)| texts).collect(),
                    FieldType::CharBuf,
                    true,
                ),
                Some(c) => {
                    let last = found.into_iter().rfind(|(o, _)| *o == Some(c));
                    match last {
                        // The selected text: the option's value, else its name ("" when its
                        // value is missing).
                        Some((_, texts)) => present(
                            texts.into_iter().last().into_iter().collect(),
                            FieldType::CharBuf,
                            false,
                        ),
                        None => missing(FieldType::CharBuf, false),
                    }
                }
            }
        }
    }
}

/// getopt(3) over `argv` with short options only: each option found, in order, with the texts
/// list mode shows for it (`None` for an unknown option, shown as `?`). An option whose value is
/// missing shows only an empty text.
fn getopt(argv: &[&[u8]], optstring: &[u8]) -> Vec<(Option<u8>, Vec<Owned>)> {
    let spec = if optstring.first() == Some(&b':') {
        &optstring[1..]
    } else {
        optstring
    };
    // An option character and whether a ':' follows it.
    let mut known: Vec<(u8, bool)> = Vec::new();
    let mut i = 0;
    while i < spec.len() {
        if spec[i] != b':' {
            let takes = spec.get(i + 1) == Some(&b':');
            known.push((spec[i], takes));
            if takes {
                i += 1;
            }
        }
        i += 1;
    }
    let lookup = |c: u8| known.iter().rev().find(|(k, _)| *k == c).map(|(_, t)| *t);
    let text = |b: &[u8]| Owned::Str(b.to_vec());
    let mut out = Vec::new();
    let mut idx = 0;
    while idx < argv.len() {
        let word = argv[idx];
        if word == b"--" {
            break;
        }
        if word.len() > 2 && word.starts_with(b"--") {
            idx += 1;
            continue;
        }
        if word.len() < 2 || word[0] != b'-' {
            break;
        }
        let mut k = 1;
        while k < word.len() {
            let c = word[k];
            let takes = if c == b':' { None } else { lookup(c) };
            match takes {
                None => {
                    out.push((None, vec![text(b"?")]));
                    k += 1;
                }
                Some(false) => {
                    out.push((Some(c), vec![text(&word[k..k + 1])]));
                    k += 1;
                }
                Some(true) => {
                    let value = if k + 1 < word.len() {
                        Some(&word[k + 1..])
                    } else if idx + 1 < argv.len() {
                        idx += 1;
                        Some(argv[idx])
                    } else {
                        None
                    };
                    match value {
                        Some(v) => out.push((Some(c), vec![text(&word[k..k + 1]), text(v)])),
                        None => out.push((Some(c), vec![text(b"")])),
                    }
                    break;
                }
            }
        }
        idx += 1;
    }
    out
}

/// Standard base64 (libsinsp `Base64::decodeWithoutPadding`): `=` padding optional (at most
/// two), every character from the alphabet, unused trailing bits zero.
fn base64_decode(s: &[u8]) -> Option<Vec<u8>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    let mut body = s;
    for _ in 0..2 {
        if let Some(rest) = body.strip_suffix(b"=") {
            body = rest;
        }
    }
    let digit = |c: u8| -> Option<u32> {
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        alphabet.iter().position(|a| *a == c).map(|p| p as u32)
    };
    let mut out = Vec::new();
    for chunk in body.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= digit(*c)? << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        match chunk.len() {
            4 => out.extend_from_slice(&bytes),
            // Two characters carry one byte (4 bits to spare), three carry two (2 to spare).
            3 if n & 0xff == 0 => out.extend_from_slice(&bytes[..2]),
            2 if n & 0xffff == 0 => out.push(bytes[0]),
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_like_libsinsp() {
        let cases: &[(&str, Option<&str>)] = &[
            ("", Some("")),
            ("aGVsbG8=", Some("hello")),
            ("aGVsbG8", Some("hello")),
            ("aGk=", Some("hi")),
            ("aGk", Some("hi")),
            ("aGl", None),
            ("a", None),
            ("a===", None),
            ("aGVs!G8=", None),
        ];
        for (input, want) in cases {
            let got = base64_decode(input.as_bytes());
            assert_eq!(got.as_deref(), want.map(str::as_bytes), "{input}");
        }
    }

    #[test]
    fn getopt_texts() {
        let argv: Vec<&[u8]> = vec![b"-ab", b"-cv1", b"-x", b"-c", b"v2", b"file", b"-a"];
        let found = getopt(&argv, b"abc:");
        let texts: Vec<Vec<u8>> = found
            .iter()
            .flat_map(|(_, t)| t.iter())
            .map(|t| match t {
                Owned::Str(s) => s.clone(),
                _ => Vec::new(),
            })
            .collect();
        let want: Vec<&[u8]> = vec![b"a", b"b", b"c", b"v1", b"?", b"c", b"v2"];
        assert_eq!(texts, want);
    }
}
