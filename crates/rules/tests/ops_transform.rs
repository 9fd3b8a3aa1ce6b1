//! Transformer golden tests (libsinsp `filter_transformer.ut.cpp` vectors, adapted: each
//! expression's full result is compared instead of an `intersects`/`=` check).

use falcod_rules::ast::{ExprKind, FieldRef, Operand};
use falcod_rules::eval::transform::TransformChain;
use falcod_rules::event::{Value, Values};
use falcod_rules::fields::FieldType;
use falcod_rules::parse::parse_condition;

/// The test event: fd.name=/tmp/file_to_run, fd.directory=/tmp, evt.num=1, proc.args (list),
/// evt.buffer (bytes), proc.cmdline="aGVsbG8=", empty.list (a list field with no values).
fn field(f: &FieldRef) -> Result<(FieldType, bool), String> {
    Ok(match f.name.as_str() {
        "fd.name" | "fd.directory" | "proc.b64" | "proc.bad64" | "proc.upper" => {
            (FieldType::CharBuf, false)
        }
        "evt.num" => (FieldType::Uint64, false),
        "evt.buffer" => (FieldType::ByteBuf, false),
        "proc.args" | "empty.list" => (FieldType::CharBuf, true),
        "missing.str" => (FieldType::CharBuf, false),
        other => {
            return Err(format!(
                "filter_check called with nonexistent field {other}"
            ))
        }
    })
}

fn extract(f: &FieldRef, values: &mut Values) {
    match f.name.as_str() {
        "fd.name" => values.push_str(b"/tmp/file_to_run"),
        "fd.directory" => values.push_str(b"/tmp"),
        "proc.b64" => values.push_str(b"d29ybGQgIQ=="),
        "proc.bad64" => values.push_str(b"d29ybGQgIQ=x"),
        "proc.upper" => values.push_str(b"MiXeD/Case.TXT"),
        "evt.num" => values.push_u64(1),
        "evt.buffer" => values.push_bytes(b"a\0b\0\0"),
        "proc.args" => {
            for a in ["-p", "8080", "-e", "/bin/sh"] {
                values.push_str(a.as_bytes());
            }
        }
        _ => {}
    }
}

fn render(v: Value<'_>) -> String {
    match v {
        Value::Str(b) | Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        Value::Uint(u) => u.to_string(),
        other => format!("{other:?}"),
    }
}

/// Applies the transformer on the left of `<expr> exists`-like text; `None` when missing.
fn run(expr: &str) -> Result<Option<Vec<String>>, String> {
    let cond = parse_condition(&format!("{expr} = x")).map_err(|e| e.to_string())?;
    let ExprKind::Compare {
        lhs: Operand::Transform(t),
        ..
    } = cond.kind
    else {
        return Err("not a transformer".into());
    };
    let chain = TransformChain::new(&t, &mut field)?;
    let mut values = Values::new();
    values.push_str(b"unrelated");
    let mut ranges = Vec::new();
    for f in chain.inputs() {
        let start = values.len();
        extract(f, &mut values);
        ranges.push(start..values.len());
    }
    let mut scratch = Vec::new();
    let out = chain.apply(&mut values, &ranges, &mut scratch);
    if out.is_empty() {
        return Ok(None);
    }
    let got: Vec<String> = values.range(out).map(render).collect();
    if !chain.output_is_list() {
        assert_eq!(
            got.len(),
            1,
            "{expr}: scalar result with {} values",
            got.len()
        );
    }
    Ok(Some(got))
}

