//! The enter and exit event of every traced syscall, in the driver's layout (event codes and
//! parameter order of falcod's event table, `crates/probe/src/schema/event_layout.rs`).

use aya_ebpf::helpers::{bpf_probe_read_kernel, bpf_probe_read_user, generated as h};

use crate::conv;
use crate::ev::Ev;

/// Most bytes of an argument or environment area copied into an event.
const ARGS_MAX: u32 = 4096;
/// Most bytes of an I/O buffer copied into an event (Falco's default snaplen).
const SNAPLEN: u32 = 80;
/// `RLIMIT_NOFILE`.
const RLIMIT_NOFILE: u64 = 7;
/// Size of `struct rlimit`.
const RLIMIT_SIZE: u64 = 16;

/// A value of kernel memory, zero when unreadable.
#[inline(always)]
pub fn read_kernel<T: Default + Copy>(addr: u64) -> T {
    // SAFETY: the helper checks the address.
    unsafe { bpf_probe_read_kernel(addr as *const T) }.unwrap_or_default()
}

#[inline(always)]
fn read_user<T: Default + Copy>(addr: u64) -> T {
    // SAFETY: the helper checks the address.
    unsafe { bpf_probe_read_user(addr as *const T) }.unwrap_or_default()
}

/// Syscall argument `n` (0-based) from the saved registers.
#[inline(always)]
fn arg(regs: u64, n: u32) -> u64 {
    let off = match n {
        0 => crate::config!(pt_regs.di),
        1 => crate::config!(pt_regs.si),
        2 => crate::config!(pt_regs.dx),
        3 => crate::config!(pt_regs.r10),
        4 => crate::config!(pt_regs.r8),
        _ => crate::config!(pt_regs.r9),
    };
    read_kernel(regs + u64::from(off))
}

/// An fd argument: the low 32 bits, sign-extended (the driver's `PT_FD`).
#[inline(always)]
fn fd_arg(regs: u64, n: u32) -> i64 {
    i64::from(arg(regs, n) as i32)
}

#[inline(always)]
fn current_task() -> u64 {
    // SAFETY: helper without preconditions.
    unsafe { h::bpf_get_current_task() }
}

#[inline(always)]
fn field<T: Default + Copy>(base: u64, off: u32) -> T {
    read_kernel(base + u64::from(off))
}

/// One event with only fixed parameters: `begin`, the caller's pushes, `submit`.
macro_rules! event {
    ($code:expr) => {{
        if let Some(e) = Ev::begin($code, 0) {
            e.submit();
        }
    }};
    ($code:expr, $n:expr, |$e:ident| $body:block) => {{
        if let Some(mut $e) = Ev::begin($code, $n) {
            $body
            $e.submit();
        }
    }};
}

