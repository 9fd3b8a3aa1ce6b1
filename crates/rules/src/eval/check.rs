//! The leaf operations the DAG calls: one comparison ([`Cmp`]) and one transformer application
//! ([`TransformChain`]).
//!
//! This is the seam between the DAG and the operator semantics: comparisons are
//! [`eval::ops::Cmp`](super::ops::Cmp), transformers
//! [`eval::transform::TransformChain`](super::transform::TransformChain). The reference
//! interpreter uses neither: it keeps its own naive readings of both.

/// The comparison leaf: E2's compiled comparison.
pub(crate) use super::ops::Cmp;

/// Port numbers of service names (E2's table, shared with the compiler's checks).
pub(crate) use super::ops::value_parse::service_port;

/// The transformer leaf: E2's compiled transformer expression.
pub(crate) use super::transform::TransformChain;
