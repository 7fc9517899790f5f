#!/usr/bin/env bash
# Debian's own Xen 4.17 tools, packaged into the dom0 image under /opt/xen-4.17
# (images/build-dom0), run in dom0 under Debian's Xen 4.17: its xenstore client
# and xl against our xenstored and Xen, then its C xenstored as dom0's store
# answering our client and the kernel's ring; and the bench's null-hypercall
# program. Keeps bench/xenstored/dom0.sh and bench/xl/dom0.sh from rotting.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

names=("xen-tools: wrappers and libraries installed"
       "xen-tools: no missing shared library"
       "xen-tools: Xen's xenstore-read reads our xenstored"
       "xen-tools: our client reads what Xen's xenstore-write wrote"
       "xen-tools: Xen's xl info reports Xen 4.17"
       "xen-tools: Xen's xl list shows Domain-0"
       "xen-tools: null_hypercall gets xen_version 4.17 through privcmd"
       "xen-tools: null_hypercall times its calls"
       "xen-tools: Xen's xenstored takes over dom0's store"
       "xen-tools: our xenstored is gone"
       "xen-tools: Xen's xen-init-dom0 runs against it"
       "xen-tools: our client reads from Xen's xenstored"
       "xen-tools: Xen's client reads what our client wrote"
       "xen-tools: xs_bench fill writes 200 nodes in transactions"
       "xen-tools: the kernel's ring reaches Xen's xenstored"
       "xen-tools: Xen's xenstored still running at the end"
       "xen-tools: scenario exit 0")
if ! need_dom0_image; then skip_all "$SKIP_REASON" "${names[@]}"; exit 0; fi

boot xen-tools --mode xen --scenario bench-xen-tools --timeout "${XENLET_TEST_TIMEOUT:-600}"
expect "${names[0]}" '^XENLET-XT: wrappers=15 libs=[1-9][0-9]+$'
expect_not "${names[1]}" 'error while loading shared libraries|must be installed for'
expect "${names[2]}" '^XENLET-XT: xen-read name=Domain-0$'
expect "${names[3]}" '^XENLET-XT: our-read probe=from-xen$'
expect "${names[4]}" '^XENLET-XT: xl-info: xen_version +: 4\.17\.'
expect "${names[5]}" '^XENLET-XT: xl-list: Domain-0 +0 +[0-9]+ +2 '
expect "${names[6]}" '^XENLET-XT: hypercall: xen_version 4\.17$'
expect "${names[7]}" '^XENLET-XT: hypercall: median [1-9][0-9]* ns/call \(1000 calls x 3\)$'
expect "${names[8]}" '^XENLET-XT: xen-xenstored socket=yes running=yes$'
expect "${names[9]}" '^XENLET-XT: our-daemon still-running=no$'
expect "${names[10]}" '^XENLET-XT: xen-init-dom0 rc=0$'
expect "${names[11]}" '^XENLET-XT: our-read name=Domain-0$'
expect "${names[12]}" '^XENLET-XT: xen-read probe=ours-to-xen$'
expect "${names[13]}" '^XENLET-XT: xen-daemon nodes=100 value=value099$'
expect "${names[14]}" '^XENLET-XT: via-kernel-ring probe=ours-to-xen$'
expect "${names[15]}" '^XENLET-XT: xen-daemon still-running=yes$'
expect "${names[16]}" '^XENLET-INIT: scenario bench-xen-tools exit=0$'
tap_done
