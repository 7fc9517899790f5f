#!/usr/bin/env bash
# xl side by side (not a test): our xl + xenstored + xenconsoled under Xenlet,
# and Xen's own 4.17 tools (/opt/xen-4.17 in the dom0 image) under Debian's
# Xen 4.17; same QEMU, dom0 kernel, domU and workload (images/scenarios/
# bench-xl). Figures are taken in dom0 on its own clock; printed as
# ours/Xen's ratios: xl create -> domU /init (median of REPS), xl create's
# own time, xl list with dom0 alone and with 10 paused domains, and the
# null-hypercall cost (the same binary under both). ROUNDS > 1 boots each
# side that many times, alternating, and takes every figure's median over
# all rounds (QEMU's speed drifts between boots by more than the gap being
# measured for the hypercall). QEMU backs all guest RAM up front
# (-mem-prealloc), so neither side pays the host's first touch of a page
# inside a measurement: Xen's boot scrub had touched all of its RAM, while
# Xenlet's first domU was the first to write most of it.
#   bench/xl/dom0.sh [REPS [ROUNDS]]      (defaults 3 and 1)
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
reps=${1:-3} rounds=${2:-1}
out=${XENLET_BUILD:-$top/build}/bench
mkdir -p "$out"
"$top/images/build-dom0" >/dev/null || exit 1

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR) print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
lines() { tr -d '\r' <"$1" | sed -n 's/^XENLET-BENCH: //p'; }

for round in $(seq 1 "$rounds"); do
  for mode in xenlet xen; do
    tools=ours; [ "$mode" = xen ] && tools=xen
    log=$out/xl-$mode-$round.log
    echo "== round $round: booting $mode (tools: $tools), log $log" >&2
    "$top/scripts/launch" --mode "$mode" --scenario bench-xl --timeout 3000 --log "$log" \
      --qemu-args -mem-prealloc \
      --dom0-args "xenlet.bench.tools=$tools xenlet.bench.reps=$reps" </dev/null >/dev/null 2>&1
    lines "$log" | grep -q '^done$' || echo "warning: $mode run did not finish (see $log)" >&2
  done
done

declare -A fig
for mode in xenlet xen; do
  l=$(for round in $(seq 1 "$rounds"); do lines "$out/xl-$mode-$round.log"; done)
  fig[$mode.init]=$(sed -n 's/^create [0-9]* rc=0 .*init-ms=\([0-9]*\)$/\1/p' <<<"$l" | median)
  fig[$mode.create]=$(sed -n 's/^create [0-9]* rc=0 create-ms=\([0-9]*\) .*/\1/p' <<<"$l" | median)
  fig[$mode.list0]=$(sed -n 's/^list0-ms //p' <<<"$l" | median)
  fig[$mode.list10]=$(sed -n 's/^list10-ms //p' <<<"$l" | median)
  fig[$mode.hcall]=$(sed -n 's/^hcall: rep [0-9]*: \([0-9]*\) ns.*/\1/p' <<<"$l" | median)
  fig[$mode.doms]=$(sed -n 's/^domains=\([0-9]*\).*/\1/p' <<<"$l" | head -n 1)
done
row() {  # label key unit
  awk -v l="$1" -v a="${fig[xenlet.$2]:-}" -v b="${fig[xen.$2]:-}" -v u="$3" 'BEGIN {
    r = (a != "" && b != "" && b > 0) ? sprintf("%.2f", a / b) : "-"
    printf "%-36s %12s %12s %8s\n", l " (" u ")", a == "" ? "-" : a, b == "" ? "-" : b, r }'
}
echo "medians over $rounds round(s) of $reps creates and 5 x 20,000 hypercalls each"
printf '%-36s %12s %12s %8s\n' "" "ours/Xenlet" "Xen 4.17" "ratio"
row "xl create -> domU /init, median" init ms
row "xl create returns, median" create ms
row "xl list, dom0 alone" list0 ms
row "xl list, ${fig[xenlet.doms]:-?}/${fig[xen.doms]:-?} domains" list10 ms
row "null hypercall (xen_version)" hcall ns
