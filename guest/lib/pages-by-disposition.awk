# pages-by-disposition.awk - "DISPOSITION PAGES" for each disposition of
# the swap:mm_swap_writepage_owner events that name the owner pid
#
# usage: awk -f event.awk -f pages-by-disposition.awk -v pid=PID TRACE

/mm_swap_writepage_owner:/ {
	n = event_pids($0, o)
	for (i = 1; i <= n; i++)
		if (o[i] == pid)
			pages[event_field($0, "disposition")] += event_field($0, "nr_pages")
}

END {
	for (d in pages)
		print d, pages[d]
}
