//! The policy flattened into the kernel maps' entries ([`crate::layout`]), and a simulation of
//! the kernel's lookups over those entries, tested against [`Policy::decide`].

use std::collections::BTreeMap;

use crate::compile::Verdict;
use crate::hooks::{Attr, Hook};
use crate::layout::{
    ClauseEntry, CommKey, GlobEntry, HookHeader, IpKey, MaskPair, NumKey, RangeEntry, StrKey,
    ATTR_COUNT, COMM_LEN, GLOB_LEN, MAX_GLOBS, MAX_RANGES, MAX_STR_LEN, STR_DATA, STR_EXACT,
    STR_PREFIX, STR_SUFFIX, VERDICT_AUDIT, VERDICT_BLOCK,
};
use crate::literal::{prefix_eq, AttrValue, Cidr};
use crate::policy::{self, Policy, Tables};
use crate::request::LsmRequest;

/// Why a policy does not fit the kernel maps.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// A string is longer than the tables hold.
    #[error("{hook}: {attr} value of {len} bytes is longer than the kernel tables hold ({max})")]
    TooLong {
        /// Hook.
        hook: Hook,
        /// Attribute.
        attr: Attr,
        /// Its length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// More globs or ranges than the kernel scans.
    #[error("the policy has {count} {what}; the kernel scans at most {max}")]
    TooMany {
        /// `globs` or `ranges`.
        what: &'static str,
        /// How many.
        count: usize,
        /// The limit.
        max: usize,
    },
}

/// Every map entry of a policy.
#[derive(Debug, Clone, Default)]
pub struct Encoded {
    /// Hook headers by hook id.
    pub hooks: BTreeMap<u32, HookHeader>,
    /// Clause entries by `hook * 64 + bit`.
    pub clauses: BTreeMap<u32, ClauseEntry>,
    /// String trie entries.
    pub strings: Vec<(StrKey, MaskPair)>,
    /// Exact comm entries.
    pub comms: Vec<(CommKey, MaskPair)>,
    /// Number entries.
    pub nums: Vec<(NumKey, MaskPair)>,
    /// Address trie entries.
    pub ips: Vec<(IpKey, MaskPair)>,
    /// Globs.
    pub globs: Vec<GlobEntry>,
    /// Ranges.
    pub ranges: Vec<RangeEntry>,
}

fn pair(m: policy::MaskPair) -> MaskPair {
    MaskPair {
        pos: m.pos,
        neg: m.neg,
    }
}

fn or(a: &mut MaskPair, b: MaskPair) {
    a.pos |= b.pos;
    a.neg |= b.neg;
}

fn is_comm(attr: Attr) -> bool {
    matches!(attr, Attr::Comm | Attr::ParentComm)
}

/// A string trie key: header plus `text` (`nul`: with a terminating NUL).
pub fn str_key(hook: Hook, attr: Attr, kind: u8, text: &[u8], nul: bool) -> Option<StrKey> {
    if text.len() > MAX_STR_LEN {
        return None;
    }
    let mut data = [0u8; STR_DATA];
    data[..text.len()].copy_from_slice(text);
    let len = text.len() + usize::from(nul);
    Some(StrKey {
        prefixlen: ((4 + len) * 8) as u32,
        hook: hook.id() as u8,
        attr: attr.id() as u8,
        kind,
        pad: 0,
        data,
    })
}

/// An address trie key for `addr/prefix`.
pub fn ip_key(hook: Hook, attr: Attr, addr: std::net::IpAddr, prefix: u8) -> IpKey {
    let (bytes, _) = Cidr::bits(addr);
    IpKey {
        prefixlen: 32 + u32::from(prefix),
        hook: hook.id() as u8,
        attr: attr.id() as u8,
        family: if addr.is_ipv4() { 4 } else { 6 },
        pad: 0,
        addr: bytes,
    }
}

