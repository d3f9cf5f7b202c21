#!/usr/bin/env bash
# Generated lines per operation of every checked-in golden (BENCHMARKS.md, issue 10):
#     bash bench/generated_size.sh
# The Rescue golden is build.rs's output: its top file and its module files together.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "| file | operations | lines per operation | code lines per operation |"
echo "|---|---|---|---|"
for f in tests/golden/generated/rescue_api.rs codegen/tests/golden/*.rs; do
    files=("$f")
    if [ -d "${f%.rs}_modules" ]; then files+=("${f%.rs}_modules"/*.rs); fi
    n=$(cat "${files[@]}" | grep -c "^\s*rt::operation! {")
    lines=$(cat "${files[@]}" | wc -l)
    code=$(cat "${files[@]}" | grep -vc '^\s*///')
    echo "| \`$f\` | $n | $((lines / n)) | $((code / n)) |"
done
