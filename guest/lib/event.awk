# event.awk - helpers for awk programs that read swap:mm_swap_writepage_owner
# lines, from a tracefs "trace" file or from trace-cmd report; load it
# before the program: awk -f event.awk -f PROGRAM.awk
# (busybox awk has neither strtonum nor an include)

# hex - value of a "0x..." string
function hex(s,    i, v)
{
	s = tolower(s)
	sub(/^0x/, "", s)
	v = 0
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v
}

# event_field - the value of "KEY=" in an event line, "" if absent
function event_field(line, key)
{
	if (!sub(".* " key "=", "", line))
		return ""
	sub(/ .*/, "", line)
	return line
}

# event_pids - the owner pids of an event line, as numbers, in out[1..n];
# returns n. The kernel prints pids={0x39,0x3a}, trace-cmd report
# pids=57 58; the comms follow.
function event_pids(line, out,    n, i)
{
	if (!sub(/.* pids=/, "", line))
		return 0
	sub(/ comms=.*/, "", line)
	gsub(/[{}]/, "", line)
	gsub(/,/, " ", line)
	n = split(line, out, " ")
	for (i = 1; i <= n; i++)
		out[i] = out[i] ~ /^0x/ ? hex(out[i]) : out[i] + 0
	return n
}
