#ifndef PERENNIAL_TEST_UNIT_H
#define PERENNIAL_TEST_UNIT_H

/* What every cmocka test file needs, in the order cmocka requires. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#endif
