//! Describing rules, macros and lists (`falcod -L` / `-l`), in Falco's text and JSON layouts.
