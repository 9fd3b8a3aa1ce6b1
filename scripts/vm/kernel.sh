#!/usr/bin/env bash
# Fetches Debian's newest 6.1 cloud kernel (linux-image-6.1.0-N-cloud-amd64-unsigned), unpacks it
# into a cache and prints the path of its vmlinuz on stdout. Progress goes to stderr.
#
# The host kernel refuses BPF-LSM and fentry, so those are tested in a VM running this kernel: it
# has CONFIG_BPF_LSM, BTF, kprobes and the function tracer (checked below on every fetch).
#
# Cache layout, under $FALCOD_VM_CACHE (default target/vm-cache):
#   kernels/<package>/vmlinuz, config, release, cmdline (extra boot arguments), modules/
# A cached kernel is reused without asking apt (reruns are instant). FALCOD_VM_KERNEL_REFRESH=1
# looks up the newest package again and fetches it if it is not cached yet.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cache=${FALCOD_VM_CACHE:-$repo/target/vm-cache}
kernels=$cache/kernels

log() { echo "vm/kernel: $*" >&2; }
die() {
    echo "vm/kernel: FAIL: $*" >&2
    exit 1
}

# The newest cached kernel, by version order of the package name; empty when none is.
newest_cached() {
    [ -d "$kernels" ] || return 0
    find "$kernels" -mindepth 2 -maxdepth 2 -name vmlinuz -printf '%h\n' | sort -V | tail -n 1
}

# The newest 6.1 cloud kernel package apt knows. The ABI number (the N in 6.1.0-N) moves with
# Debian's security updates, so it is looked up rather than written down.
newest_package() {
    apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-cloud-amd64-unsigned$' |
        awk '{print $1}' | sort -V | tail -n 1
}

# Fails unless the kernel's config has what the VM tests rely on. If bpf is missing from the
# default LSM list, it is appended on the kernel command line (written to `cmdline`).
check_config() {
    local dir=$1 option
    for option in CONFIG_BPF_LSM CONFIG_BPF_SYSCALL CONFIG_DEBUG_INFO_BTF CONFIG_KPROBES \
        CONFIG_FUNCTION_TRACER CONFIG_BLK_DEV_INITRD CONFIG_DEVTMPFS CONFIG_SERIAL_8250_CONSOLE \
        CONFIG_SECURITYFS CONFIG_CGROUPS; do
        grep -qx "$option=y" "$dir/config" || die "$dir/config lacks $option=y"
    done
    local lsm
    lsm=$(sed -n 's/^CONFIG_LSM="\(.*\)"$/\1/p' "$dir/config")
    [ -n "$lsm" ] || die "$dir/config has no CONFIG_LSM list"
    if tr ',' '\n' <<<"$lsm" | grep -qx bpf; then
        : >"$dir/cmdline"
    else
        echo "lsm=$lsm,bpf" >"$dir/cmdline"
    fi
}

fetch() {
    local package=$1 work
    { command -v apt-get && command -v dpkg; } >/dev/null ||
        die "apt-get and dpkg are needed to fetch $package (Debian or a derivative)"
    mkdir -p "$kernels"
    work=$(mktemp -d "$kernels/.fetch.XXXXXX")
    # shellcheck disable=SC2064 # expand now: $work is local
    trap "rm -rf '$work'" EXIT
    # As root, apt hands downloads to its unprivileged _apt user, who cannot write in $work.
    local download=(apt-get download -q)
    [ "$(id -u)" -ne 0 ] || download+=(-o APT::Sandbox::User=root)
    log "downloading $package"
    if ! (cd "$work" && "${download[@]}" "$package" >&2); then
        # Stale package lists name versions the mirror no longer has.
        log "download failed; refreshing apt's package lists and retrying"
        update_lists
        (cd "$work" && "${download[@]}" "$package" >&2) || die "apt-get download $package failed"
    fi
    dpkg -x "$work"/"$package"_*.deb "$work/root"
    local vmlinuz release
    vmlinuz=$(find "$work/root/boot" -name 'vmlinuz-*' | head -n 1)
    [ -n "$vmlinuz" ] || die "$package has no boot/vmlinuz-*"
    release=${vmlinuz##*/vmlinuz-}
    mkdir -p "$work/kernel"
    mv "$vmlinuz" "$work/kernel/vmlinuz"
    mv "$work/root/boot/config-$release" "$work/kernel/config"
    mv "$work/root/lib/modules/$release" "$work/kernel/modules"
    echo "$release" >"$work/kernel/release"
    check_config "$work/kernel"
    rm -rf "${kernels:?}/$package"
    mv "$work/kernel" "$kernels/$package"
    rm -rf "$work"
    trap - EXIT
    log "cached $package (kernel $release) in $kernels/$package"
}

update_lists() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
}

dir=""
if [ "${FALCOD_VM_KERNEL_REFRESH:-}" != 1 ]; then
    dir=$(newest_cached)
fi
if [ -z "$dir" ]; then
    command -v apt-cache >/dev/null || die "apt-cache is needed to find Debian's 6.1 cloud kernel"
    package=$(newest_package)
    if [ -z "$package" ]; then
        # A fresh machine (or container) may have no package lists at all.
        log "apt knows no linux-image-6.1.0-*-cloud-amd64-unsigned; running apt-get update"
        update_lists
        package=$(newest_package)
    fi
    [ -n "$package" ] || die "no linux-image-6.1.0-*-cloud-amd64-unsigned package in apt's lists (is bookworm in sources.list?)"
    [ -f "$kernels/$package/vmlinuz" ] || fetch "$package"
    dir=$kernels/$package
fi
echo "$dir/vmlinuz"
