# owner-pid-pages.awk - pages of the swap:mm_swap_writepage_owner events
# whose owner_pid field is PID (tracefs text, trace-cmd report or perf
# script output)
#
# usage: awk -f event.awk -f owner-pid-pages.awk -v pid=PID TEXT

/mm_swap_writepage_owner:/ && event_field($0, "owner_pid") == pid {
	n += event_field($0, "nr_pages")
}

END {
	print n + 0
}
