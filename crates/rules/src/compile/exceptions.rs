//! Rule exceptions rewritten into condition text, as Falco does.
//!
//! Falco validates each exception (fields known to the source, comparison operators supported,
//! lengths matching) and then appends `and not (...)` clauses to the rule's condition *as text*,
//! before lists are substituted and the condition is parsed. The text is built exactly as Falco
//! builds it (spacing included), because positions in later errors refer to it and because values
//! are not escaped: a value is quoted only if it contains a space, so `toupper(proc.pname)` as a
//! value is parsed as a transformer over a field, and a value naming a list is substituted.

use std::collections::BTreeSet;

use crate::ast::{CmpOp, Modifier};
use crate::compile::lists::quote_item;
use crate::fields::SourceSchema;
use crate::load::info::{Entry, ExceptionInfo, RuleInfo};
use crate::result::{ErrorCode, FileResult, LoadError};

/// The fields and operators of an exception after validation: missing operators filled with
/// Falco's defaults and every operator trimmed of surrounding whitespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExceptionShape {
    /// `fields: proc.name` with one operator applied to every value (`in` by default).
    Single {
        /// The field.
        field: String,
        /// The operator (`in`, `pmatch`, `intersects` or a modifier operator).
        comp: String,
    },
    /// `fields: [a, b]` with one operator per field (`=` by default); values are tuples.
    Tuple {
        /// The fields. A nested list in `fields` shows up as an empty string, as in Falco.
        fields: Vec<String>,
        /// One operator per field.
        comps: Vec<String>,
    },
}

/// A validated exception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedException {
    /// The exception's name.
    pub name: String,
    /// Its fields and operators.
    pub shape: ExceptionShape,
}

impl CheckedException {
    /// The operators, in order (for `-L`'s `exception_operators`).
    pub fn comps(&self) -> Vec<&str> {
        match &self.shape {
            ExceptionShape::Single { comp, .. } => vec![comp.as_str()],
            ExceptionShape::Tuple { comps, .. } => comps.iter().map(String::as_str).collect(),
        }
    }
}

/// A rule condition with its exceptions applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewritten {
    /// `(cond) and not (...) ...`, or the condition unchanged if the rule has no exceptions.
    pub condition: String,
    /// The fields of every exception that contributed values (Falco's `exception_fields`).
    pub fields: BTreeSet<String>,
    /// The validated exceptions, in order.
    pub exceptions: Vec<CheckedException>,
}

fn validation_error(message: impl Into<String>, ex: &ExceptionInfo) -> LoadError {
    LoadError {
        code: ErrorCode::Validate,
        message: message.into(),
        context: ex.ctx.clone(),
    }
}

/// Trims ASCII blanks as Falco's `normalize_comp` does.
fn normalize_comp(s: &str) -> String {
    s.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
        .to_string()
}

/// Splits `op modifier` (`startswith oneof`) as libsinsp's `str_to_cmpop_with_modifier` does:
/// at the first space, with the modifier being exactly the rest.
fn split_modifier(op: &str) -> Option<(CmpOp, Modifier)> {
    let (base, modifier) = op.split_once(' ')?;
    Some((CmpOp::from_name(base)?, Modifier::from_name(modifier)?))
}

/// A string operator with a list modifier, e.g. `startswith oneof` (Falco's
/// `is_str_operator_with_modifier`).
fn is_str_operator_with_modifier(op: &str) -> bool {
    split_modifier(op).is_some_and(|(base, _)| base.accepts_modifier())
}

/// An operator the parser accepts (Falco's `is_operator_defined`, which also counts the unary
/// `exists`).
fn is_operator_defined(op: &str) -> bool {
    op == "exists" || CmpOp::from_name(op).is_some()
}

/// Operators whose right side is a list: `in`, `intersects`, `pmatch`, or an operator with a
/// list modifier (Falco's `is_operator_for_list`).
fn is_operator_for_list(op: &str) -> bool {
    CmpOp::from_name(op).is_some_and(CmpOp::takes_list) || is_str_operator_with_modifier(op)
}

