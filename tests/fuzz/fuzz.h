#ifndef PERENNIAL_FUZZ_H
#define PERENNIAL_FUZZ_H

#include <stddef.h>
#include <stdint.h>

struct config;

/*
 * What the libFuzzer harnesses share. Each harness is one program:
 * LLVMFuzzerTestOneInput gets the bytes and must neither leak nor crash
 * on any of them; run.sh runs them all.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * A perennial.yml with everything a note is checked against: organizers,
 * a people roster, fields of each type, required sections and a codebook
 * with nested themes and patterns. Parsed once, kept for the whole run.
 */
const struct config *fuzz_fixed_config(void);

/* Where the bytes split in two: the first NUL, or size when there is none. */
size_t fuzz_split(const uint8_t *data, size_t size);

#endif
