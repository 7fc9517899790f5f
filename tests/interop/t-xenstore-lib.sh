#!/usr/bin/env bash
# Our client library against our daemon: two threads on one handle, watches
# through xs_fileno, permissions, domain queries.
set -u
. "$(dirname "$0")/xenstore-common.sh"
prog=$XS_BUILD/xenstored/tests/xs_lib_threads
[ -x "$prog" ] || { echo "not ok 1 - xs_lib_threads not built (make check)"; exit 1; }
xs_start || { echo "not ok 1 - daemon start"; exit 1; }
timeout 60 "$prog"
