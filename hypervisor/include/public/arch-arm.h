/* Xen 4.17 ABI, AArch64 part: base types, guest handles, vCPU register
 * context, domain arch config and the fixed guest physical memory map. */
#ifndef XENLET_PUBLIC_ARCH_ARM_H
#define XENLET_PUBLIC_ARCH_ARM_H

#include <stdint.h>

/* ISS of the HVC that makes a hypercall: nr in x16, args in x0..x4. */
#define XEN_HYPERCALL_TAG 0XEA1

typedef uint64_t xen_pfn_t;   /* a frame number (a GFN for translated guests) */
typedef uint64_t xen_ulong_t; /* "unsigned long" of the ABI: 64 bits on ARM */
typedef uint64_t xen_callback_t;

/* A pointer into the caller's address space, always 8 bytes and 8-aligned
 * so 32- and 64-bit callers share one layout.  Handlers read .q (a guest
 * virtual address); C callers fill it with set_xen_guest_handle(). */
#define XEN_GUEST_HANDLE(type)                                                \
	union {                                                               \
		type *p;                                                      \
		uint64_t q __attribute__((aligned(8)));                       \
	}
#define set_xen_guest_handle(hnd, val)                                        \
	do {                                                                  \
		(hnd).q = 0;                                                  \
		(hnd).p = (val);                                              \
	} while (0)
#define xen_guest_handle_addr(hnd) ((hnd).q)

/* Only one vcpu_info lives in shared_info; the rest are registered. */
#define XEN_LEGACY_MAX_VCPUS 1

/* Nothing arch-specific in vcpu_info or shared_info on ARM. */
struct arch_vcpu_info {
};
struct arch_shared_info {
};

/* General registers of a vCPU (XEN_DOMCTL_{set,get}vcpucontext). */
struct vcpu_guest_core_regs {
	uint64_t x0;
	uint64_t x1;
	uint64_t x2;
	uint64_t x3;
	uint64_t x4;
	uint64_t x5;
	uint64_t x6;
	uint64_t x7;
	uint64_t x8;
	uint64_t x9;
	uint64_t x10;
	uint64_t x11;
	uint64_t x12;
	uint64_t x13;
	uint64_t x14;
	uint64_t x15;
	uint64_t x16;
	uint64_t x17;
	uint64_t x18;
	uint64_t x19;
	uint64_t x20;
	uint64_t x21;
	uint64_t x22;
	uint64_t x23;
	uint64_t x24;
	uint64_t x25;
	uint64_t x26;
	uint64_t x27;
	uint64_t x28;
	uint64_t x29;
	uint64_t x30;
	uint64_t pc64;
	uint64_t cpsr;     /* PSTATE: must be EL1h, EL1t or EL0t, AArch64 */
	uint64_t spsr_el1;
	uint32_t spsr_fiq; /* AArch32 banked SPSRs, unused by 64-bit guests */
	uint32_t spsr_irq;
	uint32_t spsr_und;
	uint32_t spsr_abt;
	uint64_t sp_el0;
	uint64_t sp_el1;
	uint64_t elr_el1;
};

/* The whole initial/saved context of a vCPU. */
struct vcpu_guest_context {
	uint32_t flags; /* VGCF_* */
	struct vcpu_guest_core_regs user_regs;
	uint64_t sctlr;
	uint64_t ttbcr;
	uint64_t ttbr0;
	uint64_t ttbr1;
};
#define _VGCF_online 0
#define VGCF_online (1 << _VGCF_online) /* start the vCPU on setvcpucontext */

#define XEN_DOMCTL_CONFIG_GIC_NATIVE 0 /* IN only: take the host's version */
#define XEN_DOMCTL_CONFIG_GIC_V2 1
#define XEN_DOMCTL_CONFIG_GIC_V3 2

#define XEN_DOMCTL_CONFIG_TEE_NONE 0
#define XEN_DOMCTL_CONFIG_TEE_OPTEE 1

/* createdomain's and getdomaininfo's arch part. */
struct xen_arch_domainconfig {
	uint8_t gic_version;      /* IN/OUT: XEN_DOMCTL_CONFIG_GIC_* */
	uint16_t tee_type;        /* IN: XEN_DOMCTL_CONFIG_TEE_* */
	uint32_t nr_spis;         /* IN: SPIs the vGIC offers */
	uint32_t clock_frequency; /* OUT: host timer's DT clock-frequency or 0 */
};

/* PSTATE bits and modes. */
#define PSR_THUMB (1 << 5)
#define PSR_FIQ_MASK (1 << 6)
#define PSR_IRQ_MASK (1 << 7)
#define PSR_ABT_MASK (1 << 8)
#define PSR_BIG_ENDIAN (1 << 9)
#define PSR_DBG_MASK (1 << 9)
#define PSR_IT_MASK (0x0600fc00)
#define PSR_JAZELLE (1 << 24)
#define PSR_Z (1 << 30)

