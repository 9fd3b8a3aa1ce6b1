//! Data-driven parser tests: every `*.txt` file under `tests/data/parse/` (format described at
//! the top of each file).

use std::fmt::Write as _;
use std::path::PathBuf;

use falcod_rules::ast::{Expr, ExprKind, Operand, Rhs, Span, TransformArg};
use falcod_rules::parse::{parse_condition, parse_field_or_transformer, ParsePos};

fn decode(s: &str) -> String {
    s.replace("{NL}", "\n")
        .replace("{TAB}", "\t")
        .replace("{CR}", "\r")
        .replace("{BS}", "\u{8}")
        .replace("{NUL}", "\0")
}

/// The variations libsinsp's `test_accept` also tries.
fn whitespace_variants(input: &str) -> Vec<String> {
    let padded = format!(" {input} ");
    let lines = padded.replace(' ', "\n");
    let tabs = lines.replace('\n', "\t");
    vec![input.to_string(), padded, lines, tabs]
}

fn pos_text(input: &str, span: Span) -> String {
    let p = ParsePos::at(input, span.start as usize);
    format!("{} {} {}", p.idx, p.line, p.col)
}

/// libsinsp's `pos_visitor` output, adapted to our tree (see positions.txt).
fn spans(input: &str, e: &Expr, out: &mut String) {
    let here = pos_text(input, e.span);
    match &e.kind {
        ExprKind::And(c) | ExprKind::Or(c) => {
            let kind = if matches!(e.kind, ExprKind::And(_)) {
                "and"
            } else {
                "or"
            };
            let _ = write!(out, "{kind}{here}");
            c.iter().for_each(|c| spans(input, c, out));
        }
        ExprKind::Not(c) => {
            let _ = write!(out, "not{here}");
            spans(input, c, out);
        }
        ExprKind::Identifier(_) => {
            let _ = write!(out, "identifier{here}");
        }
        ExprKind::Exists(lhs) => {
            let _ = write!(out, "unary{here}");
            operand_spans(input, lhs, out);
        }
        ExprKind::Compare { lhs, rhs, .. } => {
            let _ = write!(out, "binary{here}");
            operand_spans(input, lhs, out);
            match rhs {
                Rhs::Value(v) => {
                    let _ = write!(out, "value{}", pos_text(input, v.span));
                }
                Rhs::Identifier(_, span) => {
                    let _ = write!(out, "value{}", pos_text(input, *span));
                }
                Rhs::List(_) => out.push_str("list"),
                Rhs::Operand { operand, via_val } => {
                    if *via_val {
                        out.push_str("val");
                    }
                    operand_spans(input, operand, out);
                }
            }
        }
    }
}

fn operand_spans(input: &str, o: &Operand, out: &mut String) {
    match o {
        Operand::Field(f) => {
            let _ = write!(out, "field{}", pos_text(input, f.span));
        }
        Operand::Transform(t) => {
            let _ = write!(out, "transformer{}", pos_text(input, t.span));
            for a in &t.args {
                match a {
                    TransformArg::Operand(o) => operand_spans(input, o, out),
                    TransformArg::Value(v) => {
                        let _ = write!(out, "value{}", pos_text(input, v.span));
                    }
                    TransformArg::List(_) => out.push_str("transformer_list"),
                }
            }
        }
    }
}

fn data_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/parse"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("test data directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

