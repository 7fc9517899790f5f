/* Domain death: @releaseDomain on shutdown (once) and on death, the ring
 * released, and the dead domain's nodes deleted or (-K) given to dom0. */
#include <errno.h>

#include "harness.h"

static struct xs_core core;
static struct t_conn *c0, *w;

/* The hypervisor as core_check_domains() sees it. */
static struct {
	bool exists, shutdown, dying;
} hv[16];
static unsigned int queries;

static int fake_query(void *arg, uint32_t domid, struct xs_domstate *st)
{
	(void)arg;
	queries++;
	if (domid >= 16 || !hv[domid].exists)
		return -ESRCH;
	st->shutdown = hv[domid].shutdown;
	st->dying = hv[domid].dying;
	return 0;
}

static void check(void)
{
	core_check_domains(&core, fake_query, NULL);
}

static unsigned int released_events(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < w->n; i++)
		if (w->msgs[i].hdr.type == XS_WATCH_EVENT &&
		    strcmp(w->msgs[i].body, "@releaseDomain") == 0)
			n++;
	return n;
}

static bool got_event(const char *path)
{
	unsigned int i;

	for (i = 0; i < w->n; i++)
		if (w->msgs[i].hdr.type == XS_WATCH_EVENT &&
		    strcmp(w->msgs[i].body, path) == 0)
			return true;
	return false;
}

/* dom0 builds /local/domain/<id> for the domain, as the toolstack does, and
 * introduces it; the domain writes a node of its own. */
static struct t_conn *make_domain(uint32_t domid)
{
	char path[64], perms[16], intro[32];
	struct t_conn *d;
	uint32_t n;

	hv[domid].exists = true;
	snprintf(path, sizeof(path), "/local/domain/%u", domid);
	assert_ok(t_write(&core, c0, 0, path, ""));
	n = (uint32_t)strlen(path) + 1;
	{
		char buf[96];
		int pl = snprintf(perms, sizeof(perms), "n%u", domid) + 1;

		memcpy(buf, path, n);
		memcpy(buf + n, perms, (size_t)pl);
		assert_ok(t_req(&core, c0, XS_SET_PERMS, 0, buf, n + (uint32_t)pl));
	}
	n = (uint32_t)snprintf(intro, sizeof(intro), "%u%c1%c1", domid, 0, 0) + 1;
	assert_ok(t_req(&core, c0, XS_INTRODUCE, 0, intro, n));
	d = t_conn_new(&core, domid);
	assert_ok(t_write(&core, d, 0, "data/x", "1"));
	return d;
}

static int setup(void **state)
{
	(void)state;
	memset(hv, 0, sizeof(hv));
	queries = 0;
	assert_int_equal(core_init(&core), 0);
	c0 = t_conn_new(&core, 0);
	w = t_conn_new(&core, 0);
	t_str(&core, w, XS_WATCH, 0, "@releaseDomain", "rel");
	t_str(&core, w, XS_WATCH, 0, "/local/domain", "ld");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	t_conn_free(c0);
	t_conn_free(w);
	core_destroy(&core);
	return 0;
}

static void shutdown_fires_once_then_death_releases(void **state)
{
	struct t_conn *d = make_domain(5);

	(void)state;
	w->n = 0;
	check(); /* running: nothing */
	assert_int_equal(released_events(), 0);
	assert_true(queries > 0);

	hv[5].shutdown = true;
	check();
	assert_int_equal(released_events(), 1);
	w->n = 0;
	check(); /* the same state again: no second event */
	assert_int_equal(released_events(), 0);
	/* Still introduced and its nodes still there while it is only shut down. */
	assert_string_equal(t_str(&core, c0, XS_IS_DOMAIN_INTRODUCED, 0, "5", NULL)->body, "T");
	assert_value(&core, c0, "/local/domain/5/data/x", "1");

	hv[5].dying = true;
	w->n = 0;
	check();
	assert_int_equal(released_events(), 1);
	assert_string_equal(t_str(&core, c0, XS_IS_DOMAIN_INTRODUCED, 0, "5", NULL)->body, "F");
	/* Its nodes went, and dom0's watchers heard it. */
	assert_err(t_str(&core, c0, XS_READ, 0, "/local/domain/5", NULL), "ENOENT");
	assert_true(got_event("/local/domain/5"));
	/* Gone for good: later checks say nothing. */
	hv[5].exists = false;
	w->n = 0;
	check();
	assert_int_equal(released_events(), 0);
	t_conn_free(d);
}

static void resume_rearms_the_shutdown_event(void **state)
{
	struct t_conn *d = make_domain(6);

	(void)state;
	hv[6].shutdown = true;
	w->n = 0;
	check();
	assert_int_equal(released_events(), 1);
	hv[6].shutdown = false;
	assert_ok(t_str(&core, c0, XS_RESUME, 0, "6", NULL));
	hv[6].shutdown = true;
	w->n = 0;
	check();
	assert_int_equal(released_events(), 1);
	t_conn_free(d);
}

static void vanished_domain_is_released(void **state)
{
	struct t_conn *d = make_domain(7);

	(void)state;
	hv[7].exists = false; /* destroyed between two checks */
	w->n = 0;
	check();
	assert_int_equal(released_events(), 1);
	assert_err(t_str(&core, c0, XS_READ, 0, "/local/domain/7", NULL), "ENOENT");
	t_conn_free(d);
}

