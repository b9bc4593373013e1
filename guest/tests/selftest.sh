# selftest.sh - the series' own selftest in the guest, its output is TAP
# already: tools/testing/selftests/mm/swap_owner (7.3, the kselftest
# run_vmtests.sh runs as category swap_owner) or swap_owner_trace (the
# 6.12 backport)
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
if command -v swap_owner > /dev/null; then
	exec swap_owner
fi
exec swap_owner_trace
