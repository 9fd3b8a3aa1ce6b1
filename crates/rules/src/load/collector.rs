//! Merging item definitions across files.
//!
//! The collector is Falco's `rule_loader::collector`: every item read from every rules file is
//! handed to it in order, and it keeps the merged state the compiler works from. Redefining a
//! list, macro or rule replaces it wholesale but keeps the slot (and so the evaluation order) of
//! the first definition; `append` and `override` update an existing definition in place. Every
//! define/append/replace takes the next value of a running counter: the item's `index` on first
//! definition and its `visibility` each time, which the compiler uses to decide which lists and
//! macros an item may see. Errors carry Falco's exact messages, with code `LOAD_ERR_VALIDATE`.

use std::collections::{BTreeSet, HashMap};

use crate::ast::CmpOp;
use crate::load::info::{
    EngineVersionInfo, Entry, ExceptionInfo, ListInfo, MacroInfo, PluginVersionInfo, Priority,
    RuleInfo, Version,
};
use crate::result::{Context, ErrorCode, FileResult, LoadError, WarningCode};

/// The engine version this engine reports (Falco's `FALCO_ENGINE_VERSION` at the reference
/// snapshot), against which `required_engine_version` is checked.
pub const ENGINE_VERSION: Version = Version {
    major: 0,
    minor: 63,
    patch: 0,
};

/// Message when a list append has no base list.
pub const ERROR_NO_PREVIOUS_LIST: &str =
    "List uses 'append' or 'override.items: append' but no list by that name already exists";
/// Message when a macro append has no base macro.
pub const ERROR_NO_PREVIOUS_MACRO: &str =
    "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists";
/// Message when a rule append has no base rule.
pub const ERROR_NO_PREVIOUS_RULE_APPEND: &str =
    "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists";
/// Message when a rule replace has no base rule.
pub const ERROR_NO_PREVIOUS_RULE_REPLACE: &str =
    "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists";

/// Questions the collector asks about event sources.
///
/// Any `Fn(&str) -> bool` answering "is this source known" implements it (and then accepts every
/// exception field); an engine that knows its sources' fields overrides
/// [`SourceCheck::is_valid_lhs_field`] to get Falco's `'<f>' is not a supported filter field`.
pub trait SourceCheck {
    /// Is `source` a known event source?
    fn is_known(&self, source: &str) -> bool;

    /// Can `field` (possibly wrapped in transformers) be the left side of a check in `source`?
    fn is_valid_lhs_field(&self, source: &str, field: &str) -> bool {
        let _ = (source, field);
        true
    }
}

impl<F: Fn(&str) -> bool + ?Sized> SourceCheck for F {
    fn is_known(&self, source: &str) -> bool {
        self(source)
    }
}

/// An ordered store keyed by name (Falco's `indexed_vector`): inserting an existing name
/// overwrites the item in its original slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedItems<T> {
    items: Vec<T>,
    by_name: HashMap<String, usize>,
}

impl<T> Default for IndexedItems<T> {
    fn default() -> Self {
        IndexedItems {
            items: Vec::new(),
            by_name: HashMap::new(),
        }
    }
}

impl<T> IndexedItems<T> {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True if empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The item with this name.
    pub fn get(&self, name: &str) -> Option<&T> {
        self.by_name.get(name).and_then(|&i| self.items.get(i))
    }

    /// The item with this name, mutably.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut T> {
        let i = *self.by_name.get(name)?;
        self.items.get_mut(i)
    }

    /// The item in slot `i`.
    pub fn at(&self, i: usize) -> Option<&T> {
        self.items.get(i)
    }

    /// Items in slot order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// Items in slot order, mutably.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    /// Inserts `item` under `name`, overwriting an existing item in its slot; returns the slot.
    pub fn insert(&mut self, name: &str, item: T) -> usize {
        if let Some(&i) = self.by_name.get(name) {
            if let Some(slot) = self.items.get_mut(i) {
                *slot = item;
                return i;
            }
        }
        let i = self.items.len();
        self.items.push(item);
        self.by_name.insert(name.to_string(), i);
        i
    }
}

