//! The daemon: load configuration and rules, start the outputs, the web server and the event
//! source, then supervise: signals, file changes (reload), the once-a-second tick (event rate,
//! drop detection, metrics snapshots), `-M`, and a clean shutdown that drains the outputs.

mod reload;
mod tick;

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering::Relaxed;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossbeam_channel::{unbounded, RecvTimeoutError};

use crate::cli::Cli;
use crate::config::load::Loaded;
use crate::config::{keys, DaemonConfig};
use crate::logger::{self, log, Level};
use crate::metrics::Metrics;
use crate::outputs::{self, OutputControl};
use crate::pipeline::eval::Evaluator;
use crate::pipeline::{Runtime, Shared};
use crate::signals::{self, Notice};
use crate::source::{self, Opened, SourceCounters, SourceEnd};
use crate::{actions, engine, rules_paths, webserver, Outcome};

/// `-P FILE`: the daemon's pid, written at start and removed at exit.
struct Pidfile(PathBuf);

impl Pidfile {
    fn write(path: &Path) -> Result<Pidfile, String> {
        std::fs::write(path, format!("{}\n", std::process::id())).map_err(|e| {
            format!(
                "Could not write pid to pidfile {}: {e}. Exiting.",
                path.display()
            )
        })?;
        Ok(Pidfile(path.to_path_buf()))
    }
}

impl Drop for Pidfile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Everything a (re)load produces.
pub struct Prepared {
    /// The typed configuration.
    pub cfg: DaemonConfig,
    /// Rules and alert layout.
    pub runtime: Runtime,
    /// Files and directories to watch.
    pub watch: Vec<PathBuf>,
    /// The builder the rules were loaded into (for the startup report).
    pub builder: falcod_rules::ruleset::RulesetBuilder,
}

/// Reads the configuration and loads the rules: what startup and every reload do.
pub fn prepare(cli: &Cli, loaded: &Loaded) -> Result<Prepared, String> {
    let cfg = DaemonConfig::from_settings(&loaded.settings).map_err(|e| e.to_string())?;
    logger::set_debug(cfg.debug_log);
    for w in keys::unknown_key_warnings(&loaded.settings, &loaded.warnings) {
        log(Level::Warning, &w);
    }
    let mut builder = engine::new_builder();
    actions::load_rules(cli, &loaded.settings, &mut builder)?;
    let ruleset = builder
        .ruleset()
        .ok_or_else(|| "no rules were loaded".to_string())?;
    let runtime = Runtime::build(ruleset, &cfg)?;
    let mut watch: Vec<PathBuf> = loaded.files.iter().chain(&loaded.dirs).cloned().collect();
    let rules = if cli.rules.is_empty() {
        loaded
            .settings
            .rules_files()
            .map_err(|e| e.to_string())?
            .0
            .unwrap_or_default()
    } else {
        cli.rules.clone()
    };
    for entry in &rules {
        watch.push(PathBuf::from(entry));
    }
    watch.extend(rules_paths::expand(&rules).into_iter().map(PathBuf::from));
    watch.sort();
    watch.dedup();
    Ok(Prepared {
        cfg,
        runtime,
        watch,
        builder,
    })
}

