#!/usr/bin/env bash
# xenstored benchmarks (not a test): ops/s for read, write, directory,
# transaction and watch delivery with 1, 8 and 64 clients, and the daemon's
# memory per 10,000 nodes. Usage: bench/xenstored/run.sh [seconds-per-case]
# Set XS_BENCH_DEBIAN=1 to also run the client side with Debian's tools.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${XENLET_BUILD:-$top/build}/host
x=$top/xenstored
tmp=$(mktemp -d /tmp/xs-bench.XXXXXX)
export XENSTORED_RUNDIR=$tmp/run
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT

cc -O2 -D_GNU_SOURCE -pthread -I"$x/include" -I"$top/hypervisor/include" \
   "$top/bench/xenstored/xs_bench.c" \
   "$x/lib/xs.c" "$x/lib/xs_paths.c" -o "$tmp/xs_bench"
mkdir -p "$XENSTORED_RUNDIR"
"$build/xenstored/xenstored" -N -D & pid=$!
for _ in $(seq 50); do [ -S "$XENSTORED_RUNDIR/socket" ] && break; sleep 0.05; done

echo "== xenstored throughput ($(nproc) CPUs)"
"$tmp/xs_bench" "${1:-2}"

rss() { awk '/VmRSS/ {print $2}' /proc/$pid/status; }
before=$(rss)
"$tmp/xs_bench" fill   # 10,000 nodes
after=$(rss)
echo "== memory: daemon RSS $before kB -> $after kB for 10,000 nodes (+$((after - before)) kB, $(( (after - before) * 1024 / 10000 )) bytes/node)"
