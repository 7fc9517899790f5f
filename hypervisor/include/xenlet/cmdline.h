/*
 * The hypervisor command line, with Xen's option names and meanings so a Xen
 * command line boots Xenlet unchanged. Unknown options are reported and
 * ignored. Host-compilable.
 */
#ifndef XENLET_CMDLINE_H
#define XENLET_CMDLINE_H

#include <xenlet/types.h>

struct hv_options {
    uint64_t dom0_mem;              /* bytes; 0 = default */
    unsigned int dom0_max_vcpus;    /* 0 = as many as physical CPUs */
    char console[32];               /* "dtuart", "none", ... */
    char dtuart[64];                /* DT path or alias of the console UART */
    char loglvl[16];
    char debug_fault[16];           /* Xenlet: "el2" faults on purpose (tests) */
    bool noreboot;                  /* after a fatal error, stop instead of resetting */
    bool guest_console_io;          /* let domUs write to the console, "(dN) " tagged */
};

extern struct hv_options hv_opts;

/* Parse @cmdline into hv_opts (defaults first); returns how many unknown. */
int cmdline_parse(const char *cmdline);

/* "512M", "1G", "1048576K", "4096" (bytes); returns 0 on a malformed size. */
uint64_t parse_size(const char *s, const char **end);

#endif
