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

/// Sets with at most this many strings are scanned instead of hashed: a few length checks and
/// `memcmp`s beat hashing the value.
const SCAN_MAX: usize = 4;

/// A set of byte strings for `in` tests, with a length filter in front: most event values
/// (paths, command names) have a length no literal has, and are rejected by one bit test
/// before any hashing or comparison.
#[derive(Debug, Clone, Default)]
pub struct StrSet {
    /// Bit `n` set if some string has length `n` (bit 63: length 63 or more).
    lengths: u64,
    /// The strings when there are few short ones, packed in one buffer as a length byte and
    /// the bytes each, so that a scan reads one or two cache lines.
    few: Box<[u8]>,
    /// The strings otherwise.
    many: BytesSet,
}

fn length_bit(len: usize) -> u64 {
    1u64 << len.min(63)
}

impl StrSet {
    /// The set of `items` (duplicates dropped).
    pub fn new<'a>(items: impl IntoIterator<Item = &'a [u8]>) -> StrSet {
        let many: BytesSet = items.into_iter().map(Box::from).collect();
        let lengths = many.iter().fold(0, |bits, s| bits | length_bit(s.len()));
        if many.len() <= SCAN_MAX && many.iter().all(|s| s.len() <= usize::from(u8::MAX)) {
            let mut items: Vec<&[u8]> = many.iter().map(|s| &**s).collect();
            items.sort();
            let mut few = Vec::new();
            for s in items {
                few.push(s.len() as u8);
                few.extend_from_slice(s);
            }
            StrSet {
                lengths,
                few: few.into(),
                many: BytesSet::default(),
            }
        } else {
            StrSet {
                lengths,
                few: Box::default(),
                many,
            }
        }
    }

    /// The length filter: callers may keep it beside their reference to the set and test
    /// [`StrSet::may_contain`] without touching the set's memory.
    pub fn lengths(&self) -> u64 {
        self.lengths
    }

    /// False if no string of the set has `value`'s length (per a [`StrSet::lengths`] filter).
    #[inline]
    pub fn may_contain(lengths: u64, value: &[u8]) -> bool {
        lengths & length_bit(value.len()) != 0
    }

    /// True if `value` is one of the strings.
    #[inline]
    pub fn contains(&self, value: &[u8]) -> bool {
        if !StrSet::may_contain(self.lengths, value) {
            return false;
        }
        if !self.many.is_empty() {
            return self.many.contains(value);
        }
        let mut rest = &self.few[..];
        while let Some((&len, tail)) = rest.split_first() {
            let Some((s, after)) = tail.split_at_checked(usize::from(len)) else {
                return false;
            };
            if s == value {
                return true;
            }
            rest = after;
        }
        false
    }

    /// Heap bytes held (approximate).
    pub fn memory_usage(&self) -> usize {
        bytes_set_memory(&self.many) + self.few.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_sets_find_exactly_their_members() {
        let words: Vec<String> = (0..40)
            .map(|i| "x".repeat(i % 7) + &i.to_string())
            .chain(["".to_string(), "y".repeat(80), "z".repeat(300)])
            .collect();
        for n in [0, 1, 2, 4, 5, 42, 43] {
            let members: Vec<&String> = if n == 43 {
                words.iter().rev().take(3).collect()
            } else {
                words.iter().take(n).collect()
            };
            let set = StrSet::new(members.iter().map(|w| w.as_bytes()));
            for w in &words {
                assert_eq!(
                    set.contains(w.as_bytes()),
                    members.contains(&w),
                    "{n} {w:?}"
                );
            }
            assert!(!set.contains(&b"y".repeat(79)));
            assert!(!set.contains(b"x0 "));
        }
    }
}
