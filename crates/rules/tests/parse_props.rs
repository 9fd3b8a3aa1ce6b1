//! Property tests: printing a tree and parsing it back gives the same tree; the parser never
//! panics or hangs, whatever it is fed.

use std::path::PathBuf;

use proptest::prelude::*;
use proptest::sample::select;

use falcod_rules::ast::{
    CmpOp, Expr, ExprKind, FieldRef, Modifier, Operand, Rhs, Span, Transform, TransformArg,
    Transformer, Value,
};
use falcod_rules::parse::{
    canonical_form_reads_back, escape_str, parse_condition_with, parse_field_or_transformer,
    ParseOptions, ParsePos, FALCO_MAX_DEPTH,
};

// ----- generators --------------------------------------------------------------------------

/// Characters values are made of: the awkward ones (blanks, quotes, backslashes, separators,
/// brackets) and some non-ASCII ones.
const VALUE_CHARS: &[char] = &[
    'a', 'b', 'Z', '0', '9', '.', '/', '-', '_', '*', ':', ' ', '\t', '\n', '\r', '\u{8}', '\u{c}',
    '"', '\'', '\\', '=', ',', '(', ')', '[', ']', '{', '#', 'é', '中', '😀', '\u{a0}',
];

fn raw_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(select(VALUE_CHARS), 0..max).prop_map(String::from_iter)
}

fn is_quoted(text: &str) -> bool {
    escape_str(text).starts_with('"')
}

/// A string value that libsinsp's printer writes in a form that reads back as the same value.
fn str_value() -> impl Strategy<Value = Value> {
    raw_text(8)
        .prop_filter("printable value", |t| {
            !t.is_empty()
                && if is_quoted(t) {
                    !t.ends_with('\\')
                } else {
                    !t.contains(['(', ')', ','])
                }
        })
        .prop_map(Value::new)
}

fn num_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        "[+-]?[0-9]{1,4}(\\.[0-9]{0,3})?([eE][+-][0-9]{1,2})?",
        "0[xX][0-9a-fA-F]{1,4}",
    ]
    .prop_map(Value::new)
}

/// A field or transformer argument (printed inside `[...]`).
fn bracket_arg() -> impl Strategy<Value = Option<String>> {
    prop::option::of(raw_text(6).prop_filter("printable argument", |t| {
        if is_quoted(t) {
            !t.ends_with('\\')
        } else {
            !t.contains(['[', ']'])
        }
    }))
}

fn ident() -> impl Strategy<Value = String> {
    "[a-zA-Z][a-zA-Z0-9_]{0,6}".prop_filter("not a keyword", |s| {
        !(s.starts_with("and") || s.starts_with("or") || s.starts_with("not"))
    })
}

fn field() -> impl Strategy<Value = FieldRef> {
    (
        "[a-z][a-z0-9_]{0,5}(\\.[a-zA-Z][a-zA-Z0-9_]{0,5}){1,2}",
        bracket_arg(),
    )
        .prop_map(|(name, arg)| FieldRef {
            name,
            arg,
            span: Span::default(),
        })
}

/// A transformer argument value: a number, or a string that gets quoted when printed (an
/// unquoted string argument would read back as a field, or not at all).
fn transform_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        num_value(),
        str_value().prop_filter("quoted", |v| is_quoted(&v.text)),
    ]
}

fn operand() -> impl Strategy<Value = Operand> {
    field()
        .prop_map(Operand::Field)
        .prop_recursive(3, 12, 3, |inner| {
            let arg = prop_oneof![
                3 => inner.clone().prop_map(TransformArg::Operand),
                1 => transform_value().prop_map(TransformArg::Value),
                1 => prop::collection::vec(
                    prop_oneof![
                        inner.clone().prop_map(TransformArg::Operand),
                        transform_value().prop_map(TransformArg::Value),
                    ],
                    0..3,
                )
                .prop_map(TransformArg::List),
            ];
            (
                select(&Transformer::ALL[..]),
                prop::collection::vec(arg, 1..3),
                bracket_arg(),
            )
                .prop_map(|(kind, args, arg)| {
                    Operand::Transform(Transform {
                        kind,
                        args,
                        arg,
                        span: Span::default(),
                    })
                })
        })
}

