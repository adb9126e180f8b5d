#!/usr/bin/env python3
"""Turns JMH JSON (-rf json) of InterleavedOverheadBenchmark into markdown: per implementation and
target, the ratio wrapped/raw and the overhead in ns per point-select of every measurement
iteration, and their medians. Prints nothing when the JSON holds no such benchmark.

    python3 benchmarks/interleaved.py benchmarks/results/full-jdk17.json
"""
import json
import statistics
import sys

IMPL_ORDER = ["nplusone-off", "nplusone-detect", "nplusone-correlate"]
TARGET_ORDER = ["stub", "h2", "postgres"]


def iterations(metric):
    """The per-iteration values of a secondary metric, all forks in order."""
    return [v for fork in metric["rawData"] for v in fork]


def load(paths):
    rows = {}
    for path in paths:
        with open(path) as f:
            runs = json.load(f)
        for r in runs:
            if ".InterleavedOverheadBenchmark." not in r["benchmark"]:
                continue
            m = r["secondaryMetrics"]
            raw = iterations(m["rawNanos"])
            wrapped = iterations(m["wrappedNanos"])
            selects = iterations(m["selects"])
            key = (r["params"]["impl"], r["params"]["target"])
            row = rows.setdefault(key, {"ratio": [], "ns": [], "raw": [], "jdk": r.get("jdkVersion")})
            for a, b, n in zip(raw, wrapped, selects):
                if a > 0 and n > 0:
                    row["ratio"].append(b / a)
                    row["ns"].append((b - a) / n)
                    row["raw"].append(a / n)
    return rows


def order(key):
    impl, target = key
    return (
        TARGET_ORDER.index(target) if target in TARGET_ORDER else 99,
        IMPL_ORDER.index(impl) if impl in IMPL_ORDER else 99,
    )


def main(paths):
    rows = load(paths)
    if not rows:
        return
    jdk = next(iter(rows.values()))["jdk"]
    print(f"## Interleaved point-select (JDK {jdk})")
    print()
    print(
        "Raw and wrapped batches of 64 point-selects alternate in one fork; each measurement"
        " iteration gives one ratio. Median, and the range of the middle half of the iterations."
    )
    print()
    print("| impl | target | iterations | raw ns/op (median) | ratio (median) | ratio, middle half | overhead ns/op (median) | overhead ns, middle half |")
    print("|---|---|---:|---:|---:|---|---:|---|")
    for key in sorted(rows, key=order):
        row = rows[key]
        ratio = sorted(row["ratio"])
        ns = sorted(row["ns"])
        n = len(ratio)
        if n == 0:
            continue
        q = lambda xs, f: xs[min(len(xs) - 1, int(f * len(xs)))]
        print(
            f"| {key[0]} | {key[1]} | {n} | {statistics.median(row['raw']):,.1f}"
            f" | {statistics.median(ratio):.3f} | {q(ratio, 0.25):.3f}–{q(ratio, 0.75):.3f}"
            f" | {statistics.median(ns):+,.1f} | {q(ns, 0.25):+,.1f} to {q(ns, 0.75):+,.1f} |"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
