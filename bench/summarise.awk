#!/usr/bin/awk -f
# summarise.awk - medians, min-max and ratios of the swap-bench lines
# (key=value) that bench/run.sh collected; Markdown on stdout, JSON to the
# file named by -v json=FILE

function median(list,    n, a, i, j, t) {
	n = split(list, a, " ")
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	lo = a[1]; hi = a[n]
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}

{
	delete kv
	for (i = 1; i <= NF; i++) {
		split($i, p, "=")
		kv[p[1]] = p[2]
	}
	if (kv["pages"] == 0)
		next
	key = kv["bench"] SUBSEP kv["variant"]
	if (kv["bench"] == "kernel")
		key = "kernel" SUBSEP (kv["kernel"] ~ /unpatched/ ? "unpatched" : "patched, event off")
	if (!(key in vals))
		order[++n] = key
	vals[key] = vals[key] " " kv["ns_per_page"]
	# the noise floor: the unpatched kernel's boots compared with each other
	if (kv["bench"] == "kernel" && kv["kernel"] ~ /unpatched/)
		boot_vals[kv["boot"]] = boot_vals[kv["boot"]] " " kv["ns_per_page"]
}

END {
	for (i = 1; i <= n; i++) {
		med[order[i]] = median(vals[order[i]])
		min[order[i]] = lo
		max[order[i]] = hi
		cnt[order[i]] = split(vals[order[i]], tmp, " ")
	}
	printf "# swap:mm_swap_writepage_owner benchmarks\n\n"
	printf "Kernel %s, %s, accelerator %s. Cost of swapping out one 4 KiB page\n", kernel, qemu, accel
	printf "(ns per page, time of MADV_PAGEOUT or memory.reclaim / pages written). TCG\n"
	printf "emulation: compare ratios within this run only.\n\n"
	printf "| benchmark | variant | n | median ns/page | min | max | throughput ratio |\n"
	printf "|---|---|---:|---:|---:|---:|---:|\n"
	base["kernel"] = "kernel" SUBSEP "unpatched"
	base["event"] = "event" SUBSEP "off"

	printf "{\n  \"kernel\": \"%s\",\n  \"qemu\": \"%s\",\n  \"accelerator\": \"%s\",\n  \"results\": [\n", kernel, qemu, accel > json
	for (i = 1; i <= n; i++) {
		k = order[i]
		split(k, kb, SUBSEP)
		b = base[kb[1]]
		# owners: each "K:on" against its own "K:off"
		if (kb[1] == "owners") {
			b = k
			sub(/:on$/, ":off", b)
		}
		ratio = (b in med) && med[k] ? med[b] / med[k] : 0
		printf "| %s | %s | %d | %.0f | %.0f | %.0f | %.3f |\n", kb[1], kb[2], cnt[k], med[k], min[k], max[k], ratio
		printf "    {\"benchmark\": \"%s\", \"variant\": \"%s\", \"n\": %d, \"median_ns_per_page\": %.0f, \"min\": %.0f, \"max\": %.0f, \"ratio_vs_baseline\": %.4f}%s\n", kb[1], kb[2], cnt[k], med[k], min[k], max[k], ratio, i < n ? "," : "" > json
	}
	printf "  ]" > json
	printf "\nThroughput ratio = baseline median / variant median (baselines: the\n"
	printf "unpatched kernel, the event off, and for K owners the same K with the\n"
	printf "event off); above 1 is faster than the baseline.\n"
	# noise floor: two boots of the same kernel
	nb = 0
	for (bt in boot_vals)
		bm[++nb] = median(boot_vals[bt])
	if (nb >= 2) {
		printf "\nNoise floor: two boots of the unpatched kernel differ by a ratio of %.3f.\n", bm[1] / bm[2]
		printf ",\n  \"noise_floor_ratio\": %.4f", bm[1] / bm[2] > json
	}
	# what the event adds per page, over the number of owners (least
	# squares of median(K:on) - median(K:off) against K)
	sx = sy = sxx = sxy = m = 0
	for (i = 1; i <= n; i++) {
		split(order[i], kb, SUBSEP)
		if (kb[1] != "owners" || kb[2] !~ /:on$/)
			continue
		off = order[i]
		sub(/:on$/, ":off", off)
		if (!(off in med))
			continue
		x = kb[2] + 0; y = med[order[i]] - med[off]
		added[x] = y
		sx += x; sy += y; sxx += x * x; sxy += x * y; m++
	}
	if (m >= 2 && m * sxx - sx * sx) {
		slope = (m * sxy - sx * sy) / (m * sxx - sx * sx)
		icpt = (sy - slope * sx) / m
		printf "\nWhat the event adds per page (median on - median off):\n"
		for (x in added)
			printf "  %3d owners: %.0f ns\n", x, added[x]
		printf "least squares: %.0f ns + %.1f ns per owner (%d points).\n", icpt, slope, m
		printf ",\n  \"owners_fit\": {\"intercept_ns\": %.1f, \"slope_ns_per_owner\": %.2f}", icpt, slope > json
	}
	printf "\n}\n" > json
}
