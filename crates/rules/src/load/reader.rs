//! Decoding rules-file items from YAML nodes.
//!
//! This is Falco's `rule_loader::reader`: each document of a rules file must be a sequence of
//! mappings; each mapping is one item whose kind is decided by the first of these keys it has:
//! `required_engine_version`, `required_plugin_versions`, `list`, `macro`, `rule`. Every key is
//! decoded with Falco's checks and messages (`Item has no mapping for key 'output'`, ...), and each
//! problem carries the same context chain Falco builds (rules content → item → value for key ...).
//! Decoded items go to the [`Collector`]. Reading stops at the first error of a file.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::load::collector::{Collector, SourceCheck};
use crate::load::info::{
    EngineVersionInfo, Entry, ExceptionInfo, ListInfo, MacroInfo, PluginRequirement,
    PluginVersionInfo, Priority, Version,
};
use crate::load::yaml::{self, Node, NodeKind};
use crate::result::{Context, ErrorCode, FileResult, ItemType, LoadError, WarningCode};

/// Warning for the deprecated `append: true` key.
pub const WARNING_APPEND: &str = "'append' key is deprecated. Add an 'append' entry (e.g. \
                                  'condition: append') under 'override' instead.";
/// Warning for a rule item that only carries `enabled`.
pub const WARNING_ENABLED: &str = "The standalone 'enabled' key usage is deprecated. The correct \
                                   approach requires also a 'replace' entry under the 'override' \
                                   key (i.e. 'enabled: replace').";
/// Error for an item using both `override` and `append: true`.
pub const ERROR_OVERRIDE_APPEND: &str = "Keys 'override' and 'append: true' cannot be used \
                                         together. Add an 'append' entry (e.g. 'condition: \
                                         append') under 'override' instead.";

/// The regular expression list names should match (reported verbatim in the warning).
const RGX_BARESTR: &str = "([^()\"'[:space:]=,]+)";
/// The regular expression macro names should match (reported verbatim in the warning).
const RGX_IDENTIFIER: &str = "([a-zA-Z]+[a-zA-Z0-9_]*)";

/// Rule keys that `override: {key: append}` accepts.
const RULE_APPENDABLE: [&str; 5] = ["condition", "output", "desc", "tags", "exceptions"];
/// Rule keys that `override: {key: replace}` accepts.
const RULE_REPLACEABLE: [&str; 11] = [
    "condition",
    "output",
    "desc",
    "priority",
    "capture",
    "capture_duration",
    "tags",
    "exceptions",
    "enabled",
    "warn_evttypes",
    "skip-if-unknown-filter",
];
/// Every key a rule item may carry, as Falco knows them. falcod's `enforce` key is deliberately
/// not here: Falco warns that it is unknown and ignores it, and so does the loader (the rule
/// keeps its raw value in [`RuleInfo::enforce`](crate::load::info::RuleInfo::enforce)).
const RULE_KEYS: [&str; 15] = [
    "rule",
    "condition",
    "output",
    "desc",
    "priority",
    "source",
    "enabled",
    "capture",
    "capture_duration",
    "warn_evttypes",
    "skip-if-unknown-filter",
    "tags",
    "exceptions",
    "override",
    "append",
];

mod rule;

type Res<T> = Result<T, LoadError>;

/// A `LOAD_ERR_YAML_VALIDATE` error.
fn bad(message: impl Into<String>, ctx: &Context) -> LoadError {
    LoadError {
        code: ErrorCode::YamlValidate,
        message: message.into(),
        context: ctx.clone(),
    }
}

/// The chain's first location only: where Falco reports exceptions it did not anticipate
/// (yaml-cpp conversion errors), which it catches at the document level.
fn root_of(ctx: &Context) -> Context {
    Context {
        locations: ctx.locations.iter().take(1).cloned().collect(),
        alt_content: None,
    }
}

/// yaml-cpp's `as<std::string>()` on a key or override value; a collection is a `bad
/// conversion`, which Falco reports as `LOAD_ERR_VALIDATE` at the file level.
fn as_string(node: &Node, ctx: &Context) -> Res<String> {
    node.as_string().map_err(|e| LoadError {
        code: ErrorCode::Validate,
        message: e.message,
        context: root_of(ctx),
    })
}