/// The enter event of syscall `id`.
#[inline(always)]
pub fn enter(id: u64, regs: u64) {
    match id {
        // open: name, flags, mode
        2 => event!(2, 3, |e| {
            let flags = arg(regs, 1);
            e.user_str(arg(regs, 0));
            e.u32(conv::open_flags(flags));
            e.u32(conv::open_mode(flags, arg(regs, 2)));
        }),
        // close: fd
        3 => event!(4, 1, |e| { e.i64(fd_arg(regs, 0)) }),
        // dup, dup2, dup3: fd
        32 => event!(366, 1, |e| { e.i64(fd_arg(regs, 0)) }),
        33 => event!(362, 1, |e| { e.i64(fd_arg(regs, 0)) }),
        292 => event!(364, 1, |e| { e.i64(fd_arg(regs, 0)) }),
        // socket: domain, type, proto
        41 => event!(18, 3, |e| {
            e.u32(arg(regs, 0) as u32);
            e.u32(arg(regs, 1) as u32);
            e.u32(arg(regs, 2) as u32);
        }),
        // connect: fd, addr
        42 => event!(22, 2, |e| {
            e.i64(fd_arg(regs, 0));
            sockaddr(&mut e, arg(regs, 1), arg(regs, 2));
        }),
        // accept: none; accept4: flags
        43 => event!(246),
        288 => event!(388, 1, |e| { e.u32(arg(regs, 3) as u32) }),
        // listen: fd, backlog
        50 => event!(24, 2, |e| {
            e.i64(fd_arg(regs, 0));
            e.u32(arg(regs, 1) as u32);
        }),
        // sendmsg: fd, size, tuple; recvmsg: fd
        46 => event!(48, 3, |e| {
            e.i64(fd_arg(regs, 0));
            e.u32(msg_size(arg(regs, 1)) as u32);
            msg_tuple(&mut e, arg(regs, 1));
        }),
        47 => event!(52, 1, |e| { e.i64(fd_arg(regs, 0)) }),
        // setresuid, setresgid: the three ids
        117 | 119 => event!(if id == 117 { 192 } else { 194 }, 3, |e| {
            e.u32(arg(regs, 0) as u32);
            e.u32(arg(regs, 1) as u32);
            e.u32(arg(regs, 2) as u32);
        }),
        // bpf: cmd
        321 => event!(368, 1, |e| { e.i64(arg(regs, 0) as i64) }),
        // userfaultfd: none
        323 => event!(320),
        // sendto: fd, size, tuple
        44 => event!(30, 3, |e| {
            e.i64(fd_arg(regs, 0));
            e.u32(arg(regs, 2) as u32);
            e.empty();
        }),
        // recvfrom: fd, size
        45 => event!(34, 2, |e| {
            e.i64(fd_arg(regs, 0));
            e.u32(arg(regs, 2) as u32);
        }),
        // bind: fd
        49 => event!(20, 1, |e| { e.i64(fd_arg(regs, 0)) }),
        // clone, fork, vfork, clone3: no parameters
        56 => event!(222),
        57 => event!(224),
        58 => event!(226),
        435 => event!(334),
        // execve: filename
        59 => event!(292, 1, |e| {
            e.user_str(arg(regs, 0));
        }),
        // execveat: dirfd, pathname, flags
        322 => event!(330, 3, |e| {
            e.i64(fd_arg(regs, 0));
            e.user_str(arg(regs, 1));
            e.u32(conv::execveat_flags(arg(regs, 4)));
        }),
        // fcntl: fd, cmd
        72 => event!(150, 2, |e| {
            e.i64(fd_arg(regs, 0));
            e.u8(conv::fcntl_cmd(arg(regs, 1)));
        }),
        // chdir: none; fchdir: fd
        80 => event!(94),
        81 => event!(96, 1, |e| { e.i64(fd_arg(regs, 0)) }),
        // rename, renameat, renameat2, symlink, symlinkat, link, linkat, unlink, unlinkat,
        // rmdir, mkdirat, chmod, fchmod, fchmodat, init_module, finit_module, memfd_create:
        // no enter parameters in the current layout
        82 => event!(174),
        264 => event!(176),
        316 => event!(318),
        88 => event!(178),
        266 => event!(180),
        86 => event!(308),
        265 => event!(310),
        87 => event!(300),
        263 => event!(302),
        84 => event!(278),
        258 => event!(304),
        90 => event!(314),
        91 => event!(316),
        268 => event!(312),
        175 => event!(410),
        313 => event!(412),
        319 => event!(404),
        // mkdir: mode
        83 => event!(276, 1, |e| { e.u32((arg(regs, 1) & 0o7777) as u32) }),
        // creat: name, mode
        85 => event!(58, 2, |e| {
            e.user_str(arg(regs, 0));
            e.u32((arg(regs, 1) & 0o7777) as u32);
        }),
        // ptrace: request, pid
        101 => event!(168, 2, |e| {
            e.u16(conv::ptrace_request(arg(regs, 0)));
            e.i64(arg(regs, 1) as i32 as i64);
        }),
        // setuid: uid; setgid: gid
        105 => event!(198, 1, |e| { e.u32(arg(regs, 0) as u32) }),
        106 => event!(200, 1, |e| { e.u32(arg(regs, 0) as u32) }),
        // mount: flags
        165 => event!(256, 1, |e| { e.u32(arg(regs, 3) as u32) }),
        // umount2: flags
        166 => event!(390, 1, |e| { e.u32(arg(regs, 1) as u32) }),
        // openat: dirfd, name, flags, mode
        257 => event!(306, 4, |e| {
            let flags = arg(regs, 2);
            e.i64(fd_arg(regs, 0));
            e.user_str(arg(regs, 1));
            e.u32(conv::open_flags(flags));
            e.u32(conv::open_mode(flags, arg(regs, 3)));
        }),
        // openat2: dirfd, name, flags, mode, resolve
        437 => event!(326, 5, |e| {
            let how = arg(regs, 2);
            let flags: u64 = read_user(how);
            let mode: u64 = read_user(how + 8);
            let resolve: u64 = read_user(how + 16);
            e.i64(fd_arg(regs, 0));
            e.user_str(arg(regs, 1));
            e.u32(conv::open_flags(flags));
            e.u32(conv::open_mode(flags, mode));
            e.u32(resolve as u32);
        }),
        // unshare: flags
        272 => event!(284, 1, |e| { e.u32(conv::clone_flags(arg(regs, 0))) }),
        // setns: fd, nstype
        308 => event!(240, 2, |e| {
            e.i64(fd_arg(regs, 0));
            e.u32(conv::clone_flags(arg(regs, 1)));
        }),
        _ => {}
    }
}

