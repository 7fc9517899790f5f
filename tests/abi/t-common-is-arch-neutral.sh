#!/usr/bin/env bash
# hypervisor/common/ must never include arch or driver headers: it is compiled
# for the host's unit tests and must stay portable to other architectures.
set -uo pipefail
cd "${XENLET_TOP:-$(dirname "$0")/../..}"
bad=$(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](asm|drivers|arch)/' \
      hypervisor/common/*.c hypervisor/include/xenlet/*.h 2>/dev/null)
if [ -z "$bad" ]; then
  echo "ok - hypervisor/common and include/xenlet include no arch headers"
else
  echo "not ok - arch headers included from arch-neutral code"
  printf '%s\n' "$bad" | sed 's/^/# /'
fi
