//! Evaluating compiled rules against events.
//!
//! * [`ops`]: operator semantics over extracted values, with the right-hand sides compiled once
//!   (hash sets, Aho-Corasick automata, DFAs, path tries, CIDR tables).
//! * [`transform`]: field transformers (`tolower`, `b64`, `join`, ...) applied to values.
//! * [`dag`]: the compiled condition DAG: every distinct sub-condition of every rule is one node.
//! * [`engine`]: the immutable [`engine::Engine`] (event-type buckets, rule selection, matching)
//!   and its per-thread [`engine::Scratch`].
//! * [`reference`]: a plain AST interpreter kept as the reference the DAG is tested against.

mod check;
pub mod dag;
pub mod engine;
pub mod ops;
pub mod reference;
pub mod transform;