/// `val(field)` or a transformer.
fn rhs_operand() -> impl Strategy<Value = Rhs> {
    prop_oneof![
        field().prop_map(|f| Rhs::Operand {
            operand: Operand::Field(f),
            via_val: true
        }),
        operand()
            .prop_filter("transformer", |o| matches!(o, Operand::Transform(_)))
            .prop_map(|operand| Rhs::Operand {
                operand,
                via_val: false
            }),
    ]
}

fn list_or_name() -> impl Strategy<Value = Rhs> {
    prop_oneof![
        prop::collection::vec(str_value(), 0..4).prop_map(Rhs::List),
        ident().prop_map(|n| Rhs::Identifier(n, Span::default())),
    ]
}

fn compare() -> impl Strategy<Value = ExprKind> {
    let num_ops = select(vec![CmpOp::Lt, CmpOp::Le, CmpOp::Gt, CmpOp::Ge]);
    let str_ops = select(
        CmpOp::ALL
            .into_iter()
            .filter(|o| o.accepts_modifier())
            .collect::<Vec<_>>(),
    );
    let list_ops = select(vec![CmpOp::In, CmpOp::Intersects, CmpOp::PMatch]);
    let modifier = select(vec![Modifier::OneOf, Modifier::AnyOf, Modifier::AllOf]);
    let op_rhs = prop_oneof![
        (
            num_ops,
            prop_oneof![num_value().prop_map(Rhs::Value), rhs_operand()]
        )
            .prop_map(|(o, r)| (o, None, r)),
        (
            str_ops.clone(),
            prop_oneof![str_value().prop_map(Rhs::Value), rhs_operand()]
        )
            .prop_map(|(o, r)| (o, None, r)),
        (str_ops, modifier, list_or_name()).prop_map(|(o, m, r)| (o, Some(m), r)),
        (list_ops, prop_oneof![list_or_name(), rhs_operand()]).prop_map(|(o, r)| (o, None, r)),
    ];
    (operand(), op_rhs).prop_map(|(lhs, (op, modifier, rhs))| ExprKind::Compare {
        lhs,
        op,
        modifier,
        rhs,
    })
}

fn expr() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        ident().prop_map(ExprKind::Identifier),
        operand().prop_map(ExprKind::Exists),
        compare(),
    ]
    .prop_map(Expr::new);
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(|c| Expr::new(ExprKind::And(c))),
            prop::collection::vec(inner.clone(), 2..4).prop_map(|c| Expr::new(ExprKind::Or(c))),
            // `not not x` reads back as `x`, so a negation never wraps a negation
            inner
                .prop_filter("no double negation", |c| !matches!(
                    c.kind,
                    ExprKind::Not(_)
                ))
                .prop_map(|c| Expr::new(ExprKind::Not(Box::new(c)))),
        ]
    })
}

/// `Rhs` derives `PartialEq`, so unlike the other nodes its `Identifier` span takes part in
/// comparisons; clear those spans before comparing trees.
fn clear_identifier_spans(e: &mut Expr) {
    match &mut e.kind {
        ExprKind::And(c) | ExprKind::Or(c) => c.iter_mut().for_each(clear_identifier_spans),
        ExprKind::Not(c) => clear_identifier_spans(c),
        ExprKind::Compare {
            rhs: Rhs::Identifier(_, span),
            ..
        } => *span = Span::default(),
        _ => {}
    }
}

// ----- seeds for mutation ------------------------------------------------------------------

fn upstream_conditions() -> Vec<String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let Some(dir) = [
        "../../../shared/falco-rules",
        "../../../../shared/falco-rules",
    ]
    .iter()
    .map(|up| manifest.join(up))
    .find(|d| d.is_dir()) else {
        panic!("upstream rules files not found beside the repository (shared/falco-rules)");
    };
    let mut out = Vec::new();
    for file in [
        "falco_rules.yaml",
        "falco-incubating_rules.yaml",
        "falco-sandbox_rules.yaml",
    ] {
        let text = std::fs::read_to_string(dir.join(file)).expect("readable rules file");
        let items: Vec<serde_yaml::Value> = serde_yaml::from_str(&text).expect("YAML");
        out.extend(
            items
                .iter()
                .filter_map(|i| i.get("condition")?.as_str().map(String::from)),
        );
    }
    out.extend(
        [
            "join(\"-\", (tolower(fd.name), 12)) = x and getopt(proc.args, \"a:\")[a] exists",
            "a.b = val(c.d) or x.y == oneof (a, 'b c', \"d\\\"e\") or not (m and n)",
            "proc.name in () and evt.arg[0] contains \"\\x41\"",
        ]
        .map(String::from),
    );
    out
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Delete(usize, usize),
    Duplicate(usize, usize),
}

