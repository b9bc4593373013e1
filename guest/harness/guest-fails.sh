# guest-fails.sh - harness self-test: a broken guest script must fail the run
echo "1..1"
echo "not ok 1 - deliberately broken"
exit 3