/// Reads one rules file into `collector`, recording errors and warnings in `result`.
/// `sources` answers whether an event source is known.
pub fn read(
    name: &Arc<str>,
    content: &[u8],
    collector: &mut Collector,
    result: &mut FileResult,
    sources: &dyn Fn(&str) -> bool,
) {
    read_with(name, content, collector, result, &sources);
}

/// [`read`] with a [`SourceCheck`] that can also validate exception fields.
/// Returns true if the file was read without error.
pub fn read_with(
    name: &Arc<str>,
    content: &[u8],
    collector: &mut Collector,
    result: &mut FileResult,
    sources: &dyn SourceCheck,
) -> bool {
    let ctx = Context::file(name);
    let text = match std::str::from_utf8(content) {
        Ok(t) => t,
        Err(e) => {
            let pos = yaml::position_of_byte(content, e.valid_up_to());
            let msg = format!(
                "invalid UTF-8 in rules content at byte offset {} (line {}, column {})",
                e.valid_up_to(),
                u64::from(pos.line) + 1,
                u64::from(pos.column) + 1
            );
            result.error(
                ErrorCode::YamlParse,
                msg,
                &ctx.child(pos, ItemType::ValueFor, ""),
            );
            return false;
        }
    };
    let docs = match yaml::parse_documents(text) {
        Ok(d) => d,
        Err(e) => {
            result.error(
                ErrorCode::YamlParse,
                e.message,
                &ctx.child(e.pos, ItemType::ValueFor, ""),
            );
            return false;
        }
    };
    let mut reader = Reader {
        collector,
        result,
        sources,
    };
    for doc in &docs {
        if let Err(e) = reader.read_doc(doc, &ctx) {
            reader.result.errors.push(e);
            return false;
        }
    }
    true
}

struct Reader<'a> {
    collector: &'a mut Collector,
    result: &'a mut FileResult,
    sources: &'a dyn SourceCheck,
}

/// A present, non-null, non-empty scalar value and its `value for` context; `None` when the
/// key is absent and `optional`, or null/empty and `can_be_empty` (Falco's `decode_val_generic`).
fn scalar_val<'n>(
    item: &'n Node,
    key: &str,
    ctx: &Context,
    optional: bool,
    can_be_empty: bool,
) -> Res<Option<(&'n str, Context)>> {
    let Some(val) = item.get(key) else {
        if optional {
            return Ok(None);
        }
        return Err(bad(format!("Item has no mapping for key '{key}'"), ctx));
    };
    if val.is_null() {
        if can_be_empty {
            return Ok(None);
        }
        return Err(bad(format!("Mapping for key '{key}' is empty"), ctx));
    }
    let valctx = ctx.child(val.pos, ItemType::ValueFor, key);
    let Some(s) = val.scalar() else {
        return Err(bad("Value is not a scalar value", &valctx));
    };
    if s.is_empty() {
        if can_be_empty {
            return Ok(None);
        }
        return Err(bad("Value must be non-empty", &valctx));
    }
    Ok(Some((s, valctx)))
}

/// A required string value.
fn req_str(item: &Node, key: &str, ctx: &Context) -> Res<String> {
    match scalar_val(item, key, ctx, false, false)? {
        Some((s, _)) => Ok(s.to_string()),
        None => Err(bad(format!("Item has no mapping for key '{key}'"), ctx)),
    }
}

/// An optional string value.
fn opt_str(item: &Node, key: &str, ctx: &Context) -> Res<Option<String>> {
    Ok(scalar_val(item, key, ctx, true, false)?.map(|(s, _)| s.to_string()))
}

/// A value converted with a yaml-cpp decoder; `Can't decode YAML scalar value` on failure.
fn conv<T>(
    item: &Node,
    key: &str,
    ctx: &Context,
    optional: bool,
    decode: fn(&str) -> Option<T>,
) -> Res<Option<T>> {
    match scalar_val(item, key, ctx, optional, false)? {
        None => Ok(None),
        Some((s, valctx)) => match decode(s) {
            Some(v) => Ok(Some(v)),
            None => Err(bad("Can't decode YAML scalar value", &valctx)),
        },
    }
}

/// A required converted value.
fn req_conv<T>(item: &Node, key: &str, ctx: &Context, decode: fn(&str) -> Option<T>) -> Res<T> {
    conv(item, key, ctx, false, decode)?
        .ok_or_else(|| bad(format!("Item has no mapping for key '{key}'"), ctx))
}

