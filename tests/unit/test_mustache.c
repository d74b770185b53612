#include "unit.h"

#include <dirent.h>
#include <stdlib.h>

#include <jansson.h>

#include "mustache.h"
#include "strbuf.h"
#include "xalloc.h"

/*
 * The official Mustache spec, read from its JSON files where they sit
 * beside the checkout (never copied in), one cmocka test per spec test;
 * then the engine's own cases: errors and where they point, and the
 * limits that keep a hostile template from hanging or crashing.
 */
#define SPEC_DIR "../shared/conformance/mustache"
#define SPEC_ENV "PERENNIAL_MUSTACHE_SPEC"

/* Partials from a JSON object of name: text, counting the loads. */
struct json_partials {
	const json_t *partials;
	int loads;
};

static char *S_load_partial(void *ctx, const char *name, size_t *len)
{
	struct json_partials *jp = ctx;
	const json_t *text = json_object_get(jp->partials, name);

	jp->loads++;
	if (!json_is_string(text))
		return NULL;
	*len = json_string_length(text);
	return xstrndup(json_string_value(text), *len);
}

/* s as a JSON string, so that blanks and line breaks show; malloc'd. */
static char *S_quoted(const char *s)
{
	json_t *j = json_string(s);
	char *q = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
	json_decref(j);
	return q ? q : xstrdup("(not UTF-8)");
}

/* ---- The spec ---- */

struct spec_case {
	const char *file;     /* e.g. "sections.json" */
	const json_t *test;   /* one entry of its "tests", owned by the loaded file */
};

static void test_spec(void **state)
{
	const struct spec_case *c = *state;
	const json_t *test = c->test;
	const json_t *template = json_object_get(test, "template");
	const char *expected = json_string_value(json_object_get(test, "expected"));
	struct json_partials jp = { json_object_get(test, "partials"), 0 };
	struct mustache_partials partials = { S_load_partial, &jp };
	struct mustache_error err = MUSTACHE_ERROR_INIT;
	struct strbuf out = STRBUF_INIT;
	struct mustache *tmpl = NULL;
	int ok;

	assert_non_null(json_string_value(template));
	assert_non_null(expected);
	ok = mustache_compile(&tmpl, "template", json_string_value(template),
			      json_string_length(template), &err) == 0 &&
		mustache_render(&out, tmpl, json_object_get(test, "data"), &partials, NULL, &err) == 0 &&
		strcmp(strbuf_str(&out), expected) == 0;
	if (!ok) {
		char *t = S_quoted(json_string_value(template));
		char *e = S_quoted(expected);
		char *a = S_quoted(strbuf_str(&out));
		print_error("%s: %s\n  template: %s\n  expected: %s\n  actual:   %s\n",
			    c->file, json_string_value(json_object_get(test, "name")), t, e, a);
		if (err.message)
			print_error("  error:    %s:%u:%u: %s\n", err.name, err.line, err.column,
				    err.message);
		free(t);
		free(e);
		free(a);
	}
	mustache_error_release(&err);
	mustache_free(tmpl);
	strbuf_release(&out);
	if (!ok)
		fail_msg("not what the spec expects");
}

/* A spec file that is there but cannot be read must fail, not vanish. */
static void test_spec_file(void **state)
{
	fail_msg("%s", (const char *)*state);
}

struct suite {
	struct CMUnitTest *tests;
	size_t n, cap;
	void **owned;             /* everything the tests point at, freed at the end */
	size_t nowned, owned_cap;
	json_t **files;           /* the spec files, which own the tests' JSON */
	size_t nfiles, files_cap;
};

static void *S_own(struct suite *s, void *p)
{
	XGROW(s->owned, s->owned_cap, s->nowned + 1);
	s->owned[s->nowned++] = p;
	return p;
}

static void S_add_test(struct suite *s, char *name, CMUnitTestFunction fn, void *state)
{
	XGROW(s->tests, s->cap, s->n + 1);
	s->tests[s->n++] = (struct CMUnitTest){ S_own(s, name), fn, NULL, NULL, state };
}

