//! `engine.kind: replay`: the events of a capture file, through the probe's state and decoder
//! (`falcod_probe::state::replay_file`), as fast as they can be read; the source ends with the
//! file.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use falcod_probe::state::{replay_file, ReplayEvent};

use super::{EventSource, SourceCounters, SourceEnd};

/// A capture to replay.
#[derive(Debug)]
pub struct Replay {
    file: PathBuf,
}

impl Replay {
    /// The capture at `file`.
    pub fn new(file: PathBuf) -> Replay {
        Replay { file }
    }
}

impl EventSource for Replay {
    fn describe(&self) -> String {
        format!("replay of {}", self.file.display())
    }

    fn run(
        &mut self,
        counters: &SourceCounters,
        stop: &AtomicBool,
        on_event: &mut dyn FnMut(&ReplayEvent) -> bool,
    ) -> Result<SourceEnd, String> {
        let mut stopped = false;
        let summary = replay_file(&self.file, |ev| {
            if stop.load(Ordering::Relaxed) || !on_event(ev) {
                stopped = true;
                return false;
            }
            true
        })
        .map_err(|e| format!("{}: {e}", self.file.display()))?;
        counters.n_evts.store(summary.events, Ordering::Relaxed);
        Ok(if stopped {
            SourceEnd::Stopped
        } else {
            SourceEnd::Exhausted
        })
    }
}
