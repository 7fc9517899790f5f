# xenlet-qdisk: the userspace PV block backend (backendtype=qdisk), in dom0.
QDISK_CORE = device-model/qdisk/qdisk.h device-model/qdisk/image.c \
	device-model/qdisk/request.c device-model/qdisk/ring.c

sbin_PROGRAMS += device-model/qdisk/xenlet-qdisk
device_model_qdisk_xenlet_qdisk_SOURCES = $(QDISK_CORE) \
	device-model/qdisk/backend.h device-model/qdisk/backend.c \
	device-model/qdisk/xenlet-qdisk.c
device_model_qdisk_xenlet_qdisk_CPPFLAGS = $(XC_CPPFLAGS) $(XS_CPPFLAGS)
device_model_qdisk_xenlet_qdisk_CFLAGS = $(WARN_CFLAGS) -O2
device_model_qdisk_xenlet_qdisk_LDADD = libxc/libxenctrl.a xenstored/libxenstore.a \
	-lpthread $(XC_LIBS)

# Request handling and the ring over real files, on the host.
if BUILD_UNIT_TESTS
check_PROGRAMS += device-model/qdisk/tests/test_qdisk
device_model_qdisk_tests_test_qdisk_SOURCES = $(QDISK_CORE) \
	device-model/qdisk/tests/test_qdisk.c
device_model_qdisk_tests_test_qdisk_CPPFLAGS = -I$(srcdir)/device-model/qdisk \
	-I$(srcdir)/hypervisor/include -D_GNU_SOURCE $(CMOCKA_CFLAGS)
device_model_qdisk_tests_test_qdisk_CFLAGS = $(WARN_CFLAGS)
device_model_qdisk_tests_test_qdisk_LDADD = $(CMOCKA_LIBS)
endif
