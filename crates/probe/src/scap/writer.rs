//! A writer of `.scap` captures, in the block versions libscap of the sysdig 0.29 era writes
//! (section 1.2, `MI`, `IL_V2`, `UL_V2`, `PL_V9`, `FDL_V2`, `EV_V2`/`EVF_V2`), so that the files
//! read back in libsinsp 0.29 as well as in newer libsinsp and in this crate's [`Reader`].
//!
//! Every block is padded to a multiple of 4 bytes, as libscap pads it; padding is counted in
//! the block length and the readers skip it.
//!
//! ```no_run
//! use falcod_probe::scap::{Compression, EventRecord, MachineInfo, Writer};
//! let mut w = Writer::create("out.scap", Compression::Gzip)?;
//! w.write_section()?;
//! w.write_machine_info(&MachineInfo {
//!     num_cpus: 2,
//!     memory_size_bytes: 1 << 30,
//!     max_pid: 32768,
//!     hostname: "host".into(),
//!     boot_ts_epoch: 0,
//!     flags: 0,
//! })?;
//! w.write_event(&EventRecord {
//!     ts: 1,
//!     tid: 1,
//!     cpu: 0,
//!     flags: None,
//!     event_type: 4, // close enter
//!     params: &[&3i64.to_le_bytes()],
//! })?;
//! w.close()?;
//! # Ok::<(), falcod_probe::scap::WriteError>(())
//! ```
//!
//! [`Reader`]: super::Reader

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use flate2::write::GzEncoder;

use crate::schema::event_layout::{flags as ef, EVENT_INFO};

use super::event::RawEvent;
use super::tables::{FdDetail, FdInfo, Interface, InterfaceAddr, MachineInfo, ProcInfo};
use super::tables::{UserList, SHB_MAGIC};

/// Longest string libscap accepts in path-like table fields (comm, exe, cwd, fd names, ...).
const MAX_PATH: usize = 1024;
/// Longest args, env or cgroups buffer libscap accepts in a process entry.
const MAX_ARGS: usize = 4096;
/// User and group strings must be shorter than this.
const MAX_CREDENTIAL: usize = 255;
/// Largest event block of the non-large types (libscap's read buffer: 64 KiB after the header).
const MAX_SMALL_EVENT_BLOCK: usize = (1 << 16) + 8;
/// Event header: ts, tid, len, type, nparams.
const EVENT_HEADER: usize = 8 + 8 + 4 + 2 + 4;

/// Why a capture could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The output failed.
    #[error("capture write error: {0}")]
    Io(#[from] io::Error),
    /// A value does not fit the field that stores it.
    #[error("cannot write {what}: length {len} exceeds the format limit {max}")]
    TooLong {
        /// The field.
        what: &'static str,
        /// Its length.
        len: usize,
        /// The largest length the format (or libscap's reader) accepts.
        max: usize,
    },
    /// The event code is not in the event table.
    #[error("cannot write event of unknown type {0}")]
    UnknownEvent(u16),
}

/// How the output file is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Plain blocks.
    None,
    /// A gzip stream, as libscap writes by default.
    Gzip,
}

/// How process list entries end: which of the fields after `root` are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProcLayout {
    /// `loginuid` and `exe_writable` only, as libscap of the sysdig 0.29 era writes them (and
    /// reads them: it takes the four bytes after `root` as `loginuid`).
    #[default]
    Sinsp029,
    /// Every field [`ProcInfo`] holds, as current libscap writes them (`pidns_init_start_ts`
    /// and `tty` before `loginuid`, then capabilities, exe inode data and `pgid`). libsinsp
    /// 0.29 misreads `loginuid` from such entries.
    Full,
}

/// One event to write: header fields and the raw bytes of each parameter.
#[derive(Debug, Clone, Copy)]
pub struct EventRecord<'a> {
    /// Timestamp, nanoseconds since the epoch.
    pub ts: u64,
    /// Thread id.
    pub tid: u64,
    /// CPU number.
    pub cpu: u16,
    /// Event flags; `Some` writes an `EVF` block, `None` an `EV` block.
    pub flags: Option<u32>,
    /// Driver event code.
    pub event_type: u16,
    /// Parameter bytes in wire order (fewer than the table lists is allowed, as older drivers
    /// wrote).
    pub params: &'a [&'a [u8]],
}

