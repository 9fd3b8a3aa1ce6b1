//! `syslog_output`: alerts to the local syslog daemon, one datagram each on `/dev/log`, in the
//! form glibc's `syslog(3)` sends: `<PRI>Mmm dd hh:mm:ss falcod: message` with facility `user`
//! and the alert's priority as severity (Falco's priorities are syslog's severities).

use std::os::unix::net::UnixDatagram;

use super::{Alert, Output};
use crate::logger::syslog_timestamp;
use crate::metrics::now_ns;

/// Where the local syslog daemon listens.
pub const SOCKET: &str = "/dev/log";

/// `user` facility (1) shifted into the PRI value.
const FACILITY_USER: u8 = 1 << 3;

/// The syslog output.
pub struct Syslog {
    socket: UnixDatagram,
}

impl Syslog {
    /// Connects to `/dev/log`.
    pub fn connect() -> Result<Syslog, String> {
        let socket = UnixDatagram::unbound().map_err(|e| e.to_string())?;
        socket
            .connect(SOCKET)
            .map_err(|e| format!("cannot connect to {SOCKET}: {e}"))?;
        Ok(Syslog { socket })
    }
}

/// The datagram for one message.
pub fn datagram(priority: u8, time_ns: u64, msg: &str) -> String {
    format!(
        "<{}>{} falcod: {}",
        FACILITY_USER | (priority & 7),
        syslog_timestamp((time_ns / 1_000_000_000) as i64),
        msg.trim_end_matches('\n')
    )
}

impl Output for Syslog {
    fn write(&mut self, alert: &Alert) -> Result<(), String> {
        let msg = datagram(alert.priority as u8, now_ns(), &alert.line);
        self.socket
            .send(msg.as_bytes())
            .map(|_| ())
            .map_err(|e| format!("{SOCKET}: {e}"))
    }

    fn reopen(&mut self) {
        if let Ok(s) = Syslog::connect() {
            *self = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datagrams_carry_user_facility_and_severity() {
        // Warning = 4: PRI 8 + 4.
        assert_eq!(
            datagram(4, 1_764_783_960_000_000_000, "x: y\n"),
            "<12>Dec  3 17:46:00 falcod: x: y"
        );
    }
}
