#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"
#include "config.h"
#include "error.h"
#include "report.h"
#include "site.h"
#include "workspace.h"
#include "strbuf.h"
#include "template.h"
#include "worktree.h"
#include "strlist.h"
#include "xalloc.h"

static int S_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int S_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

void pages_escape_markdown(struct strbuf *sb, const char *s, size_t len)
{
	size_t i = 0, end = len, digits = 0, block = (size_t)-1;

	while (i < end && S_space(s[i]))
		i++;
	while (end > i && S_space(s[end - 1]))
		end--;
	while (i + digits < end && s[i + digits] >= '0' && s[i + digits] <= '9')
		digits++;
	if (i < end && s[i] && strchr("#>-+=", s[i]))
		block = i;
	else if (digits && i + digits < end && (s[i + digits] == '.' || s[i + digits] == ')'))
		block = i + digits;
	for (; i < end; i++) {
		char c = s[i];
		if (S_space(c)) {
			while (S_space(s[i + 1]))
				i++;
			strbuf_addch(sb, ' ');
			continue;
		}
		if (i == block || (c && strchr("\\`*_[]|~<", c)) ||
		    (c == '&' && i + 1 < end && (S_alnum(s[i + 1]) || s[i + 1] == '#')))
			strbuf_addch(sb, '\\');
		strbuf_addch(sb, c);
	}
}

static int S_week_order(const void *a, const void *b)
{
	return iso_week_compare(a, b);
}

static const char *const S_extension[] = { [PAGES_MD] = ".md", [PAGES_HTML] = ".html" };

int pages_weeks(struct iso_week **out, size_t *n, const struct snapshot *snap, const char *sub,
		const struct iso_week *weeks, size_t nweeks, unsigned formats)
{
	struct strlist names = STRLIST_INIT;
	struct strbuf folder = STRBUF_INIT;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	strbuf_addstr(&folder, snap->config->reports_dir);
	if (*sub)
		strbuf_addf(&folder, "/%s", sub);
	int r = repo_list_folder(&names, snap->repo, snap->commit, folder.buf);
	strbuf_release(&folder);
	if (r < 0)
		return -1;
	XGROW(*out, cap, nweeks + 1);
	if (nweeks)
		memcpy(*out, weeks, nweeks * sizeof(*weeks));
	*n = nweeks;
	for (size_t i = 0; i < names.len; i++) {
		const char *name = names.items[i], *dot = strrchr(name, '.');
		char week_name[ISO_WEEK_SIZE];
		struct iso_week week;
		if (!dot || (size_t)(dot - name) != ISO_WEEK_SIZE - 1)
			continue;
		if (!((formats & PAGES_MD) && strcmp(dot, S_extension[PAGES_MD]) == 0) &&
		    !((formats & PAGES_HTML) && strcmp(dot, S_extension[PAGES_HTML]) == 0))
			continue;
		memcpy(week_name, name, ISO_WEEK_SIZE - 1);
		week_name[ISO_WEEK_SIZE - 1] = '\0';
		if (iso_week_parse(&week, week_name) < 0)
			continue;
		XGROW(*out, cap, *n + 1);
		(*out)[(*n)++] = week;
	}
	strlist_release(&names);
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), S_week_order);
	size_t kept = 0;
	for (size_t i = 0; i < *n; i++)
		if (!kept || iso_week_compare(&(*out)[kept - 1], &(*out)[i]) != 0)
			(*out)[kept++] = (*out)[i];
	*n = kept;
	return 0;
}

/* Writes page f beside its name in the working tree, unless its file there has edits. */
static int S_stage(struct pages *pages, const struct repo_file *f)
{
	const struct snapshot *snap = pages->write_into;
	int dirty = repo_path_dirty(snap->repo, f->path, f->bytes, f->len);
	if (dirty < 0)
		return -1;
	if (dirty)
		return error_set("%s has changes that are not committed; not replacing it\n"
				 "hint: commit them, or move the file away, then run again", f->path);
	return worktree_write_begin(&pages->staged[pages->len], snap->root, f->path, f->bytes,
				    f->len);
}

