//! The sockets of a network namespace, by inode, from its `/proc/net` tables.

use std::collections::HashMap;
use std::fs;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::scap::FdDetail;

/// libscap's fd type codes of sockets.
pub(super) const FD_IPV4_SOCK: u8 = 3;
pub(super) const FD_IPV6_SOCK: u8 = 4;
pub(super) const FD_IPV4_SERVSOCK: u8 = 5;
pub(super) const FD_IPV6_SERVSOCK: u8 = 6;
pub(super) const FD_UNIX_SOCK: u8 = 8;
pub(super) const FD_NETLINK: u8 = 15;

/// `scap_l4_proto` codes.
const L4_TCP: u8 = 1;
const L4_UDP: u8 = 2;
const L4_RAW: u8 = 4;

/// A socket's fd type code and detail.
pub(super) type Socket = (u8, FdDetail);

/// The socket tables of every network namespace met so far.
pub(super) struct SocketTables {
    /// `/proc/net` of the host, for processes whose namespace cannot be told.
    host_net: PathBuf,
    by_netns: HashMap<u64, HashMap<u64, Socket>>,
}

impl SocketTables {
    pub fn new(host_root: &Path) -> SocketTables {
        SocketTables {
            host_net: host_root.join("proc/net"),
            by_netns: HashMap::new(),
        }
    }

    /// The socket with inode `ino` in the network namespace of the process whose `/proc`
    /// directory is `proc_dir`.
    pub fn lookup(&mut self, proc_dir: &Path, ino: u64) -> Option<&Socket> {
        let netns = fs::metadata(proc_dir.join("ns/net")).map_or(0, |m| m.ino());
        let table = self.by_netns.entry(netns).or_insert_with(|| {
            let net = if netns == 0 {
                self.host_net.clone()
            } else {
                proc_dir.join("net")
            };
            read_tables(&net)
        });
        table.get(&ino)
    }
}

/// Every socket of the namespace whose `/proc/net` is `net`. Tables that cannot be read
/// contribute nothing (their sockets are then left out of the fd tables, as libscap leaves
/// them out).
pub(super) fn read_tables(net: &Path) -> HashMap<u64, Socket> {
    let mut out = HashMap::new();
    let mut read = |name: &str, parse: &dyn Fn(&str) -> Option<(u64, Socket)>| {
        if let Ok(text) = fs::read_to_string(net.join(name)) {
            out.extend(text.lines().skip(1).filter_map(parse));
        }
    };
    read("tcp", &|l| inet_line(l, L4_TCP));
    read("udp", &|l| inet_line(l, L4_UDP));
    read("raw", &|l| inet_line(l, L4_RAW));
    read("unix", &unix_line);
    read("netlink", &netlink_line);
    read("tcp6", &|l| inet6_line(l, L4_TCP));
    read("udp6", &|l| inet6_line(l, L4_UDP));
    read("raw6", &|l| inet6_line(l, L4_RAW));
    out
}

/// `sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...` of `tcp`, `udp`, `raw`:
/// addresses as the hex of a native-endian `u32` holding network-order bytes, ports in hex.
fn inet_line(line: &str, l4proto: u8) -> Option<(u64, Socket)> {
    let f: Vec<&str> = line.split_whitespace().collect();
    let (sip, sport) = address(f.get(1)?, |h| {
        Some(Ipv4Addr::from(
            u32::from_str_radix(h, 16).ok()?.to_le_bytes(),
        ))
    })?;
    let (dip, dport) = address(f.get(2)?, |h| {
        Some(Ipv4Addr::from(
            u32::from_str_radix(h, 16).ok()?.to_le_bytes(),
        ))
    })?;
    let ino = f.get(9)?.parse().ok()?;
    // No remote address: a listening (or unconnected) socket.
    let socket = if dip.is_unspecified() {
        (
            FD_IPV4_SERVSOCK,
            FdDetail::Ipv4Server {
                ip: sip,
                port: sport,
                l4proto,
            },
        )
    } else {
        (
            FD_IPV4_SOCK,
            FdDetail::Ipv4Socket {
                sip,
                dip,
                sport,
                dport,
                l4proto,
            },
        )
    };
    Some((ino, socket))
}

/// The IPv6 tables: as the IPv4 ones, with four native-endian words per address.
fn inet6_line(line: &str, l4proto: u8) -> Option<(u64, Socket)> {
    let f: Vec<&str> = line.split_whitespace().collect();
    let (sip, sport) = address(f.get(1)?, ipv6)?;
    let (dip, dport) = address(f.get(2)?, ipv6)?;
    let ino = f.get(9)?.parse().ok()?;
    let socket = if dip.is_unspecified() {
        (
            FD_IPV6_SERVSOCK,
            FdDetail::Ipv6Server {
                ip: sip,
                port: sport,
                l4proto,
            },
        )
    } else {
        (
            FD_IPV6_SOCK,
            FdDetail::Ipv6Socket {
                sip,
                dip,
                sport,
                dport,
                l4proto,
            },
        )
    };
    Some((ino, socket))
}