/// A sequence of scalars (`items`, `tags`); `None` if absent and `optional`.
fn decode_seq(item: &Node, key: &str, ctx: &Context, optional: bool) -> Res<Option<Vec<String>>> {
    let Some(val) = item.get(key) else {
        if optional {
            return Ok(None);
        }
        return Err(bad(format!("Item has no mapping for key '{key}'"), ctx));
    };
    let valctx = ctx.child(val.pos, ItemType::ValueFor, key);
    if !val.is_seq() {
        return Err(bad("Value is not a sequence", &valctx));
    }
    val.items()
        .iter()
        .map(|v| match v.scalar() {
            Some(s) => Ok(s.to_string()),
            None => Err(bad(
                "sequence value is not scalar",
                &valctx.child(v.pos, ItemType::ListItem, ""),
            )),
        })
        .collect::<Res<Vec<_>>>()
        .map(Some)
}

/// Tags as a sorted set.
fn decode_tags(item: &Node, ctx: &Context) -> Res<Option<BTreeSet<String>>> {
    Ok(decode_seq(item, "tags", ctx, true)?.map(|v| v.into_iter().collect()))
}

/// An exception's `fields`/`comps` (with `key`) or one of its values (without): a scalar or a
/// (nested) sequence. `None` for an absent optional key or a value of another kind.
fn decode_entry(val: &Node, key: &str, ctx: &Context) -> Res<Option<Entry>> {
    let valctx = ctx.child(val.pos, ItemType::ValueFor, key);
    match &val.kind {
        NodeKind::Scalar(s) if s.is_empty() => Err(bad("Value must be non-empty", &valctx)),
        NodeKind::Scalar(s) => Ok(Some(Entry::Item(s.clone()))),
        NodeKind::Seq(items) => items
            .iter()
            .map(|v| {
                let lctx = valctx.child(v.pos, ItemType::Exception, "");
                Ok(decode_entry(v, "", &lctx)?.unwrap_or(Entry::Item(String::new())))
            })
            .collect::<Res<Vec<_>>>()
            .map(|v| Some(Entry::List(v))),
        NodeKind::Null | NodeKind::Map(_) => Ok(None),
    }
}

/// A keyed exception entry; a missing key is an error unless `optional`.
fn decode_keyed_entry(ex: &Node, key: &str, ctx: &Context, optional: bool) -> Res<Option<Entry>> {
    match ex.get(key) {
        Some(val) => decode_entry(val, key, ctx),
        None if optional => Ok(None),
        None => Err(bad(format!("Item has no mapping for key '{key}'"), ctx)),
    }
}

fn is_list_name(name: &str) -> bool {
    !name.is_empty()
        && !name.chars().any(|c| {
            matches!(
                c,
                '(' | ')' | '"' | '\'' | '=' | ',' | ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r'
            )
        })
}

fn is_macro_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Falco's `check_update_expected`: whether an override of `kind` names `key`; naming a key the
/// item does not carry is an error. Consumed keys leave `expected`.
fn check_update_expected(
    expected: &mut BTreeSet<String>,
    overrides: &BTreeSet<String>,
    kind: &str,
    key: &str,
    ctx: &Context,
) -> Res<bool> {
    if !overrides.contains(key) {
        return Ok(false);
    }
    if !expected.remove(key) {
        return Err(bad(
            format!("An {kind} override for '{key}' was specified but '{key}' is not defined"),
            ctx,
        ));
    }
    Ok(true)
}

/// A priority value: decoded as a string, then parsed (`Invalid priority` at the value).
fn decode_priority(item: &Node, ctx: &Context) -> Res<Priority> {
    let s = req_str(item, "priority", ctx)?;
    let pos = item.get("priority").map(|n| n.pos).unwrap_or_default();
    Priority::parse(&s).ok_or_else(|| {
        bad(
            "Invalid priority",
            &ctx.child(pos, ItemType::RulePriority, ""),
        )
    })
}

