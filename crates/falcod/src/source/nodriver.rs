//! `engine.kind: nodriver`: no syscall source. The daemon runs (outputs, web server, metrics,
//! reloads) with nothing to evaluate until it is stopped, as Falco does without a driver.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use falcod_probe::state::ReplayEvent;

use super::{EventSource, SourceCounters, SourceEnd};

/// The empty source.
#[derive(Debug)]
pub struct NoDriver;

impl EventSource for NoDriver {
    fn describe(&self) -> String {
        "no syscall source (nodriver)".to_string()
    }

    fn run(
        &mut self,
        _counters: &SourceCounters,
        stop: &AtomicBool,
        _on_event: &mut dyn FnMut(&ReplayEvent) -> bool,
    ) -> Result<SourceEnd, String> {
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(SourceEnd::Stopped)
    }
}
