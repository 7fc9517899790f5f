#!/usr/bin/env bash
# xenstored side by side in dom0 under Debian's Xen 4.17 (not a test): ours,
# then Xen's C xenstored, each in turn as dom0's real store, the same client
# (xs_bench on our library, over the Unix socket) and workload; then Xen's
# daemon again with xs_bench on Debian's libxenstore (Xen+lib: the store as
# Xen ships it); see images/scenarios/bench-xenstored. Prints ops/s for 1, 8
# and 64 clients (and the floor: what a daemon that does nothing reaches)
# and memory per 10,000 nodes in a fresh daemon, with ours/Xen's ratios.
#   bench/xenstored/dom0.sh [SECONDS-PER-CASE [PIN [ROUNDS]]]   (default 2, 1, 3)
# PIN=1 keeps daemon and clients on dom0's CPU 0; PIN=0 lets them spread.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-2} pin=${2:-1} rounds=${3:-3}
out=${XENLET_BUILD:-$top/build}/bench
mkdir -p "$out"
log=$out/xenstored-xen-pin$pin.log
"$top/images/build-dom0" >/dev/null || exit 1
echo "== booting Xen 4.17, bench-xenstored (secs=$secs pin=$pin rounds=$rounds), log $log" >&2
"$top/scripts/launch" --mode xen --scenario bench-xenstored --timeout 5400 --log "$log" \
  --dom0-args "xenlet.bench.secs=$secs xenlet.bench.pin=$pin xenlet.bench.rounds=$rounds" </dev/null >/dev/null 2>&1
l=$(tr -d '\r' <"$log" | sed -n 's/^XENLET-BENCH: //p')
grep -q '^done$' <<<"$l" || echo "warning: the run did not finish (see $log)" >&2

# The median of the rounds, column by column.
med() {  # xs|cap daemon op
  grep "^$1 $2 $3 " <<<"$l" | awk '{ for (i = 4; i <= 6; i++) v[i, NR] = $i; n = NR }
    END { if (!n) exit
      printf "xs %s %s", $2, $3
      for (i = 4; i <= 6; i++) {
        for (a = 1; a <= n; a++) s[a] = v[i, a]
        for (a = 1; a <= n; a++) for (b = a + 1; b <= n; b++) if (s[b] + 0 < s[a] + 0) { t = s[a]; s[a] = s[b]; s[b] = t }
        printf " %s", (n % 2) ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2
      }
      printf "\n" }'
}
table() {  # xs|cap
  for op in read write directory transaction watch-event; do
    f=$(med "$1" floor $op) o=$(med "$1" ours $op) x=$(med "$1" xen $op) xl=$(med "$1" xenlib $op)
    awk -v f="$f" -v o="$o" -v x="$x" -v xl="$xl" -v op="$op" 'BEGIN {
      split(f, z, " "); split(o, a, " "); split(x, b, " "); split(xl, c, " ")
      printf "%-12s %-12s %10s %10s %10s\n", op, "floor", z[4], z[5], z[6]
      printf "%-12s %-12s %10s %10s %10s\n", "", "ours", a[4], a[5], a[6]
      printf "%-12s %-12s %10s %10s %10s\n", "", "Xen", b[4], b[5], b[6]
      printf "%-12s %-12s %10s %10s %10s\n", "", "Xen+lib", c[4], c[5], c[6]
      ratio("ours/Xen", a, b); ratio("floor/Xen", z, b); ratio("ours/Xen+lib", a, c)
      ratio("floor/Xen+lib", z, c) }
      function ratio(name, p, q,   i) {
        printf "%-12s %-12s", "", name
        for (i = 4; i <= 6; i++) printf " %10s", (q[i] > 0 && p[i] != "") ? sprintf("%.2f", p[i] / q[i]) : "-"
        printf "\n" }'
  done
}
n=$(grep -c '^xs ours read ' <<<"$l")
printf '%-12s %-12s %10s %10s %10s   ops/s seen by the clients, median of %s rounds\n' op daemon 1 8 64 "$n"
table xs
echo
printf '%-12s %-12s %10s %10s %10s   ops per second of the daemon'"'"'s own CPU, median of %s rounds\n' op daemon 1 8 64 "$n"
table cap
echo "(floor: xs_floor, a stand-in that keeps no store and answers at once: the most any daemon can reach here"
echo " with this client; Xen+lib: Xen's daemon with the same client code on Debian's libxenstore, the store as Xen ships it)"
for d in ours xen; do
  m=$(grep "^mem $d " <<<"$l")
  awk -v m="$m" -v d="$d" 'BEGIN {
    n = split(m, f, " "); for (i = 3; i <= n; i++) { split(f[i], kv, "="); v[kv[1]] = kv[2] }
    printf "memory %-5s RSS %6s -> %6s kB (+%s), heap %6s -> %6s kB (+%s) for 10,000 nodes; fill %s ms, daemon CPU %s ms\n",
      d, v["rss-before"], v["rss-after"], v["rss-after"] - v["rss-before"],
      v["anon-before"], v["anon-after"], v["anon-after"] - v["anon-before"], v["fill-ms"], v["fill-cpu-ms"] }'
done
