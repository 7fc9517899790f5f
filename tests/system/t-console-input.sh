#!/usr/bin/env bash
# Typing at the serial console reaches dom0's shell on hvc0 (CONSOLEIO_read
# after VIRQ_CONSOLE), under Xenlet and under Xen 4.17. tmux plays the person.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

names=()
for m in xenlet xen; do names+=("$m: typed command runs in dom0" "$m: powers off after typed poweroff"); done
if ! command -v tmux >/dev/null; then skip_all "tmux is not installed" "${names[@]}"; exit 0; fi
if ! need_dom0_image; then skip_all "$SKIP_REASON" "${names[@]}"; exit 0; fi

# Wait (bounded) until the log has a line matching $1.
wait_for() {
  local i
  for ((i = 0; i < ${2:-120}; i++)); do
    log_has "$1" && return 0
    sleep 1
  done
  return 1
}

sock="xenlet-test-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null' EXIT
for m in xenlet xen; do
  BOOT_LOG=$XENLET_BUILD/logs/$m-console-input.log TAIL_SHOWN=0
  rm -f "$BOOT_LOG"
  tmux -L "$sock" new-session -d -s con -x 200 -y 50 \
    "$XENLET_TOP/scripts/launch --mode $m --scenario shell --timeout 180 --log $BOOT_LOG; echo launch-exit=\$? >>$BOOT_LOG; sleep 1"
  if wait_for '^Enter .help. for a list' 150; then
    sleep 1
    tmux -L "$sock" send-keys -t con 'echo typed-$((6*7))-ok' Enter
    wait_for '^typed-42-ok$' 30
  fi
  expect "$m: typed command runs in dom0" '^typed-42-ok$'
  tmux -L "$sock" send-keys -t con 'poweroff -f' Enter
  wait_for '^launch-exit=' 60
  expect "$m: powers off after typed poweroff" '^launch-exit=0$'
  tmux -L "$sock" kill-server 2>/dev/null
done
tap_done
