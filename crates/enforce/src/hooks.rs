//! The LSM hooks a policy attaches to, the syscalls each one stands for, and which Falco fields
//! each hook can see (and as what).

use std::fmt;

/// A BPF-LSM hook a policy can attach to.
///
/// The order is the order hooks are reported in; [`Hook::id`] is the number the kernel tables
/// use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Hook {
    /// `file_open`: every open of a file (open family, creat, io_uring opens).
    FileOpen,
    /// `bprm_check_security`: an exec, after the binary is opened and before it runs.
    BprmCheckSecurity,
    /// `socket_connect`: a connect on a socket, with the peer address.
    SocketConnect,
    /// `path_unlink`: removal of a directory entry that is not a directory.
    PathUnlink,
    /// `path_rmdir`: removal of a directory.
    PathRmdir,
    /// `path_mkdir`: creation of a directory.
    PathMkdir,
    /// `path_rename`: a rename (old and new path).
    PathRename,
    /// `path_chmod`: a mode change.
    PathChmod,
    /// `path_symlink`: creation of a symbolic link.
    PathSymlink,
    /// `path_link`: creation of a hard link.
    PathLink,
    /// `ptrace_access_check`: attaching to another process with ptrace. The kernel also calls
    /// it for `/proc/PID/mem` and similar access checks: the program decides only calls with
    /// `PTRACE_MODE_ATTACH` in the mode.
    PtraceAccessCheck,
    /// `kernel_read_file`: the kernel reading a file it will load (`finit_module`). Firmware,
    /// kexec and policy reads share the hook: the program decides only `READING_MODULE`.
    KernelReadFile,
    /// `kernel_load_data`: the kernel loading data from a buffer (`init_module`); the program
    /// decides only `LOADING_MODULE`.
    KernelLoadData,
}

impl Hook {
    /// Every hook, in report order.
    pub const ALL: [Hook; 13] = [
        Hook::FileOpen,
        Hook::BprmCheckSecurity,
        Hook::SocketConnect,
        Hook::PathUnlink,
        Hook::PathRmdir,
        Hook::PathMkdir,
        Hook::PathRename,
        Hook::PathChmod,
        Hook::PathSymlink,
        Hook::PathLink,
        Hook::PtraceAccessCheck,
        Hook::KernelReadFile,
        Hook::KernelLoadData,
    ];

    /// The kernel's name of the hook (`file_open`).
    pub fn name(self) -> &'static str {
        match self {
            Hook::FileOpen => "file_open",
            Hook::BprmCheckSecurity => "bprm_check_security",
            Hook::SocketConnect => "socket_connect",
            Hook::PathUnlink => "path_unlink",
            Hook::PathRmdir => "path_rmdir",
            Hook::PathMkdir => "path_mkdir",
            Hook::PathRename => "path_rename",
            Hook::PathChmod => "path_chmod",
            Hook::PathSymlink => "path_symlink",
            Hook::PathLink => "path_link",
            Hook::PtraceAccessCheck => "ptrace_access_check",
            Hook::KernelReadFile => "kernel_read_file",
            Hook::KernelLoadData => "kernel_load_data",
        }
    }

    /// The hook's number in the kernel tables ([`crate::layout`]).
    pub fn id(self) -> u32 {
        self as u32
    }

    /// The Falco event types (syscalls) whose operation this hook decides. A rule on any one of
    /// them is enforced on all of them: the hook cannot tell `open` from `openat`.
    pub fn syscalls(self) -> &'static [&'static str] {
        match self {
            Hook::FileOpen => &["creat", "open", "openat", "openat2"],
            Hook::BprmCheckSecurity => &["execve", "execveat"],
            Hook::SocketConnect => &["connect"],
            Hook::PathUnlink => &["unlink", "unlinkat"],
            // unlinkat(AT_REMOVEDIR) removes a directory.
            Hook::PathRmdir => &["rmdir", "unlinkat"],
            Hook::PathMkdir => &["mkdir", "mkdirat"],
            Hook::PathRename => &["rename", "renameat", "renameat2"],
            Hook::PathChmod => &["chmod", "fchmod", "fchmodat"],
            Hook::PathSymlink => &["symlink", "symlinkat"],
            Hook::PathLink => &["link", "linkat"],
            Hook::PtraceAccessCheck => &["ptrace"],
            Hook::KernelReadFile => &["finit_module"],
            Hook::KernelLoadData => &["init_module"],
        }
    }

    /// The hooks that decide the operation of a Falco event type (empty: none does).
    pub fn for_event(evt_type: &str) -> Vec<Hook> {
        Hook::ALL
            .into_iter()
            .filter(|h| h.syscalls().contains(&evt_type))
            .collect()
    }

    /// Parses a kernel hook name.
    pub fn from_name(name: &str) -> Option<Hook> {
        Hook::ALL.into_iter().find(|h| h.name() == name)
    }
}

