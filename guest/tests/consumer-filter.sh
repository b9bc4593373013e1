# consumer-filter.sh - swapowner record / report --pid, --comm, --cgroup
# keep exactly the owners asked for, with the pages /proc/PID/pagemap
# shows them to have swapped, and record gives the kernel an event filter
# so that fewer events are recorded.
#
# Each case starts two fresh workloads that hold their memory: "fa", a
# swap-hog with 2 forked children sharing its 8 MiB copy-on-write, in
# cgroup fa, and "fb", a single 8 MiB swap-hog in cgroup fb. Then
# `swapowner record FILTER -B NAME -- sh reclaim.sh NAME` reclaims both
# cgroups while recording; reclaim.sh takes pagemap-truth of the 4
# processes and saves the kernel filter of the instance. Per kept pid the
# pages the report says left memory (written, zswap, zero, clean) must
# equal its swapped pages in pagemap; every other pid must be absent.
#
# 1. live --pid CHILD: a child whose pages are shared with its parent and
#    sibling (the event's owner_pid is one of the others: the kernel
#    filter lets shared folios through, userspace keeps the child);
# 2. live --comm fb;
# 3. live --cgroup fa: all three of fa, none of fb;
# 4. record -o FILE --pid PARENT --cgroup fa: trace-cmd records with the
#    kernel filter (-f): stock trace-cmd report of FILE has no event of
#    cgroup fb; report FILE --pid PARENT agrees with pagemap.
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh
. /lib/swapowner/consumer.sh

tap_plan 25

owner_event_required

cg_create fa max
cg_create fb max
fa_id=$(ls -di /sys/fs/cgroup/fa | awk '{ print $1 }')
fb_id=$(ls -di /sys/fs/cgroup/fb | awk '{ print $1 }')
tap_diag "cgroup ids: fa $fa_id, fb $fb_id"

# reclaim.sh NAME - the CMD of record: reclaim both cgroups, take the
# truth of the 4 hogs, save the instance's kernel filter
cat > /tmp/reclaim.sh <<'WORK'
. /lib/swapowner/swap.sh
name=$1
cg_reclaim fa 16M
cg_reclaim fb 16M
pagemap-truth $(cat /tmp/$name-fa.pids /tmp/$name-fb.pids) \
	> /tmp/$name.truth 2>/dev/null
cat /sys/kernel/tracing/instances/$name/events/swap/mm_swap_writepage_owner/filter \
	> /tmp/$name.kfilter
WORK

# hogs_start NAME - the two workloads of case NAME, holding their memory
hogs_start()
{
	cg_exec fa swap-hog --comm fa --mib 8 --fork 2 \
		--ready "/tmp/$1-fa.pids" --hold > /dev/null 2>&1 &
	cg_exec fb swap-hog --comm fb --mib 8 \
		--ready "/tmp/$1-fb.pids" --hold > /dev/null 2>&1 &
	wait_file "/tmp/$1-fa.pids" && wait_file "/tmp/$1-fb.pids"
}

hogs_stop()
{
	stop_pids "/tmp/$1-fa.pids"
	stop_pids "/tmp/$1-fb.pids"
	cp "/tmp/$1.truth" "/tmp/$1.kfilter" "$RESULTS/" 2>/dev/null
}

# check_kept NAME CSV "KEPT PIDS" - the CSV lists exactly KEPT, each with
# its pagemap pages
check_kept()
{
	local name=$1
	local csv=$2
	local want
	local got

	got=$(awk -F, 'NR > 1 { print $1 }' "$csv" | sort -n | tr '\n' ' ')
	want=$(echo $3 | tr ' ' '\n' | sort -n | tr '\n' ' ')
	tap_ok "$name: the report lists exactly the pids kept ($want; got $got)" \
		test "$got" = "$want"
	check_pages "$name" "$csv" "/tmp/$name.truth" 1024 "$3"
}

# kfilter_is NAME WANT - the kernel filter the instance had
kfilter_is()
{
	local got

	got=$(cat "/tmp/$1.kfilter" 2>/dev/null)
	tap_ok "$1: the kernel filter is '$2' (got '$got')" test "$got" = "$2"
}

# kfilter_has NAME WANT - trace-cmd's filter holds WANT (it adds its own
# common_pid terms)
kfilter_has()
{
	local got

	got=$(cat "/tmp/$1.kfilter" 2>/dev/null)
	case "$got" in
	*"$2"*) tap_result 0 "$1: the kernel filter has '$2' (got '$got')" ;;
	*) tap_result 1 "$1: the kernel filter has '$2' (got '$got')" ;;
	esac
}

# 1. live --pid CHILD
hogs_start pid
child=$(sed -n 2p /tmp/pid-fa.pids)
swapowner record --csv --pid "$child" -B pid -- sh /tmp/reclaim.sh pid \
	> "$RESULTS/pid.csv" 2> "$RESULTS/pid.err"
tap_cmp $? -eq 0 "pid: record --pid $child exits 0"
hogs_stop pid
check_kept pid "$RESULTS/pid.csv" "$child"
kfilter_is pid "(owner_pid == $child || nr_owners > 1)"

# 2. live --comm fb
hogs_start comm
swapowner record --csv --comm fb -B comm -- sh /tmp/reclaim.sh comm \
	> "$RESULTS/comm.csv" 2> "$RESULTS/comm.err"
tap_cmp $? -eq 0 "comm: record --comm fb exits 0"
hogs_stop comm
check_kept comm "$RESULTS/comm.csv" "$(cat /tmp/comm-fb.pids)"
kfilter_is comm '(comms ~ "*fb*")'

# 3. live --cgroup fa
hogs_start cg
swapowner record --csv --cgroup fa -B cg -- sh /tmp/reclaim.sh cg \
	> "$RESULTS/cg.csv" 2> "$RESULTS/cg.err"
tap_cmp $? -eq 0 "cg: record --cgroup fa exits 0"
hogs_stop cg
check_kept cg "$RESULTS/cg.csv" "$(cat /tmp/cg-fa.pids)"
kfilter_is cg "(memcg_id == $fa_id)"

# 4. through trace-cmd: the kernel filter goes to trace-cmd record -f
hogs_start dat
parent=$(head -n 1 /tmp/dat-fa.pids)
swapowner record -o "$RESULTS/dat.dat" --json --pid "$parent" --cgroup fa \
	-B dat -- sh /tmp/reclaim.sh dat > "$RESULTS/dat.json" 2> "$RESULTS/dat.err"
tap_cmp $? -eq 0 "dat: record -o --pid $parent --cgroup fa exits 0"
hogs_stop dat
kfilter_has dat "(owner_pid == $parent || nr_owners > 1) && (memcg_id == $fa_id)"
trace-cmd report -i "$RESULTS/dat.dat" > "$RESULTS/dat.txt" 2>&1
events=$(grep -c 'mm_swap_writepage_owner:' "$RESULTS/dat.txt")
tap_cmp "$events" -gt 0 "dat: trace-cmd recorded events ($events)"
tap_cmp "$(grep -c " memcg_id=$fb_id " "$RESULTS/dat.txt")" -eq 0 \
	"dat: none of them of cgroup fb (the kernel filtered them out)"
swapowner report --csv --pid "$parent" "$RESULTS/dat.dat" > "$RESULTS/dat.csv"
tap_cmp $? -eq 0 "dat: report --pid $parent FILE exits 0"
check_kept dat "$RESULTS/dat.csv" "$parent"
tap_ok "dat: the JSON says what was filtered" \
	grep -q "\"kernel_filter\": \"(owner_pid == $parent" "$RESULTS/dat.json"
tap_done
