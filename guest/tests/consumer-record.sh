# consumer-record.sh - swapowner record / report in the guest agree with
# /proc/PID/pagemap ground truth:
#
# 1. live: `swapowner record --csv -- WORKLOAD` (raw per-CPU buffers);
# 2. through trace-cmd: `swapowner record -o rec.dat -- WORKLOAD`, then
#    `swapowner report` on rec.dat, which stock trace-cmd report reads too;
# 3. snapshot: per-process swapped pages from pagemap, each shared slot
#    once in the total;
# 4. errors and hygiene: CMD not found, an instance that is not ours, the
#    instance removed afterwards, SIGINT prints the summary.
#
# WORKLOAD: swap-hog --comm rh --mib 8 --fork 2 (a parent and two children
# sharing COW pages) in cgroup "rec", reclaimed through memory.reclaim;
# pagemap-truth is taken while the hogs still hold their memory. Per process,
# the pages the event says went to swap (written, zswap, zero; not stale or
# activated) must equal the swapped pages pagemap shows.
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh
. /lib/swapowner/consumer.sh

tap_plan 37

if ! tap_ok "the kernel has swap:mm_swap_writepage_owner" \
	test -d /sys/kernel/tracing/events/swap/mm_swap_writepage_owner; then
	exit 1
fi

cg_create rec max

# the workload: $1 = name of the run (files /tmp/$1.*)
cat > /tmp/workload.sh <<'WORK'
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh
name=$1
cg_exec rec swap-hog --comm rh --mib 8 --fork 2 --ready "/tmp/$name.pids" --hold \
	> /dev/null 2>&1 &
wait_file /tmp/$name.pids
cg_reclaim rec 16M
pagemap-truth $(cat /tmp/$name.pids) > /tmp/$name.truth 2>/dev/null
stop_pids /tmp/$name.pids
WORK

# check_run NAME CSV - per-process pages of CSV agree with pagemap
check_run()
{
	check_pages "$1" "$2" "/tmp/$1.truth" 2048 "$(cat "/tmp/$1.pids")"
}

# 1. live
swapowner record --csv -- sh /tmp/workload.sh live > "$RESULTS/live.csv" \
	2> "$RESULTS/live.err"
tap_cmp $? -eq 0 "live: swapowner record -- workload exits 0"
cp /tmp/live.truth "$RESULTS/"
tap_cmp "$(head -n 1 "$RESULTS/live.csv" | cut -d, -f1-4)" = "tgid,comm,folios,pages" \
	"live: CSV header"
tap_cmp "$(awk -F, 'NR > 1 && ($2 == "rh" || $2 == "rh-child")' "$RESULTS/live.csv" | wc -l)" -eq 3 \
	"live: 3 processes named rh / rh-child"
check_run live "$RESULTS/live.csv"
tap_cmp "$(ls /sys/kernel/tracing/instances | grep -c swapowner)" -eq 0 \
	"live: the instance was removed"

# 2. through trace-cmd
swapowner record -o "$RESULTS/rec.dat" --json -- sh /tmp/workload.sh dat \
	> "$RESULTS/rec.json" 2> "$RESULTS/rec.err"
tap_cmp $? -eq 0 "trace-cmd: swapowner record -o rec.dat -- workload exits 0"
cp /tmp/dat.truth "$RESULTS/"
tap_ok "trace-cmd: rec.dat exists" test -s "$RESULTS/rec.dat"
swapowner report --csv "$RESULTS/rec.dat" > "$RESULTS/rec.csv" 2>> "$RESULTS/rec.err"
tap_cmp $? -eq 0 "trace-cmd: swapowner report rec.dat exits 0"
check_run dat "$RESULTS/rec.csv"
swapowner report --json "$RESULTS/rec.dat" > "$RESULTS/report.json"
# processes: the same; cgroup paths are only resolved live
sed -n '/"processes"/,/"blamed"/p' "$RESULTS/rec.json" > /tmp/a.json
sed -n '/"processes"/,/"blamed"/p' "$RESULTS/report.json" > /tmp/b.json
tap_ok "trace-cmd: the processes of record -o and of report are identical" \
	sh -c 'test -s /tmp/a.json && cmp -s /tmp/a.json /tmp/b.json'
