//! Flag and errno names as libsinsp prints them in event arguments and `evt.res`.

/// PPM open flag bits (driver `PPM_O_*`) used by `evt.is_open_*`.
pub mod open_flags {
    /// `PPM_O_RDONLY`
    pub const RDONLY: u32 = 1;
    /// `PPM_O_WRONLY`
    pub const WRONLY: u32 = 1 << 1;
    /// `PPM_O_RDWR`
    pub const RDWR: u32 = RDONLY | WRONLY;
    /// `PPM_O_CREAT`
    pub const CREAT: u32 = 1 << 2;
    /// `PPM_O_APPEND`
    pub const APPEND: u32 = 1 << 3;
    /// `PPM_O_TRUNC`
    pub const TRUNC: u32 = 1 << 8;
    /// `PPM_O_DIRECTORY`
    pub const DIRECTORY: u32 = 1 << 10;
    /// `PPM_O_CLOEXEC`
    pub const CLOEXEC: u32 = 1 << 12;
    /// `PPM_O_TMPFILE`
    pub const TMPFILE: u32 = 1 << 13;
    /// `PPM_O_F_CREATED`: the open created the file.
    pub const F_CREATED: u32 = 1 << 14;

    /// `PPM_O_DIRECT`
    pub const DIRECT: u32 = 1 << 9;
    /// `PPM_O_LARGEFILE`
    pub const LARGEFILE: u32 = 1 << 11;
    /// `PPM_O_SYNC`
    pub const SYNC: u32 = 1 << 7;
    /// `PPM_O_NONBLOCK`
    pub const NONBLOCK: u32 = 1 << 6;
    /// `PPM_O_EXCL`
    pub const EXCL: u32 = 1 << 5;
    /// `PPM_O_DSYNC`
    pub const DSYNC: u32 = 1 << 4;

    /// The driver's flag names in its table order, which is the order libsinsp prints them in.
    const NAMES: [(&str, u32); 16] = [
        ("O_LARGEFILE", LARGEFILE),
        ("O_DIRECTORY", DIRECTORY),
        ("O_DIRECT", DIRECT),
        ("O_TRUNC", TRUNC),
        ("O_SYNC", SYNC),
        ("O_NONBLOCK", NONBLOCK),
        ("O_EXCL", EXCL),
        ("O_DSYNC", DSYNC),
        ("O_APPEND", APPEND),
        ("O_CREAT", CREAT),
        ("O_RDWR", RDWR),
        ("O_WRONLY", WRONLY),
        ("O_RDONLY", RDONLY),
        ("O_CLOEXEC", CLOEXEC),
        ("O_TMPFILE", TMPFILE),
        ("O_F_CREATED", F_CREATED),
    ];

    /// The flags as libsinsp resolves them (`O_RDONLY|O_CLOEXEC`): every table entry whose bits
    /// are all still set, in table order, each consuming its bits; `O_NONE` for zero.
    pub fn text(flags: u32) -> String {
        if flags == 0 {
            return "O_NONE".to_string();
        }
        let mut rest = flags;
        let mut s = String::new();
        for (name, bits) in NAMES {
            if rest & bits == bits {
                if !s.is_empty() {
                    s.push('|');
                }
                s.push_str(name);
                rest &= !bits;
            }
        }
        s
    }
}

/// The name of an errno value as `evt.res` prints it (`ENOENT`); `None` for values this model
/// does not name.
pub fn errno_name(errno: i64) -> Option<&'static str> {
    Some(match errno {
        1 => "EPERM",
        2 => "ENOENT",
        4 => "EINTR",
        9 => "EBADF",
        11 => "EAGAIN",
        13 => "EACCES",
        17 => "EEXIST",
        22 => "EINVAL",
        110 => "ETIMEDOUT",
        111 => "ECONNREFUSED",
        115 => "EINPROGRESS",
        _ => return None,
    })
}
