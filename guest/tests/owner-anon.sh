# owner-anon.sh - the owners named by swap:mm_swap_writepage_owner match
# /proc/PID/pagemap, with 100% precision and recall, for anonymous memory:
#
# 1. kswapd: global pressure; events whose current task is kswapd name
#    the real owner;
# 2. direct reclaim in a cgroup (memory.max) where another process of the
#    cgroup does the reclaiming;
# 3. a region shared copy-on-write by a parent and 4 forked children,
#    reclaimed through memory.reclaim by this shell: every event lists all;
# 4. children that wrote their copy: each new folio is owned by its child
#    only.
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh

tap_plan 19

# the event is the point of this test: no SKIP without it
owner_event_required

# check_owners NAME LINE - precision and recall both 100%
check_owners()
{
	tap_diag "$1: $2"
	tap_ok "$1: recall 100% ($(owner_field "$2" found)/$(owner_field "$2" truth))" \
		owner_pct_is_100 "$2" recall
	tap_ok "$1: precision 100% ($(owner_field "$2" confirmed)/$(owner_field "$2" listed))" \
		owner_pct_is_100 "$2" precision
}

# 1. kswapd: 320 MiB of anon in a 256 MiB guest
owner_trace_start kswapd
swap-hog --comm hog --mib 320 --ready /tmp/hog.pids --hold &
wait_file /tmp/hog.pids 300
pids=$(cat /tmp/hog.pids)
pagemap-truth $pids > /tmp/kswapd.truth
lost=$(owner_trace_stop kswapd)
stop_pids /tmp/hog.pids
tap_cmp "$lost" -eq 0 "kswapd: no event lost"
line=$(owner_compare kswapd /tmp/kswapd.truth $pids)
tap_cmp "$(owner_field "$line" truth)" -gt 0 "kswapd: the hog has swapped pages"
tap_cmp "$(owner_field "$line" kswapd_events)" -gt 0 \
	"kswapd: events run by kswapd name the hog"
check_owners kswapd "$line"
owner_trace_remove kswapd

# 2. one process of a cgroup reclaims another's memory
cg_create direct 48M
cg_exec direct swap-hog --comm holder --mib 32 --ready /tmp/holder.pids --hold &
wait_file /tmp/holder.pids
owner_trace_start direct
cg_exec direct swap-hog --comm pusher --mib 32 --ready /tmp/pusher.pids --hold &
wait_file /tmp/pusher.pids
pids="$(cat /tmp/holder.pids) $(cat /tmp/pusher.pids)"
pagemap-truth $pids > /tmp/direct.truth
lost=$(owner_trace_stop direct)
stop_pids /tmp/pusher.pids
stop_pids /tmp/holder.pids
tap_cmp "$lost" -eq 0 "direct: no event lost"
holder_truth=$(awk -v p="$(cat /tmp/holder.pids)" '$1 == p' /tmp/direct.truth | wc -l)
tap_cmp "$holder_truth" -gt 0 "direct: the holder's pages went to swap"
line=$(owner_compare direct /tmp/direct.truth $pids)
tap_cmp "$(owner_field "$line" foreign_events)" -gt 0 \
	"direct: events run by a non-owner (the pusher) name the owner"
check_owners direct "$line"
owner_trace_remove direct

# 3. COW sharing: parent + 4 children, nobody wrote after fork
cg_create cow max
cg_exec cow swap-hog --comm cow --mib 16 --fork 4 --ready /tmp/cow.pids --hold &
wait_file /tmp/cow.pids
pids=$(cat /tmp/cow.pids)
owner_trace_start cow
cg_reclaim cow 64M
pagemap-truth $pids > /tmp/cow.truth
lost=$(owner_trace_stop cow)
stop_pids /tmp/cow.pids
tap_cmp "$lost" -eq 0 "cow: no event lost"
shared=$(awk '{ n[$3 ":" $4]++ } END { for (s in n) if (n[s] == 5) k++; print k + 0 }' /tmp/cow.truth)
tap_cmp "$shared" -ge 2048 "cow: >= 2048 slots shared by all 5 processes in pagemap"
line=$(owner_compare cow /tmp/cow.truth $pids)
check_owners cow "$line"
owner_trace_remove cow

# 4. children that wrote their copy own their folios alone
cg_create written max
cg_exec written swap-hog --comm wr --mib 8 --fork 2 --write-child --ready /tmp/wr.pids --hold &
wait_file /tmp/wr.pids
pids=$(cat /tmp/wr.pids)
owner_trace_start written
cg_reclaim written 64M
pagemap-truth $pids > /tmp/written.truth
lost=$(owner_trace_stop written)
stop_pids /tmp/wr.pids
tap_cmp "$lost" -eq 0 "written: no event lost"
line=$(owner_compare written /tmp/written.truth $pids)
child=$(sed -n 2p /tmp/wr.pids)
tap_cmp "$(awk -v p="$child" '$1 == p' /tmp/written.truth | wc -l)" -ge 1024 \
	"written: the first child has >= 1024 of its own pages in swap"
check_owners written "$line"
owner_trace_remove written

cp /tmp/*.truth "$RESULTS/"
tap_done