/// The exit event of syscall `id`, which returned `ret`.
#[inline(always)]
pub fn exit(id: u64, regs: u64, ret: i64) {
    match id {
        // open: fd, name, flags, mode, dev, ino
        2 => event!(3, 6, |e| {
            let flags = arg(regs, 1);
            e.i64(ret);
            e.user_str(arg(regs, 0));
            e.u32(conv::open_flags(flags));
            e.u32(conv::open_mode(flags, arg(regs, 2)));
            e.u32(0);
            e.u64(0);
        }),
        // close: res, fd
        3 => event!(5, 2, |e| {
            e.i64(ret);
            e.i64(fd_arg(regs, 0));
        }),
        // dup: res, oldfd; dup2: res, oldfd, newfd; dup3: res, oldfd, newfd, flags
        32 => event!(367, 2, |e| {
            e.i64(ret);
            e.i64(fd_arg(regs, 0));
        }),
        33 | 292 => event!(
            if id == 33 { 363 } else { 365 },
            if id == 33 { 3 } else { 4 },
            |e| {
                e.i64(ret);
                e.i64(fd_arg(regs, 0));
                e.i64(fd_arg(regs, 1));
                if id == 292 {
                    // O_CLOEXEC is the only dup3 flag: PPM_O_CLOEXEC
                    e.u32(if arg(regs, 2) & 0o2000000 != 0 {
                        1 << 12
                    } else {
                        0
                    });
                }
            }
        ),
        // socket: fd, domain, type, proto, flags
        41 => event!(19, 5, |e| {
            e.i64(ret);
            e.u32(arg(regs, 0) as u32);
            e.u32(arg(regs, 1) as u32);
            e.u32(arg(regs, 2) as u32);
            e.u32(0);
        }),
        // connect: res, tuple (the destination only: the local end needs the socket), fd, addr
        42 => event!(23, 4, |e| {
            e.i64(ret);
            socktuple_to(&mut e, arg(regs, 1), arg(regs, 2));
            e.i64(fd_arg(regs, 0));
            sockaddr(&mut e, arg(regs, 1), arg(regs, 2));
        }),
        // accept: fd, tuple, queuepct, queuelen, queuemax; accept4: the same and flags
        43 | 288 => event!(
            if id == 43 { 247 } else { 389 },
            if id == 43 { 5 } else { 6 },
            |e| {
                e.i64(ret);
                socktuple_from(&mut e, arg(regs, 1), arg(regs, 2));
                e.u8(0);
                e.u32(0);
                e.u32(0);
                if id == 288 {
                    e.u32(arg(regs, 3) as u32);
                }
            }
        ),
        // listen: res, fd, backlog
        50 => event!(25, 3, |e| {
            e.i64(ret);
            e.i64(fd_arg(regs, 0));
            e.u32(arg(regs, 1) as u32);
        }),
        // sendto: res, data, fd, size, tuple
        44 => event!(31, 5, |e| {
            e.i64(ret);
            e.user_bytes(arg(regs, 1), arg(regs, 2), SNAPLEN);
            e.i64(fd_arg(regs, 0));
            e.u32(arg(regs, 2) as u32);
            socktuple_to(&mut e, arg(regs, 4), arg(regs, 5));
        }),
        // sendmsg: res, data, fd, size, tuple
        46 => event!(49, 5, |e| {
            e.i64(ret);
            e.empty();
            e.i64(fd_arg(regs, 0));
            e.u32(msg_size(arg(regs, 1)) as u32);
            msg_tuple(&mut e, arg(regs, 1));
        }),
        // recvfrom: res, data, tuple, fd, size
        45 => event!(35, 5, |e| {
            e.i64(ret);
            let n = if ret > 0 { ret as u64 } else { 0 };
            e.user_bytes(arg(regs, 1), n, SNAPLEN);
            let addr = arg(regs, 4);
            let len: u32 = if addr != 0 {
                read_user(arg(regs, 5))
            } else {
                0
            };
            socktuple_from(&mut e, addr, u64::from(len));
            e.i64(fd_arg(regs, 0));
            e.u32(arg(regs, 2) as u32);
        }),
        // recvmsg: res, size, data, tuple, msgcontrol, fd
        47 => event!(53, 6, |e| {
            e.i64(ret);
            e.u32(if ret > 0 { ret as u32 } else { 0 });
            e.empty();
            let msg = arg(regs, 1);
            let name: u64 = read_user(msg);
            let namelen: u32 = read_user(msg + 8);
            socktuple_from(&mut e, name, u64::from(namelen));
            e.empty();
            e.i64(fd_arg(regs, 0));
        }),
        // bind: res, addr, fd
        49 => event!(21, 3, |e| {
            e.i64(ret);
            sockaddr(&mut e, arg(regs, 1), arg(regs, 2));
            e.i64(fd_arg(regs, 0));
        }),
        // setresuid, setresgid: res and the three ids
        117 | 119 => event!(if id == 117 { 193 } else { 195 }, 4, |e| {
            e.i64(ret);
            e.u32(arg(regs, 0) as u32);
            e.u32(arg(regs, 1) as u32);
            e.u32(arg(regs, 2) as u32);
        }),
        // bpf: fd, cmd
        321 => event!(369, 2, |e| {
            e.i64(ret);
            e.u32(arg(regs, 0) as u32);
        }),
        // userfaultfd: res, flags
        323 => event!(321, 2, |e| {
            e.i64(ret);
            e.u32(arg(regs, 0) as u32);
        }),
        // clone family
        56 => clone_exit(223, ret, conv::clone_flags(arg(regs, 0))),
        57 => clone_exit(225, ret, 0),
        58 => clone_exit(227, ret, (1 << 15) | (1 << 14)),
        435 => {
            let flags: u64 = read_user(arg(regs, 0));
            clone_exit(335, ret, conv::clone_flags(flags))
        }
        // execve, execveat
        59 => execve_exit(293, ret),
        322 => execve_exit(331, ret),
        // fcntl: res, fd, cmd, arg
        72 => event!(151, 4, |e| {
            e.i64(ret);
            e.i64(fd_arg(regs, 0));
            e.u8(conv::fcntl_cmd(arg(regs, 1)));
            e.u64(arg(regs, 2));
        }),
        // chdir: res, path; fchdir: res
        80 => event!(95, 2, |e| {
            e.i64(ret);
            e.user_str(arg(regs, 0));
        }),
        81 => event!(97, 2, |e| {
            e.i64(ret);
            e.i64(fd_arg(regs, 0));
        }),
        // rename: res, oldpath, newpath
        82 => event!(175, 3, |e| {
            e.i64(ret);
            e.user_str(arg(regs, 0));
            e.user_str(arg(regs, 1));
        }),
        // renameat(2): res, olddirfd, oldpath, newdirfd, newpath (, flags)
        264 | 316 => event!(
            if id == 264 { 177 } else { 319 },
            if id == 264 { 5 } else { 6 },
            |e| {
                e.i64(ret);
                e.i64(fd_arg(regs, 0));
                e.user_str(arg(regs, 1));
                e.i64(fd_arg(regs, 2));
                e.user_str(arg(regs, 3));
                if id == 316 {
                    e.u32(arg(regs, 4) as u32);
                }
            }
        ),
        // symlink: res, target, linkpath
        88 => event!(179, 3, |e| {
            e.i64(ret);
            e.user_str(arg(regs, 0));
            e.user_str(arg(regs, 1));
        }),
        // symlinkat: res, target, linkdirfd, linkpath
        266 => event!(181, 4, |e| {
            e.i64(ret);
            e.user_str(arg(regs, 0));
            e.i64(fd_arg(regs, 1));
            e.user_str(arg(regs, 2));
        }),
        // link: res, oldpath, newpath
        86 => event!(309, 3, |e| {
            e.i64(ret);
            e.user_str(arg(regs, 0));
            e.user_str(arg(regs, 1));
        }),
        // linkat: res, olddir, oldpath, newdir, newpath, flags
        265 => event!(311, 6, |e| {
            e.i64(ret);
            e.i64(fd_arg(regs, 0));
            e.user_str(arg(regs, 1));
            e.i64(fd_arg(regs, 2));
            e.user_str(arg(regs, 3));
            e.u32(arg(regs, 4) as u32);
        }),
        // unlink: res, path; rmdir: res, path
        87 => event!(301, 2, |e| {
            e.i64(ret);
            e.user_str(arg(regs, 0));
        }),
        84 => event!(279, 2, |e| {
            e.i64(ret);
            e.user_str(arg(regs, 0));
        }),
        // unlinkat: res, dirfd, name, flags
        263 => event!(303, 4, |e| {
            e.i64(ret);
            e.i64(fd_arg(regs, 0));
            e.user_str(arg(regs, 1));
            e.u32(arg(regs, 2) as u32);
        }),
        // mkdir: res, path, mode
        83 => event!(277, 3, |e| {
            e.i64(ret);
            e.user_str(arg(regs, 0));
            e.u32((arg(regs, 1) & 0o7777) as u32);
        }),
        // mkdirat: res, dirfd, path, mode
        258 => event!(305, 4, |e| {
            e.i64(ret);
            e.i64(fd_arg(regs, 0));
            e.user_str(arg(regs, 1));
            e.u32((arg(regs, 2) & 0o7777) as u32);
        }),
        // creat: fd, name, mode, dev, ino, creat_flags
        85 => event!(59, 6, |e| {
            e.i64(ret);
            e.user_str(arg(regs, 0));
            e.u32((arg(regs, 1) & 0o7777) as u32);
            e.u32(0);
            e.u64(0);
            e.u16(0);
        }),
        // chmod: res, filename, mode
        90 => event!(315, 3, |e| {
            e.i64(ret);
            e.user_str(arg(regs, 0));
            e.u32((arg(regs, 1) & 0o7777) as u32);
        }),
        // fchmod: res, fd, mode
        91 => event!(317, 3, |e| {
            e.i64(ret);
            e.i64(fd_arg(regs, 0));
            e.u32((arg(regs, 1) & 0o7777) as u32);
        }),
        // fchmodat: res, dirfd, filename, mode
        268 => event!(313, 4, |e| {
            e.i64(ret);
            e.i64(fd_arg(regs, 0));
            e.user_str(arg(regs, 1));
            e.u32((arg(regs, 2) & 0o7777) as u32);
        }),
        // ptrace: res, addr, data (dynamic: index 0 = u64), request, pid
        101 => event!(169, 5, |e| {
            e.i64(ret);
            let addr = arg(regs, 2);
            let data = arg(regs, 3);
            e.raw(|p| dyn_u64(p, addr));
            e.raw(|p| dyn_u64(p, data));
            e.u16(conv::ptrace_request(arg(regs, 0)));
            e.i64(arg(regs, 1) as i32 as i64);
        }),
        // setuid: res, uid; setgid: res, gid
        105 | 106 => event!(if id == 105 { 199 } else { 201 }, 2, |e| {
            e.i64(ret);
            e.u32(arg(regs, 0) as u32);
        }),
        // mount: res, dev, dir, type, flags
        165 => event!(257, 5, |e| {
            e.i64(ret);
            e.user_str(arg(regs, 0));
            e.user_str(arg(regs, 1));
            e.user_str(arg(regs, 2));
            e.u32(arg(regs, 3) as u32);
        }),
        // umount2: res, name, flags
        166 => event!(391, 3, |e| {
            e.i64(ret);
            e.user_str(arg(regs, 0));
            e.u32(arg(regs, 1) as u32);
        }),
        // init_module: res, img, length, uargs
        175 => event!(411, 4, |e| {
            e.i64(ret);
            e.empty();
            e.u64(arg(regs, 1));
            e.user_str(arg(regs, 2));
        }),
        // finit_module: res, fd, uargs, flags
        313 => event!(413, 4, |e| {
            e.i64(ret);
            e.i64(fd_arg(regs, 0));
            e.user_str(arg(regs, 1));
            e.u32(arg(regs, 2) as u32);
        }),
        // memfd_create: fd, name, flags
        319 => event!(405, 3, |e| {
            e.i64(ret);
            e.user_str(arg(regs, 0));
            e.u32(arg(regs, 1) as u32);
        }),
        // openat: fd, dirfd, name, flags, mode, dev, ino
        257 => event!(307, 7, |e| {
            let flags = arg(regs, 2);
            e.i64(ret);
            e.i64(fd_arg(regs, 0));
            e.user_str(arg(regs, 1));
            e.u32(conv::open_flags(flags));
            e.u32(conv::open_mode(flags, arg(regs, 3)));
            e.u32(0);
            e.u64(0);
        }),
        // openat2: fd, dirfd, name, flags, mode, resolve, dev, ino
        437 => event!(327, 8, |e| {
            let how = arg(regs, 2);
            let flags: u64 = read_user(how);
            let mode: u64 = read_user(how + 8);
            let resolve: u64 = read_user(how + 16);
            e.i64(ret);
            e.i64(fd_arg(regs, 0));
            e.user_str(arg(regs, 1));
            e.u32(conv::open_flags(flags));
            e.u32(conv::open_mode(flags, mode));
            e.u32(resolve as u32);
            e.u32(0);
            e.u64(0);
        }),
        // unshare: res, flags; setns: res, fd, nstype
        272 => event!(285, 2, |e| {
            e.i64(ret);
            e.u32(conv::clone_flags(arg(regs, 0)));
        }),
        308 => event!(241, 3, |e| {
            e.i64(ret);
            e.i64(fd_arg(regs, 0));
            e.u32(conv::clone_flags(arg(regs, 1)));
        }),
        _ => {}
    }
}

