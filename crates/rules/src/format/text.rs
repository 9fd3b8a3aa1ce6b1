//! Values as text, the way libsinsp's filter checks print them (`rawval_to_string`), and the
//! time renderings of Falco's alert prefixes.
//!
//! Everything here appends to a `String` without allocating beyond its growth.

use std::fmt::Write as _;
use std::net::{IpAddr, Ipv6Addr};

use crate::event::Value;
use crate::fields::FieldType;

/// libsinsp's placeholder for a value the event does not have.
pub const NOT_AVAILABLE: &str = "<NA>";

/// libsinsp's per-field string storage is 1024 bytes: list renderings are cut to 1023 bytes.
pub(crate) const STORAGE_SIZE: usize = 1024;

/// How a numeric field is printed (libsinsp's `ppm_print_format`). The schema does not carry
/// print formats, and only a handful of libsinsp fields use anything but decimal, so they are
/// listed here by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PrintFormat {
    /// Plain decimal.
    Dec,
    /// Zero-padded to 9 digits (`%09`): the nanosecond parts of times.
    PaddedDec,
    /// Upper-case hexadecimal (`%X`).
    Hex,
}

impl PrintFormat {
    /// The print format of a field by name (libsinsp's field tables).
    pub(crate) fn of(name: &str) -> PrintFormat {
        match name {
            "evt.latency.ns" | "evt.deltatime.ns" | "evt.rawtime.ns" | "evt.reltime"
            | "evt.reltime.ns" => PrintFormat::PaddedDec,
            "fd.dev" => PrintFormat::Hex,
            _ => PrintFormat::Dec,
        }
    }
}

/// Appends bytes as text: valid UTF-8 as is, each invalid sequence as U+FFFD.
pub(crate) fn push_lossy(out: &mut String, bytes: &[u8]) {
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push(char::REPLACEMENT_CHARACTER);
        }
    }
}

/// A C string ends at its first NUL: libsinsp hands string values around as `char*`.
pub(crate) fn c_str(bytes: &[u8]) -> &[u8] {
    match bytes.iter().position(|b| *b == 0) {
        Some(n) => &bytes[..n],
        None => bytes,
    }
}

/// Appends a byte buffer as libsinsp prints it by default: printable ASCII as is, anything else
/// as `.`, cut as its 1023-byte buffer cuts it (1022 bytes fit; longer buffers keep 1021).
pub(crate) fn push_bytebuf(out: &mut String, bytes: &[u8]) {
    let keep = if bytes.len() <= STORAGE_SIZE - 2 {
        bytes.len()
    } else {
        STORAGE_SIZE - 3
    };
    out.extend(bytes[..keep].iter().map(|&b| {
        if (0x20..0x7f).contains(&b) {
            b as char
        } else {
            '.'
        }
    }));
}

/// Appends an IPv6 address as glibc's `inet_ntop` prints it (RFC 5952, plus the embedded IPv4
/// forms `::ffff:a.b.c.d` and `::a.b.c.d`).
pub(crate) fn push_ipv6(out: &mut String, a: &Ipv6Addr) {
    let s = a.segments();
    let o = a.octets();
    let v4 = |out: &mut String, prefix: &str| {
        let _ = write!(out, "{prefix}{}.{}.{}.{}", o[12], o[13], o[14], o[15]);
    };
    if s[..5] == [0; 5] && s[5] == 0xffff {
        v4(out, "::ffff:");
    } else if s[..6] == [0; 6] && s[6] != 0 {
        v4(out, "::");
    } else {
        let _ = write!(out, "{a}");
    }
}

/// Appends a double as `%.1f` prints it.
pub(crate) fn push_double(out: &mut String, v: f64) {
    if v.is_nan() {
        out.push_str(if v.is_sign_negative() { "-nan" } else { "nan" });
    } else if v.is_infinite() {
        out.push_str(if v < 0.0 { "-inf" } else { "inf" });
    } else {
        let _ = write!(out, "{v:.1}");
    }
}

