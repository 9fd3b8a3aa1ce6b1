//! What the live probe costs and how much it carries, on this machine (run as root):
//!
//! ```sh
//! cargo run --release -p falcod-probe --example probe_overhead [-- --quick]
//! ```
//!
//! 1. Syscall-heavy loops without the probe, then with it attached and a reader consuming its
//!    ring buffer: open+close of a file, getpid (a syscall the probe does not trace: the cost
//!    of the filter alone) and spawning `/bin/true` (clone, execve, exit, wait). Each figure is
//!    the best of several runs; the difference is the time the probe adds per syscall.
//! 2. The highest sustained event rate with zero drops: generator threads issue `close(-1)`
//!    at a fixed total rate (each is two events: enter and exit) while the reader parses every
//!    record; the rate steps up until the kernel counts drops. With `--state` the reader also
//!    runs every event through `State` (the decoding the daemon does).

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use falcod_probe::live::{LiveOptions, LiveSource};
use falcod_probe::state::State;

/// Runs `f` (which does `n` iterations) `runs` times and returns the best ns per iteration.
fn best_ns(runs: usize, n: u64, mut f: impl FnMut(u64)) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f(n);
            t.elapsed().as_nanos() as f64 / n as f64
        })
        .fold(f64::INFINITY, f64::min)
}

fn open_close(n: u64) {
    for _ in 0..n {
        drop(std::fs::File::open("/etc/hostname").expect("open /etc/hostname"));
    }
}

fn getpid(n: u64) {
    let mut acc = 0u64;
    for _ in 0..n {
        acc = acc.wrapping_add(u64::from(std::process::id()));
    }
    std::hint::black_box(acc);
}

fn spawn_true(n: u64) {
    for _ in 0..n {
        let st = std::process::Command::new("/bin/true")
            .status()
            .expect("spawn /bin/true");
        assert!(st.success());
    }
}

/// Runs `work` on another thread while this one drains the probe; returns the best ns per
/// iteration and the events read.
fn with_reader(source: &mut LiveSource, work: impl Fn() -> f64 + Send + 'static) -> (f64, u64) {
    let done = Arc::new(AtomicBool::new(false));
    let worker = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let r = work();
            done.store(true, Ordering::Release);
            r
        })
    };
    let mut events = 0u64;
    while !done.load(Ordering::Acquire) {
        events += source
            .next_batch(Duration::from_millis(10), |_| {})
            .expect("read the ring buffer") as u64;
    }
    while source.next_batch(Duration::ZERO, |_| {}).unwrap() > 0 {}
    (worker.join().expect("worker"), events)
}

/// Drains whatever is left in the ring buffer.
fn drain(source: &mut LiveSource) {
    while source
        .next_batch(Duration::from_millis(20), |_| {})
        .unwrap()
        > 0
    {}
}

