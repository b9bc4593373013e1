#!/usr/bin/env bash
# deps.sh - install (with apt) every Debian package the project needs
#
# Idempotent: when everything is installed it only runs dpkg-query and exits.
set -euo pipefail

usage()
{
	cat <<USAGE
usage: ${0##*/} [-n]

Install the packages swapowner needs to build the kernel, the initramfs, the
consumer and to run QEMU. Does nothing when all are installed.

  -n  only list the missing packages, install nothing (exit 1 if any)
USAGE
}

packages=(
	# kernel build
	linux-source-6.12 gcc make bc flex bison libelf-dev libssl-dev cpio
	ccache xz-utils dwarves python3 git sparse perl
	# scripts/checkpatch.pl runs scripts/spdxcheck.py
	python3-ply python3-git
	# guest; perf and bpftrace run in it from the host's root (hostrun)
	qemu-system-x86 busybox-static trace-cmd linux-perf bpftrace
	# consumer and its tests
	pkg-config libtracefs-dev libtraceevent-dev libtracecmd-dev
	libcmocka-dev gnuplot-nox
	# the consumer's libFuzzer targets
	clang libclang-rt-14-dev
)

dry_run=0
while getopts "nh" opt; do
	case "$opt" in
	n) dry_run=1 ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done

missing=()
for p in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$status" = installed ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "[deps] all ${#packages[@]} packages installed"
	exit 0
fi
if [ $dry_run -eq 1 ]; then
	echo "[deps] missing: ${missing[*]}"
	exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing packages (${missing[*]}) and not root: run as root or install them" >&2
	exit 1
fi

echo "[deps] installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "[deps] done"
