#!/usr/bin/env bash
# Replay throughput of falcod against sysdig (libsinsp 0.29) on the same large capture.
#
#   scripts/bench-replay.sh [EVENTS]      (default 1000000; RUNS=3 timings each, best kept)
#
# Both programs read the same uncompressed capture file (the generator writes plain .scap; the
# format is printed). With CALLGRIND=N (e.g. 100000) it also counts instructions per event with
# valgrind's callgrind on an N-event capture of the same workload, for falcod and for the sysdig
# OR filter: (instructions on N events - instructions on a 10-event capture) / N, which does not
# depend on what else the machine is running.
#
# Makes the capture with the make_capture example (once, under target/bench-replay/), then times
#   1. falcod --replay CAPTURE -r falco_rules.yaml          (the stable ruleset, alerts to /dev/null;
#      once on one thread, the default, and once with FALCOD_REPLAY_THREADS=2: reading on a
#      second thread)
#   2. sysdig -r CAPTURE "(c1) or (c2) or ..."              (the OR of the same rules' expanded
#      conditions, as `falcod -L` compiles them, keeping the rules whose fields all exist in
#      this sysdig and whose condition it accepts; the others are listed as dropped)
#   3. sysdig -r CAPTURE "proc.name = <nothing>"            (baseline: read and filter, no match)
# and prints events/s for each and the falcod/sysdig ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS=${1:-1000000}
RUNS=${RUNS:-3}
SHARED=${FALCOD_SHARED_DIR:-../shared}
RULES=$SHARED/falco-rules/falco_rules.yaml
OUT=target/bench-replay
CAPTURE=$OUT/capture-$EVENTS.scap
mkdir -p "$OUT"

command -v sysdig >/dev/null || { echo "bench-replay: sysdig is not installed" >&2; exit 1; }
[ -f "$RULES" ] || { echo "bench-replay: no rules at $RULES (set FALCOD_SHARED_DIR)" >&2; exit 1; }

cargo build --release --quiet -p falcod --bin falcod
cargo build --release --quiet -p falcod-probe --example make_capture
FALCOD=target/release/falcod
if [ ! -f "$CAPTURE" ]; then
    # The generator finishes its last step, so it writes a few events more than asked.
    target/release/examples/make_capture "$CAPTURE.tmp" "$EVENTS" 2>&1 |
        grep -oE '^wrote [0-9]+' | grep -oE '[0-9]+' >"$CAPTURE.events"
    mv "$CAPTURE.tmp" "$CAPTURE"
fi
EVENTS=$(cat "$CAPTURE.events")
# A small capture of the same workload for checking that sysdig accepts each condition.
PROBE_CAPTURE=$OUT/probe-2000.scap
[ -f "$PROBE_CAPTURE" ] || target/release/examples/make_capture "$PROBE_CAPTURE" 2000 2>/dev/null

# The enabled rules' expanded conditions and their fields.
"$FALCOD" -r "$RULES" -L -o json_output=true >"$OUT/rules.json"
sysdig -l | grep -oE '^[a-z][a-z0-9_]*\.[a-z0-9_.]+' | sort -u >"$OUT/sysdig-fields.txt"
python3 - "$OUT/rules.json" "$OUT/sysdig-fields.txt" >"$OUT/rules.tsv" <<'EOF'
import json, re, sys
rules = json.load(open(sys.argv[1]))["rules"]
known = set(open(sys.argv[2]).read().split())
for r in rules:
    info, details = r["info"], r["details"]
    if not info.get("enabled", True) or info.get("source", "syscall") != "syscall":
        continue
    # proc.aname[2] is field proc.aname with an argument; evt.arg.NAME is evt.arg[NAME].
    base = lambda f: re.sub(r"^evt\.arg\..*", "evt.arg", re.sub(r"\[.*\]$", "", f))
    missing = [f for f in details["condition_fields"] if base(f) not in known]
    cond = " ".join(details["condition_compiled"].split())
    print(f'{info["name"]}\t{",".join(missing) or "-"}\t{cond}')
EOF

KEPT=()
DROPPED=()
while IFS=$'\t' read -r name missing cond; do
    if [ "$missing" != - ]; then
        DROPPED+=("$name (fields not in sysdig 0.29: $missing)")
    elif ! sysdig -r "$PROBE_CAPTURE" "$cond" >/dev/null 2>"$OUT/sysdig-err.txt"; then
        DROPPED+=("$name (sysdig 0.29 rejects the condition: $(head -c 160 "$OUT/sysdig-err.txt" | tr '\n' ' '))")
    else
        KEPT+=("($cond)")
    fi
done <"$OUT/rules.tsv"
OR_FILTER=$(printf '%s or ' "${KEPT[@]}")
OR_FILTER=${OR_FILTER% or }
printf '%s\n' "$OR_FILTER" >"$OUT/or-filter.txt"

