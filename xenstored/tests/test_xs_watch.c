/* Watches: initial event, children, recursive removal, relative paths,
 * permissions, special watches, unwatch and reset. */
#include "harness.h"

static struct xs_core core;
static struct t_conn *c0, *w, *d1;

static int setup(void **state)
{
	(void)state;
	assert_int_equal(core_init(&core), 0);
	c0 = t_conn_new(&core, 0);
	w = t_conn_new(&core, 0);
	d1 = t_conn_new(&core, 1);
	t_write(&core, c0, 0, "/local/domain/1", "");
	t_req(&core, c0, XS_SET_PERMS, 0, "/local/domain/1\0n1\0", 19);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	t_conn_free(c0);
	t_conn_free(w);
	t_conn_free(d1);
	core_destroy(&core);
	return 0;
}

static void expect_event(struct t_msg *m, const char *path, const char *token)
{
	size_t pl = strlen(path) + 1;

	assert_int_equal(m->hdr.type, XS_WATCH_EVENT);
	assert_int_equal(m->hdr.req_id, 0);
	assert_int_equal(m->hdr.tx_id, 0);
	assert_int_equal(m->hdr.len, pl + strlen(token) + 1);
	assert_string_equal(m->body, path);
	assert_string_equal(m->body + pl, token);
}

static void initial_event_after_reply(void **state)
{
	struct t_msg *m;

	(void)state;
	m = t_str(&core, w, XS_WATCH, 0, "/x", "tk");
	assert_int_equal(m->hdr.type, XS_WATCH);
	assert_string_equal(m->body, "OK");
	assert_int_equal(w->n, 2);
	expect_event(&w->msgs[1], "/x", "tk");
	/* Same path and token twice: EEXIST. */
	assert_err(t_str(&core, w, XS_WATCH, 0, "/x", "tk"), "EEXIST");
}

static void fires_for_node_and_children_only(void **state)
{
	(void)state;
	t_str(&core, w, XS_WATCH, 0, "/a/b", "t1");
	w->n = 0;
	t_write(&core, c0, 0, "/a/b/c/d", "1");
	assert_int_equal(w->n, 1);
	expect_event(&w->msgs[0], "/a/b/c/d", "t1");
	w->n = 0;
	t_write(&core, c0, 0, "/a/bc", "1"); /* a sibling with a common prefix */
	t_write(&core, c0, 0, "/a", "1");    /* the parent */
	assert_int_equal(w->n, 0);
	t_req(&core, c0, XS_SET_PERMS, 0, "/a/b\0n0\0", 8);
	assert_int_equal(w->n, 1);
	expect_event(&w->msgs[0], "/a/b", "t1");
}

static void removal_of_parent_reports_watch_path(void **state)
{
	(void)state;
	t_write(&core, c0, 0, "/r/s/t", "1");
	t_str(&core, w, XS_WATCH, 0, "/r/s/t", "deep");
	t_str(&core, w, XS_WATCH, 0, "/", "root");
	w->n = 0;
	t_str(&core, c0, XS_RM, 0, "/r", NULL);
	assert_int_equal(w->n, 2);
	expect_event(&w->msgs[0], "/r/s/t", "deep");
	expect_event(&w->msgs[1], "/r", "root");
}

static void relative_watch_gets_relative_paths(void **state)
{
	(void)state;
	t_str(&core, d1, XS_WATCH, 0, "device", "dev");
	assert_int_equal(d1->n, 2);
	expect_event(&d1->msgs[1], "device", "dev");
	d1->n = 0;
	t_write(&core, c0, 0, "/local/domain/1/device/vif/0", "x");
	assert_int_equal(d1->n, 1);
	expect_event(&d1->msgs[0], "device/vif/0", "dev");
	/* Unwatch with the same relative spelling. */
	assert_ok(t_str(&core, d1, XS_UNWATCH, 0, "device", "dev"));
	assert_err(t_str(&core, d1, XS_UNWATCH, 0, "device", "dev"), "ENOENT");
}

static void no_events_for_unreadable_nodes(void **state)
{
	(void)state;
	t_str(&core, d1, XS_WATCH, 0, "/", "all");
	d1->n = 0;
	t_write(&core, c0, 0, "/private", "x"); /* n0: domain 1 may not read */
	assert_int_equal(d1->n, 0);
	t_write(&core, c0, 0, "/local/domain/1/mine", "x");
	assert_int_equal(d1->n, 1);
	expect_event(&d1->msgs[0], "/local/domain/1/mine", "all");
}

