# selftest.sh - the series' own selftest, tools/testing/selftests/mm/
# swap_owner_trace, in the guest; its output is TAP already
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
exec swap_owner_trace