/// A `PT_DYN` value of index 0 holding a u64.
#[inline(always)]
fn dyn_u64(p: *mut u8, v: u64) -> u32 {
    // SAFETY: `p` has room for the 9 bytes (see `Ev::raw`).
    unsafe {
        *p = 0;
        (p.add(1) as *mut u64).write_unaligned(v);
    }
    9
}

/// The process data of the current task shared by the execve and clone exit events: exe
/// (argv[0]), args (the rest of the argument area), tid, pid, ptid, cwd (empty), fdlimit,
/// page faults and memory (zero), comm.
#[inline(always)]
fn process_params(e: &mut Ev, task: u64) {
    let mm: u64 = field(task, crate::config!(kernel.task_mm));
    let (arg_start, arg_end): (u64, u64) = if mm != 0 {
        (
            field(mm, crate::config!(kernel.mm_arg_start)),
            field(mm, crate::config!(kernel.mm_arg_end)),
        )
    } else {
        (0, 0)
    };
    // exe: argv[0]; args: what follows it.
    let exe_len = u64::from(e.user_str(arg_start));
    let rest = if arg_start != 0 && arg_end > arg_start + exe_len {
        arg_end - arg_start - exe_len
    } else {
        0
    };
    e.user_bytes(arg_start + exe_len, rest, ARGS_MAX);
    let pid: i32 = field(task, crate::config!(kernel.task_pid));
    let tgid: i32 = field(task, crate::config!(kernel.task_tgid));
    let parent: u64 = field(task, crate::config!(kernel.task_real_parent));
    let ppid: i32 = if parent != 0 {
        field(parent, crate::config!(kernel.task_pid))
    } else {
        0
    };
    e.i64(i64::from(pid));
    e.i64(i64::from(tgid));
    e.i64(i64::from(ppid));
    e.empty(); // cwd
    let signal: u64 = field(task, crate::config!(kernel.task_signal));
    let fdlimit: u64 = if signal != 0 {
        read_kernel(
            signal + u64::from(crate::config!(kernel.signal_rlim)) + RLIMIT_NOFILE * RLIMIT_SIZE,
        )
    } else {
        0
    };
    e.u64(fdlimit);
    e.u64(0); // pgft_maj
    e.u64(0); // pgft_min
    e.u32(0); // vm_size
    e.u32(0); // vm_rss
    e.u32(0); // vm_swap
    e.comm();
}

