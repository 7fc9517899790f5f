#!/usr/bin/env bash
# PV disks (issue 6) with dom0's kernel backend: xl create with disk= in both
# of Xen's spec forms; Xen's XenStore layout and permissions; the block
# hotplug script's loop devices; the domU's blkfront reads dom0's file,
# writes one back that dom0 reads after the guest is gone, and finds the
# read-only disk refuses writes; destroy removes nodes and loop devices.
# Under Xenlet and under Debian's Xen 4.17 (the same ABI, so the same result).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

checks=("dom0 makes an ext4 image" "xl create with two disks"
        "backend nodes in Xen's layout (vbd/N/51712: params, mode, type, dev, frontend)"
        "frontend nodes in Xen's layout (virtual-device 51712, device-type, backend)"
        "xvdb (51728) is read-only in its backend (mode r)"
        "permissions: backend owned by dom0, frontend by the guest, each readable by the other"
        "the block script gave blkback loop devices (physical-device 7:N, hotplug-status)"
        "the guest sees /dev/xvda (16 MiB) and mounts it"
        "the guest reads the file dom0 wrote" "the guest writes a file back"
        "xvdb is read-only in the guest and refuses a write" "the read-only image is unchanged"
        "on_poweroff=destroy removed the guest" "no loop device, backend or /libxl node left"
        "dom0 reads the guest's file after it is gone")
all=(); for m in xenlet xen; do for c in "${checks[@]}"; do all+=("$m: $c"); done; done
if ! need_dom0_image; then skip_all "$SKIP_REASON" "${all[@]}"; exit 0; fi

for m in xenlet xen; do
  boot "$m-pv-disk" --mode "$m" --scenario pv-disk --timeout "${XENLET_TEST_TIMEOUT:-600}"
  c=("${checks[@]/#/$m: }")
  be='^XENLET-PV: be: /local/domain/0/backend/vbd/[0-9]+'
  fe='^XENLET-PV: fe: /local/domain/[0-9]+/device/vbd'
  expect "${c[0]}" '^XENLET-PV: dom0-mount=0$'
  expect "${c[1]}" '^XENLET-PV: create=0$'
  if log_has "$be/51712/params = \"/tmp/pv/disk.img\"$" && log_has "$be/51712/mode = \"w\"$" &&
     log_has "$be/51712/type = \"phy\"$" && log_has "$be/51712/dev = \"xvda\"$" &&
     log_has "$be/51712/frontend = \"/local/domain/[0-9]+/device/vbd/51712\"$" &&
     log_has "$be/51712/script = \"/etc/xen/scripts/block\"$" &&
     log_has "$be/51712/online = \"1\"$"; then tap_ok "${c[2]}"; else tap_not_ok "${c[2]}"; fi
  if log_has "$fe/51712/virtual-device = \"51712\"$" && log_has "$fe/51712/device-type = \"disk\"$" &&
     log_has "$fe/51712/backend-id = \"0\"$" &&
     log_has "$fe/51712/backend = \"/local/domain/0/backend/vbd/[0-9]+/51712\"$"; then
    tap_ok "${c[3]}"; else tap_not_ok "${c[3]}"; fi
  if log_has "$be/51728/mode = \"r\"$" && log_has "$be/51728/params = \"/tmp/pv/ro.img\"$"; then
    tap_ok "${c[4]}"; else tap_not_ok "${c[4]}"; fi
  if log_has '^XENLET-PV: perms: /local/domain/0/backend/vbd/([0-9]+)/51712 \(n0,r[1-9][0-9]*\)$' &&
     log_has '^XENLET-PV: perms: /local/domain/([1-9][0-9]*)/device/vbd/51712 \(n[1-9][0-9]*,r0\)$'; then
    tap_ok "${c[5]}"; else tap_not_ok "${c[5]}"; fi
  if log_has "$be/51712/physical-device = \"7:[0-9a-f]+\"$" &&
     log_has "$be/51712/node = \"/dev/loop[0-9]+\"$" &&
     log_has "$be/51712/hotplug-status = \"connected\"$" &&
     log_has '^XENLET-PV: loops-running=2$'; then tap_ok "${c[6]}"; else tap_not_ok "${c[6]}"; fi
  expect_guest_disk "${c[7]}" "${c[8]}" "${c[9]}" "${c[10]}"
  expect "${c[11]}" '^XENLET-PV: ro-unchanged=yes$'
  expect "${c[12]}" '^XENLET-PV: gone=0$'
  if log_has '^XENLET-PV: loops-before=0$' && log_has '^XENLET-PV: loops-after=0$' &&
     log_has '^XENLET-PV: be-after=0$' && log_has '^XENLET-PV: libxl-after=0$'; then
    tap_ok "${c[13]}"; else tap_not_ok "${c[13]}"; fi
  expect "${c[14]}" '^XENLET-PV: from-domu=written by domU [0-9a-f-]{36}$'
done
tap_done
