#!/usr/bin/env python3
"""Turns JMH JSON (-rf json) of JdbcOverheadBenchmark into markdown: the overhead of each
implementation against `raw` measured in the same run, then the budgets of the issue.

    python3 benchmarks/report.py benchmarks/results/full-jdk17.json
"""
import json
import math
import sys

IMPL_ORDER = [
    "raw",
    "nplusone-off",
    "nplusone-detect",
    "nplusone-correlate",
    "nplusone-dsproxy",
    "datasource-proxy",
    "p6spy",
]
TARGET_ORDER = ["stub", "h2", "postgres"]
OP_ORDER = [
    "pointSelect",
    "tenSettersUpdate",
    "nPlusOneBurst",
    "distinctSqlSelect",
    "poolAcquireRelease",
]


def load(path):
    with open(path) as f:
        runs = json.load(f)
    rows = {}
    for r in runs:
        if ".JdbcOverheadBenchmark." not in r["benchmark"]:
            continue
        op = r["benchmark"].rsplit(".", 1)[1]
        p = r.get("params", {})
        pm = r["primaryMetric"]
        alloc = None
        for key, m in r.get("secondaryMetrics", {}).items():
            if key.endswith("gc.alloc.rate.norm"):
                alloc = (m["score"], m["scoreError"])
        rows[(p["impl"], p["target"], op)] = {
            "ns": pm["score"],
            "ns_err": pm["scoreError"],
            "b": alloc[0] if alloc else float("nan"),
            "b_err": alloc[1] if alloc else float("nan"),
            "forks": r.get("forks"),
            "iterations": r.get("measurementIterations"),
            "jdk": r.get("jdkVersion"),
            "vm": r.get("vmName"),
        }
    return rows


def fmt(x, digits=1):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return f"{x:,.{digits}f}"


def comb(a, b):
    """Error of a difference, assuming independent errors (JMH's 99.9 % half-widths)."""
    if any(isinstance(v, float) and math.isnan(v) for v in (a, b)):
        return float("nan")
    return math.sqrt(a * a + b * b)


def key_order(k):
    impl, target, op = k
    return (
        TARGET_ORDER.index(target) if target in TARGET_ORDER else 99,
        OP_ORDER.index(op) if op in OP_ORDER else 99,
        IMPL_ORDER.index(impl) if impl in IMPL_ORDER else 99,
    )


