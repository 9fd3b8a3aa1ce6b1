//! From collected items to compiled rules.
//!
//! The order is Falco's (`rule_loader::compiler::compile`): lists (items expanded), then macros
//! (each parsed on its own after list substitution, then expanded with the macros visible to
//! it), then rules (exceptions rewritten into the condition text, output checked, lists
//! substituted, parsed, macros expanded on the tree, fields resolved and type-checked, event
//! types extracted). The first error stops everything, as Falco's exception does; warnings
//! accumulate. On success, macros and lists nobody used are reported.
//!
//! Positions inside conditions follow Falco's conventions, quirks included: a parse error points
//! into the list-substituted text (which is also the snippet text); macro and type errors carry
//! the position of the node in the parsed text but the snippet text of the condition *before*
//! list substitution; and nodes that came from a macro keep the offsets of the macro's own text.

pub mod check;
pub mod evttypes;
pub mod exceptions;
pub mod lists;
pub mod macros;
pub mod output;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::ast::Expr;
use crate::fields::{EventTypeSet, FieldFlags, SourceSchema};
use crate::load::collector::Collector;
use crate::load::info::{Entry, ListInfo, MacroInfo, RuleInfo};
use crate::parse::{parse_condition_with, ParseOptions, ParsePos};
use crate::result::{
    Context, ErrorCode, FileResult, ItemType, LoadError, LoadWarning, Location, Position,
    WarningCode,
};
use crate::ruleset::{CompiledList, CompiledMacro, CompiledRule, EngineConfig};

use evttypes::EvttypeOptions;

/// What a successful compile produces.
#[derive(Debug, Clone, Default)]
pub struct CompileOutput {
    /// Every list, in index order.
    pub lists: Vec<CompiledList>,
    /// Every macro, in index order.
    pub macros: Vec<CompiledMacro>,
    /// Every rule that compiled (rules of unknown sources and rules skipped by
    /// `skip-if-unknown-filter` are absent), in index order.
    pub rules: Vec<CompiledRule>,
}

/// The message for a condition that matches too many event types (LOAD_NO_EVTTYPE).
pub const NO_EVTTYPE_MESSAGE: &str =
    "Rule matches too many evt.type values. This has a significant performance penalty.";

/// Falco's deprecated syscall fields and the warning text for their use in a condition.
const FALCO_DEPRECATED_FIELDS: &[(&str, &str)] = &[
    ("evt.dir", "due to the drop of enter events, 'evt.dir = <' always evaluates to true, and 'evt.dir = >' always evaluates to false. The rule expression can be simplified by removing the condition on 'evt.dir'"),
    ("evt.latency", LATENCY_DESC),
    ("evt.latency.s", LATENCY_DESC),
    ("evt.latency.ns", LATENCY_DESC),
    ("evt.latency.human", LATENCY_DESC),
    ("evt.wait_latency", LATENCY_DESC),
];
const LATENCY_DESC: &str = "field is not available due to the drop of enter events.";

/// True for the compile errors `skip-if-unknown-filter` turns into warnings.
pub fn is_unknown_type_or_field(message: &str) -> bool {
    [
        "nonexistent field",
        "invalid formatting token",
        "unknown event type",
        "unknown filter:",
    ]
    .iter()
    .any(|k| message.contains(k))
}

/// A context for a position inside a condition (Falco's condition-expression context): the
/// location is named after the condition's first characters, its position is the parser
/// position added to the parent's innermost position, and snippets are cut from `condition`.
pub fn condition_context(pos: ParsePos, condition: &str, parent: &Context) -> Context {
    let mut name = String::from("\"");
    if condition.len() > 20 {
        let mut end = 17;
        while !condition.is_char_boundary(end) {
            end -= 1;
        }
        name.push_str(&condition[..end]);
        name.push_str("...\"");
    } else {
        name.push_str(condition);
        name.push('"');
    }
    let name = name.replace(['\n', '\r'], " ");
    let last = parent.locations.last().map(|l| l.pos).unwrap_or_default();
    let mut ctx = parent.clone();
    ctx.locations.push(Location {
        name: Arc::from(name),
        pos: Position {
            offset: pos.idx + last.offset,
            line: pos.line + last.line,
            column: pos.col + last.column,
        },
        item_type: ItemType::ConditionExpression,
        item_name: String::new(),
    });
    ctx.alt_content = Some(Arc::from(condition));
    ctx
}

