#!/usr/bin/env bash
# Generated lines per operation of every checked-in golden (BENCHMARKS.md, issue 10):
#     bash bench/generated_size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
echo "| file | operations | lines per operation | code lines per operation |"
echo "|---|---|---|---|"
for f in tests/golden/generated/rescue_api.rs codegen/tests/golden/*.rs; do
    n=$(grep -c "^rt::operation! {" "$f")
    lines=$(wc -l < "$f")
    code=$(grep -vc '^\s*///' "$f")
    echo "| \`$f\` | $n | $((lines / n)) | $((code / n)) |"
done