def table(rows):
    out = [
        "| impl | target | op | ns/op ± error | B/op | ratio vs raw | overhead ns vs raw"
        " | overhead B vs raw |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for k in sorted(rows, key=key_order):
        impl, target, op = k
        r = rows[k]
        raw = rows.get(("raw", target, op))
        if raw is None or impl == "raw":
            ratio = "1.00" if impl == "raw" else "n/a"
            dns = db = "–"
        else:
            ratio = f"{r['ns'] / raw['ns']:.2f}"
            dns = f"{fmt(r['ns'] - raw['ns'])} ± {fmt(comb(r['ns_err'], raw['ns_err']))}"
            db = fmt(r["b"] - raw["b"])
        out.append(
            f"| {impl} | {target} | {op} | {fmt(r['ns'])} ± {fmt(r['ns_err'])} | {fmt(r['b'])}"
            f" | {ratio} | {dns} | {db} |"
        )
    return "\n".join(out)


def verdict(value, err, limit):
    if math.isnan(value):
        return "n/a"
    status = "met" if value <= limit else "missed"
    if not math.isnan(err) and abs(value - limit) <= err:
        status += " (within error)"
    return status


def budgets(rows):
    out = [
        "| budget | measured | limit | status |",
        "|---|---:|---:|---|",
    ]

    def overhead(impl, target, op):
        r, raw = rows.get((impl, target, op)), rows.get(("raw", target, op))
        if r is None or raw is None:
            return None
        return r, raw

    for impl, ns_limit, b_limit in (
        ("nplusone-off", 50, 96),
        ("nplusone-detect", 150, 256),
        ("nplusone-correlate", 150, 256),
    ):
        pair = overhead(impl, "stub", "pointSelect")
        if pair is None:
            continue
        r, raw = pair
        dns, dns_err = r["ns"] - raw["ns"], comb(r["ns_err"], raw["ns_err"])
        db, db_err = r["b"] - raw["b"], comb(r["b_err"], raw["b_err"])
        out.append(
            f"| {impl}: ns over raw, point-select, stub | {fmt(dns)} ± {fmt(dns_err)}"
            f" | ≤ {ns_limit} | {verdict(dns, dns_err, ns_limit)} |"
        )
        out.append(
            f"| {impl}: B over raw, point-select, stub | {fmt(db)} ± {fmt(db_err)}"
            f" | ≤ {b_limit} | {verdict(db, db_err, b_limit)} |"
        )
    # The 20 % budget is for H2 in memory; PostgreSQL over loopback is held to the same.
    for impl, target, op in (
        (i, t, o)
        for t in ("h2", "postgres")
        for i in ("nplusone-off", "nplusone-detect", "nplusone-correlate")
        for o in OP_ORDER
    ):
        if op == "nPlusOneBurst":
            continue
        pair = overhead(impl, target, op)
        if pair is None:
            continue
        r, raw = pair
        pct = (r["ns"] / raw["ns"] - 1) * 100
        # Relative error of the ratio, first order.
        pct_err = (
            r["ns"]
            / raw["ns"]
            * math.sqrt((r["ns_err"] / r["ns"]) ** 2 + (raw["ns_err"] / raw["ns"]) ** 2)
            * 100
        )
        out.append(
            f"| {impl}: % over raw, {op}, {target} | {fmt(pct)} % ± {fmt(pct_err)}"
            f" | ≤ 20 % | {verdict(pct, pct_err, 20)} |"
        )
    for impl in ("nplusone-detect", "nplusone-correlate"):
        for target in TARGET_ORDER:
            pair = overhead(impl, target, "nPlusOneBurst")
            if pair is None:
                continue
            r, raw = pair
            ratio = r["ns"] / raw["ns"]
            out.append(
                f"| {impl}: 1+50 burst with its report, {target}, × raw | {ratio:,.2f} × | ≤ 2 × |"
                f" {'met' if ratio <= 2 else 'missed'} |"
            )
    for impl in ("nplusone-off", "nplusone-detect", "nplusone-correlate"):
        for target in TARGET_ORDER:
            for op in OP_ORDER:
                r = rows.get((impl, target, op))
                if r is None:
                    continue
                for other in ("p6spy", "datasource-proxy"):
                    o = rows.get((other, target, op))
                    if o is None:
                        continue
                    diff, err = r["ns"] - o["ns"], comb(r["ns_err"], o["ns_err"])
                    out.append(
                        f"| {impl} below {other}, {op}, {target} | {fmt(r['ns'])} vs"
                        f" {fmt(o['ns'])} ns | < {other} | {verdict(diff, err, 0)} |"
                    )
    return "\n".join(out)


INPUT_CHARS = {}
FP_METHODS = ["nplusoneUncached", "nplusoneCacheHit", "openTelemetrySanitizer", "jsqlParser"]


def load_fingerprints(path):
    """FingerprintBenchmark rows: (method, input) -> ns, error, B/op."""
    with open(path) as f:
        runs = json.load(f)
    rows = {}
    for r in runs:
        if ".FingerprintBenchmark." not in r["benchmark"]:
            continue
        method = r["benchmark"].rsplit(".", 1)[1]
        alloc = float("nan")
        for key, m in r.get("secondaryMetrics", {}).items():
            if key.endswith("gc.alloc.rate.norm"):
                alloc = m["score"]
        pm = r["primaryMetric"]
        rows[(method, r["params"]["input"])] = (pm["score"], pm["scoreError"], alloc)
    return rows


# Characters of each input, nominal: the point-select is 46 to 47 characters, the others are built
# to at least 1,000 and 10,000 and overshoot by less than one predicate (under 3 %).
CHARS = {"point": 46, "hibernate1k": 1000, "big10k": 10_000}


def fingerprint_table(fp):
    out = [
        "| input | method | ns/op ± error | B/op | ns/char | × nplusone uncached |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for inp in ("point", "hibernate1k", "big10k"):
        base = fp.get(("nplusoneUncached", inp))
        for m in FP_METHODS:
            r = fp.get((m, inp))
            if r is None:
                continue
            ratio = "n/a" if base is None else f"{r[0] / base[0]:,.1f}"
            out.append(
                f"| {inp} | {m} | {fmt(r[0])} ± {fmt(r[1])} | {fmt(r[2])}"
                f" | {fmt(r[0] / CHARS[inp], 2)} | {ratio} |"
            )
    out.append("")
    out.append("| budget | measured | limit | status |")
    out.append("|---|---:|---:|---|")
    u = fp.get(("nplusoneUncached", "hibernate1k"))
    if u:
        per_char = u[0] / CHARS["hibernate1k"]
        out.append(
            f"| uncached, 1 KB Hibernate select, ns/char | {fmt(per_char, 2)} ± "
            f"{fmt(u[1] / CHARS['hibernate1k'], 2)} | ≤ 2 | "
            f"{verdict(per_char, u[1] / CHARS['hibernate1k'], 2)} |"
        )
    for inp in ("point", "hibernate1k", "big10k"):
        u, j = fp.get(("nplusoneUncached", inp)), fp.get(("jsqlParser", inp))
        if u and j:
            out.append(
                f"| faster than JSqlParser, {inp} | {fmt(j[0] / u[0])} × | ≥ 10 × |"
                f" {'met' if j[0] / u[0] >= 10 else 'missed'} |"
            )
    for inp in ("point", "hibernate1k", "big10k"):
        h = fp.get(("nplusoneCacheHit", inp))
        if h:
            out.append(
                f"| cache hit, {inp}, ns | {fmt(h[0])} ± {fmt(h[1])} | ≤ 50 |"
                f" {verdict(h[0], h[1], 50)} |"
            )
    return "\n".join(out)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rows = load(sys.argv[1])
    fp = load_fingerprints(sys.argv[1])
    if not rows:
        print(fingerprint_table(fp))
        return
    any_row = next(iter(rows.values()))
    print(
        f"JDK {any_row['jdk']} ({any_row['vm']}), {any_row['forks']} fork(s) x"
        f" {any_row['iterations']} measurement iteration(s); error = JMH 99.9 % CI half-width;"
        " B/op = gc.alloc.rate.norm; overhead error assumes independent errors."
    )
    print()
    print(table(rows))
    print()
    print(budgets(rows))
    if fp:
        print()
        print(fingerprint_table(fp))


if __name__ == "__main__":
    main()
