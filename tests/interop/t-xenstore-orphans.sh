#!/usr/bin/env bash
# A released domain's nodes, seen through Debian's xenstore-utils: Xen 4.17
# deletes the nodes the domain owned and fires @releaseDomain; with
# -K/--keep-orphans it gives them to dom0 instead. Also the option syntax of
# -q/--quota-soft and -w/--timeout, refused the way Xen refuses it.
set -u
. "$(dirname "$0")/xenstore-common.sh"
T="timeout 10"
D=/usr/bin
DT=$XS_BUILD/xenstored/tests/xs_domain_tool
if [ ! -x $D/xenstore-read ]; then
  echo "ok 1 - debian xenstore-utils # SKIP xenstore-utils not installed"; exit 0
fi
[ -x "$DT" ] || { echo "not ok 1 - xs_domain_tool not built"; exit 1; }

# dom0 lays out domain 5's home as libxl does: its own data/, dom0's name.
layout() {
  $T $D/xenstore-write /local/domain/5/name guest /local/domain/5/data/x 1 /local/domain/5/data/y/z 2
  $T $D/xenstore-chmod -r /local/domain/5/data n5 r0
}

xs_start || { echo "not ok 1 - daemon start"; exit 1; }
layout
$T $D/xenstore-watch -n 2 @releaseDomain >"$XS_TMP/watch" & wpid=$!
sleep 0.3
$T "$DT" introduce 5 && $T "$DT" release 5; rc=$?
wait $wpid
check "introduce + release" 0 "$rc"
check "@releaseDomain fires on release (after the initial event)" '@releaseDomain
@releaseDomain' "$(cat "$XS_TMP/watch")"
$T $D/xenstore-exists /local/domain/5/data; check "the domain's own nodes are deleted" 1 "$?"
check "dom0's nodes under its home stay" guest "$($T $D/xenstore-read /local/domain/5/name)"
check "the parent no longer lists them" name "$($T $D/xenstore-list /local/domain/5)"
kill "$xs_pid"; wait "$xs_pid" 2>/dev/null; xs_pid=

xs_start -K || { nok "daemon start with -K"; echo "1..$n"; exit 1; }
layout
$T "$DT" introduce 5 && $T "$DT" release 5
check "-K keeps the orphans" "1 2" "$($T $D/xenstore-read /local/domain/5/data/x /local/domain/5/data/y/z | tr '\n' ' ' | sed 's/ $//')"
check "-K gives them to dom0 (owner only)" '(n0,r0)' \
  "$($T $D/xenstore-ls -p /local/domain/5/data | sed 's/.*  *//' | sort -u | tr '\n' ' ' | sed 's/ $//')"
xs_alive && ok "daemon still running" || nok "daemon still running"
kill "$xs_pid"; wait "$xs_pid" 2>/dev/null; xs_pid=

# Option syntax, as Xen's: soft quotas know only memory, timeouts only
# watch-event; anything else stops the daemon at once with a message.
xsd=$XS_BUILD/xenstored/xenstored
for bad in "-q nodes=5" "-q memory=x" "--quota-soft memory" "-w watch=5" "--timeout watch-event=-1"; do
  set -f
  out=$(XENSTORED_RUNDIR=$XS_TMP/bad $T "$xsd" -N -D $bad 2>&1); rc=$?
  set +f
  if [ "$rc" = 1 ] && [[ "$out" == *unknown* ]]; then ok "refused: $bad"; else nok "refused: $bad" "rc=$rc $out"; fi
done
xs_start -q memory=4096 -w watch-event=5 && xs_alive && ok "accepts -q memory= and -w watch-event=" || nok "accepts -q memory= and -w watch-event="

# Idle, the daemon sleeps: no timer wakes it (one runs only while an event
# for a guest can expire). And a stop signal ends it cleanly, at any moment.
switches() { awk '/^voluntary_ctxt_switches/ {print $2}' "/proc/$xs_pid/status"; }
before=$(switches); sleep 2.5; after=$(switches)
check "an idle daemon is not woken" "$before" "$after"
kill -TERM "$xs_pid"
for _ in $(seq 50); do xs_alive || break; sleep 0.1; done
if xs_alive; then nok "SIGTERM stops the daemon"; else wait "$xs_pid"; check "SIGTERM stops the daemon" 0 "$?"; fi
[ -e "$XS_TMP/pid" ] && nok "its pid file is removed" || ok "its pid file is removed"
xs_pid=
echo "1..$n"
