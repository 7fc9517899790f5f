/* Data-cache maintenance by virtual address (cache.S). */
#ifndef ASM_CACHE_H
#define ASM_CACHE_H

#include <xenlet/types.h>

void dcache_clean_range(const void *start, size_t size);       /* to PoC */
void dcache_inval_range(const void *start, size_t size);
void dcache_clean_inval_range(const void *start, size_t size);

#endif
