//! Replay mode: the loaded rules run over a capture file (`--replay FILE`, or Falco's
//! `-o engine.kind=replay -o engine.replay.capture_file=FILE`), alerts to stdout in Falco's
//! text or JSON format, then exit.
//!
//! As in Falco, rules see exit events only (enter events still update the state). Each rule's
//! output is compiled once, when the rule first matches.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use falcod_probe::state::replay_file_selecting;
use falcod_rules::eval::engine::{Engine, EngineOptions, RuleId};
use falcod_rules::event::Values;
use falcod_rules::format::alert::AlertConfig;
use falcod_rules::format::append::{AlertScratch, EffectiveOutput, RuleFormatter, RuleMatchInfo};
use falcod_rules::ruleset::RulesetBuilder;

use crate::cli::Cli;
use crate::logger::{log, Level};
use crate::settings::Settings;
use crate::Outcome;

/// The capture to replay, from `--replay` or the `engine` configuration.
pub fn capture_file(cli: &Cli, settings: &Settings) -> Result<Option<PathBuf>, String> {
    if let Some(file) = &cli.replay {
        return Ok(Some(file.clone()));
    }
    let Some(engine) = settings.get("engine") else {
        return Ok(None);
    };
    let kind = engine.get("kind").and_then(|k| k.as_str()).unwrap_or("");
    if kind != "replay" {
        return Ok(None);
    }
    engine
        .get("replay")
        .and_then(|r| r.get("capture_file"))
        .and_then(|f| f.as_str())
        .filter(|f| !f.is_empty())
        .map(|f| Some(PathBuf::from(f)))
        .ok_or_else(|| "engine.kind is replay but engine.replay.capture_file is not set".into())
}

/// Runs the rules of `builder` over the capture at `file`.
pub fn run(builder: &RulesetBuilder, json: bool, file: &Path) -> Outcome {
    let ruleset = builder
        .ruleset()
        .ok_or_else(|| "no rules were loaded".to_string())?;
    let engine = Engine::new(
        Arc::clone(&ruleset),
        falcod_probe::syscall_schema(),
        EngineOptions::default(),
    )
    .map_err(|e| e.to_string())?;
    let cfg = AlertConfig {
        json_output: json,
        hostname: std::env::var("FALCO_HOSTNAME").unwrap_or_default(),
        ..AlertConfig::default()
    };
    log(
        Level::Info,
        &format!("Replaying events from {}", file.display()),
    );
    let mut formatters: HashMap<RuleId, Result<RuleFormatter, String>> = HashMap::new();
    let mut scratch = engine.scratch();
    let mut alert_scratch = AlertScratch::default();
    let mut values = Values::new();
    let mut line = String::new();
    let mut matched = Vec::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut alerts = 0u64;
    let mut error = None;
    // Rules see exit events (odd codes) of the codes some rule is indexed under; the state
    // takes in every event, but only these are built.
    let wanted = |code: u16| code & 1 == 1 && engine.bucket(code).next().is_some();
    let summary = replay_file_selecting(file, wanted, |ev| {
        if ev.enter {
            return true;
        }
        matched.clear();
        engine.process(ev, &mut scratch, &mut |id| matched.push(id));
        for &id in &matched {
            let rule = engine.rule(id);
            let formatter = formatters.entry(id).or_insert_with(|| {
                let effective = EffectiveOutput {
                    output: rule.output.clone(),
                    extra_fields: Default::default(),
                };
                RuleFormatter::compile(&effective, falcod_probe::syscall_schema())
            });
            let Ok(formatter) = formatter else { continue };
            let info = RuleMatchInfo {
                name: &rule.info.name,
                source: &rule.info.source,
                tags: &rule.info.tags,
            };
            line.clear();
            formatter.write_alert(
                &cfg,
                &info,
                rule.info.priority,
                ev.event.ts_ns,
                ev,
                &mut values,
                &mut alert_scratch,
                &mut line,
            );
            line.push('\n');
            alerts += 1;
            if let Err(e) = out.write_all(line.as_bytes()) {
                error = Some(e);
                return false;
            }
        }
        true
    })
    .map_err(|e| format!("{}: {e}", file.display()))?;
    let _ = out.flush();
    if let Some(e) = error.filter(|e| e.kind() != std::io::ErrorKind::BrokenPipe) {
        return Err(e.to_string());
    }
    log(
        Level::Info,
        &format!(
            "Replayed {} events ({} not hidden), {alerts} alerts",
            summary.events, summary.visible
        ),
    );
    Ok(())
}