/* True when each page is written as it is made: into the working tree, or a site. */
static int S_as_made(const struct pages *pages)
{
	return pages->write_into || pages->site;
}

/* One page: `template` over `model` as reports/`path` (or the site's), escaped for its syntax. */
static int S_render(struct pages *pages, const struct snapshot *snap,
		    const struct template_set *set, const char *template, const char *path,
		    const json_t *model, unsigned format)
{
	struct strbuf out = STRBUF_INIT;

	if (template_render(&out, set, template, model,
			    format == PAGES_MD ? pages_escape_markdown : mustache_escape_html) < 0) {
		strbuf_release(&out);
		return -1;
	}
	size_t cap = pages->cap;
	XGROW(pages->files, pages->cap, pages->len + 1);
	if (S_as_made(pages) && cap != pages->cap)
		pages->staged = xrealloc(pages->staged, pages->cap * sizeof(*pages->staged));
	struct strbuf full = STRBUF_INIT;
	strbuf_addf(&full, "%s/%s", pages->site ? pages->site->shown : snap->config->reports_dir,
		    path);
	struct repo_file *f = &pages->files[pages->len];
	f->path = strbuf_detach(&full);
	f->len = out.len;
	f->bytes = strbuf_detach(&out);
	if (!S_as_made(pages)) {
		pages->len++;
		return 0;
	}
	int r = pages->site
		? site_write_begin(pages->site, &pages->staged[pages->len], path, f->bytes, f->len)
		: S_stage(pages, f);
	free((char *)f->bytes);
	f->bytes = NULL;
	if (r < 0)
		free((char *)f->path);
	else
		pages->len++;
	return r;
}

int pages_render(struct pages *pages, const struct snapshot *snap, const char *template,
		 const char *path, const json_t *model, unsigned format)
{
	struct template_set set = { snapshot_read_template, (void *)snap, NULL, 0 };
	return S_render(pages, snap, &set, template, path, model, format);
}

/* The weeks with a page of each format: [PAGES_MD] and [PAGES_HTML]. */
struct paged {
	const struct iso_week *weeks[PAGES_HTML + 1];
	size_t n[PAGES_HTML + 1];
};

static int S_same_weeks(const struct paged *p, unsigned a, unsigned b)
{
	return p->n[a] == p->n[b] &&
		(!p->n[a] || memcmp(p->weeks[a], p->weeks[b], p->n[a] * sizeof(**p->weeks)) == 0);
}

static void S_use(struct report_options *options, const struct paged *p, unsigned format)
{
	options->paged = p->weeks[format];
	options->npaged = p->n[format];
}

/*
 * The pages of `weeks` in `formats`, each linking to the weeks of `paged`
 * with a page of its format, and the index of those; the report and
 * paged are the caller's.
 */
static int S_make(struct pages *pages, const struct snapshot *snap, const struct report *report,
		  const struct paged *paged, const struct iso_week *weeks, size_t nweeks,
		  const struct date *today, unsigned formats)
{
	static const unsigned order[] = { PAGES_MD, PAGES_HTML };
	struct template_set set = { snapshot_read_template, (void *)snap, NULL, 0 };
	struct report_options options = { { 0, 0 }, *today, snap->commit, NULL, 0 };
	char path[ISO_WEEK_SIZE + 8], template[16];
	int r = 0;

	for (size_t i = 0; r == 0 && i < nweeks; i++) {
		json_t *model = NULL;
		unsigned made_for = 0;
		options.week = weeks[i];
		for (size_t f = 0; r == 0 && f < 2; f++) {
			unsigned format = order[f];
			if (!(formats & format))
				continue;
			/* Both formats' pages of a week are made from one model when they link alike. */
			if (!model || !S_same_weeks(paged, made_for, format)) {
				json_decref(model);
				S_use(&options, paged, format);
				model = report_week(report, &options);
				made_for = format;
				if (!model) {
					r = -1;
					break;
				}
			}
			iso_week_format(path, &weeks[i]);
			strcat(path, S_extension[format]);
			snprintf(template, sizeof(template), "week%s", S_extension[format]);
			r = S_render(pages, snap, &set, template, path, model, format);
		}
		json_decref(model);
	}
	for (size_t f = 0; r == 0 && f < 2; f++) {
		if (!(formats & order[f]))
			continue;
		S_use(&options, paged, order[f]);
		snprintf(path, sizeof(path), "index%s", S_extension[order[f]]);
		json_t *index = report_index(report, &options);
		r = S_render(pages, snap, &set, path, path, index, order[f]);
		json_decref(index);
	}
	return r;
}

