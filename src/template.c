#include "template.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "error.h"
#include "mustache.h"
#include "notefile.h"
#include "source.h"
#include "strbuf.h"
#include "utf8.h"
#include "worktree.h"
#include "xalloc.h"

int template_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > TEMPLATE_NAME_MAX || name[0] == '.' || strstr(name, ".."))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

static int S_compare_builtin(const void *key, const void *entry)
{
	return strcmp(key, ((const struct template_builtin *)entry)->name);
}

static const struct template_builtin *S_builtin(const struct template_builtin *table, size_t n,
						const char *name)
{
	return n ? bsearch(name, table, n, sizeof(*table), S_compare_builtin) : NULL;
}

const struct template_builtin *template_builtin(const char *name)
{
	return S_builtin(template_builtins, template_nbuiltins, name);
}

int template_load(char **text, size_t *len, const struct template_set *set, const char *name)
{
	*text = NULL;
	*len = 0;
	if (!template_name_ok(name))
		return 0;
	if (set && set->read) {
		int r = set->read(set->ctx, name, text, len);
		if (r != 0)
			return r;
	}
	const struct template_builtin *b = set && set->builtins
		? S_builtin(set->builtins, set->nbuiltins, name) : template_builtin(name);
	if (!b)
		return 0;
	*text = xstrndup(b->text, b->len);
	*len = b->len;
	return 1;
}

/* gcc style, so that an editor jumps to the tag at fault. */
static void S_set_error(const struct mustache_error *err)
{
	struct strbuf msg = STRBUF_INIT;
	struct strbuf file = STRBUF_INIT;
	const char *message = err->message ? err->message : "cannot render";

	/* The message may quote the template: never send its bytes to a terminal raw. */
	utf8_append_printable(&msg, message, strlen(message));
	strbuf_addf(&file, "%s/%s", TEMPLATE_DIR, err->name ? err->name : "?");
	error_set_at(file.buf, err->line, err->column, "%s", strbuf_str(&msg));
	strbuf_release(&file);
	strbuf_release(&msg);
}

int template_refuse(const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->len; i++) {
		const struct diag *d = &diags->items[i];
		error_set_at(d->file, d->line, d->column, "%s [%s]", d->message,
			     diag_rule_id(d->rule));
	}
	return -1;
}

struct S_partials {
	const struct template_set *set;
	int failed;           /* a reader set an error */
};

static char *S_load_partial(void *ctx, const char *name, size_t *len)
{
	struct S_partials *p = ctx;
	char *text;

	if (template_load(&text, len, p->set, name) < 0)
		p->failed = 1;
	return text;
}

int template_render(struct strbuf *out, const struct template_set *set, const char *name,
		    const json_t *data, mustache_escape_fn *escape)
{
	struct mustache_error err = MUSTACHE_ERROR_INIT;
	struct mustache *tmpl = NULL;
	struct S_partials p = { set, 0 };
	struct mustache_partials partials = { S_load_partial, &p };
	size_t start = out->len;
	char *text;
	size_t len;
	int ret = -1;

	if (!template_name_ok(name))
		return error_set("'%s' is not a template name: one file name of letters, digits, "
			     "'.', '_' and '-'", name);
	int r = template_load(&text, &len, set, name);
	if (r == 0)
		return error_set("no template '%s' here or built in", name);
	if (r < 0)
		return -1;
	if (mustache_compile(&tmpl, name, text, len, &err) < 0 ||
	    mustache_render(out, tmpl, data, &partials, escape, &err) < 0) {
		if (!p.failed)
			S_set_error(&err);
		goto done;
	}
	if (p.failed) {
		/* A partial that could not be read must not quietly render as nothing. */
		out->len = start;
		if (out->buf)
			out->buf[start] = '\0';
		goto done;
	}
	ret = 0;
done:
	mustache_error_release(&err);
	mustache_free(tmpl);
	free(text);
	return ret;
}

int template_check(const struct source *src, struct diag_list *diags)
{
	struct mustache_error err = MUSTACHE_ERROR_INIT;
	struct mustache *tmpl = NULL;

	if (mustache_compile(&tmpl, src->path, src->bytes, src->len, &err) == 0) {
		mustache_free(tmpl);
		return 0;
	}
	/* The engine counts columns in characters, as diagnostics do. */
	unsigned line = err.line && err.line <= src->nlines ? err.line : (unsigned)src->nlines;
	size_t at = source_line_start(src, line);
	size_t end = source_line_end(src, line);
	for (unsigned column = 1; column < err.column && at < end; column++)
		at += utf8_char_len(src->bytes + at, end - at);
	diag_add(diags, src, DIAG_TEMPLATE_INVALID, at, 1, "%s", err.message);
	mustache_error_release(&err);
	return 1;
}

/* True if the absolute `path` is `root` or below it. */
static int S_inside(const char *root, const char *path)
{
	size_t n = strlen(root);
	return strncmp(root, path, n) == 0 &&
		(path[n] == '/' || path[n] == '\0' || (n == 1 && root[0] == '/'));
}

int template_read_worktree(void *ctx, const char *name, char **text, size_t *len)
{
	const char *root = ctx;
	struct strbuf path = STRBUF_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = NULL;
	struct stat st;
	char *folder = NULL;
	int ret = -1;

	*text = NULL;
	*len = 0;
	/*
	 * worktree_read refuses a file that is a link leading out; the folder
	 * above it is this function's to hold inside the root.
	 */
	strbuf_addf(&path, "%s/%s", root, TEMPLATE_DIR);
	folder = realpath(path.buf, NULL);
	if (!folder) {
		if (errno == ENOENT || errno == ENOTDIR)
			ret = 0;
		else
			error_set("cannot read folder '%s': %s", TEMPLATE_DIR, strerror(errno));
		goto done;
	}
	if (!S_inside(root, folder)) {
		error_set("'%s' is a link leading outside the notes repository; not followed",
		      TEMPLATE_DIR);
		goto done;
	}
	if (stat(folder, &st) < 0 || !S_ISDIR(st.st_mode)) {
		ret = 0;
		goto done;
	}

	strbuf_addf(&path, "/%s", name);
	if (lstat(path.buf, &st) < 0) {
		if (errno == ENOENT)
			ret = 0;
		else
			error_set("cannot read '%s/%s': %s", TEMPLATE_DIR, name, strerror(errno));
		goto done;
	}
	if (S_ISLNK(st.st_mode)) {
		char *target = realpath(path.buf, NULL);
		int outside = target && !S_inside(root, target);
		free(target);
		if (outside) {
			error_set("'%s/%s' is a link leading outside the notes repository; not followed",
			      TEMPLATE_DIR, name);
			goto done;
		}
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/%s", TEMPLATE_DIR, name);
	int r = worktree_read(&src, root, path.buf, &diags);
	if (r == 0 && !notefile_refuse_encoding(&diags, src)) {
		*text = xstrndup(src->bytes, src->len);
		*len = src->len;
		ret = 1;
	} else if (r >= 0) {
		template_refuse(&diags);
	}
done:
	diag_list_release(&diags);
	source_free(src);
	free(folder);
	strbuf_release(&path);
	return ret;
}
