/*
 * Reads the boot device tree into struct boot_info, refusing trees that
 * would later make the hypervisor corrupt memory (overlaps, modules outside
 * RAM, tables too small). Reads every multi-byte value with libfdt's byte-wise
 * loaders: with the MMU off an unaligned word load would fault.
 */
#include <libfdt.h>
#include <string.h>

#include <xenlet/bootinfo.h>
#include <xenlet/errno.h>
#include <xenlet/lib.h>
#include <xenlet/types.h>

/* The DT spec's defaults when no ancestor states #address-cells/#size-cells. */
#define ROOT_ADDR_CELLS 2
#define ROOT_SIZE_CELLS 1

/* GIC interrupt specifier types (bindings/interrupt-controller/arm,gic*.yaml). */
#define GIC_SPEC_SPI 0
#define GIC_SPEC_PPI 1
#define GIC_NR_SPIS  988

struct parse {
    const void *fdt;
    struct boot_info *bi;
    char *why;
    size_t whylen;
};

static int __printf(3, 4) refuse(struct parse *p, int err, const char *fmt, ...)
{
    va_list ap;

    if (p->why && p->whylen) {
        va_start(ap, fmt);
        vsnprintf(p->why, p->whylen, fmt, ap);
        va_end(ap);
    }
    return err;
}

/* ---- small libfdt helpers ---------------------------------------------- */

/* A string property, or NULL if absent or not NUL-terminated within its length. */
static const char *prop_string(const void *fdt, int node, const char *name)
{
    int len;
    const char *s = fdt_getprop(fdt, node, name, &len);

    if (!s || len <= 0 || strnlen(s, (size_t)len) == (size_t)len)
        return NULL;
    return s;
}

static uint32_t prop_u32(const void *fdt, int node, const char *name, uint32_t dflt)
{
    int len;
    const fdt32_t *v = fdt_getprop(fdt, node, name, &len);

    return v && len >= 4 ? fdt32_ld(v) : dflt;
}

/* DT spec: a node without "status", or with "okay" (or the old "ok"), is enabled. */
static bool node_enabled(const void *fdt, int node)
{
    int len;
    const char *s = fdt_getprop(fdt, node, "status", &len);

    if (!s)
        return true;
    return len > 0 && (strcmp(s, "okay") == 0 || strcmp(s, "ok") == 0);
}

static int first_enabled_compatible(const void *fdt, const char *compat)
{
    int node = fdt_node_offset_by_compatible(fdt, -1, compat);

    while (node >= 0 && !node_enabled(fdt, node))
        node = fdt_node_offset_by_compatible(fdt, node, compat);
    return node;
}

/* The node's path for messages; its bare name if the path does not fit. */
static const char *node_path(const void *fdt, int node, char *buf, size_t len)
{
    const char *name;

    if (fdt_get_path(fdt, node, buf, (int)len) == 0)
        return buf;
    name = fdt_get_name(fdt, node, NULL);
    return name ? name : "?";
}

/*
 * The cells a node's "reg" is written in: the nearest ancestor's
 * #address-cells and #size-cells, each looked up separately. Xen propagates
 * them down the tree this way, which is what lets QEMU's /chosen (which
 * declares none) use the root's 2/2 for its module nodes.
 */
static void reg_cells(const void *fdt, int node, uint32_t *ac, uint32_t *sc)
{
    bool have_ac = false, have_sc = false;
    int len;

    *ac = ROOT_ADDR_CELLS;
    *sc = ROOT_SIZE_CELLS;
    for (int n = fdt_parent_offset(fdt, node); n >= 0 && !(have_ac && have_sc);
         n = fdt_parent_offset(fdt, n)) {
        const fdt32_t *v;

        if (!have_ac && (v = fdt_getprop(fdt, n, "#address-cells", &len)) && len >= 4) {
            *ac = fdt32_ld(v);
            have_ac = true;
        }
        if (!have_sc && (v = fdt_getprop(fdt, n, "#size-cells", &len)) && len >= 4) {
            *sc = fdt32_ld(v);
            have_sc = true;
        }
    }
}

static uint64_t read_cells(const fdt32_t *cell, uint32_t n)
{
    uint64_t v = 0;

    for (uint32_t i = 0; i < n; i++)
        v = (v << 32) | fdt32_ld(&cell[i]);
    return v;
}

/* A node's "reg" property, checked once, then read entry by entry. */
struct reg {
    const fdt32_t *cells;
    uint32_t ac, sc;
    unsigned int count;
};