impl fmt::Display for Hook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which path of an operation a path attribute reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathSlot {
    /// The opened file, the removed/created/changed entry, the old name of a rename, the new
    /// link of `link`/`symlink` (Falco's `fd.name`, `fs.path.name`, `fs.path.source`).
    First,
    /// The new name of a rename, the existing file of `link` (Falco's `fs.path.target`).
    Second,
}

/// Which part of a path a path attribute compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathView {
    /// The whole path (`fd.name`).
    Full,
    /// The directory (`fd.directory`): the path up to its last `/` (`/` for a file in `/`);
    /// the path itself for a directory opened with `O_DIRECTORY`.
    Dir,
    /// The last component (`fd.filename`); no value for a directory.
    Base,
}

/// One thing a hook can look at: the kernel tables have one lookup per attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Attr {
    /// `proc.name`: the task's `comm` (at exec: the new program's, from the binary's name).
    Comm,
    /// `proc.pname`: the parent's `comm`.
    ParentComm,
    /// `proc.exepath`: the path of the task's executable (at exec: the new binary's).
    Exe,
    /// `user.uid`: the task's uid.
    Uid,
    /// `container.id`: the task's container id (`host` outside containers).
    ContainerId,
    /// A path of the operation, whole or in part.
    Path(PathSlot, PathView),
    /// `evt.is_open_read`: the open asks for read access.
    OpenRead,
    /// `evt.is_open_write`: the open asks for write access.
    OpenWrite,
    /// `fd.typechar`: `f`/`d` for opens (`O_DIRECTORY` or not), `4`/`6`/`u` for connects.
    FdType,
    /// `fd.sip`/`fd.rip` and `fd.snet`/`fd.rnet` at connect: the peer address.
    PeerIp,
    /// `fd.sport`/`fd.rport` at connect: the peer port.
    PeerPort,
}

impl Attr {
    /// The kind of value the attribute holds.
    pub fn kind(self) -> AttrKind {
        match self {
            Attr::Comm | Attr::ParentComm | Attr::Exe | Attr::ContainerId | Attr::FdType => {
                AttrKind::Str
            }
            Attr::Path(..) => AttrKind::Str,
            Attr::Uid | Attr::PeerPort => AttrKind::Num,
            Attr::OpenRead | Attr::OpenWrite => AttrKind::Bool,
            Attr::PeerIp => AttrKind::Ip,
        }
    }

    /// The attribute's number in the kernel tables.
    pub fn id(self) -> u32 {
        match self {
            Attr::Comm => 0,
            Attr::ParentComm => 1,
            Attr::Exe => 2,
            Attr::Uid => 3,
            Attr::ContainerId => 4,
            Attr::OpenRead => 5,
            Attr::OpenWrite => 6,
            Attr::FdType => 7,
            Attr::PeerIp => 8,
            Attr::PeerPort => 9,
            Attr::Path(slot, view) => {
                10 + 3 * (slot as u32)
                    + match view {
                        PathView::Full => 0,
                        PathView::Dir => 1,
                        PathView::Base => 2,
                    }
            }
        }
    }
}

impl fmt::Display for Attr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Attr::Comm => f.write_str("comm"),
            Attr::ParentComm => f.write_str("parent comm"),
            Attr::Exe => f.write_str("exe path"),
            Attr::Uid => f.write_str("uid"),
            Attr::ContainerId => f.write_str("container id"),
            Attr::Path(slot, view) => {
                let s = match slot {
                    PathSlot::First => "path",
                    PathSlot::Second => "second path",
                };
                match view {
                    PathView::Full => write!(f, "{s}"),
                    PathView::Dir => write!(f, "{s} directory"),
                    PathView::Base => write!(f, "{s} file name"),
                }
            }
            Attr::OpenRead => f.write_str("open read intent"),
            Attr::OpenWrite => f.write_str("open write intent"),
            Attr::FdType => f.write_str("fd type"),
            Attr::PeerIp => f.write_str("peer address"),
            Attr::PeerPort => f.write_str("peer port"),
        }
    }
}

/// The value kinds of attributes, each with its own kind of kernel table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttrKind {
    /// Strings: exact set, prefix set (LPM), suffix set (reversed LPM), glob list.
    Str,
    /// Unsigned numbers: exact set and ranges.
    Num,
    /// Booleans.
    Bool,
    /// IP addresses: CIDR list (LPM).
    Ip,
}

const SUBJECT_FIELDS: [(&str, Attr); 5] = [
    ("proc.name", Attr::Comm),
    ("proc.pname", Attr::ParentComm),
    ("proc.exepath", Attr::Exe),
    ("user.uid", Attr::Uid),
    ("container.id", Attr::ContainerId),
];

