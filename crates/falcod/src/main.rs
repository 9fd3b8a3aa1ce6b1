//! falcod: the daemon and CLI.
//!
//! Falco's command line and falco.yaml over falcod's rules engine: the informational flags
//! (`-V`, `-L`, `-l`, `--list`, `--list-events`, `--version`), then the daemon (`daemon`), which
//! runs the rules over an event source and sends alerts to the configured outputs.

mod actions;
mod bench;
mod capture;
mod cli;
mod daemon;
mod drops;
mod enforce_cli;
mod engine;
mod fields_list;
mod filter;
mod logger;
mod metrics;
mod outputs;
mod pipeline;
mod rules_paths;
mod signals;
mod source;
mod webserver;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
// The configuration parsers live in the library target (src/lib.rs) so that the fuzz targets
// and tests reach them; `crate::config` and `crate::settings` resolve through these imports.
use falcod::{config, settings};

use crate::cli::{Cli, Command};
use crate::logger::Level;

/// How an action ended: success, or a message for `Error: ...` on stderr and exit code 1.
pub type Outcome = Result<(), String>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = run(&cli);
    // Output that could not be flushed (closed pipe) is not an error worth reporting.
    let _ = std::io::stdout().flush();
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("Error: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Outcome {
    let options = cli.effective_options();
    let loaded = config::load::load(cli.config.as_deref(), &options)?;
    for warning in &loaded.warnings {
        logger::log(Level::Warning, warning);
    }
    let settings = &loaded.settings;
    let json = settings.json_output().map_err(|e| e.to_string())?;

    // The order of Falco's app actions: informational flags first, then validation, then
    // loading the rules (which -L/-l describe), then running.
    if cli.version {
        actions::print_version(json);
        return Ok(());
    }
    if let Some(source) = &cli.list {
        return fields_list::list_fields(source, cli.names_only, cli.verbose, cli.output_format());
    }
    if cli.list_events {
        return fields_list::list_events(cli.output_format());
    }
    match &cli.command {
        Some(Command::Bench(args)) => return bench::run(cli, settings, args),
        Some(Command::Filter(args)) => return filter::run(settings, args),
        Some(Command::Capture(args)) => return capture::run(settings, args),
        None => {}
    }
    if !cli.validate.is_empty() {
        return actions::validate(cli, settings, json);
    }
    if cli.describe_all || cli.describe_rule.is_some() {
        let mut builder = engine::new_builder();
        actions::load_rules(cli, settings, &mut builder)?;
        return actions::describe(&builder, cli.describe_rule.as_deref(), json);
    }
    if cli.enforce_dry_run {
        if let Some(file) = enforce_cli::capture_file(cli, settings)? {
            let mut builder = engine::new_builder();
            actions::load_rules(cli, settings, &mut builder)?;
            return enforce_cli::dry_run(settings, &builder, json, &file);
        }
    }
    daemon::run(cli, &options, &loaded)
}
