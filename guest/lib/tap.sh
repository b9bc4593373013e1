# tap.sh - TAP output for guest scripts (busybox sh); source it.
#
#   tap_plan N; tap_ok COND-EXIT DESC; tap_cmp A OP B DESC; tap_skip DESC WHY;
#   tap_diag MSG; tap_done (returns 1 if any test failed or the plan was
#   not met)

tap_n=0
tap_failed=0
tap_planned=0

tap_plan()
{
	tap_planned=$1
	echo "1..$1"
}

tap_diag()
{
	echo "# $*"
}

# tap_result - print ok / not ok for exit status $1
tap_result()
{
	local status=$1

	shift
	tap_n=$((tap_n + 1))
	if [ "$status" -eq 0 ]; then
		echo "ok $tap_n - $*"
	else
		echo "not ok $tap_n - $*"
		tap_failed=$((tap_failed + 1))
	fi
}

# tap_ok - run a command; it passing is the test
tap_ok()
{
	local desc=$1

	shift
	"$@"
	tap_result $? "$desc"
}

# tap_cmp - numeric comparison A OP B (OP: -eq -ne -gt -ge -lt -le)
tap_cmp()
{
	local a=$1
	local op=$2
	local b=$3

	shift 3
	if [ "$a" "$op" "$b" ] 2>/dev/null; then
		tap_result 0 "$*"
	else
		tap_result 1 "$*"
		tap_diag "  got: $a, want: $op $b"
	fi
}

tap_skip()
{
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

tap_done()
{
	if [ "$tap_n" -ne "$tap_planned" ]; then
		tap_diag "planned $tap_planned tests but ran $tap_n"
		echo "not ok $((tap_n + 1)) - plan"
		return 1
	fi
	[ "$tap_failed" -eq 0 ]
}