/// Flattens a policy into map entries.
pub fn encode(policy: &Policy) -> Result<Encoded, EncodeError> {
    let mut out = Encoded::default();
    for (&hook, t) in policy.hooks() {
        let mut header = HookHeader {
            clauses: t.all(),
            block: t.block_mask(),
            ..HookHeader::default()
        };
        for (bit, c) in t.clauses.iter().enumerate() {
            out.clauses.insert(
                hook.id() * 64 + bit as u32,
                ClauseEntry {
                    rule: c.rule as u32,
                    verdict: match c.verdict {
                        Verdict::Audit => VERDICT_AUDIT,
                        Verdict::Block => VERDICT_BLOCK,
                    },
                },
            );
        }
        for (&attr, table) in &t.attrs {
            let id = attr.id() as usize;
            debug_assert!(id < ATTR_COUNT);
            header.attrs |= 1 << id;
            header.free[id] = table.free;
            header.present_pos[id] = table.present.pos;
            header.present_neg[id] = table.present.neg;
            let too_long = |len: usize, max: usize| EncodeError::TooLong {
                hook,
                attr,
                len,
                max,
            };
            match &table.tables {
                Tables::Str(s) => {
                    for (v, m) in &s.exact {
                        if is_comm(attr) {
                            // A comm has at most 15 bytes: a longer value never matches.
                            if v.len() < COMM_LEN {
                                let mut comm = [0u8; COMM_LEN];
                                comm[..v.len()].copy_from_slice(v.as_bytes());
                                out.comms.push((
                                    CommKey {
                                        hook: hook.id(),
                                        attr: attr.id(),
                                        comm,
                                    },
                                    pair(*m),
                                ));
                            }
                            continue;
                        }
                        let key = str_key(hook, attr, STR_EXACT, v.as_bytes(), true)
                            .ok_or_else(|| too_long(v.len(), MAX_STR_LEN))?;
                        out.strings.push((key, pair(*m)));
                    }
                    for (kind, entries, reverse) in [
                        (STR_PREFIX, &s.prefix, false),
                        (STR_SUFFIX, &s.suffix, true),
                    ] {
                        for (p, m) in entries {
                            // The trie answers with the longest stored prefix only: fold the
                            // masks of every shorter stored prefix into each entry.
                            let mut merged = pair(*m);
                            for (q, mq) in entries {
                                let shorter = if reverse {
                                    p.ends_with(q.as_str())
                                } else {
                                    p.starts_with(q.as_str())
                                };
                                if shorter && q != p {
                                    or(&mut merged, pair(*mq));
                                }
                            }
                            let text: Vec<u8> = if reverse {
                                p.bytes().rev().collect()
                            } else {
                                p.bytes().collect()
                            };
                            let key = str_key(hook, attr, kind, &text, false)
                                .ok_or_else(|| too_long(p.len(), MAX_STR_LEN))?;
                            out.strings.push((key, merged));
                        }
                    }
                    for (g, m) in &s.glob {
                        if g.len() > GLOB_LEN {
                            return Err(too_long(g.len(), GLOB_LEN));
                        }
                        let mut pattern = [0u8; GLOB_LEN];
                        pattern[..g.len()].copy_from_slice(g.as_bytes());
                        out.globs.push(GlobEntry {
                            hook: hook.id(),
                            attr: attr.id(),
                            len: g.len() as u32,
                            pad: 0,
                            pattern,
                            masks: pair(*m),
                        });
                    }
                }
                Tables::Num(n) => {
                    for (v, m) in &n.exact {
                        out.nums.push((num_key(hook, attr, *v), pair(*m)));
                    }
                    for &(lo, hi, m) in &n.ranges {
                        out.ranges.push(RangeEntry {
                            hook: hook.id(),
                            attr: attr.id(),
                            lo,
                            hi,
                            masks: pair(m),
                        });
                    }
                }
                Tables::Bool(b) => {
                    for (v, m) in [(1, b.when_true), (0, b.when_false)] {
                        if m != policy::MaskPair::default() {
                            out.nums.push((num_key(hook, attr, v), pair(m)));
                        }
                    }
                }
                Tables::Ip(ip) => {
                    for (c, m) in &ip.nets {
                        let mut merged = pair(*m);
                        for (d, md) in &ip.nets {
                            if d != c && d.prefix <= c.prefix && d.contains(c.addr) {
                                or(&mut merged, pair(*md));
                            }
                        }
                        out.ips.push((ip_key(hook, attr, c.addr, c.prefix), merged));
                    }
                }
            }
        }
        out.hooks.insert(hook.id(), header);
    }
    if out.globs.len() > MAX_GLOBS {
        return Err(EncodeError::TooMany {
            what: "globs",
            count: out.globs.len(),
            max: MAX_GLOBS,
        });
    }
    if out.ranges.len() > MAX_RANGES {
        return Err(EncodeError::TooMany {
            what: "ranges",
            count: out.ranges.len(),
            max: MAX_RANGES,
        });
    }
    Ok(out)
}

