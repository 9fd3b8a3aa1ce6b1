# shellcheck shell=bash
# Shared by scripts/run and scripts/test: install what this milestone needs, only if missing.
# Sourced, not executed. Idempotent: a second run installs nothing.

# Packages are installed with apt-get only when their command is missing (needs root or sudo).
apt_install_if_missing() {
    local cmd=$1 pkg=$2
    command -v "$cmd" >/dev/null 2>&1 && return 0
    echo "prereqs: $cmd not found; installing Debian package $pkg"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$pkg"
}

# Debian's sysdig (libsinsp 0.29) reads .scap captures and evaluates the same filter language:
# the capture tests use it as an oracle for field values and operators.
ensure_sysdig() {
    apt_install_if_missing sysdig sysdig
}

ensure_rust() {
    # A C compiler and linker for Rust's own linking and for crates that build C.
    apt_install_if_missing cc build-essential
    apt_install_if_missing curl curl
    if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
        export PATH="$HOME/.cargo/bin:$PATH"
    fi
    if ! command -v cargo >/dev/null 2>&1; then
        echo "prereqs: installing the Rust toolchain with rustup"
        curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
        export PATH="$HOME/.cargo/bin:$PATH"
    fi
    if command -v rustup >/dev/null 2>&1; then
        local installed
        installed=$(rustup component list --installed 2>/dev/null || true)
        for component in "$@"; do
            if ! grep -q "^$component" <<<"$installed"; then
                echo "prereqs: adding rustup component $component"
                rustup component add "$component"
            fi
        done
    fi
}

# The VM harness (scripts/vm/): qemu boots Debian's 6.1 kernel with software emulation, busybox
# (static, so it needs no libraries in the guest) is the guest's userland, cpio packs the
# initramfs, and jq reads cargo's JSON to find a test binary. Debian's kernel package comes from
# apt (scripts/vm/kernel.sh). Returns non-zero when something could not be installed.
ensure_vm_tools() {
    apt_install_if_missing qemu-system-x86_64 qemu-system-x86 &&
        apt_install_if_missing busybox busybox-static &&
        ensure_static_busybox &&
        apt_install_if_missing cpio cpio &&
        apt_install_if_missing jq jq &&
        apt_install_if_missing apt-get apt
}

# Debian's plain `busybox` package is dynamically linked; the guest has no libc for it.
ensure_static_busybox() {
    ldd "$(command -v busybox)" >/dev/null 2>&1 || return 0
    echo "prereqs: busybox is dynamically linked; installing Debian package busybox-static"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq busybox-static
}
