//! `program_output`: alerts written to the standard input of a program, one per line. The
//! program line is run by `sh -c` (it is the administrator's command, e.g. `jq ... | curl ...`);
//! alerts never become arguments of a shell, they only ever travel through the pipe.
//!
//! Without `keep_alive` a program is started for every alert, given the alert and its stdin
//! closed; with it, one program gets every alert and is restarted if it exits.

use std::io::Write;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use super::{Alert, Output};
use crate::config::outputs::ProgramOutputConfig;

/// The program output.
pub struct Program {
    program: String,
    keep_alive: bool,
    timeout: Duration,
    running: Option<(Child, ChildStdin)>,
}

impl Program {
    /// A program output; nothing is started before the first alert.
    pub fn new(cfg: &ProgramOutputConfig, timeout: Duration) -> Program {
        Program {
            program: cfg.program.clone(),
            keep_alive: cfg.keep_alive,
            timeout,
            running: None,
        }
    }

    fn spawn(&self) -> Result<(Child, ChildStdin), String> {
        let mut child = Command::new("/bin/sh")
            .arg("-c")
            .arg(&self.program)
            .stdin(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start '{}': {e}", self.program))?;
        let stdin = child
            .stdin
            .take()
            .ok_or_else(|| "the program's stdin is not a pipe".to_string())?;
        Ok((child, stdin))
    }

    /// Waits up to the output timeout for a program to exit; a slower one is reaped by a
    /// thread of its own so the worker can go on.
    fn finish(&self, mut child: Child) -> Result<(), String> {
        let until = Instant::now() + self.timeout;
        loop {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => return Err(format!("'{}' exited with {status}", self.program)),
                Ok(None) if Instant::now() < until => std::thread::sleep(Duration::from_millis(5)),
                Ok(None) => {
                    std::thread::spawn(move || child.wait());
                    return Ok(());
                }
                Err(e) => return Err(e.to_string()),
            }
        }
    }
}

fn line(alert: &Alert) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(alert.line.len() + 1);
    bytes.extend_from_slice(alert.line.as_bytes());
    bytes.push(b'\n');
    bytes
}

impl Output for Program {
    fn write(&mut self, alert: &Alert) -> Result<(), String> {
        let bytes = line(alert);
        if !self.keep_alive {
            let (child, mut stdin) = self.spawn()?;
            let written = stdin.write_all(&bytes).map_err(|e| e.to_string());
            drop(stdin);
            let finished = self.finish(child);
            return written.and(finished);
        }
        // One retry: a long-running program that exited is restarted for this alert.
        for attempt in 0..2 {
            let (mut child, mut stdin) = match self.running.take() {
                Some(r) => r,
                None => self.spawn()?,
            };
            match stdin.write_all(&bytes).and_then(|()| stdin.flush()) {
                Ok(()) => {
                    self.running = Some((child, stdin));
                    return Ok(());
                }
                Err(e) => {
                    drop(stdin);
                    let _ = child.wait();
                    if attempt == 1 {
                        return Err(format!("'{}': {e}", self.program));
                    }
                }
            }
        }
        Ok(())
    }

    fn close(&mut self) {
        if let Some((child, stdin)) = self.running.take() {
            drop(stdin);
            let _ = self.finish(child);
        }
    }
}
