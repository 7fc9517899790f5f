# shellcheck shell=bash disable=SC2034  # sourced; sets variables for the tests
# Shared helpers for the QEMU system tests (tests/system/t-*.sh); source it:
#   . "$(dirname "$0")/lib.sh"
#
# A test boots with `boot`, then checks the serial log with `expect` and the
# exit status with `expect_rc`; each check prints one TAP line, and a failed
# one also prints the log's last lines as "# " comments. End with `tap_done`.
#
#   need_dom0_image             build the dom0 image if missing; 1 + $SKIP_REASON if it cannot be
#   need_file FILE WHAT         1 + $SKIP_REASON if FILE is missing
#   need_xenlet                 1 + $SKIP_REASON if the Xenlet image is not built
#   boot NAME [launch args...]  scripts/launch with log $XENLET_BUILD/logs/NAME.log;
#                               sets BOOT_LOG, BOOT_RC (124 = timeout), BOOT_SECS
#   log_has REGEX               the last boot's log has a line matching REGEX (ERE)
#   marker_time REGEX           seconds from QEMU start to the first such line
#   expect NAME REGEX           TAP: the log has a matching line
#   expect_not NAME REGEX       TAP: it has none
#   expect_rc NAME STATUS       TAP: QEMU (the launcher) exited with STATUS
#   tap_ok / tap_not_ok NAME    TAP lines; tap_skip NAME REASON; skip_all REASON NAMES...
#   tap_done                    exit status: 1 if any check failed
#
# XENLET_TEST_TIMEOUT, when set, replaces each test's own boot timeout (seconds).
#
# Serial lines end in "\r" (and under Xen "\r\r"): the helpers strip carriage
# returns before matching, so "^...$" anchors work.
#
# A hypervisor-only test, for example:
#   . "$(dirname "$0")/lib.sh"
#   if ! need_xenlet; then tap_skip "xenlet boots" "$SKIP_REASON"; exit 0; fi
#   boot xenlet-alone --mode xenlet --no-dom0 --timeout 60
#   expect "xenlet: banner" '^Xenlet'
#   tap_done

: "${XENLET_TOP:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${XENLET_BUILD:=$XENLET_TOP/build}"
export XENLET_TOP XENLET_BUILD

BOOT_LOG='' BOOT_RC='' BOOT_SECS='' SKIP_REASON=''
TAP_FAILED=0 TAIL_SHOWN=0
TAP_TAIL_LINES=${TAP_TAIL_LINES:-40}

tap_ok() { echo "ok - $1"; }
tap_skip() { echo "ok - $1 # SKIP $2"; }
tap_not_ok() {
  echo "not ok - $1"
  TAP_FAILED=1
  # The log's tail once per boot: later failures of the same boot repeat it.
  if [ "$TAIL_SHOWN" = 0 ] && [ -n "$BOOT_LOG" ] && [ -f "$BOOT_LOG" ]; then
    TAIL_SHOWN=1
    echo "# last $TAP_TAIL_LINES lines of $BOOT_LOG:"
    tr -d '\r' <"$BOOT_LOG" | tail -n "$TAP_TAIL_LINES" | sed 's/^/# /'
  fi
}
skip_all() {  # reason, test names...
  local reason=$1 name; shift
  for name in "$@"; do tap_skip "$name" "$reason"; done
}
tap_done() { return "$TAP_FAILED"; }

need_file() {  # file, what it is
  [ -f "$1" ] && return 0
  SKIP_REASON="$2 missing: $1"
  return 1
}

need_xenlet() {
  need_file "$XENLET_BUILD/arm64/hypervisor/xenlet" "Xenlet hypervisor (scripts/build)"
}

# Builds the image when it is missing; images/build-dom0 is a quick no-op when
# it is up to date, but tests should not depend on apt being reachable then.
need_dom0_image() {
  local d=$XENLET_BUILD/images f missing=0
  for f in "$d/dom0/Image" "$d/dom0/initrd.cpio.gz" "$d/xen/xen"; do
    [ -f "$f" ] || missing=1
  done
  [ "$missing" = 0 ] && return 0
  echo "# building the dom0 image (images/build-dom0)"
  local out
  if ! out=$("$XENLET_TOP/images/build-dom0" 2>&1); then
    printf '%s\n' "$out" | tail -n 5 | sed 's/^/# /'
    SKIP_REASON="images/build-dom0 failed: $(printf '%s\n' "$out" | grep -m1 'error' || echo 'see above')"
    return 1
  fi
}

boot() {  # name, scripts/launch arguments...
  local name=$1; shift
  BOOT_LOG=$XENLET_BUILD/logs/$name.log TAIL_SHOWN=0
  mkdir -p "$(dirname "$BOOT_LOG")"
  local t0=$SECONDS
  "$XENLET_TOP/scripts/launch" --log "$BOOT_LOG" --timestamps "$BOOT_LOG.times" "$@" \
    </dev/null >/dev/null 2>&1
  BOOT_RC=$?
  BOOT_SECS=$((SECONDS - t0))
  echo "# boot $name: status $BOOT_RC after ${BOOT_SECS}s, log $BOOT_LOG"
  return 0
}

# grep -q stops reading at the first match; with pipefail, tr's SIGPIPE
# would then fail the whole pipeline, so the log comes by process substitution.
log_has() { [ -f "$BOOT_LOG" ] && grep -Eq -- "$1" < <(tr -d '\r' <"$BOOT_LOG"); }

marker_time() {
  [ -f "$BOOT_LOG.times" ] || return 1
  awk -v re="$1" '{ t = $1; sub(/^[^ ]* /, "") } $0 ~ re { print t; found = 1; exit } END { exit !found }' < <(tr -d '\r' <"$BOOT_LOG.times")
}

expect() {  # name, regex
  if log_has "$2"; then tap_ok "$1"; else echo "# no line matches: $2"; tap_not_ok "$1"; fi
}

expect_not() {  # name, regex
  if log_has "$2"; then
    echo "# unexpected: $(tr -d '\r' <"$BOOT_LOG" | grep -Em1 -- "$2")"
    tap_not_ok "$1"
  else tap_ok "$1"; fi
}

expect_rc() {  # name, wanted status
  if [ "$BOOT_RC" = "$2" ]; then tap_ok "$1"
  else
    local why=
    [ "$BOOT_RC" = 124 ] && why=" (timeout)"
    echo "# QEMU exit status $BOOT_RC$why, wanted $2"
    tap_not_ok "$1"
  fi
}

# What a domU sees of its PV disks, the same through blkback and qdisk
# (images/domu-pv's disk role): xvda mounted, dom0's file read, one written
# back, and the read-only xvdb refusing writes. Arguments: the four checks.
expect_guest_disk() {  # mounted read wrote read-only
  local g='^XENLET-PV: guest: XENLET-DOMU: disk:'
  if log_has "$g xvda size=32768 ro=0\$" && log_has "$g mounted\$"; then
    tap_ok "$1"; else tap_not_ok "$1"; fi
  expect "$2" "$g from-dom0=hello from dom0 [0-9]+\$"
  expect "$3" "$g wrote from-domu rc=0\$"
  if log_has "$g xvdb ro=1\$" && log_has "$g xvdb write=refused\$"; then
    tap_ok "$4"; else tap_not_ok "$4"; fi
}
