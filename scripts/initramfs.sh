#!/usr/bin/env bash
# initramfs.sh - build the guest initramfs without root
#
# Writes a gen_init_cpio list (device nodes need no root there) holding
# busybox, trace-cmd with its shared libraries, the guest binaries, the
# guest's shell tools (guest/bin: hostrun, and perf and bpftrace as links
# to it) and the guest libraries (guest/lib), then packs it with
# usr/gen_init_cpio from the kernel tree.
set -euo pipefail

usage()
{
	cat <<USAGE
usage: ${0##*/} -k KERNEL_SRC -g GUEST_BIN_DIR -o OUTPUT.cpio [BIN...]

  -k KERNEL_SRC     kernel tree (for usr/gen_init_cpio.c)
  -g GUEST_BIN_DIR  guest programs, installed to /usr/bin
  -o OUTPUT         the initramfs (uncompressed newc cpio)
  BIN...            more host binaries to install with their libraries
USAGE
}

script_dir=$(dirname "$(realpath "$0")")
top=$script_dir/..
kernel_src=
guest_bin=
output=

while getopts "k:g:o:h" opt; do
	case "$opt" in
	k) kernel_src=$OPTARG ;;
	g) guest_bin=$OPTARG ;;
	o) output=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ -n "$kernel_src" ] && [ -n "$guest_bin" ] && [ -n "$output" ] ||
	{ usage >&2; exit 2; }

die() { printf 'initramfs: %s\n' "$*" >&2; exit 1; }

busybox=$(command -v busybox) || die "busybox not found (run: make deps)"
file "$(realpath "$busybox")" | grep -q 'statically linked' ||
	die "$busybox is not static (install busybox-static)"
trace_cmd=$(command -v trace-cmd) || die "trace-cmd not found (run: make deps)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gen=$work/gen_init_cpio
gcc -O2 -o "$gen" "$kernel_src/usr/gen_init_cpio.c"

list=$work/list
declare -A seen=()

# emit_dir - a directory entry and its parents, once each
emit_dir()
{
	local d=$1

	[ "$d" = / ] && return 0
	[ -n "${seen[$d]:-}" ] && return 0
	emit_dir "$(dirname "$d")"
	seen[$d]=1
	echo "dir $d 0755 0 0" >> "$list"
}

# emit_file - install host file SRC as DEST (following links)
emit_file()
{
	local dest=$1
	local src=$2
	local mode=${3:-0755}

	[ -n "${seen[$dest]:-}" ] && return 0
	emit_dir "$(dirname "$dest")"
	seen[$dest]=1
	echo "file $dest $(realpath "$src") $mode 0 0" >> "$list"
}

# emit_binary - a dynamically linked binary and every library ldd names
emit_binary()
{
	local dest=$1
	local src=$2
	local lib

	emit_file "$dest" "$src"
	for lib in $(ldd "$src" 2>/dev/null | grep -o '/[^ ]*'); do
		emit_file "$lib" "$lib"
	done
}

emit_dir /dev
echo "nod /dev/console 0600 0 0 c 5 1" >> "$list"
echo "nod /dev/null 0666 0 0 c 1 3" >> "$list"
for d in /proc /sys /tmp /root /host /etc /usr/sbin /sbin; do emit_dir "$d"; done
emit_file /init "$top/qemu/init"
emit_file /bin/busybox "$busybox"
for applet in $(busybox --list); do
	case "$applet" in init|linuxrc|busybox) continue ;; esac
	echo "slink /bin/$applet busybox 0777 0 0" >> "$list"
done
emit_binary /usr/bin/trace-cmd "$trace_cmd"
for b in "$guest_bin"/*; do
	[ -x "$b" ] && [ -f "$b" ] && emit_binary "/usr/bin/${b##*/}" "$b"
done
for b in "$@"; do
	emit_binary "/usr/bin/${b##*/}" "$b"
done
for f in "$top"/guest/bin/*; do
	if [ -L "$f" ]; then
		echo "slink /usr/bin/${f##*/} $(readlink "$f") 0777 0 0" >> "$list"
	else
		emit_file "/usr/bin/${f##*/}" "$f"
	fi
done
for f in "$top"/guest/lib/*; do
	emit_file "/lib/swapowner/${f##*/}" "$f" 0644
done

"$gen" "$list" > "$work/out.cpio"
mv "$work/out.cpio" "$output"
echo "[initramfs] $output: $(grep -c '^file' "$list") files, $(du -h "$output" | cut -f1)" >&2
