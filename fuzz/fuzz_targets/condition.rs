//! Fuzz the condition parser: it must never panic, and a parsed condition whose canonical form
//! is meant to read back must print and re-parse to the same tree, printing identically again.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code, reason = "each target uses one of the harness functions")]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::condition(data));
