# xl: the command-line tool (runs in dom0).
sbin_PROGRAMS += xl/xl
xl_xl_SOURCES = xl/xl.c xl/xl.h xl/xl_cmds.c xl/xl_create.c xl/xl_console.c \
	xl/xl_devices.c
xl_xl_CPPFLAGS = $(XLCFG_CPPFLAGS) $(XC_CPPFLAGS) $(XS_CPPFLAGS)
xl_xl_CFLAGS = $(WARN_CFLAGS) -O2
xl_xl_LDADD = xl/libxlcfg.a libxl/libxenlight.a libxl/libxl_config.a \
	$(LIBXL_CONFIG_LIBS) libxc/libxenctrl.a xenstored/libxenstore.a -lpthread $(XC_LIBS)
