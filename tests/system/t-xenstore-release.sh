#!/usr/bin/env bash
# @releaseDomain in dom0 under Xenlet and under Xen 4.17: our xenstored binds
# VIRQ_DOM_EXC, fires the watch once when a domU powers off, and again when
# the domain is destroyed through the hypervisor alone, deleting the nodes
# it owned (libxl gives a guest its data/, control/...; dom0 keeps the rest)
# and letting go of its ring so that the hypervisor can free it.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

checks=("the watch fires on registration" "xl create" "the guest powers off (kept shut down)"
        "@releaseDomain fires on the shutdown" "a shut-down domain keeps its nodes"
        "no repeat without a state change" "destroy through the hypervisor"
        "@releaseDomain fires on the death" "xenstored deletes the nodes the dead domain owned"
        "dom0's nodes under its home stay" "the hypervisor frees the domain (its ring is unmapped)")
all=(); for m in xenlet xen; do for c in "${checks[@]}"; do all+=("$m: $c"); done; done
if ! need_dom0_image; then skip_all "$SKIP_REASON" "${all[@]}"; exit 0; fi
for m in xenlet xen; do
  boot "$m-xenstore-release" --mode "$m" --scenario xenstore-release \
    --timeout "${XENLET_TEST_TIMEOUT:-420}"
  expect "$m: ${checks[0]}" '^XENLET-XSR: initial-event=1$'
  expect "$m: ${checks[1]}" '^XENLET-XSR: create=0$'
  expect "$m: ${checks[2]}" '^XENLET-XSR: state=.*s'
  expect "$m: ${checks[3]}" '^XENLET-XSR: shutdown-events=1$'
  expect "$m: ${checks[4]}" '^XENLET-XSR: data-after-shutdown=present$'
  expect "$m: ${checks[5]}" '^XENLET-XSR: repeat-events=0$'
  expect "$m: ${checks[6]}" '^XENLET-XSR: destroy=0$'
  expect "$m: ${checks[7]}" '^XENLET-XSR: death-events=1$'
  expect "$m: ${checks[8]}" '^XENLET-XSR: data-after-death=gone$'
  expect "$m: ${checks[9]}" '^XENLET-XSR: name-after-death=release$'
  expect "$m: ${checks[10]}" '^XENLET-XSR: hv-after-death=gone$'
done
tap_done
