//! `--list [SOURCE]` and `--list-events`: the fields and event types of the event sources, in
//! Falco's layouts (libsinsp's field-class text, markdown and JSON forms).

use std::collections::BTreeSet;

use falcod_rules::fields::{ArgForm, FieldFlags, FieldInfo, SourceSchema};
use serde_json::{json, Value};

use crate::cli::Format;
use crate::Outcome;

/// Where the right-hand block (descriptions) starts, and the line width it wraps at.
const RIGHT_BLOCK: usize = 30;
const WIDTH: usize = 120;

/// One field class of one source: its name and its listable fields, in registry order.
struct FieldClass<'a> {
    name: &'a str,
    fields: Vec<&'a FieldInfo>,
}

fn sources() -> Vec<&'static SourceSchema> {
    vec![falcod_probe::syscall_schema()]
}

/// Fields shown by `--list`: hidden and deprecated fields are left out, as in Falco.
fn listable(f: &FieldInfo) -> bool {
    !f.flags.contains(FieldFlags::HIDDEN) && !f.flags.contains(FieldFlags::DEPRECATED)
}

fn classes(schema: &SourceSchema) -> Vec<FieldClass<'_>> {
    let mut out: Vec<FieldClass<'_>> = Vec::new();
    for (_, f) in schema.fields.iter() {
        if !listable(f) {
            continue;
        }
        match out.iter_mut().find(|c| c.name == f.class) {
            Some(c) => c.fields.push(f),
            None => out.push(FieldClass {
                name: &f.class,
                fields: vec![f],
            }),
        }
    }
    out
}

/// libsinsp's tags for a field, sorted as its `std::set` keeps them.
fn tags(f: &FieldInfo) -> BTreeSet<&'static str> {
    let mut t = BTreeSet::new();
    if f.flags.contains(FieldFlags::FILTER_ONLY) {
        t.insert("FILTER_ONLY");
    }
    if f.flags.contains(FieldFlags::NO_RHS) {
        t.insert("EPF_NO_RHS");
    }
    if f.flags.contains(FieldFlags::NO_TRANSFORMER) {
        t.insert("EPF_NO_TRANSFORMER");
    }
    if f.flags.contains(FieldFlags::IS_LIST) {
        t.insert("EPF_IS_LIST");
    }
    if f.arg != ArgForm::None {
        t.insert(if f.arg_required {
            "ARG_REQUIRED"
        } else {
            "ARG_ALLOWED"
        });
        if matches!(f.arg, ArgForm::Index | ArgForm::IndexOrKey) {
            t.insert("ARG_INDEX");
        }
        if matches!(f.arg, ArgForm::Key | ArgForm::IndexOrKey) {
            t.insert("ARG_KEY");
        }
    }
    t
}

/// Word-wraps `text` into the right-hand block (libsinsp's `wrapstring`): every word is
/// followed by a space; a word that would pass the width starts a new, indented line.
fn wrap_right_block(text: &str, out: &mut String) {
    let mut len = 0;
    for word in text.split_whitespace() {
        let word_len = word.chars().count() + 1;
        if len + word_len <= WIDTH - RIGHT_BLOCK {
            len += word_len;
        } else {
            out.push('\n');
            out.push_str(&" ".repeat(RIGHT_BLOCK));
            len = word_len;
        }
        out.push_str(word);
        out.push(' ');
    }
}

fn pad(s: &str) -> String {
    format!("{s:<RIGHT_BLOCK$}")
}

