//! The condition parser.