fn num_key(hook: Hook, attr: Attr, value: u64) -> NumKey {
    NumKey {
        hook: hook.id(),
        attr: attr.id(),
        value,
    }
}

impl Encoded {
    /// Longest-prefix lookup in the string trie, as `BPF_MAP_TYPE_LPM_TRIE` answers it.
    pub fn lpm_str(&self, key: &StrKey) -> Option<MaskPair> {
        let key_bytes = (key.prefixlen / 8) as usize - 4;
        self.strings
            .iter()
            .filter(|(k, _)| {
                let n = (k.prefixlen / 8) as usize - 4;
                (k.hook, k.attr, k.kind) == (key.hook, key.attr, key.kind)
                    && n <= key_bytes
                    && k.data[..n] == key.data[..n]
            })
            .max_by_key(|(k, _)| k.prefixlen)
            .map(|(_, m)| *m)
    }

    /// Longest-prefix lookup in the address trie.
    pub fn lpm_ip(&self, key: &IpKey) -> Option<MaskPair> {
        self.ips
            .iter()
            .filter(|(k, _)| {
                (k.hook, k.attr, k.family) == (key.hook, key.attr, key.family)
                    && k.prefixlen <= key.prefixlen
                    && prefix_eq(&k.addr, &key.addr, (k.prefixlen - 32) as u8)
            })
            .max_by_key(|(k, _)| k.prefixlen)
            .map(|(_, m)| *m)
    }

    /// What a hook would decide over these entries, step by step as the kernel program will:
    /// the rule index and verdict of the winning clause.
    pub fn simulate(&self, req: &LsmRequest) -> Option<(u32, u32)> {
        let hook = req.hook;
        let header = self.hooks.get(&hook.id())?;
        let mut m = header.clauses;
        for id in 0..ATTR_COUNT {
            if header.attrs & (1 << id) == 0 {
                continue;
            }
            let attr = attr_of(id as u32)?;
            let free = header.free[id];
            let Some(value) = req.value(attr) else {
                m &= free;
                continue;
            };
            let mut hits = MaskPair {
                pos: header.present_pos[id],
                neg: header.present_neg[id],
            };
            match value {
                AttrValue::Str(v) => {
                    if is_comm(attr) {
                        if v.len() < COMM_LEN {
                            let mut comm = [0u8; COMM_LEN];
                            comm[..v.len()].copy_from_slice(v.as_bytes());
                            let key = CommKey {
                                hook: hook.id(),
                                attr: attr.id(),
                                comm,
                            };
                            if let Some((_, e)) = self.comms.iter().find(|(k, _)| *k == key) {
                                or(&mut hits, *e);
                            }
                        }
                    } else if let Some(key) = str_key(hook, attr, STR_EXACT, v.as_bytes(), true) {
                        if let Some(e) = self.lpm_str(&key) {
                            or(&mut hits, e);
                        }
                    }
                    let rev: Vec<u8> = v.bytes().rev().collect();
                    for (kind, text) in [(STR_PREFIX, v.as_bytes()), (STR_SUFFIX, &rev[..])] {
                        if let Some(key) = str_key(hook, attr, kind, text, false) {
                            if let Some(e) = self.lpm_str(&key) {
                                or(&mut hits, e);
                            }
                        }
                    }
                    for g in &self.globs {
                        if (g.hook, g.attr) == (hook.id(), attr.id())
                            && falcod_rules::eval::ops::glob::fnmatch(
                                &g.pattern[..g.len as usize],
                                v.as_bytes(),
                                false,
                            )
                        {
                            or(&mut hits, g.masks);
                        }
                    }
                }
                AttrValue::Num(_) | AttrValue::Bool(_) => {
                    let n = match value {
                        AttrValue::Num(n) => n,
                        AttrValue::Bool(b) => u64::from(b),
                        _ => 0,
                    };
                    let key = num_key(hook, attr, n);
                    if let Some((_, e)) = self.nums.iter().find(|(k, _)| *k == key) {
                        or(&mut hits, *e);
                    }
                    for r in &self.ranges {
                        if (r.hook, r.attr) == (hook.id(), attr.id()) && r.lo <= n && n <= r.hi {
                            or(&mut hits, r.masks);
                        }
                    }
                }
                AttrValue::Ip(a) => {
                    let bits = if a.is_ipv4() { 32 } else { 128 };
                    if let Some(e) = self.lpm_ip(&ip_key(hook, attr, a, bits)) {
                        or(&mut hits, e);
                    }
                }
            }
            m &= (free | hits.pos) & !hits.neg;
        }
        if m == 0 {
            return None;
        }
        let pick = if m & header.block != 0 {
            m & header.block
        } else {
            m
        };
        let bit = pick.trailing_zeros();
        let c = self.clauses.get(&(hook.id() * 64 + bit))?;
        Some((c.rule, c.verdict))
    }
}

