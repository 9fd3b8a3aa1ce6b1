//! Output channels. Each enabled output runs on its own worker thread behind its own bounded
//! queue ([`Fanout`]): the event loop hands every alert to every queue with `try_send`, so an
//! output that blocks or fails (a dead HTTP endpoint, a stuck program) only fills its own queue;
//! alerts for it are then dropped, counted ([`OutputStats`]) and logged, and the source and the
//! other outputs go on.
//!
//! One exception: when the source is a capture (replay), nothing is lost by waiting, so the
//! local outputs (stdout, file) apply back-pressure instead of dropping: a replay writes every
//! alert however slowly its stdout is read. Network and program outputs drop as always.

pub mod file;
pub mod http;
pub mod program;
pub mod stdout;
pub mod syslog;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossbeam_channel::{bounded, Receiver, RecvTimeoutError, Sender, TrySendError};
use falcod_rules::load::info::Priority;

use crate::config::OutputsConfig;
use crate::logger::{log, Level};
use crate::metrics::Metrics;

/// One alert as the outputs receive it, formatted once for all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// Event time, ns since the epoch.
    pub time_ns: u64,
    /// Priority (syslog severity).
    pub priority: Priority,
    /// Rule name (`Falco internal: ...` for the daemon's own alerts).
    pub rule: String,
    /// The alert as configured: a text line or a JSON object (`json_output`), no newline.
    pub line: String,
    /// The JSON object when `line` is text and an output needs JSON (http_output).
    pub json: Option<String>,
}

impl Alert {
    /// The alert as a JSON object (Falco's alert shape, what Falcosidekick reads).
    pub fn json(&self) -> &str {
        self.json.as_deref().unwrap_or(&self.line)
    }
}

/// What became of the alerts given to one output.
#[derive(Debug, Default)]
pub struct OutputStats {
    /// Written or accepted by the receiver.
    pub delivered: AtomicU64,
    /// Delivery failed (write error, HTTP error status, timeout).
    pub failed: AtomicU64,
    /// Dropped because the output's queue was full.
    pub dropped_full: AtomicU64,
    /// Still queued when the daemon stopped and the drain deadline passed.
    pub dropped_shutdown: AtomicU64,
    /// When each kind of loss was last logged (at most every 10 s per output and kind).
    last_log: Mutex<[Option<Instant>; 3]>,
}

/// Kinds of trouble, each logged on its own schedule so one does not hide another.
#[derive(Debug, Clone, Copy)]
enum Trouble {
    QueueFull = 0,
    Failed = 1,
    Slow = 2,
}

impl OutputStats {
    /// Logs `what` unless this output logged the same kind of trouble less than 10 s ago.
    fn log_loss(&self, name: &str, kind: Trouble, what: &str) {
        let mut last = self.last_log.lock().unwrap_or_else(|e| e.into_inner());
        let slot = &mut last[kind as usize];
        if slot.is_some_and(|t| t.elapsed() < Duration::from_secs(10)) {
            return;
        }
        *slot = Some(Instant::now());
        log(
            Level::Warning,
            &format!(
                "{name}: {what} (so far: {} delivered, {} failed, {} dropped because the queue \
                 was full)",
                self.delivered.load(Relaxed),
                self.failed.load(Relaxed),
                self.dropped_full.load(Relaxed)
            ),
        );
    }
}

/// An output channel.
pub trait Output: Send {
    /// Delivers one alert.
    fn write(&mut self, alert: &Alert) -> Result<(), String>;

    /// Called when the queue is momentarily empty: flush buffers (unless buffered).
    fn idle(&mut self) -> Result<(), String> {
        Ok(())
    }

    /// Reopens files and connections (SIGUSR1, as Falco does for log rotation).
    fn reopen(&mut self) {}

    /// Called once after the last alert: flush and release.
    fn close(&mut self) {}
}

/// State the workers share with the daemon.
#[derive(Debug, Default)]
pub struct OutputControl {
    /// Drop what is still queued instead of delivering it (shutdown deadline passed).
    pub abandon: AtomicBool,
    /// Bumped by SIGUSR1: outputs reopen their files.
    pub reopen_generation: AtomicU64,
}

struct Queue {
    name: &'static str,
    /// Wait for room instead of dropping (local outputs of a replay).
    block: bool,
    tx: Sender<Arc<Alert>>,
    stats: Arc<OutputStats>,
}

/// The queues of the running outputs. Dropping it closes the queues: the workers deliver what
/// is queued and exit.
pub struct Fanout {
    queues: Vec<Queue>,
    /// Whether some output needs [`Alert::json`] when alerts are text.
    pub needs_json: bool,
}

impl Fanout {
    /// Hands `alert` to every output; a full queue drops it for that output only.
    pub fn send(&self, alert: Alert) {
        let alert = Arc::new(alert);
        for q in &self.queues {
            if q.block {
                if q.tx.send(Arc::clone(&alert)).is_err() {
                    q.stats.failed.fetch_add(1, Relaxed);
                }
                continue;
            }
            match q.tx.try_send(Arc::clone(&alert)) {
                Ok(()) => {}
                Err(TrySendError::Full(_)) => {
                    q.stats.dropped_full.fetch_add(1, Relaxed);
                    q.stats.log_loss(
                        q.name,
                        Trouble::QueueFull,
                        &format!(
                            "queue full ({} alerts), alert dropped",
                            q.tx.capacity().unwrap_or(0)
                        ),
                    );
                }
                Err(TrySendError::Disconnected(_)) => {
                    q.stats.failed.fetch_add(1, Relaxed);
                }
            }
        }
    }

