//! Assembling one driver-format event in the per-CPU scratch buffer and copying it to the ring
//! buffer.
//!
//! Layout in the scratch buffer: the record header, the event header (ts, tid, len, type,
//! nparams), `nparams` 16-bit parameter lengths, then the parameter bytes. Every write starts at
//! an offset masked with `SCRATCH_POS_MASK` and is at most `MAX_PARAM_BYTES` long, which is what
//! lets the verifier prove it stays inside the buffer; once the event has grown past the mask,
//! further parameters are written empty rather than truncating earlier ones.

use core::ffi::c_void;

use aya_ebpf::helpers::generated as h;
use falcod_probe_abi::{
    Counters, EVENT_HEADER_LEN, MAX_PARAMS, MAX_PARAM_BYTES, RECORD_HEADER_LEN, SCRATCH_POS_MASK,
};

use crate::{COUNTERS, EVENTS, SCRATCH};

const EVT: u32 = RECORD_HEADER_LEN as u32;
/// `BPF_RB_NO_WAKEUP` and `BPF_RB_FORCE_WAKEUP`.
const BPF_RB_NO_WAKEUP: u64 = 1;
const BPF_RB_FORCE_WAKEUP: u64 = 2;
/// Bytes waiting in the ring buffer from which a record wakes the reader.
const WAKEUP_BYTES: u64 = 1 << 20;
const LENS: u32 = EVT + EVENT_HEADER_LEN as u32;

/// An event being assembled.
pub struct Ev {
    buf: *mut u8,
    idx: u32,
    pos: u32,
}

#[inline(always)]
fn counters() -> Option<*mut Counters> {
    COUNTERS.get_ptr_mut(0)
}

impl Ev {
    /// Starts event `code` with `nparams` parameters for the current thread.
    #[inline(always)]
    pub fn begin(code: u16, nparams: u32) -> Option<Ev> {
        let Some(buf) = SCRATCH.get_ptr_mut(0) else {
            if let Some(c) = counters() {
                // SAFETY: per-CPU map value, only this CPU's program touches it.
                unsafe { (*c).scratch_misses += 1 };
            }
            return None;
        };
        let buf = buf as *mut u8;
        // SAFETY: helpers without preconditions.
        let (tid, ts, cpu) = unsafe {
            (
                h::bpf_get_current_pid_tgid() & 0xffff_ffff,
                h::bpf_ktime_get_boot_ns(),
                h::bpf_get_smp_processor_id(),
            )
        };
        let ts = ts + crate::config!(boot_time_ns);
        // SAFETY: `buf` is a map value of SCRATCH_BYTES bytes; every offset below is a constant
        // inside the headers.
        unsafe {
            (buf as *mut u16).write_unaligned(cpu as u16);
            (buf.add(2) as *mut u16).write_unaligned(0);
            (buf.add(4) as *mut u32).write_unaligned(0);
            (buf.add(EVT as usize) as *mut u64).write_unaligned(ts);
            (buf.add(EVT as usize + 8) as *mut u64).write_unaligned(tid);
            (buf.add(EVT as usize + 20) as *mut u16).write_unaligned(code);
            (buf.add(EVT as usize + 22) as *mut u32).write_unaligned(nparams);
        }
        Some(Ev {
            buf,
            idx: 0,
            pos: LENS + 2 * (nparams & (MAX_PARAMS - 1)),
        })
    }

    #[inline(always)]
    fn push_len(&mut self, len: u32) {
        let at = LENS + 2 * (self.idx & (MAX_PARAMS - 1));
        // SAFETY: `at` is inside the length array, within the buffer.
        unsafe { (self.buf.add(at as usize) as *mut u16).write_unaligned(len as u16) };
        self.idx += 1;
    }

    /// Where the next parameter starts, `None` once the event is full.
    #[inline(always)]
    fn at(&self) -> Option<u32> {
        if self.pos > SCRATCH_POS_MASK {
            None
        } else {
            Some(self.pos & SCRATCH_POS_MASK)
        }
    }

    #[inline(always)]
    fn fixed<T: Copy>(&mut self, v: T) {
        let n = core::mem::size_of::<T>() as u32;
        match self.at() {
            Some(at) => {
                // SAFETY: `at <= SCRATCH_POS_MASK` and `n <= 16`, inside the buffer.
                unsafe { (self.buf.add(at as usize) as *mut T).write_unaligned(v) };
                self.push_len(n);
                self.pos += n;
            }
            None => self.push_len(0),
        }
    }

    /// A 64-bit parameter.
    #[inline(always)]
    pub fn u64(&mut self, v: u64) {
        self.fixed(v)
    }

    /// A signed 64-bit parameter (errno, fd, pid).
    #[inline(always)]
    pub fn i64(&mut self, v: i64) {
        self.fixed(v)
    }

    /// A 32-bit parameter.
    #[inline(always)]
    pub fn u32(&mut self, v: u32) {
        self.fixed(v)
    }

    /// A 16-bit parameter.
    #[inline(always)]
    pub fn u16(&mut self, v: u16) {
        self.fixed(v)
    }

    /// An 8-bit parameter.
    #[inline(always)]
    pub fn u8(&mut self, v: u8) {
        self.fixed(v)
    }

    /// An empty parameter.
    #[inline(always)]
    pub fn empty(&mut self) {
        self.push_len(0)
    }

