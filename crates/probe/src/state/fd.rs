//! File descriptors as the state tracks them: what each open fd of a process refers to.

use std::fmt::Write;
use std::net::IpAddr;

use super::args::push_u64;
use super::hash::IdMap;
use crate::extract::{FdInfo as EventFd, FdKind, L4Proto, SocketInfo};
use crate::scap::{FdDetail, FdInfo as ScapFd, SockAddr, SockTuple};

/// scap's `scap_l4_proto` codes as capture fd lists store them.
const SCAP_L4_TCP: u8 = 1;
const SCAP_L4_UDP: u8 = 2;
const SCAP_L4_ICMP: u8 = 3;
const SCAP_L4_RAW: u8 = 4;

/// scap fd type codes of the fd list entries without a detail the reader decodes.
const SCAP_FD_FILE: u8 = 1;
const SCAP_FD_DIRECTORY: u8 = 2;
const SCAP_FD_FIFO: u8 = 7;
const SCAP_FD_EVENT: u8 = 9;
const SCAP_FD_SIGNALFD: u8 = 11;
const SCAP_FD_EVENTPOLL: u8 = 12;
const SCAP_FD_INOTIFY: u8 = 13;
const SCAP_FD_TIMERFD: u8 = 14;
const SCAP_FD_NETLINK: u8 = 15;

/// One open file descriptor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fd {
    /// Its kind; `None` for kinds libsinsp prints as `<NA>` (unknown, unsupported).
    pub kind: Option<FdKind>,
    /// `fd.name`: the path for files, the tuple for connected sockets, ...
    pub name: String,
    /// The path as the program gave it, when it differs from `name`.
    pub name_raw: Option<String>,
    /// Endpoints of IP sockets.
    pub socket: Option<SocketInfo>,
    /// PPM open flags of files opened during the capture.
    pub open_flags: u32,
}

impl Fd {
    /// An fd of `kind` named `name`.
    pub fn new(kind: Option<FdKind>, name: impl Into<String>) -> Fd {
        Fd {
            kind,
            name: name.into(),
            name_raw: None,
            socket: None,
            open_flags: 0,
        }
    }

    /// The fd from a capture's fd list entry, named as libsinsp names it.
    pub fn from_scap(entry: &ScapFd) -> Fd {
        match &entry.detail {
            FdDetail::Ipv4Socket {
                sip,
                dip,
                sport,
                dport,
                l4proto,
            } => socket_fd(
                FdKind::Ipv4,
                (IpAddr::V4(*sip), *sport),
                (IpAddr::V4(*dip), *dport),
                *l4proto,
            ),
            FdDetail::Ipv6Socket {
                sip,
                dip,
                sport,
                dport,
                l4proto,
            } => {
                // IPv4-mapped pairs are shown as IPv4 sockets.
                match (sip.to_ipv4_mapped(), dip.to_ipv4_mapped()) {
                    (Some(s), Some(d)) => socket_fd(
                        FdKind::Ipv4,
                        (IpAddr::V4(s), *sport),
                        (IpAddr::V4(d), *dport),
                        *l4proto,
                    ),
                    _ => socket_fd(
                        FdKind::Ipv6,
                        (IpAddr::V6(*sip), *sport),
                        (IpAddr::V6(*dip), *dport),
                        *l4proto,
                    ),
                }
            }
            FdDetail::Ipv4Server { ip, port, l4proto } => {
                server_fd(FdKind::Ipv4, (IpAddr::V4(*ip), *port), *l4proto)
            }
            FdDetail::Ipv6Server { ip, port, l4proto } => {
                server_fd(FdKind::Ipv6, (IpAddr::V6(*ip), *port), *l4proto)
            }
            FdDetail::Unix { name, .. } => Fd::new(Some(FdKind::Unix), name.clone()),
            FdDetail::File {
                open_flags, name, ..
            } => {
                let mut fd = Fd::new(Some(FdKind::File), name.clone());
                fd.open_flags = *open_flags;
                fd
            }
            FdDetail::Named { name } => Fd::new(kind_of_scap_type(entry.fd_type), name.clone()),
            FdDetail::Unknown => Fd::new(None, String::new()),
        }
    }

    /// The record of this fd as number `num` that an event carries.
    pub fn to_event_fd(&self, num: i64) -> EventFd {
        EventFd {
            num,
            kind: self.kind.unwrap_or(FdKind::File),
            name: self.name.clone(),
            name_raw: self.name_raw.clone(),
            socket: self.socket.clone(),
        }
    }

