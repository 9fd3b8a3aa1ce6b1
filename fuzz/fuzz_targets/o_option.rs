//! Arbitrary lines as `-o key=value` options applied in turn to a configuration tree: a bad
//! option is an error, never a panic; after an option is applied, a plain dot-path key reads
//! back the value the option gave, and the typed daemon configuration is read from the result.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code, reason = "each target uses one of the harness functions")]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::o_option(data));
