//! Kernel flag values to the driver's (`PPM_*`) encoding, which the event format requires.

/// `open(2)` flags to `PPM_O_*`.
#[inline(always)]
pub fn open_flags(f: u64) -> u32 {
    let mut r = match f & 3 {
        0 => 1, // O_RDONLY
        1 => 2, // O_WRONLY
        2 => 3, // O_RDWR
        _ => 0,
    };
    let map: [(u64, u32); 12] = [
        (0o100, 1 << 2),       // O_CREAT
        (0o2000, 1 << 3),      // O_APPEND
        (0o10000, 1 << 4),     // O_DSYNC
        (0o200, 1 << 5),       // O_EXCL
        (0o4000, 1 << 6),      // O_NONBLOCK
        (0o4010000, 1 << 7),   // O_SYNC (includes O_DSYNC)
        (0o1000, 1 << 8),      // O_TRUNC
        (0o40000, 1 << 9),     // O_DIRECT
        (0o200000, 1 << 10),   // O_DIRECTORY
        (0o100000, 1 << 11),   // O_LARGEFILE
        (0o2000000, 1 << 12),  // O_CLOEXEC
        (0o20200000, 1 << 13), // O_TMPFILE (includes O_DIRECTORY)
    ];
    let mut i = 0;
    while i < map.len() {
        let (k, p) = map[i];
        if f & k == k {
            r |= p;
        }
        i += 1;
    }
    r
}

/// The mode of an open: only meaningful (and only reported) with O_CREAT or O_TMPFILE. The
/// permission bits have the same values in both encodings.
#[inline(always)]
pub fn open_mode(flags: u64, mode: u64) -> u32 {
    if flags & 0o100 != 0 || flags & 0o20000000 != 0 {
        (mode & 0o7777) as u32
    } else {
        0
    }
}

/// `clone(2)` / `unshare(2)` / `setns(2)` flags to `PPM_CL_*`.
#[inline(always)]
pub fn clone_flags(f: u64) -> u32 {
    let map: [(u64, u32); 17] = [
        (0x0000_0400, 1 << 0),  // CLONE_FILES
        (0x0000_0200, 1 << 1),  // CLONE_FS
        (0x8000_0000, 1 << 2),  // CLONE_IO
        (0x0800_0000, 1 << 3),  // CLONE_NEWIPC
        (0x4000_0000, 1 << 4),  // CLONE_NEWNET
        (0x0002_0000, 1 << 5),  // CLONE_NEWNS
        (0x2000_0000, 1 << 6),  // CLONE_NEWPID
        (0x0400_0000, 1 << 7),  // CLONE_NEWUTS
        (0x0000_8000, 1 << 8),  // CLONE_PARENT
        (0x0010_0000, 1 << 9),  // CLONE_PARENT_SETTID
        (0x0000_2000, 1 << 10), // CLONE_PTRACE
        (0x0000_0800, 1 << 11), // CLONE_SIGHAND
        (0x0004_0000, 1 << 12), // CLONE_SYSVSEM
        (0x0001_0000, 1 << 13), // CLONE_THREAD
        (0x0080_0000, 1 << 14), // CLONE_UNTRACED
        (0x0000_0100, 1 << 15), // CLONE_VM
        (0x1000_0000, 1 << 20), // CLONE_NEWUSER
    ];
    let mut r = 0;
    let mut i = 0;
    while i < map.len() {
        let (k, p) = map[i];
        if f & k != 0 {
            r |= p;
        }
        i += 1;
    }
    r
}

/// `fcntl(2)` commands to `PPM_FCNTL_*` (0 for the ones not listed).
#[inline(always)]
pub fn fcntl_cmd(cmd: u64) -> u8 {
    match cmd {
        0 => 1,     // F_DUPFD
        1 => 2,     // F_GETFD
        2 => 3,     // F_SETFD
        3 => 4,     // F_GETFL
        4 => 5,     // F_SETFL
        5 => 6,     // F_GETLK
        6 => 8,     // F_SETLK
        7 => 9,     // F_SETLKW
        8 => 10,    // F_SETOWN
        9 => 12,    // F_GETOWN
        10 => 13,   // F_SETSIG
        11 => 15,   // F_GETSIG
        1030 => 26, // F_DUPFD_CLOEXEC
        _ => 0,
    }
}

/// `ptrace(2)` requests to `PPM_PTRACE_*` (0 for the ones not listed).
#[inline(always)]
pub fn ptrace_request(req: u64) -> u16 {
    match req {
        0 => 1,       // TRACEME
        1 => 2,       // PEEKTEXT
        2 => 3,       // PEEKDATA
        3 => 4,       // PEEKUSR
        4 => 5,       // POKETEXT
        5 => 6,       // POKEDATA
        6 => 7,       // POKEUSR
        7 => 8,       // CONT
        8 => 9,       // KILL
        9 => 10,      // SINGLESTEP
        16 => 11,     // ATTACH
        17 => 12,     // DETACH
        24 => 13,     // SYSCALL
        0x4200 => 14, // SETOPTIONS
        0x4201 => 15, // GETEVENTMSG
        0x4202 => 16, // GETSIGINFO
        0x4203 => 17, // SETSIGINFO
        0x4204 => 18, // GETREGSET
        0x4205 => 19, // SETREGSET
        0x4206 => 20, // SEIZE
        0x4207 => 21, // INTERRUPT
        0x4208 => 22, // LISTEN
        0x4209 => 23, // PEEKSIGINFO
        0x420a => 24, // GETSIGMASK
        0x420b => 25, // SETSIGMASK
        12 => 26,     // GETREGS
        13 => 27,     // SETREGS
        14 => 28,     // GETFPREGS
        _ => 0,
    }
}

/// `execveat(2)` / `*at(2)` flags: `AT_*` values are the driver's too except for execveat,
/// whose `PPM_EXVAT_*` flags are AT_EMPTY_PATH = 1, AT_SYMLINK_NOFOLLOW = 2.
#[inline(always)]
pub fn execveat_flags(f: u64) -> u32 {
    let mut r = 0;
    if f & 0x1000 != 0 {
        r |= 1;
    }
    if f & 0x100 != 0 {
        r |= 2;
    }
    r
}
