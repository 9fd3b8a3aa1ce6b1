//! falcod's kernel programs. The programs themselves are the `falcod-probe-ebpf` binary target
//! (`src/main.rs`), built for `bpfel-unknown-none` by falcod-probe's build script; this library
//! only exists so that the build script can depend on the crate and be rebuilt when it changes.
#![no_std]

/// The ABI shared with the loader.
pub use falcod_probe_abi as abi;
