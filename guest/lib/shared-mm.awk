# shared-mm.awk - "EVENTS FLAGGED": the swap:mm_swap_writepage_owner
# events that name the owner pid, and those of them flagged shared_mm
#
# usage: awk -f event.awk -f shared-mm.awk -v pid=PID TRACE

/mm_swap_writepage_owner:/ {
	n = event_pids($0, o)
	for (i = 1; i <= n; i++)
		if (o[i] == pid) {
			all++
			if (event_field($0, "flags") ~ /shared_mm/)
				flagged++
		}
}

END {
	print all + 0, flagged + 0
}
