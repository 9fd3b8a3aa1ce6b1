//! Output format validation.
//!
//! A rule's `output` is checked the way libsinsp's event formatter parses it when Falco validates
//! a rule: after each `%` (and optional width digits) the longest prefix of the rest that parses
//! as a field or transformer *and* compiles against the source's fields is the token; the text
//! after it is literal again. The tokenizer is shared with [`crate::format::OutputFormat`], which
//! renders the same tokens. Falco 0.44 (libs 0.25) words the failures as
//! `unknown filter: <parser message>`; since the formatter retries down to a one-character
//! prefix, the parser message of an unknown token is always `unexpected token after '`.

use crate::fields::{FieldFlags, SourceSchema};
use crate::format::tokenize::{register, tokenize, Piece};

/// What a valid output format refers to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutputInfo {
    /// Field expressions in the order the formatter registers them (the keys of JSON
    /// `output_fields`): `proc.aname[2]`, `toupper(proc.name)` (a transformer's inner fields come
    /// first, as libsinsp registers them).
    pub fields: Vec<String>,
    /// Deprecated fields whose names occur in the format text, in registry order (Falco warns
    /// `usage of deprecated field '<f>' has been detected in the rule output` for each).
    pub deprecated: Vec<String>,
}

/// The placeholder Falco removes from outputs.
pub const CONTAINER_INFO: &str = "%container.info";

/// Falco's `LOAD_DEPRECATED_ITEM` message for `%container.info`.
pub const CONTAINER_INFO_DEPRECATED: &str = "%container.info is deprecated and no more useful, \
     and will be dropped by Falco 1.0.0. The container plugin will automatically add required \
     fields to the output message.";

/// The output with every `%container.info` removed, or `None` if it has none (then nothing
/// needs doing; otherwise the caller warns with [`CONTAINER_INFO_DEPRECATED`]).
pub fn strip_container_info(output: &str) -> Option<String> {
    output
        .contains(CONTAINER_INFO)
        .then(|| output.replace(CONTAINER_INFO, ""))
}

/// Falco's warning text for a deprecated field used in an output.
pub fn deprecated_field_message(field: &str) -> String {
    format!("usage of deprecated field '{field}' has been detected in the rule output")
}

