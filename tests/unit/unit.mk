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
	-Dvsnprintf=xenlet_vsnprintf -Dsnprintf=xenlet_snprintf \
	-DXENLET_VERSION='"$(PACKAGE_VERSION)"'
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

check_PROGRAMS += tests/unit/test_bootinfo
tests_unit_test_bootinfo_SOURCES = tests/unit/test_bootinfo.c
tests_unit_test_bootinfo_CPPFLAGS = $(UNIT_CPPFLAGS) \
	-DUNIT_DTB_DIR='"$(abs_builddir)/tests/unit/dts"'
tests_unit_test_bootinfo_CFLAGS = $(WARN_CFLAGS)
tests_unit_test_bootinfo_LDADD = $(UNIT_LDADD)
EXTRA_tests_unit_test_bootinfo_DEPENDENCIES = $(UNIT_DTBS)

check_PROGRAMS += tests/unit/test_page_alloc
tests_unit_test_page_alloc_SOURCES = tests/unit/test_page_alloc.c
tests_unit_test_page_alloc_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_page_alloc_CFLAGS = $(WARN_CFLAGS)
tests_unit_test_page_alloc_LDADD = $(UNIT_LDADD)

check_PROGRAMS += tests/unit/test_schedule
tests_unit_test_schedule_SOURCES = tests/unit/test_schedule.c
tests_unit_test_schedule_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_schedule_CFLAGS = $(WARN_CFLAGS)
tests_unit_test_schedule_LDADD = $(UNIT_LDADD)

check_PROGRAMS += tests/unit/test_spinlock
tests_unit_test_spinlock_SOURCES = tests/unit/test_spinlock.c
tests_unit_test_spinlock_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_spinlock_CFLAGS = $(WARN_CFLAGS)
tests_unit_test_spinlock_LDADD = $(UNIT_LDADD)

TESTS += tests/unit/test_vsnprintf tests/unit/test_console \
	tests/unit/test_bootinfo tests/unit/test_page_alloc tests/unit/test_schedule \
	tests/unit/test_spinlock

# Device-tree fixtures, compiled from source at build time.
UNIT_DTBS = $(UNIT_DTS_NAMES:%=tests/unit/dts/%.dtb) tests/unit/dts/qemu-virt.dtb
CLEANFILES += $(UNIT_DTBS) tests/unit/dts/qemu-kernel.bin tests/unit/dts/qemu-initrd.bin

tests/unit/dts/%.dtb: $(srcdir)/tests/unit/dts/%.dts $(srcdir)/tests/unit/dts/base.dtsi
	@mkdir -p $(@D)
	$(AM_V_GEN)$(DTC_HOST) -q -I dts -O dtb -i $(srcdir)/tests/unit/dts -o $@ $<

# QEMU's own virt tree, with two guest-loader modules, as the hypervisor will
# really see it. Left empty (the test then skips) when QEMU is not installed.
tests/unit/dts/qemu-virt.dtb:
	@mkdir -p $(@D)
	$(AM_V_GEN)rm -f $@; \
	head -c 74565 /dev/zero >$(@D)/qemu-kernel.bin; \
	head -c 8192 /dev/zero >$(@D)/qemu-initrd.bin; \
	if command -v qemu-system-aarch64 >/dev/null 2>&1; then \
	  qemu-system-aarch64 -machine virt,virtualization=on,gic-version=3,dumpdtb=$@.tmp \
	    -cpu cortex-a57 -smp 2 -m 1G -nographic -nic none \
	    -device guest-loader,kernel=$(@D)/qemu-kernel.bin,addr=0x47000000,bootargs="console=hvc0 root=/dev/ram0" \
	    -device guest-loader,initrd=$(@D)/qemu-initrd.bin,addr=0x4b000000 \
	    >/dev/null 2>&1 && mv $@.tmp $@; \
	fi; \
	rm -f $@.tmp; test -f $@ || : >$@

endif

# The fixtures' sources, outside the conditional so that `make dist` ships them.
UNIT_DTS_NAMES = base board gicv2 no-memory too-many-banks overlap-banks \
	bank-wraps overlap-reserved module-outside-ram reserved-over-module \
	no-cpus module-zero-size

EXTRA_DIST += tests/unit/dts/base.dtsi \
	$(UNIT_DTS_NAMES:%=tests/unit/dts/%.dts)