fn load_error(code: ErrorCode, message: impl Into<String>, context: Context) -> LoadError {
    LoadError {
        code,
        message: message.into(),
        context,
    }
}

/// Compiles everything collected so far. Warnings go to `res`; the first error is returned.
pub fn compile(
    col: &Collector,
    config: &EngineConfig,
    res: &mut FileResult,
) -> Result<CompileOutput, LoadError> {
    let parse_opts = ParseOptions {
        max_depth: config.max_condition_depth,
    };
    let limits = macros::Limits::default();

    // Lists.
    let list_infos: Vec<&ListInfo> = col.lists.iter().collect();
    let expanded = lists::expand(&list_infos);
    let mut list_used = vec![false; list_infos.len()];
    for l in &expanded {
        for &r in &l.referenced {
            if let Some(u) = list_used.get_mut(r) {
                *u = true;
            }
        }
    }
    let pairs: Vec<(&str, &[String])> = list_infos
        .iter()
        .zip(&expanded)
        .map(|(info, e)| (info.name.as_str(), e.items.as_slice()))
        .collect();
    let subst = lists::Substituter::new(&pairs);

    // Macros: parse each condition on its own.
    let macro_infos: Vec<&MacroInfo> = col.macros.iter().collect();
    let mut parsed = Vec::with_capacity(macro_infos.len());
    let mut macro_texts = Vec::with_capacity(macro_infos.len());
    for m in &macro_infos {
        let text = subst.substitute(&m.cond, &mut list_used);
        let tree = parse_condition_with(&text, &parse_opts).map_err(|e| {
            load_error(
                ErrorCode::CompileCondition,
                e.message,
                condition_context(e.pos, &text, &m.cond_ctx),
            )
        })?;
        parsed.push(tree);
        macro_texts.push(text);
    }
    let by_name: HashMap<&str, usize> = macro_infos
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name.as_str(), i))
        .collect();
    let mut macro_used = vec![false; macro_infos.len()];

    // Macros: expand each with the macros it may see, in index order; a macro expanded earlier
    // is taken expanded, a later one as parsed (and expanded inside the copy), as Falco does.
    let mut expanded_macros: Vec<Option<Expr>> = vec![None; macro_infos.len()];
    for (i, m) in macro_infos.iter().enumerate() {
        let mut tree = parsed[i].clone();
        let outcome = {
            let lookup = |name: &str| -> Option<&Expr> {
                let j = *by_name.get(name)?;
                (macro_infos[j].index < m.visibility)
                    .then(|| expanded_macros[j].as_ref().unwrap_or(&parsed[j]))
            };
            macros::expand(&mut tree, &lookup, limits)
        };
        match outcome {
            Ok(names) => mark_used(&names, &by_name, &mut macro_used),
            Err(e) => return Err(macro_error(&e, &macro_texts[i], &m.cond, &m.ctx)),
        }
        expanded_macros[i] = Some(tree);
    }
    let macro_trees: Vec<Expr> = expanded_macros
        .into_iter()
        .zip(&parsed)
        .map(|(e, p)| e.unwrap_or_else(|| p.clone()))
        .collect();

    // Rules.
    let mut rules = Vec::new();
    for r in col.rules.iter() {
        if r.unknown_source {
            continue;
        }
        let Some(schema) = config.source(&r.source) else {
            return Err(load_error(
                ErrorCode::Validate,
                format!("Unknown source at compile-time{}", r.source),
                r.ctx.clone(),
            ));
        };
        let ctx = RuleCtx {
            config,
            schema,
            subst: &subst,
            parse_opts,
            limits,
            by_name: &by_name,
            macro_trees: &macro_trees,
        };
        if let Some(rule) = ctx.compile_rule(r, res, &mut list_used, &mut macro_used)? {
            rules.push(rule);
        }
    }

    for (m, used) in macro_infos.iter().zip(&macro_used) {
        if !used {
            res.warn(
                WarningCode::UnusedMacro,
                "Macro not referred to by any other rule/macro",
                &m.ctx,
            );
        }
    }
    for (l, used) in list_infos.iter().zip(&list_used) {
        if !used {
            res.warn(
                WarningCode::UnusedList,
                "List not referred to by any other rule/macro",
                &l.ctx,
            );
        }
    }

    Ok(CompileOutput {
        lists: list_infos
            .iter()
            .zip(expanded)
            .zip(&list_used)
            .map(|((info, e), used)| CompiledList {
                info: (*info).clone(),
                items: e.items,
                used: *used,
            })
            .collect(),
        macros: macro_infos
            .iter()
            .zip(parsed)
            .zip(&macro_used)
            .map(|((info, condition), used)| CompiledMacro {
                info: (*info).clone(),
                condition,
                used: *used,
            })
            .collect(),
        rules,
    })
}

