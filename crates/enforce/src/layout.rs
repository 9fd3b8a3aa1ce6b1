//! The `#[repr(C)]` keys and values of the kernel policy maps.
//!
//! **The eBPF side shares these types**: when the LSM programs are written (crates/probe-ebpf),
//! this module moves to (or is mirrored byte for byte by) the `no_std` common crate both sides
//! compile, and the size tests below guard the layout. Every type is `Copy`, has no padding and
//! no pointers, so it can be written to a map as its bytes.
//!
//! Maps (one of each, shared by all hooks; the hook and attribute ids are in the keys):
//!
//! | map | type | key → value |
//! |---|---|---|
//! | hook headers | ARRAY, index [`Hook::id`](crate::hooks::Hook::id) | [`HookHeader`] |
//! | clauses | ARRAY, index `hook * 64 + bit` | [`ClauseEntry`] |
//! | strings | LPM_TRIE | [`StrKey`] → [`MaskPair`] (exact, prefix, reversed suffix) |
//! | comms | HASH | [`CommKey`] → [`MaskPair`] (exact `comm` values) |
//! | numbers | HASH | [`NumKey`] → [`MaskPair`] (uid, port, booleans as 0/1) |
//! | addresses | LPM_TRIE | [`IpKey`] → [`MaskPair`] |
//! | globs | ARRAY | [`GlobEntry`] (scanned; bounded) |
//! | ranges | ARRAY | [`RangeEntry`] (scanned; bounded) |
//!
//! A hook evaluates, for each attribute whose bit is set in `HookHeader::attrs`:
//! `hits = present[A] OR every lookup for the value`, `mask_A = (free[A] | hits.pos) & !hits.neg`
//! (`free[A]` alone when the operation has no value), and `m = clauses & AND_A mask_A`. If
//! `m & block` is non-zero the lowest such bit's clause blocks, else the lowest bit of `m` audits.
//!
//! Exact paths and exe paths are exact-kind entries of the string trie rather than hash keys:
//! `bpf_d_path` leaves bytes after the terminating NUL (see the eBPF notes), which a hash over
//! the whole buffer would read, while an LPM lookup with `prefixlen` from the returned length
//! reads exactly the path and its NUL. Comms, which `bpf_get_current_comm` NUL-pads, are hashed.
//!
//! Prefix entries already hold the masks of every shorter stored prefix (and network entries of
//! every enclosing network), so the trie's single longest-prefix answer is the OR the formula
//! needs.

/// Bytes of string data in a [`StrKey`] after its 4-byte header (the LPM trie's data is at most
/// 256 bytes).
pub const STR_DATA: usize = 252;
/// The longest string the tables hold (exact entries store a terminating NUL).
pub const MAX_STR_LEN: usize = STR_DATA - 1;
/// `TASK_COMM_LEN`.
pub const COMM_LEN: usize = 16;
/// The longest glob pattern.
pub const GLOB_LEN: usize = 64;
/// Glob entries in all (the kernel scans them).
pub const MAX_GLOBS: usize = 64;
/// Range entries in all (the kernel scans them).
pub const MAX_RANGES: usize = 64;
/// Attribute ids are below this ([`Attr::id`](crate::hooks::Attr::id)).
pub const ATTR_COUNT: usize = 16;

/// [`StrKey::kind`]: the string equals the stored text (stored with its NUL).
pub const STR_EXACT: u8 = 0;
/// [`StrKey::kind`]: the string starts with the stored text.
pub const STR_PREFIX: u8 = 1;
/// [`StrKey::kind`]: the reversed string starts with the stored (reversed) text.
pub const STR_SUFFIX: u8 = 2;

/// [`ClauseEntry::verdict`]: audit.
pub const VERDICT_AUDIT: u32 = 0;
/// [`ClauseEntry::verdict`]: block.
pub const VERDICT_BLOCK: u32 = 1;

/// The masks of one table entry (see [`crate::policy::MaskPair`]).
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct MaskPair {
    /// Clauses the value satisfies positively.
    pub pos: u64,
    /// Clauses the value violates.
    pub neg: u64,
}

