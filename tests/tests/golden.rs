//! The golden loader corpus: every case in `tests/golden/*.yaml` loads its files through the
//! builder (in order, stopping at the first failing file as Falco does) and compares the codes,
//! messages and positions of every error and warning, and optionally the compiled conditions,
//! event types and rule lists, with what Falco produces for the same input.
//!
//! All mismatches of all cases are reported at once, by case name. `GOLDEN_CASE=<substring>`
//! runs only the cases whose name contains the substring.
//!
//! Corpus format (one YAML sequence of cases per file):
//!
//! ```yaml
//! - name: unique_case_name
//!   source: where the expected behaviour comes from
//!   files: [{name: rules.yaml, content: "..."}]        # loaded in order
//!   expect:                                            # one entry per file that gets loaded
//!     - file: rules.yaml
//!       ok: true                                       # no errors
//!       errors: [{code, message?, at?, chain?}]        # exact list when given
//!       warnings: [...]                                # exact multiset when given
//!       warnings_include: [...]                        # must be present (others allowed)
//!       warnings_exclude: [CODE, ...]                  # codes that must not appear
//!   compiled: {rule name: canonical condition}         # Falco's condition_compiled
//!   evttypes: {rule name: [sorted event type names]}    # Falco's -L details.events (+ asyncevent)
//!   rules: [names of all compiled rules, in evaluation order]
//!   enabled_rules: [names of the enabled rules, in evaluation order]
//!   required_plugins: ["name@version" of each required_plugin_versions entry's primary]
//! ```
//!
//! `at` matches the innermost location: `item_type`, and when given `item_name`, `line`,
//! `column` (0-based, like Falco's YAML marks) and `name` (the content name: the file, or for
//! condition expressions Falco's quoted condition prefix). `chain` lists every location,
//! outermost first, as `<item type>` or `<item type> '<item name>'`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use falcod_conformance::{describe_context, describe_result, load_files};
use falcod_rules::result::{Context, ErrorCode, FileResult, WarningCode};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    source: String,
    files: Vec<FileSpec>,
    expect: Vec<FileExpect>,
    #[serde(default)]
    compiled: BTreeMap<String, String>,
    #[serde(default)]
    evttypes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    rules: Option<Vec<String>>,
    #[serde(default)]
    enabled_rules: Option<Vec<String>>,
    #[serde(default)]
    required_plugins: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    name: String,
    content: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileExpect {
    file: String,
    ok: bool,
    #[serde(default)]
    errors: Option<Vec<MsgExpect>>,
    #[serde(default)]
    warnings: Option<Vec<MsgExpect>>,
    #[serde(default)]
    warnings_include: Vec<MsgExpect>,
    #[serde(default)]
    warnings_exclude: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MsgExpect {
    code: String,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    at: Option<At>,
    #[serde(default)]
    chain: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct At {
    item_type: String,
    #[serde(default)]
    item_name: Option<String>,
    #[serde(default)]
    line: Option<u32>,
    #[serde(default)]
    column: Option<u32>,
    #[serde(default)]
    name: Option<String>,
}

/// A produced error or warning, flattened for comparison.
struct Actual<'a> {
    code: &'static str,
    message: &'a str,
    context: &'a Context,
}

impl Actual<'_> {
    fn show(&self) -> String {
        format!(
            "{} \"{}\" at {}",
            self.code,
            self.message,
            describe_context(self.context)
        )
    }
}

impl MsgExpect {
    /// Why `a` does not match this expectation, or `None` if it does.
    fn mismatch(&self, a: &Actual<'_>) -> Option<String> {
        if self.code != a.code {
            return Some(format!("code {} != expected {}", a.code, self.code));
        }
        if let Some(m) = &self.message {
            if m != a.message {
                return Some(format!("message \"{}\" != expected \"{m}\"", a.message));
            }
        }
        if let Some(at) = &self.at {
            let Some(loc) = a.context.locations.last() else {
                return Some("no location".into());
            };
            if loc.item_type.as_str() != at.item_type {
                return Some(format!(
                    "innermost item_type '{}' != expected '{}'",
                    loc.item_type.as_str(),
                    at.item_type
                ));
            }
            if let Some(n) = &at.item_name {
                if &loc.item_name != n {
                    return Some(format!(
                        "innermost item_name '{}' != expected '{n}'",
                        loc.item_name
                    ));
                }
            }
            if let Some(l) = at.line {
                if loc.pos.line != l {
                    return Some(format!("line {} != expected {l}", loc.pos.line));
                }
            }
            if let Some(c) = at.column {
                if loc.pos.column != c {
                    return Some(format!("column {} != expected {c}", loc.pos.column));
                }
            }
            if let Some(n) = &at.name {
                if &*loc.name != n {
                    return Some(format!("content name '{}' != expected '{n}'", loc.name));
                }
            }
        }
        if let Some(chain) = &self.chain {
            let actual: Vec<String> = a
                .context
                .locations
                .iter()
                .map(|l| {
                    if l.item_name.is_empty() {
                        l.item_type.as_str().to_string()
                    } else {
                        format!("{} '{}'", l.item_type.as_str(), l.item_name)
                    }
                })
                .collect();
            if &actual != chain {
                return Some(format!("chain {actual:?} != expected {chain:?}"));
            }
        }
        None
    }

