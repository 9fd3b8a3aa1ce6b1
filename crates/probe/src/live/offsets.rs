//! The configuration of the kernel programs: struct offsets from the running kernel's BTF and
//! the boot time.

use falcod_probe_abi::{Config, KernelOffsets, PtRegsOffsets};

use super::btf::{Btf, BtfError};

/// Resolves every offset the programs use.
pub fn resolve(btf: &Btf) -> Result<(PtRegsOffsets, KernelOffsets), BtfError> {
    let r = |m: &str| btf.member_offset("pt_regs", m);
    let pt_regs = PtRegsOffsets {
        di: r("di")?,
        si: r("si")?,
        dx: r("dx")?,
        r10: r("r10")?,
        r8: r("r8")?,
        r9: r("r9")?,
        orig_ax: r("orig_ax")?,
    };
    let task = |m: &str| btf.member_offset("task_struct", m);
    let mm = |m: &str| btf.member_offset("mm_struct", m);
    let cred = |m: &str| btf.member_offset("cred", m);
    let kernel = KernelOffsets {
        task_pid: task("pid")?,
        task_tgid: task("tgid")?,
        task_real_parent: task("real_parent")?,
        task_group_leader: task("group_leader")?,
        task_mm: task("mm")?,
        task_cred: task("cred")?,
        task_loginuid: task("loginuid.val")?,
        task_exit_code: task("exit_code")?,
        task_signal: task("signal")?,
        signal_rlim: btf.member_offset("signal_struct", "rlim")?,
        mm_arg_start: mm("arg_start")?,
        mm_arg_end: mm("arg_end")?,
        mm_env_start: mm("env_start")?,
        mm_env_end: mm("env_end")?,
        cred_uid: cred("uid.val")?,
        cred_gid: cred("gid.val")?,
        cred_euid: cred("euid.val")?,
        cred_egid: cred("egid.val")?,
        cred_cap_inheritable: cred("cap_inheritable")?,
        cred_cap_permitted: cred("cap_permitted")?,
        cred_cap_effective: cred("cap_effective")?,
    };
    Ok((pt_regs, kernel))
}

/// The bytes of `cfg` as the programs' global holds them (`#[repr(C)]`, no padding: a u64,
/// then only u32 fields, 8-byte aligned total).
pub fn config_bytes(cfg: &Config) -> [u8; CONFIG_LEN] {
    let p = &cfg.pt_regs;
    let k = &cfg.kernel;
    let words = [
        cfg.self_tgid,
        cfg.reserved,
        p.di,
        p.si,
        p.dx,
        p.r10,
        p.r8,
        p.r9,
        p.orig_ax,
        k.task_pid,
        k.task_tgid,
        k.task_real_parent,
        k.task_group_leader,
        k.task_mm,
        k.task_cred,
        k.task_loginuid,
        k.task_exit_code,
        k.task_signal,
        k.signal_rlim,
        k.mm_arg_start,
        k.mm_arg_end,
        k.mm_env_start,
        k.mm_env_end,
        k.cred_uid,
        k.cred_gid,
        k.cred_euid,
        k.cred_egid,
        k.cred_cap_inheritable,
        k.cred_cap_permitted,
        k.cred_cap_effective,
    ];
    let mut out = [0u8; CONFIG_LEN];
    out[..8].copy_from_slice(&cfg.boot_time_ns.to_le_bytes());
    for (i, w) in words.iter().enumerate() {
        out[8 + 4 * i..12 + 4 * i].copy_from_slice(&w.to_le_bytes());
    }
    out
}

/// Size of [`Config`] in bytes.
pub const CONFIG_LEN: usize = std::mem::size_of::<Config>();

const _: () = assert!(
    CONFIG_LEN == 8 + 4 * 30,
    "Config layout changed: update config_bytes"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_bytes_follow_the_struct_layout() {
        let mut cfg = Config::ZERO;
        cfg.boot_time_ns = 0x0102_0304_0506_0708;
        cfg.self_tgid = 7;
        cfg.pt_regs.orig_ax = 120;
        cfg.kernel.cred_cap_effective = 0xAABB;
        let b = config_bytes(&cfg);
        assert_eq!(b[..8], 0x0102_0304_0506_0708u64.to_le_bytes());
        assert_eq!(b[8..12], 7u32.to_le_bytes());
        // orig_ax is the 7th pt_regs word, after self_tgid and reserved
        assert_eq!(b[8 + 4 * 8..8 + 4 * 9], 120u32.to_le_bytes());
        assert_eq!(b[CONFIG_LEN - 4..], 0xAABBu32.to_le_bytes());
    }
}