fn mark_used(names: &[String], by_name: &HashMap<&str, usize>, used: &mut [bool]) {
    for n in names {
        if let Some(u) = by_name.get(n.as_str()).and_then(|&i| used.get_mut(i)) {
            *u = true;
        }
    }
}

/// A macro expansion error, positioned in the parsed text, with the unsubstituted condition as
/// snippet text and the item (not the condition) as parent, as Falco reports it.
fn macro_error(
    e: &macros::MacroError,
    parsed_text: &str,
    cond: &str,
    parent: &Context,
) -> LoadError {
    let code = match e {
        macros::MacroError::Reference { .. } => ErrorCode::Validate,
        macros::MacroError::Limit { .. } => ErrorCode::CompileCondition,
    };
    let pos = ParsePos::at(parsed_text, e.offset() as usize);
    load_error(code, e.message(), condition_context(pos, cond, parent))
}

/// What compiling one rule needs from the surrounding compile.
struct RuleCtx<'a> {
    config: &'a EngineConfig,
    schema: &'a SourceSchema,
    subst: &'a lists::Substituter<'a>,
    parse_opts: ParseOptions,
    limits: macros::Limits,
    by_name: &'a HashMap<&'a str, usize>,
    macro_trees: &'a [Expr],
}

impl RuleCtx<'_> {
    /// Compiles one rule; `Ok(None)` when `skip-if-unknown-filter` drops it.
    fn compile_rule(
        &self,
        r: &RuleInfo,
        res: &mut FileResult,
        list_used: &mut [bool],
        macro_used: &mut [bool],
    ) -> Result<Option<CompiledRule>, LoadError> {
        let cond = if r.exceptions.is_empty() {
            r.cond.clone()
        } else {
            exceptions::rewrite(r, self.schema, res)?
        };

        // Output.
        let output = match output::strip_container_info(&r.output) {
            Some(stripped) => {
                res.warn(
                    WarningCode::DeprecatedItem,
                    output::CONTAINER_INFO_DEPRECATED,
                    &r.ctx,
                );
                stripped
            }
            None => r.output.clone(),
        };
        let out_info = match output::check(&output, self.schema) {
            Ok(info) => info,
            Err(msg) if r.skip_if_unknown_filter && is_unknown_type_or_field(&msg) => {
                res.warn(WarningCode::UnknownFilter, msg, &r.output_ctx);
                return Ok(None);
            }
            Err(msg) => {
                return Err(load_error(
                    ErrorCode::CompileOutput,
                    msg,
                    r.output_ctx.clone(),
                ))
            }
        };
        for field in &out_info.deprecated {
            res.warnings.push(LoadWarning {
                code: WarningCode::DeprecatedItem,
                message: output::deprecated_field_message(field),
                context: r.output_ctx.clone(),
                deprecated_field: Some(field.clone()),
            });
        }

        // Condition: lists, parse, macros.
        let text = self.subst.substitute(&cond, list_used);
        let mut tree = parse_condition_with(&text, &self.parse_opts).map_err(|e| {
            load_error(
                ErrorCode::CompileCondition,
                e.message,
                condition_context(e.pos, &text, &r.cond_ctx),
            )
        })?;
        let lookup = |name: &str| self.by_name.get(name).map(|&j| &self.macro_trees[j]);
        match macros::expand(&mut tree, &lookup, self.limits) {
            Ok(names) => mark_used(&names, self.by_name, macro_used),
            Err(e) => return Err(macro_error(&e, &text, &cond, &r.ctx)),
        }

        // Falco's warning resolver runs before the compiler, positioned at the condition start.
        let start = ParsePos {
            idx: 0,
            line: 0,
            col: 0,
        };
        if check::has_unsafe_na_check(&tree) {
            res.warn(
                WarningCode::UnsafeNaCheck,
                "",
                &condition_context(start, &cond, &r.cond_ctx),
            );
        }
        for (field, desc) in self.deprecated_condition_fields(&tree) {
            res.warnings.push(LoadWarning {
                code: WarningCode::DeprecatedItem,
                message: desc,
                context: condition_context(start, &cond, &r.cond_ctx),
                deprecated_field: Some(field),
            });
        }

        // Type checks.
        let at = |offset: u32| {
            condition_context(ParsePos::at(&text, offset as usize), &cond, &r.cond_ctx)
        };
        match check::check_condition(&tree, self.schema) {
            Ok(warnings) => {
                for w in warnings {
                    res.warn(WarningCode::CompileCondition, w.message, &at(w.offset));
                }
            }
            Err(e) if r.skip_if_unknown_filter && is_unknown_type_or_field(&e.message) => {
                res.warn(WarningCode::UnknownFilter, e.message, &at(e.offset));
                return Ok(None);
            }
            Err(e) => {
                return Err(load_error(
                    ErrorCode::CompileCondition,
                    e.message,
                    at(e.offset),
                ))
            }
        }

        // Event types.
        let opts = EvttypeOptions {
            evt_num_invariants: self.config.evt_num_invariants,
        };
        let codes = evttypes::event_codes(&tree, &self.schema.event_types, opts)
            .map_err(|e| load_error(ErrorCode::CompileCondition, e.to_string(), at(e.offset())))?;
        if r.source == "syscall" && r.warn_evttypes {
            // Falco 0.44 also warns on an empty (unsatisfiable) set; the libsinsp revision that
            // introduced the evt.num invariants stopped doing so.
            let empty_warns = !self.config.evt_num_invariants;
            if codes.len() > 100 || (empty_warns && codes.is_empty()) {
                res.warn(WarningCode::NoEvttype, NO_EVTTYPE_MESSAGE, &r.ctx);
            }
        }
        let evttypes: EventTypeSet = codes.union(&self.schema.always_codes).iter().collect();
        let mut evttype_names: Vec<String> = evttypes
            .iter()
            .filter_map(|c| self.schema.event_types.name(c).map(str::to_string))
            .collect();
        evttype_names.sort();
        evttype_names.dedup();

        let (exception_fields, exception_names, exception_operators) = exception_details(r);
        Ok(Some(CompiledRule {
            info: r.clone(),
            condition: tree,
            output,
            output_fields: out_info.fields,
            condition_codes: codes,
            evttypes,
            evttype_names,
            exception_fields,
            exception_names,
            exception_operators,
        }))
    }

    /// Deprecated fields read by the condition, each once, with Falco's message.
    fn deprecated_condition_fields(&self, tree: &Expr) -> Vec<(String, String)> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for f in check::lhs_fields(tree) {
            let falco = FALCO_DEPRECATED_FIELDS.iter().find(|(n, _)| *n == f.name);
            let flagged = self
                .schema
                .fields
                .resolve(&f.name, f.arg.as_deref())
                .is_ok_and(|(info, _)| info.flags.contains(FieldFlags::DEPRECATED));
            if (falco.is_some() || flagged) && seen.insert(f.name.clone()) {
                let desc = match falco {
                    Some((_, d)) => d.to_string(),
                    None => format!(
                        "usage of deprecated field '{}' has been detected in the rule condition",
                        f.name
                    ),
                };
                out.push((f.name.clone(), desc));
            }
        }
        out
    }
}

/// The exception fields (those that contributed to the condition), names and operators of a
/// rule, for `-L`.
fn exception_details(r: &RuleInfo) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    fn scalars(e: &Entry, out: &mut BTreeSet<String>) {
        match e {
            Entry::Item(s) => {
                out.insert(s.clone());
            }
            Entry::List(items) => {
                for i in items {
                    scalars(i, out);
                }
            }
        }
    }
    let mut fields = BTreeSet::new();
    let mut names = BTreeSet::new();
    let mut operators = BTreeSet::new();
    for ex in &r.exceptions {
        names.insert(ex.name.clone());
        if !ex.values.is_empty() {
            if let Some(f) = &ex.fields {
                scalars(f, &mut fields);
            }
        }
        match (&ex.comps, &ex.fields) {
            (Some(c), _) => scalars(c, &mut operators),
            (None, Some(Entry::List(_))) => {
                operators.insert("=".to_string());
            }
            (None, _) => {
                operators.insert("in".to_string());
            }
        }
    }
    (fields, names, operators)
}
