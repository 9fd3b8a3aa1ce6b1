//! Operator semantics over extracted values.
