/*
 * boot_info_parse over device trees compiled from tests/unit/dts (plus
 * QEMU's own virt tree), variants edited here with libfdt, and hostile
 * blobs, each of which must be refused with its reason.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>

#include <xenlet/bootinfo.h>
#include <xenlet/console.h>
#include <xenlet/errno.h>

#include "fakes.h"

static struct boot_info bi;
static char why[256];

/* The compiled fixture @name, in a buffer with @slack spare bytes for edits. */
static void *load(const char *name, size_t slack, size_t *size)
{
    char path[512];
    FILE *f;
    long len;
    void *buf;

    snprintf(path, sizeof(path), "%s/%s.dtb", UNIT_DTB_DIR, name);
    f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    rewind(f);
    buf = calloc(1, (size_t)len + slack + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    if (slack) {
        assert_int_equal(fdt_open_into(buf, buf, (int)(len + slack)), 0);
        len += (long)slack;
    }
    *size = (size_t)len;
    return buf;
}

static int parse_blob(const void *fdt, size_t size)
{
    int rc = boot_info_parse(fdt, size, &bi, why, sizeof(why));

    if (rc)
        print_message("# refused: %s\n", why);
    return rc;
}

static int parse_file(const char *name)
{
    size_t size;
    void *fdt = load(name, 0, &size);
    int rc = parse_blob(fdt, size);

    free(fdt);
    return rc;
}

/* A writable copy of the base board, for tests that change one thing. */
static void *edit_base(size_t *size)
{
    return load("base", 64 * 1024, size);
}

static int node(void *fdt, const char *path)
{
    int off = fdt_path_offset(fdt, path);

    if (off < 0)
        fail_msg("%s: %s", path, fdt_strerror(off));
    return off;
}

static void set_string(void *fdt, const char *path, const char *prop, const char *val)
{
    assert_int_equal(fdt_setprop_string(fdt, node(fdt, path), prop, val), 0);
}

/* Add /chosen/<name> as a module node with the given compatible list and 2/2 reg. */
static void add_module_node(void *fdt, const char *name, const char *compat, size_t compat_len,
                            uint64_t start, uint64_t size)
{
    int off = fdt_add_subnode(fdt, node(fdt, "/chosen"), name);
    fdt64_t reg[2] = { cpu_to_fdt64(start), cpu_to_fdt64(size) };

    assert_true(off >= 0);
    assert_int_equal(fdt_setprop(fdt, off, "compatible", compat, (int)compat_len), 0);
    assert_int_equal(fdt_setprop(fdt, off, "reg", reg, sizeof(reg)), 0);
}

static void assert_refused(int rc, int want_rc, const char *want_why)
{
    assert_int_equal(rc, want_rc);
    if (!strstr(why, want_why))
        fail_msg("reason \"%s\" does not mention \"%s\"", why, want_why);
}

/* ---- trees that parse --------------------------------------------------- */

static void test_base_board(void **state)
{
    (void)state;
    assert_int_equal(parse_file("base"), 0);
    assert_string_equal(why, "");

    assert_int_equal(bi.nr_mem, 1);
    assert_int_equal(bi.mem[0].start, 0x40000000);
    assert_int_equal(bi.mem[0].size, 0x40000000);
    assert_int_equal(bi.nr_reserved, 0);

    assert_int_equal(bi.nr_cpus, 2);
    assert_int_equal(bi.cpu_mpidr[0], 0);
    assert_int_equal(bi.cpu_mpidr[1], 1);

    assert_string_equal(bi.gic.compatible, "arm,gic-v3");
    assert_string_equal(bi.gic.path, "/intc@8000000");
    assert_int_equal(bi.gic.dist_base, 0x08000000);
    assert_int_equal(bi.gic.dist_size, 0x10000);
    assert_int_equal(bi.gic.nr_redist, 1);
    assert_int_equal(bi.gic.redist[0].start, 0x080a0000);
    assert_int_equal(bi.gic.redist[0].size, 0xf60000);
    assert_int_equal(bi.gic.maint_irq, 25);

    assert_string_equal(bi.timer.path, "/timer");
    assert_int_equal(bi.timer.sec_phys_irq, 29);
    assert_int_equal(bi.timer.phys_irq, 30);
    assert_int_equal(bi.timer.virt_irq, 27);
    assert_int_equal(bi.timer.hyp_irq, 26);
    assert_int_equal(bi.timer.clock_frequency, 0);

    assert_string_equal(bi.uart.path, "/pl011@9000000");
    assert_int_equal(bi.uart.base, 0x09000000);
    assert_int_equal(bi.uart.size, 0x1000);
    assert_int_equal(bi.uart.irq, 33);

    assert_int_equal(bi.psci, PSCI_CONDUIT_SMC);

    assert_int_equal(bi.nr_modules, 2);
    assert_int_equal(bi.modules[0].kind, BOOT_MOD_KERNEL);
    assert_int_equal(bi.modules[0].start, 0x47000000);
    assert_int_equal(bi.modules[0].size, 0x800000);
    assert_string_equal(bi.modules[0].cmdline, "");
    assert_int_equal(bi.modules[1].kind, BOOT_MOD_RAMDISK);
    assert_int_equal(bi.modules[1].start, 0x4b000000);
    assert_int_equal(bi.modules[1].size, 0x400000);
    assert_string_equal(bi.cmdline, "");
    assert_string_equal(bi.dom0_cmdline, "");
}

static void test_busy_board(void **state)
{
    static const struct {
        enum boot_module_kind kind;
        uint64_t start, size;
        const char *cmdline;
    } mods[] = {
        { BOOT_MOD_RAMDISK, 0x48000000, 0x100000, "" },     /* linux,initrd-start/end */
        { BOOT_MOD_KERNEL,  0x50000000, 0x200000, "from the module" },
        { BOOT_MOD_RAMDISK, 0x50400000, 0x100000, "" },
        { BOOT_MOD_DTB,     0x50600000, 0x1000,   "" },
        { BOOT_MOD_OTHER,   0x50700000, 0x1000,   "" },
        { BOOT_MOD_KERNEL,  0x50800000, 0x1000,   "" },     /* /chosen/modules/module@… */
        { BOOT_MOD_OTHER,   0x51000000, 0x1000,   "" },     /* dom0less domU1's kernel */
    };

    (void)state;
    assert_int_equal(parse_file("board"), 0);

    /* Sorted, the empty bank and the disabled node dropped. */
    assert_int_equal(bi.nr_mem, 3);
    assert_int_equal(bi.mem[0].start, 0x40000000);
    assert_int_equal(bi.mem[0].size, 0x20000000);
    assert_int_equal(bi.mem[1].start, 0x80000000);
    assert_int_equal(bi.mem[1].size, 0x20000000);
    assert_int_equal(bi.mem[2].start, 0x100000000);
    assert_int_equal(bi.mem[2].size, 0x40000000);

    /* /memreserve/ first, then reserved-memory children with a reg that are enabled. */
    assert_int_equal(bi.nr_reserved, 2);
    assert_int_equal(bi.reserved[0].start, 0x40000000);
    assert_int_equal(bi.reserved[0].size, 0x10000);
    assert_int_equal(bi.reserved[1].start, 0x5e000000);
    assert_int_equal(bi.reserved[1].size, 0x100000);

    assert_int_equal(bi.nr_cpus, 4);
    assert_int_equal(bi.cpu_mpidr[0], 0x0);
    assert_int_equal(bi.cpu_mpidr[1], 0x1);
    assert_int_equal(bi.cpu_mpidr[2], 0x100);
    assert_int_equal(bi.cpu_mpidr[3], 0x100000000);

    assert_string_equal(bi.gic.compatible, "arm,gic-v3");
    assert_int_equal(bi.gic.dist_base, 0x2f000000);
    assert_int_equal(bi.gic.nr_redist, 2);
    assert_int_equal(bi.gic.redist[0].start, 0x2f100000);
    assert_int_equal(bi.gic.redist[1].start, 0x2f300000);
    assert_int_equal(bi.gic.redist[1].size, 0x100000);
    assert_int_equal(bi.gic.maint_irq, 25);

    assert_int_equal(bi.timer.clock_frequency, 62500000);
    assert_int_equal(bi.timer.hyp_irq, 26);

    /* stdout-path "serial1:115200n8" through the alias, cells from /soc. */
    assert_string_equal(bi.uart.path, "/soc/serial@1c0a0000");
    assert_int_equal(bi.uart.base, 0x1c0a0000);
    assert_int_equal(bi.uart.size, 0x1000);
    assert_int_equal(bi.uart.irq, 38);

    assert_int_equal(bi.psci, PSCI_CONDUIT_HVC);

    assert_int_equal(bi.nr_modules, ARRAY_SIZE(mods));
    for (unsigned int i = 0; i < ARRAY_SIZE(mods); i++) {
        assert_int_equal(bi.modules[i].kind, mods[i].kind);
        assert_int_equal(bi.modules[i].start, mods[i].start);
        assert_int_equal(bi.modules[i].size, mods[i].size);
        assert_string_equal(bi.modules[i].cmdline, mods[i].cmdline);
    }

    /* xen,dom0-bootargs beats the module's bootargs; /chosen bootargs is nobody's. */
    assert_string_equal(bi.cmdline, "loglvl=all");
    assert_string_equal(bi.dom0_cmdline, "console=hvc0 root=/dev/vda");
}

static void test_gicv2_board(void **state)
{
    (void)state;
    assert_int_equal(parse_file("gicv2"), 0);
    assert_int_equal(bi.nr_mem, 1);
    assert_int_equal(bi.mem[0].start, 0x80000000);
    assert_int_equal(bi.mem[0].size, 0x10000000);
    assert_int_equal(bi.nr_cpus, 1);
    assert_string_equal(bi.gic.compatible, "arm,gic-400");
    assert_int_equal(bi.gic.dist_base, 0x2c001000);
    assert_int_equal(bi.gic.dist_size, 0x1000);
    assert_int_equal(bi.gic.nr_redist, 0);
    assert_int_equal(bi.gic.maint_irq, 25);
    assert_int_equal(bi.timer.phys_irq, 30);
    /* No stdout-path: the first *enabled* PL011. */
    assert_string_equal(bi.uart.path, "/uart@1c090000");
    assert_int_equal(bi.uart.base, 0x1c090000);
    assert_int_equal(bi.uart.irq, 37);
    assert_int_equal(bi.psci, PSCI_CONDUIT_SMC);
    assert_int_equal(bi.nr_modules, 0);
}

/* QEMU's own tree: -M virt,virtualization=on,gic-version=3 -smp 2 -m 1G + 2 guest-loaders. */
static void test_qemu_virt(void **state)
{
    size_t size;
    void *fdt = load("qemu-virt", 0, &size);
    int rc;

    (void)state;
    if (size == 0) {
        free(fdt);
        skip();                         /* qemu-system-aarch64 was not installed at build time */
    }
    rc = parse_blob(fdt, size);
    free(fdt);
    assert_int_equal(rc, 0);

    assert_int_equal(bi.nr_cpus, 2);
    assert_int_equal(bi.nr_mem, 1);
    assert_int_equal(bi.mem[0].start, 0x40000000);
    assert_int_equal(bi.mem[0].size, 1ULL << 30);
    assert_string_equal(bi.gic.compatible, "arm,gic-v3");
    assert_int_equal(bi.gic.dist_base, 0x08000000);
    assert_int_equal(bi.gic.nr_redist, 1);
    assert_int_equal(bi.gic.redist[0].start, 0x080a0000);
    assert_int_equal(bi.gic.maint_irq, 25);
    assert_int_equal(bi.timer.virt_irq, 27);
    assert_int_equal(bi.timer.hyp_irq, 26);
    assert_int_equal(bi.uart.base, 0x09000000);
    assert_int_equal(bi.uart.size, 0x1000);
    assert_int_equal(bi.uart.irq, 33);
    assert_string_equal(bi.uart.path, "/pl011@9000000");
    assert_int_equal(bi.psci, PSCI_CONDUIT_SMC);

    /* QEMU writes the initrd's node first; kinds come from the specific compatible. */
    assert_int_equal(bi.nr_modules, 2);
    for (unsigned int i = 0; i < 2; i++) {
        const struct boot_module *m = &bi.modules[i];

        if (m->kind == BOOT_MOD_KERNEL) {
            assert_int_equal(m->start, 0x47000000);
            assert_int_equal(m->size, 74565);       /* the file's size */
            assert_string_equal(m->cmdline, "console=hvc0 root=/dev/ram0");
        } else {
            assert_int_equal(m->kind, BOOT_MOD_RAMDISK);
            assert_int_equal(m->start, 0x4b000000);
            assert_int_equal(m->size, 8192);
            assert_string_equal(m->cmdline, "");
        }
    }
    assert_int_not_equal(bi.modules[0].kind, bi.modules[1].kind);
    /* The kernel has bootargs and there is no /chosen bootargs: Xen's line is empty. */
    assert_string_equal(bi.dom0_cmdline, "console=hvc0 root=/dev/ram0");
    assert_string_equal(bi.cmdline, "");
}

/* ---- command lines: Xen's precedence rules ------------------------------- */

struct cmdline_case {
    const char *xen_args, *dom0_args, *bootargs, *module_args;
    const char *want_xen, *want_dom0;
};

static void check_cmdlines(const struct cmdline_case *c)
{
    size_t size;
    void *fdt = edit_base(&size);

    if (c->xen_args)
        set_string(fdt, "/chosen", "xen,xen-bootargs", c->xen_args);
    if (c->dom0_args)
        set_string(fdt, "/chosen", "xen,dom0-bootargs", c->dom0_args);
    if (c->bootargs)
        set_string(fdt, "/chosen", "bootargs", c->bootargs);
    if (c->module_args)
        set_string(fdt, "/chosen/module@47000000", "bootargs", c->module_args);
    assert_int_equal(parse_blob(fdt, size), 0);
    free(fdt);
    assert_string_equal(bi.cmdline, c->want_xen);
    assert_string_equal(bi.dom0_cmdline, c->want_dom0);
}

static void test_cmdline_precedence(void **state)
{
    static const struct cmdline_case cases[] = {
        /* xen,xen-bootargs  xen,dom0-bootargs  bootargs  module      -> Xen   dom0 */
        { NULL, NULL, NULL, NULL,                   "", "" },
        { NULL, NULL, "B", NULL,                    "", "B" },     /* no Xen props: bootargs is dom0's */
        { NULL, NULL, "B", "M",                     "B", "M" },    /* module args: bootargs is Xen's */
        { NULL, NULL, "B", "",                      "", "B" },     /* an empty module line does not count */
        { "X", NULL, "B", NULL,                     "X", "B" },    /* only xen-bootargs: bootargs is dom0's */
        { NULL, "D", "B", NULL,                     "B", "D" },    /* only dom0-bootargs: bootargs is Xen's */
        { "X", "D", "B", NULL,                      "X", "D" },
        { "X", NULL, "B", "M",                      "X", "M" },
        { NULL, "D", "B", "M",                      "B", "D" },    /* dom0-bootargs beats the module's */
        { NULL, "D", NULL, NULL,                    "", "D" },
    };

    (void)state;
    for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++)
        check_cmdlines(&cases[i]);
}

