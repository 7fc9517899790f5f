# Shared by the hotplug scripts: read and write the backend's nodes, and
# report the outcome where libxl and netback look (hotplug-status,
# hotplug-error), as Xen's scripts do.
[ -n "${XENBUS_PATH:-}" ] || { echo "$0: XENBUS_PATH is not set" >&2; exit 1; }

xs_read() { xenstore-read "$XENBUS_PATH/$1" 2>/dev/null; }
xs_write() { xenstore-write "$XENBUS_PATH/$1" "$2"; }

fail() {
  echo "$(basename "$0"): $*" >&2
  xs_write hotplug-error "$*"
  xs_write hotplug-status error
  exit 1
}

success() {
  xs_write hotplug-status connected
  exit 0
}
