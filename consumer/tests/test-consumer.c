/*
 * test-consumer.c - unit tests: decode -> aggregate -> render, trace.dat
 * reading, pagemap decoding
 *
 * Synthetic records are laid out as in tests/data/format-v1 (the format
 * file of the event's first version) or tests/data/format-v2 (the 7.3
 * kernel's: memcg_id for cgroup_ino, owner_pid added); SO_TEST_DATA
 * names that directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <poll.h>
#include <pty.h>

#include <cmocka.h>
#include <traceevent/event-parse.h>
#include <tracefs.h>

#include "decode.h"
#include "filter.h"
#include "interval.h"
#include "output.h"
#include "model.h"
#include "pagemap.h"
#include "plot.h"
#include "render.h"
#include "reader.h"
#include "report.h"
#include "snapmodel.h"
#include "swapowner.h"
#include "timeline.h"

#define EVENT_ID	332
#define FIXED_SIZE	68	/* end of the comms __data_loc */
#define EVENT_ID_V2	315	/* tests/data/format-v2, from the 7.3 guest */
#define FIXED_SIZE_V2	72

/* One synthetic event */
struct rec_spec {
	uint64_t	ts;
	uint64_t	memcg_id;	/* v1: cgroup_ino */
	unsigned int	nr_pages;
	unsigned int	swp_type;
	unsigned int	kind;
	unsigned int	disposition;
	unsigned int	nr_owners;
	unsigned int	flags;
	int		owner_pid;	/* v2 only */
	int		common_pid;
	unsigned int	nr_pids;
	int		pids[8];
	const char	*comms;
};

/* Where a format puts the fields that moved between v1 and v2 */
struct rec_layout {
	int		id;
	int		fixed_size;	/* end of the fixed fields */
	int		owner_pid;	/* offset, 0 if none */
	int		pids;		/* offset of the __data_loc */
	int		comms;
};

static const struct rec_layout layout_v1 = {
	.id = EVENT_ID, .fixed_size = FIXED_SIZE, .pids = 60, .comms = 64,
};

static const struct rec_layout layout_v2 = {
	.id = EVENT_ID_V2, .fixed_size = FIXED_SIZE_V2, .owner_pid = 60,
	.pids = 64, .comms = 68,
};

static char *data_path(const char *name)
{
	const char *dir = getenv("SO_TEST_DATA");
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "tests/data", name);
	return path;
}

static char *read_text(const char *path, size_t *len)
{
	char *buf;
	FILE *f;
	long n;

	f = fopen(path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, n, f), n);
	buf[n] = '\0';
	fclose(f);
	*len = n;
	return buf;
}

/* tep_from_format - a tep that knows the event from the format file */
static struct tep_handle *tep_from_format(const char *text, size_t len)
{
	struct tep_handle *tep;
	struct tep_event *ev = NULL;

	tep = tep_alloc();
	assert_non_null(tep);
	tep_set_long_size(tep, 8);
	tep_set_file_bigendian(tep, TEP_LITTLE_ENDIAN);
	tep_set_local_bigendian(tep, TEP_LITTLE_ENDIAN);
	tep_set_loglevel(TEP_LOG_NONE);
	assert_int_equal(tep_parse_format(tep, &ev, text, len, "swap"), 0);
	return tep;
}

/* tep_file - a tep from the format file name in SO_TEST_DATA */
static struct tep_handle *tep_file(const char *name)
{
	struct tep_handle *tep;
	size_t len;
	char *text;

