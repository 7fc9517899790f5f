#!/usr/bin/env bash
# The user's main job from dom0 with our toolstack (xl, libxl, libxc,
# xenstored, xenconsoled): xl create a Debian domU, see its console and
# xl list, shut it down and wait, create it again, destroy it. Under Xenlet,
# and under Debian's Xen 4.17 to show the toolstack speaks Xen's ABI.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

checks=("daemons up at boot" "xl info reports 4.17" "xl create succeeds" "the domU reaches its /init"
        "its console output reaches xenconsoled's log" "xl list shows it with 128 MiB and 1 vCPU"
        "XenStore holds the domain's layout" "xl list -l gives its config" "xl console relays it"
        "xl shutdown -w returns once it is down" "the guest saw the shutdown request"
        "on_poweroff=destroy removed it" "xl create again" "the second domU boots"
        "xl destroy" "nothing left after destroy"
        "a second guest (2 vCPUs) boots beside the first" "xl list shows both at once"
        "a guest that panics reboots, and on_reboot=destroy removes it"
        "the domU sees its PV disk and vif (MAC as configured), connected")
all=(); for m in xenlet xen; do for c in "${checks[@]}"; do all+=("$m: $c"); done; done
if ! need_dom0_image; then skip_all "$SKIP_REASON" "${all[@]}"; exit 0; fi

for m in xenlet xen; do
  boot "$m-xl" --mode "$m" --scenario xl --timeout "${XENLET_TEST_TIMEOUT:-400}"
  c=("${checks[@]/#/$m: }")
  expect "${c[0]}" '^XENLET-INIT: daemons xenstored=up xenconsoled=up$'
  expect "${c[1]}" 'XENLET-XL: info: xen_version +: 4\.17'
  expect "${c[2]}" '^XENLET-XL: create=0$'
  expect "${c[3]}" '^XENLET-XL: guest-init=0$'
  expect "${c[4]}" '^XENLET-XL: console: XENLET-DOMU: kernel=6\.1\.0-[0-9]+-arm64 cpus=1 '
  expect "${c[5]}" '^XENLET-XL: list: guest1 +[0-9]+ +128 +1 +'
  if log_has '^XENLET-XL: xs: /local/domain/[0-9]+/name = "guest1"$' &&
     log_has '^XENLET-XL: xs: /local/domain/[0-9]+/console/tty = "/dev/pts/[0-9]+"$' &&
     log_has '^XENLET-XL: xs: /local/domain/[0-9]+/vm = "/vm/[0-9a-f-]{36}"$' &&
     log_has '^XENLET-XL: xs: /local/domain/[0-9]+/memory/target = "131072"$'; then
    tap_ok "${c[6]}"
  else
    tap_not_ok "${c[6]}"
  fi
  expect "${c[7]}" '^XENLET-XL: json: +"name": "guest1",$'
  expect "${c[8]}" '^XENLET-XL: xl-console-bytes=[0-9]+ marker=1$'
  expect "${c[9]}" '^XENLET-XL: shutdown=0$'
  expect "${c[10]}" '^XENLET-XL: guest-saw-shutdown=0$'
  expect_not "${c[11]}" '^XENLET-XL: after-shutdown: guest1 '
  expect "${c[12]}" '^XENLET-XL: create2=0$'
  expect "${c[13]}" '^XENLET-XL: guest-init2=0$'
  expect "${c[14]}" '^XENLET-XL: destroy=0$'
  expect "${c[16]}" '^XENLET-XL: guest2: XENLET-DOMU: kernel=[^ ]+ cpus=2 '
  if log_has '^XENLET-XL: two: guest1 ' && log_has '^XENLET-XL: two: guest2 +[0-9]+ +96 +2 '; then
    tap_ok "${c[17]}"
  else
    tap_not_ok "${c[17]}"
  fi
  if log_has '^XENLET-XL: panicker-gone=0$' && log_has '^XENLET-XL: panicker: .*Kernel panic'; then
    tap_ok "${c[18]}"
  else
    tap_not_ok "${c[18]}"
  fi
  if log_has '^XENLET-XL: guest-devices=0$' &&
     log_has '^XENLET-XL: console: XENLET-DOMU: watch: disks=\[xvda\] nets=\[eth0=00:16:3e:00:00:01\]$' &&
     log_has '^XENLET-XL: block-list: 51712 +0 +[0-9]+ +4 ' &&
     log_has '^XENLET-XL: network-list: 0 +0 +00:16:3e:00:00:01 +0 +4 '; then
    tap_ok "${c[19]}"
  else
    tap_not_ok "${c[19]}"
  fi
  if [ "$m" = xenlet ]; then
    expect_not "${c[15]}" '^XENLET-XL: after-destroy: +[^D].* [0-9]+ '
  else
    # Xen keeps a destroyed domain as a nameless zombie until every mapping
    # of it is gone; it must at least no longer be guest1.
    expect_not "${c[15]}" '^XENLET-XL: after-destroy: guest1 '
  fi
done
tap_done
