/*
 * test-pagemap.c - unit tests of consumer/pagemap.c
 *
 * Decoding of crafted raw entries, parsing of maps lines, and walks over a
 * crafted maps text (fmemopen) and a sparse pagemap file written with pwrite
 * at vaddr / page size * 8, as the kernel lays it out. Assumes 4 KiB pages.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "pagemap.h"

#define PAGE		4096ULL
#define MAX_SEEN	32
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Raw entry of a swapped page, written independently of the decoder */
#define SWP(type, off)	(PAGEMAP_SWAPPED | (uint64_t)(off) << 5 | (type))
#define PRESENT(pfn)	(PAGEMAP_PRESENT | (uint64_t)(pfn))

/* One page reported to the callback */
struct seen {
	uint64_t	vaddr;
	uint64_t	offset;
	unsigned int	type;
	char		perms[5];
	char		path[64];
};

/* What a walk reported */
struct record {
	struct seen	pages[MAX_SEEN];
	int		nr;
	int		stop_at;	/* 1-based page that returns... */
	int		stop_ret;	/* ...this from the callback */
};

/* record_page - pagemap_walk() callback storing what it is given */
static int record_page(const struct pagemap_vma *vma, uint64_t vaddr,
		       const struct pagemap_entry *pe, void *arg)
{
	struct record *rec = arg;
	struct seen *s;

	assert_true(pe->swapped);
	assert_false(pe->present);
	assert_true(vaddr >= vma->start && vaddr < vma->end);
	assert_true(rec->nr < MAX_SEEN);

	s = &rec->pages[rec->nr++];
	s->vaddr = vaddr;
	s->offset = pe->swp_offset;
	s->type = pe->swp_type;
	memcpy(s->perms, vma->perms, sizeof(s->perms));
	assert_true(strlen(vma->path) < sizeof(s->path));
	strcpy(s->path, vma->path);

	return rec->nr == rec->stop_at ? rec->stop_ret : 0;
}

/* pm_create - an empty, already unlinked pagemap file */
static int pm_create(void)
{
	char name[] = "/tmp/test_pagemap.XXXXXX";
	int fd;

	fd = mkstemp(name);
	assert_true(fd >= 0);
	assert_int_equal(unlink(name), 0);
	return fd;
}

/* pm_put - write the entry of the page at vaddr */
static void pm_put(int fd, uint64_t vaddr, uint64_t raw)
{
	assert_int_equal(pwrite(fd, &raw, sizeof(raw), vaddr / PAGE * 8),
			 sizeof(raw));
}

/* walk_text - run pagemap_walk() on the maps text and the pagemap fd */
static int walk_text(const char *maps_text, int fd, struct record *rec)
{
	FILE *maps;
	int ret;

	maps = fmemopen((void *)maps_text, strlen(maps_text), "r");
	assert_non_null(maps);
	ret = pagemap_walk(maps, fd, record_page, rec);
	fclose(maps);
	return ret;
}

static void assert_seen(const struct seen *s, uint64_t vaddr,
			unsigned int type, uint64_t offset, const char *path)
{
	assert_int_equal(s->vaddr, vaddr);
	assert_int_equal(s->type, type);
	assert_int_equal(s->offset, offset);
	assert_string_equal(s->path, path);
}

static int setup_page_size(void **state)
{
	(void)state;
	if (sysconf(_SC_PAGESIZE) != PAGE) {
		print_message("# page size is not 4 KiB\n");
		return -1;
	}
	return 0;
}

/* ---- decoding ---- */

static void test_decode_present(void **state)
{
	struct pagemap_entry pe;

	(void)state;
	pagemap_entry_decode(0x8180000000012345ULL, &pe);
	assert_true(pe.present);
	assert_false(pe.swapped);
	assert_false(pe.file_shared);
	assert_true(pe.exclusive);
	assert_true(pe.soft_dirty);
	assert_false(pe.uffd_wp);
	assert_int_equal(pe.pfn, 0x12345);
	assert_int_equal(pe.swp_type, 0);
	assert_int_equal(pe.swp_offset, 0);

	/* File page, pfn hidden (no CAP_SYS_ADMIN) */
	pagemap_entry_decode(0xa000000000000000ULL, &pe);
	assert_true(pe.present);
	assert_true(pe.file_shared);
	assert_false(pe.exclusive);
	assert_false(pe.soft_dirty);
	assert_int_equal(pe.pfn, 0);
}

