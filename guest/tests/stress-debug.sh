# stress-debug.sh - safety run of the owner resolution on the debug kernel
# (KASAN + SLUB_RCU_DEBUG, lockdep, PROVE_RCU, DEBUG_VM, ...): with the
# event enabled and a reader draining it, race swap-out against exit,
# fork, mremap, munmap, MADV_PAGEOUT, process_madvise of dying owners,
# memory.reclaim, memory.max, KSM merging, shmem and swapoff/swapon for
# STRESS_SECS (argument 1, default 60). The run passes
# when no kernel splat appears (qemu/run-vm checks the console) and events
# were seen; the per-flag counts are reported.
# run-vm: --kernel debug --timeout 1500
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh

secs=${1:-60}
tap_plan 6
owner_event_required

inst=/sys/kernel/tracing/instances/stress
mkdir "$inst"
echo 2048 > "$inst/buffer_size_kb"
echo 1 > "$inst/events/$OWNERS_EVENT/enable"
echo 1 > "$inst/tracing_on"
# the reader counts events and flags as it drains; it reads a fifo fed by
# cat so that stopping cat ends it cleanly (its END block runs)
mkfifo /tmp/stress.pipe
awk '/mm_swap_writepage_owner:/ {
	n++
	f = $0; sub(/.* flags=/, "", f); sub(/ .*/, "", f)
	k = split(f, a, "|")
	for (i = 1; i <= k; i++) flags[a[i]]++
	d = $0; sub(/.* disposition=/, "", d); sub(/ .*/, "", d); disp[d]++
	t = $0; sub(/.* kind=/, "", t); sub(/ .*/, "", t); kind[t]++
}
END {
	printf "events=%d", n
	for (x in kind) printf " kind_%s=%d", x, kind[x]
	for (x in disp) printf " disposition_%s=%d", x, disp[x]
	for (x in flags) printf " flag_%s=%d", x, flags[x]
	print ""
}' /tmp/stress.pipe > /tmp/stress.counts &
reader=$!
cat "$inst/trace_pipe" > /tmp/stress.pipe &
feeder=$!

loops=
end=$(( $(date +%s) + secs ))
running() { [ "$(date +%s)" -lt "$end" ]; }

cg_create stress 24M
cg_create churn max
echo 1 > /sys/kernel/mm/ksm/run 2>/dev/null
echo 10 > /sys/kernel/mm/ksm/sleep_millisecs 2>/dev/null
echo 1 > /sys/module/zswap/parameters/enabled

# exit and fork while over memory.max: owners exit mid-writeback
( while running; do
	cg_exec stress swap-hog --comm exiter --mib 32 --fork 3 2>/dev/null
done ) &
loops="$loops $!"
# COW sharers held while another task reclaims them, then killed
( i=0; while running; do
	i=$((i + 1))
	cg_exec churn swap-hog --comm sharer --mib 8 --fork 4 --ready /tmp/sharer.$i --hold &
	wait_file /tmp/sharer.$i 60 || continue
	echo 16M > /sys/fs/cgroup/churn/memory.reclaim 2>/dev/null
	stop_pids /tmp/sharer.$i
done ) &
loops="$loops $!"
# MADV_PAGEOUT of private memory, KSM-merged identical pages
( while running; do
	swap-hog --comm pager --mib 8 --pageout 2>/dev/null
	swap-hog --comm ksm --mib 8 --ksm --pattern const --pageout 2>/dev/null
done ) &
loops="$loops $!"
# mremap and munmap: random chunks of a region shared with COW children
# move away and back and are unmapped and refilled while memory.reclaim
# of the cgroup (the loops above and below) writes the rest; owners die
# while process_madvise writes their pages
( while running; do
	left=$((end - $(date +%s)))
	[ "$left" -gt 0 ] || break
	[ "$left" -le 10 ] || left=10
	cg_exec churn swap-race remap --mib 8 --fork 2 --secs "$left" \
		>> /tmp/remap.counts || echo "remap failed" >> /tmp/remap.counts
	swap-race exit --mib 4 --rounds 2 > /dev/null
done ) &
loops="$loops $!"
# shmem: a memfd with two mappers under reclaim
( i=0; while running; do
	i=$((i + 1))
	cg_exec churn shm-hog --kind memfd --mib 4 --ready /tmp/shm.$i --hold &
	wait_file /tmp/shm.$i 60 || continue
	echo 8M > /sys/fs/cgroup/churn/memory.reclaim 2>/dev/null
	stop_pids /tmp/shm.$i
done ) &
loops="$loops $!"
# a second swap device comes and goes (swapoff pulls its pages back in),
zram=$(cat /sys/class/zram-control/hot_add)
echo 64M > "/sys/block/zram$zram/disksize"
mkswap "/dev/zram$zram" > /dev/null
# and zswap is switched on and off, so folios take both the zswap and
# the write path
( z=0; while running; do
	swapon -p 10 "/dev/zram$zram" 2>/dev/null
	echo $z > /sys/module/zswap/parameters/enabled
	z=$((1 - z))
	sleep 2
	swapoff "/dev/zram$zram" 2>/dev/null
done ) &
loops="$loops $!"

wait $loops
echo 0 > "$inst/tracing_on"
lost=$(cat "$inst"/per_cpu/cpu*/stats | awk '$1 == "overrun:" { n += $2 } END { print n + 0 }')
echo 0 > "$inst/events/$OWNERS_EVENT/enable"
kill "$feeder"
wait "$reader"
counts=$(cat /tmp/stress.counts)
remap=$(awk '$1 == "remap" { r += $2; u += $4; p += $6; n++ }
	/failed/ { f++ }
	END { printf "remap_runs=%d remap_failed=%d mremap=%d munmap=%d pageout=%d\n", n, f, r, u, p }' \
	/tmp/remap.counts)
tap_diag "racers: $remap"

tap_diag "stress ${secs}s: $counts lost=$lost"
echo "$counts lost=$lost $remap" > "$RESULTS/stress.counts"
tap_cmp "$(owner_field "$counts" events)" -gt 0 "events were recorded and drained"
tap_cmp "$(owner_field "$counts" kind_anon)" -gt 0 "anon folios were resolved"
tap_cmp "$(owner_field "$counts" kind_shmem)" -gt 0 "shmem folios were reported"
tap_cmp "$(owner_field "$remap" remap_failed)" -eq 0 "the mremap/munmap racer never failed"
tap_cmp "$(( $(owner_field "$remap" mremap) * $(owner_field "$remap" munmap) ))" -gt 0 \
	"chunks were moved by mremap and unmapped by munmap"
tap_done