fn class_text(class: &FieldClass<'_>, sources: &[&str], verbose: bool) -> String {
    let mut os = String::from("-------------------------------\n");
    os.push_str(&pad("Field Class:"));
    os.push_str(class.name);
    os.push('\n');
    os.push_str(&pad("Event Sources:"));
    for s in sources {
        os.push_str(s);
        os.push(' ');
    }
    os.push_str("\n\n");
    for f in &class.fields {
        if f.name.chars().count() > RIGHT_BLOCK {
            os.push_str(&f.name);
            os.push('\n');
            os.push_str(&" ".repeat(RIGHT_BLOCK));
        } else {
            os.push_str(&pad(&f.name));
        }
        let t = tags(f);
        let mut desc = if t.is_empty() {
            f.desc.clone()
        } else {
            format!(
                "({}) {}",
                t.into_iter().collect::<Vec<_>>().join(","),
                f.desc
            )
        };
        if verbose {
            desc = format!("(Type: {}) {desc}", f.ty);
        }
        wrap_right_block(&desc, &mut os);
        os.push('\n');
    }
    os
}

fn class_markdown(class: &FieldClass<'_>, sources: &[&str]) -> String {
    let mut os = format!("## Field Class: {}\n\n", class.name);
    os.push_str("Event Sources: ");
    for s in sources {
        os.push_str(s);
        os.push(' ');
    }
    os.push_str("\n\nName | Type | Description\n:----|:-----|:-----------\n");
    for f in &class.fields {
        let ty = if f.flags.contains(FieldFlags::IS_LIST) {
            format!("LIST({})", f.ty)
        } else {
            f.ty.to_string()
        };
        os.push_str(&format!("`{}` | {ty} | {}\n", f.name, f.desc));
    }
    os
}

fn class_json(class: &FieldClass<'_>, sources: &[&str]) -> Value {
    let fields: Vec<Value> = class
        .fields
        .iter()
        .map(|f| {
            let argument = match f.arg {
                ArgForm::None => Value::Null,
                form => {
                    let mut types = Vec::new();
                    if matches!(form, ArgForm::Index | ArgForm::IndexOrKey) {
                        types.push("INDEX");
                    }
                    if matches!(form, ArgForm::Key | ArgForm::IndexOrKey) {
                        types.push("KEY");
                    }
                    json!({"required": f.arg_required, "type": types})
                }
            };
            // Falco prints these through nlohmann's default (sorted) objects: keys in order.
            json!({
                "argument": argument,
                "desc": f.desc,
                "is_list": f.flags.contains(FieldFlags::IS_LIST),
                "name": f.name,
                "type": f.ty.as_str(),
            })
        })
        .collect();
    json!({"event_sources": sources, "fields": fields, "name": class.name})
}

