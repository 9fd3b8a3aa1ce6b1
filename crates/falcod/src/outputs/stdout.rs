//! `stdout_output`: one alert per line on standard output.

use std::io::{BufWriter, Write};

use super::{Alert, Output};

/// Standard output, buffered; flushed after every alert unless `buffered_outputs`.
pub struct Stdout {
    out: BufWriter<std::io::Stdout>,
    buffered: bool,
}

impl Stdout {
    /// Standard output.
    pub fn new(buffered: bool) -> Stdout {
        Stdout {
            out: BufWriter::with_capacity(64 * 1024, std::io::stdout()),
            buffered,
        }
    }
}

impl Output for Stdout {
    fn write(&mut self, alert: &Alert) -> Result<(), String> {
        self.out
            .write_all(alert.line.as_bytes())
            .and_then(|()| self.out.write_all(b"\n"))
            .map_err(|e| e.to_string())?;
        if !self.buffered {
            self.out.flush().map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    fn close(&mut self) {
        let _ = self.out.flush();
    }
}
