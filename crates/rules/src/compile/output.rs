//! Output format validation.
//!
//! A rule's `output` is checked the way libsinsp's event formatter parses it when Falco validates
//! a rule: after each `%` (and optional width digits) the longest prefix of the rest that parses
//! as a field or transformer *and* resolves against the source's fields is the token; the text
//! after it is literal again. Falco 0.44 (libs 0.25) words the failures as
//! `unknown filter: <parser message>`; since the formatter retries down to a one-character
//! prefix, the parser message of an unknown token is always `unexpected token after '`.

use crate::ast::{Transformer, Value};
use crate::fields::{FieldFlags, SourceSchema};

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

/// One parsed format token.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Field {
        name: String,
        arg: Option<String>,
    },
    Transform {
        kind: Transformer,
        args: Vec<Token>,
        arg: Option<String>,
    },
    Value(String),
    List(Vec<Token>),
}

const UNEXPECTED: &str = "unexpected token after '";
const MAX_DEPTH: u32 = 100;

/// A small cursor over one candidate token text, following libsinsp's lexer rules.
struct Lexer<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.rest().starts_with(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    fn blanks(&mut self) {
        let n = self.rest().len()
            - self
                .rest()
                .trim_start_matches([' ', '\t', '\r', '\n'])
                .len();
        self.pos += n;
    }

    /// `[a-zA-Z]+[a-zA-Z0-9_]*`
    fn ident_len(s: &str) -> usize {
        let b = s.as_bytes();
        if !b.first().is_some_and(u8::is_ascii_alphabetic) {
            return 0;
        }
        b.iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
            .count()
    }

    /// A field name: identifiers joined by dots, at least one dot.
    fn field_name(&mut self) -> Option<String> {
        let rest = self.rest();
        let mut len = Self::ident_len(rest);
        if len == 0 {
            return None;
        }
        let mut segments = 0;
        while rest[len..].starts_with('.') {
            let seg = Self::ident_len(&rest[len + 1..]);
            if seg == 0 {
                break;
            }
            len += 1 + seg;
            segments += 1;
        }
        if segments == 0 {
            return None;
        }
        self.pos += len;
        Some(rest[..len].to_string())
    }

    /// A quoted string (`"..."` or `'...'`, backslash escapes); returns the raw inner text.
    fn quoted(&mut self) -> Option<String> {
        let rest = self.rest();
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let mut escaped = false;
        for (i, c) in rest.char_indices().skip(1) {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                c if c == quote => {
                    self.pos += i + 1;
                    return Some(rest[1..i].to_string());
                }
                _ => {}
            }
        }
        None
    }

    /// A number (decimal or hex), kept as written.
    fn number(&mut self) -> Option<String> {
        let rest = self.rest();
        let b = rest.as_bytes();
        let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
        let digits = b[i..]
            .iter()
            .take_while(|c| c.is_ascii_hexdigit() || **c == b'x' || **c == b'X' || **c == b'.')
            .count();
        if digits == 0 || !b[i].is_ascii_digit() {
            return None;
        }
        i += digits;
        self.pos += i;
        Some(rest[..i].to_string())
    }

    fn transformer(&mut self) -> Option<Transformer> {
        let t = Transformer::ALL.into_iter().find(|t| {
            self.rest().starts_with(t.as_str()) && self.rest()[t.as_str().len()..].starts_with('(')
        })?;
        self.pos += t.as_str().len() + 1;
        Some(t)
    }

    fn field_arg(&mut self) -> Result<Option<String>, String> {
        if !self.eat("[") {
            return Ok(None);
        }
        let arg = match self.quoted() {
            Some(q) => q,
            None => {
                let rest = self.rest();
                let n = rest
                    .find(|c: char| matches!(c, '[' | ']' | '"' | '\'') || c.is_ascii_whitespace())
                    .unwrap_or(rest.len());
                if n == 0 {
                    return Err(
                        "expected a valid field argument: a quoted string or a bare string".into(),
                    );
                }
                self.pos += n;
                rest[..n].to_string()
            }
        };
        if !self.eat("]") {
            return Err("expected a ']' token".into());
        }
        Ok(Some(arg))
    }

    fn field_or_transformer(&mut self, depth: u32) -> Result<Token, String> {
        if depth > MAX_DEPTH {
            return Err("exceeded max depth limit".into());
        }
        if let Some(name) = self.field_name() {
            return Ok(Token::Field {
                name,
                arg: self.field_arg()?,
            });
        }
        if let Some(kind) = self.transformer() {
            return self.transformer_rest(kind, depth);
        }
        Err(UNEXPECTED.into())
    }

    fn transformer_rest(&mut self, kind: Transformer, depth: u32) -> Result<Token, String> {
        let mut args = Vec::new();
        self.blanks();
        loop {
            args.push(self.transformer_arg(depth + 1)?);
            self.blanks();
            if !self.eat(",") {
                break;
            }
        }
        self.blanks();
        if !self.eat(")") {
            return Err("expected a ')' token closing the transformer".into());
        }
        Ok(Token::Transform {
            kind,
            args,
            arg: self.field_arg()?,
        })
    }

    fn transformer_arg(&mut self, depth: u32) -> Result<Token, String> {
        if depth > MAX_DEPTH {
            return Err("exceeded max depth limit".into());
        }
        self.blanks();
        if let Some(n) = self.number() {
            return Ok(Token::Value(n));
        }
        if let Some(q) = self.quoted() {
            return Ok(Token::Value(q));
        }
        if self.eat("(") {
            let mut items = Vec::new();
            self.blanks();
            if self.eat(")") {
                return Ok(Token::List(items));
            }
            loop {
                self.blanks();
                items.push(self.transformer_arg(depth + 1)?);
                self.blanks();
                if !self.eat(",") {
                    break;
                }
            }
            if !self.eat(")") {
                return Err("expected ')'".into());
            }
            return Ok(Token::List(items));
        }
        if let Some(kind) = self.transformer() {
            return self.transformer_rest(kind, depth);
        }
        if let Some(name) = self.field_name() {
            return Ok(Token::Field {
                name,
                arg: self.field_arg()?,
            });
        }
        Err("expected field transformer argument: field, transformer, quoted string, number, or transformer list".into())
    }
}

