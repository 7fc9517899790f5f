#!/usr/bin/env bash
# Hot attach and detach of a PV disk and a vif on a running domU, seen from
# inside it (issue 6); bad input (a duplicate vdev, a missing image file,
# an unknown bridge; the same in xl create configs) refused with a clear
# message and nothing left behind; destroy removes every device. Under
# Xenlet and Debian's Xen 4.17.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

checks=("the guest boots with no devices" "xl block-attach" "the guest sees xvdc appear"
        "xl block-list shows it connected"
        "a duplicate vdev is refused, clearly" "a missing image file is refused, clearly"
        "nothing new left behind by the refused disks"
        "backendtype=qdisk: Xen's nodes under backend/qdisk (params aio:PATH, no script)"
        "backendtype=qdisk: connects, or with no qdisk backend is refused clearly"
        "backendtype=qdisk: nothing left behind"
        "xl block-detach" "the guest sees xvdc go" "detach left no loop device or node"
        "detaching it again: 'not connected'"
        "xl network-attach with a MAC" "the guest sees eth0 with that MAC"
        "xl network-list shows it" "vif-bridge put the vif on xenbr0"
        "an unknown bridge is refused, clearly" "nothing left behind by the refused vif"
        "xl network-detach" "the guest sees eth0 go" "network-detach left no vif or node"
        "xl destroy removes the re-attached disk and vif"
        "xl create with a duplicate vdev is refused, clearly"
        "xl create with an unknown bridge is refused, clearly"
        "the refused creates left no domain, node, loop device or vif")
all=(); for m in xenlet xen; do for c in "${checks[@]}"; do all+=("$m: $c"); done; done
if ! need_dom0_image; then skip_all "$SKIP_REASON" "${all[@]}"; exit 0; fi

both() { if log_has "$2" && log_has "$3"; then tap_ok "$1"; else tap_not_ok "$1"; fi; }

for m in xenlet xen; do
  boot "$m-pv-hotplug" --mode "$m" --scenario pv-hotplug --timeout "${XENLET_TEST_TIMEOUT:-600}"
  c=("${checks[@]/#/$m: }")
  none='be=0 lx=0 fe=0 loops=0 vifs=0'
  q='^XENLET-PV: qdisk-(be|fe): /local/domain/[0-9]+/'
  both "${c[0]}" '^XENLET-PV: create=0$' '^XENLET-PV: guest-up=0$'
  expect "${c[1]}" '^XENLET-PV: block-attach=0$'
  expect "${c[2]}" '^XENLET-PV: guest-sees-xvdc=0$'
  expect "${c[3]}" '^XENLET-PV: block-list: 51744 +0 +[0-9]+ +4 +[0-9]+ +[0-9]+ +/local/domain/0/backend/vbd/[0-9]+/51744'
  both "${c[4]}" '^XENLET-PV: dup-vdev=1$' '^XENLET-PV: dup-vdev-msg: libxl: error: .*device already exists in xenstore'
  both "${c[5]}" '^XENLET-PV: missing-file=1$' '^XENLET-PV: missing-file-msg: libxl: error: .*Disk vdev=xvdd failed to stat: /tmp/pv/nope\.img: No such file or directory'
  both "${c[6]}" '^XENLET-PV: with-disk: be=1 lx=1 fe=1 loops=1 vifs=0$' \
       '^XENLET-PV: after-bad-disks: be=1 lx=1 fe=1 loops=1 vifs=0$'
  if log_has "$q"'backend/qdisk/[0-9]+/51776/params = "aio:/tmp/pv/hot2\.img"$' &&
     log_has "$q"'backend/qdisk/[0-9]+/51776/type = "qdisk"$' &&
     log_has "$q"'backend/qdisk/[0-9]+/51776/dev = "xvde"$' &&
     log_has "$q"'device/vbd/51776/backend = "/local/domain/0/backend/qdisk/[0-9]+/51776"$' &&
     ! log_has "$q"'backend/qdisk/[0-9]+/51776/script = '; then
    tap_ok "${c[7]}"; else tap_not_ok "${c[7]}"; fi
  if { log_has '^XENLET-PV: qdisk-attach=0$' && log_has '^XENLET-PV: qdisk-guest=0$' &&
       log_has '^XENLET-PV: qdisk-detach=0$'; } ||
     { log_has '^XENLET-PV: qdisk-attach=1$' &&
       log_has '^XENLET-PV: qdisk-msg: libxl: error: .*no qdisk backend answered for xvde'; }; then
    tap_ok "${c[8]}"; else tap_not_ok "${c[8]}"; fi
  expect "${c[9]}" '^XENLET-PV: after-qdisk: be=1 lx=1 fe=1 loops=1 vifs=0 qdisk-nodes=0$'
  expect "${c[10]}" '^XENLET-PV: block-detach=0$'
  expect "${c[11]}" '^XENLET-PV: guest-lost-xvdc=0$'
  expect "${c[12]}" "^XENLET-PV: after-detach: $none\$"
  both "${c[13]}" '^XENLET-PV: detach-again=1$' '^XENLET-PV: detach-again-msg: Error: Device xvdc not connected\.$'
  expect "${c[14]}" '^XENLET-PV: network-attach=0$'
  expect "${c[15]}" '^XENLET-PV: guest-sees-eth0=0$'
  expect "${c[16]}" '^XENLET-PV: network-list: 0 +0 +00:16:3e:aa:bb:cc +0 +4 '
  expect "${c[17]}" '^XENLET-PV: bridge-ports=vif[0-9]+\.0 $'
  both "${c[18]}" '^XENLET-PV: bad-bridge=1$' '^XENLET-PV: bad-bridge-msg: libxl: error: .*Could not find bridge device nosuchbr'
  expect "${c[19]}" '^XENLET-PV: after-bad-bridge: be=1 lx=1 fe=1 loops=0 vifs=1$'
  expect "${c[20]}" '^XENLET-PV: network-detach=0$'
  expect "${c[21]}" '^XENLET-PV: guest-lost-eth0=0$'
  expect "${c[22]}" "^XENLET-PV: after-net-detach: $none\$"
  if log_has '^XENLET-PV: reattach-disk=0$' && log_has '^XENLET-PV: reattach-nic=0$' &&
     log_has '^XENLET-PV: before-destroy: be=2 lx=2 fe=2 loops=1 vifs=1$' &&
     log_has '^XENLET-PV: destroy=0$' && log_has "^XENLET-PV: after-destroy: $none\$"; then
    tap_ok "${c[23]}"; else tap_not_ok "${c[23]}"; fi
  both "${c[24]}" '^XENLET-PV: create-dup-vdev=1$' "^XENLET-PV: create-dup-vdev-msg: /etc/xen/pv-dupvdev.cfg:[0-9]+:[0-9]+: disk: vdev 'xvda' is used twice"
  both "${c[25]}" '^XENLET-PV: create-bad-bridge=1$' '^XENLET-PV: create-bad-bridge-msg: libxl: error: .*Could not find bridge device nosuchbr'
  both "${c[26]}" '^XENLET-PV: domains-after=0$' '^XENLET-PV: after-bad-creates: be=0 loops=0 vifs=0$'
done
tap_done
