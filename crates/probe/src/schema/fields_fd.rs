//! The `fd`, `fdlist`, `fs.path`, `user`, `group` and `util` classes.

use super::FieldDef as D;
use falcod_rules::fields::{ArgForm, FieldFlags as F, FieldType as T};

/// Flags of the "either side" network matchers (`fd.ip`, `fd.net`, ...): usable only in
/// conditions, never as a right-hand field, never transformed.
const EITHER_SIDE: F = F::FILTER_ONLY.union(F::NO_RHS).union(F::NO_TRANSFORMER);

/// Flags of the reverse-DNS name fields.
const DNS_NAME: F = F::NO_RHS.union(F::NO_TRANSFORMER);

/// Fields of libsinsp's fd check (class `fd`).
pub(super) const FD: &[D] = &[
    D::new("fd.num", T::Int64, "Number of the file descriptor."),
    D::new(
        "fd.type",
        T::CharBuf,
        "Kind of file descriptor: 'file', 'directory', 'ipv4', 'ipv6', 'unix', 'pipe', ...",
    ),
    D::new(
        "fd.typechar",
        T::CharBuf,
        "Kind of file descriptor as one letter: 'f' file, '4'/'6' IP socket, 'u' unix, 'p' pipe, ...",
    ),
    D::new(
        "fd.name",
        T::CharBuf,
        "Full name of the descriptor: the path of a file, the connection tuple of a socket.",
    ),
    D::new("fd.directory", T::CharBuf, "For files, the directory holding the file."),
    D::new("fd.filename", T::CharBuf, "For files, the last path component."),
    D::new("fd.ip", T::IpAddr, "Matches either the client or the server IP address.")
        .flags(EITHER_SIDE),
    D::new("fd.cip", T::IpAddr, "IP address of the client end."),
    D::new("fd.sip", T::IpAddr, "IP address of the server end."),
    D::new("fd.lip", T::IpAddr, "IP address of the local end."),
    D::new("fd.rip", T::IpAddr, "IP address of the remote end."),
    D::new("fd.port", T::Port, "Matches either the client or the server port.").flags(EITHER_SIDE),
    D::new("fd.cport", T::Port, "TCP/UDP port of the client end."),
    D::new("fd.sport", T::Port, "TCP/UDP port of the server end."),
    D::new("fd.lport", T::Port, "TCP/UDP port of the local end."),
    D::new("fd.rport", T::Port, "TCP/UDP port of the remote end."),
    D::new("fd.l4proto", T::CharBuf, "Transport protocol of a socket: 'tcp', 'udp', 'icmp' or 'raw'."),
    D::new("fd.sockfamily", T::CharBuf, "Family of a socket: 'ip' or 'unix'."),
    D::new("fd.is_server", T::Bool, "True if the owning process is the server end of the connection."),
    D::new("fd.uid", T::CharBuf, "Identifier made of the descriptor number and the thread ID."),
    D::new("fd.containername", T::CharBuf, "Container ID joined with the descriptor name."),
    D::new("fd.containerdirectory", T::CharBuf, "Container ID joined with the directory name."),
    D::new(
        "fd.proto",
        T::Port,
        "Matches either the client or the server protocol (service) name.",
    )
    .flags(EITHER_SIDE),
    D::new("fd.cproto", T::CharBuf, "Protocol (service) name of the client port."),
    D::new("fd.sproto", T::CharBuf, "Protocol (service) name of the server port."),
    D::new("fd.lproto", T::CharBuf, "Protocol (service) name of the local port."),
    D::new("fd.rproto", T::CharBuf, "Protocol (service) name of the remote port."),
    D::new("fd.net", T::IpNet, "Matches either the client or the server network.")
        .flags(EITHER_SIDE),
    D::new("fd.cnet", T::IpNet, "Matches the client network.").flags(EITHER_SIDE),
    D::new("fd.snet", T::IpNet, "Matches the server network.").flags(EITHER_SIDE),
    D::new("fd.lnet", T::IpNet, "Matches the local network.").flags(EITHER_SIDE),
    D::new("fd.rnet", T::IpNet, "Matches the remote network.").flags(EITHER_SIDE),
    D::new("fd.connected", T::Bool, "For TCP/UDP sockets, true once the socket is connected."),
    D::new(
        "fd.name_changed",
        T::Bool,
        "True when the event changed the name of its descriptor (e.g. a new UDP peer).",
    ),
    D::new("fd.cip.name", T::CharBuf, "Domain name resolved for the client IP address.")
        .flags(DNS_NAME),
    D::new("fd.sip.name", T::CharBuf, "Domain name resolved for the server IP address.")
        .flags(DNS_NAME),
    D::new("fd.lip.name", T::CharBuf, "Domain name resolved for the local IP address.")
        .flags(DNS_NAME),
    D::new("fd.rip.name", T::CharBuf, "Domain name resolved for the remote IP address.")
        .flags(DNS_NAME),
    D::new("fd.dev", T::Int32, "Device number (major and minor) holding the file."),
    D::new("fd.dev.major", T::Int32, "Major number of the device holding the file."),
    D::new("fd.dev.minor", T::Int32, "Minor number of the device holding the file."),
    D::new("fd.ino", T::Int64, "Inode number of the file."),
    D::new(
        "fd.nameraw",
        T::CharBuf,
        "For files, the path as the syscall gave it, not made absolute.",
    ),
    D::new(
        "fd.types",
        T::CharBuf,
        "Kinds of the descriptors the process holds; fd.types[N] gives descriptor N's kind.",
    )
    .arg(ArgForm::Index, false)
    .flags(F::IS_LIST.union(F::NO_RHS)),
    D::new("fd.is_upper_layer", T::Bool, "True if the file is in the upper layer of an overlay."),
    D::new("fd.is_lower_layer", T::Bool, "True if the file is in a lower layer of an overlay."),
];

