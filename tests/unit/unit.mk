# Host unit tests (cmocka). Every program is named test_* so that tests/run
# finds it. hypervisor/common is compiled here for the host into one library,
# with its printf family renamed so it never interposes on the C library's
# (the tests call it as xenlet_snprintf, see tests/unit/fakes.h).
if BUILD_UNIT_TESTS

UNIT_CPPFLAGS = -I$(srcdir)/hypervisor/include -I$(srcdir)/tests/unit $(CMOCKA_CFLAGS)
UNIT_LDADD = tests/unit/libhvcommon.a $(CMOCKA_LIBS) $(FDT_LIBS)

check_LIBRARIES += tests/unit/libhvcommon.a
tests_unit_libhvcommon_a_SOURCES = $(HV_COMMON_SRCS) \
	tests/unit/fakes.c tests/unit/fakes.h
tests_unit_libhvcommon_a_CPPFLAGS = $(UNIT_CPPFLAGS) \
	-Dvsnprintf=xenlet_vsnprintf -Dsnprintf=xenlet_snprintf
tests_unit_libhvcommon_a_CFLAGS = $(WARN_CFLAGS)

check_PROGRAMS += tests/unit/test_vsnprintf
tests_unit_test_vsnprintf_SOURCES = tests/unit/test_vsnprintf.c
tests_unit_test_vsnprintf_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_vsnprintf_CFLAGS = $(WARN_CFLAGS)
tests_unit_test_vsnprintf_LDADD = $(UNIT_LDADD)

check_PROGRAMS += tests/unit/test_console
tests_unit_test_console_SOURCES = tests/unit/test_console.c
tests_unit_test_console_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_console_CFLAGS = $(WARN_CFLAGS)
tests_unit_test_console_LDADD = $(UNIT_LDADD)

TESTS += tests/unit/test_vsnprintf tests/unit/test_console

endif
