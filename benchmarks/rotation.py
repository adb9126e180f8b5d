#!/usr/bin/env python3
"""Turns several one-fork JMH runs of the budget operations (JSON, -rf json, one file per run) into
the markdown table BENCHMARKS.md gives for them: per run, the clock read, the raw stub and H2
point-selects, the stub point-select's overhead in ns per implementation, the H2 point-select's and
the H2 1+50 burst's ratios to raw; then the median and the range of each column, and the bytes per
point-select over raw on the stub. A cell whose benchmark is missing from a run is left empty. A
file that holds several runs one after another (as benchmarks/results/session8-rotation-jdk17.json
does) is split where a benchmark with the same parameters comes again.

    for k in 1 2 3 4 5; do
      java -jar benchmarks/target/benchmarks.jar \\
        '(JdbcOverheadBenchmark.(pointSelect|nPlusOneBurst)|ClockBenchmark.nanoTime)$' \\
        -p impl=raw,nplusone-off,nplusone-detect,nplusone-correlate -p target=stub,h2 \\
        -f 1 -wi 8 -w 1s -i 5 -r 1s -prof gc -rf json -rff run-$k.json
    done
    python3 benchmarks/rotation.py run-*.json
"""
import json
import statistics
import sys

IMPLS = ["nplusone-off", "nplusone-detect", "nplusone-correlate"]
COLUMNS = [
    "clock read (ns)",
    "raw stub (ns)",
    "raw H2 (ns)",
    "stub off",
    "stub detect",
    "stub correlate",
    "H2 off",
    "H2 detect",
    "H2 correlate",
    "H2 burst detect",
    "H2 burst correlate",
]
# How each column is printed: a plain figure, ns over raw, or a ratio.
KINDS = ["clock", "ns", "ns", "over", "over", "over", "ratio", "ratio", "ratio", "ratio", "ratio"]


def score(run, method, impl=None, target=None, metric=None):
    """The score of the benchmark method with these parameters in one run, or None."""
    for r in run:
        if not r["benchmark"].endswith(method):
            continue
        params = r.get("params", {})
        if impl is not None and params.get("impl") != impl:
            continue
        if target is not None and params.get("target") != target:
            continue
        if metric is None:
            return r["primaryMetric"]["score"]
        m = r["secondaryMetrics"].get(metric)
        return None if m is None else m["score"]
    return None


def over(a, b):
    return None if a is None or b is None else a - b


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def split(results):
    """The runs in one JMH result list: a run ends where a benchmark and its parameters repeat."""
    runs = [[]]
    seen = set()
    for r in results:
        key = (r["benchmark"], tuple(sorted(r.get("params", {}).items())))
        if key in seen:
            runs.append([])
            seen = set()
        seen.add(key)
        runs[-1].append(r)
    return runs


def row(run):
    raw_stub = score(run, ".pointSelect", "raw", "stub")
    raw_h2 = score(run, ".pointSelect", "raw", "h2")
    raw_burst = score(run, ".nPlusOneBurst", "raw", "h2")
    values = [score(run, "ClockBenchmark.nanoTime"), raw_stub, raw_h2]
    values += [over(score(run, ".pointSelect", i, "stub"), raw_stub) for i in IMPLS]
    values += [ratio(score(run, ".pointSelect", i, "h2"), raw_h2) for i in IMPLS]
    values += [ratio(score(run, ".nPlusOneBurst", i, "h2"), raw_burst) for i in IMPLS[1:]]
    return values


def allocation(run):
    """Bytes per stub point-select over raw, per implementation."""
    raw = score(run, ".pointSelect", "raw", "stub", "gc.alloc.rate.norm")
    return [over(score(run, ".pointSelect", i, "stub", "gc.alloc.rate.norm"), raw) for i in IMPLS]


def cell(kind, v):
    if v is None:
        return ""
    if kind == "clock":
        return f"{v:.1f}"
    if kind == "ns":
        return f"{v:,.0f}"
    if kind == "over":
        return f"+{v:.0f} ns" if v >= 0 else f"{v:.0f} ns"
    return f"{v:.2f}×"


def bound(kind, v):
    if kind == "clock":
        return f"{v:.1f}"
    if kind in ("ns", "over"):
        return f"{v:,.0f}"
    return f"{v:.2f}"


def main(paths):
    if not paths:
        sys.exit("usage: rotation.py RUN.json [RUN.json ...]")
    runs = []
    for path in paths:
        with open(path) as f:
            runs.extend(split(json.load(f)))
    rows = [row(r) for r in runs]
    print("| run | " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---:|" * len(COLUMNS))
    for n, values in enumerate(rows, 1):
        print(f"| {n} | " + " | ".join(cell(k, v) for k, v in zip(KINDS, values)) + " |")
    medians = []
    ranges = []
    for j, kind in enumerate(KINDS):
        column = [r[j] for r in rows if r[j] is not None]
        medians.append(statistics.median(column) if column else None)
        ranges.append(f"{bound(kind, min(column))}–{bound(kind, max(column))}" if column else "")
    print("| median | " + " | ".join(cell(k, v) for k, v in zip(KINDS, medians)) + " |")
    print("| range | " + " | ".join(ranges) + " |")
    print()
    per_run = ", ".join(
        "[" + ", ".join("" if b is None else f"{b:.0f}" for b in allocation(r)) + "]" for r in runs
    )
    print(f"B/op over raw, stub point-select, per run (off, detect, correlate): {per_run}.")


if __name__ == "__main__":
    main(sys.argv[1:])
