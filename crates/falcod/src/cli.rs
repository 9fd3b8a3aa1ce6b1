//! Command-line flags, spelled as Falco spells them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Output layout for `--list` and `--list-events`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Plain text (Falco's default layout).
    Text,
    /// Markdown tables.
    Markdown,
    /// JSON.
    Json,
}

/// falcod: a Falco-compatible runtime security engine.
///
/// Loads Falco rules files as Falco does and runs them over an event source (a capture with
/// --replay, a synthetic stream, later the live eBPF probe), sending alerts to Falco's outputs
/// (stdout, file, program, http, syslog). Reads falco.yaml (-c) and -o overrides; SIGHUP or a
/// changed config/rules file reloads; SIGTERM/SIGINT drain the outputs and exit.
#[derive(Debug, Parser)]
#[command(name = "falcod", disable_version_flag = true, max_term_width = 100)]
pub struct Cli {
    /// Configuration file (falco.yaml format, with its `config_files` includes). Without it,
    /// Falco's defaults apply.
    #[arg(short = 'c', value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Stop after this many seconds (0: run until the source ends or a signal).
    #[arg(short = 'M', value_name = "SECONDS")]
    pub duration: Option<u64>,

    /// Flush every alert as it is written (same as `-o buffered_outputs=false`).
    #[arg(short = 'U', long = "unbuffered")]
    pub unbuffered: bool,

    /// Load and check the configuration and rules, then exit without processing events.
    #[arg(long = "dry-run")]
    pub dry_run: bool,

    /// Write the daemon's pid to this file (removed at exit).
    #[arg(short = 'P', long = "pidfile", value_name = "FILE")]
    pub pidfile: Option<PathBuf>,

    /// Rules file or directory to load (repeatable; only *.yaml/*.yml; directories are read
    /// non-recursively in sorted order). Without -r or a config `rules_files`, the embedded
    /// default rules are used.
    #[arg(short = 'r', value_name = "FILE|DIR")]
    pub rules: Vec<String>,

    /// Validate rules files (repeatable; loaded in order, as one ruleset) and exit.
    #[arg(short = 'V', long = "validate", value_name = "FILE")]
    pub validate: Vec<String>,

    /// Describe all rules and exit (with `-o json_output=true`: rules, macros and lists as JSON).
    #[arg(short = 'L')]
    pub describe_all: bool,

    /// Describe one rule and exit.
    #[arg(short = 'l', value_name = "RULE")]
    pub describe_rule: Option<String>,

    /// List the fields usable in conditions and outputs, for all sources or one, and exit.
    #[arg(long = "list", value_name = "SOURCE", num_args = 0..=1, default_missing_value = "")]
    pub list: Option<String>,

    /// List the event types of the syscall source and exit.
    #[arg(long = "list-events")]
    pub list_events: bool,

    /// With --list: print field names only.
    #[arg(short = 'N')]
    pub names_only: bool,

    /// Output format of --list and --list-events.
    #[arg(long = "format", value_enum, default_value = "text")]
    pub format: Format,

    /// Deprecated spelling of `--format markdown`.
    #[arg(long = "markdown", hide = true)]
    pub markdown: bool,

    /// Set a configuration value: `key=value`, key a dot path (`a.b`, `list[0]`, `list[]` to
    /// append, `\` escapes a dot), value YAML. E.g. `-o json_output=true`. Repeatable.
    #[arg(short = 'o', long = "option", value_name = "KEY=VALUE")]
    pub options: Vec<String>,

    /// Verbose output (field types in --list).
    #[arg(short = 'v')]
    pub verbose: bool,

    /// Print the falcod version and the rules-engine version it implements, and exit.
    #[arg(long = "version")]
    pub version: bool,

    /// Replay a capture file (.scap) through the loaded rules instead of capturing live events,
    /// send the alerts to the outputs, and exit (same as `-o engine.kind=replay
    /// -o engine.replay.capture_file=FILE`).
    #[arg(long = "replay", value_name = "FILE")]
    pub replay: Option<PathBuf>,

    /// A falcod tool instead of the daemon (Falco has none of these).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// falcod's own subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Measure how fast the loaded rules match events, on one thread, over a synthetic syscall
    /// stream; report events/s, ns/event, matches and the most expensive rules.
    Bench(BenchArgs),
    /// Print the events of a capture that match a condition, one line each (as
    /// `sysdig -r FILE -p FORMAT CONDITION` does; enter and exit events alike).
    Filter(FilterArgs),
}

/// Flags of `falcod filter`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// The capture (.scap, gzip-compressed or not).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The condition, in the rules' condition language.
    #[arg(value_name = "CONDITION", default_value = "evt.num > 0")]
    pub condition: String,

    /// Output format of each line (`%field` tokens; a leading `*` prints lines with missing
    /// fields as `<NA>`, otherwise such lines are skipped as sysdig does).
    #[arg(short = 'p', value_name = "FORMAT", default_value = "%evt.num")]
    pub format: String,

    /// Rules file or directory whose macros and lists the condition may use (repeatable).
    #[arg(short = 'r', value_name = "FILE|DIR")]
    pub rules: Vec<String>,
}

/// The stream `falcod bench` runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BenchMix {
    /// Realistic host mix: mostly reads, writes and waits; opens, execs, connects, ...
    Realistic,
    /// Only execve events: the bucket every process rule is indexed under (worst case).
    Execve,
}

/// Output layout of `falcod bench`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BenchFormat {
    /// A human-readable report.
    Text,
    /// One JSON object.
    Json,
}

/// Flags of `falcod bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Rules file or directory to load (repeatable); default: as `falcod -r`, else the
    /// configured `rules_files`, else the embedded default rules.
    #[arg(short = 'r', value_name = "FILE|DIR")]
    pub rules: Vec<String>,

    /// Number of events in the stream.
    #[arg(long = "events", default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub events: u64,

    /// Use the exit events of this capture file (.scap) as the stream instead of a synthetic
    /// one (at most --events of them).
    #[arg(long = "capture", value_name = "FILE")]
    pub capture: Option<PathBuf>,

    /// Which synthetic stream to run.
    #[arg(long = "mix", value_enum, default_value = "realistic")]
    pub mix: BenchMix,

    /// Seed of the synthetic stream (the same seed gives the same stream).
    #[arg(long = "seed", default_value_t = 1)]
    pub seed: u64,

    /// Output layout.
    #[arg(long = "format", value_enum, default_value = "text")]
    pub format: BenchFormat,

    /// How many of the most expensive rules to list.
    #[arg(long = "top", default_value_t = 10)]
    pub top: usize,
}

impl Cli {
    /// The `-o` options in effect: the user's, then those implied by `--replay` and `-U`.
    pub fn effective_options(&self) -> Vec<String> {
        let mut options = self.options.clone();
        if let Some(file) = &self.replay {
            // Single-quoted YAML: the path stays a string whatever characters it has.
            let quoted = file.to_string_lossy().replace('\'', "''");
            options.push("engine.kind=replay".to_string());
            options.push(format!("engine.replay.capture_file='{quoted}'"));
        }
        if self.unbuffered {
            options.push("buffered_outputs=false".to_string());
        }
        options
    }

    /// The effective --list/--list-events format, honouring the deprecated `--markdown`.
    pub fn output_format(&self) -> Format {
        if self.markdown && self.format == Format::Text {
            Format::Markdown
        } else {
            self.format
        }
    }
}
