#!/usr/bin/env bash
# The EL2 core on its own: banner, CPUs, memory, GIC and timer, power-off;
# a device tree it must refuse; the exception report of a fault at EL2.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

hv=$XENLET_BUILD/arm64/hypervisor/xenlet
names=("hv: banner" "hv: 1024 MiB of RAM found" "hv: two CPUs in the device tree"
       "hv: GICv3 and the EL2 timer work on CPU0" "hv: CPU1 started through PSCI"
       "hv: all CPUs online" "hv: says there is no dom0" "hv: powers off, QEMU exits 0"
       "hv: unknown option reported and ignored"
       "broken DT: refused with a clear reason" "broken DT: stops cleanly"
       "fault: exception report names the class" "fault: report has ESR, ELR, FAR"
       "fault: registers dumped" "fault: machine resets after the report"
       "modules: the dom0 kernel given to QEMU is found" "modules: the initramfs is found")
if ! need_file "$hv" "hypervisor image (scripts/build)"; then
  skip_all "$SKIP_REASON" "${names[@]}"; exit 0
fi
t=${XENLET_TEST_TIMEOUT:-60}

boot xenlet-alone --mode xenlet --no-dom0 --timeout "$t"
expect "${names[0]}" '^Xenlet [0-9.]+ \(arm64, EL2\)'
expect "${names[1]}" 'RAM: \[0x0*40000000, 0x0*80000000\) 1024 MiB'
expect "${names[2]}" '^CPUs: 2, MPIDR 0x0 0x1'
expect "${names[3]}" '^CPU0: up, MPIDR 0x0, timer interrupt ok'
expect "${names[4]}" '^CPU1: up, MPIDR 0x1, timer interrupt ok'
expect "${names[5]}" '^CPUs: 2 of 2 online'
expect "${names[6]}" '^Xenlet: no dom0 kernel module'
expect_rc "${names[7]}" 0

# QEMU's own tree without /cpus: the hypervisor must say why it stops.
dtb=$XENLET_BUILD/tests/virt-nocpus.dtb
mkdir -p "$(dirname "$dtb")"
if "$XENLET_TOP/scripts/launch" --mode xenlet --no-dom0 --dumpdtb "$dtb" >/dev/null 2>&1 &&
   fdtput -r "$dtb" /cpus 2>/dev/null; then
  boot xenlet-broken-dt --mode xenlet --no-dom0 --dtb "$dtb" --timeout "$t"
  expect "${names[9]}" '^Xenlet: cannot use the device tree at 0x[0-9a-f]+: .*(CPU|cpu)'
  expect_rc "${names[10]}" 0
else
  tap_not_ok "${names[9]}"; tap_not_ok "${names[10]}"
fi

# With a dom0 kernel module carrying its own bootargs, /chosen/bootargs is the
# hypervisor's (Xen's rule); the fault comes before dom0 would start.
if ! need_dom0_image; then
  skip_all "$SKIP_REASON" "${names[@]:8}"; tap_done; exit
fi
boot xenlet-fault --mode xenlet --timeout "$t" --hv-args "loglvl=all frobnicate=1 debug_fault=el2"
expect "${names[8]}" "unknown command line option 'frobnicate' ignored"
expect "${names[11]}" '^\*\*\* Xenlet: unexpected synchronous exception at EL2 on CPU0'
expect "${names[12]}" 'ESR_EL2 0x9[0-9a-f]+: EC 0x25 \(data abort at EL2\)'
expect "${names[13]}" '^ +x0 +0x[0-9a-f]{16} +x1 +0x[0-9a-f]{16}'
expect_rc "${names[14]}" 0
# The launcher puts the kernel at 0x49000000 and the initramfs at 0x4d000000.
expect "${names[15]}" '^Module [0-9]: kernel +\[0x0*49000000, 0x[0-9a-f]+\) "console=hvc0'
expect "${names[16]}" '^Module [0-9]: ramdisk +\[0x0*4d000000, 0x[0-9a-f]+\)'
tap_done