/// The attribute with a kernel id.
pub fn attr_of(id: u32) -> Option<Attr> {
    use crate::hooks::{PathSlot, PathView};
    Some(match id {
        0 => Attr::Comm,
        1 => Attr::ParentComm,
        2 => Attr::Exe,
        3 => Attr::Uid,
        4 => Attr::ContainerId,
        5 => Attr::OpenRead,
        6 => Attr::OpenWrite,
        7 => Attr::FdType,
        8 => Attr::PeerIp,
        9 => Attr::PeerPort,
        10..=15 => {
            let slot = if id < 13 {
                PathSlot::First
            } else {
                PathSlot::Second
            };
            let view = match (id - 10) % 3 {
                0 => PathView::Full,
                1 => PathView::Dir,
                _ => PathView::Base,
            };
            Attr::Path(slot, view)
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attr_ids_round_trip() {
        for id in 0..ATTR_COUNT as u32 {
            let a = attr_of(id).expect("every id below ATTR_COUNT names an attribute");
            assert_eq!(a.id(), id);
        }
        assert_eq!(attr_of(ATTR_COUNT as u32), None);
    }

    #[test]
    fn string_keys_count_header_and_nul() {
        let k = str_key(Hook::FileOpen, Attr::Exe, STR_EXACT, b"/bin/sh", true).expect("fits");
        assert_eq!(k.prefixlen, (4 + 7 + 1) * 8);
        assert_eq!(&k.data[..8], b"/bin/sh\0");
        let p = str_key(Hook::FileOpen, Attr::Exe, STR_PREFIX, b"/bin/", false).expect("fits");
        assert_eq!(p.prefixlen, (4 + 5) * 8);
        assert!(str_key(
            Hook::FileOpen,
            Attr::Exe,
            STR_EXACT,
            &[b'a'; MAX_STR_LEN + 1],
            true
        )
        .is_none());
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;
    use crate::policy::tests::rules;

    fn encoded(defs: &[(&str, &str, Verdict)]) -> Result<Encoded, EncodeError> {
        encode(&Policy::build(rules(defs)).expect("fits"))
    }

    #[test]
    fn prefix_entries_carry_the_masks_of_shorter_prefixes() {
        let e = encoded(&[
            (
                "etc",
                "evt.type = open and fd.name startswith /etc/",
                Verdict::Block,
            ),
            (
                "ssh",
                "evt.type = open and fd.name startswith /etc/ssh/",
                Verdict::Block,
            ),
        ])
        .expect("encodes");
        let path = Attr::Path(crate::hooks::PathSlot::First, crate::hooks::PathView::Full);
        let lookup = |v: &str| {
            let key = str_key(Hook::FileOpen, path, STR_PREFIX, v.as_bytes(), false).expect("fits");
            e.lpm_str(&key).map(|m| m.pos)
        };
        assert_eq!(lookup("/etc/ssh/sshd_config"), Some(0b11));
        assert_eq!(lookup("/etc/passwd"), Some(0b01));
        assert_eq!(lookup("/usr/bin"), None);
    }

    #[test]
    fn networks_carry_the_masks_of_enclosing_networks() {
        let e = encoded(&[
            (
                "ten",
                "evt.type = connect and fd.snet in (10.0.0.0/8)",
                Verdict::Block,
            ),
            (
                "sub",
                "evt.type = connect and not fd.snet in (10.1.0.0/16)",
                Verdict::Block,
            ),
        ])
        .expect("encodes");
        let lookup = |a: &str| {
            let ip: std::net::IpAddr = a.parse().expect("ip");
            e.lpm_ip(&ip_key(Hook::SocketConnect, Attr::PeerIp, ip, 32))
        };
        assert_eq!(
            lookup("10.1.2.3"),
            Some(MaskPair {
                pos: 0b01,
                neg: 0b10
            })
        );
        assert_eq!(lookup("10.2.0.1"), Some(MaskPair { pos: 0b01, neg: 0 }));
        assert_eq!(lookup("192.168.0.1"), None);
    }

    #[test]
    fn comm_values_longer_than_the_kernel_comm_are_dropped() {
        let e = encoded(&[(
            "r",
            "evt.type = execve and proc.name in (sh, a_name_longer_than_15)",
            Verdict::Block,
        )])
        .expect("encodes");
        assert_eq!(e.comms.len(), 1);
        assert_eq!(&e.comms[0].0.comm[..3], b"sh\0");
    }

    #[test]
    fn limits_are_errors() {
        let long = format!("/{}", "a".repeat(MAX_STR_LEN));
        let err = encoded(&[(
            "r",
            &format!("evt.type = open and fd.name = {long}"),
            Verdict::Block,
        )])
        .expect_err("too long");
        assert!(
            matches!(err, EncodeError::TooLong { len, .. } if len == MAX_STR_LEN + 1),
            "{err}"
        );
        let globs: Vec<String> = (0..=MAX_GLOBS).map(|i| format!("\"/g{i}/*\"")).collect();
        let cond = format!(
            "evt.type = open and fd.name glob anyof ({})",
            globs.join(", ")
        );
        let err = encoded(&[("r", &cond, Verdict::Block)]).expect_err("too many globs");
        assert_eq!(
            err,
            EncodeError::TooMany {
                what: "globs",
                count: MAX_GLOBS + 1,
                max: MAX_GLOBS
            }
        );
    }

    #[test]
    fn hook_header_and_clause_entries() {
        let e = encoded(&[
            ("a", "evt.type = ptrace and user.uid = 0", Verdict::Audit),
            ("b", "evt.type = ptrace and user.uid != 0", Verdict::Block),
        ])
        .expect("encodes");
        let h = e.hooks[&Hook::PtraceAccessCheck.id()];
        assert_eq!((h.clauses, h.block), (0b11, 0b10));
        assert_eq!(h.attrs, 1 << Attr::Uid.id());
        let uid = Attr::Uid.id() as usize;
        // `!=` needs a value: clause 1 requires presence.
        assert_eq!((h.free[uid], h.present_pos[uid]), (0, 0b10));
        let base = Hook::PtraceAccessCheck.id() * 64;
        assert_eq!(
            e.clauses[&base],
            ClauseEntry {
                rule: 0,
                verdict: VERDICT_AUDIT
            }
        );
        assert_eq!(
            e.clauses[&(base + 1)],
            ClauseEntry {
                rule: 1,
                verdict: VERDICT_BLOCK
            }
        );
    }
}
