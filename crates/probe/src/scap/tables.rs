//! The machine-state blocks written before the events: section header, machine info, process
//! list, fd list, user/group list and interface list.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::cursor::{text, Cursor};
use super::error::BodyError;

/// Longest path-like string libscap accepts in a table block.
const MAX_PATH: usize = 1024;
/// Longest argument, environment or cgroup string libscap accepts.
const MAX_ARGS: usize = 4096;
/// User and group strings must be shorter than this.
const MAX_CREDENTIAL: usize = 255;

/// The section header block: format version of everything that follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionHeader {
    /// Format major version (libscap reads up to 1).
    pub major: u16,
    /// Format minor version.
    pub minor: u16,
    /// Section length as written (`-1` when unknown, as libscap writes it).
    pub section_length: u64,
}

/// Byte-order magic of the section header as a little-endian writer stores it.
pub const SHB_MAGIC: u32 = 0x1A2B_3C4D;
/// Highest format major version this reader understands.
pub const MAX_MAJOR_VERSION: u16 = 1;

pub(crate) fn parse_section(body: &[u8]) -> Result<(u32, SectionHeader), BodyError> {
    let mut c = Cursor::new(body);
    let magic = c.u32("byte-order magic")?;
    let major = c.u16("major version")?;
    let minor = c.u16("minor version")?;
    let section_length = c.u64("section length")?;
    // Options (pcapng-style) may follow; libscap skips them.
    Ok((
        magic,
        SectionHeader {
            major,
            minor,
            section_length,
        },
    ))
}

/// The machine info block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MachineInfo {
    /// Number of CPUs.
    pub num_cpus: u32,
    /// Physical memory in bytes.
    pub memory_size_bytes: u64,
    /// Highest pid of the machine.
    pub max_pid: u64,
    /// Host name.
    pub hostname: String,
    /// Boot time, nanoseconds since the epoch (0 in older captures).
    pub boot_ts_epoch: u64,
    /// Machine flags.
    pub flags: u64,
}

pub(crate) fn parse_machine_info(body: &[u8]) -> Result<MachineInfo, BodyError> {
    let mut c = Cursor::new(body);
    let num_cpus = c.u32("num_cpus")?;
    let memory_size_bytes = c.u64("memory size")?;
    let max_pid = c.u64("max pid")?;
    let hostname = text(c.bytes(128, "hostname")?);
    // Older writers stop after the host name; the later fields then read as zero.
    let boot_ts_epoch = c.u64("boot ts").unwrap_or(0);
    let flags = c.u64("flags").unwrap_or(0);
    Ok(MachineInfo {
        num_cpus,
        memory_size_bytes,
        max_pid,
        hostname,
        boot_ts_epoch,
        flags,
    })
}

/// One thread of the process list block.
///
/// Fields absent from the block version that wrote the entry hold libscap's defaults
/// (`-1` for the virtual and session ids, `u32::MAX` for `loginuid`, zero elsewhere).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProcInfo {
    /// Thread id.
    pub tid: u64,
    /// Process id.
    pub pid: u64,
    /// Parent thread id.
    pub ptid: u64,
    /// Session id (v6+).
    pub sid: i64,
    /// Process group as seen from the process' pid namespace (v8+).
    pub vpgid: i64,
    /// Process group as seen from the host (v9 with the field present).
    pub pgid: i64,
    /// Command name.
    pub comm: String,
    /// `argv[0]`.
    pub exe: String,
    /// Full executable path (v7+).
    pub exepath: String,
    /// Arguments, NUL-separated as on the wire.
    pub args: Vec<u8>,
    /// Current working directory.
    pub cwd: String,
    /// Open-file limit.
    pub fdlimit: i64,
    /// Process flags.
    pub flags: u32,
    /// User id.
    pub uid: u32,
    /// Group id.
    pub gid: u32,
    /// Virtual memory size, KiB (v2+).
    pub vmsize_kb: u32,
    /// Resident memory, KiB (v2+).
    pub vmrss_kb: u32,
    /// Swapped memory, KiB (v2+).
    pub vmswap_kb: u32,
    /// Major page faults (v2+).
    pub pfmajor: u64,
    /// Minor page faults (v2+).
    pub pfminor: u64,
    /// Environment, NUL-separated (v3+).
    pub env: Vec<u8>,
    /// Thread id in its pid namespace (v4+).
    pub vtid: i64,
    /// Process id in its pid namespace (v4+).
    pub vpid: i64,
    /// Cgroups, NUL-separated `subsys=path` entries (v4+).
    pub cgroups: Vec<u8>,
    /// Root directory (v5+).
    pub root: String,
    /// Start time of the pid namespace's init task (v9).
    pub pidns_init_start_ts: u64,
    /// Controlling terminal (v9).
    pub tty: u32,
    /// Login uid (v9).
    pub loginuid: u32,
    /// Whether the executable is writable by its user (v9).
    pub exe_writable: bool,
    /// Inheritable capabilities (v9).
    pub cap_inheritable: u64,
    /// Permitted capabilities (v9).
    pub cap_permitted: u64,
    /// Effective capabilities (v9).
    pub cap_effective: u64,
    /// Executable in an overlayfs upper layer (v9).
    pub exe_upper_layer: bool,
    /// Executable inode number (v9).
    pub exe_ino: u64,
    /// Executable inode ctime (v9).
    pub exe_ino_ctime: u64,
    /// Executable inode mtime (v9).
    pub exe_ino_mtime: u64,
    /// Executable loaded from a memfd (v9).
    pub exe_from_memfd: bool,
    /// Executable in an overlayfs lower layer (v9).
    pub exe_lower_layer: bool,
}

