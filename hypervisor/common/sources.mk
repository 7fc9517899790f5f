# Arch-neutral hypervisor sources (also compiled for the host unit tests).
# One file per line so that branches adding files merge cleanly.
HV_COMMON_SRCS = \
	hypervisor/common/vsprintf.c \
	hypervisor/common/console.c \
	hypervisor/common/bootinfo.c \
	hypervisor/common/page_alloc.c
