# libxl: the domain configuration (types, init/dispose, JSON via yajl, UUIDs
# via libuuid). A static library; its users add $(LIBXL_CONFIG_LIBS).
LIBXL_CPPFLAGS = -I$(srcdir)/libxl
LIBXL_CONFIG_LIBS = $(YAJL_LIBS) -luuid

noinst_LIBRARIES += libxl/libxl_config.a
libxl_libxl_config_a_CPPFLAGS = $(LIBXL_CPPFLAGS)
libxl_libxl_config_a_CFLAGS = $(WARN_CFLAGS) -O2
libxl_libxl_config_a_SOURCES = \
	libxl/libxl_types.h \
	libxl/config.c \
	libxl/config_json.c \
	libxl/disk_vdev.c

if BUILD_UNIT_TESTS
check_PROGRAMS += libxl/tests/test_libxl_config
libxl_tests_test_libxl_config_CPPFLAGS = $(LIBXL_CPPFLAGS)
libxl_tests_test_libxl_config_CFLAGS = $(WARN_CFLAGS) $(CMOCKA_CFLAGS)
libxl_tests_test_libxl_config_SOURCES = libxl/tests/test_libxl_config.c
libxl_tests_test_libxl_config_LDADD = libxl/libxl_config.a $(LIBXL_CONFIG_LIBS) $(CMOCKA_LIBS)
TESTS += libxl/tests/test_libxl_config

check_PROGRAMS += libxl/tests/test_libxl_vdev
libxl_tests_test_libxl_vdev_CPPFLAGS = $(LIBXL_CPPFLAGS)
libxl_tests_test_libxl_vdev_CFLAGS = $(WARN_CFLAGS) $(CMOCKA_CFLAGS)
libxl_tests_test_libxl_vdev_SOURCES = libxl/tests/test_libxl_vdev.c
libxl_tests_test_libxl_vdev_LDADD = libxl/libxl_config.a $(LIBXL_CONFIG_LIBS) $(CMOCKA_LIBS)
TESTS += libxl/tests/test_libxl_vdev
endif

# The xl.cfg reader lives beside the CLI in xl/ and is built from here
# (Makefile.am includes this fragment only).
include $(top_srcdir)/xl/xlcfg.mk

# The domain life cycle (create, destroy, list...) over libxc and XenStore.
noinst_LIBRARIES += libxl/libxenlight.a
libxl_libxenlight_a_CPPFLAGS = $(LIBXL_CPPFLAGS) $(XC_CPPFLAGS) $(XS_CPPFLAGS)
libxl_libxenlight_a_CFLAGS = $(WARN_CFLAGS) -O2
libxl_libxenlight_a_SOURCES = \
	libxl/libxl.h libxl/libxl_internal.h \
	libxl/libxl_ctx.c libxl/libxl_create.c libxl/libxl_domain.c \
	libxl/libxl_device.c libxl/libxl_disk.c libxl/libxl_nic.c