#define PSR_MODE_USR 0x10
#define PSR_MODE_FIQ 0x11
#define PSR_MODE_IRQ 0x12
#define PSR_MODE_SVC 0x13
#define PSR_MODE_MON 0x16
#define PSR_MODE_ABT 0x17
#define PSR_MODE_HYP 0x1a
#define PSR_MODE_UND 0x1b
#define PSR_MODE_SYS 0x1f
#define PSR_MODE_BIT 0x10 /* set: AArch32 */
#define PSR_MODE_EL3h 0x0d
#define PSR_MODE_EL3t 0x0c
#define PSR_MODE_EL2h 0x09
#define PSR_MODE_EL2t 0x08
#define PSR_MODE_EL1h 0x05
#define PSR_MODE_EL1t 0x04
#define PSR_MODE_EL0t 0x00

/* What a new vCPU starts with: EL1h with A, I and F masked; MMU and caches off. */
#define PSR_GUEST32_INIT (PSR_Z | PSR_ABT_MASK | PSR_FIQ_MASK | PSR_IRQ_MASK | PSR_MODE_SVC)
#define PSR_GUEST64_INIT (PSR_ABT_MASK | PSR_FIQ_MASK | PSR_IRQ_MASK | PSR_MODE_EL1h)
#define SCTLR_GUEST_INIT 0x00c50078ULL

/* The fixed guest physical memory map of a domU. */
#define GUEST_VIRTIO_MMIO_BASE 0x02000000ULL
#define GUEST_VIRTIO_MMIO_SIZE 0x00100000ULL

#define GUEST_GICD_BASE 0x03001000ULL /* GICv2 */
#define GUEST_GICD_SIZE 0x00001000ULL
#define GUEST_GICC_BASE 0x03002000ULL
#define GUEST_GICC_SIZE 0x00002000ULL

#define GUEST_GICV3_GICD_BASE 0x03001000ULL
#define GUEST_GICV3_GICD_SIZE 0x00010000ULL
#define GUEST_GICV3_RDIST_REGIONS 1
#define GUEST_GICV3_GICR0_BASE 0x03020000ULL /* 128 KiB per vCPU */
#define GUEST_GICV3_GICR0_SIZE 0x01000000ULL

#define GUEST_VPCI_ECAM_BASE 0x10000000ULL
#define GUEST_VPCI_ECAM_SIZE 0x10000000ULL

#define GUEST_ACPI_BASE 0x20000000ULL
#define GUEST_ACPI_SIZE 0x02000000ULL

#define GUEST_PL011_BASE 0x22000000ULL /* the emulated SBSA UART (vuart) */
#define GUEST_PL011_SIZE 0x00001000ULL

#define GUEST_VPCI_ADDR_TYPE_MEM 0x02000000ULL
#define GUEST_VPCI_MEM_ADDR 0x23000000ULL
#define GUEST_VPCI_MEM_SIZE 0x10000000ULL

#define GUEST_GNTTAB_BASE 0x38000000ULL /* where the guest maps its grant table */
#define GUEST_GNTTAB_SIZE 0x01000000ULL

#define GUEST_MAGIC_BASE 0x39000000ULL /* console, xenstore, ... pages */
#define GUEST_MAGIC_SIZE 0x01000000ULL

#define GUEST_RAM_BANKS 2
#define GUEST_RAM0_BASE 0x40000000ULL
#define GUEST_RAM0_SIZE 0xc0000000ULL

#define GUEST_VPCI_ADDR_TYPE_PREFETCH_MEM 0x42000000ULL
#define GUEST_VPCI_PREFETCH_MEM_ADDR 0x100000000ULL
#define GUEST_VPCI_PREFETCH_MEM_SIZE 0x100000000ULL

#define GUEST_RAM1_BASE 0x0200000000ULL
#define GUEST_RAM1_SIZE 0xfe00000000ULL

#define GUEST_RAM_BASE GUEST_RAM0_BASE
#define GUEST_RAM_MAX (GUEST_RAM0_SIZE + GUEST_RAM1_SIZE)
#define GUEST_RAM_BANK_BASES { GUEST_RAM0_BASE, GUEST_RAM1_BASE }
#define GUEST_RAM_BANK_SIZES { GUEST_RAM0_SIZE, GUEST_RAM1_SIZE }

#define GUEST_MAX_VCPUS 128

/* Interrupts a domU sees (GIC INTIDs). */
#define GUEST_TIMER_VIRT_PPI 27
#define GUEST_TIMER_PHYS_S_PPI 29
#define GUEST_TIMER_PHYS_NS_PPI 30
#define GUEST_EVTCHN_PPI 31 /* event channel upcall */
#define GUEST_VPL011_SPI 32
#define GUEST_VIRTIO_MMIO_SPI_FIRST 33
#define GUEST_VIRTIO_MMIO_SPI_LAST 43

/* PSCI 0.1 function numbers in the guest's DT. */
#define PSCI_cpu_suspend 0
#define PSCI_cpu_off 1
#define PSCI_cpu_on 2
#define PSCI_migrate 3

#endif
