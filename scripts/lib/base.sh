# base.sh - the kernel bases (Linux 7.3 upstream, 6.12 LTS): where each
# one's source comes from, where its trees, kernels and guest files are
# built, which series it carries; source it (bash, after common.sh).
#
#   base_load BASE BUILD_DIR   set the base_* variables below, or die
#   base_has_series            true if the base's series has a patch
#   base_check_kernels         the kernel variants make check boots

bases_known="6.12 7.3"
base_default=7.3

base_top=$(realpath "$(dirname "${BASH_SOURCE[0]}")/../..")

# base_load BASE BUILD_DIR - describe BASE:
#   base           the name (6.12, 7.3)
#   base_dir       BUILD_DIR/BASE: src/, kernel/, guest-bin/, initramfs.cpio
#   base_series    patches/BASE, the series applied to the patched tree
#   source_*       where the source comes from (scripts/bases/BASE.conf)
base_load()
{
	local conf=$base_top/scripts/bases/$1.conf

	[ -f "$conf" ] || die "unknown base '$1' (known: $bases_known)"
	source_tarball=
	source_package=
	source_version=
	source_suite=
	source_sha256=
	source_member=
	source_env=
	check_kernels=
	# shellcheck source=/dev/null
	. "$conf"
	base=$1
	base_dir=$2/$1
	base_series=$base_top/patches/$1
}

base_has_series()
{
	[ -n "$(series_list "$base_series")" ]
}

# base_check_kernels - print the variants make check builds and boots on
# the loaded base: its check_kernels, or only the unpatched kernel while
# its series is empty (the patched tree is then the pristine one)
base_check_kernels()
{
	if base_has_series; then
		echo "${check_kernels:-fast}"
	else
		echo unpatched
	fi
}
