//! Replaying a whole capture through a [`State`].

use std::path::Path;

use crate::scap::{Block, EventBatch, Reader, ScapError};

use std::sync::mpsc;
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

/// Blocks per batch handed from the reading thread to the state thread.
const BATCH_BLOCKS: usize = 1024;
/// Batches in flight between the two threads.
const BATCHES_IN_FLIGHT: usize = 4;

/// One block of a batch: an event of the batch's [`EventBatch`], or a machine-state block.
enum Item {
    Event(usize),
    Table(Block<'static>),
}

/// Blocks read by the reading thread, in file order.
#[derive(Default)]
struct Batch {
    events: EventBatch,
    items: Vec<Item>,
}

/// Like [`replay_file_selecting`], on two threads: one reads and parses the capture's blocks
/// (and decompresses it when it is gzipped), the calling thread updates the state, builds the
/// selected events and calls `on_event`, as before and in the same order. Blocks cross between
/// the two in batches, copied once.
pub fn replay_file_pipelined(
    path: impl AsRef<Path>,
    mut select: impl FnMut(u16) -> bool,
    mut on_event: impl FnMut(&ReplayEvent) -> bool,
) -> Result<ReplaySummary, ScapError> {
    let reader = Reader::open(path)?;
    let (full_tx, full_rx) = mpsc::sync_channel::<Result<Batch, ScapError>>(BATCHES_IN_FLIGHT);
    let (free_tx, free_rx) = mpsc::channel::<Batch>();
    let producer = std::thread::Builder::new()
        .name("falcod-scap-read".into())
        .spawn(move || read_batches(reader, &full_tx, &free_rx))
        .map_err(|source| ScapError::Io { offset: 0, source })?;
    let mut state = State::new();
    let mut summary = ReplaySummary::default();
    let mut ev = event::empty(Arc::clone(&state.no_thread));
    let mut outcome = Ok(());
    'batches: for batch in full_rx.iter() {
        let batch = match batch {
            Ok(b) => b,
            Err(e) => {
                outcome = Err(e);
                break;
            }
        };
        for item in &batch.items {
            match item {
                Item::Event(i) => {
                    let Some(raw) = batch.events.get(*i) else {
                        continue;
                    };
                    summary.events += 1;
                    let build = select(raw.event_type);
                    match state.apply_event_into(summary.events, &raw, build, &mut ev) {
                        Built::Hidden => {}
                        Built::NotBuilt => summary.visible += 1,
                        Built::Built => {
                            summary.visible += 1;
                            if !on_event(&ev) {
                                break 'batches;
                            }
                        }
                    }
                }
                Item::Table(block) => state.apply_block(block),
            }
        }
        // The reading thread reuses the batch's buffers; it may have ended already.
        let _ = free_tx.send(batch);
    }
    // Stops the reading thread if it is still going (its next send fails).
    drop(full_rx);
    let _ = producer.join();
    outcome?;
    summary.threads = state.thread_count();
    Ok(summary)
}

/// The reading thread: batches of blocks until the end of the capture, an error, or the
/// receiver hanging up.
fn read_batches(
    mut reader: Reader,
    full: &mpsc::SyncSender<Result<Batch, ScapError>>,
    free: &mpsc::Receiver<Batch>,
) {
    loop {
        let mut batch = free.try_recv().unwrap_or_default();
        batch.events.clear();
        batch.items.clear();
        let mut end = false;
        while batch.items.len() < BATCH_BLOCKS {
            let block = match reader.next_block() {
                Ok(Some(b)) => b,
                Ok(None) => {
                    end = true;
                    break;
                }
                Err(e) => {
                    // Deliver what was read before the error, then the error.
                    if !batch.items.is_empty() && full.send(Ok(batch)).is_err() {
                        return;
                    }
                    let _ = full.send(Err(e));
                    return;
                }
            };
            let item = match block {
                Block::Event(raw) => Item::Event(batch.events.push(&raw)),
                Block::Section(s) => Item::Table(Block::Section(s)),
                Block::MachineInfo(m) => Item::Table(Block::MachineInfo(m)),
                Block::Processes(p) => Item::Table(Block::Processes(p)),
                Block::Fds { tid, fds } => Item::Table(Block::Fds { tid, fds }),
                Block::Users(u) => Item::Table(Block::Users(u)),
                Block::Interfaces(i) => Item::Table(Block::Interfaces(i)),
            };
            batch.items.push(item);
        }
        if !batch.items.is_empty() && full.send(Ok(batch)).is_err() {
            return;
        }
        if end {
            return;
        }
    }
}