/// Validates an output format against a source's fields; see the module documentation.
///
/// Errors are the formatter's messages: `empty formatting token`,
/// `invalid formatting syntax: formatting cannot end with a %`,
/// `invalid formatting syntax: formatting cannot end with a number`,
/// `unknown filter: unexpected token after '`.
pub fn check(format: &str, schema: &SourceSchema) -> Result<OutputInfo, String> {
    let tokenized = tokenize(format, schema)?;
    let mut info = OutputInfo::default();
    let mut registered = Vec::new();
    for piece in &tokenized.pieces {
        if let Piece::Token { operand, .. } = piece {
            registered.clear();
            register(operand, &mut registered);
            info.fields
                .extend(registered.iter().map(|(op, _)| op.to_string()));
        }
    }
    for (_, field) in schema.fields.iter() {
        if field.flags.contains(FieldFlags::DEPRECATED) && format.contains(field.name.as_str()) {
            info.deprecated.push(field.name.clone());
        }
    }
    Ok(info)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{ArgForm, EventTypeTable, FieldInfo, FieldRegistry, FieldType};

    fn schema() -> SourceSchema {
        let mut fields = FieldRegistry::new();
        for name in [
            "evt.time",
            "user.name",
            "proc.name",
            "proc.pname",
            "proc.cmdline",
            "fd.name",
        ] {
            fields.add(FieldInfo::new(name, FieldType::CharBuf, "test field"));
        }
        fields.add(
            FieldInfo::new("proc.aname", FieldType::CharBuf, "ancestor").arg(ArgForm::Index, false),
        );
        fields.add(FieldInfo::new("proc.args", FieldType::CharBuf, "args"));
        fields.add(
            FieldInfo::new("evt.dir", FieldType::CharBuf, "direction")
                .flags(FieldFlags::DEPRECATED),
        );
        fields.add(
            FieldInfo::new("evt.latency", FieldType::Uint64, "latency")
                .flags(FieldFlags::DEPRECATED),
        );
        fields.add(
            FieldInfo::new("evt.latency.s", FieldType::Uint64, "latency s")
                .flags(FieldFlags::DEPRECATED),
        );
        fields.add(
            FieldInfo::new("fd.ip", FieldType::IpAddr, "ip")
                .flags(FieldFlags::FILTER_ONLY | FieldFlags::NO_RHS),
        );
        fields.add(
            FieldInfo::new("container.label", FieldType::CharBuf, "label").arg(ArgForm::Key, true),
        );
        SourceSchema::new("syscall", fields, EventTypeTable::single("open"))
    }

    fn fields_of(format: &str) -> Vec<String> {
        match check(format, &schema()) {
            Ok(info) => info.fields,
            Err(e) => panic!("{format:?}: {e}"),
        }
    }

    #[test]
    fn valid_formats_and_their_field_keys() {
        let cases: Vec<(&str, Vec<&str>)> = vec![
            (
                "user=%user.name command=%proc.cmdline file=%fd.name",
                vec!["user.name", "proc.cmdline", "fd.name"],
            ),
            (
                "An open was seen (command=%proc.cmdline)",
                vec!["proc.cmdline"],
            ),
            ("(%proc.name)", vec!["proc.name"]),
            ("%proc.name: done", vec!["proc.name"]),
            ("%proc.name.", vec!["proc.name"]),
            (
                "*%evt.time: Warning %proc.name",
                vec!["evt.time", "proc.name"],
            ),
            ("%10proc.name|%2fd.name", vec!["proc.name", "fd.name"]),
            (
                "%proc.aname[2] %container.label[app]",
                vec!["proc.aname[2]", "container.label[app]"],
            ),
            ("%container.label.app", vec!["container.label.app"]),
            // Longest prefix that resolves: `proc.namex` is unknown, `proc.name` then `x`.
            ("%proc.namex", vec!["proc.name"]),
            (
                "%toupper(proc.name)",
                vec!["proc.name", "toupper(proc.name)"],
            ),
            (
                "%toupper( tolower(proc.name) )",
                vec!["proc.name", "toupper(tolower(proc.name))"],
            ),
            (
                "%concat(toupper(proc.name), proc.pname)",
                vec![
                    "proc.name",
                    "toupper(proc.name)",
                    "proc.pname",
                    "concat(toupper(proc.name),proc.pname)",
                ],
            ),
            (
                "%concat(proc.pname, toupper(proc.name))",
                vec![
                    "proc.pname",
                    "proc.name",
                    "concat(proc.pname,toupper(proc.name))",
                ],
            ),
            ("%fd.ip", vec!["fd.ip"]),
            ("no fields at all", vec![]),
            // A bad argument shrinks back to the bare field; `[x]` is then literal text.
            ("%proc.aname[x]", vec!["proc.aname"]),
        ];
        for (format, want) in cases {
            assert_eq!(fields_of(format), want, "format {format:?}");
        }
    }

    #[test]
    fn invalid_formats_use_the_formatter_messages() {
        let unknown = "unknown filter: unexpected token after '";
        let cases = [
            ("", "empty formatting token"),
            ("An open was seen %not_a_real_field", unknown),
            ("proc.nobody=%proc.nobody", unknown),
            ("%toupper(proc.nobody)", unknown),
            ("%toupper(proc.name", unknown),
            ("100% sure", unknown),
            ("%%", unknown),
            (
                "%proc.name %",
                "invalid formatting syntax: formatting cannot end with a %",
            ),
            (
                "*%",
                "invalid formatting syntax: formatting cannot end with a %",
            ),
            (
                "%12",
                "invalid formatting syntax: formatting cannot end with a number",
            ),
        ];
        for (format, want) in cases {
            assert_eq!(
                check(format, &schema()),
                Err(want.to_string()),
                "format {format:?}"
            );
        }
    }

    #[test]
    fn deprecated_fields_are_found_by_name() {
        let info = match check("evt.dir=%evt.dir lat=%evt.latency.s", &schema()) {
            Ok(i) => i,
            Err(e) => panic!("{e}"),
        };
        // As in Falco, a plain substring search: `evt.latency.s` also mentions `evt.latency`.
        assert_eq!(
            info.deprecated,
            vec!["evt.dir", "evt.latency", "evt.latency.s"]
        );
        assert_eq!(
            deprecated_field_message("evt.dir"),
            "usage of deprecated field 'evt.dir' has been detected in the rule output"
        );
        let clean = check("user=%user.name command=%proc.cmdline", &schema());
        assert_eq!(clean.map(|i| i.deprecated), Ok(vec![]));
    }

    #[test]
    fn container_info_is_removed() {
        assert_eq!(
            strip_container_info("a %container.info b %container.info"),
            Some("a  b ".to_string())
        );
        assert_eq!(strip_container_info("a %proc.name"), None);
    }
}
