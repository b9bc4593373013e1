#!/usr/bin/env bash
# check-series.sh - verify that the patch series is ready to be sent as an RFC
#
# Applies PATCH_DIR to a scratch worktree of the pristine base
# (BUILD_DIR/series/wt) and runs the checks of
# Documentation/process/submitting-patches.rst on it: git am, checkpatch
# --strict, a W=1 build after every patch, sparse on the touched .c files,
# and the commit message rules. Prints one PASS/FAIL line per check.
set -euo pipefail

script_dir=$(dirname "$(realpath "$0")")
log_tag=check-series
. "$script_dir/lib/common.sh"
. "$script_dir/lib/series.sh"
. "$script_dir/lib/base.sh"

usage()
{
	cat <<USAGE
usage: ${0##*/} [-b BUILD_DIR] [-B BASE] [-p PATCH_DIR] [-j JOBS] [-q]

Check that the series in PATCH_DIR is ready to be sent upstream as an RFC.
Prints "PASS: <check>" or "FAIL: <check>: <reason>" per check and a final
"N passed, N failed" line; exits 1 if any check failed.

  1. the cover letter exists without placeholders; the series applies with
     git am to tag "base" of BUILD_DIR/BASE/src/linux
  2. the tree's scripts/checkpatch.pl --strict is silent on every patch
  3. bzImage (the fast config, by scripts/kernel-build.sh) builds with
     W=1 after every patch, with no new
     W=1 warnings in the files the patch touches
  4. sparse (C=2, scripts/sparse-compat.sh) reports no new warnings on
     the touched .c files
  5. at the top of the series, mm/ builds with W=1, no warning in the
     touched files and no undefined symbol of the series, with !MEMCG,
     !SWAP, !TRACEPOINTS and on i386
  6. every patch has a Signed-off-by, a subject of at most 75 characters
     with a "subsys:" prefix, and a body wrapped at 75 columns

  -b BUILD_DIR  build folder (default: build); work and logs go to
                BUILD_DIR/BASE/series/{wt,out,log}
  -B BASE       $bases_known (default: $base_default)
  -p PATCH_DIR  series to check (default: patches/BASE); order from
                PATCH_DIR/series if present, else the numbered *.patch names;
                PATCH_DIR/0000-cover-letter.patch is checked, not applied
  -j JOBS       parallel make jobs (default: nproc); builds run under nice
  -q            quick: skip the builds (checks 1, 2 and 6 only)
USAGE
}

build_dir=build
base_name=$base_default
patch_dir=
jobs=$(nproc)
quick=

while getopts "b:B:p:j:qh" opt; do
	case "$opt" in
	b) build_dir=$OPTARG ;;
	B) base_name=$OPTARG ;;
	p) patch_dir=$OPTARG ;;
	j) jobs=$OPTARG ;;
	q) quick=1 ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || { usage >&2; exit 2; }
base_load "$base_name" "$build_dir"
[ -n "$patch_dir" ] || patch_dir=$base_series
log_tag="check-series $base"

repo=$base_dir/src/linux
series_dir=$base_dir/series
cover=$patch_dir/0000-cover-letter.patch
n_pass=0
n_fail=0
patches=()	# patch files in series order, without the cover letter
commits=()	# commits[i] is patches[i] applied in the scratch worktree

pass() { printf 'PASS: %s\n' "$1"; n_pass=$((n_pass + 1)); }
fail() { printf 'FAIL: %s: %s\n' "$1" "$2"; n_fail=$((n_fail + 1)); }

# fail_new - fail check $1 with a summary of the new warnings in $2
fail_new()
{
	fail "$1" "$(wc -l <<<"$2") new warning(s), first: $(head -n1 <<<"$2")"
}

