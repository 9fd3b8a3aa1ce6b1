//! Hash maps for the name lookups the compiler makes many times per load.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast hasher for the short name keys the engine looks up many times per load (field,
/// event type and list names). The names come from the source's schema and from rules files,
/// which are the operator's own configuration, so flooding resistance is not needed.
/// Multiply-rotate over 8-byte words, as in rustc's FxHash.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NameHasher(u64);

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by names, hashed with [`NameHasher`].
pub(crate) type NameMap<V> = HashMap<String, V, BuildHasherDefault<NameHasher>>;

/// A map keyed by borrowed names, hashed with [`NameHasher`].
pub(crate) type NameRefMap<'a, V> = HashMap<&'a str, V, BuildHasherDefault<NameHasher>>;