/// Fields of libsinsp's fdlist check (class `fdlist`): poll-style descriptor lists.
pub(super) const FDLIST: &[D] = &[
    D::new(
        "fdlist.nums",
        T::CharBuf,
        "For poll events, the descriptor numbers, comma-separated.",
    ),
    D::new(
        "fdlist.names",
        T::CharBuf,
        "For poll events, the descriptor names, comma-separated.",
    ),
    D::new(
        "fdlist.cips",
        T::CharBuf,
        "For poll events, the client IP addresses, comma-separated.",
    ),
    D::new(
        "fdlist.sips",
        T::CharBuf,
        "For poll events, the server IP addresses, comma-separated.",
    ),
    D::new(
        "fdlist.cports",
        T::CharBuf,
        "For poll events, the client ports, comma-separated.",
    ),
    D::new(
        "fdlist.sports",
        T::CharBuf,
        "For poll events, the server ports, comma-separated.",
    ),
];

/// Fields of libsinsp's fs.path check (class `fs.path`): path arguments of file syscalls.
pub(super) const FSPATH: &[D] = &[
    D::new(
        "fs.path.name",
        T::CharBuf,
        "Path a file syscall acts on, made absolute.",
    ),
    D::new(
        "fs.path.nameraw",
        T::CharBuf,
        "Path a file syscall acts on, exactly as passed.",
    ),
    D::new(
        "fs.path.source",
        T::CharBuf,
        "Source path of a two-path syscall (rename, link, ...), made absolute.",
    ),
    D::new(
        "fs.path.sourceraw",
        T::CharBuf,
        "Source path of a two-path syscall, as passed.",
    ),
    D::new(
        "fs.path.target",
        T::CharBuf,
        "Target path of a two-path syscall (rename, link, ...), made absolute.",
    ),
    D::new(
        "fs.path.targetraw",
        T::CharBuf,
        "Target path of a two-path syscall, as passed.",
    ),
];

/// Fields of libsinsp's user check (class `user`).
pub(super) const USER: &[D] = &[
    D::new("user.uid", T::Uint32, "User ID the thread runs as."),
    D::new(
        "user.name",
        T::CharBuf,
        "Name of the user the thread runs as.",
    ),
    D::new("user.homedir", T::CharBuf, "Home directory of the user."),
    D::new("user.shell", T::CharBuf, "Login shell of the user."),
    D::new(
        "user.loginuid",
        T::Int64,
        "Audit login user ID (auid); -1 when unset.",
    ),
    D::new(
        "user.loginname",
        T::CharBuf,
        "Name of the audit login user.",
    ),
];

/// Fields of libsinsp's group check (class `group`).
pub(super) const GROUP: &[D] = &[
    D::new("group.gid", T::Uint32, "Group ID the thread runs as."),
    D::new(
        "group.name",
        T::CharBuf,
        "Name of the group the thread runs as.",
    ),
];

/// Fields of libsinsp's hidden utility check (class `util`).
pub(super) const UTIL: &[D] = &[D::new(
    "util.cnt",
    T::Uint64,
    "Counter that grows by one per use.",
)];
