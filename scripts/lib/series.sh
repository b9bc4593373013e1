# series.sh - the order of the kernel series; source it (bash).

# series_list DIR - the patch files in DIR in the order git am must apply
# them: DIR/series if present, else the numbered *.patch names; never the
# cover letter
series_list()
{
	local dir=$1

	if [ -f "$dir/series" ]; then
		grep -v -e '^#' -e '^[[:space:]]*$' "$dir/series" |
			sed "s|^|$dir/|"
	else
		find "$dir" -maxdepth 1 -name '[0-9]*.patch' | sort
	fi | grep -v '/0000-cover-letter\.patch$' || true
}