static void test_decode_swapped(void **state)
{
	struct pagemap_entry pe;

	(void)state;
	/* type 3, offset 0x2a21: 3 | 0x2a21 << 5 = 0x54423 */
	pagemap_entry_decode(0x4000000000054423ULL, &pe);
	assert_false(pe.present);
	assert_true(pe.swapped);
	assert_false(pe.file_shared);
	assert_false(pe.exclusive);
	assert_false(pe.soft_dirty);
	assert_int_equal(pe.swp_type, 3);
	assert_int_equal(pe.swp_offset, 0x2a21);
	assert_int_equal(pe.pfn, 0);
}

static void test_decode_swapped_edges(void **state)
{
	struct pagemap_entry pe;

	(void)state;
	/* Largest type, offset 0 (what a reader without CAP_SYS_ADMIN sees) */
	pagemap_entry_decode(0x400000000000001fULL, &pe);
	assert_true(pe.swapped);
	assert_int_equal(pe.swp_type, 31);
	assert_int_equal(pe.swp_offset, 0);

	/* Largest 50-bit offset, type 0 */
	pagemap_entry_decode(0x407fffffffffffe0ULL, &pe);
	assert_true(pe.swapped);
	assert_int_equal(pe.swp_type, 0);
	assert_int_equal(pe.swp_offset, 0x3ffffffffffffULL);

	/* Everything set: the flags must not leak into type or offset */
	pagemap_entry_decode(0x43ffffffffffffffULL, &pe);
	assert_true(pe.swapped);
	assert_true(pe.soft_dirty);
	assert_true(pe.exclusive);
	assert_true(pe.uffd_wp);
	assert_false(pe.file_shared);
	assert_int_equal(pe.swp_type, 31);
	assert_int_equal(pe.swp_offset, 0x3ffffffffffffULL);

	/* Swapped with the file bit (migration of a file page) */
	pagemap_entry_decode(0x6000000000000021ULL, &pe);
	assert_true(pe.swapped);
	assert_true(pe.file_shared);
	assert_int_equal(pe.swp_type, 1);
	assert_int_equal(pe.swp_offset, 1);
}

static void test_decode_not_swapped(void **state)
{
	struct pagemap_entry pe;

	(void)state;
	memset(&pe, 0xff, sizeof(pe));
	pagemap_entry_decode(0, &pe);
	assert_false(pe.present);
	assert_false(pe.swapped);
	assert_false(pe.file_shared);
	assert_false(pe.exclusive);
	assert_false(pe.soft_dirty);
	assert_false(pe.uffd_wp);
	assert_int_equal(pe.pfn, 0);
	assert_int_equal(pe.swp_type, 0);
	assert_int_equal(pe.swp_offset, 0);

	/* Not present, soft-dirty VMA: the low bits mean nothing */
	pagemap_entry_decode(0x0080000000054423ULL, &pe);
	assert_false(pe.present);
	assert_false(pe.swapped);
	assert_true(pe.soft_dirty);
	assert_int_equal(pe.swp_type, 0);
	assert_int_equal(pe.swp_offset, 0);
	assert_int_equal(pe.pfn, 0);
}

/* ---- maps lines ---- */

static void test_maps_anon(void **state)
{
	struct pagemap_vma vma;
	const char *line;

	(void)state;
	line = "7f1234560000-7f1234580000 rw-p 00000000 00:00 0 \n";
	assert_int_equal(pagemap_maps_line_parse(line, &vma), 0);
	assert_int_equal(vma.start, 0x7f1234560000ULL);
	assert_int_equal(vma.end, 0x7f1234580000ULL);
	assert_string_equal(vma.perms, "rw-p");
	assert_int_equal(vma.offset, 0);
	assert_int_equal(vma.dev_major, 0);
	assert_int_equal(vma.dev_minor, 0);
	assert_int_equal(vma.inode, 0);
	assert_string_equal(vma.path, "");
	assert_false(vma.path_truncated);
	assert_false(pagemap_vma_is_shared(&vma));

	/* No trailing blank nor newline */
	line = "00400000-00401000 ---p 00000000 00:00 0";
	assert_int_equal(pagemap_maps_line_parse(line, &vma), 0);
	assert_string_equal(vma.perms, "---p");
	assert_string_equal(vma.path, "");
}

