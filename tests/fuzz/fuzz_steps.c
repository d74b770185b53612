/*
 * Next steps and theme mentions from a note's body: the bytes up to the
 * first NUL are one version of the body and those after it the next, as
 * Markdown without front matter. Each is parsed, its steps paired with
 * the other's (step_match), and the second's themes found.
 */
#include "fuzz.h"

#include <stdlib.h>

#include "markdown.h"
#include "mention.h"
#include "note.h"
#include "source.h"
#include "step_match.h"
#include "xalloc.h"

/* The steps as pairing reads them: lent from body. */
static struct step_match_step *S_match_steps(const struct md_body *body)
{
	struct step_match_step *steps = xcalloc(body->nsteps + 1, sizeof(*steps));

	for (size_t i = 0; i < body->nsteps; i++) {
		steps[i].key = body->steps[i].key;
		steps[i].owner = body->steps[i].owner;
		steps[i].done = body->steps[i].done;
	}
	return steps;
}

/* Every span a step points at lies in the source. */
static void S_check_steps(const struct md_body *body, size_t len)
{
	for (size_t i = 0; i < body->nsteps; i++) {
		const struct md_step *step = &body->steps[i];

		if (!step->text || !step->words || !step->key ||
		    step->offset + step->len > len ||
		    (step->owner && step->owner_offset + step->owner_len > len) ||
		    (step->due && step->due_offset + step->due_len > len) ||
		    (step->section != MD_NONE && step->section >= body->nsections))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t split = fuzz_split(data, size);
	size_t rest = split < size ? split + 1 : size;
	struct note old = { 0 }, new = { 0 };
	struct mention_list mentions = MENTION_LIST_INIT;
	struct step_match_step *old_steps, *new_steps;
	size_t *pairs;
	unsigned char *taken;

	old.src = source_new("notes/old.md", (const char *)data, split);
	new.src = source_new("notes/new.md", (const char *)data + rest, size - rest);
	md_parse(&old.body, old.src, 0, 1, MD_ALL);
	md_parse(&new.body, new.src, 0, 1, MD_ALL);
	S_check_steps(&old.body, split);
	S_check_steps(&new.body, size - rest);

	old_steps = S_match_steps(&old.body);
	new_steps = S_match_steps(&new.body);
	pairs = xcalloc(new.body.nsteps + 1, sizeof(*pairs));
	taken = xcalloc(old.body.nsteps + 1, 1);
	step_match(pairs, old_steps, old.body.nsteps, new_steps, new.body.nsteps);
	for (size_t j = 0; j < new.body.nsteps; j++) {
		if (pairs[j] == STEP_MATCH_NONE)
			continue;
		if (pairs[j] >= old.body.nsteps || taken[pairs[j]]++)
			abort();   /* each old step continues in one new step at most */
	}

	mention_find(&mentions, &new, fuzz_fixed_config());

	mention_list_release(&mentions);
	free(taken);
	free(pairs);
	free(old_steps);
	free(new_steps);
	md_body_release(&old.body);
	md_body_release(&new.body);
	source_free(old.src);
	source_free(new.src);
	return 0;
}
