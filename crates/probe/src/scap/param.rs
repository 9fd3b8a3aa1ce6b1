//! Typed decoding of event parameters by the parameter types of the driver's event table.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::schema::event_layout::{ParamInfo, ParamType};

/// Socket family codes of the driver (`PPM_AF_*`).
const AF_UNIX: u8 = 1;
const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;

/// A decoded event parameter. Byte strings borrow the event.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamValue<'a> {
    /// A zero-length parameter: the driver had no value to record.
    Empty,
    /// Signed integers (`INT8`..`INT64`).
    Int(i64),
    /// Unsigned integers and unsigned-like codes (`UINT*`, `UID`, `GID`, `SYSCALLID`, `SIGTYPE`,
    /// `PORT`, `L4PROTO`, `SOCKFAMILY`, `SIGSET`, `MODE`).
    Uint(u64),
    /// A syscall return value or error (`ERRNO`): negative values are `-errno`.
    Errno(i64),
    /// A file descriptor (`FD`, `FD32`).
    Fd(i64),
    /// A process or thread id (`PID`, `PID32`).
    Pid(i64),
    /// Flag bits (`FLAGS*`, `ENUMFLAGS*`).
    Flags(u32),
    /// A relative time in nanoseconds (`RELTIME`).
    RelTime(u64),
    /// An absolute time in nanoseconds since the epoch (`ABSTIME`).
    AbsTime(u64),
    /// A boolean (`BOOL`).
    Bool(bool),
    /// A double (`DOUBLE`).
    Double(f64),
    /// A string (`CHARBUF`, `FSPATH`, `FSRELPATH`), without its terminating NUL.
    Str(&'a [u8]),
    /// Raw bytes (`BYTEBUF`, and the array types whose wire form is NUL-separated strings).
    Bytes(&'a [u8]),
    /// An IPv4 address (`IPV4ADDR`, or a 4-byte `IPADDR`).
    Ipv4(Ipv4Addr),
    /// An IPv6 address (`IPV6ADDR`, or a 16-byte `IPADDR`).
    Ipv6(Ipv6Addr),
    /// A socket address (`SOCKADDR`).
    SockAddr(SockAddr<'a>),
    /// A connection tuple (`SOCKTUPLE`).
    SockTuple(SockTuple<'a>),
    /// A list of fds with their poll flags (`FDLIST`).
    FdList(Vec<(i64, u16)>),
    /// A dynamic parameter: the index byte that selects its type, and the value.
    Dyn(u8, Box<ParamValue<'a>>),
}

/// A socket address as the driver encodes it: a family byte and the family's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SockAddr<'a> {
    /// `AF_UNIX`, with its path.
    Unix(&'a [u8]),
    /// `AF_INET` address and port.
    Inet(Ipv4Addr, u16),
    /// `AF_INET6` address and port.
    Inet6(Ipv6Addr, u16),
    /// Any other family, with its undecoded data.
    Other(u8, &'a [u8]),
}

/// Both ends of a connection as the driver encodes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SockTuple<'a> {
    /// `AF_INET`: source and destination address and port.
    Inet(Ipv4Addr, u16, Ipv4Addr, u16),
    /// `AF_INET6`: source and destination address and port.
    Inet6(Ipv6Addr, u16, Ipv6Addr, u16),
    /// `AF_UNIX`: source and destination kernel pointers and the path.
    Unix(u64, u64, &'a [u8]),
    /// Any other family, with its undecoded data.
    Other(u8, &'a [u8]),
}

/// Why a parameter could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    /// The event has no parameter of that index, or the table lists none.
    #[error("event has no parameter {0}")]
    NoSuchParam(usize),
    /// The parameter's length does not fit its type.
    #[error("parameter {name} of type {ty:?} has invalid length {len}")]
    BadLength {
        /// Parameter name.
        name: &'static str,
        /// Parameter type.
        ty: ParamType,
        /// Length found.
        len: usize,
    },
    /// A dynamic parameter's index byte selects no type.
    #[error("parameter {name} has unknown dynamic type index {index}")]
    BadDynIndex {
        /// Parameter name.
        name: &'static str,
        /// The index byte.
        index: u8,
    },
}

/// Decodes `raw` as parameter `info`.
pub fn decode_param<'a>(info: &ParamInfo, raw: &'a [u8]) -> Result<ParamValue<'a>, ParamError> {
    if raw.is_empty() {
        return Ok(ParamValue::Empty);
    }
    if info.ty == ParamType::Dyn {
        let (&index, value) = raw.split_first().unwrap_or((&0, &[]));
        let ty = *info
            .dyn_types
            .get(usize::from(index))
            .ok_or(ParamError::BadDynIndex {
                name: info.name,
                index,
            })?;
        let inner = ParamInfo {
            name: info.name,
            ty,
            dyn_types: &[],
        };
        return Ok(ParamValue::Dyn(
            index,
            Box::new(decode_param(&inner, value)?),
        ));
    }
    decode_fixed(info.name, info.ty, raw)
}

fn decode_fixed<'a>(
    name: &'static str,
    ty: ParamType,
    raw: &'a [u8],
) -> Result<ParamValue<'a>, ParamError> {
    use ParamType as T;
    use ParamValue as V;
    let bad = || ParamError::BadLength {
        name,
        ty,
        len: raw.len(),
    };
    // Unsigned little-endian integer of exactly `n` bytes.
    let uint = |n: usize| -> Result<u64, ParamError> {
        if raw.len() != n {
            return Err(bad());
        }
        let mut buf = [0u8; 8];
        buf.get_mut(..n).ok_or_else(bad)?.copy_from_slice(raw);
        Ok(u64::from_le_bytes(buf))
    };
    // Signed integer of exactly `n` bytes, sign-extended.
    let int = |n: usize| -> Result<i64, ParamError> {
        let v = uint(n)?;
        let shift = 64 - 8 * n as u32;
        Ok(((v << shift) as i64) >> shift)
    };
    Ok(match ty {
        T::Int8 => V::Int(int(1)?),
        T::Int16 => V::Int(int(2)?),
        T::Int32 => V::Int(int(4)?),
        T::Int64 => V::Int(int(8)?),
        T::Uint8 | T::SigType | T::L4Proto | T::SockFamily => V::Uint(uint(1)?),
        T::Uint16 | T::SyscallId | T::Port => V::Uint(uint(2)?),
        T::Uint32 | T::Uid | T::Gid | T::SigSet | T::Mode => V::Uint(uint(4)?),
        T::Uint64 => V::Uint(uint(8)?),
        T::Errno => V::Errno(int(8)?),
        T::Fd => V::Fd(int(8)?),
        T::Fd32 => V::Fd(int(4)?),
        T::Pid => V::Pid(int(8)?),
        T::Pid32 => V::Pid(int(4)?),
        T::Flags8 | T::EnumFlags8 => V::Flags(uint(1)? as u32),
        T::Flags16 | T::EnumFlags16 => V::Flags(uint(2)? as u32),
        T::Flags32 | T::EnumFlags32 => V::Flags(uint(4)? as u32),
        T::RelTime => V::RelTime(uint(8)?),
        T::AbsTime => V::AbsTime(uint(8)?),
        T::Bool => V::Bool(uint(4)? != 0),
        T::Double => V::Double(f64::from_bits(uint(8)?)),
        T::CharBuf | T::FsPath | T::FsRelPath => V::Str(until_nul(raw)),
        T::Ipv4Addr => V::Ipv4(ipv4(raw).ok_or_else(bad)?),
        T::Ipv6Addr => V::Ipv6(ipv6(raw).ok_or_else(bad)?),
        T::IpAddr => match raw.len() {
            4 => V::Ipv4(ipv4(raw).ok_or_else(bad)?),
            16 => V::Ipv6(ipv6(raw).ok_or_else(bad)?),
            _ => return Err(bad()),
        },
        T::SockAddr => V::SockAddr(sockaddr(raw).ok_or_else(bad)?),
        T::SockTuple => V::SockTuple(socktuple(raw).ok_or_else(bad)?),
        T::FdList => V::FdList(fdlist(raw).ok_or_else(bad)?),
        T::ByteBuf
        | T::CharBufArray
        | T::CharBufPairArray
        | T::Ipv4Net
        | T::Ipv6Net
        | T::IpNet
        | T::None
        | T::Dyn => V::Bytes(raw),
    })
}

fn until_nul(raw: &[u8]) -> &[u8] {
    let end = raw.iter().position(|&b| b == 0).unwrap_or(raw.len());
    raw.get(..end).unwrap_or_default()
}

fn ipv4(raw: &[u8]) -> Option<Ipv4Addr> {
    let b: [u8; 4] = raw.get(..4)?.try_into().ok()?;
    Some(Ipv4Addr::from(b))
}

fn ipv6(raw: &[u8]) -> Option<Ipv6Addr> {
    let b: [u8; 16] = raw.get(..16)?.try_into().ok()?;
    Some(Ipv6Addr::from(b))
}

fn port(raw: &[u8]) -> Option<u16> {
    Some(u16::from_le_bytes(raw.get(..2)?.try_into().ok()?))
}

fn u64_at(raw: &[u8]) -> Option<u64> {
    Some(u64::from_le_bytes(raw.get(..8)?.try_into().ok()?))
}

fn sockaddr(raw: &[u8]) -> Option<SockAddr<'_>> {
    let (&family, rest) = raw.split_first()?;
    Some(match family {
        AF_INET => SockAddr::Inet(ipv4(rest)?, port(rest.get(4..)?)?),
        AF_INET6 => SockAddr::Inet6(ipv6(rest)?, port(rest.get(16..)?)?),
        AF_UNIX => SockAddr::Unix(until_nul(rest)),
        other => SockAddr::Other(other, rest),
    })
}

fn socktuple(raw: &[u8]) -> Option<SockTuple<'_>> {
    let (&family, rest) = raw.split_first()?;
    Some(match family {
        AF_INET => SockTuple::Inet(
            ipv4(rest)?,
            port(rest.get(4..)?)?,
            ipv4(rest.get(6..)?)?,
            port(rest.get(10..)?)?,
        ),
        AF_INET6 => SockTuple::Inet6(
            ipv6(rest)?,
            port(rest.get(16..)?)?,
            ipv6(rest.get(18..)?)?,
            port(rest.get(34..)?)?,
        ),
        AF_UNIX => SockTuple::Unix(
            u64_at(rest)?,
            u64_at(rest.get(8..)?)?,
            until_nul(rest.get(16..)?),
        ),
        other => SockTuple::Other(other, rest),
    })
}

fn fdlist(raw: &[u8]) -> Option<Vec<(i64, u16)>> {
    let count = usize::from(port(raw)?);
    let entries = raw.get(2..)?;
    if entries.len() < count.checked_mul(10)? {
        return None;
    }
    entries
        .chunks_exact(10)
        .take(count)
        .map(|e| Some((u64_at(e)? as i64, port(e.get(8..)?)?)))
        .collect()
}