/// The output of [`Writer::create`]: a buffered file, gzip-compressed or not.
pub enum CaptureFile {
    /// Uncompressed.
    Plain(BufWriter<File>),
    /// Gzip-compressed.
    Gzip(GzEncoder<BufWriter<File>>),
}

impl std::fmt::Debug for CaptureFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CaptureFile::Plain(_) => "CaptureFile::Plain",
            CaptureFile::Gzip(_) => "CaptureFile::Gzip",
        })
    }
}

impl Write for CaptureFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            CaptureFile::Plain(w) => w.write(buf),
            CaptureFile::Gzip(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            CaptureFile::Plain(w) => w.write_all(buf),
            CaptureFile::Gzip(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            CaptureFile::Plain(w) => w.flush(),
            CaptureFile::Gzip(w) => w.flush(),
        }
    }
}

/// A streaming `.scap` writer. Write the section header first, then the machine state blocks,
/// then the events; libsinsp expects that order.
#[derive(Debug)]
pub struct Writer<W: Write> {
    out: W,
    /// The block being assembled (reused).
    block: Vec<u8>,
    proc_layout: ProcLayout,
    events: u64,
}

impl Writer<CaptureFile> {
    /// Creates (or truncates) the file at `path`.
    pub fn create(
        path: impl AsRef<Path>,
        compression: Compression,
    ) -> Result<Writer<CaptureFile>, WriteError> {
        let file = BufWriter::with_capacity(256 * 1024, File::create(path)?);
        let out = match compression {
            Compression::None => CaptureFile::Plain(file),
            Compression::Gzip => {
                CaptureFile::Gzip(GzEncoder::new(file, flate2::Compression::fast()))
            }
        };
        Ok(Writer::new(out))
    }

    /// Finishes the compressed stream and flushes the file.
    pub fn close(self) -> Result<(), WriteError> {
        match self.out {
            CaptureFile::Plain(mut w) => w.flush()?,
            CaptureFile::Gzip(w) => w.finish()?.flush()?,
        }
        Ok(())
    }
}

impl<W: Write> Writer<W> {
    /// A writer of plain blocks into `out` (wrap `out` in a compressor for gzip).
    pub fn new(out: W) -> Writer<W> {
        Writer {
            out,
            block: Vec::with_capacity(4096),
            proc_layout: ProcLayout::default(),
            events: 0,
        }
    }

    /// Selects how process entries end (default [`ProcLayout::Sinsp029`]).
    pub fn set_proc_layout(&mut self, layout: ProcLayout) {
        self.proc_layout = layout;
    }

    /// Events written so far.
    pub fn events_written(&self) -> u64 {
        self.events
    }

    /// Flushes and returns the output.
    pub fn into_inner(mut self) -> Result<W, WriteError> {
        self.out.flush()?;
        Ok(self.out)
    }

    /// Writes a section header of format 1.2 with an unknown section length.
    pub fn write_section(&mut self) -> Result<(), WriteError> {
        self.begin();
        self.put(&SHB_MAGIC.to_le_bytes());
        self.put(&1u16.to_le_bytes());
        self.put(&2u16.to_le_bytes());
        self.put(&u64::MAX.to_le_bytes());
        self.end(0x0A0D_0D0A)
    }

    /// Writes the machine info block (its reserved words zero).
    pub fn write_machine_info(&mut self, mi: &MachineInfo) -> Result<(), WriteError> {
        self.begin();
        self.put(&mi.num_cpus.to_le_bytes());
        self.put(&mi.memory_size_bytes.to_le_bytes());
        self.put(&mi.max_pid.to_le_bytes());
        let name = mi.hostname.as_bytes();
        if name.len() >= 128 {
            return Err(too_long("hostname", name.len(), 127));
        }
        let mut hostname = [0u8; 128];
        hostname
            .get_mut(..name.len())
            .unwrap_or_default()
            .copy_from_slice(name);
        self.put(&hostname);
        self.put(&mi.boot_ts_epoch.to_le_bytes());
        self.put(&mi.flags.to_le_bytes());
        self.put(&[0u8; 16]);
        self.end(0x201)
    }

