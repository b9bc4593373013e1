# probe-calls.awk - "FUNCTION NS" per call, from trace-cmd report -t of
# kprobe events FUNCTION_in and kretprobe events FUNCTION_out: each
# return paired with the entry of the same task (needs trace-ts.awk)
/benchlock|_in:|_out:/ {
	i = ts_field()
	if (!i)
		next
	ns = ts_ns(i)
	ev = $(i + 1); sub(/:$/, "", ev)
	pid = $1; sub(/.*-/, "", pid)
	fn = ev; sub(/_(in|out)$/, "", fn)
	if (ev ~ /_in$/)
		start[pid, fn] = ns
	else if ((pid, fn) in start) {
		print fn, ns - start[pid, fn]
		delete start[pid, fn]
	}
}
