/* PSCI calls from EL2 to the firmware (always SMC: nothing sits above EL2 but EL3). */
#ifndef ASM_PSCI_H
#define ASM_PSCI_H

#include <xenlet/types.h>

#define PSCI_VERSION         0x84000000u
#define PSCI_CPU_ON_64       0xc4000003u
#define PSCI_SYSTEM_OFF      0x84000008u
#define PSCI_SYSTEM_RESET    0x84000009u

#define PSCI_SUCCESS          0
#define PSCI_NOT_SUPPORTED   -1
#define PSCI_ALREADY_ON      -4

int64_t psci_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
const char *psci_error(int64_t rc);

#endif
