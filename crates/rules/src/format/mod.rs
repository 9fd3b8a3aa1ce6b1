//! Output formats and alerts: `%field` formats rendered against events, and the text and JSON
//! alert shapes Falco writes.
//!
//! * [`OutputFormat`]: a format string (`"shell %proc.name (parent=%proc.pname)"`) compiled once
//!   against a source's fields, exactly as libsinsp's event formatter tokenizes it, then rendered
//!   per event as text ([`OutputFormat::render`]) and as the typed JSON `output_fields`
//!   ([`OutputFormat::render_fields`]).
//! * [`alert`]: Falco's alert line `<time>: <Priority> <message>` and its JSON object, byte for
//!   byte, with the `json_include_*` switches.
//! * [`append`]: falco.yaml's `append_output` (extra output text, extra JSON fields, the
//!   plugin-suggested fields), applied once per rule at setup.
//!
//! # Cost model
//!
//! Formatting only happens for events that matched a rule, so its cost is per alert, not per
//! event. Compilation (tokenizing, resolving fields, sorting JSON keys) happens once per rule.
//! Rendering re-extracts each field of the format from the event (the evaluator's extraction
//! buffer is not shared: its positions are the evaluator's business): one [`Event::extract`]
//! call per token, appending to the caller's [`Values`], which is truncated back afterwards.
//! Text rendering and the alert text line append to a caller-owned `String` and allocate nothing
//! once the `String` and `Values` have grown to their working size. JSON alerts allocate (one
//! `serde_json::Value` per output field, the message, the output line); the JSON object itself
//! is written straight into the caller's `String`.
//!
//! ```
//! use falcod_rules::event::{Event, FieldRequest, Values};
//! use falcod_rules::fields::{EventTypeTable, FieldInfo, FieldRegistry, FieldType, SourceSchema};
//! use falcod_rules::format::OutputFormat;
//!
//! let mut fields = FieldRegistry::new();
//! fields.add(FieldInfo::new("proc.name", FieldType::CharBuf, "process name"));
//! fields.add(FieldInfo::new("proc.pid", FieldType::Int64, "process id"));
//! let schema = SourceSchema::new("syscall", fields, EventTypeTable::single("open"));
//!
//! struct Ev;
//! impl Event for Ev {
//!     fn event_type(&self) -> u16 { 0 }
//!     fn extract(&self, f: &FieldRequest, out: &mut Values) {
//!         if f.id.0 == 0 { out.push_str(b"cat") } // no pid: missing
//!     }
//! }
//!
//! let fmt = OutputFormat::compile("*%proc.name pid=%proc.pid|%6proc.name|", &schema).unwrap();
//! let (mut values, mut out) = (Values::new(), String::new());
//! fmt.render(&Ev, &mut values, &mut out);
//! assert_eq!(out, "cat pid=<NA>|cat   |");
//! ```

pub mod alert;
pub mod append;
mod node;
pub mod text;
pub(crate) mod tokenize;

use std::ops::Range;

use serde_json::{Map, Value as Json};

use crate::ast::Operand;
use crate::event::{Event, FieldRequest, Values};
use crate::fields::{FieldType, SourceSchema};
use node::{truncate_bytes, Node};
use text::NOT_AVAILABLE;
use tokenize::{register, tokenize, Piece};

pub use alert::{format_alert, Alert, AlertConfig};
pub use append::{
    effective_output, AlertScratch, AppendOutput, EffectiveOutput, ExtraField, RuleFormatter,
    RuleMatchInfo,
};

/// A compiled output format.
#[derive(Debug, Clone)]
pub struct OutputFormat {
    text: String,
    require_all: bool,
    pieces: Vec<CompiledPiece>,
    fields: Vec<OutputField>,
    include_transformed: bool,
}

#[derive(Debug, Clone)]
enum CompiledPiece {
    Literal(Range<usize>),
    Value { width: usize, node: Node },
}

/// One field a format refers to, as libsinsp's formatter registers it (the keys of JSON
/// `output_fields`).
#[derive(Debug, Clone)]
pub struct OutputField {
    key: String,
    operand: Operand,
    ty: (FieldType, bool),
    node: Node,
    transformed: bool,
}

impl OutputField {
    /// The key: the field or transformer expression in libsinsp's canonical spelling
    /// (`proc.aname[2]`, `toupper(proc.name)`).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The parsed expression.
    pub fn operand(&self) -> &Operand {
        &self.operand
    }

    /// True for a transformer expression (left out of JSON `output_fields` by default, as Falco
    /// leaves them out).
    pub fn is_transformed(&self) -> bool {
        self.transformed
    }

    /// The value type and whether it is a list.
    pub fn value_type(&self) -> (FieldType, bool) {
        self.ty
    }

    /// The field request, for a plain field.
    pub fn request(&self) -> Option<&FieldRequest> {
        match &self.node {
            Node::Field(f) => Some(&f.req),
            _ => None,
        }
    }
}

