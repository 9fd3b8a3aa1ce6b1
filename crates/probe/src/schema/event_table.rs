//! Driver event and syscall tables of falcosecurity/libs, as data.
//!
//! Generated once from the driver's event table, event code enum and syscall code list
//! (libs snapshot 48dfd53c, driver schema 4.5.1). Only names, numbers and parameter types are
//! recorded here.

use falcod_rules::fields::FieldType;

/// Number of driver event codes (`PPM_EVENT_MAX`).
pub const PPM_EVENT_MAX: usize = 454;

/// Number of syscall codes (`PPM_SC_MAX`).
pub const PPM_SC_MAX: usize = 454;

/// Event code `PPME_GENERIC_E`.
pub const PPME_GENERIC_E: u16 = 0;

/// Event code `PPME_GENERIC_X`.
pub const PPME_GENERIC_X: u16 = 1;

/// Event code `PPME_ASYNCEVENT_E`.
pub const PPME_ASYNCEVENT_E: u16 = 402;

/// Event code `PPME_ASYNCEVENT_X`.
pub const PPME_ASYNCEVENT_X: u16 = 403;

/// Event code `PPME_PLUGINEVENT_E`.
pub const PPME_PLUGINEVENT_E: u16 = 322;

/// Event code `PPME_PLUGINEVENT_X`.
pub const PPME_PLUGINEVENT_X: u16 = 323;