static void test_maps_file(void **state)
{
	struct pagemap_vma vma;
	const char *line;

	(void)state;
	line = "55d0c0a00000-55d0c0a21000 r-xp 00002000 fd:01 1048602  /home/u/my dir/lib  x.so\n";
	assert_int_equal(pagemap_maps_line_parse(line, &vma), 0);
	assert_int_equal(vma.start, 0x55d0c0a00000ULL);
	assert_int_equal(vma.end, 0x55d0c0a21000ULL);
	assert_string_equal(vma.perms, "r-xp");
	assert_int_equal(vma.offset, 0x2000);
	assert_int_equal(vma.dev_major, 0xfd);
	assert_int_equal(vma.dev_minor, 1);
	assert_int_equal(vma.inode, 1048602);
	assert_string_equal(vma.path, "/home/u/my dir/lib  x.so");

	/* Shared, deleted, device numbers wider than two digits */
	line = "7f0000000000-7f0000200000 rw-s 00000000 103:1ff 4294967296 /dev/zero (deleted)\n";
	assert_int_equal(pagemap_maps_line_parse(line, &vma), 0);
	assert_true(pagemap_vma_is_shared(&vma));
	assert_int_equal(vma.dev_major, 0x103);
	assert_int_equal(vma.dev_minor, 0x1ff);
	assert_int_equal(vma.inode, 4294967296ULL);
	assert_string_equal(vma.path, "/dev/zero (deleted)");
}

static void test_maps_special(void **state)
{
	struct pagemap_vma vma;
	const char *line;

	(void)state;
	line = "7ffd8a9e0000-7ffd8aa01000 rw-p 00000000 00:00 0                  [stack]\n";
	assert_int_equal(pagemap_maps_line_parse(line, &vma), 0);
	assert_int_equal(vma.start, 0x7ffd8a9e0000ULL);
	assert_string_equal(vma.path, "[stack]");

	line = "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0          [vsyscall]\n";
	assert_int_equal(pagemap_maps_line_parse(line, &vma), 0);
	assert_int_equal(vma.start, 0xffffffffff600000ULL);
	assert_int_equal(vma.end, 0xffffffffff601000ULL);
	assert_string_equal(vma.path, "[vsyscall]");

	line = "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 [anon:my buffer]\n";
	assert_int_equal(pagemap_maps_line_parse(line, &vma), 0);
	assert_string_equal(vma.path, "[anon:my buffer]");
}

static void test_maps_long_path(void **state)
{
	const char *prefix = "00400000-00401000 r--p 00000000 08:01 12 ";
	struct pagemap_vma vma;
	size_t len;
	char *line;

	(void)state;
	len = strlen(prefix) + PAGEMAP_PATH_MAX + 10;
	line = malloc(len + 2);
	assert_non_null(line);
	strcpy(line, prefix);
	memset(line + strlen(prefix), 'a', len - strlen(prefix));
	line[strlen(prefix)] = '/';
	strcpy(line + len, "\n");

	assert_int_equal(pagemap_maps_line_parse(line, &vma), 0);
	assert_true(vma.path_truncated);
	assert_int_equal(strlen(vma.path), PAGEMAP_PATH_MAX - 1);
	free(line);
}

