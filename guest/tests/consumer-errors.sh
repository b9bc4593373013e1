# consumer-errors.sh - swapowner on a kernel without the event (the
# unpatched build): record says so and exits 5, snapshot still attributes
# swap per process from pagemap, and without tracefs record exits 3
# run-vm: --kernel unpatched
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh

tap_plan 6

tap_ok "this kernel has no swap:mm_swap_writepage_owner" \
	test ! -d /sys/kernel/tracing/events/swap/mm_swap_writepage_owner

swapowner record -d 1 > /dev/null 2> /tmp/noevent.err
tap_cmp $? -eq 5 "record on a kernel without the event exits 5"
tap_ok "and says so in one line: $(head -n 1 /tmp/noevent.err)" \
	grep -q 'does not have swap:mm_swap_writepage_owner' /tmp/noevent.err

# snapshot: the method that needs no patch
cg_create snap max
cg_exec snap swap-hog --comm snap --mib 8 --fork 1 --ready /tmp/snap.pids --hold &
wait_file /tmp/snap.pids
cg_reclaim snap 16M
pid=$(head -n 1 /tmp/snap.pids)
truth=$(pagemap-truth "$pid" 2>/dev/null | wc -l)
got=$(swapowner snapshot --csv "$pid" | awk -F, -v p="$pid" 'NR > 1 && $1 == p { print $3 }')
stop_pids /tmp/snap.pids
tap_diag "snapshot: pid $pid: pagemap-truth $truth, snapshot $got"
tap_cmp "$truth" -ge 1024 "the hog has >= 1024 pages in swap"
tap_cmp "$got" -eq "$truth" "snapshot attributes exactly those pages to it"

umount /sys/kernel/tracing
swapowner record -d 1 > /dev/null 2> /tmp/notracefs.err
tap_cmp $? -eq 3 "without tracefs record exits 3 ($(head -n 1 /tmp/notracefs.err))"
mount -t tracefs tracefs /sys/kernel/tracing
tap_done