    /// A NUL-terminated string read from user memory (with its NUL; empty when unreadable).
    #[inline(always)]
    pub fn user_str(&mut self, src: u64) -> u32 {
        self.str_with(src, None)
    }

    /// A byte `prefix` followed by a NUL-terminated string read from user memory.
    #[inline(always)]
    pub fn prefixed_user_str(&mut self, prefix: u8, src: u64) {
        self.str_with(src, Some(prefix));
    }

    #[inline(always)]
    fn str_with(&mut self, src: u64, prefix: Option<u8>) -> u32 {
        let Some(mut at) = self.at() else {
            self.push_len(0);
            return 0;
        };
        if src == 0 {
            self.push_len(0);
            return 0;
        }
        let extra = match prefix {
            Some(b) => {
                // SAFETY: `at` is inside the buffer.
                unsafe { *self.buf.add(at as usize) = b };
                at += 1;
                1
            }
            None => 0,
        };
        // SAFETY: the destination has MAX_PARAM_BYTES bytes from `at`; the helper checks the
        // source.
        let r = unsafe {
            let dst = self.buf.add(at as usize) as *mut c_void;
            h::bpf_probe_read_user_str(dst, MAX_PARAM_BYTES, src as *const c_void)
        };
        let n = if r > 0 {
            (r as u32) & (2 * MAX_PARAM_BYTES - 1)
        } else {
            0
        };
        self.push_len(n + extra);
        self.pos += n + extra;
        n
    }

    /// `len` bytes of user memory at `src` (at most `max`, itself at most `MAX_PARAM_BYTES`).
    #[inline(always)]
    pub fn user_bytes(&mut self, src: u64, len: u64, max: u32) -> u32 {
        let Some(at) = self.at() else {
            self.push_len(0);
            return 0;
        };
        let mut n = if len > u64::from(max) {
            max
        } else {
            len as u32
        };
        if n > MAX_PARAM_BYTES {
            n = MAX_PARAM_BYTES;
        }
        if n == 0 || src == 0 {
            self.push_len(0);
            return 0;
        }
        // SAFETY: the destination has MAX_PARAM_BYTES bytes from `at`, `n` is at most that.
        let r = unsafe {
            h::bpf_probe_read_user(
                self.buf.add(at as usize) as *mut c_void,
                n,
                src as *const c_void,
            )
        };
        if r != 0 {
            self.push_len(0);
            return 0;
        }
        self.push_len(n);
        self.pos += n;
        n
    }

    /// The current thread's command name (with its NUL).
    #[inline(always)]
    pub fn comm(&mut self) {
        let Some(at) = self.at() else {
            return self.push_len(0);
        };
        // SAFETY: 16 bytes fit after `at`.
        let dst = unsafe { self.buf.add(at as usize) };
        // SAFETY: writes at most 16 bytes into `dst`.
        if unsafe { h::bpf_get_current_comm(dst as *mut c_void, 16) } != 0 {
            return self.push_len(0);
        }
        let mut n = 16;
        for i in 0..16u32 {
            // SAFETY: `i < 16`, inside what the helper wrote.
            if unsafe { *dst.add(i as usize) } == 0 {
                n = i + 1;
                break;
            }
        }
        self.push_len(n);
        self.pos += n;
    }

    /// A raw byte area written by `fill` at the parameter's start; `fill` returns how many
    /// bytes (at most 64) it wrote.
    #[inline(always)]
    pub fn raw(&mut self, fill: impl FnOnce(*mut u8) -> u32) {
        let Some(at) = self.at() else {
            return self.push_len(0);
        };
        // SAFETY: the closure writes at most 64 bytes from `at`, inside the buffer.
        let n = fill(unsafe { self.buf.add(at as usize) }) & 127;
        self.push_len(n);
        self.pos += n;
    }

    /// Finishes the event and copies it to the ring buffer (counting a drop when it is full).
    #[inline(always)]
    pub fn submit(self) {
        let total = self.pos & (2 * SCRATCH_POS_MASK + 1);
        let len = total - EVT;
        // SAFETY: header offset inside the buffer.
        unsafe { (self.buf.add(EVT as usize + 16) as *mut u32).write_unaligned(len) };
        // Waking the reader for every record costs the traced thread a wakeup (microseconds
        // when the reader keeps up and sleeps): the reader polls on a short tick instead, and
        // is woken only once a backlog builds up.
        // SAFETY: the map pointer, no other precondition.
        let pending = unsafe { h::bpf_ringbuf_query(&EVENTS as *const _ as *mut c_void, 0) };
        let wakeup = if pending >= WAKEUP_BYTES {
            BPF_RB_FORCE_WAKEUP
        } else {
            BPF_RB_NO_WAKEUP
        };
        // SAFETY: the map pointer and a buffer of `total` (< SCRATCH_BYTES) bytes.
        let r = unsafe {
            h::bpf_ringbuf_output(
                &EVENTS as *const _ as *mut c_void,
                self.buf as *mut c_void,
                u64::from(total),
                wakeup,
            )
        };
        if let Some(c) = counters() {
            // SAFETY: per-CPU map value, only this CPU's program touches it.
            unsafe {
                if r == 0 {
                    (*c).events += 1;
                } else {
                    (*c).drops += 1;
                }
            }
        }
    }
}
