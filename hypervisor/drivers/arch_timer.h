/* The ARM generic timer as the hypervisor uses it (EL2 physical timer). */
#ifndef DRIVERS_ARCH_TIMER_H
#define DRIVERS_ARCH_TIMER_H

#include <xenlet/bootinfo.h>
#include <xenlet/types.h>

void arch_timer_init(const struct boot_info *bi);       /* boot CPU, once */
/* Per CPU: route the EL2 timer PPI and check one interrupt arrives. */
int arch_timer_cpu_init(void);
uint64_t arch_timer_freq(void);
uint64_t arch_counter(void);
uint64_t arch_timer_irq(void);
/* Fire the EL2 timer at counter value @deadline (~0: never); on firing it
 * calls the tick function. */
void arch_timer_program(uint64_t deadline);
void arch_timer_set_tick(void (*fn)(void));

#endif
