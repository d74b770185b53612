/* Helpers shared by the unit tests; declared in unit.h. */
#include "unit.h"

#include "table.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "xalloc.h"
#include "corpus.h"
#include "markdown.h"
#include "source.h"
#include "error.h"
#include "strbuf.h"

const char unit_any[] = "(any)";

char *unit_tempdir(const char *name)
{
	struct strbuf template = STRBUF_INIT;
	char *path = NULL;

	strbuf_addf(&template, "/tmp/perennial-%s-XXXXXX", name);
	if (mkdtemp(template.buf))
		path = realpath(template.buf, NULL);
	strbuf_release(&template);
	return path;
}

char *unit_path(const char *a, const char *b)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", a, b);
	return strbuf_detach(&sb);
}

void unit_mkdirs_for(const char *path)
{
	char *copy = strdup(path);
	assert_non_null(copy);
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		assert_true(mkdir(copy, 0755) == 0 || errno == EEXIST);
		*p = '/';
	}
	free(copy);
}

void unit_write_bytes(const char *dir, const char *rel, const char *bytes, size_t len)
{
	char *path = unit_path(dir, rel);
	unit_mkdirs_for(path);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(path);
}

void unit_write(const char *dir, const char *rel, const char *text)
{
	unit_write_bytes(dir, rel, text, strlen(text));
}

void unit_mkdir(const char *dir, const char *rel)
{
	char *path = unit_path(dir, rel);
	unit_mkdirs_for(path);
	assert_int_equal(mkdir(path, 0755), 0);
	free(path);
}

void unit_symlink(const char *target, const char *dir, const char *rel)
{
	char *path = unit_path(dir, rel);
	unit_mkdirs_for(path);
	assert_int_equal(symlink(target, path), 0);
	free(path);
}

