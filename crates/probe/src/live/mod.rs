//! The live event source: falcod's kernel programs, loaded and attached, and the ring buffer
//! they write driver-format events into.
//!
//! The programs (crate `falcod-probe-ebpf`, built into this crate by its build script) hook the
//! `sys_enter`, `sys_exit` and `sched_process_exit` raw tracepoints and write each traced
//! syscall's enter and exit event in the layout of the driver's event table, so every record
//! parses into a [`RawEvent`] and goes through the same [`State`](crate::state::State) as a
//! replayed capture (and can be written to a `.scap` file unchanged). Only the syscalls in the
//! set given to [`LiveSource::open`] (plus [`STATE_SYSCALLS`]) are encoded; the others cost
//! the kernel one array lookup.
//!
//! Kernel struct offsets come from the running kernel's BTF ([`btf`]), never from the build.
//!
//! ```no_run
//! use std::time::Duration;
//! use falcod_probe::live::{LiveOptions, LiveSource};
//! let mut source = LiveSource::open(&LiveOptions::default())?;
//! source.next_batch(Duration::from_millis(100), |ev| println!("{} {}", ev.tid, ev.name()))?;
//! println!("dropped: {}", source.drops()?.drops);
//! # Ok::<(), falcod_probe::live::ProbeError>(())
//! ```

pub mod btf;
mod offsets;

use std::collections::BTreeSet;
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};
use std::time::Duration;

use aya::maps::{Array, MapData, PerCpuArray, RingBuf};
use aya::programs::RawTracePoint;
use aya::{Ebpf, EbpfLoader};
use falcod_probe_abi as abi;

use crate::procfs::Cgroups;
use crate::scap::{EventParser, RawEvent};
use crate::state::{ReplayEvent, State};

pub use abi::SYSCALLS;

/// Longest wait for records: the kernel programs do not wake the reader for every record
/// (see `probe-ebpf`'s `submit`), so an event waits at most this long in the ring buffer.
pub const READER_TICK: Duration = Duration::from_millis(5);

/// Where the kernel's BTF is read from.
pub const VMLINUX_BTF: &str = "/sys/kernel/btf/vmlinux";

/// Syscalls traced whatever the rules ask for: the ones that keep the thread and fd tables
/// right (process creation and replacement, fd creation, naming and removal, working
/// directory).
pub const STATE_SYSCALLS: &[&str] = &[
    "clone", "fork", "vfork", "clone3", "execve", "execveat", "open", "openat", "openat2", "creat",
    "close", "dup", "dup2", "dup3", "socket", "connect", "accept", "accept4", "bind", "fcntl",
    "chdir", "fchdir",
];

#[cfg(falcod_ebpf)]
static OBJECT: Option<&[u8]> = Some(aya::include_bytes_aligned!(concat!(
    env!("OUT_DIR"),
    "/falcod-probe-ebpf"
)));
#[cfg(not(falcod_ebpf))]
static OBJECT: Option<&[u8]> = None;

