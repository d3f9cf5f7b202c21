"""Turns bench/compare.sh's measurements into the tables of BENCHMARKS.md."""
import json
import os
import platform
import statistics
import sys


def rows(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    out = sys.argv[1]
    ours = {(r["operation"], r["version"]): r for r in rows(f"{out}/ours_codec.jsonl")}
    zeep = {(r["operation"], r["version"]): r for r in rows(f"{out}/zeep_codec.jsonl")}
    instr = {(r["operation"], r["version"]): r for r in rows(f"{out}/instr.jsonl")}
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}\n")
    print("### Codec, per operation and SOAP version (median ns; ratios from the same run)\n")
    print("| operation | SOAP | ours encode | ours decode | zeep create | zeep parse | floor scan | floor memcpy | zeep ÷ ours (enc+dec) | decode ÷ scan (time) | decode ÷ scan (instructions) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    speedups, time_ratios, instr_ratios = [], [], []
    for key in sorted(ours):
        o, z, i = ours[key], zeep.get(key), instr.get(key)
        speed = (z["create_ns"] + z["parse_ns"]) / (o["encode_ns"] + o["decode_ns"]) if z else float("nan")
        tr = o["decode_ns"] / o["scan_ns"]
        ir = i["decode"] / i["scan"] if i and i["scan"] else float("nan")
        speedups.append(speed)
        time_ratios.append(tr)
        if i:
            instr_ratios.append(ir)
        print(f"| {key[0]} | {key[1][-2:-1]}.{key[1][-1]} | {o['encode_ns']:.0f} | {o['decode_ns']:.0f} | "
              f"{z['create_ns'] if z else float('nan'):.0f} | {z['parse_ns'] if z else float('nan'):.0f} | "
              f"{o['scan_ns']:.0f} | {o['memcpy_ns']:.0f} | {speed:.0f}× | {tr:.2f}× | {ir:.2f}× |")
    print()
    print(f"Median over operations: zeep ÷ ours {statistics.median(speedups):.0f}× (min {min(speedups):.0f}×); "
          f"decode ÷ scan {statistics.median(time_ratios):.2f}× by time (max {max(time_ratios):.2f}×)"
          + (f", {statistics.median(instr_ratios):.2f}× by instructions (max {max(instr_ratios):.2f}×)" if instr_ratios else "")
          + ".\n")
    print("### End to end over loopback against rescue-emulator (startSession, keep-alive)\n")
    print("| client | in flight | calls | calls/s | failures | peak memory |")
    print("|---|---:|---:|---:|---:|---:|")
    e2e = rows(f"{out}/e2e.jsonl")
    for r in e2e:
        print(f"| {r['client']} | {r['concurrency']} | {r['calls']} | {r['calls_per_sec']:.0f} | {r['failures']} | {r['peak_rss_kib'] / 1024:.1f} MiB |")
    by = {(r["client"], r["concurrency"]): r for r in e2e}
    for c in (1, 64):
        if ("logmein-rescue", c) in by and ("zeep", c) in by:
            print(f"\nAt {c} in flight: ours ÷ zeep = {by[('logmein-rescue', c)]['calls_per_sec'] / by[('zeep', c)]['calls_per_sec']:.0f}×", end="")
    print("\n")
    if os.path.exists(f"{out}/build.json"):
        b = json.load(open(f"{out}/build.json"))
        print("### Build cost\n")
        print(f"- generator on API.asmx.wsdl (release, whole process): {b['generator_ms']:.0f} ms")
        print(f"- `cargo build` after a WSDL edit (debug): {b['rebuild_after_wsdl_edit_s']:.1f} s")
        clean = b["clean_build_s"]
        print(f"- clean debug build of the workspace: {clean if clean == 'skipped' else f'{float(clean):.0f} s'}")


if __name__ == "__main__":
    main()
