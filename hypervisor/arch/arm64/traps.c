/*
 * Exceptions taken to EL2: one switch on the vector slot, and for everything
 * the hypervisor does not expect, a full report (ESR decoded, ELR, FAR, SPSR,
 * registers) before the CPU stops. Never a silent hang.
 */
#include <asm/cpu.h>
#include <asm/domain.h>
#include <asm/irq.h>
#include <asm/traps.h>
#include <xenlet/arch.h>
#include <xenlet/cmdline.h>
#include <xenlet/console.h>
#include <xenlet/lib.h>

static const char *const vector_names[] = {
    "synchronous exception at EL2 (SP_EL0)", "IRQ at EL2 (SP_EL0)",
    "FIQ at EL2 (SP_EL0)", "SError at EL2 (SP_EL0)",
    "synchronous exception at EL2", "IRQ at EL2", "FIQ at EL2", "SError at EL2",
    "synchronous exception from a guest (AArch64)", "IRQ from a guest (AArch64)",
    "FIQ from a guest (AArch64)", "SError from a guest (AArch64)",
    "synchronous exception from a guest (AArch32)", "IRQ from a guest (AArch32)",
    "FIQ from a guest (AArch32)", "SError from a guest (AArch32)",
};

static const char *ec_name(unsigned int ec)
{
    switch (ec) {
    case 0x00: return "unknown reason";
    case 0x01: return "WFI/WFE";
    case 0x03: case 0x04: case 0x05: case 0x06: case 0x0c:
        return "AArch32 coprocessor access";
    case 0x07: return "FP/SIMD access";
    case 0x0e: return "illegal execution state";
    case 0x11: return "SVC (AArch32)";
    case 0x12: return "HVC (AArch32)";
    case 0x13: return "SMC (AArch32)";
    case 0x15: return "SVC (AArch64)";
    case 0x16: return "HVC (AArch64)";
    case 0x17: return "SMC (AArch64)";
    case 0x18: return "MSR/MRS/system instruction";
    case 0x19: return "SVE access";
    case 0x20: return "instruction abort from a lower EL";
    case 0x21: return "instruction abort at EL2";
    case 0x22: return "PC alignment fault";
    case 0x24: return "data abort from a lower EL";
    case 0x25: return "data abort at EL2";
    case 0x26: return "SP alignment fault";
    case 0x28: case 0x2c: return "floating-point exception";
    case 0x2f: return "SError";
    case 0x30: case 0x31: return "breakpoint";
    case 0x32: case 0x33: return "software step";
    case 0x34: case 0x35: return "watchpoint";
    case 0x38: return "BKPT (AArch32)";
    case 0x3c: return "BRK (AArch64)";
    default:   return "reserved exception class";
    }
}

/* The fault status code of an abort (DFSC/IFSC), in words. */
static void describe_fault_status(unsigned int fsc, char *buf, size_t len)
{
    static const char *const kinds[] = {
        "address size fault", "translation fault", "access flag fault",
        "permission fault",
    };

    if (fsc < 0x10)
        snprintf(buf, len, "%s, level %u", kinds[fsc >> 2], fsc & 3);
    else if (fsc == 0x10)
        snprintf(buf, len, "synchronous external abort");
    else if (fsc == 0x21)
        snprintf(buf, len, "alignment fault");
    else if (fsc == 0x30)
        snprintf(buf, len, "TLB conflict abort");
    else
        snprintf(buf, len, "fault status 0x%02x", fsc);
}

void trap_report_and_stop(const struct trap_frame *f, unsigned int vector)
{
    unsigned int ec = (f->esr >> 26) & 0x3f;
    unsigned int iss = f->esr & 0x1ffffff;
    unsigned int cpu = smp_processor_id();

    printk("\n*** Xenlet: unexpected %s on CPU%u\n",
           vector < ARRAY_SIZE(vector_names) ? vector_names[vector] : "vector", cpu);
    printk("    ESR_EL2 0x%08lx: EC 0x%02x (%s), IL %u, ISS 0x%07x\n",
           (unsigned long)f->esr, ec, ec_name(ec), (unsigned int)(f->esr >> 25) & 1, iss);
    if (ec == 0x20 || ec == 0x21 || ec == 0x24 || ec == 0x25) {
        char what[64];

        describe_fault_status(iss & 0x3f, what, sizeof(what));
        printk("    %s: %s%s\n", ec >= 0x24 ? "data abort" : "instruction abort", what,
               ec >= 0x24 ? ((iss & (1u << 6)) ? ", on a write" : ", on a read") : "");
    }
    printk("    ELR_EL2 0x%016lx  FAR_EL2 0x%016lx  SPSR_EL2 0x%08lx\n",
           (unsigned long)f->elr, (unsigned long)f->far, (unsigned long)f->spsr);
    for (unsigned int i = 0; i < 31; i += 2) {
        if (i == 30)
            printk("    x30 0x%016lx  sp  0x%016lx\n", (unsigned long)f->x[30],
                   (unsigned long)f->sp);
        else
            printk("    x%-2u 0x%016lx  x%-2u 0x%016lx\n", i, (unsigned long)f->x[i],
                   i + 1, (unsigned long)f->x[i + 1]);
    }
    if (hv_opts.noreboot) {
        printk("*** CPU%u stopped (noreboot)\n", cpu);
        arch_halt_cpu();
    }
    /* As Xen does after a fatal error: reset, unless told to stay. */
    printk("*** Xenlet: fatal error on CPU%u: rebooting (noreboot on the command line "
           "stops here instead)\n", cpu);
    arch_reboot();
}

void do_trap(struct trap_frame *f, unsigned int vector)
{
    switch (vector) {
    case VEC_CUR_SPX_IRQ:
        irq_handle();
        return;
    case VEC_LOW64_SYNC: case VEC_LOW64_IRQ: case VEC_LOW64_FIQ: case VEC_LOW64_SERROR:
    case VEC_LOW32_SYNC: case VEC_LOW32_IRQ: case VEC_LOW32_FIQ: case VEC_LOW32_SERROR:
        if (current_vcpu()) {
            guest_trap(f, vector);
            return;
        }
        trap_report_and_stop(f, vector);
    default:
        trap_report_and_stop(f, vector);
    }
}
