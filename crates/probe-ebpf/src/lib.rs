//! falcod's kernel programs. Built for `bpfel-unknown-none` only; excluded from the workspace so
//! host builds never try to compile it. The programs arrive with the live-capture milestone.
#![no_std]
