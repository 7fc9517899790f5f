#!/usr/bin/env bash
# xenlet-qdisk, the userspace block backend (backendtype=qdisk), serving two
# Debian domUs' xen-blkfront at once from raw images in dom0
# (images/scenarios/qdisk, images/domu-qdisk): bad set-ups refused with a
# reason, the xenbus handshake, data dom0 wrote read by each guest, data
# each guest wrote found by dom0 after it is gone, a shared read-only disk
# that stays unchanged. Under Xenlet, and under Debian's Xen 4.17 (our
# xenstored and daemon in its dom0) to show the backend speaks Xen's protocol.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

global=("xenlet-qdisk is up at boot" "a qcow2 image is refused with a reason"
        "a missing image file is refused with a reason" "a bad mode is refused with a reason"
        "the shared read-only image is unchanged" "both guests shut down"
        "the daemon is still up at the end"
        "a frontend's ring-ref that grants nothing is refused: the backend closes")
per_guest=("its read-write disk is published and connects"
           "its read-only disk is published read-only and connects"
           "both its backends end Closed once it is gone"
           "it sees both disks, sizes and read-only flag right" "it reads the line dom0 wrote"
           "it reads dom0's 256 KiB of random data intact"
           "dom0 finds its 256 KiB after it is gone" "dom0 finds its O_DIRECT sector"
           "it reads the read-only disk intact" "its write to the read-only disk fails"
           "nothing is read past the end of its disk"
           "the daemon served its reads, writes and flushes, none failed"
           "the daemon lets go of its devices when their nodes go")
all=()
for m in xenlet xen; do
  for c in "${global[@]}"; do all+=("$m: $c"); done
  for n in 1 2; do for c in "${per_guest[@]}"; do all+=("$m: guest$n: $c"); done; done
done
if ! need_dom0_image; then skip_all "$SKIP_REASON" "${all[@]}"; exit 0; fi

# The first value a log line gives: val 'sed regex with one \( \) group'.
val() { tr -d '\r' <"$BOOT_LOG" | sed -n "s/$1/\1/p" | head -n 1; }
same() {  # name, value, other value: both there and equal
  if [ -n "$2" ] && [ "$2" = "$3" ]; then tap_ok "$1"
  else echo "# '$2' is not '$3'"; tap_not_ok "$1"; fi
}
both() {  # name, regex, regex
  if log_has "$2" && log_has "$3"; then tap_ok "$1"
  else echo "# wanted lines matching: $2 and $3"; tap_not_ok "$1"; fi
}

for m in xenlet xen; do
  boot "$m-qdisk" --mode "$m" --scenario qdisk --timeout "${XENLET_TEST_TIMEOUT:-600}"
  c=("${global[@]/#/$m: }")
  q='^XENLET-QDISK: '
  expect "${c[0]}" "${q}daemon=up$"
  expect "${c[1]}" "${q}bad 51712: state=6 error=format 'qcow2' is not supported \(raw images only\)$"
  expect "${c[2]}" "${q}bad 51728: state=6 error=cannot open /tmp/no-such.img: No such file or directory$"
  expect "${c[3]}" "${q}bad 51744: state=6 error=mode 'rw' is neither r nor w$"
  same "${c[4]}" "$(val "${q}ro-md5=\([0-9a-f]\{32\}\)$")" "$(val "${q}ro-md5-after=\(.*\)$")"
  expect "${c[5]}" "${q}guests-left=0$"
  expect "${c[6]}" "${q}daemon-at-end=up$"
  both "${c[7]}" "${q}hostile ring-ref: state=5$" \
    "daemon: xenlet-qdisk: d[0-9]+/51744: cannot map ring-ref 70000: "
  for n in 1 2; do
    c=("${per_guest[@]/#/$m: guest$n: }")
    p="${q}guest$n "
    g="${q}guest$n: XENLET-DOMU-QDISK: "
    d=$(val "${p}domid=\([0-9]*\)$")
    dl="daemon: xenlet-qdisk: d${d:-X}"
    both "${c[0]}" "${p}backend 51712: sectors=16384 info=0 flush=1 sector-size=512 " \
      "${dl}/51712: connected: ring-ref [0-9]+, event channel [0-9]+, 16384 sectors;"
    both "${c[1]}" "${p}backend 51728: sectors=512 info=4 flush=1 sector-size=512 " \
      "${dl}/51728: connected: ring-ref [0-9]+, event channel [0-9]+, 512 sectors, read-only;"
    both "${c[2]}" "${p}backend 51712: .* state=6$" "${p}backend 51728: .* state=6$"
    both "${c[3]}" "${g}xvda size=8388608 ro=0$" "${g}xvdb size=262144 ro=1$"
    same "${c[4]}" "$(val "${p}text=\(.*\)$")" "$(val "${g}xvda text=\(.*\)$")"
    same "${c[5]}" "$(val "${p}blob-md5=\([0-9a-f]\{32\}\)$")" "$(val "${g}xvda blob-md5=\(.*\)$")"
    same "${c[6]}" "$(val "${p}blob-back-md5=\([0-9a-f]\{32\}\) .*")" \
         "$(val "${g}xvda wrote-md5=\(.*\)$")"
    same "${c[7]}" "$(val "${p}line-back=\(domU .*\) guest-said=.*")" \
         "$(val "${g}xvda line-write=0 line=\(.*\)$")"
    same "${c[8]}" "$(val "${q}ro-md5=\([0-9a-f]\{32\}\)$")" "$(val "${g}xvdb md5=\(.*\)$")"
    expect "${c[9]}" "${g}xvdb write=[1-9][0-9]*$"
    expect "${c[10]}" "${g}xvda read-past-end-bytes=0$"
    k='[1-9][0-9]*'
    both "${c[11]}" \
      "daemon: xenlet-qdisk: d${d:-X}/51712: disconnected after $k reads, $k writes, $k flushes, 0 failed requests$" \
      "daemon: xenlet-qdisk: d${d:-X}/51728: disconnected after $k reads, 0 writes, [0-9]+ flushes, 0 failed requests$"
    both "${c[12]}" "daemon: xenlet-qdisk: d${d:-X}/51712: removed$" \
      "daemon: xenlet-qdisk: d${d:-X}/51728: removed$"
  done
done
tap_done
