# libxc: libxenctrl-style library over Linux's /dev/xen devices, the arm64
# domain builder, the xenlet-ctl CLI and the host unit tests.
# Built for the host (pure parts unit-tested) and for aarch64 (runs in dom0).
XC_CPPFLAGS = -I$(srcdir)/libxc -I$(srcdir)/libxc/include \
	-I$(srcdir)/hypervisor/include -D_GNU_SOURCE
XC_CFLAGS = $(WARN_CFLAGS) -O2
# The arm64 libfdt lives in build/arm64-root (configure adds -I/-L for it).
XC_LIBS = libxc/libxenctrl.a -lfdt -ldeflate -lz

noinst_LIBRARIES += libxc/libxenctrl.a
libxc_libxenctrl_a_CPPFLAGS = $(XC_CPPFLAGS)
libxc_libxenctrl_a_CFLAGS = $(XC_CFLAGS)
libxc_libxenctrl_a_SOURCES = \
	libxc/include/xenctrl.h \
	libxc/include/xenguest.h \
	libxc/include/xenevtchn.h \
	libxc/include/xengnttab.h \
	libxc/include/xentoollog.h \
	libxc/xc_abi_local.h \
	libxc/xc_private.h \
	libxc/dom_arm64.h \
	libxc/xtl_logger.c \
	libxc/xc_core.c \
	libxc/xc_domain.c \
	libxc/xc_sysctl.c \
	libxc/xc_misc.c \
	libxc/xc_foreign.c \
	libxc/dom_layout.c \
	libxc/dom_kernel.c \
	libxc/dom_fdt.c \
	libxc/dom_copy.h \
	libxc/dom_copy.c \
	libxc/dom_build.c \
	libxc/linux/privcmd.c \
	libxc/linux/evtchn.c \
	libxc/linux/gntdev.c

bin_PROGRAMS += libxc/xenlet-ctl
libxc_xenlet_ctl_CPPFLAGS = $(XC_CPPFLAGS)
libxc_xenlet_ctl_CFLAGS = $(XC_CFLAGS)
libxc_xenlet_ctl_SOURCES = libxc/tools/xenlet_ctl.c
libxc_xenlet_ctl_LDADD = $(XC_LIBS)

if BUILD_UNIT_TESTS
XC_TEST_CPPFLAGS = $(XC_CPPFLAGS) $(CMOCKA_CFLAGS)
XC_TEST_LDADD = libxc/tests/libxctest.a $(XC_LIBS) $(CMOCKA_LIBS)

# The fake hypervisor the builder tests run against.
check_LIBRARIES += libxc/tests/libxctest.a
libxc_tests_libxctest_a_CPPFLAGS = $(XC_TEST_CPPFLAGS)
libxc_tests_libxctest_a_CFLAGS = $(XC_CFLAGS)
libxc_tests_libxctest_a_SOURCES = libxc/tests/fake_xen.c libxc/tests/fake_xen.h \
	libxc/tests/test_image.h

check_PROGRAMS += libxc/tests/test_xc_layout
libxc_tests_test_xc_layout_CPPFLAGS = $(XC_TEST_CPPFLAGS)
libxc_tests_test_xc_layout_CFLAGS = $(XC_CFLAGS)
libxc_tests_test_xc_layout_SOURCES = libxc/tests/test_xc_layout.c
libxc_tests_test_xc_layout_LDADD = $(XC_TEST_LDADD)

check_PROGRAMS += libxc/tests/test_xc_kernel
libxc_tests_test_xc_kernel_CPPFLAGS = $(XC_TEST_CPPFLAGS)
libxc_tests_test_xc_kernel_CFLAGS = $(XC_CFLAGS)
libxc_tests_test_xc_kernel_SOURCES = libxc/tests/test_xc_kernel.c
libxc_tests_test_xc_kernel_LDADD = $(XC_TEST_LDADD)

check_PROGRAMS += libxc/tests/test_xc_fdt
libxc_tests_test_xc_fdt_CPPFLAGS = $(XC_TEST_CPPFLAGS)
libxc_tests_test_xc_fdt_CFLAGS = $(XC_CFLAGS)
libxc_tests_test_xc_fdt_SOURCES = libxc/tests/test_xc_fdt.c
libxc_tests_test_xc_fdt_LDADD = $(XC_TEST_LDADD)

check_PROGRAMS += libxc/tests/test_xc_abi
libxc_tests_test_xc_abi_CPPFLAGS = $(XC_TEST_CPPFLAGS)
libxc_tests_test_xc_abi_CFLAGS = $(XC_CFLAGS)
libxc_tests_test_xc_abi_SOURCES = libxc/tests/test_xc_abi.c
libxc_tests_test_xc_abi_LDADD = $(XC_TEST_LDADD)

check_PROGRAMS += libxc/tests/test_xc_build
libxc_tests_test_xc_build_CPPFLAGS = $(XC_TEST_CPPFLAGS)
libxc_tests_test_xc_build_CFLAGS = $(XC_CFLAGS)
libxc_tests_test_xc_build_SOURCES = libxc/tests/test_xc_build.c
libxc_tests_test_xc_build_LDADD = $(XC_TEST_LDADD)

TESTS += libxc/tests/test_xc_layout libxc/tests/test_xc_kernel \
	libxc/tests/test_xc_fdt libxc/tests/test_xc_abi libxc/tests/test_xc_build
endif
