/* One node's compact form: small values and a single permission kept in
 * place, larger ones on the heap, the packed child list, and contents
 * swapped between nodes whatever form each side is in. */
#include "harness.h"

static void values_either_side_of_the_inline_size(void **state)
{
	struct xs_node *n = node_new("/a/b");
	static const char big[] = "a value longer than a pointer";

	(void)state;
	assert_non_null(n);
	assert_string_equal(n->path, "/a/b");
	assert_int_equal(n->value_len, 0);
	assert_int_equal(node_set_value(n, "12345678", 8), 0);
	assert_memory_equal(node_value(n), "12345678", 8);
	assert_int_equal(node_set_value(n, big, sizeof(big)), 0);
	assert_memory_equal(node_value(n), big, sizeof(big));
	assert_int_equal(node_set_value(n, "123456789", 9), 0);
	assert_memory_equal(node_value(n), "123456789", 9);
	assert_int_equal(node_set_value(n, "x", 1), 0);
	assert_memory_equal(node_value(n), "x", 1);
	assert_int_equal(node_set_value(n, NULL, 0), 0);
	assert_int_equal(n->value_len, 0);
	node_free(n);
}

static void one_permission_or_many(void **state)
{
	struct xs_node *n = node_new("/p");
	const struct xs_perm three[3] = { { 5, XS_PERM_READ }, { 7, XS_PERM_WRITE }, { 9, (XS_PERM_READ | XS_PERM_WRITE) } };

	(void)state;
	assert_int_equal(n->nperms, 1);
	assert_int_equal(node_owner(n), 0);
	assert_int_equal(node_set_perms(n, three, 3), 0);
	assert_int_equal(node_owner(n), 5);
	assert_memory_equal(node_perms(n), three, sizeof(three));
	assert_int_equal(node_set_perms(n, &three[2], 1), 0);
	assert_int_equal(node_owner(n), 9);
	assert_int_equal(node_perms(n)[0].perms, (XS_PERM_READ | XS_PERM_WRITE));
	node_perms(n)[0].id = 3; /* written in place, as domain death does */
	assert_int_equal(node_owner(n), 3);
	node_free(n);
}

static void children_are_one_packed_list(void **state)
{
	struct xs_node *n = node_new("/d");
	char name[16];
	int i, seen = 0;

	(void)state;
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		assert_int_equal(node_add_child(n, name), 0);
	}
	seen = 0;
	node_for_each_child(n, c)
		seen++;
	assert_int_equal(seen, 40);
	assert_true(node_has_child(n, "c39"));
	assert_false(node_has_child(n, "c4x"));
	assert_true(node_remove_child(n, "c0"));
	assert_true(node_remove_child(n, "c20"));
	assert_true(node_remove_child(n, "c39"));
	assert_false(node_remove_child(n, "c20"));
	assert_memory_equal(n->children, "c1\0c2\0", 6);
	seen = 0;
	node_for_each_child(n, c) {
		assert_string_not_equal(c, "c20");
		seen++;
	}
	assert_int_equal(seen, 37);
	node_clear_children(n);
	assert_int_equal(n->children_bytes, 0);
	node_for_each_child(n, c)
		fail();
	node_free(n);
}

static void clones_and_swaps_keep_every_form(void **state)
{
	struct xs_node *a = node_new("/s"), *b;
	const struct xs_perm two[2] = { { 1, XS_PERM_NONE }, { 2, XS_PERM_READ } };
	static const char big[] = "long enough to live on the heap";

	(void)state;
	assert_int_equal(node_set_value(a, "tiny", 4), 0);
	assert_int_equal(node_add_child(a, "kid"), 0);
	b = node_clone(a);
	assert_non_null(b);
	assert_memory_equal(node_value(b), "tiny", 4);
	assert_memory_equal(b->children, "kid", 4);
	assert_ptr_not_equal(b->children, a->children);
	assert_int_equal(node_set_value(b, big, sizeof(big)), 0);
	assert_int_equal(node_set_perms(b, two, 2), 0);
	node_clear_children(b);
	node_swap_contents(a, b);
	assert_memory_equal(node_value(a), big, sizeof(big));
	assert_int_equal(a->nperms, 2);
	assert_int_equal(node_perms(a)[1].id, 2);
	assert_int_equal(a->children_bytes, 0);
	assert_memory_equal(node_value(b), "tiny", 4);
	assert_int_equal(node_owner(b), 0);
	assert_memory_equal(b->children, "kid", 4);
	node_free(b); /* each frees only what it now holds */
	node_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_either_side_of_the_inline_size),
		cmocka_unit_test(one_permission_or_many),
		cmocka_unit_test(children_are_one_packed_list),
		cmocka_unit_test(clones_and_swaps_keep_every_form),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
