#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "error.h"
#include "report.h"
#include "workspace.h"
#include "strbuf.h"
#include "template.h"
#include "worktree.h"
#include "xalloc.h"

/* Link targets stay as they are: they are the model's own names, not words of a note. */
static int S_is_target(const char *key)
{
	return key && (strcmp(key, "link") == 0 || strcmp(key, "md") == 0 ||
		       strcmp(key, "html") == 0);
}

static json_t *S_markdown(const json_t *model, const char *key)
{
	switch (json_typeof(model)) {
	case JSON_OBJECT: {
		json_t *out = json_object();
		const char *k;
		json_t *value;
		json_object_foreach((json_t *)model, k, value)
			json_object_set_new(out, k, S_markdown(value, k));
		return out;
	}
	case JSON_ARRAY: {
		json_t *out = json_array();
		size_t i;
		json_t *value;
		json_array_foreach(model, i, value)
			json_array_append_new(out, S_markdown(value, key));
		return out;
	}
	case JSON_STRING: {
		if (S_is_target(key))
			return json_deep_copy(model);
		struct strbuf sb = STRBUF_INIT;
		const char *s = json_string_value(model);
		size_t len = json_string_length(model);
		for (size_t i = 0; i < len; i++) {
			if (s[i] == '\n' || s[i] == '\r')
				strbuf_addch(&sb, ' ');
			else if (strchr("\\`*_[]()!#~|", s[i]) && s[i])
				strbuf_addf(&sb, "\\%c", s[i]);
			else
				strbuf_addch(&sb, s[i]);
		}
		json_t *out = json_stringn(sb.buf ? sb.buf : "", sb.len);
		strbuf_release(&sb);
		return out;
	}
	default:
		return json_deep_copy(model);
	}
}

json_t *pages_markdown_model(const json_t *model)
{
	return S_markdown(model, NULL);
}

/* One page: `template` over `model` (for Markdown, pages_markdown_model) as reports/`path`. */
static int S_render(struct pages *pages, const struct snapshot *snap,
		    const struct template_set *set, const char *template, const char *path,
		    const json_t *model)
{
	struct strbuf out = STRBUF_INIT;
	json_t *markdown = NULL;
	int md = strlen(template) > 3 && strcmp(template + strlen(template) - 3, ".md") == 0;

	if (md)
		markdown = pages_markdown_model(model);
	int r = template_render(&out, set, template, md ? markdown : model);
	json_decref(markdown);
	if (r < 0) {
		strbuf_release(&out);
		return -1;
	}
	XGROW(pages->files, pages->cap, pages->len + 1);
	struct strbuf full = STRBUF_INIT;
	strbuf_addf(&full, "%s/%s", snap->config->reports_dir, path);
	pages->files[pages->len].path = strbuf_detach(&full);
	pages->files[pages->len].len = out.len;
	pages->files[pages->len++].bytes = strbuf_detach(&out);
	return 0;
}

int pages_make(struct pages *pages, const struct snapshot *snap, const struct iso_week *weeks,
	       size_t nweeks, const struct date *today, unsigned formats)
{
	struct template_set set = { snapshot_read_template, (void *)snap, NULL, 0 };
	struct report_options options = { { 0, 0 }, *today, snap->commit };

	for (size_t i = 0; i < nweeks; i++) {
		char name[ISO_WEEK_SIZE], path[ISO_WEEK_SIZE + 8];
		options.week = weeks[i];
		iso_week_format(name, &weeks[i]);
		json_t *model = report_week(&snap->corpus, snap->config, &options);
		int r = 0;
		if (formats & PAGES_MD) {
			snprintf(path, sizeof(path), "%s.md", name);
			r = S_render(pages, snap, &set, "week.md", path, model);
		}
		if (r == 0 && (formats & PAGES_HTML)) {
			snprintf(path, sizeof(path), "%s.html", name);
			r = S_render(pages, snap, &set, "week.html", path, model);
		}
		json_decref(model);
		if (r < 0)
			return -1;
	}
	json_t *index = report_index(&snap->corpus, snap->config, &options);
	int r = 0;
	if (formats & PAGES_MD)
		r = S_render(pages, snap, &set, "index.md", "index.md", index);
	if (r == 0 && (formats & PAGES_HTML))
		r = S_render(pages, snap, &set, "index.html", "index.html", index);
	json_decref(index);
	return r;
}

int pages_write(const struct snapshot *snap, const struct pages *pages)
{
	for (size_t i = 0; i < pages->len; i++) {
		const struct repo_file *f = &pages->files[i];
		int dirty = repo_path_dirty(snap->repo, f->path, f->bytes, f->len);
		if (dirty < 0)
			return -1;
		if (dirty)
			return error_set("%s has changes that are not committed; not replacing it\n"
				     "hint: commit them, or move the file away, then run again",
				     f->path);
	}
	for (size_t i = 0; i < pages->len; i++) {
		const struct repo_file *f = &pages->files[i];
		if (worktree_write(snap->root, f->path, f->bytes, f->len) < 0)
			return -1;
	}
	return 0;
}

void pages_release(struct pages *pages)
{
	for (size_t i = 0; i < pages->len; i++) {
		free((char *)pages->files[i].path);
		free((char *)pages->files[i].bytes);
	}
	free(pages->files);
	*pages = (struct pages)PAGES_INIT;
}
