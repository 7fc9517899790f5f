/* xenstored throughput: read, write, directory, transaction and watch
 * delivery with 1, 8 and 64 clients (one connection per client thread).
 * It uses only Xen's xs_* API over the daemon's Unix socket
 * ($XENSTORED_PATH, or $XENSTORED_RUNDIR/socket): built on our library it
 * measures any xenstored with the same client; built on Debian's
 * libxenstore.so.4 it measures Xen's library too.
 *   xs_bench [seconds-per-case]   the throughput table
 *   xs_bench fill [DIRS]          writes DIRS x 100 nodes under /mem, one
 *                                 transaction per directory (default 100:
 *                                 10,000 nodes, for memory figures) */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xenstore.h"

enum op { OP_READ, OP_WRITE, OP_DIRECTORY, OP_TRANSACTION, OP_COUNT };
static const char *const op_names[OP_COUNT] = { "read", "write", "directory", "transaction" };

struct job {
	enum op op;
	int id;
	double secs;
	unsigned long done;
	pthread_barrier_t *start;
};

/* What the last case did, in operations (or events) and seconds. */
static unsigned long last_total;

/* The daemon's CPU time in clock ticks, or -1 when not asked for. */
static long daemon_ticks(void)
{
	const char *pid = getenv("XS_BENCH_DAEMON_PID");
	char path[64], buf[1024], *p;
	unsigned long ut, st;
	FILE *f;
	size_t n;

	if (!pid)
		return -1;
	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')'); /* the command name may hold spaces */
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
			 &ut, &st) != 2)
		return -1;
	return (long)(ut + st);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A connection to the daemon, or exit. Connecting is retried for a while:
 * on some kernels a burst of 64 connects to a Unix socket (the client
 * threads of a case start together) now and then meets ECONNREFUSED. */
static struct xs_handle *open_store(void)
{
	struct xs_handle *h;
	int tries;

	for (tries = 0; tries < 100; tries++) {
		h = xs_open(0);
		if (h)
			return h;
		usleep(10000);
	}
	perror("xs_open");
	exit(1);
}

static void *client(void *arg)
{
	struct job *j = arg;
	struct xs_handle *h = open_store();
	char path[64], val[32];
	double end;
	unsigned int len;

	snprintf(path, sizeof(path), "/bench/c%d/key", j->id);
	xs_write(h, XBT_NULL, path, "x", 1);
	pthread_barrier_wait(j->start);
	end = now() + j->secs;
	while (now() < end) {
		int k;

		for (k = 0; k < 64; k++) {
			switch (j->op) {
			case OP_READ:
				free(xs_read(h, XBT_NULL, path, &len));
				break;
			case OP_WRITE:
				snprintf(val, sizeof(val), "%lu", j->done);
				xs_write(h, XBT_NULL, path, val, (unsigned int)strlen(val));
				break;
			case OP_DIRECTORY:
				free(xs_directory(h, XBT_NULL, "/bench/dir", &len));
				break;
			case OP_TRANSACTION: {
				xs_transaction_t t = xs_transaction_start(h);

				free(xs_read(h, t, path, &len));
				xs_write(h, t, path, "y", 1);
				xs_transaction_end(h, t, false);
				break;
			}
			default:
				break;
			}
			j->done++;
		}
	}
	xs_close(h);
	return NULL;
}

static double run(enum op op, int nclients, double secs)
{
	pthread_t *th = calloc((size_t)nclients, sizeof(*th));
	struct job *jobs = calloc((size_t)nclients, sizeof(*jobs));
	pthread_barrier_t start;
	unsigned long total = 0;
	double t0;
	int i;

	pthread_barrier_init(&start, NULL, (unsigned int)nclients + 1);
	for (i = 0; i < nclients; i++) {
		jobs[i] = (struct job){ .op = op, .id = i, .secs = secs, .start = &start };
		pthread_create(&th[i], NULL, client, &jobs[i]);
	}
	pthread_barrier_wait(&start);
	t0 = now();
	for (i = 0; i < nclients; i++) {
		pthread_join(th[i], NULL);
		total += jobs[i].done;
	}
	t0 = now() - t0;
	free(th);
	free(jobs);
	last_total = total;
	return total / t0;
}

/* One writer, n watchers on the written path: events received per second.
 * The writer writes for a fixed time, then writes an end node; a watcher
 * counts events until it sees that one. */
struct watcher {
	pthread_barrier_t *ready;
	volatile unsigned long got;
};

static void *watch_client(void *arg)
{
	struct watcher *w = arg;
	struct xs_handle *h = open_store();
	unsigned int num;
	char **v;

	xs_watch(h, "/bench/w", "t");
	free(xs_read_watch(h, &num)); /* the event every new watch fires */
	pthread_barrier_wait(w->ready);
	while ((v = xs_read_watch(h, &num))) {
		bool end = strcmp(v[XS_WATCH_PATH], "/bench/w/end") == 0;

		w->got++;
		free(v);
		if (end)
			break;
	}
	xs_close(h);
	return NULL;
}