impl<'a, T> IntoIterator for &'a IndexedItems<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// An `append` or `override` update of an existing rule (Falco's `rule_update_info`): only the
/// keys present are applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleUpdateInfo {
    /// Where the update item is.
    pub ctx: Context,
    /// Where its condition is (legacy `append: true` form).
    pub cond_ctx: Context,
    /// The rule it updates.
    pub name: String,
    /// The source it names (empty if it names none): must match the rule's when both are set.
    pub source: String,
    /// `condition`.
    pub cond: Option<String>,
    /// `output`.
    pub output: Option<String>,
    /// `desc`.
    pub desc: Option<String>,
    /// `tags`.
    pub tags: Option<BTreeSet<String>>,
    /// `exceptions`.
    pub exceptions: Option<Vec<ExceptionInfo>>,
    /// `priority` (replace only).
    pub priority: Option<Priority>,
    /// `capture` (replace only).
    pub capture: Option<bool>,
    /// `capture_duration` (replace only).
    pub capture_duration: Option<u32>,
    /// `enabled` (replace only).
    pub enabled: Option<bool>,
    /// `warn_evttypes` (replace only).
    pub warn_evttypes: Option<bool>,
    /// `skip-if-unknown-filter` (replace only).
    pub skip_if_unknown_filter: Option<bool>,
}

impl RuleUpdateInfo {
    /// An update carrying nothing yet.
    pub fn new(ctx: Context, name: impl Into<String>) -> RuleUpdateInfo {
        RuleUpdateInfo {
            cond_ctx: ctx.clone(),
            ctx,
            name: name.into(),
            source: String::new(),
            cond: None,
            output: None,
            desc: None,
            tags: None,
            exceptions: None,
            priority: None,
            capture: None,
            capture_duration: None,
            enabled: None,
            warn_evttypes: None,
            skip_if_unknown_filter: None,
        }
    }

    /// True if any key is set.
    pub fn has_any_value(&self) -> bool {
        self.cond.is_some()
            || self.output.is_some()
            || self.desc.is_some()
            || self.tags.is_some()
            || self.exceptions.is_some()
            || self.priority.is_some()
            || self.enabled.is_some()
            || self.capture.is_some()
            || self.capture_duration.is_some()
            || self.warn_evttypes.is_some()
            || self.skip_if_unknown_filter.is_some()
    }
}

/// The merged state of every item read so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collector {
    /// Lists, in first-definition order.
    pub lists: IndexedItems<ListInfo>,
    /// Macros, in first-definition order.
    pub macros: IndexedItems<MacroInfo>,
    /// Rules, in first-definition order (= evaluation order).
    pub rules: IndexedItems<RuleInfo>,
    /// The highest `required_engine_version` seen, if any was above 0.0.0.
    pub required_engine_version: Option<EngineVersionInfo>,
    /// Every `required_plugin_versions` entry, in order.
    pub required_plugin_versions: Vec<PluginVersionInfo>,
    engine_version: Version,
    cur_index: usize,
}

impl Default for Collector {
    fn default() -> Self {
        Collector::new()
    }
}

/// A `LOAD_ERR_VALIDATE` error.
fn invalid(message: impl Into<String>, ctx: &Context) -> LoadError {
    LoadError {
        code: ErrorCode::Validate,
        message: message.into(),
        context: ctx.clone(),
    }
}

/// Items that live in an [`IndexedItems`] and carry definition bookkeeping.
trait Defined {
    fn name(&self) -> &str;
    fn set_order(&mut self, index: usize, visibility: usize);
    fn index(&self) -> usize;
}

macro_rules! defined {
    ($($t:ty),*) => {$(
        impl Defined for $t {
            fn name(&self) -> &str {
                &self.name
            }
            fn set_order(&mut self, index: usize, visibility: usize) {
                self.index = index;
                self.visibility = visibility;
            }
            fn index(&self) -> usize {
                self.index
            }
        }
    )*};
}
defined!(ListInfo, MacroInfo, RuleInfo);

/// Falco's `define_info`: a redefinition replaces the whole item (its context included) but keeps
/// the first definition's index.
fn define_info<T: Defined>(store: &mut IndexedItems<T>, mut info: T, id: usize) {
    let index = store.get(info.name()).map_or(id, Defined::index);
    info.set_order(index, id);
    let name = info.name().to_string();
    store.insert(&name, info);
}

