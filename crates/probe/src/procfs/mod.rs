//! The machine state of the running system, read from `/proc` as libscap reads it when a live
//! capture opens: every thread of every process, the open fds of every process (sockets
//! resolved to their endpoints through the socket tables of the process' network namespace),
//! the users and groups, the machine and its network interfaces.
//!
//! A [`Snapshot`] holds that state in the types of a capture's opening blocks, so that it
//! bootstraps a [`State`](crate::state::State) exactly as a capture does
//! ([`Snapshot::apply_to`], or [`Snapshot::blocks`] one by one) and is written as the opening
//! blocks of a `.scap` file ([`Snapshot::write`]).
//!
//! ```no_run
//! use falcod_probe::procfs::{snapshot, SnapshotOptions};
//! use falcod_probe::state::State;
//! let snap = snapshot(&SnapshotOptions::from_env())?;
//! let mut state = State::new();
//! snap.apply_to(&mut state);
//! println!("{} threads", state.thread_count());
//! # Ok::<(), falcod_probe::procfs::ProcfsError>(())
//! ```
//!
//! Threads that vanish while the scan reads them, and threads whose files cannot be read (other
//! users' processes when not root), are left out as libscap leaves them out: the first event of
//! such a thread then creates it. Kernel threads (no command line, no executable) are left out
//! too.
//!
//! Inside a container, point [`SnapshotOptions::host_root`] at the host's root filesystem (as
//! libscap's `HOST_ROOT` does) to read the host's `/proc` and `/etc`.

mod cgroup;
mod fds;
mod machine;
mod sockets;
mod thread;
mod users;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::scap::{Block, FdInfo, Interface, MachineInfo, ProcInfo, UserList, WriteError, Writer};
use crate::state::State;

pub use fds::open_flags_to_ppm;
pub use machine::{read_interfaces, read_machine_info};
pub use users::read_user_list;

/// Why the state could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ProcfsError {
    /// A file or directory the whole snapshot depends on could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A file the snapshot depends on holds something unexpected.
    #[error("{}: {what}", path.display())]
    Malformed {
        /// The path.
        path: PathBuf,
        /// What is wrong.
        what: String,
    },
}

impl ProcfsError {
    fn read(path: &Path, source: std::io::Error) -> ProcfsError {
        ProcfsError::Read {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What a [`snapshot`] reads, and from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotOptions {
    /// The root of the host's filesystem: `/proc` and `/etc/passwd` are read under it (`/`
    /// unless falcod runs in a container with the host's root mounted somewhere).
    pub host_root: PathBuf,
    /// Read every process' fd table.
    pub fds: bool,
    /// Resolve socket fds to their endpoints (reads the socket tables of every network
    /// namespace); without it socket fds are left out, as libscap leaves them out.
    pub sockets: bool,
}

impl Default for SnapshotOptions {
    fn default() -> SnapshotOptions {
        SnapshotOptions {
            host_root: PathBuf::from("/"),
            fds: true,
            sockets: true,
        }
    }
}

impl SnapshotOptions {
    /// The defaults, with the host root from the `HOST_ROOT` environment variable when set (as
    /// libscap takes it).
    pub fn from_env() -> SnapshotOptions {
        let mut opts = SnapshotOptions::default();
        if let Some(root) = std::env::var_os("HOST_ROOT").filter(|r| !r.is_empty()) {
            opts.host_root = PathBuf::from(root);
        }
        opts
    }

    /// `/proc` under the host root.
    pub fn proc_dir(&self) -> PathBuf {
        self.host_root.join("proc")
    }
}

/// The open fds of one process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessFds {
    /// The process (its main thread's id).
    pub pid: u64,
    /// Its fds, by fd number.
    pub fds: Vec<FdInfo>,
}

/// The machine state at one moment, in the types of a capture's opening blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The machine.
    pub machine: MachineInfo,
    /// The addresses of its network interfaces.
    pub interfaces: Vec<Interface>,
    /// Its users and groups.
    pub users: UserList,
    /// Every thread read, main threads before their other threads, processes by pid.
    pub threads: Vec<ProcInfo>,
    /// The fd tables, one per process whose fds were read.
    pub fds: Vec<ProcessFds>,
    /// Threads left out because they vanished or could not be read.
    pub skipped_threads: u64,
}

impl Snapshot {
    /// The snapshot as the opening blocks of a capture, in libscap's order: machine info,
    /// interfaces, users, processes, then one fd list per process.
    pub fn blocks(&self) -> Vec<Block<'static>> {
        let mut blocks = vec![
            Block::MachineInfo(self.machine.clone()),
            Block::Interfaces(self.interfaces.clone()),
            Block::Users(self.users.clone()),
            Block::Processes(self.threads.clone()),
        ];
        blocks.extend(self.fds.iter().map(|p| Block::Fds {
            tid: p.pid,
            fds: p.fds.clone(),
        }));
        blocks
    }