/// The credentials of `task`: (euid, egid).
#[inline(always)]
fn creds(task: u64) -> (u32, u32, u64) {
    let cred: u64 = field(task, crate::config!(kernel.task_cred));
    if cred == 0 {
        return (0, 0, 0);
    }
    (
        field(cred, crate::config!(kernel.cred_euid)),
        field(cred, crate::config!(kernel.cred_egid)),
        cred,
    )
}

/// clone, fork, vfork and clone3 exits (in the parent: `ret` is the child; in the child: 0).
#[inline(always)]
fn clone_exit(code: u16, ret: i64, flags: u32) {
    let task = current_task();
    event!(code, 21, |e| {
        e.i64(ret);
        process_params(&mut e, task);
        e.empty(); // cgroups
        e.u32(flags);
        let (uid, gid, _) = creds(task);
        e.u32(uid);
        e.u32(gid);
        let pid: i32 = field(task, crate::config!(kernel.task_pid));
        let tgid: i32 = field(task, crate::config!(kernel.task_tgid));
        e.i64(i64::from(pid)); // vtid (host pid namespace assumed)
        e.i64(i64::from(tgid)); // vpid
        e.u64(0); // pidns_init_start_ts
    });
}

/// execve and execveat exits: the `EXECVE_19` layout up to `uid` (the later parameters,
/// trusted_exepath and after, are left out: libsinsp then takes the exe path from the enter
/// event's filename, as for older drivers).
#[inline(always)]
fn execve_exit(code: u16, ret: i64) {
    let task = current_task();
    event!(code, 27, |e| {
        e.i64(ret);
        process_params(&mut e, task);
        e.empty(); // cgroups
                   // env
        let mm: u64 = field(task, crate::config!(kernel.task_mm));
        let (env_start, env_end): (u64, u64) = if mm != 0 && ret == 0 {
            (
                field(mm, crate::config!(kernel.mm_env_start)),
                field(mm, crate::config!(kernel.mm_env_end)),
            )
        } else {
            (0, 0)
        };
        let env_len = env_end.saturating_sub(env_start);
        e.user_bytes(env_start, env_len, ARGS_MAX);
        e.u32(0); // tty
        e.i64(0); // vpgid
        let loginuid: u32 = field(task, crate::config!(kernel.task_loginuid));
        e.u32(loginuid);
        e.u32(0); // flags
        let (uid, _gid, cred) = creds(task);
        let cap = |off: u32| -> u64 {
            if cred == 0 {
                0
            } else {
                field(cred, off)
            }
        };
        e.u64(cap(crate::config!(kernel.cred_cap_inheritable)));
        e.u64(cap(crate::config!(kernel.cred_cap_permitted)));
        e.u64(cap(crate::config!(kernel.cred_cap_effective)));
        e.u64(0); // exe_ino
        e.u64(0); // exe_ino_ctime
        e.u64(0); // exe_ino_mtime
        e.u32(uid);
    });
}