/// Parses a process list block of format `version` (1..=9): a sequence of thread entries.
pub(crate) fn parse_proclist(body: &[u8], version: u8) -> Result<Vec<ProcInfo>, BodyError> {
    let mut c = Cursor::new(body);
    let mut procs = Vec::new();
    while c.remaining() >= 4 {
        procs.push(parse_proc(&mut c, version)?);
    }
    Ok(procs)
}

fn parse_proc(c: &mut Cursor<'_>, version: u8) -> Result<ProcInfo, BodyError> {
    let start = c.pos();
    // Only v9 entries carry their own length (which counts the length field itself).
    let entry_len = if version >= 9 {
        c.u32("process entry length")? as usize
    } else {
        0
    };
    let mut p = ProcInfo {
        sid: -1,
        vpgid: -1,
        pgid: -1,
        vtid: -1,
        vpid: -1,
        loginuid: u32::MAX,
        ..ProcInfo::default()
    };
    p.tid = c.u64("tid")?;
    p.pid = c.u64("pid")?;
    p.ptid = c.u64("ptid")?;
    if version >= 6 {
        p.sid = c.i64("sid")?;
    }
    if version >= 8 {
        p.vpgid = c.i64("vpgid")?;
    }
    p.comm = text(c.str16(MAX_PATH, "comm")?);
    p.exe = text(c.str16(MAX_PATH, "exe")?);
    if version >= 7 {
        p.exepath = text(c.str16(MAX_PATH, "exepath")?);
    }
    p.args = c.str16(MAX_ARGS, "args")?.to_vec();
    p.cwd = text(c.str16(MAX_PATH, "cwd")?);
    p.fdlimit = c.i64("fdlimit")?;
    p.flags = c.u32("flags")?;
    p.uid = c.u32("uid")?;
    p.gid = c.u32("gid")?;
    if version >= 2 {
        p.vmsize_kb = c.u32("vmsize_kb")?;
        p.vmrss_kb = c.u32("vmrss_kb")?;
        p.vmswap_kb = c.u32("vmswap_kb")?;
        p.pfmajor = c.u64("pfmajor")?;
        p.pfminor = c.u64("pfminor")?;
    }
    if version >= 3 {
        p.env = c.str16(MAX_ARGS, "env")?.to_vec();
    }
    if version >= 4 {
        p.vtid = c.i64("vtid")?;
        p.vpid = c.i64("vpid")?;
        p.cgroups = c.str16(MAX_ARGS, "cgroups")?.to_vec();
    }
    if version >= 5 {
        p.root = text(c.str16(MAX_PATH, "root")?);
    }
    if entry_len != 0 {
        read_proc_tail(c, &mut p, start, entry_len)?;
    }
    Ok(p)
}

