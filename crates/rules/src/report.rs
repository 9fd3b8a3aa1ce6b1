//! Rendering load results.