tap_ok "trace-cmd: --json is one document with version 1" \
	sh -c "head -n 1 '$RESULTS/report.json' | grep -qx '{' &&
		tail -n 1 '$RESULTS/report.json' | grep -qx '}' &&
		grep -q '^  \"version\": 1,$' '$RESULTS/report.json'"
trace-cmd report -i "$RESULTS/rec.dat" > "$RESULTS/rec.txt" 2>&1
events=$(grep -c 'mm_swap_writepage_owner:' "$RESULTS/rec.txt")
folios=$(grep -o '"folios": [0-9]*' "$RESULTS/report.json" | head -n 1 | cut -d' ' -f2)
tap_cmp "$events" -eq "$folios" "trace-cmd: stock trace-cmd report has the same $folios events"
swapowner report "$RESULTS/rec.dat" > "$RESULTS/rec.table"
tap_ok "trace-cmd: the table has the blamed (common_pid) section" \
	grep -q '^BLAMED' "$RESULTS/rec.table"
tap_cmp "$(ls /sys/kernel/tracing/instances | grep -c swapowner)" -eq 0 \
	"trace-cmd: the instance was removed"

# 3. snapshot: pagemap now, shared slots once in the total
cg_exec rec swap-hog --comm sn --mib 8 --fork 2 --ready /tmp/snap.pids --hold \
	> /dev/null 2>&1 &
wait_file /tmp/snap.pids
cg_reclaim rec 16M
pids=$(cat /tmp/snap.pids)
pagemap-truth $pids > "$RESULTS/snap.truth" 2>/dev/null
swapowner snapshot --csv $pids > "$RESULTS/snap.csv"
tap_cmp $? -eq 0 "snapshot: exits 0"
swapowner snapshot --json $pids > "$RESULTS/snap.json"
stop_pids /tmp/snap.pids
bad=0
for pid in $pids; do
	want=$(truth_pages "$RESULTS/snap.truth" "$pid")
	got=$(awk -F, -v p="$pid" 'NR > 1 && $1 == p { print $3 }' "$RESULTS/snap.csv")
	tap_diag "snapshot: pid $pid: pagemap-truth $want, snapshot ${got:-none}"
	[ "$want" -gt 0 ] && [ "$want" = "$got" ] || bad=$((bad + 1))
done
tap_cmp "$bad" -eq 0 "snapshot: per-process pages equal pagemap-truth"
want=$(awk '{ print $3 ":" $4 }' "$RESULTS/snap.truth" | sort -u | wc -l)
got=$(grep -o '"slots": [0-9]*' "$RESULTS/snap.json" | cut -d' ' -f2)
tap_cmp "${got:-0}" -eq "$want" "snapshot: $want distinct slots counted once in the total"

# 4. errors and hygiene
trace-cmd record -q -o "$RESULTS/noevent.dat" -e sched:sched_process_exec true \
	> /dev/null 2>&1
swapowner report "$RESULTS/noevent.dat" > /dev/null 2> "$RESULTS/noevent.err"
tap_cmp $? -eq 7 "report: a trace.dat without the event exits 7"

