//! `engine.kind: replay`: the events of a capture file, through the probe's state and decoder
//! (`falcod_probe::state::replay_file_selecting`), as fast as they can be read; the source ends
//! with the file. Every event updates the state; only the events the consumer selects (exit
//! events some rule is indexed under) are built, which is most of an event's cost.
//!
//! Setting `FALCOD_REPLAY_THREADS=2` in the environment moves reading, decompressing and
//! parsing blocks to a thread of their own (`falcod_probe::state::replay_file_pipelined`). On
//! an uncompressed capture that is slower than one thread (reading is about an eighth of the
//! work and the batches cost a copy and a trip between cores), so one thread is the default.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use falcod_probe::state::{replay_file_pipelined, replay_file_selecting, ReplayEvent};

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
        self.run_selecting(counters, stop, &mut |_| true, on_event)
    }

    fn run_selecting(
        &mut self,
        counters: &SourceCounters,
        stop: &AtomicBool,
        select: &mut dyn FnMut(u16) -> bool,
        on_event: &mut dyn FnMut(&ReplayEvent) -> bool,
    ) -> Result<SourceEnd, String> {
        let mut stopped = false;
        // A stop request builds the next event so that the callback below can end the replay.
        let wanted = |code: u16| stop.load(Ordering::Relaxed) || select(code);
        let deliver = |ev: &ReplayEvent| {
            if stop.load(Ordering::Relaxed) || !on_event(ev) {
                stopped = true;
                return false;
            }
            true
        };
        let pipelined = std::env::var("FALCOD_REPLAY_THREADS").is_ok_and(|v| v.trim() == "2");
        let summary = if pipelined {
            replay_file_pipelined(&self.file, wanted, deliver)
        } else {
            replay_file_selecting(&self.file, wanted, deliver)
        }
        .map_err(|e| format!("{}: {e}", self.file.display()))?;
        counters.n_evts.store(summary.events, Ordering::Relaxed);
        Ok(if stopped {
            SourceEnd::Stopped
        } else {
            SourceEnd::Exhausted
        })
    }
}
