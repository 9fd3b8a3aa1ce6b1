//! Enforcement in the CLI: the `enforcement:` configuration, the per-rule enforceability report
//! of `-V`, and `--replay FILE --enforce-dry-run` (which events the selected rules would block).
//!
//! The compiler and the policy live in `falcod-enforce`; this module only reads the
//! configuration, prints, and walks captures.

use std::io::Write;
use std::path::Path;

use falcod_enforce::encode::encode;
use falcod_enforce::{EnforcementConfig, LsmRequest, Mode, Policy, Report, Verdict};
use falcod_probe::state::replay_file;
use falcod_rules::ruleset::{Ruleset, RulesetBuilder};
use serde_json::json;

use crate::logger::{log, Level};
use crate::settings::Settings;
use crate::Outcome;

/// The `enforcement:` section (defaults when absent).
pub fn config(settings: &Settings) -> Result<EnforcementConfig, String> {
    match settings.get("enforcement") {
        None => Ok(EnforcementConfig::default()),
        Some(v) => serde_json::from_value(v.clone())
            .map_err(|e| format!("invalid enforcement configuration: {e}")),
    }
}

/// Whether enforcement is asked for: a mode other than `off`.
fn active(config: &EnforcementConfig) -> bool {
    config.mode != Mode::Off
}

/// The report and, when every selected rule is enforceable (or enforcement is optional), the
/// policy of the enforceable ones. An error when a rule is not enforceable and enforcement is
/// not optional, or when the policy does not fit the kernel maps.
fn policy_of(ruleset: &Ruleset, config: &EnforcementConfig) -> (Report, Result<Policy, String>) {
    let report = Report::new(ruleset, config);
    let refused: Vec<String> = report
        .rules
        .iter()
        .filter_map(|r| r.outcome.as_ref().err().map(|e| e.to_string()))
        .collect();
    if !refused.is_empty() && !config.optional {
        let n = refused.len();
        return (
            report,
            Err(format!(
                "enforcement: {n} selected rule{} not enforceable (set enforcement.optional=true \
                 to run without them): {}",
                if n == 1 { " is" } else { "s are" },
                refused.join("; ")
            )),
        );
    }
    let policy = report
        .policy()
        .map_err(|e| format!("enforcement: {e}"))
        .and_then(|p| {
            encode(&p).map_err(|e| format!("enforcement: {e}"))?;
            Ok(p)
        });
    (report, policy)
}

/// Text lines of the report, as `-V` prints them.
fn report_text(report: &Report) -> String {
    let ok = report.rules.iter().filter(|r| r.outcome.is_ok()).count();
    let mut out = format!(
        "Enforcement (mode {}): {} rule{} selected, {ok} enforceable\n",
        report.mode.as_str(),
        report.rules.len(),
        if report.rules.len() == 1 { "" } else { "s" },
    );
    for r in &report.rules {
        match &r.outcome {
            Ok(p) => {
                let hooks: Vec<&str> = p.hooks().iter().map(|h| h.name()).collect();
                out.push_str(&format!(
                    "  {} [{}]: enforceable at {} ({} clause{})\n",
                    r.rule,
                    r.verdict,
                    hooks.join(", "),
                    p.clauses.len(),
                    if p.clauses.len() == 1 { "" } else { "s" }
                ));
                for n in &p.notes {
                    out.push_str(&format!("    note: {n}\n"));
                }
            }
            Err(e) => {
                out.push_str(&format!("  {} [{}]: not enforceable\n", r.rule, r.verdict));
                for p in &e.problems {
                    out.push_str(&format!("    - {p}\n"));
                }
            }
        }
    }
    out
}

fn report_json(report: &Report) -> serde_json::Value {
    let rules: Vec<serde_json::Value> = report
        .rules
        .iter()
        .map(|r| match &r.outcome {
            Ok(p) => json!({
                "rule": r.rule,
                "verdict": r.verdict.as_str(),
                "enforceable": true,
                "hooks": p.hooks().iter().map(|h| h.name()).collect::<Vec<_>>(),
                "clauses": p.clauses.iter().map(|c| json!({"hook": c.hook.name(), "condition": c.text})).collect::<Vec<_>>(),
                "notes": p.notes,
            }),
            Err(e) => json!({
                "rule": r.rule,
                "verdict": r.verdict.as_str(),
                "enforceable": false,
                "problems": e.problems.iter().map(|p| json!({
                    "expression": p.expr,
                    "offset": p.offset,
                    "reason": p.reason,
                })).collect::<Vec<_>>(),
            }),
        })
        .collect();
    json!({"mode": report.mode.as_str(), "rules": rules})
}

