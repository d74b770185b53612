#include "diag_ci.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "diag_print.h"
#include "fnv.h"
#include "strbuf.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"

#define SARIF_SCHEMA \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

static void S_escape(struct strbuf *sb, const char *s, size_t len, const char *also)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%' || c == '\r' || c == '\n' || (c && strchr(also, c)))
			strbuf_addf(sb, "%%%02X", c);
		else
			strbuf_addch(sb, (char)c);
	}
}

void diag_ci_escape_data(struct strbuf *sb, const char *s, size_t len)
{
	S_escape(sb, s, len, "");
}

void diag_ci_escape_property(struct strbuf *sb, const char *s, size_t len)
{
	S_escape(sb, s, len, ":,");
}

uint64_t diag_ci_fingerprint(const char *rule, const char *path, const char *message,
			     unsigned occurrence)
{
	/* Each with its NUL, so that no two splits of the same bytes hash alike. */
	uint64_t h = fnv1a(FNV1A_INIT, rule, strlen(rule) + 1);
	h = fnv1a(h, path, strlen(path) + 1);
	h = fnv1a(h, message, strlen(message));
	if (occurrence) {
		char n[16];
		int len = snprintf(n, sizeof(n), "%u", occurrence);
		h = fnv1a(fnv1a(h, "", 1), n, (size_t)len);
	}
	return h;
}

/* The finding's file from the top of the work tree, escaped as diag_print escapes names. */
static void S_path(struct strbuf *sb, const char *prefix, const struct diag *d)
{
	strbuf_reset(sb);
	if (*prefix) {
		utf8_append_escaped(sb, prefix, strlen(prefix));
		strbuf_addch(sb, '/');
	}
	utf8_append_escaped(sb, d->file, strlen(d->file));
}

/* The message, then the hint on a line of its own. */
static void S_text(struct strbuf *sb, const struct diag *d)
{
	strbuf_reset(sb);
	utf8_append_printable(sb, d->message, strlen(d->message));
	if (d->hint) {
		strbuf_addstr(sb, "\nhelp: ");
		utf8_append_printable(sb, d->hint, strlen(d->hint));
	}
}

static json_t *S_json(const struct strbuf *sb)
{
	return json_stringn(strbuf_str(sb), sb->len);
}

