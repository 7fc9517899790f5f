/* xl.cfg syntax: the tokenizer and the statement/list parser, with every
 * error's exact position and wording; command-line overrides. */
#include "xlcfg_harness.h"

static void test_statements_comments_semicolons(void **state)
{
	struct loaded *l = load("# a comment line\n"
				"name=\"a\"; memory=256 ;vcpus=2 # trailing comment\r\n"
				"\n\t  \n"
				"kernel = '/boot/Image'   ;;\n");

	(void)state;
	expect_ok(l);
	assert_string_equal(l->d.c_info.name, "a");
	assert_int_equal(l->d.b_info.target_memkb, 256 * 1024);
	assert_int_equal(l->d.b_info.max_vcpus, 2);
	assert_string_equal(l->d.b_info.kernel, "/boot/Image");
	assert_int_equal(l->w.count, 0);
	unload(l);
}

static void test_numbers_decimal_octal_hex(void **state)
{
	struct loaded *l;

	(void)state;
	l = load("name='a'\nmemory = 0x200\nmaxmem = 01000\nvcpus = \"3\"\n");
	expect_ok(l);
	assert_int_equal(l->d.b_info.target_memkb, 512 * 1024);
	assert_int_equal(l->d.b_info.max_memkb, 512 * 1024);
	assert_int_equal(l->d.b_info.max_vcpus, 3);
	unload(l);
}

static void test_string_escapes(void **state)
{
	struct loaded *l = load("name = \"a\\tb\\x41\\101\\\"q'\\\\\"\n"
				"extra = 'it''s'\n" /* two strings: an error below */);

	(void)state;
	assert_int_equal(l->rc, ERROR_INVAL);
	assert_string_equal(l->log.error, "guest.cfg:2:13: expected the end of the line or ';' "
			    "after the value of 'extra', found string \"s\"");
	unload(l);

	l = load("name = \"a\\tb\\x41\\101\\\"q'\\\\\"\nextra='say \"hi\"'\n");
	expect_ok(l);
	assert_string_equal(l->d.c_info.name, "a\tbAA\"q'\\");
	assert_string_equal(l->d.b_info.cmdline, "say \"hi\"");
	unload(l);
}

static void test_lists_span_lines_with_comments(void **state)
{
	struct loaded *l = load("name = 'a'\n"
				"disk = [\n"
				"   # the root disk\n"
				"   '/dev/vg/a,raw,xvda,rw',   # trailing comment\n"
				"\n"
				"   '/dev/vg/b,,xvdb'\n"
				"   ,\n"
				"]\n"
				"vif = [ ]\n");

	(void)state;
	expect_ok(l);
	assert_int_equal(l->d.num_disks, 2);
	assert_string_equal(l->d.disks[1].vdev, "xvdb");
	assert_int_equal(l->d.num_nics, 0);
	unload(l);
}

static void test_nested_lists_parse(void **state)
{
	static const char text[] = "vnuma = [ [\"pnode=0\", \"size=512\"], [], 7, ]\n";
	struct xlcfg_log log = { 0 };
	struct xlcfg cfg;
	const struct xlcfg_value *v;

	(void)state;
	xlcfg_init(&cfg);
	assert_int_equal(xlcfg_parse_text(&cfg, "g.cfg", text, strlen(text), 1, &log), 0);
	assert_int_equal(cfg.nr_settings, 1);
	assert_string_equal(cfg.settings[0].key, "vnuma");
	v = cfg.settings[0].value;
	assert_int_equal(v->type, XLCFG_LIST);
	assert_int_equal(v->nr_items, 3);
	assert_int_equal(v->items[0]->type, XLCFG_LIST);
	assert_int_equal(v->items[0]->nr_items, 2);
	assert_string_equal(v->items[0]->items[1]->str, "size=512");
	assert_true(v->items[0]->items[1]->quoted);
	assert_int_equal(v->items[1]->nr_items, 0);
	assert_string_equal(v->items[2]->str, "7");
	assert_false(v->items[2]->quoted);
	assert_int_equal(v->items[2]->line, 1);
	assert_int_equal(v->items[2]->col, 40);
	xlcfg_dispose(&cfg);
}

static void test_error_unterminated_string(void **state)
{
	(void)state;
	expect_error("name = \"deb\nmemory = 5\n",
		     "guest.cfg:1:8: unterminated string (strings end on the line they start)");
	expect_error("name = 'a'\nkernel = 'boot", "guest.cfg:2:10: unterminated string");
	expect_error("name = 'a\\", "guest.cfg:1:8: unterminated string");
}

static void test_error_missing_equals(void **state)
{
	(void)state;
	expect_error("name \"deb\"\n", "guest.cfg:1:6: expected '=' after 'name', found string \"deb\"");
	expect_error("name = 'a'\nmemory\n",
		     "guest.cfg:2:7: expected '=' after 'memory', found the end of the line");
	expect_error("memory", "guest.cfg:1:7: expected '=' after 'memory', found the end of the file");
	expect_error("= 5\n", "guest.cfg:1:1: expected a key name, found '='");
	expect_error("512 = memory\n", "guest.cfg:1:1: expected a key name, found number 512");
}