/// The fields the pushdown compiler knows, with their value kind (whatever the hook).
pub(crate) fn field_kind(field: &str) -> Option<AttrKind> {
    if let Some((_, a)) = SUBJECT_FIELDS.iter().find(|(n, _)| *n == field) {
        return Some(a.kind());
    }
    Some(match field {
        "fd.name" | "fd.directory" | "fd.filename" | "fs.path.name" | "fs.path.source"
        | "fs.path.target" | "fd.typechar" => AttrKind::Str,
        "evt.is_open_read" | "evt.is_open_write" => AttrKind::Bool,
        "fd.sip" | "fd.rip" | "fd.snet" | "fd.rnet" => AttrKind::Ip,
        "fd.sport" | "fd.rport" => AttrKind::Num,
        _ => return None,
    })
}

/// What `field` means at `hook`: the attribute it reads, or why the hook cannot see it.
pub(crate) fn field_attr(field: &str, hook: Hook) -> Result<Attr, String> {
    if let Some((_, a)) = SUBJECT_FIELDS.iter().find(|(n, _)| *n == field) {
        return Ok(*a);
    }
    use Hook::*;
    let first = |view| Attr::Path(PathSlot::First, view);
    let attr = match (field, hook) {
        ("fd.name", FileOpen | KernelReadFile) => Some(first(PathView::Full)),
        ("fd.directory", FileOpen | KernelReadFile) => Some(first(PathView::Dir)),
        ("fd.filename", FileOpen | KernelReadFile) => Some(first(PathView::Base)),
        ("fs.path.name", PathUnlink | PathRmdir | PathMkdir | PathChmod) => {
            Some(first(PathView::Full))
        }
        ("fs.path.source", PathRename | PathLink | PathSymlink) => Some(first(PathView::Full)),
        ("fs.path.target", PathRename | PathLink) => {
            Some(Attr::Path(PathSlot::Second, PathView::Full))
        }
        ("evt.is_open_read", FileOpen) => Some(Attr::OpenRead),
        ("evt.is_open_write", FileOpen) => Some(Attr::OpenWrite),
        ("fd.typechar", FileOpen | SocketConnect) => Some(Attr::FdType),
        ("fd.sip" | "fd.rip" | "fd.snet" | "fd.rnet", SocketConnect) => Some(Attr::PeerIp),
        ("fd.sport" | "fd.rport", SocketConnect) => Some(Attr::PeerPort),
        _ => None,
    };
    if let Some(a) = attr {
        return Ok(a);
    }
    Err(match (field, hook) {
        ("fs.path.name", FileOpen) => "fs.path.name of an open is the path argument made absolute \
            against the cwd, not the opened file: write fd.name"
            .to_string(),
        ("fs.path.target", PathSymlink) => "fs.path.target of a symlink is the link's content, a \
            string the kernel does not resolve at path_symlink"
            .to_string(),
        ("fd.name" | "fd.directory" | "fd.filename", SocketConnect) => format!(
            "{field} of a socket names the local end too, which is not known at socket_connect: \
             write fd.sip/fd.sport"
        ),
        _ if field_kind(field).is_some() => format!("field {field} is not visible at {hook}"),
        _ => format!("field {field} is not visible to the LSM hooks"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hook_has_a_distinct_name_and_id() {
        for (i, h) in Hook::ALL.into_iter().enumerate() {
            assert_eq!(h.id() as usize, i);
            assert_eq!(Hook::from_name(h.name()), Some(h));
        }
    }

    #[test]
    fn unlinkat_reaches_both_removal_hooks() {
        assert_eq!(
            Hook::for_event("unlinkat"),
            [Hook::PathUnlink, Hook::PathRmdir]
        );
        assert_eq!(Hook::for_event("openat2"), [Hook::FileOpen]);
        assert!(Hook::for_event("read").is_empty());
    }

    #[test]
    fn field_visibility_names_the_field_and_hook() {
        assert_eq!(
            field_attr("fd.name", Hook::FileOpen),
            Ok(Attr::Path(PathSlot::First, PathView::Full))
        );
        assert_eq!(
            field_attr("fd.sport", Hook::FileOpen),
            Err("field fd.sport is not visible at file_open".to_string())
        );
        assert_eq!(
            field_attr("proc.cmdline", Hook::BprmCheckSecurity),
            Err("field proc.cmdline is not visible to the LSM hooks".to_string())
        );
    }

    #[test]
    fn attribute_ids_are_distinct() {
        let mut attrs = vec![
            Attr::Comm,
            Attr::ParentComm,
            Attr::Exe,
            Attr::Uid,
            Attr::ContainerId,
            Attr::OpenRead,
            Attr::OpenWrite,
            Attr::FdType,
            Attr::PeerIp,
            Attr::PeerPort,
        ];
        for slot in [PathSlot::First, PathSlot::Second] {
            for view in [PathView::Full, PathView::Dir, PathView::Base] {
                attrs.push(Attr::Path(slot, view));
            }
        }
        let mut ids: Vec<u32> = attrs.iter().map(|a| a.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), attrs.len());
    }
}
