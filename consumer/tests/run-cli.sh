#!/bin/sh
# run-cli.sh - command-line tests of swapowner: exit codes and the report
# of the fixture trace.dat files (fx.dat, fx-6.12.dat: recorded on the
# series' kernels by guest/scripts/record-fixtures.sh; fx-v2.dat and
# fx-v1.dat: written by tests/mkdat.py) cross-checked against stock
# trace-cmd report of them.
#
#   tests/run-cli.sh SWAPOWNER DATA_DIR     (TAP on stdout)
so=$1
data=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/tap.sh"

# expect_exit CODE DESC CMD... - CMD exits CODE with a message on stderr
# (exactly one line if $one_line is set)
expect_exit()
{
	local want=$1
	local desc=$2
	local lines
	local rc

	shift 2
	"$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	lines=$(wc -l < "$tmp/err")
	[ "$rc" -eq "$want" ] && [ "$lines" -ge 1 ] &&
		{ [ -z "${one_line:-}" ] || [ "$lines" -eq 1 ]; }
	ok $? "$desc (exit $rc, want $want; $lines lines on stderr)"
	[ "$rc" -eq "$want" ] || sed 's/^/# /' "$tmp/err"
}

corrupt=$(ls "$data"/corrupt/* 2>/dev/null | wc -l)
echo "1..$((38 + 2 * corrupt))"

# want_pages REPORT.txt.gz - per-pid pages and the total in the stock
# trace-cmd report of a fixture, sorted
want_pages()
{
	zcat "$1" | awk '
	/mm_swap_writepage_owner:/ {
		np = $0; sub(/.* nr_pages=/, "", np); sub(/ .*/, "", np)
		p = $0; sub(/.* pids=/, "", p); sub(/ comms=.*/, "", p)
		n = split(p, a, " ")
		for (j = 1; j <= n; j++)
			pg[a[j]] += np
		tot += np
	}
	END { for (k in pg) print k, pg[k]; print "total", tot }' | sort
}

# got_pages FILE.dat - the same from swapowner report --csv / --json
got_pages()
{
	{ "$so" report --csv "$1" | awk -F, 'NR > 1 { print $1, $4 }'
	  "$so" report --json "$1" | python3 -c \
		'import json,sys; print("total", json.load(sys.stdin)["totals"]["pages"])'
	} | sort
}

# check_fixture NAME - NAME.dat against the stock trace-cmd report of it
# (NAME-report.txt.gz): per-pid pages and the total, then the pages by
# disposition, events by flag and kind, partial events and pages by
# memcg_id (v1: cgroup_ino), from the key=value pairs trace-cmd printed
check_fixture()
{
	want_pages "$data/$1-report.txt.gz" > "$tmp/$1.want"
	"$so" report --csv "$data/$1.dat" > "$tmp/$1.csv"
	got_pages "$data/$1.dat" > "$tmp/$1.got"
	cmp -s "$tmp/$1.want" "$tmp/$1.got"
	ok $? "$1: per-pid pages and total agree with trace-cmd report ($(wc -l < "$tmp/$1.want") lines)"
	"$so" report --json "$data/$1.dat" > "$tmp/$1.json" &&
	zcat "$data/$1-report.txt.gz" | python3 -c '
import json, re, sys
d = json.load(open(sys.argv[1])); t = d["totals"]
disp = dict.fromkeys(t["pages_by_disposition"], 0)
flag = dict.fromkeys(t["events_by_flag"], 0)
kind = dict.fromkeys(t["folios_by_kind"], 0)
memcg = {}
partial = 0
for line in sys.stdin:
    if "mm_swap_writepage_owner:" not in line:
        continue
    kv = dict(re.findall(r"(\w+)=(\S*)", line))
    pages = int(kv["nr_pages"])
    disp[kv["disposition"]] += pages
    kind[kv["kind"]] += 1
    fl = [] if kv["flags"] == "none" else kv["flags"].split("|")
    for f in fl:
        flag[f] += 1
    partial += bool(set(fl) - {"unresolved"})
    cg = int(kv.get("memcg_id", kv.get("cgroup_ino")))
    memcg[cg] = memcg.get(cg, 0) + pages
assert disp == t["pages_by_disposition"], (disp, t["pages_by_disposition"])
assert flag == t["events_by_flag"], (flag, t["events_by_flag"])
assert kind == t["folios_by_kind"], (kind, t["folios_by_kind"])
assert partial == t["partial_events"], (partial, t["partial_events"])
assert t["corrupt_records"] == 0 and t["input_errors"] == 0
got = {c["memcg_id"]: c["pages"] for c in d["cgroups"]}
assert got == memcg and all(c["ino"] == c["memcg_id"] for c in d["cgroups"])
' "$tmp/$1.json"
	ok $? "$1: pages by disposition, events by flag and kind, partial events and pages by memcg_id agree with trace-cmd report"
}

