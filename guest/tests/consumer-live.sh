# consumer-live.sh - swapowner record -i: on a terminal each interval's
# table redraws the screen in place, like `rtla ... top`; into a file the
# tables follow each other line by line. Either way the intervals add up
# to the summary printed at the end.
#
# The workload: a 16 MiB swap-hog held in cgroup "live", reclaimed in 4
# passes of 4 MiB 0.7 s apart while `record -i 0.5` runs it as its CMD.
# 1. under pty-run (a 24-row pseudo-terminal): every table starts with
#    the clear-screen sequence and fits the 24 rows, the final summary
#    follows the last one;
# 2. stdout a file: no escape sequence at all.
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh

tap_plan 12

# the event is what record reads: no SKIP without it
owner_event_required

cg_create live max
# pseudo-terminals: the guest's /init mounts no devpts
if ! grep -q ' /dev/pts devpts ' /proc/mounts; then
	mkdir -p /dev/pts
	mount -t devpts devpts /dev/pts
fi

# work.sh NAME - the CMD of record: a hog reclaimed in 4 steps
cat > /tmp/work.sh <<'WORK'
. /lib/swapowner/swap.sh
name=$1
cg_exec live swap-hog --comm lv --mib 16 --ready "/tmp/$name.pids" --hold \
	> /dev/null 2>&1 &
wait_file "/tmp/$name.pids"
for step in 1 2 3 4; do
	cg_reclaim live 4M
	usleep 700000
done
stop_pids "/tmp/$name.pids"
WORK

# frames FILE - FILE with every ESC as "~" and a line "@FRAME" before
# each clear-screen sequence, \r dropped
frames()
{
	tr -d '\r' < "$1" | tr '\033' '~' | sed 's/~\[H~\[2J/\n@FRAME\n/g'
}

# interval_sum FILE - the pages of every interval table in FILE
interval_sum()
{
	awk '/ s: [0-9]+ folios, [0-9]+ pages/ {
		sub(/.* folios, /, ""); n += $1 } END { print n + 0 }' "$1"
}

# summary_pages FILE - the pages of the final summary
summary_pages()
{
	awk '/^[0-9]+ folios, [0-9]+ pages \(/ { n = $3 } END { print n + 0 }' "$1"
}

# 1. on a terminal
pty-run --rows 24 --cols 160 "$RESULTS/tty.out" \
	swapowner record -i 0.5 -- sh /tmp/work.sh tty
tap_cmp $? -eq 0 "tty: record -i 0.5 under a 24-row pseudo-terminal exits 0"
frames "$RESULTS/tty.out" > "$RESULTS/tty.frames"
nframes=$(grep -c '^@FRAME$' "$RESULTS/tty.frames")
ntables=$(grep -c ' s: [0-9]* folios' "$RESULTS/tty.frames")
tap_cmp "$nframes" -ge 4 "tty: the screen is redrawn for every interval ($nframes times)"
tap_cmp "$nframes" -eq "$ntables" "tty: one redraw per interval table ($ntables tables)"
tap_ok "tty: each frame starts with the title" \
	test "$(grep -A 1 '^@FRAME$' "$RESULTS/tty.frames" |
		grep -c '^swapowner record: every 0.5 s, ')" -eq "$nframes"
# the longest frame: lines from one @FRAME to the next (the last frame
# ends where the summary begins)
longest=$(awk '/^@FRAME$/ { if (n > m) m = n; n = 0; next }
	/^[0-9]+ folios, [0-9]+ pages \(/ { if (n > m) m = n; n = -1e9 }
	{ n++ } END { if (n > m) m = n; print m }' "$RESULTS/tty.frames")
tap_cmp "$longest" -le 23 "tty: every frame fits the 24 rows ($longest lines)"
sum=$(interval_sum "$RESULTS/tty.frames")
total=$(summary_pages "$RESULTS/tty.frames")
tap_cmp "$total" -ge 2048 "tty: the hog's pages were swapped out ($total)"
tap_cmp "$sum" -eq "$total" "tty: the intervals add up to the final summary ($sum)"

# 2. not a terminal
swapowner record -i 0.5 -- sh /tmp/work.sh file > "$RESULTS/file.out" \
	2> "$RESULTS/file.err"
tap_cmp $? -eq 0 "file: record -i 0.5 > FILE exits 0"
tap_cmp "$(tr -dc '\033' < "$RESULTS/file.out" | wc -c)" -eq 0 \
	"file: no escape sequence"
tap_cmp "$(grep -c ' s: [0-9]* folios' "$RESULTS/file.out")" -ge 4 \
	"file: the interval tables follow each other"
sum=$(interval_sum "$RESULTS/file.out")
tap_cmp "$sum" -eq "$(summary_pages "$RESULTS/file.out")" \
	"file: the intervals add up to the final summary ($sum)"
tap_done
