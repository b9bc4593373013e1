#!/usr/bin/env python3
"""summarise.py - the tables of make bench from bench/run.sh's all.txt

Every line of all.txt is one measurement, key=value pairs: base, boot,
clock (icount: ns are instructions; tcg: wall time), bench, variant and
what swap-bench or the host script measured. Markdown goes to stdout,
JSON to --json, the sharers plot data to --plot (for bench/owners.gp).
Where a goal of the benchmark issue is not met, the table says so.
"""
import argparse
import json
import statistics
import sys

GOAL_OFF_VS_UNPATCHED = 0.5   # % more instructions per page, event off
GOAL_ON_VS_OFF = 2.0          # % more instructions per page, event on (7.3)


def parse(path):
    rows = []
    with open(path) as f:
        for line in f:
            kv = {}
            for word in line.split():
                if "=" in word:
                    k, v = word.split("=", 1)
                    kv[k] = v
            if kv:
                rows.append(kv)
    return rows


def num(row, key):
    try:
        return float(row.get(key, "nan"))
    except ValueError:
        return float("nan")


def select(rows, **want):
    return [r for r in rows if all(r.get(k) == v for k, v in want.items())]


def spread(values):
    """median, and the largest distance of a value from it in %"""
    if not values:
        return None, None
    med = statistics.median(values)
    dev = max(abs(v - med) for v in values) * 100 / med if med else 0.0
    return med, dev


def page_ns(row):
    """instructions (or ns) per page of one round; of the reclaim alone
    where swap-bench --evict timed the allocation apart (reclaim_ns)"""
    return num(row, "reclaim_ns" if "reclaim_ns" in row else "ns") / num(row, "pages")


def per_page(rows):
    """page_ns() of the rounds, those with no page written left out"""
    return [page_ns(r) for r in rows if num(r, "pages") > 0]


def lock_key(row):
    """the field of a lock-probe row that the tables quote as its median:
    the median of the region's calls (the longest region_pages ones, when
    the sharers' own pages are swapped too), all calls' when there are
    fewer, and the longest call for KSM (a few folios among other pages)"""
    if row.get("bench") == "owners-ksm":
        return "longest_ns"
    if "region_median_ns" in row and num(row, "calls") >= num(row, "region_pages"):
        return "region_median_ns"
    return "median_ns"


def fmt(v, digits=0):
    return "n/a" if v is None else f"{v:,.{digits}f}"


