//! Merging item definitions across files.
