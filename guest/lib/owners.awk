# owners.awk - compare swap:mm_swap_writepage_owner events with the
# pagemap ground truth
#
# usage: awk -f event.awk -f owners.awk -v pids="PID..." TRUTH TRACE
#   TRUTH  pagemap-truth output: pid, vaddr, swp_type, swp_offset, mapping
#   TRACE  the text of a tracefs "trace" file, or trace-cmd report output
# The latest event for a slot is the one that counts (a slot can be
# reused). Over the slots in TRUTH and the owners in "pids":
#   recall    = truth (pid, slot) pairs whose latest event lists the pid
#   precision = listed (pid, slot) pairs, slot in TRUTH, that TRUTH
#               confirms; a slot no longer in TRUTH (its page was swapped in
#               again, e.g. by the hog still filling a folio, or freed)
#               cannot be judged and is counted as "stale"
# and counts events naming a workload pid: all, those whose current task
# (common_pid) was kswapd, those whose current task is not an owner, and
# those with partial-result flags.
# Prints one line of key=value pairs.

BEGIN {
	n = split(pids, p, " ")
	for (i = 1; i <= n; i++)
		workload[p[i]] = 1
}

FNR == NR {
	if (!($1 in workload))
		next
	# a KSM slot can be mapped at many addresses of one pid: count
	# each (pid, slot) pair once
	if (!(($3 ":" $4 " " $1) in truth))
		ntruth++
	truth[$3 ":" $4 " " $1] = 1
	truth_slot[$3 ":" $4] = 1
	next
}

/mm_swap_writepage_owner:/ {
	line = $0
	blamed = line
	sub(/^ */, "", blamed)
	# trace-cmd report puts the buffer (instance) name first: "NAME: "
	sub(/^[^ ]+: +/, "", blamed)
	sub(/ +\[[0-9]+\].*/, "", blamed)
	sub(/.*mm_swap_writepage_owner: /, "", line)
	np = event_pids(line, lp)
	sub(/ pids=.*/, "", line)
	nf = split(line, f, " ")
	for (i = 1; i <= nf; i++) {
		eq = index(f[i], "=")
		kv[substr(f[i], 1, eq - 1)] = substr(f[i], eq + 1)
	}
	events++
	owners = ""
	mine = 0
	for (i = 1; i <= np; i++) {
		pid = lp[i]
		owners = owners " " pid
		if (pid in workload)
			mine = 1
	}
	if (mine) {
		workload_events++
		if (blamed ~ /^kswapd/)
			kswapd_events++
		cur = blamed
		sub(/.*-/, "", cur)
		if (!index(owners " ", " " cur " "))
			foreign_events++
		if (kv["flags"] != "none")
			partial_events++
	}
	# fields are strings: force numbers, or 6 < "512" is false
	nr = kv["nr_pages"] + 0
	for (j = 0; j < nr; j++)
		latest[kv["swp_type"] ":" (kv["swp_offset"] + j)] = owners " "
}

END {
	for (k in truth) {
		split(k, a, " ")
		if ((a[1] in latest) && index(latest[a[1]], " " a[2] " "))
			tp++
	}
	for (s in latest) {
		np = split(latest[s], lp, " ")
		for (i = 1; i <= np; i++) {
			if (!(s in truth_slot)) {
				# swapped in again or freed since: unobservable
				if (lp[i] in workload)
					stale++
				continue
			}
			listed++
			if ((s " " lp[i]) in truth)
				confirmed++
		}
	}
	printf "events=%d workload_events=%d kswapd_events=%d foreign_events=%d partial_events=%d stale=%d truth=%d found=%d listed=%d confirmed=%d recall=%.2f precision=%.2f\n",
		events, workload_events, kswapd_events, foreign_events,
		partial_events, stale, ntruth,
		tp, listed, confirmed, ntruth ? 100 * tp / ntruth : 0,
		listed ? 100 * confirmed / listed : 0
}
