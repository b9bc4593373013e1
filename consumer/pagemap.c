/*
 * pagemap.c - decode /proc/PID/pagemap and walk a process's swapped pages
 *
 * See Documentation/admin-guide/mm/pagemap.rst and fs/proc/task_mmu.c
 * (pte_to_pagemap_entry, show_vma_header_prefix) for the formats.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pagemap.h"

/* Entries read from pagemap by one pread() */
#define PAGEMAP_CHUNK_ENTRIES	1024

/* Scratch space of one walk */
struct pagemap_walk_ctx {
	uint64_t		buf[PAGEMAP_CHUNK_ENTRIES];
	struct pagemap_vma	vma;
	pagemap_walk_fn		fn;
	void			*arg;
	uint64_t		page_size;
	int			fd;
};

/* pagemap_entry_decode - split a raw pagemap entry into its fields */
void pagemap_entry_decode(uint64_t raw, struct pagemap_entry *out)
{
	memset(out, 0, sizeof(*out));
	out->present = raw & PAGEMAP_PRESENT;
	out->swapped = raw & PAGEMAP_SWAPPED;
	out->file_shared = raw & PAGEMAP_FILE_SHARED;
	out->exclusive = raw & PAGEMAP_EXCLUSIVE;
	out->soft_dirty = raw & PAGEMAP_SOFT_DIRTY;
	out->uffd_wp = raw & PAGEMAP_UFFD_WP;
	if (out->present)
		out->pfn = raw & PAGEMAP_PFN_MASK;
	if (out->swapped) {
		out->swp_type = raw & PAGEMAP_SWP_TYPE_MASK;
		out->swp_offset = (raw >> PAGEMAP_SWP_TYPE_BITS) &
				  PAGEMAP_SWP_OFFSET_MASK;
	}
}

/* digit_value - value of digit c in base 10 or 16, -1 if not a digit */
static int digit_value(char c, unsigned int base)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (base != 16)
		return -1;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * parse_num - parse an unsigned number without sign or leading blanks
 *
 * Returns a pointer to the first character after the digits, or NULL if
 * there are no digits or the value does not fit in 64 bits.
 */
static const char *parse_num(const char *s, unsigned int base, uint64_t *out)
{
	uint64_t val = 0;
	const char *p;
	int d;

	for (p = s; (d = digit_value(*p, base)) >= 0; p++) {
		if (val > (UINT64_MAX - d) / base)
			return NULL;
		val = val * base + d;
	}
	if (p == s)
		return NULL;
	*out = val;
	return p;
}

/* parse_field - parse a number that must be followed by the character sep */
static const char *parse_field(const char *s, unsigned int base, char sep,
			       uint64_t *out)
{
	s = parse_num(s, base, out);
	if (!s || *s != sep)
		return NULL;
	return s + 1;
}

/* parse_perms - copy the four permission characters, checking each one */
static const char *parse_perms(const char *s, char perms[5])
{
	static const char *const allowed[4] = { "r-", "w-", "x-", "ps" };
	int i;

	for (i = 0; i < 4; i++) {
		if (!s[i] || !strchr(allowed[i], s[i]))
			return NULL;
		perms[i] = s[i];
	}
	perms[4] = '\0';
	return s[4] == ' ' ? s + 5 : NULL;
}

/*
 * pagemap_maps_line_parse - parse one line of /proc/PID/maps
 *
 * "start-end perms offset major:minor inode [path]", numbers in hex except
 * the inode; a trailing newline is allowed. Returns 0, or -EINVAL if the
 * line is malformed (the content of *vma is then unspecified).
 */
