/* Parsing of the hypervisor command line (Xen's syntax: space-separated
 * "name", "name=value" or "no-name" words). */
#include <xenlet/cmdline.h>
#include <xenlet/lib.h>

struct hv_options hv_opts;

enum opt_type { OPT_SIZE, OPT_UINT, OPT_STRING, OPT_BOOL };

struct option_desc {
    const char *name;
    enum opt_type type;
    void *var;
    size_t len;                     /* OPT_STRING: buffer size */
};

static const struct option_desc options[] = {
    { "dom0_mem",        OPT_SIZE,   &hv_opts.dom0_mem,       0 },
    { "dom0_max_vcpus",  OPT_UINT,   &hv_opts.dom0_max_vcpus, 0 },
    { "console",         OPT_STRING, hv_opts.console,         sizeof(hv_opts.console) },
    { "dtuart",          OPT_STRING, hv_opts.dtuart,          sizeof(hv_opts.dtuart) },
    { "loglvl",          OPT_STRING, hv_opts.loglvl,          sizeof(hv_opts.loglvl) },
    { "guest_loglvl",    OPT_STRING, NULL,                    0 },
    { "debug_fault",     OPT_STRING, hv_opts.debug_fault,     sizeof(hv_opts.debug_fault) },
    { "noreboot",        OPT_BOOL,   &hv_opts.noreboot,       0 },
    { "guest_console_io", OPT_BOOL,  &hv_opts.guest_console_io, 0 },
};

uint64_t parse_size(const char *s, const char **end)
{
    uint64_t v = 0;
    const char *p = s;

    if (*p < '0' || *p > '9')
        goto bad;
    while (*p >= '0' && *p <= '9') {
        if (v > (UINT64_MAX - 9) / 10)
            goto bad;
        v = v * 10 + (uint64_t)(*p++ - '0');
    }
    switch (*p) {
    case 'G': case 'g': v <<= 30; p++; break;
    case 'M': case 'm': v <<= 20; p++; break;
    case 'K': case 'k': v <<= 10; p++; break;
    case 'B': case 'b': p++; break;
    default: break;
    }
    if (end)
        *end = p;
    return v;
bad:
    if (end)
        *end = s;
    return 0;
}

static bool word_is(const char *w, size_t wlen, const char *name)
{
    size_t i;

    for (i = 0; i < wlen && name[i]; i++)
        if (w[i] != name[i] && !(w[i] == '-' && name[i] == '_'))
            return false;
    return i == wlen && !name[i];
}

static bool set_option(const struct option_desc *o, const char *val, size_t vlen)
{
    char buf[64];
    const char *end;

    if (vlen >= sizeof(buf))
        return false;
    for (size_t i = 0; i < vlen; i++)
        buf[i] = val[i];
    buf[vlen] = '\0';
    if (!o->var)
        return true;                /* accepted for compatibility, no effect */

    switch (o->type) {
    case OPT_SIZE: {
        /* Xen's dom0_mem may carry ",max:..." parts: the first size is what counts. */
        uint64_t v = parse_size(buf, &end);
        if (end == buf || (*end && *end != ','))
            return false;
        *(uint64_t *)o->var = v;
        return true;
    }
    case OPT_UINT: {
        uint64_t v = parse_size(buf, &end);
        if (end == buf || *end || v > UINT32_MAX)
            return false;
        *(unsigned int *)o->var = (unsigned int)v;
        return true;
    }
    case OPT_STRING:
        snprintf(o->var, o->len, "%s", buf);
        return vlen < o->len;
    case OPT_BOOL:
        /* "name" alone, or name=1/yes/true/on; name=0/no/false/off. */
        if (vlen == 0 || buf[0] == '1' || buf[0] == 'y' || buf[0] == 't' ||
            (buf[0] == 'o' && buf[1] == 'n'))
            *(bool *)o->var = true;
        else if (buf[0] == '0' || buf[0] == 'n' || buf[0] == 'f' ||
                 (buf[0] == 'o' && buf[1] == 'f'))
            *(bool *)o->var = false;
        else
            return false;
        return true;
    }
    return false;
}

int cmdline_parse(const char *cmdline)
{
    const char *p = cmdline ? cmdline : "";
    int unknown = 0;

    hv_opts = (struct hv_options){ 0 };
    snprintf(hv_opts.console, sizeof(hv_opts.console), "dtuart");

    while (*p) {
        const char *w, *eq = NULL, *val = "";
        size_t wlen, nlen, vlen = 0;
        const struct option_desc *o = NULL;

        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        w = p;
        while (*p && *p != ' ' && *p != '\t') {
            if (*p == '=' && !eq)
                eq = p;
            p++;
        }
        wlen = (size_t)(p - w);
        nlen = eq ? (size_t)(eq - w) : wlen;
        if (eq) {
            val = eq + 1;
            vlen = (size_t)(p - val);
        }
        for (size_t i = 0; i < ARRAY_SIZE(options); i++)
            if (word_is(w, nlen, options[i].name))
                o = &options[i];
        if (!o) {
            printk("Xenlet: unknown command line option '%.*s' ignored\n", (int)nlen, w);
            unknown++;
        } else if (!set_option(o, val, vlen)) {
            printk("Xenlet: bad value for command line option '%.*s': '%.*s' ignored\n",
                   (int)nlen, w, (int)vlen, val);
        }
    }
    return unknown;
}
