/* CONSOLEIO_write/read: the control domain's console through the hypervisor's UART. */
#include <public/xen.h>
#include <xenlet/cmdline.h>
#include <xenlet/console.h>
#include <xenlet/lib.h>
#include <string.h>
#include <xenlet/errno.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>

/*
 * Other domains may write only when the command line says guest_console_io
 * (as Xen's debug builds allow): each line then carries "(dN) ", so guest
 * output cannot pass for the hypervisor's.
 */
static long guest_write(struct vcpu *v, uint64_t count, uint64_t gva)
{
    static bool at_line_start[64] = { [0 ... 63] = true };
    bool *bol = &at_line_start[v->domain->domain_id % 64];
    char buf[128], tag[16];

    if (count > 4096)
        return -E2BIG;
    snprintf(tag, sizeof(tag), "(d%u) ", v->domain->domain_id);
    while (count) {
        size_t n = count < sizeof(buf) ? count : sizeof(buf);

        if (copy_from_guest(buf, gva, n))
            return -EFAULT;
        console_lock();
        for (size_t i = 0; i < n; i++) {
            if (*bol)
                console_guest_write(tag, strlen(tag));
            console_guest_write(&buf[i], 1);
            *bol = buf[i] == '\n';
        }
        console_unlock();
        gva += n;
        count -= n;
    }
    return 0;
}

long do_console_io(struct vcpu *v, const uint64_t args[5])
{
    uint64_t count = args[1], gva = args[2];
    char buf[128];

    if (!v->domain->is_privileged) {
        if (args[0] == CONSOLEIO_write && hv_opts.guest_console_io)
            return guest_write(v, count, gva);
        return -EPERM;
    }
    switch (args[0]) {
    case CONSOLEIO_write:
        if (count > (1u << 20))
            return -E2BIG;
        while (count) {
            size_t n = count < sizeof(buf) ? count : sizeof(buf);

            if (copy_from_guest(buf, gva, n))
                return -EFAULT;
            console_lock();
            console_guest_write(buf, n);
            console_unlock();
            gva += n;
            count -= n;
        }
        return 0;
    case CONSOLEIO_read: {
        size_t n = console_input_read(buf, count < sizeof(buf) ? count : sizeof(buf));

        if (n && copy_to_guest(gva, buf, n))
            return -EFAULT;
        return (long)n;
    }
    default:
        return -ENOSYS;
    }
}
