# swapowner - top-level build: kernel variants, initramfs, tests
#
#   make check        install deps, build, run every test; ends "N passed, N failed"
#   make vm SCRIPT=tests/vm/swap-basic.sh   boot one guest script by hand
#   make help         all targets

BUILD     ?= $(CURDIR)/build
KERNEL    ?= fast
SCRIPT    ?=
ARGS      ?=
KSRC       = $(BUILD)/src/linux-patched
GUEST_BIN  = $(BUILD)/guest-bin
INITRAMFS  = $(BUILD)/initramfs.cpio

.PHONY: all help deps tree consumer kernel-fast kernel-debug kernel-unpatched kernels \
	guest-bin initramfs unit vm check rfc experiment bench clean

all: kernel-fast initramfs

help:
	@echo "make experiment        deps + build + boot + workload + swapowner report"
	@echo "make check             deps + build + all tests (the CI command)"
	@echo "make bench             overhead benchmarks in QEMU -> bench/results.md, .json"
	@echo "make deps              apt-get install what is missing"
	@echo "make kernel-VARIANT    fast | debug | unpatched kernel"
	@echo "make consumer          build/consumer/swapowner"
	@echo "make initramfs         guest initramfs ($(INITRAMFS))"
	@echo "make unit              host unit tests (tests/unit, consumer)"
	@echo "make vm SCRIPT=F [KERNEL=fast] [ARGS=...]   run one guest script"
	@echo "make rfc               check the series: applies, checkpatch, W=1, sparse (scripts/check-series.sh)"
	@echo "make clean             remove $(BUILD)"

deps:
	@scripts/deps.sh

tree: deps
	@scripts/kernel-tree.sh -b $(BUILD)

kernel-fast kernel-debug kernel-unpatched: kernel-%: tree
	@scripts/kernel-build.sh -b $(BUILD) $*

kernels: kernel-fast kernel-debug kernel-unpatched

consumer: deps
	@$(MAKE) -s -C consumer O=$(BUILD)/consumer

# the guest gets the test programs and the consumer
guest-bin: tree consumer
	@$(MAKE) -s -C tests/guest O=$(GUEST_BIN)
	@cp $(BUILD)/consumer/swapowner $(GUEST_BIN)/
	@$(MAKE) -s -C tests/guest O=$(GUEST_BIN) KSRC=$(KSRC) selftest

initramfs: tree guest-bin
	@scripts/initramfs.sh -k $(KSRC) -g $(GUEST_BIN) -o $(INITRAMFS)

unit: deps
	@$(MAKE) -s -C tests/unit O=$(BUILD)/unit check
	@$(MAKE) -s -C consumer O=$(BUILD)/consumer check

vm: kernel-$(KERNEL) initramfs
	@test -n "$(SCRIPT)" || { echo "make vm: give SCRIPT=path/to/guest-script.sh" >&2; exit 2; }
	qemu/run-vm --build-dir $(BUILD) --kernel $(KERNEL) -- $(SCRIPT) $(ARGS)

check: kernel-fast kernel-debug kernel-unpatched initramfs
	@scripts/check.sh -b $(BUILD)

bench: kernel-fast kernel-unpatched initramfs
	@bench/run.sh -b $(BUILD)

experiment:
	@scripts/experiment.sh -b $(BUILD)

rfc: tree
	@scripts/check-series.sh -b $(BUILD)

clean:
	rm -rf $(BUILD)