/// Per hook: which clause bits exist, which block, which attributes to evaluate, and each
/// attribute's `free` mask.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HookHeader {
    /// One bit per clause.
    pub clauses: u64,
    /// The blocking clauses.
    pub block: u64,
    /// Bit `attr id` set for every attribute the hook evaluates.
    pub attrs: u64,
    /// Per attribute id: clauses without a positive test on it.
    pub free: [u64; ATTR_COUNT],
    /// Per attribute id: clauses requiring a value (`exists`).
    pub present_pos: [u64; ATTR_COUNT],
    /// Per attribute id: clauses requiring no value (`not exists`).
    pub present_neg: [u64; ATTR_COUNT],
}

/// Per clause bit: the rule it belongs to (index in the policy's rules) and its verdict.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClauseEntry {
    /// Rule index.
    pub rule: u32,
    /// [`VERDICT_AUDIT`] or [`VERDICT_BLOCK`].
    pub verdict: u32,
}

/// LPM key of the string trie: `prefixlen` counts bits of `hook, attr, kind, 0` and the text.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StrKey {
    /// Significant bits from `hook` on.
    pub prefixlen: u32,
    /// Hook id.
    pub hook: u8,
    /// Attribute id.
    pub attr: u8,
    /// [`STR_EXACT`], [`STR_PREFIX`] or [`STR_SUFFIX`].
    pub kind: u8,
    /// Zero.
    pub pad: u8,
    /// The text (reversed for suffixes), NUL-terminated for exact entries, zero-filled.
    pub data: [u8; STR_DATA],
}

/// Hash key of exact `comm` values.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct CommKey {
    /// Hook id.
    pub hook: u32,
    /// Attribute id (comm or parent comm).
    pub attr: u32,
    /// The comm, NUL-padded as `bpf_get_current_comm` writes it.
    pub comm: [u8; COMM_LEN],
}

/// Hash key of numbers (uid, port; booleans as 0 and 1).
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct NumKey {
    /// Hook id.
    pub hook: u32,
    /// Attribute id.
    pub attr: u32,
    /// The value.
    pub value: u64,
}

/// LPM key of the address trie: `prefixlen` counts bits of `hook, attr, family, 0` and the
/// address.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct IpKey {
    /// Significant bits from `hook` on.
    pub prefixlen: u32,
    /// Hook id.
    pub hook: u8,
    /// Attribute id.
    pub attr: u8,
    /// 4 or 6.
    pub family: u8,
    /// Zero.
    pub pad: u8,
    /// The address (IPv4 in the first 4 bytes).
    pub addr: [u8; 16],
}

/// One glob of one attribute at one hook.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GlobEntry {
    /// Hook id.
    pub hook: u32,
    /// Attribute id.
    pub attr: u32,
    /// Pattern length.
    pub len: u32,
    /// Zero.
    pub pad: u32,
    /// The pattern (`fnmatch` without flags), zero-filled.
    pub pattern: [u8; GLOB_LEN],
    /// Its masks.
    pub masks: MaskPair,
}

/// One inclusive range of one numeric attribute at one hook.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RangeEntry {
    /// Hook id.
    pub hook: u32,
    /// Attribute id.
    pub attr: u32,
    /// Lowest value.
    pub lo: u64,
    /// Highest value.
    pub hi: u64,
    /// Its masks.
    pub masks: MaskPair,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::{align_of, size_of};

    /// No padding anywhere: each size is the sum of its fields' sizes.
    #[test]
    fn layouts_have_no_padding() {
        assert_eq!(size_of::<MaskPair>(), 16);
        assert_eq!(size_of::<HookHeader>(), 3 * 8 + 3 * ATTR_COUNT * 8);
        assert_eq!(size_of::<ClauseEntry>(), 8);
        assert_eq!(size_of::<StrKey>(), 4 + 4 + STR_DATA);
        assert_eq!(4 + STR_DATA, 256, "LPM data is at most 256 bytes");
        assert_eq!(size_of::<CommKey>(), 8 + COMM_LEN);
        assert_eq!(size_of::<NumKey>(), 16);
        assert_eq!(size_of::<IpKey>(), 4 + 4 + 16);
        assert_eq!(size_of::<GlobEntry>(), 16 + GLOB_LEN + 16);
        assert_eq!(size_of::<RangeEntry>(), 8 + 16 + 16);
        assert_eq!(align_of::<StrKey>(), 4);
    }
}
