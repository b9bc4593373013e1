# shmem-events.awk - the kind=shmem events of one cgroup:
# "pages N events N potential N | [pids]...", the distinct sorted pid
# lists seen after the "|"; with -v owned=1 only events naming an owner
#
# usage: awk -f event.awk -f shmem-events.awk -v ino=MEMCG_ID
#	[-v owned=1] TRACE

/mm_swap_writepage_owner:/ && / kind=shmem / && $0 ~ (" memcg_id=" ino " ") {
	k = event_pids($0, o)
	if (owned && !k)
		next
	for (i = 2; i <= k; i++)
		for (j = i; j > 1 && o[j - 1] > o[j]; j--) {
			t = o[j]; o[j] = o[j - 1]; o[j - 1] = t
		}
	set = ""
	for (i = 1; i <= k; i++)
		set = set (i > 1 ? "," : "") o[i]
	sets[set] = 1
	pages += event_field($0, "nr_pages")
	events++
	if ($0 ~ / flags=[a-z|]*potential/)
		potential++
}

END {
	printf "pages %d events %d potential %d |", pages, events, potential
	for (s in sets)
		printf " [%s]", s
	print ""
}
