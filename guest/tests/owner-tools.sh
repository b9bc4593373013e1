# owner-tools.sh - the owners of swap:mm_swap_writepage_owner reach the
# tools kernel engineers use, through its plain owner_pid field: a kernel
# event filter (trace-cmd record -f 'owner_pid == PID') keeps the events
# of one of two processes, a one-line bpftrace program sums pages per
# owner, and perf record + perf script prints the owners. Two hogs (8 MiB
# each, one cgroup) are reclaimed through memory.reclaim in each part;
# the kernel filter keeps every slot pagemap shows for the selected hog
# and nothing else, bpftrace sums at least each hog's pages in swap; the
# owners perf script prints match pagemap slot
# by slot (100% precision and recall of (pid, owner_pid's slot) pairs: a
# page that went out twice counts once, for its latest slot).
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh

tap_plan 12

owner_event_required
echo never > /sys/kernel/mm/transparent_hugepage/enabled

# two_hogs NAME - hogs NAME-a and NAME-b in cgroup NAME; their pids in
# /tmp/NAME.a and /tmp/NAME.b
two_hogs()
{
	cg_create "$1" max
	cg_exec "$1" swap-hog --comm "$1-a" --mib 8 --pattern random \
		--ready "/tmp/$1.a" --hold &
	cg_exec "$1" swap-hog --comm "$1-b" --mib 8 --pattern random \
		--ready "/tmp/$1.b" --hold &
	wait_file "/tmp/$1.a"
	wait_file "/tmp/$1.b"
}

# swapped PID - pages of PID in swap per pagemap
swapped()
{
	pagemap-truth "$1" | wc -l
}

# reclaim_script CGROUP - write /tmp/reclaim-CGROUP.sh, which the tools
# run (the guest's busybox sh for trace-cmd, the host's sh in hostrun's
# chroot for perf and bpftrace): memory.reclaim until less than 1 MiB of
# the cgroup's memory is anon. Attempts are 1 s apart: back to back they
# were seen to fail on 7.3 (MGLRU) while the hogs' pages were still young.
reclaim_script()
{
	cat > "/tmp/reclaim-$1.sh" <<SCRIPT
for i in 1 2 3 4 5 6 7 8 9 10; do
	echo 64M > /sys/fs/cgroup/$1/memory.reclaim 2>/dev/null
	anon=\$(awk '\$1 == "anon" { print \$2 }' /sys/fs/cgroup/$1/memory.stat)
	[ "\$anon" -lt 1048576 ] && break
	sleep 1
done
true
SCRIPT
	echo "/tmp/reclaim-$1.sh"
}

# 1. a kernel event filter selects one owner
two_hogs flt
a=$(cat /tmp/flt.a)
b=$(cat /tmp/flt.b)
trace-cmd record -q -o "$RESULTS/flt.dat" -e swap:mm_swap_writepage_owner \
	-f "owner_pid == $a" sh "$(reclaim_script flt)" > /dev/null 2>&1
pagemap-truth "$a" > /tmp/flt.truth
want_b=$(swapped "$b")
stop_pids /tmp/flt.a
stop_pids /tmp/flt.b
trace-cmd report -i "$RESULTS/flt.dat" > "$RESULTS/flt.report" 2>&1
line=$(awk -f /lib/swapowner/event.awk -f /lib/swapowner/owner-pid-slots.awk \
	-v pids="$a" /tmp/flt.truth "$RESULTS/flt.report")
tap_diag "filter owner_pid == $a: $line; pagemap: the other hog $want_b pages in swap"
tap_cmp "$want_b" -ge 2048 "filter: the other hog's region went to swap too ($want_b pages)"
tap_ok "filter: the kept events cover every slot of the selected hog ($(owner_field "$line" found)/$(owner_field "$line" truth))" \
	test "$(owner_field "$line" found)" = "$(owner_field "$line" truth)" -a "$(owner_field "$line" truth)" -ge 2048
tap_cmp "$(grep 'mm_swap_writepage_owner:' "$RESULTS/flt.report" | grep -cv " owner_pid=$a ")" \
	-eq 0 "filter: every kept event has owner_pid=$a"

# 2. a bpftrace one-liner: pages per owner pid
two_hogs bt
a=$(cat /tmp/bt.a)
b=$(cat /tmp/bt.b)
bpftrace -e 'tracepoint:swap:mm_swap_writepage_owner { @pages[args->owner_pid] = sum(args->nr_pages); }' \
	-c "/bin/sh $(reclaim_script bt)" > "$RESULTS/bpftrace.out" 2> "$RESULTS/bpftrace.err"
tap_cmp $? -eq 0 "bpftrace: the one-liner attaches and runs"
want_a=$(swapped "$a")
want_b=$(swapped "$b")
stop_pids /tmp/bt.a
stop_pids /tmp/bt.b
got_a=$(sed -n "s/^@pages\[$a\]: //p" "$RESULTS/bpftrace.out")
got_b=$(sed -n "s/^@pages\[$b\]: //p" "$RESULTS/bpftrace.out")
tap_diag "bpftrace: a=$got_a b=$got_b; pagemap a=$want_a b=$want_b"
tap_cmp "$want_a" -ge 2048 "bpftrace: the hogs' regions went to swap ($want_a pages of the first)"
# at least: a page that went out, came back and went out again is summed
# twice but is in swap once
tap_cmp "${got_a:-0}" -ge "$want_a" "bpftrace: @pages[$a] covers the first hog's pages in swap"
tap_cmp "${got_b:-0}" -ge "$want_b" "bpftrace: @pages[$b] covers the second hog's pages in swap"

# 3. perf record + perf script
two_hogs pf
a=$(cat /tmp/pf.a)
b=$(cat /tmp/pf.b)
perf record -q -a -e swap:mm_swap_writepage_owner -o /tmp/owner-perf.data -- \
	/bin/sh "$(reclaim_script pf)" > "$RESULTS/perf-record.out" 2>&1
pagemap-truth "$a" "$b" > /tmp/pf.truth
want_a=$(awk -v p="$a" '$1 == p' /tmp/pf.truth | wc -l)
stop_pids /tmp/pf.a
stop_pids /tmp/pf.b
perf script -i /tmp/owner-perf.data > /tmp/owner-perf.txt 2> "$RESULTS/perf-script.err"
tap_cmp $? -eq 0 "perf script reads the perf.data"
head -n 5 /tmp/owner-perf.txt > "$RESULTS/perf-script.head"
cp /tmp/pf.truth "$RESULTS/"
# perf script prints each event's owner_pid and slot: compare them with
# pagemap slot by slot (perf 6.1 cannot parse the print format and
# prints the raw fields: "[FAILED TO PARSE]", swp_offset in hex)
line=$(awk -f /lib/swapowner/event.awk -f /lib/swapowner/owner-pid-slots.awk \
	-v pids="$a $b" /tmp/pf.truth /tmp/owner-perf.txt)
tap_diag "perf script: $line; $(grep -c 'FAILED TO PARSE' /tmp/owner-perf.txt) lines in raw form"
tap_cmp "$want_a" -ge 2048 "perf: the hogs' regions went to swap ($want_a pages of the first)"
tap_ok "perf script: every (pid, slot) of pagemap has that owner_pid ($(owner_field "$line" found)/$(owner_field "$line" truth))" \
	test "$(owner_field "$line" found)" = "$(owner_field "$line" truth)"
tap_ok "perf script: every slot of the hogs' events is theirs in pagemap ($(owner_field "$line" confirmed)/$(owner_field "$line" listed))" \
	test "$(owner_field "$line" confirmed)" = "$(owner_field "$line" listed)"
tap_done
