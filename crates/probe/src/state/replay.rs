//! Replaying a whole capture through a [`State`].

use std::path::Path;

use crate::scap::{Block, Reader, ScapError};

use std::sync::Arc;

use super::{event, Built, ReplayEvent, State};

/// What a replay went through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplaySummary {
    /// Event blocks read (the last `evt.num`).
    pub events: u64,
    /// Events handed to the callback (not hidden).
    pub visible: u64,
    /// Threads in the table at the end.
    pub threads: usize,
}

/// Reads the capture at `path`, feeds every block to a fresh [`State`] and calls `on_event` with
/// every event libsinsp would show, in order. `on_event` returns `false` to stop early.
pub fn replay_file(
    path: impl AsRef<Path>,
    on_event: impl FnMut(&ReplayEvent) -> bool,
) -> Result<ReplaySummary, ScapError> {
    replay_file_selecting(path, |_| true, on_event)
}

/// Like [`replay_file`], but calls `on_event` only with the events whose code `select` accepts
/// (`select` is asked once per shown event). The state still takes in every event; the others
/// are not built, which is most of their cost.
pub fn replay_file_selecting(
    path: impl AsRef<Path>,
    mut select: impl FnMut(u16) -> bool,
    mut on_event: impl FnMut(&ReplayEvent) -> bool,
) -> Result<ReplaySummary, ScapError> {
    let mut reader = Reader::open(path)?;
    let mut state = State::new();
    let mut summary = ReplaySummary::default();
    // One event, rebuilt in place for every event built: its buffers are reused.
    let mut ev = event::empty(Arc::clone(&state.no_thread));
    while let Some(block) = reader.next_block()? {
        match block {
            Block::Event(raw) => {
                summary.events += 1;
                let build = select(raw.event_type);
                match state.apply_event_into(summary.events, &raw, build, &mut ev) {
                    Built::Hidden => {}
                    Built::NotBuilt => summary.visible += 1,
                    Built::Built => {
                        summary.visible += 1;
                        if !on_event(&ev) {
                            break;
                        }
                    }
                }
            }
            other => state.apply_block(&other),
        }
    }
    summary.threads = state.thread_count();
    Ok(summary)
}
