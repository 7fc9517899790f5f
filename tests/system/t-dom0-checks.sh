#!/usr/bin/env bash
# Debian's kernel as dom0, checked from inside (images/scenarios/dom0-checks)
# under Xenlet and, with the very same assertions, under Debian's Xen 4.17:
# the checks test Xen's behaviour, not ours.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

checks=("dom0 reaches /init" "Xen detected with control_d and 2 CPUs"
        "the Xen modules load" "both vCPUs online" "both vCPUs run work"
        "privcmd hypercalls answer version 4.17" "wild hypercalls all refused, still answering"
        "virtio-mmio disk readable (DMA into dom0)" "no Xen complaints in dmesg"
        "poweroff -f ends QEMU cleanly" "GNTTABOP_copy copies, and refuses bad copies")
modes=(xenlet xen)
all=()
for m in "${modes[@]}"; do for c in "${checks[@]}"; do all+=("$m: $c"); done; done
if ! need_dom0_image; then skip_all "$SKIP_REASON" "${all[@]}" "xenlet: kernel log names Xen 4.17"; exit 0; fi

disk=$XENLET_BUILD/tests/dom0-disk.img
mkdir -p "$(dirname "$disk")"
magic="XENLET-DISK-$$-$RANDOM"
{ printf '%s\n' "$magic"; head -c 1048576 /dev/zero; } | head -c 1048576 >"$disk"
qargs="-drive file=$disk,if=none,format=raw,id=hd0 -device virtio-blk-device,drive=hd0"

for m in "${modes[@]}"; do
  boot "$m-dom0-checks" --mode "$m" --scenario dom0-checks --qemu-args "$qargs" \
    --timeout "${XENLET_TEST_TIMEOUT:-300}"
  expect "$m: ${checks[0]}" '^XENLET-INIT: reached /init$'
  expect "$m: ${checks[1]}" '^XENLET-INIT: xen=yes capabilities=control_d cpus=2$'
  expect "$m: ${checks[2]}" '^XENLET-INIT: modules loaded: xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs .*failed: none'
  expect "$m: ${checks[3]}" '^XENLET-CHECK: online=0-1$'
  expect "$m: ${checks[4]}" '^XENLET-CHECK: cpu0-work=yes cpu1-work=yes$'
  expect "$m: ${checks[5]}" '^PROBE: version 4\.17$'
  if log_has '^PROBE: result ok$' && log_has '^XENLET-CHECK: probe-exit=0$' &&
     log_has '^PROBE: wild calls ([0-9]+), refused \1$' &&
     log_has '^PROBE: unknown numbers ([0-9]+), ENOSYS \1$'; then
    tap_ok "$m: ${checks[6]}"
  else
    tap_not_ok "$m: ${checks[6]}"
  fi
  expect "$m: ${checks[7]}" "^XENLET-CHECK: disk=$magic\$"
  if log_has '^XENLET-CHECK: done$'; then
    expect_not "$m: ${checks[8]}" '^XENLET-CHECK: xen-complaint:'
  else
    tap_not_ok "$m: ${checks[8]}"
  fi
  expect_rc "$m: ${checks[9]}" 0
  expect "$m: ${checks[10]}" '^PROBE: grant copy ok$'
  t=$(marker_time '^XENLET-INIT: reached /init') && echo "# $m: dom0 /init ${t}s after QEMU start"
  if [ "$m" = xenlet ]; then
    expect "xenlet: kernel log names Xen 4.17" 'Xen 4\.17 support found'
  fi
done
tap_done
