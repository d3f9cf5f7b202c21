#!/usr/bin/env bash
# Reproduces BENCHMARKS.md in one run on this machine:
#     bash bench/compare.sh            (SKIP_CLEAN_BUILD=1 skips the clean-build timing)
# Installs zeep into target/bench/venv; writes target/bench/report.md.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/bench
mkdir -p "$OUT"
VENV="$OUT/venv"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q 'zeep==4.3.3'

echo "== building (release)" >&2
cargo build -q --release -p logmein-rescue --example bench_codec --example bench_e2e
cargo build -q --release -p rescue-emulator
cargo build -q --release -p rescue-codegen --example probe

echo "== codec: ours and zeep on the same envelopes" >&2
target/release/examples/bench_codec samples "$OUT/samples"
target/release/examples/bench_codec time > "$OUT/ours_codec.jsonl"
"$VENV/bin/python" bench/zeep_codec.py "$OUT/samples" wsdl/API.asmx.wsdl > "$OUT/zeep_codec.jsonl"

: > "$OUT/instr.jsonl"
if command -v valgrind >/dev/null 2>&1; then
    echo "== decode vs floor in instructions (callgrind)" >&2
    bash bench/instr.sh 2000 > "$OUT/instr.jsonl"
    echo "== whole call vs bare reqwest in instructions (callgrind)" >&2
    bash bench/e2e_instr.sh 2000 > "$OUT/e2e_instr.jsonl"
fi

echo "== end to end over loopback against rescue-emulator" >&2
target/release/rescue-emulator --quiet --listen 127.0.0.1:0 > "$OUT/emulator.out" &
EMULATOR=$!
trap 'kill $EMULATOR 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$OUT/emulator.out" 2>/dev/null && break; sleep 0.1; done
URL=$(awk '{print $NF}' "$OUT/emulator.out")
# Interleaved rounds against the same server: a slow minute on this shared machine
# then hits every client alike. Call counts give each run a few seconds.
ROUNDS=${ROUNDS:-3}
: > "$OUT/e2e.jsonl"
for round in $(seq "$ROUNDS"); do
    echo "   round $round of $ROUNDS" >&2
    {
        target/release/examples/bench_e2e "$URL" 1 3000 client
        target/release/examples/bench_e2e "$URL" 1 3000 reqwest
        "$VENV/bin/python" bench/zeep_e2e.py "$URL" wsdl/API.asmx.wsdl 1 1000
        target/release/examples/bench_e2e "$URL" 64 30000 client
        target/release/examples/bench_e2e "$URL" 64 30000 reqwest
        "$VENV/bin/python" bench/zeep_e2e.py "$URL" wsdl/API.asmx.wsdl 64 2000
    } >> "$OUT/e2e.jsonl"
done
kill $EMULATOR 2>/dev/null || true

echo "== build cost" >&2
now() { date +%s.%N; }
t0=$(now); target/release/examples/probe wsdl/API.asmx.wsdl > /dev/null; t1=$(now)
GEN_MS=$(python3 -c "print(($t1 - $t0) * 1000)")
cargo build -q -p logmein-rescue
cp wsdl/API.asmx.wsdl "$OUT/API.asmx.wsdl.orig"
trap 'cp "$OUT/API.asmx.wsdl.orig" wsdl/API.asmx.wsdl; kill $EMULATOR 2>/dev/null || true' EXIT
sed -i 's|<s:enumeration value="login_GlobalIpRestricted" />|&\n          <s:enumeration value="login_BenchEdit" />|' wsdl/API.asmx.wsdl
t0=$(now); cargo build -q -p logmein-rescue; t1=$(now)
REBUILD_S=$(python3 -c "print($t1 - $t0)")
cp "$OUT/API.asmx.wsdl.orig" wsdl/API.asmx.wsdl
cargo build -q -p logmein-rescue
CLEAN_S=skipped
if [ -z "${SKIP_CLEAN_BUILD:-}" ]; then
    rm -rf "$OUT/clean-target"
    t0=$(now); CARGO_TARGET_DIR="$OUT/clean-target" cargo build -q --workspace; t1=$(now)
    CLEAN_S=$(python3 -c "print($t1 - $t0)")
    rm -rf "$OUT/clean-target"
fi
echo "{\"generator_ms\":$GEN_MS,\"rebuild_after_wsdl_edit_s\":$REBUILD_S,\"clean_build_s\":\"$CLEAN_S\"}" > "$OUT/build.json"

"$VENV/bin/python" bench/report.py "$OUT" | tee "$OUT/report.md"