/// Runs one vector; `Err` describes a mismatch.
fn run_case(fields: &[&str]) -> Result<(), String> {
    let kind = fields[0];
    let input = decode(fields.get(1).copied().unwrap_or(""));
    let arg = |i: usize| fields.get(i).map(|s| decode(s));
    match kind {
        "accept" | "accept1" => {
            let inputs = if kind == "accept" {
                whitespace_variants(&input)
            } else {
                vec![input]
            };
            for i in inputs {
                parse_condition(&i).map_err(|e| format!("rejected {i:?}: {e} at {}", e.pos))?;
            }
        }
        "reject" => match (parse_condition(&input), arg(2)) {
            (Ok(e), _) => return Err(format!("accepted {input:?} as {e}")),
            (Err(e), Some(msg)) if e.message != msg => {
                return Err(format!(
                    "{input:?}: message {:?}, expected {msg:?}",
                    e.message
                ))
            }
            _ => {}
        },
        "error" => {
            let msg = arg(2).ok_or("missing message")?;
            let pos = arg(3).ok_or("missing position")?;
            match parse_condition(&input) {
                Ok(e) => return Err(format!("accepted {input:?} as {e}")),
                Err(e) => {
                    let got = format!("{}:{}:{}", e.pos.idx, e.pos.line, e.pos.col);
                    if e.message != msg || got != pos {
                        return Err(format!(
                            "{input:?}: got {:?} at {got}, expected {msg:?} at {pos}",
                            e.message
                        ));
                    }
                }
            }
        }
        "canon" => {
            let expected = arg(2).unwrap_or_else(|| input.clone());
            let e = parse_condition(&input).map_err(|e| format!("rejected {input:?}: {e}"))?;
            let printed = e.to_string();
            if printed != expected {
                return Err(format!(
                    "{input:?} printed {printed:?}, expected {expected:?}"
                ));
            }
        }
        "bidir" => {
            let e1 = parse_condition(&input).map_err(|e| format!("rejected {input:?}: {e}"))?;
            let printed = e1.to_string();
            let e2 =
                parse_condition(&printed).map_err(|e| format!("reparse of {printed:?}: {e}"))?;
            if e1 != e2 {
                return Err(format!("{input:?}: reparsed tree differs\n{e1:?}\n{e2:?}"));
            }
        }
        "spans" => {
            let expected = arg(2).ok_or("missing expectation")?;
            let e = parse_condition(&input).map_err(|e| format!("rejected {input:?}: {e}"))?;
            let mut got = String::new();
            spans(&input, &e, &mut got);
            if got != expected {
                return Err(format!("{input:?}:\n   got {got}\n  want {expected}"));
            }
        }
        "field" => {
            let used: usize = arg(2)
                .and_then(|n| n.parse().ok())
                .ok_or("missing byte count")?;
            let expected = arg(3).ok_or("missing canonical form")?;
            let (operand, got) = parse_field_or_transformer(&input)
                .map_err(|e| format!("rejected {input:?}: {e}"))?;
            if got != used || operand.to_string() != expected {
                return Err(format!(
                    "{input:?}: got {operand} ({got} bytes), expected {expected} ({used})"
                ));
            }
        }
        "field_error" => {
            let msg = arg(2).ok_or("missing message")?;
            let pos = arg(3).ok_or("missing position")?;
            match parse_field_or_transformer(&input) {
                Ok((o, n)) => return Err(format!("accepted {input:?} as {o} ({n} bytes)")),
                Err(e) => {
                    let got = format!("{}:{}:{}", e.pos.idx, e.pos.line, e.pos.col);
                    if e.message != msg || got != pos {
                        return Err(format!(
                            "{input:?}: got {:?} at {got}, expected {msg:?} at {pos}",
                            e.message
                        ));
                    }
                }
            }
        }
        other => return Err(format!("unknown vector kind {other:?}")),
    }
    Ok(())
}

#[test]
fn corpus() {
    let mut failures = Vec::new();
    let mut count = 0;
    for file in data_files() {
        let text = std::fs::read_to_string(&file).expect("readable test data");
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            count += 1;
            let fields: Vec<&str> = line.split('\t').collect();
            if let Err(msg) = run_case(&fields) {
                failures.push(format!("{name}:{}: {msg}", n + 1));
            }
        }
    }
    assert!(count > 600, "only {count} vectors found");
    assert!(
        failures.is_empty(),
        "{} of {count} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
