/* Quotas: Xen's defaults and names, and over-quota requests failing alone. */
#include <errno.h>
#include <stdio.h>

#include "harness.h"

static struct xs_core core;
static struct t_conn *c0, *d1;

static int setup(void **state)
{
	(void)state;
	assert_int_equal(core_init(&core), 0);
	c0 = t_conn_new(&core, 0);
	d1 = t_conn_new(&core, 1);
	t_write(&core, c0, 0, "/local/domain/1", "");
	t_req(&core, c0, XS_SET_PERMS, 0, "/local/domain/1\0n1\0", 19);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	t_conn_free(c0);
	t_conn_free(d1);
	core_destroy(&core);
	return 0;
}

static void defaults_and_parsing(void **state)
{
	struct xs_quota q;

	(void)state;
	quota_defaults(&q);
	assert_int_equal(q.val[XS_QUOTA_NODES], 1000);
	assert_int_equal(q.val[XS_QUOTA_WATCHES], 128);
	assert_int_equal(q.val[XS_QUOTA_TRANSACTIONS], 10);
	assert_int_equal(q.val[XS_QUOTA_NODE_SIZE], 2048);
	assert_int_equal(q.val[XS_QUOTA_NODE_PERMS], 5);
	assert_int_equal(q.val[XS_QUOTA_PATH_MAX], 2048);
	assert_int_equal(q.val[XS_QUOTA_OUTSTANDING], 20);
	assert_int_equal(q.val[XS_QUOTA_MEMORY], 2621440);
	assert_int_equal(quota_set_from_arg(&q, "nodes=5"), 0);
	assert_int_equal(q.val[XS_QUOTA_NODES], 5);
	assert_int_equal(quota_set_from_arg(&q, "transaction-nodes=7"), 0);
	assert_int_equal(q.val[XS_QUOTA_TRANSACTION_NODES], 7);
	assert_int_equal(quota_set_from_arg(&q, "path-max=99999"), 0);
	assert_int_equal(q.val[XS_QUOTA_PATH_MAX], 2048);
	assert_int_equal(quota_set_from_arg(&q, "node=5"), -EINVAL);
	assert_int_equal(quota_set_from_arg(&q, "nodes"), -EINVAL);
	assert_int_equal(quota_set_from_arg(&q, "nodes=-1"), -EINVAL);
	assert_int_equal(quota_set_from_arg(&q, "nodes=1x"), -EINVAL);
}

static void node_count(void **state)
{
	char p[64];
	int i;

	(void)state;
	core.quota.val[XS_QUOTA_NODES] = 6; /* the home node is domain 1's too */
	for (i = 0; i < 5; i++) {
		snprintf(p, sizeof(p), "/local/domain/1/n%d", i);
		assert_ok(t_write(&core, d1, 0, p, "x"));
	}
	assert_err(t_write(&core, d1, 0, "/local/domain/1/n5", "x"), "ENOSPC");
	/* A multi-level create counts every new node, atomically. */
	t_str(&core, d1, XS_RM, 0, "/local/domain/1/n4", NULL);
	assert_err(t_write(&core, d1, 0, "/local/domain/1/a/b", "x"), "ENOSPC");
	assert_err(t_str(&core, d1, XS_READ, 0, "/local/domain/1/a", NULL), "ENOENT");
	/* Overwriting is fine, and dom0 is not limited. */
	assert_ok(t_write(&core, d1, 0, "/local/domain/1/n0", "y"));
	assert_ok(t_write(&core, c0, 0, "/local/domain/1/a/b/c/d/e/f", "x"));
	/* Removing frees quota. */
	t_str(&core, c0, XS_RM, 0, "/local/domain/1/a", NULL);
	assert_ok(t_write(&core, d1, 0, "/local/domain/1/n4", "x"));
}