/// libsinsp's version parsing (`sscanf("%u.%u.%u")`): leading blanks and a sign are accepted per
/// number, anything after the third number is ignored.
pub fn parse_sinsp_version(s: &str) -> Option<Version> {
    let mut rest = s;
    let mut nums = [0u64; 3];
    for (i, slot) in nums.iter_mut().enumerate() {
        if i > 0 {
            rest = rest.strip_prefix('.')?;
        }
        rest = rest.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
        let (neg, r) = match rest.as_bytes().first() {
            Some(b'-') => (true, rest.get(1..)?),
            Some(b'+') => (false, rest.get(1..)?),
            _ => (false, rest),
        };
        let end = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
        let digits = r.get(..end)?;
        if digits.is_empty() {
            return None;
        }
        // strtoul saturates on overflow; the value is then stored into a 32-bit unsigned.
        let v = digits.parse::<u64>().unwrap_or(u64::MAX);
        let v = if neg { v.wrapping_neg() } else { v };
        *slot = u64::from(v as u32);
        rest = r.get(end..)?;
    }
    Some(Version {
        major: nums[0],
        minor: nums[1],
        patch: nums[2],
    })
}

/// Trims ASCII blanks the way Falco normalises exception comparison operators.
fn normalize_comp(s: &str) -> String {
    s.trim_matches([' ', '\t', '\r', '\n']).to_string()
}

/// Falco's `is_str_operator_with_modifier`: `<op> <modifier>` with exactly one space, a modifier
/// of `oneof`/`anyof`/`allof` and an operator that accepts modifiers.
fn is_operator_with_modifier(s: &str) -> bool {
    let Some((op, modifier)) = s.split_once(' ') else {
        return false;
    };
    matches!(modifier, "oneof" | "anyof" | "allof")
        && CmpOp::from_name(op).is_some_and(CmpOp::accepts_modifier)
}

/// Is `s` one of the parser's operators (`exists` included)?
fn is_operator(s: &str) -> bool {
    s == "exists" || CmpOp::from_name(s).is_some()
}

/// Falco's `validate_exception_info`: fills default comps and checks operators and fields.
/// `source` is the rule's source when known (field checks are skipped otherwise).
fn validate_exception(
    source: Option<&str>,
    ex: &mut ExceptionInfo,
    sources: &dyn SourceCheck,
) -> Result<(), LoadError> {
    let ctx = ex.ctx.clone();
    let check_field = |f: &str| -> Result<(), LoadError> {
        match source {
            Some(src) if !sources.is_valid_lhs_field(src, f) => Err(invalid(
                format!("'{f}' is not a supported filter field"),
                &ctx,
            )),
            _ => Ok(()),
        }
    };
    match &ex.fields {
        Some(Entry::List(fields)) => {
            if !ex.comps.as_ref().is_some_and(Entry::is_valid) {
                ex.comps = Some(Entry::List(
                    fields.iter().map(|_| Entry::Item("=".into())).collect(),
                ));
            }
            let comps = match &mut ex.comps {
                Some(Entry::List(c)) => c.as_mut_slice(),
                _ => &mut [],
            };
            if fields.len() != comps.len() {
                return Err(invalid(
                    "Fields and comps lists must have equal length",
                    &ctx,
                ));
            }
            for c in comps.iter_mut() {
                let op = normalize_comp(item_text(c));
                if !is_operator(&op) && !is_operator_with_modifier(&op) {
                    return Err(invalid(
                        format!("'{op}' is not a supported comparison operator"),
                        &ctx,
                    ));
                }
                *c = Entry::Item(op);
            }
            for f in fields {
                check_field(item_text(f))?;
            }
        }
        fields => {
            let field = fields.as_ref().map_or("", item_text).to_string();
            if !ex.comps.as_ref().is_some_and(Entry::is_valid) {
                ex.comps = Some(Entry::Item("in".into()));
            }
            let op = match &ex.comps {
                Some(Entry::Item(c)) => normalize_comp(c),
                _ => return Err(invalid("Fields and comps must both be strings", &ctx)),
            };
            if !matches!(op.as_str(), "in" | "pmatch" | "intersects")
                && !is_operator_with_modifier(&op)
            {
                return Err(invalid(
                    "When fields is a single value, comps must be one of (in, pmatch, intersects) \
                     or a modifier operator (e.g. startswith oneof)",
                    &ctx,
                ));
            }
            ex.comps = Some(Entry::Item(op));
            check_field(&field)?;
        }
    }
    Ok(())
}

