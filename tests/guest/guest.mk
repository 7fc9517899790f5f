# The isolation test guest: a freestanding arm64 Image a domU boots as its
# kernel (xl cfg kernel=), built with the hypervisor's cross compiler and
# installed beside the dom0 test programs (images/build-dom0 copies it in).
GUEST_SRCS = tests/guest/head.S tests/guest/traps.S tests/guest/checks.c tests/guest/console.c \
	tests/guest/fdt.c tests/guest/lib.c
GUEST_LDS = $(srcdir)/tests/guest/guest.lds
EXTRA_DIST += $(GUEST_SRCS) tests/guest/guest.h tests/guest/guest.lds

if BUILD_HYPERVISOR
GUEST_OBJDIR = tests/guest/obj
GUEST_OBJS = $(patsubst %,$(GUEST_OBJDIR)/%.o,$(GUEST_SRCS))
# Linked at a fixed address (guest RAM base), so no PIE; no FP/SIMD state,
# no stack protector (there is no runtime to report to).
GUEST_C_FLAGS = -std=gnu11 -O2 -g $(WARN_CFLAGS) -ffreestanding -nostdinc \
	-isystem $(shell $(HV_CC) -print-file-name=include) \
	-I$(srcdir)/hypervisor/include -I$(srcdir)/tests/guest \
	-mgeneral-regs-only -fno-pie -fno-stack-protector -fno-common -MMD -MP
GUEST_LD_FLAGS = -nostdlib -static -no-pie -Wl,--build-id=none \
	-Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments -Wl,-T,$(GUEST_LDS)

$(GUEST_OBJDIR)/%.c.o: $(srcdir)/%.c
	@mkdir -p $(@D)
	$(AM_V_CC)$(HV_CC) $(GUEST_C_FLAGS) -c $< -o $@

$(GUEST_OBJDIR)/%.S.o: $(srcdir)/%.S
	@mkdir -p $(@D)
	$(AM_V_CC)$(HV_CC) -g -MMD -MP -c $< -o $@

tests/guest/isolation-guest.elf: $(GUEST_OBJS) $(GUEST_LDS)
	$(AM_V_CCLD)$(HV_CC) $(GUEST_LD_FLAGS) -o $@ $(GUEST_OBJS) -lgcc

tests/guest/isolation-guest: tests/guest/isolation-guest.elf
	$(AM_V_GEN)$(HV_OBJCOPY) -O binary $< $@

guesttestsdir = $(libexecdir)/xenlet-tests
guesttests_DATA = tests/guest/isolation-guest
CLEANFILES += tests/guest/isolation-guest tests/guest/isolation-guest.elf \
	$(GUEST_OBJS) $(GUEST_OBJS:.o=.d)

-include $(GUEST_OBJS:.o=.d)
endif