/// Reads the v9 fields that follow the fixed part, each present only if the entry length
/// leaves room for it, then skips to the end of the entry.
fn read_proc_tail(
    c: &mut Cursor<'_>,
    p: &mut ProcInfo,
    start: usize,
    entry_len: usize,
) -> Result<(), BodyError> {
    let fits = |c: &Cursor<'_>, n: usize| c.pos() - start + n <= entry_len;
    let read_so_far = c.pos() - start;
    if read_so_far > entry_len {
        return Err(BodyError::Bad(format!(
            "read {read_so_far} bytes, but process entry has length {entry_len}"
        )));
    }
    // libs 0.10 inserted pidns_init_start_ts and tty before loginuid; a writer older than
    // that leaves at most the 29 bytes of loginuid, exe_writable and the three capability
    // sets, so the two fields are present only when more remains.
    if entry_len - read_so_far > 29 {
        if fits(c, 8) {
            p.pidns_init_start_ts = c.u64("pidns_init_start_ts")?;
        }
        if fits(c, 4) {
            p.tty = c.u32("tty")?;
        }
    }
    if fits(c, 4) {
        p.loginuid = c.u32("loginuid")?;
    }
    if fits(c, 1) {
        p.exe_writable = c.u8("exe_writable")? != 0;
    }
    if fits(c, 8) {
        p.cap_inheritable = c.u64("cap_inheritable")?;
    }
    if fits(c, 8) {
        p.cap_permitted = c.u64("cap_permitted")?;
    }
    if fits(c, 8) {
        p.cap_effective = c.u64("cap_effective")?;
    }
    if fits(c, 1) {
        p.exe_upper_layer = c.u8("exe_upper_layer")? != 0;
    }
    if fits(c, 8) {
        p.exe_ino = c.u64("exe_ino")?;
    }
    if fits(c, 8) {
        p.exe_ino_ctime = c.u64("exe_ino_ctime")?;
    }
    if fits(c, 8) {
        p.exe_ino_mtime = c.u64("exe_ino_mtime")?;
    }
    if fits(c, 1) {
        p.exe_from_memfd = c.u8("exe_from_memfd")? != 0;
    }
    if fits(c, 1) {
        p.exe_lower_layer = c.u8("exe_lower_layer")? != 0;
    }
    if fits(c, 8) {
        p.pgid = c.i64("pgid")?;
    }
    // Fields added by newer writers are skipped.
    c.skip(entry_len - (c.pos() - start), "process entry padding")
}

/// What an fd table entry refers to, by the fd type codes of libscap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FdDetail {
    /// An IPv4 socket with both ends known (`SCAP_FD_IPV4_SOCK`).
    Ipv4Socket {
        /// Source address.
        sip: Ipv4Addr,
        /// Destination address.
        dip: Ipv4Addr,
        /// Source port.
        sport: u16,
        /// Destination port.
        dport: u16,
        /// Transport protocol (`scap_l4_proto`).
        l4proto: u8,
    },
    /// An IPv6 socket with both ends known (`SCAP_FD_IPV6_SOCK`).
    Ipv6Socket {
        /// Source address.
        sip: Ipv6Addr,
        /// Destination address.
        dip: Ipv6Addr,
        /// Source port.
        sport: u16,
        /// Destination port.
        dport: u16,
        /// Transport protocol.
        l4proto: u8,
    },
    /// A listening IPv4 socket (`SCAP_FD_IPV4_SERVSOCK`).
    Ipv4Server {
        /// Local address.
        ip: Ipv4Addr,
        /// Local port.
        port: u16,
        /// Transport protocol.
        l4proto: u8,
    },
    /// A listening IPv6 socket (`SCAP_FD_IPV6_SERVSOCK`).
    Ipv6Server {
        /// Local address.
        ip: Ipv6Addr,
        /// Local port.
        port: u16,
        /// Transport protocol.
        l4proto: u8,
    },
    /// A unix socket (`SCAP_FD_UNIX_SOCK`).
    Unix {
        /// Source endpoint.
        source: u64,
        /// Destination endpoint.
        destination: u64,
        /// Socket path.
        name: String,
    },
    /// A regular file with open flags (`SCAP_FD_FILE_V2`).
    File {
        /// Open flags.
        open_flags: u32,
        /// Path.
        name: String,
        /// Device number, when the writer recorded it.
        dev: Option<u32>,
    },
    /// Any other named fd (old-style file, directory, fifo, eventfd, ...; see `fd_type`).
    Named {
        /// The name.
        name: String,
    },
    /// `SCAP_FD_UNKNOWN`, or a type code this reader does not know (then nothing else is read,
    /// as libscap does).
    Unknown,
}

