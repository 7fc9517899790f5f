/* Stage-2 translation: each domain's guest-physical to machine map. */
#ifndef ASM_P2M_H
#define ASM_P2M_H

#include <xenlet/types.h>

struct domain;

enum p2m_type {
    P2M_RAM_RW,        /* normal memory, read/write/execute */
    P2M_RAM_RO,
    P2M_MMIO,          /* a device passed through: Device-nGnRE */
};

struct p2m {
    paddr_t root;      /* concatenated level-1 tables (8 KiB) */
    uint8_t vmid;
    bool dying;        /* being torn down: TLBs flushed, entries going */
};

/* A teardown in slices: @leaf is called for each page of normal memory
 * mapped, until @budget pages have gone (the rest waits for the next call). */
struct p2m_teardown {
    void (*leaf)(uint64_t mfn, void *data);
    void *data;
    uint64_t budget;
};

int p2m_init(struct p2m *p2m, uint8_t vmid);
/* Map @nr pages of guest frame @gfn to machine frame @mfn, replacing any
 * previous mapping. */
int p2m_map(struct p2m *p2m, uint64_t gfn, uint64_t mfn, uint64_t nr, enum p2m_type t);
int p2m_unmap(struct p2m *p2m, uint64_t gfn, uint64_t nr);
/* The machine frame behind @gfn, or ~0 if unmapped. */
uint64_t p2m_lookup(struct p2m *p2m, uint64_t gfn, enum p2m_type *t);
uint64_t p2m_vttbr(const struct p2m *p2m);
void p2m_setup_cpu(void);   /* VTCR_EL2 for this CPU */
/* Release up to @td->budget pages and the tables emptied; true once all is
 * gone. The domain must never run again. */
bool p2m_teardown_some(struct p2m *p2m, struct p2m_teardown *td);

#define IPA_BITS 40

#endif
