/*
 * xenlet-qdisk: dom0's userspace block backend (the part QEMU's qdisk plays
 * for Xen), for disks configured with backendtype=qdisk. Watches
 * /local/domain/0/backend/qdisk and serves every device found there from
 * its raw image file. One thread: a poll loop over the XenStore watch fd
 * and the event channel fd.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "backend.h"

static int usage(int rc)
{
	fprintf(rc ? stderr : stdout,
		"usage: xenlet-qdisk [-i|--interactive] [-v|--verbose] [--pid-file FILE]\n"
		"Serves the PV disks under " QDISK_BACKEND_ROOT " from raw image files.\n");
	return rc;
}

static void write_pid(const char *file)
{
	FILE *f = fopen(file, "w");

	if (f) {
		fprintf(f, "%d\n", getpid());
		fclose(f);
	}
}

/* Takes every queued watch event without blocking: never xs_read_watch,
 * which would wait for the next event while rings wait. The fd (a
 * non-blocking pipe, readable while events are queued) is emptied first,
 * then the queue; an event that comes in between only makes poll wake once
 * more for nothing. */
static void drain_watches(struct xs_handle *xs)
{
	char buf[64], **w;

	while (read(xs_fileno(xs), buf, sizeof(buf)) > 0)
		;
	while ((w = xs_check_watch(xs)))
		free(w);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "interactive", no_argument, NULL, 'i' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "pid-file", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct qdisk_backend b;
	const char *pid_file = NULL;
	bool foreground = false, verbose = false;
	int opt;

	while ((opt = getopt_long(argc, argv, "ihv", opts, NULL)) != -1) {
		switch (opt) {
		case 'i': foreground = true; break;
		case 'v': verbose = true; break;
		case 'p': pid_file = optarg; break;
		case 'h': return usage(0);
		default: return usage(2);
		}
	}
	if (optind != argc)
		return usage(2);
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stderr, NULL, _IOLBF, 0);
	/* Detach before opening anything: the XenStore library's watch
	 * thread would not survive the fork. */
	if (!foreground && daemon(0, 1) < 0)
		return 1;
	if (qdisk_backend_open(&b) < 0)
		return 1;
	b.verbose = verbose;
	if (!xs_watch(b.xs, QDISK_BACKEND_ROOT, "be") ||
	    !xs_watch(b.xs, "@releaseDomain", "rel")) {
		fprintf(stderr, "xenlet-qdisk: cannot watch the store\n");
		return 1;
	}
	if (pid_file)
		write_pid(pid_file);
	fprintf(stderr, "xenlet-qdisk: watching " QDISK_BACKEND_ROOT "\n");
	qdisk_backend_scan(&b);
	for (;;) {
		struct pollfd fds[2] = {
			{ .fd = xs_fileno(b.xs), .events = POLLIN },
			{ .fd = xenevtchn_fd(b.xce), .events = POLLIN },
		};

		if (poll(fds, 2, qdisk_backend_has_more(&b) ? 0 : -1) < 0 && errno != EINTR)
			return 1;
		if (fds[0].revents & POLLIN) {
			drain_watches(b.xs);
			qdisk_backend_scan(&b);
		}
		if (fds[1].revents & POLLIN) {
			int port = xenevtchn_pending(b.xce);

			if (port >= 0) {
				xenevtchn_unmask(b.xce, (evtchn_port_t)port);
				qdisk_backend_kick(&b, (uint32_t)port);
			}
		}
		qdisk_backend_run_more(&b);
	}
}
