/*
 * dom0's device tree: the host's, minus what the hypervisor keeps (its UART,
 * the boot modules, memory, CPUs, PSCI, PMU), with the GIC and timer
 * rewritten for the virtual ones, and /hypervisor, /psci, /cpus and memory
 * added. Devices dom0 keeps are mapped 1:1 and their SPIs routed to it.
 */
#include <asm/domain.h>
#include <asm/dom0.h>
#include <libfdt.h>
#include <public/device_tree_defs.h>
#include <xenlet/errno.h>
#include <xenlet/lib.h>
#include <string.h>

struct ctx {
    struct domain *d;
    const struct boot_info *bi;
    const void *host;
    const struct dom0_layout *l;
    void *fdt;
    uint32_t gic_phandle;
    int addr_cells, size_cells;          /* the root's */
};

static const char *const dropped_compat[] = {
    "xen,xen", "xen,multiboot-module", "multiboot,module", "arm,psci", "arm,psci-0.2",
    "arm,psci-1.0", "arm,cortex-a7-pmu", "arm,cortex-a15-pmu", "arm,armv8-pmuv3",
    "arm,cortex-a53-edac", "arm,armv7-timer-mem",
};

static uint64_t read_cells(const fdt32_t *p, int n)
{
    uint64_t v = 0;

    while (n--)
        v = (v << 32) | fdt32_to_cpu(*p++);
    return v;
}

static bool is_dropped(struct ctx *c, int node, int depth)
{
    const char *dt = fdt_getprop(c->host, node, "device_type", NULL);
    char path[BOOT_PATH_MAX];

    if (dt && !strcmp(dt, "memory"))
        return true;
    if (depth == 1 && !strcmp(fdt_get_name(c->host, node, NULL), "cpus"))
        return true;
    for (unsigned int i = 0; i < ARRAY_SIZE(dropped_compat); i++)
        if (fdt_node_check_compatible(c->host, node, dropped_compat[i]) == 0)
            return true;
    if (c->bi->uart.path[0] && fdt_get_path(c->host, node, path, sizeof(path)) == 0 &&
        !strcmp(path, c->bi->uart.path))
        return true;
    return false;
}

static int copy_props(struct ctx *c, int node, const char *const *skip, unsigned int nskip)
{
    int prop, rc;

    fdt_for_each_property_offset(prop, c->host, node) {
        const char *name;
        int len;
        const void *val = fdt_getprop_by_offset(c->host, prop, &name, &len);
        bool drop = false;

        for (unsigned int i = 0; i < nskip; i++)
            if (!strcmp(name, skip[i]) || (skip[i][strlen(skip[i]) - 1] == '*' &&
                                           !strncmp(name, skip[i], strlen(skip[i]) - 1)))
                drop = true;
        if (drop)
            continue;
        rc = fdt_property(c->fdt, name, val, len);
        if (rc)
            return rc;
    }
    return 0;
}

/* Give dom0 the device: its MMIO 1:1 and its SPIs. */
static void pass_through(struct ctx *c, int node)
{
    int len, cells = c->addr_cells + c->size_cells;
    const fdt32_t *reg = fdt_getprop(c->host, node, "reg", &len);
    const fdt32_t *irqs;
    struct p2m *p2m = &arch_dom(c->d)->p2m;

    for (int i = 0; reg && i + cells <= len / 4; i += cells) {
        uint64_t a = read_cells(reg + i, c->addr_cells);
        uint64_t s = read_cells(reg + i + c->addr_cells, c->size_cells);
        uint64_t first = a >> PAGE_SHIFT, last = (a + s + PAGE_SIZE - 1) >> PAGE_SHIFT;

        if (s)
            p2m_map(p2m, first, first, last - first, P2M_MMIO);
    }
    /* A PCI host bridge's windows: parent address and size after the child's 3 cells. */
    if (fdt_getprop(c->host, node, "device_type", NULL) &&
        !strcmp(fdt_getprop(c->host, node, "device_type", NULL), "pci")) {
        const fdt32_t *r = fdt_getprop(c->host, node, "ranges", &len);
        int per = 3 + c->addr_cells + c->size_cells;

        for (int i = 0; r && i + per <= len / 4; i += per) {
            uint64_t a = read_cells(r + i + 3, c->addr_cells);
            uint64_t s = read_cells(r + i + 3 + c->addr_cells, c->size_cells);

            p2m_map(p2m, a >> PAGE_SHIFT, a >> PAGE_SHIFT, (s + PAGE_SIZE - 1) >> PAGE_SHIFT,
                    P2M_MMIO);
        }
    }
    irqs = fdt_getprop(c->host, node, "interrupts", &len);
    for (int i = 0; irqs && i + 3 <= len / 4; i += 3)
        if (fdt32_to_cpu(irqs[i]) == 0)                     /* SPI */
            vgic_route_spi(c->d, 32 + fdt32_to_cpu(irqs[i + 1]));
}

