# trace-ts.awk - the timestamp of a line of trace text (a trace file of
# tracefs, trace-cmd report): functions for the other awk programs
#   ts_field()  the index of the line's "SECS.FRACTION:" field, 0 if none
#   ts_ns(I)    field I as nanoseconds (usecs or nsecs after the point)
function ts_field(    i) {
	for (i = 1; i <= NF; i++)
		if ($i ~ /^[0-9]+\.[0-9]+:$/)
			return i
	return 0
}

function ts_ns(i,    ts, t) {
	ts = $i
	sub(/:$/, "", ts)
	split(ts, t, ".")
	# busybox awk has no ^
	while (length(t[2]) < 9)
		t[2] = t[2] "0"
	# busybox awk reads "012" as octal: a 1 in front
	return t[1] * 1000000000 + ("1" t[2]) - 1000000000
}