/// The name of every driver event code, indexed by code. Enter and exit events share a name, and
/// so do all versions of one event.
pub const EVENT_NAMES: [&str; PPM_EVENT_MAX] = [
    "syscall",                  // 0 PPME_GENERIC_E
    "syscall",                  // 1 PPME_GENERIC_X
    "open",                     // 2 PPME_SYSCALL_OPEN_E
    "open",                     // 3 PPME_SYSCALL_OPEN_X
    "close",                    // 4 PPME_SYSCALL_CLOSE_E
    "close",                    // 5 PPME_SYSCALL_CLOSE_X
    "read",                     // 6 PPME_SYSCALL_READ_E
    "read",                     // 7 PPME_SYSCALL_READ_X
    "write",                    // 8 PPME_SYSCALL_WRITE_E
    "write",                    // 9 PPME_SYSCALL_WRITE_X
    "brk",                      // 10 PPME_SYSCALL_BRK_1_E
    "brk",                      // 11 PPME_SYSCALL_BRK_1_X
    "execve",                   // 12 PPME_SYSCALL_EXECVE_8_E
    "execve",                   // 13 PPME_SYSCALL_EXECVE_8_X
    "clone",                    // 14 PPME_SYSCALL_CLONE_11_E
    "clone",                    // 15 PPME_SYSCALL_CLONE_11_X
    "procexit",                 // 16 PPME_PROCEXIT_E
    "NA",                       // 17 PPME_PROCEXIT_X
    "socket",                   // 18 PPME_SOCKET_SOCKET_E
    "socket",                   // 19 PPME_SOCKET_SOCKET_X
    "bind",                     // 20 PPME_SOCKET_BIND_E
    "bind",                     // 21 PPME_SOCKET_BIND_X
    "connect",                  // 22 PPME_SOCKET_CONNECT_E
    "connect",                  // 23 PPME_SOCKET_CONNECT_X
    "listen",                   // 24 PPME_SOCKET_LISTEN_E
    "listen",                   // 25 PPME_SOCKET_LISTEN_X
    "accept",                   // 26 PPME_SOCKET_ACCEPT_E
    "accept",                   // 27 PPME_SOCKET_ACCEPT_X
    "send",                     // 28 PPME_SOCKET_SEND_E
    "send",                     // 29 PPME_SOCKET_SEND_X
    "sendto",                   // 30 PPME_SOCKET_SENDTO_E
    "sendto",                   // 31 PPME_SOCKET_SENDTO_X
    "recv",                     // 32 PPME_SOCKET_RECV_E
    "recv",                     // 33 PPME_SOCKET_RECV_X
    "recvfrom",                 // 34 PPME_SOCKET_RECVFROM_E
    "recvfrom",                 // 35 PPME_SOCKET_RECVFROM_X
    "shutdown",                 // 36 PPME_SOCKET_SHUTDOWN_E
    "shutdown",                 // 37 PPME_SOCKET_SHUTDOWN_X
    "getsockname",              // 38 PPME_SOCKET_GETSOCKNAME_E
    "getsockname",              // 39 PPME_SOCKET_GETSOCKNAME_X
    "getpeername",              // 40 PPME_SOCKET_GETPEERNAME_E
    "getpeername",              // 41 PPME_SOCKET_GETPEERNAME_X
    "socketpair",               // 42 PPME_SOCKET_SOCKETPAIR_E
    "socketpair",               // 43 PPME_SOCKET_SOCKETPAIR_X
    "setsockopt",               // 44 PPME_SOCKET_SETSOCKOPT_E
    "setsockopt",               // 45 PPME_SOCKET_SETSOCKOPT_X
    "getsockopt",               // 46 PPME_SOCKET_GETSOCKOPT_E
    "getsockopt",               // 47 PPME_SOCKET_GETSOCKOPT_X
    "sendmsg",                  // 48 PPME_SOCKET_SENDMSG_E
    "sendmsg",                  // 49 PPME_SOCKET_SENDMSG_X
    "sendmmsg",                 // 50 PPME_SOCKET_SENDMMSG_E
    "sendmmsg",                 // 51 PPME_SOCKET_SENDMMSG_X
    "recvmsg",                  // 52 PPME_SOCKET_RECVMSG_E
    "recvmsg",                  // 53 PPME_SOCKET_RECVMSG_X
    "recvmmsg",                 // 54 PPME_SOCKET_RECVMMSG_E
    "recvmmsg",                 // 55 PPME_SOCKET_RECVMMSG_X
    "accept",                   // 56 PPME_SOCKET_ACCEPT4_E
    "accept",                   // 57 PPME_SOCKET_ACCEPT4_X
    "creat",                    // 58 PPME_SYSCALL_CREAT_E
    "creat",                    // 59 PPME_SYSCALL_CREAT_X
    "pipe",                     // 60 PPME_SYSCALL_PIPE_E
    "pipe",                     // 61 PPME_SYSCALL_PIPE_X
    "eventfd",                  // 62 PPME_SYSCALL_EVENTFD_E
    "eventfd",                  // 63 PPME_SYSCALL_EVENTFD_X
    "futex",                    // 64 PPME_SYSCALL_FUTEX_E
    "futex",                    // 65 PPME_SYSCALL_FUTEX_X
    "stat",                     // 66 PPME_SYSCALL_STAT_E
    "stat",                     // 67 PPME_SYSCALL_STAT_X
    "lstat",                    // 68 PPME_SYSCALL_LSTAT_E
    "lstat",                    // 69 PPME_SYSCALL_LSTAT_X
    "fstat",                    // 70 PPME_SYSCALL_FSTAT_E
    "fstat",                    // 71 PPME_SYSCALL_FSTAT_X
    "stat64",                   // 72 PPME_SYSCALL_STAT64_E
    "stat64",                   // 73 PPME_SYSCALL_STAT64_X
    "lstat64",                  // 74 PPME_SYSCALL_LSTAT64_E
    "lstat64",                  // 75 PPME_SYSCALL_LSTAT64_X
    "fstat64",                  // 76 PPME_SYSCALL_FSTAT64_E
    "fstat64",                  // 77 PPME_SYSCALL_FSTAT64_X
    "epoll_wait",               // 78 PPME_SYSCALL_EPOLLWAIT_E
    "epoll_wait",               // 79 PPME_SYSCALL_EPOLLWAIT_X
    "poll",                     // 80 PPME_SYSCALL_POLL_E
    "poll",                     // 81 PPME_SYSCALL_POLL_X
    "select",                   // 82 PPME_SYSCALL_SELECT_E
    "select",                   // 83 PPME_SYSCALL_SELECT_X
    "select",                   // 84 PPME_SYSCALL_NEWSELECT_E
    "select",                   // 85 PPME_SYSCALL_NEWSELECT_X
    "lseek",                    // 86 PPME_SYSCALL_LSEEK_E
    "lseek",                    // 87 PPME_SYSCALL_LSEEK_X
    "llseek",                   // 88 PPME_SYSCALL_LLSEEK_E
    "llseek",                   // 89 PPME_SYSCALL_LLSEEK_X
    "ioctl",                    // 90 PPME_SYSCALL_IOCTL_2_E
    "ioctl",                    // 91 PPME_SYSCALL_IOCTL_2_X
    "getcwd",                   // 92 PPME_SYSCALL_GETCWD_E
    "getcwd",                   // 93 PPME_SYSCALL_GETCWD_X
    "chdir",                    // 94 PPME_SYSCALL_CHDIR_E
    "chdir",                    // 95 PPME_SYSCALL_CHDIR_X
    "fchdir",                   // 96 PPME_SYSCALL_FCHDIR_E
    "fchdir",                   // 97 PPME_SYSCALL_FCHDIR_X
    "mkdir",                    // 98 PPME_SYSCALL_MKDIR_E
    "mkdir",                    // 99 PPME_SYSCALL_MKDIR_X
    "rmdir",                    // 100 PPME_SYSCALL_RMDIR_E
    "rmdir",                    // 101 PPME_SYSCALL_RMDIR_X
    "openat",                   // 102 PPME_SYSCALL_OPENAT_E
    "openat",                   // 103 PPME_SYSCALL_OPENAT_X
    "link",                     // 104 PPME_SYSCALL_LINK_E
    "link",                     // 105 PPME_SYSCALL_LINK_X
    "linkat",                   // 106 PPME_SYSCALL_LINKAT_E
    "linkat",                   // 107 PPME_SYSCALL_LINKAT_X
    "unlink",                   // 108 PPME_SYSCALL_UNLINK_E
    "unlink",                   // 109 PPME_SYSCALL_UNLINK_X
    "unlinkat",                 // 110 PPME_SYSCALL_UNLINKAT_E
    "unlinkat",                 // 111 PPME_SYSCALL_UNLINKAT_X
    "pread",                    // 112 PPME_SYSCALL_PREAD_E
    "pread",                    // 113 PPME_SYSCALL_PREAD_X
    "pwrite",                   // 114 PPME_SYSCALL_PWRITE_E
    "pwrite",                   // 115 PPME_SYSCALL_PWRITE_X
    "readv",                    // 116 PPME_SYSCALL_READV_E
    "readv",                    // 117 PPME_SYSCALL_READV_X
    "writev",                   // 118 PPME_SYSCALL_WRITEV_E
    "writev",                   // 119 PPME_SYSCALL_WRITEV_X
    "preadv",                   // 120 PPME_SYSCALL_PREADV_E
    "preadv",                   // 121 PPME_SYSCALL_PREADV_X
    "pwritev",                  // 122 PPME_SYSCALL_PWRITEV_E
    "pwritev",                  // 123 PPME_SYSCALL_PWRITEV_X
    "dup",                      // 124 PPME_SYSCALL_DUP_E
    "dup",                      // 125 PPME_SYSCALL_DUP_X
    "signalfd",                 // 126 PPME_SYSCALL_SIGNALFD_E
    "signalfd",                 // 127 PPME_SYSCALL_SIGNALFD_X
    "kill",                     // 128 PPME_SYSCALL_KILL_E
    "kill",                     // 129 PPME_SYSCALL_KILL_X
    "tkill",                    // 130 PPME_SYSCALL_TKILL_E
    "tkill",                    // 131 PPME_SYSCALL_TKILL_X
    "tgkill",                   // 132 PPME_SYSCALL_TGKILL_E
    "tgkill",                   // 133 PPME_SYSCALL_TGKILL_X
    "nanosleep",                // 134 PPME_SYSCALL_NANOSLEEP_E
    "nanosleep",                // 135 PPME_SYSCALL_NANOSLEEP_X
    "timerfd_create",           // 136 PPME_SYSCALL_TIMERFD_CREATE_E
    "timerfd_create",           // 137 PPME_SYSCALL_TIMERFD_CREATE_X
    "inotify_init",             // 138 PPME_SYSCALL_INOTIFY_INIT_E
    "inotify_init",             // 139 PPME_SYSCALL_INOTIFY_INIT_X
    "getrlimit",                // 140 PPME_SYSCALL_GETRLIMIT_E
    "getrlimit",                // 141 PPME_SYSCALL_GETRLIMIT_X
    "setrlimit",                // 142 PPME_SYSCALL_SETRLIMIT_E
    "setrlimit",                // 143 PPME_SYSCALL_SETRLIMIT_X
    "prlimit",                  // 144 PPME_SYSCALL_PRLIMIT_E
    "prlimit",                  // 145 PPME_SYSCALL_PRLIMIT_X
    "switch",                   // 146 PPME_SCHEDSWITCH_1_E
    "NA",                       // 147 PPME_SCHEDSWITCH_1_X
    "drop",                     // 148 PPME_DROP_E
    "drop",                     // 149 PPME_DROP_X
    "fcntl",                    // 150 PPME_SYSCALL_FCNTL_E
    "fcntl",                    // 151 PPME_SYSCALL_FCNTL_X
    "switch",                   // 152 PPME_SCHEDSWITCH_6_E
    "NA",                       // 153 PPME_SCHEDSWITCH_6_X
    "execve",                   // 154 PPME_SYSCALL_EXECVE_13_E
    "execve",                   // 155 PPME_SYSCALL_EXECVE_13_X
    "clone",                    // 156 PPME_SYSCALL_CLONE_16_E
    "clone",                    // 157 PPME_SYSCALL_CLONE_16_X
    "brk",                      // 158 PPME_SYSCALL_BRK_4_E
    "brk",                      // 159 PPME_SYSCALL_BRK_4_X
    "mmap",                     // 160 PPME_SYSCALL_MMAP_E
    "mmap",                     // 161 PPME_SYSCALL_MMAP_X
    "mmap2",                    // 162 PPME_SYSCALL_MMAP2_E
    "mmap2",                    // 163 PPME_SYSCALL_MMAP2_X
    "munmap",                   // 164 PPME_SYSCALL_MUNMAP_E
    "munmap",                   // 165 PPME_SYSCALL_MUNMAP_X
    "splice",                   // 166 PPME_SYSCALL_SPLICE_E
    "splice",                   // 167 PPME_SYSCALL_SPLICE_X
    "ptrace",                   // 168 PPME_SYSCALL_PTRACE_E
    "ptrace",                   // 169 PPME_SYSCALL_PTRACE_X
    "ioctl",                    // 170 PPME_SYSCALL_IOCTL_3_E
    "ioctl",                    // 171 PPME_SYSCALL_IOCTL_3_X
    "execve",                   // 172 PPME_SYSCALL_EXECVE_14_E
    "execve",                   // 173 PPME_SYSCALL_EXECVE_14_X
    "rename",                   // 174 PPME_SYSCALL_RENAME_E
    "rename",                   // 175 PPME_SYSCALL_RENAME_X
    "renameat",                 // 176 PPME_SYSCALL_RENAMEAT_E
    "renameat",                 // 177 PPME_SYSCALL_RENAMEAT_X
    "symlink",                  // 178 PPME_SYSCALL_SYMLINK_E
    "symlink",                  // 179 PPME_SYSCALL_SYMLINK_X
    "symlinkat",                // 180 PPME_SYSCALL_SYMLINKAT_E
    "symlinkat",                // 181 PPME_SYSCALL_SYMLINKAT_X
    "fork",                     // 182 PPME_SYSCALL_FORK_E
    "fork",                     // 183 PPME_SYSCALL_FORK_X
    "vfork",                    // 184 PPME_SYSCALL_VFORK_E
    "vfork",                    // 185 PPME_SYSCALL_VFORK_X
    "procexit",                 // 186 PPME_PROCEXIT_1_E
    "NA",                       // 187 PPME_PROCEXIT_1_X
    "sendfile",                 // 188 PPME_SYSCALL_SENDFILE_E
    "sendfile",                 // 189 PPME_SYSCALL_SENDFILE_X
    "quotactl",                 // 190 PPME_SYSCALL_QUOTACTL_E
    "quotactl",                 // 191 PPME_SYSCALL_QUOTACTL_X
    "setresuid",                // 192 PPME_SYSCALL_SETRESUID_E
    "setresuid",                // 193 PPME_SYSCALL_SETRESUID_X
    "setresgid",                // 194 PPME_SYSCALL_SETRESGID_E
    "setresgid",                // 195 PPME_SYSCALL_SETRESGID_X
    "scapevent",                // 196 PPME_SCAPEVENT_E
    "NA",                       // 197 PPME_SCAPEVENT_X
    "setuid",                   // 198 PPME_SYSCALL_SETUID_E
    "setuid",                   // 199 PPME_SYSCALL_SETUID_X
    "setgid",                   // 200 PPME_SYSCALL_SETGID_E
    "setgid",                   // 201 PPME_SYSCALL_SETGID_X
    "getuid",                   // 202 PPME_SYSCALL_GETUID_E
    "getuid",                   // 203 PPME_SYSCALL_GETUID_X
    "geteuid",                  // 204 PPME_SYSCALL_GETEUID_E
    "geteuid",                  // 205 PPME_SYSCALL_GETEUID_X
    "getgid",                   // 206 PPME_SYSCALL_GETGID_E
    "getgid",                   // 207 PPME_SYSCALL_GETGID_X
    "getegid",                  // 208 PPME_SYSCALL_GETEGID_E
    "getegid",                  // 209 PPME_SYSCALL_GETEGID_X
    "getresuid",                // 210 PPME_SYSCALL_GETRESUID_E
    "getresuid",                // 211 PPME_SYSCALL_GETRESUID_X
    "getresgid",                // 212 PPME_SYSCALL_GETRESGID_E
    "getresgid",                // 213 PPME_SYSCALL_GETRESGID_X
    "execve",                   // 214 PPME_SYSCALL_EXECVE_15_E
    "execve",                   // 215 PPME_SYSCALL_EXECVE_15_X
    "clone",                    // 216 PPME_SYSCALL_CLONE_17_E
    "clone",                    // 217 PPME_SYSCALL_CLONE_17_X
    "fork",                     // 218 PPME_SYSCALL_FORK_17_E
    "fork",                     // 219 PPME_SYSCALL_FORK_17_X
    "vfork",                    // 220 PPME_SYSCALL_VFORK_17_E
    "vfork",                    // 221 PPME_SYSCALL_VFORK_17_X
    "clone",                    // 222 PPME_SYSCALL_CLONE_20_E
    "clone",                    // 223 PPME_SYSCALL_CLONE_20_X
    "fork",                     // 224 PPME_SYSCALL_FORK_20_E
    "fork",                     // 225 PPME_SYSCALL_FORK_20_X
    "vfork",                    // 226 PPME_SYSCALL_VFORK_20_E
    "vfork",                    // 227 PPME_SYSCALL_VFORK_20_X
    "container",                // 228 PPME_CONTAINER_E
    "NA",                       // 229 PPME_CONTAINER_X
    "execve",                   // 230 PPME_SYSCALL_EXECVE_16_E
    "execve",                   // 231 PPME_SYSCALL_EXECVE_16_X
    "signaldeliver",            // 232 PPME_SIGNALDELIVER_E
    "NA",                       // 233 PPME_SIGNALDELIVER_X
    "procinfo",                 // 234 PPME_PROCINFO_E
    "NA",                       // 235 PPME_PROCINFO_X
    "getdents",                 // 236 PPME_SYSCALL_GETDENTS_E
    "getdents",                 // 237 PPME_SYSCALL_GETDENTS_X
    "getdents64",               // 238 PPME_SYSCALL_GETDENTS64_E
    "getdents64",               // 239 PPME_SYSCALL_GETDENTS64_X
    "setns",                    // 240 PPME_SYSCALL_SETNS_E
    "setns",                    // 241 PPME_SYSCALL_SETNS_X
    "flock",                    // 242 PPME_SYSCALL_FLOCK_E
    "flock",                    // 243 PPME_SYSCALL_FLOCK_X
    "cpu_hotplug",              // 244 PPME_CPU_HOTPLUG_E
    "NA",                       // 245 PPME_CPU_HOTPLUG_X
    "accept",                   // 246 PPME_SOCKET_ACCEPT_5_E
    "accept",                   // 247 PPME_SOCKET_ACCEPT_5_X
    "accept",                   // 248 PPME_SOCKET_ACCEPT4_5_E
    "accept",                   // 249 PPME_SOCKET_ACCEPT4_5_X
    "semop",                    // 250 PPME_SYSCALL_SEMOP_E
    "semop",                    // 251 PPME_SYSCALL_SEMOP_X
    "semctl",                   // 252 PPME_SYSCALL_SEMCTL_E
    "semctl",                   // 253 PPME_SYSCALL_SEMCTL_X
    "ppoll",                    // 254 PPME_SYSCALL_PPOLL_E
    "ppoll",                    // 255 PPME_SYSCALL_PPOLL_X
    "mount",                    // 256 PPME_SYSCALL_MOUNT_E
    "mount",                    // 257 PPME_SYSCALL_MOUNT_X
    "umount",                   // 258 PPME_SYSCALL_UMOUNT_E
    "umount",                   // 259 PPME_SYSCALL_UMOUNT_X
    "k8s",                      // 260 PPME_K8S_E
    "NA",                       // 261 PPME_K8S_X
    "semget",                   // 262 PPME_SYSCALL_SEMGET_E
    "semget",                   // 263 PPME_SYSCALL_SEMGET_X
    "access",                   // 264 PPME_SYSCALL_ACCESS_E
    "access",                   // 265 PPME_SYSCALL_ACCESS_X
    "chroot",                   // 266 PPME_SYSCALL_CHROOT_E
    "chroot",                   // 267 PPME_SYSCALL_CHROOT_X
    "tracer",                   // 268 PPME_TRACER_E
    "NA",                       // 269 PPME_TRACER_X
    "mesos",                    // 270 PPME_MESOS_E
    "NA",                       // 271 PPME_MESOS_X
    "container",                // 272 PPME_CONTAINER_JSON_E
    "NA",                       // 273 PPME_CONTAINER_JSON_X
    "setsid",                   // 274 PPME_SYSCALL_SETSID_E
    "setsid",                   // 275 PPME_SYSCALL_SETSID_X
    "mkdir",                    // 276 PPME_SYSCALL_MKDIR_2_E
    "mkdir",                    // 277 PPME_SYSCALL_MKDIR_2_X
    "rmdir",                    // 278 PPME_SYSCALL_RMDIR_2_E
    "rmdir",                    // 279 PPME_SYSCALL_RMDIR_2_X
    "notification",             // 280 PPME_NOTIFICATION_E
    "NA",                       // 281 PPME_NOTIFICATION_X
    "execve",                   // 282 PPME_SYSCALL_EXECVE_17_E
    "execve",                   // 283 PPME_SYSCALL_EXECVE_17_X
    "unshare",                  // 284 PPME_SYSCALL_UNSHARE_E
    "unshare",                  // 285 PPME_SYSCALL_UNSHARE_X
    "infra",                    // 286 PPME_INFRASTRUCTURE_EVENT_E
    "NA",                       // 287 PPME_INFRASTRUCTURE_EVENT_X
    "execve",                   // 288 PPME_SYSCALL_EXECVE_18_E
    "execve",                   // 289 PPME_SYSCALL_EXECVE_18_X
    "page_fault",               // 290 PPME_PAGE_FAULT_E
    "NA",                       // 291 PPME_PAGE_FAULT_X
    "execve",                   // 292 PPME_SYSCALL_EXECVE_19_E
    "execve",                   // 293 PPME_SYSCALL_EXECVE_19_X
    "setpgid",                  // 294 PPME_SYSCALL_SETPGID_E
    "setpgid",                  // 295 PPME_SYSCALL_SETPGID_X
    "bpf",                      // 296 PPME_SYSCALL_BPF_E
    "bpf",                      // 297 PPME_SYSCALL_BPF_X
    "seccomp",                  // 298 PPME_SYSCALL_SECCOMP_E
    "seccomp",                  // 299 PPME_SYSCALL_SECCOMP_X
    "unlink",                   // 300 PPME_SYSCALL_UNLINK_2_E
    "unlink",                   // 301 PPME_SYSCALL_UNLINK_2_X
    "unlinkat",                 // 302 PPME_SYSCALL_UNLINKAT_2_E
    "unlinkat",                 // 303 PPME_SYSCALL_UNLINKAT_2_X
    "mkdirat",                  // 304 PPME_SYSCALL_MKDIRAT_E
    "mkdirat",                  // 305 PPME_SYSCALL_MKDIRAT_X
    "openat",                   // 306 PPME_SYSCALL_OPENAT_2_E
    "openat",                   // 307 PPME_SYSCALL_OPENAT_2_X
    "link",                     // 308 PPME_SYSCALL_LINK_2_E
    "link",                     // 309 PPME_SYSCALL_LINK_2_X
    "linkat",                   // 310 PPME_SYSCALL_LINKAT_2_E
    "linkat",                   // 311 PPME_SYSCALL_LINKAT_2_X
    "fchmodat",                 // 312 PPME_SYSCALL_FCHMODAT_E
    "fchmodat",                 // 313 PPME_SYSCALL_FCHMODAT_X
    "chmod",                    // 314 PPME_SYSCALL_CHMOD_E
    "chmod",                    // 315 PPME_SYSCALL_CHMOD_X
    "fchmod",                   // 316 PPME_SYSCALL_FCHMOD_E
    "fchmod",                   // 317 PPME_SYSCALL_FCHMOD_X
    "renameat2",                // 318 PPME_SYSCALL_RENAMEAT2_E
    "renameat2",                // 319 PPME_SYSCALL_RENAMEAT2_X
    "userfaultfd",              // 320 PPME_SYSCALL_USERFAULTFD_E
    "userfaultfd",              // 321 PPME_SYSCALL_USERFAULTFD_X
    "pluginevent",              // 322 PPME_PLUGINEVENT_E
    "NA",                       // 323 PPME_PLUGINEVENT_X
    "container",                // 324 PPME_CONTAINER_JSON_2_E
    "NA",                       // 325 PPME_CONTAINER_JSON_2_X
    "openat2",                  // 326 PPME_SYSCALL_OPENAT2_E
    "openat2",                  // 327 PPME_SYSCALL_OPENAT2_X
    "mprotect",                 // 328 PPME_SYSCALL_MPROTECT_E
    "mprotect",                 // 329 PPME_SYSCALL_MPROTECT_X
    "execveat",                 // 330 PPME_SYSCALL_EXECVEAT_E
    "execveat",                 // 331 PPME_SYSCALL_EXECVEAT_X
    "copy_file_range",          // 332 PPME_SYSCALL_COPY_FILE_RANGE_E
    "copy_file_range",          // 333 PPME_SYSCALL_COPY_FILE_RANGE_X
    "clone3",                   // 334 PPME_SYSCALL_CLONE3_E
    "clone3",                   // 335 PPME_SYSCALL_CLONE3_X
    "open_by_handle_at",        // 336 PPME_SYSCALL_OPEN_BY_HANDLE_AT_E
    "open_by_handle_at",        // 337 PPME_SYSCALL_OPEN_BY_HANDLE_AT_X
    "io_uring_setup",           // 338 PPME_SYSCALL_IO_URING_SETUP_E
    "io_uring_setup",           // 339 PPME_SYSCALL_IO_URING_SETUP_X
    "io_uring_enter",           // 340 PPME_SYSCALL_IO_URING_ENTER_E
    "io_uring_enter",           // 341 PPME_SYSCALL_IO_URING_ENTER_X
    "io_uring_register",        // 342 PPME_SYSCALL_IO_URING_REGISTER_E
    "io_uring_register",        // 343 PPME_SYSCALL_IO_URING_REGISTER_X
    "mlock",                    // 344 PPME_SYSCALL_MLOCK_E
    "mlock",                    // 345 PPME_SYSCALL_MLOCK_X
    "munlock",                  // 346 PPME_SYSCALL_MUNLOCK_E
    "munlock",                  // 347 PPME_SYSCALL_MUNLOCK_X
    "mlockall",                 // 348 PPME_SYSCALL_MLOCKALL_E
    "mlockall",                 // 349 PPME_SYSCALL_MLOCKALL_X
    "munlockall",               // 350 PPME_SYSCALL_MUNLOCKALL_E
    "munlockall",               // 351 PPME_SYSCALL_MUNLOCKALL_X
    "capset",                   // 352 PPME_SYSCALL_CAPSET_E
    "capset",                   // 353 PPME_SYSCALL_CAPSET_X
    "useradded",                // 354 PPME_USER_ADDED_E
    "NA",                       // 355 PPME_USER_ADDED_X
    "userdeleted",              // 356 PPME_USER_DELETED_E
    "NA",                       // 357 PPME_USER_DELETED_X
    "groupadded",               // 358 PPME_GROUP_ADDED_E
    "NA",                       // 359 PPME_GROUP_ADDED_X
    "groupdeleted",             // 360 PPME_GROUP_DELETED_E
    "NA",                       // 361 PPME_GROUP_DELETED_X
    "dup2",                     // 362 PPME_SYSCALL_DUP2_E
    "dup2",                     // 363 PPME_SYSCALL_DUP2_X
    "dup3",                     // 364 PPME_SYSCALL_DUP3_E
    "dup3",                     // 365 PPME_SYSCALL_DUP3_X
    "dup",                      // 366 PPME_SYSCALL_DUP_1_E
    "dup",                      // 367 PPME_SYSCALL_DUP_1_X
    "bpf",                      // 368 PPME_SYSCALL_BPF_2_E
    "bpf",                      // 369 PPME_SYSCALL_BPF_2_X
    "mlock2",                   // 370 PPME_SYSCALL_MLOCK2_E
    "mlock2",                   // 371 PPME_SYSCALL_MLOCK2_X
    "fsconfig",                 // 372 PPME_SYSCALL_FSCONFIG_E
    "fsconfig",                 // 373 PPME_SYSCALL_FSCONFIG_X
    "epoll_create",             // 374 PPME_SYSCALL_EPOLL_CREATE_E
    "epoll_create",             // 375 PPME_SYSCALL_EPOLL_CREATE_X
    "epoll_create1",            // 376 PPME_SYSCALL_EPOLL_CREATE1_E
    "epoll_create1",            // 377 PPME_SYSCALL_EPOLL_CREATE1_X
    "chown",                    // 378 PPME_SYSCALL_CHOWN_E
    "chown",                    // 379 PPME_SYSCALL_CHOWN_X
    "lchown",                   // 380 PPME_SYSCALL_LCHOWN_E
    "lchown",                   // 381 PPME_SYSCALL_LCHOWN_X
    "fchown",                   // 382 PPME_SYSCALL_FCHOWN_E
    "fchown",                   // 383 PPME_SYSCALL_FCHOWN_X
    "fchownat",                 // 384 PPME_SYSCALL_FCHOWNAT_E
    "fchownat",                 // 385 PPME_SYSCALL_FCHOWNAT_X
    "umount",                   // 386 PPME_SYSCALL_UMOUNT_1_E
    "umount",                   // 387 PPME_SYSCALL_UMOUNT_1_X
    "accept4",                  // 388 PPME_SOCKET_ACCEPT4_6_E
    "accept4",                  // 389 PPME_SOCKET_ACCEPT4_6_X
    "umount2",                  // 390 PPME_SYSCALL_UMOUNT2_E
    "umount2",                  // 391 PPME_SYSCALL_UMOUNT2_X
    "pipe2",                    // 392 PPME_SYSCALL_PIPE2_E
    "pipe2",                    // 393 PPME_SYSCALL_PIPE2_X
    "inotify_init1",            // 394 PPME_SYSCALL_INOTIFY_INIT1_E
    "inotify_init1",            // 395 PPME_SYSCALL_INOTIFY_INIT1_X
    "eventfd2",                 // 396 PPME_SYSCALL_EVENTFD2_E
    "eventfd2",                 // 397 PPME_SYSCALL_EVENTFD2_X
    "signalfd4",                // 398 PPME_SYSCALL_SIGNALFD4_E
    "signalfd4",                // 399 PPME_SYSCALL_SIGNALFD4_X
    "prctl",                    // 400 PPME_SYSCALL_PRCTL_E
    "prctl",                    // 401 PPME_SYSCALL_PRCTL_X
    "asyncevent",               // 402 PPME_ASYNCEVENT_E
    "NA",                       // 403 PPME_ASYNCEVENT_X
    "memfd_create",             // 404 PPME_SYSCALL_MEMFD_CREATE_E
    "memfd_create",             // 405 PPME_SYSCALL_MEMFD_CREATE_X
    "pidfd_getfd",              // 406 PPME_SYSCALL_PIDFD_GETFD_E
    "pidfd_getfd",              // 407 PPME_SYSCALL_PIDFD_GETFD_X
    "pidfd_open",               // 408 PPME_SYSCALL_PIDFD_OPEN_E
    "pidfd_open",               // 409 PPME_SYSCALL_PIDFD_OPEN_X
    "init_module",              // 410 PPME_SYSCALL_INIT_MODULE_E
    "init_module",              // 411 PPME_SYSCALL_INIT_MODULE_X
    "finit_module",             // 412 PPME_SYSCALL_FINIT_MODULE_E
    "finit_module",             // 413 PPME_SYSCALL_FINIT_MODULE_X
    "mknod",                    // 414 PPME_SYSCALL_MKNOD_E
    "mknod",                    // 415 PPME_SYSCALL_MKNOD_X
    "mknodat",                  // 416 PPME_SYSCALL_MKNODAT_E
    "mknodat",                  // 417 PPME_SYSCALL_MKNODAT_X
    "newfstatat",               // 418 PPME_SYSCALL_NEWFSTATAT_E
    "newfstatat",               // 419 PPME_SYSCALL_NEWFSTATAT_X
    "process_vm_readv",         // 420 PPME_SYSCALL_PROCESS_VM_READV_E
    "process_vm_readv",         // 421 PPME_SYSCALL_PROCESS_VM_READV_X
    "process_vm_writev",        // 422 PPME_SYSCALL_PROCESS_VM_WRITEV_E
    "process_vm_writev",        // 423 PPME_SYSCALL_PROCESS_VM_WRITEV_X
    "delete_module",            // 424 PPME_SYSCALL_DELETE_MODULE_E
    "delete_module",            // 425 PPME_SYSCALL_DELETE_MODULE_X
    "setreuid",                 // 426 PPME_SYSCALL_SETREUID_E
    "setreuid",                 // 427 PPME_SYSCALL_SETREUID_X
    "setregid",                 // 428 PPME_SYSCALL_SETREGID_E
    "setregid",                 // 429 PPME_SYSCALL_SETREGID_X
    "task",                     // 430 PPME_ITER_TASK_E
    "NA",                       // 431 PPME_ITER_TASK_X
    "task_file_pipe",           // 432 PPME_ITER_TASK_FILE_PIPE_E
    "NA",                       // 433 PPME_ITER_TASK_FILE_PIPE_X
    "task_file_memfd",          // 434 PPME_ITER_TASK_FILE_MEMFD_E
    "NA",                       // 435 PPME_ITER_TASK_FILE_MEMFD_X
    "task_file_regular",        // 436 PPME_ITER_TASK_FILE_REGULAR_E
    "NA",                       // 437 PPME_ITER_TASK_FILE_REGULAR_X
    "task_file_directory",      // 438 PPME_ITER_TASK_FILE_DIRECTORY_E
    "NA",                       // 439 PPME_ITER_TASK_FILE_DIRECTORY_X
    "task_file_socket_inet",    // 440 PPME_ITER_TASK_FILE_SOCKET_INET_E
    "NA",                       // 441 PPME_ITER_TASK_FILE_SOCKET_INET_X
    "task_file_socket_inet6",   // 442 PPME_ITER_TASK_FILE_SOCKET_INET6_E
    "NA",                       // 443 PPME_ITER_TASK_FILE_SOCKET_INET6_X
    "task_file_socket_unix",    // 444 PPME_ITER_TASK_FILE_SOCKET_UNIX_E
    "NA",                       // 445 PPME_ITER_TASK_FILE_SOCKET_UNIX_X
    "task_file_socket_netlink", // 446 PPME_ITER_TASK_FILE_SOCKET_NETLINK_E
    "NA",                       // 447 PPME_ITER_TASK_FILE_SOCKET_NETLINK_X
    "task_file_anon_inode",     // 448 PPME_ITER_TASK_FILE_ANON_INODE_E
    "NA",                       // 449 PPME_ITER_TASK_FILE_ANON_INODE_X
    "NA",                       // 450 PPME_SYSCALL_CLOSE_RANGE_E
    "close_range",              // 451 PPME_SYSCALL_CLOSE_RANGE_X
    "NA",                       // 452 PPME_SYSCALL_KEYCTL_E
    "keyctl",                   // 453 PPME_SYSCALL_KEYCTL_X
];

