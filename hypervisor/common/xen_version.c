/*
 * XENVER_*: Xenlet implements Xen 4.17's ABI, so it reports 4.17 with its
 * own name in the extra version; guests and tools key off these numbers.
 */
#include <public/version.h>
#include <xenlet/cmdline.h>
#include <xenlet/errno.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>
#include <xenlet/lib.h>
#include <string.h>

#define XEN_MAJOR 4
#define XEN_MINOR 17

/* XENFEAT_* are bit numbers in submap 0. */
#define FEAT(f) (1u << (f))

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
        return put_string(arg, ".0-xenlet", XEN_EXTRAVERSION_LEN);
    case XENVER_compile_info: {
        struct xen_compile_info info;

        memset(&info, 0, sizeof(info));
        snprintf(info.compiler, sizeof(info.compiler), "gcc");
        snprintf(info.compile_by, sizeof(info.compile_by), "xenlet");
        snprintf(info.compile_date, sizeof(info.compile_date), "%s", __DATE__);
        return copy_to_guest(arg, &info, sizeof(info)) ? -EFAULT : 0;
    }
    case XENVER_capabilities:
        return put_string(arg, "xen-3.0-aarch64 ", XEN_CAPABILITIES_INFO_LEN);
    case XENVER_changeset:
        return put_string(arg, "xenlet-" XENLET_VERSION, XEN_CHANGESET_INFO_LEN);
    case XENVER_platform_parameters: {
        struct xen_platform_parameters pp = { .virt_start = 0 };

        return copy_to_guest(arg, &pp, sizeof(pp)) ? -EFAULT : 0;
    }
    case XENVER_get_features: {
        struct xen_feature_info fi;

        if (copy_from_guest(&fi, arg, sizeof(fi)))
            return -EFAULT;
        fi.submap = 0;
        if (fi.submap_idx == 0) {
            fi.submap = FEAT(XENFEAT_writable_page_tables) |
                        FEAT(XENFEAT_auto_translated_physmap) |
                        FEAT(XENFEAT_memory_op_vnode_supported) |
                        FEAT(XENFEAT_ARM_SMCCC_supported);
            if (d->is_privileged)
                fi.submap |= FEAT(XENFEAT_dom0);
            fi.submap |= d->direct_map ? FEAT(XENFEAT_direct_mapped)
                                       : FEAT(XENFEAT_not_direct_mapped);
        }
        return copy_to_guest(arg, &fi, sizeof(fi)) ? -EFAULT : 0;
    }
    case XENVER_pagesize:
        return PAGE_SIZE;
    case XENVER_guest_handle: {
        xen_domain_handle_t handle = { 0 };

        return copy_to_guest(arg, handle, sizeof(handle)) ? -EFAULT : 0;
    }
    case XENVER_commandline:
        if (!d->is_privileged)
            return -EPERM;
        return put_string(arg, hv_cmdline_copy(), sizeof(xen_commandline_t));
    case XENVER_build_id:
        return -ENODATA;
    default:
        return -ENOSYS;
    }
}
