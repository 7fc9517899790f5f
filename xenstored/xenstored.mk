# XenStore: the daemon (xenstored), the client library (libxenstore.a), the
# multi-call CLI (xenstore + xenstore-* links) and their tests.
# hypervisor/include: public/io/xs_wire.h, which xenstored/include/xs_wire.h includes.
XS_CPPFLAGS = -I$(srcdir)/xenstored/include -I$(srcdir)/xenstored/core \
	-I$(srcdir)/xenstored/daemon -I$(srcdir)/hypervisor/include -D_GNU_SOURCE
XS_CFLAGS = $(WARN_CFLAGS) -O2

# The daemon core: no I/O, shared by the daemon, the unit tests and the fuzzer.
noinst_LIBRARIES += xenstored/libxscore.a
xenstored_libxscore_a_CPPFLAGS = $(XS_CPPFLAGS)
xenstored_libxscore_a_CFLAGS = $(XS_CFLAGS)
xenstored_libxscore_a_SOURCES = \
	xenstored/core/xs_core.h \
	xenstored/core/msg_reader.h \
	xenstored/core/node.c \
	xenstored/core/node_table.c \
	xenstored/core/path.c \
	xenstored/core/perms.c \
	xenstored/core/quota.c \
	xenstored/core/domain.c \
	xenstored/core/domain_death.c \
	xenstored/core/view.c \
	xenstored/core/ops.c \
	xenstored/core/transaction.c \
	xenstored/core/watch.c \
	xenstored/core/control.c \
	xenstored/core/request.c \
	xenstored/core/core.c \
	xenstored/core/msg_reader.c

# The daemon.
# No other fragment installs programs yet: the top Makefile.am does not
# initialise these, so this fragment does (move to Makefile.am if shared).
sbin_PROGRAMS = xenstored/xenstored
xenstored_xenstored_CPPFLAGS = $(XS_CPPFLAGS)
xenstored_xenstored_CFLAGS = $(XS_CFLAGS)
xenstored_xenstored_SOURCES = \
	xenstored/daemon/daemon.h \
	xenstored/daemon/event_loop.h \
	xenstored/daemon/event_loop.c \
	xenstored/daemon/outq.h \
	xenstored/daemon/outq.c \
	xenstored/daemon/conn.c \
	xenstored/daemon/conn_socket.c \
	xenstored/daemon/conn_ring.h \
	xenstored/daemon/conn_ring.c \
	xenstored/daemon/ring.h \
	xenstored/daemon/ring.c \
	xenstored/daemon/xen_if.h \
	xenstored/daemon/xen_linux.c \
	xenstored/daemon/xen_domstate.c \
	xenstored/daemon/main.c
xenstored_xenstored_LDADD = xenstored/libxscore.a libxc/libxenctrl.a
# xen_domstate.c alone includes libxc's headers (getdomaininfo).
xenstored_xenstored_CPPFLAGS += -I$(srcdir)/libxc/include -I$(srcdir)/libxc

# The client library (xs_* API), static: linked into the tools and by libxl.
noinst_LIBRARIES += xenstored/libxenstore.a
xenstored_libxenstore_a_CPPFLAGS = $(XS_CPPFLAGS)
xenstored_libxenstore_a_CFLAGS = $(XS_CFLAGS) -pthread
xenstored_libxenstore_a_SOURCES = \
	xenstored/include/xenstore.h \
	xenstored/include/xs_wire.h \
	xenstored/lib/xs.c \
	xenstored/lib/xs_paths.c

# The CLI: one binary, installed with xenstore-* links (Xen's layout).
bin_PROGRAMS = xenstored/xenstore
xenstored_xenstore_CPPFLAGS = $(XS_CPPFLAGS)
xenstored_xenstore_CFLAGS = $(XS_CFLAGS)
xenstored_xenstore_SOURCES = xenstored/tools/xenstore_cli.c
xenstored_xenstore_LDADD = xenstored/libxenstore.a -lpthread

XENSTORE_TOOL_LINKS = xenstore-read xenstore-write xenstore-ls xenstore-list \
	xenstore-rm xenstore-exists xenstore-chmod xenstore-watch xenstore-control
install-exec-hook: xenstore-install-links
xenstore-install-links:
	for l in $(XENSTORE_TOOL_LINKS); do \
		rm -f $(DESTDIR)$(bindir)/$$l; \
		ln -s xenstore $(DESTDIR)$(bindir)/$$l; \
	done
uninstall-hook: xenstore-uninstall-links
xenstore-uninstall-links:
	for l in $(XENSTORE_TOOL_LINKS); do rm -f $(DESTDIR)$(bindir)/$$l; done
.PHONY: xenstore-install-links xenstore-uninstall-links