impl Reader<'_> {
    fn read_doc(&mut self, doc: &Node, ctx: &Context) -> Res<()> {
        match &doc.kind {
            NodeKind::Null => Ok(()),
            NodeKind::Seq(items) => {
                for item in items.iter().filter(|i| !i.is_null()) {
                    self.read_item(item, ctx)?;
                }
                Ok(())
            }
            NodeKind::Map(_) => Err(bad("Rules content is not yaml array of objects", ctx)),
            NodeKind::Scalar(_) => Err(bad("Rules content is not yaml", ctx)),
        }
    }

    fn warn(&mut self, code: WarningCode, msg: impl Into<String>, ctx: &Context) {
        self.result.warn(code, msg, ctx);
    }

    /// `LOAD_UNKNOWN_KEY` for every key outside `expected`.
    fn warn_unknown_keys(&mut self, item: &Node, expected: &[&str], ctx: &Context) -> Res<()> {
        for (k, _) in item.entries() {
            let key = as_string(k, ctx)?;
            if !expected.contains(&key.as_str()) {
                self.warn(
                    WarningCode::UnknownKey,
                    format!("Unknown key '{key}'. The key will be ignored."),
                    ctx,
                );
            }
        }
        Ok(())
    }

    /// Falco's `decode_overrides`: the keys to append and to replace.
    fn decode_overrides(
        &mut self,
        item: &Node,
        appendable: &[&str],
        replaceable: &[&str],
        ctx: &Context,
    ) -> Res<(BTreeSet<String>, BTreeSet<String>)> {
        let mut append = BTreeSet::new();
        let mut replace = BTreeSet::new();
        let Some(val) = item.get("override") else {
            return Ok((append, replace));
        };
        let overridectx = ctx.child(item.pos, ItemType::Override, "");
        if matches!(&val.kind, NodeKind::Seq(s) if !s.is_empty()) {
            // yaml-cpp yields invalid key/value nodes when a sequence is iterated as a map.
            return Err(LoadError {
                code: ErrorCode::Validate,
                message: "invalid node; this may result from using a map iterator as a sequence \
                          iterator, or vice-versa"
                    .into(),
                context: root_of(ctx),
            });
        }
        for (k, v) in val.entries() {
            let key = as_string(k, ctx)?;
            let op = as_string(v, ctx)?;
            let can_append = appendable.contains(&key.as_str());
            let can_replace = replaceable.contains(&key.as_str());
            let keyctx = || overridectx.child(k.pos, ItemType::Override, key.clone());
            match op.as_str() {
                "append" if !can_append => {
                    return Err(bad(
                        format!("Key '{key}' cannot be appended to, use 'replace' instead"),
                        &keyctx(),
                    ))
                }
                "append" => {
                    append.insert(key);
                }
                "replace" if !can_replace => {
                    return Err(bad(format!("Key '{key}' cannot be replaced"), &keyctx()))
                }
                "replace" => {
                    replace.insert(key);
                }
                _ => {
                    let mut msg = format!(
                        "Invalid override operation for key '{key}': '{op}'. Allowed values are: "
                    );
                    if can_append {
                        msg.push_str("append ");
                    }
                    if can_replace {
                        msg.push_str("replace ");
                    }
                    let opctx = overridectx.child(v.pos, ItemType::ValueFor, key.clone());
                    return Err(bad(msg, &opctx));
                }
            }
        }
        Ok((append, replace))
    }

    /// The optional `append` flag, with its deprecation warning.
    fn append_flag(&mut self, item: &Node, ctx: &Context) -> Res<bool> {
        let append = conv(item, "append", ctx, true, yaml::decode_bool)?.unwrap_or(false);
        if append {
            self.warn(WarningCode::DeprecatedItem, WARNING_APPEND, ctx);
        }
        Ok(append)
    }

    fn read_item(&mut self, item: &Node, parent: &Context) -> Res<()> {
        if !item.is_map() {
            let tmp = parent.child(item.pos, ItemType::RulesContentItem, "");
            return Err(bad(
                "Unexpected element type. Each element should be a yaml associative array.",
                &tmp,
            ));
        }
        if item.get("required_engine_version").is_some() {
            self.read_engine_version(item, parent)
        } else if let Some(rpv) = item.get("required_plugin_versions") {
            self.read_plugin_versions(item, rpv, parent)
        } else if item.get("list").is_some() {
            self.read_list(item, parent)
        } else if item.get("macro").is_some() {
            self.read_macro(item, parent)
        } else if item.get("rule").is_some() {
            self.read_rule(item, parent)
        } else {
            let ctx = parent.child(item.pos, ItemType::RulesContentItem, "");
            self.warn(WarningCode::UnknownItem, "Unknown top level item", &ctx);
            Ok(())
        }
    }

    fn read_engine_version(&mut self, item: &Node, parent: &Context) -> Res<()> {
        const KEY: &str = "required_engine_version";
        let ctx = parent.child(item.pos, ItemType::RequiredEngineVersion, "");
        let ver = req_str(item, KEY, &ctx)?;
        let engine = self.collector.engine_version();
        // Falco first tries an unsigned integer (legacy N → MAJOR.N.PATCH), then a semver string.
        let version = match yaml::decode_u32(&ver) {
            Some(minor) => Version {
                major: engine.major,
                minor: u64::from(minor),
                patch: engine.patch,
            },
            None => crate::load::collector::parse_sinsp_version(&ver).ok_or_else(|| {
                bad(
                    format!(
                        "Unable to parse engine version '{ver}' as a semver string. Expected \
                         \"x.y.z\" semver format."
                    ),
                    &ctx,
                )
            })?,
        };
        self.collector.define_engine_version(EngineVersionInfo {
            ctx: ctx.clone(),
            version,
        })?;
        self.warn_unknown_keys(item, &[KEY], &ctx)
    }

    fn read_plugin_versions(&mut self, item: &Node, rpv: &Node, parent: &Context) -> Res<()> {
        let ctx = parent.child(rpv.pos, ItemType::RequiredPluginVersions, "");
        if !rpv.is_seq() {
            return Err(bad(
                "Value of required_plugin_versions must be a sequence",
                &ctx,
            ));
        }
        for plugin in rpv.items() {
            let tmp = ctx.child(plugin.pos, ItemType::RequiredPluginVersionsEntry, "");
            if !plugin.is_map() {
                return Err(bad("Plugin version must be a mapping", &tmp));
            }
            let name = req_str(plugin, "name", &tmp)?;
            let pctx = ctx.child(
                plugin.pos,
                ItemType::RequiredPluginVersionsEntry,
                name.clone(),
            );
            let version = req_str(plugin, "version", &pctx)?;
            let mut alternatives = vec![PluginRequirement { name, version }];
            if let Some(alts) = plugin.get("alternatives") {
                if !alts.is_seq() {
                    return Err(bad(
                        "Value of plugin version alternatives must be a sequence",
                        &pctx,
                    ));
                }
                for req in alts.items() {
                    let alt = ItemType::RequiredPluginVersionsAlternative;
                    let tmp = pctx.child(req.pos, alt, "");
                    if !req.is_map() {
                        return Err(bad("Plugin version alternative must be a mapping", &tmp));
                    }
                    let name = req_str(req, "name", &tmp)?;
                    let tmp = pctx.child(req.pos, alt, name.clone());
                    let version = req_str(req, "version", &tmp)?;
                    alternatives.push(PluginRequirement { name, version });
                }
            }
            self.collector.define_plugin_version(PluginVersionInfo {
                ctx: pctx,
                alternatives,
            })?;
        }
        let rpv_ctx = parent.child(item.pos, ItemType::RequiredPluginVersions, "");
        self.warn_unknown_keys(item, &["required_plugin_versions"], &rpv_ctx)
    }

    fn read_list(&mut self, item: &Node, parent: &Context) -> Res<()> {
        let tmp = parent.child(item.pos, ItemType::List, "");
        let name = req_str(item, "list", &tmp)?;
        let ctx = parent.child(item.pos, ItemType::List, name.clone());
        if !is_list_name(&name) {
            self.warn(
                WarningCode::InvalidListName,
                format!(
                    "List has an invalid name. List names should match a regular expression: \
                     {RGX_BARESTR}"
                ),
                &ctx,
            );
        }
        let items = decode_seq(item, "items", &ctx, false)?.unwrap_or_default();
        let mut append = self.append_flag(item, &ctx)?;
        let (ovr_append, ovr_replace) =
            self.decode_overrides(item, &["items"], &["items"], &ctx)?;
        if append && (!ovr_append.is_empty() || !ovr_replace.is_empty()) {
            return Err(bad(ERROR_OVERRIDE_APPEND, &ctx));
        }
        append |= ovr_append.contains("items");
        let info = ListInfo {
            ctx: ctx.clone(),
            index: 0,
            visibility: 0,
            name,
            items,
        };
        if append {
            self.collector.append_list(info)?;
        } else {
            self.collector.define_list(info);
        }
        self.warn_unknown_keys(item, &["list", "items", "append", "override"], &ctx)
    }

    fn read_macro(&mut self, item: &Node, parent: &Context) -> Res<()> {
        let tmp = parent.child(item.pos, ItemType::Macro, "");
        let name = req_str(item, "macro", &tmp)?;
        let ctx = parent.child(item.pos, ItemType::Macro, name.clone());
        if !is_macro_name(&name) {
            self.warn(
                WarningCode::InvalidMacroName,
                format!(
                    "Macro has an invalid name. Macro names should match a regular expression: \
                     {RGX_IDENTIFIER}"
                ),
                &ctx,
            );
        }
        let cond = req_str(item, "condition", &ctx)?;
        let cond_pos = item.get("condition").map(|n| n.pos).unwrap_or_default();
        let cond_ctx = ctx.child(cond_pos, ItemType::MacroCondition, "");
        let mut append = self.append_flag(item, &ctx)?;
        let (ovr_append, ovr_replace) =
            self.decode_overrides(item, &["condition"], &["condition"], &ctx)?;
        if append && (!ovr_append.is_empty() || !ovr_replace.is_empty()) {
            return Err(bad(ERROR_OVERRIDE_APPEND, &ctx));
        }
        append |= ovr_append.contains("condition");
        let info = MacroInfo {
            ctx: ctx.clone(),
            cond_ctx,
            index: 0,
            visibility: 0,
            name,
            cond,
        };
        if append {
            self.collector.append_macro(info)?;
        } else {
            self.collector.define_macro(info);
        }
        self.warn_unknown_keys(item, &["macro", "condition", "append", "override"], &ctx)
    }

    /// A rule's `exceptions` (`append` makes `fields` optional and warns on missing `values`).
    fn read_exceptions(
        &mut self,
        item: &Node,
        parent: &Context,
        append: bool,
    ) -> Res<Vec<ExceptionInfo>> {
        let mut out: Vec<ExceptionInfo> = Vec::new();
        let Some(exs) = item.get("exceptions").filter(|n| !n.is_null()) else {
            return Ok(out);
        };
        let exes_ctx = parent.child(exs.pos, ItemType::Exceptions, "");
        if !exs.is_seq() {
            return Err(bad("Rule exceptions must be a sequence", &exes_ctx));
        }
        for ex in exs.items() {
            let tmp = exes_ctx.child(ex.pos, ItemType::Exception, "");
            if !ex.is_map() {
                return Err(bad("Rule exception must be a mapping", &tmp));
            }
            let name = req_str(ex, "name", &tmp)?;
            let ex_ctx = parent.child(ex.pos, ItemType::Exception, name.clone());
            // Falco warns once per earlier exception of the same name.
            for _ in out.iter().filter(|e| e.name == name) {
                self.warn(
                    WarningCode::ExceptionNameNotUnique,
                    format!("Multiple definitions of exception '{name}' in the same rule"),
                    &ex_ctx,
                );
            }
            let fields = decode_keyed_entry(ex, "fields", &ex_ctx, append)?;
            let comps = decode_keyed_entry(ex, "comps", &ex_ctx, true)?;
            let mut values = Vec::new();
            if let Some(exvals) = ex.get("values") {
                let vals_ctx = ex_ctx.child(exvals.pos, ItemType::ExceptionValues, "");
                if !exvals.is_seq() {
                    return Err(bad("Rule exception values must be a sequence", &vals_ctx));
                }
                for val in exvals.items() {
                    let vctx = vals_ctx.child(val.pos, ItemType::ExceptionValue, "");
                    values
                        .push(decode_entry(val, "", &vctx)?.unwrap_or(Entry::Item(String::new())));
                }
            } else if append {
                self.warn(
                    WarningCode::AppendNoValues,
                    "Overriding/appending exception with no values",
                    &ex_ctx,
                );
            }
            out.push(ExceptionInfo {
                ctx: ex_ctx,
                name,
                fields,
                comps,
                values,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