/*
 * Open @node's reg. Returns 1 if present, 0 if absent, or a refusal if it
 * is malformed (cells we cannot hold in 64 bits, or a ragged length).
 */
static int reg_open(struct parse *p, int node, struct reg *r)
{
    char path[BOOT_PATH_MAX];
    int len;

    r->cells = fdt_getprop(p->fdt, node, "reg", &len);
    if (!r->cells)
        return 0;
    reg_cells(p->fdt, node, &r->ac, &r->sc);
    if (r->ac < 1 || r->ac > 2 || r->sc < 1 || r->sc > 2)
        return refuse(p, -EINVAL, "%s: unsupported #address-cells/#size-cells %u/%u",
                      node_path(p->fdt, node, path, sizeof(path)), r->ac, r->sc);
    if (len <= 0 || len % (int)((r->ac + r->sc) * 4))
        return refuse(p, -EINVAL, "%s: reg length %d is not a multiple of %u cells",
                      node_path(p->fdt, node, path, sizeof(path)), len, r->ac + r->sc);
    r->count = (unsigned int)len / ((r->ac + r->sc) * 4);
    return 1;
}

static struct mem_range reg_entry(const struct reg *r, unsigned int i)
{
    const fdt32_t *c = r->cells + i * (r->ac + r->sc);
    struct mem_range m = {
        .start = read_cells(c, r->ac),
        .size = read_cells(c + r->ac, r->sc),
    };

    return m;
}

static bool range_wraps(const struct mem_range *m)
{
    return m->size > UINT64_MAX - m->start;
}

static bool ranges_overlap(const struct mem_range *a, const struct mem_range *b)
{
    return a->start < b->start + b->size && b->start < a->start + a->size;
}

static bool range_inside(const struct mem_range *in, const struct mem_range *out)
{
    return in->start >= out->start && in->start + in->size <= out->start + out->size;
}

static bool is_gic(const void *fdt, int node)
{
    return fdt_node_check_compatible(fdt, node, "arm,gic-v3") == 0 ||
           fdt_node_check_compatible(fdt, node, "arm,cortex-a15-gic") == 0 ||
           fdt_node_check_compatible(fdt, node, "arm,gic-400") == 0;
}

/* The interrupt parent: the nearest "interrupt-parent" on the node or its ancestors. */
static int interrupt_parent(const void *fdt, int node)
{
    for (int n = node; n >= 0; n = fdt_parent_offset(fdt, n)) {
        int len;
        const fdt32_t *ph = fdt_getprop(fdt, n, "interrupt-parent", &len);

        if (ph && len >= 4)
            return fdt_node_offset_by_phandle(fdt, fdt32_ld(ph));
    }
    return -FDT_ERR_NOTFOUND;
}

/*
 * Entry @index of @node's "interrupts" as a GIC INTID (PPI n -> 16 + n,
 * SPI n -> 32 + n), or 0 if absent or not routed to a GIC.
 */
static uint32_t gic_intid(const void *fdt, int node, unsigned int index)
{
    int parent = interrupt_parent(fdt, node), len;
    uint32_t ncells, type, num;
    const fdt32_t *spec;

    if (parent < 0 || !is_gic(fdt, parent))
        return 0;
    ncells = prop_u32(fdt, parent, "#interrupt-cells", 0);
    spec = fdt_getprop(fdt, node, "interrupts", &len);
    if (ncells < 2 || ncells > 4 || !spec || len < 0 ||
        (uint32_t)len < (index + 1) * ncells * 4)
        return 0;
    type = fdt32_ld(&spec[index * ncells]);
    num = fdt32_ld(&spec[index * ncells + 1]);
    if (type == GIC_SPEC_PPI && num < 16)
        return 16 + num;
    if (type == GIC_SPEC_SPI && num < GIC_NR_SPIS)
        return 32 + num;
    return 0;
}

static void copy_path(const void *fdt, int node, char *dst)
{
    if (fdt_get_path(fdt, node, dst, BOOT_PATH_MAX) != 0)
        dst[0] = '\0';
}

/* ---- memory and reserved ranges ----------------------------------------- */

