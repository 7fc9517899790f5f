#!/usr/bin/env bash
# PV device performance (issue 6): sequential dd write and read (4 KiB and
# 1 MiB blocks, 16 MiB each, fsync'd writes, caches dropped before reads)
# on dom0's own virtio disk, and in a domU on that same disk through
# blkfront/blkback; ping round trip from the domU to dom0 over
# netfront/netback and a bridge. Under Xenlet and Debian's Xen 4.17 in the
# same QEMU; prints MB/s, ms and the Xenlet/Xen ratios. Not a test: read
# the numbers as ratios from one run on a shared machine.
#   bench/pv/run.sh [RUNS]     (default 1; medians when more)
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-1}
out=$top/build/bench/pv
mkdir -p "$out"

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR) print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# "... bytes=16777216 secs=1.50" -> MB/s (MiB)
rate() { sed -n 's/.* bytes=\([0-9]*\) secs=\([0-9.]*\)$/\1 \2/p' | awk '$2 > 0 { printf "%.2f\n", $1 / $2 / 1048576 }'; }

declare -A v
for ((i = 1; i <= runs; i++)); do
  for mode in xenlet xen; do
    disk=$out/vda-$mode.img
    rm -f "$disk"; truncate -s 64M "$disk"
    log=$out/$mode-$i.log
    "$top/scripts/launch" --mode "$mode" --scenario pv-bench --timeout 900 --log "$log" \
      --qemu-args "-drive file=$disk,if=none,id=vd0,format=raw,cache=unsafe -device virtio-blk-device,drive=vd0" \
      </dev/null >/dev/null 2>&1
    for who in dom0 domU; do
      for op in write read; do
        for bs in 4k 1M; do
          r=$(tr -d '\r' <"$log" | grep -m1 "^XENLET-BENCH: $who: $op bs=$bs " | rate)
          v[$mode,$who,$op,$bs]+="$r "
        done
      done
    done
    # busybox: "round-trip min/avg/max = 0.9/1.2/3.4 ms"
    p=$(tr -d '\r' <"$log" | sed -n 's/^XENLET-BENCH: domU: ping .*= \([0-9.]*\)\/\([0-9.]*\)\/.*/\1 \2/p' | head -n 1)
    v[$mode,pingmin]+="${p%% *} "
    v[$mode,pingavg]+="${p##* } "
    rm -f "$disk"
  done
done

printf '%-28s %10s %10s %8s\n' "measure" "Xenlet" "Xen 4.17" "ratio"
row() {  # label, key, unit
  local a b
  a=$(tr ' ' '\n' <<<"${v[xenlet,$2]:-}" | grep . | median)
  b=$(tr ' ' '\n' <<<"${v[xen,$2]:-}" | grep . | median)
  printf '%-28s %10s %10s %8s\n' "$1 ($3)" "${a:--}" "${b:--}" \
    "$(awk -v a="${a:-0}" -v b="${b:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "-" }')"
}
for who in dom0 domU; do
  for op in write read; do
    for bs in 4k 1M; do row "$who $op bs=$bs" "$who,$op,$bs" "MB/s"; done
  done
done
row "domU ping dom0 min" pingmin ms
row "domU ping dom0 avg" pingavg ms
echo "(dom0 = dom0's own virtio disk; domU = the same disk as its PV xvda; logs in $out)"