/// The scalar text of an entry (`""` for a list, as Falco's `entry::item` is then empty).
fn item_text(e: &Entry) -> &str {
    match e {
        Entry::Item(s) => s,
        Entry::List(_) => "",
    }
}

impl Collector {
    /// An empty collector checking engine requirements against [`ENGINE_VERSION`].
    pub fn new() -> Collector {
        Collector::with_engine_version(ENGINE_VERSION)
    }

    /// An empty collector for an engine of the given version.
    pub fn with_engine_version(engine_version: Version) -> Collector {
        Collector {
            lists: IndexedItems::new(),
            macros: IndexedItems::new(),
            rules: IndexedItems::new(),
            required_engine_version: None,
            required_plugin_versions: Vec::new(),
            engine_version,
            cur_index: 0,
        }
    }

    /// The engine version requirements are checked against.
    pub fn engine_version(&self) -> Version {
        self.engine_version
    }

    fn next_index(&mut self) -> usize {
        let i = self.cur_index;
        self.cur_index += 1;
        i
    }

    /// A `required_engine_version` item: the engine must be compatible (same major, not older).
    pub fn define_engine_version(&mut self, info: EngineVersionInfo) -> Result<(), LoadError> {
        if !self.engine_version.compatible_with(&info.version) {
            return Err(invalid(
                format!(
                    "Rules require engine version {}, but engine version is {}",
                    info.version, self.engine_version
                ),
                &info.ctx,
            ));
        }
        let current = self
            .required_engine_version
            .as_ref()
            .map_or(Version::default(), |v| v.version);
        if current < info.version {
            self.required_engine_version = Some(info);
        }
        Ok(())
    }

    /// A `required_plugin_versions` entry: every version must parse, names must be distinct.
    pub fn define_plugin_version(&mut self, info: PluginVersionInfo) -> Result<(), LoadError> {
        let mut seen = BTreeSet::new();
        for req in &info.alternatives {
            if parse_sinsp_version(&req.version).is_none() {
                return Err(invalid(
                    format!(
                        "Invalid required version '{}' for plugin '{}'",
                        req.version, req.name
                    ),
                    &info.ctx,
                ));
            }
            if !seen.insert(req.name.as_str()) {
                return Err(invalid(
                    format!(
                        "Defined multiple alternative version requirements for plugin '{}'",
                        req.name
                    ),
                    &info.ctx,
                ));
            }
        }
        self.required_plugin_versions.push(info);
        Ok(())
    }

    /// Defines (or redefines) a list.
    pub fn define_list(&mut self, info: ListInfo) {
        let id = self.next_index();
        define_info(&mut self.lists, info, id);
    }

    /// Appends a list's items to the existing list of that name.
    pub fn append_list(&mut self, info: ListInfo) -> Result<(), LoadError> {
        let id = self.cur_index;
        let Some(prev) = self.lists.get_mut(&info.name) else {
            return Err(invalid(ERROR_NO_PREVIOUS_LIST, &info.ctx));
        };
        prev.items.extend(info.items);
        prev.visibility = id;
        self.cur_index += 1;
        Ok(())
    }

    /// Defines (or redefines) a macro.
    pub fn define_macro(&mut self, info: MacroInfo) {
        let id = self.next_index();
        define_info(&mut self.macros, info, id);
    }

    /// Appends a macro's condition (`prev + " " + new`) to the existing macro of that name.
    pub fn append_macro(&mut self, info: MacroInfo) -> Result<(), LoadError> {
        let id = self.cur_index;
        let Some(prev) = self.macros.get_mut(&info.name) else {
            return Err(invalid(ERROR_NO_PREVIOUS_MACRO, &info.ctx));
        };
        prev.cond.push(' ');
        prev.cond.push_str(&info.cond);
        prev.visibility = id;
        self.cur_index += 1;
        Ok(())
    }

    /// Falco's `find_prev_rule`: the existing rule of that name, unless both name different
    /// explicit sources.
    fn check_prev_source(&self, name: &str, source: &str, ctx: &Context) -> Result<(), LoadError> {
        match self.rules.get(name) {
            Some(prev)
                if !prev.source.is_empty() && !source.is_empty() && prev.source != source =>
            {
                Err(invalid(
                    "Rule has been re-defined with a different source",
                    ctx,
                ))
            }
            _ => Ok(()),
        }
    }

