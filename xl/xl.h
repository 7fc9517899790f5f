/* xl: the command table and what the commands share. */
#ifndef XENLET_XL_H
#define XENLET_XL_H

#include <libxl.h>

extern libxl_ctx *ctx;

/* A domain given as a name or a number; exits the command on failure. */
int find_domain(const char *arg, uint32_t *domid);

int main_create(int argc, char **argv);
int main_list(int argc, char **argv);
int main_destroy(int argc, char **argv);
int main_shutdown(int argc, char **argv);
int main_reboot(int argc, char **argv);
int main_pause(int argc, char **argv);
int main_unpause(int argc, char **argv);
int main_console(int argc, char **argv);
int main_info(int argc, char **argv);
int main_dmesg(int argc, char **argv);
int main_domid(int argc, char **argv);
int main_domname(int argc, char **argv);
int main_vcpulist(int argc, char **argv);
int main_uptime(int argc, char **argv);
int main_blockattach(int argc, char **argv);
int main_blockdetach(int argc, char **argv);
int main_blocklist(int argc, char **argv);
int main_networkattach(int argc, char **argv);
int main_networkdetach(int argc, char **argv);
int main_networklist(int argc, char **argv);

/* xl create's watcher: applies on_poweroff/on_reboot/on_crash (xl_monitor.c). */
void monitor_domain(libxl_domain_config *d, uint32_t domid);
/* What d's on_poweroff/on_reboot/on_crash/on_watchdog says for a SHUTDOWN_* reason. */
libxl_action_on_shutdown xl_action_for(const libxl_domain_config *d, unsigned int reason);

#endif
