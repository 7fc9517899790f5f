#!/usr/bin/env bash
# PV networks (issue 6): two domUs with a vif each on dom0's bridge xenbr0
# (xen-netback + the vif-bridge script; xen-netfront in the guests): Xen's
# XenStore layout, the configured MACs, domU <-> dom0 and domU <-> domU
# ping, and destroy removing every vif. Under Xenlet and Debian's Xen 4.17.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

checks=("dom0 bridge xenbr0 up" "xl create both guests"
        "backend nodes in Xen's layout (vif/N/0: mac, bridge, handle, type, ip, script)"
        "frontend nodes in Xen's layout (handle, mac, backend)"
        "permissions: backend owned by dom0, frontend by the guest"
        "guests see their configured MACs" "guest 1 pings dom0" "guest 2 pings dom0"
        "guest 2 pings guest 1" "dom0 pings both guests"
        "vif-bridge put both vifs on xenbr0" "xl network-list shows the vif connected"
        "destroy removes every vif and backend node")
all=(); for m in xenlet xen; do for c in "${checks[@]}"; do all+=("$m: $c"); done; done
if ! need_dom0_image; then skip_all "$SKIP_REASON" "${all[@]}"; exit 0; fi

for m in xenlet xen; do
  boot "$m-pv-net" --mode "$m" --scenario pv-net --timeout "${XENLET_TEST_TIMEOUT:-600}"
  c=("${checks[@]/#/$m: }")
  be='^XENLET-PV: be: /local/domain/0/backend/vif/[0-9]+/0'
  fe='^XENLET-PV: fe: /local/domain/[0-9]+/device/vif/0'
  expect "${c[0]}" '^XENLET-PV: bridge=0$'
  if log_has '^XENLET-PV: create1=0$' && log_has '^XENLET-PV: create2=0$'; then
    tap_ok "${c[1]}"; else tap_not_ok "${c[1]}"; fi
  if log_has "$be/mac = \"00:16:3e:00:00:11\"$" && log_has "$be/bridge = \"xenbr0\"$" &&
     log_has "$be/handle = \"0\"$" && log_has "$be/type = \"vif\"$" &&
     log_has "$be/ip = \"10.0.0.2\"$" && log_has "$be/script = \"/etc/xen/scripts/vif-bridge\"$" &&
     log_has "$be/frontend = \"/local/domain/[0-9]+/device/vif/0\"$" &&
     log_has "$be/hotplug-status = \"connected\"$"; then tap_ok "${c[2]}"; else tap_not_ok "${c[2]}"; fi
  if log_has "$fe/handle = \"0\"$" && log_has "$fe/mac = \"00:16:3e:00:00:11\"$" &&
     log_has "$fe/backend = \"/local/domain/0/backend/vif/[0-9]+/0\"$"; then
    tap_ok "${c[3]}"; else tap_not_ok "${c[3]}"; fi
  if log_has '^XENLET-PV: perms: /local/domain/0/backend/vif/[0-9]+/0 \(n0,r[1-9][0-9]*\)$' &&
     log_has '^XENLET-PV: perms: /local/domain/[1-9][0-9]*/device/vif/0 \(n[1-9][0-9]*,r0\)$'; then
    tap_ok "${c[4]}"; else tap_not_ok "${c[4]}"; fi
  if log_has '^XENLET-PV: pvnet1: XENLET-DOMU: net: eth0 mac=00:16:3e:00:00:11$' &&
     log_has '^XENLET-PV: pvnet2: XENLET-DOMU: net: eth0 mac=00:16:3e:00:00:12$'; then
    tap_ok "${c[5]}"; else tap_not_ok "${c[5]}"; fi
  expect "${c[6]}" '^XENLET-PV: pvnet1: XENLET-DOMU: net: ping 10\.0\.0\.1 rc=0$'
  expect "${c[7]}" '^XENLET-PV: pvnet2: XENLET-DOMU: net: ping 10\.0\.0\.1 rc=0$'
  expect "${c[8]}" '^XENLET-PV: pvnet2: XENLET-DOMU: net: ping 10\.0\.0\.2 rc=0$'
  if log_has '^XENLET-PV: dom0-ping-guest1=0$' && log_has '^XENLET-PV: dom0-ping-guest2=0$'; then
    tap_ok "${c[9]}"; else tap_not_ok "${c[9]}"; fi
  expect "${c[10]}" '^XENLET-PV: bridge-ports=vif[0-9]+\.0 vif[0-9]+\.0 $'
  expect "${c[11]}" '^XENLET-PV: network-list: 0 +0 +00:16:3e:00:00:11 +0 +4 '
  if log_has '^XENLET-PV: destroy1=0$' && log_has '^XENLET-PV: destroy2=0$' &&
     log_has '^XENLET-PV: vifs-after=0$' && log_has '^XENLET-PV: be-after=0$'; then
    tap_ok "${c[12]}"; else tap_not_ok "${c[12]}"; fi
done
tap_done
