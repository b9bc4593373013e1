# bench-trace.sh - the guest side of make bench's consumer benchmark: a
# trace.dat with about ROUNDS x 16384 events (64 MiB paged out ROUNDS times
# by one process), recorded by stock trace-cmd to $RESULTS/big.dat, and a
# perf.data of the same workload, recorded by perf, to $RESULTS/big.perf.data
. /lib/swapowner/swap.sh

rounds=${1:-64}
cg_create big max
trace-cmd record -q -b 16384 -o "$RESULTS/big.dat" \
	-e swap:mm_swap_writepage_owner \
	swap-bench --cgroup /sys/fs/cgroup/big --mib 64 --rounds "$rounds" \
	--pageout > "$RESULTS/big.rounds"
echo "bench-trace: $(wc -l < "$RESULTS/big.rounds") rounds recorded by trace-cmd"
# perf runs in the host's root (guest/bin/hostrun), the workload is the
# guest's, at /mnt
perf record -q -a -m 4096 -e swap:mm_swap_writepage_owner -o /tmp/big.perf.data -- \
	/mnt/usr/bin/swap-bench --cgroup /sys/fs/cgroup/big --mib 64 \
	--rounds "$rounds" --pageout > "$RESULTS/big.perf.rounds"
cp /tmp/big.perf.data "$RESULTS/big.perf.data"
echo "bench-trace: $(wc -l < "$RESULTS/big.perf.rounds") rounds recorded by perf"
