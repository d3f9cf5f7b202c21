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
    print("| operation | SOAP | ours encode | ours decode | zeep create | zeep parse | floor scan | floor memcpy | zeep ÷ ours (enc+dec) | decode ÷ scan (time) | decode ÷ NsReader (instructions) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    speedups, time_ratios, instr_ratios = [], [], []
    for key in sorted(ours):
        o, z, i = ours[key], zeep.get(key), instr.get(key)
        speed = (z["create_ns"] + z["parse_ns"]) / (o["encode_ns"] + o["decode_ns"]) if z else float("nan")
        tr = o["decode_ns"] / o["scan_ns"]
        ir = i["decode"] / i["nsscan"] if i and i.get("nsscan") else float("nan")
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
          + (f"; decode ÷ bare NsReader pass {statistics.median(instr_ratios):.2f}× by instructions (max {max(instr_ratios):.2f}×)" if instr_ratios else "")
          + ".\n")
    if instr:
        print("### Instructions per call (callgrind; setup subtracted)\n")
        print("| operation | SOAP | encode | decode | bare NsReader pass | decode ÷ NsReader |")
        print("|---|---|---:|---:|---:|---:|")
        for key in sorted(instr):
            i = instr[key]
            print(f"| {key[0]} | {key[1][-2:-1]}.{key[1][-1]} | {i['encode']} | {i['decode']} | {i['nsscan']} | {i['decode'] / i['nsscan']:.2f}× |")
        print()
    calls = rows(f"{out}/e2e_instr.jsonl")
    if calls:
        by_mode = {r["mode"]: r["instructions_per_call"] for r in calls}
        print("### A whole call against a bare reqwest POST of the same bytes (callgrind, client process)\n")
        print(f"- ours: {by_mode.get('client')} instructions per startSession call; bare reqwest: {by_mode.get('reqwest')}; "
              f"ratio {by_mode['client'] / by_mode['reqwest']:.2f}×\n")
    print("### End to end over loopback against rescue-emulator (startSession, keep-alive, interleaved rounds)\n")
    print("| client | in flight | rounds | median calls/s | range | failures | peak memory (max) |")
    print("|---|---:|---:|---:|---|---:|---:|")
    e2e = rows(f"{out}/e2e.jsonl")
    groups = {}
    for r in e2e:
        groups.setdefault((r["client"], r["concurrency"]), []).append(r)
    medians = {}
    for (client, conc), rs in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        rates = [r["calls_per_sec"] for r in rs]
        medians[(client, conc)] = statistics.median(rates)
        print(f"| {client} | {conc} | {len(rs)} | {statistics.median(rates):.0f} | {min(rates):.0f}–{max(rates):.0f} | "
              f"{sum(r['failures'] for r in rs)} | {max(r['peak_rss_kib'] for r in rs) / 1024:.1f} MiB |")
    print()
    for c in (1, 64):
        ours, zeep_, bare = (medians.get((n, c)) for n in ("logmein-rescue", "zeep", "bare reqwest"))
        if ours and zeep_ and bare:
            print(f"- at {c} in flight: ours ÷ zeep = {ours / zeep_:.1f}×; ours ÷ bare reqwest = {ours / bare:.2f}×")
    print()
    if os.path.exists(f"{out}/build.json"):
        b = json.load(open(f"{out}/build.json"))
        print("### Build cost\n")
        print(f"- generator on API.asmx.wsdl (release, whole process): {b['generator_ms']:.0f} ms")
        print(f"- `cargo build` after a WSDL edit (debug): {b['rebuild_after_wsdl_edit_s']:.1f} s")
        clean = b["clean_build_s"]
        print(f"- clean debug build of the workspace: {clean if clean == 'skipped' else f'{float(clean):.0f} s'}")


if __name__ == "__main__":
    main()