/// Splits a trailing `[arg]` from a field reference.
fn split_field_arg(field: &str) -> (&str, Option<&str>) {
    if let Some(body) = field.strip_suffix(']') {
        if let Some(open) = body.find('[') {
            return (&body[..open], Some(&body[open + 1..]));
        }
    }
    (field, None)
}

/// True if `field` is a plain field of the source (with an optional `[arg]`).
fn is_known_field(field: &str, schema: &SourceSchema) -> bool {
    let (name, arg) = split_field_arg(field);
    schema.fields.resolve(name, arg).is_ok()
}

/// Falco's `is_valid_lhs_field`: a field of the source, or (when it contains a parenthesis) a
/// field wrapped in transformers that would compile as `<field> exists`.
fn is_valid_lhs_field(field: &str, schema: &SourceSchema) -> bool {
    if field.contains('(') {
        transformer_fields_valid(field, schema)
    } else {
        is_known_field(field, schema)
    }
}

/// Checks a transformer expression used as an exception field: every transformer name must be
/// known and every field inside must resolve. Arguments are split on top-level commas; quoted
/// literals are accepted as arguments.
fn transformer_fields_valid(expr: &str, schema: &SourceSchema) -> bool {
    fn check(expr: &str, schema: &SourceSchema, depth: u32) -> bool {
        if depth > 32 {
            return false;
        }
        let expr = expr.trim();
        let Some(open) = expr.find('(') else {
            return is_known_field(expr, schema)
                || (expr.len() >= 2
                    && (expr.starts_with('"') && expr.ends_with('"')
                        || expr.starts_with('\'') && expr.ends_with('\'')));
        };
        let name = expr[..open].trim_end();
        if crate::ast::Transformer::from_name(name).is_none() {
            return false;
        }
        // The closing parenthesis may be followed by a `[arg]` (getopt).
        let body_end = match expr.rfind(')') {
            Some(close) if close > open => close,
            _ => return false,
        };
        let tail = expr[body_end + 1..].trim();
        if !(tail.is_empty() || (tail.starts_with('[') && tail.ends_with(']'))) {
            return false;
        }
        let body = &expr[open + 1..body_end];
        let mut level = 0i32;
        let mut quote: Option<char> = None;
        let mut start = 0;
        let mut args = Vec::new();
        for (i, c) in body.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '(') => level += 1,
                (None, ')') => level -= 1,
                (None, ',') if level == 0 => {
                    args.push(&body[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        args.push(&body[start..]);
        level == 0
            && quote.is_none()
            && args.iter().all(|a| {
                let a = a.trim();
                !a.is_empty()
                    && (a.starts_with('(') && a.ends_with(')') || check(a, schema, depth + 1))
            })
    }
    check(expr, schema, 0)
}

fn scalar(entry: &Entry) -> &str {
    match entry {
        Entry::Item(s) => s,
        Entry::List(_) => "",
    }
}

/// Validates one exception as Falco does when a rule is defined (`validate_exception_info`):
/// fills in default operators, normalises them, checks them, and checks the fields against the
/// source's schema (skipped when `schema` is `None`, as Falco skips it for unknown sources).
///
/// Errors are `LOAD_ERR_VALIDATE` with the exception's context.
pub fn validate(
    ex: &ExceptionInfo,
    schema: Option<&SourceSchema>,
) -> Result<CheckedException, LoadError> {
    let fields = match &ex.fields {
        Some(f) if f.is_valid() => f,
        _ => {
            return Err(validation_error(
                "Rule exception item must have fields property with a list of fields",
                ex,
            ))
        }
    };
    let comps = ex.comps.as_ref().filter(|c| c.is_valid());
    let shape = match fields {
        Entry::List(field_entries) => {
            let comps: Vec<String> = match comps {
                None => vec!["=".to_string(); field_entries.len()],
                Some(Entry::List(c)) => c.iter().map(|e| normalize_comp(scalar(e))).collect(),
                // A scalar `comps` with list `fields` has no items: a length mismatch.
                Some(Entry::Item(_)) => Vec::new(),
            };
            if comps.len() != field_entries.len() {
                return Err(validation_error(
                    "Fields and comps lists must have equal length",
                    ex,
                ));
            }
            for comp in &comps {
                if !is_operator_defined(comp) && !is_str_operator_with_modifier(comp) {
                    return Err(validation_error(
                        format!("'{comp}' is not a supported comparison operator"),
                        ex,
                    ));
                }
            }
            let fields: Vec<String> = field_entries
                .iter()
                .map(|e| scalar(e).to_string())
                .collect();
            if let Some(schema) = schema {
                for field in &fields {
                    if !is_valid_lhs_field(field, schema) {
                        return Err(validation_error(
                            format!("'{field}' is not a supported filter field"),
                            ex,
                        ));
                    }
                }
            }
            ExceptionShape::Tuple { fields, comps }
        }
        Entry::Item(field) => {
            let comp = match comps {
                None => "in".to_string(),
                Some(Entry::List(_)) => {
                    return Err(validation_error(
                        "Fields and comps must both be strings",
                        ex,
                    ))
                }
                Some(Entry::Item(c)) => normalize_comp(c),
            };
            if !matches!(comp.as_str(), "in" | "pmatch" | "intersects")
                && !is_str_operator_with_modifier(&comp)
            {
                return Err(validation_error(
                    "When fields is a single value, comps must be one of (in, pmatch, intersects) \
                     or a modifier operator (e.g. startswith oneof)",
                    ex,
                ));
            }
            if let Some(schema) = schema {
                if !is_valid_lhs_field(field, schema) {
                    return Err(validation_error(
                        format!("'{field}' is not a supported filter field"),
                        ex,
                    ));
                }
            }
            ExceptionShape::Single {
                field: field.clone(),
                comp,
            }
        }
    };
    Ok(CheckedException {
        name: ex.name.clone(),
        shape,
    })
}

/// Renders a value that is itself a list: `(a, "b c")`; nested lists render as empty items.
fn render_value_list(items: &[Entry]) -> String {
    let mut out = String::from("(");
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&quote_item(scalar(v)));
    }
    out.push(')');
    out
}