static void test_cmdline_too_long(void **state)
{
    size_t size;
    void *fdt = edit_base(&size);
    char longline[BOOT_CMDLINE_MAX + 10];

    (void)state;
    memset(longline, 'x', sizeof(longline) - 1);
    longline[sizeof(longline) - 1] = '\0';
    set_string(fdt, "/chosen", "bootargs", longline);
    assert_refused(parse_blob(fdt, size), -E2BIG, "dom0 command line is longer than 1023 bytes");
    free(fdt);
}

/* ---- modules ------------------------------------------------------------- */

static void test_bare_modules_take_kernel_then_ramdisk(void **state)
{
    static const char bare[] = "multiboot,module";
    size_t size;
    void *fdt = edit_base(&size);

    (void)state;
    /* Replace the two typed modules by three bare ones, in DT order. */
    assert_int_equal(fdt_del_node(fdt, node(fdt, "/chosen/module@47000000")), 0);
    assert_int_equal(fdt_del_node(fdt, node(fdt, "/chosen/module@4b000000")), 0);
    add_module_node(fdt, "module@45000000", bare, sizeof(bare), 0x45000000, 0x1000);
    add_module_node(fdt, "module@44000000", bare, sizeof(bare), 0x44000000, 0x1000);
    add_module_node(fdt, "module@43000000", bare, sizeof(bare), 0x43000000, 0x1000);
    assert_int_equal(parse_blob(fdt, size), 0);
    free(fdt);

    /* fdt_add_subnode puts each new node first, so DT order is 43, 44, 45. */
    assert_int_equal(bi.nr_modules, 3);
    assert_int_equal(bi.modules[0].start, 0x43000000);
    assert_int_equal(bi.modules[0].kind, BOOT_MOD_KERNEL);
    assert_int_equal(bi.modules[1].start, 0x44000000);
    assert_int_equal(bi.modules[1].kind, BOOT_MOD_RAMDISK);
    assert_int_equal(bi.modules[2].start, 0x45000000);
    assert_int_equal(bi.modules[2].kind, BOOT_MOD_OTHER);
}

