/*
 * xenconsoled: the console backend in dom0. For every guest with
 * console/ring-ref and console/port in XenStore it maps the ring, binds the
 * event channel, offers a pty (its path goes to console/tty, where
 * `xl console` looks) and logs the output to
 * /var/log/xen/console/guest-<name>.log. Single-threaded poll loop.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenevtchn.h>
#include <xenstore.h>

#include "console.h"

#define MAX_FDS 130

static struct console *consoles;
static xc_interface *xch;
static xenevtchn_handle *xce;
static struct xs_handle *xs;
static const char *log_dir = "/var/log/xen/console";

static void *xs_read_str(const char *fmt, unsigned int domid)
{
    char path[128];
    unsigned int len;

    snprintf(path, sizeof(path), fmt, domid);
    return xs_read(xs, XBT_NULL, path, &len);
}

static struct console *find(unsigned int domid)
{
    for (struct console *c = consoles; c; c = c->next)
        if (c->domid == domid)
            return c;
    return NULL;
}

/* A pty whose slave we keep open ourselves: with no reader attached the
 * master would otherwise report a hang-up to poll() without end. */
static int open_pty(char *name, size_t len, int *slave)
{
    struct termios t;
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);

    *slave = -1;
    if (m < 0 || grantpt(m) || unlockpt(m) || ptsname_r(m, name, len)) {
        if (m >= 0)
            close(m);
        return -1;
    }
    /* Raw on the slave side, so the guest's own terminal handling rules. */
    *slave = open(name, O_RDWR | O_NOCTTY);
    if (*slave >= 0 && tcgetattr(*slave, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(*slave, TCSANOW, &t);
    }
    return m;
}

static void console_free(struct console *c)
{
    if (c->local_port)
        xenevtchn_unbind(xce, c->local_port);
    if (c->ring)
        xc_unmap(xch, c->ring, 1);
    if (c->master >= 0)
        close(c->master);
    if (c->slave >= 0)
        close(c->slave);
    if (c->log)
        fclose(c->log);
    free(c);
}

/* Set up the console of @domid if XenStore describes one. */
static void attach(unsigned int domid)
{
    char *ref = NULL, *port = NULL, *name = NULL, path[128], pty[64];
    struct console *c;
    int lp;

    if (domid == 0 || find(domid))
        return;
    ref = xs_read_str("/local/domain/%u/console/ring-ref", domid);
    port = xs_read_str("/local/domain/%u/console/port", domid);
    if (!ref || !port)
        goto out;
    c = calloc(1, sizeof(*c));
    if (!c)
        goto out;
    c->domid = domid;
    c->master = -1;
    c->slave = -1;
    c->ring = xc_map_foreign_range(xch, domid, 4096, PROT_READ | PROT_WRITE,
                                   strtoul(ref, NULL, 0));
    lp = c->ring ? xenevtchn_bind_interdomain(xce, domid, (evtchn_port_t)strtoul(port, NULL, 0)) : -1;
    if (!c->ring || lp < 0) {
        fprintf(stderr, "xenconsoled: d%u: cannot %s: %s\n", domid,
                c->ring ? "bind its event channel" : "map its ring", strerror(errno));
        console_free(c);
        goto out;
    }
    c->local_port = (uint32_t)lp;
    c->master = open_pty(pty, sizeof(pty), &c->slave);
    if (c->master >= 0) {
        snprintf(path, sizeof(path), "/local/domain/%u/console/tty", domid);
        xs_write(xs, XBT_NULL, path, pty, strlen(pty));
    }
    name = xs_read_str("/local/domain/%u/name", domid);
    snprintf(path, sizeof(path), "%s/guest-%s.log", log_dir, name ? name : "unnamed");
    c->log = fopen(path, "a");
    c->next = consoles;
    consoles = c;
    fprintf(stderr, "xenconsoled: d%u console on %s, log %s\n", domid,
            c->master >= 0 ? pty : "(no pty)", path);
    console_drain_output(c);        /* what it wrote before we came */
    xenevtchn_notify(xce, c->local_port);
out:
    free(ref);
    free(port);
    free(name);
}

