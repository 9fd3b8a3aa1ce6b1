//! Field resolution and operator/type checks.