static void test_error_missing_value(void **state)
{
	(void)state;
	expect_error("name = \"a\"\nvcpus = 1\nmemory =\n",
		     "guest.cfg:3:9: expected a value after '='");
	expect_error("memory = ;", "guest.cfg:1:10: expected a value after '='");
	expect_error("memory =", "guest.cfg:1:9: expected a value after '='");
	expect_error("type = pvh\n", "guest.cfg:1:8: expected a value after '=' (strings need quotes)");
	expect_error("disk = ]\n", "guest.cfg:1:8: expected a value after '='");
}

static void test_error_bad_number(void **state)
{
	(void)state;
	expect_error("memory = 12x\n", "guest.cfg:1:10: bad number '12x'");
	expect_error("memory = 08\n", "guest.cfg:1:10: bad number '08'");
	expect_error("memory = 0x\n", "guest.cfg:1:10: bad number '0x'");
	expect_error("memory = 1.5\n", "guest.cfg:1:10: bad number '1.5'");
	expect_error("memory = 99999999999999999999999\n",
		     "guest.cfg:1:10: bad number '99999999999999999999999'");
	/* A string where a number belongs is read as one, and checked. */
	expect_error("name = 'a'\nmemory = \"lots\"\n", "guest.cfg:2:10: memory: bad number 'lots'");
	expect_error("name = 'a'\nmemory = -5\n", "guest.cfg:2:10: unexpected '-'");
	expect_error("name = 'a'\nmemory = 0\n", "guest.cfg:2:10: memory: 0 is out of range [1, 1073741824]");
	expect_error("name = 'a'\nvcpus = 129\n", "guest.cfg:2:9: vcpus: 129 is out of range [1, 128]");
}

static void test_error_list_not_closed(void **state)
{
	(void)state;
	expect_error("name = \"a\"\ndisk = [ '/dev/a,,xvda',\n  '/dev/b,,xvdb'\n",
		     "guest.cfg:2:8: list not closed: no ']' before the end of the file");
	expect_error("disk = [", "guest.cfg:1:8: list not closed: no ']' before the end of the file");
	expect_error("disk = [ 'a' 'b' ]\n",
		     "guest.cfg:1:14: expected ',' or ']' in the list, found string \"b\"");
	expect_error("disk = [ 'a', , 'b' ]\n",
		     "guest.cfg:1:15: expected a list item or ']', found ','");
	expect_error("x = [[[[[[[[[[1]]]]]]]]]]\n", "guest.cfg:1:13: lists nested more than 8 deep");
}

static void test_error_odd_bytes(void **state)
{
	static const char nul_in_string[] = "name = \"a\0b\"\n";
	static const char nul_alone[] = "\0";
	struct xlcfg_log log = { 0 };
	struct xlcfg cfg;

	(void)state;
	expect_error("name = \"a\" @\n", "guest.cfg:1:12: unexpected '@'");
	expect_error("name = \"\\q\"\n", "guest.cfg:1:9: unknown escape '\\q' in a string");
	expect_error("name = \"\\x00\"\n", "guest.cfg:1:9: NUL byte in a string");
	expect_error("na\xffme = 1\n", "guest.cfg:1:3: unexpected byte 0xff");
	/* Strings must be UTF-8 (they end up in JSON), escapes included. */
	expect_error("name = 'caf\xe9'\n", "guest.cfg:1:8: string is not valid UTF-8");
	expect_error("name = 'caf\\xe9'\n", "guest.cfg:1:8: string is not valid UTF-8");
	expect_error("name = '\xed\xa0\x80'\n", "guest.cfg:1:8: string is not valid UTF-8");
	expect_error("name = '\xc0\xaf'\n", "guest.cfg:1:8: string is not valid UTF-8");
	{
		struct loaded *ok = load("name = 'caf\xc3\xa9 \xf0\x9f\x90\xa7'\n");

		expect_ok(ok);
		assert_string_equal(ok->d.c_info.name, "caf\xc3\xa9 \xf0\x9f\x90\xa7");
		unload(ok);
	}
	xlcfg_init(&cfg);
	assert_int_equal(xlcfg_parse_text(&cfg, "g.cfg", nul_in_string, sizeof(nul_in_string) - 1, 1, &log),
			 ERROR_INVAL);
	assert_string_equal(log.error, "g.cfg:1:10: NUL byte in a string");
	assert_int_equal(xlcfg_parse_text(&cfg, "g.cfg", nul_alone, 1, 1, &log), ERROR_INVAL);
	assert_string_equal(log.error, "g.cfg:1:1: unexpected byte 0x00");
	assert_int_equal(cfg.nr_settings, 0);
	xlcfg_dispose(&cfg);
}

