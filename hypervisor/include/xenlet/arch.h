/* What each architecture provides to the common boot path (common/setup.c). */
#ifndef XENLET_ARCH_H
#define XENLET_ARCH_H

#include <xenlet/bootinfo.h>
#include <xenlet/types.h>

/* e.g. "arm64, EL2" */
const char *arch_name(void);
/* The hypervisor image in physical memory, BSS included. */
struct mem_range arch_image_range(void);
/* Map RAM and devices, switch to the DT's UART, start the interrupt
 * controller and timer on the boot CPU. Returns 0 or a negative errno with a
 * reason printed. */
int arch_setup(const struct boot_info *bi);
/* Start every other CPU in @bi; returns how many CPUs are online in all. */
unsigned int arch_smp_boot(const struct boot_info *bi);
/* Turn the machine off (PSCI SYSTEM_OFF) or reset it; stop this CPU if that fails. */
void arch_power_off(void) __noreturn;
void arch_reboot(void) __noreturn;
/* Build dom0 from the boot modules; 0, or a negative errno (reason printed). */
int arch_start_dom0(const struct boot_info *bi, const void *fdt, unsigned int nr_cpus,
                    struct mem_range hv_image);
/* This CPU runs whatever vCPU it is given from now on. */
void arch_run_guests(void) __noreturn;

/* Common code's entry point, called by the arch on the boot CPU. */
void start_xenlet(const void *fdt, paddr_t fdt_pa, size_t fdt_max) __noreturn;

#endif
