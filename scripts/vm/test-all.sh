#!/usr/bin/env bash
# Runs every VM test target (scripts/vm/cargo-test-in-vm.sh), each in its own freshly booted VM.
# scripts/test calls this in its "VM tests" step. To add a target, add a line to `targets`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# "CRATE TEST-TARGET" per entry: the crate's tests/TEST-TARGET.rs, built for the host and run in
# the VM, where FALCOD_IN_VM=1.
targets=(
    "falcod-probe vm_kernel"
)

for target in "${targets[@]}"; do
    read -r crate test <<<"$target"
    echo "--> VM test: -p $crate --test $test"
    "$here/cargo-test-in-vm.sh" -p "$crate" --test "$test"
done
echo "vm/test-all: OK: ${#targets[@]} VM test target(s) passed"
