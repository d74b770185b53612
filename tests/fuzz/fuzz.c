#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "diag.h"
#include "source.h"

static const char CONFIG_TEXT[] =
	"notes: notes\n"
	"organizers:\n"
	"  lisa-t: { name: Lisa Thornton }\n"
	"  marco-r: { name: Marco Ruiz }\n"
	"people:\n"
	"  maria-g: { name: Maria Gomez }\n"
	"fields:\n"
	"  kind: { type: enum, values: [one-on-one, house-meeting], required: true }\n"
	"  consent: { type: enum, values: [public, internal, private], default: internal }\n"
	"  turnout: { type: text }\n"
	"  follow-up: { type: date }\n"
	"  co-organizer: { type: organizer }\n"
	"  focus: { type: theme }\n"
	"  flags: { type: list }\n"
	"sections:\n"
	"  required: [Next steps, Story]\n"
	"themes:\n"
	"  housing:\n"
	"    label: Housing\n"
	"    patterns: ['\\brent\\b', 'landlord']\n"
	"  tenants:\n"
	"    label: Tenant organizing\n"
	"    parent: housing\n"
	"    patterns: ['\\btenants? union\\b']\n"
	"  data-culture:\n"
	"    label: Data culture\n"
	"    patterns: ['\\bdata[- ](entry|culture)\\b', '\\bspreadsheets?\\b']\n"
	"  salud:\n"
	"    label: Salud\n"
	"    patterns: ['\\bclínica\\b']\n";

static struct source *config_src;
static struct config *config;

static void S_free_config(void)
{
	config_free(config);
	source_free(config_src);
}

const struct config *fuzz_fixed_config(void)
{
	if (!config) {
		struct diag_list diags = DIAG_LIST_INIT;

		config_src = source_new(CONFIG_FILE, CONFIG_TEXT, strlen(CONFIG_TEXT));
		if (config_parse(&config, config_src, &diags) != 0 || diags.len != 0)
			abort();   /* the harness's own configuration must be right */
		diag_list_release(&diags);
		atexit(S_free_config);
	}
	return config;
}

size_t fuzz_split(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);

	return nul ? (size_t)(nul - data) : size;
}
