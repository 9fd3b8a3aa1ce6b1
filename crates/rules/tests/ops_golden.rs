//! Golden tests of operator semantics against libsinsp's behaviour, data-driven from
//! `tests/data/ops/*.txt`.
//!
//! Each line is `TYPE OP [MODIFIER] RHS | VALUES | EXPECTED`:
//! * `TYPE` is a field type name (`CHARBUF`, `UINT16`, `IPNET`, ...), with a `[]` suffix for a
//!   list field (`EPF_IS_LIST`);
//! * `RHS` is one literal or a parenthesised list `(a, b)`;
//! * `VALUES` are the extracted values, comma-separated, `-` for none (missing);
//! * `EXPECTED` is `true`, `false`, or `error: <message>` for a right side `Cmp::new` rejects.
//!
//! Literals and values are bare (trimmed) or double-quoted with `\\`, `\"`, `\xHH` escapes.
//! In `field.txt` the right side is a second value list: `TYPE OP [MODIFIER] | LHS | RHS | EXPECTED`.

use std::net::IpAddr;

use falcod_rules::ast::{CmpOp, Modifier};
use falcod_rules::eval::ops::Cmp;
use falcod_rules::event::Values;
use falcod_rules::fields::FieldType;

fn field_type(name: &str) -> FieldType {
    use FieldType::*;
    match name {
        "CHARBUF" => CharBuf,
        "FSPATH" => FsPath,
        "BYTEBUF" => ByteBuf,
        "INT8" => Int8,
        "INT16" => Int16,
        "INT32" => Int32,
        "INT64" => Int64,
        "UINT8" => Uint8,
        "UINT16" => Uint16,
        "UINT32" => Uint32,
        "UINT64" => Uint64,
        "PID" => Pid,
        "FD" => Fd,
        "ERRNO" => Errno,
        "RELTIME" => RelTime,
        "ABSTIME" => AbsTime,
        "DOUBLE" => Double,
        "BOOL" => Bool,
        "PORT" => Port,
        "MODE" => Mode,
        "IPADDR" => IpAddr,
        "IPV4ADDR" => Ipv4Addr,
        "IPV6ADDR" => Ipv6Addr,
        "IPNET" => IpNet,
        "SOCKFAMILY" => SockFamily,
        other => panic!("unknown type {other}"),
    }
}

/// Splits a comma-separated list of bare or quoted tokens.
fn tokens(s: &str) -> Vec<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let mut tok = Vec::new();
        if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    match b[i + 1] {
                        b'x' => {
                            let h = std::str::from_utf8(&b[i + 2..i + 4]).unwrap();
                            tok.push(u8::from_str_radix(h, 16).unwrap());
                            i += 4;
                        }
                        b'n' => {
                            tok.push(b'\n');
                            i += 2;
                        }
                        c => {
                            tok.push(c);
                            i += 2;
                        }
                    }
                } else {
                    tok.push(b[i]);
                    i += 1;
                }
            }
            i += 1;
            while i < b.len() && b[i] != b',' {
                i += 1;
            }
        } else {
            let start = i;
            while i < b.len() && b[i] != b',' {
                i += 1;
            }
            tok.extend_from_slice(s[start..i].trim().as_bytes());
        }
        out.push(tok);
        i += 1;
    }
    out
}

fn text(b: &[u8], line: &str) -> String {
    String::from_utf8(b.to_vec()).unwrap_or_else(|_| panic!("literal is not UTF-8: {line}"))
}

/// Pushes the test values as the source would for a field of type `ty`.
fn push_values(values: &mut Values, ty: FieldType, spec: &str) -> std::ops::Range<usize> {
    let start = values.len();
    if spec.trim() == "-" {
        return start..start;
    }
    for tok in tokens(spec) {
        let t = String::from_utf8_lossy(&tok).into_owned();
        use FieldType::*;
        match ty {
            CharBuf | FsPath => values.push_str(&tok),
            ByteBuf => values.push_bytes(&tok),
            Int8 | Int16 | Int32 | Int64 | Pid | Fd | Errno => {
                values.push_i64(t.parse().expect("int"))
            }
            Double => values.push_f64(t.parse().expect("double")),
            Bool => values.push_bool(t == "true"),
            IpAddr | Ipv4Addr | Ipv6Addr | IpNet => {
                values.push_ip(t.parse::<std::net::IpAddr>().expect("ip"))
            }
            _ => values.push_u64(t.parse().expect("uint")),
        }
    }
    start..values.len()
}

struct Head {
    ty: FieldType,
    list: bool,
    op: CmpOp,
    modifier: Option<Modifier>,
    rhs: String,
}

