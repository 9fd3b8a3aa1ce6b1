//! The output channels' configuration: `stdout_output`, `syslog_output`, `file_output`,
//! `program_output`, `http_output`, `buffered_outputs`, `output_timeout`, `outputs_queue`.

use std::path::PathBuf;
use std::time::Duration;

use super::value::{ConfigError, Reader};

/// Each output's queue holds at most this many alerts when `outputs_queue.capacity` is 0.
/// Falco reads 0 as unbounded; falcod bounds every queue so that a dead endpoint costs a known
/// amount of memory (alerts beyond it are dropped, counted and logged).
pub const DEFAULT_QUEUE_CAPACITY: usize = 10_000;

/// `file_output` (enabled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileOutputConfig {
    /// `filename` (default `./events.txt`).
    pub filename: PathBuf,
    /// `keep_alive`: keep the file open instead of opening it for every alert.
    pub keep_alive: bool,
}

/// `program_output` (enabled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramOutputConfig {
    /// `program`: a shell command line; alerts are written to its standard input.
    pub program: String,
    /// `keep_alive`: one long-running program instead of one per alert.
    pub keep_alive: bool,
}

/// `http_output` (enabled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpOutputConfig {
    /// `url` (`http://host[:port][/path]`).
    pub url: String,
    /// `user_agent` (default `falcosecurity/falco`).
    pub user_agent: String,
    /// `keep_alive`: reuse the connection.
    pub keep_alive: bool,
}

/// The output channels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputsConfig {
    /// `buffered_outputs` (`-U` forces false): flush only when a buffer fills.
    pub buffered: bool,
    /// `output_timeout` (ms, default 2000): how long one delivery may take.
    pub timeout: Duration,
    /// Per-output queue capacity (`outputs_queue.capacity`, 0 = [`DEFAULT_QUEUE_CAPACITY`]).
    pub queue_capacity: usize,
    /// `stdout_output.enabled` (default true).
    pub stdout: bool,
    /// `syslog_output.enabled` (default true).
    pub syslog: bool,
    /// `file_output`.
    pub file: Option<FileOutputConfig>,
    /// `program_output`.
    pub program: Option<ProgramOutputConfig>,
    /// `http_output`.
    pub http: Option<HttpOutputConfig>,
}

impl OutputsConfig {
    /// Reads the output keys.
    pub fn read(r: &Reader<'_>) -> Result<OutputsConfig, ConfigError> {
        let capacity = r.u64("outputs_queue.capacity", 0)?;
        let file = if r.bool("file_output.enabled", false)? {
            Some(FileOutputConfig {
                filename: PathBuf::from(r.string("file_output.filename", "./events.txt")?),
                keep_alive: r.bool("file_output.keep_alive", false)?,
            })
        } else {
            None
        };
        let program = if r.bool("program_output.enabled", false)? {
            let program = r.string("program_output.program", "")?;
            if program.trim().is_empty() {
                return Err(ConfigError::new(
                    "program_output.program",
                    "must not be empty",
                ));
            }
            Some(ProgramOutputConfig {
                program,
                keep_alive: r.bool("program_output.keep_alive", false)?,
            })
        } else {
            None
        };
        let http = if r.bool("http_output.enabled", false)? {
            let url = r.string("http_output.url", "")?;
            if let Err(why) = crate::outputs::http::Url::parse(&url) {
                return Err(ConfigError::new("http_output.url", why));
            }
            for key in ["mtls", "compress_uploads", "echo"] {
                if r.bool(&format!("http_output.{key}"), false)? {
                    return Err(ConfigError::new(
                        &format!("http_output.{key}"),
                        "is true, but falcod's http_output does not support it yet",
                    ));
                }
            }
            Some(HttpOutputConfig {
                url,
                user_agent: r.string("http_output.user_agent", "falcosecurity/falco")?,
                keep_alive: r.bool("http_output.keep_alive", false)?,
            })
        } else {
            None
        };
        Ok(OutputsConfig {
            buffered: r.bool("buffered_outputs", false)?,
            timeout: Duration::from_millis(r.u64("output_timeout", 2000)?.max(1)),
            queue_capacity: if capacity == 0 {
                DEFAULT_QUEUE_CAPACITY
            } else {
                usize::try_from(capacity).unwrap_or(usize::MAX)
            },
            stdout: r.bool("stdout_output.enabled", true)?,
            syslog: r.bool("syslog_output.enabled", true)?,
            file,
            program,
            http,
        })
    }
}