static int S_by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds one test per entry of the spec file dir/file. */
static void S_add_spec_file(struct suite *s, const char *dir, const char *file)
{
	char *path = unit_path(dir, file);
	json_error_t error;
	json_t *root = json_load_file(path, 0, &error);
	const json_t *tests = json_object_get(root, "tests");
	struct strbuf name = STRBUF_INIT;

	if (!json_is_array(tests)) {
		strbuf_addf(&name, "%s: no spec tests: %s", path,
			    root ? "no \"tests\" list" : error.text);
		char *text = strbuf_detach(&name);
		S_add_test(s, text, test_spec_file, text);
		json_decref(root);
		free(path);
		return;
	}
	free(path);
	XGROW(s->files, s->files_cap, s->nfiles + 1);
	s->files[s->nfiles++] = root;
	for (size_t i = 0; i < json_array_size(tests); i++) {
		struct spec_case *c = S_own(s, xmalloc(sizeof(*c)));
		c->file = file;
		c->test = json_array_get(tests, i);
		strbuf_addf(&name, "%s: %s", file,
			    json_string_value(json_object_get(c->test, "name")));
		S_add_test(s, strbuf_detach(&name), test_spec, c);
	}
}

/*
 * Adds the tests of every non-optional spec file in dir, in name order
 * (optional specs, such as lambdas, are named with a leading '~').
 * Returns -1 when dir cannot be opened.
 */
static int S_add_spec(struct suite *s, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **files = NULL;
	size_t n = 0, cap = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '~' || e->d_name[0] == '.' || len < 6 ||
		    strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		XGROW(files, cap, n + 1);
		files[n++] = S_own(s, xstrdup(e->d_name));
	}
	closedir(d);
	if (n)
		qsort(files, n, sizeof(*files), S_by_name);
	for (size_t i = 0; i < n; i++)
		S_add_spec_file(s, dir, files[i]);
	free(files);
	return 0;
}

/* ---- The engine's own cases ---- */

static json_t *S_json(const char *text)
{
	json_error_t error;
	json_t *j = text ? json_loads(text, JSON_DECODE_ANY, &error) : NULL;

	if (text && !j)
		fail_msg("bad test JSON: %s: %s", error.text, text);
	return j;
}

/*
 * Compiles and renders `template` over `data` with `partials` (JSON texts;
 * NULL partials: none exist). Returns 0 and *out (malloc'd), or -1 and
 * *err; *loads says how often the loader ran.
 */
static int S_try(const char *template, const char *data, const char *partials,
		 char **out, struct mustache_error *err, int *loads)
{
	json_t *d = S_json(data), *p = S_json(partials);
	struct json_partials jp = { p, 0 };
	struct mustache_partials loader = { S_load_partial, &jp };
	struct strbuf sb = STRBUF_INIT;
	struct mustache *tmpl;
	int rc = mustache_compile(&tmpl, "t", template, strlen(template), err);

	if (rc == 0)
		rc = mustache_render(&sb, tmpl, d, p ? &loader : NULL, NULL, err);
	mustache_free(tmpl);
	json_decref(d);
	json_decref(p);
	*out = rc == 0 ? strbuf_detach(&sb) : NULL;
	strbuf_release(&sb);
	if (loads)
		*loads = jp.loads;
	return rc;
}

static void S_assert_render(const char *template, const char *data, const char *partials,
			    const char *expected, const char *at_file, int at)
{
	struct mustache_error err = MUSTACHE_ERROR_INIT;
	char *out;

	if (S_try(template, data, partials, &out, &err, NULL) < 0) {
		print_error("%s:%d: %s:%u:%u: %s\n", at_file, at, err.name, err.line,
			    err.column, err.message);
		mustache_error_release(&err);
		_fail(at_file, at);
	}
	_assert_string_equal(out, expected, at_file, at);
	free(out);
}

#define assert_render(template, data, partials, expected) \
	S_assert_render((template), (data), (partials), (expected), __FILE__, __LINE__)

static void S_assert_error(const char *template, const char *data, const char *partials,
			   const char *name, unsigned line, unsigned column,
			   const char *message, const char *at_file, int at)
{
	struct mustache_error err = MUSTACHE_ERROR_INIT;
	char *out;

	if (S_try(template, data, partials, &out, &err, NULL) == 0) {
		print_error("%s:%d: rendered \"%s\" instead of failing\n", at_file, at, out);
		free(out);
		_fail(at_file, at);
	}
	_assert_string_equal(err.name, name, at_file, at);
	_assert_int_equal(err.line, line, at_file, at);
	_assert_int_equal(err.column, column, at_file, at);
	_assert_string_equal(err.message, message, at_file, at);
	mustache_error_release(&err);
}

