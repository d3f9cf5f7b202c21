#!/usr/bin/env bash
# Instructions per whole call (callgrind, client process only) of the client's
# startSession against a running rescue-emulator, beside a bare reqwest POST of
# the same bytes to the same server, one call in flight. Setup is subtracted
# (a run with 0 calls).  bash bench/e2e_instr.sh [CALLS]   (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
OUT=target/bench
mkdir -p "$OUT"
cargo build -q --release -p logmein-rescue --example bench_e2e
cargo build -q --release -p rescue-emulator
target/release/rescue-emulator --quiet --listen 127.0.0.1:0 > "$OUT/emulator_instr.out" &
EMULATOR=$!
trap 'kill $EMULATOR 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$OUT/emulator_instr.out" 2>/dev/null && break; sleep 0.1; done
URL=$(awk '{print $NF}' "$OUT/emulator_instr.out")
instr() {
    sleep 1.2 # requestAuthCode is paced at one per second on the emulator
    valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/bench_e2e "$URL" 1 "$@" 2>&1 \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
for mode in client reqwest; do
    base=$(instr 0 "$mode")
    total=$(instr "$N" "$mode")
    echo "{\"mode\":\"$mode\",\"calls\":$N,\"instructions_per_call\":$(( (total - base) / N ))}"
done