static void only_the_dead_domains_nodes_go(void **state)
{
	struct t_conn *d8 = make_domain(8), *d9 = make_domain(9);

	(void)state;
	/* dom0's node under the domain's home, and a node of 8's elsewhere. */
	assert_ok(t_write(&core, c0, 0, "/tool/keep", "k"));
	assert_ok(t_req(&core, c0, XS_SET_PERMS, 0, "/tool/keep\0n8\0", 14));
	assert_ok(t_write(&core, c0, 0, "/tool/dom0", "z"));
	hv[8].dying = true;
	check();
	assert_err(t_str(&core, c0, XS_READ, 0, "/local/domain/8", NULL), "ENOENT");
	assert_err(t_str(&core, c0, XS_READ, 0, "/tool/keep", NULL), "ENOENT");
	assert_value(&core, c0, "/tool/dom0", "z");
	assert_value(&core, c0, "/local/domain/9/data/x", "1");
	/* The parent no longer lists them. */
	assert_int_equal(strstr(t_str(&core, c0, XS_DIRECTORY, 0, "/tool", NULL)->body, "keep") == NULL, 1);
	t_conn_free(d8);
	t_conn_free(d9);
}

static void keep_orphans_gives_them_to_dom0(void **state)
{
	struct t_conn *d = make_domain(10);
	struct t_msg *m;

	(void)state;
	core.keep_orphans = true;
	assert_ok(t_req(&core, c0, XS_SET_PERMS, 0, "/local/domain/10\0n10\0r3\0", 24));
	hv[10].dying = true;
	w->n = 0;
	check();
	assert_int_equal(released_events(), 1);
	assert_value(&core, c0, "/local/domain/10/data/x", "1");
	m = t_str(&core, c0, XS_GET_PERMS, 0, "/local/domain/10/data/x", NULL);
	assert_string_equal(m->body, "n0");
	/* Only the owner changes. */
	m = t_str(&core, c0, XS_GET_PERMS, 0, "/local/domain/10", NULL);
	assert_int_equal(m->hdr.len, 6);
	assert_memory_equal(m->body, "n0\0r3\0", 6);
	/* The accounting moved with them. */
	{
		const struct xs_domain *dd = domain_find(&core, 10);

		assert_true(dd == NULL || dd->nodes == 0);
	}
	t_conn_free(d);
}

static void release_request_deletes_orphans(void **state)
{
	struct t_conn *d = make_domain(11);

	(void)state;
	w->n = 0;
	assert_ok(t_str(&core, c0, XS_RELEASE, 0, "11", NULL));
	assert_int_equal(released_events(), 1);
	assert_err(t_str(&core, c0, XS_READ, 0, "/local/domain/11", NULL), "ENOENT");
	t_conn_free(d);
}

static void never_introduced_domain_loses_nodes_silently(void **state)
{
	(void)state;
	assert_ok(t_write(&core, c0, 0, "/vm/12", "v"));
	assert_ok(t_req(&core, c0, XS_SET_PERMS, 0, "/vm/12\0n12\0", 11));
	hv[12].exists = true;
	w->n = 0;
	check();
	assert_value(&core, c0, "/vm/12", "v");
	hv[12].exists = false;
	check();
	assert_err(t_str(&core, c0, XS_READ, 0, "/vm/12", NULL), "ENOENT");
	assert_int_equal(released_events(), 0);
	assert_null(domain_find(&core, 12));
}

static void special_node_perms_forget_the_domain(void **state)
{
	struct t_conn *d = make_domain(13);
	struct t_msg *m;

	(void)state;
	assert_ok(t_req(&core, c0, XS_SET_PERMS, 0, "@releaseDomain\0n13\0r13\0r2\0", 26));
	hv[13].dying = true;
	check();
	m = t_str(&core, c0, XS_GET_PERMS, 0, "@releaseDomain", NULL);
	assert_int_equal(m->hdr.len, 6);
	assert_memory_equal(m->body, "n0\0r2\0", 6);
	t_conn_free(d);
}

static void a_reused_domid_inherits_no_rights(void **state)
{
	struct t_conn *d = make_domain(14), *again;
	struct t_msg *m;

	(void)state;
	assert_ok(t_write(&core, c0, 0, "/tool/shared", "s"));
	assert_ok(t_req(&core, c0, XS_SET_PERMS, 0, "/tool/shared\0n0\0r14\0", 20));
	assert_value(&core, d, "/tool/shared", "s");
	hv[14].dying = true;
	check();
	t_conn_free(d);
	/* A new domain 14 (Xen reuses ids) is not the one dom0 trusted. */
	hv[14].dying = false;
	again = make_domain(14);
	assert_err(t_str(&core, again, XS_READ, 0, "/tool/shared", NULL), "EACCES");
	/* The list still shows the entry; dom0 can grant the new domain anew. */
	m = t_str(&core, c0, XS_GET_PERMS, 0, "/tool/shared", NULL);
	assert_int_equal(m->hdr.len, 7);
	assert_memory_equal(m->body, "n0\0r14\0", 7);
	assert_ok(t_req(&core, c0, XS_SET_PERMS, 0, "/tool/shared\0n0\0r14\0", 20));
	assert_value(&core, again, "/tool/shared", "s");
	t_conn_free(again);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(shutdown_fires_once_then_death_releases, setup, teardown),
		cmocka_unit_test_setup_teardown(resume_rearms_the_shutdown_event, setup, teardown),
		cmocka_unit_test_setup_teardown(vanished_domain_is_released, setup, teardown),
		cmocka_unit_test_setup_teardown(only_the_dead_domains_nodes_go, setup, teardown),
		cmocka_unit_test_setup_teardown(keep_orphans_gives_them_to_dom0, setup, teardown),
		cmocka_unit_test_setup_teardown(release_request_deletes_orphans, setup, teardown),
		cmocka_unit_test_setup_teardown(never_introduced_domain_loses_nodes_silently, setup, teardown),
		cmocka_unit_test_setup_teardown(special_node_perms_forget_the_domain, setup, teardown),
		cmocka_unit_test_setup_teardown(a_reused_domid_inherits_no_rights, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
