#ifndef PERENNIAL_VALIDATE_H
#define PERENNIAL_VALIDATE_H

#include "diag.h"

struct config;
struct note;

/*
 * The rules of one note against the configuration: fields (required,
 * types, dates, enums, roster and codebook ids, unknown keys), the date in
 * the file name, required sections, and next steps (owner, due date).
 * A note whose front matter could not be read gets no further findings.
 * Rules across notes (duplicate ids) are check.h's.
 */
void validate_note(const struct note *note, const struct config *config,
		   struct diag_list *diags);

#endif