/// The name of every syscall code (`ppm_sc`), indexed by code, lower case as libscap reports it.
#[rustfmt::skip]
pub const SYSCALL_NAMES: [&str; PPM_SC_MAX] = [
    // 0
    "unknown", "restart_syscall", "exit", "read", "write", "open",
    // 6
    "close", "creat", "link", "unlink", "chdir", "time",
    // 12
    "mknod", "chmod", "stat", "lseek", "getpid", "mount",
    // 18
    "ptrace", "alarm", "fstat", "pause", "utime", "access",
    // 24
    "sync", "kill", "rename", "mkdir", "rmdir", "dup",
    // 30
    "pipe", "times", "brk", "acct", "ioctl", "fcntl",
    // 36
    "setpgid", "umask", "chroot", "ustat", "dup2", "getppid",
    // 42
    "getpgrp", "setsid", "sethostname", "setrlimit", "getrusage", "gettimeofday",
    // 48
    "settimeofday", "symlink", "lstat", "readlink", "uselib", "swapon",
    // 54
    "reboot", "mmap", "munmap", "truncate", "ftruncate", "fchmod",
    // 60
    "getpriority", "setpriority", "statfs", "fstatfs", "syslog", "setitimer",
    // 66
    "getitimer", "uname", "vhangup", "wait4", "swapoff", "sysinfo",
    // 72
    "fsync", "setdomainname", "adjtimex", "mprotect", "init_module", "delete_module",
    // 78
    "quotactl", "getpgid", "fchdir", "sysfs", "personality", "getdents",
    // 84
    "select", "flock", "msync", "readv", "writev", "getsid",
    // 90
    "fdatasync", "mlock", "munlock", "mlockall", "munlockall", "sched_setparam",
    // 96
    "sched_getparam", "sched_setscheduler", "sched_getscheduler", "sched_yield", "sched_get_priority_max", "sched_get_priority_min",
    // 102
    "sched_rr_get_interval", "nanosleep", "mremap", "poll", "prctl", "rt_sigaction",
    // 108
    "rt_sigprocmask", "rt_sigpending", "rt_sigtimedwait", "rt_sigqueueinfo", "rt_sigsuspend", "getcwd",
    // 114
    "capget", "capset", "sendfile", "getrlimit", "lchown", "getuid",
    // 120
    "getgid", "geteuid", "getegid", "setreuid", "setregid", "getgroups",
    // 126
    "setgroups", "fchown", "setresuid", "getresuid", "setresgid", "getresgid",
    // 132
    "chown", "setuid", "setgid", "setfsuid", "setfsgid", "pivot_root",
    // 138
    "mincore", "madvise", "gettid", "setxattr", "lsetxattr", "fsetxattr",
    // 144
    "getxattr", "lgetxattr", "fgetxattr", "listxattr", "llistxattr", "flistxattr",
    // 150
    "removexattr", "lremovexattr", "fremovexattr", "tkill", "futex", "sched_setaffinity",
    // 156
    "sched_getaffinity", "set_thread_area", "get_thread_area", "io_setup", "io_destroy", "io_getevents",
    // 162
    "io_submit", "io_cancel", "exit_group", "epoll_create", "epoll_ctl", "epoll_wait",
    // 168
    "remap_file_pages", "set_tid_address", "timer_create", "timer_settime", "timer_gettime", "timer_getoverrun",
    // 174
    "timer_delete", "clock_settime", "clock_gettime", "clock_getres", "clock_nanosleep", "tgkill",
    // 180
    "utimes", "mq_open", "mq_unlink", "mq_timedsend", "mq_timedreceive", "mq_notify",
    // 186
    "mq_getsetattr", "kexec_load", "waitid", "add_key", "request_key", "keyctl",
    // 192
    "ioprio_set", "ioprio_get", "inotify_init", "inotify_add_watch", "inotify_rm_watch", "openat",
    // 198
    "mkdirat", "mknodat", "fchownat", "futimesat", "unlinkat", "renameat",
    // 204
    "linkat", "symlinkat", "readlinkat", "fchmodat", "faccessat", "pselect6",
    // 210
    "ppoll", "unshare", "set_robust_list", "get_robust_list", "splice", "tee",
    // 216
    "vmsplice", "getcpu", "epoll_pwait", "utimensat", "signalfd", "timerfd_create",
    // 222
    "eventfd", "timerfd_settime", "timerfd_gettime", "signalfd4", "eventfd2", "epoll_create1",
    // 228
    "dup3", "pipe2", "inotify_init1", "preadv", "pwritev", "rt_tgsigqueueinfo",
    // 234
    "perf_event_open", "fanotify_init", "prlimit64", "clock_adjtime", "syncfs", "setns",
    // 240
    "getdents64", "socket", "bind", "connect", "listen", "accept",
    // 246
    "getsockname", "getpeername", "socketpair", "sendto", "recvfrom", "shutdown",
    // 252
    "setsockopt", "getsockopt", "sendmsg", "sendmmsg", "recvmsg", "recvmmsg",
    // 258
    "accept4", "semop", "semget", "semctl", "msgsnd", "msgrcv",
    // 264
    "msgget", "msgctl", "shmdt", "shmget", "shmctl", "statfs64",
    // 270
    "fstatfs64", "fstatat64", "sendfile64", "ugetrlimit", "bdflush", "sigprocmask",
    // 276
    "ipc", "socketcall", "stat64", "lstat64", "fstat64", "fcntl64",
    // 282
    "mmap2", "_newselect", "sgetmask", "ssetmask", "sigpending", "olduname",
    // 288
    "umount", "signal", "nice", "stime", "_llseek", "waitpid",
    // 294
    "pread64", "pwrite64", "arch_prctl", "shmat", "rt_sigreturn", "fallocate",
    // 300
    "newfstatat", "process_vm_readv", "process_vm_writev", "fork", "vfork", "setuid32",
    // 306
    "getuid32", "setgid32", "geteuid32", "getgid32", "setresuid32", "setresgid32",
    // 312
    "getresuid32", "getresgid32", "finit_module", "bpf", "seccomp", "sigaltstack",
    // 318
    "getrandom", "fadvise64", "renameat2", "userfaultfd", "openat2", "umount2",
    // 324
    "execve", "execveat", "copy_file_range", "clone", "clone3", "open_by_handle_at",
    // 330
    "io_uring_setup", "io_uring_enter", "io_uring_register", "mlock2", "getegid32", "fsconfig",
    // 336
    "fspick", "fsmount", "fsopen", "open_tree", "move_mount", "mount_setattr",
    // 342
    "memfd_create", "memfd_secret", "ioperm", "kexec_file_load", "pidfd_getfd", "pidfd_open",
    // 348
    "pidfd_send_signal", "pkey_alloc", "pkey_mprotect", "pkey_free", "landlock_create_ruleset", "quotactl_fd",
    // 354
    "landlock_restrict_self", "landlock_add_rule", "epoll_pwait2", "migrate_pages", "move_pages", "preadv2",
    // 360
    "pwritev2", "kcmp", "sched_setattr", "mbind", "epoll_ctl_old", "lookup_dcookie",
    // 366
    "modify_ldt", "statx", "set_mempolicy", "io_pgetevents", "set_mempolicy_home_node", "semtimedop",
    // 372
    "get_kernel_syms", "readahead", "futex_waitv", "getpmsg", "name_to_handle_at", "process_mrelease",
    // 378
    "nfsservctl", "epoll_wait_old", "rseq", "create_module", "na_1", "sched_getattr",
    // 384
    "faccessat2", "_sysctl", "query_module", "get_mempolicy", "sync_file_range", "process_madvise",
    // 390
    "membarrier", "iopl", "close_range", "fanotify_mark", "recv", "send",
    // 396
    "sched_process_exit", "sched_switch", "page_fault_user", "page_fault_kernel", "signal_deliver", "timerfd",
    // 402
    "s390_pci_mmio_read", "sigaction", "s390_pci_mmio_write", "readdir", "s390_sthyi", "sigsuspend",
    // 408
    "idle", "s390_runtime_instr", "sigreturn", "s390_guarded_storage", "cachestat", "fchmodat2",
    // 414
    "map_shadow_stack", "riscv_flush_icache", "riscv_hwprobe", "futex_wake", "futex_requeue", "futex_wait",
    // 420
    "oldstat", "switch_endian", "multiplexer", "oldlstat", "spu_create", "sync_file_range2",
    // 426
    "oldfstat", "spu_run", "swapcontext", "pciconfig_write", "rtas", "pciconfig_read",
    // 432
    "sys_debug_setcontext", "vm86", "oldolduname", "subpage_prot", "pciconfig_iobase", "listmount",
    // 438
    "statmount", "lsm_get_self_attr", "lsm_set_self_attr", "lsm_list_modules", "mseal", "uretprobe",
    // 444
    "removexattrat", "listxattrat", "getxattrat", "setxattrat", "open_tree_attr", "file_getattr",
    // 450
    "file_setattr", "listns", "uprobe", "rseq_slice_yield",
];