/// Why the live source could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    /// The build had no BPF toolchain.
    #[error(
        "falcod was built without its eBPF programs (the BPF toolchain was missing at build \
         time or AYA_BUILD_SKIP was set): run scripts/prereqs.sh and rebuild"
    )]
    NotBuilt,
    /// Not running as root.
    #[error(
        "loading eBPF programs needs root (CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN); running as \
         uid {0}"
    )]
    NotRoot(u32),
    /// The kernel exposes no BTF.
    #[error("cannot read the kernel's BTF at {path}: {source} (falcod needs a kernel built with CONFIG_DEBUG_INFO_BTF)")]
    NoBtf {
        /// The path read.
        path: PathBuf,
        /// The read error.
        #[source]
        source: std::io::Error,
    },
    /// A struct or member the programs read is missing from the kernel's BTF.
    #[error("{0}")]
    Btf(#[from] btf::BtfError),
    /// The eBPF object could not be loaded (maps, relocations).
    #[error("loading the eBPF object failed: {0}")]
    Load(String),
    /// The verifier refused a program.
    #[error("the kernel refused eBPF program {program}: {error}\nverifier log:\n{log}")]
    Verifier {
        /// The program.
        program: String,
        /// The load error.
        error: String,
        /// The verifier's log.
        log: String,
    },
    /// A program could not be attached to its tracepoint.
    #[error("attaching eBPF program {program} to raw tracepoint {tracepoint} failed: {error}")]
    Attach {
        /// The program.
        program: String,
        /// The tracepoint.
        tracepoint: String,
        /// The error.
        error: String,
    },
    /// A map is missing or could not be used.
    #[error("eBPF map {map}: {error}")]
    Map {
        /// The map.
        map: &'static str,
        /// The error.
        error: String,
    },
    /// Waiting on the ring buffer failed.
    #[error("polling the event ring buffer failed: {0}")]
    Poll(#[source] nix::Error),
    /// A clock could not be read.
    #[error("reading the clocks failed: {0}")]
    Clock(#[source] nix::Error),
}

/// How to open the live source.
#[derive(Debug, Clone)]
pub struct LiveOptions {
    /// Event names (`evt.type` values) the rules need; `None` traces every syscall the
    /// programs encode. [`STATE_SYSCALLS`] are traced in any case.
    pub event_types: Option<BTreeSet<String>>,
    /// Ring buffer size in bytes (a power of two, multiple of the page size).
    pub ring_bytes: u32,
    /// Leave out the events of this process (the reader's own syscalls).
    pub ignore_self: bool,
}

impl Default for LiveOptions {
    fn default() -> LiveOptions {
        LiveOptions {
            event_types: None,
            ring_bytes: abi::RINGBUF_BYTES,
            ignore_self: true,
        }
    }
}

/// Event and drop counts of the programs, summed over CPUs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    /// Events written to the ring buffer.
    pub events: u64,
    /// Events lost because the ring buffer was full.
    pub drops: u64,
    /// Events lost because the scratch buffer was unavailable.
    pub scratch_misses: u64,
    /// Records the reader could not parse (a program bug: reported, never silently skipped).
    pub bad_records: u64,
}

/// The syscalls (by name) whose events have one of `event_types` as `evt.type`, plus
/// [`STATE_SYSCALLS`].
///
/// ```
/// let set = falcod_probe::live::syscalls_for_events(["accept", "symlinkat"]);
/// assert!(set.contains("accept4") && set.contains("symlinkat") && set.contains("execve"));
/// assert!(!set.contains("ptrace"));
/// ```
pub fn syscalls_for_events<'a>(
    event_types: impl IntoIterator<Item = &'a str>,
) -> BTreeSet<&'static str> {
    let wanted: BTreeSet<&str> = event_types.into_iter().collect();
    let mut set: BTreeSet<&'static str> = STATE_SYSCALLS.iter().copied().collect();
    for &(name, _) in SYSCALLS {
        // The programs name every event after its syscall.
        if wanted.contains(name) {
            set.insert(name);
        }
    }
    set
}

/// The loaded and attached programs and their ring buffer.
pub struct LiveSource {
    /// Keeps the programs loaded and attached (dropping it detaches them).
    ebpf: Ebpf,
    ring: RingBuf<MapData>,
    parser: EventParser,
    /// Reads a thread's cgroups from /proc for the process events (see [`fill_cgroups`]).
    cgroups: Cgroups,
    proc_dir: PathBuf,
    /// A record with its cgroups filled in (reused).
    patched: Vec<u8>,
    bad_records: u64,
    syscalls: BTreeSet<&'static str>,
}

impl std::fmt::Debug for LiveSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveSource")
            .field("syscalls", &self.syscalls)
            .finish_non_exhaustive()
    }
}

