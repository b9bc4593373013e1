# consumer.sh - compare what swapowner reports with pagemap ground truth
# (busybox sh); source it.

# truth_pages TRUTH PID - swapped pages of PID in pagemap-truth output
truth_pages()
{
	awk -v p="$2" '$1 == p' "$1" | wc -l
}

# csv_swapped CSV PID - pages of PID that went to swap per a swapowner
# --csv report: the columns (named in the header) of the dispositions
# that leave memory
csv_swapped()
{
	awk -F, -v p="$2" '
	NR == 1 {
		for (i = 1; i <= NF; i++)
			if ($i ~ /^(zero|zswap|write_fs|write_sync|write_async|clean)$/)
				left[i] = 1
		next
	}
	$1 == p { for (i in left) n += $i; print n; f = 1 }
	END { if (!f) print 0 }' "$1"
}

# check_pages NAME CSV TRUTH MIN PIDS - two tests: PIDS have at least MIN
# swapped pages in TRUTH, and each has in CSV the pages it has in TRUTH
check_pages()
{
	local name=$1
	local csv=$2
	local truth=$3
	local min=$4
	local want
	local got
	local pid
	local bad=0
	local total=0

	for pid in $5; do
		want=$(truth_pages "$truth" "$pid")
		got=$(csv_swapped "$csv" "$pid")
		tap_diag "$name: pid $pid: pagemap $want, swapowner $got"
		[ "$want" -eq "$got" ] || bad=$((bad + 1))
		total=$((total + want))
	done
	tap_cmp "$total" -ge "$min" \
		"$name: the processes have >= $min swapped pages in pagemap ($total)"
	tap_cmp "$bad" -eq 0 "$name: per process, the pages equal pagemap ($5)"
}
