#!/usr/bin/env bash
# Boot-to-dom0-/init and boot-to-poweroff times for Xenlet and Debian's Xen
# 4.17, same QEMU, same dom0 image, interleaved runs; prints medians and the
# Xenlet/Xen ratio, and the two hypervisor image sizes. Not a test: numbers
# on a shared machine are noisy, so read them as a ratio from one run.
#   bench/boot-time.sh [RUNS]     (default 5)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
out=$top/build/bench
mkdir -p "$out"

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR) print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
first_time() { tr -d '\r' <"$1" | awk -v re="$2" '{ t = $1; sub(/^[^ ]* /, "") } $0 ~ re { print t; exit }'; }

declare -A init_t end_t
for ((i = 1; i <= runs; i++)); do
  for mode in xenlet xen; do
    log=$out/$mode-$i.log
    "$top/scripts/launch" --mode "$mode" --scenario hello --timeout 300 --log "$log" \
      --timestamps "$log.times" </dev/null >/dev/null 2>&1
    init_t[$mode]+="$(first_time "$log.times" '^XENLET-INIT: reached /init') "
    end_t[$mode]+="$(first_time "$log.times" '^XENLET-INIT: scenario hello exit=0') "
  done
done

printf '%-8s %22s %26s\n' mode "QEMU start -> /init (s)" "QEMU start -> scenario done (s)"
for mode in xenlet xen; do
  mi=$(tr ' ' '\n' <<<"${init_t[$mode]}" | grep . | median)
  me=$(tr ' ' '\n' <<<"${end_t[$mode]}" | grep . | median)
  eval "${mode}_init=$mi ${mode}_end=$me"
  printf '%-8s %22s %26s   (runs: %s)\n' "$mode" "$mi" "$me" "${init_t[$mode]}"
done
awk -v a="$xenlet_init" -v b="$xen_init" 'BEGIN { if (b > 0) printf "ratio Xenlet/Xen, to /init: %.2f\n", a / b }'
awk -v a="$xenlet_end" -v b="$xen_end" 'BEGIN { if (b > 0) printf "ratio Xenlet/Xen, to scenario done: %.2f\n", a / b }'
xs=$(stat -c %s "$top/build/arm64/hypervisor/xenlet")
xe=$(stat -c %s "$top/build/images/xen/xen")
echo "hypervisor image: Xenlet $xs bytes, Xen 4.17 $xe bytes (ratio $(awk -v a="$xs" -v b="$xe" 'BEGIN { printf "%.3f", a / b }'))"
