/* Records the layout of the public ABI, for t-public-headers.sh: compiled to
 * assembly (-S, never run) once over Xen's headers (-DXEN_SIDE) and once over
 * ours; each check becomes a "@@ group|what|values" line in the .s file, and
 * the script compares the two sets. CHECKS names the generated list. */
#ifdef XEN_SIDE
#define __XEN_TOOLS__ 1
#include <errno.h>
#include <stdint.h> /* Xen's headers expect it */
#include <xen/xen.h>
#include <xen/arch-arm.h>
#include <xen/device_tree_defs.h>
#include <xen/errno.h>
#include <xen/version.h>
#include <xen/features.h>
#include <xen/memory.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>
#include <xen/platform.h>
#include <xen/io/xs_wire.h>
#include <xen/io/console.h>
#include <xen/io/blkif.h>
#include <xen/io/xenbus.h>
#else
#include <errno.h>
#include <public/xen.h>
#include <public/arch-arm.h>
#include <public/device_tree_defs.h>
#include <public/xen_errno.h>
#include <public/version.h>
#include <public/features.h>
#include <public/memory.h>
#include <public/event_channel.h>
#include <public/grant_table.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>
#include <public/domctl.h>
#include <public/sysctl.h>
#include <public/platform.h>
#include <public/io/xs_wire.h>
#include <public/io/console.h>
#include <public/io/blkif.h>
#include <public/io/xenbus.h>
#endif
#include <stddef.h>

/* 1 char, 2 signed integer, 3 unsigned integer, 0 anything else. */
#define KIND(x)                                                               \
	_Generic((x), char: 1, signed char: 2, short: 2, int: 2, long: 2,     \
		 long long: 2, unsigned char: 3, unsigned short: 3,           \
		 unsigned int: 3, unsigned long: 3, unsigned long long: 3,    \
		 default: 0)
#define MEMBER(type, m) (((type *)0)->m)

#define EMIT(group, what, v)                                                  \
	__asm__ volatile("\n@@ " group "|" what "|%0" ::"i"((long long)(v)))
#define EMIT3(group, what, a, b, c)                                           \
	__asm__ volatile("\n@@ " group "|" what "|%0 %1 %2" ::             \
			 "i"((long long)(a)), "i"((long long)(b)),            \
			 "i"((long long)(c)))

/* Brace lists become data objects: "abi_ca_NAME:" blocks in the .s file. */
#define S(g, type)
#define F(g, type, m)
#define FX(g, type, m)
#define C(g, name)
#define CS(g, name)
#define CA(g, name) extern const unsigned long long abi_ca_##name[]; \
	const unsigned long long abi_ca_##name[] = name;
#include CHECKS
#undef S
#undef F
#undef FX
#undef C
#undef CS
#undef CA

/* size, alignment */
#define S(g, type) EMIT3(g, "sizeof " #type, sizeof(type), __alignof__(type), 0);
/* offset, size, integer kind */
#define F(g, type, m)                                                         \
	EMIT3(g, "offsetof " #type "." #m, offsetof(type, m),                 \
	      sizeof(MEMBER(type, m)), KIND(MEMBER(type, m)));
#define FX(g, type, m) EMIT(g, "offsetof " #type "." #m, offsetof(type, m));
/* value, size, signedness */
#define C(g, name) EMIT3(g, #name, (name), sizeof(name), (name) * 0 - 1 < 0);
#define CS(g, name) __asm__ volatile("\n@@ " g "|" #name "|\"" name "\"");
#define CA(g, name)

void abi_layout(void);
void abi_layout(void)
{
#include CHECKS
}

/* The xenstore error table, compared as data ("xsd_errors:" block). */
const struct xsd_errors *abi_xsd_errors(void);
const struct xsd_errors *abi_xsd_errors(void) { return xsd_errors; }