static void test_maps_malformed(void **state)
{
	static const char *const bad[] = {
		"",
		"\n",
		"garbage\n",
		"00400000 00401000 r-xp 00000000 08:01 12 /bin/a\n",
		"00400000-00401000 r-xp 00000000 08:01\n",
		"00400000-00401000 r-xp 00000000 08:01 \n",
		"00400000-00401000 r-xp 00000000 0801 12\n",
		"00400000-00401000 rwzp 00000000 08:01 12\n",
		"00400000-00401000 r-x 00000000 08:01 12\n",
		"00400000-00401000 r-xpp 00000000 08:01 12\n",
		"00400000-00401000 r-xp 0000000g 08:01 12\n",
		"00400000-00401000 r-xp 00000000 08:01 abc\n",
		"00400000-00401000 r-xp 00000000 08:01 12abc\n",
		"00400000-00401000 r-xp 00000000 08:01 -12\n",
		"00400000-00401000  r-xp 00000000 08:01 12\n",
		" 00400000-00401000 r-xp 00000000 08:01 12\n",
		"00401000-00400000 r-xp 00000000 08:01 12\n",
		"00400000-00400000 r-xp 00000000 08:01 12\n",
		"10000000000000000-10000000000001000 r-xp 00000000 00:00 0\n",
		"00400000-00401000 r-xp 00000000 100000000:01 12\n",
		"00400000-00401000 r-xp 00000000 08:01 12 /a\nb\n",
	};
	struct pagemap_vma vma;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (pagemap_maps_line_parse(bad[i], &vma) != -EINVAL)
			fail_msg("accepted bad line %zu: '%s'", i, bad[i]);
	}
}

/* ---- walks ---- */

static const char walk_maps[] =
	"00400000-00403000 r-xp 00000000 08:01 1234        /usr/bin/my prog\n"
	"01000000-01005000 rw-p 00000000 00:00 0           [heap]\n"
	"10000000-10bb8000 rw-p 00000000 00:00 0 \n"
	"20000000-20002000 rw-s 00000000 00:01 99    /dev/zero (deleted)\n"
	"30000000-30004000 rw-p 00000000 00:00 0 \n"
	"ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0 [vsyscall]\n";

static void test_walk(void **state)
{
	static const unsigned int big[] = { 0, 1023, 1024, 2047, 2048, 2999 };
	struct record rec = { 0 };
	unsigned int i;
	int fd;

	(void)state;
	fd = pm_create();

	/* A private file page copied on write, then swapped */
	pm_put(fd, 0x400000, PRESENT(0x100));
	pm_put(fd, 0x401000, SWP(0, 100));

	/* Heap: present page not reported; largest type and offset */
	pm_put(fd, 0x1000000, PRESENT(0x1234) | PAGEMAP_EXCLUSIVE);
	pm_put(fd, 0x1002000, SWP(3, 0x2a21));
	pm_put(fd, 0x1004000, SWP(31, 0x3ffffffffffffULL) |
	       PAGEMAP_SOFT_DIRTY);

	/* 3000 pages: entries on both sides of the 1024-entry reads */
	for (i = 0; i < 6; i++) {
		pm_put(fd, 0x10000000 + big[i] * PAGE, SWP(1, 1000 + i));
		pm_put(fd, 0x10000000 + (big[i] + 1) * PAGE, PRESENT(i + 1));
	}

	/* Shared: present and not-present pages only */
	pm_put(fd, 0x20000000, PRESENT(0x55) | PAGEMAP_FILE_SHARED);

	/* Only the first two pages of the last VMA can be read */
	pm_put(fd, 0x30001000, SWP(2, 7));
	assert_int_equal(ftruncate(fd, (0x30000000 / PAGE + 2) * 8), 0);

	assert_int_equal(walk_text(walk_maps, fd, &rec), 0);

	assert_int_equal(rec.nr, 10);
	assert_seen(&rec.pages[0], 0x401000, 0, 100, "/usr/bin/my prog");
	assert_string_equal(rec.pages[0].perms, "r-xp");
	assert_seen(&rec.pages[1], 0x1002000, 3, 0x2a21, "[heap]");
	assert_seen(&rec.pages[2], 0x1004000, 31, 0x3ffffffffffffULL,
		    "[heap]");
	for (i = 0; i < 6; i++)
		assert_seen(&rec.pages[3 + i], 0x10000000 + big[i] * PAGE, 1,
			    1000 + i, "");
	assert_seen(&rec.pages[9], 0x30001000, 2, 7, "");

	close(fd);
}