/// Renders a token as libsinsp's `as_string` names it.
fn render(token: &Token) -> String {
    match token {
        Token::Field { name, arg } => match arg {
            Some(a) => format!("{name}[{a}]"),
            None => name.clone(),
        },
        Token::Transform { kind, args, arg } => {
            let inner: Vec<String> = args.iter().map(render).collect();
            let mut s = format!("{}({})", kind.as_str(), inner.join(","));
            if let Some(a) = arg {
                s.push_str(&format!("[{a}]"));
            }
            s
        }
        Token::Value(v) => Value::new(v.clone()).text,
        Token::List(items) => format!(
            "({})",
            items.iter().map(render).collect::<Vec<_>>().join(",")
        ),
    }
}

/// Resolves every field of a token against the schema (the formatter's extractor compile).
fn resolve(token: &Token, schema: &SourceSchema) -> Result<(), String> {
    match token {
        Token::Field { name, arg } => schema
            .fields
            .resolve(name, arg.as_deref())
            .map(|_| ())
            .map_err(|_| {
                let full = render(token);
                format!("filter_check called with nonexistent field {full}")
            }),
        Token::Transform { args, .. } | Token::List(args) => {
            args.iter().try_for_each(|a| resolve(a, schema))
        }
        Token::Value(_) => Ok(()),
    }
}

/// Registers a token's names as libsinsp's formatter visitor does: fields in order, and a
/// transformer replacing the transformer registered just before it (its last argument).
fn register(token: &Token, names: &mut Vec<String>, last_was_transformer: &mut bool) {
    match token {
        Token::Field { .. } => {
            names.push(render(token));
            *last_was_transformer = false;
        }
        Token::Transform { args, .. } => {
            for a in args {
                register(a, names, last_was_transformer);
            }
            if *last_was_transformer {
                names.pop();
            }
            names.push(render(token));
            *last_was_transformer = true;
        }
        Token::List(items) => {
            for a in items {
                register(a, names, last_was_transformer);
            }
        }
        Token::Value(_) => {}
    }
}

/// Parses and resolves one candidate token text; returns the token and the bytes it used.
fn try_token(text: &str, schema: &SourceSchema) -> Result<(Token, usize), String> {
    let mut lexer = Lexer { s: text, pos: 0 };
    let token = lexer.field_or_transformer(0)?;
    resolve(&token, schema)?;
    Ok((token, lexer.pos))
}

/// Validates an output format against a source's fields; see the module documentation.
///
/// Errors are the formatter's messages: `empty formatting token`,
/// `invalid formatting syntax: formatting cannot end with a %`,
/// `invalid formatting syntax: formatting cannot end with a number`,
/// `unknown filter: unexpected token after '`.
pub fn check(format: &str, schema: &SourceSchema) -> Result<OutputInfo, String> {
    if format.is_empty() {
        return Err("empty formatting token".into());
    }
    let fmt = format.strip_prefix('*').unwrap_or(format);
    let bytes = fmt.as_bytes();
    let mut info = OutputInfo::default();
    let mut j = 0;
    while j < bytes.len() {
        if bytes[j] != b'%' {
            j += 1;
            continue;
        }
        if j == bytes.len() - 1 {
            return Err("invalid formatting syntax: formatting cannot end with a %".into());
        }
        // Width digits (`%10proc.name`).
        while bytes.get(j + 1).is_some_and(u8::is_ascii_digit) {
            if j + 1 == bytes.len() - 1 {
                return Err(
                    "invalid formatting syntax: formatting cannot end with a number".into(),
                );
            }
            j += 1;
        }
        let rest = &fmt[j + 1..];
        let mut size = rest.len();
        let (token, used) = loop {
            let attempt = if rest.is_char_boundary(size) {
                try_token(&rest[..size], schema)
            } else {
                Err(UNEXPECTED.to_string())
            };
            match attempt {
                Ok(found) => break found,
                Err(e) => {
                    size -= 1;
                    if size == 0 {
                        return Err(format!("unknown filter: {e}"));
                    }
                }
            }
        };
        let mut last_was_transformer = false;
        register(&token, &mut info.fields, &mut last_was_transformer);
        j += used + 1;
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
