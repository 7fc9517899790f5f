# xenconsoled: the guests' console backend (runs in dom0).
sbin_PROGRAMS += device-model/console/xenconsoled
device_model_console_xenconsoled_SOURCES = \
	device-model/console/xenconsoled.c device-model/console/ring.c \
	device-model/console/console.h
device_model_console_xenconsoled_CPPFLAGS = $(XC_CPPFLAGS) $(XS_CPPFLAGS)
device_model_console_xenconsoled_CFLAGS = $(WARN_CFLAGS) -O2
device_model_console_xenconsoled_LDADD = libxc/libxenctrl.a xenstored/libxenstore.a -lpthread $(XC_LIBS)
