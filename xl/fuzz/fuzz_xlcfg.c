/* libFuzzer target: arbitrary bytes as an xl.cfg file (first line may be
 * split off as one command-line override), then, when that gives a config,
 * its JSON must read back and regenerate identically; the same bytes are
 * also fed to the JSON reader directly. Any crash, leak or mismatch is a bug. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xlcfg.h"

static void quiet(void *opaque, const char *msg)
{
	(void)opaque;
	(void)msg;
}

static void round_trip(const libxl_domain_config *d)
{
	libxl_domain_config back;
	char *j1 = libxl_domain_config_to_json(d), *j2;

	if (!j1)
		abort();
	libxl_domain_config_init(&back);
	if (libxl_domain_config_from_json(&back, j1, NULL, 0))
		abort();
	j2 = libxl_domain_config_to_json(&back);
	if (!j2 || strcmp(j1, j2))
		abort();
	free(j1);
	free(j2);
	libxl_domain_config_dispose(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xlcfg_log log = { .warn = quiet };
	libxl_domain_config d;
	const char *text = (const char *)data;
	const char *nl = memchr(data, '\n', size);
	char *override = NULL, *json;
	const char *const *ov = NULL;
	const char *ovs[1];
	int n = 0;

	/* "!key=value\n..." : the first line is an override. */
	if (size && text[0] == '!' && nl) {
		override = strndup(text + 1, (size_t)(nl - text - 1));
		if (!override)
			return 0;
		ovs[0] = override;
		ov = ovs;
		n = 1;
		size -= (size_t)(nl - text + 1);
		text = nl + 1;
	}
	libxl_domain_config_init(&d);
	if (xlcfg_load("fuzz.cfg", text, size, ov, n, &d, &log) == 0)
		round_trip(&d);
	else if (!log.error[0])
		abort(); /* every failure explains itself */
	libxl_domain_config_dispose(&d);
	free(override);

	json = malloc(size + 1);
	if (json) {
		memcpy(json, text, size);
		json[size] = '\0';
		libxl_domain_config_init(&d);
		if (libxl_domain_config_from_json(&d, json, NULL, 0) == 0)
			round_trip(&d);
		libxl_domain_config_dispose(&d);
		free(json);
	}
	return 0;
}
