# guest-passes.sh - harness self-test: a trivial passing guest script
. /lib/swapowner/tap.sh
tap_plan 2
tap_ok "tracefs is mounted" test -d /sys/kernel/tracing/events
tap_ok "swap is active" grep -q -v '^Filename' /proc/swaps
tap_done
