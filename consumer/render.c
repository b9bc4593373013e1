/*
 * render.c - print the data model: table, JSON, CSV
 *
 * Processes are sorted by pages (descending), then tgid; blamed tasks the
 * same way; cgroups and swap types by their key.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "render.h"
#include "snapmodel.h"

/* Unknown comm, as trace-cmd prints it */
#define SO_COMM_UNKNOWN	"<...>"

static int blamed_cmp(const void *a, const void *b)
{
	const struct so_blamed *ba = *(const struct so_blamed *const *)a;
	const struct so_blamed *bb = *(const struct so_blamed *const *)b;

	return so_rank_cmp(ba->pages, ba->pid, bb->pages, bb->pid);
}

static int cgroup_cmp(const void *a, const void *b)
{
	const struct so_cgroup *ca = *(const struct so_cgroup *const *)a;
	const struct so_cgroup *cb = *(const struct so_cgroup *const *)b;

	return (ca->id > cb->id) - (ca->id < cb->id);
}

static int swaptype_cmp(const void *a, const void *b)
{
	const struct so_swaptype *sa = *(const struct so_swaptype *const *)a;
	const struct so_swaptype *sb = *(const struct so_swaptype *const *)b;

	return (sa->type > sb->type) - (sa->type < sb->type);
}

/*
 * render_sorted - an array of pointers to the elements of t, sorted
 *
 * Free with free(). Returns NULL if the table is empty or on ENOMEM (then
 * nothing is printed for the table).
 */
static void **render_sorted(const struct so_table *t,
			    int (*cmp)(const void *, const void *))
{
	void **v;
	size_t i;

	if (!t->nr)
		return NULL;
	v = malloc(t->nr * sizeof(*v));
	if (!v)
		return NULL;
	for (i = 0; i < t->nr; i++)
		v[i] = so_table_at(t, i);
	qsort(v, t->nr, sizeof(*v), cmp);
	return v;
}

/* render_limit - how many of nr processes to print: --top at most */
static size_t render_limit(size_t nr, const struct so_render_opts *opts)
{
	if (opts->top > 0 && (size_t)opts->top < nr)
		return opts->top;
	return nr;
}

/* The model's tables in print order */
struct render_lists {
	struct so_proc		**procs;
	struct so_blamed	**blamed;
	struct so_cgroup	**cgroups;
	struct so_swaptype	**types;
	size_t			nr_procs;	/* to print: --top at most */
};

/*
 * render_lists - sort the tables of m: processes and blamed tasks by
 * pages, cgroups and swap types by key. A list that could not be
 * allocated stays NULL and is printed empty. Free with render_lists_free().
 */
static void render_lists(struct render_lists *l, const struct so_model *m,
			 const struct so_render_opts *opts)
{
	l->procs = (struct so_proc **)render_sorted(&m->procs, so_proc_cmp);
	l->nr_procs = l->procs ? render_limit(m->procs.nr, opts) : 0;
	l->blamed = (struct so_blamed **)render_sorted(&m->blamed, blamed_cmp);
	l->cgroups = (struct so_cgroup **)render_sorted(&m->cgroups,
							cgroup_cmp);
	l->types = (struct so_swaptype **)render_sorted(&m->swaptypes,
							swaptype_cmp);
}

static void render_lists_free(struct render_lists *l)
{
	free(l->procs);
	free(l->blamed);
	free(l->cgroups);
	free(l->types);
}

static const char *comm_or_unknown(const char *comm)
{
	return comm[0] ? comm : SO_COMM_UNKNOWN;
}

static uint64_t written_pages(const uint64_t *disp)
{
	return disp[SO_DISP_WRITE_FS] + disp[SO_DISP_WRITE_SYNC] +
	       disp[SO_DISP_WRITE_ASYNC];
}

/* kept_pages - pages whose folio stayed in memory: activate, arch_fail */
static uint64_t kept_pages(const uint64_t *disp)
{
	return disp[SO_DISP_ACTIVATE] + disp[SO_DISP_ARCH_FAIL];
}

