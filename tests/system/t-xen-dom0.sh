#!/usr/bin/env bash
# Debian's real Xen 4.17 boots the same dom0 image: the reference every Xenlet
# boot is compared with. Dom0's poweroff must power the machine off.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

names=("xen: Xen banner" "xen: Xen loads dom0 from the guest-loader modules"
       "xen: dom0 reaches /init" "xen: dom0 sees Xen with control_d capabilities"
       "xen: Xen modules load" "xen: hello ran" "xen: scenario exit 0"
       "xen: Xen halts the machine on dom0 poweroff" "xen: QEMU exits 0")
if ! need_dom0_image; then skip_all "$SKIP_REASON" "${names[@]}"; exit 0; fi

boot xen-dom0-hello --mode xen --scenario hello --timeout "${XENLET_TEST_TIMEOUT:-240}"
expect "${names[0]}" '^\(XEN\) Xen version 4\.17'
expect "${names[1]}" '^\(XEN\) Loading d0 kernel from boot module @ 0*49000000'
expect "${names[2]}" '^XENLET-INIT: reached /init$'
expect "${names[3]}" '^XENLET-INIT: xen=yes capabilities=control_d cpus=2$'
expect "${names[4]}" '^XENLET-INIT: modules loaded: xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs .*failed: none'
expect "${names[5]}" '^XENLET-HELLO: kernel=6\.1\.0-[0-9]+-arm64 machine=aarch64 xen=yes caps=control_d$'
expect "${names[6]}" '^XENLET-INIT: scenario hello exit=0$'
expect "${names[7]}" '^\(XEN\) Hardware Dom0 halted: halting machine'
expect_rc "${names[8]}" 0
t=$(marker_time '^XENLET-INIT: reached /init') && echo "# dom0 /init reached ${t}s after QEMU start"
ppi=$(tr -d '\r' <"$BOOT_LOG" | grep -m1 -o 'Allocating PPI [0-9]*') && echo "# Xen: $ppi for event channel interrupt"
tap_done
