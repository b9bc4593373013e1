/*
 * decode.c - decode swap:mm_swap_writepage_owner records
 *
 * The event format is include/trace/events/swap.h in patches/ (v2; v1
 * traces are read too, see decode.h). A record is never trusted: the
 * fixed fields must fit in it and each __data_loc array must lie inside
 * it, or the record is reported as corrupt.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <traceevent/event-parse.h>

#include "decode.h"
#include "swapowner.h"

const char *const so_disp_names[SO_DISP_NR] = {
	"stale", "zero", "zswap", "activate",
	"write_fs", "write_sync", "write_async", "clean", "arch_fail",
};

const char *const so_kind_names[SO_KIND_NR] = {
	"unknown", "anon", "shmem", "ksm",
};

const char *const so_flag_names[SO_FL_NR] = {
	"unresolved", "capped", "contended", "exiting", "potential",
	"incomplete", "unnamed", "shared_mm",
};

/*
 * decoder_check - check the size and place of field f (named name)
 *
 * size2 is a second accepted size (unsigned long on 32-bit), 0 if none.
 * Dynamic fields must be __data_loc or __rel_loc arrays. Returns f, or
 * NULL after a message.
 */
static struct tep_format_field *decoder_check(struct so_decoder *dec,
					      struct tep_format_field *f,
					      const char *name, bool dynamic,
					      int size, int size2)
{
	int end;

	if (dynamic != !!(f->flags & TEP_FIELD_IS_DYNAMIC)) {
		err_msg("event format: field '%s' is %sa dynamic array\n",
			name, dynamic ? "not " : "");
		return NULL;
	}
	if (f->size != size && f->size != size2) {
		err_msg("event format: field '%s' has size %d, expected %d\n",
			name, f->size, size);
		return NULL;
	}
	end = f->offset + f->size;
	if (f->offset < 0 || end > 0xffff) {
		err_msg("event format: field '%s' at bad offset %d\n",
			name, f->offset);
		return NULL;
	}
	if (end > dec->min_size)
		dec->min_size = end;
	return f;
}

/* decoder_field - look up a field that must be there, and check it */
static struct tep_format_field *decoder_field(struct so_decoder *dec,
					      const char *name, bool dynamic,
					      int size, int size2)
{
	struct tep_format_field *f;

	f = tep_find_any_field(dec->event, name);
	if (!f) {
		err_msg("event format: no field '%s'\n", name);
		return NULL;
	}
	return decoder_check(dec, f, name, dynamic, size, size2);
}

/*
 * decoder_field_opt - look up a field that only some formats have
 *
 * Returns NULL with *bad unchanged if there is no such field; if there is
 * one of the wrong size or kind, NULL with *bad set (after a message).
 */
static struct tep_format_field *decoder_field_opt(struct so_decoder *dec,
						  const char *name,
						  bool dynamic, int size,
						  bool *bad)
{
	struct tep_format_field *f;

	f = tep_find_any_field(dec->event, name);
	if (!f)
		return NULL;
	f = decoder_check(dec, f, name, dynamic, size, 0);
	if (!f)
		*bad = true;
	return f;
}

/*
 * decoder_named - the values of field name that the event's print fmt
 * names (its __print_symbolic), as a bitmask; 0 if it names none, or
 * values this version cannot hold in one (then nothing is checked)
 */
static uint32_t decoder_named(const struct tep_event *event, const char *name)
{
	const struct tep_print_flag_sym *sym;
	const struct tep_print_arg *arg;
	unsigned long val;
	uint32_t named = 0;
	char *end;

	for (arg = event->print_fmt.args; arg; arg = arg->next) {
		if (arg->type != TEP_PRINT_SYMBOL || !arg->symbol.field ||
		    arg->symbol.field->type != TEP_PRINT_FIELD ||
		    strcmp(arg->symbol.field->field.name, name))
			continue;
		for (sym = arg->symbol.symbols; sym; sym = sym->next) {
			val = strtoul(sym->value, &end, 0);
			if (*end || val >= 32)
				return 0;
			named |= 1u << val;
		}
	}
	return named;
}

/*
 * so_decoder_init - resolve the event's fields in tep
 *
 * The v2 format's memcg_id is v1's cgroup_ino renamed; owner_pid is new
 * in v2. Returns 0, SO_DECODE_NO_EVENT if tep does not know the event, or
 * SO_DECODE_BAD_FORMAT (after a message) if its format is not one this
 * version understands.
 */
