# The hotplug scripts libxl runs for PV devices, where Xen keeps them.
xenscriptsdir = $(sysconfdir)/xen/scripts
dist_xenscripts_SCRIPTS = hotplug/block hotplug/vif-bridge
dist_xenscripts_DATA = hotplug/hotplug-common.sh