fn head(h: &str) -> Head {
    let mut parts = h.trim().splitn(2, ' ');
    let ty_text = parts.next().unwrap();
    let rest = parts.next().unwrap_or("").trim_start();
    let (ty_text, list) = match ty_text.strip_suffix("[]") {
        Some(t) => (t, true),
        None => (ty_text, false),
    };
    let (op_text, rest) = rest.split_once(' ').unwrap_or((rest, ""));
    let op = CmpOp::from_name(op_text).unwrap_or_else(|| panic!("op {op_text}"));
    let rest = rest.trim_start();
    let (modifier, rhs) = match rest.split_once(' ') {
        Some((m, r)) if Modifier::from_name(m).is_some() => (Modifier::from_name(m), r),
        _ => match Modifier::from_name(rest) {
            Some(m) => (Some(m), ""),
            None => (None, rest),
        },
    };
    Head {
        ty: field_type(ty_text),
        list,
        op,
        modifier,
        rhs: rhs.trim().to_string(),
    }
}

fn data_files() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ops");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

fn lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    src.lines()
        .enumerate()
        .map(|(n, l)| (n + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

#[test]
fn literal_right_sides() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (name, src) in data_files() {
        if name == "field.txt" {
            continue;
        }
        for (n, line) in lines(&src) {
            let mut cols = line.rsplitn(3, " | ");
            let expected = cols.next().unwrap().trim();
            let values_spec = cols.next().expect("values column");
            let h = head(cols.next().expect("head column"));
            let (rhs, is_list): (Vec<Vec<u8>>, bool) = match h.rhs.strip_prefix('(') {
                Some(inner) => (tokens(inner.strip_suffix(')').expect("closing )")), true),
                None if h.rhs.starts_with('"') => {
                    (tokens(&h.rhs).into_iter().take(1).collect(), false)
                }
                None => (vec![h.rhs.as_bytes().to_vec()], false),
            };
            let rhs_text: Vec<String> = rhs.iter().map(|r| text(r, line)).collect();
            let rhs_refs: Vec<&str> = rhs_text.iter().map(String::as_str).collect();
            let got = match Cmp::new(h.ty, h.list, h.op, h.modifier, &rhs_refs, is_list) {
                Err(e) => format!("error: {e}"),
                Ok(cmp) => {
                    let mut values = Values::new();
                    // Unrelated values before, so ranges do not start at 0.
                    values.push_str(b"noise");
                    let range = push_values(&mut values, h.ty, values_spec);
                    values.push_str(b"noise");
                    cmp.matches(&values, range).to_string()
                }
            };
            if got != expected {
                failures.push(format!("{name}:{n}: {line}\n    got {got}"));
            }
            checked += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 200, "only {checked} vectors");
}

#[test]
fn field_right_sides() {
    let src = data_files()
        .into_iter()
        .find(|(n, _)| n == "field.txt")
        .expect("field.txt")
        .1;
    let mut failures = Vec::new();
    let mut checked = 0;
    for (n, line) in lines(&src) {
        let cols: Vec<&str> = line.split(" | ").collect();
        let [h, lhs, rhs, expected] = cols.as_slice() else {
            panic!("field.txt:{n}: four columns expected");
        };
        let h = head(h);
        let got = match Cmp::field(h.ty, h.list, h.op, h.modifier) {
            Err(e) => format!("error: {e}"),
            Ok(cmp) => {
                let mut values = Values::new();
                let l = push_values(&mut values, h.ty, lhs);
                let r = push_values(&mut values, h.ty, rhs);
                cmp.matches_field(&values, l, r).to_string()
            }
        };
        if got != expected.trim() {
            failures.push(format!("field.txt:{n}: {line}\n    got {got}"));
        }
        checked += 1;
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 10);
}

#[test]
fn cmp_is_send_sync_and_reports_memory() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Cmp>();
    let small = Cmp::new(FieldType::CharBuf, false, CmpOp::Eq, None, &["a"], false).unwrap();
    let names: Vec<String> = (0..1000).map(|i| format!("name{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let big = Cmp::new(FieldType::CharBuf, false, CmpOp::In, None, &refs, true).unwrap();
    assert!(big.memory_usage() > small.memory_usage() + 1000 * 5);
    let ip: IpAddr = "10.1.2.3".parse().unwrap();
    let mut v = Values::new();
    v.push_ip(ip);
    let nets = Cmp::new(
        FieldType::IpNet,
        false,
        CmpOp::In,
        None,
        &["10.0.0.0/8"],
        true,
    )
    .unwrap();
    assert!(nets.matches(&v, 0..1));
}