static int parse_memory(struct parse *p)
{
    struct boot_info *bi = p->bi;
    char path[BOOT_PATH_MAX];
    bool any = false;
    int node, rc;

    for (node = fdt_node_offset_by_prop_value(p->fdt, -1, "device_type", "memory", 7);
         node >= 0;
         node = fdt_node_offset_by_prop_value(p->fdt, node, "device_type", "memory", 7)) {
        struct reg r;

        if (!node_enabled(p->fdt, node))
            continue;
        any = true;
        rc = reg_open(p, node, &r);
        if (rc < 0)
            return rc;
        if (rc == 0)
            return refuse(p, -EINVAL, "memory node %s has no reg",
                          node_path(p->fdt, node, path, sizeof(path)));
        for (unsigned int i = 0; i < r.count; i++) {
            struct mem_range m = reg_entry(&r, i);

            /* Empty banks occur in real trees (boot loaders leave them); Xen and Linux skip them. */
            if (m.size == 0)
                continue;
            if (range_wraps(&m))
                return refuse(p, -EINVAL, "memory bank 0x%llx+0x%llx wraps the address space",
                              (unsigned long long)m.start, (unsigned long long)m.size);
            if (bi->nr_mem == BOOT_MAX_MEM_BANKS)
                return refuse(p, -E2BIG, "more than %u memory banks", BOOT_MAX_MEM_BANKS);
            bi->mem[bi->nr_mem++] = m;
        }
    }
    if (!any)
        return refuse(p, -ENOENT, "device tree has no memory node");
    if (bi->nr_mem == 0)
        return refuse(p, -ENOENT, "device tree memory nodes describe no RAM");

    /* Lowest bank first, as Xen sorts them; then overlaps are neighbours. */
    for (unsigned int i = 1; i < bi->nr_mem; i++) {
        struct mem_range m = bi->mem[i];
        unsigned int j = i;

        for (; j > 0 && bi->mem[j - 1].start > m.start; j--)
            bi->mem[j] = bi->mem[j - 1];
        bi->mem[j] = m;
    }
    for (unsigned int i = 1; i < bi->nr_mem; i++) {
        const struct mem_range *a = &bi->mem[i - 1], *b = &bi->mem[i];

        if (ranges_overlap(a, b))
            return refuse(p, -EINVAL,
                          "memory banks [0x%llx, 0x%llx) and [0x%llx, 0x%llx) overlap",
                          (unsigned long long)a->start, (unsigned long long)(a->start + a->size),
                          (unsigned long long)b->start, (unsigned long long)(b->start + b->size));
    }
    return 0;
}

static int add_reserved(struct parse *p, struct mem_range m)
{
    struct boot_info *bi = p->bi;

    if (m.size == 0)
        return 0;                       /* reserves nothing; Xen skips these too */
    if (range_wraps(&m))
        return refuse(p, -EINVAL, "reserved region 0x%llx+0x%llx wraps the address space",
                      (unsigned long long)m.start, (unsigned long long)m.size);
    for (unsigned int i = 0; i < bi->nr_reserved; i++) {
        const struct mem_range *o = &bi->reserved[i];

        if (ranges_overlap(&m, o))
            return refuse(p, -EINVAL,
                          "reserved regions [0x%llx, 0x%llx) and [0x%llx, 0x%llx) overlap",
                          (unsigned long long)o->start, (unsigned long long)(o->start + o->size),
                          (unsigned long long)m.start, (unsigned long long)(m.start + m.size));
    }
    if (bi->nr_reserved == BOOT_MAX_RESERVED)
        return refuse(p, -E2BIG, "more than %u reserved regions", BOOT_MAX_RESERVED);
    bi->reserved[bi->nr_reserved++] = m;
    return 0;
}

static int parse_reserved(struct parse *p)
{
    int n = fdt_num_mem_rsv(p->fdt), parent, node, rc;

    if (n < 0)
        return refuse(p, -EINVAL, "device tree /memreserve/ block is malformed");
    for (int i = 0; i < n; i++) {
        struct mem_range m;

        if (fdt_get_mem_rsv(p->fdt, i, &m.start, &m.size) < 0)
            return refuse(p, -EINVAL, "device tree /memreserve/ block is malformed");
        rc = add_reserved(p, m);
        if (rc)
            return rc;
    }

    parent = fdt_path_offset(p->fdt, "/reserved-memory");
    if (parent < 0)
        return 0;
    fdt_for_each_subnode(node, p->fdt, parent) {
        struct reg r;

        if (!node_enabled(p->fdt, node))
            continue;
        rc = reg_open(p, node, &r);
        if (rc < 0)
            return rc;
        /* Children without reg ask the OS for a dynamic allocation: nothing fixed to keep. */
        for (unsigned int i = 0; rc == 1 && i < r.count; i++) {
            int e = add_reserved(p, reg_entry(&r, i));

            if (e)
                return e;
        }
    }
    return 0;
}