#define assert_error(template, data, partials, name, line, column, message) \
	S_assert_error((template), (data), (partials), (name), (line), (column), (message), \
		       __FILE__, __LINE__)

static void test_unclosed_tag(void **state)
{
	(void)state;
	assert_error("Hello\n  {{name", NULL, NULL, "t", 2, 3, "unclosed tag: no '}}' after it");
	assert_error("{{name}", NULL, NULL, "t", 1, 1, "unclosed tag: no '}}' after it");
	assert_error("{{", NULL, NULL, "t", 1, 1, "unclosed tag: no '}}' after it");
	assert_error("a {{{name}}", NULL, NULL, "t", 1, 3, "unclosed tag: no '}}}' after it");
	assert_error("{{! a comment\nthat never ends", NULL, NULL, "t", 1, 1,
		     "unclosed tag: no '}}' after it");
	assert_error("{{=<% %>=}}\n<% name", NULL, NULL, "t", 2, 1,
		     "unclosed tag: no '%>' after it");
	assert_error("{{=<% %>}}", NULL, NULL, "t", 1, 1, "unclosed tag: no '=}}' after it");
}

static void test_unclosed_section(void **state)
{
	(void)state;
	assert_error("# Report\n\n{{#themes}}\n- {{label}}\n", NULL, NULL, "t", 3, 1,
		     "unclosed section 'themes' opened here");
	/* The innermost section still open is the one reported. */
	assert_error("{{#a}}\n {{^b}}{{#c}}{{/c}}", NULL, NULL, "t", 2, 2,
		     "unclosed section 'b' opened here");
}

static void test_mismatched_close(void **state)
{
	(void)state;
	assert_error("{{#a}}\n  {{#b}}\n  {{/a}}\n{{/b}}", NULL, NULL, "t", 3, 3,
		     "'a' does not close section 'b' opened at line 2, column 3");
	assert_error("x {{/a}}", NULL, NULL, "t", 1, 3, "'a' closes no open section");
	assert_error("{{#a}}{{/a}}{{/a}}", NULL, NULL, "t", 1, 13, "'a' closes no open section");
}

static void test_bad_delimiters(void **state)
{
	const char *message = "invalid delimiters: expected two words without '=', like {{=<% %>=}}";
	(void)state;
	assert_error("x\n {{=<%=}}", NULL, NULL, "t", 2, 2, message);
	assert_error("{{= =}}", NULL, NULL, "t", 1, 1, message);
	assert_error("{{=a b c=}}", NULL, NULL, "t", 1, 1, message);
	assert_error("{{=a= b=}}", NULL, NULL, "t", 1, 1, message);
	/* New delimiters apply from the tag on, and may be set again. */
	assert_render("{{=<% %>=}}<% x %> {{x}} <%={{ }}=%>{{x}}", "{\"x\": 1}", NULL,
		      "1 {{x}} 1");
	assert_render("{{=| |=}}|{x}| |&x|", "{\"x\": \"<\"}", NULL, "< <");
}

static void test_empty_name(void **state)
{
	(void)state;
	assert_error("{{}}", NULL, NULL, "t", 1, 1, "tag without a name");
	assert_error("a {{ }}", NULL, NULL, "t", 1, 3, "tag without a name");
	assert_error("{{#}}{{/}}", NULL, NULL, "t", 1, 1, "tag without a name");
	assert_error("{{^ }}", NULL, NULL, "t", 1, 1, "tag without a name");
	assert_error("{{#a}}{{/ }}", NULL, NULL, "t", 1, 7, "tag without a name");
	assert_error("{{>}}", NULL, NULL, "t", 1, 1, "tag without a name");
	assert_error("{{&}}", NULL, NULL, "t", 1, 1, "tag without a name");
	assert_error("{{{ }}}", NULL, NULL, "t", 1, 1, "tag without a name");
	/* A comment needs no words. */
	assert_render("a{{!}}b", NULL, NULL, "ab");
}

