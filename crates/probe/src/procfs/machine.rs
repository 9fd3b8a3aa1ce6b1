//! The machine (CPUs, memory, host name, boot time) and the addresses of its interfaces.

use std::collections::BTreeSet;
use std::fs;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::path::Path;

use super::ProcfsError;
use crate::scap::{Interface, InterfaceAddr, MachineInfo};

/// Longest host name the machine info block holds.
const MAX_HOSTNAME: usize = 127;

/// The machine as libscap describes it: online CPUs, physical memory, highest pid, host name
/// (`SCAP_HOSTNAME` overrides it, as in libscap) and boot time (`btime` of the host's
/// `/proc/stat`, which libscap also uses). Fails when the host's `/proc` is missing (a wrong
/// host root) or has no boot time.
pub fn read_machine_info(host_root: &Path) -> Result<MachineInfo, ProcfsError> {
    let proc_dir = host_root.join("proc");
    let stat_path = proc_dir.join("stat");
    let stat = fs::read_to_string(&stat_path).map_err(|e| ProcfsError::read(&stat_path, e))?;
    let btime: u64 = stat
        .lines()
        .find_map(|l| l.strip_prefix("btime "))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| ProcfsError::Malformed {
            path: stat_path.clone(),
            what: "no `btime` line (boot time)".into(),
        })?;
    let meminfo = fs::read_to_string(proc_dir.join("meminfo")).unwrap_or_default();
    let mem_kb: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    let max_pid = fs::read_to_string(proc_dir.join("sys/kernel/pid_max"))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    // The host name of this process' UTS namespace, as gethostname() returns it.
    let hostname = std::env::var("SCAP_HOSTNAME")
        .ok()
        .or_else(|| fs::read_to_string("/proc/sys/kernel/hostname").ok())
        .unwrap_or_default();
    Ok(MachineInfo {
        num_cpus: online_cpus(&proc_dir),
        memory_size_bytes: mem_kb.saturating_mul(1024),
        max_pid,
        hostname: bounded(hostname.trim(), MAX_HOSTNAME),
        boot_ts_epoch: btime.saturating_mul(1_000_000_000),
        flags: 0,
    })
}

/// Online CPUs: `/sys/devices/system/cpu/online` (`0-3,6`), else the processors of
/// `/proc/cpuinfo`.
fn online_cpus(proc_dir: &Path) -> u32 {
    if let Ok(list) = fs::read_to_string("/sys/devices/system/cpu/online") {
        let n: u32 = list
            .trim()
            .split(',')
            .filter_map(|r| match r.split_once('-') {
                Some((a, b)) => Some(b.parse::<u32>().ok()? - a.parse::<u32>().ok()? + 1),
                None => r.parse::<u32>().ok().map(|_| 1),
            })
            .sum();
        if n > 0 {
            return n;
        }
    }
    fs::read_to_string(proc_dir.join("cpuinfo"))
        .map(|c| c.lines().filter(|l| l.starts_with("processor")).count() as u32)
        .unwrap_or(0)
}

fn bounded(s: &str, max: usize) -> String {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default().to_string()
}

/// The addresses of the network interfaces of this process' network namespace, without the
/// `getifaddrs` call libscap makes (it needs `unsafe`): IPv4 addresses are the local host
/// routes of `/proc/net/fib_trie`, each given the interface, netmask and broadcast address of
/// the most specific route of `/proc/net/route` that covers it (`lo` and `/8` for loopback
/// addresses); IPv6 addresses come from `/proc/net/if_inet6`. Link speeds are 0, as libscap
/// writes them. Unreadable files give no addresses.
pub fn read_interfaces(host_root: &Path) -> Vec<Interface> {
    let net = host_root.join("proc/net");
    let mut out = ipv4_interfaces(
        &fs::read_to_string(net.join("fib_trie")).unwrap_or_default(),
        &fs::read_to_string(net.join("route")).unwrap_or_default(),
    );
    out.extend(ipv6_interfaces(
        &fs::read_to_string(net.join("if_inet6")).unwrap_or_default(),
    ));
    out
}

/// The local addresses of `fib_trie` (`|-- 10.0.0.2` followed by `/32 host LOCAL`).
fn local_addresses(fib_trie: &str) -> BTreeSet<Ipv4Addr> {
    let mut out = BTreeSet::new();
    let mut last: Option<Ipv4Addr> = None;
    for line in fib_trie.lines() {
        let t = line.trim();
        if let Some(addr) = t.strip_prefix("|-- ") {
            last = addr.parse().ok();
        } else if t.starts_with("/32 host LOCAL") {
            out.extend(last);
        }
    }
    out
}

