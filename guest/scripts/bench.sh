# bench.sh - the guest side of make bench; one line per measurement to
# $RESULTS/bench.txt, "bench=B variant=V key=value...":
#
#   bench.sh kernel ROUNDS   event off: MADV_PAGEOUT of 64 MiB, one owner
#                            (booted on the unpatched and the fast kernel)
#   bench.sh event ROUNDS [VARIANTS]  off / on / on while swapowner record drains /
#                            kmem:rss_stat on instead / capture (the event
#                            enabled with tracing off: the owner code runs,
#                            nothing is written to the ring buffer),
#                            interleaved round by round, one owner,
#                            MADV_PAGEOUT
#   bench.sh kswapd ROUNDS   the same variants (but record) under global
#                            pressure: an mlocked allocation of MemFree
#                            plus 3/4 of the region, so that kswapd (and
#                            direct reclaim) evict the region and nothing
#                            else (swap-bench --evict)
#   bench.sh owners ROUNDS   1 to 64 and 1000 COW owners of 4 KiB folios,
#                            1 and 8 of THP folios, 1 to 500 mappers of a
#                            shmem memfd; event off and on interleaved
#                            (memory.reclaim)
#   bench.sh locks ROUNDS    some sharer points once more, and KSM folios
#                            mapped 768 times, with kprobes on
#                            the functions that hold the rmap lock while
#                            the owner code runs: the longest call, event
#                            off and on
#   bench.sh lost ROUNDS     events lost by swapowner record at the highest
#                            swap rate (MADV_PAGEOUT), per buffer size
#   bench.sh scale ROUNDS MIB  stream vs 1 Hz scan at scale: a process
#                            holds MIB MiB mapped (what the scan walks)
#                            while a 32 MiB churn swaps at about 100,
#                            1000 and 10000 pages/s for 10 s; observer
#                            CPU from context switches (one vCPU:
#                            run-vm --smp 1), in all and between the
#                            churn's first and last write, and the share
#                            of swap-outs each observer saw; the scan
#                            once, the stream ROUNDS times
#   bench.sh blame ROUNDS    global pressure: an aggressor pushes an idle
#                            victim out; trace.dat with the owner event,
#                            vmscan:mm_vmscan_write_folio and kmem:rss_stat
#                            for the host, pagemap truth of both processes
#                            (one run; ROUNDS is ignored)
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh

mode=$1
rounds=$2
out=$RESULTS/bench.txt
tracing=/sys/kernel/tracing
event=$tracing/events/swap/mm_swap_writepage_owner/enable
rss_event=$tracing/events/kmem/rss_stat/enable
ksm=/sys/kernel/mm/ksm
thp=/sys/kernel/mm/transparent_hugepage/enabled
kernel=$(uname -r)
mib=64
churn_secs=10
obs=$tracing/instances/obscpu

cg_create bench max

# emit BENCH VARIANT - tag the key=value lines on stdin, append them
emit()
{
	sed "s/^/bench=$1 variant=$2 kernel=$kernel /" >> "$out"
}

# measure BENCH VARIANT ARGS... - one swap-bench round, tagged
measure()
{
	local bench=$1
	local variant=$2

	shift 2
	swap-bench --cgroup /sys/fs/cgroup/bench --mib "$mib" --rounds 1 "$@" |
		emit "$bench" "$variant"
}

event_set() { [ -f "$event" ] && echo "$1" > "$event"; return 0; }
rss_set() { echo "$1" > "$rss_event"; }
tracing_set() { echo "$1" > "$tracing/tracing_on"; }

# variants VARIANTS ARGS... - one measure of each variant (off, on,
# on+record, rss, capture), in the order given, for bench $bench
variants()
{
	local order=$1
	local v
	local rec

	shift
	for v in $order; do
		event_set 0
		rss_set 0
		case "$v" in
		on) event_set 1 ;;
		capture) event_set 1; tracing_set 0 ;;
		rss) rss_set 1 ;;
		on+record)
			swapowner record -B benchrec -d 3600 > /dev/null 2>&1 &
			rec=$!
			wait_file "$tracing/instances/benchrec/tracing_on"
			sleep 1 ;;
		esac
		measure "$bench" "$v" "$@"
		tracing_set 1
		if [ "$v" = on+record ]; then
			kill -INT "$rec"
			wait "$rec"
		fi
	done
	event_set 0
	rss_set 0
}

