//! A fast hasher for the state's integer-keyed tables (thread ids, process ids, fd numbers,
//! user and group ids).
//!
//! The standard library's SipHash resists hash flooding, which costs about as much per lookup
//! as the rest of an event's state update. The keys here come from a capture or the kernel and
//! index tables whose size is bounded ([`MAX_THREADS`](super::MAX_THREADS),
//! [`MAX_FDS_PER_PROCESS`](super::MAX_FDS_PER_PROCESS)), so a multiplicative hash is enough.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A map keyed by integers, hashed with [`IdHasher`].
pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Multiply-and-rotate hashing of integer keys (Fibonacci hashing, mixed so that the high bits
/// the table uses depend on every bit of the key).
#[derive(Debug, Default, Clone, Copy)]
pub struct IdHasher {
    hash: u64,
}

/// 2^64 divided by the golden ratio, odd.
const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        // hashbrown takes its control bits from the top 7 bits and its bucket from the low
        // bits: fold the well-mixed high half down so both are spread.
        self.hash ^ (self.hash >> 32)
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word.get_mut(..chunk.len())
                .unwrap_or_default()
                .copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_i64(&mut self, n: i64) {
        self.add(n as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearby_keys_spread_over_buckets() {
        // Thread ids and fd numbers are small and consecutive: they must not collide in the
        // low bits a small table indexes by.
        let mut buckets = [0u32; 64];
        for tid in 1000i64..1000 + 64 * 16 {
            let mut h = IdHasher::default();
            h.write_i64(tid);
            buckets[(h.finish() % 64) as usize] += 1;
        }
        let (min, max) = (buckets.iter().min(), buckets.iter().max());
        assert!(
            min >= Some(&4) && max <= Some(&32),
            "uneven buckets: {buckets:?}"
        );
    }

    #[test]
    fn maps_work_as_maps() {
        let mut m: IdMap<i64, &str> = IdMap::default();
        m.insert(-100, "cwd");
        m.insert(3, "three");
        assert_eq!(m.get(&-100), Some(&"cwd"));
        assert_eq!(m.get(&3), Some(&"three"));
        assert_eq!(m.get(&4), None);
    }
}
