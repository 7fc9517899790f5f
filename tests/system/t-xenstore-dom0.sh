#!/usr/bin/env bash
# Our xenstored in dom0, under Xenlet and under Xen 4.17: it serves our tools
# over its socket and dom0's kernel over the ring Linux offers it (a sysrq
# request written to the store reaches the kernel).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

checks=("xenstored listens" "a write reads back" "xenstore-ls -f shows the tree" "dom0's kernel sees the store (control/sysrq)")
all=(); for m in xenlet xen; do for c in "${checks[@]}"; do all+=("$m: $c"); done; done
if ! need_dom0_image; then skip_all "$SKIP_REASON" "${all[@]}"; exit 0; fi
for m in xenlet xen; do
  boot "$m-xenstore" --mode "$m" --scenario xenstore --timeout "${XENLET_TEST_TIMEOUT:-240}"
  expect "$m: ${checks[0]}" '^XENLET-XS: socket=yes$'
  expect "$m: ${checks[1]}" '^XENLET-XS: read=hello$'
  expect "$m: ${checks[2]}" '^XENLET-XS: ls: /tool/xenlet/probe = "hello"$'
  expect "$m: ${checks[3]}" '^XENLET-XS: kernel-sysrq=[1-9]'
done
tap_done
