/* PSCI 1.1 and SMCCC 1.1 as guests see them (function ID in w0, result in x0). */
#include <asm/domain.h>
#include <asm/psci.h>
#include <public/sched.h>
#include <xenlet/lib.h>

#define PSCI_0_2_VERSION          0x84000000u
#define PSCI_CPU_SUSPEND_32       0x84000001u
#define PSCI_CPU_SUSPEND_64       0xc4000001u
#define PSCI_CPU_OFF              0x84000002u
#define PSCI_CPU_ON_32            0x84000003u
#define PSCI_AFFINITY_INFO_32     0x84000004u
#define PSCI_AFFINITY_INFO_64     0xc4000004u
#define PSCI_MIGRATE_INFO_TYPE    0x84000006u
#define PSCI_SYSTEM_OFF_FN        0x84000008u
#define PSCI_SYSTEM_RESET_FN      0x84000009u
#define PSCI_FEATURES             0x8400000au
#define SMCCC_VERSION             0x80000000u
#define SMCCC_ARCH_FEATURES       0x80000001u
#define SMCCC_HYP_CALL_COUNT      0x8600ff00u
#define SMCCC_HYP_UID             0x8600ff01u
#define SMCCC_HYP_REVISION        0x8600ff03u

#define PSCI_RET_SUCCESS          0
#define PSCI_RET_NOT_SUPPORTED    (-1)
#define PSCI_RET_INVALID_PARAMS   (-2)
#define PSCI_RET_ALREADY_ON       (-4)

static struct vcpu *vcpu_by_mpidr(struct domain *d, uint64_t mpidr)
{
    uint64_t aff = mpidr & 0xff00ffffffUL;

    for (unsigned int i = 0; i < d->max_vcpus; i++)
        if ((d->vcpu[i]->arch->vmpidr & 0xff00ffffffUL) == aff)
            return d->vcpu[i];
    return NULL;
}

static int64_t cpu_on(struct vcpu *caller, uint64_t mpidr, uint64_t entry, uint64_t ctx)
{
    struct vcpu *v = vcpu_by_mpidr(caller->domain, mpidr);

    if (!v)
        return PSCI_RET_INVALID_PARAMS;
    if (v->is_up)
        return PSCI_RET_ALREADY_ON;
    if (entry & 3)
        return PSCI_RET_INVALID_PARAMS;
    vcpu_set_boot_state(v, entry, ctx);
    __atomic_store_n(&v->is_up, true, __ATOMIC_RELEASE);
    vcpu_wake(v);
    return PSCI_RET_SUCCESS;
}

static bool supported(uint32_t fn)
{
    switch (fn) {
    case PSCI_0_2_VERSION: case PSCI_CPU_SUSPEND_32: case PSCI_CPU_SUSPEND_64:
    case PSCI_CPU_OFF: case PSCI_CPU_ON_32: case PSCI_CPU_ON_64:
    case PSCI_AFFINITY_INFO_32: case PSCI_AFFINITY_INFO_64:
    case PSCI_MIGRATE_INFO_TYPE: case PSCI_SYSTEM_OFF_FN: case PSCI_SYSTEM_RESET_FN:
    case PSCI_FEATURES: case SMCCC_VERSION:
        return true;
    default:
        return false;
    }
}

void vpsci_call(struct vcpu *v, struct trap_frame *f)
{
    uint32_t fn = (uint32_t)f->x[0];
    int64_t ret = PSCI_RET_NOT_SUPPORTED;
    struct vcpu *t;

    switch (fn) {
    case PSCI_0_2_VERSION:
        ret = 0x10001;                          /* PSCI 1.1 */
        break;
    case SMCCC_VERSION:
        ret = 0x10001;                          /* SMCCC 1.1 */
        break;
    case PSCI_FEATURES:
        ret = supported((uint32_t)f->x[1]) ? PSCI_RET_SUCCESS : PSCI_RET_NOT_SUPPORTED;
        break;
    case PSCI_CPU_ON_32:
        ret = cpu_on(v, (uint32_t)f->x[1], (uint32_t)f->x[2], (uint32_t)f->x[3]);
        break;
    case PSCI_CPU_ON_64:
        ret = cpu_on(v, f->x[1], f->x[2], f->x[3]);
        break;
    case PSCI_CPU_SUSPEND_32:
    case PSCI_CPU_SUSPEND_64:
        ret = PSCI_RET_SUCCESS;                 /* a standby: like WFI, returns */
        break;
    case PSCI_AFFINITY_INFO_32:
    case PSCI_AFFINITY_INFO_64:
        t = vcpu_by_mpidr(v->domain, f->x[1]);
        ret = !t ? PSCI_RET_INVALID_PARAMS : t->is_up ? 0 : 1;
        break;
    case PSCI_MIGRATE_INFO_TYPE:
        ret = 2;                                /* no trusted OS to migrate */
        break;
    case PSCI_CPU_OFF:
        vcpu_go_offline(v);                     /* leaves the CPU on return */
        ret = PSCI_RET_SUCCESS;
        break;
    case PSCI_SYSTEM_OFF_FN:
        domain_shutdown(v->domain, SHUTDOWN_poweroff);
        ret = PSCI_RET_SUCCESS;
        break;
    case PSCI_SYSTEM_RESET_FN:
        domain_shutdown(v->domain, SHUTDOWN_reboot);
        ret = PSCI_RET_SUCCESS;
        break;
    case SMCCC_HYP_CALL_COUNT:
        ret = 3;
        break;
    case SMCCC_HYP_UID:
        /* Xen's UID, so guests recognise the Xen interface. */
        f->x[0] = 0xdc1218a7;
        f->x[1] = 0x694398c6;
        f->x[2] = 0xd179cf9a;
        f->x[3] = 0x67e6de8d;
        return;
    case SMCCC_HYP_REVISION:
        f->x[0] = 0;
        f->x[1] = 1;
        return;
    case SMCCC_ARCH_FEATURES:
    default:
        break;
    }
    f->x[0] = (uint64_t)ret;
}
