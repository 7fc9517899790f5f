/* Tree operations through the request dispatcher: read, write, mkdir, rm,
 * directory, directory_part, relative paths and path validation. */
#include "harness.h"

static struct xs_core core;
static struct t_conn *c0;

static int setup(void **state)
{
	(void)state;
	assert_int_equal(core_init(&core), 0);
	c0 = t_conn_new(&core, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	t_conn_free(c0);
	core_destroy(&core);
	return 0;
}

static void initial_tree(void **state)
{
	struct t_msg *m = t_str(&core, c0, XS_DIRECTORY, 0, "/", NULL);

	(void)state;
	assert_int_equal(m->hdr.len, 5);
	assert_memory_equal(m->body, "tool\0", 5);
	m = t_str(&core, c0, XS_DIRECTORY, 0, "/tool", NULL);
	assert_memory_equal(m->body, "xenstored\0", 10);
}

static void write_read_creates_parents(void **state)
{
	struct t_msg *m;

	(void)state;
	m = t_write(&core, c0, 0, "/a/b/c", "hello");
	assert_int_equal(m->hdr.type, XS_WRITE);
	assert_string_equal(m->body, "OK");
	assert_value(&core, c0, "/a/b/c", "hello");
	assert_value(&core, c0, "/a/b", "");
	m = t_str(&core, c0, XS_DIRECTORY, 0, "/a", NULL);
	assert_memory_equal(m->body, "b\0", 2);
	/* Overwrite, empty value, binary value with NULs. */
	t_write(&core, c0, 0, "/a/b/c", "");
	assert_value(&core, c0, "/a/b/c", "");
	m = t_req(&core, c0, XS_WRITE, 0, "/bin\0x\0y", 8);
	assert_ok(m);
	m = t_str(&core, c0, XS_READ, 0, "/bin", NULL);
	assert_int_equal(m->hdr.len, 3);
	assert_memory_equal(m->body, "x\0y", 3);
}

static void read_missing_is_enoent(void **state)
{
	(void)state;
	assert_err(t_str(&core, c0, XS_READ, 0, "/nope", NULL), "ENOENT");
	assert_err(t_str(&core, c0, XS_DIRECTORY, 0, "/nope", NULL), "ENOENT");
	assert_err(t_str(&core, c0, XS_GET_PERMS, 0, "/nope", NULL), "ENOENT");
}

static void mkdir_keeps_existing_value(void **state)
{
	(void)state;
	t_write(&core, c0, 0, "/m", "v");
	assert_ok(t_str(&core, c0, XS_MKDIR, 0, "/m", NULL));
	assert_value(&core, c0, "/m", "v");
	assert_ok(t_str(&core, c0, XS_MKDIR, 0, "/m/x/y", NULL));
	assert_value(&core, c0, "/m/x/y", "");
}

static void rm_rules(void **state)
{
	(void)state;
	t_write(&core, c0, 0, "/r/a/b", "1");
	t_write(&core, c0, 0, "/r/c", "2");
	assert_ok(t_str(&core, c0, XS_RM, 0, "/r/a", NULL));
	assert_err(t_str(&core, c0, XS_READ, 0, "/r/a/b", NULL), "ENOENT");
	assert_err(t_str(&core, c0, XS_READ, 0, "/r/a", NULL), "ENOENT");
	assert_value(&core, c0, "/r/c", "2");
	/* Missing node with existing parent: fine; missing parent: ENOENT. */
	assert_ok(t_str(&core, c0, XS_RM, 0, "/r/zz", NULL));
	assert_err(t_str(&core, c0, XS_RM, 0, "/r/zz/yy", NULL), "ENOENT");
	assert_err(t_str(&core, c0, XS_RM, 0, "/", NULL), "EINVAL");
	{
		struct t_msg *m = t_str(&core, c0, XS_DIRECTORY, 0, "/r", NULL);

		assert_int_equal(m->hdr.len, 2);
		assert_memory_equal(m->body, "c\0", 2);
	}
}

static void invalid_paths(void **state)
{
	static const char *const bad[] = {
		"", "/a//b", "/a/", "/a b", "/a\\b", "/\x01", "@x", "/é",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_err(t_str(&core, c0, XS_READ, 0, bad[i], NULL), "EINVAL");
		assert_err(t_write(&core, c0, 0, bad[i], "x"), "EINVAL");
	}
	{
		char longp[XENSTORE_ABS_PATH_MAX + 8];

		memset(longp, 'a', sizeof(longp) - 1);
		longp[0] = '/';
		longp[sizeof(longp) - 1] = '\0';
		assert_err(t_write(&core, c0, 0, longp, "x"), "EINVAL");
	}
}

static void relative_paths_use_domain_home(void **state)
{
	struct t_msg *m;

	(void)state;
	t_write(&core, c0, 0, "rel/x", "7");
	assert_value(&core, c0, "/local/domain/0/rel/x", "7");
	m = t_str(&core, c0, XS_GET_DOMAIN_PATH, 0, "5", NULL);
	assert_string_equal(m->body, "/local/domain/5");
	assert_int_equal(m->hdr.len, strlen("/local/domain/5") + 1);
	assert_err(t_str(&core, c0, XS_GET_DOMAIN_PATH, 0, "abc", NULL), "EINVAL");
}

static void directory_part_pages_large_dirs(void **state)
{
	char path[64];
	int i;
	struct t_msg *m;
	size_t total = 0, off = 0;
	char all[16384];
	char offs[16];

	(void)state;
	for (i = 0; i < 300; i++) {
		snprintf(path, sizeof(path), "/big/entry-with-long-name-%04d", i);
		assert_ok(t_write(&core, c0, 0, path, ""));
		total += strlen(path) - 5 + 1;
	}
	assert_true(total > XENSTORE_PAYLOAD_MAX);
	assert_err(t_str(&core, c0, XS_DIRECTORY, 0, "/big", NULL), "E2BIG");
	for (;;) {
		size_t glen, chunk;

		snprintf(offs, sizeof(offs), "%zu", off);
		m = t_str(&core, c0, XS_DIRECTORY_PART, 0, "/big", offs);
		assert_int_equal(m->hdr.type, XS_DIRECTORY_PART);
		assert_true(m->hdr.len <= XENSTORE_PAYLOAD_MAX);
		glen = strlen(m->body) + 1;
		chunk = m->hdr.len - glen;
		memcpy(all + off, m->body + glen, chunk);
		off += chunk;
		if (chunk >= 2 && all[off - 2] == '\0')
			break;
		assert_true(chunk > 0);
	}
	assert_int_equal(off - 1, total);
	assert_memory_equal(all, "entry-with-long-name-0000\0entry-with-long-name-0001", 51);
	/* Past the end, or a node without children: the end marker alone. */
	m = t_str(&core, c0, XS_DIRECTORY_PART, 0, "/big", "999999");
	assert_int_equal(m->hdr.type, XS_DIRECTORY_PART);
	assert_int_equal(m->hdr.len, strlen(m->body) + 2);
	assert_int_equal(m->body[m->hdr.len - 1], '\0');
	m = t_str(&core, c0, XS_DIRECTORY_PART, 0, "/big/entry-with-long-name-0000", "0");
	assert_int_equal(m->hdr.type, XS_DIRECTORY_PART);
	assert_int_equal(m->hdr.len, strlen(m->body) + 2);
	/* Three strings are one too many. */
	assert_err(t_req(&core, c0, XS_DIRECTORY_PART, 0, "/big\0" "0\0" "x\0", 9), "EINVAL");
	/* The offset reads as atoi() would in Xen: garbage from the start,
	 * a negative number past the end, and a byte inside a name from there. */
	{
		static char zero[XENSTORE_PAYLOAD_MAX];
		uint32_t zero_len;
		size_t gen;

		m = t_str(&core, c0, XS_DIRECTORY_PART, 0, "/big", "0");
		zero_len = m->hdr.len; /* the harness reuses m: keep a copy */
		memcpy(zero, m->body, zero_len);
		gen = strlen(zero) + 1;
		m = t_str(&core, c0, XS_DIRECTORY_PART, 0, "/big", "junk");
		assert_int_equal(m->hdr.len, zero_len);
		assert_memory_equal(m->body, zero, zero_len);
		m = t_str(&core, c0, XS_DIRECTORY_PART, 0, "/big", "-3");
		assert_int_equal(m->hdr.len, strlen(m->body) + 2);
		m = t_str(&core, c0, XS_DIRECTORY_PART, 0, "/big", "6");
		assert_string_equal(m->body + gen, "with-long-name-0000");
	}
}

static void unknown_and_reserved_types(void **state)
{
	(void)state;
	assert_err(t_str(&core, c0, 20, 0, "/", NULL), "EINVAL");
	assert_err(t_str(&core, c0, XS_WATCH_EVENT, 0, "/", NULL), "EINVAL");
	assert_err(t_str(&core, c0, XS_ERROR, 0, "/", NULL), "EINVAL");
	assert_err(t_str(&core, c0, 999, 0, "/", NULL), "EINVAL");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(initial_tree, setup, teardown),
		cmocka_unit_test_setup_teardown(write_read_creates_parents, setup, teardown),
		cmocka_unit_test_setup_teardown(read_missing_is_enoent, setup, teardown),
		cmocka_unit_test_setup_teardown(mkdir_keeps_existing_value, setup, teardown),
		cmocka_unit_test_setup_teardown(rm_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(invalid_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(relative_paths_use_domain_home, setup, teardown),
		cmocka_unit_test_setup_teardown(directory_part_pages_large_dirs, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_and_reserved_types, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
