//! Event sources: where the daemon's events come from. Every source delivers the same
//! [`ReplayEvent`]s (the probe's event model), so nothing downstream knows which one runs.
//!
//! Today: a capture file ([`replay`]), a generated stream ([`synthetic`]) and no source at all
//! ([`nodriver`]). The live eBPF source is [`live`].

pub mod live;
pub mod nodriver;
pub mod replay;
pub mod synthetic;

use std::sync::atomic::{AtomicBool, AtomicU64};

use falcod_probe::state::ReplayEvent;

use crate::config::SourceConfig;

/// Counters a source keeps while it runs (Falco's `scap_stats` subset the daemon uses: the
/// drop detector and the metrics read them).
#[derive(Debug, Default)]
pub struct SourceCounters {
    /// Events read from the source (enter and exit, hidden or not).
    pub n_evts: AtomicU64,
    /// Events the source lost (kernel buffer full, ...).
    pub n_drops: AtomicU64,
}

/// How a source's run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceEnd {
    /// The stream is over (end of the capture, event count reached).
    Exhausted,
    /// The daemon asked it to stop.
    Stopped,
}

/// A stream of events.
pub trait EventSource: Send {
    /// A short description for logs (`replay of FILE`).
    fn describe(&self) -> String;

    /// Delivers events to `on_event` until the stream ends, `on_event` returns `false`, or
    /// `stop` is set (a source that waits for events must look at `stop` while it waits).
    /// Counts what it reads in `counters`.
    fn run(
        &mut self,
        counters: &SourceCounters,
        stop: &AtomicBool,
        on_event: &mut dyn FnMut(&ReplayEvent) -> bool,
    ) -> Result<SourceEnd, String>;

    /// Like [`run`](EventSource::run), but asks `select` about every event first (with its
    /// event code) and delivers to `on_event` only the events it accepts. A source that can
    /// skip building the others (a capture replay: the state still takes every event in)
    /// overrides this; the default builds every event and drops the unselected ones.
    fn run_selecting(
        &mut self,
        counters: &SourceCounters,
        stop: &AtomicBool,
        select: &mut dyn FnMut(u16) -> bool,
        on_event: &mut dyn FnMut(&ReplayEvent) -> bool,
    ) -> Result<SourceEnd, String> {
        self.run(counters, stop, &mut |ev| {
            !select(ev.event.code) || on_event(ev)
        })
    }
}

/// What [`open`] gives: a source, or the reason there is nothing to run.
pub enum Opened {
    /// A source to run.
    Source(Box<dyn EventSource>),
    /// This build has no such source: the message says why; the daemon exits without error.
    Unavailable(String),
}

/// Opens the configured source; `event_types` names the event types the enabled rules need
/// (`None`: all), which a live source traces and no more.
pub fn open(
    config: &SourceConfig,
    event_types: impl FnOnce() -> Option<std::collections::BTreeSet<String>>,
) -> Result<Opened, String> {
    Ok(match config {
        SourceConfig::Replay { capture_file } => {
            Opened::Source(Box::new(replay::Replay::new(capture_file.clone())))
        }
        SourceConfig::Synthetic(cfg) => {
            Opened::Source(Box::new(synthetic::Synthetic::new(cfg.clone())))
        }
        SourceConfig::NoDriver => Opened::Source(Box::new(nodriver::NoDriver)),
        SourceConfig::Live { kind } => live::open(kind, event_types())?,
    })
}
