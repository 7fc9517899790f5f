/* CONSOLEIO_write/read: the control domain's console through the hypervisor's UART. */
#include <public/xen.h>
#include <xenlet/console.h>
#include <xenlet/errno.h>
#include <xenlet/guest_access.h>
#include <xenlet/hypercall.h>

long do_console_io(struct vcpu *v, const uint64_t args[5])
{
    uint64_t count = args[1], gva = args[2];
    char buf[128];

    if (!v->domain->is_privileged)
        return -EPERM;
    switch (args[0]) {
    case CONSOLEIO_write:
        if (count > (1u << 20))
            return -E2BIG;
        while (count) {
            size_t n = count < sizeof(buf) ? count : sizeof(buf);

            if (copy_from_guest(buf, gva, n))
                return -EFAULT;
            console_lock();
            console_hw_write(buf, n);
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
