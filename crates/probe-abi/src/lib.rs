//! What falcod's kernel programs (crate `falcod-probe-ebpf`) and their loader (module
//! `falcod_probe::live`) must agree on, in one place: the configuration the loader writes into
//! the programs' global before loading them, the names and sizes of the maps, the layout of the
//! counters, and the header that precedes every record in the ring buffer.
//!
//! Everything here is `#[repr(C)]` plain data, so both sides see the same bytes. The crate is
//! `no_std` and dependency-free so the eBPF build can use it.
//!
//! ```
//! use falcod_probe_abi::{Config, RECORD_HEADER_LEN, syscall_nr};
//! let cfg = Config::default();
//! assert_eq!(cfg.pt_regs.di, 0); // filled from the running kernel's BTF by the loader
//! assert_eq!(RECORD_HEADER_LEN, 8);
//! assert_eq!(syscall_nr("openat"), Some(257));
//! ```
#![no_std]

/// Name of the global holding the [`Config`] in the eBPF object.
pub const CONFIG_GLOBAL: &str = "FALCOD_CONFIG";
/// Name of the ring buffer map that carries the events.
pub const EVENTS_MAP: &str = "EVENTS";
/// Name of the array map, indexed by syscall number, whose nonzero entries mark the syscalls
/// to trace.
pub const INTERESTING_MAP: &str = "INTERESTING";
/// Name of the per-CPU array map (one [`Counters`] entry) of event and drop counts.
pub const COUNTERS_MAP: &str = "COUNTERS";
/// Name of the per-CPU scratch map where events are assembled before they are copied out.
pub const SCRATCH_MAP: &str = "SCRATCH";

/// Entries of the interesting-syscalls map: syscall numbers at or above are never traced.
pub const MAX_SYSCALLS: u32 = 512;
/// Default ring buffer size in bytes (a power of two multiple of the page size).
pub const RINGBUF_BYTES: u32 = 16 << 20;
/// Size of the per-CPU scratch buffer where one event is assembled.
pub const SCRATCH_BYTES: usize = 32 << 10;
/// Largest offset an event writer may start a parameter at; every variable-length parameter is
/// at most [`MAX_PARAM_BYTES`], so `offset + MAX_PARAM_BYTES` stays inside the scratch buffer.
pub const SCRATCH_POS_MASK: u32 = (16 << 10) - 1;
/// Largest variable-length parameter (strings, argument areas, buffers), in bytes.
pub const MAX_PARAM_BYTES: u32 = 4096;
/// Largest number of parameters of one event (the driver table's maximum is 32).
pub const MAX_PARAMS: u32 = 32;

/// Names of the raw tracepoint programs in the object and the tracepoint each attaches to.
pub const PROGRAMS: [(&str, &str); 3] = [
    ("sys_enter", "sys_enter"),
    ("sys_exit", "sys_exit"),
    ("sched_process_exit", "sched_process_exit"),
];

/// The header of every ring buffer record; the driver-format event follows it.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecordHeader {
    /// CPU that produced the event.
    pub cpu: u16,
    /// Reserved, zero.
    pub reserved: u16,
    /// Reserved, zero.
    pub reserved2: u32,
}

/// Length of [`RecordHeader`] in bytes.
pub const RECORD_HEADER_LEN: usize = core::mem::size_of::<RecordHeader>();
/// Length of the driver event header: ts u64, tid u64, len u32, type u16, nparams u32.
pub const EVENT_HEADER_LEN: usize = 26;

/// Per-CPU counters the programs keep in [`COUNTERS_MAP`].
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    /// Events written to the ring buffer.
    pub events: u64,
    /// Events lost because the ring buffer was full.
    pub drops: u64,
    /// Events abandoned because the scratch buffer was unavailable.
    pub scratch_misses: u64,
}

/// Byte offsets of the fields of `struct pt_regs` that hold syscall arguments (x86-64).
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PtRegsOffsets {
    /// `di`: argument 1.
    pub di: u32,
    /// `si`: argument 2.
    pub si: u32,
    /// `dx`: argument 3.
    pub dx: u32,
    /// `r10`: argument 4.
    pub r10: u32,
    /// `r8`: argument 5.
    pub r8: u32,
    /// `r9`: argument 6.
    pub r9: u32,
    /// `orig_ax`: the syscall number.
    pub orig_ax: u32,
}

impl PtRegsOffsets {
    /// All offsets zero (the value the eBPF object is built with).
    pub const ZERO: PtRegsOffsets = PtRegsOffsets {
        di: 0,
        si: 0,
        dx: 0,
        r10: 0,
        r8: 0,
        r9: 0,
        orig_ax: 0,
    };
}