static void test_module_outside_any_chosen_is_ignored(void **state)
{
    static const char compat[] = "multiboot,kernel\0multiboot,module";
    size_t size;
    void *fdt = edit_base(&size);
    int off;
    fdt64_t reg[2] = { cpu_to_fdt64(0x10000000), cpu_to_fdt64(0x1000) };  /* not even in RAM */

    (void)state;
    off = fdt_add_subnode(fdt, 0, "stray-module");
    assert_true(off >= 0);
    assert_int_equal(fdt_setprop(fdt, off, "compatible", compat, sizeof(compat)), 0);
    assert_int_equal(fdt_setprop(fdt, off, "reg", reg, sizeof(reg)), 0);
    assert_int_equal(parse_blob(fdt, size), 0);
    free(fdt);
    assert_int_equal(bi.nr_modules, 2);
}

static void test_too_many_modules(void **state)
{
    static const char bare[] = "multiboot,module";
    size_t size;
    void *fdt = edit_base(&size);

    (void)state;
    for (unsigned int i = 0; i < BOOT_MAX_MODULES - 1; i++) {
        char name[32];

        snprintf(name, sizeof(name), "module@%x", 0x50000000 + i * 0x10000);
        add_module_node(fdt, name, bare, sizeof(bare), 0x50000000 + i * 0x10000, 0x1000);
    }
    assert_refused(parse_blob(fdt, size), -E2BIG, "more than 8 boot modules");
    free(fdt);
}

