//! falcod's kernel programs: raw tracepoints on `sys_enter`, `sys_exit` and
//! `sched_process_exit` that write driver-format events (the libscap event layout, event codes
//! of falcod's event table) into a ring buffer.
//!
//! Only syscalls marked in the `INTERESTING` map are encoded; the others cost one array lookup.
//! Kernel struct offsets are not compiled in: the loader resolves them from the running
//! kernel's BTF and writes them into `FALCOD_CONFIG` before loading.
#![no_std]
#![no_main]

mod conv;
mod ev;
mod sys;

use aya_ebpf::{
    macros::{map, raw_tracepoint},
    maps::{Array, PerCpuArray, RingBuf},
    programs::RawTracePointContext,
};
use falcod_probe_abi::{Config, Counters, MAX_SYSCALLS, RINGBUF_BYTES, SCRATCH_BYTES};

/// The configuration, written by the loader (BTF offsets, boot time, own pid).
#[no_mangle]
static FALCOD_CONFIG: Config = Config::ZERO;

/// Reads one field of the configuration (volatile: the loader rewrites it before loading, the
/// compiler must not fold the zero it was built with).
#[macro_export]
macro_rules! config {
    ($($f:tt).+) => {
        // SAFETY: reading a global of plain data.
        unsafe { core::ptr::read_volatile(core::ptr::addr_of!($crate::FALCOD_CONFIG.$($f).+)) }
    };
}

#[map(name = "EVENTS")]
static EVENTS: RingBuf = RingBuf::with_byte_size(RINGBUF_BYTES, 0);

#[map(name = "INTERESTING")]
static INTERESTING: Array<u8> = Array::with_max_entries(MAX_SYSCALLS, 0);

#[map(name = "COUNTERS")]
static COUNTERS: PerCpuArray<Counters> = PerCpuArray::with_max_entries(1, 0);

#[map(name = "SCRATCH")]
static SCRATCH: PerCpuArray<[u8; SCRATCH_BYTES]> = PerCpuArray::with_max_entries(1, 0);

#[inline(always)]
fn traced(id: u64) -> bool {
    if id >= u64::from(MAX_SYSCALLS) {
        return false;
    }
    match INTERESTING.get(id as u32) {
        Some(v) if *v != 0 => {}
        _ => return false,
    }
    if config!(boot_time_ns) == 0 {
        return false;
    }
    let me = config!(self_tgid);
    // SAFETY: helper without preconditions.
    me == 0
        || (unsafe { aya_ebpf::helpers::generated::bpf_get_current_pid_tgid() } >> 32) as u32 != me
}

#[raw_tracepoint(tracepoint = "sys_enter")]
pub fn sys_enter(ctx: RawTracePointContext) -> i32 {
    let id: u64 = ctx.arg(1);
    if traced(id) {
        let regs: u64 = ctx.arg(0);
        sys::enter(id, regs);
    }
    0
}

#[raw_tracepoint(tracepoint = "sys_exit")]
pub fn sys_exit(ctx: RawTracePointContext) -> i32 {
    let regs: u64 = ctx.arg(0);
    let id: u64 = sys::read_kernel(regs + u64::from(config!(pt_regs.orig_ax)));
    if traced(id) {
        let ret: i64 = ctx.arg(1);
        sys::exit(id, regs, ret);
    }
    0
}

#[raw_tracepoint(tracepoint = "sched_process_exit")]
pub fn sched_process_exit(ctx: RawTracePointContext) -> i32 {
    if config!(boot_time_ns) != 0 {
        let task: u64 = ctx.arg(0);
        sys::procexit(task);
    }
    0
}

#[cfg(not(test))]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    loop {}
}

#[link_section = "license"]
#[no_mangle]
static LICENSE: [u8; 13] = *b"Dual MIT/GPL\0";
