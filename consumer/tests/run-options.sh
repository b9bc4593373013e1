#!/bin/bash
# run-options.sh - command-line tests of swapowner's options that need no
# kernel: the usage synopsis (one source, the same in README.md), the
# owner filters of report, the plot's series, and record -i's live view
# under a pseudo-terminal (with a fake tracefs-less record: see below).
#
#   tests/run-options.sh SWAPOWNER DATA_DIR README   (TAP on stdout)
set -euo pipefail

if [ $# -ne 3 ]; then
	echo "usage: $0 SWAPOWNER DATA_DIR README" >&2
	exit 2
fi
so=$1
data=$2
readme=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/tap.sh"

# run CMD... - CMD's exit code in $rc, its output in $tmp/out, $tmp/err
run()
{
	rc=0
	"$@" > "$tmp/out" 2> "$tmp/err" || rc=$?
}

echo "1..14"

# the synopses: written once in cli.c; README.md shows the same lines
synopses()
{
	sed -n '/^swapowner \[-D\] record /,/^swapowner \[-D\] snapshot /p'
}
run "$so" -h
synopses < "$tmp/out" > "$tmp/syn.bin"
awk '/^```/ { inb = !inb; next } inb' "$readme" | synopses > "$tmp/syn.md"
r=0
[ "$rc" -eq 0 ] && [ -s "$tmp/syn.bin" ] && cmp -s "$tmp/syn.bin" "$tmp/syn.md" || r=1
ok $r "swapowner -h and README.md show the same synopses ($(wc -l < "$tmp/syn.bin") lines)"
[ "$r" -eq 0 ] || diff "$tmp/syn.bin" "$tmp/syn.md" | sed 's/^/# /' || true

# each command's -h (stdout, exit 0) and usage error (stderr, exit 2)
# print its synopsis from -h, re-wrapped after "usage: "
for cmd in record report snapshot; do
	run "$so" "$cmd" -h
	tr -s ' \n' ' ' < "$tmp/out" > "$tmp/h"
	hrc=$rc
	run "$so" "$cmd" --bogus
	head -n 1 "$tmp/err" > "$tmp/e1"
	tail -n +2 "$tmp/err" | tr -s ' \n' ' ' > "$tmp/e"
	want=$(awk -v c="$cmd" '/^swapowner/ { p = ($3 == c) } p' "$tmp/syn.bin" |
		tr -s ' \n' ' ')
	r=0
	[ "$hrc" -eq 0 ] && [ "$rc" -eq 2 ] && [ "$(cat "$tmp/h")" = "usage: $want" ] &&
		[ "$(cat "$tmp/e")" = "usage: $want" ] &&
		grep -q "^swapowner: $cmd: .*--bogus" "$tmp/e1" || r=1
	ok $r "$cmd -h and $cmd --bogus print the $cmd synopsis (exit $hrc, $rc; $(cat "$tmp/e1"))"
done

# --pid, --comm: per owner the pages trace-cmd report lists for the
# owners kept, the total each kept folio once, the filter in the JSON
want_filtered()
{
	zcat "$data/fx-report.txt.gz" "$data/fx-v2-report.txt.gz" |
		python3 -c '
import json, re, sys
pids = set(int(p) for p in sys.argv[1].split())
comms = set(sys.argv[2].split())
folios = pages = 0
procs = {}
for line in sys.stdin:
    if "mm_swap_writepage_owner:" not in line:
        continue
    kv = dict(re.findall(r"(\w+)=(\S*)", line))
    n = int(kv["nr_pages"])
    owners = [int(p) for p in line.split(" pids=")[1].split(" comms=")[0].split()]
    names = kv["comms"].split(",")
    kept = [p for i, p in enumerate(owners)
            if p in pids or (len(names) == len(owners) and names[i] in comms)]
    if not kept:
        continue
    folios += 1
    pages += n
    for p in kept:
        procs[p] = procs.get(p, 0) + n
print(json.dumps({"folios": folios, "pages": pages,
                  "procs": sorted(procs.items())}))
' "$1" "$2"
}

got_filtered()
{
	python3 -c '
import json, sys
d = json.load(sys.stdin)
f = d["filter"]
assert sorted(f["pids"]) == sorted(int(p) for p in sys.argv[1].split()), f
assert sorted(f["comms"]) == sorted(sys.argv[2].split()), f
assert f["kernel_filter"] is None, f
print(json.dumps({"folios": d["totals"]["folios"],
                  "pages": d["totals"]["pages"],
                  "procs": sorted([p["tgid"], p["pages"]]
                                  for p in d["processes"])}))
' "$1" "$2"
}

# filter_case PIDS COMMS - report --pid/--comm of both fixtures
filter_case()
{
	local args=()
	local p

	for p in $1; do args+=(--pid "$p"); done
	for p in $2; do args+=(--comm "$p"); done
	want_filtered "$1" "$2" > "$tmp/fw"
	rc=0
	"$so" report --json "${args[@]}" "$data/fx.dat" "$data/fx-v2.dat" \
		> "$tmp/fj" 2> "$tmp/err" || rc=$?
	got_filtered "$1" "$2" < "$tmp/fj" > "$tmp/fg" 2>> "$tmp/err" || rc=1
	r=0
	[ "$rc" -eq 0 ] && cmp -s "$tmp/fw" "$tmp/fg" || r=1
	ok $r "report ${args[*]}: as trace-cmd report's kept owners: $(cat "$tmp/fw")"
	[ "$r" -eq 0 ] ||
		{ sed 's/^/# /' "$tmp/err"; sed 's/^/# got /' "$tmp/fg"; }
}
filter_case "61" ""
filter_case "" "fx-child"
filter_case "58" "db"
filter_case "200 61" "db-worker"
filter_case "4242" ""

# bad filter arguments: one line and the usage, exit 2
run "$so" report --pid 0 "$data/fx.dat"
r=0
[ "$rc" -eq 2 ] && [ "$(head -n 1 "$tmp/err")" = "swapowner: --pid: '0' is not a process id" ] || r=1
ok $r "report --pid 0: exit $rc, $(head -n 1 "$tmp/err")"
run "$so" report --cgroup /no/such/cgroup "$data/fx.dat"
r=0
[ "$rc" -eq 2 ] && grep -q "^swapowner: --cgroup: no cgroup '/no/such/cgroup'" "$tmp/err" || r=1
ok $r "report --cgroup /no/such/cgroup: exit $rc, $(head -n 1 "$tmp/err")"

# --cgroup PATH: the cgroup and every one below it, found in the cgroup2
# mount that /proc/self/mountinfo names
cgroot=$(awk '{ for (i = 7; i < NF; i++) if ($i == "-") break }
	$(i + 1) == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
if [ -n "$cgroot" ] && [ -d "$cgroot" ]; then
	want=$(find "$cgroot" -xdev -type d 2>/dev/null | wc -l)
	run "$so" report --json --cgroup / "$data/fx.dat"
	got=$(python3 -c 'import json,sys; f = json.load(sys.stdin)["filter"]
assert f["cgroups"] == ["/"], f
print(len(set(f["memcg_ids"])))' < "$tmp/out" 2>> "$tmp/err") || got=-1
	r=0
	[ "$rc" -eq 0 ] && [ "$got" -eq "$want" ] || r=1
	ok $r "report --cgroup /: the $want cgroups of $cgroot, each its own id (got $got, exit $rc)"
else
	n=$((n + 1))
	echo "ok $n - report --cgroup / # SKIP no cgroup2 mount"
fi

# --plot: every series its own colour, named "comm [tgid]" as in the
# JSON timeline's series, the total as a line, the y axis explained
plot_check()
{
	python3 - "$tmp/p.svg" "$tmp/p.json" <<'PY'
import json, re, sys
svg = open(sys.argv[1]).read()
series = json.load(open(sys.argv[2]))["timeline"]["series"]
want = ["%s [%d]" % (s["comm"], s["tgid"]) for s in series[:-1]]
want += ["other", "total (each page once)"]
got, colours = [], []
for part in re.split(r'<g id="gnuplot_plot_\d+"', svg)[1:]:
    got.append(re.search(r"<text>([^<]*)</text>", part).group(1))
    rgb = set(re.findall(r"fill = '(rgb\([^)]*\))'", part))
    rgb |= set(re.findall(r"<path stroke='(rgb\([^)]*\))'", part))
    assert len(rgb) == 1, (got[-1], rgb)
    colours += rgb
assert got == want, (got, want)
assert len(set(colours)) == len(colours), list(zip(got, colours))
assert "<text>pages (a page shared by several processes counts for each)</text>" in svg
print(len(got))
PY
}
for top in "" "--top 2"; do
	rc=0
	# shellcheck disable=SC2086
	"$so" report $top --plot "$tmp/p.svg" "$data/fx.dat" "$data/fx-v2.dat" \
		> /dev/null 2> "$tmp/err" || rc=$?
	# shellcheck disable=SC2086
	"$so" report $top --timeline --json "$data/fx.dat" "$data/fx-v2.dat" \
		> "$tmp/p.json" || rc=$?
	nr=$( [ "$rc" -eq 0 ] && plot_check 2> "$tmp/err") || rc=1
	ok $rc "--plot ${top:-(top 8)}: ${nr:-?} series, each its own colour, named as in --timeline --json"
	[ "$rc" -eq 0 ] || sed 's/^/# /' "$tmp/err"
done

[ "$failed" -eq 0 ]
