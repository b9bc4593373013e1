# owner-exit.sh - owners that exit while their folios are being written:
# no kernel splat (qemu/run-vm fails the run on one), and the events say
# so with the flag "exiting".
#
# swap-race exit: each round a child fills 8 MiB of its own, is SIGKILLed
# and at once paged out by process_madvise(MADV_PAGEOUT) from its parent.
# process_madvise() holds a reference on the child's mm, so the child's
# exit leaves the mm without an owner task (mm->owner NULL, see
# mm_update_next_owner()) while its swap PTEs remain until
# process_madvise() is done: the owner is found and counted, but has no
# pid or comm left to report.
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh

ROUNDS=${1:-20}

tap_plan 6

owner_event_required

owner_trace_start exit 16384
swap-race exit --mib 8 --rounds "$ROUNDS" --secs 120 > "$RESULTS/rounds.txt"
lost=$(owner_trace_stop exit)
owner_trace_remove exit
tap_cmp "$lost" -eq 0 "no event lost"
rounds=$(awk '$3 == "paged_out" && $4 > 0' "$RESULTS/rounds.txt" | wc -l)
tap_diag "rounds: $(wc -l < "$RESULTS/rounds.txt") run, $rounds paged out"
tap_cmp "$rounds" -ge 1 "process_madvise() paged out a dying child"

# events=N exiting=M unnamed=K found=F: K exiting events list fewer pids
# than nr_owners (the exiting owner is counted, not named), F have
# nr_ptes > 0 (the owner was found through its swap PTEs)
counts=$(awk '/mm_swap_writepage_owner:/ {
	n++
	if ($0 !~ / flags=[a-z|]*exiting/)
		next
	x++
	o = $0; sub(/.* nr_owners=/, "", o); sub(/ .*/, "", o)
	p = $0; sub(/.* pids=\{/, "", p); sub(/\}.*/, "", p)
	if (split(p, a, ",") < o + 0)
		u++
	t = $0; sub(/.* nr_ptes=/, "", t); sub(/ .*/, "", t)
	if (t + 0 > 0)
		f++
}
END { printf "events=%d exiting=%d unnamed=%d found=%d\n", n, x, u, f }' \
	"$RESULTS/exit.trace")
flags=$(grep -o ' flags=[a-z|]*' "$RESULTS/exit.trace" | sort | uniq -c |
	awk '{ printf "%s%s=%d", sep, $2, $1; sep = " " }')
tap_diag "$counts; $flags"
tap_cmp "$(owner_field "$counts" exiting)" -gt 0 \
	"events for owners that exited mid-writeback are flagged exiting"
tap_cmp "$(owner_field "$counts" unnamed)" -eq "$(owner_field "$counts" exiting)" \
	"every exiting event counts an owner it cannot name"
tap_cmp "$(owner_field "$counts" found)" -eq "$(owner_field "$counts" exiting)" \
	"every exiting event found the dying owner's swap PTEs (nr_ptes > 0)"
tap_done
