//! Arbitrary bytes as a rules file: loading must report errors, never panic or hang.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code, reason = "each target uses one of the harness functions")]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::rules_file(data));
