/*
 * render.c - print the data model: table, JSON, CSV
 *
 * Processes are sorted by pages (descending), then tgid; blamed tasks the
 * same way; cgroups and swap types by their key.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

/* Unknown comm, as trace-cmd prints it */
#define SO_COMM_UNKNOWN	"<...>"

static int blamed_cmp(const void *a, const void *b)
{
	const struct so_blamed *ba = *(const struct so_blamed *const *)a;
	const struct so_blamed *bb = *(const struct so_blamed *const *)b;

	if (ba->pages != bb->pages)
		return ba->pages < bb->pages ? 1 : -1;
	return (ba->pid > bb->pid) - (ba->pid < bb->pid);
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

/* render_limit - how many processes to print */
static size_t render_limit(const struct so_model *m,
			   const struct so_render_opts *opts)
{
	if (opts->top > 0 && (size_t)opts->top < m->procs.nr)
		return opts->top;
	return m->procs.nr;
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

/* so_render_table - the aligned tables for people */
void so_render_table(FILE *f, const struct so_model *m,
		     const struct so_render_opts *opts)
{
	const struct so_totals *t = &m->totals;
	struct so_swaptype **types;
	struct so_blamed **blamed;
	struct so_cgroup **cgs;
	struct so_proc **procs;
	size_t limit;
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

	limit = render_limit(m, opts);
	procs = (struct so_proc **)render_sorted(&m->procs, so_proc_cmp);
	fprintf(f, "\nPROCESSES (%zu of %zu, by pages; shared folios count "
		"for every owner)\n", procs ? limit : 0, m->procs.nr);
	fprintf(f, "%8s %-16s %8s %8s %10s %8s %8s %8s %8s %8s %8s %8s %12s %12s\n",
		"TGID", "COMM", "FOLIOS", "PAGES", "KIB", "SHARED",
		"WRITTEN", "ZSWAP", "ZERO", "CLEAN", "STALE", "KEPT",
		"FIRST_S", "LAST_S");
	for (i = 0; procs && i < limit; i++) {
		const struct so_proc *p = procs[i];

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
	free(procs);

	blamed = (struct so_blamed **)render_sorted(&m->blamed, blamed_cmp);
	fprintf(f, "\nBLAMED BY current (common_pid: the task that ran "
		"reclaim)\n");
	fprintf(f, "%8s %-16s %8s %8s %10s\n", "PID", "COMM", "FOLIOS",
		"PAGES", "OWN_FOLIOS");
	for (i = 0; blamed && i < m->blamed.nr; i++)
		fprintf(f, "%8d %-16s %8" PRIu64 " %8" PRIu64 " %10" PRIu64
			"\n", blamed[i]->pid, comm_or_unknown(blamed[i]->comm),
			blamed[i]->folios, blamed[i]->pages,
			blamed[i]->own_folios);
	free(blamed);

	cgs = (struct so_cgroup **)render_sorted(&m->cgroups, cgroup_cmp);
	fprintf(f, "\nCGROUPS\n%12s %8s %8s  %s\n", "MEMCG_ID", "FOLIOS",
		"PAGES", "PATH");
	for (i = 0; cgs && i < m->cgroups.nr; i++)
		fprintf(f, "%12" PRIu64 " %8" PRIu64 " %8" PRIu64 "  %s\n",
			cgs[i]->id, cgs[i]->folios, cgs[i]->pages,
			cgs[i]->path ? cgs[i]->path : "-");
	free(cgs);

	types = (struct so_swaptype **)render_sorted(&m->swaptypes,
						     swaptype_cmp);
	fprintf(f, "\nSWAP TYPES\n%8s %8s %8s\n", "TYPE", "FOLIOS", "PAGES");
	for (i = 0; types && i < m->swaptypes.nr; i++)
		fprintf(f, "%8u %8" PRIu64 " %8" PRIu64 "\n", types[i]->type,
			types[i]->folios, types[i]->pages);
	free(types);
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

/* so_render_json - one JSON document; the keys are documented */
void so_render_json(FILE *f, const struct so_model *m,
		    const struct so_render_opts *opts)
{
	struct so_swaptype **types;
	struct so_blamed **blamed;
	struct so_cgroup **cgs;
	struct so_proc **procs;
	size_t limit;
	size_t i;
	int s;

	fprintf(f, "{\n  \"version\": %d,\n  \"sources\": [", SO_JSON_VERSION);
	for (s = 0; s < opts->nr_sources; s++) {
		fputs(s ? ", " : "", f);
		so_json_str(f, opts->sources[s]);
	}
	fprintf(f, "],\n  \"page_size\": %u,\n", m->page_size);
	json_totals(f, m);

	limit = render_limit(m, opts);
	procs = (struct so_proc **)render_sorted(&m->procs, so_proc_cmp);
	fputs("  \"processes\": [", f);
	for (i = 0; procs && i < limit; i++) {
		const struct so_proc *p = procs[i];

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
	fputs(limit && procs ? "\n  ],\n" : "],\n", f);
	free(procs);

	blamed = (struct so_blamed **)render_sorted(&m->blamed, blamed_cmp);
	fputs("  \"blamed\": [", f);
	for (i = 0; blamed && i < m->blamed.nr; i++) {
		fprintf(f, "%s\n    {\"pid\": %d, \"comm\": ", i ? "," : "",
			blamed[i]->pid);
		so_json_str(f, blamed[i]->comm);
		fprintf(f, ", \"folios\": %" PRIu64 ", \"pages\": %" PRIu64
			", \"own_folios\": %" PRIu64 "}", blamed[i]->folios,
			blamed[i]->pages, blamed[i]->own_folios);
	}
	fputs(blamed ? "\n  ],\n" : "],\n", f);
	free(blamed);

	cgs = (struct so_cgroup **)render_sorted(&m->cgroups, cgroup_cmp);
	fputs("  \"cgroups\": [", f);
	for (i = 0; cgs && i < m->cgroups.nr; i++) {
		/* "ino": the same value, as JSON version 1 first named it */
		fprintf(f, "%s\n    {\"memcg_id\": %" PRIu64 ", \"ino\": %"
			PRIu64 ", \"path\": ", i ? "," : "", cgs[i]->id,
			cgs[i]->id);
		if (cgs[i]->path)
			so_json_str(f, cgs[i]->path);
		else
			fputs("null", f);
		fprintf(f, ", \"folios\": %" PRIu64 ", \"pages\": %" PRIu64
			"}", cgs[i]->folios, cgs[i]->pages);
	}
	fputs(cgs ? "\n  ],\n" : "],\n", f);
	free(cgs);

	types = (struct so_swaptype **)render_sorted(&m->swaptypes,
						     swaptype_cmp);
	fputs("  \"swap_types\": [", f);
	for (i = 0; types && i < m->swaptypes.nr; i++)
		fprintf(f, "%s\n    {\"type\": %u, \"folios\": %" PRIu64
			", \"pages\": %" PRIu64 "}", i ? "," : "",
			types[i]->type, types[i]->folios, types[i]->pages);
	fputs(types ? "\n  ]" : "]", f);
	free(types);
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
	struct so_proc **procs;
	size_t limit;
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

	limit = render_limit(m, opts);
	procs = (struct so_proc **)render_sorted(&m->procs, so_proc_cmp);
	for (i = 0; procs && i < limit; i++) {
		const struct so_proc *p = procs[i];

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
	free(procs);
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
