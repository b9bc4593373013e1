# swap-basic.sh - memory really goes through swap in the guest, and the
# pagemap ground truth finds the workload's swapped pages with valid slots.
#
# 1. global pressure: one process touches more than the guest's RAM, so
#    kswapd reclaims;
# 2. a cgroup with memory.max: the cgroup's own task reclaims directly.
#
# Run on zram (synchronous) and on a virtio-blk disk (async bio):
# run-vm(zram): --swap zram
# run-vm(disk): --swap disk
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh

tap_plan 12

swapdev=$(awk 'NR == 2 { print $1 }' /proc/swaps)
tap_ok "a swap device is active ($swapdev)" test -n "$swapdev"
swaptype=$(swap_type_of "$swapdev")
swappages=$(swap_pages_of "$swapdev")

# check_truth FILE PID MIN_PAGES - every swapped page pagemap-truth listed
# for PID has a valid slot on our device, no slot twice, at least MIN_PAGES
check_truth()
{
	local n
	local bad
	local dups

	n=$(awk -v p="$2" '$1 == p' "$1" | wc -l)
	tap_cmp "$n" -ge "$3" "pagemap finds >= $3 swapped pages of pid $2"
	bad=$(awk -v p="$2" -v t="$swaptype" -v max="$swappages" \
		'$1 == p && ($3 != t || $4 < 1 || $4 >= max)' "$1" | wc -l)
	tap_cmp "$bad" -eq 0 "all slots of pid $2 are on $swapdev (type $swaptype) in 1..$swappages"
	dups=$(awk -v p="$2" '$1 == p { print $3 ":" $4 }' "$1" | sort | uniq -d | wc -l)
	tap_cmp "$dups" -eq 0 "no slot listed twice for pid $2"
}

# 1. global pressure: 320 MiB of anon memory in a 256 MiB guest
out_before=$(vmstat pswpout)
kswapd_before=$(vmstat pgscan_kswapd)
swap-hog --comm hog --mib 320 --ready /tmp/hog.pids --hold &
if wait_file /tmp/hog.pids 300; then
	tap_result 0 "hog filled 320 MiB"
	pid=$(head -n 1 /tmp/hog.pids)
	pagemap-truth "$pid" > "$RESULTS/global.truth"
	out_after=$(vmstat pswpout)
	tap_cmp "$out_after" -gt "$out_before" "pswpout rose ($out_before -> $out_after)"
	tap_cmp "$(vmstat pgscan_kswapd)" -gt "$kswapd_before" "kswapd scanned"
	check_truth "$RESULTS/global.truth" "$pid" 16384
	stop_pids /tmp/hog.pids
else
	tap_result 1 "hog filled 320 MiB"
	for i in 1 2 3 4 5; do tap_result 1 "global pressure (hog died)"; done
fi

# 2. direct reclaim in a cgroup: 64 MiB of anon memory under memory.max=32M,
#    so at least 32 MiB of it must be in swap while it holds it
cg_create hog-cg 32M
out_before=$(vmstat pswpout)
cg_exec hog-cg swap-hog --comm cghog --mib 64 --ready /tmp/cghog.pids --hold &
if wait_file /tmp/cghog.pids 300; then
	pid=$(head -n 1 /tmp/cghog.pids)
	pagemap-truth "$pid" > "$RESULTS/cgroup.truth"
	tap_cmp "$(vmstat pswpout)" -gt "$out_before" "pswpout rose under memory.max"
	tap_cmp "$(cat /sys/fs/cgroup/hog-cg/memory.swap.current)" -gt 0 \
		"the cgroup has swap charged"
	check_truth "$RESULTS/cgroup.truth" "$pid" 8192
	stop_pids /tmp/cghog.pids
else
	for i in 1 2 3 4 5; do tap_result 1 "cgroup hog died"; done
fi

tap_done
