//! falcod's parsers of configuration input, as a library: falco.yaml documents and `-o
//! key=value` options into the merged settings tree ([`settings`]), and that tree into the
//! daemon's typed configuration ([`config`]). The `falcod` binary uses them through this
//! library, and the fuzz targets (`fuzz/`) and tests reach the same code.
#![forbid(unsafe_code)]

pub mod config;
pub mod settings;
