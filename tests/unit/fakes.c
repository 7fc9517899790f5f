/* Test doubles for the hooks hypervisor/common expects from the arch and platform. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include <xenlet/console.h>
#include <xenlet/page_alloc.h>

#include "fakes.h"

#define FAKE_CONSOLE_MAX (256 * 1024)

char fake_console[FAKE_CONSOLE_MAX + 1];
size_t fake_console_len;
unsigned int fake_lock_calls, fake_unlock_calls;
jmp_buf *fake_halt_jmp;
unsigned int fake_halt_calls;

static bool lock_held;
static uint8_t *ram;
static paddr_t ram_base;
static uint64_t ram_size;

void fake_console_clear(void)
{
    fake_console_len = 0;
    fake_console[0] = '\0';
}

void console_hw_write(const char *s, size_t n)
{
    if (n > FAKE_CONSOLE_MAX - fake_console_len)
        n = FAKE_CONSOLE_MAX - fake_console_len;
    memcpy(fake_console + fake_console_len, s, n);
    fake_console_len += n;
    fake_console[fake_console_len] = '\0';
}

void console_lock(void)
{
    if (lock_held)
        fail_msg("console_lock taken twice");
    lock_held = true;
    fake_lock_calls++;
}

void console_unlock(void)
{
    if (!lock_held)
        fail_msg("console_unlock without console_lock");
    lock_held = false;
    fake_unlock_calls++;
}

void arch_halt_cpu(void)
{
    fake_halt_calls++;
    if (fake_halt_jmp)
        longjmp(*fake_halt_jmp, 1);
    fail_msg("arch_halt_cpu called unexpectedly");
    abort();
}

void fake_ram_map(paddr_t base, uint64_t size)
{
    /* Reserve address space only: the allocator touches few of these pages. */
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

    assert_true(p != MAP_FAILED);
    ram = p;
    ram_base = base;
    ram_size = size;
}

void fake_ram_unmap(void)
{
    if (ram)
        munmap(ram, ram_size);
    ram = NULL;
}

void *maddr_to_virt(paddr_t pa)
{
    if (!ram || pa < ram_base || pa - ram_base >= ram_size)
        fail_msg("maddr_to_virt(0x%llx) outside the fake RAM", (unsigned long long)pa);
    return ram + (pa - ram_base);
}