#[test]
fn transformer_vectors() {
    let cases: &[(&str, Option<&[&str]>)] = &[
        ("tolower(proc.upper)", Some(&["mixed/case.txt"])),
        ("toupper(proc.upper)", Some(&["MIXED/CASE.TXT"])),
        ("toupper(fd.name)", Some(&["/TMP/FILE_TO_RUN"])),
        ("b64(proc.b64)", Some(&["world !"])),
        ("b64(proc.bad64)", None),
        ("b64(missing.str)", None),
        ("basename(fd.name)", Some(&["file_to_run"])),
        ("basename(fd.directory)", Some(&["tmp"])),
        ("basename(tolower(proc.upper))", Some(&["case.txt"])),
        ("len(fd.name)", Some(&["16"])),
        ("len(evt.buffer)", Some(&["5"])),
        ("len(proc.args)", Some(&["4"])),
        ("len(missing.str)", None),
        ("len(empty.list)", None),
        ("tolower(proc.args)", Some(&["-p", "8080", "-e", "/bin/sh"])),
        (
            "join(fd.name, (fd.name,fd.directory))",
            Some(&["/tmp/file_to_run/tmp/file_to_run/tmp"]),
        ),
        (
            "join(\"-\", (fd.name,fd.directory))",
            Some(&["/tmp/file_to_run-/tmp"]),
        ),
        ("join(\"-\", (\"aaa\",\"bbb\"))", Some(&["aaa-bbb"])),
        ("join(\"->\", (\"aaa\"))", Some(&["aaa"])),
        (
            "join(\"->\", (fd.name, \"aaa\", fd.directory))",
            Some(&["/tmp/file_to_run->aaa->/tmp"]),
        ),
        (
            "join(\"->\", (toupper(fd.name), \"aaa\"))",
            Some(&["/TMP/FILE_TO_RUN->aaa"]),
        ),
        (
            "join(\"->\", ( \"aaa\", toupper(fd.name)))",
            Some(&["aaa->/TMP/FILE_TO_RUN"]),
        ),
        (
            "join(\"-\", (fd.directory, join(\"->\", ( \"aaa\", toupper(fd.name)))))",
            Some(&["/tmp-aaa->/TMP/FILE_TO_RUN"]),
        ),
        ("join(\",\", (evt.num, evt.num))", Some(&["1,1"])),
        ("join(\",\", ())", Some(&[""])),
        ("join(\" \", proc.args)", Some(&["-p 8080 -e /bin/sh"])),
        ("join(\" \", empty.list)", None),
        (
            "toupper(join(\"-\", (fd.name, fd.directory)))",
            Some(&["/TMP/FILE_TO_RUN-/TMP"]),
        ),
        ("len(join(\"-\", (fd.name, fd.directory)))", Some(&["21"])),
        (
            "concat(fd.name, fd.directory)",
            Some(&["/tmp/file_to_run/tmp"]),
        ),
        ("concat(\"aaa\", \"bbb\", \"ccc\")", Some(&["aaabbbccc"])),
        (
            "concat(toupper(fd.name), \"aaa\")",
            Some(&["/TMP/FILE_TO_RUNaaa"]),
        ),
        (
            "concat(fd.directory, concat(\"aaa\", toupper(fd.name)))",
            Some(&["/tmpaaa/TMP/FILE_TO_RUN"]),
        ),
        ("concat(fd.name, missing.str)", None),
        (
            "getopt(proc.args, \"p:e:\")",
            Some(&["p", "8080", "e", "/bin/sh"]),
        ),
        ("getopt(proc.args, \"p:e:\")[e]", Some(&["/bin/sh"])),
        ("getopt(proc.args, \"p:e:\")[x]", None),
        ("getopt(proc.args, \"pe\")", Some(&["p"])),
        ("getopt((\"-n\",\"\"), \"n\")", Some(&["n"])),
        (
            "getopt((\"-nt\", \"hello\"), \"nt:\")",
            Some(&["n", "t", "hello"]),
        ),
        ("getopt((\"-thello\"), \"t:\")", Some(&["t", "hello"])),
        ("getopt((\"-n\", \"--\", \"-t\"), \"nt:\")", Some(&["n"])),
        ("getopt((\"-x\", \"-n\"), \"n\")", Some(&["?", "n"])),
        (
            "getopt((\"-lpe\", \"/bin/sh\"), \"lp:e:\")",
            Some(&["l", "p", "e"]),
        ),
        (
            "getopt((\"-lpe\", \"/bin/sh\"), \"lpe:\")",
            Some(&["l", "p", "e", "/bin/sh"]),
        ),
        ("getopt((\"-n\", \"-t\"), \"\")", Some(&["?", "?"])),
        ("getopt((\"arg1\", \"-n\"), \"n\")", None),
        ("getopt((\"-\", \"-n\"), \"n\")", None),
        ("getopt((\"-t\"), \"t:\")", Some(&[""])),
        ("getopt((\"-t\"), \":t:\")", Some(&[""])),
        ("getopt((\"-n\", \"--\", \"--\"), \"n\")", Some(&["n"])),
        ("getopt((\"--verbose\", \"-n\"), \"n\")", Some(&["n"])),
        (
            "getopt((\"-t\", \"val1\", \"-t\", \"val2\"), \"t:\")",
            Some(&["t", "val1", "t", "val2"]),
        ),
        (
            "getopt((\"-t\", \"val1\", \"-t\", \"val2\"), \"t:\")[t]",
            Some(&["val2"]),
        ),
        ("getopt((\"-v\"), \"v\")[v]", Some(&["v"])),
        ("getopt((\"-t\"), \"t:\")[t]", Some(&[""])),
        (
            "getopt((\"-abcvalue\"), \"abc:\")",
            Some(&["a", "b", "c", "value"]),
        ),
        (
            "toupper(getopt(proc.args, \"p:e:\")[e])",
            Some(&["/BIN/SH"]),
        ),
    ];
    let mut failures = Vec::new();
    for (expr, want) in cases {
        let want = want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        match run(expr) {
            Ok(got) if got == want => {}
            other => failures.push(format!("{expr}: got {other:?}, want {want:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn output_types() {
    let ty = |e: &str| {
        let cond = parse_condition(&format!("{e} = x")).unwrap();
        let ExprKind::Compare {
            lhs: Operand::Transform(t),
            ..
        } = cond.kind
        else {
            panic!()
        };
        let c = TransformChain::new(&t, &mut field).unwrap();
        (c.output_type(), c.output_is_list())
    };
    assert_eq!(ty("len(proc.args)"), (FieldType::Uint64, false));
    assert_eq!(ty("tolower(proc.args)"), (FieldType::CharBuf, true));
    assert_eq!(ty("b64(evt.buffer)"), (FieldType::ByteBuf, false));
    assert_eq!(ty("getopt(proc.args, \"a\")"), (FieldType::CharBuf, true));
    assert_eq!(
        ty("getopt(proc.args, \"a\")[a]"),
        (FieldType::CharBuf, false)
    );
    assert_eq!(ty("concat(fd.name, \"x\")"), (FieldType::CharBuf, false));
}

#[test]
fn b64_matches_libsinsp_decoder() {
    use falcod_rules::eval::transform::b64_decode_in_place;
    let cases: &[(&str, Option<&str>)] = &[
        ("aGVsbG8=", Some("hello")),
        ("aGVsbG8", Some("hello")),
        ("d29ybGQgIQ==", Some("world !")),
        ("d29ybGQgIQ", Some("world !")),
        ("", Some("")),
        ("=", None),
        ("==", None),
        ("a", None),
        ("aGVsbG9=", None),
        ("aG=sbG8", None),
        ("aGVsbG8===", None),
        ("aGVs bG8=", None),
    ];
    for (input, want) in cases {
        let mut buf = input.as_bytes().to_vec();
        let ok = b64_decode_in_place(&mut buf);
        let got = ok.then(|| String::from_utf8(buf).unwrap());
        assert_eq!(got.as_deref(), *want, "{input}");
    }
}