static void test_positions(void **state)
{
	(void)state;
	/* Columns count characters, not bytes; CRLF is one line break; a BOM takes no column. */
	assert_error("é {{/a}}", NULL, NULL, "t", 1, 3, "'a' closes no open section");
	assert_error("a\r\nb\r\n{{/a}}", NULL, NULL, "t", 3, 1, "'a' closes no open section");
	assert_error("\xEF\xBB\xBF{{/a}}", NULL, NULL, "t", 1, 1, "'a' closes no open section");
	/* The BOM is no content either. */
	assert_render("\xEF\xBB\xBF{{#a}}\nx\n{{/a}}\n", "{\"a\": true}", NULL, "x\n");
}

static void test_partial_errors(void **state)
{
	(void)state;
	/* An error inside a partial is reported in the partial. */
	assert_error("{{#a}}{{>p}}{{/a}}", "{\"a\": true}", "{\"p\": \"line\\n{{#x}}\"}",
		     "p", 2, 1, "unclosed section 'x' opened here");
	/* A partial that never runs is never compiled. */
	assert_render("{{#a}}{{>p}}{{/a}}", "{}", "{\"p\": \"{{#x}}\"}", "");
}

static void test_partial_recursion(void **state)
{
	(void)state;
	assert_error("{{>p}}", NULL, "{\"p\": \"{{>p}}\"}", "p", 1, 1,
		     "partials nested more than 64 deep: does 'p' include itself?");
	/* Twice per level would be 2^64 partials: the first path down stops it all. */
	assert_error("{{>p}}", NULL, "{\"p\": \"x\\n  {{>p}}{{>p}}\"}", "p", 2, 3,
		     "partials nested more than 64 deep: does 'p' include itself?");
	/* The 64th of a cycle a, b, a, ... is b, including a. */
	assert_error("{{>a}}", "{\"x\": [1]}", "{\"a\": \"{{#x}}{{>b}}{{/x}}\", \"b\": \"\\n{{>a}}\"}",
		     "b", 2, 1, "partials nested more than 64 deep: does 'a' include itself?");
	/* Recursion the data ends is fine (the spec's Recursion test, deeper). */
	assert_render("{{>n}}", "{\"c\": 1, \"k\": [{\"c\": 2, \"k\": [{\"c\": 3, \"k\": []}]}]}",
		      "{\"n\": \"{{c}}({{#k}}{{>n}}{{/k}})\"}", "1(2(3()))");
}

/* Partials p1 ... pN, each including the next; pN includes nothing. */
static char *S_chain(int n)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addch(&sb, '{');
	for (int i = 1; i <= n; i++) {
		strbuf_addf(&sb, "%s\"p%d\": \"%d", i > 1 ? ", " : "", i, i % 10);
		if (i < n)
			strbuf_addf(&sb, "{{>p%d}}", i + 1);
		strbuf_addch(&sb, '"');
	}
	strbuf_addch(&sb, '}');
	return strbuf_detach(&sb);
}

static void test_partial_depth_limit(void **state)
{
	char *partials;
	(void)state;

	/* 64 partials inside one another are allowed, not 65. */
	partials = S_chain(64);
	assert_render("{{>p1}}", NULL, partials,
		      "1234567890123456789012345678901234567890123456789012345678901234");
	free(partials);
	partials = S_chain(65);
	assert_error("{{>p1}}", NULL, partials, "p64", 1, 2,
		     "partials nested more than 64 deep: does 'p65' include itself?");
	free(partials);
}

static char *S_repeat(const char *s, int n, const char *middle, const char *after, int m)
{
	struct strbuf sb = STRBUF_INIT;

	for (int i = 0; i < n; i++)
		strbuf_addstr(&sb, s);
	strbuf_addstr(&sb, middle);
	for (int i = 0; i < m; i++)
		strbuf_addstr(&sb, after);
	return strbuf_detach(&sb);
}

