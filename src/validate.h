#ifndef PERENNIAL_VALIDATE_H
#define PERENNIAL_VALIDATE_H

#include "diag.h"

struct config;
struct note;

/*
 * The rules of one note against the configuration: fields (required,
 * types, dates, enums, roster and codebook ids, unknown keys), the date in
 * the file name, required sections, next steps (owner, due date), and
 * personal details (pii.h) in a note whose consent lets reports quote it.
 * A note whose front matter could not be read gets no further findings.
 * Rules across notes (duplicate ids) are check.h's.
 */
void validate_note(const struct note *note, const struct config *config,
		   struct diag_list *diags);

/*
 * The consent the note gives: its `consent` field, else the field's
 * default; NULL when it is written as no text (a list), which
 * config_consent_private takes as private.
 */
const char *validate_consent(const struct note *note, const struct config *config);

#endif