/// Nanoseconds since the epoch at boot: the programs add `bpf_ktime_get_boot_ns()`.
fn boot_time_ns() -> Result<u64, ProbeError> {
    use nix::time::{clock_gettime, ClockId};
    let ns = |c| -> Result<i128, ProbeError> {
        let t = clock_gettime(c).map_err(ProbeError::Clock)?;
        Ok(i128::from(t.tv_sec()) * 1_000_000_000 + i128::from(t.tv_nsec()))
    };
    let real = ns(ClockId::CLOCK_REALTIME)?;
    let boot = ns(ClockId::CLOCK_BOOTTIME)?;
    Ok(u64::try_from(real - boot).unwrap_or(0).max(1))
}

impl LiveSource {
    /// Loads the programs with the running kernel's offsets, programs the syscall set and
    /// attaches them. Fails with a message naming the missing piece (the programs, root, BTF,
    /// the verifier's log).
    pub fn open(opts: &LiveOptions) -> Result<LiveSource, ProbeError> {
        let object = OBJECT.ok_or(ProbeError::NotBuilt)?;
        let uid = nix::unistd::geteuid().as_raw();
        if uid != 0 {
            return Err(ProbeError::NotRoot(uid));
        }
        let data = std::fs::read(VMLINUX_BTF).map_err(|source| ProbeError::NoBtf {
            path: VMLINUX_BTF.into(),
            source,
        })?;
        let (pt_regs, kernel) = offsets::resolve(&btf::Btf::parse(&data)?)?;
        let cfg = abi::Config {
            boot_time_ns: boot_time_ns()?,
            self_tgid: if opts.ignore_self {
                std::process::id()
            } else {
                0
            },
            reserved: 0,
            pt_regs,
            kernel,
        };
        let cfg_bytes = offsets::config_bytes(&cfg);
        let mut loader = EbpfLoader::new();
        // The verifier's full log when asked for (it is long): `FALCOD_BPF_VERIFIER_LOG=1`.
        if std::env::var_os("FALCOD_BPF_VERIFIER_LOG").is_some() {
            loader.verifier_log_level(aya::VerifierLogLevel::DEBUG | aya::VerifierLogLevel::STATS);
        }
        let mut ebpf = loader
            .override_global(abi::CONFIG_GLOBAL, &cfg_bytes, true)
            .map_max_entries(abi::EVENTS_MAP, opts.ring_bytes)
            .load(object)
            .map_err(|e| ProbeError::Load(format!("{e:#}")))?;
        let syscalls = match &opts.event_types {
            Some(types) => syscalls_for_events(types.iter().map(String::as_str)),
            None => SYSCALLS.iter().map(|&(n, _)| n).collect(),
        };
        program_syscalls(&mut ebpf, &syscalls)?;
        for (program, tracepoint) in abi::PROGRAMS {
            attach(&mut ebpf, program, tracepoint)?;
        }
        let ring = ebpf
            .take_map(abi::EVENTS_MAP)
            .ok_or_else(|| missing_map(abi::EVENTS_MAP))?;
        let ring = RingBuf::try_from(ring).map_err(|e| map_error(abi::EVENTS_MAP, e))?;
        let host = crate::procfs::SnapshotOptions::from_env();
        Ok(LiveSource {
            ebpf,
            ring,
            parser: EventParser::default(),
            cgroups: Cgroups::new(&host.host_root),
            proc_dir: host.proc_dir(),
            patched: Vec::new(),
            bad_records: 0,
            syscalls,
        })
    }

    /// Whether this build carries the eBPF programs (built with the BPF toolchain).
    pub fn built() -> bool {
        OBJECT.is_some()
    }

