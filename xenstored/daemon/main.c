/* xenstored: options (Xen's), daemonising, the socket and the main loop. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "conn_ring.h"
#include "daemon.h"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void warn_syslog(const char *msg)
{
	syslog(LOG_WARNING, "%s", msg);
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage:\n\n  xenstored <options>\n\nwhere options may include:\n\n"
		"  -D, --no-domain-init    do not set up dom0's ring or any domain ring,\n"
		"  -F, --pid-file <file>   write the daemon's pid to <file>,\n"
		"  -H, --help              print this message,\n"
		"  -N, --no-fork           stay in the foreground,\n"
		"  -P, --output-pid        print the pid of the daemon,\n"
		"  -T, --trace-file <file> log requests to <file>,\n"
		"  -E, --entry-nb <nb>     limit the number of nodes per domain,\n"
		"  -S, --entry-size <size> limit the size of a node,\n"
		"  -W, --watch-nb <nb>     limit the number of watches per domain,\n"
		"  -t, --transaction <nb>  limit the transactions per domain,\n"
		"  -A, --perm-nb <nb>      limit the permissions per node,\n"
		"  -M, --path-max <chars>  limit the length of a node path,\n"
		"  -Q, --quota <what>=<nb> set quota <what>: nodes, watches, outstanding,\n"
		"                          memory, transactions, transaction-nodes,\n"
		"                          node-permissions, path-max, node-size,\n"
		"  -q, --quota-soft <what>=<nb> set a soft quota <what> to <nb>, causing a\n"
		"                          warning to be logged (syslog) when a domain\n"
		"                          exceeds it; <what> may be: memory,\n"
		"  -w, --timeout <what>=<seconds> set the timeout for <what>: watch-event\n"
		"                          (how long an event may wait for a domain),\n"
		"  -K, --keep-orphans      don't delete nodes owned by a domain when the\n"
		"                          domain is deleted (this is a security risk!),\n"
		"  -V, --verbose           verbose execution.\n"
		"Environment: XENSTORED_RUNDIR (default /run/xenstored) holds 'socket';\n"
		"XENSTORED_PATH overrides the socket path.\n");
}

static int uint_opt(const char *arg, unsigned int *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (!*arg || *end || errno || v > INT_MAX || arg[0] == '-')
		return -1;
	*out = (unsigned int)v;
	return 0;
}

static int write_pidfile(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fprintf(f, "%ld\n", (long)getpid());
	return fclose(f);
}

static void daemonise(void)
{
	pid_t pid = fork();
	int fd;

	if (pid < 0) {
		perror("xenstored: fork");
		exit(1);
	}
	if (pid)
		exit(0);
	setsid();
	pid = fork();
	if (pid < 0)
		exit(1);
	if (pid)
		exit(0);
	if (chdir("/") != 0)
		exit(1);
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "no-domain-init", 0, NULL, 'D' }, { "entry-nb", 1, NULL, 'E' },
		{ "pid-file", 1, NULL, 'F' },       { "help", 0, NULL, 'H' },
		{ "no-fork", 0, NULL, 'N' },        { "output-pid", 0, NULL, 'P' },
		{ "entry-size", 1, NULL, 'S' },     { "trace-file", 1, NULL, 'T' },
		{ "transaction", 1, NULL, 't' },    { "perm-nb", 1, NULL, 'A' },
		{ "path-max", 1, NULL, 'M' },       { "quota", 1, NULL, 'Q' },
		{ "quota-soft", 1, NULL, 'q' },     { "timeout", 1, NULL, 'w' },
		{ "keep-orphans", 0, NULL, 'K' },   { "watch-nb", 1, NULL, 'W' },
		{ "verbose", 0, NULL, 'V' },        { "internal-db", 0, NULL, 'I' },
		{ "no-recovery", 0, NULL, 'R' },    { "event", 1, NULL, 'e' },
		{ "master-domid", 1, NULL, 'm' },   { "priv-domid", 1, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	static struct daemon dmn;
	const char *pidfile = NULL, *tracefile = NULL, *rundir, *sockpath;
	bool dofork = true, domain_init = true, output_pid = false, keep_orphans = false;
	unsigned int soft_memory = XS_QUOTA_MEMORY_SOFT_DEFAULT;
	unsigned int watch_event_ms = XS_TIMEOUT_WATCH_EVENT_DEFAULT_MS;
	char pathbuf[PATH_MAX];
	struct sigaction sa;
	sigset_t stops, waiting;
	struct xs_quota q;
	int opt, rc;

	quota_defaults(&q);
	while ((opt = getopt_long(argc, argv, "DE:F:HNPS:t:A:M:Q:q:T:W:w:KVIRe:m:p:",
				  opts, NULL)) != -1) {
		unsigned int v = 0;

		switch (opt) {
		case 'D': domain_init = false; break;
		case 'F': pidfile = optarg; break;
		case 'H': usage(stdout); return 0;
		case 'N': dofork = false; break;
		case 'P': output_pid = true; break;
		case 'T': tracefile = optarg; break;
		case 'V': dmn.core.verbose = true; break;
		case 'E': case 'S': case 't': case 'A': case 'M': case 'W':
			if (uint_opt(optarg, &v)) {
				fprintf(stderr, "xenstored: invalid parameter value \"%s\"\n", optarg);
				return 1;
			}
			q.val[opt == 'E' ? XS_QUOTA_NODES : opt == 'S' ? XS_QUOTA_NODE_SIZE :
			      opt == 't' ? XS_QUOTA_TRANSACTIONS : opt == 'A' ? XS_QUOTA_NODE_PERMS :
			      opt == 'M' ? XS_QUOTA_PATH_MAX : XS_QUOTA_WATCHES] = v;
			if (opt == 'M' && v > XENSTORE_REL_PATH_MAX)
				q.val[XS_QUOTA_PATH_MAX] = XENSTORE_REL_PATH_MAX;
			break;
		case 'Q':
			if (quota_set_from_arg(&q, optarg)) {
				fprintf(stderr, "xenstored: unknown quota \"%s\"\n", optarg);
				return 1;
			}
			break;
		case 'K': keep_orphans = true; break;
		case 'q':
			if (quota_soft_from_arg(&soft_memory, optarg)) {
				fprintf(stderr, "xenstored: unknown quota \"%s\"\n", optarg);
				return 1;
			}
			break;
		case 'w':
			if (timeout_from_arg(&watch_event_ms, optarg)) {
				fprintf(stderr, "xenstored: unknown timeout \"%s\"\n", optarg);
				return 1;
			}
			break;
		case 'I': case 'R': case 'e': case 'm': case 'p':
			break; /* accepted for compatibility with Xen's command lines */
		default:
			usage(stderr);
			return 1;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "xenstored: no arguments desired\n");
		return 1;
	}

	{
		bool verbose = dmn.core.verbose;

		if (core_init(&dmn.core)) {
			fprintf(stderr, "xenstored: out of memory\n");
			return 1;
		}
		dmn.core.verbose = verbose;
	}
	dmn.core.quota = q;
	dmn.core.keep_orphans = keep_orphans;
	dmn.core.quota_soft_memory = soft_memory;
	dmn.core.timeout_watch_event_ms = watch_event_ms;
	dmn.core.warn = warn_syslog;
	if (tracefile) {
		dmn.core.trace = fopen(tracefile, "a");
		if (!dmn.core.trace) {
			perror(tracefile);
			return 1;
		}
	}
	if (loop_init(&dmn.loop)) {
		perror("xenstored: epoll");
		return 1;
	}

	rundir = getenv("XENSTORED_RUNDIR");
	if (!rundir || !*rundir)
		rundir = "/run/xenstored";
	sockpath = getenv("XENSTORED_PATH");
	if (!sockpath || !*sockpath) {
		snprintf(pathbuf, sizeof(pathbuf), "%s/socket", rundir);
		sockpath = pathbuf;
		if (mkdir(rundir, 0755) && errno != EEXIST) {
			fprintf(stderr, "xenstored: cannot create %s: %s\n", rundir,
				strerror(errno));
			return 1;
		}
	}
	rc = socket_listen(&dmn, sockpath);
	if (rc) {
		fprintf(stderr, "xenstored: cannot listen on %s: %s\n", sockpath,
			strerror(-rc));
		return 1;
	}
	rc = rings_init(&dmn, domain_init);
	if (rc) {
		fprintf(stderr, "xenstored: cannot set up domain rings: %s "
				"(use --no-domain-init without Xen)\n", strerror(-rc));
		return 1;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* A stop signal is let in only while the loop waits, so none can slip
	 * in between the check of stop_requested and a wait with no timeout. */
	sigemptyset(&stops);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGINT);
	sigprocmask(SIG_BLOCK, &stops, &waiting);
	sigdelset(&waiting, SIGTERM);
	sigdelset(&waiting, SIGINT);

	if (dofork)
		daemonise();
	if (pidfile && write_pidfile(pidfile)) {
		fprintf(stderr, "xenstored: cannot write %s\n", pidfile);
		return 1;
	}
	if (output_pid) {
		printf("%ld\n", (long)getpid());
		fflush(stdout);
	}
	if (dmn.core.verbose)
		fprintf(stderr, "xenstored: listening on %s\n", sockpath);

	while (!stop_requested) {
		/* No timer runs unless an event waits that can expire. */
		if (loop_run_once(&dmn.loop, daemon_expire_events(&dmn), &waiting) < 0)
			break;
		daemon_flush_pending(&dmn);
		rings_resume(&dmn);
		daemon_flush_pending(&dmn);
		daemon_reap(&dmn);
	}
	socket_close_listener(&dmn);
	{
		struct daemon_conn *c;

		for (c = dmn.conns; c; c = c->next)
			daemon_conn_kill(c);
		daemon_reap(&dmn);
	}
	core_destroy(&dmn.core);
	loop_destroy(&dmn.loop);
	if (pidfile)
		unlink(pidfile);
	return 0;
}