static void special_watches(void **state)
{
	(void)state;
	t_str(&core, w, XS_WATCH, 0, "@introduceDomain", "in");
	t_str(&core, w, XS_WATCH, 0, "@releaseDomain", "out");
	t_str(&core, d1, XS_WATCH, 0, "@releaseDomain", "d1out");
	t_str(&core, w, XS_WATCH, 0, "/", "slash");
	w->n = 0;
	d1->n = 0;
	assert_ok(t_req(&core, c0, XS_INTRODUCE, 0, "7\0" "1234\0" "3\0", 9));
	assert_int_equal(w->n, 1);
	expect_event(&w->msgs[0], "@introduceDomain", "in");
	assert_string_equal(t_str(&core, c0, XS_IS_DOMAIN_INTRODUCED, 0, "7", NULL)->body, "T");
	w->n = 0;
	assert_ok(t_str(&core, c0, XS_RELEASE, 0, "7", NULL));
	assert_int_equal(w->n, 1);
	expect_event(&w->msgs[0], "@releaseDomain", "out");
	assert_int_equal(d1->n, 0); /* special events are for the privileged */
	assert_string_equal(t_str(&core, c0, XS_IS_DOMAIN_INTRODUCED, 0, "7", NULL)->body, "F");
	assert_err(t_str(&core, c0, XS_RELEASE, 0, "7", NULL), "ENOENT");
	/* Once allowed by the node's permissions, a domain gets them too. */
	t_req(&core, c0, XS_SET_PERMS, 0, "@releaseDomain\0n0\0r1\0", 21);
	t_req(&core, c0, XS_INTRODUCE, 0, "8\0" "1\0" "1\0", 6);
	d1->n = 0;
	t_str(&core, c0, XS_RELEASE, 0, "8", NULL);
	assert_int_equal(d1->n, 1);
	expect_event(&d1->msgs[0], "@releaseDomain", "d1out");
}

static void reset_watches_drops_all(void **state)
{
	(void)state;
	t_str(&core, w, XS_WATCH, 0, "/q", "1");
	t_str(&core, w, XS_WATCH, 0, "/q", "2");
	assert_ok(t_req(&core, w, XS_RESET_WATCHES, 0, "", 0));
	w->n = 0;
	t_write(&core, c0, 0, "/q", "x");
	assert_int_equal(w->n, 0);
}

static void domain_management_rules(void **state)
{
	(void)state;
	assert_err(t_req(&core, d1, XS_INTRODUCE, 0, "9\0" "1\0" "1\0", 6), "EACCES");
	assert_err(t_req(&core, c0, XS_INTRODUCE, 0, "9\0" "1\0", 4), "EINVAL");
	assert_err(t_req(&core, c0, XS_INTRODUCE, 0, "x\0" "1\0" "1\0", 6), "EINVAL");
	assert_err(t_req(&core, c0, XS_INTRODUCE, 0, "0\0" "1\0" "1\0", 6), "EINVAL");
	assert_err(t_req(&core, c0, XS_INTRODUCE, 0, "32752\0" "1\0" "1\0", 10), "EINVAL");
	assert_err(t_str(&core, d1, XS_RELEASE, 0, "9", NULL), "EACCES");
	assert_err(t_str(&core, c0, XS_RESUME, 0, "9", NULL), "ENOENT");
	assert_err(t_str(&core, c0, XS_RELEASE, 0, "0", NULL), "EINVAL");
	assert_err(t_str(&core, c0, XS_RESUME, 0, "0", NULL), "EINVAL");
	assert_ok(t_req(&core, c0, XS_INTRODUCE, 0, "9\0" "1\0" "1\0", 6));
	assert_ok(t_str(&core, c0, XS_RESUME, 0, "9", NULL));
	assert_string_equal(t_str(&core, c0, XS_IS_DOMAIN_INTRODUCED, 0, "0", NULL)->body, "T");
	assert_err(t_str(&core, c0, XS_IS_DOMAIN_INTRODUCED, 0, "", NULL), "EINVAL");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(initial_event_after_reply, setup, teardown),
		cmocka_unit_test_setup_teardown(fires_for_node_and_children_only, setup, teardown),
		cmocka_unit_test_setup_teardown(removal_of_parent_reports_watch_path, setup, teardown),
		cmocka_unit_test_setup_teardown(relative_watch_gets_relative_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(no_events_for_unreadable_nodes, setup, teardown),
		cmocka_unit_test_setup_teardown(special_watches, setup, teardown),
		cmocka_unit_test_setup_teardown(reset_watches_drops_all, setup, teardown),
		cmocka_unit_test_setup_teardown(domain_management_rules, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