    /// The syscalls being traced.
    pub fn syscalls(&self) -> &BTreeSet<&'static str> {
        &self.syscalls
    }

    /// Calls `on_event` with every event in the ring buffer; when there is none, first waits
    /// up to `timeout` (at most [`READER_TICK`]) for one. Returns the number of events
    /// delivered (0 after a timeout), so a caller loops on it and checks its own stop
    /// condition between calls.
    pub fn next_batch(
        &mut self,
        timeout: Duration,
        mut on_event: impl FnMut(&RawEvent<'_>),
    ) -> Result<usize, ProbeError> {
        let n = self.drain(&mut on_event);
        if n > 0 {
            return Ok(n);
        }
        // The programs wake the reader only once a backlog builds up: wait at most a tick.
        let ms = u16::try_from(timeout.min(READER_TICK).as_millis()).unwrap_or(u16::MAX);
        let mut fds = [nix::poll::PollFd::new(
            self.ring.as_fd(),
            nix::poll::PollFlags::POLLIN,
        )];
        match nix::poll::poll(&mut fds, ms) {
            Ok(_) | Err(nix::Error::EINTR) => {}
            Err(e) => return Err(ProbeError::Poll(e)),
        }
        Ok(self.drain(&mut on_event))
    }

    fn drain(&mut self, on_event: &mut impl FnMut(&RawEvent<'_>)) -> usize {
        let mut n = 0;
        while let Some(item) = self.ring.next() {
            let record: &[u8] = &item;
            let cpu = record
                .get(..2)
                .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]));
            let mut body = record.get(abi::RECORD_HEADER_LEN..).unwrap_or_default();
            if fill_cgroups(body, &mut self.patched, &mut self.cgroups, &self.proc_dir) {
                body = &self.patched;
            }
            match self.parser.parse(body, cpu) {
                Ok(ev) => {
                    n += 1;
                    on_event(&ev);
                }
                Err(_) => self.bad_records += 1,
            }
        }
        n
    }

    /// The kernel-side event and drop counters (summed over CPUs) and the reader's bad
    /// records: every lost event is counted here, none silently.
    pub fn drops(&self) -> Result<Counters, ProbeError> {
        let map = self
            .ebpf
            .map(abi::COUNTERS_MAP)
            .ok_or_else(|| missing_map(abi::COUNTERS_MAP))?;
        let counters: PerCpuArray<&MapData, [u64; 3]> =
            PerCpuArray::try_from(map).map_err(|e| map_error(abi::COUNTERS_MAP, e))?;
        let per_cpu = counters
            .get(&0, 0)
            .map_err(|e| map_error(abi::COUNTERS_MAP, e))?;
        let mut total = Counters {
            bad_records: self.bad_records,
            ..Counters::default()
        };
        for [events, drops, misses] in per_cpu.iter() {
            total.events += events;
            total.drops += drops;
            total.scratch_misses += misses;
        }
        Ok(total)
    }
}

/// Index of the `cgroups` parameter of the clone family's and the exec family's exit events.
const CGROUPS_PARAM: usize = 14;

/// The clone and exec exit events (current layouts), whose `cgroups` parameter the kernel
/// programs leave empty.
fn carries_cgroups(code: u16) -> bool {
    matches!(code, 223 | 225 | 227 | 335 | 293 | 331)
}