# Unit tests (cmocka), run by tests/run.
if BUILD_UNIT_TESTS
XS_TEST_CFLAGS = $(XS_CFLAGS) $(CMOCKA_CFLAGS)
XS_TEST_LIBS = xenstored/libxscore.a $(CMOCKA_LIBS)
check_PROGRAMS += xenstored/tests/test_xs_tree
xenstored_tests_test_xs_tree_CPPFLAGS = $(XS_CPPFLAGS)
xenstored_tests_test_xs_tree_CFLAGS = $(XS_TEST_CFLAGS)
xenstored_tests_test_xs_tree_SOURCES = xenstored/tests/test_xs_tree.c xenstored/tests/harness.h
xenstored_tests_test_xs_tree_LDADD = $(XS_TEST_LIBS)
check_PROGRAMS += xenstored/tests/test_xs_node
xenstored_tests_test_xs_node_CPPFLAGS = $(XS_CPPFLAGS)
xenstored_tests_test_xs_node_CFLAGS = $(XS_TEST_CFLAGS)
xenstored_tests_test_xs_node_SOURCES = xenstored/tests/test_xs_node.c xenstored/tests/harness.h
xenstored_tests_test_xs_node_LDADD = $(XS_TEST_LIBS)
check_PROGRAMS += xenstored/tests/test_xs_perms
xenstored_tests_test_xs_perms_CPPFLAGS = $(XS_CPPFLAGS)
xenstored_tests_test_xs_perms_CFLAGS = $(XS_TEST_CFLAGS)
xenstored_tests_test_xs_perms_SOURCES = xenstored/tests/test_xs_perms.c xenstored/tests/harness.h
xenstored_tests_test_xs_perms_LDADD = $(XS_TEST_LIBS)
check_PROGRAMS += xenstored/tests/test_xs_transaction
xenstored_tests_test_xs_transaction_CPPFLAGS = $(XS_CPPFLAGS)
xenstored_tests_test_xs_transaction_CFLAGS = $(XS_TEST_CFLAGS)
xenstored_tests_test_xs_transaction_SOURCES = xenstored/tests/test_xs_transaction.c xenstored/tests/harness.h
xenstored_tests_test_xs_transaction_LDADD = $(XS_TEST_LIBS)
check_PROGRAMS += xenstored/tests/test_xs_watch
xenstored_tests_test_xs_watch_CPPFLAGS = $(XS_CPPFLAGS)
xenstored_tests_test_xs_watch_CFLAGS = $(XS_TEST_CFLAGS)
xenstored_tests_test_xs_watch_SOURCES = xenstored/tests/test_xs_watch.c xenstored/tests/harness.h
xenstored_tests_test_xs_watch_LDADD = $(XS_TEST_LIBS)
check_PROGRAMS += xenstored/tests/test_xs_quota
xenstored_tests_test_xs_quota_CPPFLAGS = $(XS_CPPFLAGS)
xenstored_tests_test_xs_quota_CFLAGS = $(XS_TEST_CFLAGS)
xenstored_tests_test_xs_quota_SOURCES = xenstored/tests/test_xs_quota.c xenstored/tests/harness.h
xenstored_tests_test_xs_quota_LDADD = $(XS_TEST_LIBS)
check_PROGRAMS += xenstored/tests/test_xs_domain_death
xenstored_tests_test_xs_domain_death_CPPFLAGS = $(XS_CPPFLAGS)
xenstored_tests_test_xs_domain_death_CFLAGS = $(XS_TEST_CFLAGS)
xenstored_tests_test_xs_domain_death_SOURCES = xenstored/tests/test_xs_domain_death.c xenstored/tests/harness.h
xenstored_tests_test_xs_domain_death_LDADD = $(XS_TEST_LIBS)
check_PROGRAMS += xenstored/tests/test_xs_outq
xenstored_tests_test_xs_outq_CPPFLAGS = $(XS_CPPFLAGS)
xenstored_tests_test_xs_outq_CFLAGS = $(XS_TEST_CFLAGS)
xenstored_tests_test_xs_outq_SOURCES = xenstored/tests/test_xs_outq.c xenstored/tests/harness.h \
	xenstored/daemon/outq.c xenstored/daemon/conn.c
xenstored_tests_test_xs_outq_LDADD = $(XS_TEST_LIBS)
check_PROGRAMS += xenstored/tests/test_xs_protocol
xenstored_tests_test_xs_protocol_CPPFLAGS = $(XS_CPPFLAGS)
xenstored_tests_test_xs_protocol_CFLAGS = $(XS_TEST_CFLAGS)
xenstored_tests_test_xs_protocol_SOURCES = xenstored/tests/test_xs_protocol.c xenstored/tests/harness.h xenstored/daemon/ring.c
xenstored_tests_test_xs_protocol_LDADD = $(XS_TEST_LIBS)
endif

# Helpers the interop scripts run against a live daemon (built with check).
check_PROGRAMS += xenstored/tests/xs_lib_threads
xenstored_tests_xs_lib_threads_CPPFLAGS = $(XS_CPPFLAGS)
xenstored_tests_xs_lib_threads_CFLAGS = $(XS_CFLAGS) -pthread
xenstored_tests_xs_lib_threads_SOURCES = xenstored/tests/xs_lib_threads.c
xenstored_tests_xs_lib_threads_LDADD = xenstored/libxenstore.a -lpthread
check_PROGRAMS += xenstored/tests/xs_domain_tool
xenstored_tests_xs_domain_tool_CPPFLAGS = $(XS_CPPFLAGS)
xenstored_tests_xs_domain_tool_CFLAGS = $(XS_CFLAGS) -pthread
xenstored_tests_xs_domain_tool_SOURCES = xenstored/tests/xs_domain_tool.c
xenstored_tests_xs_domain_tool_LDADD = xenstored/libxenstore.a -lpthread
