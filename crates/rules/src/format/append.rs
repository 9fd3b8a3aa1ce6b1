//! falco.yaml `append_output`, applied per rule once at setup (falco
//! `init_falco_engine.cpp` `configure_output_format`, `rule_loader_compiler.cpp`
//! `compile_rule_infos`), and the per-rule formatter that renders alerts with it.
//!
//! Each entry may restrict itself to a source, to rules having *all* of a set of tags, and to one
//! rule by name. A matching entry appends its `extra_output` to the rule's output after one space,
//! then, with `suggested_output`, one ` name_with_underscores=%field.name` per field the source
//! marks [`FieldFlags::SUGGESTED_OUTPUT`], in the source's field order. Its `extra_fields` go to
//! JSON `output_fields` only: `{key: format}` entries as the rendered text, bare field names as
//! the field's typed value; a later entry's key replaces an earlier one's.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value as Json};

use super::alert::{format_alert, Alert, AlertConfig};
use super::OutputFormat;
use crate::compile::output::strip_container_info;
use crate::event::{Event, Values};
use crate::fields::{FieldFlags, SourceSchema};
use crate::load::info::Priority;

/// One `append_output` entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppendOutput {
    /// `match.source`: only rules of this source (`None`: any).
    pub source: Option<String>,
    /// `match.tags`: only rules having all of these tags.
    pub tags: BTreeSet<String>,
    /// `match.rule`: only the rule of this name (`None`: any).
    pub rule: Option<String>,
    /// `extra_output`: text (a format) appended to the rule output.
    pub extra_output: Option<String>,
    /// `extra_fields`: extra JSON output fields.
    pub extra_fields: Vec<ExtraField>,
    /// `suggested_output`: append the source's suggested fields.
    pub suggested_output: bool,
}

/// One `extra_fields` item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtraField {
    /// `{key: "format"}`: the rendered format, as a string.
    Formatted {
        /// The `output_fields` key.
        key: String,
        /// The format.
        format: String,
    },
    /// `field.name`: the field's typed value under its own name.
    Raw(String),
}

/// What a rule is matched on.
#[derive(Debug, Clone, Copy)]
pub struct RuleMatchInfo<'a> {
    /// Rule name.
    pub name: &'a str,
    /// Rule source.
    pub source: &'a str,
    /// Rule tags.
    pub tags: &'a BTreeSet<String>,
}

impl AppendOutput {
    /// Whether the entry applies to the rule (Falco: source equal or unset, the rule's tags a
    /// superset of the entry's, rule name equal or unset).
    pub fn matches(&self, rule: &RuleMatchInfo<'_>) -> bool {
        self.source
            .as_deref()
            .is_none_or(|s| s.is_empty() || s == rule.source)
            && self.tags.is_subset(rule.tags)
            && self
                .rule
                .as_deref()
                .is_none_or(|r| r.is_empty() || r == rule.name)
    }
}

/// A rule's output after `append_output`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectiveOutput {
    /// The output format with the appended parts.
    pub output: String,
    /// Extra JSON fields by key (sorted, later entries winning): `(format, raw)`, where a raw
    /// field's format is `%<key>`.
    pub extra_fields: BTreeMap<String, (String, bool)>,
}

/// `name_with_underscores=%name`, Falco's spelling of a suggested field.
pub fn suggested_field_format(name: &str) -> String {
    format!("{}=%{name}", name.replace('.', "_"))
}