/* ts_sec - nanoseconds as seconds, for the table */
static double ts_sec(uint64_t ns)
{
	return ns / 1e9;
}

/* table_filter - the filter's line: what the counts above are of */
static void table_filter(FILE *f, const struct so_filter *flt)
{
	const struct so_filter_arg *a;

	fputs("  filter:", f);
	for (a = flt->args; a < flt->args + flt->nr_args; a++)
		fprintf(f, " %s %s", a->opt, a->value);
	if (flt->nr_cgroups)
		fprintf(f, " (%zu cgroups with those below)", flt->nr_cgroups);
	fprintf(f, "; kernel filter: %s\n", flt->kernel ? flt->kernel : "none");
}

/* so_render_table - the aligned tables for people */
void so_render_table(FILE *f, const struct so_model *m,
		     const struct so_render_opts *opts)
{
	const struct so_totals *t = &m->totals;
	struct render_lists l;
	size_t i;

	fprintf(f, "%" PRIu64 " folios, %" PRIu64 " pages (%" PRIu64
		" KiB) swapped out", t->events, t->pages,
		t->pages * m->page_size / 1024);
	if (t->events)
		fprintf(f, " between %.6f and %.6f s", ts_sec(t->first_ts),
			ts_sec(t->last_ts));
	fprintf(f, "\n  pages: written %" PRIu64 "  zswap %" PRIu64
		"  zero %" PRIu64 "  clean %" PRIu64 "  stale %" PRIu64
		"  kept %" PRIu64 " (activated %" PRIu64 ", arch_fail %"
		PRIu64 ")\n", written_pages(t->disp), t->disp[SO_DISP_ZSWAP],
		t->disp[SO_DISP_ZERO], t->disp[SO_DISP_CLEAN],
		t->disp[SO_DISP_STALE], kept_pages(t->disp),
		t->disp[SO_DISP_ACTIVATE], t->disp[SO_DISP_ARCH_FAIL]);
	fprintf(f, "  events lost: %" PRIu64 "%s  corrupt records: %" PRIu64
		"  unresolved: %" PRIu64 "  partial owners: %" PRIu64
		"  shared folios: %" PRIu64 "\n", t->lost,
		t->lost_unknown ? "+" : "", t->corrupt, t->unresolved,
		t->partial, t->shared_folios);
	if (t->input_errors)
		fprintf(f, "  input errors: %" PRIu64 " (damage the trace "
			"libraries noticed; these totals may be short)\n",
			t->input_errors);
	if (so_filter_active(m->filter))
		table_filter(f, m->filter);

	render_lists(&l, m, opts);
	fprintf(f, "\nPROCESSES (%zu of %zu, by pages; shared folios count "
		"for every owner)\n", l.nr_procs, m->procs.nr);
	fprintf(f, "%8s %-16s %8s %8s %10s %8s %8s %8s %8s %8s %8s %8s %12s %12s\n",
		"TGID", "COMM", "FOLIOS", "PAGES", "KIB", "SHARED",
		"WRITTEN", "ZSWAP", "ZERO", "CLEAN", "STALE", "KEPT",
		"FIRST_S", "LAST_S");
	for (i = 0; i < l.nr_procs; i++) {
		const struct so_proc *p = l.procs[i];

		fprintf(f, "%8d %-16s %8" PRIu64 " %8" PRIu64 " %10" PRIu64
			" %8" PRIu64 " %8" PRIu64 " %8" PRIu64 " %8" PRIu64
			" %8" PRIu64 " %8" PRIu64 " %8" PRIu64
			" %12.6f %12.6f\n",
			p->tgid, comm_or_unknown(p->comm), p->folios,
			p->pages, p->pages * m->page_size / 1024,
			p->shared_pages, written_pages(p->disp),
			p->disp[SO_DISP_ZSWAP], p->disp[SO_DISP_ZERO],
			p->disp[SO_DISP_CLEAN], p->disp[SO_DISP_STALE],
			kept_pages(p->disp), ts_sec(p->first_ts),
			ts_sec(p->last_ts));
	}

	fprintf(f, "\nBLAMED BY current (common_pid: the task that ran "
		"reclaim)\n");
	fprintf(f, "%8s %-16s %8s %8s %10s\n", "PID", "COMM", "FOLIOS",
		"PAGES", "OWN_FOLIOS");
	for (i = 0; l.blamed && i < m->blamed.nr; i++)
		fprintf(f, "%8d %-16s %8" PRIu64 " %8" PRIu64 " %10" PRIu64
			"\n", l.blamed[i]->pid,
			comm_or_unknown(l.blamed[i]->comm), l.blamed[i]->folios,
			l.blamed[i]->pages, l.blamed[i]->own_folios);

	fprintf(f, "\nCGROUPS\n%12s %8s %8s  %s\n", "MEMCG_ID", "FOLIOS",
		"PAGES", "PATH");
	for (i = 0; l.cgroups && i < m->cgroups.nr; i++)
		fprintf(f, "%12" PRIu64 " %8" PRIu64 " %8" PRIu64 "  %s\n",
			l.cgroups[i]->id, l.cgroups[i]->count.folios,
			l.cgroups[i]->count.pages,
			l.cgroups[i]->path ? l.cgroups[i]->path : "-");

	fprintf(f, "\nSWAP TYPES\n%8s %8s %8s\n", "TYPE", "FOLIOS", "PAGES");
	for (i = 0; l.types && i < m->swaptypes.nr; i++)
		fprintf(f, "%8u %8" PRIu64 " %8" PRIu64 "\n", l.types[i]->type,
			l.types[i]->count.folios, l.types[i]->count.pages);
	render_lists_free(&l);
	if (opts->timeline)
		so_render_timeline_table(f, opts->timeline);
}

