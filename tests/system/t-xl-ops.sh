#!/usr/bin/env bash
# xl's other life-cycle commands from dom0 with our toolstack, on a running
# Debian domU: create -p and unpause, pause, list -v, vcpu-list, reboot with
# on_reboot=restart, a power-off kept by on_poweroff=preserve, and Xen's
# refusals. Under Xenlet, and under Debian's Xen 4.17 (same answers).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

checks=("xl create -p leaves it paused, silent" "xl unpause lets it boot"
        "xl pause / unpause flip its state" "xl list -v shows its UUID, no reason code"
        "xl vcpu-list shows its vCPU" "xl reboot restarts it under a new id"
        "on_poweroff=preserve keeps it, shut down, reason code 0" "xl destroy of a preserved domain"
        "a crashed guest is kept by on_crash=preserve, reason code 3"
        "a watchdog shutdown applies on_watchdog=destroy"
        "unknown domain refused as Xen does" "dom0 not destroyed without -f"
        "a missing kernel is refused" "more memory than the host has is refused"
        "a config syntax error is refused with file and line"
        "failed creates leave no domain behind" "nothing left at the end")
all=(); for m in xenlet xen; do for c in "${checks[@]}"; do all+=("$m: $c"); done; done
if ! need_dom0_image; then skip_all "$SKIP_REASON" "${all[@]}"; exit 0; fi

uuid='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
for m in xenlet xen; do
  boot "$m-xl-ops" --mode "$m" --scenario xl-ops --timeout "${XENLET_TEST_TIMEOUT:-500}"
  c=("${checks[@]/#/$m: }")
  if log_has '^XENLET-XLOPS: create-paused=0$' &&
     log_has '^XENLET-XLOPS: paused-state=[-rb]{2}p[-]{3} console-lines=0$'; then
    tap_ok "${c[0]}"; else tap_not_ok "${c[0]}"; fi
  if log_has '^XENLET-XLOPS: unpause=0$' && log_has '^XENLET-XLOPS: booted=0$'; then
    tap_ok "${c[1]}"; else tap_not_ok "${c[1]}"; fi
  if log_has '^XENLET-XLOPS: pause=0 state=[-rb]{2}p[-]{3}$' &&
     log_has '^XENLET-XLOPS: unpause2=0 state=[-rb]{2}-[-]{3}$'; then
    tap_ok "${c[2]}"; else tap_not_ok "${c[2]}"; fi
  # The UUID in list -v is the one under /vm/ in XenStore.
  vm=$(grep -a 'XENLET-XLOPS: vm-uuid=' "$BOOT_LOG" | tr -d '\r' | sed 's|.*=/vm/||' | head -n 1)
  if [ -n "$vm" ] &&
     log_has "^XENLET-XLOPS: list-v: guest1 +[0-9]+ +128 +1 +[-rb]{2}[-]{4} +[0-9.]+ $vm +- +-$" &&
     log_has '^XENLET-XLOPS: list-v: Name +ID +Mem VCPUs.State.Time\(s\) +UUID +Reason-Code.Security Label$'; then
    tap_ok "${c[3]}"; else tap_not_ok "${c[3]}"; fi
  expect "${c[4]}" '^XENLET-XLOPS: vcpu-list: guest1 +[0-9]+ +0 +[0-9]+ +[-rb]{2}- +[0-9.]+ +all / all$'
  if log_has '^XENLET-XLOPS: reboot=0$' && log_has '^XENLET-XLOPS: rebooted=0$' &&
     log_has '^XENLET-XLOPS: reboot-ids old=([0-9]+) new=([0-9]+) reboot-seen=[1-9]' &&
     ! log_has '^XENLET-XLOPS: reboot-ids old=([0-9]+) new=\1 ' &&
     log_has '^XENLET-XLOPS: destroy=0$'; then
    tap_ok "${c[5]}"; else tap_not_ok "${c[5]}"; fi
  if log_has '^XENLET-XLOPS: keeper-booted=0$' && log_has '^XENLET-XLOPS: keeper-shutdown=0$' &&
     log_has "^XENLET-XLOPS: keeper: keeper +[0-9]+ +[0-9]+ +[01] +---s-- +[0-9.]+ $uuid +0 +-$"; then
    tap_ok "${c[6]}"; else tap_not_ok "${c[6]}"; fi
  if log_has '^XENLET-XLOPS: keeper-destroy=0$' && log_has '^XENLET-XLOPS: list-gone-rc=1$'; then
    tap_ok "${c[7]}"; else tap_not_ok "${c[7]}"; fi
  if log_has '^XENLET-XLOPS: create-crasher=0$' &&
     log_has '^XENLET-XLOPS: said: ISOLATION: shutting down, reason 3$' &&
     log_has "^XENLET-XLOPS: crasher: crasher +[0-9]+ +[0-9]+ +1 +---sc- +[0-9.]+ $uuid +3 +-$" &&
     log_has '^XENLET-XLOPS: crasher-destroy=0$'; then
    tap_ok "${c[8]}"; else tap_not_ok "${c[8]}"; fi
  if log_has '^XENLET-XLOPS: create-watchdogged=0$' &&
     log_has '^XENLET-XLOPS: said: ISOLATION: shutting down, reason 4$' &&
     log_has '^XENLET-XLOPS: watchdogged-gone=0$'; then
    tap_ok "${c[9]}"; else tap_not_ok "${c[9]}"; fi
  expect "${c[10]}" '^XENLET-XLOPS: unknown: nosuchguest is an invalid domain identifier \(rc=-6\)$'
  expect "${c[11]}" '^XENLET-XLOPS: destroy0: Not destroying domain 0; use -f to force\.$'
  if log_has '^XENLET-XLOPS: bad-nokernel rc=1$' && log_has '^XENLET-XLOPS: bad-nokernel: .*/nonexistent/Image'; then
    tap_ok "${c[12]}"; else tap_not_ok "${c[12]}"; fi
  if log_has '^XENLET-XLOPS: bad-huge rc=1$' && log_has '^XENLET-XLOPS: bad-huge: .*not enough free memory'; then
    tap_ok "${c[13]}"; else tap_not_ok "${c[13]}"; fi
  if log_has '^XENLET-XLOPS: bad-typo rc=1$' && log_has '^XENLET-XLOPS: bad-typo: /tmp/typo.cfg:2'; then
    tap_ok "${c[14]}"; else tap_not_ok "${c[14]}"; fi
  # Xenlet gives every page back at once; Xen may keep a failed domain's
  # pages a moment longer, so there only the domain list is checked.
  if ! log_has '^XENLET-XLOPS: final: (nokernel|huge|typo) ' &&
     { [ "$m" = xen ] || log_has '^XENLET-XLOPS: after-bad free-before=([0-9]+) free-after=\1$'; }; then
    tap_ok "${c[15]}"; else tap_not_ok "${c[15]}"; fi
  if log_has '^XENLET-XLOPS: done$' && log_has '^XENLET-XLOPS: final: Domain-0 ' &&
     ! log_has '^XENLET-XLOPS: final: (guest1|keeper) '; then
    tap_ok "${c[16]}"; else tap_not_ok "${c[16]}"; fi
done
tap_done