fn ipv4_interfaces(fib_trie: &str, route: &str) -> Vec<Interface> {
    // Iface Destination Gateway Flags RefCnt Use Metric Mask ...: hex of native-endian words.
    let hex_ip = |h: &str| {
        Some(Ipv4Addr::from(
            u32::from_str_radix(h, 16).ok()?.to_le_bytes(),
        ))
    };
    let routes: Vec<(String, Ipv4Addr, Ipv4Addr)> = route
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            Some((
                f.first()?.to_string(),
                hex_ip(f.get(1)?)?,
                hex_ip(f.get(7)?)?,
            ))
        })
        .collect();
    local_addresses(fib_trie)
        .into_iter()
        .filter_map(|addr| {
            let (name, mask) = if addr.is_loopback() {
                ("lo".to_string(), Ipv4Addr::new(255, 0, 0, 0))
            } else {
                routes
                    .iter()
                    .filter(|(_, dest, mask)| {
                        mask.to_bits() != 0 && addr.to_bits() & mask.to_bits() == dest.to_bits()
                    })
                    .max_by_key(|(_, _, mask)| mask.to_bits().count_ones())
                    .map(|(name, _, mask)| (name.clone(), *mask))?
            };
            let bcast = Ipv4Addr::from_bits(addr.to_bits() | !mask.to_bits());
            Some(Interface {
                name,
                addr: InterfaceAddr::V4(addr, mask, bcast),
                linkspeed: 0,
            })
        })
        .collect()
}

/// `if_inet6`: `address ifindex prefixlen scope flags name`, the address as 32 hex digits in
/// network order, the prefix length in hex.
fn ipv6_interfaces(if_inet6: &str) -> Vec<Interface> {
    if_inet6
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let addr = Ipv6Addr::from(u128::from_str_radix(f.first()?, 16).ok()?);
            let prefix = u32::from_str_radix(f.get(2)?, 16).ok()?.min(128);
            let mask = u128::MAX.checked_shl(128 - prefix).unwrap_or(0);
            Some(Interface {
                name: f.get(5)?.to_string(),
                addr: InterfaceAddr::V6(addr, Ipv6Addr::from(mask), Ipv6Addr::UNSPECIFIED),
                linkspeed: 0,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIB_TRIE: &str = "Main:
  +-- 0.0.0.0/0 3 0 5
     |-- 0.0.0.0
        /0 universe UNICAST
     +-- 10.0.2.0/24 2 0 2
        +-- 10.0.2.0/30 2 0 2
           |-- 10.0.2.0
              /24 link UNICAST
           |-- 10.0.2.15
              /32 host LOCAL
        |-- 10.0.2.255
           /32 link BROADCAST
     +-- 127.0.0.0/8 2 0 2
        |-- 127.0.0.1
           /32 host LOCAL
Local:
  +-- 0.0.0.0/0 3 0 5
     |-- 10.0.2.15
        /32 host LOCAL
";
    const ROUTE: &str =
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
eth0\t00000000\t0202000A\t0003\t0\t0\t0\t00000000\t0\t0\t0
eth0\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
";

    #[test]
    fn ipv4_addresses_from_the_fib_and_routes() {
        let ifs = ipv4_interfaces(FIB_TRIE, ROUTE);
        assert_eq!(
            ifs,
            [
                Interface {
                    name: "eth0".into(),
                    addr: InterfaceAddr::V4(
                        Ipv4Addr::new(10, 0, 2, 15),
                        Ipv4Addr::new(255, 255, 255, 0),
                        Ipv4Addr::new(10, 0, 2, 255)
                    ),
                    linkspeed: 0
                },
                Interface {
                    name: "lo".into(),
                    addr: InterfaceAddr::V4(
                        Ipv4Addr::LOCALHOST,
                        Ipv4Addr::new(255, 0, 0, 0),
                        Ipv4Addr::new(127, 255, 255, 255)
                    ),
                    linkspeed: 0
                },
            ]
        );
    }

    #[test]
    fn ipv6_addresses() {
        let text = "00000000000000000000000000000001 01 80 10 80       lo\nfe80000000000000505400fffe123456 02 40 20 80     eth0\n";
        let ifs = ipv6_interfaces(text);
        assert_eq!(ifs.len(), 2);
        assert_eq!(
            ifs[1].addr,
            InterfaceAddr::V6(
                "fe80::5054:ff:fe12:3456".parse().unwrap(),
                "ffff:ffff:ffff:ffff::".parse().unwrap(),
                Ipv6Addr::UNSPECIFIED
            )
        );
        assert_eq!(ifs[0].name, "lo");
    }
}