void unit_remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		while (d && (e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *child = unit_path(path, e->d_name);
			unit_remove_tree(child);
			free(child);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* The messages recorded so far, as a string (error_format's lines), malloc'd; none are kept. */
static char *S_take_errors(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct error_message *messages;
	size_t len;
	error_take(&messages, &len);
	for (size_t i = 0; i < len; i++)
		error_format(&sb, &messages[i]);
	error_messages_free(messages, len);
	return strbuf_detach(&sb);
}

void unit_capture_start(struct unit_capture *c)
{
	free(S_take_errors());   /* an earlier test's are not this one's */
	fflush(stderr);
	c->file = tmpfile();
	assert_non_null(c->file);
	c->saved = dup(STDERR_FILENO);
	assert_true(c->saved >= 0);
	assert_true(dup2(fileno(c->file), STDERR_FILENO) >= 0);
}

/* Puts stderr back; what was printed on it since the start, malloc'd. */
static char *S_restore_stderr(struct unit_capture *c)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[512];
	size_t n;

	fflush(stderr);
	dup2(c->saved, STDERR_FILENO);
	close(c->saved);
	rewind(c->file);
	while ((n = fread(buf, 1, sizeof(buf), c->file)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(c->file);
	return strbuf_detach(&sb);
}

char *unit_capture_stop(struct unit_capture *c)
{
	char *printed = S_restore_stderr(c);
	if (*printed)
		fail_msg("printed on stderr: %s", printed);
	free(printed);
	return S_take_errors();
}

char *unit_capture_printed(struct unit_capture *c)
{
	return S_restore_stderr(c);
}

void unit_assert_diag(const struct diag_list *list, size_t i, enum diag_rule rule,
		      enum diag_severity severity, const char *file,
		      unsigned line, unsigned column, unsigned span,
		      const char *message, const char *hint,
		      const char *at_file, int at)
{
	_assert_true(i < list->len, "the diagnostic exists", at_file, at);
	const struct diag *d = &list->items[i];
	_assert_string_equal(diag_rule_id(d->rule), diag_rule_id(rule), at_file, at);
	_assert_int_equal(d->severity, severity, at_file, at);
	if (file != UNIT_ANY)
		_assert_string_equal(d->file, file, at_file, at);
	_assert_int_equal(d->line, line, at_file, at);
	_assert_int_equal(d->column, column, at_file, at);
	if (span != 0)
		_assert_int_equal(d->span, span, at_file, at);
	if (message != UNIT_ANY)
		_assert_string_equal(d->message, message, at_file, at);
	if (hint != UNIT_ANY)
		_assert_string_equal(d->hint ? d->hint : "(no hint)", hint ? hint : "(no hint)",
				     at_file, at);
}

void unit_assert_span(const struct source *src, size_t offset, size_t len,
		      unsigned line, unsigned column, const char *text,
		      const char *at_file, int at)
{
	unsigned l, c;

	source_position(src, offset, &l, &c);
	_assert_int_equal(l, line, at_file, at);
	_assert_int_equal(c, column, at_file, at);
	_assert_int_equal(len, strlen(text), at_file, at);
	_assert_true(offset + len <= src->len, "the span is inside the source", at_file, at);
	_assert_memory_equal(src->bytes + offset, text, len, at_file, at);
}

void unit_assert_strings(char *const *items, size_t n, const char *const *want,
			 const char *at_file, int at)
{
	size_t i;

	/* The items first, so a failure names the first one that differs. */
	for (i = 0; want[i] && i < n; i++)
		_assert_string_equal(items[i], want[i], at_file, at);
	while (want[i])
		i++;
	_assert_int_equal(n, i, at_file, at);
}

void unit_git_isolate(const char *home)
{
	static const char *const unset[] = {
		"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR",
		"GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
		"GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM",
		"GIT_NAMESPACE", "GIT_PREFIX", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS",
		"GIT_CONFIG_COUNT", "GIT_CONFIG_SYSTEM", "GIT_TEMPLATE_DIR",
	};
	char *xdg = unit_path(home, ".config");

	for (size_t i = 0; i < sizeof(unset) / sizeof(*unset); i++)
		assert_int_equal(unsetenv(unset[i]), 0);
	assert_int_equal(setenv("GIT_CONFIG_NOSYSTEM", "1", 1), 0);
	assert_int_equal(setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1), 0);
	assert_int_equal(setenv("GIT_TERMINAL_PROMPT", "0", 1), 0);
	assert_int_equal(setenv("HOME", home, 1), 0);
	assert_int_equal(setenv("XDG_CONFIG_HOME", xdg, 1), 0);
	free(xdg);
}

static char *S_git_home;

int unit_git_group_setup(void **state)
{
	(void)state;
	if (!(S_git_home = unit_tempdir("git-home")))
		return -1;
	unit_git_isolate(S_git_home);
	return 0;
}

int unit_git_group_teardown(void **state)
{
	(void)state;
	unit_remove_tree(S_git_home);
	free(S_git_home);
	return 0;
}

int unit_git_repo_setup(void **state)
{
	struct unit_git_repo *fx = calloc(1, sizeof(*fx));

	if (!fx || !(fx->base = unit_tempdir("git")))
		return -1;
	fx->top = unit_path(fx->base, "repo");
	if (mkdir(fx->top, 0755) < 0 || unit_sh(fx->top, UNIT_GIT " init -q") != 0)
		return -1;
	*state = fx;
	return 0;
}

int unit_git_repo_teardown(void **state)
{
	struct unit_git_repo *fx = *state;

	/* A test that failed half way must not leave these to the next one. */
	unsetenv("GIT_INDEX_FILE");
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unit_remove_tree(fx->base);
	free(fx->base);
	free(fx->top);
	free(fx);
	return 0;
}

struct corpus_step *unit_step(struct corpus_note *n, unsigned line, const char *owner,
			      const char *text, const char *due, const char *done_on, int ticked)
{
	struct strbuf item = STRBUF_INIT;
	struct md_body body = MD_BODY_INIT;
	strbuf_addf(&item, "- [ ] %s\n", text);
	struct source *src = source_new("step.md", item.buf, item.len);
	md_parse(&body, src, 0, 1, MD_ALL);
	assert_int_equal(body.nsteps, 1);

	n->steps = xrealloc(n->steps, (n->nsteps + 1) * sizeof(*n->steps));
	struct corpus_step *s = &n->steps[n->nsteps++];
	memset(s, 0, sizeof(*s));
	s->line = line;
	s->owner = owner;
	s->words = xstrdup(body.steps[0].words);
	s->key = xstrdup(body.steps[0].key);
	s->due = due ? xstrdup(due) : NULL;
	s->done = done_on != NULL;
	if (done_on && *done_on) {
		s->dated = date_parse(&s->done_day, done_on, strlen(done_on)) == DATE_OK;
		s->ticked = ticked;
	}
	md_body_release(&body);
	source_free(src);
	strbuf_release(&item);
	return s;
}

void unit_mention(struct corpus_note *n, const char *theme, enum mention_source source,
		  unsigned line, const char *evidence, int quoted)
{
	n->mentions = xrealloc(n->mentions, (n->nmentions + 1) * sizeof(*n->mentions));
	struct corpus_mention *m = &n->mentions[n->nmentions++];
	memset(m, 0, sizeof(*m));
	m->theme = theme;
	m->source = source;
	m->line = line;
	m->evidence = evidence ? xstrdup(evidence) : NULL;
	/* Numbered as the index numbers evidence: each its own here. */
	m->evidence_n = evidence ? (int)n->nmentions : 0;
	m->quoted = quoted;
}

struct corpus_note *unit_note(struct corpus *corpus, size_t *cap, const char *path,
			      const char *date, const char *organizer, const char *people,
			      const char *consent)
{
	XGROW(corpus->notes, *cap, corpus->len + 1);
	struct corpus_note *n = &corpus->notes[corpus->len++];
	memset(n, 0, sizeof(*n));
	n->path = xstrdup(path);
	n->id = xstrdup(path);
	n->title = xstrdup(path);
	n->kind = corpus_name(corpus, "one-on-one");
	n->date = date ? xstrdup(date) : NULL;
	n->has_day = date && date_parse(&n->day, date, strlen(date)) == DATE_OK;
	n->organizer = corpus_name(corpus, organizer);
	n->consent = corpus_name(corpus, consent);
	n->private = strcmp(consent, "private") == 0;
	for (const char *p = people; *p;) {
		size_t len = strcspn(p, ",");
		n->participants = xrealloc(n->participants,
					   (n->nparticipants + 1) * sizeof(*n->participants));
		char *person = xstrndup(p, len);
		n->participants[n->nparticipants++] = corpus_name(corpus, person);
		free(person);
		p += len + (p[len] == ',');
	}
	return n;
}

int unit_config(struct config **config, struct source **src, const char *yml)
{
	struct diag_list diags = DIAG_LIST_INIT;
	*src = source_new(CONFIG_FILE, yml, strlen(yml));
	int r = config_parse(config, *src, &diags);
	size_t problems = diags.len;
	diag_list_release(&diags);
	return r < 0 || problems ? -1 : 0;
}

char *unit_read(const char *dir, const char *rel)
{
	char *path = unit_path(dir, rel);
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	free(path);
	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_detach(&sb);
}

char *unit_sh_quote(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_add_sh_quoted(&sb, s);
	return strbuf_detach(&sb);
}

/* "cd 'dir' && (command)", malloc'd. */
static char *S_command_in(const char *dir, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	char *quoted = unit_sh_quote(dir);
	strbuf_addf(&sb, "cd %s && (", quoted);
	strbuf_vaddf(&sb, fmt, ap);
	strbuf_addch(&sb, ')');
	free(quoted);
	return strbuf_detach(&sb);
}

static int S_status(int raw)
{
	return raw != -1 && WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

/* Runs cmd with sh; its exit status, or -1 when it did not exit. */
static int S_system(const char *cmd)
{
	fflush(NULL);
	return S_status(system(cmd));
}

int unit_sh(const char *dir, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *cmd = S_command_in(dir, fmt, ap);
	va_end(ap);
	int status = S_system(cmd);
	free(cmd);
	return status;
}

void unit_run_at(const char *at_file, int at, const char *dir, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *cmd = S_command_in(dir, fmt, ap);
	va_end(ap);
	int status = S_system(cmd);
	if (status != 0)
		print_error("command failed with status %d: %s\n", status, cmd);
	free(cmd);
	_assert_int_equal(status, 0, at_file, at);
}

char *unit_output_at(const char *at_file, int at, const char *dir, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[512];
	size_t n;
	va_list ap;

	va_start(ap, fmt);
	char *cmd = S_command_in(dir, fmt, ap);
	va_end(ap);
	fflush(NULL);
	FILE *p = popen(cmd, "r");
	_assert_true(p != NULL, "popen", at_file, at);
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
		strbuf_add(&sb, buf, n);
	int status = S_status(pclose(p));
	if (status != 0)
		print_error("command failed with status %d: %s\n", status, cmd);
	free(cmd);
	char *out = strbuf_detach(&sb);
	size_t len = strlen(out);
	if (len && out[len - 1] == '\n')
		out[len - 1] = '\0';
	if (status != 0)
		free(out);
	_assert_int_equal(status, 0, at_file, at);
	return out;
}

size_t unit_table_column(const struct table *t, const char *name)
{
	for (size_t c = 0; c < t->ncolumns; c++)
		if (strcmp(t->columns[c], name) == 0)
			return c;
	fail_msg("no column '%s'", name);
	return 0;
}

void unit_assert_column(const struct table *t, const char *name, const char *const *want,
			const char *at_file, int at)
{
	size_t c = unit_table_column(t, name);
	char **cells = calloc(t->nrows + 1, sizeof(*cells));
	for (size_t r = 0; r < t->nrows; r++)
		cells[r] = (char *)(table_cell(t, r, c) ? table_cell(t, r, c) : "(null)");
	unit_assert_strings(cells, t->nrows, want, at_file, at);
	free(cells);
}
