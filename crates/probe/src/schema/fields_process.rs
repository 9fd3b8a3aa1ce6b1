//! The `process` class: `proc.*` and `thread.*` fields about the thread behind an event.

use super::FieldDef as D;
use falcod_rules::fields::{ArgForm, FieldFlags as F, FieldType as T};

/// Ancestor fields: an optional `[N]` picks one ancestor (0 = the process itself, 1 = parent);
/// without it a condition tests every ancestor.
const ANCESTOR: F = F::NO_RHS.union(F::NO_TRANSFORMER);

/// Fields of libsinsp's thread check (class `process`), in libsinsp's order.
pub(super) const PROCESS: &[D] = &[
    D::new(
        "proc.exe",
        T::CharBuf,
        "First command-line word (argv[0]) of the process: usually the program name.",
    ),
    D::new("proc.pexe", T::CharBuf, "proc.exe of the parent process."),
    D::new(
        "proc.aexe",
        T::CharBuf,
        "proc.exe of an ancestor: proc.aexe[2] is the grandparent.",
    )
    .arg(ArgForm::Index, false)
    .flags(ANCESTOR),
    D::new(
        "proc.exepath",
        T::CharBuf,
        "Full path of the program file the process runs, with symlinks resolved.",
    ),
    D::new(
        "proc.pexepath",
        T::CharBuf,
        "proc.exepath of the parent process.",
    ),
    D::new(
        "proc.aexepath",
        T::CharBuf,
        "proc.exepath of an ancestor, chosen by [N].",
    )
    .arg(ArgForm::Index, false)
    .flags(ANCESTOR),
    D::new(
        "proc.name",
        T::CharBuf,
        "Kernel name of the process (comm), cut to 16 characters by the kernel.",
    ),
    D::new("proc.pname", T::CharBuf, "proc.name of the parent process."),
    D::new(
        "proc.aname",
        T::CharBuf,
        "proc.name of an ancestor: proc.aname[1] is the parent.",
    )
    .arg(ArgForm::Index, false)
    .flags(ANCESTOR),
    D::new(
        "proc.args",
        T::CharBuf,
        "Command-line arguments after argv[0]; [N] picks a single argument.",
    )
    .arg(ArgForm::Index, false),
    D::new(
        "proc.aargs",
        T::CharBuf,
        "Command-line arguments of an ancestor, chosen by [N].",
    )
    .arg(ArgForm::Index, false),
    D::new(
        "proc.cmdline",
        T::CharBuf,
        "proc.name followed by proc.args.",
    ),
    D::new(
        "proc.pcmdline",
        T::CharBuf,
        "proc.cmdline of the parent process.",
    ),
    D::new(
        "proc.acmdline",
        T::CharBuf,
        "proc.cmdline of an ancestor, chosen by [N].",
    )
    .arg(ArgForm::Index, false)
    .flags(ANCESTOR),
    D::new(
        "proc.cmdnargs",
        T::Uint64,
        "Count of command-line arguments in proc.args.",
    ),
    D::new(
        "proc.cmdlenargs",
        T::Uint64,
        "Total characters of the command-line arguments, separators not counted.",
    ),
    D::new(
        "proc.exeline",
        T::CharBuf,
        "proc.exe followed by proc.args.",
    ),
    D::new(
        "proc.env",
        T::CharBuf,
        "Environment as 'NAME=value' pairs; proc.env[NAME] gives one variable's value.",
    )
    .arg(ArgForm::IndexOrKey, false)
    .flags(F::ARG_BRACKETS_ONLY),
    D::new(
        "proc.aenv",
        T::CharBuf,
        "Environment of ancestors: proc.aenv[N] for one ancestor, proc.aenv[NAME] searches upward.",
    )
    .arg(ArgForm::IndexOrKey, false)
    .flags(ANCESTOR.union(F::ARG_BRACKETS_ONLY)),
    D::new("proc.cwd", T::CharBuf, "Working directory of the process."),
    D::new(
        "proc.loginshellid",
        T::Int64,
        "PID of the eldest shell among the ancestors; tells user sessions apart.",
    ),
    D::new(
        "proc.tty",
        T::Uint32,
        "Controlling terminal of the process, 0 when it has none.",
    ),
    D::new(
        "proc.pid",
        T::Int64,
        "Process ID (in the host PID namespace).",
    ),
    D::new("proc.ppid", T::Int64, "Process ID of the parent."),
    D::new(
        "proc.apid",
        T::Int64,
        "Process ID of an ancestor, chosen by [N].",
    )
    .arg(ArgForm::Index, false)
    .flags(ANCESTOR),
    D::new(
        "proc.vpid",
        T::Int64,
        "Process ID inside the process's own PID namespace.",
    ),
    D::new(
        "proc.pvpid",
        T::Int64,
        "Parent's process ID inside its own PID namespace.",
    ),
    D::new("proc.sid", T::Int64, "Session ID of the process."),
    D::new(
        "proc.sname",
        T::CharBuf,
        "proc.name of the process's session leader.",
    ),
    D::new(
        "proc.sid.exe",
        T::CharBuf,
        "proc.exe of the process's session leader.",
    ),
    D::new(
        "proc.sid.exepath",
        T::CharBuf,
        "proc.exepath of the process's session leader.",
    ),
    D::new(
        "proc.vpgid",
        T::Int64,
        "Process group ID inside the process's own PID namespace.",
    ),
    D::new(
        "proc.vpgid.name",
        T::CharBuf,
        "proc.name of the leader of the process group (namespace view).",
    ),
    D::new(
        "proc.vpgid.exe",
        T::CharBuf,
        "proc.exe of the leader of the process group (namespace view).",
    ),
    D::new(
        "proc.vpgid.exepath",
        T::CharBuf,
        "proc.exepath of the leader of the process group (namespace view).",
    ),
    D::new(
        "proc.pgid",
        T::Int64,
        "Process group ID in the host PID namespace.",
    ),
    D::new(
        "proc.pgid.name",
        T::CharBuf,
        "proc.name of the leader of the process group (host view).",
    ),
    D::new(
        "proc.pgid.exe",
        T::CharBuf,
        "proc.exe of the leader of the process group (host view).",
    ),
    D::new(
        "proc.pgid.exepath",
        T::CharBuf,
        "proc.exepath of the leader of the process group (host view).",
    ),
    D::new(
        "proc.duration",
        T::RelTime,
        "Nanoseconds the process has been running.",
    ),
    D::new(
        "proc.ppid.duration",
        T::RelTime,
        "Nanoseconds the parent process has been running.",
    ),
    D::new(
        "proc.pid.ts",
        T::RelTime,
        "Start time of the process, in nanoseconds since the epoch.",
    ),
    D::new(
        "proc.ppid.ts",
        T::RelTime,
        "Start time of the parent process, in nanoseconds since the epoch.",
    ),
    D::new(
        "proc.is_exe_writable",
        T::Bool,
        "True if the user that started the process may write its program file.",
    ),
    D::new(
        "proc.is_exe_upper_layer",
        T::Bool,
        "True if the program file lives in the upper (writable) layer of an overlay filesystem.",
    ),
    D::new(
        "proc.is_exe_lower_layer",
        T::Bool,
        "True if the program file lives in a lower (image) layer of an overlay filesystem.",
    ),
    D::new(
        "proc.is_exe_from_memfd",
        T::Bool,
        "True if the program was executed from an anonymous memfd_create file.",
    ),
    D::new(
        "proc.is_sid_leader",
        T::Bool,
        "True if the process leads its session.",
    ),
    D::new(
        "proc.is_vpgid_leader",
        T::Bool,
        "True if the process leads its process group (namespace view).",
    ),
    D::new(
        "proc.is_pgid_leader",
        T::Bool,
        "True if the process leads its process group (host view).",
    ),
    D::new(
        "proc.exe_ino",
        T::Int64,
        "Inode number of the program file.",
    ),
    D::new(
        "proc.exe_ino.ctime",
        T::AbsTime,
        "Inode status-change time of the program file, in nanoseconds since the epoch.",
    ),
    D::new(
        "proc.exe_ino.mtime",
        T::AbsTime,
        "Content modification time of the program file, in nanoseconds since the epoch.",
    ),
    D::new(
        "proc.exe_ino.ctime_duration_proc_start",
        T::AbsTime,
        "Nanoseconds from the program file's last status change to the process start.",
    ),
    D::new(
        "proc.exe_ino.ctime_duration_pidns_start",
        T::AbsTime,
        "Nanoseconds from the PID namespace start to the program file's later status change.",
    ),
    D::new(
        "proc.pidns_init_start_ts",
        T::Uint64,
        "Start time of the process's PID namespace, in nanoseconds since the epoch.",
    ),
    D::new(
        "thread.cap_permitted",
        T::CharBuf,
        "Permitted capability set of the thread.",
    ),
    D::new(
        "thread.cap_inheritable",
        T::CharBuf,
        "Inheritable capability set of the thread.",
    ),
    D::new(
        "thread.cap_effective",
        T::CharBuf,
        "Effective capability set of the thread.",
    ),
    D::new(
        "proc.fdopencount",
        T::Uint64,
        "Count of file descriptors the process holds open.",
    ),
    D::new(
        "proc.fdlimit",
        T::Int64,
        "Most file descriptors the process may hold open.",
    ),
    D::new(
        "proc.fdusage",
        T::Double,
        "Open file descriptors as a share of the limit.",
    ),
    D::new(
        "proc.vmsize",
        T::Uint64,
        "Virtual memory size of the process, in KiB.",
    ),
    D::new(
        "proc.vmrss",
        T::Uint64,
        "Resident memory of the process, in KiB.",
    ),
    D::new(
        "proc.vmswap",
        T::Uint64,
        "Swapped-out memory of the process, in KiB.",
    ),
    D::new(
        "thread.pfmajor",
        T::Uint64,
        "Major page faults of the thread since it started.",
    ),
    D::new(
        "thread.pfminor",
        T::Uint64,
        "Minor page faults of the thread since it started.",
    ),
    D::new(
        "thread.tid",
        T::Int64,
        "Thread ID (in the host PID namespace).",
    ),
    D::new(
        "thread.ismain",
        T::Bool,
        "True if the thread is the main thread of its process.",
    ),
    D::new(
        "thread.vtid",
        T::Int64,
        "Thread ID inside the thread's own PID namespace.",
    ),
    D::new(
        "thread.nametid",
        T::CharBuf,
        "Process name and thread ID joined, naming one thread.",
    )
    .flags(F::HIDDEN),
    D::new(
        "thread.exectime",
        T::RelTime,
        "CPU nanoseconds used by the thread last scheduled out (switch events only).",
    ),
    D::new(
        "thread.totexectime",
        T::RelTime,
        "CPU nanoseconds used by the thread since the capture started (switch events only).",
    ),
    D::new(
        "thread.cgroups",
        T::CharBuf,
        "Every cgroup of the thread joined into one string.",
    ),
    D::new(
        "thread.cgroup",
        T::CharBuf,
        "Cgroup of the thread for the subsystem named after the dot, e.g. thread.cgroup.cpuacct.",
    )
    .arg(ArgForm::Key, true)
    .flags(F::ARG_DOTTED_ONLY),
    D::new(
        "proc.nthreads",
        T::Uint64,
        "Count of live threads in the process, leader included.",
    ),
    D::new(
        "proc.nchilds",
        T::Uint64,
        "Count of live threads in the process besides the leader.",
    ),
    D::new(
        "thread.cpu",
        T::Double,
        "CPU used by the thread over the last second.",
    ),
    D::new(
        "thread.cpu.user",
        T::Double,
        "User-mode CPU used by the thread over the last second.",
    ),
    D::new(
        "thread.cpu.system",
        T::Double,
        "Kernel-mode CPU used by the thread over the last second.",
    ),
    D::new(
        "thread.vmsize",
        T::Uint64,
        "Virtual memory of the process in KiB, reported on its main thread only (0 elsewhere).",
    ),
    D::new(
        "thread.vmrss",
        T::Uint64,
        "Resident memory of the process in KiB, reported on its main thread only (0 elsewhere).",
    ),
    D::new("thread.vmsize.b", T::Uint64, "thread.vmsize in bytes.").flags(F::HIDDEN),
    D::new("thread.vmrss.b", T::Uint64, "thread.vmrss in bytes.").flags(F::HIDDEN),
    D::new(
        "proc.stdin.type",
        T::CharBuf,
        "Kind of file descriptor 0 (standard input).",
    ),
    D::new(
        "proc.stdout.type",
        T::CharBuf,
        "Kind of file descriptor 1 (standard output).",
    ),
    D::new(
        "proc.stderr.type",
        T::CharBuf,
        "Kind of file descriptor 2 (standard error).",
    ),
    D::new(
        "proc.stdin.name",
        T::CharBuf,
        "Name of file descriptor 0 (standard input).",
    ),
    D::new(
        "proc.stdout.name",
        T::CharBuf,
        "Name of file descriptor 1 (standard output).",
    ),
    D::new(
        "proc.stderr.name",
        T::CharBuf,
        "Name of file descriptor 2 (standard error).",
    ),
];
