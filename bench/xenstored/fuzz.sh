#!/usr/bin/env bash
# A long fuzz run of xenstored's request handler (not a test): the README's
# test command runs the same libFuzzer target for 20 s; this runs it for
# SECONDS (default 3600) and prints the executions, coverage and corpus it
# reached. Any crash, leak or sanitizer report fails it and keeps the input
# in build/.   bench/xenstored/fuzz.sh [SECONDS]
top=$(cd "$(dirname "$0")/../.." && pwd)
XS_FUZZ_SECONDS=${1:-3600} exec "$top/tests/interop/t-xenstore-fuzz.sh"