static void node_size_and_perms(void **state)
{
	char big[2100];

	(void)state;
	memset(big, 'v', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_err(t_write(&core, d1, 0, "/local/domain/1/big", big), "ENOSPC");
	assert_ok(t_write(&core, c0, 0, "/local/domain/1/big", big));
	assert_ok(t_write(&core, d1, 0, "/local/domain/1/small", "x"));
	assert_err(t_req(&core, d1, XS_SET_PERMS, 0,
			 "/local/domain/1/small\0b1\0r2\0r3\0r4\0r5\0r6\0", 40), "ENOSPC");
	assert_ok(t_req(&core, d1, XS_SET_PERMS, 0,
			"/local/domain/1/small\0b1\0r2\0r3\0r4\0r5\0", 37));
}

static void watches_and_transactions(void **state)
{
	char tok[16];
	int i;

	(void)state;
	core.quota.val[XS_QUOTA_WATCHES] = 3;
	core.quota.val[XS_QUOTA_TRANSACTIONS] = 2;
	for (i = 0; i < 3; i++) {
		snprintf(tok, sizeof(tok), "t%d", i);
		assert_ok(t_str(&core, d1, XS_WATCH, 0, "/local/domain/1", tok));
	}
	assert_err(t_str(&core, d1, XS_WATCH, 0, "/local/domain/1", "t9"), "E2BIG");
	assert_ok(t_str(&core, d1, XS_UNWATCH, 0, "/local/domain/1", "t0"));
	assert_ok(t_str(&core, d1, XS_WATCH, 0, "/local/domain/1", "t9"));
	assert_ok(t_req(&core, d1, XS_TRANSACTION_START, 0, "", 1));
	assert_ok(t_req(&core, d1, XS_TRANSACTION_START, 0, "", 1));
	assert_err(t_req(&core, d1, XS_TRANSACTION_START, 0, "", 1), "ENOSPC");
	/* Others are unaffected. */
	assert_ok(t_req(&core, c0, XS_TRANSACTION_START, 0, "", 1));
}

static void transaction_nodes(void **state)
{
	struct t_msg *m;
	uint32_t tx;
	char p[64];
	int i;

	(void)state;
	core.quota.val[XS_QUOTA_TRANSACTION_NODES] = 4;
	m = t_req(&core, d1, XS_TRANSACTION_START, 0, "", 1);
	tx = (uint32_t)strtoul(m->body, NULL, 10);
	for (i = 0; i < 4; i++) {
		snprintf(p, sizeof(p), "/local/domain/1/x%d", i);
		t_str(&core, d1, XS_READ, tx, p, NULL);
	}
	assert_err(t_str(&core, d1, XS_READ, tx, "/local/domain/1/y", NULL), "ENOSPC");
}

/* A second connection of domain 1 (another ring user, say) grows the tree
 * while a transaction is open: the commit rechecks the quota. */
static uint32_t tx_start_d1(void)
{
	struct t_msg *m = t_req(&core, d1, XS_TRANSACTION_START, 0, "", 1);

	assert_int_equal(m->hdr.type, XS_TRANSACTION_START);
	return (uint32_t)strtoul(m->body, NULL, 10);
}

static void commit_rechecks_node_quota(void **state)
{
	struct t_conn *other = t_conn_new(&core, 1);
	uint32_t tx;

	(void)state;
	assert_ok(t_write(&core, d1, 0, "/local/domain/1/t/seed", "x"));
	assert_ok(t_write(&core, d1, 0, "/local/domain/1/u/seed", "x"));
	/* home, t, t/seed, u, u/seed: 5 nodes */
	core.quota.val[XS_QUOTA_NODES] = 7;
	tx = tx_start_d1();
	assert_ok(t_write(&core, d1, tx, "/local/domain/1/t/a", "1"));
	assert_ok(t_write(&core, d1, tx, "/local/domain/1/t/b", "1"));
	/* Outside, no conflict with the transaction's nodes, up to the quota. */
	assert_ok(t_write(&core, other, 0, "/local/domain/1/u/c", "1"));
	assert_err(t_str(&core, d1, XS_TRANSACTION_END, tx, "T", NULL), "ENOSPC");
	assert_err(t_str(&core, d1, XS_READ, 0, "/local/domain/1/t/a", NULL), "ENOENT");
	/* The transaction is gone either way. */
	assert_err(t_str(&core, d1, XS_TRANSACTION_END, tx, "T", NULL), "ENOENT");
	/* Within the quota the same commit succeeds. */
	tx = tx_start_d1();
	assert_ok(t_write(&core, d1, tx, "/local/domain/1/t/a", "1"));
	assert_ok(t_str(&core, d1, XS_TRANSACTION_END, tx, "T", NULL));
	assert_value(&core, d1, "/local/domain/1/t/a", "1");
	/* A transaction that frees nodes always commits. */
	tx = tx_start_d1();
	assert_ok(t_str(&core, d1, XS_RM, tx, "/local/domain/1/t/a", NULL));
	assert_ok(t_str(&core, d1, XS_TRANSACTION_END, tx, "T", NULL));
	t_conn_free(other);
}

static void commit_rechecks_memory_quota(void **state)
{
	struct t_conn *other = t_conn_new(&core, 1);
	char v[1001];
	uint32_t tx;
	const struct xs_domain *d;

	(void)state;
	memset(v, 'm', sizeof(v) - 1);
	v[sizeof(v) - 1] = '\0';
	assert_ok(t_write(&core, d1, 0, "/local/domain/1/t", ""));
	assert_ok(t_write(&core, d1, 0, "/local/domain/1/u", ""));
	d = domain_find(&core, 1);
	assert_non_null(d);
	/* Room for about one more big value. */
	core.quota.val[XS_QUOTA_MEMORY] = (unsigned int)d->memory + 1500;
	tx = tx_start_d1();
	assert_ok(t_write(&core, d1, tx, "/local/domain/1/t/big", v));
	assert_ok(t_write(&core, other, 0, "/local/domain/1/u/big", v));
	assert_err(t_str(&core, d1, XS_TRANSACTION_END, tx, "T", NULL), "ENOMEM");
	assert_err(t_str(&core, d1, XS_READ, 0, "/local/domain/1/t/big", NULL), "ENOENT");
	/* dom0 is not limited at commit either. */
	tx = (uint32_t)strtoul(t_req(&core, c0, XS_TRANSACTION_START, 0, "", 1)->body, NULL, 10);
	assert_ok(t_write(&core, c0, tx, "/local/domain/1/t/big", v));
	assert_ok(t_str(&core, c0, XS_TRANSACTION_END, tx, "T", NULL));
	t_conn_free(other);
}

static char warned[8][128];
static unsigned int nwarned;

static void capture_warning(const char *msg)
{
	if (nwarned < 8)
		snprintf(warned[nwarned], sizeof(warned[0]), "%s", msg);
	nwarned++;
}

static void soft_memory_quota_warns_once(void **state)
{
	char v[1001];
	const struct xs_domain *d;
	unsigned int soft;

	(void)state;
	assert_int_equal(core.quota_soft_memory, 2 * 1024 * 1024);
	memset(v, 's', sizeof(v) - 1);
	v[sizeof(v) - 1] = '\0';
	nwarned = 0;
	core.warn = capture_warning;
	d = domain_find(&core, 1);
	assert_non_null(d);
	core.quota_soft_memory = (unsigned int)d->memory + 1500;
	assert_ok(t_write(&core, d1, 0, "/local/domain/1/a", v));
	assert_int_equal(nwarned, 0);
	/* Over the soft quota: the write succeeds, one warning. */
	assert_ok(t_write(&core, d1, 0, "/local/domain/1/b", v));
	assert_int_equal(nwarned, 1);
	assert_non_null(strstr(warned[0], "Domain 1 exceeds soft memory quota"));
	assert_ok(t_write(&core, d1, 0, "/local/domain/1/c", v));
	assert_ok(t_write(&core, d1, 0, "/local/domain/1/b", "x"));
	assert_int_equal(nwarned, 1);
	/* Back under: said once, and a new excess is reported again. */
	assert_ok(t_str(&core, d1, XS_RM, 0, "/local/domain/1/c", NULL));
	assert_ok(t_str(&core, d1, XS_RM, 0, "/local/domain/1/b", NULL));
	assert_int_equal(nwarned, 2);
	assert_string_equal(warned[1], "Domain 1 below soft memory quota again");
	assert_ok(t_write(&core, d1, 0, "/local/domain/1/b", v));
	assert_int_equal(nwarned, 3);
	/* dom0 never is. */
	assert_ok(t_write(&core, c0, 0, "/tool/big", v));
	assert_int_equal(nwarned, 3);
	/* Parsing, Xen's: memory only. */
	assert_int_equal(quota_soft_from_arg(&soft, "memory=4096"), 0);
	assert_int_equal(soft, 4096);
	assert_int_equal(quota_soft_from_arg(&soft, "nodes=5"), -EINVAL);
	assert_int_equal(quota_soft_from_arg(&soft, "memory="), -EINVAL);
	assert_int_equal(quota_soft_from_arg(&soft, "memoryx=1"), -EINVAL);
}

static void watch_event_timeout_parsing(void **state)
{
	unsigned int ms = 0;

	(void)state;
	assert_int_equal(core.timeout_watch_event_ms, 20000);
	assert_int_equal(timeout_from_arg(&ms, "watch-event=3"), 0);
	assert_int_equal(ms, 3000);
	assert_int_equal(timeout_from_arg(&ms, "watch-event=0"), 0);
	assert_int_equal(ms, 0);
	assert_int_equal(timeout_from_arg(&ms, "watch=3"), -EINVAL);
	assert_int_equal(timeout_from_arg(&ms, "watch-event=-1"), -EINVAL);
	assert_int_equal(timeout_from_arg(&ms, "watch-event=99999999"), -EINVAL);
}

static void path_length(void **state)
{
	char p[XENSTORE_REL_PATH_MAX + 64];
	size_t n;

	(void)state;
	core.quota.val[XS_QUOTA_PATH_MAX] = 10;
	assert_ok(t_write(&core, d1, 0, "/local/domain/1/0123456789", "x"));
	assert_err(t_write(&core, d1, 0, "/local/domain/1/0123456789a", "x"), "EINVAL");
	assert_err(t_write(&core, d1, 0, "0123456789a", "x"), "EINVAL");
	assert_ok(t_write(&core, c0, 0, "/local/domain/1/0123456789a", "x"));
	core.quota.val[XS_QUOTA_PATH_MAX] = XENSTORE_REL_PATH_MAX;
	n = (size_t)snprintf(p, sizeof(p), "/local/domain/1/");
	memset(p + n, 'a', XENSTORE_REL_PATH_MAX + 1);
	p[n + XENSTORE_REL_PATH_MAX + 1] = '\0';
	assert_err(t_write(&core, d1, 0, p, "x"), "EINVAL");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_and_parsing),
		cmocka_unit_test_setup_teardown(node_count, setup, teardown),
		cmocka_unit_test_setup_teardown(node_size_and_perms, setup, teardown),
		cmocka_unit_test_setup_teardown(watches_and_transactions, setup, teardown),
		cmocka_unit_test_setup_teardown(transaction_nodes, setup, teardown),
		cmocka_unit_test_setup_teardown(commit_rechecks_node_quota, setup, teardown),
		cmocka_unit_test_setup_teardown(commit_rechecks_memory_quota, setup, teardown),
		cmocka_unit_test_setup_teardown(soft_memory_quota_warns_once, setup, teardown),
		cmocka_unit_test_setup_teardown(watch_event_timeout_parsing, setup, teardown),
		cmocka_unit_test_setup_teardown(path_length, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
