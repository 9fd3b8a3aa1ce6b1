//! From collected items to compiled rules.
//!
//! The order is Falco's: lists (items expanded), then macros (each parsed on its own after list
//! substitution), then rules (exceptions rewritten into the condition text, lists substituted,
//! parsed, macros expanded on the tree, fields resolved and type-checked, event types extracted,
//! output checked).

pub mod check;
pub mod evttypes;
pub mod exceptions;
pub mod lists;
pub mod macros;
pub mod output;