	text = read_text(data_path(name), &len);
	tep = tep_from_format(text, len);
	free(text);
	return tep;
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

/*
 * rec_build_layout - lay out a record as the kernel does in the format
 * of l; returns its size
 */
static int rec_build_layout(uint8_t *buf, const struct rec_spec *s,
			    const struct rec_layout *l)
{
	unsigned int clen = strlen(s->comms) + 1;
	unsigned int plen = s->nr_pids * 4;
	unsigned int fixed = l->fixed_size;
	unsigned int i;

	memset(buf, 0, 512);
	buf[0] = l->id & 0xff;
	buf[1] = l->id >> 8;
	put32(buf + 4, s->common_pid);
	put64(buf + 8, 0x1000 + s->ts);		/* pfn */
	put64(buf + 16, 16384 + s->ts);		/* swp_offset */
	put64(buf + 24, s->memcg_id);
	put32(buf + 32, s->nr_pages);
	put32(buf + 36, s->swp_type);
	put32(buf + 40, s->kind);
	put32(buf + 44, s->disposition);
	put32(buf + 48, s->nr_owners);
	put32(buf + 52, s->nr_owners);		/* nr_ptes */
	put32(buf + 56, s->flags);
	if (l->owner_pid)
		put32(buf + l->owner_pid, s->owner_pid);
	put32(buf + l->pids, plen << 16 | fixed);
	put32(buf + l->comms, clen << 16 | (fixed + plen));
	for (i = 0; i < s->nr_pids; i++)
		put32(buf + fixed + 4 * i, s->pids[i]);
	memcpy(buf + fixed + plen, s->comms, clen);
	return fixed + plen + clen;
}

/* rec_build - a record in the v1 format */
static int rec_build(uint8_t *buf, const struct rec_spec *s)
{
	return rec_build_layout(buf, s, &layout_v1);
}

static const struct rec_spec specs[] = {
	{ .ts = 1000, .memcg_id = 14, .nr_pages = 1, .kind = 1,
	  .disposition = 5, .nr_owners = 1, .common_pid = 30, .nr_pids = 1,
	  .pids = { 100 }, .comms = "hog" },
	{ .ts = 2000, .memcg_id = 15, .nr_pages = 4, .swp_type = 1,
	  .kind = 1, .disposition = 2, .nr_owners = 2, .common_pid = 30,
	  .nr_pids = 2, .pids = { 100, 101 }, .comms = "hog,child" },
	{ .ts = 3000, .memcg_id = 14, .nr_pages = 1, .kind = 0,
	  .disposition = 1, .nr_owners = 0, .flags = SO_FL_UNRESOLVED,
	  .common_pid = 101, .comms = "" },
	{ .ts = 4000, .memcg_id = 14, .nr_pages = 2, .kind = 1,
	  .disposition = 9, .nr_owners = 9, .flags = SO_FL_CAPPED,
	  .common_pid = 101, .nr_pids = 1, .pids = { 101 },
	  .comms = "child" },
};

struct fixture {
	struct tep_handle	*tep;
	struct so_model		model;
	struct so_reader	reader;
};

/* setup_format - a fixture reading records of the format file name */
static int setup_format(void **state, const char *name)
{
	struct fixture *fx;

	fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	fx->tep = tep_file(name);
	so_model_init(&fx->model, 4096);
	if (so_reader_init(&fx->reader, &fx->model, fx->tep))
		return -1;
	*state = fx;
	return 0;
}

/*
 * setup - the v1 fixture, its disposition 9 named as a newer kernel
 * would: specs[3] has it, and a value its format names but this version
 * does not know is counted as other (a value neither names is corrupt)
 */
static int setup(void **state)
{
	static const char from[] = "{ 6, \"write_async\" })";
	static const char to[] = "{ 6, \"write_async\" }, { 9, \"future\" })";
	struct fixture *fx;
	size_t len;
	char *text;
	char *p;

	fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	text = read_text(data_path("format-v1"), &len);
	p = strstr(text, from);
	if (!p)
		return -1;
	text = realloc(text, len + sizeof(to));
	p = strstr(text, from);
	memmove(p + strlen(to), p + strlen(from), strlen(p + strlen(from)) + 1);
	memcpy(p, to, strlen(to));
	fx->tep = tep_from_format(text, strlen(text));
	free(text);
	so_model_init(&fx->model, 4096);
	if (so_reader_init(&fx->reader, &fx->model, fx->tep))
		return -1;
	*state = fx;
	return 0;
}

static int setup_v2(void **state)
{
	return setup_format(state, "format-v2");
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	so_model_free(&fx->model);
	tep_free(fx->tep);
	free(fx);
	return 0;
}

/* feed - one record through so_reader_record, as the readers do */
static void feed(struct fixture *fx, uint8_t *buf, int size, uint64_t ts)
{
	struct tep_record rec = { 0 };

	rec.data = buf;
	rec.size = size;
	rec.ts = ts;
	assert_int_equal(so_reader_record(&fx->reader, &rec), 0);
}

static void feed_specs(struct fixture *fx)
{
	uint8_t buf[512];
	size_t i;
	int size;

	for (i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
		size = rec_build(buf, &specs[i]);
		feed(fx, buf, size, specs[i].ts);
	}
}

static const char *fake_comm(int pid, void *arg)
{
	(void)arg;
	return pid == 30 ? "kswapd0" : NULL;
}

static void test_decoder_fields(void **state)
{
	struct fixture *fx = *state;
	struct so_decoder *dec = &fx->reader.dec;

	assert_int_equal(dec->event->id, EVENT_ID);
	assert_int_equal(dec->min_size, FIXED_SIZE);
	assert_int_equal(dec->pids->offset, 60);
	assert_int_equal(dec->comms->offset, 64);
	assert_int_equal(dec->flags->offset, 56);
	/* v1: the cgroup id is cgroup_ino, there is no owner_pid */
	assert_string_equal(dec->memcg_id->name, "cgroup_ino");
	assert_int_equal(dec->memcg_id->offset, 24);
	assert_null(dec->owner_pid);
}

/* v2: memcg_id, and owner_pid before the arrays, which moved by 4 */
static void test_decoder_fields_v2(void **state)
{
	struct fixture *fx = *state;
	struct so_decoder *dec = &fx->reader.dec;

	assert_int_equal(dec->event->id, EVENT_ID_V2);
	assert_int_equal(dec->min_size, FIXED_SIZE_V2);
	assert_string_equal(dec->memcg_id->name, "memcg_id");
	assert_int_equal(dec->memcg_id->offset, 24);
	assert_non_null(dec->owner_pid);
	assert_int_equal(dec->owner_pid->offset, 60);
	assert_int_equal(dec->pids->offset, 64);
	assert_int_equal(dec->comms->offset, 68);
	assert_int_equal(dec->flags->offset, 56);
}

/* a format with a field of another size, or missing, is refused */
static void test_decoder_bad_format(void **state)
{
	struct so_decoder dec;
	struct tep_handle *tep;
	size_t len;
	char *text;
	char *p;

	(void)state;
	text = read_text(data_path("format-v1"), &len);
	p = strstr(text, "unsigned int nr_pages;\toffset:32;\tsize:4;");
	assert_non_null(p);
	p[strlen("unsigned int nr_pages;\toffset:32;\tsize:")] = '2';
	tep = tep_from_format(text, len);
	assert_int_equal(so_decoder_init(&dec, tep), SO_DECODE_BAD_FORMAT);
	tep_free(tep);
	free(text);

	text = read_text(data_path("format-v1"), &len);
	p = strstr(text, "char[] comms;");
	assert_non_null(p);
	memcpy(p, "char[] commz;", strlen("char[] commz;"));
	p = strstr(text, "__get_str(comms)");
	assert_non_null(p);
	memcpy(p, "__get_str(commz)", strlen("__get_str(commz)"));
	tep = tep_from_format(text, strlen(text));
	assert_int_equal(so_decoder_init(&dec, tep), SO_DECODE_BAD_FORMAT);
	tep_free(tep);
	free(text);

	tep = tep_alloc();
	assert_int_equal(so_decoder_init(&dec, tep), SO_DECODE_NO_EVENT);
	tep_free(tep);
}

/*
 * bad_format_v2 - format-v2 with from replaced by to (the same length)
 * must be refused
 */
static void bad_format_v2(const char *from, const char *to)
{
	struct so_decoder dec;
	struct tep_handle *tep;
	size_t len;
	char *text;
	char *p;

	assert_int_equal(strlen(from), strlen(to));
	text = read_text(data_path("format-v2"), &len);
	while ((p = strstr(text, from)))
		memcpy(p, to, strlen(to));
	tep = tep_from_format(text, strlen(text));
	assert_int_equal(so_decoder_init(&dec, tep), SO_DECODE_BAD_FORMAT);
	tep_free(tep);
	free(text);
}

/*
 * v2: owner_pid of another size, memcg_id of another size (no fall back
 * to a cgroup_ino that is not there), neither memcg_id nor cgroup_ino
 */
static void test_decoder_bad_format_v2(void **state)
{
	(void)state;
	bad_format_v2("int owner_pid;\toffset:60;\tsize:4;",
		      "int owner_pid;\toffset:60;\tsize:2;");
	bad_format_v2("long memcg_id;\toffset:24;\tsize:8;",
		      "long memcg_id;\toffset:24;\tsize:4;");
	bad_format_v2("memcg_id", "memcg_ix");
}

/* event_check - every field so_decode() fills in got is want's */
static void event_check(const struct so_event *got,
			const struct so_event *want)
{
	unsigned int i;

	assert_int_equal(got->common_pid, want->common_pid);
	assert_int_equal(got->pfn, want->pfn);
	assert_int_equal(got->swp_offset, want->swp_offset);
	assert_true(got->memcg_id == want->memcg_id);
	assert_int_equal(got->nr_pages, want->nr_pages);
	assert_int_equal(got->swp_type, want->swp_type);
	assert_int_equal(got->kind, want->kind);
	assert_int_equal(got->disposition, want->disposition);
	assert_int_equal(got->nr_owners, want->nr_owners);
	assert_int_equal(got->nr_ptes, want->nr_ptes);
	assert_int_equal(got->flags, want->flags);
	assert_int_equal(got->owner_pid, want->owner_pid);
	assert_int_equal(got->nr_pids, want->nr_pids);
	assert_int_equal(got->nr_comms, want->nr_comms);
	for (i = 0; i < want->nr_pids; i++)
		assert_int_equal(got->pids[i], want->pids[i]);
	for (i = 0; i < want->nr_comms; i++)
		assert_string_equal(got->comms[i], want->comms[i]);
}

static void test_decode_fields(void **state)
{
	/* v1 has no owner_pid: the first pid, as v2 would record it */
	static const struct so_event want = {
		.common_pid = 30, .pfn = 0x1000 + 2000,
		.swp_offset = 16384 + 2000, .memcg_id = 15, .nr_pages = 4,
		.swp_type = 1, .kind = 1, .disposition = 2, .nr_owners = 2,
		.nr_ptes = 2, .owner_pid = 100, .nr_pids = 2, .nr_comms = 2,
		.pids = { 100, 101 }, .comms = { "hog", "child" },
	};
	struct fixture *fx = *state;
	struct so_event ev;
	uint8_t buf[512];
	int size;

	size = rec_build(buf, &specs[1]);
	assert_int_equal(size, FIXED_SIZE + 8 + 10);
	assert_int_equal(so_decode(&fx->reader.dec, buf, size, &ev), 0);
	event_check(&ev, &want);

	size = rec_build(buf, &specs[2]);
	assert_int_equal(so_decode(&fx->reader.dec, buf, size, &ev), 0);
	assert_int_equal(ev.nr_pids, 0);
	assert_int_equal(ev.owner_pid, 0);
	assert_int_equal(ev.flags, SO_FL_UNRESOLVED);
}

/* v2 records: the new fields, dispositions and flags */
static const struct rec_spec specs_v2[] = {
	{ .ts = 1000, .memcg_id = 20, .nr_pages = 1, .kind = SO_KIND_ANON,
	  .disposition = SO_DISP_CLEAN, .nr_owners = 1, .owner_pid = 200,
	  .common_pid = 30, .nr_pids = 1, .pids = { 200 }, .comms = "web" },
	{ .ts = 2000, .memcg_id = 20, .nr_pages = 4, .kind = SO_KIND_ANON,
	  .disposition = SO_DISP_ARCH_FAIL, .nr_owners = 1, .owner_pid = 200,
	  .common_pid = 30, .nr_pids = 1, .pids = { 200 }, .comms = "web" },
	{ .ts = 3000, .memcg_id = 0x123456789aULL, .nr_pages = 2,
	  .kind = SO_KIND_ANON, .disposition = SO_DISP_ACTIVATE,
	  .nr_owners = 2, .flags = SO_FL_SHARED_MM, .owner_pid = 200,
	  .common_pid = 201, .nr_pids = 2, .pids = { 200, 201 },
	  .comms = "web,db" },
	{ .ts = 4000, .memcg_id = 0x123456789aULL, .nr_pages = 8,
	  .kind = SO_KIND_SHMEM, .disposition = SO_DISP_WRITE_ASYNC,
	  .nr_owners = 3, .flags = SO_FL_UNNAMED, .common_pid = 30,
	  .comms = "" },
};

#define NR_SPECS_V2	(sizeof(specs_v2) / sizeof(specs_v2[0]))

static void feed_specs_v2(struct fixture *fx)
{
	uint8_t buf[512];
	size_t i;
	int size;

	for (i = 0; i < NR_SPECS_V2; i++) {
		size = rec_build_layout(buf, &specs_v2[i], &layout_v2);
		feed(fx, buf, size, specs_v2[i].ts);
	}
}

static void test_decode_v2(void **state)
{
	struct fixture *fx = *state;
	struct rec_spec s = specs_v2[2];
	struct so_event want;
	struct so_event ev;
	uint8_t buf[512];
	int size;

	size = rec_build_layout(buf, &s, &layout_v2);
	assert_int_equal(size, FIXED_SIZE_V2 + 8 + 7);
	assert_int_equal(so_decode(&fx->reader.dec, buf, size, &ev), 0);
	want = (struct so_event){
		.common_pid = 201, .pfn = 0x1000 + 3000,
		.swp_offset = 16384 + 3000, .memcg_id = 0x123456789aULL,
		.nr_pages = 2, .swp_type = s.swp_type, .kind = s.kind,
		.disposition = SO_DISP_ACTIVATE, .nr_owners = 2, .nr_ptes = 2,
		.flags = SO_FL_SHARED_MM, .owner_pid = 200, .nr_pids = 2,
		.nr_comms = 2, .pids = { 200, 201 }, .comms = { "web", "db" },
	};
	event_check(&ev, &want);

	/* the new dispositions and flags */
	s = specs_v2[0];
	s.flags = SO_FL_UNNAMED | SO_FL_SHARED_MM | SO_FL_POTENTIAL;
	size = rec_build_layout(buf, &s, &layout_v2);
	assert_int_equal(so_decode(&fx->reader.dec, buf, size, &ev), 0);
	assert_int_equal(ev.disposition, SO_DISP_CLEAN);
	assert_int_equal(ev.disposition, 7);
	assert_int_equal(ev.flags, 0xd0);
	assert_int_equal(ev.owner_pid, 200);
	assert_int_equal(ev.memcg_id, 20);

	size = rec_build_layout(buf, &specs_v2[1], &layout_v2);
	assert_int_equal(so_decode(&fx->reader.dec, buf, size, &ev), 0);
	assert_int_equal(ev.disposition, SO_DISP_ARCH_FAIL);
	assert_int_equal(ev.disposition, 8);
	assert_int_equal(ev.owner_pid, 200);

	/* no owner named: owner_pid 0, no pids */
	size = rec_build_layout(buf, &specs_v2[3], &layout_v2);
	assert_int_equal(so_decode(&fx->reader.dec, buf, size, &ev), 0);
	assert_int_equal(ev.flags, SO_FL_UNNAMED);
	assert_int_equal(ev.owner_pid, 0);
	assert_int_equal(ev.nr_pids, 0);
	assert_int_equal(ev.nr_owners, 3);
}

/* v2 records cut to the v1 size or with arrays in the fixed fields */
static void test_decode_v2_malformed(void **state)
{
	struct fixture *fx = *state;
	uint8_t buf[512];
	int size;

	/* shorter than the fixed fields (the end of comms' __data_loc) */
	size = rec_build_layout(buf, &specs_v2[3], &layout_v2);
	feed(fx, buf, FIXED_SIZE_V2 - 1, 1);
	/* comms where v1 ended its fixed fields: inside v2's */
	size = rec_build_layout(buf, &specs_v2[0], &layout_v2);
	put32(buf + 68, 4 << 16 | FIXED_SIZE);
	feed(fx, buf, size, 2);
	/* pids on top of owner_pid */
	size = rec_build_layout(buf, &specs_v2[0], &layout_v2);
	put32(buf + 64, 4 << 16 | 60);
	feed(fx, buf, size, 3);
	/* a v1 record read as v2: its pid 100 is taken for the comms loc */
	size = rec_build(buf, &specs[0]);
	buf[0] = EVENT_ID_V2 & 0xff;
	buf[1] = EVENT_ID_V2 >> 8;
	feed(fx, buf, size, 4);
	assert_int_equal(fx->model.totals.corrupt, 4);
	assert_int_equal(fx->model.totals.events, 0);
}

/*
 * Records no kernel writes (what a damaged trace.dat holds, its record
 * headers intact): a folio of 3 pages, a pid 0 or negative, an owner not
 * listed with no flag saying why, a disposition or kind that neither
 * this version nor the format names, and in v2 an owner_pid that is not
 * pids[0] or comms with a piece per pid too many or too few. Each is
 * corrupt; the same record made right decodes.
 */
/* decode_v2 - so_decode() of the v2 record s */
static int decode_v2(struct fixture *fx, const struct rec_spec *s)
{
	struct so_event ev;
	uint8_t buf[512];
	int size;

	size = rec_build_layout(buf, s, &layout_v2);
	return so_decode(&fx->reader.dec, buf, size, &ev);
}

static void test_decode_implausible(void **state)
{
	struct fixture *fx = *state;
	struct rec_spec s;

	s = specs_v2[2];
	assert_int_equal(decode_v2(fx, &s), 0);
	s.nr_pages = 3;
	assert_int_equal(decode_v2(fx, &s), -EBADMSG);
	s = specs_v2[2];
	s.pids[1] = 0;
	assert_int_equal(decode_v2(fx, &s), -EBADMSG);
	s.pids[1] = -201;
	assert_int_equal(decode_v2(fx, &s), -EBADMSG);
	s = specs_v2[2];
	s.owner_pid = 201;
	assert_int_equal(decode_v2(fx, &s), -EBADMSG);
	s = specs_v2[2];
	s.comms = "web,db,x";
	assert_int_equal(decode_v2(fx, &s), -EBADMSG);
	s.comms = "web_db";
	assert_int_equal(decode_v2(fx, &s), -EBADMSG);
	/* an owner not listed, and no flag to say why */
	s = specs_v2[0];
	s.nr_owners = 3;
	assert_int_equal(decode_v2(fx, &s), -EBADMSG);
	s.flags |= SO_FL_CAPPED;
	assert_int_equal(decode_v2(fx, &s), 0);
	/* a disposition and a kind neither this version nor the format names */
	s = specs_v2[0];
	s.disposition = 9;
	assert_int_equal(decode_v2(fx, &s), -EBADMSG);
	s = specs_v2[0];
	s.kind = 4;
	assert_int_equal(decode_v2(fx, &s), -EBADMSG);
	/* no pids: owner_pid 0 and no comms, or it is corrupt */
	s = specs_v2[3];
	assert_int_equal(decode_v2(fx, &s), 0);
	s.owner_pid = 5;
	assert_int_equal(decode_v2(fx, &s), -EBADMSG);
	s = specs_v2[3];
	s.comms = "x";
	assert_int_equal(decode_v2(fx, &s), -EBADMSG);
}

/*
 * The names we print for the dispositions and flags are the kernel's:
 * libtraceevent prints a v2 record with each value through the print fmt
 * of format-v2, and its text must hold our name.
 */
static void test_names(void **state)
{
	struct fixture *fx = *state;
	struct rec_spec s = specs_v2[0];
	struct tep_record rec = { 0 };
	struct trace_seq seq;
	unsigned int i;
	uint8_t buf[512];
	char want[64];

	assert_int_equal(SO_DISP_NR, 9);
	assert_string_equal(so_disp_names[SO_DISP_CLEAN], "clean");
	assert_string_equal(so_disp_names[SO_DISP_ARCH_FAIL], "arch_fail");
	assert_int_equal(SO_FL_NR, 8);
	assert_int_equal(SO_FL_UNNAMED, 1 << 6);
	assert_int_equal(SO_FL_SHARED_MM, 1 << 7);
	assert_string_equal(so_flag_names[6], "unnamed");
	assert_string_equal(so_flag_names[7], "shared_mm");
	assert_int_equal(SO_FL_PARTIAL & (SO_FL_UNNAMED | SO_FL_SHARED_MM),
			 SO_FL_UNNAMED | SO_FL_SHARED_MM);
	assert_false(SO_FL_PARTIAL & SO_FL_UNRESOLVED);

	rec.data = buf;
	for (i = 0; i < SO_DISP_NR + SO_FL_NR; i++) {
		s.disposition = i < SO_DISP_NR ? i : 0;
		s.flags = i < SO_DISP_NR ? 0 : 1u << (i - SO_DISP_NR);
		rec.size = rec_build_layout(buf, &s, &layout_v2);
		trace_seq_init(&seq);
		tep_print_event(fx->tep, &seq, &rec, "%s", TEP_PRINT_INFO);
		trace_seq_terminate(&seq);
		if (i < SO_DISP_NR)
			snprintf(want, sizeof(want), " disposition=%s ",
				 so_disp_names[i]);
		else
			snprintf(want, sizeof(want), " flags=%s ",
				 so_flag_names[i - SO_DISP_NR]);
		if (!strstr(seq.buffer, want))
			fail_msg("'%s' not in '%s'", want, seq.buffer);
		assert_non_null(strstr(seq.buffer,
				       " memcg_id=20 nr_owners=1 "));
		assert_non_null(strstr(seq.buffer, " owner_pid=200 "));
		trace_seq_destroy(&seq);
	}
}

/* a comma inside a comm: the comms cannot be matched, pids still are */
static void test_decode_comma_comm(void **state)
{
	struct fixture *fx = *state;
	struct rec_spec s = specs[1];
	struct so_event ev;
	uint8_t buf[512];
	int size;

	s.comms = "a,b,c";
	size = rec_build(buf, &s);
	assert_int_equal(so_decode(&fx->reader.dec, buf, size, &ev), 0);
	assert_int_equal(ev.nr_pids, 2);
	assert_int_equal(ev.nr_comms, 0);
}

/*
 * A malformed v1 record: specs[spec] with the 32-bit word at off set to
 * val (off 0: none), fed as len bytes (0: all, < 0: that many fewer)
 */
struct malformed {
	const char	*what;
	size_t		spec;
	int		off;
	uint32_t	val;
	int		len;
};

/* specs[1]: two pids (8 bytes) and "hog,child" (10 bytes) */
#define SPEC1_SIZE	(FIXED_SIZE + 8 + 10)

static const struct malformed malformed[] = {
	{ "pids array runs past the end", 1, 60, 8 << 16 | (SPEC1_SIZE - 4), 0 },
	{ "comms offset past the end", 1, 64, 1 << 16 | SPEC1_SIZE, 0 },
	{ "comms offset inside the fixed fields", 1, 64, 4 << 16 | 8, 0 },
	{ "pids length not a multiple of 4", 1, 60, 7 << 16 | FIXED_SIZE, 0 },
	{ "more pids than owners", 1, 48, 1, 0 },
	{ "shorter than the fixed fields", 0, 0, 0, FIXED_SIZE - 1 },
	{ "no pages", 0, 32, 0, 0 },
	{ "truncated by one byte: the comms string is cut", 0, 0, 0, -1 },
};

/* malformed records are refused, counted once each, and change nothing */
static void test_decode_malformed(void **state)
{
	const struct malformed *c;
	struct fixture *fx = *state;
	struct so_event ev;
	uint8_t buf[512];
	int size;
	size_t i;

	assert_int_equal(rec_build(buf, &specs[1]), SPEC1_SIZE);
	for (i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		c = &malformed[i];
		size = rec_build(buf, &specs[c->spec]);
		if (c->off)
			put32(buf + c->off, c->val);
		size = c->len > 0 ? c->len : size + c->len;
		if (so_decode(&fx->reader.dec, buf, size, &ev) != -EBADMSG)
			fail_msg("%s: not refused", c->what);
		feed(fx, buf, size, i + 1);
		assert_int_equal(fx->model.totals.corrupt, i + 1);
	}
	assert_int_equal(fx->model.totals.events, 0);
	assert_int_equal(fx->model.procs.nr, 0);

	/* a record of another event is ignored, not counted */
	size = rec_build(buf, &specs[0]);
	buf[0] = 1;
	feed(fx, buf, size, 9);
	assert_int_equal(fx->model.totals.corrupt, i);
	assert_int_equal(fx->model.totals.events, 0);
}

static struct so_proc *find_proc(struct so_model *m, int tgid)
{
	struct so_proc *p;
	size_t i;

