//! Falco rules, compiled.
//!
//! `falcod-rules` reads Falco rules files (YAML lists, macros and rules), parses their conditions
//! with the Falco filter grammar, resolves lists, macros and exceptions exactly as Falco does, type
//! checks every field against the fields an event source declares, and produces an immutable
//! compiled ruleset together with Falco-compatible load results (the codes, messages and positions
//! `falco -V` prints).
//!
//! # Overview
//!
//! * [`fields`]: how an event source describes its fields and event types ([`fields::SourceSchema`]).
//!   The engine has no built-in field names; the syscall source lives in `falcod-probe`.
//! * [`parse`]: the condition parser (Falco's grammar, with spans) and [`ast`]: the tree it builds.
//! * [`load`]: YAML with positions, item decoding and the cross-file collector.
//! * [`compile`]: list substitution, macro expansion, exception rewriting, type checks and the
//!   per-rule event-type sets.
//! * [`result`] and [`report`]: load results and their text and JSON renderings.
//! * [`ruleset`]: the builder that ties it together and the compiled [`ruleset::Ruleset`].
//!
//! # Example
//!
//! An event source describes its fields and event types; the builder loads rules files against
//! it, with Falco's semantics (one shared collection of items across files, everything
//! recompiled after each file), and keeps the last successful compilation.
//!
//! ```
//! use std::sync::Arc;
//! use falcod_rules::fields::{EventTypeTable, FieldInfo, FieldRegistry, FieldType, SourceSchema};
//! use falcod_rules::result::WarningCode;
//! use falcod_rules::ruleset::{EngineConfig, RulesetBuilder};
//!
//! let mut fields = FieldRegistry::new();
//! fields.add(FieldInfo::new("evt.type", FieldType::CharBuf, "event type"));
//! fields.add(FieldInfo::new("proc.name", FieldType::CharBuf, "process name"));
//! let mut events = EventTypeTable::new(4);
//! events.add_code(0, "open");
//! events.add_code(1, "open");
//! events.add_code(2, "execve");
//! events.add_code(3, "execve");
//! let schema = SourceSchema::new("syscall", fields, events);
//!
//! let rules = r#"
//! - list: shells
//!   items: [bash, sh]
//! - macro: spawned_process
//!   condition: evt.type = execve
//! - rule: Shell spawned
//!   desc: a shell was started
//!   condition: spawned_process and proc.name in (shells)
//!   output: shell %proc.name started
//!   priority: WARNING
//! "#;
//!
//! let mut builder = RulesetBuilder::new(EngineConfig::new(vec![Arc::new(schema)]));
//! let result = builder.load("my_rules.yaml", rules.as_bytes());
//! assert!(result.successful());
//! assert!(!result.warnings.iter().any(|w| w.code == WarningCode::NoEvttype));
//!
//! let ruleset = builder.ruleset().expect("compiled");
//! let rule = ruleset.rule("Shell spawned").expect("rule");
//! assert_eq!(rule.condition.to_string(), "(evt.type = execve and proc.name in (bash, sh))");
//! assert_eq!(rule.evttype_names, vec!["execve"]);
//! ```
#![deny(missing_docs)]

pub mod ast;
pub mod compile;
pub mod describe;
pub mod fields;
pub mod load;
pub mod parse;
pub mod report;
pub mod result;
pub mod ruleset;