    /// Updates the endpoints of a socket from a connect or sendto tuple, as libsinsp merges
    /// them: the source always, the destination only when unknown or `overwrite_dest`. A
    /// source without address sending to a loopback address is that loopback address.
    pub fn merge_tuple(&mut self, tuple: &SockTuple<'_>, overwrite_dest: bool) {
        let (kind, mut src, dst) = match tuple {
            SockTuple::Inet(s, sp, d, dp) => {
                (FdKind::Ipv4, (IpAddr::V4(*s), *sp), (IpAddr::V4(*d), *dp))
            }
            SockTuple::Inet6(s, sp, d, dp) => {
                (FdKind::Ipv6, (IpAddr::V6(*s), *sp), (IpAddr::V6(*d), *dp))
            }
            SockTuple::Unix(..) | SockTuple::Other(..) => {
                self.name = tuple_text(tuple);
                return;
            }
        };
        if src.0.is_unspecified() && dst.0.is_loopback() {
            src.0 = dst.0;
        }
        let known = self.socket.as_ref().filter(|_| self.kind == Some(kind));
        let server = match known {
            Some(s) if !overwrite_dest && !s.server.0.is_unspecified() && s.server.1 != 0 => {
                s.server
            }
            _ => dst,
        };
        let l4proto = self.socket.as_ref().map_or(L4Proto::Tcp, |s| s.l4proto);
        self.kind = Some(kind);
        self.name.clear();
        push_endpoint(&mut self.name, src.0, src.1);
        self.name.push_str("->");
        push_endpoint(&mut self.name, server.0, server.1);
        self.socket = Some(SocketInfo {
            l4proto,
            client: src,
            server,
            is_server: false,
            connected: true,
            server_name: None,
        });
    }

    /// Sets the endpoints from an accept tuple and names the fd after them.
    pub fn set_tuple(&mut self, tuple: &SockTuple<'_>, is_server: bool) {
        let ends = match tuple {
            SockTuple::Inet(s, sp, d, dp) => {
                Some((FdKind::Ipv4, (IpAddr::V4(*s), *sp), (IpAddr::V4(*d), *dp)))
            }
            SockTuple::Inet6(s, sp, d, dp) => {
                Some((FdKind::Ipv6, (IpAddr::V6(*s), *sp), (IpAddr::V6(*d), *dp)))
            }
            SockTuple::Unix(..) | SockTuple::Other(..) => None,
        };
        self.name = tuple_text(tuple);
        if let Some((kind, client, server)) = ends {
            let l4proto = self.socket.as_ref().map_or(L4Proto::Tcp, |s| s.l4proto);
            self.kind = Some(kind);
            self.socket = Some(SocketInfo {
                l4proto,
                client,
                server,
                is_server,
                connected: true,
                server_name: None,
            });
        }
    }
}

/// The kind of a socket created with `domain` (driver `PPM_AF_*`), `None` when libsinsp keeps
/// no fd for it.
pub fn socket_kind(domain: u64) -> Option<FdKind> {
    match domain {
        1 => Some(FdKind::Unix),
        2 => Some(FdKind::Ipv4),
        10 => Some(FdKind::Ipv6),
        16 => Some(FdKind::Netlink),
        _ => None,
    }
}

/// The layer-4 protocol of a new socket from its `type` and `proto` arguments.
pub fn socket_l4proto(ty: u64, proto: u64) -> L4Proto {
    match (ty & 0xf, proto) {
        (_, 6) | (1, 0) => L4Proto::Tcp,
        (_, 17) | (2, 0) => L4Proto::Udp,
        (_, 1) | (_, 58) => L4Proto::Icmp,
        _ => L4Proto::Raw,
    }
}

fn kind_of_scap_type(code: u8) -> Option<FdKind> {
    Some(match code {
        SCAP_FD_FILE => FdKind::File,
        SCAP_FD_DIRECTORY => FdKind::Directory,
        SCAP_FD_FIFO => FdKind::Pipe,
        SCAP_FD_EVENT => FdKind::Event,
        SCAP_FD_SIGNALFD => FdKind::Signalfd,
        SCAP_FD_EVENTPOLL => FdKind::Eventpoll,
        SCAP_FD_INOTIFY => FdKind::Inotify,
        SCAP_FD_TIMERFD => FdKind::Timerfd,
        SCAP_FD_NETLINK => FdKind::Netlink,
        _ => return None,
    })
}

fn l4proto(code: u8) -> L4Proto {
    match code {
        SCAP_L4_TCP => L4Proto::Tcp,
        SCAP_L4_UDP => L4Proto::Udp,
        SCAP_L4_ICMP => L4Proto::Icmp,
        SCAP_L4_RAW => L4Proto::Raw,
        _ => L4Proto::Raw,
    }
}

fn socket_fd(kind: FdKind, client: (IpAddr, u16), server: (IpAddr, u16), proto: u8) -> Fd {
    let mut fd = Fd::new(
        Some(kind),
        format!(
            "{}->{}",
            endpoint_text(client.0, client.1),
            endpoint_text(server.0, server.1)
        ),
    );
    fd.socket = Some(SocketInfo {
        l4proto: l4proto(proto),
        client,
        server,
        is_server: false,
        connected: proto == SCAP_L4_TCP,
        server_name: None,
    });
    fd
}