/// Appends one value as libsinsp prints a value of type `ty` with print format `pf`.
pub(crate) fn push_value(out: &mut String, v: Value<'_>, ty: FieldType, pf: PrintFormat) {
    match v {
        Value::Str(s) => push_lossy(out, c_str(s)),
        Value::Bytes(b) => push_bytebuf(out, b),
        Value::Uint(n) => match pf {
            PrintFormat::Dec => {
                let _ = write!(out, "{n}");
            }
            PrintFormat::PaddedDec => {
                let _ = write!(out, "{n:09}");
            }
            PrintFormat::Hex => {
                let _ = write!(out, "{:X}", n & type_mask(ty));
            }
        },
        Value::Int(n) => match pf {
            PrintFormat::Dec => {
                let _ = write!(out, "{n}");
            }
            PrintFormat::PaddedDec => {
                let _ = write!(out, "{n:09}");
            }
            // printf's %X prints the value's bits as unsigned, at the type's width.
            PrintFormat::Hex => {
                let _ = write!(out, "{:X}", (n as u64) & type_mask(ty));
            }
        },
        Value::Double(d) => push_double(out, d),
        Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Value::Ip(IpAddr::V4(a)) => {
            let _ = write!(out, "{a}");
        }
        Value::Ip(IpAddr::V6(a)) => push_ipv6(out, &a),
        // libsinsp prints every network value as this placeholder.
        Value::Net(..) => out.push_str("<IPNET>"),
    }
}

/// The bits of a value of an integer type.
fn type_mask(ty: FieldType) -> u64 {
    match ty {
        FieldType::Int8 | FieldType::Uint8 | FieldType::Flags8 | FieldType::L4Proto => 0xff,
        FieldType::Int16 | FieldType::Uint16 | FieldType::Flags16 | FieldType::Port => 0xffff,
        FieldType::Int32
        | FieldType::Uint32
        | FieldType::Flags32
        | FieldType::Uid
        | FieldType::Gid
        | FieldType::Mode => 0xffff_ffff,
        _ => u64::MAX,
    }
}

const NS_PER_SEC: u64 = 1_000_000_000;
const SECS_PER_DAY: i64 = 86_400;

/// The proleptic Gregorian date `(year, month 1-12, day 1-31)` of a day count since 1970-01-01.
///
/// Days are grouped into 400-year eras of 146097 days starting on March 1st, so that the leap
/// day falls at the end of each era-relative year and months can be computed arithmetically.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Shift the epoch to 0000-03-01.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    // Months counted from March (0) to February (11).
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Appends `HH:MM:SS.nnnnnnnnn`, the time of day of `ts_ns` shifted by `utc_offset_secs`
/// (libsinsp `ts_to_string` without date: Falco's `evt.time`).
pub fn push_time_of_day(out: &mut String, ts_ns: u64, utc_offset_secs: i32) {
    let secs = (ts_ns / NS_PER_SEC) as i64 + i64::from(utc_offset_secs);
    let s = secs.rem_euclid(SECS_PER_DAY);
    let _ = write!(
        out,
        "{:02}:{:02}:{:02}.{:09}",
        s / 3600,
        (s % 3600) / 60,
        s % 60,
        ts_ns % NS_PER_SEC
    );
}

/// Appends `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn` in UTC followed by `suffix` (`+0000` for
/// `evt.time.iso8601`, `Z` for the JSON `time` key).
pub fn push_iso8601(out: &mut String, ts_ns: u64, suffix: &str) {
    let secs = (ts_ns / NS_PER_SEC) as i64;
    let (y, m, d) = civil_from_days(secs.div_euclid(SECS_PER_DAY));
    let s = secs.rem_euclid(SECS_PER_DAY);
    let _ = write!(
        out,
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:09}{suffix}",
        s / 3600,
        (s % 3600) / 60,
        s % 60,
        ts_ns % NS_PER_SEC
    );
}