int so_decoder_init(struct so_decoder *dec, struct tep_handle *tep)
{
	bool bad = false;

	memset(dec, 0, sizeof(*dec));
	dec->tep = tep;
	dec->event = tep_find_event_by_name(tep, SO_EVENT_SYSTEM,
					    SO_EVENT_NAME);
	if (!dec->event)
		return SO_DECODE_NO_EVENT;
	dec->native = tep_is_file_bigendian(tep) == !!tep_is_bigendian();

	dec->common_pid = decoder_field(dec, "common_pid", false, 4, 0);
	dec->pfn = decoder_field(dec, "pfn", false, 8, 4);
	dec->swp_offset = decoder_field(dec, "swp_offset", false, 8, 4);
	dec->memcg_id = decoder_field_opt(dec, "memcg_id", false, 8, &bad);
	if (!dec->memcg_id && !bad)
		dec->memcg_id = decoder_field_opt(dec, "cgroup_ino", false, 8,
						  &bad);
	if (!dec->memcg_id && !bad)
		err_msg("event format: no field 'memcg_id' (or 'cgroup_ino')\n");
	dec->nr_pages = decoder_field(dec, "nr_pages", false, 4, 0);
	dec->swp_type = decoder_field(dec, "swp_type", false, 4, 0);
	dec->kind = decoder_field(dec, "kind", false, 4, 0);
	dec->disposition = decoder_field(dec, "disposition", false, 4, 0);
	dec->nr_owners = decoder_field(dec, "nr_owners", false, 4, 0);
	dec->nr_ptes = decoder_field(dec, "nr_ptes", false, 4, 0);
	dec->flags = decoder_field(dec, "flags", false, 4, 0);
	dec->owner_pid = decoder_field_opt(dec, "owner_pid", false, 4, &bad);
	dec->pids = decoder_field(dec, "pids", true, 4, 0);
	dec->comms = decoder_field(dec, "comms", true, 4, 0);

	if (bad || !dec->common_pid || !dec->pfn || !dec->swp_offset ||
	    !dec->memcg_id || !dec->nr_pages || !dec->swp_type ||
	    !dec->kind || !dec->disposition || !dec->nr_owners ||
	    !dec->nr_ptes || !dec->flags || !dec->pids || !dec->comms)
		return SO_DECODE_BAD_FORMAT;
	dec->kinds_named = decoder_named(dec->event, "kind");
	dec->disps_named = decoder_named(dec->event, "disposition");
	return 0;
}

/*
 * decode_named - is val one this version knows (below nr), or one the
 * record's own format names (a newer kernel's: counted as other)?
 */
static bool decode_named(unsigned int val, unsigned int nr, uint32_t named)
{
	if (val < nr || !named)
		return true;
	return val < 32 && (named & (1u << val));
}

/*
 * decode_num - read a fixed numeric field known to lie inside data
 *
 * Records in our own byte order (always, when recording live) are read
 * directly: at a million events the library call per field was a tenth
 * of the time swapowner report took.
 */
static unsigned long long decode_num(const struct so_decoder *dec,
				     struct tep_format_field *f,
				     const void *data)
{
	unsigned long long val = 0;

	if (dec->native) {
		const char *p = (const char *)data + f->offset;
		uint32_t v32;
		uint64_t v64;

		if (f->size == 4) {
			memcpy(&v32, p, 4);
			return v32;
		}
		if (f->size == 8) {
			memcpy(&v64, p, 8);
			return v64;
		}
	}

	tep_read_number_field(f, data, &val);
	return val;
}

/*
 * decode_dynamic - locate a __data_loc / __rel_loc array inside the record
 *
 * Returns 0 and sets *off and *len, or -EBADMSG if the array does not lie
 * entirely inside the size bytes of the record.
 */
static int decode_dynamic(const struct so_decoder *dec,
			  struct tep_format_field *f, const void *data,
			  int size, unsigned int *off, unsigned int *len)
{
	unsigned long long loc;

	loc = decode_num(dec, f, data);
	*off = loc & 0xffff;
	*len = (loc >> 16) & 0xffff;
	if (f->flags & TEP_FIELD_IS_RELATIVE)
		*off += f->offset + f->size;
	if (*off < (unsigned int)dec->min_size && *len)
		return -EBADMSG;
	if ((unsigned long long)*off + *len > (unsigned long long)size)
		return -EBADMSG;
	return 0;
}

/*
 * decode_comms - split the comma-joined comms string into ev->comms
 *
 * A comm may itself contain a comma; when the pieces do not match the pids
 * one to one, the comms are dropped (nr_comms = 0) rather than misassigned.
 */
