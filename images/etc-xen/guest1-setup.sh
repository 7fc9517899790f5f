#!/bin/sh
# What guest.cfg's PV devices need in dom0: its disk image and the xenbr0
# bridge (dom0 at 10.0.0.1/24). Safe to run twice. Scenarios: sh /etc/xen/guest1-setup.sh
mkdir -p /var/lib/xen/images
[ -f /var/lib/xen/images/guest1.img ] ||
  dd if=/dev/zero of=/var/lib/xen/images/guest1.img bs=1M count=16 2>/dev/null
if [ ! -d /sys/class/net/xenbr0 ]; then
  brctl addbr xenbr0 && ip addr add 10.0.0.1/24 dev xenbr0 && ip link set xenbr0 up
fi
