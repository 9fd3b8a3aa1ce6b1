//! Deep nesting must fail cleanly with libsinsp's message, never overflow the stack.

use falcod_rules::parse::{
    parse_condition, parse_condition_with, ParseOptions, FALCO_MAX_DEPTH, HARD_MAX_DEPTH,
};

#[test]
fn hundred_thousand_parens_error_cleanly() {
    let input = "(".repeat(100_000);
    let err = parse_condition(&input).unwrap_err();
    assert_eq!(err.message, "exceeded max depth limit of 100");
    // five guarded levels per parenthesis (or, and, not, check, embedded): the 100th level is
    // the embedded expression entered right after the 20th '('
    assert_eq!(err.pos.idx, 20);
    assert_eq!((err.pos.line, err.pos.col), (1, 21));
}

#[test]
fn reasonable_nesting_parses() {
    let expr = parse_condition("((((((((((a))))))))))").unwrap();
    assert_eq!(expr.to_string(), "a");
    // 19 parentheses fit in the default limit, 20 do not
    let ok = format!("{}a{}", "(".repeat(19), ")".repeat(19));
    assert!(parse_condition(&ok).is_ok());
    let too_deep = format!("{}a{}", "(".repeat(20), ")".repeat(20));
    assert_eq!(
        parse_condition(&too_deep).unwrap_err().message,
        "exceeded max depth limit of 100"
    );
}

#[test]
fn falco_limit_and_hard_cap() {
    let opts = ParseOptions {
        max_depth: FALCO_MAX_DEPTH,
    };
    let ok = format!("{}a{}", "(".repeat(150), ")".repeat(150));
    assert!(parse_condition_with(&ok, &opts).is_ok());
    let huge = ParseOptions {
        max_depth: u32::MAX,
    };
    let err = parse_condition_with(&"(".repeat(100_000), &huge).unwrap_err();
    assert_eq!(
        err.message,
        format!("exceeded max depth limit of {HARD_MAX_DEPTH}")
    );
}

/// Every recursive construct, nested 100k times, at the deepest allowed limit. Run on a thread
/// with a main-thread-sized stack because unoptimised test builds use large frames.
#[test]
fn every_recursive_construct_stops_at_the_limit() {
    let patterns = [
        ("", "("),
        ("", "not("),
        ("", "not ("),
        ("", "a and ("),
        ("", "a or ("),
        ("", "tolower("),
        ("a.b = ", "toupper("),
        ("a.b in ", "b64("),
        ("", "join(\",\", ("),
        ("", "concat(a.b, "),
    ];
    let handle = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            for (prefix, pat) in patterns {
                let input = format!("{prefix}{}", pat.repeat(100_000));
                for max_depth in [100, HARD_MAX_DEPTH, u32::MAX] {
                    let err =
                        parse_condition_with(&input, &ParseOptions { max_depth }).unwrap_err();
                    let limit = max_depth.min(HARD_MAX_DEPTH);
                    assert_eq!(
                        err.message,
                        format!("exceeded max depth limit of {limit}"),
                        "{pat}"
                    );
                }
            }
        })
        .unwrap();
    handle.join().unwrap();
}