    /// Writes an interface list block (`IL_V2`). Every entry records a link speed.
    pub fn write_interfaces(&mut self, ifs: &[Interface]) -> Result<(), WriteError> {
        self.begin();
        for i in ifs {
            let name = i.name.as_bytes();
            if name.len() >= MAX_PATH {
                return Err(too_long("interface name", name.len(), MAX_PATH - 1));
            }
            let mut entry = Vec::with_capacity(64);
            let (kind, addrs): (u16, Vec<u8>) = match &i.addr {
                InterfaceAddr::V4(a, m, b) => (1, [a.octets(), m.octets(), b.octets()].concat()),
                InterfaceAddr::V6(a, m, b) => (2, [a.octets(), m.octets(), b.octets()].concat()),
            };
            entry.extend_from_slice(&kind.to_le_bytes());
            entry.extend_from_slice(&(name.len() as u16).to_le_bytes());
            entry.extend_from_slice(&addrs);
            entry.extend_from_slice(&i.linkspeed.to_le_bytes());
            entry.extend_from_slice(name);
            // The v2 entry length does not count itself.
            self.put(&(entry.len() as u32).to_le_bytes());
            self.put(&entry);
        }
        self.end(0x219)
    }

    /// Writes the user and group list block (`UL_V2`): users first, then groups.
    pub fn write_users(&mut self, list: &UserList) -> Result<(), WriteError> {
        self.begin();
        for u in &list.users {
            let mut e = Vec::with_capacity(64);
            e.push(0u8);
            e.extend_from_slice(&u.uid.to_le_bytes());
            e.extend_from_slice(&u.gid.to_le_bytes());
            str16(&mut e, &u.name, MAX_CREDENTIAL - 1, "user name")?;
            str16(&mut e, &u.homedir, MAX_CREDENTIAL - 1, "user homedir")?;
            str16(&mut e, &u.shell, MAX_CREDENTIAL - 1, "user shell")?;
            self.put_counted_entry(&e);
        }
        for g in &list.groups {
            let mut e = Vec::with_capacity(32);
            e.push(1u8);
            e.extend_from_slice(&g.gid.to_le_bytes());
            str16(&mut e, &g.name, MAX_CREDENTIAL - 1, "group name")?;
            self.put_counted_entry(&e);
        }
        self.end(0x220)
    }

    /// Writes the process list block (`PL_V9`), entries ending as the [`ProcLayout`] says.
    pub fn write_processes(&mut self, procs: &[ProcInfo]) -> Result<(), WriteError> {
        self.begin();
        for p in procs {
            let e = proc_entry(p, self.proc_layout)?;
            self.put_counted_entry(&e);
        }
        self.end(0x215)
    }

    /// Writes the fd list block (`FDL_V2`) of thread `tid`. A `File` entry without a device
    /// number is written without it, as pre-`dev` writers did.
    pub fn write_fds(&mut self, tid: u64, fds: &[FdInfo]) -> Result<(), WriteError> {
        self.begin();
        self.put(&tid.to_le_bytes());
        for fd in fds {
            let e = fd_entry(fd)?;
            self.put_counted_entry(&e);
        }
        self.end(0x218)
    }

    /// Writes one event block: `EV_V2`/`EVF_V2`, or their `LARGE` variants for events with
    /// 32-bit parameter lengths or blocks beyond 64 KiB.
    pub fn write_event(&mut self, ev: &EventRecord<'_>) -> Result<(), WriteError> {
        let info = EVENT_INFO
            .get(usize::from(ev.event_type))
            .ok_or(WriteError::UnknownEvent(ev.event_type))?;
        let large_lengths = info.flags & ef::EF_LARGE_PAYLOAD != 0;
        let width = if large_lengths { 4 } else { 2 };
        let max_param = if large_lengths {
            u32::MAX as usize
        } else {
            u16::MAX as usize
        };
        let data_len: usize = ev.params.iter().map(|p| p.len()).sum();
        let len = EVENT_HEADER + width * ev.params.len() + data_len;
        let len32 = u32::try_from(len).map_err(|_| too_long("event", len, u32::MAX as usize))?;
        self.begin();
        self.put(&ev.cpu.to_le_bytes());
        if let Some(flags) = ev.flags {
            self.put(&flags.to_le_bytes());
        }
        self.put(&ev.ts.to_le_bytes());
        self.put(&ev.tid.to_le_bytes());
        self.put(&len32.to_le_bytes());
        self.put(&ev.event_type.to_le_bytes());
        self.put(&(ev.params.len() as u32).to_le_bytes());
        for p in ev.params {
            if p.len() > max_param {
                return Err(too_long("event parameter", p.len(), max_param));
            }
            if large_lengths {
                self.put(&(p.len() as u32).to_le_bytes());
            } else {
                self.put(&(p.len() as u16).to_le_bytes());
            }
        }
        for p in ev.params {
            self.put(p);
        }
        let large_block = large_lengths || self.block.len() + 12 > MAX_SMALL_EVENT_BLOCK;
        let code = match (ev.flags.is_some(), large_block) {
            (false, false) => 0x216,
            (true, false) => 0x217,
            (false, true) => 0x221,
            (true, true) => 0x222,
        };
        self.end(code)?;
        self.events += 1;
        Ok(())
    }