/* ---- CPUs ----------------------------------------------------------------- */

static int parse_cpus(struct parse *p)
{
    struct boot_info *bi = p->bi;
    char path[BOOT_PATH_MAX];
    int cpus = fdt_path_offset(p->fdt, "/cpus"), node;

    if (cpus >= 0) {
        fdt_for_each_subnode(node, p->fdt, cpus) {
            const char *type = prop_string(p->fdt, node, "device_type");
            const fdt32_t *reg;
            uint32_t ac, sc;
            uint64_t mpidr;
            int len;

            if (!type || strcmp(type, "cpu") != 0 || !node_enabled(p->fdt, node))
                continue;
            reg_cells(p->fdt, node, &ac, &sc);
            reg = fdt_getprop(p->fdt, node, "reg", &len);
            if (ac < 1 || ac > 2 || !reg || len < (int)ac * 4)
                return refuse(p, -EINVAL, "cpu node %s has no usable reg",
                              node_path(p->fdt, node, path, sizeof(path)));
            mpidr = read_cells(reg, ac);
            for (unsigned int i = 0; i < bi->nr_cpus; i++)
                if (bi->cpu_mpidr[i] == mpidr)
                    return refuse(p, -EINVAL, "two cpu nodes have MPIDR 0x%llx",
                                  (unsigned long long)mpidr);
            if (bi->nr_cpus == BOOT_MAX_CPUS)
                return refuse(p, -E2BIG, "more than %u CPUs", BOOT_MAX_CPUS);
            bi->cpu_mpidr[bi->nr_cpus++] = mpidr;
        }
    }
    if (bi->nr_cpus == 0)
        return refuse(p, -ENOENT, "device tree has no enabled CPU node");
    return 0;
}

/* ---- /chosen: modules and command lines ---------------------------------- */

static int copy_cmdline(struct parse *p, char *dst, const char *src, const char *what)
{
    size_t n = strlen(src);

    if (n >= BOOT_CMDLINE_MAX)
        return refuse(p, -E2BIG, "%s is longer than %u bytes", what, BOOT_CMDLINE_MAX - 1);
    memcpy(dst, src, n + 1);
    return 0;
}

static int add_module(struct parse *p, enum boot_module_kind kind, struct mem_range m,
                      const char *where)
{
    struct boot_info *bi = p->bi;
    struct boot_module *mod;

    /* Xen keeps one module per (kind, address): a repeat is the same module. */
    for (unsigned int i = 0; i < bi->nr_modules; i++)
        if (bi->modules[i].kind == kind && bi->modules[i].start == m.start)
            return 0;
    if (m.size == 0)
        return refuse(p, -EINVAL, "module %s has zero size", where);
    if (range_wraps(&m))
        return refuse(p, -EINVAL, "module %s 0x%llx+0x%llx wraps the address space", where,
                      (unsigned long long)m.start, (unsigned long long)m.size);
    if (bi->nr_modules == BOOT_MAX_MODULES)
        return refuse(p, -E2BIG, "more than %u boot modules", BOOT_MAX_MODULES);
    mod = &bi->modules[bi->nr_modules++];
    mod->kind = kind;
    mod->start = m.start;
    mod->size = m.size;
    mod->cmdline[0] = '\0';
    return 1;
}

/* linux,initrd-start/-end: Xen turns them into a ramdisk module (4- or 8-byte values). */
static int parse_chosen_initrd(struct parse *p, int chosen)
{
    const void *s, *e;
    int slen, elen;
    uint64_t start, end;

    s = fdt_getprop(p->fdt, chosen, "linux,initrd-start", &slen);
    if (!s)
        return 0;
    e = fdt_getprop(p->fdt, chosen, "linux,initrd-end", &elen);
    if (!e)
        return refuse(p, -EINVAL, "/chosen has linux,initrd-start but no linux,initrd-end");
    if ((slen != 4 && slen != 8) || (elen != 4 && elen != 8))
        return refuse(p, -EINVAL, "/chosen linux,initrd-start/-end must be 4 or 8 bytes");
    start = read_cells(s, (uint32_t)slen / 4);
    end = read_cells(e, (uint32_t)elen / 4);
    if (start >= end)
        return refuse(p, -EINVAL, "/chosen initrd range [0x%llx, 0x%llx) is empty",
                      (unsigned long long)start, (unsigned long long)end);
    return add_module(p, BOOT_MOD_RAMDISK,
                      (struct mem_range){ .start = start, .size = end - start },
                      "/chosen linux,initrd");
}

