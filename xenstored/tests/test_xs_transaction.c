/* Transactions: isolation, commit, abort, EAGAIN on conflicts, ids, rm. */
#include "harness.h"

static struct xs_core core;
static struct t_conn *a, *b;

static int setup(void **state)
{
	(void)state;
	assert_int_equal(core_init(&core), 0);
	a = t_conn_new(&core, 0);
	b = t_conn_new(&core, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	t_conn_free(a);
	t_conn_free(b);
	core_destroy(&core);
	return 0;
}

static uint32_t start(struct t_conn *c)
{
	struct t_msg *m = t_req(&core, c, XS_TRANSACTION_START, 0, "", 1);

	assert_int_equal(m->hdr.type, XS_TRANSACTION_START);
	assert_int_equal(m->hdr.len, strlen(m->body) + 1);
	return (uint32_t)strtoul(m->body, NULL, 10);
}

static struct t_msg *end(struct t_conn *c, uint32_t tx, bool commit)
{
	return t_str(&core, c, XS_TRANSACTION_END, tx, commit ? "T" : "F", NULL);
}

static void commit_makes_writes_visible(void **state)
{
	uint32_t tx;

	(void)state;
	tx = start(a);
	assert_true(tx != 0);
	assert_ok(t_write(&core, a, tx, "/t/x", "1"));
	assert_ok(t_write(&core, a, tx, "/t/y", "2"));
	/* Invisible outside, visible inside. */
	assert_err(t_str(&core, b, XS_READ, 0, "/t/x", NULL), "ENOENT");
	{
		struct t_msg *m = t_str(&core, a, XS_READ, tx, "/t/x", NULL);

		assert_int_equal(m->hdr.type, XS_READ);
		assert_memory_equal(m->body, "1", 1);
	}
	assert_string_equal(end(a, tx, true)->body, "OK");
	assert_value(&core, b, "/t/x", "1");
	assert_value(&core, b, "/t/y", "2");
	{
		struct t_msg *m = t_str(&core, b, XS_DIRECTORY, 0, "/t", NULL);

		assert_int_equal(m->hdr.len, 4);
	}
}

static void abort_discards(void **state)
{
	uint32_t tx;

	(void)state;
	t_write(&core, a, 0, "/k", "old");
	tx = start(a);
	t_write(&core, a, tx, "/k", "new");
	t_str(&core, a, XS_RM, tx, "/tool", NULL);
	assert_ok(end(a, tx, false));
	assert_value(&core, a, "/k", "old");
	assert_value(&core, a, "/tool", "");
	/* The id is gone afterwards. */
	assert_err(t_str(&core, a, XS_READ, tx, "/k", NULL), "ENOENT");
}

static void conflict_gives_eagain(void **state)
{
	uint32_t tx;

	(void)state;
	t_write(&core, a, 0, "/c", "0");
	tx = start(a);
	assert_value(&core, a, "/c", "0");
	t_str(&core, a, XS_READ, tx, "/c", NULL);
	t_write(&core, a, tx, "/d", "from-tx");
	t_write(&core, b, 0, "/c", "changed");
	assert_err(end(a, tx, true), "EAGAIN");
	/* Nothing of the failed transaction leaked. */
	assert_err(t_str(&core, b, XS_READ, 0, "/d", NULL), "ENOENT");
	assert_value(&core, b, "/c", "changed");
}

static void unrelated_writes_do_not_conflict(void **state)
{
	uint32_t tx;

	(void)state;
	t_write(&core, a, 0, "/u/one", "1");
	t_write(&core, a, 0, "/v/two", "2");
	tx = start(a);
	t_str(&core, a, XS_READ, tx, "/u/one", NULL);
	t_write(&core, a, tx, "/u/one", "11");
	t_write(&core, b, 0, "/v/two", "22");
	assert_ok(end(a, tx, true));
	assert_value(&core, a, "/u/one", "11");
	assert_value(&core, a, "/v/two", "22");
}

static void create_conflicts_with_concurrent_create(void **state)
{
	uint32_t tx;

	(void)state;
	tx = start(a);
	t_write(&core, a, tx, "/n/x", "tx");
	t_write(&core, b, 0, "/n/x", "outside");
	assert_err(end(a, tx, true), "EAGAIN");
	assert_value(&core, a, "/n/x", "outside");
}

static void rm_in_transaction(void **state)
{
	uint32_t tx;

	(void)state;
	t_write(&core, a, 0, "/r/a/b", "1");
	t_write(&core, a, 0, "/r/c", "2");
	tx = start(a);
	assert_ok(t_str(&core, a, XS_RM, tx, "/r/a", NULL));
	assert_err(t_str(&core, a, XS_READ, tx, "/r/a/b", NULL), "ENOENT");
	assert_value(&core, b, "/r/a/b", "1");
	/* Recreate below the removed node inside the transaction. */
	assert_ok(t_write(&core, a, tx, "/r/a/new", "n"));
	assert_ok(end(a, tx, true));
	assert_err(t_str(&core, a, XS_READ, 0, "/r/a/b", NULL), "ENOENT");
	assert_value(&core, a, "/r/a/new", "n");
	{
		struct t_msg *m = t_str(&core, a, XS_DIRECTORY, 0, "/r/a", NULL);

		assert_int_equal(m->hdr.len, 4);
		assert_memory_equal(m->body, "new\0", 4);
	}
}

static void ids_and_errors(void **state)
{
	uint32_t t1, t2;

	(void)state;
	t1 = start(a);
	t2 = start(a);
	assert_true(t1 != t2);
	/* Transactions belong to their connection. */
	assert_err(t_str(&core, b, XS_READ, t1, "/", NULL), "ENOENT");
	/* START inside a transaction is EBUSY; END needs a transaction. */
	assert_err(t_req(&core, a, XS_TRANSACTION_START, t1, "", 1), "EBUSY");
	assert_err(end(a, 0, true), "ENOENT");
	assert_err(t_str(&core, a, XS_TRANSACTION_END, t1, "X", NULL), "EINVAL");
	assert_ok(end(a, t2, false));
	assert_ok(end(a, t1, true));
	assert_err(end(a, t1, true), "ENOENT");
}

static void watches_fire_on_commit_only(void **state)
{
	uint32_t tx;

	(void)state;
	assert_ok(t_str(&core, b, XS_WATCH, 0, "/w", "tok"));
	assert_int_equal(b->n, 2); /* reply + initial event */
	b->n = 0;
	tx = start(a);
	t_write(&core, a, tx, "/w/x", "1");
	assert_int_equal(b->n, 0);
	assert_ok(end(a, tx, true));
	assert_true(b->n >= 1);
	assert_int_equal(b->msgs[0].hdr.type, XS_WATCH_EVENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(commit_makes_writes_visible, setup, teardown),
		cmocka_unit_test_setup_teardown(abort_discards, setup, teardown),
		cmocka_unit_test_setup_teardown(conflict_gives_eagain, setup, teardown),
		cmocka_unit_test_setup_teardown(unrelated_writes_do_not_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(create_conflicts_with_concurrent_create, setup, teardown),
		cmocka_unit_test_setup_teardown(rm_in_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(ids_and_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(watches_fire_on_commit_only, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
