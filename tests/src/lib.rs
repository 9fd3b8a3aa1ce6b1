//! Shared helpers of the conformance tests.
//!
//! The tests in `tests/` load rules files through [`RulesetBuilder`] the way the `falcod` CLI
//! does for `-V`/`-r`: the syscall event source from `falcod-probe`, the built-in container
//! metadata provider standing in for Falco's `container` plugin, and files loaded in order into
//! one builder, stopping at the first file that fails (Falco aborts there too).
#![deny(missing_docs)]

use std::path::PathBuf;
use std::sync::Arc;

use falcod_rules::result::{Context, FileResult};
use falcod_rules::ruleset::{EngineConfig, Ruleset, RulesetBuilder};

/// The name under which the built-in container metadata provider satisfies
/// `required_plugin_versions` entries (Falco's `container` plugin).
pub const CONTAINER_PLUGIN: &str = "container";

/// The engine configuration the conformance tests use: the syscall source and the built-in
/// container provider, everything else at its defaults.
pub fn engine_config() -> EngineConfig {
    let mut config = EngineConfig::new(vec![Arc::new(falcod_probe::syscall_schema().clone())]);
    if !config
        .builtin_plugins
        .iter()
        .any(|(name, _)| name == CONTAINER_PLUGIN)
    {
        config.builtin_plugins.push((
            CONTAINER_PLUGIN.to_string(),
            falcod_probe::CONTAINER_PLUGIN_COMPAT_VERSION.to_string(),
        ));
    }
    config
}

/// A fresh builder with [`engine_config`].
pub fn builder() -> RulesetBuilder {
    RulesetBuilder::new(engine_config())
}

/// Loads `(name, content)` files in order into one builder, stopping after the first file whose
/// result has errors. Returns the result of every file loaded and the last successfully
/// compiled ruleset.
pub fn load_files(files: &[(&str, &str)]) -> (Vec<FileResult>, Option<Arc<Ruleset>>) {
    let mut b = builder();
    for (name, content) in files {
        if !b.load(name, content.as_bytes()).successful() {
            break;
        }
    }
    (b.results().to_vec(), b.ruleset())
}

/// One line per location of a context, outermost first, in Falco's verbose form:
/// `<item type>[ '<item name>'] (<name>:<line>:<column>)`.
pub fn describe_context(ctx: &Context) -> String {
    ctx.locations
        .iter()
        .map(|l| {
            let name = if l.item_name.is_empty() {
                String::new()
            } else {
                format!(" '{}'", l.item_name)
            };
            format!(
                "{}{} ({}:{}:{})",
                l.item_type.as_str(),
                name,
                l.name,
                l.pos.line,
                l.pos.column
            )
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

/// A readable dump of a file result: every error and warning with code, message and context.
pub fn describe_result(r: &FileResult) -> String {
    let mut out = format!(
        "{}: {} errors, {} warnings\n",
        r.name,
        r.errors.len(),
        r.warnings.len()
    );
    for e in &r.errors {
        out += &format!(
            "  error {}: {}\n    at {}\n",
            e.code.code(),
            e.message,
            describe_context(&e.context)
        );
    }
    for w in &r.warnings {
        out += &format!(
            "  warning {}: {}\n    at {}\n",
            w.code.code(),
            w.message,
            describe_context(&w.context)
        );
    }
    out
}

/// Environment variable naming the upstream rules directory explicitly (for checkouts that do
/// not sit beside `shared/`).
pub const UPSTREAM_RULES_ENV: &str = "FALCOD_UPSTREAM_RULES";

/// The directory holding the upstream Falco rules files (`falco_rules.yaml`, ...): the
/// [`UPSTREAM_RULES_ENV`] directory if set, else `shared/falco-rules` beside the repository
/// checkout. `None` if it is not there.
pub fn upstream_rules_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os(UPSTREAM_RULES_ENV) {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/falco-rules"
        )),
    };
    dir.join("falco_rules.yaml").is_file().then_some(dir)
}

/// [`upstream_rules_dir`] for tests that need the files: `None` after printing why the test is
/// skipped when they are missing, except under `CI=true`, where a missing directory panics.
pub fn upstream_rules_dir_or_skip() -> Option<PathBuf> {
    let dir = upstream_rules_dir();
    if dir.is_none() {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(
            !ci,
            "upstream rules files not found (set {UPSTREAM_RULES_ENV})"
        );
        eprintln!(
            "skipped: upstream Falco rules files not found beside the checkout \
             (shared/falco-rules) nor in {UPSTREAM_RULES_ENV}"
        );
    }
    dir
}

/// The shared `.scap` captures directory (`shared/captures` beside the checkout, or under
/// `$FALCOD_SHARED_DIR`), or `None` after printing why the test is skipped; under `CI=true` a
/// missing directory panics.
pub fn shared_captures_dir_or_skip() -> Option<PathBuf> {
    let base = std::env::var_os("FALCOD_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared")));
    let dir = base.join("captures");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "shared captures missing at {}",
        dir.display()
    );
    println!(
        "skip: no shared captures at {} (set FALCOD_SHARED_DIR)",
        dir.display()
    );
    None
}

/// The upstream rules file names, in the order Falco loads them.
pub const UPSTREAM_RULES_FILES: [&str; 3] = [
    "falco_rules.yaml",
    "falco-incubating_rules.yaml",
    "falco-sandbox_rules.yaml",
];

/// The event types the stable upstream rules select, besides `asyncevent`
/// (falco-compat.md 3.4).
pub const STABLE_EVENT_TYPES: [&str; 19] = [
    "open",
    "openat",
    "openat2",
    "execve",
    "execveat",
    "connect",
    "sendto",
    "sendmsg",
    "socket",
    "dup",
    "dup2",
    "dup3",
    "symlink",
    "symlinkat",
    "link",
    "linkat",
    "init_module",
    "finit_module",
    "ptrace",
];
