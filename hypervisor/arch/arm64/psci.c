/* PSCI firmware calls over SMC (SMCCC: function id in w0, result in x0). */
#include <asm/psci.h>

int64_t psci_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
    register uint64_t x0 asm("x0") = fn;
    register uint64_t x1 asm("x1") = a1;
    register uint64_t x2 asm("x2") = a2;
    register uint64_t x3 asm("x3") = a3;

    asm volatile("smc #0"
                 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                 :
                 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
                   "x13", "x14", "x15", "x16", "x17", "memory");
    return (int64_t)x0;
}

const char *psci_error(int64_t rc)
{
    switch (rc) {
    case 0:  return "success";
    case -1: return "not supported";
    case -2: return "invalid parameters";
    case -3: return "denied";
    case -4: return "already on";
    case -5: return "on pending";
    case -6: return "internal failure";
    case -7: return "not present";
    case -8: return "disabled";
    case -9: return "invalid address";
    default: return "unknown error";
    }
}
