//! What each mode of the CLI does: validate, load, describe, version; the daemon itself is
//! `crate::daemon`.

use std::collections::BTreeSet;

use falcod_rules::describe::sort_keys;
use falcod_rules::ruleset::{RulesetBuilder, ENGINE_VERSION};
use serde_json::json;

use crate::cli::Cli;
use crate::engine::{self, DEFAULT_RULES, DEFAULT_RULES_NAME};
use crate::logger::{log, Level};
use crate::settings::Settings;
use crate::{rules_paths, Outcome};

/// The first log line of a run, as Falco starts with its version.
pub fn log_version() {
    log(
        Level::Info,
        &format!(
            "falcod version: {} (Falco rules engine {ENGINE_VERSION})",
            env!("CARGO_PKG_VERSION")
        ),
    );
}

/// `--version`.
pub fn print_version(json: bool) {
    let version = env!("CARGO_PKG_VERSION");
    if json {
        let info = json!({
            "falcod_version": version,
            "engine_version": ENGINE_VERSION.to_string(),
        });
        println!("{info}");
    } else {
        println!("falcod version: {version}");
        println!("Engine:         {ENGINE_VERSION}");
    }
}

/// `-V FILE...`: loads the files in order into one builder and reports each, as Falco's
/// `validate_rules_files` does. Every file is loaded, even after one fails (Falco does the
/// same for `-V`; a failed file leaves the ruleset as it was).
pub fn validate(cli: &Cli, json: bool) -> Outcome {
    // Falco reads every file before loading any: an unreadable file fails the whole run.
    let mut contents = Vec::with_capacity(cli.validate.len());
    for name in &cli.validate {
        contents.push((name.as_str(), rules_paths::read(name)?));
    }
    log(Level::Info, "Validating rules file(s):");
    for name in &cli.validate {
        log(Level::Info, &format!("   {name}"));
    }

    let mut builder = engine::new_builder();
    let mut successful = true;
    let mut results = Vec::new();
    let mut summary = String::new();
    for (name, content) in &contents {
        let result = builder.load(name, content).clone();
        successful &= result.successful();
        if json {
            results.push(engine::to_json(&builder, &result));
        }
        if !summary.is_empty() {
            summary.push('\n');
        }
        if result.successful() && result.has_warnings() {
            summary.push_str(&format!("{name}: Ok, with warnings"));
            log(Level::Warning, &engine::verbose(&builder, &result));
        } else {
            summary.push_str(&engine::verbose(&builder, &result));
        }
    }

    let describing = cli.describe_all || cli.describe_rule.is_some();
    let described = if successful && describing {
        Some(describe_json(&builder, cli.describe_rule.as_deref())?)
    } else {
        None
    };
    if json {
        let mut out = serde_json::Map::new();
        out.insert("falco_load_results".into(), results.into());
        if let Some(d) = described {
            out.insert("falco_describe_results".into(), d);
        }
        // Falco's JSON objects print with sorted keys, load results included.
        println!("{}", sort_keys(serde_json::Value::Object(out)));
    } else {
        println!("{summary}");
        if let Some(d) = described {
            println!();
            print!("{}", falcod_rules::describe::to_text(&d));
        }
    }
    if successful {
        Ok(())
    } else {
        Err(summary)
    }
}

/// Loads the rules to run with: `-r` entries, else the config's `rules_files`, else the embedded
/// default rules. Stops at the first file that fails, as Falco does.
pub fn load_rules(cli: &Cli, settings: &Settings, builder: &mut RulesetBuilder) -> Outcome {
    load_rules_from(&cli.rules, settings, builder)
}

/// [`load_rules`] with the `-r` entries given explicitly (`falcod bench -r ...`).
pub fn load_rules_from(
    rules: &[String],
    settings: &Settings,
    builder: &mut RulesetBuilder,
) -> Outcome {
    let (configured, warning) = settings.rules_files().map_err(|e| e.to_string())?;
    if let Some(w) = warning {
        log(Level::Warning, &w);
    }
    let entries = if !rules.is_empty() {
        Some(rules.to_vec())
    } else {
        configured
    };
    let files: Vec<(String, Vec<u8>)> = match entries {
        Some(entries) => {
            if entries.is_empty() {
                return Err(
                    "You must specify at least one rules file/directory via -r or a \
                            rules_file entry in falco.yaml"
                        .to_string(),
                );
            }
            let mut files = Vec::new();
            for name in rules_paths::expand(&entries) {
                let content = rules_paths::read(&name)?;
                files.push((name, content));
            }
            files
        }
        None => vec![(
            DEFAULT_RULES_NAME.to_string(),
            DEFAULT_RULES.as_bytes().to_vec(),
        )],
    };

    log(Level::Info, "Loading rules from:");
    for (name, content) in &files {
        let result = builder.load(name, content).clone();
        // falcod does not validate rules files against Falco's JSON schema: "none" is Falco's
        // word for a file that was not schema-checked.
        log(Level::Info, &format!("   {name} | schema validation: none"));
        if !result.successful() {
            return Err(engine::verbose(builder, &result));
        }
        if result.has_warnings() {
            log(Level::Warning, &engine::verbose(builder, &result));
        }
    }
    Ok(())
}

fn describe_json(
    builder: &RulesetBuilder,
    rule: Option<&str>,
) -> Result<serde_json::Value, String> {
    let ruleset = builder
        .ruleset()
        .ok_or_else(|| "rules must be loaded before describing them".to_string())?;
    falcod_rules::describe::describe(&ruleset, builder.config(), rule).map_err(|e| e.to_string())
}

/// `-L` / `-l RULE` after loading: text table or Falco's describe JSON.
pub fn describe(builder: &RulesetBuilder, rule: Option<&str>, json: bool) -> Outcome {
    let described = describe_json(builder, rule)?;
    if json {
        println!("{described}");
    } else {
        print!("{}", falcod_rules::describe::to_text(&described));
    }
    Ok(())
}

/// Reports what was loaded (rules, event types), then `message` (why there is nothing to run).
pub fn start(builder: &RulesetBuilder, message: &str) -> Outcome {
    let ruleset = builder
        .ruleset()
        .ok_or_else(|| "no rules were loaded".to_string())?;
    let enabled: Vec<_> = ruleset.rules.iter().filter(|r| r.info.enabled).collect();
    let events: BTreeSet<&str> = enabled
        .iter()
        .flat_map(|r| r.evttype_names.iter().map(String::as_str))
        .collect();
    log(
        Level::Info,
        &format!(
            "Loaded {} rules ({} enabled), {} macros, {} lists",
            ruleset.rules.len(),
            enabled.len(),
            ruleset.macros.len(),
            ruleset.lists.len()
        ),
    );
    log(
        Level::Info,
        &format!(
            "The enabled rules need {} event types: {}",
            events.len(),
            events.into_iter().collect::<Vec<_>>().join(", ")
        ),
    );
    log(Level::Info, message);
    Ok(())
}
