#!/usr/bin/env bash
# PV disks with backendtype=qdisk: libxl writes Xen's backend/qdisk nodes and
# our userspace backend in dom0 (xenlet-qdisk) serves them, with the same
# guest-visible behaviour as the kernel backend (t-pv-disk.sh): the domU
# mounts xvda, reads dom0's file, writes one back, and finds the read-only
# xvdb refuses writes; no loop device is used, nothing is left behind.
# Under Xenlet and under Debian's Xen 4.17.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

checks=("xl create with two qdisk disks"
        "backend nodes under backend/qdisk in Xen's layout (params aio:, mode, frontend)"
        "frontend nodes point at the qdisk backend" "xvdb (51728) is read-only in its backend"
        "the guest sees /dev/xvda (16 MiB) and mounts it" "the guest reads the file dom0 wrote"
        "the guest writes a file back" "xvdb is read-only in the guest and refuses a write"
        "the read-only image is unchanged" "no loop device used, nothing left after destroy"
        "dom0 reads the guest's file after it is gone")
all=(); for m in xenlet xen; do for c in "${checks[@]}"; do all+=("$m: $c"); done; done
if ! need_dom0_image; then skip_all "$SKIP_REASON" "${all[@]}"; exit 0; fi

for m in xenlet xen; do
  boot "$m-pv-qdisk" --mode "$m" --scenario pv-disk-qdisk --timeout "${XENLET_TEST_TIMEOUT:-600}"
  c=("${checks[@]/#/$m: }")
  be='^XENLET-PV: be: /local/domain/0/backend/qdisk/[0-9]+'
  fe='^XENLET-PV: fe: /local/domain/[0-9]+/device/vbd'
  expect "${c[0]}" '^XENLET-PV: create=0$'
  if log_has "$be/51712/params = \"aio:/tmp/pv/disk.img\"$" && log_has "$be/51712/mode = \"w\"$" &&
     log_has "$be/51712/frontend = \"/local/domain/[0-9]+/device/vbd/51712\"$"; then
    tap_ok "${c[1]}"; else tap_not_ok "${c[1]}"; fi
  expect "${c[2]}" "$fe/51712/backend = \"/local/domain/0/backend/qdisk/[0-9]+/51712\"$"
  expect "${c[3]}" "$be/51728/mode = \"r\"$"
  expect_guest_disk "${c[4]}" "${c[5]}" "${c[6]}" "${c[7]}"
  expect "${c[8]}" '^XENLET-PV: ro-unchanged=yes$'
  if log_has '^XENLET-PV: loops-running=0$' && log_has '^XENLET-PV: gone=0$' &&
     log_has '^XENLET-PV: loops-after=0$' && log_has '^XENLET-PV: be-after=0$' &&
     log_has '^XENLET-PV: libxl-after=0$'; then tap_ok "${c[9]}"; else tap_not_ok "${c[9]}"; fi
  expect "${c[10]}" '^XENLET-PV: from-domu=written by domU [0-9a-f-]{36}$'
done
tap_done