/// Builds one exception's clause (Falco's `icond`); empty when it has no values.
fn exception_clause(
    ex: &ExceptionInfo,
    checked: &CheckedException,
    used_fields: &mut BTreeSet<String>,
) -> Result<String, LoadError> {
    match &checked.shape {
        ExceptionShape::Single { field, comp } => {
            let mut clause = String::new();
            for value in &ex.values {
                let Entry::Item(v) = value else {
                    return Err(validation_error(
                        "Expected values array to contain a list of strings",
                        ex,
                    ));
                };
                if clause.is_empty() {
                    clause = format!("({field} {comp} (");
                } else {
                    clause.push_str(", ");
                }
                used_fields.insert(field.clone());
                clause.push_str(&quote_item(v));
            }
            if !clause.is_empty() {
                clause.push_str("))");
            }
            Ok(clause)
        }
        ExceptionShape::Tuple { fields, comps } => {
            let mut clause = String::from("(");
            for (t, tuple) in ex.values.iter().enumerate() {
                let values: &[Entry] = match tuple {
                    Entry::List(v) => v,
                    Entry::Item(_) => &[],
                };
                if values.len() != fields.len() {
                    return Err(validation_error(
                        "Fields and values lists must have equal length",
                        ex,
                    ));
                }
                if t > 0 {
                    clause.push_str(" or ");
                }
                clause.push('(');
                for (k, ((field, comp), value)) in fields.iter().zip(comps).zip(values).enumerate()
                {
                    if k > 0 {
                        clause.push_str(" and ");
                    }
                    let rendered = match value {
                        Entry::List(items) => render_value_list(items),
                        Entry::Item(v) if is_operator_for_list(comp) => {
                            // A bare list name keeps working as a list reference.
                            if v.starts_with('(') {
                                v.clone()
                            } else {
                                format!("({v})")
                            }
                        }
                        Entry::Item(v) => quote_item(v),
                    };
                    clause.push(' ');
                    clause.push_str(field);
                    clause.push(' ');
                    clause.push_str(comp);
                    clause.push(' ');
                    clause.push_str(&rendered);
                    used_fields.insert(field.clone());
                }
                clause.push(')');
            }
            clause.push(')');
            if clause == "()" {
                clause.clear();
            }
            Ok(clause)
        }
    }
}

