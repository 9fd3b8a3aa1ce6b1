//! Output formats and alerts: `%field` formats rendered against events, and the text and JSON
//! alert shapes Falco writes.

pub(crate) mod tokenize;
