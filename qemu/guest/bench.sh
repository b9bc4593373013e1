# bench.sh - the guest side of make bench; one line per measurement to
# $RESULTS/bench.txt: "bench=B variant=V kernel=K round=R owners=K
# pages=P ns=T ns_per_page=X"
#
#   bench.sh kernel ROUNDS   event off: MADV_PAGEOUT of 64 MiB, one owner
#                            (booted on the unpatched and the fast kernel)
#   bench.sh event ROUNDS    off / on / on while swapowner record drains,
#                            interleaved round by round, one owner
#   bench.sh owners ROUNDS   1, 8 and 64 COW owners, event off and on
#                            interleaved (memory.reclaim)
. /lib/swapowner/swap.sh

mode=$1
rounds=$2
out=$RESULTS/bench.txt
event=/sys/kernel/tracing/events/swap/mm_swap_writepage_owner/enable
kernel=$(uname -r)
mib=64

cg_create bench max

# measure BENCH VARIANT ARGS... - one swap-bench round, tagged
measure()
{
	local bench=$1
	local variant=$2

	shift 2
	swap-bench --cgroup /sys/fs/cgroup/bench --mib "$mib" --rounds 1 "$@" |
		sed "s/^/bench=$bench variant=$variant kernel=$kernel /" >> "$out"
}

event_set() { [ -f "$event" ] && echo "$1" > "$event"; return 0; }

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
	for r in $(seq "$rounds"); do
		for k in 1 8 64; do
			event_set 0
			measure owners "$k:off" --owners "$k"
			event_set 1
			measure owners "$k:on" --owners "$k"
		done
	done
	event_set 0 ;;
*)
	echo "bench.sh: unknown mode '$mode'" >&2
	exit 2 ;;
esac
echo "bench $mode: $(wc -l < "$out") measurements"