# recorded_all NAME - NAME.dat, recorded by guest/scripts/record-fixtures.sh,
# holds every kind of folio and disposition and the flags it set out to
recorded_all()
{
	python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["totals"]
d = t["pages_by_disposition"]
for k in ("write_sync", "write_async", "zero", "zswap", "activate", "clean"):
    assert d[k] > 0, k
for k in ("anon", "shmem", "ksm"):
    assert t["folios_by_kind"][k] > 0, k
for k in ("capped", "exiting", "shared_mm"):
    assert t["events_by_flag"][k] > 0, k
' "$tmp/$1.json" && zcat "$data/$1-report.txt.gz" | grep -q ' nr_pages=512 '
	ok $? "$1: the recording has anon, shmem, KSM and THP folios, six dispositions and the capped, exiting and shared_mm flags"
}

# fx.dat: recorded on the 7.3 kernel; fx-6.12.dat: on the 6.12 backport
check_fixture fx
recorded_all fx
if [ -f "$data/fx-6.12.dat" ]; then
	check_fixture fx-6.12
	recorded_all fx-6.12
else
	for i in 1 2 3; do
		n=$((n + 1))
		echo "ok $n - fx-6.12 # SKIP no fx-6.12.dat"
	done
fi
# fx-instance.dat: recorded as swapowner record -o does, in an instance
# buffer, the top-level one without data
check_fixture fx-instance
# fx-v2.dat (tests/mkdat.py): also the dispositions and flags a guest
# cannot produce (arch_fail, unnamed)
check_fixture fx-v2
# fx-v1.dat (tests/mkdat.py): the v1 format still reads
check_fixture fx-v1
"$so" report "$data/fx-v2.dat" > "$tmp/v2.table"
grep -Eq '^  pages: written [0-9]+  zswap [0-9]+  zero [0-9]+  clean [1-9][0-9]*  stale [0-9]+  kept [1-9][0-9]* \(activated [0-9]+, arch_fail [1-9][0-9]*\)$' "$tmp/v2.table" &&
	grep -q '^    MEMCG_ID ' "$tmp/v2.table"
ok $? "v2: the table counts clean, and arch_fail as kept"
# a v1 and a v2 trace in one report: they add up
"$so" report --json "$data/fx-v1.dat" "$data/fx.dat" > "$tmp/both.json"
ok $? "report fx-v1.dat fx.dat (v1 and v2)"
python3 -c '
import json, sys
a, b, c = (json.load(open(f))["totals"] for f in sys.argv[1:4])
for k in ("folios", "pages", "shared_folios", "partial_events"):
    assert a[k] + b[k] == c[k], k
for k in a["pages_by_disposition"]:
    assert a["pages_by_disposition"][k] + b["pages_by_disposition"][k] == \
        c["pages_by_disposition"][k], k
' "$tmp/fx-v1.json" "$tmp/fx.json" "$tmp/both.json"
ok $? "v1 and v2: the totals of both files add up"

expect_exit 6 "missing file" "$so" report "$tmp/nonexistent.dat"
: > "$tmp/empty.dat"
expect_exit 6 "empty file" "$so" report "$tmp/empty.dat"
head -c 20000 "$data/fx.dat" > "$tmp/trunc.dat"
expect_exit 6 "truncated trace.dat" "$so" report "$tmp/trunc.dat"
head -c 65536 /dev/urandom > "$tmp/random.dat"
expect_exit 6 "random bytes" "$so" report "$tmp/random.dat"
echo "not a trace" > "$tmp/text.dat"
expect_exit 6 "text file" "$so" report "$tmp/text.dat"
# inputs on which the fuzzer made libtracecmd/libtraceevent crash or ask
# for absurd allocations: exactly one line and exit 6, with the address
# layout randomised and not (setarch -R): where a library happens to
# fault must not matter. NAME.gz is NAME compressed (the fuzzer's inputs
# are the uncompressed fixture: 1.8 MB).
for f in "$data"/corrupt/*; do
	[ -f "$f" ] || continue
	name=${f##*/}
	case "$f" in
	*.gz) name=${name%.gz}; zcat "$f" > "$tmp/$name"; f=$tmp/$name ;;
	esac
	one_line=1 expect_exit 6 "corrupt trace.dat $name, ASLR on" \
		"$so" report "$f"
	one_line=1 expect_exit 6 "corrupt trace.dat $name, ASLR off" \
		setarch -R "$so" report "$f"
done
# --keep-going: a file the library crashes on is counted in input_errors
# in every format, and the good file is still summarised
f=$data/corrupt/fx-v2-truncated-6000
"$so" report --keep-going --json "$f" "$data/fx-v2.dat" > "$tmp/kg.json" \
	2> "$tmp/kg.err" &&
	python3 -c '
