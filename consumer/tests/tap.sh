# tap.sh - TAP lines for the consumer's shell tests (sh or bash); source
# it, then call ok for each test and end with [ "$failed" -eq 0 ]
n=0
failed=0

# ok STATUS DESC - "ok N - DESC" if STATUS is 0, else "not ok N - DESC"
ok()
{
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}