static double run_watch(int nwatchers, double secs)
{
	pthread_t *th = calloc((size_t)nwatchers, sizeof(*th));
	struct watcher *ws = calloc((size_t)nwatchers, sizeof(*ws));
	pthread_barrier_t ready;
	struct xs_handle *h = open_store();
	unsigned long total = 0;
	double t0, end;
	int k;

	xs_rm(h, XBT_NULL, "/bench/w/end");
	pthread_barrier_init(&ready, NULL, (unsigned int)nwatchers + 1);
	for (k = 0; k < nwatchers; k++) {
		ws[k] = (struct watcher){ .ready = &ready };
		pthread_create(&th[k], NULL, watch_client, &ws[k]);
	}
	pthread_barrier_wait(&ready);
	t0 = now();
	end = t0 + secs;
	while (now() < end)
		xs_write(h, XBT_NULL, "/bench/w/x", "v", 1);
	xs_write(h, XBT_NULL, "/bench/w/end", "v", 1);
	/* A daemon that drops events would leave a watcher waiting forever:
	 * give up on it after a while, count what it got and say so. */
	for (k = 0; k < nwatchers; k++) {
		struct timespec limit;

		clock_gettime(CLOCK_REALTIME, &limit);
		limit.tv_sec += 120;
		if (pthread_timedjoin_np(th[k], NULL, &limit) != 0) {
			fprintf(stderr, "xs_bench: watcher %d never saw the end (%lu events)\n",
				k, ws[k].got);
			pthread_detach(th[k]);
		}
		total += ws[k].got;
	}
	t0 = now() - t0;
	xs_close(h);
	free(th);
	last_total = total;
	/* ws stays: a watcher given up on may still write to it. */
	return total / t0;
}

/* dirs directories of 100 keys, 8-byte values. */
static int fill(int dirs)
{
	struct xs_handle *h = open_store();
	char path[64], val[16];
	int d, k;

	for (d = 0; d < dirs; d++) {
		xs_transaction_t t = xs_transaction_start(h);

		for (k = 0; k < 100; k++) {
			snprintf(path, sizeof(path), "/mem/d%03d/key%03d", d, k);
			snprintf(val, sizeof(val), "value%03d", k);
			if (!xs_write(h, t, path, val, (unsigned int)strlen(val))) {
				perror(path);
				return 1;
			}
		}
		if (!xs_transaction_end(h, t, false)) {
			perror("transaction end");
			return 1;
		}
	}
	xs_close(h);
	return 0;
}

int main(int argc, char **argv)
{
	static const int clients[] = { 1, 8, 64 };
	double secs = argc > 1 ? atof(argv[1]) : 2.0;
	double cap[OP_COUNT + 1][3];
	struct xs_handle *h;
	int o, c;

	if (argc > 1 && strcmp(argv[1], "fill") == 0)
		return fill(argc > 2 ? atoi(argv[2]) : 100);
	h = open_store();
	/* A directory of 50 entries for the directory benchmark. */
	for (c = 0; c < 50; c++) {
		char p[64];

		snprintf(p, sizeof(p), "/bench/dir/entry%02d", c);
		xs_write(h, XBT_NULL, p, "", 0);
	}
	xs_close(h);
	printf("%-12s %12s %12s %12s   (ops/s, 1/8/64 clients)\n", "op", "1", "8", "64");
	for (o = 0; o <= OP_COUNT; o++) {
		printf("%-12s", o < OP_COUNT ? op_names[o] : "watch-event");
		for (c = 0; c < 3; c++) {
			long t0 = daemon_ticks(), t1;
			double rate = o < OP_COUNT ? run((enum op)o, clients[c], secs)
						   : run_watch(clients[c], secs);

			t1 = daemon_ticks();
			cap[o][c] = t0 >= 0 && t1 > t0 ? last_total * (double)sysconf(_SC_CLK_TCK) / (double)(t1 - t0) : 0;
			printf(" %12.0f", rate);
			fflush(stdout);
		}
		printf(o < OP_COUNT ? "\n" : "   (events delivered/s, 1/8/64 watchers)\n");
	}
	if (!getenv("XS_BENCH_DAEMON_PID"))
		return 0;
	/* Per second of the daemon's CPU; "cap-" lines keep the table apart. */
	for (o = 0; o <= OP_COUNT; o++) {
		char name[32];

		snprintf(name, sizeof(name), "cap-%s", o < OP_COUNT ? op_names[o] : "watch-event");
		printf("%-16s", name);
		for (c = 0; c < 3; c++)
			printf(" %12.0f", cap[o][c]);
		printf("\n");
	}
	return 0;
}