swapowner record -- /nonexistent/cmd > /dev/null 2> "$RESULTS/nocmd.err"
tap_cmp $? -eq 127 "CMD not found: exit 127"
tap_cmp "$(wc -l < "$RESULTS/nocmd.err")" -eq 1 "CMD not found: one line on stderr"
mkdir /sys/kernel/tracing/instances/other
swapowner record -B other -d 1 > /dev/null 2> "$RESULTS/other.err"
tap_cmp $? -eq 1 "an existing instance is refused (exit 1)"
tap_ok "an existing instance is left alone" test -d /sys/kernel/tracing/instances/other
rmdir /sys/kernel/tracing/instances/other
swapowner record -B sigint --csv > "$RESULTS/sigint.csv" 2> "$RESULTS/sigint.err" &
pid=$!
# tracing_on turns 1 only after the SIGINT handler is in place
wait_tracing_on sigint
kill -INT $pid
wait $pid
tap_cmp $? -eq 0 "SIGINT: exit 0"
tap_ok "SIGINT: the summary is printed" grep -q '^tgid,comm' "$RESULTS/sigint.csv"
tap_ok "SIGINT: the instance was removed" \
	test ! -e /sys/kernel/tracing/instances/sigint
swapowner report /nonexistent.dat 2> /dev/null
tap_cmp $? -eq 6 "report: missing file exits 6"

# the same workload seen live by swapowner and by trace-cmd at once (two
# instances): per-process pages agree
swapowner record --csv -- trace-cmd record -q -B both -o "$RESULTS/both.dat" \
	-e swap:mm_swap_writepage_owner sh /tmp/workload.sh both \
	> "$RESULTS/both-live.csv" 2> "$RESULTS/both.err"
swapowner report --csv "$RESULTS/both.dat" > "$RESULTS/both-dat.csv" 2>> "$RESULTS/both.err"
cut -d, -f1,3,4 "$RESULTS/both-live.csv" | grep -v '^tgid' | sort > /tmp/both-live
cut -d, -f1,3,4 "$RESULTS/both-dat.csv" | grep -v '^tgid' | sort > /tmp/both-dat
tap_cmp "$(grep -c . /tmp/both-dat)" -ge 3 "same workload: trace-cmd's file has the 3 owners"
tap_ok "same workload: live record and trace-cmd record + report agree per process" \
	cmp -s /tmp/both-live /tmp/both-dat

# not root: a user without access to tracefs gets exit 4
echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >> /etc/passwd
echo 'nogroup:x:65534:' >> /etc/group
su -s /bin/sh nobody -c 'swapowner record -d 1' > /dev/null 2> /tmp/nonroot.err
tap_cmp $? -eq 4 "not root: record exits 4 ($(head -n 1 /tmp/nonroot.err))"

# -i: rolling interval tables (on stderr with --csv) that add up to the total
swapowner record -i 0.5 --csv -- sh /tmp/workload.sh iv \
	> "$RESULTS/iv.csv" 2> "$RESULTS/iv.err"
intervals=$(grep -c ' s: [0-9]* folios' "$RESULTS/iv.err")
tap_cmp "$intervals" -ge 1 "record -i 0.5 prints interval tables ($intervals)"
sum=$(awk '/ s: [0-9]+ folios/ { sub(/.* folios, /, ""); n += $1 } END { print n + 0 }' "$RESULTS/iv.err")
last=$(awk '/^ *total: / { sub(/.* folios, /, ""); n = $1 } END { print n + 0 }' "$RESULTS/iv.err")
tap_cmp "$sum" -eq "$last" "the intervals' pages add up to the running total ($sum)"

# a buffer too small for the swap rate: what the ring buffer dropped is
# counted, and seen + lost is every page written
before=$(vmstat pswpout)
swapowner record -b 4 --json -- sh -c 'swap-bench --cgroup /sys/fs/cgroup/rec \
	--mib 32 --rounds 1 --pageout > /dev/null' > "$RESULTS/lost.json"
written=$(( $(vmstat pswpout) - before ))
seen=$(json_total pages "$RESULTS/lost.json")
lost=$(json_total lost_events "$RESULTS/lost.json")
tap_cmp "$lost" -gt 0 "-b 4 at full swap rate: lost events are reported ($lost)"
tap_cmp "$(json_total lost_unknown "$RESULTS/lost.json")" -eq 0 \
	"-b 4: every loss came with its count"
tap_cmp "$((seen + lost))" -eq "$written" \
	"-b 4: seen $seen + lost $lost = pages written $written"
tap_done
