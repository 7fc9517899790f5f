# Sourced by the t-xenstore-*.sh tests: a private xenstored for one test.
# Sets XENSTORED_RUNDIR, XS_BUILD and starts the daemon; kills it on exit.
XS_BUILD=${XENLET_BUILD:-$(cd "$(dirname "$0")/../.." && pwd)/build}/host
XS_TMP=$(mktemp -d /tmp/xenstore-test.XXXXXX)
export XENSTORED_RUNDIR=$XS_TMP/run
unset XENSTORED_PATH
xs_pid=
n=0

xs_cleanup() {
  if [ -n "$xs_pid" ]; then
    kill "$xs_pid" 2>/dev/null
    wait "$xs_pid" 2>/dev/null
    # A daemon built with sanitizers reports at exit: that is a failure.
    if grep -q "AddressSanitizer\|LeakSanitizer\|runtime error" "$XS_TMP/daemon.err" 2>/dev/null; then
      echo "not ok - xenstored sanitizer report"
      sed 's/^/# /' "$XS_TMP/daemon.err" | head -30
    fi
  fi
  rm -rf "$XS_TMP"
}
trap xs_cleanup EXIT

ok()   { n=$((n + 1)); echo "ok $n - $1"; }
nok()  { n=$((n + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && printf '# %s\n' "$2" | head -20; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check() {  # name, expected, actual
  if [ "$2" = "$3" ]; then ok "$1"; else nok "$1" "expected [$2] got [$3]"; fi
}

xs_start() {  # extra daemon options
  mkdir -p "$XENSTORED_RUNDIR"
  "$XS_BUILD/xenstored/xenstored" -N -D -F "$XS_TMP/pid" "$@" 2>"$XS_TMP/daemon.err" &
  xs_pid=$!
  for _ in $(seq 50); do
    [ -S "$XENSTORED_RUNDIR/socket" ] && return 0
    sleep 0.05
  done
  echo "# xenstored did not start: $(cat "$XS_TMP/daemon.err")"
  return 1
}

xs_alive() { kill -0 "$xs_pid" 2>/dev/null; }