	for (i = 0; i < m->procs.nr; i++) {
		p = so_table_at(&m->procs, i);
		if (p->tgid == tgid)
			return p;
	}
	return NULL;
}

static void test_aggregate(void **state)
{
	struct fixture *fx = *state;
	struct so_totals *t = &fx->model.totals;
	struct so_proc *p;

	feed_specs(fx);
	assert_int_equal(t->events, 4);
	assert_int_equal(t->pages, 8);
	assert_int_equal(t->shared_folios, 2);
	assert_int_equal(t->unresolved, 1);
	assert_int_equal(t->partial, 1);
	assert_int_equal(t->capped_owners, 8);
	assert_int_equal(t->disp[SO_DISP_WRITE_SYNC], 1);
	assert_int_equal(t->disp[SO_DISP_ZSWAP], 4);
	assert_int_equal(t->disp[SO_DISP_ZERO], 1);
	assert_int_equal(t->disp[SO_DISP_OTHER], 2);
	assert_int_equal(t->kind[SO_KIND_ANON], 3);
	assert_int_equal(t->first_ts, 1000);
	assert_int_equal(t->last_ts, 4000);
	assert_int_equal(fx->model.procs.nr, 2);

	p = find_proc(&fx->model, 100);
	assert_non_null(p);
	assert_string_equal(p->comm, "hog");
	assert_int_equal(p->folios, 2);
	assert_int_equal(p->pages, 5);
	assert_int_equal(p->shared_pages, 4);
	assert_int_equal(p->first_ts, 1000);
	assert_int_equal(p->last_ts, 2000);

	p = find_proc(&fx->model, 101);
	assert_non_null(p);
	assert_string_equal(p->comm, "child");
	assert_int_equal(p->folios, 2);
	assert_int_equal(p->pages, 6);
	assert_int_equal(p->shared_pages, 6);
	assert_int_equal(p->disp[SO_DISP_OTHER], 2);
	assert_int_equal(p->first_ts, 2000);
	assert_int_equal(p->last_ts, 4000);

	assert_int_equal(fx->model.blamed.nr, 2);
	assert_int_equal(fx->model.cgroups.nr, 2);
	assert_int_equal(fx->model.swaptypes.nr, 2);
}

static const char *const render_src[] = { "t.dat" };

/* forward: defined with the JSON and CSV tests */
static char *render(struct so_model *m, enum so_format format, int top);
static char *fake_cgroup(uint64_t id, void *arg);

/*
 * v2: clean is a departure like zero/zswap/write_*, arch_fail stays in
 * memory like activate; unnamed and shared_mm make the owners partial
 */
static void test_aggregate_v2(void **state)
{
	struct fixture *fx = *state;
	struct so_totals *t = &fx->model.totals;
	struct so_proc *p;
	char *out;

	feed_specs_v2(fx);
	assert_int_equal(t->events, 4);
	assert_int_equal(t->pages, 15);
	assert_int_equal(t->disp[SO_DISP_CLEAN], 1);
	assert_int_equal(t->disp[SO_DISP_ARCH_FAIL], 4);
	assert_int_equal(t->disp[SO_DISP_ACTIVATE], 2);
	assert_int_equal(t->disp[SO_DISP_WRITE_ASYNC], 8);
	assert_int_equal(t->disp[SO_DISP_OTHER], 0);
	assert_int_equal(t->flag[6], 1);		/* unnamed */
	assert_int_equal(t->flag[7], 1);		/* shared_mm */
	assert_int_equal(t->partial, 2);
	assert_int_equal(t->unresolved, 0);
	assert_int_equal(t->capped_owners, 3);		/* unnamed: 3 owners */
	assert_int_equal(t->shared_folios, 2);
	assert_int_equal(t->kind[SO_KIND_SHMEM], 1);
	assert_int_equal(fx->model.procs.nr, 2);
	assert_int_equal(fx->model.cgroups.nr, 2);

	p = find_proc(&fx->model, 200);
	assert_non_null(p);
	assert_string_equal(p->comm, "web");
	assert_int_equal(p->folios, 3);
	assert_int_equal(p->pages, 7);
	assert_int_equal(p->disp[SO_DISP_CLEAN], 1);
	assert_int_equal(p->disp[SO_DISP_ARCH_FAIL], 4);
	assert_int_equal(p->disp[SO_DISP_ACTIVATE], 2);

	/* the table: clean beside zero, arch_fail kept with activated */
	so_model_name_cgroups(&fx->model, fake_cgroup, NULL);
	out = render(&fx->model, SO_FMT_TABLE, 0);
	assert_non_null(strstr(out, "4 folios, 15 pages (60 KiB) swapped out "
				    "between 0.000001 and 0.000004 s\n"
				    "  pages: written 8  zswap 0  zero 0  "
				    "clean 1  stale 0  kept 6 (activated 2, "
				    "arch_fail 4)\n"));
	assert_non_null(strstr(out, "partial owners: 2  shared folios: 2\n"));
	assert_non_null(strstr(out,
		"    TGID COMM               FOLIOS    PAGES        KIB   "
		"SHARED  WRITTEN    ZSWAP     ZERO    CLEAN    STALE     KEPT"
		"      FIRST_S       LAST_S\n"
		"     200 web                     3        7         28        "
		"2        0        0        0        1        0        6"
		"     0.000001     0.000003\n"
		"     201 db                      1        2          8        "
		"2        0        0        0        0        0        2"
		"     0.000003     0.000003\n"));
	assert_non_null(strstr(out, "\nCGROUPS\n    MEMCG_ID   FOLIOS    PAGES"
				    "  PATH\n"
				    "          20        2        5  -\n"
				    " 78187493530        2       10  -\n"));
	free(out);

	out = render(&fx->model, SO_FMT_JSON, 0);
	assert_non_null(strstr(out,
		"    \"pages_by_disposition\": {\"stale\": 0, \"zero\": 0, "
		"\"zswap\": 0, \"activate\": 2, \"write_fs\": 0, "
		"\"write_sync\": 0, \"write_async\": 8, \"clean\": 1, "
		"\"arch_fail\": 4, \"other\": 0},\n"));
	assert_non_null(strstr(out,
		"    \"events_by_flag\": {\"unresolved\": 0, \"capped\": 0, "
		"\"contended\": 0, \"exiting\": 0, \"potential\": 0, "
		"\"incomplete\": 0, \"unnamed\": 1, \"shared_mm\": 1}\n"));
	assert_non_null(strstr(out, "    \"partial_events\": 2,\n"));
	assert_non_null(strstr(out,
		"    {\"memcg_id\": 20, \"ino\": 20, \"path\": null, "
		"\"folios\": 2, \"pages\": 5},\n"
		"    {\"memcg_id\": 78187493530, \"ino\": 78187493530, "
		"\"path\": null, \"folios\": 2, \"pages\": 10}\n"));
	free(out);

	out = render(&fx->model, SO_FMT_CSV, 0);
	assert_string_equal(out,
		"tgid,comm,folios,pages,bytes,shared_pages,stale,zero,zswap,"
		"activate,write_fs,write_sync,write_async,clean,arch_fail,"
		"other,first_ts_ns,last_ts_ns,input_errors\n"
		"200,web,3,7,28672,2,0,0,0,2,0,0,0,1,4,0,1000,3000,0\n"
		"201,db,1,2,8192,2,0,0,0,2,0,0,0,0,0,0,3000,3000,0\n");
	free(out);
}

/* report of a v1 and a v2 trace: both readers add to one model */
static void test_mixed_versions(void **state)
{
	struct fixture *fx = *state;
	struct tep_record rec = { 0 };
	struct tep_handle *tep2;
	struct so_reader r2;
	uint8_t buf[512];
	size_t i;

	feed_specs(fx);
	tep2 = tep_file("format-v2");
	assert_int_equal(so_reader_init(&r2, &fx->model, tep2), 0);
	for (i = 0; i < NR_SPECS_V2; i++) {
		rec.data = buf;
		rec.size = rec_build_layout(buf, &specs_v2[i], &layout_v2);
		rec.ts = specs_v2[i].ts + 10000;
		assert_int_equal(so_reader_record(&r2, &rec), 0);
	}
	/* a v1 record is not one of v2's events (another id): ignored */
	rec.size = rec_build(buf, &specs[0]);
	assert_int_equal(so_reader_record(&r2, &rec), 0);
	tep_free(tep2);

	assert_int_equal(fx->model.totals.events, 8);
	assert_int_equal(fx->model.totals.pages, 8 + 15);
	assert_int_equal(fx->model.totals.corrupt, 0);
	assert_int_equal(fx->model.totals.disp[SO_DISP_OTHER], 2);
	assert_int_equal(fx->model.totals.disp[SO_DISP_CLEAN], 1);
	assert_int_equal(fx->model.procs.nr, 4);
	assert_int_equal(fx->model.cgroups.nr, 4);
	assert_int_equal(fx->model.totals.first_ts, 1000);
	assert_int_equal(fx->model.totals.last_ts, 14000);
}

/* render_opts - the model rendered with ro into a string; free() it */
static char *render_opts(struct so_model *m, const struct so_render_opts *ro)
{
	size_t size;
	char *out;
	FILE *f;

	f = open_memstream(&out, &size);
	assert_non_null(f);
	so_render(f, m, ro);
	fclose(f);
	return out;
}

/* render - the model rendered into a string; free with free() */
static char *render(struct so_model *m, enum so_format format, int top)
{
	struct so_render_opts ro = {
		.sources = render_src,
		.nr_sources = 1,
		.format = format,
		.top = top,
	};

	return render_opts(m, &ro);
}

static const char expected_json[] =
"{\n"
"  \"version\": 1,\n"
"  \"sources\": [\"t.dat\"],\n"
"  \"page_size\": 4096,\n"
"  \"totals\": {\n"
"    \"folios\": 4,\n"
"    \"pages\": 8,\n"
"    \"bytes\": 32768,\n"
"    \"shared_folios\": 2,\n"
"    \"unresolved_events\": 1,\n"
"    \"partial_events\": 1,\n"
"    \"unlisted_owners\": 8,\n"
"    \"corrupt_records\": 1,\n"
"    \"lost_events\": 5,\n"
"    \"lost_unknown\": 1,\n"
"    \"input_errors\": 0,\n"
"    \"first_ts_ns\": 1000,\n"
"    \"last_ts_ns\": 4000,\n"
"    \"pages_by_disposition\": {\"stale\": 0, \"zero\": 1, \"zswap\": 4, "
"\"activate\": 0, \"write_fs\": 0, \"write_sync\": 1, \"write_async\": 0, "
"\"clean\": 0, \"arch_fail\": 0, \"other\": 2},\n"
"    \"folios_by_kind\": {\"unknown\": 1, \"anon\": 3, \"shmem\": 0, "
"\"ksm\": 0, \"other\": 0},\n"
"    \"events_by_flag\": {\"unresolved\": 1, \"capped\": 1, "
"\"contended\": 0, \"exiting\": 0, \"potential\": 0, \"incomplete\": 0, "
"\"unnamed\": 0, \"shared_mm\": 0}\n"
"  },\n"
"  \"processes\": [\n"
"    {\"tgid\": 101, \"comm\": \"child\", \"folios\": 2, \"pages\": 6, "
"\"bytes\": 24576, \"shared_pages\": 6, \"first_ts_ns\": 2000, "
"\"last_ts_ns\": 4000, \"pages_by_disposition\": {\"stale\": 0, "
"\"zero\": 0, \"zswap\": 4, \"activate\": 0, \"write_fs\": 0, "
"\"write_sync\": 0, \"write_async\": 0, \"clean\": 0, \"arch_fail\": 0, "
"\"other\": 2}},\n"
"    {\"tgid\": 100, \"comm\": \"hog\", \"folios\": 2, \"pages\": 5, "
"\"bytes\": 20480, \"shared_pages\": 4, \"first_ts_ns\": 1000, "
"\"last_ts_ns\": 2000, \"pages_by_disposition\": {\"stale\": 0, "
"\"zero\": 0, \"zswap\": 4, \"activate\": 0, \"write_fs\": 0, "
"\"write_sync\": 1, \"write_async\": 0, \"clean\": 0, \"arch_fail\": 0, "
"\"other\": 0}}\n"
"  ],\n"
"  \"blamed\": [\n"
"    {\"pid\": 30, \"comm\": \"kswapd0\", \"folios\": 2, \"pages\": 5, "
"\"own_folios\": 0},\n"
"    {\"pid\": 101, \"comm\": \"\", \"folios\": 2, \"pages\": 3, "
"\"own_folios\": 1}\n"
"  ],\n"
"  \"cgroups\": [\n"
"    {\"memcg_id\": 14, \"ino\": 14, \"path\": null, \"folios\": 3, "
"\"pages\": 4},\n"
"    {\"memcg_id\": 15, \"ino\": 15, \"path\": \"/a\\\"b\", \"folios\": 1, "
"\"pages\": 4}\n"
"  ],\n"
"  \"swap_types\": [\n"
"    {\"type\": 0, \"folios\": 3, \"pages\": 4},\n"
"    {\"type\": 1, \"folios\": 1, \"pages\": 4}\n"
"  ]\n"
"}\n";

static char *fake_cgroup(uint64_t id, void *arg)
{
	(void)arg;
	return id == 15 ? strdup("/a\"b") : NULL;
}

static void test_render_json(void **state)
{
	struct fixture *fx = *state;
	uint8_t buf[512];
	char *out;
	int size;

	feed_specs(fx);
	size = rec_build(buf, &specs[0]);
	feed(fx, buf, size - 2, 5000);		/* one corrupt */
	so_model_add_lost(&fx->model, 5);
	so_model_add_lost(&fx->model, -1);
	so_model_name_blamed(&fx->model, fake_comm, NULL);
	so_model_name_cgroups(&fx->model, fake_cgroup, NULL);
	out = render(&fx->model, SO_FMT_JSON, 0);
	assert_string_equal(out, expected_json);
	free(out);
}

static void test_render_csv(void **state)
{
	struct fixture *fx = *state;
	struct rec_spec s = specs[0];
	uint8_t buf[512];
	char *out;
	int size;

	feed_specs(fx);
	s.pids[0] = 7;
	s.comms = "a\"b";		/* a quote; a comma cannot be told apart */
	size = rec_build(buf, &s);
	feed(fx, buf, size, 500);
	out = render(&fx->model, SO_FMT_CSV, 0);
	assert_string_equal(out,
		"tgid,comm,folios,pages,bytes,shared_pages,stale,zero,zswap,"
		"activate,write_fs,write_sync,write_async,clean,arch_fail,"
		"other,first_ts_ns,last_ts_ns,input_errors\n"
		"101,child,2,6,24576,6,0,0,4,0,0,0,0,0,0,2,2000,4000,0\n"
		"100,hog,2,5,20480,4,0,0,4,0,0,1,0,0,0,0,1000,2000,0\n"
		"7,\"a\"\"b\",1,1,4096,0,0,0,0,0,0,1,0,0,0,0,500,500,0\n");
	free(out);

	out = render(&fx->model, SO_FMT_CSV, 1);
	assert_non_null(strstr(out, "\n101,child,"));
	assert_null(strstr(out, "\n100,"));
	free(out);
}

static void test_render_table(void **state)
{
	struct fixture *fx = *state;
	char *out;

	feed_specs(fx);
	out = render(&fx->model, SO_FMT_TABLE, 1);
	assert_non_null(strstr(out, "4 folios, 8 pages (32 KiB) swapped out "
				    "between 0.000001 and 0.000004 s\n"));
	assert_non_null(strstr(out, "PROCESSES (1 of 2, "));
	assert_non_null(strstr(out, "     101 child                   2        6"));
	assert_null(strstr(out, "     100 hog"));
	free(out);
}

/* write_tmp - a temporary file holding len bytes of data */
static char *write_tmp(const void *data, size_t len)
{
	static char path[64];
	int fd;

	strcpy(path, "/tmp/swapowner-test-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

static void test_report_bad_input(void **state)
{
	static const char text[] = "this is a text file\nnot a trace\n";
	struct so_model m;
	uint8_t rnd[8192];
	char *dat;
	char *path;
	size_t len;
	size_t i;

	(void)state;
	so_model_init(&m, 0);
	assert_int_equal(so_report_file(&m, "/nonexistent/x.dat", false),
			 SO_EXIT_BAD_INPUT);

	path = write_tmp("", 0);
	assert_int_equal(so_report_file(&m, path, false), SO_EXIT_BAD_INPUT);
	unlink(path);

	path = write_tmp(text, sizeof(text) - 1);
	assert_int_equal(so_report_file(&m, path, false), SO_EXIT_BAD_INPUT);
	unlink(path);

	srand(1);
	for (i = 0; i < sizeof(rnd); i++)
		rnd[i] = rand();
	path = write_tmp(rnd, sizeof(rnd));
	assert_int_equal(so_report_file(&m, path, false), SO_EXIT_BAD_INPUT);
	unlink(path);

	/* the header of a real trace.dat, cut before the event formats */
	dat = read_text(data_path("fx.dat"), &len);
	path = write_tmp(dat, 512);
	assert_int_equal(so_report_file(&m, path, false), SO_EXIT_BAD_INPUT);
	unlink(path);
	free(dat);

	assert_int_equal(m.totals.events, 0);
	so_model_free(&m);
}

/* a v2 trace.dat (tests/mkdat.py) through libtracecmd, in the child */
static void test_report_file_v2(void **state)
{
	struct so_model m;
	struct so_proc *p;

	(void)state;
	so_model_init(&m, 0);
	assert_int_equal(so_report_file(&m, data_path("fx-v2.dat"), false), 0);
	assert_int_equal(m.page_size, 4096);
	assert_int_equal(m.totals.events, 12);
	assert_int_equal(m.totals.pages, 27);
	assert_int_equal(m.totals.corrupt, 0);
	assert_int_equal(m.totals.disp[SO_DISP_CLEAN], 9);
	assert_int_equal(m.totals.disp[SO_DISP_ARCH_FAIL], 2);
	assert_int_equal(m.totals.disp[SO_DISP_ACTIVATE], 1);
	assert_int_equal(m.totals.flag[6], 1);		/* unnamed */
	assert_int_equal(m.totals.flag[7], 1);		/* shared_mm */
	assert_int_equal(m.totals.partial, 4);
	assert_int_equal(m.totals.first_ts, 1000000);
	assert_int_equal(m.totals.last_ts, 12000000);
	p = find_proc(&m, 200);
	assert_non_null(p);
	assert_string_equal(p->comm, "web");
	assert_int_equal(p->pages, 16);
	assert_int_equal(p->disp[SO_DISP_CLEAN], 9);
	so_model_free(&m);
}

static void test_pagemap_decode(void **state)
{
	struct pagemap_entry pe;
	struct pagemap_vma vma;

	(void)state;
	/* swapped: type 3, offset 0x12345, exclusive */
	pagemap_entry_decode(PAGEMAP_SWAPPED | PAGEMAP_EXCLUSIVE |
			     (0x12345ULL << PAGEMAP_SWP_TYPE_BITS) | 3, &pe);
	assert_true(pe.swapped);
	assert_false(pe.present);
	assert_true(pe.exclusive);
	assert_int_equal(pe.swp_type, 3);
	assert_int_equal(pe.swp_offset, 0x12345);
	pagemap_entry_decode(PAGEMAP_PRESENT | 0xabc, &pe);
	assert_true(pe.present);
	assert_false(pe.swapped);
	assert_int_equal(pe.pfn, 0xabc);

	assert_int_equal(pagemap_maps_line_parse(
		"7f00-7f80 rw-p 00001000 08:01 1234   /lib/a b\n", &vma), 0);
	assert_int_equal(vma.start, 0x7f00);
	assert_int_equal(vma.end, 0x7f80);
	assert_string_equal(vma.path, "/lib/a b");
	assert_int_equal(pagemap_maps_line_parse("7f80-7f00 rw-p 0 0:0 0\n",
						 &vma), -EINVAL);
	assert_int_equal(pagemap_maps_line_parse("7f00-7f80 rwzp 0 0:0 0\n",
						 &vma), -EINVAL);
}

/* A snapshot's input: processes, then the slots they map */
struct snap_in_proc {
	int		pid;
	const char	*comm;
};

struct snap_in_slot {
	unsigned int	proc;		/* index in the processes */
	unsigned int	type;
	uint64_t	offset;
};

#define SNAP_BUILD(s, procs, slots) \
	snap_build(s, procs, sizeof(procs) / sizeof(procs[0]), slots, \
		   sizeof(slots) / sizeof(slots[0]))

/* snap_build - add the processes and slots to s, then finish it */
static void snap_build(struct so_snap *s, const struct snap_in_proc *procs,
		       size_t nr_procs, const struct snap_in_slot *slots,
		       size_t nr_slots)
{
	size_t i;

	for (i = 0; i < nr_procs; i++)
		assert_int_equal(so_snap_add_proc(s, procs[i].pid,
						  procs[i].comm), i);
	for (i = 0; i < nr_slots; i++)
		assert_int_equal(so_snap_add_slot(s, slots[i].proc,
						  slots[i].type,
						  slots[i].offset), 0);
	so_snap_finish(s);
}

/* shared slots: once in the totals, once for each process mapping them */
static void test_snapshot_shared(void **state)
{
	static const struct snap_in_proc procs[] = {
		{ 10, "parent" }, { 11, "child" }, { 12, "other" },
	};
	static const struct snap_in_slot slots[] = {
		/* slot 0:5 shared by 10 and 11, 1:5 by all three */
		{ 0, 0, 5 }, { 1, 0, 5 }, { 2, 1, 5 }, { 1, 1, 5 }, { 0, 1, 5 },
		/* 0:6 private to 10, mapped twice by it */
		{ 0, 0, 6 }, { 0, 0, 6 },
		/* 0:7 private to 12 */
		{ 2, 0, 7 },
	};
	struct so_snap s = { 0 };

	(void)state;
	SNAP_BUILD(&s, procs, slots);
	assert_int_equal(s.unique_slots, 4);
	assert_int_equal(s.shared_slots, 2);
	assert_int_equal(s.procs[0].pages, 3);
	assert_int_equal(s.procs[0].shared_pages, 2);
	assert_int_equal(s.procs[1].pages, 2);
	assert_int_equal(s.procs[1].shared_pages, 2);
	assert_int_equal(s.procs[2].pages, 2);
	assert_int_equal(s.procs[2].shared_pages, 1);
	so_snap_free(&s);
}

/* snap_render - s rendered in format, --top top; free() the result */
static char *snap_render(const struct so_snap *s, enum so_format format,
			 int top)
{
	struct so_render_opts ro = { .format = format, .top = top };
	char *out = NULL;
	size_t len;
	FILE *f;

	f = open_memstream(&out, &len);
	assert_non_null(f);
	so_render_snapshot(f, s, &ro);
	fclose(f);
	return out;
}

/*
 * snapshot through render.c: processes by pages (descending), then pid;
 * those without slots left out; exact JSON, CSV and table
 */
static void test_snapshot_render(void **state)
{
	static const struct snap_in_proc procs[] = {
		{ 30, "idle" }, { 21, "b,\"q" }, { 20, "a" }, { 5, "" },
	};
	static const struct snap_in_slot slots[] = {
		{ 1, 0, 1 }, { 2, 0, 1 }, { 3, 0, 2 }, { 3, 0, 3 },
	};
	struct so_snap s = { .page_size = 4096 };
	char *out;

	(void)state;
	SNAP_BUILD(&s, procs, slots);
	assert_int_equal(s.procs[0].pid, 5);
	assert_int_equal(s.procs[1].pid, 20);
	assert_int_equal(s.procs[2].pid, 21);
	assert_int_equal(s.procs[3].pid, 30);

	out = snap_render(&s, SO_FMT_JSON, 0);
	assert_string_equal(out,
		"{\n  \"version\": 1,\n  \"page_size\": 4096,\n"
		"  \"totals\": {\"slots\": 3, \"bytes\": 12288, "
		"\"shared_slots\": 1},\n  \"processes\": [\n"
		"    {\"pid\": 5, \"comm\": \"\", \"pages\": 2, "
		"\"bytes\": 8192, \"shared_pages\": 0},\n"
		"    {\"pid\": 20, \"comm\": \"a\", \"pages\": 1, "
		"\"bytes\": 4096, \"shared_pages\": 1},\n"
		"    {\"pid\": 21, \"comm\": \"b,\\\"q\", \"pages\": 1, "
		"\"bytes\": 4096, \"shared_pages\": 1}\n  ]\n}\n");
	free(out);
	out = snap_render(&s, SO_FMT_CSV, 2);
	assert_string_equal(out, "pid,comm,pages,bytes,shared_pages\n"
			    "5,,2,8192,0\n20,a,1,4096,1\n");
	free(out);
	out = snap_render(&s, SO_FMT_TABLE, 0);
	assert_string_equal(out,
		"3 swap slots (12 KiB) in use by these processes, 1 of them "
		"shared\n\n"
		"     PID COMM                PAGES        KIB   SHARED\n"
		"       5 <...>                   2          8        0\n"
		"      20 a                       1          4        1\n"
		"      21 b,\"q                    1          4        1\n");
	free(out);
	so_snap_free(&s);
}

/* model_procs - n processes, tgid 1000 + i, "p<i>", i + 1 pages each */
static void model_procs(struct so_model *m, unsigned int n)
{
	struct so_event ev;
	unsigned int i;

	so_model_init(m, 4096);
	m->keep_samples = true;
	for (i = 0; i < n; i++) {
		memset(&ev, 0, sizeof(ev));
		ev.ts = 1000 + i;
		ev.nr_pages = i + 1;
		ev.nr_owners = ev.nr_pids = ev.nr_comms = 1;
		ev.pids[0] = 1000 + i;
		snprintf(ev.comms[0], sizeof(ev.comms[0]), "p%u", i);
		assert_int_equal(so_model_add(m, &ev), 0);
	}
}

/*
 * plot_check - the script for the top `top` of n processes: one series
 * per top process, named "comm [tgid]" in rank order, then "other", then
 * the total, each with its own colour; the y axis says shared pages
 * count for each owner
 */
static void plot_check(unsigned int n, int top)
{
	unsigned int colours[64];
	char title[64];
	struct so_timeline tl;
	struct so_model m;
	unsigned int rgb;
	size_t nr = 0;
	size_t len;
	char *out;
	char *p;
	FILE *f;
	size_t i;

	model_procs(&m, n);
	assert_int_equal(so_timeline_build(&tl, &m, 0, top), 0);
	f = open_memstream(&out, &len);
	assert_non_null(f);
	assert_int_equal(so_plot_script(f, &tl, "svg", "d.dat", "o.svg"), 0);
	fclose(f);
	assert_non_null(strstr(out, "\nset ylabel 'pages (a page shared by "
			       "several processes counts for each)'\n"));
	for (p = out; (p = strstr(p, " lc rgb '#")); p++) {
		assert_true(nr < 64);
		assert_int_equal(sscanf(p, " lc rgb '#%6x' title '%63[^']'",
					&rgb, title), 2);
		for (i = 0; i < nr; i++)
			assert_int_not_equal(colours[i], rgb);
		colours[nr] = rgb;
		if (nr < tl.nr_procs) {
			/* the most pages first: p<n-1> [1000 + n - 1] */
			snprintf(title + 32, 32, "p%zu [%zu]", n - 1 - nr,
				 1000 + n - 1 - nr);
			assert_string_equal(title, title + 32);
		} else {
			assert_string_equal(title, nr == tl.nr_procs ? "other" :
					    "total (each page once)");
		}
		nr++;
	}
	assert_int_equal(nr, tl.nr_procs + 2);
	assert_int_equal(tl.nr_procs, top && (unsigned int)top < n ?
			 (unsigned int)top : n);
	free(out);
	so_timeline_free(&tl);
	so_model_free(&m);
}

static int uint_cmp(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a;
	unsigned int y = *(const unsigned int *)b;

	return (x > y) - (x < y);
}

/* --plot: every series its own colour, named, the y axis explained */
static void test_plot_series(void **state)
{
	const size_t nr = 200000;
	unsigned int *c;
	size_t i;

	(void)state;
	plot_check(12, 8);	/* the default top 8 and "other" */
	plot_check(30, 30);	/* past the palette */
	plot_check(3, 0);
	/* the colours of the first 200000 series, grey and black: distinct */
	c = malloc((nr + 2) * sizeof(*c));
	assert_non_null(c);
	for (i = 0; i < nr; i++)
		c[i] = so_plot_colour(i);
	c[nr] = 0xa0a0a0;
	c[nr + 1] = 0;
	qsort(c, nr + 2, sizeof(*c), uint_cmp);
	for (i = 1; i < nr + 2; i++)
		assert_int_not_equal(c[i - 1], c[i]);
	assert_true(c[nr + 1] <= 0xffffff);
	free(c);
}

/* filter_ev - an event of owners pids (comms "p<pid>"), memcg_id */
static struct so_event filter_ev(unsigned int nr_pages, uint64_t memcg_id,
				 unsigned int nr_pids, const int *pids)
{
	struct so_event ev;
	unsigned int i;

	memset(&ev, 0, sizeof(ev));
	ev.nr_pages = nr_pages;
	ev.memcg_id = memcg_id;
	ev.nr_owners = ev.nr_pids = ev.nr_comms = nr_pids;
	ev.flags = nr_pids ? 0 : SO_FL_UNRESOLVED;
	for (i = 0; i < nr_pids; i++) {
		ev.pids[i] = pids[i];
		snprintf(ev.comms[i], sizeof(ev.comms[i]), "p%d", pids[i]);
	}
	return ev;
}

/*
 * filter_model - events A (owners 10, 11; memcg 7; 2 pages), B (owner
 * 12; memcg 8; 3 pages) and C (unresolved; memcg 7; 1 page) through a
 * model filtered by f
 */
static void filter_model(struct so_model *m, const struct so_filter *f)
{
	static const int ab[] = { 10, 11 };
	static const int b[] = { 12 };
	struct so_event ev[3];
	int i;

	ev[0] = filter_ev(2, 7, 2, ab);
	ev[1] = filter_ev(3, 8, 1, b);
	ev[2] = filter_ev(1, 7, 0, NULL);
	so_model_init(m, 4096);
	m->filter = f;
	for (i = 0; i < 3; i++)
		assert_int_equal(so_model_add(m, &ev[i]), 0);
}

static struct so_proc *model_proc(struct so_model *m, size_t i)
{
	assert_true(i < m->procs.nr);
	return so_table_at(&m->procs, i);
}

/* --pid, --comm, --cgroup in the model: kept events and owners only */
static void test_filter_model(void **state)
{
	struct so_filter f = { 0 };
	struct so_model m;

	(void)state;
	filter_model(&m, &f);		/* no filter: all */
	assert_int_equal(m.totals.events, 3);
	assert_int_equal(m.procs.nr, 3);
	so_model_free(&m);

	assert_int_equal(so_filter_add_pid(&f, 11), 0);
	filter_model(&m, &f);		/* A, owner 11 only */
	assert_int_equal(m.totals.events, 1);
	assert_int_equal(m.totals.pages, 2);
	assert_int_equal(m.totals.shared_folios, 1);
	assert_int_equal(m.procs.nr, 1);
	assert_int_equal(model_proc(&m, 0)->tgid, 11);
	assert_int_equal(model_proc(&m, 0)->shared_pages, 2);
	assert_int_equal(m.cgroups.nr, 1);
	so_model_free(&m);

	assert_int_equal(so_filter_add_comm(&f, "p12"), 0);
	filter_model(&m, &f);		/* pid 11 or comm p12: A, B */
	assert_int_equal(m.totals.events, 2);
	assert_int_equal(m.totals.pages, 5);
	assert_int_equal(m.procs.nr, 2);
	so_model_free(&m);

	assert_int_equal(so_filter_add_cgroup_id(&f, 7, "/seven", true), 0);
	filter_model(&m, &f);		/* ... and in memcg 7: A */
	assert_int_equal(m.totals.events, 1);
	assert_int_equal(m.procs.nr, 1);
	assert_int_equal(model_proc(&m, 0)->tgid, 11);
	so_model_free(&m);
	so_filter_free(&f);

	/* out of order, found by bsearch */
	assert_int_equal(so_filter_add_cgroup_id(&f, 9, "/nine", true), 0);
	assert_int_equal(so_filter_add_cgroup_id(&f, 7, "/seven", true), 0);
	assert_int_equal(so_filter_add_cgroup_id(&f, 3, "/three", true), 0);
	filter_model(&m, &f);		/* only memcg 7: A and C, all owners */
	assert_int_equal(m.totals.events, 2);
	assert_int_equal(m.totals.pages, 3);
	assert_int_equal(m.totals.unresolved, 1);
	assert_int_equal(m.procs.nr, 2);
	so_model_name_cgroups(&m, so_filter_cgroup_path, &f);
	assert_string_equal(((struct so_cgroup *)so_table_at(&m.cgroups, 0))->path,
			    "/seven");
	so_model_free(&m);
	so_filter_free(&f);
}

/* tep_event_from - the event of format file name, parsed into *tep */
static struct tep_event *tep_event_from(const char *name,
					struct tep_handle **tep)
{
	struct tep_event *event;

	*tep = tep_file(name);
	event = tep_find_event_by_name(*tep, "swap", "mm_swap_writepage_owner");
	assert_non_null(event);
	return event;
}

/*
 * the kernel's part of the filter: a superset (owner_pid is only the
 * first owner: shared folios go through), what cannot be written is left
 * out, and what is written is a filter libtracefs accepts for the event
 */
static void test_filter_kernel(void **state)
{
	struct so_filter f = { 0 };
	struct tep_handle *tep_v1;
	struct tep_handle *tep;
	struct tep_event *v1;
	struct tep_event *v2;
	char *err = NULL;
	char *k;

	(void)state;
	v2 = tep_event_from("format-v2", &tep);
	v1 = tep_event_from("format-v1", &tep_v1);
	assert_null(so_filter_kernel(&f, "memcg_id", true));
	assert_int_equal(so_filter_add_pid(&f, 11), 0);
	assert_int_equal(so_filter_add_comm(&f, "rh-child"), 0);
	assert_int_equal(so_filter_add_cgroup_id(&f, 7, "/a", true), 0);
	assert_int_equal(so_filter_add_cgroup_id(&f, 9, "/a/b", true), 0);
	k = so_filter_kernel(&f, "memcg_id", true);
	assert_string_equal(k, "(owner_pid == 11 || nr_owners > 1 || "
			    "comms ~ \"*rh-child*\") && "
			    "(memcg_id == 7 || memcg_id == 9)");
	assert_int_equal(tracefs_filter_string_verify(v2, k, &err), 0);
	free(k);
	/* v1: no owner_pid, the id in cgroup_ino */
	k = so_filter_kernel(&f, "cgroup_ino", false);
	assert_string_equal(k, "(cgroup_ino == 7 || cgroup_ino == 9)");
	assert_int_equal(tracefs_filter_string_verify(v1, k, &err), 0);
	free(k);
	/* a glob character in a comm: the owners' part is left out */
	assert_int_equal(so_filter_add_comm(&f, "a*b"), 0);
	k = so_filter_kernel(&f, "memcg_id", true);
	assert_string_equal(k, "(memcg_id == 7 || memcg_id == 9)");
	free(k);
	/* an id that may be only an inode number: nothing is left */
	assert_int_equal(so_filter_add_cgroup_id(&f, 12, "/c", false), 0);
	assert_null(so_filter_kernel(&f, "memcg_id", true));
	so_filter_free(&f);
	/* comms only */
	assert_int_equal(so_filter_add_comm(&f, "x"), 0);
	k = so_filter_kernel(&f, "cgroup_ino", false);
	assert_string_equal(k, "(comms ~ \"*x*\")");
	assert_int_equal(tracefs_filter_string_verify(v1, k, &err), 0);
	free(k);
	so_filter_free(&f);
	free(err);
	tep_free(tep);
	tep_free(tep_v1);
}

/* a comm the kernel cut to 15 bytes matches the longer name given */
static void test_filter_comm(void **state)
{
	static const int pids[] = { 5 };
	struct so_filter f = { 0 };
	struct so_event ev;

	(void)state;
	ev = filter_ev(1, 1, 1, pids);
	strcpy(ev.comms[0], "averyveryverylo");
	assert_int_equal(so_filter_add_comm(&f, "averyveryverylongname"), 0);
	assert_true(so_filter_event(&f, &ev));
	so_filter_free(&f);
	assert_int_equal(so_filter_add_comm(&f, "averyvery"), 0);
	assert_false(so_filter_event(&f, &ev));
	so_filter_free(&f);
	/* no comms in the event (ambiguous ones are dropped): no match */
	assert_int_equal(so_filter_add_comm(&f, "averyveryverylo"), 0);
	assert_true(so_filter_event(&f, &ev));
	ev.nr_comms = 0;
	assert_false(so_filter_event(&f, &ev));
	so_filter_free(&f);
}

/* frame_rows - the process rows of one interval table in text */
static int frame_rows(const char *text)
{
	const char *p = strstr(text, "TOTAL_PAGES\n");
	int rows = 0;

	assert_non_null(p);
	for (p = strchr(p, '\n') + 1; *p && *p != '\n'; p = strchr(p, '\n') + 1)
		rows++;
	return rows;
}

/* pty_read - what was written to the pty's slave, \r\n made \n */
static char *pty_read(int master)
{
	struct pollfd pfd = { .fd = master, .events = POLLIN };
	static char buf[65536];
	size_t len = 0;
	ssize_t n;
	char *p;

	while (len < sizeof(buf) - 1 && poll(&pfd, 1, 200) > 0) {
		n = read(master, buf + len, sizeof(buf) - 1 - len);
		if (n <= 0)
			break;
		len += n;
	}
	buf[len] = '\0';
	while ((p = strstr(buf, "\r\n")))
		memmove(p, p + 1, strlen(p + 1) + 1);
	return buf;
}

/*
 * record -i: line by line into a file (10 processes by default); on a
 * pseudo-terminal each table redraws the screen and fits its rows
 */
static void test_output_interval(void **state)
{
	struct winsize ws = { .ws_row = 20, .ws_col = 120 };
	struct so_interval iv = { 0 };
	struct so_interval_delta d;
	struct so_model m;
	char *text;
	int master;
	int slave;
	char *out;
	size_t len;
	FILE *f;

	(void)state;
	model_procs(&m, 30);
	assert_int_equal(so_interval_take(&iv, &m, &d), 0);

	f = open_memstream(&out, &len);
	assert_non_null(f);
	so_output_interval(f, &m, &d, 0, 0.5, 0.5, 0);
	so_output_interval(f, &m, &d, 0.5, 1, 0.5, 3);
	fclose(f);
	assert_null(strchr(out, '\033'));
	assert_int_equal(frame_rows(out), SO_INTERVAL_TOP_DEFAULT);
	assert_int_equal(frame_rows(strstr(out, "   0.500 -    1.000 s")), 3);
	free(out);

	assert_int_equal(openpty(&master, &slave, NULL, NULL, &ws), 0);
	f = fdopen(slave, "w");
	assert_non_null(f);
	so_output_interval(f, &m, &d, 0, 0.5, 0.5, 0);
	text = pty_read(master);
	assert_memory_equal(text, "\033[H\033[2Jswapowner record: every 0.5 s, "
			    "0.500 s so far (Ctrl-C stops)\n\n", 66);
	/* the frame fits the 20 rows: 13 processes, 19 lines */
	assert_int_equal(frame_rows(text), 13);
	len = 0;
	for (out = text; (out = strchr(out, '\n')); out++)
		len++;
	assert_true(len < 20);
	/* --top wins; each frame starts over */
	so_output_interval(f, &m, &d, 0.5, 1, 0.5, 3);
	text = pty_read(master);
	assert_true(!strncmp(text, "\033[H\033[2J", 7));
	assert_int_equal(frame_rows(text), 3);
	fclose(f);
	close(master);
	so_interval_delta_free(&d);
	so_interval_free(&iv);
	so_model_free(&m);
}

/* feed_spec - specs[i] through the reader */
static void feed_spec(struct fixture *fx, size_t i)
{
	uint8_t buf[512];
	int size;

	size = rec_build(buf, &specs[i]);
	feed(fx, buf, size, specs[i].ts);
}

/* buckets of 2000 ns from 1000: [1000, 3000) and [3000, 5000) */
static void test_timeline_buckets(void **state)
{
	struct fixture *fx = *state;
	struct so_timeline tl;

	fx->model.keep_samples = true;
	feed_specs(fx);
	assert_int_equal(so_timeline_build(&tl, &fx->model, 2000, 1), 0);
	assert_int_equal(tl.start, 1000);
	assert_int_equal(tl.bucket, 2000);
	assert_int_equal(tl.nr_buckets, 2);
	assert_int_equal(tl.nr_procs, 1);
	assert_int_equal(tl.procs[0]->tgid, 101);	/* 6 pages > 5 */
	/* bucket 0: specs 0 (100: 1 page) and 1 (100 and 101: 4 pages) */
	assert_int_equal(so_timeline_pages(&tl, 0, 0), 4);
	assert_int_equal(so_timeline_pages(&tl, 0, 1), 5);	/* other */
	assert_int_equal(tl.total[0], 5);
	/* bucket 1: specs 2 (no owner: 1 page) and 3 (101: 2 pages) */
	assert_int_equal(so_timeline_pages(&tl, 1, 0), 2);
	assert_int_equal(so_timeline_pages(&tl, 1, 1), 0);
	assert_int_equal(tl.total[1], 3);
	so_timeline_free(&tl);

	/* all processes: no "other" */
	assert_int_equal(so_timeline_build(&tl, &fx->model, 2000, 0), 0);
	assert_int_equal(tl.nr_procs, 2);
	assert_int_equal(tl.procs[1]->tgid, 100);
	assert_int_equal(so_timeline_pages(&tl, 0, 1), 5);
	assert_int_equal(so_timeline_pages(&tl, 0, 2), 0);
	so_timeline_free(&tl);
}

/* default bucket: the run (1000..4000 ns, 3001 ns) in 50 = 61 ns */
static void test_timeline_default(void **state)
{
	struct fixture *fx = *state;
	struct so_timeline tl;
	uint64_t sum = 0;
	size_t b;

	fx->model.keep_samples = true;
	feed_specs(fx);
	assert_int_equal(so_timeline_build(&tl, &fx->model, 0, 0), 0);
	assert_int_equal(tl.bucket, 61);
	assert_int_equal(tl.nr_buckets, 50);
	assert_int_equal(tl.total[0], 1);	/* ts 1000 */
	assert_int_equal(tl.total[16], 4);	/* ts 2000: 1000 / 61 */
	assert_int_equal(tl.total[32], 1);	/* ts 3000: 2000 / 61 */
	assert_int_equal(tl.total[49], 2);	/* ts 4000: 3000 / 61 */
	for (b = 0; b < tl.nr_buckets; b++)
		sum += tl.total[b];
	assert_int_equal(sum, 8);
	assert_int_equal(so_timeline_pages(&tl, 16, 0), 4);	/* 101 */
	assert_int_equal(so_timeline_pages(&tl, 16, 1), 4);	/* 100 */
	assert_int_equal(so_timeline_pages(&tl, 49, 0), 2);
	so_timeline_free(&tl);

	/* without samples kept, or without events: one empty bucket */
	so_model_free(&fx->model);
	so_model_init(&fx->model, 4096);
	assert_int_equal(so_timeline_build(&tl, &fx->model, 0, 0), 0);
	assert_int_equal(tl.nr_buckets, 1);
	assert_int_equal(tl.total[0], 0);
	assert_int_equal(tl.nr_procs, 0);
	so_timeline_free(&tl);
}

/* The timeline in each format: CSV all of it, JSON and table their end */
static const struct {
	enum so_format	format;
	bool		whole;		/* the output is all of want */
	const char	*want;
} timeline_out[] = {
	{ SO_FMT_CSV, true,
	  "start_ns,end_ns,tgid,comm,pages,input_errors\n"
	  "1000,3000,,total,5,0\n"
	  "1000,3000,101,child,4,0\n"
	  "1000,3000,,other,5,0\n"
	  "3000,5000,,total,3,0\n"
	  "3000,5000,101,child,2,0\n"
	  "3000,5000,,other,0,0\n" },
	{ SO_FMT_JSON, false,
	  "  ],\n"
	  "  \"timeline\": {\"start_ns\": 1000, \"bucket_ns\": 2000,\n"
	  "    \"series\": [{\"tgid\": 101, \"comm\": \"child\"}, "
	  "{\"tgid\": null, \"comm\": \"other\"}],\n"
	  "    \"buckets\": [\n"
	  "      {\"start_ns\": 1000, \"pages\": 5, \"series_pages\": [4, 5]},\n"
	  "      {\"start_ns\": 3000, \"pages\": 3, \"series_pages\": [2, 0]}\n"
	  "    ]\n"
	  "  }\n"
	  "}\n" },
	{ SO_FMT_TABLE, false,
	  "\nTIMELINE (pages per 0.000002 s from 0.000001 s; shared "
	  "folios count for every owner)\n"
	  "series: 101=child\n"
	  "     START_S    TOTAL      101    OTHER\n"
	  "    0.000001        5        4        5\n"
	  "    0.000003        3        2        0\n" },
};

static void test_timeline_render(void **state)
{
	struct fixture *fx = *state;
	struct so_render_opts ro = { .sources = render_src, .nr_sources = 1 };
	struct so_timeline tl;
	size_t len;
	char *out;
	size_t i;

	fx->model.keep_samples = true;
	feed_specs(fx);
	assert_int_equal(so_timeline_build(&tl, &fx->model, 2000, 1), 0);
	ro.timeline = &tl;
	for (i = 0; i < sizeof(timeline_out) / sizeof(timeline_out[0]); i++) {
		ro.format = timeline_out[i].format;
		out = render_opts(&fx->model, &ro);
		len = strlen(out);
		/* JSON and table: what they end with */
		if (timeline_out[i].whole ? strcmp(out, timeline_out[i].want) :
		    len < strlen(timeline_out[i].want) ||
		    strcmp(out + len - strlen(timeline_out[i].want),
			   timeline_out[i].want))
			fail_msg("format %d:\n%s", timeline_out[i].format, out);
		free(out);
	}
	so_timeline_free(&tl);
}

/* record -i: each interval has what was added since the last one */
static void test_interval(void **state)
{
	struct fixture *fx = *state;
	struct so_interval_delta d;
	struct so_interval iv = { 0 };
	size_t size;
	char *out;
	FILE *f;

	feed_spec(fx, 0);
	feed_spec(fx, 1);
	assert_int_equal(so_interval_take(&iv, &fx->model, &d), 0);
	assert_int_equal(d.totals.events, 2);
	assert_int_equal(d.totals.pages, 5);
	assert_int_equal(d.totals.lost, 0);
	assert_int_equal(d.nr_procs, 2);
	assert_int_equal(d.procs[0].proc->tgid, 100);
	assert_int_equal(d.procs[0].pages, 5);
	assert_int_equal(d.procs[0].folios, 2);
	assert_int_equal(d.procs[1].proc->tgid, 101);
	assert_int_equal(d.procs[1].pages, 4);
	assert_int_equal(d.procs[1].folios, 1);
	so_interval_delta_free(&d);

	so_model_add_lost(&fx->model, 5);
	feed_spec(fx, 2);
	feed_spec(fx, 3);
	assert_int_equal(so_interval_take(&iv, &fx->model, &d), 0);
	assert_int_equal(d.totals.events, 2);
	assert_int_equal(d.totals.pages, 3);
	assert_int_equal(d.totals.lost, 5);
	assert_int_equal(d.totals.unresolved, 1);
	assert_int_equal(d.nr_procs, 1);	/* 100 had nothing */
	assert_int_equal(d.procs[0].proc->tgid, 101);
	assert_int_equal(d.procs[0].pages, 2);
	assert_int_equal(d.procs[0].folios, 1);
	f = open_memstream(&out, &size);
	so_render_interval(f, &fx->model, &d, 1.0, 2.0, 10);
	fclose(f);
	assert_string_equal(out,
		"   1.000 -    2.000 s: 2 folios, 3 pages (12 KiB); lost 5, "
		"corrupt 0\n"
		"              total:  4 folios, 8 pages (32 KiB); lost 5, "
		"corrupt 0\n"
		"    TGID COMM               FOLIOS    PAGES        KIB  "
		"TOTAL_PAGES\n"
		"     101 child                   1        2          8"
		"            6\n\n");
	free(out);
	so_interval_delta_free(&d);

	/* nothing new: an empty interval */
	assert_int_equal(so_interval_take(&iv, &fx->model, &d), 0);
	assert_int_equal(d.totals.events, 0);
	assert_int_equal(d.totals.pages, 0);
	assert_int_equal(d.totals.lost, 0);
	assert_int_equal(d.nr_procs, 0);
	assert_int_equal(iv.seq, 3);
	so_interval_delta_free(&d);
	so_interval_free(&iv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_decoder_fields, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_decoder_fields_v2,
						setup_v2, teardown),
		cmocka_unit_test(test_decoder_bad_format),
		cmocka_unit_test(test_decoder_bad_format_v2),
		cmocka_unit_test_setup_teardown(test_decode_fields, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_decode_v2, setup_v2,
						teardown),
		cmocka_unit_test_setup_teardown(test_decode_v2_malformed,
						setup_v2, teardown),
		cmocka_unit_test_setup_teardown(test_decode_implausible,
						setup_v2, teardown),
		cmocka_unit_test_setup_teardown(test_names, setup_v2,
						teardown),
		cmocka_unit_test_setup_teardown(test_decode_comma_comm, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_decode_malformed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_aggregate, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_aggregate_v2, setup_v2,
						teardown),
		cmocka_unit_test_setup_teardown(test_mixed_versions, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_render_json, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_render_csv, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_render_table, setup,
						teardown),
		cmocka_unit_test(test_report_bad_input),
		cmocka_unit_test(test_report_file_v2),
		cmocka_unit_test(test_pagemap_decode),
		cmocka_unit_test(test_snapshot_shared),
		cmocka_unit_test(test_snapshot_render),
		cmocka_unit_test(test_plot_series),
		cmocka_unit_test(test_filter_model),
		cmocka_unit_test(test_filter_kernel),
		cmocka_unit_test(test_filter_comm),
		cmocka_unit_test(test_output_interval),
		cmocka_unit_test_setup_teardown(test_timeline_buckets, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_timeline_default, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_timeline_render, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_interval, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
