# swapowner - top-level build: kernel bases and variants, initramfs, tests
#
#   make check        install deps, build, run every test; ends "N passed, N failed"
#   make experiment   build, boot, run a workload under pressure, report
#   make vm SCRIPT=guest/tests/swap-basic.sh [BASE=6.12]  boot one guest script
#   make help         all targets
#
# BASE selects the kernel base (6.12 or 7.3) for every target but check,
# which runs the bases in CHECK_BASES.

BUILD       ?= $(CURDIR)/build
BASE        ?= 7.3
CHECK_BASES ?= 7.3 6.12
BENCH_BASES ?= 7.3 6.12
KERNEL      ?= fast
SCRIPT      ?=
ARGS        ?=
BDIR         = $(BUILD)/$(BASE)
KSRC         = $(BDIR)/src/linux-patched
GUEST_BIN    = $(BDIR)/guest-bin
INITRAMFS    = $(BDIR)/initramfs.cpio

.PHONY: all help deps tree consumer kernel-fast kernel-debug kernel-unpatched kernel-nomemcg kernels \
	check-kernels guest-bin initramfs unit vm check rfc experiment bench \
	bench-publish fuzz clean

all: kernel-fast initramfs

help:
	@echo "make experiment        deps + build + boot + workload + swapowner report"
	@echo "make check             deps + build + all tests on $(CHECK_BASES) (the CI command)"
	@echo "make bench             benchmarks of $(BENCH_BASES) in QEMU (icount) -> build/bench/results.md, .json"
	@echo "make bench-publish     copy the last make bench results into bench/, README.md, the cover letter"
	@echo "make deps              apt-get install what is missing"
	@echo "make tree              BASE's source (fetched and verified) + its series"
	@echo "make kernel-VARIANT    fast | debug | unpatched | nomemcg kernel of BASE"
	@echo "make consumer          build/consumer/swapowner"
	@echo "make initramfs         guest initramfs of BASE ($(INITRAMFS))"
	@echo "make unit              host unit tests (consumer)"
	@echo "make fuzz              the consumer's libFuzzer targets, 60 s each"
	@echo "make vm SCRIPT=F [KERNEL=fast] [ARGS=...]   run one guest script on BASE"
	@echo "make rfc               check BASE's series: applies, checkpatch, W=1, sparse"
	@echo "make clean             remove $(BUILD)"
	@echo "BASE=6.12|7.3 (default $(BASE)) selects the kernel base"

deps:
	@scripts/deps.sh

tree: deps
	@scripts/kernel-tree.sh -b $(BUILD) -B $(BASE)

kernel-fast kernel-debug kernel-unpatched kernel-nomemcg: kernel-%: tree
	@scripts/kernel-build.sh -b $(BUILD) -B $(BASE) $*

kernels: kernel-fast kernel-debug kernel-unpatched

# what make check boots on BASE (scripts/bases/BASE.conf, check_kernels);
# without a series the patched tree is the pristine one, so the unpatched
# kernel is all there is
CHECK_KERNELS = $(shell bash -c '. scripts/lib/common.sh && . scripts/lib/series.sh && \
	. scripts/lib/base.sh && base_load $(BASE) $(BUILD) && base_check_kernels')
check-kernels:
	@for k in $(CHECK_KERNELS); do $(MAKE) -s BASE=$(BASE) kernel-$$k || exit 1; done

consumer: deps
	@$(MAKE) -s -C consumer O=$(BUILD)/consumer

# the guest gets the guest programs, the consumer and the series' selftest
guest-bin: tree consumer
	@$(MAKE) -s -C guest/src O=$(GUEST_BIN)
	@cp $(BUILD)/consumer/swapowner $(GUEST_BIN)/
	@$(MAKE) -s -C guest/src O=$(GUEST_BIN) KSRC=$(KSRC) selftest

initramfs: tree guest-bin
	@scripts/initramfs.sh -k $(KSRC) -g $(GUEST_BIN) -o $(INITRAMFS)

unit: deps
	@$(MAKE) -s -C consumer O=$(BUILD)/consumer check

fuzz: deps
	@$(MAKE) -s -C consumer O=$(BUILD)/consumer fuzz

vm: kernel-$(KERNEL) initramfs
	@test -n "$(SCRIPT)" || { echo "make vm: give SCRIPT=path/to/guest-script.sh" >&2; exit 2; }
	qemu/run-vm --build-dir $(BUILD) --base $(BASE) --kernel $(KERNEL) -- $(SCRIPT) $(ARGS)

check: deps
	@for b in $(CHECK_BASES); do \
		$(MAKE) -s BASE=$$b check-kernels initramfs || exit 1; \
	done
	@scripts/check.sh -b $(BUILD) -B "$(CHECK_BASES)"

bench: deps consumer
	@for b in $(BENCH_BASES); do \
		$(MAKE) -s BASE=$$b kernel-fast kernel-unpatched initramfs || exit 1; \
	done
	@bench/run.sh -b $(BUILD) -B "$(BENCH_BASES)"

bench-publish:
	@bench/publish.sh -b $(BUILD)

experiment:
	@scripts/experiment.sh -b $(BUILD) -B $(BASE)

rfc: tree
	@scripts/check-series.sh -b $(BUILD) -B $(BASE)

clean:
	rm -rf $(BUILD)
