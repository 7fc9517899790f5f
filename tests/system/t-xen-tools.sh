#!/usr/bin/env bash
# Debian's own Xen 4.17 tools, packaged into the dom0 image under /opt/xen-4.17
# (images/build-dom0), run in dom0 under Debian's Xen 4.17, and the same under
# Xenlet: its xenstore client and xl against our xenstored and the hypervisor,
# then its C xenstored as dom0's store answering our client and the kernel's
# ring; and the bench's null-hypercall program. Keeps bench/xenstored/dom0.sh
# and bench/xl/dom0.sh from rotting.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

names=("wrappers and libraries installed"
       "no missing shared library"
       "Xen's xenstore-read reads our xenstored"
       "our client reads what Xen's xenstore-write wrote"
       "Xen's xl info reports xen_version 4.17"
       "Xen's xl list shows Domain-0"
       "null_hypercall gets xen_version 4.17 through privcmd"
       "null_hypercall times its calls"
       "Xen's xenstored takes over dom0's store"
       "our xenstored is gone"
       "Xen's xen-init-dom0 runs against it"
       "our client reads from Xen's xenstored"
       "Xen's client reads what our client wrote"
       "xs_bench fill writes 200 nodes in transactions"
       "the kernel's ring reaches Xen's xenstored"
       "Xen's xenstored still running at the end"
       "scenario exit 0")
for mode in xen xenlet; do
  n=("${names[@]/#/$mode: xen-tools: }")
  if ! need_dom0_image; then skip_all "$SKIP_REASON" "${n[@]}"; continue; fi
  if [ "$mode" = xenlet ] && ! need_xenlet; then skip_all "$SKIP_REASON" "${n[@]}"; continue; fi
  TAIL_SHOWN=0
  boot "xen-tools-$mode" --mode "$mode" --scenario bench-xen-tools --timeout "${XENLET_TEST_TIMEOUT:-600}"
  expect "${n[0]}" '^XENLET-XT: wrappers=15 libs=[1-9][0-9]+$'
  expect_not "${n[1]}" 'error while loading shared libraries|must be installed for'
  expect "${n[2]}" '^XENLET-XT: xen-read name=Domain-0$'
  expect "${n[3]}" '^XENLET-XT: our-read probe=from-xen$'
  expect "${n[4]}" '^XENLET-XT: xl-info: xen_version +: 4\.17\.'
  expect "${n[5]}" '^XENLET-XT: xl-list: Domain-0 +0 +[0-9]+ +2 '
  expect "${n[6]}" '^XENLET-XT: hypercall: xen_version 4\.17$'
  expect "${n[7]}" '^XENLET-XT: hypercall: median [1-9][0-9]* ns/call \(1000 calls x 3\)$'
  expect "${n[8]}" '^XENLET-XT: xen-xenstored socket=yes running=yes$'
  expect "${n[9]}" '^XENLET-XT: our-daemon still-running=no$'
  expect "${n[10]}" '^XENLET-XT: xen-init-dom0 rc=0$'
  expect "${n[11]}" '^XENLET-XT: our-read name=Domain-0$'
  expect "${n[12]}" '^XENLET-XT: xen-read probe=ours-to-xen$'
  expect "${n[13]}" '^XENLET-XT: xen-daemon nodes=100 value=value099$'
  expect "${n[14]}" '^XENLET-XT: via-kernel-ring probe=ours-to-xen$'
  expect "${n[15]}" '^XENLET-XT: xen-daemon still-running=yes$'
  expect "${n[16]}" '^XENLET-INIT: scenario bench-xen-tools exit=0$'
done
tap_done