/// procexit for the exiting `task`: status, ret, sig, core, reaper_tid.
#[inline(always)]
pub fn procexit(task: u64) {
    let code: i32 = field(task, crate::config!(kernel.task_exit_code));
    event!(186, 5, |e| {
        e.i64(i64::from(code));
        e.i64(i64::from((code >> 8) & 0xff));
        e.u8((code & 0x7f) as u8);
        e.u8(u8::from(code & 0x80 != 0));
        e.i64(0);
    });
}

/// A socket address read from user memory, in the driver's encoding: family byte, then
/// address and port (host order) for IPv4 / IPv6, or the path for Unix sockets.
#[inline(always)]
fn sockaddr(e: &mut Ev, addr: u64, len: u64) {
    if addr == 0 || len < 2 {
        return e.empty();
    }
    let family: u16 = read_user(addr);
    match family {
        2 => {
            let port: u16 = read_user(addr + 2);
            let ip: u32 = read_user(addr + 4);
            e.raw(|p| {
                // SAFETY: 7 bytes fit (see `Ev::raw`).
                unsafe {
                    *p = 2;
                    (p.add(1) as *mut u32).write_unaligned(ip);
                    (p.add(5) as *mut u16).write_unaligned(u16::from_be(port));
                }
                7
            });
        }
        10 => {
            let port: u16 = read_user(addr + 2);
            let ip: [u64; 2] = [read_user(addr + 8), read_user(addr + 16)];
            e.raw(|p| {
                // SAFETY: 19 bytes fit (see `Ev::raw`).
                unsafe {
                    *p = 10;
                    (p.add(1) as *mut u64).write_unaligned(ip[0]);
                    (p.add(9) as *mut u64).write_unaligned(ip[1]);
                    (p.add(17) as *mut u16).write_unaligned(u16::from_be(port));
                }
                19
            });
        }
        1 => e.prefixed_user_str(1, addr + 2),
        _ => e.empty(),
    }
}