/* The kind a module node's compatible names, as Xen reads it. */
static bool module_kind(const void *fdt, int node, enum boot_module_kind *kind)
{
    if (fdt_node_check_compatible(fdt, node, "multiboot,kernel") == 0 ||
        fdt_node_check_compatible(fdt, node, "xen,linux-zimage") == 0)
        *kind = BOOT_MOD_KERNEL;
    else if (fdt_node_check_compatible(fdt, node, "multiboot,ramdisk") == 0 ||
             fdt_node_check_compatible(fdt, node, "xen,linux-initrd") == 0)
        *kind = BOOT_MOD_RAMDISK;
    else if (fdt_node_check_compatible(fdt, node, "multiboot,device-tree") == 0)
        *kind = BOOT_MOD_DTB;
    else if (fdt_node_check_compatible(fdt, node, "xen,xsm-policy") == 0)
        *kind = BOOT_MOD_OTHER;         /* no XSM here: kept only so its memory stays reserved */
    else
        return false;
    return true;
}

/*
 * The module nodes under /chosen, down to its grandchildren as Xen looks
 * (so /chosen/modules/module@0 counts too). Modules of a dom0less domain
 * (parent compatible "xen,domain") are not supported: they are kept as
 * BOOT_MOD_OTHER only so that their memory stays reserved. @kernel_args is
 * set to the bootargs of the first kernel module that has a bootargs
 * property: the one Xen gives dom0.
 */
static int parse_modules(struct parse *p, int chosen, const char **kernel_args)
{
    char path[BOOT_PATH_MAX];
    unsigned int bare = 0;
    int node, depth = 0;

    for (node = fdt_next_node(p->fdt, chosen, &depth); node >= 0 && depth > 0;
         node = fdt_next_node(p->fdt, node, &depth)) {
        enum boot_module_kind kind;
        const char *args;
        struct reg r;
        int rc;

        if (depth > 2 ||
            (fdt_node_check_compatible(p->fdt, node, "multiboot,module") != 0 &&
             fdt_node_check_compatible(p->fdt, node, "xen,multiboot-module") != 0))
            continue;
        node_path(p->fdt, node, path, sizeof(path));
        rc = reg_open(p, node, &r);
        if (rc < 0)
            return rc;
        if (rc == 0)
            return refuse(p, -EINVAL, "module %s has no reg", path);

        if (fdt_node_check_compatible(p->fdt, fdt_parent_offset(p->fdt, node),
                                      "xen,domain") == 0) {
            rc = add_module(p, BOOT_MOD_OTHER, reg_entry(&r, 0), path);
            if (rc < 0)
                return rc;
            continue;
        }

        /*
         * A bare "multiboot,module": the first is the kernel, the second the
         * ramdisk (Xen would first look for an XSM policy's magic, which we
         * do not support), any later one has no role.
         */
        if (!module_kind(p->fdt, node, &kind)) {
            kind = bare == 0 ? BOOT_MOD_KERNEL : bare == 1 ? BOOT_MOD_RAMDISK : BOOT_MOD_OTHER;
            bare++;
        }

        rc = add_module(p, kind, reg_entry(&r, 0), path);
        if (rc < 0)
            return rc;
        args = prop_string(p->fdt, node, "bootargs");
        if (!args)
            continue;
        if (rc == 1) {
            rc = copy_cmdline(p, p->bi->modules[p->bi->nr_modules - 1].cmdline, args,
                              "module bootargs");
            if (rc)
                return rc;
        }
        if (kind == BOOT_MOD_KERNEL && !*kernel_args)
            *kernel_args = args;
    }
    return 0;
}

/*
 * Xen's split of the command lines (docs/misc/arm/device-tree/booting.txt):
 * xen,xen-bootargs is Xen's; /chosen bootargs is Xen's too when dom0 has its
 * own (xen,dom0-bootargs or a kernel module's bootargs), otherwise dom0's.
 * For dom0, xen,dom0-bootargs wins over the module's bootargs, which wins
 * over /chosen bootargs.
 */
