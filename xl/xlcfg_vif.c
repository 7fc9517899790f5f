/* One vif= spec (xl-network-configuration(5)): comma-separated key=value
 * pairs and the trusted/untrusted flags; '' is a NIC with every default. */
#include <stdlib.h>
#include <string.h>

#include "xlcfg_internal.h"

static int replace(char **dst, const char *val)
{
	char *s = strdup(val);

	if (!s)
		return ERROR_NOMEM;
	free(*dst);
	*dst = s;
	return 0;
}

static int number(struct xlcfg_log *log, const char *key, const char *val,
		  unsigned long long max, int *out)
{
	unsigned long long v;

	if (xlcfg_parse_u64(val, &v) || v > max)
		return xlcfg_error(log, "bad %s '%s' (a number up to %llu)", key,
				   xlcfg_quote(val, 0), max);
	*out = (int)v;
	return 0;
}

static int pair(libxl_device_nic *nic, const char *key, const char *val,
		struct xlcfg_log *log)
{
	if (!strcmp(key, "mac")) {
		if (libxl_mac_from_string(nic->mac, val))
			return xlcfg_error(log, "bad MAC address '%s' (six hex pairs: 00:16:3e:xx:xx:xx)",
					   xlcfg_quote(val, 0));
		return 0;
	}
	if (!strcmp(key, "bridge"))
		return replace(&nic->bridge, val);
	if (!strcmp(key, "ip"))
		return replace(&nic->ip, val);
	if (!strcmp(key, "script"))
		return replace(&nic->script, val);
	if (!strcmp(key, "backend"))
		return replace(&nic->backend_domname, val);
	if (!strcmp(key, "vifname"))
		return replace(&nic->ifname, val);
	if (!strcmp(key, "model"))
		return replace(&nic->model, val);
	if (!strcmp(key, "gatewaydev") || !strcmp(key, "netdev"))
		return replace(&nic->gatewaydev, val);
	if (!strcmp(key, "type")) {
		if (!strcmp(val, "ioemu"))
			nic->nictype = LIBXL_NIC_TYPE_VIF_IOEMU;
		else if (!strcmp(val, "vif"))
			nic->nictype = LIBXL_NIC_TYPE_VIF;
		else
			return xlcfg_error(log, "unknown vif type '%s' (vif or ioemu)",
					   xlcfg_quote(val, 0));
		return 0;
	}
	if (!strcmp(key, "devid"))
		return number(log, key, val, 65535, &nic->devid);
	if (!strcmp(key, "mtu"))
		return number(log, key, val, 65535, &nic->mtu);
	if (!strcmp(key, "rate") || !strcmp(key, "vlan") || !strcmp(key, "accel") ||
	    !strcmp(key, "forwarddev") || !strncmp(key, "colo_", 5)) {
		xlcfg_warn(log, "vif parameter '%s' is not supported, ignored", key);
		return 0;
	}
	return xlcfg_error(log, "unknown vif parameter '%s'", xlcfg_quote(key, 0));
}

int xlcfg_parse_vif(libxl_device_nic *nic, const char *spec, int devid,
		    struct xlcfg_log *log)
{
	char *copy = strdup(spec), *p, *tok;
	int rc = 0;

	log->error[0] = '\0';
	if (!copy)
		return ERROR_NOMEM;
	libxl_device_nic_dispose(nic);
	nic->devid = devid;
	for (p = copy; !rc && p;) {
		char *eq, *end;

		tok = p;
		p = strchr(p, ',');
		if (p)
			*p++ = '\0';
		while (*tok == ' ' || *tok == '\t' || *tok == '\n')
			tok++;
		for (end = tok + strlen(tok); end > tok && (end[-1] == ' ' || end[-1] == '\t' ||
							    end[-1] == '\n'); end--)
			end[-1] = '\0';
		if (!*tok)
			continue;
		if ((eq = strchr(tok, '='))) {
			*eq = '\0';
			rc = pair(nic, tok, eq + 1, log);
		} else if (!strcmp(tok, "trusted")) {
			libxl_defbool_set(&nic->trusted, true);
		} else if (!strcmp(tok, "untrusted")) {
			libxl_defbool_set(&nic->trusted, false);
		} else {
			rc = xlcfg_error(log, "unknown vif parameter '%s' (expected key=value)",
					 xlcfg_quote(tok, 0));
		}
	}
	free(copy);
	if (rc)
		libxl_device_nic_dispose(nic);
	return rc;
}