    /// Writes an event as read from a capture, parameters byte for byte.
    pub fn write_raw_event(&mut self, ev: &RawEvent<'_>) -> Result<(), WriteError> {
        let params: Vec<&[u8]> = ev.params().collect();
        self.write_event(&EventRecord {
            ts: ev.ts,
            tid: ev.tid,
            cpu: ev.cpu,
            flags: ev.flags,
            event_type: ev.event_type,
            params: &params,
        })
    }

    fn begin(&mut self) {
        self.block.clear();
    }

    fn put(&mut self, bytes: &[u8]) {
        self.block.extend_from_slice(bytes);
    }

    /// An entry prefixed by its length, the length field included.
    fn put_counted_entry(&mut self, entry: &[u8]) {
        self.put(&((entry.len() + 4) as u32).to_le_bytes());
        self.put(entry);
    }

    /// Frames the assembled body as a block of type `code`, padded to 4 bytes, and writes it.
    fn end(&mut self, code: u32) -> Result<(), WriteError> {
        let padded = self.block.len().div_ceil(4) * 4;
        let total = padded + 12;
        let total32 =
            u32::try_from(total).map_err(|_| too_long("block", total, u32::MAX as usize))?;
        self.block.resize(padded, 0);
        self.out.write_all(&code.to_le_bytes())?;
        self.out.write_all(&total32.to_le_bytes())?;
        self.out.write_all(&self.block)?;
        self.out.write_all(&total32.to_le_bytes())?;
        Ok(())
    }
}

fn too_long(what: &'static str, len: usize, max: usize) -> WriteError {
    WriteError::TooLong { what, len, max }
}

/// Appends `bytes` with a 16-bit length prefix, refusing more than `max` bytes.
fn bytes16(
    out: &mut Vec<u8>,
    bytes: &[u8],
    max: usize,
    what: &'static str,
) -> Result<(), WriteError> {
    if bytes.len() > max {
        return Err(too_long(what, bytes.len(), max));
    }
    out.extend_from_slice(&(bytes.len() as u16).to_le_bytes());
    out.extend_from_slice(bytes);
    Ok(())
}

fn str16(out: &mut Vec<u8>, s: &str, max: usize, what: &'static str) -> Result<(), WriteError> {
    bytes16(out, s.as_bytes(), max, what)
}

fn proc_entry(p: &ProcInfo, layout: ProcLayout) -> Result<Vec<u8>, WriteError> {
    let mut e = Vec::with_capacity(256 + p.args.len() + p.env.len() + p.cgroups.len());
    for v in [p.tid, p.pid, p.ptid] {
        e.extend_from_slice(&v.to_le_bytes());
    }
    e.extend_from_slice(&p.sid.to_le_bytes());
    e.extend_from_slice(&p.vpgid.to_le_bytes());
    str16(&mut e, &p.comm, MAX_PATH, "comm")?;
    str16(&mut e, &p.exe, MAX_PATH, "exe")?;
    str16(&mut e, &p.exepath, MAX_PATH, "exepath")?;
    bytes16(&mut e, &p.args, MAX_ARGS, "args")?;
    str16(&mut e, &p.cwd, MAX_PATH, "cwd")?;
    e.extend_from_slice(&p.fdlimit.to_le_bytes());
    for v in [p.flags, p.uid, p.gid, p.vmsize_kb, p.vmrss_kb, p.vmswap_kb] {
        e.extend_from_slice(&v.to_le_bytes());
    }
    e.extend_from_slice(&p.pfmajor.to_le_bytes());
    e.extend_from_slice(&p.pfminor.to_le_bytes());
    bytes16(&mut e, &p.env, MAX_ARGS, "env")?;
    e.extend_from_slice(&p.vtid.to_le_bytes());
    e.extend_from_slice(&p.vpid.to_le_bytes());
    bytes16(&mut e, &p.cgroups, MAX_ARGS, "cgroups")?;
    str16(&mut e, &p.root, MAX_PATH, "root")?;
    if layout == ProcLayout::Full {
        e.extend_from_slice(&p.pidns_init_start_ts.to_le_bytes());
        e.extend_from_slice(&p.tty.to_le_bytes());
    }
    e.extend_from_slice(&p.loginuid.to_le_bytes());
    e.push(u8::from(p.exe_writable));
    if layout == ProcLayout::Full {
        for v in [p.cap_inheritable, p.cap_permitted, p.cap_effective] {
            e.extend_from_slice(&v.to_le_bytes());
        }
        e.push(u8::from(p.exe_upper_layer));
        for v in [p.exe_ino, p.exe_ino_ctime, p.exe_ino_mtime] {
            e.extend_from_slice(&v.to_le_bytes());
        }
        e.push(u8::from(p.exe_from_memfd));
        e.push(u8::from(p.exe_lower_layer));
        e.extend_from_slice(&p.pgid.to_le_bytes());
    }
    Ok(e)
}

