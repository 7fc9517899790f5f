#!/usr/bin/env bash
# Builds the libFuzzer target over the request handler (clang, ASan+UBSan)
# and runs it for a bounded time from the seed corpus. Any crash, leak or
# sanitizer report fails the test.
set -u
top=${XENLET_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
secs=${XS_FUZZ_SECONDS:-20}
if ! command -v clang >/dev/null; then
  echo "ok 1 - xenstored fuzz # SKIP clang not installed"; exit 0
fi
tmp=$(mktemp -d /tmp/xs-fuzz.XXXXXX); trap 'rm -rf "$tmp"' EXIT
x=$top/xenstored
srcs="$x/fuzz/fuzz_request.c $(ls $x/core/*.c) $x/daemon/outq.c"
if ! clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
     -D_GNU_SOURCE -Wl,--wrap=fopen -I"$x/include" -I"$x/core" -I"$x/daemon" -I"$top/hypervisor/include" $srcs \
     -o "$tmp/fuzz_request" 2>"$tmp/cc.log"; then
  if grep -q "libclang_rt.fuzzer\|cannot find.*fuzzer" "$tmp/cc.log"; then
    echo "ok 1 - xenstored fuzz # SKIP libclang-rt-14-dev missing"; exit 0
  fi
  echo "not ok 1 - build fuzz target"; sed 's/^/# /' "$tmp/cc.log" | head -20; exit 1
fi
echo "ok 1 - build fuzz target"
mkdir -p "$tmp/corpus"; cp "$x/fuzz/corpus/"* "$tmp/corpus/"
# From inside $tmp: CONTROL logfile/memreport <file> (privileged, as the
# fuzzer's connection is) open the file the input names; the target's fopen
# refuses absolute paths and "..", so they stay in here. That fopen is
# libFuzzer's too: the corpus and artifacts are named relative to $tmp.
(cd "$tmp" && timeout $((secs + secs / 10 + 60)) ./fuzz_request -max_total_time="$secs" -max_len=8192 \
   -timeout=10 -rss_limit_mb=1024 -artifact_prefix=./ corpus >"$tmp/run.log" 2>&1)
rc=$?
if [ $rc = 0 ]; then
  echo "ok 2 - fuzz the request handler for ${secs}s ($(grep -o 'Done [0-9]* runs' "$tmp/run.log" | grep -o '[0-9]*') runs)"
  # libFuzzer's closing figures: coverage, features, corpus, speed, memory.
  grep -E '^#[0-9]+[[:space:]]+DONE' "$tmp/run.log" | tail -1 | sed 's/^/# /'
else
  echo "not ok 2 - fuzz the request handler (exit $rc$([ $rc = 124 ] && echo ': overran its time'))"
  mkdir -p "$top/build" && cp "$tmp/run.log" "$top/build/xs-fuzz-run.log" &&
    echo "# whole log: build/xs-fuzz-run.log"; tail -5 "$tmp/run.log" | sed 's/^/# /'
  grep -A15 "ERROR\|==ERROR\|runtime error\|deadly" "$tmp/run.log" | head -30 | sed 's/^/# /'
  for a in "$tmp"/crash-* "$tmp"/leak-* "$tmp"/timeout-*; do
    [ -f "$a" ] && cp "$a" "$top/build/" && echo "# artifact saved: build/$(basename "$a")"
  done
  exit 1
fi
