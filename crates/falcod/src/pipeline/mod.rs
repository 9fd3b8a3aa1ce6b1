//! The pipeline: source → decode/state (inside the source) → rule evaluation ([`eval`]) →
//! output workers (`crate::outputs`). Evaluation runs on the source's thread, as Falco's event
//! loop does, so events are never copied or queued; alerts cross to the outputs through their
//! bounded queues.
//!
//! What evaluation uses is one immutable [`Runtime`] (the engine, the compiled outputs, the
//! alert layout). A reload builds a new one off the event loop and hands it over through
//! [`Shared::swap`]; the loop picks it up between two events, so every event is judged by one
//! complete ruleset, old or new.

pub mod eval;
pub mod internal;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crossbeam_channel::{unbounded, Receiver, Sender};
use falcod_rules::eval::engine::{Engine, RuleId};
use falcod_rules::format::alert::AlertConfig;
use falcod_rules::format::append::{effective_output, RuleFormatter, RuleMatchInfo};
use falcod_rules::load::info::Priority;
use falcod_rules::ruleset::Ruleset;
use serde_json::{Map, Value as Json};

use crate::config::DaemonConfig;
use crate::metrics::Metrics;
use crate::outputs::Fanout;

/// What the event loop evaluates with.
pub struct Runtime {
    /// The rules.
    pub engine: Engine,
    /// Each rule's compiled output (with `append_output`), by rule index; `None` for rules the
    /// engine left out.
    pub formatters: Vec<Option<RuleFormatter>>,
    /// The alert layout.
    pub alert: AlertConfig,
    /// The same with `json_output` on, for outputs that need JSON when alerts are text.
    pub json_alert: AlertConfig,
}

impl Runtime {
    /// Compiles the enabled rules of `ruleset` and their outputs as `cfg` says. An output that
    /// does not compile (e.g. a bad `append_output` field) fails the whole build, as it fails
    /// Falco's rules loading.
    pub fn build(ruleset: Arc<Ruleset>, cfg: &DaemonConfig) -> Result<Runtime, String> {
        let schema = falcod_probe::syscall_schema();
        let engine = Engine::new(ruleset, schema, cfg.engine.clone()).map_err(|e| e.to_string())?;
        let mut formatters: Vec<Option<RuleFormatter>> = Vec::new();
        formatters.resize_with(engine.ruleset().rules.len(), || None);
        for id in engine.enabled_rules() {
            let rule = engine.rule(id);
            let info = RuleMatchInfo {
                name: &rule.info.name,
                source: &rule.info.source,
                tags: &rule.info.tags,
            };
            let effective = effective_output(&rule.output, &info, &cfg.append_output, schema);
            let formatter = RuleFormatter::compile(&effective, schema)
                .map_err(|e| format!("rule '{}': output: {e}", rule.info.name))?;
            formatters[id.0 as usize] = Some(formatter);
        }
        let alert = cfg.alert.clone();
        let json_alert = AlertConfig {
            json_output: true,
            ..alert.clone()
        };
        Ok(Runtime {
            engine,
            formatters,
            alert,
            json_alert,
        })
    }

    /// The formatter of a rule.
    pub fn formatter(&self, id: RuleId) -> Option<&RuleFormatter> {
        self.formatters.get(id.0 as usize).and_then(Option::as_ref)
    }
}

/// A replacement for what the event loop runs with.
pub struct Swap {
    /// New rules and alert layout.
    pub runtime: Arc<Runtime>,
    /// New outputs, when their configuration changed.
    pub fanout: Option<Arc<Fanout>>,
}

/// What the event loop and the rest of the daemon share.
pub struct Shared {
    /// Set to stop the source.
    pub stop: AtomicBool,
    /// The counters.
    pub metrics: Arc<Metrics>,
    /// What the event loop runs with now (internal alerts use its outputs and layout);
    /// `None` once the daemon is shutting down.
    current: Mutex<Option<(Arc<Runtime>, Arc<Fanout>)>>,
    /// Set when a [`Swap`] is waiting: the loop looks at this flag, not the channel, per event.
    pending: AtomicBool,
    swaps: (Sender<Swap>, Receiver<Swap>),
}

impl Shared {
    /// Shared state starting with `runtime` and `fanout`.
    pub fn new(metrics: Arc<Metrics>, runtime: Arc<Runtime>, fanout: Arc<Fanout>) -> Shared {
        Shared {
            stop: AtomicBool::new(false),
            metrics,
            current: Mutex::new(Some((runtime, fanout))),
            pending: AtomicBool::new(false),
            swaps: unbounded(),
        }
    }

    /// The runtime and outputs in force.
    pub fn current(&self) -> Option<(Arc<Runtime>, Arc<Fanout>)> {
        self.current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Hands a new runtime (and outputs) to the event loop.
    pub fn swap(&self, swap: Swap) {
        {
            let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((rt, fanout)) = current.as_mut() {
                *rt = Arc::clone(&swap.runtime);
                if let Some(f) = &swap.fanout {
                    *fanout = Arc::clone(f);
                }
            }
        }
        // A send on an unbounded channel whose receiver lives in `self` cannot fail.
        let _ = self.swaps.0.send(swap);
        self.pending.store(true, Ordering::Release);
    }

    /// Takes waiting swaps (the last one wins; outputs from any of them are kept).
    pub fn take_swap(&self) -> Option<Swap> {
        if !self.pending.load(Ordering::Relaxed) {
            return None;
        }
        self.pending.store(false, Ordering::Relaxed);
        let mut last: Option<Swap> = None;
        while let Ok(s) = self.swaps.1.try_recv() {
            let fanout = s.fanout.or_else(|| last.take().and_then(|l| l.fanout));
            last = Some(Swap {
                runtime: s.runtime,
                fanout,
            });
        }
        last
    }

    /// Forgets the outputs (shutdown): once the event loop has ended too, the output queues
    /// close and the workers drain them.
    pub fn release(&self) {
        self.current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
    }

    /// Sends one of the daemon's own alerts (`source: internal`) to the outputs in force.
    pub fn internal_alert(
        &self,
        time_ns: u64,
        priority: Priority,
        msg: &str,
        rule: &str,
        fields: &Map<String, Json>,
    ) {
        if let Some((rt, fanout)) = self.current() {
            fanout.send(internal::alert(
                &rt,
                fanout.needs_json,
                time_ns,
                priority,
                msg,
                rule,
                fields,
            ));
        }
    }
}