if [ "$(head -c2 "$CAPTURE" | od -An -tx1 | tr -d ' ')" = 1f8b ]; then FORMAT=gzip; else FORMAT=uncompressed; fi
echo "capture: $CAPTURE ($EVENTS events, $(du -h "$CAPTURE" | cut -f1), $FORMAT .scap, read by both)"
echo "rules: $(wc -l <"$OUT/rules.tsv") enabled syscall rules, ${#KEPT[@]} in the sysdig OR filter, ${#DROPPED[@]} dropped:"
for d in "${DROPPED[@]}"; do echo "  - $d"; done

# best_of CMD...: the best wall time in seconds over RUNS runs (stdout and stderr discarded).
best_of() {
    local best="" start end t
    for _ in $(seq "$RUNS"); do
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || { echo "bench-replay: failed: $*" >&2; exit 1; }
        end=$(date +%s%N)
        t=$((end - start))
        if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    done
    awk -v ns="$best" 'BEGIN { printf "%.3f", ns / 1e9 }'
}
eps() { awk -v n="$EVENTS" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }

T_FALCOD=$(best_of env FALCOD_REPLAY_THREADS=2 "$FALCOD" --replay "$CAPTURE" -r "$RULES")
T_FALCOD1=$(best_of "$FALCOD" --replay "$CAPTURE" -r "$RULES")
T_SYSDIG=$(best_of sysdig -r "$CAPTURE" "$OR_FILTER")
T_BASE=$(best_of sysdig -r "$CAPTURE" "proc.name = no-such-process-name")
MATCHED=$(sysdig -r "$CAPTURE" -p '%evt.num' "$OR_FILTER" | wc -l)

printf '%-44s %9s s %12s events/s\n' "falcod --replay (stable rules, 2 threads)" "$T_FALCOD" "$(eps "$T_FALCOD")"
printf '%-44s %9s s %12s events/s\n' "falcod --replay (stable rules, 1 thread)" "$T_FALCOD1" "$(eps "$T_FALCOD1")"
printf '%-44s %9s s %12s events/s  (%s events matched)\n' "sysdig OR of ${#KEPT[@]} rule conditions" "$T_SYSDIG" "$(eps "$T_SYSDIG")" "$MATCHED"
printf '%-44s %9s s %12s events/s\n' "sysdig baseline (filter matching nothing)" "$T_BASE" "$(eps "$T_BASE")"
awk -v f="$T_FALCOD" -v g="$T_FALCOD1" -v s="$T_SYSDIG" -v b="$T_BASE" \
    'BEGIN { printf "ratio falcod/sysdig-OR: %.2fx (2 threads: %.2fx)   falcod/sysdig-baseline: %.2fx (2 threads: %.2fx)\n", s / g, s / f, b / g, b / f }'

if [ -n "${CALLGRIND:-}" ]; then
    command -v valgrind >/dev/null || { echo "bench-replay: CALLGRIND needs valgrind" >&2; exit 1; }
    SMALL=$OUT/cg-$CALLGRIND.scap
    TINY=$OUT/cg-10.scap
    [ -f "$SMALL" ] || target/release/examples/make_capture "$SMALL" "$CALLGRIND" 2>&1 |
        grep -oE '^wrote [0-9]+' | grep -oE '[0-9]+' >"$SMALL.events"
    [ -f "$TINY" ] || target/release/examples/make_capture "$TINY" 10 >/dev/null 2>&1
    N=$(cat "$SMALL.events")
    # instructions CAPTURE CMD...: the instruction count of CMD with the capture path substituted.
    instructions() {
        local file=$1
        shift
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "${@//@CAPTURE@/$file}" \
            >/dev/null 2>"$OUT/callgrind.txt" || { echo "bench-replay: callgrind failed: $*" >&2; exit 1; }
        grep -oE 'Collected : [0-9]+' "$OUT/callgrind.txt" | grep -oE '[0-9]+'
    }
    per_event() {
        local big tiny
        big=$(instructions "$SMALL" "$@")
        tiny=$(instructions "$TINY" "$@")
        awk -v b="$big" -v t="$tiny" -v n="$N" 'BEGIN { printf "%.0f", (b - t) / n }'
    }
    # One thread: the instructions of the whole replay path on the thread that runs it.
    I_FALCOD=$(per_event "$FALCOD" --replay @CAPTURE@ -r "$RULES")
    I_SYSDIG=$(per_event sysdig -r @CAPTURE@ "$OR_FILTER")
    I_BASE=$(per_event sysdig -r @CAPTURE@ "proc.name = no-such-process-name")
    echo "callgrind, $N events (startup subtracted):"
    printf '  %-42s %8s instructions/event\n' "falcod --replay (stable rules, 1 thread)" "$I_FALCOD"
    printf '  %-42s %8s instructions/event\n' "sysdig OR of ${#KEPT[@]} rule conditions" "$I_SYSDIG"
    printf '  %-42s %8s instructions/event\n' "sysdig baseline" "$I_BASE"
    awk -v f="$I_FALCOD" -v s="$I_SYSDIG" -v b="$I_BASE" \
        'BEGIN { printf "  ratio by instructions falcod/sysdig-OR: %.2fx   falcod/sysdig-baseline: %.2fx\n", s / f, b / f }'
fi
