//! Typed reads of configuration values, with Falco's leniency: YAML 1.1 booleans (`yes`, `on`)
//! and numbers written as strings are accepted, as yaml-cpp accepts them.

use std::time::Duration;

use serde_json::Value;

use crate::settings::Settings;

/// A configuration value of the wrong type or out of range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Error reading config: key '{key}' {why}")]
pub struct ConfigError {
    /// The dot path of the key.
    pub key: String,
    /// What is wrong with it.
    pub why: String,
}

impl ConfigError {
    /// An error about `key`.
    pub fn new(key: &str, why: impl Into<String>) -> ConfigError {
        ConfigError {
            key: key.to_string(),
            why: why.into(),
        }
    }
}

/// Typed getters over a [`Settings`] tree; a missing or `null` value yields the default.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a>(pub &'a Settings);

impl<'a> Reader<'a> {
    /// The value at `path`, if set and not null.
    pub fn get(&self, path: &str) -> Option<&'a Value> {
        self.0.get_path(path).filter(|v| !v.is_null())
    }

    /// A boolean.
    pub fn bool(&self, path: &str, default: bool) -> Result<bool, ConfigError> {
        match self.get(path) {
            None => Ok(default),
            Some(v) => as_bool(v)
                .ok_or_else(|| ConfigError::new(path, format!("must be a boolean, not {v}"))),
        }
    }

    /// A non-negative integer.
    pub fn u64(&self, path: &str, default: u64) -> Result<u64, ConfigError> {
        match self.get(path) {
            None => Ok(default),
            Some(Value::Number(n)) if n.as_u64().is_some() => Ok(n.as_u64().unwrap_or_default()),
            Some(Value::String(s)) if s.trim().parse::<u64>().is_ok() => {
                Ok(s.trim().parse().unwrap_or_default())
            }
            Some(v) => Err(ConfigError::new(
                path,
                format!("must be a non-negative integer, not {v}"),
            )),
        }
    }

    /// A number.
    pub fn f64(&self, path: &str, default: f64) -> Result<f64, ConfigError> {
        match self.get(path) {
            None => Ok(default),
            Some(Value::Number(n)) => n
                .as_f64()
                .ok_or_else(|| ConfigError::new(path, "must be a number")),
            Some(Value::String(s)) => s
                .trim()
                .parse()
                .map_err(|_| ConfigError::new(path, format!("must be a number, not \"{s}\""))),
            Some(v) => Err(ConfigError::new(path, format!("must be a number, not {v}"))),
        }
    }

    /// A string (numbers and booleans are taken as their text, as yaml-cpp reads scalars).
    pub fn string(&self, path: &str, default: &str) -> Result<String, ConfigError> {
        match self.get(path) {
            None => Ok(default.to_string()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(v @ (Value::Number(_) | Value::Bool(_))) => Ok(v.to_string()),
            Some(v) => Err(ConfigError::new(path, format!("must be a string, not {v}"))),
        }
    }

    /// A list of strings (a single string is a one-item list).
    pub fn strings(&self, path: &str) -> Result<Vec<String>, ConfigError> {
        match self.get(path) {
            None => Ok(Vec::new()),
            Some(Value::String(s)) => Ok(vec![s.clone()]),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(ConfigError::new(
                        path,
                        format!("has a non-string item {other}"),
                    )),
                })
                .collect(),
            Some(v) => Err(ConfigError::new(
                path,
                format!("must be a list of strings, not {v}"),
            )),
        }
    }
}

/// A YAML boolean as yaml-cpp reads one.
pub fn as_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "y" => Some(true),
            "false" | "no" | "off" | "n" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Parses a metrics interval as Falco does: a Prometheus-style duration (`1h`, `15m`, `30s`,
/// `100ms`, combined as `1m30s`; units `y w d h m s ms`) or a bare number of milliseconds.
pub fn parse_interval(text: &str) -> Option<Duration> {
    let text = text.trim();
    if let Ok(ms) = text.parse::<u64>() {
        return Some(Duration::from_millis(ms));
    }
    let mut total_ms: u64 = 0;
    let mut rest = text;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let n: u64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let unit_ms: u64 = match &rest[..unit_len] {
            "ms" => 1,
            "s" => 1_000,
            "m" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            "w" => 7 * 86_400_000,
            "y" => 365 * 86_400_000,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total_ms = total_ms.checked_add(n.checked_mul(unit_ms)?)?;
    }
    Some(Duration::from_millis(total_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_parse_as_falco_reads_them() {
        let cases = [
            ("5000", Some(5_000)),
            ("1h", Some(3_600_000)),
            ("1m30s", Some(90_000)),
            ("100ms", Some(100)),
            ("2d", Some(172_800_000)),
            ("", None),
            ("5x", None),
            ("h", None),
        ];
        for (text, want) in cases {
            assert_eq!(
                parse_interval(text).map(|d| d.as_millis() as u64),
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn readers_accept_yaml_spellings_and_reject_wrong_types() {
        let mut s = Settings::default();
        for o in ["a.flag=yes", "a.num='42'", "a.list=[x, y]", "a.bad=[1]"] {
            s.apply_option(o).unwrap();
        }
        let r = Reader(&s);
        assert!(r.bool("a.flag", false).unwrap());
        assert_eq!(r.u64("a.num", 0).unwrap(), 42);
        assert_eq!(r.strings("a.list").unwrap(), ["x", "y"]);
        assert_eq!(r.u64("a.missing", 7).unwrap(), 7);
        let err = r.bool("a.list", false).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Error reading config: key 'a.list' must be a boolean, not [\"x\",\"y\"]"
        );
        assert!(r.strings("a.bad").is_err());
    }
}