/// A socket tuple with an unknown local end and the destination `addr`.
#[inline(always)]
fn socktuple_to(e: &mut Ev, addr: u64, len: u64) {
    if addr == 0 || len < 2 {
        return e.empty();
    }
    let family: u16 = read_user(addr);
    match family {
        2 => {
            let port: u16 = read_user(addr + 2);
            let ip: u32 = read_user(addr + 4);
            e.raw(|p| {
                // SAFETY: 13 bytes fit (see `Ev::raw`).
                unsafe {
                    *p = 2;
                    (p.add(1) as *mut u32).write_unaligned(0);
                    (p.add(5) as *mut u16).write_unaligned(0);
                    (p.add(7) as *mut u32).write_unaligned(ip);
                    (p.add(11) as *mut u16).write_unaligned(u16::from_be(port));
                }
                13
            });
        }
        10 => {
            let port: u16 = read_user(addr + 2);
            let ip: [u64; 2] = [read_user(addr + 8), read_user(addr + 16)];
            e.raw(|p| {
                // SAFETY: 37 bytes fit (see `Ev::raw`).
                unsafe {
                    *p = 10;
                    (p.add(1) as *mut u64).write_unaligned(0);
                    (p.add(9) as *mut u64).write_unaligned(0);
                    (p.add(17) as *mut u16).write_unaligned(0);
                    (p.add(19) as *mut u64).write_unaligned(ip[0]);
                    (p.add(27) as *mut u64).write_unaligned(ip[1]);
                    (p.add(35) as *mut u16).write_unaligned(u16::from_be(port));
                }
                37
            });
        }
        _ => e.empty(),
    }
}

