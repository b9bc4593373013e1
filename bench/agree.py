#!/usr/bin/env python3
"""agree.py - do two make bench runs agree on every instruction count?

Reads two all.txt files (bench/run.sh) and compares, for every icount
measurement (base, bench, variant), the median instructions per page of
the rounds (kswapd: of the reclaim alone), the lock probes' call that
the tables quote (lock_key()) and the scan-vs-stream observers'
instructions. Prints one line per figure and the largest difference;
exits 1 if one differs by more than --limit percent (default 1).
"""
import argparse
import statistics
import sys

from summarise import lock_key, page_ns, parse


def figures(path):
    got = {}
    for kv in parse(path):
        if kv.get("clock") != "icount" or "bench" not in kv:
            continue
        if kv["bench"] == "scale":
            field = ("observer_steady_ns" if kv["variant"].endswith(":stream")
                     else "observer_ns")
            key = (kv["base"], "scale", kv["variant"], field)
            val = float(kv.get(field, 0))
        elif "fn" in kv:
            field = lock_key(kv)
            key = (kv["base"], kv["bench"], kv["variant"], kv["fn"], field)
            val = float(kv[field])
        elif float(kv.get("pages", 0)) > 0:
            key = (kv["base"], kv["bench"], kv["variant"], "per_page")
            val = page_ns(kv)
        else:
            continue
        got.setdefault(key, []).append(val)
    return {k: statistics.median(v) for k, v in got.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=float, default=1.0)
    ap.add_argument("a")
    ap.add_argument("b")
    args = ap.parse_args()
    a, b = figures(args.a), figures(args.b)
    common = sorted(set(a) & set(b))
    if not common:
        sys.exit("agree: no icount figure in both runs")
    worst = 0.0
    over = 0
    for k in common:
        d = abs(a[k] - b[k]) * 100 / a[k] if a[k] else 0.0
        worst = max(worst, d)
        flag = " > limit" if d > args.limit else ""
        over += d > args.limit
        print(f"{' '.join(k)}: {a[k]:.1f} {b[k]:.1f} {d:.2f}%{flag}")
    only = len(set(a) ^ set(b))
    print(f"{len(common)} figures, largest difference {worst:.2f}%, "
          f"{over} over {args.limit}%, {only} in one run only")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
