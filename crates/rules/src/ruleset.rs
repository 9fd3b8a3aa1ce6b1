//! The ruleset builder and the compiled ruleset.