/* so_render_timeline_table - one row per bucket, one column per series */
void so_render_timeline_table(FILE *f, const struct so_timeline *tl)
{
	size_t b;
	size_t s;

	fprintf(f, "\nTIMELINE (pages per %.6f s from %.6f s; shared folios "
		"count for every owner)\n", ts_sec(tl->bucket),
		ts_sec(tl->start));
	for (s = 0; s < tl->nr_procs; s++)
		fprintf(f, "%s%d=%s", s ? "  " : "series: ", tl->procs[s]->tgid,
			comm_or_unknown(tl->procs[s]->comm));
	fputs(tl->nr_procs ? "\n" : "", f);
	fprintf(f, "%12s %8s", "START_S", "TOTAL");
	for (s = 0; s < tl->nr_procs; s++)
		fprintf(f, " %8d", tl->procs[s]->tgid);
	fprintf(f, " %8s\n", "OTHER");
	for (b = 0; b < tl->nr_buckets; b++) {
		fprintf(f, "%12.6f %8" PRIu64,
			ts_sec(tl->start + b * tl->bucket), tl->total[b]);
		for (s = 0; s <= tl->nr_procs; s++)
			fprintf(f, " %8" PRIu64, so_timeline_pages(tl, b, s));
		fputc('\n', f);
	}
}

/*
 * so_render_interval - the rolling table of record -i: what the last
 * interval [t0, t1] s added, then the running totals
 */
void so_render_interval(FILE *f, const struct so_model *m,
			const struct so_interval_delta *d, double t0,
			double t1, int top)
{
	const struct so_totals *t = &m->totals;
	size_t limit = d->nr_procs;
	size_t i;

	if (top > 0 && (size_t)top < limit)
		limit = top;
	fprintf(f, "%8.3f - %8.3f s: %" PRIu64 " folios, %" PRIu64
		" pages (%" PRIu64 " KiB); lost %" PRIu64 "%s, corrupt %"
		PRIu64 "\n", t0, t1, d->totals.events, d->totals.pages,
		d->totals.pages * m->page_size / 1024, d->totals.lost,
		d->totals.lost_unknown ? "+" : "", d->totals.corrupt);
	fprintf(f, "%20s  %" PRIu64 " folios, %" PRIu64 " pages (%" PRIu64
		" KiB); lost %" PRIu64 "%s, corrupt %" PRIu64 "\n", "total:",
		t->events, t->pages, t->pages * m->page_size / 1024, t->lost,
		t->lost_unknown ? "+" : "", t->corrupt);
	fprintf(f, "%8s %-16s %8s %8s %10s %12s\n", "TGID", "COMM", "FOLIOS",
		"PAGES", "KIB", "TOTAL_PAGES");
	for (i = 0; i < limit; i++)
		fprintf(f, "%8d %-16s %8" PRIu64 " %8" PRIu64 " %10" PRIu64
			" %12" PRIu64 "\n", d->procs[i].proc->tgid,
			comm_or_unknown(d->procs[i].proc->comm),
			d->procs[i].folios, d->procs[i].pages,
			d->procs[i].pages * m->page_size / 1024,
			d->procs[i].proc->pages);
	fputc('\n', f);
}

