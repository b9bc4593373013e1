# owner-shmem.sh - shmem folios written to swap name the processes that
# map them, with kind shmem: on 7.3 the mappers reclaim took PTEs from
# (captured at unmap, so never flagged "potential"); on the 6.12 backport
# the mappers of the file range, every event flagged "potential":
#
# 1. a memfd mapped by two processes;
# 2. a SysV shared memory segment attached by two processes;
# 3. a tmpfs file that nobody maps: kind shmem and no owner.
#
# pagemap cannot show swapped shmem (its PTEs are cleared, not turned into
# swap PTEs), so the ground truth is the Swap: line of the mapping in
# /proc/PID/smaps, and each scenario runs in a cgroup of its own so that
# its events are told apart by memcg_id (the cgroup id: its directory inode on 64-bit).
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh

tap_plan 12

owner_event_required

# the 6.12 backport names the range's mappers: "potential" on every event
case $(uname -r) in
6.*) potential=all ;;
*) potential=none ;;
esac

# smaps_swap_pages PID PATTERN - Swap of the mapping whose name matches
smaps_swap_pages()
{
	awk -v pat="$2" '
	/^[0-9a-f]+-[0-9a-f]+ / { inside = ($0 ~ pat) }
	inside && $1 == "Swap:" { kb += $2 }
	END { print int(kb / 4) }' "/proc/$1/smaps"
}

# shmem_events TRACE CGROUP_INO [OWNED] - for the kind=shmem events of a
# cgroup (with OWNED=1 only those naming an owner: the cgroup also holds
# small tmpfs files nobody maps, such as the --ready file):
# "pages N events N potential N | [pids]...", the distinct sorted decimal
# pid lists seen after the "|"
shmem_events()
{
	awk -f /lib/swapowner/event.awk -f /lib/swapowner/shmem-events.awk \
		-v ino="$2" -v owned="${3:-0}" "$1"
}

# shm_scenario NAME KIND PATTERN - two mappers of a KIND segment
shm_scenario()
{
	local name=$1
	local want
	local line
	local swap
	local flagged
	local i

	cg_create "$name" max
	cg_exec "$name" shm-hog --kind "$2" --mib 8 --comm "$name" \
		--ready "/tmp/$name.pids" --hold &
	wait_file "/tmp/$name.pids"
	owner_trace_start "$name"
	# pages that both mappers just touched are activated, not evicted
	# (6.12 once kept a whole SysV segment through ten attempts): clear
	# the mappers' accessed bits before each attempt, which leaves their
	# PTEs in place. Attempts made back to back were also seen to fail
	# (7.3, MGLRU) where attempts 0.2 s apart succeed.
	for i in 1 2 3 4 5 6 7 8 9 10; do
		for p in $(cat "/tmp/$name.pids"); do
			echo 1 > "/proc/$p/clear_refs"
		done
		echo 64M > "/sys/fs/cgroup/$name/memory.reclaim" 2>/dev/null
		swap=$(smaps_swap_pages "$(head -n 1 "/tmp/$name.pids")" "$3")
		[ "$swap" -lt 2048 ] || break
		usleep 200000
	done
	tap_cmp "$(owner_trace_stop "$name")" -eq 0 "$name: no event lost"
	stop_pids "/tmp/$name.pids"
	want=$(sort -n "/tmp/$name.pids" | paste -s -d,)
	line=$(shmem_events "$RESULTS/$name.trace" \
		"$(stat -c %i "/sys/fs/cgroup/$name")" 1)
	tap_diag "$name: smaps swap $swap pages; events: $line; mappers [$want]"
	tap_cmp "$swap" -ge 1024 "$name: >= 1024 pages of the segment in swap (smaps)"
	tap_cmp "$(echo "$line" | awk '{ print $2 }')" -ge "$swap" \
		"$name: kind=shmem events cover every swapped page (recall)"
	if [ "$potential" = all ]; then
		flagged=$(echo "$line" | awk '{ print $4 }')
	else
		flagged=0
	fi
	tap_ok "$name: every event names exactly both mappers, potential on $potential" \
		test "${line#*|}" = " [$want]" -a \
		"$flagged" = "$(echo "$line" | awk '{ print $6 }')"
	owner_trace_remove "$name"
}

shm_scenario memfd memfd 'memfd:shm-hog'
shm_scenario sysv sysv 'SYSV'

# 3. a tmpfs file that nobody maps
cg_create tmpfs max
owner_trace_start tmpfs
cg_exec tmpfs sh -c 'yes swapowner | head -c 8388608 > /dev/shm/unmapped'
cg_reclaim tmpfs 64M
swapped=$(( $(cat /sys/fs/cgroup/tmpfs/memory.swap.current) / 4096 ))
owner_trace_stop tmpfs > /dev/null
line=$(shmem_events "$RESULTS/tmpfs.trace" "$(stat -c %i /sys/fs/cgroup/tmpfs)")
tap_diag "tmpfs: $swapped pages of swap charged; events: $line"
tap_cmp "$swapped" -ge 1024 "tmpfs: >= 1024 pages of the file in swap"
tap_cmp "$(echo "$line" | awk '{ print $2 }')" -ge "$swapped" \
	"tmpfs: kind=shmem events cover every swapped page"
tap_ok "tmpfs: no event names an owner" test "${line#*|}" = " []"
owner_trace_remove tmpfs
rm -f /dev/shm/unmapped

tap_done