static int parse_cmdlines(struct parse *p, int chosen, const char *kernel_args)
{
    const char *xen_args = prop_string(p->fdt, chosen, "xen,xen-bootargs");
    const char *dom0_args = prop_string(p->fdt, chosen, "xen,dom0-bootargs");
    const char *bootargs = prop_string(p->fdt, chosen, "bootargs");
    bool dom0_has_own = dom0_args || (kernel_args && kernel_args[0]);
    const char *xen = xen_args ? xen_args : dom0_has_own ? bootargs : NULL;
    const char *dom0;
    int rc;

    if (dom0_args)
        dom0 = dom0_args;
    else if (kernel_args && kernel_args[0])
        dom0 = kernel_args;
    else
        dom0 = bootargs;

    rc = copy_cmdline(p, p->bi->cmdline, xen ? xen : "", "the hypervisor command line");
    if (rc)
        return rc;
    return copy_cmdline(p, p->bi->dom0_cmdline, dom0 ? dom0 : "", "the dom0 command line");
}

static int parse_chosen(struct parse *p)
{
    const char *kernel_args = NULL;
    int chosen = fdt_path_offset(p->fdt, "/chosen"), rc;

    if (chosen < 0)
        return 0;
    /* Xen visits /chosen itself before its children, so the initrd comes first. */
    rc = parse_chosen_initrd(p, chosen);
    if (rc < 0)
        return rc;
    rc = parse_modules(p, chosen, &kernel_args);
    if (rc)
        return rc;
    return parse_cmdlines(p, chosen, kernel_args);
}

/* ---- devices: GIC, timer, UART, PSCI --------------------------------------- */

static int parse_gic(struct parse *p)
{
    static const char *const compats[] = { "arm,gic-v3", "arm,gic-400", "arm,cortex-a15-gic" };
    struct boot_info *bi = p->bi;
    char path[BOOT_PATH_MAX];
    const char *compat = NULL;
    int node = -1, rc;
    struct reg r;

    for (unsigned int i = 0; i < ARRAY_SIZE(compats) && node < 0; i++) {
        node = first_enabled_compatible(p->fdt, compats[i]);
        compat = compats[i];
    }
    if (node < 0)
        return 0;                       /* reported as absent; the arch decides */

    memcpy(bi->gic.compatible, compat, strlen(compat) + 1);  /* all fit in 32 bytes */
    copy_path(p->fdt, node, bi->gic.path);
    bi->gic.maint_irq = gic_intid(p->fdt, node, 0);

    rc = reg_open(p, node, &r);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return refuse(p, -EINVAL, "interrupt controller %s has no reg",
                      node_path(p->fdt, node, path, sizeof(path)));
    bi->gic.dist_base = reg_entry(&r, 0).start;
    bi->gic.dist_size = reg_entry(&r, 0).size;

    if (strcmp(compat, "arm,gic-v3") == 0) {
        /* GICv3 reg: the distributor, then #redistributor-regions regions (default 1). */
        uint32_t n = prop_u32(p->fdt, node, "#redistributor-regions", 1);

        if (n == 0 || n > BOOT_MAX_REDIST)
            return refuse(p, -E2BIG, "GICv3 %s: %u redistributor regions (1..%u supported)",
                          bi->gic.path, n, BOOT_MAX_REDIST);
        if (r.count < 1 + n)
            return refuse(p, -EINVAL, "GICv3 %s: reg lacks its %u redistributor regions",
                          bi->gic.path, n);
        for (uint32_t i = 0; i < n; i++)
            bi->gic.redist[i] = reg_entry(&r, 1 + i);
        bi->gic.nr_redist = n;
    }
    return 0;
}

static int parse_timer(struct parse *p)
{
    struct boot_info *bi = p->bi;
    int node = first_enabled_compatible(p->fdt, "arm,armv8-timer");

    if (node < 0)
        node = first_enabled_compatible(p->fdt, "arm,armv7-timer");
    if (node < 0)
        return 0;
    copy_path(p->fdt, node, bi->timer.path);
    /* The binding fixes the order: secure phys, non-secure phys, virtual, hyp. */
    bi->timer.sec_phys_irq = gic_intid(p->fdt, node, 0);
    bi->timer.phys_irq = gic_intid(p->fdt, node, 1);
    bi->timer.virt_irq = gic_intid(p->fdt, node, 2);
    bi->timer.hyp_irq = gic_intid(p->fdt, node, 3);
    bi->timer.clock_frequency = prop_u32(p->fdt, node, "clock-frequency", 0);
    return 0;
}

static bool is_pl011(const void *fdt, int node)
{
    return fdt_node_check_compatible(fdt, node, "arm,pl011") == 0 && node_enabled(fdt, node);
}

