//! Restrictions on the keys a field's argument may name.

use super::FieldType;

/// The keys a field's argument may name, each with the type the field takes with it: libsinsp's
/// event parameters behind `evt.arg.NAME` and `evt.rawarg.NAME`.
///
/// A key (a dotted argument, or a bracketed one that is not an index) is looked up the way
/// libsinsp's `find_longest_matching_evt_param` does: the longest accepted key the argument
/// starts with. If none, the reference is rejected with the table's message followed by the
/// argument (`unknown event argument nosuch`); if the match is shorter than the argument
/// (`evt.arg.fdx` matches `fd`), the reference as a whole names no field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgKeys {
    /// Accepted keys and their types, sorted by key.
    pub(super) keys: Vec<(String, FieldType)>,
    /// Message prefix for an argument that starts with no key.
    pub(super) unknown_message: String,
    /// The key's type replaces the field's type (`evt.rawarg`).
    pub(super) typed: bool,
    /// Message for the bracketed spelling of a field that only takes keys dotted.
    pub(super) bracketed_message: Option<String>,
}

impl ArgKeys {
    /// Keys with their types; an argument starting with none is rejected with
    /// `"{unknown_message} {argument}"`.
    pub fn new<K: Into<String>>(
        unknown_message: impl Into<String>,
        keys: impl IntoIterator<Item = (K, FieldType)>,
    ) -> ArgKeys {
        let mut keys: Vec<(String, FieldType)> =
            keys.into_iter().map(|(k, t)| (k.into(), t)).collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        keys.dedup_by(|a, b| a.0 == b.0);
        ArgKeys {
            keys,
            unknown_message: unknown_message.into(),
            typed: false,
            bracketed_message: None,
        }
    }

    /// The field takes the type of the key it names instead of its own.
    pub fn typed(mut self) -> ArgKeys {
        self.typed = true;
        self
    }

    /// The message for the bracketed spelling when the field takes its argument only dotted
    /// ([`FieldFlags::ARG_DOTTED_ONLY`]), instead of the generic `filter syntax error`.
    pub fn bracketed_message(mut self, message: impl Into<String>) -> ArgKeys {
        self.bracketed_message = Some(message.into());
        self
    }

    /// The longest accepted key `arg` starts with, and its type.
    pub fn longest_match(&self, arg: &str) -> Option<(&str, FieldType)> {
        self.keys
            .iter()
            .filter(|(k, _)| arg.starts_with(k.as_str()))
            .max_by_key(|(k, _)| k.len())
            .map(|(k, t)| (k.as_str(), *t))
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True if no key is accepted.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}
