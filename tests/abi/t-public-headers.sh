#!/usr/bin/env bash
# hypervisor/include/public/ against Xen 4.17's own public headers (Debian's
# libxen-dev for arm64, unpacked by scripts/setup-deps), for AArch64: every
# struct's size and alignment, every member's offset, size and integer kind,
# every constant's value, size and signedness, and the brace-list and table
# data. layout.c is compiled to assembly (never run) over each header set; the
# records it leaves in the .s files are compared. One TAP line per struct,
# per header's constants, plus the compile checks of the headers themselves.
set -uo pipefail
top=${XENLET_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$top"
build=${XENLET_BUILD:-$top/build}
xeninc=$build/arm64-root/usr/include
pub=hypervisor/include/public
here=tests/abi
out=$build/abi
mkdir -p "$out"
cross=aarch64-linux-gnu-gcc

if [ ! -f "$xeninc/xen/xen.h" ]; then
  echo "not ok - Xen 4.17 arm64 headers in $xeninc (run scripts/setup-deps)"
  exit 1
fi
if ! command -v "$cross" >/dev/null; then
  echo "not ok - $cross available (run scripts/setup-deps)"
  exit 1
fi

headers=$(cd "$pub" && find . -name '*.h' | sed 's|^\./||' | LC_ALL=C sort)

# --- the headers themselves -------------------------------------------------
bad=$(cd "$pub" && grep -nE '^[[:space:]]*#[[:space:]]*include' $headers |
      grep -vE '#[[:space:]]*include[[:space:]]*(<(stdint|stddef)\.h>|"[a-z_/.-]+\.h")')
if [ -z "$bad" ]; then
  echo "ok - public headers include only <stdint.h>, <stddef.h> and each other"
else
  echo "not ok - public headers include only <stdint.h>, <stddef.h> and each other"
  printf '%s\n' "$bad" | sed 's/^/# /'
fi

compile_each() {  # label, with-libc (0/1), compiler and flags...
  local label=$1 libc=$2 h log failed=0; shift 2
  log=$(mktemp)
  for h in $headers; do
    for pre in "" "#include <errno.h>"; do   # errno.h turns on xs_wire's table
      [ -n "$pre" ] && { [ "$h" != io/xs_wire.h ] || [ "$libc" = 0 ]; } && continue
      if ! printf '%s\n#include <public/%s>\n' "$pre" "$h" |
           "$@" -I"$top/hypervisor/include" -x c -fsyntax-only - >"$log" 2>&1; then
        failed=1; echo "# $h:"; sed 's/^/#   /' "$log" | head -20
      fi
    done
  done >"$log.all"
  if [ $failed = 0 ]; then echo "ok - $label"; else echo "not ok - $label"; cat "$log.all"; fi
  rm -f "$log" "$log.all"
}
warn="-Wall -Wextra -Werror"
compile_each "each public header compiles alone on the host (-std=c11 $warn)" 1 \
  gcc -std=c11 $warn
compile_each "each public header compiles alone freestanding for aarch64 (-ffreestanding -nostdinc $warn)" 0 \
  "$cross" -std=c11 $warn -ffreestanding -nostdinc -isystem "$($cross -print-file-name=include)"

# --- layout and constants -----------------------------------------------------
awk -v SKIPFILE="$here/not-compared.list" -f "$here/list-public.awk" \
  $(printf "$pub/%s\n" $headers) >"$out/checks.h"

records() {  # .s file -> "group|what|values" lines (x86 prints immediates as $N)
  awk '
    /^@@ / { sub(/^@@ /, ""); gsub(/[|] *[$#]/, "|"); gsub(/ [$#]/, " "); print; next }
    /^(xsd_errors|abi_ca_[A-Za-z0-9_]+):$/ { blk = substr($0, 1, length($0) - 1); n = 0; next }
    blk != "" && /^\t\.(xword|word|hword|byte|zero|quad|long|short|string)\t/ {
      line = $0; sub(/^\t/, "", line); gsub(/\t/, " ", line)
      printf "data tables|%s[%d]|%s\n", blk, n++, line; next }
    { blk = "" }
    /^\t\.string\t/ { line = $0; sub(/^\t\.string\t/, "", line); printf "data tables|string %d|%s\n", ns++, line }
  ' "$1"
}
gen() {  # side, compiler, flags...
  local side=$1; shift
  if ! "$@" -std=gnu11 -O0 -S -DCHECKS="\"$out/checks.h\"" "$here/layout.c" \
       -o "$out/$side.s" 2>"$out/$side.err"; then
    echo "not ok - layout checks compile over $side headers"
    grep -E 'error' "$out/$side.err" | head -40 | sed 's/^/# /'
    : >"$out/$side.s"
  fi
  records "$out/$side.s" >"$out/$side.rec"
}
gen ours "$cross" -I"$top/hypervisor/include"
gen xen "$cross" -DXEN_SIDE -I"$xeninc"
gen host gcc -I"$top/hypervisor/include"

# One TAP line per group; a group fails if any record is missing or differs.
compare() {  # ours.rec, theirs.rec, their name, label suffix
  awk -F'|' -v them="$3" -v suffix="$4" '
    NR == FNR { k = $1 "|" $2; v = $0; sub(/^[^|]*\|[^|]*\|/, "", v); theirs[k] = v; next }
    {
      g = $1; k = $1 "|" $2; v = $0; sub(/^[^|]*\|[^|]*\|/, "", v)
      if (!(g in seen)) { seen[g] = 1; order[++ng] = g }
      count[g]++
      if (!(k in theirs)) { bad[g] = bad[g] "# " $2 ": ours " v ", " them " has none\n" }
      else if (theirs[k] != v) { bad[g] = bad[g] "# " $2 ": ours " v ", " them " " theirs[k] "\n" }
    }
    END {
      for (i = 1; i <= ng; i++) {
        g = order[i]
        if (bad[g] == "") printf "ok - %s%s (%d checks)\n", g, suffix, count[g]
        else printf "not ok - %s%s\n%s", g, suffix, bad[g]
      }
    }' "$2" "$1"
}
if [ ! -s "$out/ours.rec" ]; then
  echo "not ok - no layout records from our headers"
else
  compare "$out/ours.rec" "$out/xen.rec" "Xen 4.17" " matches Xen 4.17 on AArch64"
  # Host tools include the same headers: the layout must not change on x86_64.
  grep -v "^data tables|" "$out/ours.rec" >"$out/ours-nodata.rec"
  grep -v "^data tables|" "$out/host.rec" >"$out/host-nodata.rec"
  if cmp -s "$out/ours-nodata.rec" "$out/host-nodata.rec"; then
    echo "ok - our headers give the same layout on the host ($(uname -m)) as on aarch64"
  else
    echo "not ok - our headers give the same layout on the host ($(uname -m)) as on aarch64"
    diff "$out/ours-nodata.rec" "$out/host-nodata.rec" | head -20 | sed 's/^/# /'
  fi
  n_s=$(grep -c '|sizeof ' "$out/ours.rec"); n_f=$(grep -c '|offsetof ' "$out/ours.rec")
  n_c=$(grep -c '^constants of ' "$out/ours.rec")
  echo "# compared $n_s structs, $n_f members, $n_c constants"
fi
