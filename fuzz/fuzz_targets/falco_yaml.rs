//! Arbitrary text as a falco.yaml document: parsing it into the settings tree, checking its
//! `config_files` entries, merging it into a base configuration as an included file with each
//! strategy (no file is read), and reading the typed daemon configuration out of the result must
//! report errors, never panic.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code, reason = "each target uses one of the harness functions")]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::falco_yaml(data));
