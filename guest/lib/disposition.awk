# disposition.awk - pages per disposition of the events that name one of
# the pids in -v pids="PID...": "disposition pages" lines
#
# usage: awk -f event.awk -f disposition.awk -v pids="PID..." TRACE

BEGIN {
	n = split(pids, p, " ")
	for (i = 1; i <= n; i++)
		wanted[p[i]] = 1
}

/mm_swap_writepage_owner:/ {
	k = event_pids($0, o)
	for (i = 1; i <= k; i++)
		if (o[i] in wanted) {
			pages[event_field($0, "disposition")] += event_field($0, "nr_pages")
			break
		}
}

END {
	for (d in pages)
		print d, pages[d]
}