/* so_json_str - s as a JSON string; bytes >= 0x80 as \u00XX */
void so_json_str(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

/* json_disp - the "disposition" object of a pages-by-disposition array */
static void json_disp(FILE *f, const uint64_t *disp)
{
	int i;

	fputs("{", f);
	for (i = 0; i < SO_DISP_NR; i++)
		fprintf(f, "\"%s\": %" PRIu64 ", ", so_disp_names[i], disp[i]);
	fprintf(f, "\"other\": %" PRIu64 "}", disp[SO_DISP_OTHER]);
}

/* json_filter - the "filter" member (only when there is a filter) */
static void json_filter(FILE *f, const struct so_filter *flt)
{
	const char *sep;
	size_t i;

	fputs("  \"filter\": {\"pids\": [", f);
	for (i = 0; i < flt->nr_pids; i++)
		fprintf(f, "%s%d", i ? ", " : "", flt->pids[i]);
	fputs("], \"comms\": [", f);
	for (i = 0; i < flt->nr_comms; i++) {
		fputs(i ? ", " : "", f);
		so_json_str(f, flt->comms[i]);
	}
	fputs("], \"cgroups\": [", f);
	for (i = 0, sep = ""; i < flt->nr_args; i++) {
		if (strcmp(flt->args[i].opt, "--cgroup"))
			continue;
		fputs(sep, f);
		so_json_str(f, flt->args[i].value);
		sep = ", ";
	}
	fputs("],\n             \"memcg_ids\": [", f);
	for (i = 0; i < flt->nr_cgroups; i++)
		fprintf(f, "%s%" PRIu64, i ? ", " : "", flt->cgroups[i].id);
	fputs("], \"kernel_filter\": ", f);
	if (flt->kernel)
		so_json_str(f, flt->kernel);
	else
		fputs("null", f);
	fputs("},\n", f);
}

static void json_totals(FILE *f, const struct so_model *m)
{
	const struct so_totals *t = &m->totals;
	int i;

	fprintf(f, "  \"totals\": {\n"
		"    \"folios\": %" PRIu64 ",\n"
		"    \"pages\": %" PRIu64 ",\n"
		"    \"bytes\": %" PRIu64 ",\n"
		"    \"shared_folios\": %" PRIu64 ",\n"
		"    \"unresolved_events\": %" PRIu64 ",\n"
		"    \"partial_events\": %" PRIu64 ",\n"
		"    \"unlisted_owners\": %" PRIu64 ",\n"
		"    \"corrupt_records\": %" PRIu64 ",\n"
		"    \"lost_events\": %" PRIu64 ",\n"
		"    \"lost_unknown\": %" PRIu64 ",\n"
		"    \"input_errors\": %" PRIu64 ",\n"
		"    \"first_ts_ns\": %" PRIu64 ",\n"
		"    \"last_ts_ns\": %" PRIu64 ",\n"
		"    \"pages_by_disposition\": ",
		t->events, t->pages, t->pages * m->page_size,
		t->shared_folios, t->unresolved, t->partial,
		t->capped_owners, t->corrupt, t->lost, t->lost_unknown,
		t->input_errors, t->first_ts, t->last_ts);
	json_disp(f, t->disp);
	fputs(",\n    \"folios_by_kind\": {", f);
	for (i = 0; i < SO_KIND_NR; i++)
		fprintf(f, "\"%s\": %" PRIu64 ", ", so_kind_names[i], t->kind[i]);
	fprintf(f, "\"other\": %" PRIu64 "},\n", t->kind[SO_KIND_NR]);
	fputs("    \"events_by_flag\": {", f);
	for (i = 0; i < SO_FL_NR; i++)
		fprintf(f, "%s\"%s\": %" PRIu64, i ? ", " : "",
			so_flag_names[i], t->flag[i]);
	fputs("}\n  },\n", f);
}

/*
 * so_render_json - one JSON document, its keys documented in README.md (an
 * interface: a new version of the layout only adds keys)
 */
void so_render_json(FILE *f, const struct so_model *m,
		    const struct so_render_opts *opts)
{
	struct render_lists l;
	size_t i;

	fprintf(f, "{\n  \"version\": %d,\n  \"sources\": [", SO_JSON_VERSION);
	for (i = 0; i < (size_t)opts->nr_sources; i++) {
		fputs(i ? ", " : "", f);
		so_json_str(f, opts->sources[i]);
	}
	fprintf(f, "],\n  \"page_size\": %u,\n", m->page_size);
	if (so_filter_active(m->filter))
		json_filter(f, m->filter);
	json_totals(f, m);

	render_lists(&l, m, opts);
	fputs("  \"processes\": [", f);
	for (i = 0; i < l.nr_procs; i++) {
		const struct so_proc *p = l.procs[i];

		fprintf(f, "%s\n    {\"tgid\": %d, \"comm\": ", i ? "," : "",
			p->tgid);
		so_json_str(f, p->comm);
		fprintf(f, ", \"folios\": %" PRIu64 ", \"pages\": %" PRIu64
			", \"bytes\": %" PRIu64 ", \"shared_pages\": %" PRIu64
			", \"first_ts_ns\": %" PRIu64 ", \"last_ts_ns\": %"
			PRIu64 ", \"pages_by_disposition\": ", p->folios,
			p->pages, p->pages * m->page_size, p->shared_pages,
			p->first_ts, p->last_ts);
		json_disp(f, p->disp);
		fputs("}", f);
	}
	fputs(l.nr_procs ? "\n  ],\n" : "],\n", f);

	fputs("  \"blamed\": [", f);
	for (i = 0; l.blamed && i < m->blamed.nr; i++) {
		fprintf(f, "%s\n    {\"pid\": %d, \"comm\": ", i ? "," : "",
			l.blamed[i]->pid);
		so_json_str(f, l.blamed[i]->comm);
		fprintf(f, ", \"folios\": %" PRIu64 ", \"pages\": %" PRIu64
			", \"own_folios\": %" PRIu64 "}", l.blamed[i]->folios,
			l.blamed[i]->pages, l.blamed[i]->own_folios);
	}
	fputs(l.blamed ? "\n  ],\n" : "],\n", f);

	fputs("  \"cgroups\": [", f);
	for (i = 0; l.cgroups && i < m->cgroups.nr; i++) {
		const struct so_cgroup *cg = l.cgroups[i];

		/* "ino": the same value, as JSON version 1 first named it */
		fprintf(f, "%s\n    {\"memcg_id\": %" PRIu64 ", \"ino\": %"
			PRIu64 ", \"path\": ", i ? "," : "", cg->id, cg->id);
		if (cg->path)
			so_json_str(f, cg->path);
		else
			fputs("null", f);
		fprintf(f, ", \"folios\": %" PRIu64 ", \"pages\": %" PRIu64
			"}", cg->count.folios, cg->count.pages);
	}
	fputs(l.cgroups ? "\n  ],\n" : "],\n", f);

	fputs("  \"swap_types\": [", f);
	for (i = 0; l.types && i < m->swaptypes.nr; i++)
		fprintf(f, "%s\n    {\"type\": %u, \"folios\": %" PRIu64
			", \"pages\": %" PRIu64 "}", i ? "," : "",
			l.types[i]->type, l.types[i]->count.folios,
			l.types[i]->count.pages);
	fputs(l.types ? "\n  ]" : "]", f);
	render_lists_free(&l);
	if (opts->timeline) {
		fputs(",\n", f);
		so_render_timeline_json(f, opts->timeline);
	}
	fputs("\n}\n", f);
}

/* so_render_timeline_json - the "timeline" member of the document */
void so_render_timeline_json(FILE *f, const struct so_timeline *tl)
{
	size_t b;
	size_t s;

	fprintf(f, "  \"timeline\": {\"start_ns\": %" PRIu64 ", "
		"\"bucket_ns\": %" PRIu64 ",\n    \"series\": [", tl->start,
		tl->bucket);
	for (s = 0; s < tl->nr_procs; s++) {
		fprintf(f, "{\"tgid\": %d, \"comm\": ", tl->procs[s]->tgid);
		so_json_str(f, tl->procs[s]->comm);
		fputs("}, ", f);
	}
	fputs("{\"tgid\": null, \"comm\": \"other\"}],\n    \"buckets\": [",
	      f);
	for (b = 0; b < tl->nr_buckets; b++) {
		fprintf(f, "%s\n      {\"start_ns\": %" PRIu64 ", \"pages\": %"
			PRIu64 ", \"series_pages\": [", b ? "," : "",
			tl->start + b * tl->bucket, tl->total[b]);
		for (s = 0; s <= tl->nr_procs; s++)
			fprintf(f, "%s%" PRIu64, s ? ", " : "",
				so_timeline_pages(tl, b, s));
		fputs("]}", f);
	}
	fputs("\n    ]\n  }", f);
}

/*
 * so_render_timeline_csv - one row per bucket and series:
 * start_ns,end_ns,tgid,comm,pages,input_errors (the report's, on every
 * row); tgid empty and comm "other" for the
 * owners outside the top, comm "total" for all pages (each folio once)
 */
void so_render_timeline_csv(FILE *f, const struct so_timeline *tl,
			    uint64_t input_errors)
{
	uint64_t start;
	size_t b;
	size_t s;

	fputs("start_ns,end_ns,tgid,comm,pages,input_errors\n", f);
	for (b = 0; b < tl->nr_buckets; b++) {
		start = tl->start + b * tl->bucket;
		fprintf(f, "%" PRIu64 ",%" PRIu64 ",,total,%" PRIu64 ",%"
			PRIu64 "\n", start, start + tl->bucket, tl->total[b],
			input_errors);
		for (s = 0; s < tl->nr_procs; s++) {
			fprintf(f, "%" PRIu64 ",%" PRIu64 ",%d,", start,
				start + tl->bucket, tl->procs[s]->tgid);
			so_csv_str(f, tl->procs[s]->comm);
			fprintf(f, ",%" PRIu64 ",%" PRIu64 "\n",
				so_timeline_pages(tl, b, s), input_errors);
		}
		fprintf(f, "%" PRIu64 ",%" PRIu64 ",,other,%" PRIu64 ",%"
			PRIu64 "\n", start, start + tl->bucket,
			so_timeline_pages(tl, b, tl->nr_procs), input_errors);
	}
}

/* so_csv_str - s as a CSV field, quoted when it needs to be (RFC 4180) */
void so_csv_str(FILE *f, const char *s)
{
	const char *p;

	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

/*
 * so_render_csv - one row per process, header first; the last column is
 * the report's input_errors, the same on every row
 */
void so_render_csv(FILE *f, const struct so_model *m,
		   const struct so_render_opts *opts)
{
	struct render_lists l;
	size_t i;
	int d;

	if (opts->timeline) {
		so_render_timeline_csv(f, opts->timeline,
				       m->totals.input_errors);
		return;
	}
	fputs("tgid,comm,folios,pages,bytes,shared_pages", f);
	for (d = 0; d < SO_DISP_NR; d++)
		fprintf(f, ",%s", so_disp_names[d]);
	fputs(",other,first_ts_ns,last_ts_ns,input_errors\n", f);

	render_lists(&l, m, opts);
	for (i = 0; i < l.nr_procs; i++) {
		const struct so_proc *p = l.procs[i];

		fprintf(f, "%d,", p->tgid);
		so_csv_str(f, p->comm);
		fprintf(f, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64,
			p->folios, p->pages, p->pages * m->page_size,
			p->shared_pages);
		for (d = 0; d < SO_NR_DISP; d++)
			fprintf(f, ",%" PRIu64, p->disp[d]);
		fprintf(f, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 "\n",
			p->first_ts, p->last_ts, m->totals.input_errors);
	}
	render_lists_free(&l);
}

/* so_render - print m in opts->format */
void so_render(FILE *f, const struct so_model *m,
	       const struct so_render_opts *opts)
{
	switch (opts->format) {
	case SO_FMT_JSON:
		so_render_json(f, m, opts);
		break;
	case SO_FMT_CSV:
		so_render_csv(f, m, opts);
		break;
	default:
		so_render_table(f, m, opts);
		break;
	}
}

/* snapshot_limit - the processes of s to print: those with pages, --top */
static size_t snapshot_limit(const struct so_snap *s,
			     const struct so_render_opts *opts)
{
	size_t n = 0;

	while (n < s->nr_procs && s->procs[n].pages)
		n++;
	return render_limit(n, opts);
}

static void snapshot_json(FILE *f, const struct so_snap *s, size_t n)
{
	const struct so_snap_proc *p;
	size_t i;

	fprintf(f, "{\n  \"version\": %d,\n  \"page_size\": %u,\n"
		"  \"totals\": {\"slots\": %" PRIu64 ", \"bytes\": %" PRIu64
		", \"shared_slots\": %" PRIu64 "},\n  \"processes\": [",
		SO_JSON_VERSION, s->page_size, s->unique_slots,
		s->unique_slots * s->page_size, s->shared_slots);
	for (i = 0; i < n; i++) {
		p = &s->procs[i];
		fprintf(f, "%s\n    {\"pid\": %d, \"comm\": ", i ? "," : "",
			(int)p->pid);
		so_json_str(f, p->comm);
		fprintf(f, ", \"pages\": %" PRIu64 ", \"bytes\": %" PRIu64
			", \"shared_pages\": %" PRIu64 "}", p->pages,
			p->pages * s->page_size, p->shared_pages);
	}
	fputs(n ? "\n  ]\n}\n" : "]\n}\n", f);
}

static void snapshot_csv(FILE *f, const struct so_snap *s, size_t n)
{
	const struct so_snap_proc *p;
	size_t i;

	fputs("pid,comm,pages,bytes,shared_pages\n", f);
	for (i = 0; i < n; i++) {
		p = &s->procs[i];
		fprintf(f, "%d,", (int)p->pid);
		so_csv_str(f, p->comm);
		fprintf(f, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 "\n", p->pages,
			p->pages * s->page_size, p->shared_pages);
	}
}

static void snapshot_table(FILE *f, const struct so_snap *s, size_t n)
{
	const struct so_snap_proc *p;
	size_t i;

	fprintf(f, "%" PRIu64 " swap slots (%" PRIu64 " KiB) in use by these "
		"processes, %" PRIu64 " of them shared\n\n", s->unique_slots,
		s->unique_slots * s->page_size / 1024, s->shared_slots);
	fprintf(f, "%8s %-16s %8s %10s %8s\n", "PID", "COMM", "PAGES", "KIB",
		"SHARED");
	for (i = 0; i < n; i++) {
		p = &s->procs[i];
		fprintf(f, "%8d %-16s %8" PRIu64 " %10" PRIu64 " %8" PRIu64
			"\n", (int)p->pid, comm_or_unknown(p->comm), p->pages,
			p->pages * s->page_size / 1024, p->shared_pages);
	}
}

/*
 * so_render_snapshot - print a finished snapshot (so_snap_finish()) in
 * opts->format: the processes that map swap slots, --top at most
 */
void so_render_snapshot(FILE *f, const struct so_snap *s,
			const struct so_render_opts *opts)
{
	size_t n = snapshot_limit(s, opts);

	if (opts->format == SO_FMT_JSON)
		snapshot_json(f, s, n);
	else if (opts->format == SO_FMT_CSV)
		snapshot_csv(f, s, n);
	else
		snapshot_table(f, s, n);
}