/// Appends the exceptions' clauses to a condition (Falco's `build_rule_exception_infos`):
/// `(cond)` followed by ` and not <clause>` for every exception with values.
///
/// `exceptions` pairs each exception with its validated form (see [`validate`]); `fields`
/// receives the fields of the exceptions that contributed values.
pub fn build_condition(
    cond: &str,
    exceptions: &[(&ExceptionInfo, &CheckedException)],
    fields: &mut BTreeSet<String>,
) -> Result<String, LoadError> {
    let mut out = format!("({cond})");
    for (ex, checked) in exceptions {
        let clause = exception_clause(ex, checked, fields)?;
        if !clause.is_empty() {
            out.push_str(" and not ");
            out.push_str(&clause);
        }
    }
    Ok(out)
}

/// Validates a rule's exceptions and applies them to its condition text; see [`rewrite`].
///
/// A rule without exceptions keeps its condition unchanged (no parentheses are added), as in
/// Falco.
pub fn rewrite_detailed(rule: &RuleInfo, schema: &SourceSchema) -> Result<Rewritten, LoadError> {
    let mut checked = Vec::with_capacity(rule.exceptions.len());
    for ex in &rule.exceptions {
        checked.push(validate(ex, Some(schema))?);
    }
    let mut fields = BTreeSet::new();
    let condition = if rule.exceptions.is_empty() {
        rule.cond.clone()
    } else {
        let pairs: Vec<(&ExceptionInfo, &CheckedException)> =
            rule.exceptions.iter().zip(&checked).collect();
        build_condition(&rule.cond, &pairs, &mut fields)?
    };
    Ok(Rewritten {
        condition,
        fields,
        exceptions: checked,
    })
}