/// Byte offsets of the kernel struct fields the programs read, resolved from the running
/// kernel's BTF by the loader (they differ between kernels and builds).
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KernelOffsets {
    /// `task_struct.pid` (the thread id).
    pub task_pid: u32,
    /// `task_struct.tgid` (the process id).
    pub task_tgid: u32,
    /// `task_struct.real_parent`.
    pub task_real_parent: u32,
    /// `task_struct.group_leader`.
    pub task_group_leader: u32,
    /// `task_struct.mm`.
    pub task_mm: u32,
    /// `task_struct.cred`.
    pub task_cred: u32,
    /// `task_struct.loginuid` (its `val`).
    pub task_loginuid: u32,
    /// `task_struct.exit_code`.
    pub task_exit_code: u32,
    /// `task_struct.signal`.
    pub task_signal: u32,
    /// `signal_struct.rlim` (array of `struct rlimit`).
    pub signal_rlim: u32,
    /// `mm_struct.arg_start`.
    pub mm_arg_start: u32,
    /// `mm_struct.arg_end`.
    pub mm_arg_end: u32,
    /// `mm_struct.env_start`.
    pub mm_env_start: u32,
    /// `mm_struct.env_end`.
    pub mm_env_end: u32,
    /// `cred.uid` (its `val`).
    pub cred_uid: u32,
    /// `cred.gid` (its `val`).
    pub cred_gid: u32,
    /// `cred.euid` (its `val`).
    pub cred_euid: u32,
    /// `cred.egid` (its `val`).
    pub cred_egid: u32,
    /// `cred.cap_inheritable`.
    pub cred_cap_inheritable: u32,
    /// `cred.cap_permitted`.
    pub cred_cap_permitted: u32,
    /// `cred.cap_effective`.
    pub cred_cap_effective: u32,
}

impl KernelOffsets {
    /// All offsets zero (the value the eBPF object is built with).
    pub const ZERO: KernelOffsets = KernelOffsets {
        task_pid: 0,
        task_tgid: 0,
        task_real_parent: 0,
        task_group_leader: 0,
        task_mm: 0,
        task_cred: 0,
        task_loginuid: 0,
        task_exit_code: 0,
        task_signal: 0,
        signal_rlim: 0,
        mm_arg_start: 0,
        mm_arg_end: 0,
        mm_env_start: 0,
        mm_env_end: 0,
        cred_uid: 0,
        cred_gid: 0,
        cred_euid: 0,
        cred_egid: 0,
        cred_cap_inheritable: 0,
        cred_cap_permitted: 0,
        cred_cap_effective: 0,
    };
}

/// The programs' configuration, written by the loader into the [`CONFIG_GLOBAL`] global.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Config {
    /// Wall-clock time of boot, nanoseconds since the epoch: event timestamps are
    /// `boot_time_ns + bpf_ktime_get_boot_ns()`.
    pub boot_time_ns: u64,
    /// Thread group id of the loader: its own syscalls are not traced (0: trace everything).
    pub self_tgid: u32,
    /// Reserved, zero.
    pub reserved: u32,
    /// `struct pt_regs` offsets.
    pub pt_regs: PtRegsOffsets,
    /// Kernel struct offsets.
    pub kernel: KernelOffsets,
}

impl Config {
    /// The configuration the eBPF object is built with; a program seeing `boot_time_ns == 0`
    /// was loaded without its configuration and emits nothing.
    pub const ZERO: Config = Config {
        boot_time_ns: 0,
        self_tgid: 0,
        reserved: 0,
        pt_regs: PtRegsOffsets::ZERO,
        kernel: KernelOffsets::ZERO,
    };
}

/// x86-64 syscall numbers of the syscalls the programs know how to encode, by name.
pub const SYSCALLS: &[(&str, u32)] = &[
    ("open", 2),
    ("close", 3),
    ("dup", 32),
    ("dup2", 33),
    ("socket", 41),
    ("connect", 42),
    ("accept", 43),
    ("sendto", 44),
    ("recvfrom", 45),
    ("sendmsg", 46),
    ("recvmsg", 47),
    ("bind", 49),
    ("listen", 50),
    ("clone", 56),
    ("fork", 57),
    ("vfork", 58),
    ("execve", 59),
    ("fcntl", 72),
    ("chdir", 80),
    ("fchdir", 81),
    ("rename", 82),
    ("mkdir", 83),
    ("rmdir", 84),
    ("creat", 85),
    ("link", 86),
    ("unlink", 87),
    ("symlink", 88),
    ("chmod", 90),
    ("fchmod", 91),
    ("ptrace", 101),
    ("setuid", 105),
    ("setgid", 106),
    ("setresuid", 117),
    ("setresgid", 119),
    ("mount", 165),
    ("umount2", 166),
    ("init_module", 175),
    ("openat", 257),
    ("mkdirat", 258),
    ("unlinkat", 263),
    ("renameat", 264),
    ("linkat", 265),
    ("symlinkat", 266),
    ("fchmodat", 268),
    ("unshare", 272),
    ("accept4", 288),
    ("dup3", 292),
    ("setns", 308),
    ("finit_module", 313),
    ("renameat2", 316),
    ("memfd_create", 319),
    ("bpf", 321),
    ("userfaultfd", 323),
    ("execveat", 322),
    ("clone3", 435),
    ("openat2", 437),
];

/// The x86-64 number of syscall `name`, if the programs encode it.
pub fn syscall_nr(name: &str) -> Option<u32> {
    SYSCALLS.iter().find(|(n, _)| *n == name).map(|&(_, nr)| nr)
}
