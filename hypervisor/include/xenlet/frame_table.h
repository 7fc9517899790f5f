/*
 * Who owns each machine page, and how many foreign or grant mappings other
 * domains hold on it: a page is freed only when its owner is gone and
 * nobody maps it any more. Host-compilable.
 */
#ifndef XENLET_FRAME_TABLE_H
#define XENLET_FRAME_TABLE_H

#include <xenlet/sched.h>

#define OWNER_NONE    0xffff          /* free, or the hypervisor's own */
#define OWNER_ORPHAN  0x7ff6          /* its domain died while others mapped it */

int frame_table_init(paddr_t start, paddr_t end);
void page_set_owner(uint64_t mfn, uint64_t nr, domid_t owner);
/* A hypervisor page that belongs to @owner (shared_info, grant frames): the
 * owner's toolstack may map it; it is freed by page_release, not by teardown
 * of the owner's physical map. */
void page_set_xenheap_owner(uint64_t mfn, domid_t owner);
bool page_is_xenheap(uint64_t mfn);
domid_t page_owner(uint64_t mfn);
/* Another domain maps this page: keep it alive. */
bool page_get_ref(uint64_t mfn);
/* That mapping is gone; frees an orphaned page with no mappings left. */
void page_put_ref(uint64_t mfn);
/* The owner dies: free the page now, or orphan it until unmapped. */
void page_release(uint64_t mfn);

#endif
