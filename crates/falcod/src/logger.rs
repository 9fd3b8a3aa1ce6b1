//! Falco-style log lines on stderr: `Wed Dec 03 17:46:00 2025: message`.
//!
//! Falco stamps log lines with local time (`%a %b %d %H:%M:%S %Y`). falcod has no time-zone
//! database of its own, so it stamps UTC in the same layout.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Whether `Debug` lines are written (`log_level: debug`).
static DEBUG: AtomicBool = AtomicBool::new(false);

/// Turns debug logging on or off.
pub fn set_debug(on: bool) {
    DEBUG.store(on, Ordering::Relaxed);
}

/// Log severities, most severe first (the subset falcod uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Something the user should look at.
    Warning,
    /// Progress.
    Info,
    /// Details, written only with `log_level: debug`.
    Debug,
}

/// Writes one log line to stderr; a trailing newline is added when missing.
pub fn log(level: Level, msg: &str) {
    if level == Level::Debug && !DEBUG.load(Ordering::Relaxed) {
        return;
    }
    let mut line = format!("{}: {msg}", timestamp(now_secs()));
    if !line.ends_with('\n') {
        line.push('\n');
    }
    // A closed stderr is not worth failing over.
    let _ = std::io::stderr().write_all(line.as_bytes());
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// `%a %b %d %H:%M:%S %Y` for a Unix time, in UTC.
pub fn timestamp(secs: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{} {} {:02} {:02}:{:02}:{:02} {}",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(m - 1) as usize],
        d,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        y
    )
}

/// `%b %e %H:%M:%S` (syslog's timestamp) for a Unix time, in UTC.
pub fn syslog_timestamp(secs: i64) -> String {
    // "Wed Dec 03 17:46:00 2025" -> "Dec  3 17:46:00"
    let full = timestamp(secs);
    let month = &full[4..7];
    let day: u32 = full[8..10].parse().unwrap_or(0);
    format!("{month} {day:>2} {}", &full[11..19])
}

/// Proleptic Gregorian (year, month 1..=12, day 1..=31) of a day count since 1970-01-01
/// (Howard Hinnant's days-to-civil algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::timestamp;

    #[test]
    fn timestamps_match_strftime_layout() {
        let cases = [
            (0, "Thu Jan 01 00:00:00 1970"),
            (951_782_400, "Tue Feb 29 00:00:00 2000"),
            (1_764_783_960, "Wed Dec 03 17:46:00 2025"),
            (-86_400, "Wed Dec 31 00:00:00 1969"),
        ];
        for (secs, want) in cases {
            assert_eq!(timestamp(secs), want, "secs={secs}");
        }
    }
}
