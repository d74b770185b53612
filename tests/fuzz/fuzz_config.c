/* perennial.yml's bytes, built into a configuration. */
#include "fuzz.h"

#include "config.h"
#include "diag.h"
#include "source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = source_new(CONFIG_FILE, (const char *)data, size);
	struct config *config = NULL;

	if (config_parse(&config, src, &diags) == 0)
		config_free(config);
	diag_list_release(&diags);
	source_free(src);
	return 0;
}
