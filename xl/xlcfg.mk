# xl.cfg reader: Xen's domain config syntax into a libxl_domain_config.
# Static; users link it before libxl/libxl_config.a and $(LIBXL_CONFIG_LIBS).
XLCFG_CPPFLAGS = -I$(srcdir)/xl $(LIBXL_CPPFLAGS)

noinst_LIBRARIES += xl/libxlcfg.a
xl_libxlcfg_a_CPPFLAGS = $(XLCFG_CPPFLAGS)
xl_libxlcfg_a_CFLAGS = $(WARN_CFLAGS) -O2
xl_libxlcfg_a_SOURCES = \
	xl/xlcfg.h \
	xl/xlcfg_internal.h \
	xl/xlcfg_log.c \
	xl/xlcfg_lex.c \
	xl/xlcfg_parse.c \
	xl/xlcfg_keys.c \
	xl/xlcfg_disk.c \
	xl/xlcfg_vif.c \
	xl/xlcfg_load.c

XLCFG_TEST_LDADD = xl/libxlcfg.a libxl/libxl_config.a $(LIBXL_CONFIG_LIBS) $(CMOCKA_LIBS)

if BUILD_UNIT_TESTS
check_PROGRAMS += xl/tests/test_xlcfg_syntax
xl_tests_test_xlcfg_syntax_CPPFLAGS = $(XLCFG_CPPFLAGS)
xl_tests_test_xlcfg_syntax_CFLAGS = $(WARN_CFLAGS) $(CMOCKA_CFLAGS)
xl_tests_test_xlcfg_syntax_SOURCES = xl/tests/test_xlcfg_syntax.c xl/tests/xlcfg_harness.h
xl_tests_test_xlcfg_syntax_LDADD = $(XLCFG_TEST_LDADD)

check_PROGRAMS += xl/tests/test_xlcfg_keys
xl_tests_test_xlcfg_keys_CPPFLAGS = $(XLCFG_CPPFLAGS)
xl_tests_test_xlcfg_keys_CFLAGS = $(WARN_CFLAGS) $(CMOCKA_CFLAGS)
xl_tests_test_xlcfg_keys_SOURCES = xl/tests/test_xlcfg_keys.c xl/tests/xlcfg_harness.h
xl_tests_test_xlcfg_keys_LDADD = $(XLCFG_TEST_LDADD)

check_PROGRAMS += xl/tests/test_xlcfg_disk
xl_tests_test_xlcfg_disk_CPPFLAGS = $(XLCFG_CPPFLAGS)
xl_tests_test_xlcfg_disk_CFLAGS = $(WARN_CFLAGS) $(CMOCKA_CFLAGS)
xl_tests_test_xlcfg_disk_SOURCES = xl/tests/test_xlcfg_disk.c xl/tests/xlcfg_harness.h
xl_tests_test_xlcfg_disk_LDADD = $(XLCFG_TEST_LDADD)

check_PROGRAMS += xl/tests/test_xlcfg_vif
xl_tests_test_xlcfg_vif_CPPFLAGS = $(XLCFG_CPPFLAGS)
xl_tests_test_xlcfg_vif_CFLAGS = $(WARN_CFLAGS) $(CMOCKA_CFLAGS)
xl_tests_test_xlcfg_vif_SOURCES = xl/tests/test_xlcfg_vif.c xl/tests/xlcfg_harness.h
xl_tests_test_xlcfg_vif_LDADD = $(XLCFG_TEST_LDADD)

TESTS += xl/tests/test_xlcfg_syntax xl/tests/test_xlcfg_keys \
	xl/tests/test_xlcfg_disk xl/tests/test_xlcfg_vif
endif

# The libFuzzer target is built by tests/fuzz/t-xlcfg-fuzz.sh with clang.
EXTRA_DIST += xl/fuzz/fuzz_xlcfg.c