/*
 * The console UART: /chosen's stdout-path (a path or an alias, with any
 * ":options" dropped) when it names a PL011, the only UART we drive;
 * otherwise the first enabled PL011.
 */
static int parse_uart(struct parse *p)
{
    struct boot_info *bi = p->bi;
    int chosen = fdt_path_offset(p->fdt, "/chosen"), node = -1, rc;
    struct reg r;

    if (chosen >= 0) {
        const char *out = prop_string(p->fdt, chosen, "stdout-path");

        if (!out)
            out = prop_string(p->fdt, chosen, "linux,stdout-path");
        if (out) {
            const char *colon = strchr(out, ':');
            int len = colon ? (int)(colon - out) : (int)strlen(out);

            /* libfdt resolves a leading alias itself. */
            node = fdt_path_offset_namelen(p->fdt, out, len);
            if (node >= 0 && !is_pl011(p->fdt, node))
                node = -1;
        }
    }
    if (node < 0)
        node = first_enabled_compatible(p->fdt, "arm,pl011");
    if (node < 0)
        return 0;

    copy_path(p->fdt, node, bi->uart.path);
    bi->uart.irq = gic_intid(p->fdt, node, 0);
    rc = reg_open(p, node, &r);
    if (rc < 0)
        return rc;
    if (rc == 1) {
        bi->uart.base = reg_entry(&r, 0).start;
        bi->uart.size = reg_entry(&r, 0).size;
    }
    return 0;
}

static void parse_psci(struct parse *p)
{
    static const char *const compats[] = { "arm,psci-1.0", "arm,psci-0.2", "arm,psci" };
    const char *method;
    int node = -1;

    for (unsigned int i = 0; i < ARRAY_SIZE(compats) && node < 0; i++)
        node = first_enabled_compatible(p->fdt, compats[i]);
    if (node < 0)
        return;
    method = prop_string(p->fdt, node, "method");
    if (method && strcmp(method, "smc") == 0)
        p->bi->psci = PSCI_CONDUIT_SMC;
    else if (method && strcmp(method, "hvc") == 0)
        p->bi->psci = PSCI_CONDUIT_HVC;
}

/* ---- whole-tree checks ------------------------------------------------------- */

static int check_header(struct parse *p, size_t bufsize)
{
    int rc;

    /* Say what is wrong in words before asking libfdt, whose codes are terse. */
    if (bufsize < FDT_V1_SIZE)
        return refuse(p, -EINVAL, "device tree truncated: %zu bytes cannot hold a header",
                      bufsize);
    if (fdt_magic(p->fdt) != FDT_MAGIC)
        return refuse(p, -EINVAL, "not a device tree: bad magic 0x%08x (want 0x%08x)",
                      fdt_magic(p->fdt), FDT_MAGIC);
    if (fdt_totalsize(p->fdt) > bufsize)
        return refuse(p, -EINVAL, "device tree truncated: totalsize %u exceeds the %zu bytes given",
                      fdt_totalsize(p->fdt), bufsize);
    rc = fdt_check_full(p->fdt, bufsize);
    if (rc)
        return refuse(p, -EINVAL, "device tree is malformed: %s", fdt_strerror(rc));
    return 0;
}

static const char *kind_name(enum boot_module_kind kind)
{
    switch (kind) {
    case BOOT_MOD_KERNEL:  return "kernel";
    case BOOT_MOD_RAMDISK: return "ramdisk";
    case BOOT_MOD_DTB:     return "device-tree";
    default:               return "other";
    }
}

static int check_modules(struct parse *p)
{
    const struct boot_info *bi = p->bi;

    for (unsigned int i = 0; i < bi->nr_modules; i++) {
        const struct mem_range m = { bi->modules[i].start, bi->modules[i].size };
        bool in_ram = false;

        for (unsigned int b = 0; b < bi->nr_mem && !in_ram; b++)
            in_ram = range_inside(&m, &bi->mem[b]);
        if (!in_ram)
            return refuse(p, -EINVAL, "module %u (%s) [0x%llx, 0x%llx) is not inside a RAM bank",
                          i, kind_name(bi->modules[i].kind), (unsigned long long)m.start,
                          (unsigned long long)(m.start + m.size));
        for (unsigned int r = 0; r < bi->nr_reserved; r++)
            if (ranges_overlap(&m, &bi->reserved[r]))
                return refuse(p, -EINVAL,
                              "reserved region [0x%llx, 0x%llx) overlaps module %u (%s)",
                              (unsigned long long)bi->reserved[r].start,
                              (unsigned long long)(bi->reserved[r].start + bi->reserved[r].size),
                              i, kind_name(bi->modules[i].kind));
        for (unsigned int j = 0; j < i; j++) {
            const struct mem_range o = { bi->modules[j].start, bi->modules[j].size };

            if (ranges_overlap(&m, &o))
                return refuse(p, -EINVAL, "modules %u (%s) and %u (%s) overlap",
                              j, kind_name(bi->modules[j].kind), i, kind_name(bi->modules[i].kind));
        }
    }
    return 0;
}

