/* vif= specs (xl-network-configuration(5)) and MAC validation. */
#include "xlcfg_harness.h"

static int parse(libxl_device_nic *nic, const char *spec, int devid, struct xlcfg_log *log)
{
	libxl_device_nic_init(nic);
	return xlcfg_parse_vif(nic, spec, devid, log);
}

static void test_every_key(void **state)
{
	struct xlcfg_log log = { 0 };
	libxl_device_nic nic;
	char mac[18];

	(void)state;
	assert_int_equal(parse(&nic, "mac=00:16:3E:74:3d:76, bridge=xenbr1 ,ip=10.0.0.2 10.0.0.3,"
			       "type=vif,model=e1000,script=vif-route,vifname=web0,backend=netdom,"
			       "gatewaydev=eth0,mtu=9000,trusted", 3, &log), 0);
	libxl_mac_to_string(nic.mac, mac);
	assert_string_equal(mac, "00:16:3e:74:3d:76");
	assert_string_equal(nic.bridge, "xenbr1");
	assert_string_equal(nic.ip, "10.0.0.2 10.0.0.3");
	assert_int_equal(nic.nictype, LIBXL_NIC_TYPE_VIF);
	assert_string_equal(nic.model, "e1000");
	assert_string_equal(nic.script, "vif-route");
	assert_string_equal(nic.ifname, "web0");
	assert_string_equal(nic.backend_domname, "netdom");
	assert_string_equal(nic.gatewaydev, "eth0");
	assert_int_equal(nic.mtu, 9000);
	assert_int_equal(nic.devid, 3);
	assert_true(libxl_defbool_val(nic.trusted));
	libxl_device_nic_dispose(&nic);

	assert_int_equal(parse(&nic, "type=ioemu,devid=7,netdev=br-ext,untrusted", 0, &log), 0);
	assert_int_equal(nic.nictype, LIBXL_NIC_TYPE_VIF_IOEMU);
	assert_int_equal(nic.devid, 7);
	assert_string_equal(nic.gatewaydev, "br-ext");
	assert_false(libxl_defbool_is_default(nic.trusted));
	assert_false(libxl_defbool_val(nic.trusted));
	libxl_device_nic_dispose(&nic);
}

static void test_empty_spec_is_all_defaults(void **state)
{
	struct xlcfg_log log = { 0 };
	libxl_device_nic nic;

	(void)state;
	assert_int_equal(parse(&nic, "", 2, &log), 0);
	assert_true(libxl_mac_is_zero(nic.mac));
	assert_null(nic.bridge);
	assert_int_equal(nic.devid, 2);
	assert_int_equal(nic.nictype, LIBXL_NIC_TYPE_UNKNOWN);
	libxl_device_nic_dispose(&nic);
	assert_int_equal(parse(&nic, " , ,bridge=br0,", 0, &log), 0);
	assert_string_equal(nic.bridge, "br0");
	libxl_device_nic_dispose(&nic);
}

static void expect_vif_error(const char *spec, const char *msg)
{
	struct xlcfg_log log = { 0 };
	libxl_device_nic nic;

	assert_int_equal(parse(&nic, spec, 0, &log), ERROR_INVAL);
	assert_string_equal(log.error, msg);
	assert_null(nic.bridge);
}

static void test_bad_macs(void **state)
{
	static const char *const bad[] = {
		"00:16:3e:zz:00:01", "00:16:3e:00:01", "00:16:3e:00:01:02:03", "0:16:3e:00:01:02",
		"00-16-3e-00-01-02", "00:16:3e:00:01:0g", "", "00:16:3e:00:01:02 ",
	};
	libxl_mac mac;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(libxl_mac_from_string(mac, bad[i]), ERROR_INVAL);
	assert_int_equal(libxl_mac_from_string(mac, "aA:bB:cC:dD:eE:fF"), 0);
	assert_int_equal(mac[0], 0xaa);
	assert_int_equal(mac[5], 0xff);
	expect_vif_error("bridge=br0,mac=00:16:3e:zz:00:01",
			 "bad MAC address '00:16:3e:zz:00:01' (six hex pairs: 00:16:3e:xx:xx:xx)");
}

static void test_bad_specs(void **state)
{
	(void)state;
	expect_vif_error("bridge=br0,colour=red", "unknown vif parameter 'colour'");
	expect_vif_error("xenbr0", "unknown vif parameter 'xenbr0' (expected key=value)");
	expect_vif_error("type=virtio", "unknown vif type 'virtio' (vif or ioemu)");
	expect_vif_error("devid=x", "bad devid 'x' (a number up to 65535)");
	expect_vif_error("mtu=70000", "bad mtu '70000' (a number up to 65535)");
}

static void test_unsupported_keys_warn(void **state)
{
	struct warnings w = { 0 };
	struct xlcfg_log log = { .warn = collect_warning, .opaque = &w };
	libxl_device_nic nic;

	(void)state;
	assert_int_equal(parse(&nic, "rate=10Mb/s,vlan=10,bridge=br0", 0, &log), 0);
	assert_string_equal(w.text, "warning: vif parameter 'rate' is not supported, ignored\n"
			    "warning: vif parameter 'vlan' is not supported, ignored\n");
	libxl_device_nic_dispose(&nic);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_empty_spec_is_all_defaults),
		cmocka_unit_test(test_bad_macs),
		cmocka_unit_test(test_bad_specs),
		cmocka_unit_test(test_unsupported_keys_warn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
