#!/usr/bin/env python3
"""Turns JMH JSON (-rf json) of InterleavedOverheadBenchmark into markdown: per operation (the
point-select, the 1+50 burst), implementation and target, the ratio wrapped/raw and the overhead in
ns per operation of every measurement iteration, and their medians. Prints nothing when the JSON
holds no such benchmark.

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
            op = r["benchmark"].rsplit(".", 1)[1]
            key = (op, r["params"]["impl"], r["params"]["target"])
            row = rows.setdefault(key, {"ratio": [], "ns": [], "raw": [], "jdk": r.get("jdkVersion")})
            for a, b, n in zip(raw, wrapped, selects):
                if a > 0 and n > 0:
                    row["ratio"].append(b / a)
                    row["ns"].append((b - a) / n)
                    row["raw"].append(a / n)
    return rows


OPS = {
    "pointSelectPair": (
        "Interleaved point-select",
        "Raw and wrapped batches of 64 point-selects alternate in one fork; each measurement"
        " iteration gives one ratio.",
    ),
    "burstPair": (
        "Interleaved 1+50 burst",
        "Raw and wrapped 1+50 N+1 bursts (the wrapped one in a scope, analysed and reported at its"
        " end) alternate in one fork; each measurement iteration gives one ratio; ns are per burst.",
    ),
}


def order(key):
    op, impl, target = key
    return (
        list(OPS).index(op) if op in OPS else 99,
        TARGET_ORDER.index(target) if target in TARGET_ORDER else 99,
        IMPL_ORDER.index(impl) if impl in IMPL_ORDER else 99,
    )


def main(paths):
    rows = load(paths)
    if not rows:
        return
    jdk = next(iter(rows.values()))["jdk"]
    ops = sorted({key[0] for key in rows}, key=lambda op: list(OPS).index(op) if op in OPS else 99)
    for k, op in enumerate(ops):
        title, text = OPS.get(op, (op, "Raw and wrapped alternate in one fork."))
        if k > 0:
            print()
        print(f"## {title} (JDK {jdk})")
        print()
        print(text + " Median, and the range of the middle half of the iterations.")
        print()
        print("| impl | target | iterations | raw ns/op (median) | ratio (median) | ratio, middle half | overhead ns/op (median) | overhead ns, middle half |")
        print("|---|---|---:|---:|---:|---|---:|---|")
        for key in sorted((key for key in rows if key[0] == op), key=order):
            row = rows[key]
            ratio = sorted(row["ratio"])
            ns = sorted(row["ns"])
            n = len(ratio)
            if n == 0:
                continue
            q = lambda xs, f: xs[min(len(xs) - 1, int(f * len(xs)))]
            print(
                f"| {key[1]} | {key[2]} | {n} | {statistics.median(row['raw']):,.1f}"
                f" | {statistics.median(ratio):.3f} | {q(ratio, 0.25):.3f}–{q(ratio, 0.75):.3f}"
                f" | {statistics.median(ns):+,.1f} | {q(ns, 0.25):+,.1f} to {q(ns, 0.75):+,.1f} |"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
