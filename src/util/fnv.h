#ifndef PERENNIAL_FNV_H
#define PERENNIAL_FNV_H

#include <stddef.h>
#include <stdint.h>

/*
 * 64-bit FNV-1a: a fast hash for telling things apart (hash tables,
 * fingerprints), not one that resists an adversary. Start from FNV1A_INIT;
 * chain calls to hash pieces as one.
 */
#define FNV1A_INIT UINT64_C(14695981039346656037)

uint64_t fnv1a(uint64_t h, const void *bytes, size_t len);

#endif
