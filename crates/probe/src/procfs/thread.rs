//! One thread from its `/proc/PID` (or `/proc/PID/task/TID`) directory.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use super::cgroup::Cgroups;
use super::fds;
use super::sockets::SocketTables;
use super::SnapshotOptions;
use crate::scap::{FdInfo, ProcInfo};

/// Longest command line, environment and cgroup list libscap keeps.
const MAX_ARGS: usize = 4096;
/// `PPM_CL_CLONE_FILES | PPM_CL_CLONE_THREAD`: libscap's flags for non-main threads (they
/// share the process' fd table).
const THREAD_FLAGS: u32 = 1 | (1 << 13);
const NS_PER_SEC: u64 = 1_000_000_000;

/// The state of one scan: what is shared between the threads read.
pub(super) struct Scan {
    cgroups: Cgroups,
    sockets: Option<SocketTables>,
    /// Threads left out.
    pub skipped: u64,
}

impl Scan {
    pub fn new(opts: &SnapshotOptions) -> Scan {
        Scan {
            cgroups: Cgroups::new(&opts.host_root),
            sockets: opts.sockets.then(|| SocketTables::new(&opts.host_root)),
            skipped: 0,
        }
    }

    /// The thread whose directory is `dir`; `None` (and counted) if it cannot be read.
    pub fn thread(&mut self, dir: &Path, tid: u64) -> Option<ProcInfo> {
        let t = read_thread(dir, tid, &mut self.cgroups);
        if t.is_none() {
            self.skipped += 1;
        }
        t
    }

    /// The fds of the process whose directory is `dir`.
    pub fn fds(&mut self, dir: &Path) -> Vec<FdInfo> {
        fds::read_fds(dir, self.sockets.as_mut())
    }
}

/// A NUL-terminated list read from `path`, at most [`MAX_ARGS`] bytes, its last byte forced to
/// NUL (as libscap terminates its buffer).
fn read_nul_list(path: &Path) -> Option<Vec<u8>> {
    let mut bytes = fs::read(path).ok()?;
    bytes.truncate(MAX_ARGS);
    if let Some(last) = bytes.last_mut() {
        *last = 0;
    }
    Some(bytes)
}

fn read_thread(dir: &Path, tid: u64, cgroups: &mut Cgroups) -> Option<ProcInfo> {
    let cmdline = read_nul_list(&dir.join("cmdline"))?;
    let exepath = fs::read_link(dir.join("exe"))
        .ok()
        .map(|p| p.to_string_lossy().into_owned());
    // Kernel threads and zombies have neither a command line nor an executable.
    if cmdline.is_empty() && exepath.is_none() {
        return None;
    }
    let mut p = ProcInfo {
        tid,
        exepath: exepath.unwrap_or_default(),
        sid: 0,
        vpgid: 0,
        pgid: -1,
        uid: u32::MAX,
        gid: u32::MAX,
        ..ProcInfo::default()
    };
    let comm = fs::read(dir.join("comm")).ok()?;
    p.comm = String::from_utf8_lossy(comm.strip_suffix(b"\n").unwrap_or(&comm)).into_owned();
    // argv[0] is the exe; the rest, NUL-terminated, the args.
    let exe_len = cmdline
        .iter()
        .position(|&b| b == 0)
        .unwrap_or(cmdline.len());
    p.exe = String::from_utf8_lossy(cmdline.get(..exe_len).unwrap_or_default()).into_owned();
    p.args = cmdline.get(exe_len + 1..).unwrap_or_default().to_vec();
    // The environment of other users' processes is unreadable: libscap fails the thread too.
    p.env = read_nul_list(&dir.join("environ"))?;
    p.cwd = link_text(&dir.join("cwd"))?;
    status(&fs::read_to_string(dir.join("status")).ok()?, &mut p)?;
    stat(&fs::read_to_string(dir.join("stat")).ok()?, &mut p)?;
    p.fdlimit = fdlimit(&fs::read_to_string(dir.join("limits")).unwrap_or_default());
    p.cgroups = cgroups.of_thread(dir);
    p.pidns_init_start_ts = fs::metadata(dir.join("root/proc/1/cmdline"))
        .map(|m| ctime_ns(&m))
        .unwrap_or(0);
    p.root = link_text(&dir.join("root"))?;
    // Without audit support the file is missing and the login uid unset.
    p.loginuid = fs::read_to_string(dir.join("loginuid"))
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or(u32::MAX, |v| v as u32);
    if p.tid != p.pid {
        p.flags = THREAD_FLAGS;
    }
    if let Ok(m) = fs::metadata(&p.exepath) {
        p.exe_ino = m.ino();
        p.exe_ino_ctime = ctime_ns(&m);
        p.exe_ino_mtime = (m.mtime() as u64)
            .saturating_mul(NS_PER_SEC)
            .saturating_add(m.mtime_nsec() as u64);
    }
    p.exe_writable = exe_writable(dir, &p);
    Some(p)
}

fn link_text(path: &Path) -> Option<String> {
    fs::read_link(path)
        .ok()
        .map(|p| p.to_string_lossy().into_owned())
}

fn ctime_ns(m: &fs::Metadata) -> u64 {
    (m.ctime() as u64)
        .saturating_mul(NS_PER_SEC)
        .saturating_add(m.ctime_nsec() as u64)
}

/// The first number after the key of a `Key:\tvalues` line, and the second one if present.
fn two_numbers(rest: &str, radix: u32) -> (Option<u64>, Option<u64>) {
    let mut it = rest
        .split_whitespace()
        .map(|v| u64::from_str_radix(v, radix).ok());
    (it.next().flatten(), it.next().flatten())
}

