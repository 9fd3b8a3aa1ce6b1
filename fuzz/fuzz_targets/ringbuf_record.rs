//! Arbitrary bytes as one event record as the driver writes it (header, parameter lengths,
//! parameters), decoded as the probe decodes a single event: every parameter by its type, then
//! the event through a fresh `State` with every field extracted. Errors, never panics.
//!
//! The standalone-record decoder of the live ring buffer is not on main yet, so the record is
//! decoded by the path the capture reader uses for one event block body: the record wrapped in
//! an `EV_V2_LARGE` block (CPU number, then the record) after a section header. A decoded event
//! must carry the timestamp, thread and type the record's header holds.
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code, reason = "each target uses one of the harness functions")]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::ringbuf_record(data));
