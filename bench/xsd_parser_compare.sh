#!/usr/bin/env bash
# Issue 9's codec comparison: instructions per call (callgrind, setup subtracted)
# of our encode/decode against the quick-xml code xsd-parser generates for the
# same schema (bench/xsd-parser-baseline), same values in, same bytes in.
#     bash bench/xsd_parser_compare.sh [N]      (default 2000 calls per measurement)
set -euo pipefail
cd "$(dirname "$0")/xsd-parser-baseline"
N=${1:-2000}
cp ../../Cargo.lock . 2>/dev/null || true
cargo build -q --release
BIN=target/release/xsd-parser-baseline
instr() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" instr "$@" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
for case in login lens email; do
    row="{\"case\":\"$case\""
    for side in ours-encode xp-encode ours-decode xp-decode; do
        base=$(instr "$case" "$side" 0)
        total=$(instr "$case" "$side" "$N")
        row="$row,\"$side\":$(( (total - base) / N ))"
    done
    echo "$row}"
done
