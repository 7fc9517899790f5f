/* The GICv3 driver: the physical distributor, redistributors, CPU interface. */
#ifndef DRIVERS_GICV3_H
#define DRIVERS_GICV3_H

#include <xenlet/bootinfo.h>
#include <xenlet/types.h>

/* Map and initialise the distributor (boot CPU, once). */
int gicv3_init(const struct boot_info *bi);
/* Wake this CPU's redistributor and turn its CPU interface on. */
int gicv3_cpu_init(void);
/* Enable or disable a private (SGI/PPI) interrupt on this CPU. */
void gic_enable_ppi(unsigned int intid, bool on);
unsigned int gic_ack(void);
/* Priority drop (EOImode 1), then deactivation unless a guest will do it. */
void gic_eoi(unsigned int intid);
void gic_deactivate(unsigned int intid);
/* Send SGI @sgi to physical CPU @cpu. */
void gic_send_sgi(unsigned int cpu, unsigned int sgi);
/* Enable/disable an SPI at the distributor. */
void gic_enable_spi(unsigned int intid, bool on);

/* SGIs the hypervisor uses between physical CPUs. */
#define SGI_KICK 0      /* re-check the vCPU's interrupts / wake from idle */
/* GIC architecture revision (3 or 4) and the number of SPI lines. */
unsigned int gic_arch_rev(void);
unsigned int gic_nr_lines(void);

#endif