static void test_walk_skips_unreadable(void **state)
{
	/* Unsorted on purpose: ranges after an unreadable one still count */
	static const char maps[] =
		"ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0 [vsyscall]\n"
		"7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n"
		"00400000-00402000 rw-p 00000000 00:00 0 \n";
	struct record rec = { 0 };
	int fd;

	(void)state;
	fd = pm_create();
	pm_put(fd, 0x401000, SWP(4, 0x1234));

	assert_int_equal(walk_text(maps, fd, &rec), 0);
	assert_int_equal(rec.nr, 1);
	assert_seen(&rec.pages[0], 0x401000, 4, 0x1234, "");
	close(fd);
}

static void test_walk_stop(void **state)
{
	struct record rec = { .stop_at = 2, .stop_ret = 42 };
	int fd;

	(void)state;
	fd = pm_create();
	pm_put(fd, 0x1002000, SWP(3, 1));
	pm_put(fd, 0x1003000, SWP(3, 2));
	pm_put(fd, 0x10000000, SWP(3, 3));

	assert_int_equal(walk_text(walk_maps, fd, &rec), 42);
	assert_int_equal(rec.nr, 2);

	rec = (struct record){ .stop_at = 1, .stop_ret = -EPIPE };
	assert_int_equal(walk_text(walk_maps, fd, &rec), -EPIPE);
	assert_int_equal(rec.nr, 1);
	close(fd);
}

static void test_walk_errors(void **state)
{
	struct record rec = { 0 };
	const char *maps;
	int fd;

	(void)state;
	fd = pm_create();
	pm_put(fd, 0x400000, SWP(1, 1));
	pm_put(fd, 0x500000, SWP(1, 2));

	/* Pages before a malformed line are reported, nothing after it */
	maps = "00400000-00401000 rw-p 00000000 00:00 0 \n"
	       "not a maps line\n"
	       "00500000-00501000 rw-p 00000000 00:00 0 \n";
	assert_int_equal(walk_text(maps, fd, &rec), -EINVAL);
	assert_int_equal(rec.nr, 1);

	/* A range that is not page aligned */
	rec.nr = 0;
	maps = "00400800-00401000 rw-p 00000000 00:00 0 \n";
	assert_int_equal(walk_text(maps, fd, &rec), -EINVAL);
	assert_int_equal(rec.nr, 0);

	/* Empty maps: nothing to do */
	assert_int_equal(walk_text("", fd, &rec), 0);
	assert_int_equal(rec.nr, 0);

	close(fd);
	assert_int_equal(walk_text(walk_maps, fd, &rec), -EBADF);
}

static void test_walk_pid(void **state)
{
	struct record rec = { 0 };
	int pipefd[2];
	pid_t pid;
	char c;

	(void)state;
	assert_int_equal(pagemap_walk_pid(0, record_page, &rec), -EINVAL);
	assert_int_equal(pagemap_walk_pid(-1, record_page, &rec), -EINVAL);
	assert_int_equal(pagemap_walk_pid(0x7ffffff0, record_page, &rec),
			 -ENOENT);

	/*
	 * A real process, but not this one: the sanitizers' shadow mappings
	 * span terabytes. The pipe closes when sleep is executed.
	 */
	assert_int_equal(pipe2(pipefd, O_CLOEXEC), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		execl("/bin/sleep", "sleep", "30", (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	assert_int_equal(read(pipefd[0], &c, 1), 0);
	close(pipefd[0]);

	assert_int_equal(pagemap_walk_pid(pid, record_page, &rec), 0);
	assert_true(rec.nr >= 0 && rec.nr <= MAX_SEEN);

	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_present),
		cmocka_unit_test(test_decode_swapped),
		cmocka_unit_test(test_decode_swapped_edges),
		cmocka_unit_test(test_decode_not_swapped),
		cmocka_unit_test(test_maps_anon),
		cmocka_unit_test(test_maps_file),
		cmocka_unit_test(test_maps_special),
		cmocka_unit_test(test_maps_long_path),
		cmocka_unit_test(test_maps_malformed),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_walk_skips_unreadable),
		cmocka_unit_test(test_walk_stop),
		cmocka_unit_test(test_walk_errors),
		cmocka_unit_test(test_walk_pid),
	};

	return cmocka_run_group_tests_name("pagemap", tests, setup_page_size,
					   NULL);
}
