# experiment.sh - the guest side of make experiment: a workload a reader
# recognises, under memory pressure, recorded by swapowner record -o.
#
#   hog          an anonymous memory hog (pushes the guest into kswapd)
#   cow, cow-child  a parent and 3 forked children sharing COW pages
#   memfd-pair   two processes sharing a memfd
#   zeros        a process whose pages are all zero
#
# Writes to $RESULTS: experiment.dat (trace.dat), experiment.table,
# experiment.json, experiment.csv, truth.tsv (pagemap ground truth while
# the workload holds its memory), verify.txt, pids.
. /lib/swapowner/swap.sh

step() { echo "[guest $(cut -d' ' -f1 /proc/uptime)s] $*" >&2; }

cat > /tmp/workload.sh <<'WORKLOAD'
. /lib/swapowner/swap.sh
shm-hog --kind memfd --mib 24 --comm memfd-pair --ready /tmp/memfd.pids --hold &
swap-hog --comm cow --mib 32 --fork 3 --ready /tmp/cow.pids --hold &
swap-hog --comm zeros --mib 32 --pattern zero --ready /tmp/zeros.pids --hold &
for f in memfd cow zeros; do wait_file /tmp/$f.pids 300; done
swap-hog --comm hog --mib 200 --ready /tmp/hog.pids --hold &
wait_file /tmp/hog.pids 300
sleep 1
cat /tmp/memfd.pids /tmp/cow.pids /tmp/zeros.pids /tmp/hog.pids > "$RESULTS/pids"
pagemap-truth $(cat "$RESULTS/pids") > "$RESULTS/truth.tsv" 2>/dev/null
for f in hog zeros cow memfd; do stop_pids /tmp/$f.pids; done
WORKLOAD

step "recording: swapowner record -o experiment.dat -- workload"
swapowner record -o "$RESULTS/experiment.dat" -b 16384 -- sh /tmp/workload.sh \
	> "$RESULTS/experiment.table" 2> "$RESULTS/record.err" || {
	cat "$RESULTS/record.err" >&2
	exit 1
}
step "summarising"
swapowner report --json "$RESULTS/experiment.dat" > "$RESULTS/experiment.json"
swapowner report --csv "$RESULTS/experiment.dat" > "$RESULTS/experiment.csv"
step "verifying owners against /proc/PID/pagemap"
trace-cmd report -i "$RESULTS/experiment.dat" 2>/dev/null |
	awk -f /lib/swapowner/event.awk -f /lib/swapowner/owners.awk -v pids="$(cat "$RESULTS/pids" | tr '\n' ' ')" \
	"$RESULTS/truth.tsv" - > "$RESULTS/verify.txt"
step "done"
