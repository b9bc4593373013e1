# owner-ksm.sh - KSM folios written to swap are reported with kind=ksm and
# the owners /proc/PID/pagemap shows, 100% precision and recall:
#
# 1. pair: two unrelated processes with the same 16 MiB content; ksmd
#    merges every page into a KSM folio mapped once by each;
# 2. copy: a parent and a forked child that rewrote its copy with the
#    same content: KSM folios mapped by two processes of one anon_vma
#    tree, which rmap_walk_ksm() visits in both of its passes;
# 3. const: one process, every page identical: max_page_sharing (256)
#    mappings of one mm per KSM folio.
#
# ksmd is stopped before reclaim so that nothing is merged or split while
# the slots are compared. A fresh KSM folio is mapped by PTEs that
# replace_page() made young (x86 vm_page_prot has _PAGE_ACCESSED), so the
# first memory.reclaim pass only activates it (folio_referenced() > 1);
# the next pass writes it.
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh

KSM=/sys/kernel/mm/ksm

tap_plan 24

# the event and KSM are the point of this test: no SKIP without them
owner_event_required
if ! tap_ok "the kernel has KSM" test -w "$KSM/run"; then
	exit 1
fi

echo 1000 > "$KSM/pages_to_scan"
echo 10 > "$KSM/sleep_millisecs"

# ksm_wait N - run ksmd until pages_sharing >= N (at most 180 s), then
# stop it; fails on timeout
ksm_wait()
{
	local i=0

	echo 1 > "$KSM/run"
	while [ "$(cat "$KSM/pages_sharing")" -lt "$1" ]; do
		if [ "$i" -ge 180 ]; then
			echo 0 > "$KSM/run"
			return 1
		fi
		sleep 1
		i=$((i + 1))
	done
	echo 0 > "$KSM/run"
}

# ksm_compare NAME TRUTH PIDS... - over the latest kind=ksm event of each
# slot that names a workload pid: how many there are, how many have
# nr_ptes equal to the number of pagemap entries of the slot, how many
# are flagged
ksm_compare()
{
	local name=$1
	local truth=$2

	shift 2
	awk -v pids="$*" '
	BEGIN { n = split(pids, p, " "); for (i = 1; i <= n; i++) w[p[i]] = 1 }
	FNR == NR { if ($1 in w) ptes[$3 ":" $4]++; next }
	/mm_swap_writepage_owner:/ && / kind=ksm / {
		slot = $0; sub(/.* swp_type=/, "", slot); sub(/ .*/, "", slot)
		off = $0; sub(/.* swp_offset=/, "", off); sub(/ .*/, "", off)
		nr = $0; sub(/.* nr_ptes=/, "", nr); sub(/ .*/, "", nr)
		fl = $0; sub(/.* flags=/, "", fl); sub(/ .*/, "", fl)
		latest[slot ":" off] = nr " " fl
	}
	END {
		for (s in latest) {
			if (!(s in ptes))
				continue
			split(latest[s], a, " ")
			events++
			if (a[1] + 0 == ptes[s])
				equal++
			if (a[2] != "none")
				flagged++
		}
		printf "ksm_events=%d ptes_equal=%d flagged=%d\n",
			events, equal, flagged
	}' "$truth" "$RESULTS/$name.trace"
}

# check_ksm NAME SHARED PIDS... - record the reclaim of cgroup NAME, whose
# processes (PIDS) hold SHARED KSM folios, and check the owners
check_ksm()
{
	local name=$1
	local shared=$2
	local lost
	local line
	local ksm
	local i

	shift 2
	owner_trace_start "$name"
	# three passes, whatever each returns: more than the cgroup holds is
	# asked, so each one ends in EAGAIN, and the first one only
	# activates the KSM folios. Reading memory.stat flushes the memcg
	# statistics: without it, the next pass, a moment later, still reads
	# no active anon (inactive_is_low() uses the flushed counters), never
	# deactivates the KSM folios and writes none of them
	for i in 1 2 3; do
		echo 64M > "/sys/fs/cgroup/$name/memory.reclaim" 2>/dev/null
		tap_diag "$name: pass $i: active_anon $(cg_stat "$name" active_anon) inactive_anon $(cg_stat "$name" inactive_anon)"
	done
	pagemap-truth "$@" > "/tmp/$name.truth"
	lost=$(owner_trace_stop "$name")
	owner_trace_remove "$name"
	tap_cmp "$lost" -eq 0 "$name: no event lost"
	line=$(owner_compare "$name" "/tmp/$name.truth" "$@")
	ksm=$(ksm_compare "$name" "/tmp/$name.truth" "$@")
	tap_diag "$name: $line $ksm"
	tap_cmp "$(owner_field "$ksm" ksm_events)" -ge "$shared" \
		"$name: every KSM folio ($shared) was written, kind=ksm, slot in pagemap"
	tap_ok "$name: recall 100% ($(owner_field "$line" found)/$(owner_field "$line" truth))" \
		owner_pct_is_100 "$line" recall
	tap_ok "$name: precision 100% ($(owner_field "$line" confirmed)/$(owner_field "$line" listed))" \
		owner_pct_is_100 "$line" precision
	tap_cmp "$(owner_field "$ksm" flagged)" -eq 0 \
		"$name: no kind=ksm event flagged partial"
}