# wt_setup - create the scratch worktree (once) and the log folder
wt_setup()
{
	[ -d "$repo/.git" ] || die "$repo missing (run scripts/kernel-tree.sh)"
	mkdir -p "$series_dir/out" "$series_dir/log"
	series_dir=$(realpath "$series_dir")
	wt=$series_dir/wt
	out=$series_dir/out
	log_dir=$series_dir/log
	rm -f "$log_dir"/*.log
	if [ ! -e "$wt/.git" ]; then
		# -f: also when a deleted wt is still registered
		git "${git_id[@]}" -C "$repo" worktree add -q -f --detach "$wt" base
	fi
}

# wt_checkout - move the scratch worktree to REV, dropping anything else
wt_checkout()
{
	git -C "$wt" am --abort >/dev/null 2>&1 || true
	git "${git_id[@]}" -C "$wt" checkout -q -f --detach "$1"
	git -C "$wt" clean -q -f -d -x
}

# patch_files - the files commit $1 touches, one per line
patch_files()
{
	git -C "$wt" diff-tree --no-commit-id --name-only -r "$1"
}

# warn_keys - "path: warning: text" lines of LOG for the given files, with
# the source prefix, line numbers and colours stripped, sorted and unique
warn_keys()
{
	local log=$1

	shift
	sed 's/\x1b\[[0-9;]*[mK]//g' "$log" |
	awk -v root="$wt/" -v files="$*" '
	BEGIN {
		n = split(files, f, " ")
		for (i = 1; i <= n; i++) {
			want[f[i]] = 1
			o = f[i]
			if (sub(/\.c$/, ".o", o))
				want[o] = 1
		}
	}
	/(warning|error):/ {
		line = $0
		if (index(line, root) == 1)
			line = substr(line, length(root) + 1)
		path = line
		sub(/:.*/, "", path)
		if (n && !(path in want))
			next
		sub(/:[0-9]+(:[0-9]+)?:/, ":", line)
		print line
	}' | LC_ALL=C sort -u
}

# new_warnings - the warn_keys of NEW_LOG that BASE_LOG does not have
new_warnings()
{
	local base_log=$1
	local new_log=$2

	shift 2
	LC_ALL=C comm -13 <(warn_keys "$base_log" "$@") <(warn_keys "$new_log" "$@")
}

# first_error - the first error line of a git am or make LOG
first_error()
{
	sed "s/\x1b\[[0-9;]*[mK]//g; s|$wt/||" "$1" |
		grep -m1 -e 'error:' -e 'Error ' -e '^Patch failed' ||
		echo "failed"
}

