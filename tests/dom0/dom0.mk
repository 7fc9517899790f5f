# Programs that run inside dom0 for the system tests (AArch64 builds only);
# installed into the dom0 image under $(libexecdir)/xenlet-tests.
if HOST_AARCH64
dom0testsdir = $(libexecdir)/xenlet-tests
dom0tests_PROGRAMS = tests/dom0/xen-hcall-probe tests/dom0/xen-domctl-probe \
	tests/dom0/xen-isolation-offer
tests_dom0_xen_hcall_probe_SOURCES = tests/dom0/xen-hcall-probe.c
tests_dom0_xen_hcall_probe_CFLAGS = $(WARN_CFLAGS)
tests_dom0_xen_hcall_probe_LDFLAGS = -static
tests_dom0_xen_domctl_probe_SOURCES = tests/dom0/xen-domctl-probe.c
tests_dom0_xen_domctl_probe_CPPFLAGS = -I$(top_srcdir)/hypervisor/include
tests_dom0_xen_domctl_probe_CFLAGS = $(WARN_CFLAGS)
tests_dom0_xen_domctl_probe_LDFLAGS = -static
tests_dom0_xen_isolation_offer_SOURCES = tests/dom0/xen-isolation-offer.c
tests_dom0_xen_isolation_offer_CFLAGS = $(WARN_CFLAGS)
tests_dom0_xen_isolation_offer_LDFLAGS = -static
endif