# ptes_equal NAME KSM-LINE - nr_ptes = pagemap entries for every event
ptes_equal()
{
	tap_cmp "$(owner_field "$2" ptes_equal)" -eq \
		"$(owner_field "$2" ksm_events)" \
		"$1: nr_ptes of every kind=ksm event = its slot's pagemap entries"
}

# 1. two unrelated processes, same content (swap-hog fills the same
# pattern in every process)
cg_create pair max
cg_exec pair swap-hog --ksm --comm pairA --mib 16 --ready /tmp/a.pids --hold &
cg_exec pair swap-hog --ksm --comm pairB --mib 16 --ready /tmp/b.pids --hold &
wait_file /tmp/a.pids
wait_file /tmp/b.pids
pids="$(cat /tmp/a.pids) $(cat /tmp/b.pids)"
tap_ok "pair: ksmd merged the 4096 pages of one hog into the other's" \
	ksm_wait 4096
shared=$(cat "$KSM/pages_shared")
tap_diag "pair: pages_shared=$shared pages_sharing=$(cat "$KSM/pages_sharing")"
check_ksm pair "$shared" $pids
ptes_equal pair "$(ksm_compare pair /tmp/pair.truth $pids)"
stop_pids /tmp/a.pids
stop_pids /tmp/b.pids
echo 2 > "$KSM/run"

# 2. a parent and its child, same content in pages of their own
cg_create copy max
cg_exec copy swap-hog --ksm --comm copy --mib 16 --fork 1 --copy-child \
	--ready /tmp/copy.pids --hold &
wait_file /tmp/copy.pids
pids=$(cat /tmp/copy.pids)
tap_ok "copy: ksmd merged the child's 4096 pages into the parent's" \
	ksm_wait 4096
shared=$(cat "$KSM/pages_shared")
tap_diag "copy: pages_shared=$shared pages_sharing=$(cat "$KSM/pages_sharing")"
check_ksm copy "$shared" $pids
# rmap_walk_ksm() would visit the child's PTE from the child's rmap_item
# and again, in its second pass, from the parent's (the child's VMA is in
# the parent's anon_vma tree); the walk stops once every swap reference
# is found, so each PTE counts once
ptes_equal copy "$(ksm_compare copy /tmp/copy.truth $pids)"
stop_pids /tmp/copy.pids
echo 2 > "$KSM/run"

# 3. one process, all 4096 pages identical: 4096 / max_page_sharing KSM
# folios, each mapped max_page_sharing times
cg_create const max
cg_exec const swap-hog --ksm --comm const --mib 16 --pattern const \
	--ready /tmp/const.pids --hold &
wait_file /tmp/const.pids
pids=$(cat /tmp/const.pids)
max_sharing=$(cat "$KSM/max_page_sharing")
per=$((4096 / max_sharing))
tap_ok "const: ksmd merged 4096 pages into $per KSM folios" \
	ksm_wait $((4096 - per))
shared=$(cat "$KSM/pages_shared")
tap_diag "const: pages_shared=$shared pages_sharing=$(cat "$KSM/pages_sharing")"
check_ksm const "$shared" $pids
line=$(ksm_compare const /tmp/const.truth $pids)
ptes_equal const "$line"
tap_cmp "$(awk '{ n[$3 ":" $4]++ } END { for (s in n) if (n[s] == '"$max_sharing"') k++; print k + 0 }' /tmp/const.truth)" \
	-ge "$(owner_field "$line" ksm_events)" \
	"const: pagemap shows $max_sharing addresses for each KSM slot"
stop_pids /tmp/const.pids
echo 2 > "$KSM/run"

cp /tmp/*.truth "$RESULTS/"
tap_done