static int write_gic(struct ctx *c, int node)
{
    const struct boot_info *bi = c->bi;
    fdt64_t reg[2 * (1 + BOOT_MAX_REDIST)];
    unsigned int n = 0;
    int rc;

    reg[n++] = cpu_to_fdt64(bi->gic.dist_base);
    reg[n++] = cpu_to_fdt64(bi->gic.dist_size);
    for (unsigned int i = 0; i < bi->gic.nr_redist; i++) {
        reg[n++] = cpu_to_fdt64(bi->gic.redist[i].start);
        reg[n++] = cpu_to_fdt64(bi->gic.redist[i].size);
    }
    rc = fdt_begin_node(c->fdt, fdt_get_name(c->host, node, NULL));
    rc = rc ?: fdt_property_string(c->fdt, "compatible", "arm,gic-v3");
    rc = rc ?: fdt_property_cell(c->fdt, "#interrupt-cells", 3);
    rc = rc ?: fdt_property(c->fdt, "interrupt-controller", NULL, 0);
    rc = rc ?: fdt_property(c->fdt, "reg", reg, n * sizeof(reg[0]));
    rc = rc ?: fdt_property_cell(c->fdt, "#redistributor-regions", bi->gic.nr_redist);
    rc = rc ?: fdt_property_cell(c->fdt, "phandle", c->gic_phandle);
    return rc ?: fdt_end_node(c->fdt);
}

static int write_timer(struct ctx *c, int node)
{
    static const char *const skip[] = { "interrupts" };
    int len, rc;
    const fdt32_t *irqs = fdt_getprop(c->host, node, "interrupts", &len);

    rc = fdt_begin_node(c->fdt, fdt_get_name(c->host, node, NULL));
    rc = rc ?: copy_props(c, node, skip, ARRAY_SIZE(skip));
    /* Secure physical, non-secure physical, virtual: not the hypervisor's own. */
    if (irqs && len >= 9 * 4)
        rc = rc ?: fdt_property(c->fdt, "interrupts", irqs, 9 * 4);
    return rc ?: fdt_end_node(c->fdt);
}

static int write_chosen(struct ctx *c, int node)
{
    static const char *const skip[] = {
        "bootargs", "linux,initrd-start", "linux,initrd-end", "stdout-path",
        "xen,xen-bootargs", "xen,dom0-bootargs", "linux,uefi-*",
    };
    const struct dom0_layout *l = c->l;
    int rc;

    rc = fdt_begin_node(c->fdt, "chosen");
    rc = rc ?: copy_props(c, node, skip, ARRAY_SIZE(skip));
    rc = rc ?: fdt_property_string(c->fdt, "bootargs", c->bi->dom0_cmdline);
    if (l->initrd_size) {
        rc = rc ?: fdt_property_u64(c->fdt, "linux,initrd-start", l->initrd);
        rc = rc ?: fdt_property_u64(c->fdt, "linux,initrd-end", l->initrd + l->initrd_size);
    }
    return rc ?: fdt_end_node(c->fdt);     /* module children are not copied */
}