/// One entry of an fd list block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FdInfo {
    /// The fd number.
    pub fd: i64,
    /// Inode.
    pub ino: u64,
    /// libscap's fd type code (`SCAP_FD_*`).
    pub fd_type: u8,
    /// Type-specific data.
    pub detail: FdDetail,
}

/// Parses an fd list block (`v2` entries carry their own length).
pub(crate) fn parse_fdlist(body: &[u8], v2: bool) -> Result<(u64, Vec<FdInfo>), BodyError> {
    let mut c = Cursor::new(body);
    let tid = c.u64("tid")?;
    let mut fds = Vec::new();
    while c.remaining() >= 4 {
        fds.push(parse_fd(&mut c, v2)?);
    }
    Ok((tid, fds))
}

fn parse_fd(c: &mut Cursor<'_>, v2: bool) -> Result<FdInfo, BodyError> {
    let start = c.pos();
    let entry_len = if v2 {
        c.u32("fd entry length")? as usize
    } else {
        0
    };
    let fd = c.i64("fd")?;
    let ino = c.u64("ino")?;
    let fd_type = c.u8("fd type")?;
    let name = |c: &mut Cursor<'_>| -> Result<String, BodyError> {
        Ok(text(c.str16(MAX_PATH - 1, "fd name")?))
    };
    let detail = match fd_type {
        3 => FdDetail::Ipv4Socket {
            sip: Ipv4Addr::from(c.u32("sip")?.to_le_bytes()),
            dip: Ipv4Addr::from(c.u32("dip")?.to_le_bytes()),
            sport: c.u16("sport")?,
            dport: c.u16("dport")?,
            l4proto: c.u8("l4proto")?,
        },
        4 => FdDetail::Ipv6Socket {
            sip: Ipv6Addr::from(c.ip6("sip")?),
            dip: Ipv6Addr::from(c.ip6("dip")?),
            sport: c.u16("sport")?,
            dport: c.u16("dport")?,
            l4proto: c.u8("l4proto")?,
        },
        5 => FdDetail::Ipv4Server {
            ip: Ipv4Addr::from(c.u32("ip")?.to_le_bytes()),
            port: c.u16("port")?,
            l4proto: c.u8("l4proto")?,
        },
        6 => FdDetail::Ipv6Server {
            ip: Ipv6Addr::from(c.ip6("ip")?),
            port: c.u16("port")?,
            l4proto: c.u8("l4proto")?,
        },
        8 => FdDetail::Unix {
            source: c.u64("source")?,
            destination: c.u64("destination")?,
            name: name(c)?,
        },
        16 => {
            let open_flags = c.u32("open flags")?;
            let name = name(c)?;
            let dev = if entry_len != 0 && c.pos() - start + 4 <= entry_len {
                Some(c.u32("dev")?)
            } else {
                None
            };
            FdDetail::File {
                open_flags,
                name,
                dev,
            }
        }
        1 | 2 | 7 | 9..=15 | 17..=21 => FdDetail::Named { name: name(c)? },
        _ => FdDetail::Unknown,
    };
    if entry_len != 0 {
        let read = c.pos() - start;
        if read > entry_len {
            return Err(BodyError::Bad(format!(
                "read {read} bytes, but fd entry has length {entry_len}"
            )));
        }
        c.skip(entry_len - read, "fd entry padding")?;
    }
    Ok(FdInfo {
        fd,
        ino,
        fd_type,
        detail,
    })
}

/// A user of the machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInfo {
    /// User id.
    pub uid: u32,
    /// Primary group id.
    pub gid: u32,
    /// Login name.
    pub name: String,
    /// Home directory.
    pub homedir: String,
    /// Login shell.
    pub shell: String,
}

/// A group of the machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupInfo {
    /// Group id.
    pub gid: u32,
    /// Group name.
    pub name: String,
}

