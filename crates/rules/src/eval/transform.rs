//! Field transformers.
