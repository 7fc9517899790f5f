#!/usr/bin/env bash
# Builds the xl.cfg/JSON libFuzzer target with clang (ASan + UBSan) and runs
# it for a few seconds (XLCFG_FUZZ_SECS, default 10) from the seed corpus.
set -uo pipefail
top=${XENLET_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
secs=${XLCFG_FUZZ_SECS:-10}
if ! command -v clang >/dev/null 2>&1; then
  echo "ok 1 - xlcfg fuzz # SKIP clang not installed"; exit 0
fi
tmp=$(mktemp -d /tmp/xlcfg-fuzz.XXXXXX); trap 'rm -rf "$tmp"' EXIT
srcs="$top/xl/fuzz/fuzz_xlcfg.c $(ls "$top"/xl/xlcfg_*.c) $top/libxl/config.c $top/libxl/config_json.c"
if ! clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
     -I"$top/xl" -I"$top/libxl" $srcs -lyajl -luuid -o "$tmp/fuzz_xlcfg" 2>"$tmp/cc.log"; then
  if grep -q "libclang_rt.fuzzer\|cannot find.*fuzzer" "$tmp/cc.log"; then
    echo "ok 1 - xlcfg fuzz # SKIP libclang-rt-14-dev missing"; exit 0
  fi
  echo "not ok 1 - build xlcfg fuzz target"; sed 's/^/# /' "$tmp/cc.log" | head -20; exit 1
fi
echo "ok 1 - build xlcfg fuzz target"
mkdir -p "$tmp/corpus"; cp "$top/xl/fuzz/corpus/"* "$tmp/corpus/"
if timeout $((secs + 60)) "$tmp/fuzz_xlcfg" -max_total_time="$secs" -max_len=4096 \
     -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$tmp/" "$tmp/corpus" >"$tmp/run.log" 2>&1; then
  echo "ok 2 - fuzz the xl.cfg reader and JSON for ${secs}s ($(grep -o 'Done [0-9]* runs' "$tmp/run.log" | grep -o '[0-9]*') runs)"
else
  echo "not ok 2 - fuzz the xl.cfg reader and JSON"
  grep -A30 -m1 'ERROR\|==ERROR\|deadly signal\|runtime error' "$tmp/run.log" | sed 's/^/# /' | head -40
  for c in "$tmp"/crash-* "$tmp"/leak-* "$tmp"/timeout-*; do
    [ -f "$c" ] && { echo "# input ($(basename "$c")):"; od -c "$c" | head -20 | sed 's/^/#   /'; }
  done
  exit 1
fi