# sharers - every sharer point of the owners benchmark, event off and on.
# Up to 64 sharers the region is 32 MiB: something of about 0.5 million
# instructions (not identified) lands in some rounds and not others,
# which moved the 7.3 shmem point of one mapper by 1% of an 8 MiB round
# (26,263-26,688 instructions per folio in seven boots, one round per
# point). The 1000 and 500 sharer rounds are 8 MiB and take over a
# billion instructions each
sharers()
{
	local k

	echo madvise > "$thp"
	for k in 1 2 4 8 16 32 64 1000; do
		bench=owners
		mib=$(point_mib "$k")
		sharer_point "$k" --owners "$k"
	done
	for k in 1 8; do
		bench=owners-thp
		mib=$(point_mib "$k")
		sharer_point "$k" --owners "$k" --thp
	done
	for k in 1 8 64 500; do
		bench=owners-shmem
		mib=$(point_mib "$k")
		sharer_point "$k" --owners "$k" --shmem
	done
	mib=64
}

# point_mib K - the region of a sharer point of K sharers (sharers())
point_mib()
{
	[ "$1" -le 64 ] && echo 32 || echo 8
}

# ksm_setup MAPPINGS - ksmd merges up to MAPPINGS mappings into one KSM
# folio, fast
ksm_setup()
{
	echo 0 > "$ksm/run"
	echo 2 > "$ksm/run"
	echo "$1" > "$ksm/max_page_sharing"
	echo 4096 > "$ksm/pages_to_scan"
	echo 0 > "$ksm/sleep_millisecs"
	echo 1 > "$ksm/run"
}

# json_pid_pages PID FILE - pages of process PID in a swapowner JSON
json_pid_pages()
{
	sed -n "s/.*{\"tgid\": $1, .*\"pages\": \([0-9]*\),.*/\1/p" "$2" |
		head -n 1 | grep . || echo 0
}

# lost_round KB - 64 MiB paged out while swapowner record -b KB drains
lost_round()
{
	local before
	local bopt=

	[ "$1" = default ] || bopt="-b $1"
	before=$(vmstat pswpout)
	# shellcheck disable=SC2086
	swapowner record -B lost $bopt --json -- sh -c "swap-bench \
		--cgroup /sys/fs/cgroup/bench --mib $mib --rounds 1 --pageout \
		> /dev/null" > /tmp/lost.json
	echo "buffer_kb=$2 written=$(( $(vmstat pswpout) - before ))" \
		"seen=$(json_total pages /tmp/lost.json)" \
		"lost=$(json_total lost_events /tmp/lost.json)" \
		"lost_unknown=$(json_total lost_unknown /tmp/lost.json)"
}

# churn VARIANT [RATE] - one churn of $churn_secs s (paced to RATE writes
# a second if given), watched as VARIANT says: scan (swapowner
# snapshot, then pagemap-truth of the churn for what it saw, once a
# second) or stream (swapowner record)
churn()
{
	local rate=""

	local before
	local pid
	local scans=0
	local seen=0

	rm -f /tmp/churn.pages
	obs_start
	before=$(vmstat pswpout)
	if [ "$1" = stream ]; then
		swapowner record -B churn --json > /tmp/churn.json &
		wait_file "$tracing/instances/churn/tracing_on"
		sleep 1
	fi
	[ -z "${2:-}" ] || rate="--rate $2"
	echo churn_begin > "$obs/trace_marker"
	# shellcheck disable=SC2086
	swap-bench --cgroup /sys/fs/cgroup/churn --mib "$mib" \
		--churn "$churn_secs" $rate > /tmp/churn.out &
	pid=$!
	if [ "$1" = scan ]; then
		while kill -0 "$pid" 2>/dev/null; do
			swapowner snapshot --csv > /dev/null
			pagemap-truth "$pid" >> /tmp/churn.pages 2>/dev/null
			scans=$((scans + 1))
			sleep 1
		done
		# a page seen in several scans is one swap-out
		seen=$(cut -f 1-4 /tmp/churn.pages | sort -u | wc -l)
	fi
	if ! wait "$pid"; then
		echo "bench.sh: the $1 churn failed (see dmesg)" >&2
		exit 1
	fi
	echo churn_end > "$obs/trace_marker"
	if [ "$1" = stream ]; then
		kill -INT "$(pidof swapowner)"
		wait
		seen=$(json_pid_pages "$pid" /tmp/churn.json)
	fi
	echo "$(cat /tmp/churn.out) written=$(( $(vmstat pswpout) - before ))" \
		"seen=$seen scans=$scans$(obs_ns)"
}

# obs_start - record every context switch (mono clock) in an instance of
# its own, with a marker where the churn begins and ends (churn()): with
# one vCPU under --icount, the intervals a process ran are its
# instructions, to the instruction, where its CPU time has 10 ms ticks
obs_start()
{
	[ -d "$obs" ] || mkdir "$obs"
	echo 0 > "$obs/tracing_on"
	echo mono > "$obs/trace_clock"
	echo 16384 > "$obs/buffer_size_kb"
	echo 1 > "$obs/events/sched/sched_switch/enable"
	echo > "$obs/trace"
	echo 1 > "$obs/tracing_on"
}

