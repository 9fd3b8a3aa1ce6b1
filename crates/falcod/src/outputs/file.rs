//! `file_output`: alerts appended to a file, one per line. Without `keep_alive` the file is
//! opened for every alert (so it may be moved away at any time, as with Falco); with it, it
//! stays open until SIGUSR1 asks to reopen it.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use super::{Alert, Output};
use crate::config::outputs::FileOutputConfig;

/// The file output.
pub struct FileOutput {
    path: PathBuf,
    keep_alive: bool,
    buffered: bool,
    file: Option<BufWriter<File>>,
}

impl FileOutput {
    /// Checks that the file can be opened for appending, and opens it with `keep_alive`.
    pub fn new(cfg: &FileOutputConfig, buffered: bool) -> Result<FileOutput, String> {
        let mut out = FileOutput {
            path: cfg.filename.clone(),
            keep_alive: cfg.keep_alive,
            buffered,
            file: None,
        };
        let file = out.open()?;
        if out.keep_alive {
            out.file = Some(file);
        }
        Ok(out)
    }

    fn open(&self) -> Result<BufWriter<File>, String> {
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map(BufWriter::new)
            .map_err(|e| format!("file_output: cannot open {}: {e}", self.path.display()))
    }
}

impl Output for FileOutput {
    fn write(&mut self, alert: &Alert) -> Result<(), String> {
        let mut file = match self.file.take() {
            Some(f) => f,
            None => self.open()?,
        };
        let written = file
            .write_all(alert.line.as_bytes())
            .and_then(|()| file.write_all(b"\n"))
            .and_then(|()| {
                if self.buffered && self.keep_alive {
                    Ok(())
                } else {
                    file.flush()
                }
            });
        if self.keep_alive && written.is_ok() {
            self.file = Some(file);
        }
        written.map_err(|e| format!("{}: {e}", self.path.display()))
    }

    fn reopen(&mut self) {
        if let Some(mut f) = self.file.take() {
            let _ = f.flush();
        }
        if self.keep_alive {
            self.file = self.open().ok();
        }
    }

    fn close(&mut self) {
        if let Some(mut f) = self.file.take() {
            let _ = f.flush();
        }
    }
}