static int write_added(struct ctx *c)
{
    const struct dom0_layout *l = c->l;
    static const char hyp_compat[] = "xen,xen-4.17\0xen,xen";
    static const char psci_compat[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";
    /* PPI (1), its number, CPU mask 0xf and active-low level. */
    fdt32_t irq[3] = { cpu_to_fdt32(1), cpu_to_fdt32(l->evtchn_ppi - 16),
                       cpu_to_fdt32(0xf00 | DT_IRQ_TYPE_LEVEL_LOW) };
    fdt64_t reg[2 * DOM0_MAX_BANKS];
    const char *cpu_compat = "arm,armv8";
    int cpus = fdt_path_offset(c->host, "/cpus"), cpu0, len, rc;
    char name[32];

    if (cpus >= 0 && (cpu0 = fdt_first_subnode(c->host, cpus)) >= 0 &&
        fdt_getprop(c->host, cpu0, "compatible", &len))
        cpu_compat = fdt_getprop(c->host, cpu0, "compatible", &len);

    reg[0] = cpu_to_fdt64(l->gnttab_base);
    reg[1] = cpu_to_fdt64(l->gnttab_size);
    reg[2] = cpu_to_fdt64(l->ext_base);
    reg[3] = cpu_to_fdt64(l->ext_size);
    rc = fdt_begin_node(c->fdt, "hypervisor");
    rc = rc ?: fdt_property(c->fdt, "compatible", hyp_compat, sizeof(hyp_compat));
    rc = rc ?: fdt_property(c->fdt, "reg", reg, (l->ext_size ? 4 : 2) * sizeof(reg[0]));
    rc = rc ?: fdt_property_cell(c->fdt, "interrupt-parent", c->gic_phandle);
    rc = rc ?: fdt_property(c->fdt, "interrupts", irq, sizeof(irq));
    rc = rc ?: fdt_end_node(c->fdt);

    rc = rc ?: fdt_begin_node(c->fdt, "psci");
    rc = rc ?: fdt_property(c->fdt, "compatible", psci_compat, sizeof(psci_compat));
    rc = rc ?: fdt_property_string(c->fdt, "method", "hvc");
    rc = rc ?: fdt_property_cell(c->fdt, "cpu_off", 0x84000002);
    rc = rc ?: fdt_property_cell(c->fdt, "cpu_on", 0xc4000003);
    rc = rc ?: fdt_end_node(c->fdt);

    rc = rc ?: fdt_begin_node(c->fdt, "cpus");
    rc = rc ?: fdt_property_cell(c->fdt, "#address-cells", 1);
    rc = rc ?: fdt_property_cell(c->fdt, "#size-cells", 0);
    for (unsigned int i = 0; !rc && i < l->nr_vcpus; i++) {
        uint32_t mpidr = (uint32_t)(c->d->vcpu[i]->arch->vmpidr & 0xffffff);

        snprintf(name, sizeof(name), "cpu@%x", mpidr);
        rc = fdt_begin_node(c->fdt, name);
        rc = rc ?: fdt_property_string(c->fdt, "device_type", "cpu");
        rc = rc ?: fdt_property_string(c->fdt, "compatible", cpu_compat);
        rc = rc ?: fdt_property_cell(c->fdt, "reg", mpidr);
        rc = rc ?: fdt_property_string(c->fdt, "enable-method", "psci");
        rc = rc ?: fdt_end_node(c->fdt);
    }
    rc = rc ?: fdt_end_node(c->fdt);

    for (unsigned int i = 0; i < l->nr_banks; i++) {
        reg[2 * i] = cpu_to_fdt64(l->banks[i].start);
        reg[2 * i + 1] = cpu_to_fdt64(l->banks[i].size);
    }
    snprintf(name, sizeof(name), "memory@%lx", (unsigned long)l->banks[0].start);
    rc = rc ?: fdt_begin_node(c->fdt, name);
    rc = rc ?: fdt_property_string(c->fdt, "device_type", "memory");
    rc = rc ?: fdt_property(c->fdt, "reg", reg, 2 * l->nr_banks * sizeof(reg[0]));
    return rc ?: fdt_end_node(c->fdt);
}

static int copy_node(struct ctx *c, int node, int depth)
{
    const char *name = fdt_get_name(c->host, node, NULL);
    int child, rc;

    if (depth > 0 && is_dropped(c, node, depth))
        return 0;
    if (depth == 1 && !strcmp(name, "chosen"))
        return write_chosen(c, node);
    if (fdt_getprop(c->host, node, "interrupt-controller", NULL) &&
        fdt_node_check_compatible(c->host, node, "arm,gic-v3") == 0)
        return write_gic(c, node);
    if (fdt_node_check_compatible(c->host, node, "arm,armv8-timer") == 0)
        return write_timer(c, node);

    rc = fdt_begin_node(c->fdt, depth ? name : "");
    rc = rc ?: copy_props(c, node, NULL, 0);
    if (rc)
        return rc;
    if (depth == 1)
        pass_through(c, node);
    fdt_for_each_subnode(child, c->host, node) {
        rc = copy_node(c, child, depth + 1);
        if (rc)
            return rc;
    }
    if (depth == 0) {
        rc = write_added(c);
        if (rc)
            return rc;
    }
    return fdt_end_node(c->fdt);
}

int dom0_make_fdt(struct domain *d, const struct boot_info *bi, const void *host,
                  const struct dom0_layout *l, void *buf, size_t size)
{
    struct ctx c = { .d = d, .bi = bi, .host = host, .l = l, .fdt = buf };
    int gic = fdt_node_offset_by_compatible(host, -1, "arm,gic-v3");
    const fdt32_t *p;
    int rc;

    if (gic < 0)
        return -ENODEV;
    c.gic_phandle = fdt_get_phandle(host, gic);
    if (!c.gic_phandle)
        return -ENODEV;
    p = fdt_getprop(host, 0, "#address-cells", NULL);
    c.addr_cells = p ? (int)fdt32_to_cpu(*p) : 2;
    p = fdt_getprop(host, 0, "#size-cells", NULL);
    c.size_cells = p ? (int)fdt32_to_cpu(*p) : 1;

    rc = fdt_create(buf, (int)size);
    rc = rc ?: fdt_finish_reservemap(buf);
    rc = rc ?: copy_node(&c, 0, 0);
    rc = rc ?: fdt_finish(buf);
    if (rc) {
        printk("dom0: device tree: %s\n", fdt_strerror(rc));
        return -EINVAL;
    }
    return 0;
}