static void test_modules_overlapping_each_other(void **state)
{
    static const char compat[] = "multiboot,device-tree\0multiboot,module";
    size_t size;
    void *fdt = edit_base(&size);

    (void)state;
    add_module_node(fdt, "module@47100000", compat, sizeof(compat), 0x47100000, 0x1000);
    assert_refused(parse_blob(fdt, size), -EINVAL, "overlap");
    free(fdt);
}

/* ---- UART selection ------------------------------------------------------ */

/* Adds an enabled (or not) PL011 at /pl011@9040000 with SPI 3. */
static void add_second_uart(void *fdt, bool enabled)
{
    static const char compat[] = "arm,pl011\0arm,primecell";
    fdt64_t reg[2] = { cpu_to_fdt64(0x09040000), cpu_to_fdt64(0x1000) };
    fdt32_t irq[3] = { cpu_to_fdt32(0), cpu_to_fdt32(3), cpu_to_fdt32(4) };
    int off = fdt_add_subnode(fdt, 0, "pl011@9040000");

    assert_true(off >= 0);
    assert_int_equal(fdt_setprop(fdt, off, "compatible", compat, sizeof(compat)), 0);
    assert_int_equal(fdt_setprop(fdt, off, "reg", reg, sizeof(reg)), 0);
    assert_int_equal(fdt_setprop(fdt, off, "interrupts", irq, sizeof(irq)), 0);
    if (!enabled)
        assert_int_equal(fdt_setprop_string(fdt, off, "status", "disabled"), 0);
}