    fn show(&self) -> String {
        let mut s = self.code.clone();
        if let Some(m) = &self.message {
            s += &format!(" \"{m}\"");
        }
        if let Some(at) = &self.at {
            s += &format!(
                " at {} '{}' {}:{}",
                at.item_type,
                at.item_name.as_deref().unwrap_or("*"),
                at.line.map_or("*".into(), |l| l.to_string()),
                at.column.map_or("*".into(), |c| c.to_string())
            );
        }
        s
    }
}

fn errors_of(r: &FileResult) -> Vec<Actual<'_>> {
    r.errors
        .iter()
        .map(|e| Actual {
            code: e.code.code(),
            message: &e.message,
            context: &e.context,
        })
        .collect()
}

fn warnings_of(r: &FileResult) -> Vec<Actual<'_>> {
    r.warnings
        .iter()
        .map(|w| Actual {
            code: w.code.code(),
            message: &w.message,
            context: &w.context,
        })
        .collect()
}

/// Compares an exact list in order (errors: Falco stops at the first, so order is meaningful).
fn compare_ordered(what: &str, exp: &[MsgExpect], act: &[Actual<'_>], out: &mut Vec<String>) {
    if exp.len() != act.len() {
        out.push(format!(
            "{what}: expected {} entries, got {}:\n      expected: {}\n      actual:   {}",
            exp.len(),
            act.len(),
            exp.iter()
                .map(MsgExpect::show)
                .collect::<Vec<_>>()
                .join("\n                "),
            act.iter()
                .map(Actual::show)
                .collect::<Vec<_>>()
                .join("\n                "),
        ));
        return;
    }
    for (i, (e, a)) in exp.iter().zip(act).enumerate() {
        if let Some(why) = e.mismatch(a) {
            out.push(format!(
                "{what}[{i}]: {why}\n      expected: {}\n      actual:   {}",
                e.show(),
                a.show()
            ));
        }
    }
}

/// Matches every expectation with a distinct actual entry (any order); with `exact`, no actual
/// entry may be left over.
fn compare_unordered(
    what: &str,
    exp: &[MsgExpect],
    act: &[Actual<'_>],
    exact: bool,
    out: &mut Vec<String>,
) {
    let mut taken = vec![false; act.len()];
    for e in exp {
        let found = act
            .iter()
            .enumerate()
            .find(|(i, a)| !taken[*i] && e.mismatch(a).is_none());
        match found {
            Some((i, _)) => taken[i] = true,
            None => {
                let near: Vec<String> = act
                    .iter()
                    .filter(|a| a.code == e.code)
                    .map(|a| format!("{} ({})", a.show(), e.mismatch(a).unwrap_or_default()))
                    .collect();
                out.push(format!(
                    "{what}: missing {}\n      same-code candidates: {}",
                    e.show(),
                    if near.is_empty() {
                        "none".to_string()
                    } else {
                        near.join("\n                            ")
                    }
                ));
            }
        }
    }
    if exact {
        for (a, t) in act.iter().zip(&taken) {
            if !t {
                out.push(format!("{what}: unexpected {}", a.show()));
            }
        }
    }
}

fn run_case(case: &Case) -> Vec<String> {
    let files: Vec<(&str, &str)> = case
        .files
        .iter()
        .map(|f| (f.name.as_str(), f.content.as_str()))
        .collect();
    let (results, ruleset) = load_files(&files);
    let mut out = Vec::new();

    let names: Vec<&str> = results.iter().map(|r| r.name.as_str()).collect();
    let expected_names: Vec<&str> = case.expect.iter().map(|e| e.file.as_str()).collect();
    if names != expected_names {
        out.push(format!(
            "loaded files {names:?} != expected results for {expected_names:?}"
        ));
    }
    for exp in &case.expect {
        let Some(r) = results.iter().find(|r| r.name == exp.file) else {
            continue;
        };
        let mut diffs = Vec::new();
        if r.successful() != exp.ok {
            diffs.push(format!(
                "successful = {}, expected {}",
                r.successful(),
                exp.ok
            ));
        }
        let errs = errors_of(r);
        let warns = warnings_of(r);
        if let Some(e) = &exp.errors {
            compare_ordered("errors", e, &errs, &mut diffs);
        }
        if let Some(w) = &exp.warnings {
            compare_unordered("warnings", w, &warns, true, &mut diffs);
        }
        compare_unordered(
            "warnings_include",
            &exp.warnings_include,
            &warns,
            false,
            &mut diffs,
        );
        for code in &exp.warnings_exclude {
            for a in warns.iter().filter(|a| a.code == code) {
                diffs.push(format!("warnings_exclude: unexpected {}", a.show()));
            }
        }
        if !diffs.is_empty() {
            out.push(format!(
                "file {}:\n    {}\n    actual result: {}",
                exp.file,
                diffs.join("\n    "),
                describe_result(r).trim_end().replace('\n', "\n      ")
            ));
        }
    }

    let wants_ruleset = !case.compiled.is_empty()
        || !case.evttypes.is_empty()
        || case.rules.is_some()
        || case.enabled_rules.is_some()
        || case.required_plugins.is_some();
    if wants_ruleset {
        match &ruleset {
            None => out.push("no compiled ruleset, but the case checks compiled rules".into()),
            Some(rs) => {
                for (rule, cond) in &case.compiled {
                    match rs.rules.iter().find(|r| &r.info.name == rule) {
                        None => out.push(format!("compiled: rule '{rule}' not in the ruleset")),
                        Some(r) => {
                            let actual = r.condition.to_string();
                            if &actual != cond {
                                out.push(format!(
                                    "compiled '{rule}':\n      expected: {cond}\n      actual:   {actual}"
                                ));
                            }
                        }
                    }
                }
                for (rule, types) in &case.evttypes {
                    match rs.rules.iter().find(|r| &r.info.name == rule) {
                        None => out.push(format!("evttypes: rule '{rule}' not in the ruleset")),
                        Some(r) => {
                            if &r.evttype_names != types {
                                out.push(format!(
                                    "evttypes '{rule}': expected {types:?}, actual {:?}",
                                    r.evttype_names
                                ));
                            }
                        }
                    }
                }
                if let Some(expected) = &case.rules {
                    let actual: Vec<&str> = rs.rules.iter().map(|r| r.info.name.as_str()).collect();
                    if actual != *expected {
                        out.push(format!("rules: expected {expected:?}, actual {actual:?}"));
                    }
                }
                if let Some(expected) = &case.required_plugins {
                    let actual: Vec<String> = rs
                        .required_plugin_versions
                        .iter()
                        .filter_map(|p| p.alternatives.first())
                        .map(|a| format!("{}@{}", a.name, a.version))
                        .collect();
                    if actual != *expected {
                        out.push(format!(
                            "required_plugins: expected {expected:?}, actual {actual:?}"
                        ));
                    }
                }
                if let Some(expected) = &case.enabled_rules {
                    let actual: Vec<&str> = rs
                        .rules
                        .iter()
                        .filter(|r| r.info.enabled)
                        .map(|r| r.info.name.as_str())
                        .collect();
                    if actual != *expected {
                        out.push(format!(
                            "enabled_rules: expected {expected:?}, actual {actual:?}"
                        ));
                    }
                }
            }
        }
    }
    out
}

fn corpus_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/golden"))
}

/// Every case of every corpus file, with the file it came from.
fn load_corpus() -> Vec<(String, Case)> {
    let mut paths: Vec<_> = std::fs::read_dir(corpus_dir())
        .expect("tests/golden exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    let mut cases = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).expect("corpus file is readable");
        let file = p
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parsed: Vec<Case> = serde_yaml::from_str(&text)
            .unwrap_or_else(|e| panic!("corpus file {file} does not parse: {e}"));
        cases.extend(parsed.into_iter().map(|c| (file.clone(), c)));
    }
    cases
}

#[test]
fn golden_corpus() {
    let filter = std::env::var("GOLDEN_CASE").ok();
    let cases = load_corpus();
    let mut failures = Vec::new();
    let mut ran = 0;
    for (file, case) in &cases {
        if filter.as_deref().is_some_and(|f| !case.name.contains(f)) {
            continue;
        }
        ran += 1;
        let diffs = run_case(case);
        if !diffs.is_empty() {
            failures.push(format!(
                "=== {file} / {} ({})\n  {}",
                case.name,
                case.source,
                diffs.join("\n  ")
            ));
        }
    }
    assert!(ran > 0, "no golden case matched GOLDEN_CASE={filter:?}");
    if !failures.is_empty() {
        panic!(
            "{} of {ran} golden cases failed:\n\n{}\n\nfailed cases: {}",
            failures.len(),
            failures.join("\n\n"),
            failures
                .iter()
                .filter_map(|f| f.lines().next())
                .map(|l| l.trim_start_matches("=== "))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
}

#[test]
fn corpus_is_well_formed() {
    let cases = load_corpus();
    assert!(
        cases.len() >= 80,
        "the corpus has {} cases, want >= 80",
        cases.len()
    );
    let mut seen = BTreeSet::new();
    for (file, c) in &cases {
        assert!(
            seen.insert(c.name.as_str()),
            "duplicate case name {} in {file}",
            c.name
        );
        assert!(
            !c.source.trim().is_empty(),
            "case {} has no source note",
            c.name
        );
        assert!(!c.files.is_empty(), "case {} loads no file", c.name);
        assert!(!c.expect.is_empty(), "case {} expects nothing", c.name);
        for e in &c.expect {
            if !e.ok {
                assert!(
                    e.errors.as_ref().is_some_and(|v| !v.is_empty()),
                    "case {}: a failing file must list its errors",
                    c.name
                );
            }
        }
    }
}

/// Every error code, with an exhaustive match so a new code cannot be forgotten here.
fn all_error_codes() -> Vec<ErrorCode> {
    use ErrorCode::*;
    let all = vec![
        FileRead,
        YamlParse,
        YamlValidate,
        CompileCondition,
        CompileOutput,
        Validate,
        Extension,
    ];
    for c in &all {
        match c {
            FileRead | YamlParse | YamlValidate | CompileCondition | CompileOutput | Validate
            | Extension => {}
        }
    }
    all
}

/// Every warning code, with an exhaustive match so a new code cannot be forgotten here.
fn all_warning_codes() -> Vec<WarningCode> {
    use WarningCode::*;
    let all = vec![
        UnknownSource,
        UnsafeNaCheck,
        NoEvttype,
        UnknownFilter,
        UnusedMacro,
        UnusedList,
        UnknownItem,
        DeprecatedItem,
        WarningExtension,
        AppendNoValues,
        ExceptionNameNotUnique,
        InvalidMacroName,
        InvalidListName,
        CompileCondition,
        UnknownKey,
    ];
    for c in &all {
        match c {
            UnknownSource
            | UnsafeNaCheck
            | NoEvttype
            | UnknownFilter
            | UnusedMacro
            | UnusedList
            | UnknownItem
            | DeprecatedItem
            | WarningExtension
            | AppendNoValues
            | ExceptionNameNotUnique
            | InvalidMacroName
            | InvalidListName
            | CompileCondition
            | UnknownKey => {}
        }
    }
    all
}

/// Codes no rules file can produce through the builder with the syscall source:
/// - `LOAD_ERR_FILE_READ`: the builder receives bytes; reading files is the CLI's job.
/// - `LOAD_ERR_EXTENSION`, `LOAD_WARNING_EXTENSION`: Falco reserves them for extension items
///   contributed by plugins/embedders; its own loader never emits them.
/// - `LOAD_UNSAFE_NA_CHECK`: Falco only warns for `<NA>` comparisons on `ka.*`/`jevt.*` fields
///   (k8s audit), which the syscall source does not have.
const UNREACHABLE: &[&str] = &[
    "LOAD_ERR_FILE_READ",
    "LOAD_ERR_EXTENSION",
    "LOAD_WARNING_EXTENSION",
    "LOAD_UNSAFE_NA_CHECK",
];

#[test]
fn corpus_covers_every_code() {
    let cases = load_corpus();
    let mut used = BTreeSet::new();
    for (_, c) in &cases {
        for e in &c.expect {
            let lists = [&e.errors, &e.warnings];
            for m in lists.into_iter().flatten().flatten() {
                used.insert(m.code.clone());
            }
            for m in &e.warnings_include {
                used.insert(m.code.clone());
            }
        }
    }
    let all: Vec<&str> = all_error_codes()
        .into_iter()
        .map(ErrorCode::code)
        .chain(all_warning_codes().into_iter().map(WarningCode::code))
        .collect();
    let missing: Vec<&str> = all
        .iter()
        .copied()
        .filter(|c| !UNREACHABLE.contains(c) && !used.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a golden case: {missing:?}"
    );
    let unknown: Vec<&String> = used.iter().filter(|c| !all.contains(&c.as_str())).collect();
    assert!(
        unknown.is_empty(),
        "corpus uses codes that do not exist: {unknown:?}"
    );
}
