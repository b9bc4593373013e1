# bench.sh - the guest side of make bench; one line per measurement to
# $RESULTS/bench.txt, "bench=B variant=V key=value...":
#
#   bench.sh kernel ROUNDS   event off: MADV_PAGEOUT of 64 MiB, one owner
#                            (booted on the unpatched and the fast kernel)
#   bench.sh event ROUNDS    off / on / on while swapowner record drains,
#                            interleaved round by round, one owner
#   bench.sh owners ROUNDS   1 to 64 COW owners of 4 KiB folios, and 1 and 8
#                            of THP folios, event off and on interleaved
#                            (memory.reclaim)
#   bench.sh lost ROUNDS     events lost by swapowner record at the highest
#                            swap rate (MADV_PAGEOUT), per buffer size
#   bench.sh scan ROUNDS     a working set twice its memory.high for 20 s,
#                            watched by nobody, by swapowner snapshot once a
#                            second, by swapowner record: observer CPU and
#                            the share of swap-outs each one saw
#   bench.sh blame ROUNDS    global pressure: an aggressor pushes an idle
#                            victim out; trace.dat with the owner event and
#                            vmscan:mm_vmscan_write_folio for the host
#                            (one run; ROUNDS is ignored)
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh

mode=$1
rounds=$2
out=$RESULTS/bench.txt
tracing=/sys/kernel/tracing
event=$tracing/events/swap/mm_swap_writepage_owner/enable
thp=/sys/kernel/mm/transparent_hugepage/enabled
kernel=$(uname -r)
mib=64
churn_secs=20

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

# json_pid_pages PID FILE - pages of process PID in a swapowner JSON
json_pid_pages()
{
	sed -n "s/.*{\"tgid\": $1, .*\"pages\": \([0-9]*\),.*/\1/p" "$2" |
		head -n 1 | grep . || echo 0
}

# cpu_sum FILE - seconds of user + system time in busybox time -f "%U %S"
# lines
cpu_sum() { awk '{ s += $1 + $2 } END { printf "%.2f\n", s }' "$1"; }

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

# churn VARIANT - one 20 s churn, watched as VARIANT says: none, scan
# (swapowner snapshot, then pagemap-truth of the churn for what it saw,
# once a second) or stream (swapowner record)
churn()
{
	local before
	local pid
	local scans=0
	local cpu=0
	local seen=0

	rm -f /tmp/churn.cpu /tmp/churn.pages
	: > /tmp/churn.cpu
	before=$(vmstat pswpout)
	if [ "$1" = stream ]; then
		time -f "%U %S" -o /tmp/churn.cpu \
			swapowner record -B churn --json > /tmp/churn.json &
		wait_file "$tracing/instances/churn/tracing_on"
		sleep 1
	fi
	swap-bench --cgroup /sys/fs/cgroup/churn --mib "$mib" \
		--churn "$churn_secs" > /tmp/churn.out &
	pid=$!
	if [ "$1" = scan ]; then
		while kill -0 "$pid" 2>/dev/null; do
			time -a -f "%U %S" -o /tmp/churn.cpu \
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
	if [ "$1" = stream ]; then
		kill -INT "$(pidof swapowner)"
		wait
		seen=$(json_pid_pages "$pid" /tmp/churn.json)
	fi
	[ "$1" = none ] || cpu=$(cpu_sum /tmp/churn.cpu)
	echo "$(cat /tmp/churn.out) written=$(( $(vmstat pswpout) - before ))" \
		"seen=$seen observer_cpu_s=$cpu scans=$scans"
}

case "$mode" in
kernel)
	event_set 0
	for r in $(seq "$rounds"); do measure kernel "$kernel" --pageout; done ;;
event)
	for r in $(seq "$rounds"); do
		event_set 0
		measure event off --pageout
		event_set 1
		measure event on --pageout
		event_set 0
		swapowner record -B benchrec -d 3600 > /dev/null 2>&1 &
		rec=$!
		sleep 1
		measure event on+record --pageout
		kill -INT "$rec"
		wait "$rec"
	done ;;
owners)
	echo madvise > "$thp"
	for r in $(seq "$rounds"); do
		for k in 1 2 4 8 16 32 64; do
			event_set 0
			measure owners "$k:off" --owners "$k"
			event_set 1
			measure owners "$k:on" --owners "$k"
		done
		for k in 1 8; do
			event_set 0
			measure owners-thp "$k:off" --owners "$k" --thp
			event_set 1
			measure owners-thp "$k:on" --owners "$k" --thp
		done
	done
	event_set 0 ;;
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
scan)
	# memory.high, not memory.max: throttled reclaim, never an OOM kill
	cg_create churn max
	echo $((mib / 2))M > /sys/fs/cgroup/churn/memory.high
	# the order rotates round by round: none scan stream, scan stream
	# none, ...; every observer runs first, second and third in turn
	order="none scan stream"
	for r in $(seq "$rounds"); do
		for v in $order; do
			churn "$v" | emit scan "$v"
		done
		order="${order#* } ${order%% *}"
	done ;;
blame)
	# 4 KiB folios, so that one vmscan event is one page
	echo never > "$thp"
	swap-hog --comm victim --mib 96 --ready /tmp/victim.pids --hold &
	wait_file /tmp/victim.pids
	trace-cmd record -q -b 8192 -o "$RESULTS/blame.dat" \
		-e swap:mm_swap_writepage_owner -e vmscan:mm_vmscan_write_folio \
		swap-hog --comm aggressor --mib 224
	pagemap-truth -s "$(cat /tmp/victim.pids)" > "$RESULTS/blame.truth"
	stop_pids /tmp/victim.pids
	echo "victim=$(cat /tmp/victim.pids)" \
		"victim_swapped=$(sed 's/.*=//' "$RESULTS/blame.truth")" |
		emit blame truth ;;
*)
	echo "bench.sh: unknown mode '$mode'" >&2
	exit 2 ;;
esac
echo "bench $mode: $(wc -l < "$out") measurements"