int pages_make(struct pages *pages, const struct snapshot *snap, const struct iso_week *weeks,
	       size_t nweeks, const struct date *today, unsigned formats)
{
	static const unsigned order[] = { PAGES_MD, PAGES_HTML };
	struct iso_week *found[PAGES_HTML + 1] = { NULL };
	struct paged paged = { { NULL }, { 0 } };
	int r = 0;

	for (size_t f = 0; r == 0 && f < 2; f++)
		if (formats & order[f]) {
			r = pages_weeks(&found[order[f]], &paged.n[order[f]], snap, "", weeks, nweeks,
					order[f]);
			paged.weeks[order[f]] = found[order[f]];
		}
	if (r == 0) {
		struct report *report = report_new(&snap->corpus, snap->config, REPORT_LINK_NOTES);
		r = S_make(pages, snap, report, &paged, weeks, nweeks, today, formats);
		report_free(report);
	}
	free(found[PAGES_MD]);
	free(found[PAGES_HTML]);
	return r;
}

int pages_make_site(struct pages *pages, const struct snapshot *snap, const char *dir,
		    const struct iso_week *weeks, size_t nweeks, const struct date *today)
{
	const char *apart[] = { snap->config->notes_dir, snap->config->reports_dir, TEMPLATE_DIR };
	struct strlist names = STRLIST_INIT;
	char name[ISO_WEEK_SIZE + 8];

	pages->site = xmalloc(sizeof(*pages->site));
	if (site_open(pages->site, dir, snap->root, apart, sizeof(apart) / sizeof(*apart)) < 0)
		return -1;
	/* The site is its own world: its pages link to its weeks alone. */
	struct paged paged = { { NULL, NULL, weeks }, { 0, 0, nweeks } };
	for (size_t i = 0; i < nweeks; i++) {
		iso_week_format(name, &weeks[i]);
		strcat(name, S_extension[PAGES_HTML]);
		strlist_add(&names, name);
	}
	strlist_add(&names, "index.html");
	int r = site_begin(pages->site, &names);
	strlist_release(&names);
	if (r == 0) {
		struct report *report = report_new(&snap->corpus, snap->config, REPORT_NO_NOTE_LINKS);
		r = S_make(pages, snap, report, &paged, weeks, nweeks, today, PAGES_HTML);
		report_free(report);
	}
	return r;
}

void pages_write_as_made(struct pages *pages, const struct snapshot *snap)
{
	pages->write_into = snap;
}

int pages_write(struct pages *pages)
{
	/* A page that cannot take its name is gone too (atomic_write_finish). */
	for (; pages->named < pages->len; pages->named++)
		if (worktree_write_finish(&pages->staged[pages->named],
					  pages->files[pages->named].path) < 0) {
			pages->named++;
			return -1;
		}
	return pages->site ? site_end(pages->site) : 0;
}

void pages_release(struct pages *pages)
{
	for (size_t i = pages->named; S_as_made(pages) && i < pages->len; i++)
		atomic_write_abandon(&pages->staged[i]);
	if (pages->site)
		site_close(pages->site);
	free(pages->site);
	free(pages->staged);
	for (size_t i = 0; i < pages->len; i++) {
		free((char *)pages->files[i].path);
		free((char *)pages->files[i].bytes);
	}
	free(pages->files);
	*pages = (struct pages)PAGES_INIT;
}
