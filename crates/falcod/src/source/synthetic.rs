//! `engine.kind: synthetic` (falcod only): the probe's deterministic synthetic stream
//! (`falcod_probe::synthetic`) at a set rate, stamped with the current time. It exercises the
//! whole pipeline without a kernel or a capture: reloads, outputs, metrics, back-pressure.
//!
//! Settings (`engine.synthetic`): `rate` events/s (default 1000; 0 = as fast as possible),
//! `events` (0 = until stopped), `seed`, `mix` (`realistic` or `execve`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use falcod_probe::state::ReplayEvent;
use falcod_probe::synthetic::{execve_only, realistic_mix};

use super::{EventSource, SourceCounters, SourceEnd};
use crate::config::{SyntheticConfig, SyntheticMix};
use crate::metrics::now_ns;

/// Events generated at a time (each chunk from the next seed).
const CHUNK: usize = 1024;

/// The synthetic stream.
#[derive(Debug)]
pub struct Synthetic {
    cfg: SyntheticConfig,
}

impl Synthetic {
    /// A stream with these settings.
    pub fn new(cfg: SyntheticConfig) -> Synthetic {
        Synthetic { cfg }
    }
}

impl EventSource for Synthetic {
    fn describe(&self) -> String {
        format!(
            "synthetic {} stream at {} events/s",
            match self.cfg.mix {
                SyntheticMix::Realistic => "realistic",
                SyntheticMix::Execve => "execve",
            },
            self.cfg.rate
        )
    }

    fn run(
        &mut self,
        counters: &SourceCounters,
        stop: &AtomicBool,
        on_event: &mut dyn FnMut(&ReplayEvent) -> bool,
    ) -> Result<SourceEnd, String> {
        let start = Instant::now();
        let mut sent: u64 = 0;
        let mut seed = self.cfg.seed;
        loop {
            let chunk = match self.cfg.mix {
                SyntheticMix::Realistic => realistic_mix(seed, CHUNK),
                SyntheticMix::Execve => execve_only(seed, CHUNK),
            };
            seed = seed.wrapping_add(1);
            for mut event in chunk {
                if self.cfg.events > 0 && sent >= self.cfg.events {
                    return Ok(SourceEnd::Exhausted);
                }
                if self.cfg.rate > 0 {
                    // Sleep until this event is due, waking often enough to see `stop`.
                    let due = Duration::from_secs_f64(sent as f64 / self.cfg.rate as f64);
                    loop {
                        if stop.load(Ordering::Relaxed) {
                            return Ok(SourceEnd::Stopped);
                        }
                        let elapsed = start.elapsed();
                        if elapsed >= due {
                            break;
                        }
                        std::thread::sleep((due - elapsed).min(Duration::from_millis(20)));
                    }
                } else if stop.load(Ordering::Relaxed) {
                    return Ok(SourceEnd::Stopped);
                }
                sent += 1;
                event.num = sent;
                event.ts_ns = now_ns();
                counters.n_evts.fetch_add(1, Ordering::Relaxed);
                let fd_num = event.fd.as_ref().map(|f| f.num);
                let ev = ReplayEvent {
                    event,
                    enter: false,
                    has_thread: true,
                    fd_name: None,
                    fd_kind_unknown: false,
                    fd_num,
                };
                if !on_event(&ev) {
                    return Ok(SourceEnd::Stopped);
                }
            }
        }
    }
}