fn ipv6(hex: &str) -> Option<Ipv6Addr> {
    if hex.len() != 32 {
        return None;
    }
    let mut octets = [0u8; 16];
    for (i, chunk) in octets.chunks_exact_mut(4).enumerate() {
        let word = u32::from_str_radix(hex.get(i * 8..i * 8 + 8)?, 16).ok()?;
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    Some(Ipv6Addr::from(octets))
}

/// `ADDR:PORT` with the address decoded by `ip`.
fn address<A>(field: &str, ip: impl Fn(&str) -> Option<A>) -> Option<(A, u16)> {
    let (addr, port) = field.split_once(':')?;
    Some((ip(addr)?, u16::from_str_radix(port, 16).ok()?))
}

/// `Num: RefCount Protocol Flags Type St Inode [Path]` of `unix`: the kernel address of the
/// socket is its source endpoint; the peer is not listed.
fn unix_line(line: &str) -> Option<(u64, Socket)> {
    let (num, rest) = line.split_once(':')?;
    let source = u64::from_str_radix(num.trim(), 16).ok()?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ino = f.get(5)?.parse().ok()?;
    let name = f.get(6..).map(|p| p.join(" ")).unwrap_or_default();
    Some((
        ino,
        (
            FD_UNIX_SOCK,
            FdDetail::Unix {
                source,
                destination: 0,
                name,
            },
        ),
    ))
}

/// `sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode` of `netlink`.
fn netlink_line(line: &str) -> Option<(u64, Socket)> {
    let ino = line.split_whitespace().nth(9)?.parse().ok()?;
    Some((
        ino,
        (
            FD_NETLINK,
            FdDetail::Named {
                name: String::new(),
            },
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcp_lines() {
        let listen = "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0";
        let (ino, (ty, d)) = inet_line(listen, L4_TCP).unwrap();
        assert_eq!((ino, ty), (12345, FD_IPV4_SERVSOCK));
        assert_eq!(
            d,
            FdDetail::Ipv4Server {
                ip: Ipv4Addr::LOCALHOST,
                port: 8080,
                l4proto: L4_TCP
            }
        );
        let conn = "   1: 0201A8C0:D431 0101A8C0:0050 01 00000000:00000000 00:00000000 00000000  1000        0 777 1 0000000000000000 20 4 30 10 -1";
        let (ino, (ty, d)) = inet_line(conn, L4_TCP).unwrap();
        assert_eq!((ino, ty), (777, FD_IPV4_SOCK));
        assert_eq!(
            d,
            FdDetail::Ipv4Socket {
                sip: Ipv4Addr::new(192, 168, 1, 2),
                dip: Ipv4Addr::new(192, 168, 1, 1),
                sport: 0xd431,
                dport: 80,
                l4proto: L4_TCP
            }
        );
        assert!(inet_line("  sl  local_address rem_address   st", L4_TCP).is_none());
    }

    #[test]
    fn tcp6_lines() {
        let line = "   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 999 1 0000000000000000 100 0 0 10 0";
        let (ino, (ty, d)) = inet6_line(line, L4_TCP).unwrap();
        assert_eq!((ino, ty), (999, FD_IPV6_SERVSOCK));
        assert_eq!(
            d,
            FdDetail::Ipv6Server {
                ip: Ipv6Addr::LOCALHOST,
                port: 22,
                l4proto: L4_TCP
            }
        );
    }

    #[test]
    fn unix_and_netlink_lines() {
        let line = "ffff8880049c4400: 00000002 00000000 00010000 0001 01 23456 /run/systemd/notify";
        let (ino, (ty, d)) = unix_line(line).unwrap();
        assert_eq!((ino, ty), (23456, FD_UNIX_SOCK));
        assert_eq!(
            d,
            FdDetail::Unix {
                source: 0xffff_8880_049c_4400,
                destination: 0,
                name: "/run/systemd/notify".into()
            }
        );
        let anonymous = "ffff8880049c4800: 00000003 00000000 00000000 0001 03 23457";
        assert!(
            matches!(unix_line(anonymous), Some((23457, (FD_UNIX_SOCK, FdDetail::Unix { name, .. }))) if name.is_empty())
        );
        let nl =
            "0000000000000000 0   1234     00000000 0        0        0     2        0        4444";
        assert_eq!(
            netlink_line(nl).map(|(i, (t, _))| (i, t)),
            Some((4444, FD_NETLINK))
        );
    }
}