static uint64_t uart_for(const char *stdout_path, bool second_enabled)
{
    size_t size;
    void *fdt = edit_base(&size);

    add_second_uart(fdt, second_enabled);
    set_string(fdt, "/aliases", "serial3", "/pl011@9040000");
    if (stdout_path)
        set_string(fdt, "/chosen", "stdout-path", stdout_path);
    else
        assert_int_equal(fdt_delprop(fdt, node(fdt, "/chosen"), "stdout-path"), 0);
    assert_int_equal(parse_blob(fdt, size), 0);
    free(fdt);
    return bi.uart.base;
}

static void test_uart_selection(void **state)
{
    (void)state;
    assert_int_equal(uart_for("/pl011@9040000", true), 0x09040000);
    assert_int_equal(bi.uart.irq, 35);
    assert_string_equal(bi.uart.path, "/pl011@9040000");
    assert_int_equal(uart_for("/pl011@9040000:115200n8", true), 0x09040000);
    assert_int_equal(uart_for("serial3", true), 0x09040000);
    assert_int_equal(uart_for("serial3:9600", true), 0x09040000);
    assert_int_equal(uart_for("serial0", true), 0x09000000);
    /* Not a PL011, disabled, or missing: fall back to the first enabled PL011. */
    assert_int_equal(uart_for("/pl031@9010000", false), 0x09000000);
    assert_int_equal(uart_for("serial3", false), 0x09000000);
    assert_int_equal(uart_for("serial7", false), 0x09000000);
    assert_int_equal(uart_for("/nowhere", false), 0x09000000);
    assert_int_equal(uart_for(NULL, false), 0x09000000);
}

