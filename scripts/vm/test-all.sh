#!/usr/bin/env bash
# Runs every VM test target (scripts/vm/cargo-test-in-vm.sh), each in its own freshly booted VM.
# scripts/test calls this in its "VM tests" step. To add a target, add a line to `targets`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# "CRATE TEST-TARGET [TEST-FILTER...]" per entry: the crate's tests/TEST-TARGET.rs, built for the
# host and run in the VM, where FALCOD_IN_VM=1; filters pick the tests that the guest's busybox
# userland can run (the live probe tests that need python3 or a glibc cat stay on the host).
targets=(
    "falcod-probe vm_kernel"
    "falcod-probe live spawning_a_shell symlink writing_below docker only_the_requested"
)

for target in "${targets[@]}"; do
    read -r crate test filters <<<"$target"
    echo "--> VM test: -p $crate --test $test ${filters:-}"
    # shellcheck disable=SC2086 # the filters are words
    VM_FILES="${VM_FILES:-} /etc/passwd:/etc/passwd /etc/group:/etc/group" \
        "$here/cargo-test-in-vm.sh" -p "$crate" --test "$test" -- ${filters:-}
done
echo "vm/test-all: OK: ${#targets[@]} VM test target(s) passed"
