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

/* A raw pagemap entry and every field it decodes to */
struct decode_case {
	const char		*what;
	uint64_t		raw;
	struct pagemap_entry	want;
};

static const struct decode_case decode_cases[] = {
	{ "present, exclusive, soft-dirty", 0x8180000000012345ULL,
	  { .present = true, .exclusive = true, .soft_dirty = true,
	    .pfn = 0x12345 } },
	{ "file page, pfn hidden (no CAP_SYS_ADMIN)", 0xa000000000000000ULL,
	  { .present = true, .file_shared = true } },
	/* 3 | 0x2a21 << 5 = 0x54423 */
	{ "swapped, type 3, offset 0x2a21", 0x4000000000054423ULL,
	  { .swapped = true, .swp_type = 3, .swp_offset = 0x2a21 } },
	{ "largest type, offset 0 (as without CAP_SYS_ADMIN)",
	  0x400000000000001fULL, { .swapped = true, .swp_type = 31 } },
	{ "largest 50-bit offset, type 0", 0x407fffffffffffe0ULL,
	  { .swapped = true, .swp_offset = 0x3ffffffffffffULL } },
	{ "everything set: no flag leaks into type or offset",
	  0x43ffffffffffffffULL,
	  { .swapped = true, .soft_dirty = true, .exclusive = true,
	    .uffd_wp = true, .swp_type = 31,
	    .swp_offset = 0x3ffffffffffffULL } },
	{ "swapped with the file bit (migration of a file page)",
	  0x6000000000000021ULL,
	  { .swapped = true, .file_shared = true, .swp_type = 1,
	    .swp_offset = 1 } },
	{ "nothing", 0, { 0 } },
	{ "not present, soft-dirty VMA: the low bits mean nothing",
	  0x0080000000054423ULL, { .soft_dirty = true } },
};

/* every field of every case, each decoded over a struct full of 0xff */
static void test_decode(void **state)
{
	const struct pagemap_entry *w;
	struct pagemap_entry pe;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(decode_cases); i++) {
		w = &decode_cases[i].want;
		memset(&pe, 0xff, sizeof(pe));
		pagemap_entry_decode(decode_cases[i].raw, &pe);
		if (pe.present != w->present || pe.swapped != w->swapped ||
		    pe.file_shared != w->file_shared ||
		    pe.exclusive != w->exclusive ||
		    pe.soft_dirty != w->soft_dirty ||
		    pe.uffd_wp != w->uffd_wp || pe.pfn != w->pfn ||
		    pe.swp_type != w->swp_type ||
		    pe.swp_offset != w->swp_offset)
			fail_msg("%#018llx (%s): present %d swapped %d file %d "
				 "exclusive %d soft-dirty %d uffd-wp %d pfn %#llx "
				 "type %u offset %#llx",
				 (unsigned long long)decode_cases[i].raw,
				 decode_cases[i].what, pe.present, pe.swapped,
				 pe.file_shared, pe.exclusive, pe.soft_dirty,
				 pe.uffd_wp, (unsigned long long)pe.pfn,
				 pe.swp_type, (unsigned long long)pe.swp_offset);
	}
}

/* ---- maps lines ---- */

/* A maps line and every field it parses to */
struct maps_case {
	const char		*line;
	struct pagemap_vma	want;
	bool			shared;
};

static const struct maps_case maps_cases[] = {
	{ .line = "7f1234560000-7f1234580000 rw-p 00000000 00:00 0 \n",
	  .want = { .start = 0x7f1234560000ULL, .end = 0x7f1234580000ULL,
		    .perms = "rw-p" } },
	/* no trailing blank nor newline */
	{ .line = "00400000-00401000 ---p 00000000 00:00 0",
	  .want = { .start = 0x400000, .end = 0x401000, .perms = "---p" } },
	/* blanks inside the path are kept */
	{ .line = "55d0c0a00000-55d0c0a21000 r-xp 00002000 fd:01 1048602  "
		  "/home/u/my dir/lib  x.so\n",
	  .want = { .start = 0x55d0c0a00000ULL, .end = 0x55d0c0a21000ULL,
		    .perms = "r-xp", .offset = 0x2000, .dev_major = 0xfd,
		    .dev_minor = 1, .inode = 1048602,
		    .path = "/home/u/my dir/lib  x.so" } },
	/* shared, deleted, device numbers wider than two digits */
	{ .line = "7f0000000000-7f0000200000 rw-s 00000000 103:1ff "
		  "4294967296 /dev/zero (deleted)\n",
	  .want = { .start = 0x7f0000000000ULL, .end = 0x7f0000200000ULL,
		    .perms = "rw-s", .dev_major = 0x103, .dev_minor = 0x1ff,
		    .inode = 4294967296ULL, .path = "/dev/zero (deleted)" },
	  .shared = true },
	{ .line = "7ffd8a9e0000-7ffd8aa01000 rw-p 00000000 00:00 0"
		  "                  [stack]\n",
	  .want = { .start = 0x7ffd8a9e0000ULL, .end = 0x7ffd8aa01000ULL,
		    .perms = "rw-p", .path = "[stack]" } },
	{ .line = "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0"
		  "          [vsyscall]\n",
	  .want = { .start = 0xffffffffff600000ULL,
		    .end = 0xffffffffff601000ULL, .perms = "--xp",
		    .path = "[vsyscall]" } },
	{ .line = "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 "
		  "[anon:my buffer]\n",
	  .want = { .start = 0x7f0000000000ULL, .end = 0x7f0000001000ULL,
		    .perms = "rw-p", .path = "[anon:my buffer]" } },
};


/* maps_check - c's line parses, over a struct full of 0xff, to c->want */
static void maps_check(const struct maps_case *c)
{
	const struct pagemap_vma *w = &c->want;
	struct pagemap_vma vma;

	memset(&vma, 0xff, sizeof(vma));
	assert_int_equal(pagemap_maps_line_parse(c->line, &vma), 0);
	if (vma.start == w->start && vma.end == w->end &&
	    vma.offset == w->offset && vma.inode == w->inode &&
	    vma.dev_major == w->dev_major && vma.dev_minor == w->dev_minor &&
	    !strcmp(vma.perms, w->perms) && !strcmp(vma.path, w->path) &&
	    !vma.path_truncated && pagemap_vma_is_shared(&vma) == c->shared)
		return;
	fail_msg("'%s': %llx-%llx %s %llx %x:%x %llu '%s'%s%s", c->line,
		 (unsigned long long)vma.start, (unsigned long long)vma.end,
		 vma.perms, (unsigned long long)vma.offset, vma.dev_major,
		 vma.dev_minor, (unsigned long long)vma.inode, vma.path,
		 vma.path_truncated ? " truncated" : "",
		 pagemap_vma_is_shared(&vma) ? " shared" : "");
}

/* every field of every line */
static void test_maps(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(maps_cases); i++)
		maps_check(&maps_cases[i]);
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
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_maps),
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
