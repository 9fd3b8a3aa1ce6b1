//! Output format validation.
