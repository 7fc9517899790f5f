/*
 * Traps from guests, decoded once by ESR.EC into one handler per class.
 * Anything a guest may not do becomes an exception injected into that guest;
 * the hypervisor never stops for a guest's mistake.
 */
#include <asm/cpu.h>
#include <asm/domain.h>
#include <asm/irq.h>
#include <asm/sysregs.h>
#include <public/arch-arm.h>
#include <xenlet/hypercall.h>
#include <xenlet/lib.h>

#define EC_WFX       0x01
#define EC_HVC64     0x16
#define EC_SMC64     0x17
#define EC_SYSREG    0x18
#define EC_IABT_LOW  0x20
#define EC_DABT_LOW  0x24

/* Exception vector offsets from VBAR_EL1 for a synchronous exception. */
static uint64_t el1_sync_vector(uint64_t spsr)
{
    switch (spsr & 0x1f) {
    case 0x04: return 0x000;            /* EL1t */
    case 0x05: return 0x200;            /* EL1h */
    default:   return 0x400;            /* from EL0 (AArch64) */
    }
}

static void inject_sync(struct trap_frame *f, uint64_t esr, uint64_t far)
{
    WRITE_SYSREG(f->elr, elr_el1);
    WRITE_SYSREG(f->spsr, spsr_el1);
    WRITE_SYSREG(esr, esr_el1);
    WRITE_SYSREG(far, far_el1);
    f->elr = READ_SYSREG(vbar_el1) + el1_sync_vector(f->spsr);
    f->spsr = 0x3c5;                    /* EL1h, DAIF masked */
}

void inject_undef(struct trap_frame *f)
{
    inject_sync(f, 1UL << 25, 0);       /* EC 0 (unknown), IL 1 */
}

/* A synchronous external abort on a data access the guest should not make. */
static void inject_dabt(struct trap_frame *f, uint64_t far)
{
    uint64_t ec = ((f->spsr & 0xf) == 0) ? 0x24 : 0x25;

    inject_sync(f, (ec << 26) | (1UL << 25) | 0x10, far);
}

static void rate_limited_log(struct vcpu *v, const char *what, uint64_t esr, uint64_t addr,
                             uint64_t pc)
{
    static unsigned int logged;

    if (logged++ < 32)
        printk("d%uv%u: %s (ESR 0x%lx, address 0x%lx, PC 0x%lx)\n", v->domain->domain_id,
               v->vcpu_id, what, (unsigned long)esr, (unsigned long)addr,
               (unsigned long)pc);
}

static uint64_t *reg_ptr(struct trap_frame *f, unsigned int r, uint64_t *zero)
{
    *zero = 0;
    return r == 31 ? zero : &f->x[r];
}

static void handle_dabt(struct vcpu *v, struct trap_frame *f)
{
    uint64_t esr = f->esr, iss = esr & 0x1ffffff;
    paddr_t gpa = ((READ_SYSREG(hpfar_el2) >> 4) << PAGE_SHIFT) | (f->far & ~PAGE_MASK);
    bool write = iss & (1u << 6);
    unsigned int size = 1u << ((iss >> 22) & 3);
    unsigned int reg = (iss >> 16) & 0x1f;
    uint64_t zero, *rp, val;

    if (!(iss & (1u << 24))) {          /* ISV: no syndrome to emulate from */
        rate_limited_log(v, "data abort without syndrome", esr, gpa, f->elr);
        inject_dabt(f, f->far);
        return;
    }
    rp = reg_ptr(f, reg, &zero);
    val = write ? *rp : 0;
    if (size < 8 && write)
        val &= (1UL << (size * 8)) - 1;
    if (!vgic_mmio(v, gpa, write, size, &val)) {
        rate_limited_log(v, write ? "write to unmapped address" : "read from unmapped address",
                         esr, gpa, f->elr);
        inject_dabt(f, f->far);
        return;
    }
    if (!write) {
        if ((iss & (1u << 21)) && size < 8 && (val & (1UL << (size * 8 - 1))))
            val |= ~0UL << (size * 8);  /* SSE: sign-extend */
        if (!(iss & (1u << 15)))
            val &= 0xffffffffUL;        /* SF clear: 32-bit register */
        *rp = val;
    }
    f->elr += 4;
}