# obs_ns - " observer_ns=N observer_steady_ns=S" after obs_start: the ns
# the observer's processes (comm swapowner) ran in all, and within the
# churn's markers (the stream's start-up and last drain left out)
obs_ns()
{
	echo 0 > "$obs/tracing_on"
	[ "$(sed -n 's/^overrun: //p' "$obs/per_cpu/cpu0/stats")" = 0 ] ||
		{ echo "bench.sh: context switch events overran" >&2; exit 1; }
	awk -f /lib/swapowner/trace-ts.awk -f /lib/swapowner/sched-cpu.awk \
		-v comm=swapowner "$obs/trace"
}

# lock_probes - kprobe events on the functions that hold the rmap lock
# while the owner code runs: try_to_unmap_owners() (v2 captures inside
# it; reclaim calls it, event on or off) and, in the 6.12 backport,
# try_to_unmap() and the backport's own walks; only those this kernel has
lock_probes()
{
	local f

	for f in try_to_unmap_owners try_to_unmap swap_owners_resolve \
		 swap_owners_resolve_shmem; do
		grep -q " $f\$" /proc/kallsyms || continue
		echo "p:benchlock/${f}_in $f" >> "$tracing/kprobe_events"
		echo "r:benchlock/${f}_out $f" >> "$tracing/kprobe_events"
	done
}

# lock_round BENCH VARIANT ARGS... - one swap-bench round with the
# kprobes enabled (lock_probes); per function the calls, the median, the
# median of the longest region_pages calls (those of the region's folios,
# the longer ones, when the sharers' own pages are swapped too) and the
# longest call, in ns of the mono clock (the default trace clock of this
# kernel ticks in jiffies). The events stay in the ring buffer until the
# round is over (trace-cmd extract), so that no reader runs meanwhile.
lock_round()
{
	local b=$1
	local v=$2

	shift 2
	# trace-cmd extract leaves tracing off: on again, with the same clock
	echo mono > "$tracing/trace_clock"
	echo 1 > "$tracing/events/benchlock/enable"
	echo > "$tracing/trace"
	echo 1 > "$tracing/tracing_on"
	swap-bench --cgroup /sys/fs/cgroup/bench --mib "$mib" --rounds 1 \
		"$@" > /tmp/locks.out
	if ! trace-cmd extract -o /tmp/locks.dat > /tmp/locks.err 2>&1; then
		cat /tmp/locks.err >&2
		echo "bench.sh: trace-cmd extract failed" >&2
		exit 1
	fi
	trace-cmd report -t -i /tmp/locks.dat 2>/dev/null |
		awk -f /lib/swapowner/trace-ts.awk -f /lib/swapowner/probe-calls.awk |
		sort -k1,1 -k2,2n | awk -v pre="$(cat /tmp/locks.out)" '
	BEGIN {
		region = pre; sub(/.*region_pages=/, "", region); sub(/ .*/, "", region)
	}
	function flush(    r) {
		if (!n)
			return
		r = n - int(region / 2)
		if (r < 1)
			r = 1
		printf "%s fn=%s calls=%d median_ns=%d region_median_ns=%d longest_ns=%d\n",
			pre, fn, n, d[int((n + 1) / 2)], d[r], d[n]
		n = 0
	}
	$1 != fn { flush(); fn = $1 }
	{ d[++n] = $2 }
	END { flush() }' | emit "$b" "$v"
}

# lock_sharers - the sharer points, event off and on, with the kprobes
lock_sharers()
{
	local k
	local v

	mib=8
	lock_probes
	echo mono > "$tracing/trace_clock"
	echo 16384 > "$tracing/buffer_size_kb"
	echo 1 > "$tracing/events/benchlock/enable"
	# let the kprobe optimizer settle before the first round
	sleep 2
	echo madvise > "$thp"
	for k in 1 64 1000; do
		for v in off on; do
			event_set $([ $v = on ] && echo 1 || echo 0)
			lock_round owners "$k:$v" --owners "$k"
		done
	done
	for k in 1 500; do
		for v in off on; do
			event_set $([ $v = on ] && echo 1 || echo 0)
			lock_round owners-shmem "$k:$v" --owners "$k" --shmem
		done
	done
	# KSM folios of 768 mappings, 16 MiB of one content in one
	# process. The reclaim of a few folios is lost in the scan of
	# everything else, so their cost shows in the walk's call, not in
	# the round. 768: on 7.3, memory.reclaim wrote no KSM folio of 1024
	# or 4096 mappings in 8 attempts (event off too); 256, 512 and 768
	# went
	ksm_setup 768
	mib=16
	for v in off on; do
		event_set $([ $v = on ] && echo 1 || echo 0)
		lock_round owners-ksm "768:$v" --ksm
	done
	echo 2 > "$ksm/run"
	event_set 0
	echo 0 > "$tracing/events/benchlock/enable"
	echo > "$tracing/kprobe_events"
	mib=64
}

