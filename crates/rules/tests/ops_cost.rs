//! Quick cost figures for the documented cost model (printed, never asserted: timings on a
//! shared machine are not a test). Run with `--nocapture` to see them.

use std::hint::black_box;
use std::time::Instant;

use falcod_rules::ast::{CmpOp, Modifier};
use falcod_rules::eval::ops::Cmp;
use falcod_rules::event::Values;
use falcod_rules::fields::FieldType;

fn measure(label: &str, cmp: &Cmp, value: &[u8], build_ns: u128) -> bool {
    let mut values = Values::new();
    values.push_str(value);
    let n = 20_000u32;
    let start = Instant::now();
    let mut hits = 0u32;
    for _ in 0..n {
        hits += u32::from(cmp.matches(black_box(&values), 0..1));
    }
    let per = start.elapsed().as_nanos() / u128::from(n);
    println!(
        "{label:<32} build {:>8} us  match {per:>5} ns/value  memory {:>8} B",
        build_ns / 1000,
        cmp.memory_usage()
    );
    hits > 0
}

#[test]
fn cost_figures() {
    let names: Vec<String> = (0..200).map(|i| format!("/usr/lib/name{i}/")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let path = b"/usr/lib/name150/libfoo.so.1";
    let cases: Vec<(&str, CmpOp, Option<Modifier>, Vec<&str>)> = vec![
        (
            "= one literal",
            CmpOp::Eq,
            None,
            vec!["/usr/lib/name150/libfoo.so.1"],
        ),
        ("in (200)", CmpOp::In, None, refs.clone()),
        (
            "contains anyof (200)",
            CmpOp::Contains,
            Some(Modifier::AnyOf),
            refs.clone(),
        ),
        (
            "startswith anyof (200)",
            CmpOp::StartsWith,
            Some(Modifier::AnyOf),
            refs.clone(),
        ),
        (
            "endswith anyof (200)",
            CmpOp::EndsWith,
            Some(Modifier::AnyOf),
            refs.clone(),
        ),
        (
            "glob /usr/*/lib*.so*",
            CmpOp::Glob,
            None,
            vec!["/usr/*/lib*.so*"],
        ),
        (
            "regex .*/lib[a-z]+\\.so(\\.[0-9]+)*",
            CmpOp::Regex,
            None,
            vec![".*/lib[a-z]+\\.so(\\.[0-9]+)*"],
        ),
        ("pmatch (200)", CmpOp::PMatch, None, refs.clone()),
    ];
    let mut any = false;
    for (label, op, m, rhs) in cases {
        let t = Instant::now();
        let cmp = Cmp::new(FieldType::CharBuf, false, op, m, &rhs, true).unwrap();
        let build = t.elapsed().as_nanos();
        any |= measure(label, &cmp, path, build);
    }
    assert!(any, "at least one comparison matches the sample path");
}