static void handle_sysreg(struct vcpu *v, struct trap_frame *f)
{
    uint64_t iss = f->esr & 0x1ffffff;
    unsigned int reg = (iss >> 5) & 0x1f;
    bool read = iss & 1;
    /* Op0, Op2, Op1, CRn, CRm without Rt and direction. */
    uint64_t key = iss & 0x3ffc1e;
    uint64_t zero, *rp = reg_ptr(f, reg, &zero);

#define SYSREG_KEY(op0, op1, crn, crm, op2) \
    (((uint64_t)(op0) << 20) | ((uint64_t)(op2) << 17) | ((uint64_t)(op1) << 14) | \
     ((uint64_t)(crn) << 10) | ((uint64_t)(crm) << 1))
    if (key == SYSREG_KEY(3, 0, 12, 11, 5) && !read) {          /* ICC_SGI1R_EL1 */
        vgic_send_sgi(v, *rp);
        f->elr += 4;
        return;
    }
    if (key == SYSREG_KEY(3, 1, 15, 0, 0) || key == SYSREG_KEY(3, 0, 1, 0, 1)) {
        /* Implementation-defined (L2CTLR_EL1) and ACTLR_EL1: read as zero. */
        if (read)
            *rp = 0;
        f->elr += 4;
        return;
    }
    rate_limited_log(v, "unhandled system register access", f->esr, 0, f->elr);
    inject_undef(f);
}

/* Blocked first, then look: an interrupt injected meanwhile clears it; the
 * schedule() at the end of the trap then runs someone else or waits. */
void vcpu_block_for_events(struct vcpu *v)
{
    __atomic_store_n(&v->blocked, true, __ATOMIC_SEQ_CST);
    if (vgic_has_pending(v))
        __atomic_store_n(&v->blocked, false, __ATOMIC_SEQ_CST);
}

static void handle_wfi(struct vcpu *v, struct trap_frame *f)
{
    f->elr += 4;
    if (f->esr & 1)                     /* WFE: just let others run */
        return;
    vcpu_block_for_events(v);
}

static void handle_hvc(struct vcpu *v, struct trap_frame *f)
{
    unsigned int imm = f->esr & 0xffff;

    if (imm == XEN_HYPERCALL_TAG) {
        uint64_t args[5] = { f->x[0], f->x[1], f->x[2], f->x[3], f->x[4] };
        long rc = hypercall_dispatch(v, (unsigned int)f->x[16], args);

        if (v->hcall_continue) {
            /* Back to the HVC itself, with its progress in x0. */
            v->hcall_continue = false;
            f->x[0] = v->hcall_continue_arg0;
            f->elr -= 4;
        } else {
            f->x[0] = (uint64_t)rc;
        }
    } else if (imm == 0) {
        vpsci_call(v, f);
    } else {
        inject_undef(f);
    }
}

void guest_trap(struct trap_frame *f, unsigned int vector)
{
    struct vcpu *v = current_vcpu();

    vgic_sync(v);
    switch (vector) {
    case VEC_LOW64_IRQ:
    case VEC_LOW64_FIQ:
        irq_handle();
        break;
    case VEC_LOW64_SYNC:
        switch ((f->esr >> 26) & 0x3f) {
        case EC_WFX:
            handle_wfi(v, f);
            break;
        case EC_HVC64:
            handle_hvc(v, f);
            break;
        case EC_SMC64:
            f->elr += 4;                /* SMC traps before it executes */
            vpsci_call(v, f);
            break;
        case EC_SYSREG:
            handle_sysreg(v, f);
            break;
        case EC_DABT_LOW:
            handle_dabt(v, f);
            break;
        default:
            rate_limited_log(v, "unexpected trap, injecting undefined instruction",
                             f->esr, f->far, f->elr);
            inject_undef(f);
            break;
        }
        break;
    default:
        /* SErrors and AArch32 entries: this guest is broken, not the CPU. */
        rate_limited_log(v, "fatal exception from guest", f->esr, f->far, f->elr);
        domain_shutdown(v->domain, 3 /* crash */);
        break;
    }
    schedule(f);
}
