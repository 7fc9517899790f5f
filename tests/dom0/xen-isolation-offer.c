/*
 * dom0's half of the isolation test: offers one event channel port and one
 * grant to each of two domains (the test guest, and another domU), prints
 * them, and holds them until killed. The test guest must be able to use
 * what was offered to it (so its refusals mean something) and must be
 * refused what was offered to the other domain.
 *
 *   xen-isolation-offer GUEST_DOMID OTHER_DOMID
 *   -> "offer: guest port=P ref=R other port=P ref=R"
 *
 * The grant offered to the guest holds a marker it checks after mapping.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

/* linux: include/uapi/xen/evtchn.h, gntalloc.h */
struct bind_unbound_port {
    unsigned int remote_domain;
};
#define IOCTL_EVTCHN_BIND_UNBOUND_PORT _IOC(_IOC_NONE, 'E', 2, sizeof(struct bind_unbound_port))

struct gntalloc_alloc_gref {
    uint16_t domid;
    uint16_t flags;
    uint32_t count;
    uint64_t index;
    uint32_t gref_ids[1];
};
#define IOCTL_GNTALLOC_ALLOC_GREF _IOC(_IOC_NONE, 'G', 5, sizeof(struct gntalloc_alloc_gref))
#define GNTALLOC_FLAG_WRITABLE 1

#define MARKER "XENLET-ISOLATION-GRANT"

static int offer(int evtchn, int gntalloc, unsigned int domid, const char *fill,
                 int *port, uint32_t *ref)
{
    struct bind_unbound_port b = { .remote_domain = domid };
    struct gntalloc_alloc_gref g = { .domid = (uint16_t)domid,
                                     .flags = GNTALLOC_FLAG_WRITABLE, .count = 1 };
    char *page;

    *port = ioctl(evtchn, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &b);
    if (*port < 0 || ioctl(gntalloc, IOCTL_GNTALLOC_ALLOC_GREF, &g) < 0)
        return -errno;
    page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, gntalloc, (off_t)g.index);
    if (page == MAP_FAILED)
        return -errno;
    strcpy(page, fill);
    *ref = g.gref_ids[0];
    return 0;
}

int main(int argc, char **argv)
{
    int evtchn = open("/dev/xen/evtchn", O_RDWR), gntalloc = open("/dev/xen/gntalloc", O_RDWR);
    int gport, oport, rc;
    uint32_t gref, oref;

    if (argc != 3) {
        fprintf(stderr, "usage: xen-isolation-offer GUEST_DOMID OTHER_DOMID\n");
        return 2;
    }
    if (evtchn < 0 || gntalloc < 0) {
        fprintf(stderr, "xen-isolation-offer: /dev/xen/evtchn or gntalloc: %s\n", strerror(errno));
        return 1;
    }
    rc = offer(evtchn, gntalloc, (unsigned int)atoi(argv[1]), MARKER, &gport, &gref);
    if (rc == 0)
        rc = offer(evtchn, gntalloc, (unsigned int)atoi(argv[2]), "not yours", &oport, &oref);
    if (rc) {
        fprintf(stderr, "xen-isolation-offer: %s\n", strerror(-rc));
        return 1;
    }
    printf("offer: guest port=%d ref=%u other port=%d ref=%u\n", gport, gref, oport, oref);
    fflush(stdout);
    for (;;)
        pause();
}
