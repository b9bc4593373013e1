# owner-unnamed.sh - without CONFIG_MEMCG there is no mm->owner: the event
# counts the owners but cannot name them, and says so (flag unnamed, not
# exiting). A hog pages out its 8 MiB with MADV_PAGEOUT; every page
# pagemap shows in swap is covered by anon events with nr_owners=1, no
# pid, owner_pid=0 and the unnamed flag.
# run-vm: --kernel nomemcg
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh

tap_plan 6

owner_event_required
tap_ok "the kernel has no memory controller" \
	test ! -e /sys/fs/cgroup/cgroup.controllers -o -z "$(grep -w memory /sys/fs/cgroup/cgroup.controllers)"
echo never > /sys/kernel/mm/transparent_hugepage/enabled

owner_trace_start unnamed
swap-hog --comm unnamed --mib 8 --pattern random --pageout \
	--ready /tmp/unnamed.pids --hold &
wait_file /tmp/unnamed.pids
pid=$(cat /tmp/unnamed.pids)
truth=$(pagemap-truth "$pid" | wc -l)
lost=$(owner_trace_stop unnamed)
stop_pids /tmp/unnamed.pids
tap_cmp "$lost" -eq 0 "no event lost"

# pages of the anon events with one owner, how many of them are flagged
# unnamed, name a pid, or say exiting
set -- $(grep 'mm_swap_writepage_owner:' "$RESULTS/unnamed.trace" | awk '
	/ kind=anon / && / nr_owners=1 / {
		n = $0; sub(/.* nr_pages=/, "", n); sub(/ .*/, "", n)
		pages += n
		if ($0 ~ / flags=[a-z_|]*unnamed/) unnamed += n
		if ($0 !~ / owner_pid=0 / || $0 !~ / pids=\{\} /) named += n
		if ($0 ~ / flags=[a-z_|]*exiting/) exiting += n
	}
	END { print pages + 0, unnamed + 0, named + 0, exiting + 0 }')
tap_diag "pagemap: $truth pages in swap; events: $1 pages with one owner, $2 unnamed, $3 naming a pid, $4 exiting"
tap_cmp "$1" -ge "$truth" "every page in swap is covered by an event counting its owner ($1 >= $truth)"
tap_cmp "$2" -eq "$1" "every such event says unnamed"
tap_ok "none names a pid or says exiting" test "$3" -eq 0 -a "$4" -eq 0
owner_trace_remove unnamed
tap_done