/* Prints json indented, with a line break, and lets go of it. */
static int S_dump(FILE *out, json_t *json)
{
	int ret = json_dumpf(json, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(json);
	if (ret == 0)
		fputc('\n', out);
	return ret == 0 && !ferror(out) ? 0 : -1;
}

int diag_ci_print_github(FILE *out, const struct diag_list *list, const char *prefix)
{
	struct strbuf line = STRBUF_INIT, part = STRBUF_INIT;

	for (size_t i = 0; i < list->len; i++) {
		const struct diag *d = &list->items[i];
		const char *rule = diag_rule_id(d->rule);

		strbuf_reset(&line);
		strbuf_addf(&line, "::%s file=", diag_severity_name(d->severity));
		S_path(&part, prefix, d);
		diag_ci_escape_property(&line, part.buf, part.len);
		strbuf_addf(&line, ",line=%u,col=%u,endColumn=%u,title=", d->line, d->column,
			    d->column + d->span - 1);
		diag_ci_escape_property(&line, rule, strlen(rule));
		strbuf_addstr(&line, "::");
		S_text(&part, d);
		diag_ci_escape_data(&line, part.buf, part.len);
		strbuf_addch(&line, '\n');
		fwrite(line.buf, 1, line.len, out);
	}
	strbuf_release(&line);
	strbuf_release(&part);
	return ferror(out) ? -1 : 0;
}

static json_t *S_sarif_rule(enum diag_rule rule)
{
	const char *text = diag_rule_description(rule);
	if (!text)
		text = diag_rule_id(rule);
	return json_pack("{s:s, s:{s:s}, s:{s:s}, s:{s:s}}",
			 "id", diag_rule_id(rule),
			 "shortDescription", "text", text,
			 "help", "text", text,
			 "defaultConfiguration", "level",
			 diag_severity_name(diag_rule_severity(rule)));
}

static json_t *S_sarif_result(const struct diag *d, size_t rule_index, const char *prefix,
			      struct strbuf *sb)
{
	/* A URI reference: the bytes of the path, those a URI may not hold as %XX. */
	struct strbuf raw = STRBUF_INIT;
	strbuf_addf(&raw, "%s%s%s", prefix, *prefix ? "/" : "", d->file);
	strbuf_reset(sb);
	strbuf_add_url_path(sb, raw.buf);
	strbuf_release(&raw);
	json_t *uri = S_json(sb);
	S_text(sb, d);
	return json_pack("{s:s, s:I, s:s, s:{s:o}, s:[{s:{s:{s:o, s:s}, s:{s:I, s:I, s:I}}}]}",
			 "ruleId", diag_rule_id(d->rule),
			 "ruleIndex", (json_int_t)rule_index,
			 "level", diag_severity_name(d->severity),
			 "message", "text", S_json(sb),
			 "locations", "physicalLocation",
			 "artifactLocation", "uri", uri, "uriBaseId", "%SRCROOT%",
			 "region", "startLine", (json_int_t)d->line,
			 "startColumn", (json_int_t)d->column,
			 "endColumn", (json_int_t)(d->column + d->span));
}

int diag_ci_print_sarif(FILE *out, const struct diag_list *list, const char *prefix)
{
	struct strbuf sb = STRBUF_INIT;
	size_t rule_index[DIAG_RULE_COUNT];
	int used[DIAG_RULE_COUNT] = { 0 };
	json_t *rules = json_array(), *results = json_array();

	/* The rules the findings use, in the order of diag.h's table. */
	for (size_t i = 0; i < list->len; i++)
		used[list->items[i].rule] = 1;
	for (int r = 0; r < DIAG_RULE_COUNT; r++) {
		if (!used[r])
			continue;
		rule_index[r] = json_array_size(rules);
		json_array_append_new(rules, S_sarif_rule((enum diag_rule)r));
	}
	for (size_t i = 0; i < list->len; i++) {
		const struct diag *d = &list->items[i];
		json_array_append_new(results, S_sarif_result(d, rule_index[d->rule], prefix, &sb));
	}
	strbuf_release(&sb);
	/* Columns count characters, as an editor shows them (SARIF's default is UTF-16). */
	return S_dump(out, json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:s, s:o}}, s:s, s:o}]}",
				     "$schema", SARIF_SCHEMA,
				     "version", "2.1.0",
				     "runs", "tool", "driver",
				     "name", "perennial",
				     "version", PERENNIAL_VERSION,
				     "informationUri", PERENNIAL_HOMEPAGE,
				     "rules", rules,
				     "columnKind", "unicodeCodePoints",
				     "results", results));
}

int diag_ci_print_gitlab(FILE *out, const struct diag_list *list, const char *prefix)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct strmap seen = STRMAP_INIT;   /* a finding's fingerprint at occurrence 0 */
	unsigned *times = NULL;             /* by seen's number: findings alike so far */
	size_t cap = 0;
	json_t *issues = json_array();

	for (size_t i = 0; i < list->len; i++) {
		const struct diag *d = &list->items[i];
		const char *rule = diag_rule_id(d->rule);
		char hex[17];
		int added;

		S_path(&path, prefix, d);
		snprintf(hex, sizeof(hex), "%016" PRIx64,
			 diag_ci_fingerprint(rule, path.buf, d->message, 0));
		size_t n = strmap_add(&seen, hex, &added);
		if (added) {
			XGROW(times, cap, n + 1);
			times[n] = 0;
		}
		if (times[n]++)
			snprintf(hex, sizeof(hex), "%016" PRIx64,
				 diag_ci_fingerprint(rule, path.buf, d->message, times[n] - 1));
		S_text(&text, d);
		json_array_append_new(issues, json_pack("{s:o, s:s, s:s, s:s, s:{s:o, s:{s:I}}}",
			"description", S_json(&text),
			"check_name", rule,
			"fingerprint", hex,
			"severity", d->severity == DIAG_ERROR ? "major" : "minor",
			"location", "path", S_json(&path), "lines", "begin", (json_int_t)d->line));
	}
	strbuf_release(&path);
	strbuf_release(&text);
	strmap_release(&seen);
	free(times);
	return S_dump(out, issues);
}
