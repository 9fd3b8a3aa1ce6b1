//! The VM the enforcement tests run in provides what BPF-LSM needs: Debian's 6.1 kernel, its BTF,
//! `bpf` among the active LSMs, a BPF filesystem, kprobes and the function tracer.
//!
//! These tests mean something only inside the VM (`scripts/vm/cargo-test-in-vm.sh -p falcod-probe
//! --test vm_kernel`, run by `scripts/test`), whose `/init` sets `FALCOD_IN_VM=1`. On the host
//! they are ignored, and libtest says why; run there anyway (`--ignored`), they fail rather than
//! test the wrong kernel.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;

/// Fails a test run outside the VM: the host kernel is not the one these tests describe.
fn require_vm() {
    assert!(
        std::env::var("FALCOD_IN_VM").is_ok_and(|v| v == "1"),
        "this test runs only in the VM: scripts/vm/cargo-test-in-vm.sh -p falcod-probe --test vm_kernel"
    );
}

fn read(path: &str) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

#[test]
#[ignore = "runs only in the VM (scripts/vm/cargo-test-in-vm.sh)"]
fn kernel_is_debian_6_1_cloud() {
    require_vm();
    let release = read("/proc/sys/kernel/osrelease");
    let release = release.trim();
    assert!(
        release.starts_with("6.1.") && release.ends_with("-cloud-amd64"),
        "kernel release is {release:?}, expected Debian's 6.1.x-N-cloud-amd64"
    );
}

#[test]
#[ignore = "runs only in the VM (scripts/vm/cargo-test-in-vm.sh)"]
fn kernel_btf_is_exposed() {
    require_vm();
    let path = "/sys/kernel/btf/vmlinux";
    let btf = fs::read(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    // BTF starts with the magic 0xeB9F in the kernel's (here little-endian) byte order.
    assert_eq!(
        btf.get(..2),
        Some(&[0x9f, 0xeb][..]),
        "{path} does not start with the BTF magic"
    );
    // A whole kernel's types: megabytes, not a stub.
    assert!(btf.len() > 1 << 20, "{path} holds only {} bytes", btf.len());
}

#[test]
#[ignore = "runs only in the VM (scripts/vm/cargo-test-in-vm.sh)"]
fn bpf_is_an_active_lsm() {
    require_vm();
    let lsms = read("/sys/kernel/security/lsm");
    assert!(
        lsms.trim().split(',').any(|lsm| lsm == "bpf"),
        "bpf is not among the active LSMs: {lsms:?}"
    );
}

#[test]
#[ignore = "runs only in the VM (scripts/vm/cargo-test-in-vm.sh)"]
fn bpf_filesystem_is_mounted() {
    require_vm();
    let mounts = read("/proc/mounts");
    let bpffs = mounts.lines().any(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        fields.get(1..3) == Some(&["/sys/fs/bpf", "bpf"][..])
    });
    assert!(bpffs, "no bpf filesystem on /sys/fs/bpf:\n{mounts}");
}

#[test]
#[ignore = "runs only in the VM (scripts/vm/cargo-test-in-vm.sh)"]
fn kprobes_can_be_placed() {
    require_vm();
    let tracing = Path::new("/sys/kernel/tracing");
    let events = tracing.join("kprobe_events");
    let probe = tracing.join("events/kprobes/falcod_vm_probe");
    // Opened for appending: truncating kprobe_events would remove every kprobe, not just ours.
    let edit = |command: &str| {
        OpenOptions::new()
            .append(true)
            .open(&events)
            .and_then(|mut file| file.write_all(command.as_bytes()))
            .unwrap_or_else(|e| panic!("writing {command:?} to {}: {e}", events.display()));
    };
    edit("p:falcod_vm_probe do_sys_openat2\n");
    let placed = probe.is_dir();
    // Remove it before asserting so that a failure leaves the kernel as it was.
    edit("-:falcod_vm_probe\n");
    assert!(placed, "{} did not appear", probe.display());
}

#[test]
#[ignore = "runs only in the VM (scripts/vm/cargo-test-in-vm.sh)"]
fn lsm_hooks_are_traceable() {
    require_vm();
    // BPF-LSM programs attach through BPF trampolines on the kernel's bpf_lsm_<hook> functions;
    // those need the function tracer to list them.
    let functions = read("/sys/kernel/tracing/available_filter_functions");
    for hook in ["bpf_lsm_file_open", "bpf_lsm_bprm_check_security"] {
        assert!(
            functions
                .lines()
                .any(|line| line.split_whitespace().next() == Some(hook)),
            "{hook} is not in available_filter_functions"
        );
    }
}
