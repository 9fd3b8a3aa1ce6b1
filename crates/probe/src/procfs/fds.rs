//! A process' fd table from `/proc/PID/fd` (link targets) and `/proc/PID/fdinfo` (open flags),
//! typed with libscap's fd type codes.

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

use super::sockets::SocketTables;
use crate::extract::open_flags as ppm;
use crate::scap::{FdDetail, FdInfo};

/// libscap's fd type codes of what is not a socket.
const FD_DIRECTORY: u8 = 2;
const FD_FIFO: u8 = 7;
const FD_EVENT: u8 = 9;
const FD_UNSUPPORTED: u8 = 10;
const FD_SIGNALFD: u8 = 11;
const FD_EVENTPOLL: u8 = 12;
const FD_INOTIFY: u8 = 13;
const FD_TIMERFD: u8 = 14;
const FD_FILE_V2: u8 = 16;
const FD_BPF: u8 = 17;
const FD_USERFAULTFD: u8 = 18;
const FD_IOURING: u8 = 19;
const FD_MEMFD: u8 = 20;
const FD_PIDFD: u8 = 21;

/// Linux open flags, as the kernel reports them in `fdinfo` (the asm-generic values; arm64
/// moves the directory, direct and large-file bits).
mod linux {
    pub const O_ACCMODE: u64 = 0o3;
    pub const O_WRONLY: u64 = 0o1;
    pub const O_RDWR: u64 = 0o2;
    pub const O_CREAT: u64 = 0o100;
    pub const O_EXCL: u64 = 0o200;
    pub const O_TRUNC: u64 = 0o1000;
    pub const O_APPEND: u64 = 0o2000;
    pub const O_NONBLOCK: u64 = 0o4000;
    pub const O_DSYNC: u64 = 0o10000;
    #[cfg(not(target_arch = "aarch64"))]
    pub const O_DIRECT: u64 = 0o40000;
    #[cfg(not(target_arch = "aarch64"))]
    pub const O_LARGEFILE: u64 = 0o100000;
    #[cfg(not(target_arch = "aarch64"))]
    pub const O_DIRECTORY: u64 = 0o200000;
    #[cfg(target_arch = "aarch64")]
    pub const O_DIRECTORY: u64 = 0o40000;
    #[cfg(target_arch = "aarch64")]
    pub const O_DIRECT: u64 = 0o200000;
    #[cfg(target_arch = "aarch64")]
    pub const O_LARGEFILE: u64 = 0o400000;
    pub const O_CLOEXEC: u64 = 0o2000000;
    /// `__O_SYNC | O_DSYNC`.
    pub const O_SYNC: u64 = 0o4010000;
    /// `__O_TMPFILE | O_DIRECTORY`.
    pub const O_TMPFILE: u64 = 0o20000000 | O_DIRECTORY;
}

/// The driver's `PPM_O_*` bits of the Linux open flags `flags` (as `/proc/PID/fdinfo` shows
/// them, in octal). Flags made of several bits (`O_SYNC`, `O_TMPFILE`) count only when all
/// their bits are set, so that `O_DSYNC` alone is not `O_SYNC`.
///
/// ```
/// use falcod_probe::procfs::open_flags_to_ppm;
/// // O_WRONLY | O_APPEND | O_CLOEXEC
/// assert_eq!(open_flags_to_ppm(0o2002001), (1 << 1) | (1 << 3) | (1 << 12));
/// ```
pub fn open_flags_to_ppm(flags: u64) -> u32 {
    let mut out = match flags & linux::O_ACCMODE {
        linux::O_WRONLY => ppm::WRONLY,
        linux::O_RDWR => ppm::RDWR,
        _ => ppm::RDONLY,
    };
    let has = |bits: u64| flags & bits == bits;
    for (bits, ppm_bit) in [
        (linux::O_CREAT, ppm::CREAT),
        (linux::O_TMPFILE, ppm::TMPFILE),
        (linux::O_APPEND, ppm::APPEND),
        (linux::O_DSYNC, ppm::DSYNC),
        (linux::O_EXCL, ppm::EXCL),
        (linux::O_NONBLOCK, ppm::NONBLOCK),
        (linux::O_SYNC, ppm::SYNC),
        (linux::O_TRUNC, ppm::TRUNC),
        (linux::O_DIRECT, ppm::DIRECT),
        (linux::O_DIRECTORY, ppm::DIRECTORY),
        (linux::O_LARGEFILE, ppm::LARGEFILE),
        (linux::O_CLOEXEC, ppm::CLOEXEC),
    ] {
        if has(bits) {
            out |= ppm_bit;
        }
    }
    out
}

/// The fds of the process whose `/proc` directory is `dir`, by fd number. Sockets are
/// resolved through `sockets` (left out without it, or when their namespace's tables do not
/// list them, as libscap leaves them out).
pub(super) fn read_fds(dir: &Path, mut sockets: Option<&mut SocketTables>) -> Vec<FdInfo> {
    let fd_dir = dir.join("fd");
    let Ok(entries) = fs::read_dir(&fd_dir) else {
        return Vec::new();
    };
    let mut nums: Vec<i64> = entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    nums.sort_unstable();
    nums.into_iter()
        .filter_map(|fd| read_fd(dir, fd, sockets.as_deref_mut()))
        .collect()
}

