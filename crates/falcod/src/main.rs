//! falcod: the daemon and CLI.
fn main() {}