static void test_deep_nesting(void **state)
{
	char *template;
	(void)state;

	template = S_repeat("{{#a}}", 100, "x", "{{/a}}", 100);
	assert_render(template, "{\"a\": [1]}", NULL, "x");
	free(template);

	/* The 101st section is refused where it opens; nothing recurses on the C stack. */
	template = S_repeat("{{#a}}", 100000, "x", "{{/a}}", 100000);
	assert_error(template, NULL, NULL, "t", 1, 601, "sections nested more than 100 deep");
	free(template);
	template = S_repeat("{{^a}}", 101, "", "", 0);
	assert_error(template, NULL, NULL, "t", 1, 601, "sections nested more than 100 deep");
	free(template);

	/* 64 partials, each 100 sections deep, stay off the C stack too. */
	template = S_repeat("{{#a}}", 100, "{{>p}}", "{{/a}}", 100);
	json_t *partials = json_pack("{ss}", "p", template);
	char *partials_text = json_dumps(partials, 0);
	assert_error("{{>p}}", "{\"a\": true}", partials_text, "p", 1, 601,
		     "partials nested more than 64 deep: does 'p' include itself?");
	free(partials_text);
	json_decref(partials);
	free(template);
}

static void test_data_is_inert(void **state)
{
	(void)state;
	/* Data is never parsed as a template, whatever it holds. */
	assert_render("{{{x}}}|{{x}}|{{#l}}{{{.}}}{{/l}}",
		      "{\"x\": \"{{y}}{{#y}}{{/z}}\", \"y\": \"no\", \"l\": [\"{{=| |=}}\", \"{{y\"]}", NULL,
		      "{{y}}{{#y}}{{/z}}|{{y}}{{#y}}{{/z}}|{{=| |=}}{{y");
	/* Nor are a partial's data, nor its name looked up as data. */
	assert_render("{{>p}}", "{\"p\": \"{{x}}\", \"x\": \"X\"}", "{\"p\": \"[{{{p}}}]\"}",
		      "[{{x}}]");
}

static void test_escaping(void **state)
{
	const char *data = "{\"s\": \"<script>alert(\\\"x\\\" + 'y')</script> & co\"}";
	(void)state;
	assert_render("{{s}}", data, NULL,
		      "&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39;)&lt;/script&gt; &amp; co");
	assert_render("{{{s}}}|{{&s}}", data, NULL,
		      "<script>alert(\"x\" + 'y')</script> & co|<script>alert(\"x\" + 'y')</script> & co");
	/* The template's own text is not data: it is never escaped. */
	assert_render("<b>{{s}}</b>", "{\"s\": \"é'\"}", NULL, "<b>é&#39;</b>");
}

static void test_missing_partial(void **state)
{
	int loads = 0;
	char *out;
	struct mustache_error err = MUSTACHE_ERROR_INIT;
	(void)state;

	assert_render("[{{>nope}}]", NULL, "{}", "[]");
	assert_render("[{{>nope}}]", NULL, NULL, "[]");
	assert_render("a\n  {{>nope}}\nb", NULL, "{}", "a\nb");

	/* A loader that finds nothing is asked once per name and render. */
	assert_int_equal(S_try("{{>p}}{{>p}}{{>q}}{{>q}}", NULL, "{\"p\": \"P\"}", &out, &err,
			       &loads), 0);
	assert_string_equal(out, "PP");
	assert_int_equal(loads, 2);
	free(out);

	/* A mustache_partials without a loader is none at all. */
	struct mustache *tmpl;
	struct mustache_partials none = { NULL, NULL };
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(mustache_compile(&tmpl, "t", "<{{>p}}>", 8, NULL), 0);
	assert_int_equal(mustache_render(&sb, tmpl, NULL, &none, NULL, NULL), 0);
	assert_string_equal(strbuf_str(&sb), "<>");
	strbuf_release(&sb);
	mustache_free(tmpl);
}

static void test_values(void **state)
{
	(void)state;
	assert_render("{{i}} {{big}} {{r}} {{e}} {{two}} {{t}} {{f}} [{{n}}{{l}}{{o}}{{missing}}]",
		      "{\"i\": -42, \"big\": 9007199254740993, \"r\": 0.1, \"e\": 1e100, "
		      "\"two\": 2.0, \"t\": true, \"f\": false, \"n\": null, \"l\": [1], \"o\": {}}",
		      NULL, "-42 9007199254740993 0.1 1e+100 2 true false []");
	/* Only null, false, missing and [] are falsey. */
	assert_render("{{#z}}0{{/z}}{{#s}}''{{/s}}{{#o}}{}{{/o}}{{^n}}n{{/n}}{{^f}}f{{/f}}"
		      "{{^l}}l{{/l}}{{^m}}m{{/m}}",
		      "{\"z\": 0, \"s\": \"\", \"o\": {}, \"n\": null, \"f\": false, \"l\": []}", NULL,
		      "0''{}nflm");
	/* NULL data: every name is missing. */
	assert_render("[{{a}}{{.}}{{#a}}x{{/a}}{{^a}}y{{/a}}]", NULL, NULL, "[y]");
}