# sharer_point K ARGS... - event off then on at one sharer point
sharer_point()
{
	local k=$1

	shift
	event_set 0
	measure "$bench" "$k:off" "$@"
	event_set 1
	measure "$bench" "$k:on" "$@"
	event_set 0
}

case "$mode" in
kernel)
	event_set 0
	for r in $(seq "$rounds"); do measure kernel "$kernel" --pageout; done ;;
event)
	# the order rotates round by round so that no variant always runs first
	order=${3:-off on on+record rss capture}
	bench=event
	for r in $(seq "$rounds"); do
		variants "$order" --pageout
		order="${order#* } ${order%% *}"
	done ;;
kswapd)
	order="off on rss capture"
	bench=kswapd
	# a first eviction takes whatever else can go (the shell's pages,
	# tmpfs): one round unrecorded, so that the rounds evict the region
	swap-bench --cgroup /sys/fs/cgroup/bench --mib "$mib" --rounds 1 \
		--evict 75 > /dev/null
	for r in $(seq "$rounds"); do
		variants "$order" --evict 75
		order="${order#* } ${order%% *}"
	done ;;
owners)
	for r in $(seq "$rounds"); do sharers; done ;;
locks)
	lock_sharers
	# twelve rounds (COW 1, 64, 1000, shmem 1, 500, KSM; off and on)
	[ "$(grep -c ' fn=' "$out")" -ge 12 ] ||
		{ echo "bench.sh: lock holds missing from $out" >&2; exit 1; } ;;
lost)
	mkdir "$tracing/instances/probe"
	default_kb=$(cat "$tracing/instances/probe/buffer_size_kb")
	rmdir "$tracing/instances/probe"
	for r in $(seq "$rounds"); do
		for kb in 4 16 64 256 512 1024 default; do
			size=$kb
			[ "$kb" = default ] && size=$default_kb
			lost_round "$kb" "$size" | emit lost "$kb"
		done
	done ;;
scale)
	mapped=$3
	mib=32
	# one vCPU: see obs_start
	[ "$(nproc)" = 1 ] ||
		{ echo "bench.sh: scale needs one vCPU (run-vm --smp 1)" >&2; exit 2; }
	cg_create churn max
	echo $((mib / 2))M > /sys/fs/cgroup/churn/memory.high
	cg_create mapped max
	cg_exec mapped swap-hog --comm mapped --mib "$mapped" \
		--ready /tmp/mapped.pids --hold &
	wait_file /tmp/mapped.pids 600
	# writes a second; about half of them miss and swap a page in, so
	# that as many go out: ~100, ~1000, ~10000 swap-outs a second. The
	# scan runs once: it repeated to 0.1% from run to run. The stream's
	# steady state at ~100/s (9 ms) once moved by 2% between runs: it
	# runs ROUNDS times, and the results take the median
	for r in $(seq "$rounds"); do
		for rate in 200 2000 20000; do
			for v in scan stream; do
				[ "$v" = stream ] || [ "$r" = 1 ] || continue
				churn "$v" "$rate" | emit scale "$mapped:$rate:$v"
			done
		done
	done
	stop_pids /tmp/mapped.pids ;;
blame)
	# 4 KiB folios, so that one vmscan event is one page. The trace
	# starts before the victim, so that kmem:rss_stat sees it touch its
	# memory (curr=1), as Perfetto needs to name its mm_id
	echo never > "$thp"
	trace-cmd record -q -b 16384 -o "$RESULTS/blame.dat" \
		-e swap:mm_swap_writepage_owner -e vmscan:mm_vmscan_write_folio \
		-e kmem:rss_stat sh -c '
		swap-hog --comm victim --mib 96 --ready /tmp/victim.pids --hold &
		while [ ! -s /tmp/victim.pids ]; do usleep 100000; done
		swap-hog --comm aggressor --mib 224 --ready /tmp/aggressor.pids \
			--hold &
		while [ ! -s /tmp/aggressor.pids ]; do usleep 100000; done'
	victim=$(pagemap-truth -s "$(cat /tmp/victim.pids)" | sed 's/.*=//')
	aggressor=$(pagemap-truth -s "$(cat /tmp/aggressor.pids)" | sed 's/.*=//')
	stop_pids /tmp/victim.pids
	stop_pids /tmp/aggressor.pids
	echo "victim=$(cat /tmp/victim.pids) victim_swapped=$victim" \
		"aggressor_swapped=$aggressor" | emit blame truth ;;
*)
	echo "bench.sh: unknown mode '$mode'" >&2
	exit 2 ;;
esac
echo "bench $mode: $(wc -l < "$out") measurements"
