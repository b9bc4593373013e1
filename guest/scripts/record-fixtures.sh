# record-fixtures.sh - record the consumer's test fixtures on a kernel of
# the series: the event's format file and a trace.dat (stock trace-cmd
# record) of swap-outs of every kind and as many dispositions and flags
# as a guest can produce. Run by scripts/record-fixtures.sh on the host:
#
#   qemu/run-vm --base 7.3 --swap disk --swap-mb 256 --out DIR \
#       -- guest/scripts/record-fixtures.sh
#
# Writes to $RESULTS: format (the kernel's format file of the event),
# fixture.dat, phases.txt (what each phase ran, with its pids), and
# fixture-instance.dat (one more hog, recorded as swapowner record -o
# does: with -B, the top-level buffer empty). TAP on stdout.
#
# Swap: zram0 (set up here; the virtio disk of run-vm --swap disk is
# switched off meanwhile) takes the first phases (write_sync, zero, zswap,
# activate); then the disk takes the rest (write_async, and clean for
# pages read back and reclaimed again). Not produced: write_fs (swap
# over NFS), arch_fail (arm64 MTE only), unnamed (a !CONFIG_MEMCG kernel).
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh

EVENT=swap:mm_swap_writepage_owner
KSM=/sys/kernel/mm/ksm
ZSWAP=/sys/module/zswap/parameters

# phase NAME CMD... - run CMD (a hog set up in cgroup NAME, see below)
# and note its pids
phase()
{
	local name=$1

	shift
	echo "# phase $name" >&2
	"$@"
	echo "$name $(cat "/tmp/$name.pids" 2>/dev/null | paste -s -d' ')" \
		>> "$RESULTS/phases.txt"
}

# hog NAME RECLAIM SWAP-HOG-ARGS... - a swap-hog in cgroup NAME, reclaimed
# (RECLAIM bytes), then stopped
hog()
{
	local name=$1
	local bytes=$2

	shift 2
	cg_create "$name" max
	cg_exec "$name" swap-hog --comm "$name" "$@" \
		--ready "/tmp/$name.pids" --hold &
	wait_file "/tmp/$name.pids"
	cg_reclaim "$name" "$bytes"
	stop_pids "/tmp/$name.pids"
}

# ksm_pair NAME - two hogs with the same content, merged by ksmd
ksm_pair()
{
	local i=0

	cg_create "$1" max
	cg_exec "$1" swap-hog --ksm --comm "$1-a" --mib 2 \
		--ready "/tmp/$1-a.pids" --hold &
	cg_exec "$1" swap-hog --ksm --comm "$1-b" --mib 2 \
		--ready "/tmp/$1-b.pids" --hold &
	wait_file "/tmp/$1-a.pids"
	wait_file "/tmp/$1-b.pids"
	cat "/tmp/$1-a.pids" "/tmp/$1-b.pids" > "/tmp/$1.pids"
	echo 1000 > "$KSM/pages_to_scan"
	echo 10 > "$KSM/sleep_millisecs"
	echo 1 > "$KSM/run"
	while [ "$(cat "$KSM/pages_sharing")" -lt 512 ] && [ "$i" -lt 120 ]; do
		sleep 1
		i=$((i + 1))
	done
	echo 0 > "$KSM/run"
	# as in owner-ksm.sh: the first pass only activates the KSM folios,
	# and reading memory.stat flushes the counters the next one needs
	for i in 1 2 3; do
		echo 16M > "/sys/fs/cgroup/$1/memory.reclaim" 2>/dev/null
		cg_stat "$1" active_anon > /dev/null
	done
	stop_pids "/tmp/$1-a.pids"
	stop_pids "/tmp/$1-b.pids"
}

# shmem NAME - a memfd mapped by 2 processes, reclaimed
shmem()
{
	local i

	cg_create "$1" max
	cg_exec "$1" shm-hog --kind memfd --mib 2 --mappers 2 --comm "$1" \
		--ready "/tmp/$1.pids" --hold &
	wait_file "/tmp/$1.pids"
	for i in 1 2 3 4 5; do
		echo 16M > "/sys/fs/cgroup/$1/memory.reclaim" 2>/dev/null
		usleep 200000
	done
	stop_pids "/tmp/$1.pids"
}