/// The fields of `/proc/PID/status`: pid, parent, effective ids, capabilities, memory and the
/// ids as seen in the thread's own pid namespace. `None` if the ids are missing.
fn status(text: &str, p: &mut ProcInfo) -> Option<()> {
    let mut found_pid = false;
    for line in text.lines() {
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        let last = || rest.split_whitespace().last()?.parse::<i64>().ok();
        match key {
            "Tgid" => {
                p.pid = two_numbers(rest, 10).0?;
                found_pid = true;
            }
            "PPid" => p.ptid = two_numbers(rest, 10).0?,
            // Real, effective, saved, fs: libscap keeps the effective ids.
            "Uid" => p.uid = two_numbers(rest, 10).1? as u32,
            "Gid" => p.gid = two_numbers(rest, 10).1? as u32,
            "CapInh" => p.cap_inheritable = two_numbers(rest, 16).0.unwrap_or(0),
            "CapPrm" => p.cap_permitted = two_numbers(rest, 16).0.unwrap_or(0),
            "CapEff" => p.cap_effective = two_numbers(rest, 16).0.unwrap_or(0),
            "VmSize" => p.vmsize_kb = two_numbers(rest, 10).0.unwrap_or(0) as u32,
            "VmRSS" => p.vmrss_kb = two_numbers(rest, 10).0.unwrap_or(0) as u32,
            "VmSwap" => p.vmswap_kb = two_numbers(rest, 10).0.unwrap_or(0) as u32,
            // Host view first, innermost namespace last.
            "NSpid" => p.vtid = last().unwrap_or(p.tid as i64),
            "NStgid" => p.vpid = last().unwrap_or(p.pid as i64),
            "NSpgid" => {
                p.pgid = two_numbers(rest, 10).0.map_or(-1, |v| v as i64);
                p.vpgid = last().unwrap_or(p.pgid);
            }
            _ => {}
        }
    }
    if !found_pid {
        return None;
    }
    // Kernels before 4.1 have no NS* lines.
    if p.vtid == 0 {
        p.vtid = p.tid as i64;
    }
    if p.vpid == 0 {
        p.vpid = p.pid as i64;
    }
    Some(())
}

/// The fields of `/proc/PID/stat` after the command name: process group, session, tty, page
/// faults.
fn stat(text: &str, p: &mut ProcInfo) -> Option<()> {
    // The command name is in parentheses and may hold anything, parentheses included.
    let rest = text.get(text.rfind(')')? + 1..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt
    let num = |i: usize| fields.get(i)?.parse::<i64>().ok();
    let pgid = num(2)?;
    if p.pgid == -1 {
        p.pgid = pgid;
        p.vpgid = pgid;
    }
    p.sid = num(3)?;
    p.tty = num(4)? as u32;
    p.pfminor = num(7)? as u64;
    p.pfmajor = num(9)? as u64;
    Some(())
}

/// The soft open-file limit from `/proc/PID/limits` (`-1`: unlimited or unknown).
fn fdlimit(limits: &str) -> i64 {
    limits
        .lines()
        .find_map(|l| l.strip_prefix("Max open files"))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or(-1)
}

/// Whether the thread's user can write its executable. libscap asks the kernel with the
/// thread's credentials; this reads the owner and mode bits (no ACLs, no supplementary groups).
fn exe_writable(dir: &Path, p: &ProcInfo) -> bool {
    if p.exepath.is_empty() {
        return false;
    }
    let mut path = dir.join("root").into_os_string();
    path.push(&p.exepath);
    let Ok(m) = fs::metadata(&path) else {
        return false;
    };
    let mode = m.mode();
    if m.uid() == p.uid || p.uid == 0 {
        // The owner can chmod it; root writes anything writable.
        return true;
    }
    if m.gid() == p.gid {
        mode & 0o020 != 0
    } else {
        mode & 0o002 != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_fields() {
        let text = "Name:\tbash\nTgid:\t4242\nNgid:\t0\nPid:\t4243\nPPid:\t100\nUid:\t1000\t1001\t1000\t1000\nGid:\t50\t51\t50\t50\nVmSize:\t  8000 kB\nVmRSS:\t  4000 kB\nVmSwap:\t 12 kB\nCapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\nNStgid:\t4242\t7\nNSpid:\t4243\t8\nNSpgid:\t4242\t7\n";
        let mut p = ProcInfo {
            tid: 4243,
            pgid: -1,
            ..ProcInfo::default()
        };
        status(text, &mut p).unwrap();
        assert_eq!((p.pid, p.ptid, p.uid, p.gid), (4242, 100, 1001, 51));
        assert_eq!((p.vmsize_kb, p.vmrss_kb, p.vmswap_kb), (8000, 4000, 12));
        assert_eq!(p.cap_permitted, 0x1ff_ffff_ffff);
        assert_eq!((p.vpid, p.vtid, p.pgid, p.vpgid), (7, 8, 4242, 7));
    }

    #[test]
    fn stat_fields_after_a_command_with_parentheses() {
        let text = "4242 (a) b (c)) S 100 4240 4000 34816 4240 4194560 1234 0 56 0 0 0";
        let mut p = ProcInfo {
            pgid: -1,
            ..ProcInfo::default()
        };
        stat(text, &mut p).unwrap();
        assert_eq!((p.pgid, p.sid, p.tty), (4240, 4000, 34816));
        assert_eq!((p.pfminor, p.pfmajor), (1234, 56));
    }

    #[test]
    fn soft_open_file_limit() {
        let limits = "Limit                     Soft Limit           Hard Limit           Units     \nMax open files            1024                 524288               files     \n";
        assert_eq!(fdlimit(limits), 1024);
        assert_eq!(
            fdlimit("Max open files            unlimited            unlimited            files\n"),
            -1
        );
    }
}
