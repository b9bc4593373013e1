# owner-identity.sh - how an event names an mm that two processes share:
# a hog and a child made with clone(CLONE_VM) without CLONE_THREAD (two
# tgids, one mm). The event names the mm's owner (mm->owner) and flags
# shared_mm, so a consumer knows the other tgid is not named; pagemap of
# both shows the same slots. Over the slots in swap: the owner's pairs
# have 100% recall and precision, and every event of the shared mm says
# shared_mm; a plain hog's events in the same run never do.
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh

tap_plan 9

owner_event_required
# 4 KiB folios: one event per page
echo never > /sys/kernel/mm/transparent_hugepage/enabled

# events_of TRACE PID - "EVENTS FLAGGED" for the events naming PID:
# all of them, and those whose flags include shared_mm
events_of()
{
	awk -f /lib/swapowner/event.awk -f /lib/swapowner/shared-mm.awk \
		-v pid="$2" "$1"
}

cg_create ident max
cg_exec ident swap-hog --comm shared --mib 8 --fork 1 --clone-vm \
	--ready /tmp/shared.pids --hold &
cg_exec ident swap-hog --comm plain --mib 8 --ready /tmp/plain.pids --hold &
wait_file /tmp/shared.pids
wait_file /tmp/plain.pids
owner=$(sed -n 1p /tmp/shared.pids)
sharer=$(sed -n 2p /tmp/shared.pids)
plain=$(cat /tmp/plain.pids)
owner_trace_start ident
cg_reclaim ident 64M
pagemap-truth "$owner" "$sharer" "$plain" > /tmp/ident.truth
lost=$(owner_trace_stop ident)
stop_pids /tmp/shared.pids
stop_pids /tmp/plain.pids
tap_cmp "$lost" -eq 0 "no event lost"

mine=$(awk -v p="$owner" '$1 == p { print $3 ":" $4 }' /tmp/ident.truth | sort)
theirs=$(awk -v p="$sharer" '$1 == p { print $3 ":" $4 }' /tmp/ident.truth | sort)
tap_cmp "$(echo "$mine" | wc -l)" -ge 2048 "the shared mm's region is in swap"
tap_ok "pagemap of both tgids shows the same slots" test "$mine" = "$theirs"
line=$(owner_compare ident /tmp/ident.truth "$owner" "$plain")
tap_diag "owners (mm owner and plain hog): $line"
tap_ok "the mm's owner and the plain hog: recall 100% ($(owner_field "$line" found)/$(owner_field "$line" truth))" \
	owner_pct_is_100 "$line" recall
tap_ok "precision 100% ($(owner_field "$line" confirmed)/$(owner_field "$line" listed))" \
	owner_pct_is_100 "$line" precision
set -- $(events_of "$RESULTS/ident.trace" "$owner")
tap_diag "shared mm: $1 events, $2 flagged shared_mm"
tap_cmp "$1" -ge 2048 "the shared mm's events name its owner"
tap_cmp "$2" -eq "$1" "every event of the shared mm says shared_mm"
set -- $(events_of "$RESULTS/ident.trace" "$plain")
tap_ok "no event of the plain hog says shared_mm ($1 events)" test "$1" -ge 2048 -a "$2" -eq 0
owner_trace_remove ident
cp /tmp/ident.truth "$RESULTS/"
tap_done
