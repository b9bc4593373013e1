# selftest.sh - the series' own selftest, tools/testing/selftests/mm/
# swap_owner_trace, in the guest; its output is TAP already
exec swap_owner_trace
