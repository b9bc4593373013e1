# trace-cmd.sh - stock trace-cmd records swap:mm_swap_writepage_owner and
# prints every field of it without a plugin; check-events is clean
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh

tap_plan 5

cg_create tc max
cg_exec tc swap-hog --comm tc --mib 4 --fork 2 --ready /tmp/tc.pids --hold &
wait_file /tmp/tc.pids
trace-cmd record -q -o "$RESULTS/tc.dat" -e swap:mm_swap_writepage_owner \
	sh -c '. /lib/swapowner/swap.sh && cg_reclaim tc 16M'
stop_pids /tmp/tc.pids
trace-cmd report -i "$RESULTS/tc.dat" > "$RESULTS/tc.report" 2>&1

events=$(grep -c 'mm_swap_writepage_owner:' "$RESULTS/tc.report")
tap_cmp "$events" -ge 1024 "trace-cmd recorded the hog's swap-out ($events events)"
tap_cmp "$(grep -c 'FAILED TO PARSE' "$RESULTS/tc.report")" -eq 0 \
	"trace-cmd report parses every event"
missing=$(grep 'mm_swap_writepage_owner:' "$RESULTS/tc.report" | awk '
	{ for (k = split("pfn nr_pages swp_type swp_offset kind disposition memcg_id nr_owners nr_ptes flags owner_pid pids comms", key, " "); k > 0; k--)
		if (index($0, " " key[k] "=") == 0) { bad++; break } }
	END { print bad + 0 }')
tap_cmp "$missing" -eq 0 "every event line shows all 13 fields"
owners=$(sort -n /tmp/tc.pids | paste -s -d' ')
tap_cmp "$(grep -c "nr_owners=3 .* pids=$owners " "$RESULTS/tc.report")" -ge 1000 \
	"events name the 3 sharers ($owners) in decimal"
trace-cmd check-events > "$RESULTS/check-events.txt" 2>&1
tap_result $? "trace-cmd check-events exits 0"
tap_done