/// The UTC offset, in seconds, a POSIX `TZ` value without daylight-saving rules stands for:
/// `UTC`, `UTC0`, `GMT`, `EST5`, `<+0330>-3:30`, ... (POSIX offsets count west of Greenwich, so
/// `EST5` is -5 hours). Anything else (unset, empty, `:Europe/Paris`, rules with DST) gives 0:
/// falcod does not read the system time-zone database, so such zones print UTC.
pub fn utc_offset_from_tz(tz: Option<&str>) -> i32 {
    let Some(tz) = tz.map(str::trim) else {
        return 0;
    };
    // The zone name: alphabetic, or anything in angle brackets.
    let rest = if let Some(r) = tz.strip_prefix('<') {
        match r.find('>') {
            Some(n) => &r[n + 1..],
            None => return 0,
        }
    } else {
        let n = tz
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(tz.len());
        if n < 3 {
            return 0;
        }
        &tz[n..]
    };
    if rest.is_empty() {
        return 0;
    }
    let (sign, digits) = match rest.as_bytes().first() {
        Some(b'-') => (1, &rest[1..]),
        Some(b'+') => (-1, &rest[1..]),
        _ => (-1, rest),
    };
    let mut parts = digits.split(':');
    let mut total: i32 = 0;
    for unit in [3600, 60, 1] {
        let Some(p) = parts.next() else { break };
        if p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return 0;
        }
        total += p.parse::<i32>().unwrap_or(0) * unit;
    }
    if parts.next().is_some() || total > 24 * 3600 {
        return 0;
    }
    sign * total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_match_known_days() {
        let cases = [
            (0, (1970, 1, 1)),
            (-1, (1969, 12, 31)),
            (59, (1970, 3, 1)),
            (11_016, (2000, 2, 29)),
            (11_017, (2000, 3, 1)),
            (17_017, (2016, 8, 4)),
            (19_782, (2024, 2, 29)),
            (-719_468, (0, 3, 1)),
        ];
        for (days, want) in cases {
            assert_eq!(civil_from_days(days), want, "day {days}");
        }
    }

    #[test]
    fn civil_dates_are_consecutive() {
        // Walk 800 years day by day: each date follows the previous one.
        let mut prev = civil_from_days(-200 * 366);
        for days in (-200 * 366 + 1)..(600 * 366) {
            let cur = civil_from_days(days);
            let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let month_len = match prev.1 {
                2 if leap(prev.0) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            let want = if prev.2 < month_len {
                (prev.0, prev.1, prev.2 + 1)
            } else if prev.1 < 12 {
                (prev.0, prev.1 + 1, 1)
            } else {
                (prev.0 + 1, 1, 1)
            };
            assert_eq!(cur, want, "day {days}");
            prev = cur;
        }
    }

    #[test]
    fn tz_offsets() {
        let cases = [
            (None, 0),
            (Some("UTC"), 0),
            (Some("UTC0"), 0),
            (Some("EST5"), -5 * 3600),
            (Some("CET-1"), 3600),
            (Some("<+0330>-3:30"), 3 * 3600 + 1800),
            (Some("IST-5:30"), 5 * 3600 + 1800),
            (Some(":Europe/Paris"), 0),
            (Some("EST5EDT,M3.2.0,M11.1.0"), 0),
            (Some(""), 0),
        ];
        for (tz, want) in cases {
            assert_eq!(utc_offset_from_tz(tz), want, "{tz:?}");
        }
    }

    #[test]
    fn ipv6_like_inet_ntop() {
        let cases = [
            ("::1", "::1"),
            ("::", "::"),
            ("2001:db8::ff00:42:8329", "2001:db8::ff00:42:8329"),
            ("::ffff:10.0.0.1", "::ffff:10.0.0.1"),
            ("::1.2.3.4", "::1.2.3.4"),
            ("fe80::1:0:0:1", "fe80::1:0:0:1"),
        ];
        for (input, want) in cases {
            let mut s = String::new();
            push_ipv6(&mut s, &input.parse().expect("address"));
            assert_eq!(s, want);
        }
    }
}
