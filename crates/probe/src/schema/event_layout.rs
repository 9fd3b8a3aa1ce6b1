//! Per-event layout of the driver event table: for every event code, its name, category,
//! flags and the ordered names and types of its parameters, as libscap and libsinsp decode
//! them.
//!
//! Generated once from the driver's event table, event code enum and dynamic parameter tables
//! (libs snapshot 48dfd53c, driver schema 4.5.1). Only names, numbers and types are recorded.

/// The type of one event parameter (the driver's `ppm_param_type`, same numbering).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum ParamType {
    /// `PT_NONE`
    None = 0,
    /// `PT_INT8`
    Int8 = 1,
    /// `PT_INT16`
    Int16 = 2,
    /// `PT_INT32`
    Int32 = 3,
    /// `PT_INT64`
    Int64 = 4,
    /// `PT_UINT8`
    Uint8 = 5,
    /// `PT_UINT16`
    Uint16 = 6,
    /// `PT_UINT32`
    Uint32 = 7,
    /// `PT_UINT64`
    Uint64 = 8,
    /// `PT_CHARBUF`
    CharBuf = 9,
    /// `PT_BYTEBUF`
    ByteBuf = 10,
    /// `PT_ERRNO`
    Errno = 11,
    /// `PT_SOCKADDR`
    SockAddr = 12,
    /// `PT_SOCKTUPLE`
    SockTuple = 13,
    /// `PT_FD`
    Fd = 14,
    /// `PT_PID`
    Pid = 15,
    /// `PT_FDLIST`
    FdList = 16,
    /// `PT_FSPATH`
    FsPath = 17,
    /// `PT_SYSCALLID`
    SyscallId = 18,
    /// `PT_SIGTYPE`
    SigType = 19,
    /// `PT_RELTIME`
    RelTime = 20,
    /// `PT_ABSTIME`
    AbsTime = 21,
    /// `PT_PORT`
    Port = 22,
    /// `PT_L4PROTO`
    L4Proto = 23,
    /// `PT_SOCKFAMILY`
    SockFamily = 24,
    /// `PT_BOOL`
    Bool = 25,
    /// `PT_IPV4ADDR`
    Ipv4Addr = 26,
    /// `PT_DYN`
    Dyn = 27,
    /// `PT_FLAGS8`
    Flags8 = 28,
    /// `PT_FLAGS16`
    Flags16 = 29,
    /// `PT_FLAGS32`
    Flags32 = 30,
    /// `PT_UID`
    Uid = 31,
    /// `PT_GID`
    Gid = 32,
    /// `PT_DOUBLE`
    Double = 33,
    /// `PT_SIGSET`
    SigSet = 34,
    /// `PT_CHARBUFARRAY`
    CharBufArray = 35,
    /// `PT_CHARBUF_PAIR_ARRAY`
    CharBufPairArray = 36,
    /// `PT_IPV4NET`
    Ipv4Net = 37,
    /// `PT_IPV6ADDR`
    Ipv6Addr = 38,
    /// `PT_IPV6NET`
    Ipv6Net = 39,
    /// `PT_IPADDR`
    IpAddr = 40,
    /// `PT_IPNET`
    IpNet = 41,
    /// `PT_MODE`
    Mode = 42,
    /// `PT_FSRELPATH`
    FsRelPath = 43,
    /// `PT_ENUMFLAGS8`
    EnumFlags8 = 44,
    /// `PT_ENUMFLAGS16`
    EnumFlags16 = 45,
    /// `PT_ENUMFLAGS32`
    EnumFlags32 = 46,
    /// `PT_FD32`
    Fd32 = 47,
    /// `PT_PID32`
    Pid32 = 48,
}

/// Event category bits (`ppm_event_category`).
pub mod category {
    /// `EC_UNKNOWN`
    pub const EC_UNKNOWN: u32 = 0x0;
    /// `EC_OTHER`
    pub const EC_OTHER: u32 = 0x1;
    /// `EC_FILE`
    pub const EC_FILE: u32 = 0x2;
    /// `EC_NET`
    pub const EC_NET: u32 = 0x3;
    /// `EC_IPC`
    pub const EC_IPC: u32 = 0x4;
    /// `EC_MEMORY`
    pub const EC_MEMORY: u32 = 0x5;
    /// `EC_PROCESS`
    pub const EC_PROCESS: u32 = 0x6;
    /// `EC_SLEEP`
    pub const EC_SLEEP: u32 = 0x7;
    /// `EC_SYSTEM`
    pub const EC_SYSTEM: u32 = 0x8;
    /// `EC_SIGNAL`
    pub const EC_SIGNAL: u32 = 0x9;
    /// `EC_USER`
    pub const EC_USER: u32 = 0xa;
    /// `EC_TIME`
    pub const EC_TIME: u32 = 0xb;
    /// `EC_PROCESSING`
    pub const EC_PROCESSING: u32 = 0xc;
    /// `EC_IO_BASE`
    pub const EC_IO_BASE: u32 = 0x20;
    /// `EC_IO_READ`
    pub const EC_IO_READ: u32 = 0x20;
    /// `EC_IO_WRITE`
    pub const EC_IO_WRITE: u32 = 0x21;
    /// `EC_IO_OTHER`
    pub const EC_IO_OTHER: u32 = 0x22;
    /// `EC_WAIT`
    pub const EC_WAIT: u32 = 0x40;
    /// `EC_SCHEDULER`
    pub const EC_SCHEDULER: u32 = 0x80;
    /// `EC_INTERNAL`
    pub const EC_INTERNAL: u32 = 0x100;
    /// `EC_SYSCALL`
    pub const EC_SYSCALL: u32 = 0x200;
    /// `EC_TRACEPOINT`
    pub const EC_TRACEPOINT: u32 = 0x400;
    /// `EC_PLUGIN`
    pub const EC_PLUGIN: u32 = 0x800;
    /// `EC_METAEVENT`
    pub const EC_METAEVENT: u32 = 0x1000;
    /// `EC_ITER`
    pub const EC_ITER: u32 = 0x2000;
}

/// Event flag bits (`ppm_event_flags`).
pub mod flags {
    /// `EF_NONE`
    pub const EF_NONE: u32 = 0x0;
    /// `EF_CREATES_FD`
    pub const EF_CREATES_FD: u32 = 0x1;
    /// `EF_DESTROYS_FD`
    pub const EF_DESTROYS_FD: u32 = 0x2;
    /// `EF_USES_FD`
    pub const EF_USES_FD: u32 = 0x4;
    /// `EF_READS_FROM_FD`
    pub const EF_READS_FROM_FD: u32 = 0x8;
    /// `EF_WRITES_TO_FD`
    pub const EF_WRITES_TO_FD: u32 = 0x10;
    /// `EF_MODIFIES_STATE`
    pub const EF_MODIFIES_STATE: u32 = 0x20;
    /// `EF_UNUSED`
    pub const EF_UNUSED: u32 = 0x40;
    /// `EF_WAITS`
    pub const EF_WAITS: u32 = 0x80;
    /// `EF_SKIPPARSERESET`
    pub const EF_SKIPPARSERESET: u32 = 0x100;
    /// `EF_OLD_VERSION`
    pub const EF_OLD_VERSION: u32 = 0x200;
    /// `EF_LARGE_PAYLOAD`
    pub const EF_LARGE_PAYLOAD: u32 = 0x800;
    /// `EF_CONVERTER_MANAGED`
    pub const EF_CONVERTER_MANAGED: u32 = 0x1000;
}

/// One parameter of an event: its name, its type and, for a `Dyn` parameter, the types its
/// leading index byte selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamInfo {
    /// The parameter name (`evt.arg.NAME`).
    pub name: &'static str,
    /// The parameter type.
    pub ty: ParamType,
    /// For `ParamType::Dyn`: the type of the value for each index byte; empty otherwise.
    pub dyn_types: &'static [ParamType],
}

/// One event code: name, category, flags and parameters in wire order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventInfo {
    /// The event name (enter, exit and older versions share it; unused codes are `NA`).
    pub name: &'static str,
    /// Category bits, see [`category`].
    pub category: u32,
    /// Flag bits, see [`flags`].
    pub flags: u32,
    /// The parameters in the order the driver writes them.
    pub params: &'static [ParamInfo],
}

const fn p(name: &'static str, ty: ParamType) -> ParamInfo {
    ParamInfo {
        name,
        ty,
        dyn_types: &[],
    }
}

const fn d(name: &'static str, dyn_types: &'static [ParamType]) -> ParamInfo {
    ParamInfo {
        name,
        ty: ParamType::Dyn,
        dyn_types,
    }
}

const fn e(
    name: &'static str,
    category: u32,
    flags: u32,
    params: &'static [ParamInfo],
) -> EventInfo {
    EventInfo {
        name,
        category,
        flags,
        params,
    }
}

/// Value types of the dynamic parameter table `sockopt_dynamic_param`, by index byte.
const SOCKOPT_DYNAMIC_PARAM: &[ParamType] = &[
    ParamType::ByteBuf,
    ParamType::Errno,
    ParamType::Uint32,
    ParamType::Uint64,
    ParamType::RelTime,
];
/// Value types of the dynamic parameter table `ptrace_dynamic_param`, by index byte.
const PTRACE_DYNAMIC_PARAM: &[ParamType] = &[ParamType::Uint64, ParamType::SigType];
/// Value types of the dynamic parameter table `bpf_dynamic_param`, by index byte.
const BPF_DYNAMIC_PARAM: &[ParamType] = &[ParamType::Fd, ParamType::Errno];
/// Value types of the dynamic parameter table `keyctl_dynamic_param`, by index byte.
const KEYCTL_DYNAMIC_PARAM: &[ParamType] = &[ParamType::Int64, ParamType::CharBuf];

/// Event code `PPME_GENERIC_E`.
pub const PPME_GENERIC_E: u16 = 0;
/// Event code `PPME_PROCINFO_E`.
pub const PPME_PROCINFO_E: u16 = 234;
/// Event code `PPME_NOTIFICATION_E`.
pub const PPME_NOTIFICATION_E: u16 = 280;
/// Event code `PPME_INFRASTRUCTURE_EVENT_E`.
pub const PPME_INFRASTRUCTURE_EVENT_E: u16 = 286;
/// Event code `PPME_PROCEXIT_1_E`.
pub const PPME_PROCEXIT_1_E: u16 = 186;
/// Event code `PPME_DROP_E`.
pub const PPME_DROP_E: u16 = 148;
/// Event code `PPME_DROP_X`.
pub const PPME_DROP_X: u16 = 149;
/// Event code `PPME_SCAPEVENT_E`.
pub const PPME_SCAPEVENT_E: u16 = 196;

