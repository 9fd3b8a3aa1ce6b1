//! The syscall event source.
#![deny(missing_docs)]
