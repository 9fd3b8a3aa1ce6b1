//! Hash sets for `in` / `intersects` / `= anyof`, with a small fast hasher.
//!
//! `FxHash` (multiply-rotate, what `rustc-hash` uses) is not collision-resistant, but the sets
//! hold only the rules' literals: an event value can at worst land in a bucket with a few of
//! them, so a fixed fast hash is the right trade and keeps lookups allocation-free.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// The `FxHash` mixing function (multiply-rotate over 8-byte words).
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds [`FxHasher`]s.
pub type FxBuildHasher = BuildHasherDefault<FxHasher>;

/// A set of byte strings, looked up by `&[u8]` without allocating.
pub type BytesSet = HashSet<Box<[u8]>, FxBuildHasher>;

/// Byte strings grouped by length, for "does the value end with one of them" in one hash lookup
/// per distinct length.
#[derive(Debug, Clone, Default)]
pub struct SuffixSets {
    by_len: Vec<(usize, BytesSet)>,
}

impl SuffixSets {
    /// Groups `items` by length.
    pub fn new<'a>(items: impl IntoIterator<Item = &'a [u8]>) -> SuffixSets {
        let mut by_len: Vec<(usize, BytesSet)> = Vec::new();
        for it in items {
            match by_len.iter_mut().find(|(l, _)| *l == it.len()) {
                Some((_, s)) => {
                    s.insert(it.into());
                }
                None => {
                    let mut s = BytesSet::default();
                    s.insert(it.into());
                    by_len.push((it.len(), s));
                }
            }
        }
        by_len.sort_by_key(|(l, _)| *l);
        SuffixSets { by_len }
    }

    /// True if `value` ends with one of the strings.
    pub fn any_suffix(&self, value: &[u8]) -> bool {
        self.by_len
            .iter()
            .take_while(|(l, _)| *l <= value.len())
            .any(|(l, s)| s.contains(&value[value.len() - l..]))
    }

    /// Heap bytes held (approximate).
    pub fn memory_usage(&self) -> usize {
        self.by_len.iter().map(|(_, s)| bytes_set_memory(s)).sum()
    }
}

/// Approximate heap bytes of a [`BytesSet`].
pub fn bytes_set_memory(s: &BytesSet) -> usize {
    s.capacity() * (std::mem::size_of::<Box<[u8]>>() + 1) + s.iter().map(|k| k.len()).sum::<usize>()
}