/// The layout of every driver event code, indexed by code.
#[rustfmt::skip]
pub static EVENT_INFO: [EventInfo; 454] = [
    e("syscall", 0x201, 0x1200, &[p("ID", ParamType::SyscallId), p("nativeID", ParamType::Uint16)]), // 0 PPME_GENERIC_E
    e("syscall", 0x201, 0x1000, &[p("ID", ParamType::SyscallId), p("nativeID", ParamType::Uint16)]), // 1 PPME_GENERIC_X
    e("open", 0x202, 0x1021, &[p("name", ParamType::FsPath), p("flags", ParamType::Flags32), p("mode", ParamType::Uint32)]), // 2 PPME_SYSCALL_OPEN_E
    e("open", 0x202, 0x1021, &[p("fd", ParamType::Fd), p("name", ParamType::FsPath), p("flags", ParamType::Flags32), p("mode", ParamType::Uint32), p("dev", ParamType::Uint32), p("ino", ParamType::Uint64)]), // 3 PPME_SYSCALL_OPEN_X
    e("close", 0x222, 0x1226, &[p("fd", ParamType::Fd)]), // 4 PPME_SYSCALL_CLOSE_E
    e("close", 0x222, 0x1026, &[p("res", ParamType::Errno), p("fd", ParamType::Fd)]), // 5 PPME_SYSCALL_CLOSE_X
    e("read", 0x220, 0x120c, &[p("fd", ParamType::Fd), p("size", ParamType::Uint32)]), // 6 PPME_SYSCALL_READ_E
    e("read", 0x220, 0x100c, &[p("res", ParamType::Errno), p("data", ParamType::ByteBuf), p("fd", ParamType::Fd), p("size", ParamType::Uint32)]), // 7 PPME_SYSCALL_READ_X
    e("write", 0x221, 0x1214, &[p("fd", ParamType::Fd), p("size", ParamType::Uint32)]), // 8 PPME_SYSCALL_WRITE_E
    e("write", 0x221, 0x1014, &[p("res", ParamType::Errno), p("data", ParamType::ByteBuf), p("fd", ParamType::Fd), p("size", ParamType::Uint32)]), // 9 PPME_SYSCALL_WRITE_X
    e("brk", 0x205, 0x1200, &[p("size", ParamType::Uint32)]), // 10 PPME_SYSCALL_BRK_1_E
    e("brk", 0x205, 0x1200, &[p("res", ParamType::Uint64)]), // 11 PPME_SYSCALL_BRK_1_X
    e("execve", 0x206, 0x1220, &[]), // 12 PPME_SYSCALL_EXECVE_8_E
    e("execve", 0x206, 0x1220, &[p("res", ParamType::Errno), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Uint64)]), // 13 PPME_SYSCALL_EXECVE_8_X
    e("clone", 0x206, 0x220, &[]), // 14 PPME_SYSCALL_CLONE_11_E
    e("clone", 0x206, 0x1220, &[p("res", ParamType::Pid), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Int64), p("flags", ParamType::Flags32), p("uid", ParamType::Uint32), p("gid", ParamType::Uint32)]), // 15 PPME_SYSCALL_CLONE_11_X
    e("procexit", 0x406, 0x1220, &[]), // 16 PPME_PROCEXIT_E
    e("NA", 0x0, 0x40, &[]), // 17 PPME_PROCEXIT_X
    e("socket", 0x203, 0x1221, &[p("domain", ParamType::EnumFlags32), p("type", ParamType::Uint32), p("proto", ParamType::Uint32)]), // 18 PPME_SOCKET_SOCKET_E
    e("socket", 0x203, 0x1021, &[p("fd", ParamType::Fd), p("domain", ParamType::EnumFlags32), p("type", ParamType::Uint32), p("proto", ParamType::Uint32), p("flags", ParamType::Flags32)]), // 19 PPME_SOCKET_SOCKET_X
    e("bind", 0x203, 0x1224, &[p("fd", ParamType::Fd)]), // 20 PPME_SOCKET_BIND_E
    e("bind", 0x203, 0x1024, &[p("res", ParamType::Errno), p("addr", ParamType::SockAddr), p("fd", ParamType::Fd)]), // 21 PPME_SOCKET_BIND_X
    e("connect", 0x203, 0x1024, &[p("fd", ParamType::Fd), p("addr", ParamType::SockAddr)]), // 22 PPME_SOCKET_CONNECT_E
    e("connect", 0x203, 0x1024, &[p("res", ParamType::Errno), p("tuple", ParamType::SockTuple), p("fd", ParamType::Fd), p("addr", ParamType::SockAddr)]), // 23 PPME_SOCKET_CONNECT_X
    e("listen", 0x203, 0x1204, &[p("fd", ParamType::Fd), p("backlog", ParamType::Int32)]), // 24 PPME_SOCKET_LISTEN_E
    e("listen", 0x203, 0x1004, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("backlog", ParamType::Int32)]), // 25 PPME_SOCKET_LISTEN_X
    e("accept", 0x203, 0x221, &[]), // 26 PPME_SOCKET_ACCEPT_E
    e("accept", 0x203, 0x1221, &[p("fd", ParamType::Fd), p("tuple", ParamType::SockTuple), p("queuepct", ParamType::Uint8)]), // 27 PPME_SOCKET_ACCEPT_X
    e("send", 0x221, 0x1214, &[p("fd", ParamType::Fd), p("size", ParamType::Uint32)]), // 28 PPME_SOCKET_SEND_E
    e("send", 0x221, 0x1014, &[p("res", ParamType::Errno), p("data", ParamType::ByteBuf), p("fd", ParamType::Fd), p("size", ParamType::Uint32), p("tuple", ParamType::SockTuple)]), // 29 PPME_SOCKET_SEND_X
    e("sendto", 0x221, 0x1234, &[p("fd", ParamType::Fd), p("size", ParamType::Uint32), p("tuple", ParamType::SockTuple)]), // 30 PPME_SOCKET_SENDTO_E
    e("sendto", 0x221, 0x1034, &[p("res", ParamType::Errno), p("data", ParamType::ByteBuf), p("fd", ParamType::Fd), p("size", ParamType::Uint32), p("tuple", ParamType::SockTuple)]), // 31 PPME_SOCKET_SENDTO_X
    e("recv", 0x220, 0x120c, &[p("fd", ParamType::Fd), p("size", ParamType::Uint32)]), // 32 PPME_SOCKET_RECV_E
    e("recv", 0x220, 0x100c, &[p("res", ParamType::Errno), p("data", ParamType::ByteBuf), p("fd", ParamType::Fd), p("size", ParamType::Uint32), p("tuple", ParamType::SockTuple)]), // 33 PPME_SOCKET_RECV_X
    e("recvfrom", 0x220, 0x122c, &[p("fd", ParamType::Fd), p("size", ParamType::Uint32)]), // 34 PPME_SOCKET_RECVFROM_E
    e("recvfrom", 0x220, 0x102c, &[p("res", ParamType::Errno), p("data", ParamType::ByteBuf), p("tuple", ParamType::SockTuple), p("fd", ParamType::Fd), p("size", ParamType::Uint32)]), // 35 PPME_SOCKET_RECVFROM_X
    e("shutdown", 0x203, 0x1224, &[p("fd", ParamType::Fd), p("how", ParamType::EnumFlags8)]), // 36 PPME_SOCKET_SHUTDOWN_E
    e("shutdown", 0x203, 0x1024, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("how", ParamType::EnumFlags8)]), // 37 PPME_SOCKET_SHUTDOWN_X
    e("getsockname", 0x203, 0x200, &[]), // 38 PPME_SOCKET_GETSOCKNAME_E
    e("getsockname", 0x203, 0x0, &[]), // 39 PPME_SOCKET_GETSOCKNAME_X
    e("getpeername", 0x203, 0x200, &[]), // 40 PPME_SOCKET_GETPEERNAME_E
    e("getpeername", 0x203, 0x0, &[]), // 41 PPME_SOCKET_GETPEERNAME_X
    e("socketpair", 0x204, 0x1221, &[p("domain", ParamType::EnumFlags32), p("type", ParamType::Uint32), p("proto", ParamType::Uint32)]), // 42 PPME_SOCKET_SOCKETPAIR_E
    e("socketpair", 0x204, 0x1021, &[p("res", ParamType::Errno), p("fd1", ParamType::Fd), p("fd2", ParamType::Fd), p("source", ParamType::Uint64), p("peer", ParamType::Uint64), p("domain", ParamType::EnumFlags32), p("type", ParamType::Uint32), p("proto", ParamType::Uint32)]), // 43 PPME_SOCKET_SOCKETPAIR_X
    e("setsockopt", 0x203, 0x200, &[]), // 44 PPME_SOCKET_SETSOCKOPT_E
    e("setsockopt", 0x203, 0x4, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("level", ParamType::EnumFlags8), p("optname", ParamType::EnumFlags8), d("val", SOCKOPT_DYNAMIC_PARAM), p("optlen", ParamType::Uint32)]), // 45 PPME_SOCKET_SETSOCKOPT_X
    e("getsockopt", 0x203, 0x220, &[]), // 46 PPME_SOCKET_GETSOCKOPT_E
    e("getsockopt", 0x203, 0x24, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("level", ParamType::EnumFlags8), p("optname", ParamType::EnumFlags8), d("val", SOCKOPT_DYNAMIC_PARAM), p("optlen", ParamType::Uint32)]), // 47 PPME_SOCKET_GETSOCKOPT_X
    e("sendmsg", 0x221, 0x1234, &[p("fd", ParamType::Fd), p("size", ParamType::Uint32), p("tuple", ParamType::SockTuple)]), // 48 PPME_SOCKET_SENDMSG_E
    e("sendmsg", 0x221, 0x1034, &[p("res", ParamType::Errno), p("data", ParamType::ByteBuf), p("fd", ParamType::Fd), p("size", ParamType::Uint32), p("tuple", ParamType::SockTuple)]), // 49 PPME_SOCKET_SENDMSG_X
    e("sendmmsg", 0x221, 0x200, &[]), // 50 PPME_SOCKET_SENDMMSG_E
    e("sendmmsg", 0x221, 0x1034, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("size", ParamType::Uint32), p("data", ParamType::ByteBuf), p("tuple", ParamType::SockTuple)]), // 51 PPME_SOCKET_SENDMMSG_X
    e("recvmsg", 0x220, 0x122c, &[p("fd", ParamType::Fd)]), // 52 PPME_SOCKET_RECVMSG_E
    e("recvmsg", 0x220, 0x102c, &[p("res", ParamType::Errno), p("size", ParamType::Uint32), p("data", ParamType::ByteBuf), p("tuple", ParamType::SockTuple), p("msgcontrol", ParamType::ByteBuf), p("fd", ParamType::Fd)]), // 53 PPME_SOCKET_RECVMSG_X
    e("recvmmsg", 0x220, 0x200, &[]), // 54 PPME_SOCKET_RECVMMSG_E
    e("recvmmsg", 0x220, 0x102c, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("size", ParamType::Uint32), p("data", ParamType::ByteBuf), p("tuple", ParamType::SockTuple), p("msgcontrol", ParamType::ByteBuf)]), // 55 PPME_SOCKET_RECVMMSG_X
    e("accept", 0x203, 0x1221, &[p("flags", ParamType::Int32)]), // 56 PPME_SOCKET_ACCEPT4_E
    e("accept", 0x203, 0x1221, &[p("fd", ParamType::Fd), p("tuple", ParamType::SockTuple), p("queuepct", ParamType::Uint8)]), // 57 PPME_SOCKET_ACCEPT4_X
    e("creat", 0x202, 0x1021, &[p("name", ParamType::FsPath), p("mode", ParamType::Uint32)]), // 58 PPME_SYSCALL_CREAT_E
    e("creat", 0x202, 0x1021, &[p("fd", ParamType::Fd), p("name", ParamType::FsPath), p("mode", ParamType::Uint32), p("dev", ParamType::Uint32), p("ino", ParamType::Uint64), p("creat_flags", ParamType::Flags16)]), // 59 PPME_SYSCALL_CREAT_X
    e("pipe", 0x204, 0x221, &[]), // 60 PPME_SYSCALL_PIPE_E
    e("pipe", 0x204, 0x21, &[p("res", ParamType::Errno), p("fd1", ParamType::Fd), p("fd2", ParamType::Fd), p("ino", ParamType::Uint64)]), // 61 PPME_SYSCALL_PIPE_X
    e("eventfd", 0x204, 0x1221, &[p("initval", ParamType::Uint64), p("flags", ParamType::Uint32)]), // 62 PPME_SYSCALL_EVENTFD_E
    e("eventfd", 0x204, 0x1021, &[p("res", ParamType::Fd), p("initval", ParamType::Uint64), p("flags", ParamType::Uint32)]), // 63 PPME_SYSCALL_EVENTFD_X
    e("futex", 0x204, 0x1200, &[p("addr", ParamType::Uint64), p("op", ParamType::Flags16), p("val", ParamType::Uint64)]), // 64 PPME_SYSCALL_FUTEX_E
    e("futex", 0x204, 0x1000, &[p("res", ParamType::Errno), p("addr", ParamType::Uint64), p("op", ParamType::Flags16), p("val", ParamType::Uint64)]), // 65 PPME_SYSCALL_FUTEX_X
    e("stat", 0x202, 0x200, &[]), // 66 PPME_SYSCALL_STAT_E
    e("stat", 0x202, 0x0, &[p("res", ParamType::Errno), p("path", ParamType::FsPath)]), // 67 PPME_SYSCALL_STAT_X
    e("lstat", 0x202, 0x200, &[]), // 68 PPME_SYSCALL_LSTAT_E
    e("lstat", 0x202, 0x0, &[p("res", ParamType::Errno), p("path", ParamType::FsPath)]), // 69 PPME_SYSCALL_LSTAT_X
    e("fstat", 0x202, 0x1204, &[p("fd", ParamType::Fd)]), // 70 PPME_SYSCALL_FSTAT_E
    e("fstat", 0x202, 0x1004, &[p("res", ParamType::Errno), p("fd", ParamType::Fd)]), // 71 PPME_SYSCALL_FSTAT_X
    e("stat64", 0x202, 0x200, &[]), // 72 PPME_SYSCALL_STAT64_E
    e("stat64", 0x202, 0x0, &[p("res", ParamType::Errno), p("path", ParamType::FsPath)]), // 73 PPME_SYSCALL_STAT64_X
    e("lstat64", 0x202, 0x200, &[]), // 74 PPME_SYSCALL_LSTAT64_E
    e("lstat64", 0x202, 0x0, &[p("res", ParamType::Errno), p("path", ParamType::FsPath)]), // 75 PPME_SYSCALL_LSTAT64_X
    e("fstat64", 0x202, 0x204, &[p("fd", ParamType::Fd)]), // 76 PPME_SYSCALL_FSTAT64_E
    e("fstat64", 0x202, 0x0, &[p("res", ParamType::Errno)]), // 77 PPME_SYSCALL_FSTAT64_X
    e("epoll_wait", 0x240, 0x1280, &[p("maxevents", ParamType::Errno)]), // 78 PPME_SYSCALL_EPOLLWAIT_E
    e("epoll_wait", 0x240, 0x1080, &[p("res", ParamType::Errno), p("maxevents", ParamType::Errno)]), // 79 PPME_SYSCALL_EPOLLWAIT_X
    e("poll", 0x240, 0x1280, &[p("fds", ParamType::FdList), p("timeout", ParamType::Int64)]), // 80 PPME_SYSCALL_POLL_E
    e("poll", 0x240, 0x1080, &[p("res", ParamType::Errno), p("fds", ParamType::FdList), p("timeout", ParamType::Int64)]), // 81 PPME_SYSCALL_POLL_X
    e("select", 0x240, 0x280, &[]), // 82 PPME_SYSCALL_SELECT_E
    e("select", 0x240, 0x80, &[p("res", ParamType::Errno)]), // 83 PPME_SYSCALL_SELECT_X
    e("select", 0x240, 0x280, &[]), // 84 PPME_SYSCALL_NEWSELECT_E
    e("select", 0x240, 0x1280, &[p("res", ParamType::Errno)]), // 85 PPME_SYSCALL_NEWSELECT_X
    e("lseek", 0x202, 0x1204, &[p("fd", ParamType::Fd), p("offset", ParamType::Uint64), p("whence", ParamType::EnumFlags8)]), // 86 PPME_SYSCALL_LSEEK_E
    e("lseek", 0x202, 0x1004, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("offset", ParamType::Uint64), p("whence", ParamType::EnumFlags8)]), // 87 PPME_SYSCALL_LSEEK_X
    e("llseek", 0x202, 0x1204, &[p("fd", ParamType::Fd), p("offset", ParamType::Uint64), p("whence", ParamType::EnumFlags8)]), // 88 PPME_SYSCALL_LLSEEK_E
    e("llseek", 0x202, 0x1004, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("offset", ParamType::Uint64), p("whence", ParamType::EnumFlags8)]), // 89 PPME_SYSCALL_LLSEEK_X
    e("ioctl", 0x222, 0x1204, &[p("fd", ParamType::Fd), p("request", ParamType::Uint64)]), // 90 PPME_SYSCALL_IOCTL_2_E
    e("ioctl", 0x222, 0x1204, &[p("res", ParamType::Errno)]), // 91 PPME_SYSCALL_IOCTL_2_X
    e("getcwd", 0x202, 0x200, &[]), // 92 PPME_SYSCALL_GETCWD_E
    e("getcwd", 0x202, 0x0, &[p("res", ParamType::Errno), p("path", ParamType::CharBuf)]), // 93 PPME_SYSCALL_GETCWD_X
    e("chdir", 0x202, 0x220, &[]), // 94 PPME_SYSCALL_CHDIR_E
    e("chdir", 0x202, 0x20, &[p("res", ParamType::Errno), p("path", ParamType::CharBuf)]), // 95 PPME_SYSCALL_CHDIR_X
    e("fchdir", 0x202, 0x1224, &[p("fd", ParamType::Fd)]), // 96 PPME_SYSCALL_FCHDIR_E
    e("fchdir", 0x202, 0x1024, &[p("res", ParamType::Errno), p("fd", ParamType::Fd)]), // 97 PPME_SYSCALL_FCHDIR_X
    e("mkdir", 0x202, 0x1200, &[p("path", ParamType::FsPath), p("mode", ParamType::Uint32)]), // 98 PPME_SYSCALL_MKDIR_E
    e("mkdir", 0x202, 0x1200, &[p("res", ParamType::Errno)]), // 99 PPME_SYSCALL_MKDIR_X
    e("rmdir", 0x202, 0x1200, &[p("path", ParamType::FsPath)]), // 100 PPME_SYSCALL_RMDIR_E
    e("rmdir", 0x202, 0x1200, &[p("res", ParamType::Errno)]), // 101 PPME_SYSCALL_RMDIR_X
    e("openat", 0x202, 0x1221, &[p("dirfd", ParamType::Fd), p("name", ParamType::CharBuf), p("flags", ParamType::Flags32), p("mode", ParamType::Uint32)]), // 102 PPME_SYSCALL_OPENAT_E
    e("openat", 0x202, 0x1221, &[p("fd", ParamType::Fd)]), // 103 PPME_SYSCALL_OPENAT_X
    e("link", 0x202, 0x1200, &[p("oldpath", ParamType::FsPath), p("newpath", ParamType::FsPath)]), // 104 PPME_SYSCALL_LINK_E
    e("link", 0x202, 0x1200, &[p("res", ParamType::Errno)]), // 105 PPME_SYSCALL_LINK_X
    e("linkat", 0x202, 0x1200, &[p("olddir", ParamType::Fd), p("oldpath", ParamType::CharBuf), p("newdir", ParamType::Fd), p("newpath", ParamType::CharBuf)]), // 106 PPME_SYSCALL_LINKAT_E
    e("linkat", 0x202, 0x1200, &[p("res", ParamType::Errno)]), // 107 PPME_SYSCALL_LINKAT_X
    e("unlink", 0x202, 0x1200, &[p("path", ParamType::FsPath)]), // 108 PPME_SYSCALL_UNLINK_E
    e("unlink", 0x202, 0x1200, &[p("res", ParamType::Errno)]), // 109 PPME_SYSCALL_UNLINK_X
    e("unlinkat", 0x202, 0x1200, &[p("dirfd", ParamType::Fd), p("name", ParamType::CharBuf)]), // 110 PPME_SYSCALL_UNLINKAT_E
    e("unlinkat", 0x202, 0x1200, &[p("res", ParamType::Errno)]), // 111 PPME_SYSCALL_UNLINKAT_X
    e("pread", 0x220, 0x120c, &[p("fd", ParamType::Fd), p("size", ParamType::Uint32), p("pos", ParamType::Uint64)]), // 112 PPME_SYSCALL_PREAD_E
    e("pread", 0x220, 0x100c, &[p("res", ParamType::Errno), p("data", ParamType::ByteBuf), p("fd", ParamType::Fd), p("size", ParamType::Uint32), p("pos", ParamType::Uint64)]), // 113 PPME_SYSCALL_PREAD_X
    e("pwrite", 0x221, 0x1214, &[p("fd", ParamType::Fd), p("size", ParamType::Uint32), p("pos", ParamType::Uint64)]), // 114 PPME_SYSCALL_PWRITE_E
    e("pwrite", 0x221, 0x1014, &[p("res", ParamType::Errno), p("data", ParamType::ByteBuf), p("fd", ParamType::Fd), p("size", ParamType::Uint32), p("pos", ParamType::Uint64)]), // 115 PPME_SYSCALL_PWRITE_X
    e("readv", 0x220, 0x120c, &[p("fd", ParamType::Fd)]), // 116 PPME_SYSCALL_READV_E
    e("readv", 0x220, 0x100c, &[p("res", ParamType::Errno), p("size", ParamType::Uint32), p("data", ParamType::ByteBuf), p("fd", ParamType::Fd)]), // 117 PPME_SYSCALL_READV_X
    e("writev", 0x221, 0x1214, &[p("fd", ParamType::Fd), p("size", ParamType::Uint32)]), // 118 PPME_SYSCALL_WRITEV_E
    e("writev", 0x221, 0x1014, &[p("res", ParamType::Errno), p("data", ParamType::ByteBuf), p("fd", ParamType::Fd), p("size", ParamType::Uint32)]), // 119 PPME_SYSCALL_WRITEV_X
    e("preadv", 0x220, 0x120c, &[p("fd", ParamType::Fd), p("pos", ParamType::Uint64)]), // 120 PPME_SYSCALL_PREADV_E
    e("preadv", 0x220, 0x100c, &[p("res", ParamType::Errno), p("size", ParamType::Uint32), p("data", ParamType::ByteBuf), p("fd", ParamType::Fd), p("pos", ParamType::Uint64)]), // 121 PPME_SYSCALL_PREADV_X
    e("pwritev", 0x221, 0x1214, &[p("fd", ParamType::Fd), p("size", ParamType::Uint32), p("pos", ParamType::Uint64)]), // 122 PPME_SYSCALL_PWRITEV_E
    e("pwritev", 0x221, 0x1014, &[p("res", ParamType::Errno), p("data", ParamType::ByteBuf), p("fd", ParamType::Fd), p("size", ParamType::Uint32), p("pos", ParamType::Uint64)]), // 123 PPME_SYSCALL_PWRITEV_X
    e("dup", 0x222, 0x1225, &[p("fd", ParamType::Fd)]), // 124 PPME_SYSCALL_DUP_E
    e("dup", 0x222, 0x1225, &[p("res", ParamType::Fd)]), // 125 PPME_SYSCALL_DUP_X
    e("signalfd", 0x209, 0x1221, &[p("fd", ParamType::Fd), p("mask", ParamType::Uint32), p("flags", ParamType::Uint8)]), // 126 PPME_SYSCALL_SIGNALFD_E
    e("signalfd", 0x209, 0x1021, &[p("res", ParamType::Fd), p("fd", ParamType::Fd), p("mask", ParamType::Uint32), p("flags", ParamType::Uint8)]), // 127 PPME_SYSCALL_SIGNALFD_X
    e("kill", 0x209, 0x1200, &[p("pid", ParamType::Pid), p("sig", ParamType::SigType)]), // 128 PPME_SYSCALL_KILL_E
    e("kill", 0x209, 0x1000, &[p("res", ParamType::Errno), p("pid", ParamType::Pid), p("sig", ParamType::SigType)]), // 129 PPME_SYSCALL_KILL_X
    e("tkill", 0x209, 0x1200, &[p("tid", ParamType::Pid), p("sig", ParamType::SigType)]), // 130 PPME_SYSCALL_TKILL_E
    e("tkill", 0x209, 0x1000, &[p("res", ParamType::Errno), p("tid", ParamType::Pid), p("sig", ParamType::SigType)]), // 131 PPME_SYSCALL_TKILL_X
    e("tgkill", 0x209, 0x1200, &[p("pid", ParamType::Pid), p("tid", ParamType::Pid), p("sig", ParamType::SigType)]), // 132 PPME_SYSCALL_TGKILL_E
    e("tgkill", 0x209, 0x1000, &[p("res", ParamType::Errno), p("pid", ParamType::Pid), p("tid", ParamType::Pid), p("sig", ParamType::SigType)]), // 133 PPME_SYSCALL_TGKILL_X
    e("nanosleep", 0x207, 0x1280, &[p("interval", ParamType::RelTime)]), // 134 PPME_SYSCALL_NANOSLEEP_E
    e("nanosleep", 0x207, 0x1080, &[p("res", ParamType::Errno), p("interval", ParamType::RelTime)]), // 135 PPME_SYSCALL_NANOSLEEP_X
    e("timerfd_create", 0x20b, 0x1221, &[p("clockid", ParamType::Uint8), p("flags", ParamType::Uint8)]), // 136 PPME_SYSCALL_TIMERFD_CREATE_E
    e("timerfd_create", 0x20b, 0x1021, &[p("res", ParamType::Fd), p("clockid", ParamType::Uint8), p("flags", ParamType::Uint8)]), // 137 PPME_SYSCALL_TIMERFD_CREATE_X
    e("inotify_init", 0x204, 0x1221, &[p("flags", ParamType::Uint8)]), // 138 PPME_SYSCALL_INOTIFY_INIT_E
    e("inotify_init", 0x204, 0x1021, &[p("res", ParamType::Fd), p("flags", ParamType::Uint8)]), // 139 PPME_SYSCALL_INOTIFY_INIT_X
    e("getrlimit", 0x206, 0x1200, &[p("resource", ParamType::EnumFlags8)]), // 140 PPME_SYSCALL_GETRLIMIT_E
    e("getrlimit", 0x206, 0x1000, &[p("res", ParamType::Errno), p("cur", ParamType::Int64), p("max", ParamType::Int64), p("resource", ParamType::EnumFlags8)]), // 141 PPME_SYSCALL_GETRLIMIT_X
    e("setrlimit", 0x206, 0x1200, &[p("resource", ParamType::EnumFlags8)]), // 142 PPME_SYSCALL_SETRLIMIT_E
    e("setrlimit", 0x206, 0x1000, &[p("res", ParamType::Errno), p("cur", ParamType::Int64), p("max", ParamType::Int64), p("resource", ParamType::EnumFlags8)]), // 143 PPME_SYSCALL_SETRLIMIT_X
    e("prlimit", 0x206, 0x1200, &[p("pid", ParamType::Pid), p("resource", ParamType::EnumFlags8)]), // 144 PPME_SYSCALL_PRLIMIT_E
    e("prlimit", 0x206, 0x1000, &[p("res", ParamType::Errno), p("newcur", ParamType::Int64), p("newmax", ParamType::Int64), p("oldcur", ParamType::Int64), p("oldmax", ParamType::Int64), p("pid", ParamType::Int64), p("resource", ParamType::EnumFlags8)]), // 145 PPME_SYSCALL_PRLIMIT_X
    e("switch", 0x480, 0x1300, &[p("next", ParamType::Pid)]), // 146 PPME_SCHEDSWITCH_1_E
    e("NA", 0x0, 0x40, &[]), // 147 PPME_SCHEDSWITCH_1_X
    e("drop", 0x1100, 0x100, &[p("ratio", ParamType::Uint32)]), // 148 PPME_DROP_E
    e("drop", 0x1100, 0x100, &[p("ratio", ParamType::Uint32)]), // 149 PPME_DROP_X
    e("fcntl", 0x222, 0x1224, &[p("fd", ParamType::Fd), p("cmd", ParamType::EnumFlags8)]), // 150 PPME_SYSCALL_FCNTL_E
    e("fcntl", 0x222, 0x1024, &[p("res", ParamType::Fd), p("fd", ParamType::Fd), p("cmd", ParamType::EnumFlags8), p("arg", ParamType::Uint64)]), // 151 PPME_SYSCALL_FCNTL_X
    e("switch", 0x480, 0x0, &[p("next", ParamType::Pid), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32)]), // 152 PPME_SCHEDSWITCH_6_E
    e("NA", 0x0, 0x40, &[]), // 153 PPME_SCHEDSWITCH_6_X
    e("execve", 0x206, 0x1220, &[]), // 154 PPME_SYSCALL_EXECVE_13_E
    e("execve", 0x206, 0x1220, &[p("res", ParamType::Errno), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Uint64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32)]), // 155 PPME_SYSCALL_EXECVE_13_X
    e("clone", 0x206, 0x220, &[]), // 156 PPME_SYSCALL_CLONE_16_E
    e("clone", 0x206, 0x1220, &[p("res", ParamType::Pid), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Int64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("flags", ParamType::Flags32), p("uid", ParamType::Uint32), p("gid", ParamType::Uint32)]), // 157 PPME_SYSCALL_CLONE_16_X
    e("brk", 0x205, 0x1200, &[p("addr", ParamType::Uint64)]), // 158 PPME_SYSCALL_BRK_4_E
    e("brk", 0x205, 0x1000, &[p("res", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("addr", ParamType::Uint64)]), // 159 PPME_SYSCALL_BRK_4_X
    e("mmap", 0x205, 0x1204, &[p("addr", ParamType::Uint64), p("length", ParamType::Uint64), p("prot", ParamType::Flags32), p("flags", ParamType::Flags32), p("fd", ParamType::Fd), p("offset", ParamType::Uint64)]), // 160 PPME_SYSCALL_MMAP_E
    e("mmap", 0x205, 0x1004, &[p("res", ParamType::Errno), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("addr", ParamType::Uint64), p("length", ParamType::Uint64), p("prot", ParamType::Flags32), p("flags", ParamType::Flags32), p("fd", ParamType::Fd), p("offset", ParamType::Uint64)]), // 161 PPME_SYSCALL_MMAP_X
    e("mmap2", 0x205, 0x1204, &[p("addr", ParamType::Uint64), p("length", ParamType::Uint64), p("prot", ParamType::Flags32), p("flags", ParamType::Flags32), p("fd", ParamType::Fd), p("pgoffset", ParamType::Uint64)]), // 162 PPME_SYSCALL_MMAP2_E
    e("mmap2", 0x205, 0x1004, &[p("res", ParamType::Errno), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("addr", ParamType::Uint64), p("length", ParamType::Uint64), p("prot", ParamType::Flags32), p("flags", ParamType::Flags32), p("fd", ParamType::Fd), p("pgoffset", ParamType::Uint64)]), // 163 PPME_SYSCALL_MMAP2_X
    e("munmap", 0x205, 0x1200, &[p("addr", ParamType::Uint64), p("length", ParamType::Uint64)]), // 164 PPME_SYSCALL_MUNMAP_E
    e("munmap", 0x205, 0x1000, &[p("res", ParamType::Errno), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("addr", ParamType::Uint64), p("length", ParamType::Uint64)]), // 165 PPME_SYSCALL_MUNMAP_X
    e("splice", 0x222, 0x1204, &[p("fd_in", ParamType::Fd), p("fd_out", ParamType::Fd), p("size", ParamType::Uint64), p("flags", ParamType::Flags32)]), // 166 PPME_SYSCALL_SPLICE_E
    e("splice", 0x222, 0x1004, &[p("res", ParamType::Errno), p("fd_in", ParamType::Fd), p("fd_out", ParamType::Fd), p("size", ParamType::Uint64), p("flags", ParamType::Flags32)]), // 167 PPME_SYSCALL_SPLICE_X
    e("ptrace", 0x206, 0x1200, &[p("request", ParamType::EnumFlags16), p("pid", ParamType::Pid)]), // 168 PPME_SYSCALL_PTRACE_E
    e("ptrace", 0x206, 0x1000, &[p("res", ParamType::Errno), d("addr", PTRACE_DYNAMIC_PARAM), d("data", PTRACE_DYNAMIC_PARAM), p("request", ParamType::EnumFlags16), p("pid", ParamType::Pid)]), // 169 PPME_SYSCALL_PTRACE_X
    e("ioctl", 0x222, 0x1204, &[p("fd", ParamType::Fd), p("request", ParamType::Uint64), p("argument", ParamType::Uint64)]), // 170 PPME_SYSCALL_IOCTL_3_E
    e("ioctl", 0x222, 0x1004, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("request", ParamType::Uint64), p("argument", ParamType::Uint64)]), // 171 PPME_SYSCALL_IOCTL_3_X
    e("execve", 0x206, 0x1220, &[]), // 172 PPME_SYSCALL_EXECVE_14_E
    e("execve", 0x206, 0x1220, &[p("res", ParamType::Errno), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Uint64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("env", ParamType::ByteBuf)]), // 173 PPME_SYSCALL_EXECVE_14_X
    e("rename", 0x202, 0x200, &[]), // 174 PPME_SYSCALL_RENAME_E
    e("rename", 0x202, 0x0, &[p("res", ParamType::Errno), p("oldpath", ParamType::FsPath), p("newpath", ParamType::FsPath)]), // 175 PPME_SYSCALL_RENAME_X
    e("renameat", 0x202, 0x200, &[]), // 176 PPME_SYSCALL_RENAMEAT_E
    e("renameat", 0x202, 0x0, &[p("res", ParamType::Errno), p("olddirfd", ParamType::Fd), p("oldpath", ParamType::FsRelPath), p("newdirfd", ParamType::Fd), p("newpath", ParamType::FsRelPath)]), // 177 PPME_SYSCALL_RENAMEAT_X
    e("symlink", 0x202, 0x200, &[]), // 178 PPME_SYSCALL_SYMLINK_E
    e("symlink", 0x202, 0x0, &[p("res", ParamType::Errno), p("target", ParamType::CharBuf), p("linkpath", ParamType::FsPath)]), // 179 PPME_SYSCALL_SYMLINK_X
    e("symlinkat", 0x202, 0x200, &[]), // 180 PPME_SYSCALL_SYMLINKAT_E
    e("symlinkat", 0x202, 0x4, &[p("res", ParamType::Errno), p("target", ParamType::CharBuf), p("linkdirfd", ParamType::Fd), p("linkpath", ParamType::FsRelPath)]), // 181 PPME_SYSCALL_SYMLINKAT_X
    e("fork", 0x206, 0x220, &[]), // 182 PPME_SYSCALL_FORK_E
    e("fork", 0x206, 0x1220, &[p("res", ParamType::Pid), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Int64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("flags", ParamType::Flags32), p("uid", ParamType::Uint32), p("gid", ParamType::Uint32)]), // 183 PPME_SYSCALL_FORK_X
    e("vfork", 0x206, 0x220, &[]), // 184 PPME_SYSCALL_VFORK_E
    e("vfork", 0x206, 0x1220, &[p("res", ParamType::Pid), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Int64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("flags", ParamType::Flags32), p("uid", ParamType::Uint32), p("gid", ParamType::Uint32)]), // 185 PPME_SYSCALL_VFORK_X
    e("procexit", 0x406, 0x20, &[p("status", ParamType::Errno), p("ret", ParamType::Errno), p("sig", ParamType::SigType), p("core", ParamType::Uint8), p("reaper_tid", ParamType::Pid)]), // 186 PPME_PROCEXIT_1_E
    e("NA", 0x0, 0x40, &[]), // 187 PPME_PROCEXIT_1_X
    e("sendfile", 0x221, 0x1204, &[p("out_fd", ParamType::Fd), p("in_fd", ParamType::Fd), p("offset", ParamType::Uint64), p("size", ParamType::Uint64)]), // 188 PPME_SYSCALL_SENDFILE_E
    e("sendfile", 0x221, 0x1004, &[p("res", ParamType::Errno), p("offset", ParamType::Uint64), p("out_fd", ParamType::Fd), p("in_fd", ParamType::Fd), p("size", ParamType::Uint64)]), // 189 PPME_SYSCALL_SENDFILE_X
    e("quotactl", 0x20a, 0x1200, &[p("cmd", ParamType::Flags16), p("type", ParamType::Flags8), p("id", ParamType::Uint32), p("quota_fmt", ParamType::Flags8)]), // 190 PPME_SYSCALL_QUOTACTL_E
    e("quotactl", 0x20a, 0x1000, &[p("res", ParamType::Errno), p("special", ParamType::CharBuf), p("quotafilepath", ParamType::CharBuf), p("dqb_bhardlimit", ParamType::Uint64), p("dqb_bsoftlimit", ParamType::Uint64), p("dqb_curspace", ParamType::Uint64), p("dqb_ihardlimit", ParamType::Uint64), p("dqb_isoftlimit", ParamType::Uint64), p("dqb_btime", ParamType::RelTime), p("dqb_itime", ParamType::RelTime), p("dqi_bgrace", ParamType::RelTime), p("dqi_igrace", ParamType::RelTime), p("dqi_flags", ParamType::Flags8), p("quota_fmt_out", ParamType::Flags8), p("cmd", ParamType::Flags16), p("type", ParamType::Flags8), p("id", ParamType::Uint32), p("quota_fmt", ParamType::Flags8)]), // 191 PPME_SYSCALL_QUOTACTL_X
    e("setresuid", 0x20a, 0x1220, &[p("ruid", ParamType::Uid), p("euid", ParamType::Uid), p("suid", ParamType::Uid)]), // 192 PPME_SYSCALL_SETRESUID_E
    e("setresuid", 0x20a, 0x1020, &[p("res", ParamType::Errno), p("ruid", ParamType::Uid), p("euid", ParamType::Uid), p("suid", ParamType::Uid)]), // 193 PPME_SYSCALL_SETRESUID_X
    e("setresgid", 0x20a, 0x1220, &[p("rgid", ParamType::Gid), p("egid", ParamType::Gid), p("sgid", ParamType::Gid)]), // 194 PPME_SYSCALL_SETRESGID_E
    e("setresgid", 0x20a, 0x1020, &[p("res", ParamType::Errno), p("rgid", ParamType::Gid), p("egid", ParamType::Gid), p("sgid", ParamType::Gid)]), // 195 PPME_SYSCALL_SETRESGID_X
    e("scapevent", 0x1100, 0x100, &[p("event_type", ParamType::Uint32), p("event_data", ParamType::Uint64)]), // 196 PPME_SCAPEVENT_E
    e("NA", 0x0, 0x40, &[]), // 197 PPME_SCAPEVENT_X
    e("setuid", 0x20a, 0x1220, &[p("uid", ParamType::Uid)]), // 198 PPME_SYSCALL_SETUID_E
    e("setuid", 0x20a, 0x1020, &[p("res", ParamType::Errno), p("uid", ParamType::Uid)]), // 199 PPME_SYSCALL_SETUID_X
    e("setgid", 0x20a, 0x1220, &[p("gid", ParamType::Gid)]), // 200 PPME_SYSCALL_SETGID_E
    e("setgid", 0x20a, 0x1020, &[p("res", ParamType::Errno), p("gid", ParamType::Gid)]), // 201 PPME_SYSCALL_SETGID_X
    e("getuid", 0x20a, 0x200, &[]), // 202 PPME_SYSCALL_GETUID_E
    e("getuid", 0x20a, 0x0, &[p("uid", ParamType::Uid)]), // 203 PPME_SYSCALL_GETUID_X
    e("geteuid", 0x20a, 0x200, &[]), // 204 PPME_SYSCALL_GETEUID_E
    e("geteuid", 0x20a, 0x0, &[p("euid", ParamType::Uid)]), // 205 PPME_SYSCALL_GETEUID_X
    e("getgid", 0x20a, 0x200, &[]), // 206 PPME_SYSCALL_GETGID_E
    e("getgid", 0x20a, 0x0, &[p("gid", ParamType::Gid)]), // 207 PPME_SYSCALL_GETGID_X
    e("getegid", 0x20a, 0x200, &[]), // 208 PPME_SYSCALL_GETEGID_E
    e("getegid", 0x20a, 0x0, &[p("egid", ParamType::Gid)]), // 209 PPME_SYSCALL_GETEGID_X
    e("getresuid", 0x20a, 0x200, &[]), // 210 PPME_SYSCALL_GETRESUID_E
    e("getresuid", 0x20a, 0x0, &[p("res", ParamType::Errno), p("ruid", ParamType::Uid), p("euid", ParamType::Uid), p("suid", ParamType::Uid)]), // 211 PPME_SYSCALL_GETRESUID_X
    e("getresgid", 0x20a, 0x200, &[]), // 212 PPME_SYSCALL_GETRESGID_E
    e("getresgid", 0x20a, 0x0, &[p("res", ParamType::Errno), p("rgid", ParamType::Gid), p("egid", ParamType::Gid), p("sgid", ParamType::Gid)]), // 213 PPME_SYSCALL_GETRESGID_X
    e("execve", 0x206, 0x1220, &[]), // 214 PPME_SYSCALL_EXECVE_15_E
    e("execve", 0x206, 0x1220, &[p("res", ParamType::Errno), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Uint64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("comm", ParamType::CharBuf), p("env", ParamType::ByteBuf)]), // 215 PPME_SYSCALL_EXECVE_15_X
    e("clone", 0x206, 0x220, &[]), // 216 PPME_SYSCALL_CLONE_17_E
    e("clone", 0x206, 0x1220, &[p("res", ParamType::Pid), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Int64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("comm", ParamType::CharBuf), p("flags", ParamType::Flags32), p("uid", ParamType::Uint32), p("gid", ParamType::Uint32)]), // 217 PPME_SYSCALL_CLONE_17_X
    e("fork", 0x206, 0x220, &[]), // 218 PPME_SYSCALL_FORK_17_E
    e("fork", 0x206, 0x1220, &[p("res", ParamType::Pid), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Int64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("comm", ParamType::CharBuf), p("flags", ParamType::Flags32), p("uid", ParamType::Uint32), p("gid", ParamType::Uint32)]), // 219 PPME_SYSCALL_FORK_17_X
    e("vfork", 0x206, 0x220, &[]), // 220 PPME_SYSCALL_VFORK_17_E
    e("vfork", 0x206, 0x1220, &[p("res", ParamType::Pid), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Int64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("comm", ParamType::CharBuf), p("flags", ParamType::Flags32), p("uid", ParamType::Uint32), p("gid", ParamType::Uint32)]), // 221 PPME_SYSCALL_VFORK_17_X
    e("clone", 0x206, 0x220, &[]), // 222 PPME_SYSCALL_CLONE_20_E
    e("clone", 0x206, 0x1020, &[p("res", ParamType::Pid), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Int64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("comm", ParamType::CharBuf), p("cgroups", ParamType::ByteBuf), p("flags", ParamType::Flags32), p("uid", ParamType::Uint32), p("gid", ParamType::Uint32), p("vtid", ParamType::Pid), p("vpid", ParamType::Pid), p("pidns_init_start_ts", ParamType::Uint64)]), // 223 PPME_SYSCALL_CLONE_20_X
    e("fork", 0x206, 0x220, &[]), // 224 PPME_SYSCALL_FORK_20_E
    e("fork", 0x206, 0x1020, &[p("res", ParamType::Pid), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Int64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("comm", ParamType::CharBuf), p("cgroups", ParamType::ByteBuf), p("flags", ParamType::Flags32), p("uid", ParamType::Uint32), p("gid", ParamType::Uint32), p("vtid", ParamType::Pid), p("vpid", ParamType::Pid), p("pidns_init_start_ts", ParamType::Uint64)]), // 225 PPME_SYSCALL_FORK_20_X
    e("vfork", 0x206, 0x220, &[]), // 226 PPME_SYSCALL_VFORK_20_E
    e("vfork", 0x206, 0x1020, &[p("res", ParamType::Pid), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Int64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("comm", ParamType::CharBuf), p("cgroups", ParamType::ByteBuf), p("flags", ParamType::Flags32), p("uid", ParamType::Uint32), p("gid", ParamType::Uint32), p("vtid", ParamType::Pid), p("vpid", ParamType::Pid), p("pidns_init_start_ts", ParamType::Uint64)]), // 227 PPME_SYSCALL_VFORK_20_X
    e("container", 0x1100, 0x1320, &[p("id", ParamType::CharBuf), p("type", ParamType::Uint32), p("name", ParamType::CharBuf), p("image", ParamType::CharBuf)]), // 228 PPME_CONTAINER_E
    e("NA", 0x0, 0x40, &[]), // 229 PPME_CONTAINER_X
    e("execve", 0x206, 0x1220, &[]), // 230 PPME_SYSCALL_EXECVE_16_E
    e("execve", 0x206, 0x1220, &[p("res", ParamType::Errno), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Uint64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("comm", ParamType::CharBuf), p("cgroups", ParamType::ByteBuf), p("env", ParamType::ByteBuf)]), // 231 PPME_SYSCALL_EXECVE_16_X
    e("signaldeliver", 0x409, 0x0, &[p("spid", ParamType::Pid), p("dpid", ParamType::Pid), p("sig", ParamType::SigType)]), // 232 PPME_SIGNALDELIVER_E
    e("NA", 0x0, 0x40, &[]), // 233 PPME_SIGNALDELIVER_X
    e("procinfo", 0x1100, 0x100, &[p("cpu_usr", ParamType::Uint64), p("cpu_sys", ParamType::Uint64)]), // 234 PPME_PROCINFO_E
    e("NA", 0x0, 0x40, &[]), // 235 PPME_PROCINFO_X
    e("getdents", 0x202, 0x1204, &[p("fd", ParamType::Fd)]), // 236 PPME_SYSCALL_GETDENTS_E
    e("getdents", 0x202, 0x1004, &[p("res", ParamType::Errno), p("fd", ParamType::Fd)]), // 237 PPME_SYSCALL_GETDENTS_X
    e("getdents64", 0x202, 0x1204, &[p("fd", ParamType::Fd)]), // 238 PPME_SYSCALL_GETDENTS64_E
    e("getdents64", 0x202, 0x1004, &[p("res", ParamType::Errno), p("fd", ParamType::Fd)]), // 239 PPME_SYSCALL_GETDENTS64_X
    e("setns", 0x206, 0x1204, &[p("fd", ParamType::Fd), p("nstype", ParamType::Flags32)]), // 240 PPME_SYSCALL_SETNS_E
    e("setns", 0x206, 0x1004, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("nstype", ParamType::Flags32)]), // 241 PPME_SYSCALL_SETNS_X
    e("flock", 0x202, 0x1204, &[p("fd", ParamType::Fd), p("operation", ParamType::Flags32)]), // 242 PPME_SYSCALL_FLOCK_E
    e("flock", 0x202, 0x1004, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("operation", ParamType::Flags32)]), // 243 PPME_SYSCALL_FLOCK_X
    e("cpu_hotplug", 0x1008, 0x120, &[p("cpu", ParamType::Uint32), p("action", ParamType::Uint32)]), // 244 PPME_CPU_HOTPLUG_E
    e("NA", 0x0, 0x40, &[]), // 245 PPME_CPU_HOTPLUG_X
    e("accept", 0x203, 0x221, &[]), // 246 PPME_SOCKET_ACCEPT_5_E
    e("accept", 0x203, 0x21, &[p("fd", ParamType::Fd), p("tuple", ParamType::SockTuple), p("queuepct", ParamType::Uint8), p("queuelen", ParamType::Uint32), p("queuemax", ParamType::Uint32)]), // 247 PPME_SOCKET_ACCEPT_5_X
    e("accept", 0x203, 0x1221, &[p("flags", ParamType::Int32)]), // 248 PPME_SOCKET_ACCEPT4_5_E
    e("accept", 0x203, 0x1221, &[p("fd", ParamType::Fd), p("tuple", ParamType::SockTuple), p("queuepct", ParamType::Uint8), p("queuelen", ParamType::Uint32), p("queuemax", ParamType::Uint32)]), // 249 PPME_SOCKET_ACCEPT4_5_X
    e("semop", 0x206, 0x1200, &[p("semid", ParamType::Int32)]), // 250 PPME_SYSCALL_SEMOP_E
    e("semop", 0x206, 0x1000, &[p("res", ParamType::Errno), p("nsops", ParamType::Uint32), p("sem_num_0", ParamType::Uint16), p("sem_op_0", ParamType::Int16), p("sem_flg_0", ParamType::Flags16), p("sem_num_1", ParamType::Uint16), p("sem_op_1", ParamType::Int16), p("sem_flg_1", ParamType::Flags16), p("semid", ParamType::Int32)]), // 251 PPME_SYSCALL_SEMOP_X
    e("semctl", 0x206, 0x1200, &[p("semid", ParamType::Int32), p("semnum", ParamType::Int32), p("cmd", ParamType::Flags16), p("val", ParamType::Int32)]), // 252 PPME_SYSCALL_SEMCTL_E
    e("semctl", 0x206, 0x1000, &[p("res", ParamType::Errno), p("semid", ParamType::Int32), p("semnum", ParamType::Int32), p("cmd", ParamType::Flags16), p("val", ParamType::Int32)]), // 253 PPME_SYSCALL_SEMCTL_X
    e("ppoll", 0x240, 0x1280, &[p("fds", ParamType::FdList), p("timeout", ParamType::RelTime), p("sigmask", ParamType::SigSet)]), // 254 PPME_SYSCALL_PPOLL_E
    e("ppoll", 0x240, 0x1080, &[p("res", ParamType::Errno), p("fds", ParamType::FdList), p("timeout", ParamType::RelTime), p("sigmask", ParamType::SigSet)]), // 255 PPME_SYSCALL_PPOLL_X
    e("mount", 0x202, 0x1220, &[p("flags", ParamType::Flags32)]), // 256 PPME_SYSCALL_MOUNT_E
    e("mount", 0x202, 0x1020, &[p("res", ParamType::Errno), p("dev", ParamType::CharBuf), p("dir", ParamType::FsPath), p("type", ParamType::CharBuf), p("flags", ParamType::Flags32)]), // 257 PPME_SYSCALL_MOUNT_X
    e("umount", 0x202, 0x220, &[p("flags", ParamType::Flags32)]), // 258 PPME_SYSCALL_UMOUNT_E
    e("umount", 0x202, 0x1220, &[p("res", ParamType::Errno), p("name", ParamType::FsPath)]), // 259 PPME_SYSCALL_UMOUNT_X
    e("k8s", 0x1100, 0x320, &[p("json", ParamType::CharBuf)]), // 260 PPME_K8S_E
    e("NA", 0x0, 0x40, &[]), // 261 PPME_K8S_X
    e("semget", 0x206, 0x1200, &[p("key", ParamType::Int32), p("nsems", ParamType::Int32), p("semflg", ParamType::Flags32)]), // 262 PPME_SYSCALL_SEMGET_E
    e("semget", 0x206, 0x1000, &[p("res", ParamType::Errno), p("key", ParamType::Int32), p("nsems", ParamType::Int32), p("semflg", ParamType::Flags32)]), // 263 PPME_SYSCALL_SEMGET_X
    e("access", 0x202, 0x1200, &[p("mode", ParamType::Flags32)]), // 264 PPME_SYSCALL_ACCESS_E
    e("access", 0x202, 0x1000, &[p("res", ParamType::Errno), p("name", ParamType::FsPath), p("mode", ParamType::Flags32)]), // 265 PPME_SYSCALL_ACCESS_X
    e("chroot", 0x206, 0x220, &[]), // 266 PPME_SYSCALL_CHROOT_E
    e("chroot", 0x206, 0x20, &[p("res", ParamType::Errno), p("path", ParamType::FsPath)]), // 267 PPME_SYSCALL_CHROOT_X
    e("tracer", 0x1001, 0x200, &[p("id", ParamType::Int64), p("tags", ParamType::CharBufArray), p("args", ParamType::CharBufPairArray)]), // 268 PPME_TRACER_E
    e("NA", 0x0, 0x40, &[p("id", ParamType::Int64), p("tags", ParamType::CharBufArray), p("args", ParamType::CharBufPairArray)]), // 269 PPME_TRACER_X
    e("mesos", 0x1100, 0x320, &[p("json", ParamType::CharBuf)]), // 270 PPME_MESOS_E
    e("NA", 0x0, 0x40, &[]), // 271 PPME_MESOS_X
    e("container", 0x1006, 0x1220, &[p("json", ParamType::CharBuf)]), // 272 PPME_CONTAINER_JSON_E
    e("NA", 0x0, 0x40, &[]), // 273 PPME_CONTAINER_JSON_X
    e("setsid", 0x206, 0x220, &[]), // 274 PPME_SYSCALL_SETSID_E
    e("setsid", 0x206, 0x20, &[p("res", ParamType::Pid)]), // 275 PPME_SYSCALL_SETSID_X
    e("mkdir", 0x202, 0x1200, &[p("mode", ParamType::Uint32)]), // 276 PPME_SYSCALL_MKDIR_2_E
    e("mkdir", 0x202, 0x1000, &[p("res", ParamType::Errno), p("path", ParamType::FsPath), p("mode", ParamType::Uint32)]), // 277 PPME_SYSCALL_MKDIR_2_X
    e("rmdir", 0x202, 0x200, &[]), // 278 PPME_SYSCALL_RMDIR_2_E
    e("rmdir", 0x202, 0x0, &[p("res", ParamType::Errno), p("path", ParamType::FsPath)]), // 279 PPME_SYSCALL_RMDIR_2_X
    e("notification", 0x1001, 0x100, &[p("id", ParamType::CharBuf), p("desc", ParamType::CharBuf)]), // 280 PPME_NOTIFICATION_E
    e("NA", 0x0, 0x40, &[]), // 281 PPME_NOTIFICATION_X
    e("execve", 0x206, 0x1220, &[]), // 282 PPME_SYSCALL_EXECVE_17_E
    e("execve", 0x206, 0x1220, &[p("res", ParamType::Errno), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Uint64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("comm", ParamType::CharBuf), p("cgroups", ParamType::ByteBuf), p("env", ParamType::ByteBuf), p("tty", ParamType::Int32)]), // 283 PPME_SYSCALL_EXECVE_17_X
    e("unshare", 0x206, 0x1200, &[p("flags", ParamType::Flags32)]), // 284 PPME_SYSCALL_UNSHARE_E
    e("unshare", 0x206, 0x1000, &[p("res", ParamType::Errno), p("flags", ParamType::Flags32)]), // 285 PPME_SYSCALL_UNSHARE_X
    e("infra", 0x1100, 0x100, &[p("source", ParamType::CharBuf), p("name", ParamType::CharBuf), p("description", ParamType::CharBuf), p("scope", ParamType::CharBuf)]), // 286 PPME_INFRASTRUCTURE_EVENT_E
    e("NA", 0x0, 0x40, &[]), // 287 PPME_INFRASTRUCTURE_EVENT_X
    e("execve", 0x206, 0x1220, &[p("filename", ParamType::FsPath)]), // 288 PPME_SYSCALL_EXECVE_18_E
    e("execve", 0x206, 0x1220, &[p("res", ParamType::Errno), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Uint64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("comm", ParamType::CharBuf), p("cgroups", ParamType::ByteBuf), p("env", ParamType::ByteBuf), p("tty", ParamType::Int32)]), // 289 PPME_SYSCALL_EXECVE_18_X
    e("page_fault", 0x401, 0x100, &[p("addr", ParamType::Uint64), p("ip", ParamType::Uint64), p("error", ParamType::Flags32)]), // 290 PPME_PAGE_FAULT_E
    e("NA", 0x0, 0x40, &[]), // 291 PPME_PAGE_FAULT_X
    e("execve", 0x206, 0x1220, &[p("filename", ParamType::FsPath)]), // 292 PPME_SYSCALL_EXECVE_19_E
    e("execve", 0x206, 0x1020, &[p("res", ParamType::Errno), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Uint64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("comm", ParamType::CharBuf), p("cgroups", ParamType::ByteBuf), p("env", ParamType::ByteBuf), p("tty", ParamType::Uint32), p("vpgid", ParamType::Pid), p("loginuid", ParamType::Uid), p("flags", ParamType::Flags32), p("cap_inheritable", ParamType::Uint64), p("cap_permitted", ParamType::Uint64), p("cap_effective", ParamType::Uint64), p("exe_ino", ParamType::Uint64), p("exe_ino_ctime", ParamType::AbsTime), p("exe_ino_mtime", ParamType::AbsTime), p("uid", ParamType::Uid), p("trusted_exepath", ParamType::FsPath), p("pgid", ParamType::Pid), p("gid", ParamType::Gid), p("filename", ParamType::FsPath)]), // 293 PPME_SYSCALL_EXECVE_19_X
    e("setpgid", 0x206, 0x1200, &[p("pid", ParamType::Pid), p("pgid", ParamType::Pid)]), // 294 PPME_SYSCALL_SETPGID_E
    e("setpgid", 0x206, 0x1000, &[p("res", ParamType::Errno), p("pid", ParamType::Pid), p("pgid", ParamType::Pid)]), // 295 PPME_SYSCALL_SETPGID_X
    e("bpf", 0x201, 0x1201, &[p("cmd", ParamType::Int64)]), // 296 PPME_SYSCALL_BPF_E
    e("bpf", 0x201, 0x1201, &[d("res_or_fd", BPF_DYNAMIC_PARAM)]), // 297 PPME_SYSCALL_BPF_X
    e("seccomp", 0x201, 0x1200, &[p("op", ParamType::Uint64), p("flags", ParamType::Uint64)]), // 298 PPME_SYSCALL_SECCOMP_E
    e("seccomp", 0x201, 0x1000, &[p("res", ParamType::Errno), p("op", ParamType::Uint64), p("flags", ParamType::Uint64)]), // 299 PPME_SYSCALL_SECCOMP_X
    e("unlink", 0x202, 0x200, &[]), // 300 PPME_SYSCALL_UNLINK_2_E
    e("unlink", 0x202, 0x0, &[p("res", ParamType::Errno), p("path", ParamType::FsPath)]), // 301 PPME_SYSCALL_UNLINK_2_X
    e("unlinkat", 0x202, 0x200, &[]), // 302 PPME_SYSCALL_UNLINKAT_2_E
    e("unlinkat", 0x202, 0x4, &[p("res", ParamType::Errno), p("dirfd", ParamType::Fd), p("name", ParamType::FsRelPath), p("flags", ParamType::Flags32)]), // 303 PPME_SYSCALL_UNLINKAT_2_X
    e("mkdirat", 0x202, 0x200, &[]), // 304 PPME_SYSCALL_MKDIRAT_E
    e("mkdirat", 0x202, 0x4, &[p("res", ParamType::Errno), p("dirfd", ParamType::Fd), p("path", ParamType::FsRelPath), p("mode", ParamType::Uint32)]), // 305 PPME_SYSCALL_MKDIRAT_X
    e("openat", 0x202, 0x1021, &[p("dirfd", ParamType::Fd), p("name", ParamType::FsRelPath), p("flags", ParamType::Flags32), p("mode", ParamType::Uint32)]), // 306 PPME_SYSCALL_OPENAT_2_E
    e("openat", 0x202, 0x1021, &[p("fd", ParamType::Fd), p("dirfd", ParamType::Fd), p("name", ParamType::FsRelPath), p("flags", ParamType::Flags32), p("mode", ParamType::Uint32), p("dev", ParamType::Uint32), p("ino", ParamType::Uint64)]), // 307 PPME_SYSCALL_OPENAT_2_X
    e("link", 0x202, 0x200, &[]), // 308 PPME_SYSCALL_LINK_2_E
    e("link", 0x202, 0x0, &[p("res", ParamType::Errno), p("oldpath", ParamType::FsPath), p("newpath", ParamType::FsPath)]), // 309 PPME_SYSCALL_LINK_2_X
    e("linkat", 0x202, 0x200, &[]), // 310 PPME_SYSCALL_LINKAT_2_E
    e("linkat", 0x202, 0x0, &[p("res", ParamType::Errno), p("olddir", ParamType::Fd), p("oldpath", ParamType::FsRelPath), p("newdir", ParamType::Fd), p("newpath", ParamType::FsRelPath), p("flags", ParamType::Flags32)]), // 311 PPME_SYSCALL_LINKAT_2_X
    e("fchmodat", 0x202, 0x200, &[]), // 312 PPME_SYSCALL_FCHMODAT_E
    e("fchmodat", 0x202, 0x4, &[p("res", ParamType::Errno), p("dirfd", ParamType::Fd), p("filename", ParamType::FsRelPath), p("mode", ParamType::Mode)]), // 313 PPME_SYSCALL_FCHMODAT_X
    e("chmod", 0x202, 0x200, &[]), // 314 PPME_SYSCALL_CHMOD_E
    e("chmod", 0x202, 0x0, &[p("res", ParamType::Errno), p("filename", ParamType::FsPath), p("mode", ParamType::Mode)]), // 315 PPME_SYSCALL_CHMOD_X
    e("fchmod", 0x202, 0x200, &[]), // 316 PPME_SYSCALL_FCHMOD_E
    e("fchmod", 0x202, 0x4, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("mode", ParamType::Mode)]), // 317 PPME_SYSCALL_FCHMOD_X
    e("renameat2", 0x202, 0x200, &[]), // 318 PPME_SYSCALL_RENAMEAT2_E
    e("renameat2", 0x202, 0x0, &[p("res", ParamType::Errno), p("olddirfd", ParamType::Fd), p("oldpath", ParamType::FsRelPath), p("newdirfd", ParamType::Fd), p("newpath", ParamType::FsRelPath), p("flags", ParamType::Flags32)]), // 319 PPME_SYSCALL_RENAMEAT2_X
    e("userfaultfd", 0x202, 0x221, &[]), // 320 PPME_SYSCALL_USERFAULTFD_E
    e("userfaultfd", 0x202, 0x21, &[p("res", ParamType::Errno), p("flags", ParamType::Flags32)]), // 321 PPME_SYSCALL_USERFAULTFD_X
    e("pluginevent", 0x801, 0x800, &[p("plugin_id", ParamType::Uint32), p("event_data", ParamType::ByteBuf)]), // 322 PPME_PLUGINEVENT_E
    e("NA", 0x0, 0x40, &[]), // 323 PPME_PLUGINEVENT_X
    e("container", 0x1006, 0x820, &[p("json", ParamType::CharBuf)]), // 324 PPME_CONTAINER_JSON_2_E
    e("NA", 0x0, 0x40, &[]), // 325 PPME_CONTAINER_JSON_2_X
    e("openat2", 0x202, 0x1021, &[p("dirfd", ParamType::Fd), p("name", ParamType::FsRelPath), p("flags", ParamType::Flags32), p("mode", ParamType::Uint32), p("resolve", ParamType::Flags32)]), // 326 PPME_SYSCALL_OPENAT2_E
    e("openat2", 0x202, 0x1021, &[p("fd", ParamType::Fd), p("dirfd", ParamType::Fd), p("name", ParamType::FsRelPath), p("flags", ParamType::Flags32), p("mode", ParamType::Uint32), p("resolve", ParamType::Flags32), p("dev", ParamType::Uint32), p("ino", ParamType::Uint64)]), // 327 PPME_SYSCALL_OPENAT2_X
    e("mprotect", 0x205, 0x1200, &[p("addr", ParamType::Uint64), p("length", ParamType::Uint64), p("prot", ParamType::Flags32)]), // 328 PPME_SYSCALL_MPROTECT_E
    e("mprotect", 0x205, 0x1000, &[p("res", ParamType::Errno), p("addr", ParamType::Uint64), p("length", ParamType::Uint64), p("prot", ParamType::Flags32)]), // 329 PPME_SYSCALL_MPROTECT_X
    e("execveat", 0x206, 0x1220, &[p("dirfd", ParamType::Fd), p("pathname", ParamType::FsRelPath), p("flags", ParamType::Flags32)]), // 330 PPME_SYSCALL_EXECVEAT_E
    e("execveat", 0x206, 0x1020, &[p("res", ParamType::Errno), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Uint64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("comm", ParamType::CharBuf), p("cgroups", ParamType::ByteBuf), p("env", ParamType::ByteBuf), p("tty", ParamType::Uint32), p("vpgid", ParamType::Pid), p("loginuid", ParamType::Uid), p("flags", ParamType::Flags32), p("cap_inheritable", ParamType::Uint64), p("cap_permitted", ParamType::Uint64), p("cap_effective", ParamType::Uint64), p("exe_ino", ParamType::Uint64), p("exe_ino_ctime", ParamType::AbsTime), p("exe_ino_mtime", ParamType::AbsTime), p("uid", ParamType::Uid), p("trusted_exepath", ParamType::FsPath), p("pgid", ParamType::Pid), p("gid", ParamType::Gid)]), // 331 PPME_SYSCALL_EXECVEAT_X
    e("copy_file_range", 0x202, 0x121c, &[p("fdin", ParamType::Fd), p("offin", ParamType::Uint64), p("len", ParamType::Uint64)]), // 332 PPME_SYSCALL_COPY_FILE_RANGE_E
    e("copy_file_range", 0x202, 0x101c, &[p("res", ParamType::Errno), p("fdout", ParamType::Fd), p("offout", ParamType::Uint64), p("fdin", ParamType::Fd), p("offin", ParamType::Uint64), p("len", ParamType::Uint64)]), // 333 PPME_SYSCALL_COPY_FILE_RANGE_X
    e("clone3", 0x206, 0x220, &[]), // 334 PPME_SYSCALL_CLONE3_E
    e("clone3", 0x206, 0x1020, &[p("res", ParamType::Pid), p("exe", ParamType::CharBuf), p("args", ParamType::ByteBuf), p("tid", ParamType::Pid), p("pid", ParamType::Pid), p("ptid", ParamType::Pid), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Int64), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("comm", ParamType::CharBuf), p("cgroups", ParamType::ByteBuf), p("flags", ParamType::Flags32), p("uid", ParamType::Uint32), p("gid", ParamType::Uint32), p("vtid", ParamType::Pid), p("vpid", ParamType::Pid), p("pidns_init_start_ts", ParamType::Uint64)]), // 335 PPME_SYSCALL_CLONE3_X
    e("open_by_handle_at", 0x202, 0x221, &[]), // 336 PPME_SYSCALL_OPEN_BY_HANDLE_AT_E
    e("open_by_handle_at", 0x202, 0x21, &[p("fd", ParamType::Fd), p("mountfd", ParamType::Fd), p("flags", ParamType::Flags32), p("path", ParamType::FsPath), p("dev", ParamType::Uint32), p("ino", ParamType::Uint64)]), // 337 PPME_SYSCALL_OPEN_BY_HANDLE_AT_X
    e("io_uring_setup", 0x222, 0x221, &[]), // 338 PPME_SYSCALL_IO_URING_SETUP_E
    e("io_uring_setup", 0x222, 0x21, &[p("res", ParamType::Errno), p("entries", ParamType::Uint32), p("sq_entries", ParamType::Uint32), p("cq_entries", ParamType::Uint32), p("flags", ParamType::Flags32), p("sq_thread_cpu", ParamType::Uint32), p("sq_thread_idle", ParamType::Uint32), p("features", ParamType::Flags32)]), // 339 PPME_SYSCALL_IO_URING_SETUP_X
    e("io_uring_enter", 0x222, 0x200, &[]), // 340 PPME_SYSCALL_IO_URING_ENTER_E
    e("io_uring_enter", 0x222, 0x4, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("to_submit", ParamType::Uint32), p("min_complete", ParamType::Uint32), p("flags", ParamType::Flags32), p("sig", ParamType::SigSet)]), // 341 PPME_SYSCALL_IO_URING_ENTER_X
    e("io_uring_register", 0x222, 0x200, &[]), // 342 PPME_SYSCALL_IO_URING_REGISTER_E
    e("io_uring_register", 0x222, 0x4, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("opcode", ParamType::EnumFlags16), p("arg", ParamType::Uint64), p("nr_args", ParamType::Uint32)]), // 343 PPME_SYSCALL_IO_URING_REGISTER_X
    e("mlock", 0x205, 0x200, &[]), // 344 PPME_SYSCALL_MLOCK_E
    e("mlock", 0x205, 0x0, &[p("res", ParamType::Errno), p("addr", ParamType::Uint64), p("len", ParamType::Uint64)]), // 345 PPME_SYSCALL_MLOCK_X
    e("munlock", 0x205, 0x200, &[]), // 346 PPME_SYSCALL_MUNLOCK_E
    e("munlock", 0x205, 0x0, &[p("res", ParamType::Errno), p("addr", ParamType::Uint64), p("len", ParamType::Uint64)]), // 347 PPME_SYSCALL_MUNLOCK_X
    e("mlockall", 0x205, 0x200, &[]), // 348 PPME_SYSCALL_MLOCKALL_E
    e("mlockall", 0x205, 0x0, &[p("res", ParamType::Errno), p("flags", ParamType::Flags32)]), // 349 PPME_SYSCALL_MLOCKALL_X
    e("munlockall", 0x205, 0x200, &[]), // 350 PPME_SYSCALL_MUNLOCKALL_E
    e("munlockall", 0x205, 0x0, &[p("res", ParamType::Errno)]), // 351 PPME_SYSCALL_MUNLOCKALL_X
    e("capset", 0x206, 0x220, &[]), // 352 PPME_SYSCALL_CAPSET_E
    e("capset", 0x206, 0x20, &[p("res", ParamType::Errno), p("cap_inheritable", ParamType::Uint64), p("cap_permitted", ParamType::Uint64), p("cap_effective", ParamType::Uint64)]), // 353 PPME_SYSCALL_CAPSET_X
    e("useradded", 0x1006, 0x20, &[p("uid", ParamType::Uint32), p("gid", ParamType::Uint32), p("name", ParamType::CharBuf), p("home", ParamType::CharBuf), p("shell", ParamType::CharBuf), p("container_id", ParamType::CharBuf)]), // 354 PPME_USER_ADDED_E
    e("NA", 0x0, 0x40, &[]), // 355 PPME_USER_ADDED_X
    e("userdeleted", 0x1006, 0x20, &[p("uid", ParamType::Uint32), p("gid", ParamType::Uint32), p("name", ParamType::CharBuf), p("home", ParamType::CharBuf), p("shell", ParamType::CharBuf), p("container_id", ParamType::CharBuf)]), // 356 PPME_USER_DELETED_E
    e("NA", 0x0, 0x40, &[]), // 357 PPME_USER_DELETED_X
    e("groupadded", 0x1006, 0x20, &[p("gid", ParamType::Uint32), p("name", ParamType::CharBuf), p("container_id", ParamType::CharBuf)]), // 358 PPME_GROUP_ADDED_E
    e("NA", 0x0, 0x40, &[]), // 359 PPME_GROUP_ADDED_X
    e("groupdeleted", 0x1006, 0x20, &[p("gid", ParamType::Uint32), p("name", ParamType::CharBuf), p("container_id", ParamType::CharBuf)]), // 360 PPME_GROUP_DELETED_E
    e("NA", 0x0, 0x40, &[]), // 361 PPME_GROUP_DELETED_X
    e("dup2", 0x222, 0x225, &[p("fd", ParamType::Fd)]), // 362 PPME_SYSCALL_DUP2_E
    e("dup2", 0x222, 0x25, &[p("res", ParamType::Fd), p("oldfd", ParamType::Fd), p("newfd", ParamType::Fd)]), // 363 PPME_SYSCALL_DUP2_X
    e("dup3", 0x222, 0x225, &[p("fd", ParamType::Fd)]), // 364 PPME_SYSCALL_DUP3_E
    e("dup3", 0x222, 0x25, &[p("res", ParamType::Fd), p("oldfd", ParamType::Fd), p("newfd", ParamType::Fd), p("flags", ParamType::Flags32)]), // 365 PPME_SYSCALL_DUP3_X
    e("dup", 0x222, 0x225, &[p("fd", ParamType::Fd)]), // 366 PPME_SYSCALL_DUP_1_E
    e("dup", 0x222, 0x25, &[p("res", ParamType::Fd), p("oldfd", ParamType::Fd)]), // 367 PPME_SYSCALL_DUP_1_X
    e("bpf", 0x201, 0x201, &[p("cmd", ParamType::Int64)]), // 368 PPME_SYSCALL_BPF_2_E
    e("bpf", 0x201, 0x1, &[p("fd", ParamType::Fd), p("cmd", ParamType::EnumFlags32)]), // 369 PPME_SYSCALL_BPF_2_X
    e("mlock2", 0x205, 0x200, &[]), // 370 PPME_SYSCALL_MLOCK2_E
    e("mlock2", 0x205, 0x0, &[p("res", ParamType::Errno), p("addr", ParamType::Uint64), p("len", ParamType::Uint64), p("flags", ParamType::Flags32)]), // 371 PPME_SYSCALL_MLOCK2_X
    e("fsconfig", 0x208, 0x200, &[]), // 372 PPME_SYSCALL_FSCONFIG_E
    e("fsconfig", 0x208, 0x4, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("cmd", ParamType::EnumFlags32), p("key", ParamType::CharBuf), p("value_bytebuf", ParamType::ByteBuf), p("value_charbuf", ParamType::CharBuf), p("aux", ParamType::Int32)]), // 373 PPME_SYSCALL_FSCONFIG_X
    e("epoll_create", 0x240, 0x1221, &[p("size", ParamType::Int32)]), // 374 PPME_SYSCALL_EPOLL_CREATE_E
    e("epoll_create", 0x240, 0x1021, &[p("res", ParamType::Errno), p("size", ParamType::Int32)]), // 375 PPME_SYSCALL_EPOLL_CREATE_X
    e("epoll_create1", 0x240, 0x1221, &[p("flags", ParamType::Flags32)]), // 376 PPME_SYSCALL_EPOLL_CREATE1_E
    e("epoll_create1", 0x240, 0x1021, &[p("res", ParamType::Errno), p("flags", ParamType::Flags32)]), // 377 PPME_SYSCALL_EPOLL_CREATE1_X
    e("chown", 0x202, 0x200, &[]), // 378 PPME_SYSCALL_CHOWN_E
    e("chown", 0x202, 0x0, &[p("res", ParamType::Errno), p("path", ParamType::FsPath), p("uid", ParamType::Uint32), p("gid", ParamType::Uint32)]), // 379 PPME_SYSCALL_CHOWN_X
    e("lchown", 0x202, 0x200, &[]), // 380 PPME_SYSCALL_LCHOWN_E
    e("lchown", 0x202, 0x0, &[p("res", ParamType::Errno), p("path", ParamType::FsPath), p("uid", ParamType::Uint32), p("gid", ParamType::Uint32)]), // 381 PPME_SYSCALL_LCHOWN_X
    e("fchown", 0x202, 0x200, &[]), // 382 PPME_SYSCALL_FCHOWN_E
    e("fchown", 0x202, 0x4, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("uid", ParamType::Uint32), p("gid", ParamType::Uint32)]), // 383 PPME_SYSCALL_FCHOWN_X
    e("fchownat", 0x202, 0x200, &[]), // 384 PPME_SYSCALL_FCHOWNAT_E
    e("fchownat", 0x202, 0x4, &[p("res", ParamType::Errno), p("dirfd", ParamType::Fd), p("pathname", ParamType::FsRelPath), p("uid", ParamType::Uint32), p("gid", ParamType::Uint32), p("flags", ParamType::Flags32)]), // 385 PPME_SYSCALL_FCHOWNAT_X
    e("umount", 0x202, 0x220, &[]), // 386 PPME_SYSCALL_UMOUNT_1_E
    e("umount", 0x202, 0x20, &[p("res", ParamType::Errno), p("name", ParamType::FsPath)]), // 387 PPME_SYSCALL_UMOUNT_1_X
    e("accept4", 0x203, 0x1221, &[p("flags", ParamType::Int32)]), // 388 PPME_SOCKET_ACCEPT4_6_E
    e("accept4", 0x203, 0x1021, &[p("fd", ParamType::Fd), p("tuple", ParamType::SockTuple), p("queuepct", ParamType::Uint8), p("queuelen", ParamType::Uint32), p("queuemax", ParamType::Uint32), p("flags", ParamType::Int32)]), // 389 PPME_SOCKET_ACCEPT4_6_X
    e("umount2", 0x202, 0x1220, &[p("flags", ParamType::Flags32)]), // 390 PPME_SYSCALL_UMOUNT2_E
    e("umount2", 0x202, 0x1020, &[p("res", ParamType::Errno), p("name", ParamType::FsPath), p("flags", ParamType::Flags32)]), // 391 PPME_SYSCALL_UMOUNT2_X
    e("pipe2", 0x204, 0x221, &[]), // 392 PPME_SYSCALL_PIPE2_E
    e("pipe2", 0x204, 0x21, &[p("res", ParamType::Errno), p("fd1", ParamType::Fd), p("fd2", ParamType::Fd), p("ino", ParamType::Uint64), p("flags", ParamType::Flags32)]), // 393 PPME_SYSCALL_PIPE2_X
    e("inotify_init1", 0x204, 0x221, &[]), // 394 PPME_SYSCALL_INOTIFY_INIT1_E
    e("inotify_init1", 0x204, 0x21, &[p("res", ParamType::Fd), p("flags", ParamType::Flags16)]), // 395 PPME_SYSCALL_INOTIFY_INIT1_X
    e("eventfd2", 0x204, 0x1221, &[p("initval", ParamType::Uint64)]), // 396 PPME_SYSCALL_EVENTFD2_E
    e("eventfd2", 0x204, 0x1021, &[p("res", ParamType::Fd), p("flags", ParamType::Flags16), p("initval", ParamType::Uint64)]), // 397 PPME_SYSCALL_EVENTFD2_X
    e("signalfd4", 0x209, 0x1221, &[p("fd", ParamType::Fd), p("mask", ParamType::Uint32)]), // 398 PPME_SYSCALL_SIGNALFD4_E
    e("signalfd4", 0x209, 0x1021, &[p("res", ParamType::Fd), p("flags", ParamType::Flags16), p("fd", ParamType::Fd), p("mask", ParamType::Uint32)]), // 399 PPME_SYSCALL_SIGNALFD4_X
    e("prctl", 0x206, 0x220, &[]), // 400 PPME_SYSCALL_PRCTL_E
    e("prctl", 0x206, 0x20, &[p("res", ParamType::Errno), p("option", ParamType::EnumFlags32), p("arg2_str", ParamType::CharBuf), p("arg2_int", ParamType::Int64)]), // 401 PPME_SYSCALL_PRCTL_X
    e("asyncevent", 0x1001, 0x800, &[p("plugin_id", ParamType::Uint32), p("name", ParamType::CharBuf), p("data", ParamType::ByteBuf)]), // 402 PPME_ASYNCEVENT_E
    e("NA", 0x0, 0x40, &[]), // 403 PPME_ASYNCEVENT_X
    e("memfd_create", 0x205, 0x221, &[]), // 404 PPME_SYSCALL_MEMFD_CREATE_E
    e("memfd_create", 0x205, 0x21, &[p("fd", ParamType::Fd), p("name", ParamType::CharBuf), p("flags", ParamType::Flags32)]), // 405 PPME_SYSCALL_MEMFD_CREATE_X
    e("pidfd_getfd", 0x206, 0x221, &[]), // 406 PPME_SYSCALL_PIDFD_GETFD_E
    e("pidfd_getfd", 0x206, 0x21, &[p("fd", ParamType::Fd), p("pid_fd", ParamType::Fd), p("target_fd", ParamType::Fd), p("flags", ParamType::Uint32)]), // 407 PPME_SYSCALL_PIDFD_GETFD_X
    e("pidfd_open", 0x206, 0x221, &[]), // 408 PPME_SYSCALL_PIDFD_OPEN_E
    e("pidfd_open", 0x206, 0x21, &[p("fd", ParamType::Fd), p("pid", ParamType::Pid), p("flags", ParamType::Flags32)]), // 409 PPME_SYSCALL_PIDFD_OPEN_X
    e("init_module", 0x201, 0x200, &[]), // 410 PPME_SYSCALL_INIT_MODULE_E
    e("init_module", 0x201, 0x0, &[p("res", ParamType::Errno), p("img", ParamType::ByteBuf), p("length", ParamType::Uint64), p("uargs", ParamType::CharBuf)]), // 411 PPME_SYSCALL_INIT_MODULE_X
    e("finit_module", 0x201, 0x200, &[]), // 412 PPME_SYSCALL_FINIT_MODULE_E
    e("finit_module", 0x201, 0xc, &[p("res", ParamType::Errno), p("fd", ParamType::Fd), p("uargs", ParamType::CharBuf), p("flags", ParamType::Flags32)]), // 413 PPME_SYSCALL_FINIT_MODULE_X
    e("mknod", 0x201, 0x200, &[]), // 414 PPME_SYSCALL_MKNOD_E
    e("mknod", 0x201, 0x0, &[p("res", ParamType::Errno), p("path", ParamType::FsPath), p("mode", ParamType::Mode), p("dev", ParamType::Uint32)]), // 415 PPME_SYSCALL_MKNOD_X
    e("mknodat", 0x201, 0x200, &[]), // 416 PPME_SYSCALL_MKNODAT_E
    e("mknodat", 0x201, 0x4, &[p("res", ParamType::Errno), p("dirfd", ParamType::Fd), p("path", ParamType::FsRelPath), p("mode", ParamType::Mode), p("dev", ParamType::Uint32)]), // 417 PPME_SYSCALL_MKNODAT_X
    e("newfstatat", 0x202, 0x200, &[]), // 418 PPME_SYSCALL_NEWFSTATAT_E
    e("newfstatat", 0x202, 0x4, &[p("res", ParamType::Errno), p("dirfd", ParamType::Fd), p("path", ParamType::FsRelPath), p("flags", ParamType::Flags32)]), // 419 PPME_SYSCALL_NEWFSTATAT_X
    e("process_vm_readv", 0x204, 0x200, &[]), // 420 PPME_SYSCALL_PROCESS_VM_READV_E
    e("process_vm_readv", 0x204, 0x0, &[p("res", ParamType::Int64), p("pid", ParamType::Pid), p("data", ParamType::ByteBuf)]), // 421 PPME_SYSCALL_PROCESS_VM_READV_X
    e("process_vm_writev", 0x204, 0x200, &[]), // 422 PPME_SYSCALL_PROCESS_VM_WRITEV_E
    e("process_vm_writev", 0x204, 0x0, &[p("res", ParamType::Int64), p("pid", ParamType::Pid), p("data", ParamType::ByteBuf)]), // 423 PPME_SYSCALL_PROCESS_VM_WRITEV_X
    e("delete_module", 0x201, 0x200, &[]), // 424 PPME_SYSCALL_DELETE_MODULE_E
    e("delete_module", 0x201, 0x0, &[p("res", ParamType::Errno), p("name", ParamType::CharBuf), p("flags", ParamType::Flags32)]), // 425 PPME_SYSCALL_DELETE_MODULE_X
    e("setreuid", 0x20a, 0x220, &[]), // 426 PPME_SYSCALL_SETREUID_E
    e("setreuid", 0x20a, 0x20, &[p("res", ParamType::Errno), p("ruid", ParamType::Uid), p("euid", ParamType::Uid)]), // 427 PPME_SYSCALL_SETREUID_X
    e("setregid", 0x20a, 0x200, &[]), // 428 PPME_SYSCALL_SETREGID_E
    e("setregid", 0x20a, 0x20, &[p("res", ParamType::Errno), p("rgid", ParamType::Uid), p("egid", ParamType::Uid)]), // 429 PPME_SYSCALL_SETREGID_X
    e("task", 0x2006, 0x20, &[p("ppid", ParamType::Pid32), p("pgid", ParamType::Pid32), p("vpgid", ParamType::Pid32), p("sid", ParamType::Pid32), p("comm", ParamType::CharBuf), p("argv", ParamType::CharBufArray), p("exepath", ParamType::FsPath), p("flags", ParamType::Flags32), p("env", ParamType::CharBufArray), p("cwd", ParamType::CharBuf), p("fdlimit", ParamType::Uint64), p("euid", ParamType::Uid), p("egid", ParamType::Gid), p("cap_permitted", ParamType::Uint64), p("cap_effective", ParamType::Uint64), p("cap_inheritable", ParamType::Uint64), p("exe_ino_num", ParamType::Uint64), p("exe_ino_ctime", ParamType::AbsTime), p("exe_ino_mtime", ParamType::AbsTime), p("vm_size", ParamType::Uint32), p("vm_rss", ParamType::Uint32), p("vm_swap", ParamType::Uint32), p("pgft_maj", ParamType::Uint64), p("pgft_min", ParamType::Uint64), p("vtgid", ParamType::Pid32), p("vpid", ParamType::Pid32), p("pidns_init_start_ts", ParamType::Uint64), p("cgroups", ParamType::CharBufArray), p("root", ParamType::FsPath), p("start_time", ParamType::AbsTime), p("tty", ParamType::Uint32), p("loginuid", ParamType::Uid)]), // 430 PPME_ITER_TASK_E
    e("NA", 0x0, 0x40, &[]), // 431 PPME_ITER_TASK_X
    e("task_file_pipe", 0x2002, 0x20, &[p("fd", ParamType::Fd32), p("path", ParamType::FsPath), p("ino_num", ParamType::Uint64)]), // 432 PPME_ITER_TASK_FILE_PIPE_E
    e("NA", 0x0, 0x40, &[]), // 433 PPME_ITER_TASK_FILE_PIPE_X
    e("task_file_memfd", 0x2002, 0x20, &[p("fd", ParamType::Fd32), p("path", ParamType::FsPath), p("ino_num", ParamType::Uint64)]), // 434 PPME_ITER_TASK_FILE_MEMFD_E
    e("NA", 0x0, 0x40, &[]), // 435 PPME_ITER_TASK_FILE_MEMFD_X
    e("task_file_regular", 0x2002, 0x20, &[p("fd", ParamType::Fd32), p("path", ParamType::FsPath), p("flags", ParamType::Flags32), p("mnt_id", ParamType::Uint32), p("ino_num", ParamType::Uint64)]), // 436 PPME_ITER_TASK_FILE_REGULAR_E
    e("NA", 0x0, 0x40, &[]), // 437 PPME_ITER_TASK_FILE_REGULAR_X
    e("task_file_directory", 0x2002, 0x20, &[p("fd", ParamType::Fd32), p("path", ParamType::FsPath), p("ino_num", ParamType::Uint64)]), // 438 PPME_ITER_TASK_FILE_DIRECTORY_E
    e("NA", 0x0, 0x40, &[]), // 439 PPME_ITER_TASK_FILE_DIRECTORY_X
    e("task_file_socket_inet", 0x2002, 0x20, &[p("fd", ParamType::Fd32), p("sk_type", ParamType::Uint16), p("sk_proto", ParamType::Uint16), p("local_ip", ParamType::Ipv4Addr), p("local_port", ParamType::Port), p("remote_ip", ParamType::Ipv4Addr), p("remote_port", ParamType::Port), p("ino_num", ParamType::Uint64)]), // 440 PPME_ITER_TASK_FILE_SOCKET_INET_E
    e("NA", 0x0, 0x40, &[]), // 441 PPME_ITER_TASK_FILE_SOCKET_INET_X
    e("task_file_socket_inet6", 0x2002, 0x20, &[p("fd", ParamType::Fd32), p("sk_type", ParamType::Uint16), p("sk_proto", ParamType::Uint16), p("local_ip", ParamType::Ipv6Addr), p("local_port", ParamType::Port), p("remote_ip", ParamType::Ipv6Addr), p("remote_port", ParamType::Port), p("ino_num", ParamType::Uint64)]), // 442 PPME_ITER_TASK_FILE_SOCKET_INET6_E
    e("NA", 0x0, 0x40, &[]), // 443 PPME_ITER_TASK_FILE_SOCKET_INET6_X
    e("task_file_socket_unix", 0x2002, 0x20, &[p("fd", ParamType::Fd32), p("sk_type", ParamType::Uint16), p("sk_proto", ParamType::Uint16), p("sk_pointer", ParamType::Uint64), p("sun_path", ParamType::FsPath), p("ino_num", ParamType::Uint64)]), // 444 PPME_ITER_TASK_FILE_SOCKET_UNIX_E
    e("NA", 0x0, 0x40, &[]), // 445 PPME_ITER_TASK_FILE_SOCKET_UNIX_X
    e("task_file_socket_netlink", 0x2002, 0x20, &[p("fd", ParamType::Fd32), p("sk_type", ParamType::Uint16), p("sk_proto", ParamType::Uint16), p("ino_num", ParamType::Uint64)]), // 446 PPME_ITER_TASK_FILE_SOCKET_NETLINK_E
    e("NA", 0x0, 0x40, &[]), // 447 PPME_ITER_TASK_FILE_SOCKET_NETLINK_X
    e("task_file_anon_inode", 0x2002, 0x20, &[p("fd", ParamType::Fd32), p("fd_type", ParamType::Flags8), p("path", ParamType::FsPath), p("ino_num", ParamType::Uint64)]), // 448 PPME_ITER_TASK_FILE_ANON_INODE_E
    e("NA", 0x0, 0x40, &[]), // 449 PPME_ITER_TASK_FILE_ANON_INODE_X
    e("NA", 0x0, 0x40, &[]), // 450 PPME_SYSCALL_CLOSE_RANGE_E
    e("close_range", 0x222, 0x20, &[p("res", ParamType::Errno), p("first", ParamType::Uint32), p("last", ParamType::Uint32), p("flags", ParamType::Flags32)]), // 451 PPME_SYSCALL_CLOSE_RANGE_X
    e("NA", 0x0, 0x40, &[]), // 452 PPME_SYSCALL_KEYCTL_E
    e("keyctl", 0x201, 0x0, &[p("res", ParamType::Errno), p("operation", ParamType::EnumFlags32), d("arg2", KEYCTL_DYNAMIC_PARAM), d("arg3", KEYCTL_DYNAMIC_PARAM), d("arg4", KEYCTL_DYNAMIC_PARAM), d("arg5", KEYCTL_DYNAMIC_PARAM)]), // 453 PPME_SYSCALL_KEYCTL_X
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::event_table::EVENT_NAMES;

    #[test]
    fn names_agree_with_the_event_name_table() {
        for (code, (info, name)) in EVENT_INFO.iter().zip(EVENT_NAMES).enumerate() {
            assert_eq!(info.name, name, "event code {code}");
        }
    }

    #[test]
    fn procinfo_is_an_internal_event() {
        let info = &EVENT_INFO[usize::from(PPME_PROCINFO_E)];
        assert_eq!(info.name, "procinfo");
        assert_ne!(info.category & category::EC_INTERNAL, 0);
        assert_ne!(info.flags & flags::EF_SKIPPARSERESET, 0);
    }
}
