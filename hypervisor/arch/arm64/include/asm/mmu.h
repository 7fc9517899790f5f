/* The hypervisor's own (EL2 stage-1) address space: an identity map. */
#ifndef ASM_MMU_H
#define ASM_MMU_H

#include <xenlet/types.h>

enum map_kind {
    MAP_TEXT,        /* read-only, executable */
    MAP_RODATA,      /* read-only, never executable */
    MAP_DATA,        /* read-write, never executable */
    MAP_DEVICE,      /* Device-nGnRE, read-write, never executable */
};

/* Boot: map the image (W^X), the early UART and the DTB; turn the MMU on. */
void mmu_boot(paddr_t image_start, paddr_t image_end, paddr_t dtb, paddr_t uart);
/* Identity-map [pa, pa + size); existing leaf mappings are left alone. */
int mmu_map(paddr_t pa, uint64_t size, enum map_kind kind);
/* Turn the MMU on for a secondary CPU with the tables the boot CPU built. */
void mmu_enable_secondary(void);
/* Make the tables and the image visible to CPUs whose MMU is still off. */
void mmu_publish(void);

#endif
