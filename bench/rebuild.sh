#!/usr/bin/env bash
# Rebuild after a WSDL edit: the seconds `cargo build -p logmein-rescue` takes after
# an enumeration value is added to the WSDL, and the object files rustc rewrote for
# it (codegen units and bytes: unlike the seconds, these do not drift with the
# machine). The WSDL is restored after each edit, and on exit.
#   bash bench/rebuild.sh [EDITS] [ENUM_VALUE]   (default 5, login_Error)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5}
VALUE=${2:-login_Error}
WSDL=wsdl/API.asmx.wsdl
BACKUP=$(mktemp)
cp "$WSDL" "$BACKUP"
trap 'cp "$BACKUP" "$WSDL"; rm -f "$BACKUP"' EXIT
grep -q "value=\"$VALUE\" />" "$WSDL" || { echo "no enumeration value $VALUE in $WSDL" >&2; exit 1; }
cargo build -q -p logmein-rescue
for i in $(seq "$N"); do
    marker=$(mktemp)
    sleep 1 # object files newer than the marker are the ones this edit rewrote
    sed -i "0,/value=\"$VALUE\" \/>/s//value=\"$VALUE\" \/><s:enumeration value=\"${VALUE%_*}_Bench$i$RANDOM\" \/>/" "$WSDL"
    start=$(date +%s%N)
    cargo build -q -p logmein-rescue
    end=$(date +%s%N)
    cp "$BACKUP" "$WSDL"
    session=$(ls -td target/debug/incremental/logmein_rescue-*/s-*/ | head -1)
    read -r units bytes < <(find "$session" -name '*.o' -newer "$marker" -printf '%s\n' \
        | awk '{n++; t+=$1} END {print n+0, t+0}')
    rm -f "$marker"
    echo "{\"edit\":\"$VALUE\",\"ms\":$(( (end - start) / 1000000 )),\"units\":$units,\"object_bytes\":$bytes}"
    cargo build -q -p logmein-rescue
done