# kmake - build the fast config of the scratch worktree with
# scripts/kernel-build.sh, output in BUILD_DIR/BASE/series/out
# [-V] MAKE-ARG...: leading options go to kernel-build.sh (-V: let make
# print its CC/CHECK lines, which check_sparse looks for)
kmake()
{
	local opts=()

	while [ $# -gt 0 ] && [[ $1 == -* ]]; do
		opts+=("$1")
		shift
	done
	nice -n 19 "$script_dir/kernel-build.sh" -b "$build_dir" -B "$base" \
		-j "$jobs" -s "$wt" -o "$out" "${opts[@]}" fast "$@"
}

# check_cover_letter - the cover letter exists and has been filled in
check_cover_letter()
{
	local left

	if [ ! -f "$cover" ]; then
		fail "cover letter" "$cover missing (git format-patch --cover-letter)"
		return
	fi
	left=$(grep -o -F -e '*** SUBJECT HERE ***' -e '*** BLURB HERE ***' \
		"$cover" | sort -u | paste -sd, | sed "s/,/, /g" || true)
	if [ -n "$left" ]; then
		fail "cover letter" "placeholder $left still in ${cover##*/}"
	else
		pass "cover letter"
	fi
}

# check_apply - git am every patch onto base; fills commits[]
check_apply()
{
	local am_log=$log_dir/am.log
	local name
	local p

	if [ ${#patches[@]} -eq 0 ]; then
		fail "apply" "no patches in $patch_dir"
		return
	fi
	wt_checkout base
	for p in "${patches[@]}"; do
		name=${p##*/}
		if [ ! -f "$p" ]; then
			fail "apply $name" "named in $patch_dir/series, does not exist"
			return
		fi
		if ! git "${git_id[@]}" -C "$wt" am -q "$(realpath "$p")" \
		     >"$am_log" 2>&1; then
			fail "apply $name" "$(first_error "$am_log"); see $am_log"
			git -C "$wt" am --abort >/dev/null 2>&1 || true
			return
		fi
		commits+=("$(git -C "$wt" rev-parse HEAD)")
		pass "apply $name"
	done
}

# check_checkpatch - the tree's checkpatch.pl --strict is silent on each patch
check_checkpatch()
{
	local cp_log
	local first
	local total
	local name
	local p

	for p in "${patches[@]}"; do
		[ -f "$p" ] || continue
		name=${p##*/}
		cp_log=$log_dir/checkpatch-${name%.patch}.log
		p=$(realpath "$p")
		(cd "$wt" && ./scripts/checkpatch.pl --strict "$p") >"$cp_log" 2>&1 ||
			true
		if grep -q '^total: 0 errors, 0 warnings, 0 checks' "$cp_log"; then
			pass "checkpatch $name"
			continue
		fi
		total=$(sed -n 's/^total: \(.*\), [0-9]* lines checked/\1/p' "$cp_log")
		first=$(grep -m1 -E '^(ERROR|WARNING|CHECK):' "$cp_log" || true)
		fail "checkpatch $name" \
			"${total:-no verdict, see $cp_log}${first:+; first: $first}"
	done
}

# check_build - bzImage builds with W=1 after each patch, no new warnings
check_build()
{
	local base_log=$log_dir/build-base.log
	local build_log
	local files
	local name
	local new
	local i

	if [ ${#commits[@]} -ne ${#patches[@]} ] || [ ${#patches[@]} -eq 0 ]; then
		fail "build" "skipped, the series does not apply"
		return
	fi
	wt_checkout base
	# rebuild whatever any patch touches, so the base log has its warnings
	git -C "$wt" log --format= --name-only "base..${commits[-1]}" |
		sort -u | (cd "$wt" && xargs -r touch -c --)
	log "building base with W=1 (log: $base_log)"
	if ! kmake W=1 bzImage >"$base_log" 2>&1; then
		fail "build base" "the pristine base does not build, see $base_log"
		return
	fi
	for i in "${!commits[@]}"; do
		name=${patches[i]##*/}
		build_log=$log_dir/build-${name%.patch}.log
		wt_checkout "${commits[i]}"
		log "building $name with W=1 (log: $build_log)"
		if ! kmake W=1 bzImage >"$build_log" 2>&1; then
			fail "build $name" "$(first_error "$build_log"); see $build_log"
			continue
		fi
		mapfile -t files < <(patch_files "${commits[i]}" | grep -E '\.[ch]$')
		new=
		[ ${#files[@]} -eq 0 ] ||
			new=$(new_warnings "$base_log" "$build_log" "${files[@]}")
		if [ -n "$new" ]; then
			fail_new "build $name" "$new"
		else
			pass "build $name"
		fi
	done
}

# check_sparse - sparse finds nothing new in the .c files the series touches
check_sparse()
{
	local base_log
	local top_log
	local files
	local new
	local f

	if [ ${#commits[@]} -ne ${#patches[@]} ] || [ ${#patches[@]} -eq 0 ]; then
		fail "sparse" "skipped, the series does not apply"
		return
	fi
	# kernel objects only: tools/ and scripts/ are user-space programs
	files=$(git -C "$wt" diff --name-only --diff-filter=d base "${commits[-1]}" |
		grep -E '\.c$' | grep -v -E '^(tools|scripts|Documentation)/' || true)
	if [ -z "$files" ]; then
		pass "sparse (no kernel .c files touched)"
		return
	fi
	wt_checkout base
	for f in $files; do
		base_log=$log_dir/sparse-base-${f//\//_}.log
		: >"$base_log"
		[ -f "$wt/$f" ] || continue
		log "sparse at base: $f"
		kmake -V W=1 C=2 CHECK="$script_dir/sparse-compat.sh" "${f%.c}.o" >"$base_log" 2>&1 || true
	done
	wt_checkout "${commits[-1]}"
	for f in $files; do
		base_log=$log_dir/sparse-base-${f//\//_}.log
		top_log=$log_dir/sparse-top-${f//\//_}.log
		log "sparse at the top of the series: $f"
		if ! kmake -V W=1 C=2 CHECK="$script_dir/sparse-compat.sh" "${f%.c}.o" >"$top_log" 2>&1; then
			fail "sparse $f" "make ${f%.c}.o failed, see $top_log"
			continue
		fi
		if ! grep -q "CHECK .*$f" "$top_log"; then
			fail "sparse $f" \
				"sparse did not run (not in the config?), see $top_log"
			continue
		fi
		# gcc's own W=1 warnings ("[-Wfoo]") are check_build's business
		new=$(new_warnings "$base_log" "$top_log" |
			grep -v -E '\[-W[^]]*\]$' || true)
		if [ -n "$new" ]; then
			fail_new "sparse $f" "$new"
		else
			pass "sparse $f"
		fi
	done
}

# config_variant NAME DIR - turn the fast .config in DIR into variant NAME;
# prints the option that must end up unset (or the arch check), fails if
# Kconfig kept it
config_variant()
{
	local cfg=$2/.config
	local arch=x86_64

	case "$1" in
	nomemcg) "$wt/scripts/config" --file "$cfg" -d MEMCG ;;
	noswap) "$wt/scripts/config" --file "$cfg" -d SWAP ;;
	notracepoints)
		# everything that selects TRACEPOINTS
		"$wt/scripts/config" --file "$cfg" -d FTRACE -d PERF_EVENTS \
			-d KPROBES -d KPROBE_EVENTS -d BPF_EVENTS \
			-d BPF_SYSCALL -d TRACING ;;
	i386) arch=i386; "$wt/scripts/config" --file "$cfg" -d 64BIT ;;
	esac
	nice -n 19 make -s -C "$wt" O="$2" ARCH="$arch" olddefconfig >/dev/null
	case "$1" in
	nomemcg) ! grep -q '^CONFIG_MEMCG=y' "$cfg" ;;
	noswap) ! grep -q '^CONFIG_SWAP=y' "$cfg" ;;
	notracepoints) ! grep -q '^CONFIG_TRACEPOINTS=y' "$cfg" ;;
	i386) grep -q '^CONFIG_X86_32=y' "$cfg" ;;
	esac
}

# undefined_series_symbols DIR - symbols the objects under DIR use but do
# not define whose names the series brings (swap_owner*, try_to_unmap*)
undefined_series_symbols()
{
	local objs

	objs=$(find "$1" -name '*.o' ! -name '*.mod.o')
	[ -n "$objs" ] || return 0
	# shellcheck disable=SC2086
	LC_ALL=C comm -23 \
		<(nm -u $objs 2>/dev/null | awk '{ print $2 }' | sort -u) \
		<(nm --defined-only $objs 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u) |
		grep -E '(swap_owner|try_to_unmap)' || true
}

# check_configs - at the top of the series, for configurations the series
# must not break (!MEMCG: no mm->owner, !SWAP, !TRACEPOINTS, 32-bit x86):
# all of mm/ builds with W=1, no warning in the touched files, and every
# symbol mm/ uses that the series names (swap_owner*, try_to_unmap*) is
# defined in mm/ (what linking vmlinux would find missing; building all
# of vmlinux four more times costs an hour here)
check_configs()
{
	local files
	local missing
	local arch
	local dir
	local new
	local v

	if [ ${#commits[@]} -ne ${#patches[@]} ] || [ ${#patches[@]} -eq 0 ]; then
		fail "configs" "skipped, the series does not apply"
		return
	fi
	[ -f "$out/.config" ] || { fail "configs" "no fast .config in $out"; return; }
	wt_checkout "${commits[-1]}"
	mapfile -t files < <(git -C "$wt" diff --name-only base "${commits[-1]}" |
		grep -E '\.[ch]$' | grep -v -E '^(tools|scripts)/')
	for v in nomemcg noswap notracepoints i386; do
		dir=$series_dir/out-$v
		mkdir -p "$dir"
		cp "$out/.config" "$dir/.config"
		arch=x86_64
		[ "$v" = i386 ] && arch=i386
		if ! config_variant "$v" "$dir"; then
			fail "build $v" "Kconfig did not give the $v configuration"
			continue
		fi
		log "building mm/, $v, W=1 (log: $log_dir/build-$v.log)"
		if ! nice -n 19 make -C "$wt" O="$dir" ARCH="$arch" -j "$jobs" \
		     CC="ccache gcc" W=1 mm/ >"$log_dir/build-$v.log" 2>&1; then
			fail "build $v" "$(first_error "$log_dir/build-$v.log"); see $log_dir/build-$v.log"
			continue
		fi
		new=$(warn_keys "$log_dir/build-$v.log" "${files[@]}")
		missing=$(undefined_series_symbols "$dir/mm")
		if [ -n "$new" ]; then
			fail_new "build $v" "$new"
		elif [ -n "$missing" ]; then
			fail "build $v" "mm/ uses undefined $(echo $missing)"
		else
			pass "build $v (mm/)"
		fi
	done
}

# check_commit_msg - Signed-off-by, subject length and prefix, body width
check_commit_msg()
{
	local reasons
	local subject
	local header
	local signed
	local n_wide
	local field
	local wide
	local line
	local name
	local p

	for p in "${patches[@]}"; do
		[ -f "$p" ] || continue
		name=${p##*/}
		header=1
		field=
		subject=
		signed=
		wide=
		n_wide=0
		reasons=()
		while IFS= read -r line; do
			if [ -n "$header" ]; then
				case "$line" in
				"") header= ;;
				"Subject: "*) field=subject; subject=${line#Subject: } ;;
				[[:space:]]*) [ "$field" = subject ] && subject+=$line ;;
				*) field= ;;
				esac
				continue
			fi
			[ "$line" = "---" ] && break
			[[ $line == "Signed-off-by: "* ]] && signed=1
			# quoted log output is indented; tags may carry long URLs
			[[ $line =~ ^[[:space:]] ]] && continue
			[[ $line =~ ^[A-Za-z-]+:\ https?:// ]] && continue
			[ ${#line} -gt 75 ] || continue
			[ -n "$wide" ] || wide="${#line} columns: \"${line:0:30}...\""
			n_wide=$((n_wide + 1))
		done < "$p"
		[ -z "$wide" ] ||
			reasons+=("$n_wide body line(s) over 75 columns, first $wide")
		[[ $subject =~ ^\[[^]]*\]\ *(.*)$ ]] && subject=${BASH_REMATCH[1]}
		[ -n "$signed" ] || reasons+=("no Signed-off-by")
		[ ${#subject} -le 75 ] ||
			reasons+=("subject is ${#subject} characters")
		[[ $subject =~ ^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*:\ [^\ ] ]] ||
			reasons+=("subject lacks a \"subsys: \" prefix")
		if [ ${#reasons[@]} -eq 0 ]; then
			pass "commit message $name"
		else
			fail "commit message $name" \
				"$(printf '%s; ' "${reasons[@]}" | sed 's/; $//')"
		fi
	done
}

[ -d "$patch_dir" ] || die "$patch_dir is not a folder"
mkdir -p "$series_dir"
exec 9>"$series_dir/lock"
flock -n 9 || die "another check-series.sh is using $series_dir"
wt_setup
mapfile -t patches < <(series_list "$patch_dir")
start=$(date +%s)

check_cover_letter
check_apply
check_checkpatch
if [ -z "$quick" ]; then
	check_build
	check_sparse
	check_configs
fi
check_commit_msg

log "done in $(( $(date +%s) - start ))s, logs in $log_dir"
printf '%d passed, %d failed\n' "$n_pass" "$n_fail"
[ "$n_fail" -eq 0 ]
