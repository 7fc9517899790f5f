/*
 * XENVER_*: Xenlet implements Xen 4.17's ABI, so it reports 4.17 with its
 * own name in the extra version; guests and tools key off these numbers.
 */
#include <xenlet/cmdline.h>
#include <xenlet/errno.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>
#include <xenlet/lib.h>
#include <string.h>

#define XEN_MAJOR 4
#define XEN_MINOR 17

#define XENVER_version      0
#define XENVER_extraversion 1
#define XENVER_compile_info 2
#define XENVER_capabilities 3
#define XENVER_changeset    4
#define XENVER_platform_parameters 5
#define XENVER_get_features 6
#define XENVER_pagesize     7
#define XENVER_guest_handle 8
#define XENVER_commandline  9
#define XENVER_build_id     10

/* XENFEAT_* bits in submap 0. */
#define XENFEAT_writable_page_tables      (1u << 0)
#define XENFEAT_auto_translated_physmap   (1u << 2)
#define XENFEAT_dom0                      (1u << 11)
#define XENFEAT_memory_op_vnode_supported (1u << 13)
#define XENFEAT_ARM_SMCCC_supported       (1u << 14)
#define XENFEAT_not_direct_mapped         (1u << 16)
#define XENFEAT_direct_mapped             (1u << 17)

extern const char *hv_cmdline_copy(void);

static long put_string(uint64_t gva, const char *s, size_t field)
{
    char buf[1024];

    if (field > sizeof(buf))
        field = sizeof(buf);
    memset(buf, 0, field);
    snprintf(buf, field, "%s", s);
    return copy_to_guest(gva, buf, field) ? -EFAULT : 0;
}

long do_xen_version(struct vcpu *v, const uint64_t args[5])
{
    struct domain *d = v->domain;
    uint64_t arg = args[1];

    switch (args[0]) {
    case XENVER_version:
        return (XEN_MAJOR << 16) | XEN_MINOR;
    case XENVER_extraversion:
        return put_string(arg, ".0-xenlet", 16);
    case XENVER_compile_info: {
        /* compiler[64], compile_by[16], compile_domain[32], compile_date[32] */
        char info[144] = { 0 };

        snprintf(info, 64, "gcc");
        snprintf(info + 64, 16, "xenlet");
        snprintf(info + 112, 32, "%s", __DATE__);
        return copy_to_guest(arg, info, sizeof(info)) ? -EFAULT : 0;
    }
    case XENVER_capabilities:
        return put_string(arg, "xen-3.0-aarch64 ", 1024);
    case XENVER_changeset:
        return put_string(arg, "xenlet-" XENLET_VERSION, 64);
    case XENVER_platform_parameters: {
        uint64_t virt_start = 0;

        return copy_to_guest(arg, &virt_start, sizeof(virt_start)) ? -EFAULT : 0;
    }
    case XENVER_get_features: {
        uint32_t fi[2];

        if (copy_from_guest(fi, arg, sizeof(fi)))
            return -EFAULT;
        fi[1] = 0;
        if (fi[0] == 0) {
            fi[1] = XENFEAT_writable_page_tables | XENFEAT_auto_translated_physmap |
                    XENFEAT_memory_op_vnode_supported | XENFEAT_ARM_SMCCC_supported;
            if (d->is_privileged)
                fi[1] |= XENFEAT_dom0;
            fi[1] |= d->direct_map ? XENFEAT_direct_mapped : XENFEAT_not_direct_mapped;
        }
        return copy_to_guest(arg, fi, sizeof(fi)) ? -EFAULT : 0;
    }
    case XENVER_pagesize:
        return PAGE_SIZE;
    case XENVER_guest_handle: {
        uint8_t handle[16] = { 0 };

        return copy_to_guest(arg, handle, sizeof(handle)) ? -EFAULT : 0;
    }
    case XENVER_commandline:
        if (!d->is_privileged)
            return -EPERM;
        return put_string(arg, hv_cmdline_copy(), 1024);
    case XENVER_build_id:
        return -ENODATA;
    default:
        return -ENOSYS;
    }
}
