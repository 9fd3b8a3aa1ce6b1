//! The live source (`engine.kind: modern_ebpf`, `kmod`): events from the kernel through the
//! eBPF probe (`falcod_probe::live`, being built). It delivers the same `ReplayEvent`s the
//! replay source does; plugging it in means returning it here as an [`EventSource`] whose `run`
//! polls the ring buffer, fills [`SourceCounters`](super::SourceCounters) (events and drops, so
//! `syscall_event_drops` works), and returns when `stop` is set.

use super::Opened;

/// Opens the live source of `kind`.
pub fn open(kind: &str) -> Result<Opened, String> {
    Ok(Opened::Unavailable(format!(
        "engine.kind '{kind}': live event capture is not part of this build yet: it arrives \
         with the eBPF probe milestone. Use --replay FILE (or -o engine.kind=replay \
         -o engine.replay.capture_file=FILE), or -o engine.kind=synthetic to exercise the \
         pipeline. Nothing to watch, exiting."
    )))
}
