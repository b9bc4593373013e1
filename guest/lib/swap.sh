# swap.sh - helpers for guest swap scenarios (busybox sh); source it.

# vmstat - print the /proc/vmstat counter $1 (nothing if there is none,
# which makes a numeric comparison on it fail)
vmstat()
{
	awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat
}

# wait_file - wait up to $2 seconds (default 120) for file $1 to exist
wait_file()
{
	local i=0

	while [ ! -s "$1" ]; do
		[ "$i" -ge "$((${2:-120} * 10))" ] && return 1
		usleep 100000
		i=$((i + 1))
	done
}

# wait_tracing_on - wait up to $2 seconds (default 60) for tracing to be on
# in tracefs instance $1
wait_tracing_on()
{
	local on=/sys/kernel/tracing/instances/$1/tracing_on
	local i=0

	until [ "$(cat "$on" 2>/dev/null)" = 1 ]; do
		[ "$i" -ge "$((${2:-60} * 10))" ] && return 1
		usleep 100000
		i=$((i + 1))
	done
}

# swap_type_of - index in /proc/swaps order of swap device $1 (the type
# /proc/PID/pagemap and the tracepoint report)
swap_type_of()
{
	awk -v d="$1" 'NR > 1 { if ($1 == d) { print NR - 2; exit } }' /proc/swaps
}

# swap_pages_of - size in pages of swap device $1
swap_pages_of()
{
	awk -v d="$1" 'NR > 1 && $1 == d { print $3 / 4 }' /proc/swaps
}

# cg_create - make cgroup $1 under the root with memory.max $2
cg_create()
{
	mkdir -p "/sys/fs/cgroup/$1" &&
	echo "$2" > "/sys/fs/cgroup/$1/memory.max"
}

# cg_exec CGROUP CMD [ARG...] - run CMD in cgroup CGROUP: a shell moves
# itself in and execs CMD, so everything CMD allocates is charged there
cg_exec()
{
	sh -c 'echo $$ > "/sys/fs/cgroup/$0/cgroup.procs" && exec "$@"' "$@"
}

# cg_reclaim CGROUP BYTES - memory.reclaim of cgroup CGROUP, a few passes:
# the first ones may only age pages that were just referenced. Passes are
# 0.2 s apart: back to back they were seen to give up on young pages
# (7.3, MGLRU)
cg_reclaim()
{
	local i

	for i in 1 2 3 4 5; do
		echo "$2" > "/sys/fs/cgroup/$1/memory.reclaim" 2>/dev/null &&
			return 0
		usleep 200000
	done
	return 1
}

# cg_stat - print key $2 of cgroup $1's file $3 (default memory.stat)
cg_stat()
{
	awk -v k="$2" '$1 == k { print $2 }' "/sys/fs/cgroup/$1/${3:-memory.stat}"
}

# stop_pids - SIGTERM the processes listed in file $1 and wait for them
stop_pids()
{
	local pid

	pid=$(head -n 1 "$1")
	kill "$pid" 2>/dev/null
	while kill -0 "$pid" 2>/dev/null; do usleep 100000; done
}