/// The bytes a `struct msghdr` at `msg` describes: the sum of its first iovec lengths.
#[inline(always)]
fn msg_size(msg: u64) -> u64 {
    if msg == 0 {
        return 0;
    }
    let iov: u64 = read_user(msg + 16);
    let iovlen: u64 = read_user(msg + 24);
    let mut total = 0;
    let mut i = 0;
    while i < 4 {
        if i < iovlen {
            let len: u64 = read_user(iov + 16 * i + 8);
            total += len;
        }
        i += 1;
    }
    total
}

/// The tuple of a `struct msghdr`'s destination (`msg_name`), empty when it has none.
#[inline(always)]
fn msg_tuple(e: &mut Ev, msg: u64) {
    if msg == 0 {
        return e.empty();
    }
    let name: u64 = read_user(msg);
    let namelen: u32 = read_user(msg + 8);
    socktuple_to(e, name, u64::from(namelen));
}

/// A socket tuple whose source is the peer at `addr` (accept, recvfrom) and whose local end
/// is unknown; empty for families other than IPv4 and IPv6.
#[inline(always)]
fn socktuple_from(e: &mut Ev, addr: u64, len: u64) {
    if addr == 0 || len < 2 {
        return e.empty();
    }
    let family: u16 = read_user(addr);
    match family {
        2 => {
            let port: u16 = read_user(addr + 2);
            let ip: u32 = read_user(addr + 4);
            e.raw(|p| {
                // SAFETY: 13 bytes fit (see `Ev::raw`).
                unsafe {
                    *p = 2;
                    (p.add(1) as *mut u32).write_unaligned(ip);
                    (p.add(5) as *mut u16).write_unaligned(u16::from_be(port));
                    (p.add(7) as *mut u32).write_unaligned(0);
                    (p.add(11) as *mut u16).write_unaligned(0);
                }
                13
            });
        }
        _ => e.empty(),
    }
}
