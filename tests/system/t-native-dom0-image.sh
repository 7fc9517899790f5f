#!/usr/bin/env bash
# The dom0 image boots straight on QEMU's virt board (no hypervisor): the kernel
# runs our /init, which runs the 'hello' scenario and powers the machine off.
# A second boot names a scenario that does not exist: init must say so and
# still power off.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

names=("native: dom0 reaches /init" "native: init sees no Xen" "native: hello ran"
       "native: scenario exit 0" "native: QEMU exits 0 after poweroff"
       "native: unknown scenario reported" "native: unknown scenario powers off")
if ! need_dom0_image; then skip_all "$SKIP_REASON" "${names[@]}"; exit 0; fi

boot native-dom0-hello --mode native --scenario hello --timeout "${XENLET_TEST_TIMEOUT:-120}"
expect "${names[0]}" '^XENLET-INIT: reached /init$'
expect "${names[1]}" '^XENLET-INIT: xen=no capabilities=none cpus=2$'
expect "${names[2]}" '^XENLET-HELLO: kernel=6\.1\.0-[0-9]+-arm64 machine=aarch64 '
expect "${names[3]}" '^XENLET-INIT: scenario hello exit=0$'
expect_rc "${names[4]}" 0
t=$(marker_time '^XENLET-INIT: reached /init') && echo "# /init reached ${t}s after QEMU start"

boot native-dom0-unknown --mode native --scenario no-such-scenario --timeout "${XENLET_TEST_TIMEOUT:-120}"
expect "${names[5]}" "^XENLET-INIT: unknown scenario 'no-such-scenario'"
expect "${names[6]}" '^XENLET-INIT: scenario no-such-scenario exit=127$'
expect_rc "${names[6]} (QEMU status 0)" 0
tap_done
