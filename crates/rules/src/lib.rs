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