    /// Defines (or redefines) a rule. An unknown source is a `LOAD_UNKNOWN_SOURCE` warning (the
    /// rule is kept, flagged); exceptions are validated and their default comps filled in.
    pub fn define_rule(
        &mut self,
        mut info: RuleInfo,
        sources: &dyn SourceCheck,
        result: &mut FileResult,
    ) -> Result<(), LoadError> {
        self.check_prev_source(&info.name, &info.source, &info.ctx)?;
        let known = sources.is_known(&info.source);
        if !known {
            info.unknown_source = true;
            result.warn(
                WarningCode::UnknownSource,
                format!("Unknown source {}, skipping", info.source),
                &info.ctx,
            );
        }
        let source = known.then(|| info.source.clone());
        for ex in &mut info.exceptions {
            if !ex.fields.as_ref().is_some_and(Entry::is_valid) {
                return Err(invalid(
                    "Rule exception item must have fields property with a list of fields",
                    &ex.ctx,
                ));
            }
            validate_exception(source.as_deref(), ex, sources)?;
        }
        let id = self.next_index();
        define_info(&mut self.rules, info, id);
        Ok(())
    }

    /// The source of an existing rule as the update checks see it: `Ok(None)` for a rule whose
    /// source is unknown.
    fn update_source(
        &self,
        info: &RuleUpdateInfo,
        no_prev: &str,
        empty: &str,
        sources: &dyn SourceCheck,
    ) -> Result<Option<String>, LoadError> {
        self.check_prev_source(&info.name, &info.source, &info.ctx)?;
        let Some(prev) = self.rules.get(&info.name) else {
            return Err(invalid(no_prev, &info.ctx));
        };
        if !info.has_any_value() {
            return Err(invalid(empty, &info.ctx));
        }
        if prev.unknown_source {
            return Ok(None);
        }
        if !sources.is_known(&prev.source) {
            return Err(invalid(
                format!("Unknown source {}", prev.source),
                &info.ctx,
            ));
        }
        Ok(Some(prev.source.clone()))
    }

    /// Appends to an existing rule: condition/output/desc joined with a space, tags unioned,
    /// exceptions added or (same name) their values extended.
    pub fn append_rule(
        &mut self,
        info: RuleUpdateInfo,
        sources: &dyn SourceCheck,
    ) -> Result<(), LoadError> {
        let source = self.update_source(
            &info,
            ERROR_NO_PREVIOUS_RULE_APPEND,
            "Appended rule must have exceptions or condition property",
            sources,
        )?;
        let id = self.cur_index;
        let Some(prev) = self.rules.get_mut(&info.name) else {
            return Err(invalid(ERROR_NO_PREVIOUS_RULE_APPEND, &info.ctx));
        };
        for (dst, add) in [
            (&mut prev.cond, &info.cond),
            (&mut prev.output, &info.output),
            (&mut prev.desc, &info.desc),
        ] {
            if let Some(add) = add.as_ref().filter(|a| !a.is_empty()) {
                dst.push(' ');
                dst.push_str(add);
            }
        }
        if let Some(tags) = info.tags {
            prev.tags.extend(tags);
        }
        for mut ex in info.exceptions.unwrap_or_default() {
            match prev.exceptions.iter_mut().find(|p| p.name == ex.name) {
                None => {
                    if !ex.fields.as_ref().is_some_and(Entry::is_valid) {
                        return Err(invalid(
                            "Rule exception must have fields property with a list of fields",
                            &ex.ctx,
                        ));
                    }
                    if ex.values.is_empty() {
                        return Err(invalid(
                            "Rule exception must have values property with a list of values",
                            &ex.ctx,
                        ));
                    }
                    validate_exception(source.as_deref(), &mut ex, sources)?;
                    prev.exceptions.push(ex);
                }
                Some(existing) => {
                    if ex.fields.as_ref().is_some_and(Entry::is_valid) {
                        return Err(invalid(
                            "Can not append exception fields to existing exception, only values",
                            &ex.ctx,
                        ));
                    }
                    if ex.comps.as_ref().is_some_and(Entry::is_valid) {
                        return Err(invalid(
                            "Can not append exception comps to existing exception, only values",
                            &ex.ctx,
                        ));
                    }
                    existing.values.extend(ex.values);
                }
            }
        }
        prev.visibility = id;
        self.cur_index += 1;
        Ok(())
    }