static void test_partial_indentation(void **state)
{
	(void)state;
	/*
	 * A standalone partial inside a standalone partial is indented by
	 * both; one inline is indented by neither, like its data; blank
	 * lines stay blank.
	 */
	assert_render("  {{>outer}}\n", "{\"v\": \"1\\n2\"}",
		      "{\"outer\": \"o1\\n  {{>inner}}\\no2\\n\", "
		      "\"inner\": \"i1\\n\\ni2 {{>inline}}\\n{{v}}\\n\", \"inline\": \"x\\ny\"}",
		      "  o1\n    i1\n\n    i2 x\ny\n    1\n2\n  o2\n");
	/* A section inside a partial shares its lines. */
	assert_render("- {{x}}\n  {{>p}}\n", "{\"x\": 0, \"l\": [1, 2]}",
		      "{\"p\": \"{{#l}}\\n* {{.}}\\n{{/l}}\\n\"}", "- 0\n  * 1\n  * 2\n");
}

static void test_limits(void **state)
{
	struct mustache_error err = MUSTACHE_ERROR_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct mustache *tmpl;
	(void)state;

	/* A thousand to the third is too many steps, even with nothing written. */
	json_t *list = json_array();
	for (int i = 0; i < 1000; i++)
		json_array_append_new(list, json_integer(i));
	json_t *data = json_pack("{so}", "l", list);
	const char *loops = "{{#l}}{{#l}}{{#l}}{{/l}}{{/l}}{{/l}}";
	assert_int_equal(mustache_compile(&tmpl, "t", loops, strlen(loops), &err), 0);
	strbuf_addstr(&sb, "kept");
	assert_int_equal(mustache_render(&sb, tmpl, data, NULL, NULL, &err), -1);
	assert_string_equal(err.message,
			    "rendering stopped after 50000000 steps: sections over lists nested too deep?");
	assert_string_equal(err.name, "t");
	assert_int_equal(err.line, 1);
	assert_string_equal(strbuf_str(&sb), "kept");
	mustache_free(tmpl);

	/* A megabyte a thousand times a thousand is too much output; none of it is kept. */
	char *mb = xmalloc(1 << 20);
	memset(mb, 'x', 1 << 20);
	json_object_set_new(data, "s", json_stringn(mb, 1 << 20));
	free(mb);
	const char *big = "{{#l}}{{#l}}{{{s}}}{{/l}}{{/l}}";
	assert_int_equal(mustache_compile(&tmpl, "t", big, strlen(big), &err), 0);
	assert_int_equal(mustache_render(&sb, tmpl, data, NULL, NULL, &err), -1);
	assert_string_equal(err.message, "rendering stopped: output over 67108864 bytes");
	assert_int_equal(err.column, 13);
	assert_string_equal(strbuf_str(&sb), "kept");
	assert_int_equal(sb.len, 4);
	mustache_free(tmpl);

	mustache_error_release(&err);
	strbuf_release(&sb);
	json_decref(data);
}

