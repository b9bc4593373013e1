# owners.sh - record swap:mm_swap_writepage_owner in a private tracefs
# instance and check its owners against pagemap ground truth; source it.

OWNERS_EVENT=swap/mm_swap_writepage_owner

# owner_event_required - the first check of a test about the event: on a
# kernel without it, it fails and the test stops (no SKIP: the event is
# the point of these tests); source tap.sh first
owner_event_required()
{
	tap_ok "the kernel has $OWNERS_EVENT" \
		test -d "/sys/kernel/tracing/events/$OWNERS_EVENT" || exit 1
}

# json_total KEY FILE - the first "KEY": N of a swapowner --json document
json_total()
{
	sed -n "s/.*\"$1\": \([0-9]*\).*/\1/p" "$2" | head -n 1
}

# owner_trace_start NAME [BUFFER_KB] - a private instance, event on
owner_trace_start()
{
	local inst=/sys/kernel/tracing/instances/$1

	mkdir "$inst" || return 1
	echo 0 > "$inst/tracing_on"
	echo "${2:-8192}" > "$inst/buffer_size_kb"
	echo 1 > "$inst/events/$OWNERS_EVENT/enable"
	echo 1 > "$inst/tracing_on"
}

# owner_trace_stop NAME - stop, save the text to $RESULTS/NAME.trace,
# print the number of events lost (overrun) on all CPUs
owner_trace_stop()
{
	local inst=/sys/kernel/tracing/instances/$1

	echo 0 > "$inst/tracing_on"
	cat "$inst/trace" > "$RESULTS/$1.trace"
	cat "$inst"/per_cpu/cpu*/stats |
		awk '$1 == "overrun:" { n += $2 } END { print n + 0 }'
}

owner_trace_remove()
{
	rmdir "/sys/kernel/tracing/instances/$1"
}

# owner_compare NAME TRUTH PIDS... - the owners.awk line for NAME.trace
owner_compare()
{
	local name=$1
	local truth=$2

	shift 2
	awk -f /lib/swapowner/event.awk -f /lib/swapowner/owners.awk \
		-v pids="$*" "$truth" \
		"$RESULTS/$name.trace"
}

# owner_field LINE KEY - the value of KEY in an owners.awk line
owner_field()
{
	echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'
}

# owner_pct_is_100 LINE KEY - does KEY (a percentage) equal 100?
owner_pct_is_100()
{
	[ "$(owner_field "$1" "$2")" = "100.00" ]
}
