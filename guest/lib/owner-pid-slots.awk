# owner-pid-slots.awk - compare the owner_pid of swap:mm_swap_writepage_owner
# events with the pagemap ground truth, slot by slot, for workloads whose
# pages each have one owner. Reads tracefs text, trace-cmd report or
# perf script output, also perf's raw form ("[FAILED TO PARSE]" followed
# by every field, swp_offset in hex).
#
# usage: awk -f event.awk -f owner-pid-slots.awk -v pids="PID..." TRUTH TEXT
#   TRUTH  pagemap-truth output: pid, vaddr, swp_type, swp_offset, mapping
# The latest event for a slot counts. Prints "truth=N found=N listed=N
# confirmed=N": found = truth (pid, slot) pairs whose latest event has
# that owner_pid; listed = slots of the pids' latest events; confirmed =
# those of them that pagemap shows for that pid.

BEGIN {
	n = split(pids, p, " ")
	for (i = 1; i <= n; i++)
		workload[p[i]] = 1
}

FNR == NR {
	if (!($1 in workload))
		next
	key = $3 ":" $4
	if (!((key " " $1) in truth))
		ntruth++
	truth[key " " $1] = 1
	next
}

/mm_swap_writepage_owner:/ {
	off = event_field($0, "swp_offset")
	if (off ~ /^0x/)
		off = hex(off)
	latest[event_field($0, "swp_type") ":" off] = event_field($0, "owner_pid") + 0
}

END {
	for (slot in latest) {
		owner = latest[slot]
		if (!(owner in workload))
			continue
		listed++
		if ((slot " " owner) in truth)
			confirmed++
	}
	for (pair in truth) {
		split(pair, f, " ")
		if ((f[1] in latest) && latest[f[1]] == f[2])
			found++
	}
	printf "truth=%d found=%d listed=%d confirmed=%d\n", ntruth, found, listed, confirmed
}