    /// Names of the outputs.
    pub fn names(&self) -> Vec<&'static str> {
        self.queues.iter().map(|q| q.name).collect()
    }
}

/// Worker threads of a set of outputs, to wait for at shutdown.
pub type Workers = Vec<(&'static str, JoinHandle<()>)>;

/// Starts one worker per enabled output. An output that cannot start (no syslog socket) is
/// logged and left out; the others run. With `lossless_local`, stdout and file outputs wait
/// for room in their queues instead of dropping (the source is a capture).
pub fn start(
    cfg: &OutputsConfig,
    metrics: &Metrics,
    control: &Arc<OutputControl>,
    lossless_local: bool,
) -> Result<(Fanout, Workers), String> {
    let mut outputs: Vec<(&'static str, Box<dyn Output>)> = Vec::new();
    if cfg.stdout {
        outputs.push(("stdout_output", Box::new(stdout::Stdout::new(cfg.buffered))));
    }
    if cfg.syslog {
        match syslog::Syslog::connect() {
            Ok(s) => outputs.push(("syslog_output", Box::new(s))),
            Err(e) => log(Level::Warning, &format!("syslog_output disabled: {e}")),
        }
    }
    if let Some(f) = &cfg.file {
        outputs.push((
            "file_output",
            Box::new(file::FileOutput::new(f, cfg.buffered)?),
        ));
    }
    if let Some(p) = &cfg.program {
        outputs.push((
            "program_output",
            Box::new(program::Program::new(p, cfg.timeout)),
        ));
    }
    let mut needs_json = false;
    if let Some(h) = &cfg.http {
        needs_json = true;
        outputs.push(("http_output", Box::new(http::Http::new(h, cfg.timeout)?)));
    }
    let mut queues = Vec::new();
    let mut workers = Vec::new();
    for (name, output) in outputs {
        let (tx, rx) = bounded(cfg.queue_capacity);
        let stats = metrics.output(name);
        let worker = Worker {
            name,
            output,
            rx,
            stats: Arc::clone(&stats),
            control: Arc::clone(control),
            timeout: cfg.timeout,
        };
        let handle = std::thread::Builder::new()
            .name(format!("falcod-{name}"))
            .spawn(move || worker.run())
            .map_err(|e| format!("{name}: cannot start its thread: {e}"))?;
        let block = lossless_local && matches!(name, "stdout_output" | "file_output");
        queues.push(Queue {
            name,
            block,
            tx,
            stats,
        });
        workers.push((name, handle));
    }
    Ok((Fanout { queues, needs_json }, workers))
}

struct Worker {
    name: &'static str,
    output: Box<dyn Output>,
    rx: Receiver<Arc<Alert>>,
    stats: Arc<OutputStats>,
    control: Arc<OutputControl>,
    timeout: Duration,
}

impl Worker {
    fn run(mut self) {
        let mut generation = self.control.reopen_generation.load(Relaxed);
        loop {
            let alert = match self.rx.recv_timeout(Duration::from_millis(200)) {
                Ok(a) => a,
                Err(RecvTimeoutError::Timeout) => {
                    self.reopen_if_asked(&mut generation);
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            };
            if self.control.abandon.load(Relaxed) {
                let left = 1 + self.rx.len() as u64;
                self.stats.dropped_shutdown.fetch_add(left, Relaxed);
                log(
                    Level::Warning,
                    &format!("{}: {left} alerts not delivered at shutdown", self.name),
                );
                break;
            }
            self.reopen_if_asked(&mut generation);
            let started = Instant::now();
            match self.output.write(&alert) {
                Ok(()) => {
                    self.stats.delivered.fetch_add(1, Relaxed);
                }
                Err(e) => {
                    self.stats.failed.fetch_add(1, Relaxed);
                    self.stats.log_loss(
                        self.name,
                        Trouble::Failed,
                        &format!("alert not delivered: {e}"),
                    );
                }
            }
            let took = started.elapsed();
            if took > self.timeout {
                self.stats.log_loss(
                    self.name,
                    Trouble::Slow,
                    &format!(
                        "delivering one alert took {} ms (output_timeout {} ms); its queue \
                         absorbs the delay and drops alerts when full",
                        took.as_millis(),
                        self.timeout.as_millis()
                    ),
                );
            }
            if self.rx.is_empty() {
                if let Err(e) = self.output.idle() {
                    self.stats
                        .log_loss(self.name, Trouble::Failed, &format!("flush failed: {e}"));
                }
            }
        }
        self.output.close();
    }

    fn reopen_if_asked(&mut self, generation: &mut u64) {
        let now = self.control.reopen_generation.load(Relaxed);
        if now != *generation {
            *generation = now;
            self.output.reopen();
        }
    }
}

/// Waits for the workers to deliver what is queued, at most `deadline` from now; then tells
/// the rest to drop what they still hold and waits `grace` more (a delivery in flight has its
/// own timeout). Workers still busy after that are left behind (the process is exiting).
pub fn drain(workers: Workers, control: &OutputControl, deadline: Duration, grace: Duration) {
    let wait = |workers: &Workers, until: Instant| {
        while Instant::now() < until && workers.iter().any(|(_, h)| !h.is_finished()) {
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    wait(&workers, Instant::now() + deadline);
    if workers.iter().any(|(_, h)| !h.is_finished()) {
        control.abandon.store(true, Relaxed);
        wait(&workers, Instant::now() + grace);
    }
    for (name, handle) in workers {
        if handle.is_finished() {
            let _ = handle.join();
        } else {
            log(
                Level::Warning,
                &format!("{name}: still delivering at exit; its queued alerts are lost"),
            );
        }
    }
}