/* ---- hostile trees -------------------------------------------------------- */

static void test_hostile_fixtures(void **state)
{
    static const struct {
        const char *file;
        int rc;
        const char *why;
    } cases[] = {
        { "no-memory", -ENOENT, "device tree has no memory node" },
        { "too-many-banks", -E2BIG, "more than 16 memory banks" },
        { "overlap-banks", -EINVAL, "memory banks [0x40000000, 0x80000000) and [0x7ff00000, 0x80100000) overlap" },
        { "bank-wraps", -EINVAL, "wraps the address space" },
        { "overlap-reserved", -EINVAL, "reserved regions [0x40000000, 0x40100000) and [0x400ff000, 0x40101000) overlap" },
        { "module-outside-ram", -EINVAL, "module 0 (kernel) [0x7fff0000, 0x80010000) is not inside a RAM bank" },
        { "reserved-over-module", -EINVAL, "reserved region [0x4b200000, 0x4b201000) overlaps module 1 (ramdisk)" },
        { "no-cpus", -ENOENT, "device tree has no enabled CPU node" },
        { "module-zero-size", -EINVAL, "has zero size" },
    };

    (void)state;
    for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++)
        assert_refused(parse_file(cases[i].file), cases[i].rc, cases[i].why);
}

static void test_bad_magic(void **state)
{
    size_t size;
    uint8_t *fdt = load("base", 0, &size);

    (void)state;
    fdt[0] ^= 0xff;
    assert_refused(parse_blob(fdt, size), -EINVAL, "not a device tree: bad magic 0x2f0dfeed");
    memset(fdt, 0, 4);
    assert_refused(parse_blob(fdt, size), -EINVAL, "bad magic 0x00000000");
    free(fdt);
}

