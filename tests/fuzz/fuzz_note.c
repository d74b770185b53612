/* A note file's bytes: parsed whole, checked against fuzz.c's configuration, its themes found. */
#include "fuzz.h"

#include "diag.h"
#include "mention.h"
#include "note.h"
#include "source.h"
#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct config *config = fuzz_fixed_config();
	struct diag_list diags = DIAG_LIST_INIT;
	struct mention_list mentions = MENTION_LIST_INIT;
	struct note *note;

	note = note_parse(source_new("notes/2020/05/2020-05-01-lisa-t-fuzz.md",
				     (const char *)data, size), NOTE_ALL, &diags);
	validate_note(note, config, &diags);
	mention_find(&mentions, note, config);
	mention_list_release(&mentions);
	note_free(note);
	diag_list_release(&diags);
	return 0;
}
