# disposition.sh - the disposition field of swap:mm_swap_writepage_owner
# says what swap_writepage() did; source it after tap.sh, swap.sh and
# owners.sh, then call disposition_check EXPECTED_WRITE.

# disposition_of NAME PIDS - "disposition pages" lines for the events in
# $RESULTS/NAME.trace that name one of PIDS
disposition_of()
{
	awk -f /lib/swapowner/event.awk -f /lib/swapowner/disposition.awk \
		-v pids="$2" "$RESULTS/$1.trace"
}

# disposition_run NAME PATTERN - a cgroup hog of PATTERN pages, reclaimed;
# leaves NAME.trace and the hog's pids in /tmp/NAME.pids
disposition_run()
{
	cg_create "$1" max
	cg_exec "$1" swap-hog --comm "$1" --mib 8 --pattern "$2" \
		--ready "/tmp/$1.pids" --hold &
	wait_file "/tmp/$1.pids"
	owner_trace_start "$1"
	cg_reclaim "$1" 32M
	pagemap-truth $(cat "/tmp/$1.pids") > "/tmp/$1.truth"
	owner_trace_stop "$1" > /dev/null
	stop_pids "/tmp/$1.pids"
	owner_trace_remove "$1"
}

# disposition_expect NAME DISPOSITION - the hog's 8 MiB region (2048
# pages) is reported with DISPOSITION; only the rest of its memory (stack,
# libc data: what pagemap finds beyond the region) may say otherwise
disposition_expect()
{
	local region=2048
	local truth
	local got

	got=$(disposition_of "$1" "$(cat "/tmp/$1.pids")")
	truth=$(wc -l < "/tmp/$1.truth")
	tap_diag "$1: $(echo $got), pagemap: $truth swapped pages"
	tap_cmp "$(echo "$got" | awk -v d="$2" '$1 == d { print $2 }')" -ge \
		"$region" "$1: the region's $region pages say disposition=$2"
	tap_cmp "$(echo "$got" | awk -v d="$2" '$1 != d { n += $2 } END { print n + 0 }')" \
		-le "$((truth - region))" "$1: no more than the rest says otherwise"
	tap_cmp "$(echo "$got" | awk '{ n += $2 } END { print n + 0 }')" -ge \
		"$truth" "$1: at least one event per swapped page in pagemap"
}

# disposition_check WRITE - zero-filled pages, written pages (WRITE:
# write_sync or write_async), and with zswap enabled, zswap
disposition_check()
{
	tap_plan 9
	disposition_run zero zero
	disposition_expect zero zero
	disposition_run written mixed
	disposition_expect written "$1"
	echo 1 > /sys/module/zswap/parameters/enabled
	disposition_run zswapped mixed
	disposition_expect zswapped zswap
	echo 0 > /sys/module/zswap/parameters/enabled
	tap_done
}
