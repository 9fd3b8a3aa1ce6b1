//! `falcod capture -w FILE [-M SECS] [CONDITION]`: records live syscall events into a `.scap`
//! file, as `sysdig -w FILE [CONDITION]` does: the machine state read from /proc (machine,
//! interfaces, users, processes, fds) first, then every event the probe delivers, byte for byte
//! as the kernel programs wrote it (they write the driver's event format). With a condition
//! only the events that match it are written (enter and exit alike; the state is still
//! updated by every event). The file replays with `falcod --replay`, `falcod filter` and
//! `sysdig -r`.
//!
//! Recording stops after `-M` seconds, after `-n` events, or on SIGINT/SIGTERM; then the
//! counts (events read, written, dropped by the kernel) are printed on stderr. Dropped events
//! make the command fail: a capture with holes is reported, never silent.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use falcod_probe::live::{LiveOptions, LiveSource};
use falcod_probe::procfs::{snapshot, SnapshotOptions};
use falcod_probe::scap::{Compression, Writer};
use falcod_probe::state::State;

use crate::cli::CaptureArgs;
use crate::settings::Settings;
use crate::{filter, Outcome};

/// How long a wait for events lasts before the stop conditions are looked at again.
const POLL: Duration = Duration::from_millis(100);

/// Runs `falcod capture`.
pub fn run(settings: &Settings, args: &CaptureArgs) -> Outcome {
    let engine = args
        .condition
        .as_deref()
        .map(|c| filter::condition_engine(&args.rules, settings, c))
        .transpose()?;
    let mut scratch = engine.as_ref().map(|e| e.scratch());
    let compression = if args.file.extension().is_some_and(|e| e == "gz") {
        Compression::Gzip
    } else {
        Compression::None
    };
    let mut source = LiveSource::open(&LiveOptions::default()).map_err(|e| e.to_string())?;
    let mut snap = snapshot(&SnapshotOptions::from_env())
        .map_err(|e| format!("reading the machine's processes from /proc: {e}"))?;
    // falcod capture does not trace itself: its own threads and fds (the probe's BPF maps,
    // which readers of the sysdig 0.29 era cannot decode) stay out of the file too.
    let me = u64::from(std::process::id());
    snap.threads.retain(|t| t.pid != me);
    snap.fds.retain(|p| p.pid != me);
    let mut state = State::new();
    snap.apply_to(&mut state);
    let file = args.file.display().to_string();
    let mut writer = Writer::create(&args.file, compression).map_err(|e| format!("{file}: {e}"))?;
    writer
        .write_section()
        .and_then(|()| snap.write(&mut writer))
        .map_err(|e| format!("{file}: {e}"))?;

    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .map_err(|e| format!("cannot handle signal {sig}: {e}"))?;
    }
    // Readiness line: what a script (or test) waits for before starting its workload.
    eprintln!("falcod capture: recording to {file}");
    let deadline = args
        .duration
        .map(|s| Instant::now() + Duration::from_secs(s));
    let mut num = 0u64;
    let mut write_error = None;
    while !stop.load(Ordering::Relaxed)
        && deadline.is_none_or(|d| Instant::now() < d)
        && args.count.is_none_or(|n| writer.events_written() < n)
        && write_error.is_none()
    {
        source
            .next_batch(POLL, |raw| {
                num += 1;
                let ev = state.event(num, raw);
                if write_error.is_some() || args.count.is_some_and(|n| writer.events_written() >= n)
                {
                    return;
                }
                let keep = match (&engine, &mut scratch) {
                    (Some(engine), Some(scratch)) => ev
                        .as_ref()
                        .is_some_and(|ev| engine.process(ev, scratch, &mut |_| {}) > 0),
                    _ => true,
                };
                if keep {
                    if let Err(e) = writer.write_raw_event(raw) {
                        write_error = Some(e);
                    }
                }
            })
            .map_err(|e| e.to_string())?;
    }
    let written = writer.events_written();
    if let Some(e) = write_error {
        return Err(format!("{file}: {e}"));
    }
    writer.close().map_err(|e| format!("{file}: {e}"))?;
    let c = source.drops().map_err(|e| e.to_string())?;
    eprintln!(
        "{file}: {written} events written, {num} read; kernel: {} events, {} dropped \
         (ring buffer full), {} lost (no scratch space); {} unparsable records",
        c.events, c.drops, c.scratch_misses, c.bad_records
    );
    let lost = c.drops + c.scratch_misses + c.bad_records;
    if lost > 0 {
        return Err(format!("{lost} events were lost: the capture has holes"));
    }
    Ok(())
}
