//! Arbitrary text as a Falco output format compiled against the syscall source's fields: a bad
//! format is an error, never a panic; a compiled one renders (text, per-field text and typed JSON
//! `output_fields`) against an event without values and against one with a value of every
//! field's type, and a `*` format always renders in full.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code, reason = "each target uses one of the harness functions")]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::output_format(data));