int pagemap_maps_line_parse(const char *line, struct pagemap_vma *vma)
{
	uint64_t major;
	uint64_t minor;
	const char *p;
	size_t len;

	p = parse_field(line, 16, '-', &vma->start);
	if (p)
		p = parse_field(p, 16, ' ', &vma->end);
	if (p)
		p = parse_perms(p, vma->perms);
	if (p)
		p = parse_field(p, 16, ' ', &vma->offset);
	if (p)
		p = parse_field(p, 16, ':', &major);
	if (p)
		p = parse_field(p, 16, ' ', &minor);
	if (p)
		p = parse_num(p, 10, &vma->inode);
	if (!p || (*p != ' ' && *p != '\n' && *p != '\0'))
		return -EINVAL;
	if (vma->start >= vma->end || major > UINT_MAX || minor > UINT_MAX)
		return -EINVAL;
	vma->dev_major = major;
	vma->dev_minor = minor;

	/* The path is padded to a column; it may itself contain blanks */
	while (*p == ' ')
		p++;
	len = strcspn(p, "\n");
	if (p[len] == '\n' && p[len + 1] != '\0')
		return -EINVAL;
	vma->path_truncated = len >= sizeof(vma->path);
	if (vma->path_truncated)
		len = sizeof(vma->path) - 1;
	memcpy(vma->path, p, len);
	vma->path[len] = '\0';
	return 0;
}

/*
 * pagemap_walk_vma - report the swapped entries of the VMA in ctx->vma
 *
 * A read error of EIO or a short read ends the VMA without failing: pagemap
 * returns nothing beyond the task size ([vsyscall]) or once the process has
 * exited.
 */
static int pagemap_walk_vma(struct pagemap_walk_ctx *ctx)
{
	const struct pagemap_vma *vma = &ctx->vma;
	uint64_t vaddr = vma->start;
	struct pagemap_entry pe;
	uint64_t pages;
	ssize_t got;
	size_t i;
	int ret;

	if (vma->start % ctx->page_size || vma->end % ctx->page_size)
		return -EINVAL;

	while (vaddr < vma->end) {
		pages = (vma->end - vaddr) / ctx->page_size;
		if (pages > PAGEMAP_CHUNK_ENTRIES)
			pages = PAGEMAP_CHUNK_ENTRIES;
		got = pread(ctx->fd, ctx->buf, pages * PAGEMAP_ENTRY_SIZE,
			    vaddr / ctx->page_size * PAGEMAP_ENTRY_SIZE);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 && errno == EIO)
			return 0;
		if (got < 0)
			return -errno;
		got /= PAGEMAP_ENTRY_SIZE;
		if (!got)
			return 0;

		for (i = 0; i < (size_t)got; i++, vaddr += ctx->page_size) {
			pagemap_entry_decode(ctx->buf[i], &pe);
			if (!pe.swapped)
				continue;
			ret = ctx->fn(vma, vaddr, &pe, ctx->arg);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/*
 * pagemap_walk - call fn for every swapped page of a process
 *
 * maps is the process's /proc/PID/maps (read to its end), pagemap_fd its
 * /proc/PID/pagemap; neither is closed. VMAs are walked in the order of
 * maps, pages in address order. Returns 0, a negative errno (-EINVAL for a
 * malformed maps line) or the first non-zero value returned by fn.
 */
int pagemap_walk(FILE *maps, int pagemap_fd, pagemap_walk_fn fn, void *arg)
{
	struct pagemap_walk_ctx *ctx;
	size_t line_size = 0;
	char *line = NULL;
	long page_size;
	int ret = 0;

	page_size = sysconf(_SC_PAGESIZE);
	if (page_size <= 0)
		return -EINVAL;

	ctx = malloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->fn = fn;
	ctx->arg = arg;
	ctx->page_size = page_size;
	ctx->fd = pagemap_fd;

	errno = 0;
	while (getline(&line, &line_size, maps) >= 0) {
		ret = pagemap_maps_line_parse(line, &ctx->vma);
		if (ret)
			goto free_line;
		ret = pagemap_walk_vma(ctx);
		if (ret)
			goto free_line;
		errno = 0;
	}
	if (ferror(maps))
		ret = errno ? -errno : -EIO;
	else if (errno == ENOMEM)
		ret = -ENOMEM;

free_line:
	free(line);
	free(ctx);
	return ret;
}

/* pagemap_walk_pid - pagemap_walk() on /proc/PID/maps and /proc/PID/pagemap */
int pagemap_walk_pid(pid_t pid, pagemap_walk_fn fn, void *arg)
{
	char path[64];
	FILE *maps;
	int ret;
	int fd;

	if (pid <= 0)
		return -EINVAL;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	maps = fopen(path, "re");
	if (!maps)
		return -errno;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		goto close_maps;
	}

	ret = pagemap_walk(maps, fd, fn, arg);

	close(fd);
close_maps:
	fclose(maps);
	return ret;
}