static void test_truncated_buffer(void **state)
{
    size_t size;
    void *fdt = load("base", 0, &size);
    char want[128];

    (void)state;
    /* The blob is whole but the caller can vouch for one byte less. */
    snprintf(want, sizeof(want), "device tree truncated: totalsize %zu exceeds the %zu bytes given",
             size, size - 1);
    assert_refused(parse_blob(fdt, size - 1), -EINVAL, want);
    /* Less than a header. */
    assert_refused(parse_blob(fdt, 20), -EINVAL,
                   "device tree truncated: 20 bytes cannot hold a header");
    assert_refused(parse_blob(fdt, 3), -EINVAL, "device tree truncated");
    assert_refused(parse_blob(fdt, 0), -EINVAL, "device tree truncated");
    free(fdt);
}

static void test_totalsize_lies(void **state)
{
    size_t size;
    void *fdt = load("base", 0, &size);
    char want[128];

    (void)state;
    fdt_set_totalsize(fdt, (uint32_t)size + 4096);
    snprintf(want, sizeof(want), "totalsize %zu exceeds the %zu bytes given", size + 4096, size);
    assert_refused(parse_blob(fdt, size), -EINVAL, want);
    /* Smaller than its own blocks: libfdt's check catches it. */
    fdt_set_totalsize(fdt, 64);
    assert_refused(parse_blob(fdt, size), -EINVAL, "device tree is malformed");
    free(fdt);
}

static void test_corrupt_structure(void **state)
{
    size_t size;
    uint8_t *fdt = load("base", 0, &size);

    (void)state;
    /* Turn the root's FDT_BEGIN_NODE tag into garbage. */
    memset(fdt + fdt_off_dt_struct(fdt), 0x7f, 4);
    assert_refused(parse_blob(fdt, size), -EINVAL, "device tree is malformed");
    free(fdt);
}

static void test_ragged_reg(void **state)
{
    size_t size;
    void *fdt = edit_base(&size);
    fdt32_t reg[5] = { 0, cpu_to_fdt32(0x40000000), 0, cpu_to_fdt32(0x40000000), 0 };

    (void)state;
    assert_int_equal(fdt_setprop(fdt, node(fdt, "/memory@40000000"), "reg", reg, sizeof(reg)), 0);
    assert_refused(parse_blob(fdt, size), -EINVAL,
                   "/memory@40000000: reg length 20 is not a multiple of 4 cells");
    free(fdt);
}

static void test_too_many_reserved(void **state)
{
    size_t size;
    void *fdt = edit_base(&size);

    (void)state;
    for (unsigned int i = 0; i <= BOOT_MAX_RESERVED; i++)
        assert_int_equal(fdt_add_mem_rsv(fdt, 0x60000000 + i * 0x10000, 0x1000), 0);
    assert_refused(parse_blob(fdt, size), -E2BIG, "more than 32 reserved regions");
    free(fdt);
}