impl OutputFormat {
    /// Compiles a format against a source's fields, with libsinsp's tokenization and messages
    /// (see [`crate::compile::output::check`], which validates rules the same way).
    pub fn compile(fmt: &str, schema: &SourceSchema) -> Result<OutputFormat, String> {
        let tokenized = tokenize(fmt, schema)?;
        let mut pieces = Vec::with_capacity(tokenized.pieces.len());
        let mut fields = Vec::new();
        let mut registered = Vec::new();
        for piece in tokenized.pieces {
            match piece {
                Piece::Literal(r) => pieces.push(CompiledPiece::Literal(r)),
                Piece::Token { width, operand, .. } => {
                    registered.clear();
                    register(&operand, &mut registered);
                    for (op, transformed) in registered.drain(..) {
                        let ty = crate::compile::check::operand_type(&op, schema)?;
                        fields.push(OutputField {
                            key: op.to_string(),
                            node: Node::compile(&op, schema)?,
                            operand: op,
                            ty,
                            transformed,
                        });
                    }
                    pieces.push(CompiledPiece::Value {
                        width,
                        node: Node::compile(&operand, schema)?,
                    });
                }
            }
        }
        Ok(OutputFormat {
            text: tokenized.text,
            require_all: tokenized.require_all,
            pieces,
            fields,
            include_transformed: false,
        })
    }

    /// Includes transformer expressions in [`OutputFormat::render_fields`] and
    /// [`OutputFormat::field_values`] (libsinsp's `set_resolve_transformed_fields`; Falco leaves
    /// it off).
    pub fn include_transformed_fields(mut self, include: bool) -> OutputFormat {
        self.include_transformed = include;
        self
    }

    /// False when the format started with `*` (missing values print as `<NA>`).
    pub fn requires_all_values(&self) -> bool {
        self.require_all
    }

    /// The fields the format refers to, in libsinsp's registration order.
    pub fn fields(&self) -> &[OutputField] {
        &self.fields
    }

    /// Appends the rendered format to `out` (which is not cleared: callers clear or build on
    /// it). Missing values print as `<NA>`; `%Nfield` pads with spaces or cuts to N bytes.
    ///
    /// Returns false when a value is missing and the format does not start with `*`: then, as
    /// in libsinsp, rendering stops before that value. Uses `values` as scratch (truncated back
    /// to its length on return).
    ///
    /// Transformer tokens need a byte buffer: this allocates one per call when the format has
    /// any; [`OutputFormat::render_with`] reuses the caller's.
    pub fn render<E: Event + ?Sized>(
        &self,
        event: &E,
        values: &mut Values,
        out: &mut String,
    ) -> bool {
        self.render_with(event, values, &mut Vec::new(), out)
    }

    /// [`OutputFormat::render`] with a caller-kept byte buffer for transformers, so rendering
    /// allocates nothing once `values`, `bytes` and `out` have grown to their working size.
    pub fn render_with<E: Event + ?Sized>(
        &self,
        event: &E,
        values: &mut Values,
        bytes: &mut Vec<u8>,
        out: &mut String,
    ) -> bool {
        for piece in &self.pieces {
            match piece {
                CompiledPiece::Literal(r) => out.push_str(&self.text[r.clone()]),
                CompiledPiece::Value { width, node } => {
                    let start = out.len();
                    if !node.render(event, values, bytes, out) {
                        out.truncate(start);
                        if self.require_all {
                            return false;
                        }
                        out.push_str(NOT_AVAILABLE);
                    }
                    if *width > 0 {
                        truncate_bytes(out, start + width);
                        while out.len() < start + width {
                            out.push(' ');
                        }
                    }
                }
            }
        }
        true
    }

    /// Appends one field's text value (`<NA>` when missing); returns false when missing.
    pub fn render_field<E: Event + ?Sized>(
        &self,
        index: usize,
        event: &E,
        values: &mut Values,
        out: &mut String,
    ) -> bool {
        let Some(f) = self.fields.get(index) else {
            return false;
        };
        let start = out.len();
        if f.node.render(event, values, &mut Vec::new(), out) {
            return true;
        }
        out.truncate(start);
        out.push_str(NOT_AVAILABLE);
        false
    }

    /// The fields' text values by key (libsinsp's `get_field_values`, which Falco uses for its
    /// internal message fields): `<NA>` for missing ones. Returns false, having stopped, on a
    /// missing value when the format does not start with `*`.
    pub fn field_values<E: Event + ?Sized>(
        &self,
        event: &E,
        values: &mut Values,
        out: &mut Vec<(String, String)>,
    ) -> bool {
        for (i, f) in self.fields.iter().enumerate() {
            if f.transformed && !self.include_transformed {
                continue;
            }
            let mut s = String::new();
            if !self.render_field(i, event, values, &mut s) && self.require_all {
                return false;
            }
            out.push((f.key.clone(), s));
        }
        true
    }

    /// Inserts the typed JSON values of the format's fields into `map` (Falco's
    /// `output_fields`): numbers for numeric types, booleans, strings, arrays for list fields,
    /// `null` when missing; the time fields (`evt.time`, `evt.time.iso8601`, `evt.datetime`,
    /// ...) as `event_time_ns`, as libsinsp does. Transformer expressions are left out unless
    /// [`OutputFormat::include_transformed_fields`] was set. Returns false, having stopped, on a
    /// missing value when the format does not start with `*`.
    pub fn render_fields<E: Event + ?Sized>(
        &self,
        event: &E,
        values: &mut Values,
        event_time_ns: u64,
        map: &mut Map<String, Json>,
    ) -> bool {
        let mut bytes = Vec::new();
        for f in &self.fields {
            if f.transformed && !self.include_transformed {
                continue;
            }
            let json = f.node.json(event, values, &mut bytes, event_time_ns);
            if json.is_null() && self.require_all {
                return false;
            }
            map.insert(f.key.clone(), json);
        }
        true
    }
}
