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