/// `-V` with enforcement configured: the enforceability of every selected rule. Text mode
/// prints it; JSON mode returns it for the `falcod_enforcement` key (`None` when enforcement
/// is off). The outcome fails when a selected rule is not enforceable (unless enforcement is
/// optional) or the policy does not fit the kernel maps.
pub fn validate_report(
    settings: &Settings,
    builder: &RulesetBuilder,
    json: bool,
) -> (Option<serde_json::Value>, Outcome) {
    let config = match config(settings) {
        Ok(c) => c,
        Err(e) => return (None, Err(e)),
    };
    if !active(&config) {
        return (None, Ok(()));
    }
    let Some(ruleset) = builder.ruleset() else {
        return (None, Ok(()));
    };
    let (report, policy) = policy_of(&ruleset, &config);
    if report.rules.is_empty() {
        log(
            Level::Warning,
            "enforcement: the configuration selects no rule",
        );
    }
    let value = if json {
        Some(report_json(&report))
    } else {
        print!("{}", report_text(&report));
        None
    };
    let _ = std::io::stdout().flush();
    (value, policy.map(|_| ()))
}

/// `--replay FILE --enforce-dry-run`: every exit event of the capture read as the request its
/// hook would have seen, decided by the policy; one line per event a rule would block or audit.
pub fn dry_run(settings: &Settings, builder: &RulesetBuilder, json: bool, file: &Path) -> Outcome {
    let config = config(settings)?;
    if !active(&config) {
        return Err(
            "--enforce-dry-run needs enforcement.mode audit or enforce (and rules selected in \
             enforcement.rules)"
                .to_string(),
        );
    }
    let ruleset = builder
        .ruleset()
        .ok_or_else(|| "no rules were loaded".to_string())?;
    let (report, policy) = policy_of(&ruleset, &config);
    for r in &report.rules {
        if let Err(e) = &r.outcome {
            log(Level::Warning, &format!("{e}; left out of the dry run"));
        }
    }
    let policy = policy?;
    let hooks: Vec<&str> = policy.hooks().keys().map(|h| h.name()).collect();
    log(
        Level::Info,
        &format!(
            "Enforcement dry run (mode {}): {} rules at {}",
            config.mode.as_str(),
            policy.rules().len(),
            if hooks.is_empty() {
                "no hook".to_string()
            } else {
                hooks.join(", ")
            }
        ),
    );
    let schema = falcod_probe::syscall_schema();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut blocked, mut audited) = (0u64, 0u64);
    let mut error = None;
    let summary = replay_file(file, |ev| {
        if ev.enter {
            return true;
        }
        let Some(req) = LsmRequest::from_event(ev, schema) else {
            return true;
        };
        let Some((rule, verdict)) = policy.decide(&req) else {
            return true;
        };
        match verdict {
            Verdict::Block => blocked += 1,
            Verdict::Audit => audited += 1,
        }
        let line = if json {
            json!({
                "evt.num": ev.event.num,
                "rule": rule,
                "hook": req.hook.name(),
                "verdict": verdict.as_str(),
            })
            .to_string()
        } else {
            format!(
                "evt.num={} hook={} verdict={} rule={rule}",
                ev.event.num,
                req.hook.name(),
                verdict.as_str()
            )
        };
        if let Err(e) = writeln!(out, "{line}") {
            error = Some(e);
            return false;
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
            "Enforcement dry run over {} events: {blocked} would be blocked, {audited} audited",
            summary.events
        ),
    );
    Ok(())
}

/// The capture `--enforce-dry-run` reads: `--replay FILE`, or `engine.kind: replay` with
/// `engine.replay.capture_file`.
pub fn capture_file(
    cli: &crate::cli::Cli,
    settings: &Settings,
) -> Result<Option<std::path::PathBuf>, String> {
    if let Some(file) = &cli.replay {
        return Ok(Some(file.clone()));
    }
    let Some(engine) = settings.get("engine") else {
        return Ok(None);
    };
    if engine.get("kind").and_then(|k| k.as_str()) != Some("replay") {
        return Ok(None);
    }
    engine
        .get("replay")
        .and_then(|r| r.get("capture_file"))
        .and_then(|f| f.as_str())
        .filter(|f| !f.is_empty())
        .map(|f| Some(std::path::PathBuf::from(f)))
        .ok_or_else(|| "engine.kind is replay but engine.replay.capture_file is not set".into())
}