/// Validates the rule's exceptions and returns its condition text with them applied
/// (`(cond) and not (...)`), before list substitution.
///
/// Errors are Falco's (`LOAD_ERR_VALIDATE`, the exception's context). Validation itself has no
/// warnings; the duplicate-name warning is given when reading (see [`warn_duplicate_names`]), so
/// `result` is left untouched here.
pub fn rewrite(
    rule: &RuleInfo,
    schema: &SourceSchema,
    result: &mut FileResult,
) -> Result<String, LoadError> {
    let _ = result;
    rewrite_detailed(rule, schema).map(|r| r.condition)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{ArgForm, EventTypeTable, FieldInfo, FieldRegistry, FieldType};
    use crate::load::info::Priority;
    use crate::result::{Context, ItemType, Location, Position};
    use std::sync::Arc;

    fn schema() -> SourceSchema {
        let mut fields = FieldRegistry::new();
        for name in [
            "evt.type",
            "proc.name",
            "proc.pname",
            "proc.cmdline",
            "fd.filename",
            "fd.name",
        ] {
            fields.add(FieldInfo::new(name, FieldType::CharBuf, "test field"));
        }
        fields.add(
            FieldInfo::new("proc.aname", FieldType::CharBuf, "ancestor").arg(ArgForm::Index, false),
        );
        SourceSchema::new("syscall", fields, EventTypeTable::single("open"))
    }

    fn ex_ctx(name: &str) -> Context {
        Context {
            locations: vec![Location {
                name: Arc::from("rules.yaml"),
                pos: Position {
                    offset: 120,
                    line: 7,
                    column: 6,
                },
                item_type: ItemType::Exception,
                item_name: name.to_string(),
            }],
            alt_content: None,
        }
    }

    fn item(s: &str) -> Entry {
        Entry::Item(s.to_string())
    }

    fn list(items: &[Entry]) -> Entry {
        Entry::List(items.to_vec())
    }

    fn items(names: &[&str]) -> Entry {
        Entry::List(names.iter().map(|s| item(s)).collect())
    }

    fn exception(
        name: &str,
        fields: Option<Entry>,
        comps: Option<Entry>,
        values: Vec<Entry>,
    ) -> ExceptionInfo {
        ExceptionInfo {
            ctx: ex_ctx(name),
            name: name.to_string(),
            fields,
            comps,
            values,
        }
    }

    fn rule(cond: &str, exceptions: Vec<ExceptionInfo>) -> RuleInfo {
        RuleInfo {
            ctx: Context::default(),
            cond_ctx: Context::default(),
            output_ctx: Context::default(),
            index: 0,
            visibility: 0,
            unknown_source: false,
            name: "test_rule".to_string(),
            cond: cond.to_string(),
            source: "syscall".to_string(),
            desc: String::new(),
            output: String::new(),
            tags: Default::default(),
            exceptions,
            priority: Priority::Informational,
            capture: false,
            capture_duration: 0,
            enabled: true,
            warn_evttypes: true,
            skip_if_unknown_filter: false,
            enforce: None,
        }
    }

    fn rewrite_ok(cond: &str, exceptions: Vec<ExceptionInfo>) -> String {
        let mut result = FileResult::new("rules.yaml");
        let got = rewrite(&rule(cond, exceptions), &schema(), &mut result);
        assert!(result.warnings.is_empty() && result.errors.is_empty());
        match got {
            Ok(text) => text,
            Err(e) => panic!("unexpected error: {e:?}"),
        }
    }

    fn rewrite_err(exceptions: Vec<ExceptionInfo>) -> LoadError {
        match rewrite_detailed(
            &rule("evt.type=open and proc.name=cat", exceptions),
            &schema(),
        ) {
            Ok(r) => panic!("expected an error, got {:?}", r.condition),
            Err(e) => e,
        }
    }

    #[test]
    fn falco_unit_test_expectations() {
        // (falco unit_tests/engine/test_rule_loader.cpp) condition, fields, comps, one tuple of
        // values, expected text. The expected canonical strings there are these texts parsed.
        let cases: Vec<(&str, Entry, Entry, Entry, &str)> = vec![
            (
                "proc.cmdline contains curl or proc.cmdline contains wget",
                items(&["proc.cmdline"]),
                items(&["contains"]),
                items(&["curl 127.0.0.1"]),
                "(proc.cmdline contains curl or proc.cmdline contains wget) and not \
                 (( proc.cmdline contains \"curl 127.0.0.1\"))",
            ),
            (
                "evt.type = open",
                items(&["proc.name"]),
                items(&["="]),
                items(&["proc.pname"]),
                "(evt.type = open) and not (( proc.name = proc.pname))",
            ),
            (
                "evt.type = open",
                items(&["proc.name"]),
                items(&["="]),
                items(&["proc.pname "]),
                "(evt.type = open) and not (( proc.name = \"proc.pname \"))",
            ),
            (
                "evt.type = open",
                items(&["proc.name"]),
                items(&["="]),
                items(&["toupper(proc.pname)"]),
                "(evt.type = open) and not (( proc.name = toupper(proc.pname)))",
            ),
            (
                "evt.type = open",
                items(&["proc.name"]),
                items(&["="]),
                items(&["toupper( proc.pname)"]),
                "(evt.type = open) and not (( proc.name = \"toupper( proc.pname)\"))",
            ),
            (
                "evt.type = open",
                items(&["tolower(proc.name)"]),
                items(&["="]),
                items(&["test"]),
                "(evt.type = open) and not (( tolower(proc.name) = test))",
            ),
            (
                "evt.type = open",
                items(&["tolower( proc.name)"]),
                items(&["="]),
                items(&["test"]),
                "(evt.type = open) and not (( tolower( proc.name) = test))",
            ),
            (
                "evt.type = open",
                items(&["proc.name"]),
                items(&["startswith oneof"]),
                list(&[items(&["sshd", "sudo", "systemd"])]),
                "(evt.type = open) and not (( proc.name startswith oneof (sshd, sudo, systemd)))",
            ),
        ];
        for (cond, fields, comps, values, want) in cases {
            let ex = exception("test_exception", Some(fields), Some(comps), vec![values]);
            assert_eq!(rewrite_ok(cond, vec![ex]), want, "condition {cond:?}");
        }
    }

    #[test]
    fn tuples_lists_and_list_references() {
        // (falcosecurity/testing exceptions.go) quoted, values-list and list-reference vectors.
        let fields = || Some(items(&["proc.name", "proc.cmdline"]));
        let cases: Vec<(Option<Entry>, Vec<Entry>, &str)> =
            vec![
            (
                None,
                vec![items(&["not-cat", "not-cat"]), items(&["cat", "\"cat /dev/null\""])],
                "(( proc.name = not-cat and  proc.cmdline = not-cat) or \
                 ( proc.name = cat and  proc.cmdline = \"cat /dev/null\"))",
            ),
            (
                Some(items(&["=", "in"])),
                vec![list(&[item("cat"), items(&["cat /dev/zero", "cat /dev/null"])])],
                "(( proc.name = cat and  proc.cmdline in (\"cat /dev/zero\", \"cat /dev/null\")))",
            ),
            (
                Some(items(&["=", "in"])),
                vec![items(&["cat", "(cat_cmdlines)"])],
                "(( proc.name = cat and  proc.cmdline in (cat_cmdlines)))",
            ),
            (
                Some(items(&["=", "in"])),
                vec![items(&["cat", "cat_cmdlines"])],
                "(( proc.name = cat and  proc.cmdline in (cat_cmdlines)))",
            ),
            (
                Some(items(&["=", "pmatch"])),
                vec![items(&["cat", "/tmp /x"])],
                "(( proc.name = cat and  proc.cmdline pmatch (/tmp /x)))",
            ),
            (
                Some(items(&["=", " endswith anyof\t"])),
                vec![list(&[item("cat"), list(&[item("a"), list(&[item("n")])])])],
                "(( proc.name = cat and  proc.cmdline endswith anyof (a, )))",
            ),
        ];
        for (comps, values, clause) in cases {
            let ex = exception("proc_name_cmdline", fields(), comps, values);
            let want = format!("(evt.type=open and proc.name=cat) and not {clause}");
            assert_eq!(
                rewrite_ok("evt.type=open and proc.name=cat", vec![ex]),
                want
            );
        }
    }

    #[test]
    fn single_field_form() {
        let cases: Vec<(Option<Entry>, Vec<Entry>, &str)> = vec![
            (
                Some(item("in")),
                vec![item("cat /dev/zero"), item("cat /dev/null")],
                " and not (proc.cmdline in (\"cat /dev/zero\", \"cat /dev/null\"))",
            ),
            (None, vec![item("cat")], " and not (proc.cmdline in (cat))"),
            (
                Some(item(" pmatch ")),
                vec![item("/a"), item("/b")],
                " and not (proc.cmdline pmatch (/a, /b))",
            ),
            (
                Some(item("contains allof")),
                vec![item("x")],
                " and not (proc.cmdline contains allof (x))",
            ),
            (Some(items(&[])), vec![], ""),
        ];
        for (comps, values, tail) in cases {
            let ex = exception("proc_cmdline", Some(item("proc.cmdline")), comps, values);
            assert_eq!(rewrite_ok("a", vec![ex]), format!("(a){tail}"));
        }
    }

    #[test]
    fn exceptions_without_values_add_nothing_but_keep_parentheses() {
        let exs = vec![
            exception("proc_name", Some(items(&["proc.name"])), None, vec![]),
            exception(
                "proc_name_contains",
                Some(items(&["proc.name"])),
                Some(items(&["contains"])),
                vec![items(&["cat"])],
            ),
            exception(
                "proc_name_cmdline",
                Some(items(&["proc.name", "proc.cmdline"])),
                None,
                vec![],
            ),
        ];
        let rule = rule("evt.type=open and proc.name=cat", exs);
        let got = match rewrite_detailed(&rule, &schema()) {
            Ok(r) => r,
            Err(e) => panic!("{e:?}"),
        };
        assert_eq!(
            got.condition,
            "(evt.type=open and proc.name=cat) and not (( proc.name contains cat))"
        );
        assert_eq!(
            got.fields.into_iter().collect::<Vec<_>>(),
            vec!["proc.name"]
        );
        assert_eq!(got.exceptions[0].comps(), vec!["="]);
        assert_eq!(got.exceptions[1].comps(), vec!["contains"]);
        assert_eq!(got.exceptions[2].comps(), vec!["=", "="]);
        // No exceptions at all: the condition is untouched.
        assert_eq!(rewrite_ok("evt.type=open", vec![]), "evt.type=open");
    }

    #[test]
    fn validation_errors_use_falco_messages_and_the_exception_context() {
        let two = || Some(items(&["proc.name", "fd.filename"]));
        let cases: Vec<(ExceptionInfo, &str)> = vec![
            (exception("ex1", None, None, vec![]), "Rule exception item must have fields property with a list of fields"),
            (exception("ex1", Some(items(&[])), None, vec![]), "Rule exception item must have fields property with a list of fields"),
            (exception("ex1", two(), Some(items(&["="])), vec![]), "Fields and comps lists must have equal length"),
            (exception("ex1", two(), Some(item("=")), vec![]), "Fields and comps lists must have equal length"),
            (exception("ex1", two(), Some(items(&["=", "no-comp"])), vec![]), "'no-comp' is not a supported comparison operator"),
            (exception("ex1", two(), Some(items(&["=", "in oneof"])), vec![]), "'in oneof' is not a supported comparison operator"),
            (exception("ex1", two(), Some(items(&["=", "startswith  oneof"])), vec![]), "'startswith  oneof' is not a supported comparison operator"),
            (exception("ex1", Some(items(&["not.exist"])), None, vec![]), "'not.exist' is not a supported filter field"),
            (exception("ex1", Some(items(&["proc.name "])), None, vec![]), "'proc.name ' is not a supported filter field"),
            (exception("ex1", Some(items(&["tolower(not.exist)"])), None, vec![]), "'tolower(not.exist)' is not a supported filter field"),
            (exception("ex1", Some(items(&["nope(proc.name)"])), None, vec![]), "'nope(proc.name)' is not a supported filter field"),
            (exception("ex1", two(), None, vec![items(&["nginx"])]), "Fields and values lists must have equal length"),
            (exception("ex1", two(), None, vec![item("nginx")]), "Fields and values lists must have equal length"),
            (exception("ex1", Some(item("proc.name")), Some(items(&["in"])), vec![]), "Fields and comps must both be strings"),
            (
                exception("ex1", Some(item("proc.name")), Some(item("=")), vec![]),
                "When fields is a single value, comps must be one of (in, pmatch, intersects) or a modifier operator (e.g. startswith oneof)",
            ),
            (exception("ex1", Some(item("not.exist")), None, vec![]), "'not.exist' is not a supported filter field"),
            (exception("ex1", Some(item("proc.name")), None, vec![items(&["a"])]), "Expected values array to contain a list of strings"),
        ];
        for (ex, message) in cases {
            let err = rewrite_err(vec![ex]);
            assert_eq!(err.message, message);
            assert_eq!(err.code, ErrorCode::Validate);
            assert_eq!(err.context, ex_ctx("ex1"));
        }
    }

    #[test]
    fn fields_with_arguments_and_unknown_sources() {
        let ex = exception(
            "ex",
            Some(items(&["proc.aname[2]"])),
            None,
            vec![items(&["bash"])],
        );
        assert_eq!(
            rewrite_ok("a", vec![ex.clone()]),
            "(a) and not (( proc.aname[2] = bash))"
        );
        let bad = exception("ex", Some(items(&["proc.aname[x]"])), None, vec![]);
        assert!(validate(&bad, Some(&schema())).is_err());
        // Without a schema (unknown source) fields are not checked, operators still are.
        assert!(validate(&bad, None).is_ok());
        let bad_op = exception("ex", Some(items(&["x.y"])), Some(items(&["~"])), vec![]);
        assert!(validate(&bad_op, None).is_err());
    }
}