class Report:
    def __init__(self, rows, stamp):
        self.rows = rows
        self.stamp = stamp
        self.bases = []
        for r in rows:
            if r.get("base") and r["base"] not in self.bases:
                self.bases.append(r["base"])
        self.json = {"stamp": stamp, "bases": self.bases}
        self.plot = []
        self.scale_plot = []

    def out(self, text=""):
        print(text)

    # 1. event off vs unpatched
    def off_vs_unpatched(self):
        self.out("## 1. Event off vs unpatched kernel\n")
        self.out("MADV_PAGEOUT of 64 MiB, one owner, 4 KiB folios, zram; "
                 "instructions per page (icount), median of the rounds, "
                 "± the largest distance of a round from the median.\n")
        self.out("| base | unpatched | patched, event off | added | goal ≤ "
                 f"{GOAL_OFF_VS_UNPATCHED}% |")
        self.out("|---|---:|---:|---:|---|")
        res = {}
        for b in self.bases:
            un, und = spread(per_page(select(self.rows, base=b, boot="unpatched",
                                             bench="kernel", clock="icount")))
            off, offd = spread(per_page(select(self.rows, base=b, boot="fast",
                                               bench="kernel", clock="icount")))
            if un is None or off is None:
                continue
            pct = (off - un) * 100 / un
            met = "met" if pct <= GOAL_OFF_VS_UNPATCHED else "**not met**"
            self.out(f"| {b} | {fmt(un)} ±{und:.2f}% | {fmt(off)} ±{offd:.2f}% "
                     f"| {pct:+.2f}% | {met} |")
            res[b] = {"unpatched": un, "off": off, "added_pct": pct,
                      "spread_pct": max(und, offd)}
        self.json["off_vs_unpatched"] = res
        self.out()

    # 2. event on vs off, pageout and kswapd, with record, with rss_stat
    def on_vs_off(self):
        self.out("## 2. Event on vs off, and kmem:rss_stat on instead\n")
        self.out("One owner, 4 KiB folios, zram. MADV_PAGEOUT of 64 MiB, and "
                 "kswapd: the same region evicted by global pressure (an "
                 "mlocked allocation of the free memory plus 3/4 of the "
                 "region, so that only the region can go; its rounds spread "
                 "over several boots, each with one unrecorded round first). "
                 "Instructions per page written (icount), added over event "
                 "off in the same boots; the kswapd rows count the "
                 "reclaim alone: the round's instructions minus what the same "
                 "allocation costs when nothing needs reclaiming (timed "
                 "after each round). The owner-code-only row is the "
                 "event enabled with tracing_on 0: the capture and the "
                 "tracepoint call run, the ring buffer refuses the write; on "
                 "minus that row is what writing the event costs. TCG wall "
                 "ratio: the same rounds timed in a plain TCG boot.\n")
        self.out("| base | reclaim | variant | instr/page | added/page | added % "
                 "| TCG wall ratio | goal |")
        self.out("|---|---|---|---:|---:|---:|---:|---|")
        res = {}
        for b in self.bases:
            for bench, label in (("event", "MADV_PAGEOUT"), ("kswapd", "kswapd")):
                sel = select(self.rows, base=b, bench=bench, clock="icount")
                off, _ = spread(per_page([r for r in sel if r["variant"] == "off"]))
                if off is None:
                    continue
                tcg_off, _ = spread(per_page(select(self.rows, base=b, bench=bench,
                                                    clock="tcg", variant="off")))
                for v in ("off", "capture", "on", "on+record", "rss"):
                    val, dev = spread(per_page([r for r in sel if r["variant"] == v]))
                    if val is None:
                        continue
                    tcg, _ = spread(per_page(select(self.rows, base=b, bench=bench,
                                                    clock="tcg", variant=v)))
                    wall = f"{tcg / tcg_off:.3f}" if tcg and tcg_off else "n/a"
                    pct = (val - off) * 100 / off
                    goal = ""
                    if v == "on" and b.startswith("7."):
                        goal = "met" if pct <= GOAL_ON_VS_OFF else "**not met**"
                    name = {"rss": "rss_stat on, owner event off",
                            "capture": "owner code only (event on, tracing off)"
                            }.get(v, v)
                    self.out(f"| {b} | {label} | {name} | {fmt(val)} ±{dev:.2f}% "
                             f"| {fmt(val - off)} | {pct:+.2f}% | {wall} | {goal} |")
                    res.setdefault(b, {}).setdefault(bench, {})[v] = {
                        "per_page": val, "added": val - off, "added_pct": pct,
                        "spread_pct": dev,
                        "tcg_wall_ratio": tcg / tcg_off if tcg and tcg_off else None}
                steal = [(num(r, "kswapd"), num(r, "direct")) for r in sel]
                if bench == "kswapd" and steal:
                    k = sum(s[0] for s in steal)
                    d = sum(s[1] for s in steal)
                    if k + d:
                        self.out(f"| {b} | kswapd | share stolen by kswapd | "
                                 f"{100 * k / (k + d):.1f}% | | | | |")
        self.json["on_vs_off"] = res
        self.out()
        self.on_vs_off_why(res)

    def on_vs_off_why(self, res):
        """where the goal is not met: what the added instructions are"""
        for b, benches in res.items():
            m = benches.get("event", {})
            if not b.startswith("7.") or "on" not in m or "capture" not in m:
                continue
            on, cap = m["on"], m["capture"]
            if on["added_pct"] <= GOAL_ON_VS_OFF:
                continue
            write = on["per_page"] - cap["per_page"]
            off = on["per_page"] - on["added"]
            write_pct = write * 100 / off
            self.out(f"Goal not met on {b} (MADV_PAGEOUT): the event adds "
                     f"{fmt(on['added'])} instructions per page "
                     f"({on['added_pct']:+.2f}%), where 2% is "
                     f"{fmt(off * GOAL_ON_VS_OFF / 100)}. Of them the owner "
                     f"code (capture row) is {fmt(cap['added'])} "
                     f"({cap['added_pct']:+.2f}%) and writing the event "
                     f"(on minus capture) {fmt(write)} "
                     f"({write_pct:+.2f}%): the ring-buffer write "
                     f"alone is {'above' if write_pct > GOAL_ON_VS_OFF else 'within'} "
                     f"the goal.\n")

    # 3. sharers
    def sharers(self):
        self.out("## 3. Sharers: instructions added per folio\n")
        self.out("A region reclaimed with memory.reclaim (32 MiB up to 64 "
                 "sharers, 8 MiB for 500 and 1000); instructions "
                 "of the reclaim divided by the region's folios (THP: 512 "
                 "pages a folio), event off and on in the same boot; the few "
                 "pages of the sharing processes' own (stacks, 1 owner each) "
                 "are swapped too and counted into the region's. COW: K "
                 "processes share the anon folios; shmem: K processes map one "
                 "memfd. KSM is in 3b: a round that reclaims one KSM folio "
                 "is mostly memory.reclaim scanning everything else, so the "
                 "folio's walk is timed by itself there.\n")
        self.out("| base | kind | sharers | off instr/folio | on instr/folio "
                 "| added/folio |")
        self.out("|---|---|---:|---:|---:|---:|")
        res = {}
        for b in self.bases:
            for bench, kind, psize in (("owners", "COW anon", 1),
                                       ("owners-thp", "THP anon", 512),
                                       ("owners-shmem", "shmem", 1)):
                sel = [r for r in select(self.rows, base=b, bench=bench,
                                         clock="icount") if "fn" not in r]
                ks = sorted({int(r["variant"].split(":")[0]) for r in sel})
                fit = []
                for k in ks:
                    vals = {}
                    for v in ("off", "on"):
                        rr = [r for r in sel if r["variant"] == f"{k}:{v}"
                              and num(r, "pages") > 0]
                        if rr:
                            vals[v] = statistics.median(
                                num(r, "ns") * psize / num(r, "region_pages")
                                for r in rr)
                    if len(vals) < 2:
                        continue
                    added = vals["on"] - vals["off"]
                    self.out(f"| {b} | {kind} | {k} | {fmt(vals['off'])} | "
                             f"{fmt(vals['on'])} | {fmt(added)} |")
                    res.setdefault(b, {}).setdefault(bench, []).append(
                        {"sharers": k, "off": vals["off"], "on": vals["on"],
                         "added": added})
                    fit.append((k, added))
                    self.plot.append((b, bench, k, added))
                if len(fit) >= 2:
                    slope, const = linfit(fit)
                    self.out(f"| {b} | {kind} | fit | | | {fmt(const)} + "
                             f"{fmt(slope, 1)} × sharers |")
                    res[b][bench + "_fit"] = {"constant": const, "per_sharer": slope}
        self.json["sharers"] = res
        self.out()
        for b, kinds in res.items():
            worst = max(kinds.get("owners", []), key=lambda p: p["sharers"],
                        default=None)
            fit = kinds.get("owners_fit")
            if not worst or not fit or worst["sharers"] < 2:
                continue
            k = worst["sharers"]
            why = ("The bound the series states (2/4): per PTE that "
                   "reclaim rewrites anyway one comparison, at most 8, and "
                   "per folio at most 8 owner reads and comm copies: a "
                   "constant per mapping, which is what the fit shows."
                   if b.startswith("7.") else
                   "The backport walks the rmap a second time after the "
                   "unmap (swap_owners_resolve*()): also linear in the "
                   "mappings, at a larger constant.")
            self.out(f"Worst case on {b}: {k} COW sharers add "
                     f"{fmt(worst['added'])} instructions per folio, "
                     f"{fmt(worst['added'] / k)} per mapping (fit: "
                     f"{fmt(fit['per_sharer'], 1)} per sharer). {why}\n")

    def locks(self):
        sel = [r for bench in ("owners", "owners-shmem", "owners-ksm")
               for r in select(self.rows, bench=bench, clock="icount")]
        sel = [r for r in sel if "fn" in r]
        if not sel:
            return
        self.out("## 3b. The longest rmap lock hold by the owner code\n")
        self.out("kprobe and kretprobe on each function that holds the rmap "
                 "lock (anon_vma or i_mapping) while the owner code runs, one "
                 "round per point; the median and the longest call, in "
                 "instructions (icount, kprobe overhead included alike). 7.3 "
                 "captures inside try_to_unmap_owners(), which reclaim calls "
                 "with the event on or off: the owner code's share of the "
                 "hold is on minus off. The 6.12 backport holds the lock in "
                 "try_to_unmap() without owner code, and again in its own "
                 "walk, swap_owners_resolve*(), after the unmap. KSM: 16 MiB "
                 "of one content in one process, max_page_sharing 768, so "
                 "KSM folios of 768 mappings; their calls are the longest "
                 "of the round, and both median columns are the longest "
                 "call. Not a few thousand mappings: memory.reclaim wrote "
                 "no KSM folio of 1024 or 4096 mappings in 8 attempts, "
                 "event off as well (256, 512 and 768 went).\n")
        self.out("| base | kind | sharers | function | calls | median, off | "
                 "median, on | on − off | longest, off | longest, on |")
        # median: of the region's calls (the longest region_pages ones)
        self.out("|---|---|---:|---|---:|---:|---:|---:|---:|---:|")
        res = []
        for b in self.bases:
            for bench in ("owners", "owners-shmem", "owners-ksm"):
                mine = [r for r in sel if r["base"] == b and r["bench"] == bench]
                for k in sorted({int(r["variant"].split(":")[0]) for r in mine}):
                    for fn in sorted({r["fn"] for r in mine
                                      if r["variant"].startswith(f"{k}:")}):
                        got = {}
                        for v in ("off", "on"):
                            rr = [r for r in mine if r["variant"] == f"{k}:{v}"
                                  and r["fn"] == fn]
                            if rr:
                                got[v] = rr[0]
                        if "on" not in got:
                            continue
                        key = lock_key(got["on"])
                        med = {v: int(num(got[v], key)) for v in got}
                        top = {v: int(num(got[v], "longest_ns")) for v in got}
                        calls = int(num(got["on"], "calls"))
                        kind = {"owners-shmem": "shmem",
                                "owners-ksm": "KSM"}.get(bench, "COW anon")
                        # a walk of the owner code only runs with the event on
                        off_m = med.get("off", 0)
                        self.out(f"| {b} | {kind} | {k} | {fn} | {calls} | "
                                 f"{fmt(med.get('off'))} | {fmt(med['on'])} | "
                                 f"{fmt(med['on'] - off_m)} | "
                                 f"{fmt(top.get('off'))} | {fmt(top['on'])} |")
                        res.append({"base": b, "kind": kind, "sharers": k,
                                    "fn": fn, "calls": calls,
                                    "median_off": med.get("off"),
                                    "median_on": med["on"],
                                    "longest_off": top.get("off"),
                                    "longest_on": top["on"]})
        self.json["locks"] = res
        self.out()

    def blame(self):
        sel = select(self.rows, bench="blame")
        truth = [r for r in sel if r.get("variant") == "truth"]
        if not truth:
            return
        t = truth[0]
        tv, ta = int(num(t, "victim_swapped")), int(num(t, "aggressor_swapped"))
        self.out("## 4. Who gets blamed: current, kmem:rss_stat, swapowner\n")
        self.out("Global pressure on the first base: an aggressor allocates "
                 "224 MiB while an idle victim holds 96 MiB (4 KiB folios). "
                 "Share of the swapped-out pages each attribution gives each "
                 "process, and its precision and recall of per-process swapped "
                 f"pages against /proc/PID/pagemap after the run (victim {tv}, "
                 f"aggressor {ta} pages in swap). current: common_pid of "
                 "vmscan:mm_vmscan_write_folio. rss_stat: rises of "
                 "MM_SWAPENTS per hashed mm_id, each mm_id named by the task "
                 "of a curr=1 event for it (how Perfetto maps them); the trace "
                 "starts before the victim, so its faults name it. The second "
                 "rss_stat row names an mm_id only by events after the first "
                 "rise: a trace started once swapping did, as for a process "
                 "that touched its memory before and not since. events: "
                 "events the attribution reads (rss_stat: MM_SWAPENTS only, "
                 "of many more rss_stat events).\n")
        self.out("| attribution | pages | events | events/page | kswapd | victim "
                 "| aggressor | other | precision | recall |")
        self.out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        res = {"victim_pagemap": tv, "aggressor_pagemap": ta}
        for a, label in (("current", "current (vmscan:mm_vmscan_write_folio)"),
                         ("rss_stat", "kmem:rss_stat, mm_id named by any curr=1 event"),
                         ("rss_stat_late", "kmem:rss_stat, named only after swapping began"),
                         ("owners", "swapowner")):
            rr = {r["class"]: r for r in sel if r.get("variant") == a}
            if "victim" not in rr:
                continue
            total = int(num(rr["victim"], "total"))
            pages = {c: int(num(rr[c], "pages")) for c in
                     ("kswapd", "victim", "aggressor", "other") if c in rr}
            events = int(num(rr["events"], "events")) if "events" in rr else 0
            tp = min(pages.get("victim", 0), tv) + min(pages.get("aggressor", 0), ta)
            prec = tp / total if total else 0
            rec = tp / (tv + ta) if tv + ta else 0
            shares = " | ".join(f"{100 * pages.get(c, 0) / total:.1f}%" if total else "n/a"
                                for c in ("kswapd", "victim", "aggressor", "other"))
            self.out(f"| {label} | {total} | {events} | "
                     f"{events / total if total else 0:.2f} | {shares} | "
                     f"{100 * prec:.1f}% | {100 * rec:.1f}% |")
            res[a] = {"pages": total, "events": events, "classes": pages,
                      "precision": prec, "recall": rec}
        self.json["blame"] = res
        self.out()

    def scale(self):
        sel = select(self.rows, bench="scale")
        if not sel:
            return
        self.out("## 5. Stream vs 1 Hz pagemap scan at scale\n")
        self.out("On the first base under icount (CPU time is instructions): "
                 "a process holds MIB mapped (what a scan walks) while a "
                 "32 MiB churn, twice its memory.high, is paced to about 100, "
                 "1000 and 10000 swap-outs a second for 10 s, in a guest "
                 "with one vCPU. Observer CPU is the time its processes (comm "
                 "swapowner) ran, from the guest's context switches "
                 "(sched_switch, mono clock): under icount with one vCPU, "
                 "instructions to the instruction. Scan: every swapowner "
                 "snapshot, once a second (one churn: scans repeat to "
                 "0.1%). Stream, steady (median of the churns): what "
                 "swapowner record ran between the churn's first and last "
                 "write; "
                 "whole life: also its start-up (instance, buffers, event "
                 "formats) and last drain, a fixed cost per record. Also "
                 "the share of the churn's swap-outs each saw. Goal: at "
                 "1 GiB and about 1000 swap-outs/s the stream costs at most "
                 "1/10 of the scan (steady).\n")
        self.out("| mapped MiB | swap-outs/s | scan CPU ms | stream CPU ms, "
                 "steady | stream / scan | stream CPU ms, whole life "
                 "| scan saw | stream saw | goal |")
        self.out("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        res = []
        points = {}
        for r in sel:
            m, rate, v = r["variant"].split(":")
            points.setdefault((int(m), int(rate)), {}).setdefault(v, []).append(r)
        for (m, rate), obs in sorted(points.items()):
            if "scan" not in obs or "stream" not in obs:
                continue
            def med(v, f):
                return statistics.median(f(r) for r in obs[v])
            secs = med("stream", lambda r: num(r, "ns") / 1e9)
            # pages: swap-outs during the timed churn (written also
            # counts the fill before it)
            outs = med("stream", lambda r: num(r, "pages")) / secs
            scan = med("scan", lambda r: num(r, "observer_ns") / 1e9)
            stream = med("stream", lambda r: num(r, "observer_steady_ns") / 1e9)
            whole = med("stream", lambda r: num(r, "observer_ns") / 1e9)
            seen_scan = med("scan", lambda r: num(r, "seen") / num(r, "written")
                            if num(r, "written") else 0)
            seen_stream = med("stream", lambda r: num(r, "seen") / num(r, "written")
                              if num(r, "written") else 0)
            ratio = stream / scan if scan else float("inf")
            goal = ""
            if m == 1024 and rate == 2000:
                goal = "met" if ratio <= 0.1 and seen_stream >= 1 else "**not met**"
            self.out(f"| {m} | {outs:,.0f} | {1e3 * scan:,.1f} | "
                     f"{1e3 * stream:,.1f} | {ratio:.3f} | {1e3 * whole:,.1f} | "
                     f"{100 * seen_scan:.1f}% | "
                     f"{100 * seen_stream:.1f}% | {goal} |")
            res.append({"mapped_mib": m, "paced_writes_per_s": rate,
                        "swapouts_per_s": outs, "scan_cpu_s": scan,
                        "stream_cpu_s": stream, "stream_whole_cpu_s": whole,
                        "scan_seen": seen_scan,
                        "stream_seen": seen_stream})
            self.scale_plot.append((m, outs, scan, stream))
        self.json["scale"] = res
        self.out()

    def lost(self):
        sel = select(self.rows, bench="lost")
        if not sel:
            return
        self.out("## 7. Events lost by swapowner record at the highest swap rate\n")
        self.out("MADV_PAGEOUT of 64 MiB (one owner, zram) on the first base, "
                 "plain TCG, recorded live; buffer per CPU.\n")
        self.out("| buffer KiB | rounds | written (median) | lost (median) "
                 "| lost (max) |")
        self.out("|---:|---:|---:|---:|---:|")
        res = []
        order = []
        for r in sel:
            if r["buffer_kb"] not in order:
                order.append(r["buffer_kb"])
        smallest = None
        for kb in order:
            rr = [r for r in sel if r["buffer_kb"] == kb]
            lost = [num(r, "lost") + num(r, "lost_unknown") for r in rr]
            written = statistics.median(num(r, "written") for r in rr)
            self.out(f"| {kb} ({rr[0]['variant']}) | {len(rr)} | {fmt(written)} | "
                     f"{fmt(statistics.median(lost))} | {fmt(max(lost))} |")
            res.append({"buffer_kb": int(kb), "variant": rr[0]["variant"],
                        "rounds": len(rr), "written": written,
                        "lost_median": statistics.median(lost), "lost_max": max(lost)})
            if max(lost) == 0 and (smallest is None or int(kb) < smallest):
                smallest = int(kb)
        self.out(f"\nSmallest lossless buffer: {smallest} KiB per CPU.\n"
                 if smallest else "\nNo buffer size was lossless in every round.\n")
        self.json["lost"] = {"rows": res, "smallest_lossless_kb": smallest}


def linfit(points):
    """least squares y = slope * x + const"""
    n = len(points)
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    sxx = sum((p[0] - mx) ** 2 for p in points)
    slope = sum((p[0] - mx) * (p[1] - my) for p in points) / sxx if sxx else 0.0
    return slope, my - slope * mx


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stamp", default="")
    ap.add_argument("--json", default=None)
    ap.add_argument("--plot", default=None)
    ap.add_argument("--scale-plot", default=None)
    ap.add_argument("all")
    args = ap.parse_args()

    rows = parse(args.all)
    if not rows:
        sys.exit(f"summarise: no measurements in {args.all}")
    rep = Report(rows, args.stamp)
    print("# make bench results\n")
    print(f"Stamp: {args.stamp}. icount: single-threaded TCG with -icount "
          "shift=0,sleep=off, a guest ns is one instruction; tcg: wall time "
          "of multi-threaded TCG.\n")
    rep.off_vs_unpatched()
    rep.on_vs_off()
    rep.sharers()
    rep.locks()
    rep.blame()
    rep.scale()
    rep.lost()
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rep.json, f, indent=1)
            f.write("\n")
    if args.plot:
        with open(args.plot, "w") as f:
            f.write("# base bench sharers added_instructions_per_folio\n")
            for b, bench, k, added in rep.plot:
                f.write(f"{b} {bench} {k} {added:.0f}\n")
    if args.scale_plot:
        with open(args.scale_plot, "w") as f:
            f.write("# mapped_mib swapouts_per_s scan_cpu_s stream_cpu_s\n")
            for m, outs, scan, stream in rep.scale_plot:
                f.write(f"{m} {outs:.1f} {scan:.3f} {stream:.3f}\n")


if __name__ == "__main__":
    main()
