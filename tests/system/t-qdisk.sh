#!/usr/bin/env bash
# xenlet-qdisk, the userspace block backend (backendtype=qdisk), serving a
# Debian domU's xen-blkfront from raw images in dom0 (images/scenarios/qdisk
# and images/domu-qdisk): bad set-ups refused with a reason, the xenbus
# handshake, data dom0 wrote read by the guest, data the guest wrote found
# by dom0 after it is gone, a read-only disk that stays unchanged. Under
# Xenlet, and under Debian's Xen 4.17 (our xenstored and daemon in its
# dom0) to show the backend speaks Xen's protocol.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

checks=("xenlet-qdisk is up at boot" "a qcow2 image is refused with a reason"
        "a missing image file is refused with a reason" "a bad mode is refused with a reason"
        "the read-write disk is published and connects" "the read-only disk is published read-only and connects"
        "both frontends connect" "the guest sees both disks, sizes and read-only flag right"
        "the guest reads the line dom0 wrote" "the guest reads dom0's 256 KiB of random data intact"
        "dom0 finds the guest's 256 KiB after it is gone" "dom0 finds the guest's O_DIRECT sector"
        "the guest reads the read-only disk intact" "the guest's write to the read-only disk fails"
        "the read-only image is unchanged" "nothing is read past the end of the disk"
        "the daemon served reads, writes and flushes, none failed"
        "the daemon lets go of the devices when their nodes go" "the daemon is still up at the end"
        "the guest shut down")
all=(); for m in xenlet xen; do for c in "${checks[@]}"; do all+=("$m: $c"); done; done
if ! need_dom0_image; then skip_all "$SKIP_REASON" "${all[@]}"; exit 0; fi

# The first value a log line gives: val 'sed regex with one \( \) group'.
val() { tr -d '\r' <"$BOOT_LOG" | sed -n "s/$1/\1/p" | head -n 1; }
same() {  # name, value, other value: both there and equal
  if [ -n "$2" ] && [ "$2" = "$3" ]; then tap_ok "$1"
  else echo "# '$2' is not '$3'"; tap_not_ok "$1"; fi
}

for m in xenlet xen; do
  boot "$m-qdisk" --mode "$m" --scenario qdisk --timeout "${XENLET_TEST_TIMEOUT:-600}"
  c=("${checks[@]/#/$m: }")
  q='^XENLET-QDISK: '
  g="${q}guest: XENLET-DOMU-QDISK: "
  expect "${c[0]}" "${q}daemon=up$"
  expect "${c[1]}" "${q}bad 51712: state=6 error=format 'qcow2' is not supported \(raw images only\)$"
  expect "${c[2]}" "${q}bad 51728: state=6 error=cannot open /tmp/no-such.img: No such file or directory$"
  expect "${c[3]}" "${q}bad 51744: state=6 error=mode 'rw' is neither r nor w$"
  expect "${c[4]}" "${q}backend 51712: state=4 sectors=16384 info=0 flush=1$"
  expect "${c[5]}" "${q}backend 51728: state=4 sectors=512 info=4 flush=1$"
  if log_has "${q}frontend 51712: state=4$" && log_has "${q}frontend 51728: state=4$"; then
    tap_ok "${c[6]}"
  else tap_not_ok "${c[6]}"; fi
  if log_has "${g}xvda size=8388608 ro=0$" && log_has "${g}xvdb size=262144 ro=1$"; then
    tap_ok "${c[7]}"
  else tap_not_ok "${c[7]}"; fi
  same "${c[8]}" "$(val "${q}text=\(.*\)$")" "$(val "${g}xvda text=\(.*\)$")"
  same "${c[9]}" "$(val "${q}blob-md5=\([0-9a-f]\{32\}\)$")" "$(val "${g}xvda blob-md5=\(.*\)$")"
  same "${c[10]}" "$(val "${q}blob-back-md5=\([0-9a-f]\{32\}\) .*")" \
       "$(val "${g}xvda wrote-md5=\(.*\)$")"
  same "${c[11]}" "$(val "${q}line-back=\(domU .*\) guest-said=.*")" \
       "$(val "${g}xvda line-write=0 line=\(.*\)$")"
  same "${c[12]}" "$(val "${q}ro-md5=\([0-9a-f]\{32\}\)$")" "$(val "${g}xvdb md5=\(.*\)$")"
  expect "${c[13]}" "${g}xvdb write=[1-9][0-9]*$"
  same "${c[14]}" "$(val "${q}ro-md5=\([0-9a-f]\{32\}\)$")" "$(val "${q}ro-md5-after=\(.*\)$")"
  expect "${c[15]}" "${g}xvda read-past-end-bytes=0$"
  n='[1-9][0-9]*'
  if log_has "daemon: xenlet-qdisk: d[0-9]+/51712: disconnected after $n reads, $n writes, $n flushes, 0 failed requests$" &&
     log_has "daemon: xenlet-qdisk: d[0-9]+/51728: disconnected after $n reads, 0 writes, [0-9]+ flushes, 0 failed requests$"; then
    tap_ok "${c[16]}"
  else tap_not_ok "${c[16]}"; fi
  if log_has "daemon: xenlet-qdisk: d[1-9][0-9]*/51712: removed$" &&
     log_has "daemon: xenlet-qdisk: d[1-9][0-9]*/51728: removed$"; then
    tap_ok "${c[17]}"
  else tap_not_ok "${c[17]}"; fi
  expect "${c[18]}" "${q}daemon-at-end=up$"
  expect "${c[19]}" "${q}guest-gone=0$"
done
tap_done
