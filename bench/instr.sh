#!/usr/bin/env bash
# Instructions per call (callgrind) of encode, decode and the NsReader floor for
# every sample, as JSON lines. Setup is subtracted (a run with N=0).
#     bash bench/instr.sh [N]        (N calls per measurement, default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
cargo build -q --release -p logmein-rescue --example bench_codec
BIN=target/release/examples/bench_codec
instr() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" instr "$@" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
for op in $("$BIN" list); do
    for v in soap11 soap12; do
        base=$(instr "$op" "$v" decode 0)
        row="{\"operation\":\"$op\",\"version\":\"$v\""
        for mode in encode decode nsscan; do
            total=$(instr "$op" "$v" "$mode" "$N")
            row="$row,\"$mode\":$(( (total - base) / N ))"
        done
        echo "$row}"
    done
done
