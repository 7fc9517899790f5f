/*
 * Support for -fstack-protector-strong, which our code and Debian's libfdt.a
 * are built with: the canary every protected frame copies, and the call made
 * when a frame's copy no longer matches.
 */
#include <stdint.h>

#include <xenlet/lib.h>

/*
 * A fixed value until the arch seeds it from an entropy source early in boot
 * (before any protected function that will return has been entered). The low
 * byte is zero so that a runaway string copy cannot reproduce it.
 */
uintptr_t __stack_chk_guard = (uintptr_t)0x5e1f7c3a9b2d4c00ULL;

void __stack_chk_fail(void) __noreturn;

void __stack_chk_fail(void)
{
    /* Our caller is the function whose frame was overwritten. */
    panic("stack protector: corrupted stack frame detected near %p",
          __builtin_return_address(0));
}