/// Applies the `append_output` entries to a rule's output (the `%container.info`-free output
/// of the compiled rule); `schema` is the rule's source. Falco validates the result like the
/// rule's own output: compile it with [`RuleFormatter::compile`] and report a failure as the
/// rule's output error.
pub fn effective_output(
    rule_output: &str,
    rule: &RuleMatchInfo<'_>,
    appends: &[AppendOutput],
    schema: &SourceSchema,
) -> EffectiveOutput {
    let mut output = rule_output.to_string();
    let mut extra_fields = BTreeMap::new();
    for entry in appends.iter().filter(|e| e.matches(rule)) {
        if let Some(extra) = entry.extra_output.as_deref().filter(|s| !s.is_empty()) {
            output.push(' ');
            output.push_str(extra);
        }
        if entry.suggested_output {
            for (_, f) in schema.fields.iter() {
                if f.flags.contains(FieldFlags::SUGGESTED_OUTPUT) {
                    output.push(' ');
                    output.push_str(&suggested_field_format(&f.name));
                }
            }
        }
        // Falco keeps an entry's formatted fields in a map and its raw fields in a set.
        let mut formatted = BTreeMap::new();
        let mut raw = BTreeSet::new();
        for field in &entry.extra_fields {
            match field {
                ExtraField::Formatted { key, format } => {
                    formatted.insert(key.clone(), format.clone());
                }
                ExtraField::Raw(key) => {
                    raw.insert(key.clone());
                }
            }
        }
        for (key, format) in formatted {
            extra_fields.insert(key, (format, false));
        }
        for key in raw {
            let format = format!("%{key}");
            extra_fields.insert(key, (format, true));
        }
    }
    if let Some(stripped) = strip_container_info(&output) {
        output = stripped;
    }
    EffectiveOutput {
        output,
        extra_fields,
    }
}

/// A rule's compiled output: its message format and its extra fields.
#[derive(Debug, Clone)]
pub struct RuleFormatter {
    message: OutputFormat,
    extra: Vec<ExtraFormatter>,
}

#[derive(Debug, Clone)]
struct ExtraFormatter {
    key: String,
    format: OutputFormat,
    raw: bool,
}

/// Reusable buffers for [`RuleFormatter::write_alert`].
#[derive(Debug, Default)]
pub struct AlertScratch {
    message: String,
    /// The transformers' byte buffer.
    bytes: Vec<u8>,
    fields: Map<String, Json>,
    extra: Map<String, Json>,
}

/// Falco renders every rule format with `*` (missing values as `<NA>`).
fn starred(format: &str) -> String {
    if format.starts_with('*') {
        format.to_string()
    } else {
        format!("*{format}")
    }
}

impl RuleFormatter {
    /// Compiles a rule's effective output and extra fields (errors: the formatter's message).
    pub fn compile(effective: &EffectiveOutput, schema: &SourceSchema) -> Result<Self, String> {
        let message = OutputFormat::compile(&starred(&effective.output), schema)?;
        let mut extra = Vec::new();
        for (key, (format, raw)) in &effective.extra_fields {
            if format.is_empty() {
                continue;
            }
            extra.push(ExtraFormatter {
                key: key.clone(),
                format: OutputFormat::compile(&starred(format), schema)?,
                raw: *raw,
            });
        }
        Ok(RuleFormatter { message, extra })
    }

    /// The message format.
    pub fn message(&self) -> &OutputFormat {
        &self.message
    }

    /// Appends the alert for a match as `cfg` asks (text line or JSON object, no newline).
    /// Text alerts allocate nothing once `out`, `values` and `scratch` are warm.
    #[allow(clippy::too_many_arguments, reason = "the alert's parts, all needed")]
    pub fn write_alert<E: Event + ?Sized>(
        &self,
        cfg: &AlertConfig,
        rule: &RuleMatchInfo<'_>,
        priority: Priority,
        time_ns: u64,
        event: &E,
        values: &mut Values,
        scratch: &mut AlertScratch,
        out: &mut String,
    ) {
        scratch.message.clear();
        scratch.fields.clear();
        scratch.extra.clear();
        self.message
            .render_with(event, values, &mut scratch.bytes, &mut scratch.message);
        if cfg.json_output && cfg.json_include_output_fields_property {
            self.message
                .render_fields(event, values, time_ns, &mut scratch.fields);
            for x in &self.extra {
                let value = if x.raw {
                    let mut one = Map::new();
                    x.format.render_fields(event, values, time_ns, &mut one);
                    one.remove(&x.key).unwrap_or(Json::Null)
                } else {
                    let mut text = String::new();
                    x.format.render(event, values, &mut text);
                    Json::String(text)
                };
                scratch.extra.insert(x.key.clone(), value);
            }
        }
        let alert = Alert {
            time_ns,
            rule: rule.name,
            priority,
            source: rule.source,
            tags: rule.tags,
            message: &scratch.message,
            output_fields: &scratch.fields,
            extra_fields: &scratch.extra,
        };
        format_alert(cfg, &alert, out);
    }
}
