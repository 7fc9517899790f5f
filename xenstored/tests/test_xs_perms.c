/* Permissions: ownership on creation, inheritance, n/r/w/b for other domains,
 * dom0's rights, SET_TARGET delegation, special nodes, perm string parsing. */
#include "harness.h"

static struct xs_core core;
static struct t_conn *c0, *c1, *c2;

static int setup(void **state)
{
	(void)state;
	assert_int_equal(core_init(&core), 0);
	c0 = t_conn_new(&core, 0);
	c1 = t_conn_new(&core, 1);
	c2 = t_conn_new(&core, 2);
	/* Domain homes as the toolstack makes them: owned by the domain. */
	t_write(&core, c0, 0, "/local/domain/1", "");
	t_req(&core, c0, XS_SET_PERMS, 0, "/local/domain/1\0n1\0", 19);
	t_write(&core, c0, 0, "/local/domain/2", "");
	t_req(&core, c0, XS_SET_PERMS, 0, "/local/domain/2\0n2\0", 19);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	t_conn_free(c0);
	t_conn_free(c1);
	t_conn_free(c2);
	core_destroy(&core);
	return 0;
}

static void perms_of(struct t_conn *c, const char *path, const char *expect, uint32_t len)
{
	struct t_msg *m = t_str(&core, c, XS_GET_PERMS, 0, path, NULL);

	assert_int_equal(m->hdr.type, XS_GET_PERMS);
	assert_int_equal(m->hdr.len, len);
	assert_memory_equal(m->body, expect, len);
}

static void defaults_and_dom0(void **state)
{
	(void)state;
	perms_of(c0, "/", "n0\0", 3);
	/* Others cannot read dom0's nodes; dom0 can read anything. */
	assert_err(t_str(&core, c1, XS_READ, 0, "/tool", NULL), "EACCES");
	assert_err(t_write(&core, c1, 0, "/tool/x", "1"), "EACCES");
	t_write(&core, c1, 0, "/local/domain/1/mine", "1");
	assert_value(&core, c0, "/local/domain/1/mine", "1");
}

static void creator_owns_and_inherits(void **state)
{
	(void)state;
	/* Parent b1 with an ACL entry for dom2: the child keeps the ACL. */
	assert_ok(t_req(&core, c1, XS_SET_PERMS, 0, "/local/domain/1\0n1\0r2\0", 22));
	assert_ok(t_write(&core, c1, 0, "/local/domain/1/data/x", "v"));
	perms_of(c0, "/local/domain/1/data/x", "n1\0r2\0", 6);
	assert_value(&core, c2, "/local/domain/1/data/x", "v");
	assert_err(t_write(&core, c2, 0, "/local/domain/1/data/x", "w"), "EACCES");
	/* dom0 creating under a domain's node keeps the parent's owner. */
	t_write(&core, c0, 0, "/local/domain/1/byzero", "");
	perms_of(c0, "/local/domain/1/byzero", "n1\0r2\0", 6);
}

static void rights_by_letter(void **state)
{
	(void)state;
	t_write(&core, c0, 0, "/p/n", "x");
	t_write(&core, c0, 0, "/p/r", "x");
	t_write(&core, c0, 0, "/p/w", "x");
	t_write(&core, c0, 0, "/p/b", "x");
	t_req(&core, c0, XS_SET_PERMS, 0, "/p/n\0n0\0n1\0", 11);
	t_req(&core, c0, XS_SET_PERMS, 0, "/p/r\0n0\0r1\0", 11);
	t_req(&core, c0, XS_SET_PERMS, 0, "/p/w\0n0\0w1\0", 11);
	t_req(&core, c0, XS_SET_PERMS, 0, "/p/b\0n0\0b1\0", 11);
	assert_err(t_str(&core, c1, XS_READ, 0, "/p/n", NULL), "EACCES");
	assert_err(t_write(&core, c1, 0, "/p/n", "y"), "EACCES");
	assert_value(&core, c1, "/p/r", "x");
	assert_err(t_write(&core, c1, 0, "/p/r", "y"), "EACCES");
	assert_err(t_str(&core, c1, XS_READ, 0, "/p/w", NULL), "EACCES");
	assert_ok(t_write(&core, c1, 0, "/p/w", "y"));
	assert_ok(t_write(&core, c1, 0, "/p/b", "y"));
	assert_value(&core, c1, "/p/b", "y");
	/* Default for everybody else is perms[0]'s letter. */
	t_req(&core, c0, XS_SET_PERMS, 0, "/p/r\0r0\0", 8);
	assert_value(&core, c2, "/p/r", "x");
	/* Unreadable nodes are also not listable. */
	assert_err(t_str(&core, c1, XS_DIRECTORY, 0, "/p/n", NULL), "EACCES");
}