/// One paced run: `threads` generators issue `rate` syscalls/s in total for `secs`; returns
/// (events read per second, events dropped by the kernel).
fn paced(source: &mut LiveSource, threads: u64, rate: u64, secs: f64, state: bool) -> (f64, u64) {
    drain(source);
    let before = source.drops().expect("counters");
    let stop = Arc::new(AtomicBool::new(false));
    let issued = Arc::new(AtomicU64::new(0));
    let per_thread = rate / threads;
    let gens: Vec<_> = (0..threads)
        .map(|_| {
            let stop = Arc::clone(&stop);
            let issued = Arc::clone(&issued);
            std::thread::spawn(move || {
                let start = Instant::now();
                let mut sent = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    // Catch up with the schedule in chunks of syscalls, then sleep a little.
                    let due = (start.elapsed().as_secs_f64() * per_thread as f64) as u64;
                    while sent < due {
                        // SAFETY: close(2) of an invalid fd only returns EBADF.
                        let _ = nix::unistd::close(-1);
                        sent += 1;
                    }
                    std::thread::sleep(Duration::from_micros(200));
                }
                issued.fetch_add(sent, Ordering::Relaxed);
            })
        })
        .collect();
    let mut st = State::new();
    let mut num = 0u64;
    let mut read = 0u64;
    let t = Instant::now();
    while t.elapsed().as_secs_f64() < secs {
        read += source
            .next_batch(Duration::from_millis(5), |raw| {
                if state {
                    num += 1;
                    std::hint::black_box(st.event(num, raw));
                }
            })
            .expect("read the ring buffer") as u64;
    }
    stop.store(true, Ordering::Relaxed);
    for g in gens {
        g.join().expect("generator");
    }
    let elapsed = t.elapsed().as_secs_f64();
    drain(source);
    let after = source.drops().expect("counters");
    let lost = (after.drops - before.drops) + (after.scratch_misses - before.scratch_misses);
    (read as f64 / elapsed, lost)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let with_state = args.iter().any(|a| a == "--state");
    let (runs, n_open, n_pid, n_spawn) = if quick {
        (3, 20_000, 200_000, 200)
    } else {
        (5, 100_000, 1_000_000, 1_000)
    };
    println!(
        "probe_overhead: {} CPUs",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    // 1. Without the probe.
    let base_open = best_ns(runs, n_open, open_close);
    let base_pid = best_ns(runs, n_pid, getpid);
    let base_spawn = best_ns(runs, n_spawn, spawn_true);

    // With the probe: trace this process too (its own syscalls are the workload), only the
    // state syscalls (which include openat, close, clone, execve): getpid stays untraced.
    let opts = LiveOptions {
        event_types: Some(BTreeSet::new()),
        ignore_self: false,
        ..LiveOptions::default()
    };
    let mut source = match LiveSource::open(&opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("probe_overhead: cannot attach the probe: {e}");
            std::process::exit(2);
        }
    };
    let (probe_open, ev_open) = with_reader(&mut source, move || best_ns(runs, n_open, open_close));
    let (probe_pid, _) = with_reader(&mut source, move || best_ns(runs, n_pid, getpid));
    let (probe_spawn, ev_spawn) =
        with_reader(&mut source, move || best_ns(runs, n_spawn, spawn_true));
    let c = source.drops().expect("counters");
    println!("\n== syscall loops (best of {runs}; ns per iteration) ==");
    println!(
        "open+close /etc/hostname: {base_open:8.0} without, {probe_open:8.0} with the probe: \
         +{:.0} ns per traced syscall (2 syscalls, 4 events per iteration; {ev_open} events read)",
        (probe_open - base_open) / 2.0
    );
    println!(
        "getpid (not traced):      {base_pid:8.0} without, {probe_pid:8.0} with the probe: \
         +{:.0} ns per untraced syscall",
        probe_pid - base_pid
    );
    println!(
        "spawn /bin/true:          {base_spawn:8.0} without, {probe_spawn:8.0} with the probe: \
         +{:.0} ns per spawn ({ev_spawn} events read)",
        probe_spawn - base_spawn
    );
    println!("kernel counters so far: {c:?}");

    // 2. Highest sustained rate with zero drops.
    println!(
        "\n== sustained rate, 2 generator threads of close(-1), reader {} ==",
        if with_state {
            "parsing and updating State"
        } else {
            "parsing every record"
        }
    );
    let secs = if quick { 1.0 } else { 3.0 };
    let mut best_ok = 0.0f64;
    let mut rate = 100_000u64; // syscalls/s: events/s is twice that
    loop {
        let (evs, lost) = paced(&mut source, 2, rate, secs, with_state);
        println!(
            "target {:>9} events/s: read {:>11.0} events/s, {lost} dropped",
            2 * rate,
            evs
        );
        if lost == 0 {
            best_ok = best_ok.max(evs);
        }
        // Stop once drops appear or the generators cannot reach the target any more.
        if lost > 0 || evs < 0.9 * (2 * rate) as f64 || rate >= 8_000_000 {
            break;
        }
        rate = rate * 3 / 2;
    }
    println!("highest sustained rate with zero drops: {best_ok:.0} events/s");
}