fn read_fd(dir: &Path, fd: i64, sockets: Option<&mut SocketTables>) -> Option<FdInfo> {
    let link = dir.join("fd").join(fd.to_string());
    // The fd may be closed by now.
    let meta = fs::metadata(&link).ok()?;
    let target = fs::read_link(&link).ok()?;
    let target = target.to_string_lossy().into_owned();
    let ft = meta.file_type();
    let named = |fd_type: u8, ino: u64, name: String| FdInfo {
        fd,
        ino,
        fd_type,
        detail: FdDetail::Named { name },
    };
    if ft.is_fifo() {
        let ino = bracketed_number(&target, "pipe:").unwrap_or(meta.ino());
        return Some(named(FD_FIFO, ino, target));
    }
    if ft.is_socket() {
        let ino = bracketed_number(&target, "socket:")?;
        let (fd_type, detail) = sockets?.lookup(dir, ino)?.clone();
        return Some(FdInfo {
            fd,
            ino,
            fd_type,
            detail,
        });
    }
    if ft.is_dir() {
        return Some(named(FD_DIRECTORY, meta.ino(), target));
    }
    if let Some(kind) = target.strip_prefix("anon_inode:") {
        // libscap keeps the kind in the type and no name.
        return Some(named(anon_inode_type(kind), meta.ino(), String::new()));
    }
    if ft.is_file() || ft.is_block_device() || ft.is_char_device() || ft.is_symlink() {
        if target.starts_with("/memfd:") {
            return Some(named(FD_MEMFD, meta.ino(), target));
        }
        return Some(FdInfo {
            fd,
            ino: meta.ino(),
            fd_type: FD_FILE_V2,
            detail: FdDetail::File {
                open_flags: fdinfo_flags(dir, fd),
                name: target,
                // The kernel's device number in the C library's encoding, as libscap keeps it.
                dev: Some(meta.dev() as u32),
            },
        });
    }
    Some(named(FD_UNSUPPORTED, meta.ino(), String::new()))
}

/// The type code of an anonymous inode by its kind (`[eventfd]`, `inotify`, `bpf-map`, ...).
fn anon_inode_type(kind: &str) -> u8 {
    match kind {
        "[eventfd]" => FD_EVENT,
        "[eventpoll]" => FD_EVENTPOLL,
        "inotify" => FD_INOTIFY,
        "[signalfd]" => FD_SIGNALFD,
        "[timerfd]" => FD_TIMERFD,
        "[io_uring]" => FD_IOURING,
        "[userfaultfd]" => FD_USERFAULTFD,
        "[pidfd]" => FD_PIDFD,
        "bpf-map" | "bpf-prog" | "bpf-link" | "bpf_iter" => FD_BPF,
        _ => FD_UNSUPPORTED,
    }
}

/// The number of `pipe:[123]`-style link targets.
fn bracketed_number(target: &str, prefix: &str) -> Option<u64> {
    target
        .strip_prefix(prefix)?
        .strip_prefix('[')?
        .strip_suffix(']')?
        .parse()
        .ok()
}

/// The `PPM_O_*` flags of fd `fd` from its `fdinfo` (`flags:\t0100002`, octal).
fn fdinfo_flags(dir: &Path, fd: i64) -> u32 {
    let Ok(text) = fs::read_to_string(dir.join("fdinfo").join(fd.to_string())) else {
        return 0;
    };
    text.lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|v| u64::from_str_radix(v.trim(), 8).ok())
        .map_or(0, open_flags_to_ppm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_flags_map_to_ppm_bits() {
        assert_eq!(open_flags_to_ppm(0), ppm::RDONLY);
        assert_eq!(open_flags_to_ppm(0o2), ppm::RDWR);
        assert_eq!(
            open_flags_to_ppm(linux::O_CREAT | linux::O_TRUNC | 0o1 | linux::O_LARGEFILE),
            ppm::WRONLY | ppm::CREAT | ppm::TRUNC | ppm::LARGEFILE
        );
        // O_SYNC includes O_DSYNC's bit; O_DSYNC alone is not O_SYNC.
        assert_eq!(open_flags_to_ppm(0o10000), ppm::RDONLY | ppm::DSYNC);
        assert_eq!(
            open_flags_to_ppm(0o4010000),
            ppm::RDONLY | ppm::DSYNC | ppm::SYNC
        );
        // O_TMPFILE includes O_DIRECTORY.
        assert_eq!(
            open_flags_to_ppm(linux::O_TMPFILE | 0o2),
            ppm::RDWR | ppm::TMPFILE | ppm::DIRECTORY
        );
    }

    #[test]
    fn anon_inodes_and_bracketed_numbers() {
        assert_eq!(anon_inode_type("[eventfd]"), FD_EVENT);
        assert_eq!(anon_inode_type("bpf-prog"), FD_BPF);
        assert_eq!(anon_inode_type("[perf_event]"), FD_UNSUPPORTED);
        assert_eq!(bracketed_number("pipe:[19167]", "pipe:"), Some(19167));
        assert_eq!(bracketed_number("socket:[5]", "pipe:"), None);
    }
}