static void set_perms_rules(void **state)
{
	(void)state;
	t_write(&core, c1, 0, "/local/domain/1/o", "");
	/* Owner may change the ACL but not give the node away. */
	assert_ok(t_req(&core, c1, XS_SET_PERMS, 0, "/local/domain/1/o\0b1\0r2\0", 24));
	assert_err(t_req(&core, c1, XS_SET_PERMS, 0, "/local/domain/1/o\0b2\0", 21), "EPERM");
	/* A domain with write access but not ownership cannot change perms. */
	t_req(&core, c1, XS_SET_PERMS, 0, "/local/domain/1/o\0n1\0w2\0", 24);
	assert_err(t_req(&core, c2, XS_SET_PERMS, 0, "/local/domain/1/o\0n2\0", 21), "EACCES");
	/* dom0 may give it away. */
	assert_ok(t_req(&core, c0, XS_SET_PERMS, 0, "/local/domain/1/o\0b2\0", 21));
	perms_of(c0, "/local/domain/1/o", "b2\0", 3);
	/* Bad perm strings. */
	assert_err(t_req(&core, c0, XS_SET_PERMS, 0, "/local/domain/1/o\0x1\0", 21), "EINVAL");
	assert_err(t_req(&core, c0, XS_SET_PERMS, 0, "/local/domain/1/o\0r\0", 20), "EINVAL");
	assert_err(t_req(&core, c0, XS_SET_PERMS, 0, "/local/domain/1/o\0", 18), "EINVAL");
	assert_err(t_req(&core, c0, XS_SET_PERMS, 0, "/local/domain/1/o\0r1x\0", 22), "EINVAL");
	assert_err(t_req(&core, c0, XS_SET_PERMS, 0, "/nope\0r1\0", 9), "ENOENT");
}

static void set_target_delegates(void **state)
{
	(void)state;
	t_write(&core, c2, 0, "/local/domain/2/secret", "s");
	assert_err(t_str(&core, c1, XS_READ, 0, "/local/domain/2/secret", NULL), "EACCES");
	/* Only introduced domains may get a target; only dom0 may set it. */
	assert_err(t_str(&core, c0, XS_SET_TARGET, 0, "1", "2"), "ENOENT");
	assert_ok(t_req(&core, c0, XS_INTRODUCE, 0, "1\0" "100\0" "5\0", 8));
	assert_err(t_str(&core, c1, XS_SET_TARGET, 0, "1", "2"), "EACCES");
	/* The target must be introduced as well. */
	assert_err(t_str(&core, c0, XS_SET_TARGET, 0, "1", "2"), "ENOENT");
	assert_ok(t_req(&core, c0, XS_INTRODUCE, 0, "2\0" "101\0" "6\0", 8));
	assert_ok(t_str(&core, c0, XS_SET_TARGET, 0, "1", "2"));
	assert_value(&core, c1, "/local/domain/2/secret", "s");
	assert_ok(t_write(&core, c1, 0, "/local/domain/2/secret", "t"));
	assert_ok(t_req(&core, c1, XS_SET_PERMS, 0, "/local/domain/2/secret\0b2\0r1\0", 29));
}

static void special_nodes(void **state)
{
	(void)state;
	perms_of(c0, "@releaseDomain", "n0\0", 3);
	assert_err(t_req(&core, c1, XS_SET_PERMS, 0, "@releaseDomain\0r1\0", 18), "EACCES");
	assert_ok(t_req(&core, c0, XS_SET_PERMS, 0, "@releaseDomain\0n0\0r1\0", 21));
	perms_of(c0, "@releaseDomain", "n0\0r1\0", 6);
	assert_err(t_str(&core, c0, XS_GET_PERMS, 0, "@other", NULL), "ENOENT");
}

static void perm_strings_roundtrip(void **state)
{
	struct xs_perm *p;
	uint32_t n;
	char buf[64];

	(void)state;
	assert_int_equal(perms_parse("b0\0r65535\0n7\0w3\0", 16, &p, &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(p[1].id, 65535);
	assert_int_equal(p[1].perms, XS_PERM_READ);
	assert_int_equal(perms_format(p, n, buf, sizeof(buf)), 16);
	assert_memory_equal(buf, "b0\0r65535\0n7\0w3\0", 16);
	assert_int_equal(perms_format(p, n, buf, 8), -1);
	free(p);
	assert_int_equal(perms_parse("r65536\0", 7, &p, &n), EINVAL);
	assert_int_equal(perms_parse("r1", 2, &p, &n), EINVAL);
	assert_int_equal(perms_parse("", 0, &p, &n), EINVAL);
	assert_int_equal(perms_parse("r-1\0", 4, &p, &n), EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(defaults_and_dom0, setup, teardown),
		cmocka_unit_test_setup_teardown(creator_owns_and_inherits, setup, teardown),
		cmocka_unit_test_setup_teardown(rights_by_letter, setup, teardown),
		cmocka_unit_test_setup_teardown(set_perms_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(set_target_delegates, setup, teardown),
		cmocka_unit_test_setup_teardown(special_nodes, setup, teardown),
		cmocka_unit_test(perm_strings_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