static void scan(void)
{
    unsigned int n = 0;
    char **dirs = xs_directory(xs, XBT_NULL, "/local/domain", &n);

    for (unsigned int i = 0; dirs && i < n; i++)
        attach((unsigned int)strtoul(dirs[i], NULL, 10));
    free(dirs);
    /* Drop consoles whose domain is gone. */
    for (struct console **pp = &consoles; *pp;) {
        xc_domaininfo_t info;

        /* Dying counts as gone: our mapping of its ring would keep it a zombie. */
        if (xc_domain_getinfo_single(xch, (*pp)->domid, &info) < 0 ||
            (info.flags & XEN_DOMINF_dying)) {
            struct console *dead = *pp;

            *pp = dead->next;
            console_drain_output(dead);
            fprintf(stderr, "xenconsoled: d%u gone\n", dead->domid);
            console_free(dead);
        } else {
            pp = &(*pp)->next;
        }
    }
}

static void on_event(void)
{
    int port = xenevtchn_pending(xce);

    if (port < 0)
        return;
    xenevtchn_unmask(xce, (evtchn_port_t)port);
    for (struct console *c = consoles; c; c = c->next) {
        if (c->local_port == (uint32_t)port) {
            if (console_drain_output(c))
                xenevtchn_notify(xce, c->local_port);
        }
    }
}

static int usage(int rc)
{
    fprintf(rc ? stderr : stdout,
            "usage: xenconsoled [-i|--interactive] [--log-dir DIR] [--pid-file FILE]\n");
    return rc;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "interactive", no_argument, NULL, 'i' },
        { "log-dir", required_argument, NULL, 'L' },
        { "pid-file", required_argument, NULL, 'p' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *pid_file = NULL;
    bool foreground = false;
    int opt;

    while ((opt = getopt_long(argc, argv, "ih", opts, NULL)) != -1) {
        switch (opt) {
        case 'i': foreground = true; break;
        case 'L': log_dir = optarg; break;
        case 'p': pid_file = optarg; break;
        case 'h': return usage(0);
        default: return usage(2);
        }
    }
    signal(SIGPIPE, SIG_IGN);
    mkdir(log_dir, 0755);
    /* Detach first: the XenStore library's watch thread would not survive
     * the fork. */
    if (!foreground && daemon(0, 1) < 0)
        return 1;
    xch = xc_interface_open(NULL, NULL, 0);
    xce = xenevtchn_open(NULL, 0);
    xs = xs_open(0);
    if (!xch || !xce || !xs) {
        fprintf(stderr, "xenconsoled: cannot open %s\n",
                !xch ? "privcmd" : !xce ? "/dev/xen/evtchn" : "xenstored");
        return 1;
    }
    if (!xs_watch(xs, "@introduceDomain", "i") || !xs_watch(xs, "@releaseDomain", "r")) {
        fprintf(stderr, "xenconsoled: cannot watch the store\n");
        return 1;
    }
    if (pid_file) {
        FILE *f = fopen(pid_file, "w");

        if (f) {
            fprintf(f, "%d\n", getpid());
            fclose(f);
        }
    }
    scan();
    for (;;) {
        struct pollfd fds[MAX_FDS];
        struct console *owner[MAX_FDS];
        nfds_t n = 0;

        fds[n++] = (struct pollfd){ .fd = xs_fileno(xs), .events = POLLIN };
        fds[n++] = (struct pollfd){ .fd = xenevtchn_fd(xce), .events = POLLIN };
        for (struct console *c = consoles; c && n < MAX_FDS; c = c->next) {
            if (c->master < 0)
                continue;
            owner[n] = c;
            fds[n++] = (struct pollfd){ .fd = c->master, .events = POLLIN };
        }
        if (poll(fds, n, 1000) < 0 && errno != EINTR)
            return 1;
        if (fds[0].revents & POLLIN) {
            unsigned int num;
            char **w = xs_read_watch(xs, &num);

            free(w);
            scan();
        }
        if (fds[1].revents & POLLIN)
            on_event();
        for (nfds_t i = 2; i < n; i++)
            if ((fds[i].revents & POLLIN) && console_feed_input(owner[i]))
                xenevtchn_notify(xce, owner[i]->local_port);
        /* Guests that raced our binding, and anything the events missed. */
        for (struct console *c = consoles; c; c = c->next)
            if (console_drain_output(c))
                xenevtchn_notify(xce, c->local_port);
    }
}
