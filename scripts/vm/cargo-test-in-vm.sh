#!/usr/bin/env bash
# Builds one cargo test binary on the host and runs it in the VM (scripts/vm/run.sh), one test
# at a time. Succeeds only if the VM reports exit code 0, libtest printed "test result: ok" and
# at least one test ran.
#
# Usage: scripts/vm/cargo-test-in-vm.sh -p CRATE --test NAME [CARGO ARGS...] [-- TEST ARGS...]
# Example: scripts/vm/cargo-test-in-vm.sh -p falcod-probe --test vm_kernel -- bpf_is_an_active_lsm
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."

die() {
    echo "vm/cargo-test: FAIL: $*" >&2
    exit 1
}

cargo_args=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    cargo_args+=("$1")
    shift
done
[ $# -eq 0 ] || shift # the "--"
[ ${#cargo_args[@]} -gt 0 ] || die "usage: $0 -p CRATE --test NAME [CARGO ARGS...] [-- TEST ARGS...]"
command -v jq >/dev/null || die "jq is not installed (scripts/prereqs.sh ensure_vm_tools installs it)"

messages=$(mktemp)
output=$(mktemp)
trap 'rm -f "$messages" "$output"' EXIT
# cargo's JSON messages name the test executable it built; compiler diagnostics go to stderr.
cargo test --no-run --message-format=json-render-diagnostics "${cargo_args[@]}" >"$messages" ||
    die "cargo test --no-run ${cargo_args[*]} failed"
mapfile -t binaries < <(
    jq -r 'select(.reason == "compiler-artifact" and .profile.test and .executable != null)
           | .executable' "$messages"
)
[ ${#binaries[@]} -eq 1 ] ||
    die "cargo test --no-run ${cargo_args[*]} built ${#binaries[@]} test binaries; name exactly one (-p CRATE --test NAME)"

set +e
# VM tests are #[ignore]d so that host runs list them as not run; here they are the point.
"$here/run.sh" "${binaries[0]}" --test-threads=1 --include-ignored "$@" | tee "$output"
status=${PIPESTATUS[0]}
set -e

[ "$status" -eq 0 ] || die "${binaries[0]##*/} exited with $status in the VM"
grep -q '^test result: ok\.' "$output" || die "libtest did not report \"test result: ok\""
if grep -q '^test result: ok\. 0 passed' "$output"; then
    die "no test ran (does the filter match a test name?)"
fi
echo "vm/cargo-test: OK: ${cargo_args[*]} passed in the VM"