/// Runs the daemon until its source ends, a terminating signal, `-M`, or a drop `exit`.
pub fn run(cli: &Cli, options: &[String], loaded: &Loaded) -> Outcome {
    actions::log_version();
    let Prepared {
        cfg,
        runtime,
        watch,
        builder,
    } = prepare(cli, loaded)?;
    if cli.dry_run {
        log(
            Level::Info,
            "Dry run: configuration and rules are valid; skipping event processing",
        );
        return Ok(());
    }
    let mut source = match source::open(&cfg.source, || source::live::rule_event_types(&runtime))? {
        Opened::Source(s) => s,
        Opened::Unavailable(message) => return actions::start(&builder, &message),
    };
    drop(builder);
    let _pidfile = cli.pidfile.as_deref().map(Pidfile::write).transpose()?;

    let counters = Arc::new(SourceCounters::default());
    let metrics = Arc::new(Metrics::new(Arc::clone(&counters)));
    let control = Arc::new(OutputControl::default());
    let (fanout, mut workers) =
        outputs::start(&cfg.outputs, &metrics, &control, cfg.source.is_capture())?;
    log(
        Level::Info,
        &format!("Enabled outputs: {}", fanout.names().join(", ")),
    );
    let shared = Arc::new(Shared::new(
        Arc::clone(&metrics),
        Arc::new(runtime),
        Arc::new(fanout),
    ));
    if let Some(ws) = &cfg.webserver {
        webserver::start(ws, Arc::clone(&metrics))?;
    }
    let (tx, rx) = unbounded();
    signals::listen(tx.clone())?;
    let watch_list = Arc::new(Mutex::new(watch));
    if cfg.watch_config_files {
        signals::watch(Arc::clone(&watch_list), tx.clone())?;
    }

    log(
        Level::Info,
        &format!("Opening event source: {}", source.describe()),
    );
    let source_thread = {
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("falcod-events".into())
            .spawn(move || {
                let Some(evaluator) = Evaluator::new(Arc::clone(&shared)) else {
                    return (Ok(SourceEnd::Stopped), (0, 0));
                };
                // The source asks which events to build and then hands them over: both
                // callbacks use the evaluator, one at a time.
                let evaluator = std::cell::RefCell::new(evaluator);
                let result = source.run_selecting(
                    &counters,
                    &shared.stop,
                    &mut |code| evaluator.borrow_mut().select(code),
                    &mut |ev| evaluator.borrow_mut().on_event(ev),
                );
                let counts = evaluator.into_inner().finish();
                let _ = tx.send(Notice::SourceEnded);
                (result, counts)
            })
            .map_err(|e| format!("cannot start the event thread: {e}"))?
    };

    let deadline = cli
        .duration
        .map(|s| Instant::now() + Duration::from_secs(s));
    let mut ticker = tick::Ticker::new(&cfg, &metrics);
    let mut cfg = cfg;
    let mut outcome: Outcome = Ok(());
    loop {
        let wake = deadline.map_or(ticker.next, |d| d.min(ticker.next));
        match rx.recv_timeout(wake.saturating_duration_since(Instant::now())) {
            Ok(Notice::Terminate(sig)) => {
                log(Level::Info, &format!("{sig} received, exiting..."));
                break;
            }
            Ok(Notice::Reload(why)) => {
                reload::reload(
                    &why,
                    cli,
                    options,
                    &shared,
                    &mut cfg,
                    &control,
                    &mut workers,
                    &watch_list,
                );
            }
            Ok(Notice::Reopen) => {
                log(Level::Info, "SIGUSR1 received, reopening outputs...");
                control.reopen_generation.fetch_add(1, Relaxed);
            }
            Ok(Notice::SourceEnded) | Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => {}
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            log(
                Level::Info,
                &format!(
                    "Run duration of {} s reached (-M), exiting...",
                    cli.duration.unwrap_or(0)
                ),
            );
            break;
        }
        if Instant::now() >= ticker.next {
            if let Err(why) = ticker.tick(&shared) {
                outcome = Err(why);
                break;
            }
        }
    }

    shared.stop.store(true, Relaxed);
    let (result, (events, alerts)) = source_thread
        .join()
        .map_err(|_| "the event thread panicked".to_string())?;
    shared.release();
    let timeout = cfg.outputs.timeout;
    outputs::drain(
        workers,
        &control,
        (timeout * 2).max(Duration::from_secs(2)),
        timeout + Duration::from_millis(500),
    );
    log(
        Level::Info,
        &format!(
            "Events processed: {events} ({} read from the source), alerts: {alerts}",
            metrics.source.n_evts.load(Relaxed)
        ),
    );
    report_losses(&metrics);
    result?;
    outcome
}

/// One line per output that lost alerts.
fn report_losses(metrics: &Metrics) {
    let outputs = metrics.outputs.lock().unwrap_or_else(|e| e.into_inner());
    for (name, s) in outputs.iter() {
        let failed = s.failed.load(Relaxed);
        let full = s.dropped_full.load(Relaxed);
        let shutdown = s.dropped_shutdown.load(Relaxed);
        if failed + full + shutdown > 0 {
            log(
                Level::Warning,
                &format!(
                    "{name}: {} alerts delivered, {failed} failed, {full} dropped (queue full), \
                     {shutdown} undelivered at exit",
                    s.delivered.load(Relaxed)
                ),
            );
        }
    }
}