static void decode_comms(struct so_event *ev, const char *s, unsigned int len)
{
	unsigned int n = 0;
	unsigned int i;
	unsigned int c = 0;

	ev->nr_comms = 0;
	if (!ev->nr_pids)
		return;
	for (i = 0; i < len && s[i]; i++) {
		if (s[i] == ',') {
			ev->comms[n][c] = '\0';
			if (++n >= ev->nr_pids)
				return;
			c = 0;
			continue;
		}
		if (c >= SO_COMM_LEN)
			return;
		ev->comms[n][c++] = s[i];
	}
	ev->comms[n][c] = '\0';
	if (n + 1 == ev->nr_pids)
		ev->nr_comms = ev->nr_pids;
}

/* decode_pieces - how many comma-separated pieces s (len bytes) holds */
static unsigned int decode_pieces(const char *s, unsigned int len)
{
	unsigned int n = 1;
	unsigned int i;

	if (!len || !s[0])
		return 0;
	for (i = 0; i < len && s[i]; i++)
		n += s[i] == ',';
	return n;
}

/*
 * decode_v2_consistent - what the v2 kernel writes agrees with itself:
 * owner_pid is pids[0] (0 if none), and as it turns a ',' in a comm into
 * '_', comms has one piece per pid
 */
static bool decode_v2_consistent(const struct so_event *ev, const char *s,
				 unsigned int len)
{
	if (ev->owner_pid != (ev->nr_pids ? ev->pids[0] : 0))
		return false;
	return decode_pieces(s, len) == ev->nr_pids;
}

/*
 * so_decode - decode one record of the event into ev
 *
 * data/size are the record's raw data (tep_record.data/size). Returns 0, or
 * -EBADMSG if the record is corrupt: shorter than the fixed fields, an
 * array outside it, more pids than owners or than SO_PIDS_MAX, fewer pids
 * than owners with no partial-owner flag, a pid that is not positive, a
 * number of pages that no folio has (0, or not a power of two), a kind or
 * disposition unknown both to this version and to the record's own
 * format, or (v2) an owner_pid or comms that do not match the pids.
 */
int so_decode(const struct so_decoder *dec, const void *data, int size,
	      struct so_event *ev)
{
	unsigned int off;
	unsigned int len;
	unsigned int i;

	if (!data || size < dec->min_size)
		return -EBADMSG;

	ev->common_pid = (int)decode_num(dec, dec->common_pid, data);
	ev->pfn = decode_num(dec, dec->pfn, data);
	ev->swp_offset = decode_num(dec, dec->swp_offset, data);
	ev->memcg_id = decode_num(dec, dec->memcg_id, data);
	ev->nr_pages = decode_num(dec, dec->nr_pages, data);
	ev->swp_type = decode_num(dec, dec->swp_type, data);
	ev->kind = decode_num(dec, dec->kind, data);
	ev->disposition = decode_num(dec, dec->disposition, data);
	ev->nr_owners = decode_num(dec, dec->nr_owners, data);
	ev->nr_ptes = decode_num(dec, dec->nr_ptes, data);
	ev->flags = decode_num(dec, dec->flags, data);
	if (dec->owner_pid)
		ev->owner_pid = (int)decode_num(dec, dec->owner_pid, data);
	if (!ev->nr_pages || (ev->nr_pages & (ev->nr_pages - 1)))
		return -EBADMSG;
	if (!decode_named(ev->kind, SO_KIND_NR, dec->kinds_named) ||
	    !decode_named(ev->disposition, SO_DISP_NR, dec->disps_named))
		return -EBADMSG;

	if (decode_dynamic(dec, dec->pids, data, size, &off, &len))
		return -EBADMSG;
	if (len % 4 || len / 4 > SO_PIDS_MAX || len / 4 > ev->nr_owners)
		return -EBADMSG;
	ev->nr_pids = len / 4;
	/* owners go unlisted only with a flag that says why */
	if (ev->nr_owners > ev->nr_pids && !(ev->flags & SO_FL_PARTIAL))
		return -EBADMSG;
	if (dec->native)
		memcpy(ev->pids, (const char *)data + off, len);
	for (i = 0; i < ev->nr_pids; i++) {
		if (!dec->native)
			ev->pids[i] = (int)tep_read_number(dec->tep,
					(const char *)data + off + 4 * i, 4);
		if (ev->pids[i] <= 0)
			return -EBADMSG;
	}
	/* v1 has no owner_pid: the kernel's v2 sets it to pids[0] */
	if (!dec->owner_pid)
		ev->owner_pid = ev->nr_pids ? ev->pids[0] : 0;

	if (decode_dynamic(dec, dec->comms, data, size, &off, &len))
		return -EBADMSG;
	if (dec->owner_pid &&
	    !decode_v2_consistent(ev, (const char *)data + off, len))
		return -EBADMSG;
	decode_comms(ev, (const char *)data + off, len);
	return 0;
}