/// `--list [SOURCE]` (empty source: all sources).
pub fn list_fields(source: &str, names_only: bool, verbose: bool, format: Format) -> Outcome {
    let schemas: Vec<&SourceSchema> = sources()
        .into_iter()
        .filter(|s| source.is_empty() || s.name == source)
        .collect();
    if schemas.is_empty() {
        return Err("Value for --list must be a valid source type".to_string());
    }
    let mut json_classes = Vec::new();
    let mut json_names = Vec::new();
    for schema in schemas {
        let srcs = [schema.name.as_str()];
        for class in classes(schema) {
            if names_only {
                for f in &class.fields {
                    match format {
                        Format::Json => json_names.push(Value::from(f.name.as_str())),
                        _ => println!("{}", f.name),
                    }
                }
                continue;
            }
            match format {
                Format::Text => println!("{}", class_text(&class, &srcs, verbose)),
                Format::Markdown => println!("{}", class_markdown(&class, &srcs)),
                Format::Json => json_classes.push(class_json(&class, &srcs)),
            }
        }
    }
    if format == Format::Json {
        let root = if names_only {
            json!({ "fieldnames": json_names })
        } else {
            json!({ "fieldclasses": json_classes })
        };
        println!("{}", pretty(&root));
    }
    Ok(())
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

/// `--list-events`: the event types of the syscall source, each with its direction (`>` enter,
/// `<` exit), once per name and direction (older versions of an event share its name).
///
/// The driver numbers events in enter/exit pairs (even code enter, odd code exit); the generic
/// events (codes 0 and 1) stand for syscalls without their own event and are left out, as Falco
/// leaves them out of its syscall listing. Parameter lists arrive with the event decoder.
pub fn list_events(format: Format) -> Outcome {
    let table = &falcod_probe::syscall_schema().event_types;
    let mut events: Vec<(char, &str)> = Vec::new();
    for code in 2..table.count {
        let Ok(code) = u16::try_from(code) else { break };
        let Some(name) = table.name(code) else {
            continue;
        };
        let dir = if code % 2 == 0 { '>' } else { '<' };
        if !events.contains(&(dir, name)) {
            events.push((dir, name));
        }
    }
    match format {
        Format::Json => {
            let list: Vec<Value> = events
                .iter()
                .map(|(dir, name)| json!({ "dir": dir.to_string(), "name": name }))
                .collect();
            println!("{}", pretty(&json!({ "events": list })));
        }
        Format::Markdown => {
            println!("## Syscall source events\n\nDir | Name\n:----|:-----");
            for (dir, name) in &events {
                println!("`{dir}` | `{name}`");
            }
        }
        Format::Text => {
            println!("## Syscall source events\n");
            for (dir, name) in &events {
                println!("{dir} {name}");
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use falcod_rules::fields::FieldType;

    #[test]
    fn text_layout_pads_tags_and_wraps_like_libsinsp() {
        let long_desc = "word ".repeat(30);
        let fields = [
            FieldInfo::new("proc.name", FieldType::CharBuf, "the process name"),
            FieldInfo::new("proc.aname", FieldType::CharBuf, "ancestor name")
                .arg(ArgForm::Index, false),
            FieldInfo::new(
                "a.field.name.longer.than.thirty.chars",
                FieldType::Int64,
                "x",
            ),
            FieldInfo::new("proc.long", FieldType::CharBuf, long_desc.trim()),
        ];
        let class = FieldClass {
            name: "process",
            fields: fields.iter().collect(),
        };
        let text = class_text(&class, &["syscall"], false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "-------------------------------");
        assert_eq!(lines[1], format!("{:<30}process", "Field Class:"));
        assert_eq!(lines[2], format!("{:<30}syscall ", "Event Sources:"));
        assert_eq!(lines[3], "");
        assert_eq!(lines[4], format!("{:<30}the process name ", "proc.name"));
        assert_eq!(
            lines[5],
            format!("{:<30}(ARG_ALLOWED,ARG_INDEX) ancestor name ", "proc.aname")
        );
        assert_eq!(lines[6], "a.field.name.longer.than.thirty.chars");
        assert_eq!(lines[7], format!("{:30}x ", ""));
        // 30 five-character words: 18 fit in the 90 columns of the right block.
        assert_eq!(
            lines[8],
            format!("{:<30}{}", "proc.long", "word ".repeat(18))
        );
        assert_eq!(lines[9], format!("{:30}{}", "", "word ".repeat(12)));
        let verbose = class_text(&class, &["syscall"], true);
        assert!(
            verbose.contains("(Type: CHARBUF) the process name"),
            "{verbose}"
        );
    }

    #[test]
    fn json_layout_has_libsinsp_keys() {
        let fields = [FieldInfo::new("c.label", FieldType::CharBuf, "a label")
            .arg(ArgForm::Key, true)
            .flags(FieldFlags::IS_LIST)];
        let class = FieldClass {
            name: "c",
            fields: fields.iter().collect(),
        };
        let v = class_json(&class, &["syscall"]);
        assert_eq!(
            v,
            json!({"name": "c", "event_sources": ["syscall"], "fields": [{
                "name": "c.label", "type": "CHARBUF", "desc": "a label", "is_list": true,
                "argument": {"required": true, "type": ["KEY"]}}]})
        );
        let md = class_markdown(&class, &["syscall"]);
        assert!(md.contains("`c.label` | LIST(CHARBUF) | a label\n"), "{md}");
    }
}
