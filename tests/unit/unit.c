/* Helpers shared by the unit tests; declared in unit.h. */
#include "unit.h"
