# icount.sh - harness self-test of run-vm --icount: MADV_PAGEOUT of 16 MiB,
# 3 rounds; writes the median ns_per_page to $RESULTS/icount.txt. Under
# -icount shift=0,sleep=off a guest nanosecond is one instruction, so two
# boots must agree (check.sh compares them).
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh

tap_plan 2
cg_create icount max
swap-bench --cgroup /sys/fs/cgroup/icount --mib 16 --pageout --rounds 3 \
	> /tmp/icount.txt
tap_ok "swap-bench ran 3 rounds" test "$(grep -c '^round=' /tmp/icount.txt)" -eq 3
cat /tmp/icount.txt
median=$(sed -n 's/.* ns_per_page=\([0-9]*\).*/\1/p' /tmp/icount.txt | sort -n |
	sed -n 2p)
echo "ns_per_page=$median" > "$RESULTS/icount.txt"
tap_ok "median ns per page: $median" test -n "$median"
tap_done
