# departure.sh - every folio that leaves memory for swap is reported, with
# its owner, including pages that leave clean: a hog's 8 MiB region is
# swapped out, read back (on a block device each page then stays in the
# swap cache, clean, its data still in swap) and reclaimed again. Over
# the second reclaim:
#   pages reported as leaving (sum of nr_pages of the hog's events whose
#   disposition is not activate or arch_fail: those folios stay) =
#   pages that left RAM (present in pagemap before, in swap after);
#   every (pid, slot) pair of those pages is named (100% precision and
#   recall; pages that stayed in swap since the first reclaim, such as
#   stack pages the read does not touch, are not part of it).
# run-vm(zram): --swap zram
# run-vm(disk): --swap disk --swap-mb 256
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh

tap_plan 8

owner_event_required

# departed TRACE PID - "DISPOSITION PAGES" for each disposition of the
# events naming PID
departed()
{
	awk -f /lib/swapowner/event.awk \
		-f /lib/swapowner/pages-by-disposition.awk -v pid="$2" "$1"
}

cg_create dep max
cg_exec dep swap-hog --comm dep --mib 8 --ready /tmp/dep.pids --hold &
wait_file /tmp/dep.pids
pid=$(cat /tmp/dep.pids)
cg_reclaim dep 32M
pagemap-truth "$pid" > /tmp/dep-out.truth
tap_cmp "$(wc -l < /tmp/dep-out.truth)" -ge 2048 \
	"first reclaim: the region's 2048 pages are in swap (pagemap)"

kill -USR1 "$pid"
wait_file /tmp/dep.pids.read
pagemap-truth "$pid" > /tmp/dep-before.truth
tap_diag "after the read: $(wc -l < /tmp/dep-before.truth) pages of the hog in swap"

owner_trace_start dep
cg_reclaim dep 32M
pagemap-truth "$pid" > /tmp/dep-after.truth
lost=$(owner_trace_stop dep)
tap_cmp "$lost" -eq 0 "no event lost"

# pages that left RAM: in swap after the reclaim at an address that was
# not in swap before it
awk 'FNR == NR { before[$2] = 1; next } !($2 in before)' \
	/tmp/dep-before.truth /tmp/dep-after.truth > /tmp/dep-left.truth
left=$(wc -l < /tmp/dep-left.truth)
got=$(departed "$RESULTS/dep.trace" "$pid")
tap_diag "second reclaim: $left pages left RAM; events by disposition: $(echo $got)"
tap_cmp "$left" -ge 2048 "second reclaim: the region left RAM again"
reported=$(echo "$got" | awk '$1 != "activate" && $1 != "arch_fail" { n += $2 } END { print n + 0 }')
tap_cmp "$reported" -eq "$left" \
	"pages reported as leaving ($reported) = pages that left RAM ($left)"
if grep -q '^/dev/vd' /proc/swaps; then
	clean=$(echo "$got" | awk '$1 == "clean" { print $2 }')
	tap_cmp "${clean:-0}" -ge 2048 \
		"block device: the pages read back left clean (disposition=clean)"
else
	tap_ok "zram: the pages read back were written again or left clean" \
		test "$(echo "$got" | awk '$1 == "write_sync" || $1 == "clean" { n += $2 } END { print n + 0 }')" -ge 2048
fi
line=$(owner_compare dep /tmp/dep-left.truth "$pid")
tap_diag "owners: $line"
tap_ok "recall 100% ($(owner_field "$line" found)/$(owner_field "$line" truth))" \
	owner_pct_is_100 "$line" recall
tap_ok "precision 100% ($(owner_field "$line" confirmed)/$(owner_field "$line" listed))" \
	owner_pct_is_100 "$line" precision
stop_pids /tmp/dep.pids
owner_trace_remove dep
cp /tmp/dep-*.truth "$RESULTS/"
tap_done