    /// Bootstraps `state` from the snapshot, as from a capture's opening blocks.
    pub fn apply_to(&self, state: &mut State) {
        for block in self.blocks() {
            state.apply_block(&block);
        }
    }

    /// Writes the snapshot as a capture's opening blocks (after the section header, before the
    /// events).
    pub fn write<W: Write>(&self, w: &mut Writer<W>) -> Result<(), WriteError> {
        w.write_machine_info(&self.machine)?;
        w.write_interfaces(&self.interfaces)?;
        w.write_users(&self.users)?;
        w.write_processes(&self.threads)?;
        for p in &self.fds {
            w.write_fds(p.pid, &p.fds)?;
        }
        Ok(())
    }

    /// The thread `tid`, if the snapshot read it.
    pub fn thread(&self, tid: u64) -> Option<&ProcInfo> {
        self.threads.iter().find(|t| t.tid == tid)
    }

    /// The fds of process `pid`, if the snapshot read them.
    pub fn fds_of(&self, pid: u64) -> Option<&[FdInfo]> {
        self.fds
            .iter()
            .find(|p| p.pid == pid)
            .map(|p| p.fds.as_slice())
    }
}

/// Reads the machine state. Fails only when the host's `/proc` (or another source the whole
/// snapshot needs) cannot be read; unreadable threads are counted in
/// [`Snapshot::skipped_threads`], a missing `/etc/passwd` gives an empty user list (as in
/// libscap).
pub fn snapshot(opts: &SnapshotOptions) -> Result<Snapshot, ProcfsError> {
    let proc_dir = opts.proc_dir();
    let machine = read_machine_info(&opts.host_root)?;
    let interfaces = read_interfaces(&opts.host_root);
    let users = read_user_list(&opts.host_root)?;
    let mut scan = thread::Scan::new(opts);
    let mut threads = Vec::new();
    let mut fds = Vec::new();
    for pid in numeric_entries(&proc_dir)? {
        let dir = proc_dir.join(pid.to_string());
        let Some(main) = scan.thread(&dir, pid) else {
            continue;
        };
        threads.push(main);
        if opts.fds {
            fds.push(ProcessFds {
                pid,
                fds: scan.fds(&dir),
            });
        }
        let task_dir = dir.join("task");
        // A process that exits now has no tasks left to list.
        for tid in numeric_entries(&task_dir).unwrap_or_default() {
            if tid == pid {
                continue;
            }
            if let Some(t) = scan.thread(&task_dir.join(tid.to_string()), tid) {
                threads.push(t);
            }
        }
    }
    Ok(Snapshot {
        machine,
        interfaces,
        users,
        threads,
        fds,
        skipped_threads: scan.skipped,
    })
}

/// The numeric entries of a `/proc`-like directory, in ascending order.
fn numeric_entries(dir: &Path) -> Result<Vec<u64>, ProcfsError> {
    let entries = std::fs::read_dir(dir).map_err(|e| ProcfsError::read(dir, e))?;
    let mut ids: Vec<u64> = entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    ids.sort_unstable();
    Ok(ids)
}
