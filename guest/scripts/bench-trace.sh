# bench-trace.sh - the guest side of make bench's consumer benchmark: a
# trace.dat with about ROUNDS x 16384 events (64 MiB paged out ROUNDS times
# by one process), recorded by stock trace-cmd to $RESULTS/big.dat
. /lib/swapowner/swap.sh

rounds=${1:-64}
cg_create big max
trace-cmd record -q -b 16384 -o "$RESULTS/big.dat" \
	-e swap:mm_swap_writepage_owner \
	swap-bench --cgroup /sys/fs/cgroup/big --mib 64 --rounds "$rounds" \
	--pageout > "$RESULTS/big.rounds"
echo "bench-trace: $(wc -l < "$RESULTS/big.rounds") rounds recorded"
