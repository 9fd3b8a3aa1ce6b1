//! The live source (`engine.kind: modern_ebpf`, `kmod`): syscall events from the running kernel
//! through falcod's eBPF probe (`falcod_probe::live`). The probe is attached first, then the
//! machine's processes, fds and users are read from /proc into the state (as libscap does when
//! a live capture opens), then every ring-buffer record goes through the same state and decoder
//! as a replayed capture, so the rules see the same `ReplayEvent`s.
//!
//! Only the syscalls the enabled rules' event types need (plus the ones process and fd state
//! needs) are traced: Falco's adaptive syscall set. Kernel-side drops are copied into
//! [`SourceCounters`](super::SourceCounters) after every batch, so `syscall_event_drops` and the
//! metrics see them.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use falcod_probe::live::{LiveOptions, LiveSource};
use falcod_probe::procfs::{snapshot, SnapshotOptions};
use falcod_probe::state::{ReplayEvent, State};

use super::{EventSource, Opened, SourceCounters, SourceEnd};

/// How long a wait for events lasts before `stop` is looked at again.
const POLL: Duration = Duration::from_millis(100);

/// The attached probe and the state its events update.
pub struct Live {
    kind: String,
    source: LiveSource,
    state: State,
    num: u64,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// Attaches the probe, tracing the syscalls behind `event_types` (`None`: every syscall it
/// knows), and bootstraps the state from /proc.
pub fn open_live(kind: &str, event_types: Option<BTreeSet<String>>) -> Result<Live, String> {
    let opts = LiveOptions {
        event_types,
        ..LiveOptions::default()
    };
    let source = LiveSource::open(&opts).map_err(|e| format!("engine.kind '{kind}': {e}"))?;
    let mut state = State::new();
    snapshot(&SnapshotOptions::from_env())
        .map_err(|e| format!("reading the machine's processes from /proc: {e}"))?
        .apply_to(&mut state);
    Ok(Live {
        kind: kind.to_string(),
        source,
        state,
        num: 0,
    })
}

/// Opens the live source of `kind` for rules whose event types are `event_types`; a build
/// without the eBPF programs has nothing to run (and says why), any other failure (not root,
/// no BTF, a program refused) is an error.
pub fn open(kind: &str, event_types: Option<BTreeSet<String>>) -> Result<Opened, String> {
    if !LiveSource::built() {
        return Ok(Opened::Unavailable(format!(
            "engine.kind '{kind}': {}. Nothing to watch, exiting.",
            falcod_probe::live::ProbeError::NotBuilt
        )));
    }
    Ok(Opened::Source(Box::new(open_live(kind, event_types)?)))
}

impl EventSource for Live {
    fn describe(&self) -> String {
        format!(
            "live syscalls ({}, eBPF probe; {} syscalls traced)",
            self.kind,
            self.source.syscalls().len()
        )
    }

    fn run(
        &mut self,
        counters: &SourceCounters,
        stop: &AtomicBool,
        on_event: &mut dyn FnMut(&ReplayEvent) -> bool,
    ) -> Result<SourceEnd, String> {
        let mut stopped = false;
        while !stopped && !stop.load(Ordering::Relaxed) {
            let state = &mut self.state;
            let num = &mut self.num;
            self.source
                .next_batch(POLL, |raw| {
                    *num += 1;
                    if stopped {
                        return;
                    }
                    if let Some(ev) = state.event(*num, raw) {
                        stopped = !on_event(&ev);
                    }
                })
                .map_err(|e| e.to_string())?;
            counters.n_evts.store(self.num, Ordering::Relaxed);
            let c = self.source.drops().map_err(|e| e.to_string())?;
            counters.n_drops.store(
                c.drops + c.scratch_misses + c.bad_records,
                Ordering::Relaxed,
            );
        }
        Ok(SourceEnd::Stopped)
    }
}

/// The event types the enabled rules are indexed under (a rule without an `evt.type`
/// restriction brings every type, hence every syscall).
pub fn rule_event_types(runtime: &crate::pipeline::Runtime) -> Option<BTreeSet<String>> {
    let engine = &runtime.engine;
    Some(
        engine
            .enabled_rules()
            .flat_map(|id| engine.rule(id).evttype_names.iter().cloned())
            .collect(),
    )
}
