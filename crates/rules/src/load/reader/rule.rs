//! Decoding `rule` items: definitions, legacy `append: true`, `override` updates and the legacy
//! standalone `enabled` toggle.

use std::collections::BTreeSet;

use super::{
    bad, check_update_expected, conv, decode_priority, decode_tags, opt_str, req_conv, req_str,
    scalar_val, Reader, Res, ERROR_OVERRIDE_APPEND, RULE_APPENDABLE, RULE_KEYS, RULE_REPLACEABLE,
    WARNING_ENABLED,
};
use crate::load::collector::RuleUpdateInfo;
use crate::load::info::RuleInfo;
use crate::load::yaml::{self, Node};
use crate::result::{Context, ItemType, WarningCode};

/// The context of a key's value, or of the item if the key is absent.
fn key_ctx(item: &Node, key: &str, ctx: &Context, item_type: ItemType) -> Context {
    let pos = item.get(key).map_or(item.pos, |n| n.pos);
    ctx.child(pos, item_type, "")
}

impl Reader<'_> {
    pub(super) fn read_rule(&mut self, item: &Node, parent: &Context) -> Res<()> {
        let tmp = parent.child(item.pos, ItemType::Rule, "");
        let name = req_str(item, "rule", &tmp)?;
        let ctx = parent.child(item.pos, ItemType::Rule, name.clone());
        let source = scalar_val(item, "source", &ctx, true, true)?
            .map(|(s, _)| s.to_string())
            .unwrap_or_default();
        let has_append_flag = self.append_flag(item, &ctx)?;
        let (ovr_append, ovr_replace) =
            self.decode_overrides(item, &RULE_APPENDABLE, &RULE_REPLACEABLE, &ctx)?;
        let has_overrides = !ovr_append.is_empty() || !ovr_replace.is_empty();
        if has_append_flag && has_overrides {
            return Err(bad(ERROR_OVERRIDE_APPEND, &ctx));
        }
        if has_overrides {
            self.read_rule_overrides(item, &ctx, &name, &source, &ovr_append, &ovr_replace)?;
        } else if has_append_flag {
            let mut v = RuleUpdateInfo::new(ctx.clone(), name);
            v.source = source;
            if item.get("condition").is_some() {
                v.cond_ctx = key_ctx(item, "condition", &ctx, ItemType::RuleCondition);
                v.cond = Some(req_str(item, "condition", &ctx)?);
            }
            if item.get("exceptions").is_some() {
                v.exceptions = Some(self.read_exceptions(item, &ctx, true)?);
            }
            self.collector.append_rule(v, self.sources)?;
        } else if ["condition", "output", "desc", "priority"]
            .iter()
            .all(|k| item.get(k).is_none())
        {
            let enabled = req_conv(item, "enabled", &ctx, yaml::decode_bool)?;
            self.warn(WarningCode::DeprecatedItem, WARNING_ENABLED, &ctx);
            self.collector.enable_rule(&name, enabled, &ctx)?;
        } else {
            self.define_rule(item, &ctx, name)?;
        }
        self.warn_unknown_keys(item, &RULE_KEYS, &ctx)
    }

    fn define_rule(&mut self, item: &Node, ctx: &Context, name: String) -> Res<()> {
        let cond = req_str(item, "condition", ctx)?;
        let cond_ctx = key_ctx(item, "condition", ctx, ItemType::RuleCondition);
        let output = req_str(item, "output", ctx)?;
        let output_ctx = key_ctx(item, "output", ctx, ItemType::RuleOutput);
        let desc = req_str(item, "desc", ctx)?;
        let priority = decode_priority(item, ctx)?;
        let source = opt_str(item, "source", ctx)?.unwrap_or_else(|| "syscall".to_string());
        let enabled = conv(item, "enabled", ctx, true, yaml::decode_bool)?;
        let capture = conv(item, "capture", ctx, true, yaml::decode_bool)?;
        let capture_duration = conv(item, "capture_duration", ctx, true, yaml::decode_u32)?;
        let warn_evttypes = conv(item, "warn_evttypes", ctx, true, yaml::decode_bool)?;
        let skip = conv(item, "skip-if-unknown-filter", ctx, true, yaml::decode_bool)?;
        let tags = decode_tags(item, ctx)?.unwrap_or_default();
        let exceptions = self.read_exceptions(item, ctx, false)?;
        // falcod's `enforce` key: Falco warns that it is unknown (warn_unknown_keys) and loads
        // the rule; the raw value is kept for the enforcement selection to validate.
        let enforce = item.get("enforce").and_then(|v| {
            if v.is_null() {
                None
            } else {
                Some(v.scalar().unwrap_or_default().to_string())
            }
        });
        let info = RuleInfo {
            ctx: ctx.clone(),
            cond_ctx,
            output_ctx,
            index: 0,
            visibility: 0,
            unknown_source: false,
            name,
            cond,
            source,
            desc,
            output: output
                .trim_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r'])
                .to_string(),
            tags,
            exceptions,
            priority,
            capture: capture.unwrap_or(false),
            capture_duration: capture_duration.unwrap_or(0),
            enabled: enabled.unwrap_or(true),
            warn_evttypes: warn_evttypes.unwrap_or(true),
            skip_if_unknown_filter: skip.unwrap_or(false),
            enforce,
        };
        self.collector.define_rule(info, self.sources, self.result)
    }

    /// An item with `override`: the append part, then the replace part, then a check that every
    /// overridable key the item carries was named under `override`.
    fn read_rule_overrides(
        &mut self,
        item: &Node,
        ctx: &Context,
        name: &str,
        source: &str,
        ovr_append: &BTreeSet<String>,
        ovr_replace: &BTreeSet<String>,
    ) -> Res<()> {
        let mut expected: BTreeSet<String> = RULE_APPENDABLE
            .iter()
            .chain(RULE_REPLACEABLE.iter())
            .filter(|k| item.get(k).is_some())
            .map(|k| k.to_string())
            .collect();
        if !ovr_append.is_empty() {
            let ov = ovr_append;
            let mut v = RuleUpdateInfo::new(ctx.clone(), name);
            if check_update_expected(&mut expected, ov, "append", "condition", ctx)? {
                v.source = source.to_string();
                v.cond = Some(req_str(item, "condition", ctx)?);
            }
            if check_update_expected(&mut expected, ov, "append", "exceptions", ctx)? {
                v.exceptions = Some(self.read_exceptions(item, ctx, true)?);
            }
            if check_update_expected(&mut expected, ov, "append", "output", ctx)? {
                v.output = Some(req_str(item, "output", ctx)?);
            }
            if check_update_expected(&mut expected, ov, "append", "desc", ctx)? {
                v.desc = Some(req_str(item, "desc", ctx)?);
            }
            if check_update_expected(&mut expected, ov, "append", "tags", ctx)? {
                v.tags = decode_tags(item, ctx)?;
            }
            self.collector.append_rule(v, self.sources)?;
        }
        if !ovr_replace.is_empty() {
            let ov = ovr_replace;
            let mut v = RuleUpdateInfo::new(ctx.clone(), name);
            let mut want =
                |key: &str| check_update_expected(&mut expected, ov, "replace", key, ctx);
            if want("condition")? {
                v.source = source.to_string();
                v.cond = Some(req_str(item, "condition", ctx)?);
            }
            if want("exceptions")? {
                v.exceptions = Some(self.read_exceptions(item, ctx, false)?);
            }
            if want("output")? {
                v.output = Some(req_str(item, "output", ctx)?);
            }
            if want("desc")? {
                v.desc = Some(req_str(item, "desc", ctx)?);
            }
            if want("tags")? {
                v.tags = decode_tags(item, ctx)?;
            }
            if want("priority")? {
                v.priority = Some(decode_priority(item, ctx)?);
            }
            if want("capture")? {
                v.capture = Some(req_conv(item, "capture", ctx, yaml::decode_bool)?);
            }
            if want("capture_duration")? {
                v.capture_duration =
                    Some(req_conv(item, "capture_duration", ctx, yaml::decode_u32)?);
            }
            if want("enabled")? {
                v.enabled = Some(req_conv(item, "enabled", ctx, yaml::decode_bool)?);
            }
            if want("warn_evttypes")? {
                v.warn_evttypes = Some(req_conv(item, "warn_evttypes", ctx, yaml::decode_bool)?);
            }
            if want("skip-if-unknown-filter")? {
                v.skip_if_unknown_filter = Some(req_conv(
                    item,
                    "skip-if-unknown-filter",
                    ctx,
                    yaml::decode_bool,
                )?);
            }
            self.collector.replace_rule(v, self.sources)?;
        }
        if let Some(key) = expected.first() {
            let keyctx = item.get(key).map_or(ctx.clone(), |n| {
                ctx.child(n.pos, ItemType::Override, key.clone())
            });
            return Err(bad(
                format!(
                    "Unexpected key '{key}': no corresponding entry under 'override' is defined."
                ),
                &keyctx,
            ));
        }
        Ok(())
    }
}