fn apply(seed: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for e in edits {
        let n = chars.len().max(1);
        match *e {
            Edit::Insert(at, c) => chars.insert(at % (chars.len() + 1), c),
            Edit::Delete(at, len) => {
                let start = at % n;
                let end = (start + len).min(chars.len());
                chars.drain(start.min(end)..end);
            }
            Edit::Duplicate(at, len) => {
                let start = at % n;
                let end = (start + len).min(chars.len());
                let piece: Vec<char> = chars[start.min(end)..end].to_vec();
                chars.splice(end..end, piece);
            }
        }
    }
    chars.into_iter().collect()
}

fn edit() -> impl Strategy<Value = Edit> {
    let c = prop_oneof![
        select(vec![
            '(', ')', '"', '\'', '\\', ' ', ',', '=', '[', ']', '\0', '\n', 'x', '.', '%', '😀'
        ]),
        any::<char>(),
    ];
    prop_oneof![
        (any::<usize>(), c).prop_map(|(a, c)| Edit::Insert(a, c)),
        (any::<usize>(), 0usize..12).prop_map(|(a, l)| Edit::Delete(a, l)),
        (any::<usize>(), 0usize..40).prop_map(|(a, l)| Edit::Duplicate(a, l)),
    ]
}

/// Parses `input` every way we can; whatever happens must be an answer, never a panic, and
/// error positions must lie inside the input and agree with their byte offset.
fn exercise(input: &str) {
    for opts in [
        ParseOptions::default(),
        ParseOptions {
            max_depth: FALCO_MAX_DEPTH,
        },
    ] {
        match parse_condition_with(input, &opts) {
            Ok(e) => {
                // printing must not panic; when the printed form is meant to read back, it does
                let printed = e.to_string();
                let again = parse_condition_with(&printed, &opts);
                if canonical_form_reads_back(&e) {
                    let mut again = again
                        .unwrap_or_else(|err| panic!("{input:?} printed as {printed:?}: {err}"));
                    let mut e = e;
                    clear_identifier_spans(&mut again);
                    clear_identifier_spans(&mut e);
                    assert_eq!(again, e, "{input:?} printed as {printed:?}");
                }
            }
            Err(err) => {
                assert!(err.pos.idx as usize <= input.len());
                assert_eq!(err.pos, ParsePos::at(input, err.pos.idx as usize));
            }
        }
    }
    match parse_field_or_transformer(input) {
        Ok((operand, used)) => {
            assert!(used <= input.len() && input.is_char_boundary(used));
            let _ = operand.to_string();
        }
        Err(err) => assert!(err.pos.idx as usize <= input.len()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn printed_trees_parse_back_to_the_same_tree(e in expr()) {
        prop_assert!(canonical_form_reads_back(&e), "generated tree deemed unprintable: {:?}", e);
        let printed = e.to_string();
        let parsed = parse_condition_with(&printed, &ParseOptions { max_depth: FALCO_MAX_DEPTH });
        prop_assert!(parsed.is_ok(), "{printed:?} does not parse: {:?}", parsed.err());
        let mut parsed = parsed.unwrap();
        clear_identifier_spans(&mut parsed);
        prop_assert_eq!(&parsed, &e, "printed as {:?}", printed);
        prop_assert_eq!(parsed.to_string(), printed);
    }

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        exercise(&s);
    }

    #[test]
    fn condition_like_strings_never_panic(s in "[a-z.()=!<>\"' ,\\\\\\[\\]\t\n0-9%]{0,60}") {
        exercise(&s);
    }

    #[test]
    fn mutated_real_conditions_never_panic(
        seed in select(upstream_conditions()),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        exercise(&apply(&seed, &edits));
    }
}
