# tools-cost.sh - what perf and bpftrace through hostrun cost a 256 MiB
# guest: memory available before, peak RSS of each tool, wall time of
# each step (TCG). Prints key=value lines and writes them to
# $RESULTS/tools-cost.txt. Not a test: the numbers go into the README.
. /lib/swapowner/swap.sh

out=$RESULTS/tools-cost.txt
: > "$out"

# say KEY VALUE - one key=value line on stdout and in $out
say()
{
	echo "$1=$2" | tee -a "$out"
}

# now_ms - the guest's monotonic clock in ms
now_ms()
{
	awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime
}

mem_kb()
{
	awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo
}

say boot_s "$(cut -d' ' -f1 /proc/uptime)"
say hostroot_mounted "$(grep -c ' /hostroot 9p ' /proc/mounts)"
say memtotal_kb "$(mem_kb MemTotal)"
say memavailable_kb "$(mem_kb MemAvailable)"

t=$(now_ms)
n=$(perf list tracepoint 2>/dev/null | wc -l)
say perf_list_ms $(( $(now_ms) - t ))
say perf_list_lines "$n"
t=$(now_ms)
rss=$(perf stat -e vmscan:mm_vmscan_write_folio -- \
	/bin/sh -c 'grep VmHWM /proc/$PPID/status' 2>/dev/null | awk '{ print $2 }')
say perf_stat_ms $(( $(now_ms) - t ))
say perf_peak_rss_kb "${rss:-?}"

t=$(now_ms)
n=$(bpftrace -l 'tracepoint:vmscan:*' 2>/dev/null | wc -l)
say bpftrace_list_ms $(( $(now_ms) - t ))
say bpftrace_list_lines "$n"
# bpftrace's peak RSS: sampled from the guest while the one-liner runs
t=$(now_ms)
bpftrace -q -e 'tracepoint:vmscan:mm_vmscan_write_folio { @n = count(); }' \
	-c '/bin/sleep 2' > /dev/null 2>&1 &
rss=
while kill -0 $! 2>/dev/null; do
	for p in $(pidof bpftrace); do
		v=$(awk '/^VmHWM:/ { print $2 }' "/proc/$p/status" 2>/dev/null)
		[ -n "$v" ] && rss=$v
	done
	usleep 100000
done
say bpftrace_oneliner_ms $(( $(now_ms) - t ))
say bpftrace_peak_rss_kb "${rss:-?}"
say memavailable_after_kb "$(mem_kb MemAvailable)"
echo "1..1"
echo "ok 1 - measured"