/// The user list block: users and groups, interleaved on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserList {
    /// Users in file order.
    pub users: Vec<UserInfo>,
    /// Groups in file order.
    pub groups: Vec<GroupInfo>,
}

pub(crate) fn parse_userlist(body: &[u8], v2: bool) -> Result<UserList, BodyError> {
    let mut c = Cursor::new(body);
    let mut list = UserList::default();
    while c.remaining() >= 4 {
        let start = c.pos();
        let entry_len = if v2 {
            c.u32("user entry length")? as usize
        } else {
            0
        };
        // Type 0 is a user; libscap reads anything else as a group.
        if c.u8("user entry type")? == 0 {
            list.users.push(UserInfo {
                uid: c.u32("uid")?,
                gid: c.u32("gid")?,
                name: text(c.str16(MAX_CREDENTIAL, "user name")?),
                homedir: text(c.str16(MAX_CREDENTIAL, "user homedir")?),
                shell: text(c.str16(MAX_CREDENTIAL, "user shell")?),
            });
        } else {
            list.groups.push(GroupInfo {
                gid: c.u32("gid")?,
                name: text(c.str16(MAX_CREDENTIAL, "group name")?),
            });
        }
        if entry_len != 0 {
            let read = c.pos() - start;
            if read > entry_len {
                return Err(BodyError::Bad(format!(
                    "read {read} bytes, but user list entry has length {entry_len}"
                )));
            }
            c.skip(entry_len - read, "user entry padding")?;
        }
    }
    Ok(list)
}

/// One address of a network interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    /// Interface name (`eth0`).
    pub name: String,
    /// Address, netmask and broadcast address.
    pub addr: InterfaceAddr,
    /// Link speed (0 when the writer did not record it).
    pub linkspeed: u64,
}

/// The addresses of an interface entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InterfaceAddr {
    /// IPv4 address, netmask, broadcast.
    V4(Ipv4Addr, Ipv4Addr, Ipv4Addr),
    /// IPv6 address, netmask, broadcast.
    V6(Ipv6Addr, Ipv6Addr, Ipv6Addr),
}

pub(crate) fn parse_iflist(body: &[u8], v2: bool) -> Result<Vec<Interface>, BodyError> {
    let mut c = Cursor::new(body);
    let mut out = Vec::new();
    while c.remaining() >= 4 {
        // v2 entries are prefixed by their length, not counting the prefix.
        let entry_len = if v2 {
            Some(c.u32("interface entry length")? as usize)
        } else {
            None
        };
        let start = c.pos();
        let if_type = c.u16("interface type")?;
        let name_len = usize::from(c.u16("interface name length")?);
        if name_len >= MAX_PATH {
            return Err(BodyError::Bad(format!("interface name length {name_len}")));
        }
        let v4 = |c: &mut Cursor<'_>, w: &str| -> Result<Ipv4Addr, BodyError> {
            Ok(Ipv4Addr::from(c.u32(w)?.to_le_bytes()))
        };
        let v6 = |c: &mut Cursor<'_>, w: &str| -> Result<Ipv6Addr, BodyError> {
            Ok(Ipv6Addr::from(c.ip6(w)?))
        };
        let addr = match if_type {
            1 | 3 => InterfaceAddr::V4(
                v4(&mut c, "addr")?,
                v4(&mut c, "netmask")?,
                v4(&mut c, "bcast")?,
            ),
            2 | 4 => InterfaceAddr::V6(
                v6(&mut c, "addr")?,
                v6(&mut c, "netmask")?,
                v6(&mut c, "bcast")?,
            ),
            other => return Err(BodyError::Bad(format!("unknown interface type {other}"))),
        };
        let linkspeed = if if_type <= 2 { c.u64("linkspeed")? } else { 0 };
        let name = text(c.bytes(name_len, "interface name")?);
        if let Some(entry_len) = entry_len {
            let read = c.pos() - start;
            if read > entry_len {
                return Err(BodyError::Bad(format!(
                    "read {read} bytes, but interface entry has length {entry_len}"
                )));
            }
            c.skip(entry_len - read, "interface entry padding")?;
        }
        out.push(Interface {
            name,
            addr,
            linkspeed,
        });
    }
    Ok(out)
}