fn server_fd(kind: FdKind, local: (IpAddr, u16), proto: u8) -> Fd {
    let mut fd = Fd::new(Some(kind), endpoint_text(local.0, local.1));
    let any = match kind {
        FdKind::Ipv6 => IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED),
        _ => IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED),
    };
    fd.socket = Some(SocketInfo {
        l4proto: l4proto(proto),
        client: (any, 0),
        server: local,
        is_server: true,
        connected: false,
        server_name: None,
    });
    fd
}

/// `addr:port` as libsinsp writes an endpoint (IPv6 without brackets).
pub fn endpoint_text(ip: IpAddr, port: u16) -> String {
    let mut s = String::with_capacity(21);
    push_endpoint(&mut s, ip, port);
    s
}

/// Appends `addr:port` (IPv4 digits written directly: this runs for every connect).
fn push_endpoint(out: &mut String, ip: IpAddr, port: u16) {
    match ip {
        IpAddr::V4(v4) => {
            // At most 15 bytes, written to the stack and appended at once.
            let mut text = [0u8; 15];
            let mut len = 0;
            for (i, octet) in v4.octets().into_iter().enumerate() {
                let mut put = |b: u8| {
                    if let Some(slot) = text.get_mut(len) {
                        *slot = b;
                        len += 1;
                    }
                };
                if i > 0 {
                    put(b'.');
                }
                if octet >= 100 {
                    put(b'0' + octet / 100);
                }
                if octet >= 10 {
                    put(b'0' + octet / 10 % 10);
                }
                put(b'0' + octet % 10);
            }
            // Only ASCII digits and dots were written.
            out.push_str(
                std::str::from_utf8(text.get(..len).unwrap_or_default()).unwrap_or_default(),
            );
        }
        IpAddr::V6(v6) => {
            let _ = write!(out, "{v6}");
        }
    }
    out.push(':');
    push_u64(out, u64::from(port));
}

/// A connection tuple as libsinsp prints it: `cip:cport->sip:sport`, or for unix sockets the
/// two kernel pointers in hex and the path.
pub fn tuple_text(tuple: &SockTuple<'_>) -> String {
    let mut s = String::new();
    match tuple {
        SockTuple::Inet(a, ap, b, bp) => {
            push_endpoint(&mut s, IpAddr::V4(*a), *ap);
            s.push_str("->");
            push_endpoint(&mut s, IpAddr::V4(*b), *bp);
        }
        SockTuple::Inet6(a, ap, b, bp) => {
            push_endpoint(&mut s, IpAddr::V6(*a), *ap);
            s.push_str("->");
            push_endpoint(&mut s, IpAddr::V6(*b), *bp);
        }
        SockTuple::Unix(a, b, path) => {
            let _ = write!(s, "{a:x}->{b:x} {}", String::from_utf8_lossy(path));
        }
        SockTuple::Other(..) => {}
    }
    s
}

/// A socket address as libsinsp prints it.
pub fn sockaddr_text(addr: &SockAddr<'_>) -> String {
    match addr {
        SockAddr::Inet(ip, port) => endpoint_text(IpAddr::V4(*ip), *port),
        SockAddr::Inet6(ip, port) => endpoint_text(IpAddr::V6(*ip), *port),
        SockAddr::Unix(path) => String::from_utf8_lossy(path).into_owned(),
        SockAddr::Other(..) => String::new(),
    }
}

/// The open fds of one process.
#[derive(Debug, Clone, Default)]
pub struct FdTable {
    fds: IdMap<i64, Fd>,
}

/// Most fds one process table keeps: libsinsp's default fd table limit.
pub const MAX_FDS_PER_PROCESS: usize = 4096;

impl FdTable {
    /// The fd numbered `num`.
    pub fn get(&self, num: i64) -> Option<&Fd> {
        self.fds.get(&num)
    }

    /// The fd numbered `num`, to update it.
    pub fn get_mut(&mut self, num: i64) -> Option<&mut Fd> {
        self.fds.get_mut(&num)
    }

    /// Adds or replaces fd `num` (ignored when the table is full, as libsinsp drops it).
    pub fn insert(&mut self, num: i64, fd: Fd) {
        if self.fds.len() < MAX_FDS_PER_PROCESS || self.fds.contains_key(&num) {
            self.fds.insert(num, fd);
        }
    }

    /// Removes fd `num`, returning it.
    pub fn remove(&mut self, num: i64) -> Option<Fd> {
        self.fds.remove(&num)
    }

    /// Number of open fds.
    pub fn len(&self) -> usize {
        self.fds.len()
    }

    /// True without open fds.
    pub fn is_empty(&self) -> bool {
        self.fds.is_empty()
    }
}