int boot_info_parse(const void *fdt, size_t bufsize, struct boot_info *bi,
                    char *why, size_t whylen)
{
    struct parse p = { .fdt = fdt, .bi = bi, .why = why, .whylen = whylen };
    int rc;

    memset(bi, 0, sizeof(*bi));
    if (why && whylen)
        why[0] = '\0';
    if (!fdt)
        return refuse(&p, -EINVAL, "no device tree");

    if ((rc = check_header(&p, bufsize)) ||
        (rc = parse_memory(&p)) ||
        (rc = parse_reserved(&p)) ||
        (rc = parse_cpus(&p)) ||
        (rc = parse_chosen(&p)) ||
        (rc = parse_gic(&p)) ||
        (rc = parse_timer(&p)) ||
        (rc = parse_uart(&p)))
        return rc;
    parse_psci(&p);
    return check_modules(&p);
}

/* ---- summary --------------------------------------------------------------- */

void boot_info_print(const struct boot_info *bi)
{
    static const char *const conduits[] = { "none", "smc", "hvc" };

    for (unsigned int i = 0; i < bi->nr_mem; i++)
        printk("RAM: [0x%016llx, 0x%016llx) %llu MiB\n",
               (unsigned long long)bi->mem[i].start,
               (unsigned long long)(bi->mem[i].start + bi->mem[i].size),
               (unsigned long long)(bi->mem[i].size >> 20));
    for (unsigned int i = 0; i < bi->nr_reserved; i++)
        printk("Reserved: [0x%016llx, 0x%016llx)\n",
               (unsigned long long)bi->reserved[i].start,
               (unsigned long long)(bi->reserved[i].start + bi->reserved[i].size));

    printk("CPUs: %u, MPIDR", bi->nr_cpus);
    for (unsigned int i = 0; i < bi->nr_cpus; i++)
        printk(" 0x%llx", (unsigned long long)bi->cpu_mpidr[i]);
    printk("\n");

    if (bi->gic.compatible[0]) {
        printk("GIC: %s %s dist 0x%llx+0x%llx, maintenance IRQ %u\n", bi->gic.compatible,
               bi->gic.path, (unsigned long long)bi->gic.dist_base,
               (unsigned long long)bi->gic.dist_size, bi->gic.maint_irq);
        for (unsigned int i = 0; i < bi->gic.nr_redist; i++)
            printk("GIC: redistributors 0x%llx+0x%llx\n",
                   (unsigned long long)bi->gic.redist[i].start,
                   (unsigned long long)bi->gic.redist[i].size);
    } else {
        printk("GIC: none found\n");
    }

    if (bi->timer.path[0])
        printk("Timer: %s IRQs sec-phys %u phys %u virt %u hyp %u, %u Hz\n", bi->timer.path,
               bi->timer.sec_phys_irq, bi->timer.phys_irq, bi->timer.virt_irq,
               bi->timer.hyp_irq, bi->timer.clock_frequency);
    else
        printk("Timer: none found\n");

    if (bi->uart.path[0])
        printk("UART: %s at 0x%llx+0x%llx, IRQ %u\n", bi->uart.path,
               (unsigned long long)bi->uart.base, (unsigned long long)bi->uart.size,
               bi->uart.irq);
    else
        printk("UART: none found\n");

    printk("PSCI: %s\n", conduits[bi->psci <= PSCI_CONDUIT_HVC ? bi->psci : 0]);

    for (unsigned int i = 0; i < bi->nr_modules; i++) {
        const struct boot_module *m = &bi->modules[i];

        printk("Module %u: %-7s [0x%016llx, 0x%016llx) \"%s\"\n", i, kind_name(m->kind),
               (unsigned long long)m->start, (unsigned long long)(m->start + m->size),
               m->cmdline);
    }
    printk("Command line: \"%s\"\n", bi->cmdline);
    printk("dom0 command line: \"%s\"\n", bi->dom0_cmdline);
}
