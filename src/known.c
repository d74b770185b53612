#include "known.h"

#include <string.h>

#include "config.h"
#include "corpus.h"
#include "strbuf.h"
#include "suggest.h"

/* How each kind is named in a message, and where it was looked for. */
static const struct {
	const char *noun;
	const char *where;
} S_kinds[] = {
	[KNOWN_ORGANIZER] = { "an organizer", "not in the roster in " CONFIG_FILE " nor in any note" },
	[KNOWN_PARTICIPANT] = { "a participant", "no note has it among its participants" },
	[KNOWN_THEME] = { "a theme", "not in the codebook in " CONFIG_FILE " nor in any note" },
	[KNOWN_KIND] = { "a kind", "no note is of that kind" },
	[KNOWN_OWNER] = { "an owner", "not in the roster in " CONFIG_FILE " nor in any note" },
};

static void S_see(struct known_scan *k, const char *name, int may_suggest)
{
	if (!name || k->found)
		return;
	if (strcmp(name, k->near.word) == 0)
		k->found = 1;
	else if (may_suggest)
		suggest_consider(&k->near, name);
}

/* The kind field's values, when it is a choice among some. */
static const struct field_def *S_kind_values(const struct config *config)
{
	const struct field_def *kind = config_field(config, "kind");
	return kind && kind->type == FIELD_ENUM ? kind : NULL;
}

static void S_see_config(struct known_scan *k, const struct config *config, enum known_kind kind)
{
	if (kind == KNOWN_ORGANIZER || kind == KNOWN_OWNER)
		for (size_t i = 0; i < config->norganizers; i++)
			S_see(k, config->organizers[i].id, 1);
	if (kind == KNOWN_THEME)
		for (size_t i = 0; i < config->nthemes; i++)
			S_see(k, config->themes[i].id, 1);
	const struct field_def *values = kind == KNOWN_KIND ? S_kind_values(config) : NULL;
	for (size_t i = 0; values && i < values->nvalues; i++)
		S_see(k, values->values[i], 1);
}

void known_scan_start(struct known_scan *k, const struct config *config, enum known_kind kind,
		      const char *value)
{
	*k = (struct known_scan){ .config = config, .kind = kind };
	suggest_init(&k->near, value);
	S_see_config(k, config, kind);
}

/* A private note's names are known, and never offered in a did you mean. */
void known_scan_note(struct known_scan *k, const struct corpus_note *note)
{
	int shown = !note->private;
	if (k->found)
		return;
	switch (k->kind) {
	case KNOWN_ORGANIZER:
		S_see(k, note->organizer, shown);
		break;
	case KNOWN_KIND:
		S_see(k, note->kind, shown);
		break;
	case KNOWN_THEME:
		for (size_t i = 0; i < note->nmentions; i++)
			S_see(k, note->mentions[i].theme, shown);
		break;
	case KNOWN_OWNER:
		/* Any participant too: one may own no step yet. */
		for (size_t i = 0; i < note->nsteps; i++)
			S_see(k, note->steps[i].owner, shown);
		/* fall through */
	case KNOWN_PARTICIPANT:
		for (size_t i = 0; i < note->nparticipants; i++)
			S_see(k, note->participants[i], shown);
		break;
	}
}

int known_scan_end(struct strbuf *why, const struct known_scan *k)
{
	enum known_kind kind = k->kind;
	if (k->found)
		return 1;
	strbuf_reset(why);
	strbuf_addf(why, "'%s' is not %s", k->near.word, S_kinds[kind].noun);
	const struct field_def *values = kind == KNOWN_KIND ? S_kind_values(k->config) : NULL;
	if (k->near.best) {
		strbuf_addf(why, "; did you mean '%s'?", k->near.best);
	} else if (values) {
		strbuf_addstr(why, ": one of ");
		for (size_t i = 0; i < values->nvalues; i++)
			strbuf_addf(why, "%s%s", i ? ", " : "", values->values[i]);
	} else {
		strbuf_addf(why, ": %s", S_kinds[kind].where);
	}
	return 0;
}

int known_check(struct strbuf *why, const struct corpus *corpus, const struct config *config,
		enum known_kind kind, const char *value)
{
	struct known_scan k;
	known_scan_start(&k, config, kind, value);
	for (size_t i = 0; i < corpus->len && !k.found; i++)
		known_scan_note(&k, &corpus->notes[i]);
	return known_scan_end(why, &k);
}
