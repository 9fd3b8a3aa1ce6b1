//! `falcod filter FILE CONDITION`: the events of a capture that match a condition, one line
//! each, as `sysdig -r FILE -p FORMAT CONDITION` prints them.
//!
//! The condition is compiled the way rules are: the `-r` files are loaded (their macros and
//! lists become usable), then a synthetic rules file holding one rule with the condition is
//! loaded after them, and an engine is built with only that rule enabled. Enter and exit
//! events are both evaluated and printed (sysdig shows both directions; `evt.dir` filters
//! them), unlike rule runs, which see exit events only.

use std::io::Write;
use std::sync::Arc;

use falcod_probe::state::replay_file;
use falcod_rules::eval::engine::{Engine, EngineOptions, RuleSelector, Selection};
use falcod_rules::event::Values;
use falcod_rules::format::OutputFormat;

use crate::cli::FilterArgs;
use crate::settings::Settings;
use crate::{actions, engine, Outcome};

/// The name of the synthetic rule holding the condition.
pub const FILTER_RULE: &str = "falcod filter condition";

/// A rules file with one rule whose condition is `condition`.
fn synthetic_rules(condition: &str) -> Result<String, String> {
    let rule = serde_yaml::Mapping::from_iter([
        ("rule".into(), FILTER_RULE.into()),
        ("desc".into(), "the condition given to falcod filter".into()),
        ("condition".into(), condition.into()),
        ("output".into(), "%evt.num".into()),
        ("priority".into(), "DEBUG".into()),
    ]);
    serde_yaml::to_string(&vec![serde_yaml::Value::Mapping(rule)]).map_err(|e| e.to_string())
}

/// Builds the engine that matches `condition` (with the macros and lists of `rules`).
pub fn condition_engine(
    rules: &[String],
    settings: &Settings,
    condition: &str,
) -> Result<Engine, String> {
    let mut builder = engine::new_builder();
    if !rules.is_empty() {
        actions::load_rules_from(rules, settings, &mut builder)?;
    }
    let content = synthetic_rules(condition)?;
    let result = builder.load("filter condition", content.as_bytes()).clone();
    if !result.successful() {
        return Err(engine::verbose(&builder, &result));
    }
    let ruleset = builder
        .ruleset()
        .ok_or_else(|| "the condition did not compile".to_string())?;
    let options = EngineOptions {
        selections: vec![
            Selection::Disable {
                by: RuleSelector::Exact(String::new()),
            },
            Selection::Enable {
                by: RuleSelector::Exact(FILTER_RULE.to_string()),
            },
        ],
        ..EngineOptions::default()
    };
    Engine::new(
        Arc::clone(&ruleset),
        falcod_probe::syscall_schema(),
        options,
    )
    .map_err(|e| e.to_string())
}

/// Runs `falcod filter`.
pub fn run(settings: &Settings, args: &FilterArgs) -> Outcome {
    let engine = condition_engine(&args.rules, settings, &args.condition)?;
    let format = OutputFormat::compile(&args.format, falcod_probe::syscall_schema())
        .map_err(|e| format!("invalid output format '{}': {e}", args.format))?;
    let mut scratch = engine.scratch();
    let mut values = Values::new();
    let mut line = String::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut write_error = None;
    replay_file(&args.file, |ev| {
        if engine.process(ev, &mut scratch, &mut |_| {}) == 0 {
            return true;
        }
        line.clear();
        // As sysdig, a line with a missing value is not printed unless the format starts
        // with `*`.
        if !format.render(ev, &mut values, &mut line) {
            return true;
        }
        line.push('\n');
        if let Err(e) = out.write_all(line.as_bytes()) {
            write_error = Some(e);
            return false;
        }
        true
    })
    .map_err(|e| format!("{}: {e}", args.file.display()))?;
    match write_error {
        // A closed pipe (`| head`) ends the listing early; that is not an error.
        Some(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => {
            let _ = out.flush();
            Ok(())
        }
    }
}
