# kernel-warns.sh - harness self-test: a kernel WARNING must fail the run
# even though this script itself exits 0 (LKDTM provokes a real WARN()).
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
echo WARNING > /sys/kernel/debug/provoke-crash/DIRECT
echo "1..1"
echo "ok 1 - the script passed; the harness must still fail the run"
exit 0
