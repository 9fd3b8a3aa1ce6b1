//! The event loop's per-event work: the rules over one event, and for each match the alert,
//! formatted once and handed to the outputs.
//!
//! The source asks [`Evaluator::select`] about every event before building it: only exit events
//! of a code some rule is indexed under are built and evaluated (as in Falco, rules see exit
//! events; enter events only update the state). Per event this adds one flag load (a waiting
//! reload) and a counter; the shared event counter is published every [`PUBLISH_EVERY`]
//! events, and one evaluation in [`PUBLISH_EVERY`] is timed for the evaluation-time metric.

use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;
use std::time::Instant;

use falcod_probe::state::ReplayEvent;
use falcod_rules::eval::engine::{RuleId, Scratch};
use falcod_rules::event::Values;
use falcod_rules::format::append::{AlertScratch, RuleMatchInfo};

use super::{Runtime, Shared};
use crate::metrics::RuleKey;
use crate::outputs::{Alert, Fanout};

/// How often the event count is published and an evaluation timed (a power of two).
pub const PUBLISH_EVERY: u64 = 64;

/// The event loop's state.
pub struct Evaluator {
    shared: Arc<Shared>,
    runtime: Arc<Runtime>,
    fanout: Arc<Fanout>,
    scratch: Scratch,
    values: Values,
    alert_scratch: AlertScratch,
    matched: Vec<RuleId>,
    events: u64,
    evaluated: u64,
    alerts: u64,
}

impl Evaluator {
    /// An event loop over what `shared` has in force (`None` if the daemon is stopping).
    pub fn new(shared: Arc<Shared>) -> Option<Evaluator> {
        let (runtime, fanout) = shared.current()?;
        Some(Evaluator {
            scratch: runtime.engine.scratch(),
            shared,
            runtime,
            fanout,
            values: Values::new(),
            alert_scratch: AlertScratch::default(),
            matched: Vec::new(),
            events: 0,
            evaluated: 0,
            alerts: 0,
        })
    }

    /// Whether the event with code `code` is to be built and given to
    /// [`on_event`](Evaluator::on_event): an exit event that some rule is indexed under. Asked
    /// once per event, so it also counts the events and picks up a waiting reload.
    pub fn select(&mut self, code: u16) -> bool {
        if let Some(swap) = self.shared.take_swap() {
            self.runtime = swap.runtime;
            if let Some(f) = swap.fanout {
                self.fanout = f;
            }
        }
        if code & 1 == 0 {
            return false;
        }
        self.events += 1;
        if self.events.is_multiple_of(PUBLISH_EVERY) {
            self.shared.metrics.events.store(self.events, Relaxed);
        }
        self.runtime.engine.bucket(code).next().is_some()
    }

    /// Evaluates one event that [`select`](Evaluator::select) accepted; `false` asks the
    /// source to stop.
    pub fn on_event(&mut self, ev: &ReplayEvent) -> bool {
        if ev.enter {
            return true;
        }
        self.evaluated += 1;
        let timed = self
            .evaluated
            .is_multiple_of(PUBLISH_EVERY)
            .then(Instant::now);
        self.matched.clear();
        let matched = &mut self.matched;
        self.runtime
            .engine
            .process(ev, &mut self.scratch, &mut |id| matched.push(id));
        if let Some(started) = timed {
            let m = &self.shared.metrics;
            m.eval_sampled_ns
                .fetch_add(started.elapsed().as_nanos() as u64, Relaxed);
            m.eval_samples.fetch_add(1, Relaxed);
        }
        for i in 0..self.matched.len() {
            let id = self.matched[i];
            self.emit(ev, id);
        }
        true
    }

    fn emit(&mut self, ev: &ReplayEvent, id: RuleId) {
        let rt = &self.runtime;
        let Some(formatter) = rt.formatter(id) else {
            return;
        };
        let rule = rt.engine.rule(id);
        let info = RuleMatchInfo {
            name: &rule.info.name,
            source: &rule.info.source,
            tags: &rule.info.tags,
        };
        let time_ns = ev.event.ts_ns;
        let mut line = String::with_capacity(256);
        formatter.write_alert(
            &rt.alert,
            &info,
            rule.info.priority,
            time_ns,
            ev,
            &mut self.values,
            &mut self.alert_scratch,
            &mut line,
        );
        let json = (self.fanout.needs_json && !rt.alert.json_output).then(|| {
            let mut json = String::with_capacity(512);
            formatter.write_alert(
                &rt.json_alert,
                &info,
                rule.info.priority,
                time_ns,
                ev,
                &mut self.values,
                &mut self.alert_scratch,
                &mut json,
            );
            json
        });
        self.alerts += 1;
        self.shared.metrics.count_match(RuleKey {
            rule: rule.info.name.clone(),
            priority: rule.info.priority,
            source: rule.info.source.clone(),
        });
        self.fanout.send(Alert {
            time_ns,
            priority: rule.info.priority,
            rule: rule.info.name.clone(),
            line,
            json,
        });
    }

    /// Publishes the final counts; returns (events evaluated, alerts raised).
    pub fn finish(self) -> (u64, u64) {
        self.shared.metrics.events.store(self.events, Relaxed);
        (self.events, self.alerts)
    }
}
