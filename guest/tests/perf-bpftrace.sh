# perf-bpftrace.sh - the tools kernel engineers point at a tracepoint run
# in the guest: the host's perf and bpftrace (guest/bin/hostrun, on the
# host's root shared read-only). perf lists tracepoints, records one and
# perf script prints it; bpftrace lists tracepoints and a one-line program
# counts one. Both counts are checked against the kernel's own counter:
# with 4 KiB folios of random data, vmscan:mm_vmscan_write_folio fires once
# per page written to swap, which is the rise of pswpout.
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh

tap_plan 9

echo never > /sys/kernel/mm/transparent_hugepage/enabled
# inside hostrun's chroot the guest's own programs are under /mnt
workload="/mnt/usr/bin/swap-hog --mib 16 --pattern random --pageout"

n=$(perf list tracepoint 2> /tmp/perf-list.err | grep -c ' vmscan:')
tap_cmp "$n" -ge 1 "perf list shows the vmscan tracepoints ($n)"
want=$(ls -d /sys/kernel/tracing/events/vmscan/*/ | wc -l)
n=$(bpftrace -l 'tracepoint:vmscan:*' 2> /tmp/bpftrace-l.err | wc -l)
tap_cmp "$n" -eq "$want" "bpftrace -l 'tracepoint:vmscan:*' lists every vmscan event ($n of $want)"

# perf record -e + perf script (perf.data in the guest's /tmp)
before=$(vmstat pswpout)
perf record -q -a -e vmscan:mm_vmscan_write_folio -o /tmp/perf.data -- \
	$workload > /tmp/perf-record.out 2>&1
tap_cmp $? -eq 0 "perf record -e vmscan:mm_vmscan_write_folio -a -- swap-hog"
written=$(( $(vmstat pswpout) - before ))
perf script -i /tmp/perf.data > /tmp/perf-script.txt 2> /tmp/perf-script.err
tap_cmp $? -eq 0 "perf script reads the perf.data"
n=$(grep -c 'vmscan:mm_vmscan_write_folio:' /tmp/perf-script.txt)
tap_cmp "$written" -ge 4096 "swap-hog wrote its 16 MiB to swap ($written pages)"
tap_cmp "$n" -eq "$written" "perf script: one mm_vmscan_write_folio per page written ($n)"
cp /tmp/perf-record.out /tmp/perf-script.err "$RESULTS/" 2>/dev/null
head -n 5 /tmp/perf-script.txt > "$RESULTS/perf-script.head"

# a bpftrace one-liner
before=$(vmstat pswpout)
bpftrace -e 'tracepoint:vmscan:mm_vmscan_write_folio { @folios = count(); }' \
	-c "$workload" > /tmp/bpftrace.out 2> /tmp/bpftrace.err
tap_cmp $? -eq 0 "bpftrace attaches a program to a tracepoint and runs swap-hog"
written=$(( $(vmstat pswpout) - before ))
n=$(sed -n 's/^@folios: //p' /tmp/bpftrace.out)
cp /tmp/bpftrace.out /tmp/bpftrace.err "$RESULTS/" 2>/dev/null
tap_cmp "${n:-0}" -eq "$written" "bpftrace: @folios = count() is the pages written ($n of $written)"
tap_cmp "$written" -ge 4096 "and that is the workload's 16 MiB"
tap_done
