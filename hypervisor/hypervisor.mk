# The freestanding EL2 hypervisor image, built with $(HV_CC) outside automake's
# program machinery: it links with its own script and no C library.
include hypervisor/common/sources.mk

HV_ARCH_SRCS = \
	hypervisor/arch/arm64/head.S \
	hypervisor/arch/arm64/entry.S \
	hypervisor/arch/arm64/cache.S \
	hypervisor/arch/arm64/fpsimd.S \
	hypervisor/arch/arm64/mmu.c \
	hypervisor/arch/arm64/traps.c \
	hypervisor/arch/arm64/irq.c \
	hypervisor/arch/arm64/smp.c \
	hypervisor/arch/arm64/psci.c \
	hypervisor/arch/arm64/arch_setup.c \
	hypervisor/arch/arm64/guest_access.c \
	hypervisor/arch/arm64/guest_trap.c \
	hypervisor/arch/arm64/vcpu.c \
	hypervisor/arch/arm64/p2m.c \
	hypervisor/arch/arm64/vgic.c \
	hypervisor/arch/arm64/vtimer.c \
	hypervisor/arch/arm64/vpsci.c \
	hypervisor/arch/arm64/dom0_build.c \
	hypervisor/arch/arm64/dom0_fdt.c \
	hypervisor/arch/arm64/domain_arch.c

HV_DRIVER_SRCS = \
	hypervisor/drivers/pl011.c \
	hypervisor/drivers/gicv3.c \
	hypervisor/drivers/arch_timer.c

HV_LIB_SRCS = \
	hypervisor/lib/string.c \
	hypervisor/lib/stack_protector.c

# QEMU virt's PL011: where boot messages go before the device tree is read.
EARLY_UART = 0x09000000

HV_SRCS = $(HV_ARCH_SRCS) $(HV_DRIVER_SRCS) $(HV_LIB_SRCS) $(HV_COMMON_SRCS)
HV_LDS = $(srcdir)/hypervisor/arch/arm64/xenlet.lds

EXTRA_DIST += $(HV_SRCS) hypervisor/arch/arm64/xenlet.lds

if BUILD_HYPERVISOR
HV_OBJDIR = hypervisor/obj
HV_OBJS = $(patsubst %,$(HV_OBJDIR)/%.o,$(HV_SRCS))
HV_FDT_INC = $(HV_OBJDIR)/fdtinc

# -mgeneral-regs-only: the hypervisor never touches FP/SIMD registers, so a
# guest's vector state survives traps untouched.  -fpie + self-relocation
# (head.S) let the image run wherever the boot loader placed it.
HV_C_FLAGS = -std=gnu11 -O2 -g $(WARN_CFLAGS) -ffreestanding -nostdinc \
	-isystem $(shell $(HV_CC) -print-file-name=include) \
	-I$(srcdir)/hypervisor/include -I$(srcdir)/hypervisor/include/libc \
	-I$(srcdir)/hypervisor/arch/arm64/include -I$(srcdir)/hypervisor \
	-DEARLY_UART_PL011=$(EARLY_UART) \
	-I$(HV_FDT_INC) \
	-mgeneral-regs-only -mstrict-align -fpie -fno-plt -fstack-protector-strong \
	-fno-common -ffunction-sections -fdata-sections \
	-DXENLET_VERSION='"$(PACKAGE_VERSION)"' -MMD -MP
HV_AS_FLAGS = -g -I$(srcdir)/hypervisor/include -I$(srcdir)/hypervisor/arch/arm64/include \
	-DEARLY_UART_PL011=$(EARLY_UART) -D__ASSEMBLY__ -MMD -MP
HV_LD_FLAGS = -nostdlib -static-pie -Wl,--no-dynamic-linker -Wl,-z,norelro \
	-Wl,--gc-sections -Wl,-z,max-page-size=4096 -Wl,--build-id=none \
	-Wl,--no-warn-rwx-segments \
	-Wl,-T,$(HV_LDS)

$(HV_FDT_INC)/libfdt.h:
	@mkdir -p $(HV_FDT_INC)
	for h in libfdt.h fdt.h libfdt_env.h; do ln -sf /usr/include/$$h $(HV_FDT_INC)/$$h; done

$(HV_OBJDIR)/%.c.o: $(srcdir)/%.c $(HV_FDT_INC)/libfdt.h
	@mkdir -p $(@D)
	$(AM_V_CC)$(HV_CC) $(HV_C_FLAGS) -c $< -o $@

$(HV_OBJDIR)/%.S.o: $(srcdir)/%.S
	@mkdir -p $(@D)
	$(AM_V_CC)$(HV_CC) $(HV_AS_FLAGS) -c $< -o $@

hypervisor/xenlet-syms: $(HV_OBJS) $(HV_LDS) $(HV_LIBFDT)
	$(AM_V_CCLD)$(HV_CC) $(HV_LD_FLAGS) -o $@ $(HV_OBJS) $(HV_LIBFDT) -lgcc

# The flat image QEMU's -kernel (or U-Boot booti) loads: an arm64 Image.
hypervisor/xenlet: hypervisor/xenlet-syms
	$(AM_V_GEN)$(HV_OBJCOPY) -O binary $< $@

all-local: hypervisor/xenlet
clean-local: hv-clean
hv-clean:
	rm -rf $(HV_OBJDIR) hypervisor/xenlet hypervisor/xenlet-syms

-include $(HV_OBJS:.o=.d)
endif
