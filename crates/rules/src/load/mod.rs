//! Reading rules files: YAML with positions → items → the collector that merges them.
//!
//! * [`yaml`]: YAML documents parsed into a small node tree that keeps every node's position.
//! * [`reader`]: items (`rule`, `macro`, `list`, `required_engine_version`, ...) decoded from
//!   nodes with Falco's validation messages.
//! * [`collector`]: definitions merged across files: redefinition keeps the first position,
//!   `append` and `override` apply Falco's key sets.
//! * [`info`]: the merged items handed to the compiler.

pub mod collector;
pub mod info;
pub mod reader;
pub mod yaml;