# activate NAME - zswap on, writeback refused for cgroup NAME and zswap
# unable to store (pool limit 0, incompressible pages): the folios stay
activate()
{
	local pool

	pool=$(cat "$ZSWAP/max_pool_percent")
	echo 1 > "$ZSWAP/enabled"
	echo 0 > "$ZSWAP/max_pool_percent"
	cg_create "$1" max
	echo 0 > "/sys/fs/cgroup/$1/memory.zswap.writeback"
	hog "$1" 16M --mib 1 --pattern random
	echo "$pool" > "$ZSWAP/max_pool_percent"
	echo 0 > "$ZSWAP/enabled"
}

# depart NAME - swapped out, read back (the pages stay in the swap cache
# with their data still on disk), reclaimed again: clean
depart()
{
	cg_create "$1" max
	cg_exec "$1" swap-hog --comm "$1" --mib 1 --ready "/tmp/$1.pids" \
		--hold &
	wait_file "/tmp/$1.pids"
	cg_reclaim "$1" 16M
	kill -USR1 "$(cat "/tmp/$1.pids")"
	wait_file "/tmp/$1.pids.read"
	cg_reclaim "$1" 16M
	stop_pids "/tmp/$1.pids"
}

# workload - every phase, while trace-cmd records
workload()
{
	: > "$RESULTS/phases.txt"
	phase fx-anon hog fx-anon 16M --mib 1 --fork 2
	phase fx-zero hog fx-zero 16M --mib 1 --pattern zero
	echo 1 > "$ZSWAP/enabled"
	phase fx-zswap hog fx-zswap 16M --mib 1
	echo 0 > "$ZSWAP/enabled"
	phase fx-act activate fx-act
	phase fx-ksm ksm_pair fx-ksm
	echo madvise > /sys/kernel/mm/transparent_hugepage/enabled
	phase fx-thp hog fx-thp 32M --thp --mib 4 --fork 1
	phase fx-shm shmem fx-shm
	phase fx-clone hog fx-clone 16M --mib 1 --fork 1 --clone-vm
	phase fx-many hog fx-many 16M --mib 1 --fork 9
	echo "# phase fx-exit" >&2
	swap-race exit --mib 1 --rounds 8 > /dev/null
	echo "fx-exit swap-race" >> "$RESULTS/phases.txt"
	# the rest on the disk
	swapoff /dev/zram0 && swapon /dev/vda
	phase fx-disk hog fx-disk 16M --mib 1
	phase fx-clean depart fx-clean
}

if [ "${1:-}" = workload ]; then
	workload
	exit 0
fi
# as swapowner record -o records: the event only in an instance buffer
# (the top-level one has no data), on whichever CPUs reclaim ran
if [ "${1:-}" = instance ]; then
	phase fx-inst hog fx-inst 16M --mib 1 --fork 1
	exit 0
fi

tap_plan 5
swapoff /dev/vda
echo 128M > /sys/block/zram0/disksize && mkswap /dev/zram0 > /dev/null &&
	swapon /dev/zram0
tap_ok "zram0 is the swap (the disk comes later)" \
	test "$(awk 'NR > 1 { print $1 }' /proc/swaps)" = /dev/zram0
cp "/sys/kernel/tracing/events/${EVENT%%:*}/${EVENT#*:}/format" \
	"$RESULTS/format"
tap_ok "format file saved" test -s "$RESULTS/format"
trace-cmd record -q -b 8192 -o "$RESULTS/fixture.dat" -e "$EVENT" \
	sh "$0" workload
tap_result $? "trace-cmd record of every phase"
trace-cmd report -i "$RESULTS/fixture.dat" > /tmp/fixture.report 2>&1
tap_diag "events: $(grep -c 'mm_swap_writepage_owner:' /tmp/fixture.report);" \
	"by disposition: $(grep -o ' disposition=[a-z_]*' /tmp/fixture.report |
		sort | uniq -c | tr -s ' \n' ' ')"
tap_diag "by kind: $(grep -o ' kind=[a-z]*' /tmp/fixture.report |
		sort | uniq -c | tr -s ' \n' ' ')"
tap_diag "flags: $(grep -o ' flags=[a-z_|]*' /tmp/fixture.report |
		sort | uniq -c | tr -s ' \n' ' ')"
tap_cmp "$(grep -c 'mm_swap_writepage_owner:' /tmp/fixture.report)" -ge 1000 \
	"the trace holds the events of the phases"
trace-cmd record -q -B fxinst -b 8192 -o "$RESULTS/fixture-instance.dat" \
	-e "$EVENT" sh "$0" instance
tap_result $? "trace-cmd record -B of a hog (instance buffer only)"
tap_done
