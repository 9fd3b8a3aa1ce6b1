//! Arbitrary bytes as a `.scap` capture (plain or gzip): reading every block, decoding every
//! event parameter by its type, and feeding the blocks and events through a `State` as replay
//! does, then extracting every field of each visible event, must report errors, never panic.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code, reason = "each target uses one of the harness functions")]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::scap_reader(data));