    /// Replaces the given keys of an existing rule wholesale.
    pub fn replace_rule(
        &mut self,
        info: RuleUpdateInfo,
        sources: &dyn SourceCheck,
    ) -> Result<(), LoadError> {
        self.update_source(
            &info,
            ERROR_NO_PREVIOUS_RULE_REPLACE,
            "The rule must have at least one field that can be replaced",
            sources,
        )?;
        let id = self.cur_index;
        let Some(prev) = self.rules.get_mut(&info.name) else {
            return Err(invalid(ERROR_NO_PREVIOUS_RULE_REPLACE, &info.ctx));
        };
        if let Some(v) = info.cond {
            prev.cond = v;
        }
        if let Some(v) = info.output {
            prev.output = v;
        }
        if let Some(v) = info.desc {
            prev.desc = v;
        }
        if let Some(v) = info.tags {
            prev.tags = v;
        }
        if let Some(v) = info.exceptions {
            prev.exceptions = v;
        }
        if let Some(v) = info.priority {
            prev.priority = v;
        }
        if let Some(v) = info.capture {
            prev.capture = v;
        }
        if let Some(v) = info.capture_duration {
            prev.capture_duration = v;
        }
        if let Some(v) = info.enabled {
            prev.enabled = v;
        }
        if let Some(v) = info.warn_evttypes {
            prev.warn_evttypes = v;
        }
        if let Some(v) = info.skip_if_unknown_filter {
            prev.skip_if_unknown_filter = v;
        }
        prev.visibility = id;
        self.cur_index += 1;
        Ok(())
    }

    /// The legacy standalone `enabled` item: sets `enabled` of an existing rule (no bookkeeping).
    pub fn enable_rule(
        &mut self,
        name: &str,
        enabled: bool,
        ctx: &Context,
    ) -> Result<(), LoadError> {
        let Some(prev) = self.rules.get_mut(name) else {
            return Err(invalid(
                "Rule has 'enabled' key but no rule by that name already exists",
                ctx,
            ));
        };
        prev.enabled = enabled;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sinsp_version_parsing_is_lenient_like_sscanf() {
        for (s, v) in [
            ("0.31.0", Some((0, 31, 0))),
            ("1.2.3-rc1", Some((1, 2, 3))),
            (" 1. 2.3", Some((1, 2, 3))),
            ("+1.2.3", Some((1, 2, 3))),
            ("1.2", None),
            ("1 .2.3", None),
            ("x.y.z", None),
            ("", None),
        ] {
            let got = parse_sinsp_version(s).map(|v| (v.major, v.minor, v.patch));
            assert_eq!(got, v, "{s:?}");
        }
    }

    #[test]
    fn indexed_items_keep_first_slot() {
        let mut items = IndexedItems::new();
        assert_eq!(items.insert("a", 1), 0);
        assert_eq!(items.insert("b", 2), 1);
        assert_eq!(items.insert("a", 3), 0);
        assert_eq!(items.iter().copied().collect::<Vec<_>>(), [3, 2]);
        assert_eq!(items.get("b"), Some(&2));
        assert_eq!(items.get("c"), None);
    }

    #[test]
    fn modifier_operators() {
        for (s, ok) in [
            ("startswith oneof", true),
            ("= allof", true),
            ("in oneof", false),
            (">= oneof", false),
            ("startswith  oneof", false),
            ("oneof", false),
        ] {
            assert_eq!(is_operator_with_modifier(s), ok, "{s}");
        }
        assert!(is_operator("exists") && is_operator("pmatch") && !is_operator("frobulate"));
    }

    #[test]
    fn engine_version_keeps_the_maximum() {
        let ctx = Context::file(&std::sync::Arc::from("f"));
        let mut c = Collector::new();
        for minor in [40, 57, 50] {
            let version = Version {
                major: 0,
                minor,
                patch: 0,
            };
            c.define_engine_version(EngineVersionInfo {
                ctx: ctx.clone(),
                version,
            })
            .expect("compatible");
        }
        assert_eq!(
            c.required_engine_version.as_ref().map(|v| v.version.minor),
            Some(57)
        );
        let err = c
            .define_engine_version(EngineVersionInfo {
                ctx,
                version: Version {
                    major: 1,
                    minor: 0,
                    patch: 0,
                },
            })
            .expect_err("other major");
        assert_eq!(err.code, ErrorCode::Validate);
    }
}