/* One megabyte on a line, in each token kind: refused with a reason, fast. */
static void test_error_megabyte_line(void **state)
{
	size_t mb = 1 << 20;
	char *text = malloc(mb + 64);
	struct loaded *l;
	size_t i;

	(void)state;
	assert_non_null(text);
	strcpy(text, "extra = \"");
	memset(text + 9, 'x', mb);
	strcpy(text + 9 + mb, "\"\n");
	expect_error(text, "guest.cfg:1:9: string longer than 65536 bytes");

	memset(text, 'k', mb);
	strcpy(text + mb, " = 1\n");
	expect_error(text, "guest.cfg:1:1: name longer than 128 bytes");

	strcpy(text, "memory = ");
	memset(text + 9, '7', mb);
	text[9 + mb] = '\0';
	expect_error(text, "guest.cfg:1:10: bad number (too long)");

	memset(text, '[', mb);
	text[mb] = '\0';
	expect_error(text, "guest.cfg:1:1: expected a key name, found '['");

	/* And a megabyte of valid statements on one line. */
	for (i = 0; i + 4 <= mb; i += 4)
		memcpy(text + i, "q=1;", 4);
	strcpy(text + i, "name='big'\n");
	l = load(text);
	expect_ok(l);
	assert_int_equal(l->log.nr_warnings, (int)(mb / 4));
	assert_int_equal(l->w.count, XLCFG_MAX_WARNINGS + 1);
	assert_non_null(strstr(l->w.text, "guest.cfg:1:5: warning: unknown key 'q' ignored\n"));
	assert_non_null(strstr(l->w.text, "warning: further warnings suppressed\n"));
	unload(l);
	free(text);
}

static void test_overrides_apply_after_file(void **state)
{
	static const char *const ov[] = {
		"memory=1024", "name=\"other\"", "kernel=/boot/Image-6.1", "vif=['bridge=br1']",
		"extra = 'quiet'", NULL,
	};
	struct loaded *l = load_with("name = 'a'\nmemory = 256\nvif = ['bridge=br0', '']\n"
				     "extra = 'loud'\n", ov);

	(void)state;
	expect_ok(l);
	assert_string_equal(l->d.c_info.name, "other");
	assert_int_equal(l->d.b_info.target_memkb, 1024 * 1024);
	assert_int_equal(l->d.b_info.max_memkb, 1024 * 1024);
	assert_string_equal(l->d.b_info.kernel, "/boot/Image-6.1");
	assert_int_equal(l->d.num_nics, 1);
	assert_string_equal(l->d.nics[0].bridge, "br1");
	assert_string_equal(l->d.b_info.cmdline, "quiet");
	unload(l);
}

static void test_override_errors(void **state)
{
	static const char *const no_eq[] = { "memory", NULL };
	static const char *const bad_num[] = { "vcpus=1", "memory=12x", NULL };
	static const char *const bad_key[] = { "=5", NULL };
	static const char *const bad_val[] = { "memory=\"x\"", NULL };
	struct loaded *l;

	(void)state;
	l = load_with("name='a'\n", no_eq);
	assert_string_equal(l->log.error,
			    "<command line>:1:7: expected '=' after 'memory', found the end of the file");
	unload(l);
	l = load_with("name='a'\n", bad_num);
	assert_string_equal(l->log.error, "<command line>:2:8: bad number '12x'");
	unload(l);
	l = load_with("name='a'\n", bad_key);
	assert_string_equal(l->log.error, "<command line>:1:1: expected a key name, found '='");
	unload(l);
	l = load_with("name='a'\n", bad_val);
	assert_string_equal(l->log.error, "<command line>:1:8: memory: bad number 'x'");
	unload(l);
}

static void test_error_leaves_config_empty(void **state)
{
	struct loaded *l = load("name = 'a'\nmemory = 5\nvcpus = [1]\n");

	(void)state;
	assert_int_equal(l->rc, ERROR_INVAL);
	assert_string_equal(l->log.error, "guest.cfg:3:9: vcpus: expected a number, not a list");
	assert_null(l->d.c_info.name);
	assert_int_equal(l->d.b_info.target_memkb, LIBXL_MEMKB_DEFAULT);
	unload(l);
}

static void test_missing_file(void **state)
{
	struct xlcfg_log log = { 0 };
	libxl_domain_config d;

	(void)state;
	libxl_domain_config_init(&d);
	assert_int_equal(xlcfg_load("/nonexistent/g.cfg", NULL, 0, NULL, 0, &d, &log), ERROR_FAIL);
	assert_string_equal(log.error, "/nonexistent/g.cfg: No such file or directory");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_statements_comments_semicolons),
		cmocka_unit_test(test_numbers_decimal_octal_hex),
		cmocka_unit_test(test_string_escapes),
		cmocka_unit_test(test_lists_span_lines_with_comments),
		cmocka_unit_test(test_nested_lists_parse),
		cmocka_unit_test(test_error_unterminated_string),
		cmocka_unit_test(test_error_missing_equals),
		cmocka_unit_test(test_error_missing_value),
		cmocka_unit_test(test_error_bad_number),
		cmocka_unit_test(test_error_list_not_closed),
		cmocka_unit_test(test_error_odd_bytes),
		cmocka_unit_test(test_error_megabyte_line),
		cmocka_unit_test(test_overrides_apply_after_file),
		cmocka_unit_test(test_override_errors),
		cmocka_unit_test(test_error_leaves_config_empty),
		cmocka_unit_test(test_missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