/// Every event parameter name with the type of its first occurrence in code order (the one
/// libsinsp's longest-match lookup of `evt.arg.NAME`/`evt.rawarg.NAME` finds), sorted by name.
#[rustfmt::skip]
pub const EVENT_PARAMS: [(&str, FieldType); 223] = [
    ("ID", FieldType::SyscallId), ("action", FieldType::Uint32), ("addr", FieldType::SockAddr),
    ("arg", FieldType::Uint64), ("arg2", FieldType::Dyn), ("arg2_int", FieldType::Int64),
    ("arg2_str", FieldType::CharBuf), ("arg3", FieldType::Dyn), ("arg4", FieldType::Dyn),
    ("arg5", FieldType::Dyn), ("args", FieldType::ByteBuf), ("argument", FieldType::Uint64),
    ("argv", FieldType::CharBufArray), ("aux", FieldType::Int32), ("backlog", FieldType::Int32),
    ("cap_effective", FieldType::Uint64), ("cap_inheritable", FieldType::Uint64), ("cap_permitted", FieldType::Uint64),
    ("cgroups", FieldType::ByteBuf), ("clockid", FieldType::Uint8), ("cmd", FieldType::Flags8),
    ("comm", FieldType::CharBuf), ("container_id", FieldType::CharBuf), ("core", FieldType::Uint8),
    ("cpu", FieldType::Uint32), ("cpu_sys", FieldType::Uint64), ("cpu_usr", FieldType::Uint64),
    ("cq_entries", FieldType::Uint32), ("creat_flags", FieldType::Flags16), ("cur", FieldType::Int64),
    ("cwd", FieldType::CharBuf), ("data", FieldType::ByteBuf), ("desc", FieldType::CharBuf),
    ("description", FieldType::CharBuf), ("dev", FieldType::Uint32), ("dir", FieldType::FsPath),
    ("dirfd", FieldType::Fd), ("domain", FieldType::Flags32), ("dpid", FieldType::Pid),
    ("dqb_bhardlimit", FieldType::Uint64), ("dqb_bsoftlimit", FieldType::Uint64), ("dqb_btime", FieldType::RelTime),
    ("dqb_curspace", FieldType::Uint64), ("dqb_ihardlimit", FieldType::Uint64), ("dqb_isoftlimit", FieldType::Uint64),
    ("dqb_itime", FieldType::RelTime), ("dqi_bgrace", FieldType::RelTime), ("dqi_flags", FieldType::Flags8),
    ("dqi_igrace", FieldType::RelTime), ("egid", FieldType::Gid), ("entries", FieldType::Uint32),
    ("env", FieldType::ByteBuf), ("error", FieldType::Flags32), ("euid", FieldType::Uid),
    ("event_data", FieldType::Uint64), ("event_type", FieldType::Uint32), ("exe", FieldType::CharBuf),
    ("exe_ino", FieldType::Uint64), ("exe_ino_ctime", FieldType::AbsTime), ("exe_ino_mtime", FieldType::AbsTime),
    ("exe_ino_num", FieldType::Uint64), ("exepath", FieldType::FsPath), ("fd", FieldType::Fd),
    ("fd1", FieldType::Fd), ("fd2", FieldType::Fd), ("fd_in", FieldType::Fd),
    ("fd_out", FieldType::Fd), ("fd_type", FieldType::Flags8), ("fdin", FieldType::Fd),
    ("fdlimit", FieldType::Uint64), ("fdout", FieldType::Fd), ("fds", FieldType::CharBuf),
    ("features", FieldType::Flags32), ("filename", FieldType::FsPath), ("first", FieldType::Uint32),
    ("flags", FieldType::Flags32), ("gid", FieldType::Uint32), ("home", FieldType::CharBuf),
    ("how", FieldType::Flags8), ("id", FieldType::Uint32), ("image", FieldType::CharBuf),
    ("img", FieldType::ByteBuf), ("in_fd", FieldType::Fd), ("initval", FieldType::Uint64),
    ("ino", FieldType::Uint64), ("ino_num", FieldType::Uint64), ("interval", FieldType::RelTime),
    ("ip", FieldType::Uint64), ("json", FieldType::CharBuf), ("key", FieldType::Int32),
    ("last", FieldType::Uint32), ("len", FieldType::Uint64), ("length", FieldType::Uint64),
    ("level", FieldType::Flags8), ("linkdirfd", FieldType::Fd), ("linkpath", FieldType::FsPath),
    ("local_ip", FieldType::Ipv4Addr), ("local_port", FieldType::Port), ("loginuid", FieldType::Uid),
    ("mask", FieldType::Uint32), ("max", FieldType::Int64), ("maxevents", FieldType::Errno),
    ("min_complete", FieldType::Uint32), ("mnt_id", FieldType::Uint32), ("mode", FieldType::Uint32),
    ("mountfd", FieldType::Fd), ("msgcontrol", FieldType::ByteBuf), ("name", FieldType::FsPath),
    ("nativeID", FieldType::Uint16), ("newcur", FieldType::Int64), ("newdir", FieldType::Fd),
    ("newdirfd", FieldType::Fd), ("newfd", FieldType::Fd), ("newmax", FieldType::Int64),
    ("newpath", FieldType::FsPath), ("next", FieldType::Pid), ("nr_args", FieldType::Uint32),
    ("nsems", FieldType::Int32), ("nsops", FieldType::Uint32), ("nstype", FieldType::Flags32),
    ("offin", FieldType::Uint64), ("offout", FieldType::Uint64), ("offset", FieldType::Uint64),
    ("oldcur", FieldType::Int64), ("olddir", FieldType::Fd), ("olddirfd", FieldType::Fd),
    ("oldfd", FieldType::Fd), ("oldmax", FieldType::Int64), ("oldpath", FieldType::FsPath),
    ("op", FieldType::Flags16), ("opcode", FieldType::Flags16), ("operation", FieldType::Flags32),
    ("option", FieldType::Flags32), ("optlen", FieldType::Uint32), ("optname", FieldType::Flags8),
    ("out_fd", FieldType::Fd), ("path", FieldType::FsPath), ("pathname", FieldType::FsRelPath),
    ("peer", FieldType::Uint64), ("pgft_maj", FieldType::Uint64), ("pgft_min", FieldType::Uint64),
    ("pgid", FieldType::Pid), ("pgoffset", FieldType::Uint64), ("pid", FieldType::Pid),
    ("pid_fd", FieldType::Fd), ("pidns_init_start_ts", FieldType::Uint64), ("plugin_id", FieldType::Uint32),
    ("pos", FieldType::Uint64), ("ppid", FieldType::Pid), ("prot", FieldType::Flags32),
    ("proto", FieldType::Uint32), ("ptid", FieldType::Pid), ("queuelen", FieldType::Uint32),
    ("queuemax", FieldType::Uint32), ("queuepct", FieldType::Uint8), ("quota_fmt", FieldType::Flags8),
    ("quota_fmt_out", FieldType::Flags8), ("quotafilepath", FieldType::CharBuf), ("ratio", FieldType::Uint32),
    ("reaper_tid", FieldType::Pid), ("remote_ip", FieldType::Ipv4Addr), ("remote_port", FieldType::Port),
    ("request", FieldType::Uint64), ("res", FieldType::Errno), ("res_or_fd", FieldType::Dyn),
    ("resolve", FieldType::Flags32), ("resource", FieldType::Flags8), ("ret", FieldType::Errno),
    ("rgid", FieldType::Gid), ("root", FieldType::FsPath), ("ruid", FieldType::Uid),
    ("scope", FieldType::CharBuf), ("sem_flg_0", FieldType::Flags16), ("sem_flg_1", FieldType::Flags16),
    ("sem_num_0", FieldType::Uint16), ("sem_num_1", FieldType::Uint16), ("sem_op_0", FieldType::Int16),
    ("sem_op_1", FieldType::Int16), ("semflg", FieldType::Flags32), ("semid", FieldType::Int32),
    ("semnum", FieldType::Int32), ("sgid", FieldType::Gid), ("shell", FieldType::CharBuf),
    ("sid", FieldType::Pid), ("sig", FieldType::SigType), ("sigmask", FieldType::Uint32),
    ("size", FieldType::Uint32), ("sk_pointer", FieldType::Uint64), ("sk_proto", FieldType::Uint16),
    ("sk_type", FieldType::Uint16), ("source", FieldType::Uint64), ("special", FieldType::CharBuf),
    ("spid", FieldType::Pid), ("sq_entries", FieldType::Uint32), ("sq_thread_cpu", FieldType::Uint32),
    ("sq_thread_idle", FieldType::Uint32), ("start_time", FieldType::AbsTime), ("status", FieldType::Errno),
    ("suid", FieldType::Uid), ("sun_path", FieldType::FsPath), ("tags", FieldType::CharBufArray),
    ("target", FieldType::CharBuf), ("target_fd", FieldType::Fd), ("tid", FieldType::Pid),
    ("timeout", FieldType::Int64), ("to_submit", FieldType::Uint32), ("trusted_exepath", FieldType::FsPath),
    ("tty", FieldType::Int32), ("tuple", FieldType::SockTuple), ("type", FieldType::Uint32),
    ("uargs", FieldType::CharBuf), ("uid", FieldType::Uint32), ("val", FieldType::Dyn),
    ("value_bytebuf", FieldType::ByteBuf), ("value_charbuf", FieldType::CharBuf), ("vm_rss", FieldType::Uint32),
    ("vm_size", FieldType::Uint32), ("vm_swap", FieldType::Uint32), ("vpgid", FieldType::Pid),
    ("vpid", FieldType::Pid), ("vtgid", FieldType::Pid), ("vtid", FieldType::Pid),
    ("whence", FieldType::Flags8),
];
