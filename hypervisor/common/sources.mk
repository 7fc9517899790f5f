HV_COMMON_SRCS = \
	hypervisor/common/vsprintf.c \
	hypervisor/common/console.c \
	hypervisor/common/bootinfo.c \
	hypervisor/common/page_alloc.c \
	hypervisor/common/setup.c \
	hypervisor/common/cmdline.c \
	hypervisor/common/domain.c \
	hypervisor/common/xmalloc.c \
	hypervisor/common/hypercall.c \
	hypervisor/common/xen_version.c \
	hypervisor/common/console_io.c \
	hypervisor/common/sched_op.c \
	hypervisor/common/event_channel.c \
	hypervisor/common/grant_table.c \
	hypervisor/common/memory.c \
	hypervisor/common/vcpu_op.c \
	hypervisor/common/hvm_op.c \
	hypervisor/common/console_input.c \
	hypervisor/common/schedule.c \
	hypervisor/common/frame_table.c \
	hypervisor/common/domctl.c \
	hypervisor/common/sysctl.c \
	hypervisor/common/domain_destroy.c
