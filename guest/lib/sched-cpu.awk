# sched-cpu.awk - how long the processes named comm ran, from the text of
# a trace buffer with sched:sched_switch (one CPU) and two markers,
# churn_begin and churn_end (trace_marker): one line
#   " observer_ns=ALL observer_steady_ns=STEADY"
# ALL sums every interval from a process being switched in to its being
# switched out as comm (the comm it had when switched in may be the
# shell's, before exec); STEADY only the parts between the markers.
# Timestamps are the trace's "SECS.FRACTION:" field (needs trace-ts.awk);
# the clock is the buffer's (mono: under run-vm --icount, instructions).
function val(key,    i) {
	for (i = 1; i <= NF; i++)
		if (index($i, key "=") == 1)
			return substr($i, length(key) + 2)
	return ""
}
{
	f = ts_field()
	if (!f)
		next
	ns = ts_ns(f)
}
/tracing_mark_write: churn_begin/ { begin = ns }
/tracing_mark_write: churn_end/ { end = ns }
/sched_switch:/ {
	p = val("prev_pid")
	if (val("prev_comm") == comm && (p in start)) {
		n++
		from[n] = start[p]
		to[n] = ns
	}
	start[val("next_pid")] = ns
}
END {
	for (i = 1; i <= n; i++) {
		all += to[i] - from[i]
		a = from[i]
		if (a < begin)
			a = begin
		b = to[i]
		if (b > end)
			b = end
		if (b > a)
			steady += b - a
	}
	printf " observer_ns=%.0f observer_steady_ns=%.0f\n", all, steady
}