static void test_too_many_cpus(void **state)
{
    size_t size;
    void *fdt = edit_base(&size);
    int cpus = node(fdt, "/cpus");

    (void)state;
    for (unsigned int i = 2; i <= BOOT_MAX_CPUS; i++) {
        char name[16];
        fdt32_t reg = cpu_to_fdt32(i);
        int off;

        snprintf(name, sizeof(name), "cpu@%u", i);
        off = fdt_add_subnode(fdt, cpus, name);
        assert_true(off >= 0);
        assert_int_equal(fdt_setprop_string(fdt, off, "device_type", "cpu"), 0);
        assert_int_equal(fdt_setprop(fdt, off, "reg", &reg, sizeof(reg)), 0);
    }
    assert_refused(parse_blob(fdt, size), -E2BIG, "more than 16 CPUs");
    free(fdt);
}

static void test_duplicate_mpidr(void **state)
{
    size_t size;
    void *fdt = edit_base(&size);
    fdt32_t reg = cpu_to_fdt32(0);

    (void)state;
    assert_int_equal(fdt_setprop(fdt, node(fdt, "/cpus/cpu@1"), "reg", &reg, sizeof(reg)), 0);
    assert_refused(parse_blob(fdt, size), -EINVAL, "two cpu nodes have MPIDR 0x0");
    free(fdt);
}

static void test_no_reason_buffer_is_fine(void **state)
{
    size_t size;
    void *fdt = load("no-memory", 0, &size);

    (void)state;
    assert_int_equal(boot_info_parse(fdt, size, &bi, NULL, 0), -ENOENT);
    free(fdt);
}

/* ---- the printed summary -------------------------------------------------- */

static void test_print_summary(void **state)
{
    static const char *const want[] = {
        "RAM: [0x0000000040000000, 0x0000000080000000) 1024 MiB\n",
        "CPUs: 2, MPIDR 0x0 0x1\n",
        "GIC: arm,gic-v3 /intc@8000000 dist 0x8000000+0x10000, maintenance IRQ 25\n",
        "GIC: redistributors 0x80a0000+0xf60000\n",
        "Timer: /timer IRQs sec-phys 29 phys 30 virt 27 hyp 26, 0 Hz\n",
        "UART: /pl011@9000000 at 0x9000000+0x1000, IRQ 33\n",
        "PSCI: smc\n",
        "Module 0: kernel  [0x0000000047000000, 0x0000000047800000) \"\"\n",
        "Module 1: ramdisk [0x000000004b000000, 0x000000004b400000) \"\"\n",
    };

    (void)state;
    assert_int_equal(parse_file("base"), 0);
    fake_console_clear();
    boot_info_print(&bi);
    for (unsigned int i = 0; i < ARRAY_SIZE(want); i++)
        if (!strstr(fake_console, want[i]))
            fail_msg("summary lacks \"%s\"; it was:\n%s", want[i], fake_console);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base_board),
        cmocka_unit_test(test_busy_board),
        cmocka_unit_test(test_gicv2_board),
        cmocka_unit_test(test_qemu_virt),
        cmocka_unit_test(test_cmdline_precedence),
        cmocka_unit_test(test_cmdline_too_long),
        cmocka_unit_test(test_bare_modules_take_kernel_then_ramdisk),
        cmocka_unit_test(test_module_outside_any_chosen_is_ignored),
        cmocka_unit_test(test_too_many_modules),
        cmocka_unit_test(test_modules_overlapping_each_other),
        cmocka_unit_test(test_uart_selection),
        cmocka_unit_test(test_hostile_fixtures),
        cmocka_unit_test(test_bad_magic),
        cmocka_unit_test(test_truncated_buffer),
        cmocka_unit_test(test_totalsize_lies),
        cmocka_unit_test(test_corrupt_structure),
        cmocka_unit_test(test_ragged_reg),
        cmocka_unit_test(test_too_many_reserved),
        cmocka_unit_test(test_too_many_cpus),
        cmocka_unit_test(test_duplicate_mpidr),
        cmocka_unit_test(test_no_reason_buffer_is_fine),
        cmocka_unit_test(test_print_summary),
    };

    console_reset();
    return cmocka_run_group_tests_name("bootinfo", tests, NULL, NULL);
}