static void test_api(void **state)
{
	struct mustache_error err = MUSTACHE_ERROR_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct mustache *tmpl = (struct mustache *)&tmpl;
	json_t *data;
	(void)state;

	mustache_free(NULL);
	mustache_error_release(NULL);
	mustache_error_release(&err);

	/* A failed compile leaves *out NULL; err may be NULL. */
	assert_int_equal(mustache_compile(&tmpl, "t", "{{#a}}", 6, NULL), -1);
	assert_null(tmpl);

	/* The text needs no NUL; an error replaces the one err held. */
	assert_int_equal(mustache_compile(&tmpl, "t", "{{/a}}", 6, &err), -1);
	assert_int_equal(mustache_compile(&tmpl, "other", "{{a}}{{/b}}", 5, &err), 0);
	assert_string_equal(err.name, "t");
	mustache_free(tmpl);
	mustache_error_release(&err);
	assert_int_equal(mustache_compile(&tmpl, "other", "\n{{/b}}", 7, &err), -1);
	assert_string_equal(err.name, "other");
	assert_int_equal(err.line, 2);
	mustache_error_release(&err);
	assert_null(err.name);

	/* One compiled template renders many times, appending. */
	assert_int_equal(mustache_compile(&tmpl, "t", "{{a}}.", 6, &err), 0);
	data = json_pack("{si}", "a", 1);
	assert_int_equal(mustache_render(&sb, tmpl, data, NULL, NULL, &err), 0);
	json_object_set_new(data, "a", json_integer(2));
	assert_int_equal(mustache_render(&sb, tmpl, data, NULL, NULL, &err), 0);
	assert_string_equal(strbuf_str(&sb), "1.2.");
	json_decref(data);
	mustache_free(tmpl);
	strbuf_release(&sb);
}

/* An escape that shows where it ran. */
static void S_brackets(struct strbuf *sb, const char *s, size_t len)
{
	strbuf_addch(sb, '[');
	strbuf_add(sb, s, len);
	strbuf_addch(sb, ']');
}

/* The render's escape serves {{name}}, in partials too; never {{{name}}}, {{&name}} or numbers. */
static void test_escape_of_the_render(void **state)
{
	struct mustache *tmpl;
	struct strbuf sb = STRBUF_INIT;
	json_t *data = json_pack("{s:s, s:i}", "a", "<x>", "n", 5);
	json_t *partials = json_pack("{s:s}", "p", "{{a}}");
	struct json_partials jp = { partials, 0 };
	struct mustache_partials loader = { S_load_partial, &jp };
	const char *text = "{{a}} {{{a}}} {{&a}} {{n}} {{>p}}";
	(void)state;

	assert_int_equal(mustache_compile(&tmpl, "t", text, strlen(text), NULL), 0);
	assert_int_equal(mustache_render(&sb, tmpl, data, &loader, S_brackets, NULL), 0);
	assert_string_equal(strbuf_str(&sb), "[<x>] <x> <x> 5 [<x>]");
	strbuf_reset(&sb);
	/* None given: HTML's. */
	assert_int_equal(mustache_render(&sb, tmpl, data, &loader, NULL, NULL), 0);
	assert_string_equal(strbuf_str(&sb), "&lt;x&gt; <x> <x> 5 &lt;x&gt;");
	mustache_free(tmpl);
	json_decref(data);
	json_decref(partials);
	strbuf_release(&sb);
}

int main(void)
{
	static const struct CMUnitTest own[] = {
		cmocka_unit_test(test_escape_of_the_render),
		cmocka_unit_test(test_unclosed_tag),
		cmocka_unit_test(test_unclosed_section),
		cmocka_unit_test(test_mismatched_close),
		cmocka_unit_test(test_bad_delimiters),
		cmocka_unit_test(test_empty_name),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_partial_errors),
		cmocka_unit_test(test_partial_recursion),
		cmocka_unit_test(test_partial_depth_limit),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_data_is_inert),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_missing_partial),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_partial_indentation),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_api),
	};
	struct suite s = { 0 };
	const char *dir = getenv(SPEC_ENV);

	if (!dir || !*dir)
		dir = SPEC_DIR;
	if (S_add_spec(&s, dir) < 0)
		printf("mustache spec tests skipped: %s not found (set %s to run them)\n",
		       dir, SPEC_ENV);
	else if (!s.n)
		S_add_test(&s, xstrdup("mustache spec"), test_spec_file,
			   S_own(&s, xstrdup("no spec files (*.json) in the spec folder")));
	/* One group, so that the suite's runner reads one count. */
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++) {
		XGROW(s.tests, s.cap, s.n + 1);
		s.tests[s.n++] = own[i];
	}
	int failed = _cmocka_run_group_tests("mustache", s.tests, s.n, NULL, NULL);

	for (size_t i = 0; i < s.nowned; i++)
		free(s.owned[i]);
	for (size_t i = 0; i < s.nfiles; i++)
		json_decref(s.files[i]);
	free(s.owned);
	free(s.files);
	free(s.tests);
	return failed;
}