/// The newest fd type code libsinsp 0.29 (Debian's sysdig, our oracle) reads: `SCAP_FD_FILE_V2`.
const NEWEST_FD_TYPE_OF_LIBSCAP_029: u8 = 16;
/// `SCAP_FD_UNSUPPORTED`: what libscap of that era recorded for the anonymous inodes it did not
/// know (bpf, userfaultfd, io_uring, memfd, pidfd; codes 17 to 21).
const FD_UNSUPPORTED: u8 = 10;

/// The fd type written for `fd_type`: codes newer than libscap 0.29 are written as
/// "unsupported", as that libscap recorded them, because a reader of that age rejects the whole
/// file ("wrong fd type") on one unknown code. Every newer type is a named anonymous inode, so
/// the entry's payload (the name) is the same either way.
fn readable_fd_type(fd_type: u8) -> u8 {
    if fd_type > NEWEST_FD_TYPE_OF_LIBSCAP_029 {
        FD_UNSUPPORTED
    } else {
        fd_type
    }
}

fn fd_entry(fd: &FdInfo) -> Result<Vec<u8>, WriteError> {
    let mut e = Vec::with_capacity(64);
    e.extend_from_slice(&fd.fd.to_le_bytes());
    e.extend_from_slice(&fd.ino.to_le_bytes());
    e.push(readable_fd_type(fd.fd_type));
    let name = |e: &mut Vec<u8>, n: &str| str16(e, n, MAX_PATH - 1, "fd name");
    match &fd.detail {
        FdDetail::Ipv4Socket {
            sip,
            dip,
            sport,
            dport,
            l4proto,
        } => socket_tuple(
            &mut e,
            &sip.octets(),
            &dip.octets(),
            *sport,
            *dport,
            *l4proto,
        ),
        FdDetail::Ipv6Socket {
            sip,
            dip,
            sport,
            dport,
            l4proto,
        } => socket_tuple(
            &mut e,
            &sip.octets(),
            &dip.octets(),
            *sport,
            *dport,
            *l4proto,
        ),
        FdDetail::Ipv4Server { ip, port, l4proto } => {
            e.extend_from_slice(&ip.octets());
            e.extend_from_slice(&port.to_le_bytes());
            e.push(*l4proto);
        }
        FdDetail::Ipv6Server { ip, port, l4proto } => {
            e.extend_from_slice(&ip.octets());
            e.extend_from_slice(&port.to_le_bytes());
            e.push(*l4proto);
        }
        FdDetail::Unix {
            source,
            destination,
            name: n,
        } => {
            e.extend_from_slice(&source.to_le_bytes());
            e.extend_from_slice(&destination.to_le_bytes());
            name(&mut e, n)?;
        }
        FdDetail::File {
            open_flags,
            name: n,
            dev,
        } => {
            e.extend_from_slice(&open_flags.to_le_bytes());
            name(&mut e, n)?;
            if let Some(dev) = dev {
                e.extend_from_slice(&dev.to_le_bytes());
            }
        }
        FdDetail::Named { name: n } => name(&mut e, n)?,
        FdDetail::Unknown => {}
    }
    Ok(e)
}

/// An fd-list socket tuple: source and destination address bytes, ports, L4 protocol.
fn socket_tuple(e: &mut Vec<u8>, sip: &[u8], dip: &[u8], sport: u16, dport: u16, l4proto: u8) {
    e.extend_from_slice(sip);
    e.extend_from_slice(dip);
    e.extend_from_slice(&sport.to_le_bytes());
    e.extend_from_slice(&dport.to_le_bytes());
    e.push(l4proto);
}