/// Fills the empty `cgroups` parameter of a clone or exec exit event `body` from
/// `/proc/<tid>/cgroup`, the way the /proc snapshot reads them, into `out`; `false` (and `out`
/// untouched) for other events, or when the thread is already gone. Walking the cgroup
/// hierarchy in the kernel programs is left for later: the verifier's instruction budget for
/// the exit program does not hold it yet. Processes run as the event is read, so a process
/// that exits at once may miss its cgroups (and then shows as on the host).
fn fill_cgroups(body: &[u8], out: &mut Vec<u8>, cgroups: &mut Cgroups, proc_dir: &Path) -> bool {
    let h = abi::EVENT_HEADER_LEN;
    let u16_at = |at: usize| {
        body.get(at..at + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
    };
    let Some(code) = u16_at(20) else { return false };
    if !carries_cgroups(code) || body.len() < h {
        return false;
    }
    let tid = u64::from_le_bytes(body[8..16].try_into().unwrap_or_default());
    let nparams = u32::from_le_bytes(body[22..26].try_into().unwrap_or_default()) as usize;
    if nparams <= CGROUPS_PARAM {
        return false;
    }
    let lens: Option<Vec<usize>> = (0..nparams)
        .map(|i| u16_at(h + 2 * i).map(usize::from))
        .collect();
    let Some(lens) = lens else { return false };
    if lens[CGROUPS_PARAM] != 0 {
        return false;
    }
    let entries = cgroups.of_thread(&proc_dir.join(tid.to_string()));
    if entries.is_empty() || entries.len() > usize::from(u16::MAX) {
        return false;
    }
    let at = h + 2 * nparams + lens[..CGROUPS_PARAM].iter().sum::<usize>();
    if at > body.len() {
        return false;
    }
    out.clear();
    out.extend_from_slice(&body[..at]);
    out.extend_from_slice(&entries);
    out.extend_from_slice(&body[at..]);
    let len_at = h + 2 * CGROUPS_PARAM;
    out[len_at..len_at + 2].copy_from_slice(&(entries.len() as u16).to_le_bytes());
    let event_len = u32::from_le_bytes(body[16..20].try_into().unwrap_or_default());
    let new_len = event_len + entries.len() as u32;
    out[16..20].copy_from_slice(&new_len.to_le_bytes());
    true
}

fn missing_map(map: &'static str) -> ProbeError {
    ProbeError::Map {
        map,
        error: "not in the eBPF object".into(),
    }
}

fn map_error(map: &'static str, e: impl std::fmt::Display) -> ProbeError {
    ProbeError::Map {
        map,
        error: e.to_string(),
    }
}

fn program_syscalls(ebpf: &mut Ebpf, syscalls: &BTreeSet<&'static str>) -> Result<(), ProbeError> {
    let map = ebpf
        .map_mut(abi::INTERESTING_MAP)
        .ok_or_else(|| missing_map(abi::INTERESTING_MAP))?;
    let mut array: Array<&mut MapData, u8> =
        Array::try_from(map).map_err(|e| map_error(abi::INTERESTING_MAP, e))?;
    for name in syscalls {
        if let Some(nr) = abi::syscall_nr(name) {
            array
                .set(nr, 1, 0)
                .map_err(|e| map_error(abi::INTERESTING_MAP, e))?;
        }
    }
    Ok(())
}

fn attach(ebpf: &mut Ebpf, program: &str, tracepoint: &str) -> Result<(), ProbeError> {
    let prog: &mut RawTracePoint = ebpf
        .program_mut(program)
        .ok_or_else(|| ProbeError::Load(format!("program {program} is not in the eBPF object")))?
        .try_into()
        .map_err(|e| ProbeError::Load(format!("program {program}: {e}")))?;
    prog.load().map_err(|e| match e {
        aya::programs::ProgramError::LoadError {
            io_error,
            verifier_log,
        } => ProbeError::Verifier {
            program: program.into(),
            error: io_error.to_string(),
            log: verifier_log.to_string(),
        },
        other => ProbeError::Load(format!("program {program}: {other}")),
    })?;
    prog.attach(tracepoint).map_err(|e| ProbeError::Attach {
        program: program.into(),
        tracepoint: tracepoint.into(),
        error: e.to_string(),
    })?;
    Ok(())
}

/// What [`run`] went through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunSummary {
    /// Events read from the ring buffer (the last `evt.num`).
    pub events: u64,
    /// Events handed to the callback (not hidden).
    pub visible: u64,
}

/// The live event loop: reads batches (waiting at most `poll` each time), updates `state` with
/// every event in order and hands the visible ones to `on_event`, until `on_event` returns
/// `false` or `keep_going` does between batches. `state` should already hold the machine's
/// processes (a /proc snapshot); without it, threads first seen live start as placeholders.
pub fn run(
    source: &mut LiveSource,
    state: &mut State,
    poll: Duration,
    mut keep_going: impl FnMut() -> bool,
    mut on_event: impl FnMut(&ReplayEvent) -> bool,
) -> Result<RunSummary, ProbeError> {
    let mut summary = RunSummary::default();
    let mut stop = false;
    while !stop && keep_going() {
        source.next_batch(poll, |raw| {
            summary.events += 1;
            if let Some(ev) = state.event(summary.events, raw) {
                summary.visible += 1;
                if !stop && !on_event(&ev) {
                    stop = true;
                }
            }
        })?;
    }
    Ok(summary)
}
