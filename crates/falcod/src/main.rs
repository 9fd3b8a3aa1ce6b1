//! falcod: the daemon and CLI.
//!
//! This milestone's binary loads, compiles and validates Falco rules files as Falco does, and
//! answers Falco's informational flags (`-V`, `-L`, `-l`, `--list`, `--list-events`,
//! `--version`). Live capture arrives with the eBPF probe milestone.

mod actions;
mod bench;
mod cli;
mod enforce_cli;
mod engine;
mod fields_list;
mod filter;
mod logger;
mod replay;
mod rules_paths;
mod settings;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::logger::Level;
use crate::settings::Settings;

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
    let mut settings = Settings::default();
    if let Some(path) = &cli.config {
        settings.load_file(path).map_err(|e| e.to_string())?;
    }
    for option in &cli.options {
        if let Some(warning) = settings.apply_option(option).map_err(|e| e.to_string())? {
            logger::log(Level::Warning, &warning);
        }
    }
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
        Some(Command::Bench(args)) => return bench::run(cli, &settings, args),
        Some(Command::Filter(args)) => return filter::run(&settings, args),
        None => {}
    }
    if !cli.validate.is_empty() {
        return actions::validate(cli, &settings, json);
    }
    let describing = cli.describe_all || cli.describe_rule.is_some();
    if !describing {
        actions::log_version();
    }
    let mut builder = engine::new_builder();
    actions::load_rules(cli, &settings, &mut builder)?;
    if describing {
        return actions::describe(&builder, cli.describe_rule.as_deref(), json);
    }
    if let Some(file) = replay::capture_file(cli, &settings)? {
        if cli.enforce_dry_run {
            return enforce_cli::dry_run(&settings, &builder, json, &file);
        }
        return replay::run(&builder, json, &file);
    }
    actions::start(&builder)
}