import json, sys
kg = json.load(open(sys.argv[1]))["totals"]
v2 = json.load(open(sys.argv[2]))["totals"]
assert kg["input_errors"] >= 1, kg["input_errors"]
assert v2["input_errors"] == 0
assert kg["pages"] >= v2["pages"], (kg["pages"], v2["pages"])
' "$tmp/kg.json" "$tmp/fx-v2.json" && [ "$(wc -l < "$tmp/kg.err")" -eq 1 ]
ok $? "--keep-going --json: input_errors counted, fx-v2.dat still read ($(cat "$tmp/kg.err"))"
"$so" report --keep-going --csv "$f" "$data/fx-v2.dat" 2> /dev/null |
	awk -F, 'NR == 1 && $NF != "input_errors" { exit 1 }
		 NR > 1 && $NF < 1 { exit 1 } END { exit NR < 2 }'
ok $? "--keep-going --csv: input_errors in the last column of every row"
"$so" report --keep-going "$f" "$data/fx-v2.dat" 2> /dev/null |
	grep -q '^  input errors: [1-9]'
ok $? "--keep-going: the table says how many input errors"
expect_exit 2 "unknown option" "$so" report --bogus "$data/fx.dat"
expect_exit 2 "unknown command" "$so" frobnicate
if [ -f "$data/noevent.dat" ]; then
	expect_exit 7 "trace.dat without the event" "$so" report "$data/noevent.dat"
else
	n=$((n + 1))
	echo "ok $n - trace.dat without the event # SKIP no noevent.dat"
fi

# -i / --timeline: the buckets add up to the totals, per pid too
"$so" report -i 0.01 --timeline --top 1000 --csv "$data/fx.dat" > "$tmp/tl.csv"
ok $? "report -i 0.01 --timeline --top 1000 --csv"
awk -F, 'NR > 1 && $4 == "total" { t += $5 }
	 NR > 1 && $3 != "" { p[$3] += $5 }
	 NR > 1 && $2 - $1 != 10000000 { bad = 1 }
	 END { if (bad) print "bad bucket"; for (k in p) print k, p[k];
	       print "total", t }' "$tmp/tl.csv" | sort > "$tmp/tl.got"
cmp -s "$tmp/fx.want" "$tmp/tl.got"
ok $? "timeline buckets of 0.01 s add up to the per-pid and total pages"
"$so" report --timeline --json "$data/fx.dat" | python3 -c '
import json, sys
d = json.load(sys.stdin); t = d["timeline"]
assert len(t["buckets"]) == 50, len(t["buckets"])
assert sum(b["pages"] for b in t["buckets"]) == d["totals"]["pages"]
for i, s in enumerate(t["series"][:-1]):
    p = [q for q in d["processes"] if q["tgid"] == s["tgid"]][0]
    assert sum(b["series_pages"][i] for b in t["buckets"]) == p["pages"]
'
ok $? "--timeline --json: 50 default buckets, sums match"
expect_exit 2 "-i 0" "$so" report -i 0 "$data/fx.dat"
expect_exit 2 "-i not a number" "$so" report -i 1x "$data/fx.dat"
expect_exit 2 "record -i 0" "$so" record -i 0

# --plot: gnuplot draws a non-empty SVG (and PNG if it has the terminal)
rm -f "$tmp/fx.svg"
top=$(awk -F, 'NR == 2 { print $2 " [" $1 "]" }' "$tmp/fx.csv")
"$so" report --plot "$tmp/fx.svg" "$data/fx.dat" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && [ -s "$tmp/fx.svg" ] && grep -q '<svg' "$tmp/fx.svg" &&
	grep -qF "$top" "$tmp/fx.svg" && grep -q "PLOT $tmp/fx.svg" "$tmp/out"
ok $? "--plot FILE.svg (exit $rc, $(wc -c < "$tmp/fx.svg" 2>/dev/null) bytes)"
if gnuplot -e 'set terminal' 2>&1 | grep -Eq '^ *(pngcairo|png) '; then
	"$so" report --json --plot "$tmp/fx.png" "$data/fx.dat" > "$tmp/out"
	rc=$?
	[ "$rc" -eq 0 ] && [ "$(head -c 4 "$tmp/fx.png" | od -An -tx1 | tr -d ' ')" = 89504e47 ] &&
		python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/out"
	ok $? "--plot FILE.png, stdout still one JSON document (exit $rc)"
else
	n=$((n + 1))
	echo "ok $n - --plot FILE.png # SKIP gnuplot has no png terminal"
fi
expect_exit 2 "--plot FILE.pdf" "$so" report --plot "$tmp/fx.pdf" "$data/fx.dat"
mkdir -p "$tmp/nobin"
expect_exit 9 "--plot without gnuplot" env PATH="$tmp/nobin" "$so" report \
	--plot "$tmp/x.svg" "$data/fx.dat"
expect_exit 10 "--plot into a missing directory" "$so" report \
	--plot "$tmp/nodir/x.svg" "$data/fx.dat"
[ ! -e "$tmp/nodir/x.svg" ] && [ "$(wc -l < "$tmp/err")" -eq 1 ]
ok $? "gnuplot failure is one line: $(cat "$tmp/err")"
[ "$failed" -eq 0 ]
