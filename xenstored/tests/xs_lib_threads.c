/* Drives the client library against a running xenstored from two threads at
 * once (reads, writes, transactions) while a third waits on a watch; then
 * watches read in place, with no reader thread; prints TAP lines. Run by
 * tests/interop/t-xenstore-lib.sh. */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "xenstore.h"

#define ROUNDS 500

static struct xs_handle *shared;
static int failures[2];

static void *worker(void *arg)
{
	int id = (int)(long)arg, i;
	char path[64], val[32];

	for (i = 0; i < ROUNDS; i++) {
		unsigned int len;
		char *r;

		snprintf(path, sizeof(path), "/lib/t%d/k%d", id, i % 10);
		snprintf(val, sizeof(val), "%d-%d", id, i);
		if (!xs_write(shared, XBT_NULL, path, val, (unsigned int)strlen(val)))
			failures[id]++;
		r = xs_read(shared, XBT_NULL, path, &len);
		if (!r || len != strlen(val) || memcmp(r, val, len) != 0)
			failures[id]++;
		free(r);
		if (i % 50 == 0) {
			xs_transaction_t t;

			do {
				t = xs_transaction_start(shared);
				if (t == XBT_NULL) {
					failures[id]++;
					break;
				}
				xs_write(shared, t, "/lib/counter", val, (unsigned int)strlen(val));
			} while (!xs_transaction_end(shared, t, false) && errno == EAGAIN);
		}
	}
	return NULL;
}

static int tap(int n, int ok, const char *name)
{
	printf("%sok %d - %s\n", ok ? "" : "not ", n, name);
	return ok ? 0 : 1;
}

static int threads_now(void)
{
	DIR *d = opendir("/proc/self/task");
	int n = 0;

	while (d && readdir(d))
		n++;
	if (d)
		closedir(d);
	return n - 2; /* . and .. */
}

static void *read_one_watch(void *arg)
{
	unsigned int num;

	return xs_read_watch(arg, &num);
}

static bool is_event(void *vec, const char *path)
{
	return vec && strcmp(((char **)vec)[XS_WATCH_PATH], path) == 0;
}

/* A handle that never asks for xs_fileno reads its events itself: whichever
 * of its callers needs a message reads for all of them. Tests n to n + 3. */
static int watches_in_place(int n)
{
	struct xs_handle *h = xs_open(0);
	int before = threads_now(), bad = 0, i;
	unsigned int num;
	void *ret = NULL;
	char **vec, *r;
	pthread_t t;
	bool ok = true;

	if (!h)
		return tap(n, 0, "xs_open for the in-place checks") + 3;
	vec = xs_watch(h, "/inplace", "tok") ? xs_read_watch(h, &num) : NULL;
	bad += tap(n, is_event(vec, "/inplace") && num == 2 && threads_now() == before,
		   "xs_read_watch with no reader thread");
	free(vec);

	/* One thread waits for an event (reading the connection) while this
	 * one makes requests on the same handle: their replies reach it. */
	pthread_create(&t, NULL, read_one_watch, h);
	usleep(100000);
	for (i = 0; i < 200; i++) {
		char val[16];

		snprintf(val, sizeof(val), "%d", i);
		ok &= xs_write(h, XBT_NULL, "/other/x", val, (unsigned int)strlen(val));
		r = xs_read(h, XBT_NULL, "/other/x", NULL);
		ok &= r && strcmp(r, val) == 0;
		free(r);
	}
	xs_write(h, XBT_NULL, "/inplace/x", "1", 1);
	pthread_join(t, &ret);
	bad += tap(n + 1, ok && is_event(ret, "/inplace/x"),
		   "requests go on while another thread waits in xs_read_watch");
	free(ret);

	/* Cancelled while it waits: the handle carries on. */
	pthread_create(&t, NULL, read_one_watch, h);
	usleep(100000);
	pthread_cancel(t);
	pthread_join(t, &ret);
	r = xs_read(h, XBT_NULL, "/inplace/x", NULL);
	xs_write(h, XBT_NULL, "/inplace/y", "2", 1);
	vec = xs_read_watch(h, &num);
	bad += tap(n + 2, ret == PTHREAD_CANCELED && r && strcmp(r, "1") == 0 &&
				  is_event(vec, "/inplace/y"),
		   "a thread cancelled in xs_read_watch leaves the handle working");
	free(r);
	free(vec);

	/* An event nobody read yet is taken by xs_check_watch. */
	xs_write(shared, XBT_NULL, "/inplace/z", "3", 1);
	vec = NULL;
	for (i = 0; i < 100 && !vec; i++) {
		vec = xs_check_watch(h);
		if (!vec && errno == EAGAIN)
			usleep(50000);
	}
	bad += tap(n + 3, is_event(vec, "/inplace/z") && threads_now() == before,
		   "xs_check_watch takes the events that came in, no thread");
	free(vec);
	xs_close(h);
	return bad;
}

/* A store that takes one request and hangs up. */
static void *hang_up_after_one(void *arg)
{
	int c = accept(*(int *)arg, NULL, NULL);
	char buf[64];

	if (c >= 0) {
		if (read(c, buf, sizeof(buf)) < 0) {
			/* hanging up is all that is left to do */
		}
		close(c);
	}
	return NULL;
}

/* The connection is lost while one thread waits for an event and another
 * for a reply: both get an error, neither hangs. Test n. */
static int a_lost_connection_fails_every_waiter(int n)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int lfd = socket(AF_UNIX, SOCK_STREAM, 0), err;
	struct xs_handle *h = NULL;
	pthread_t srv, t;
	void *ret = &ret;
	char *r = NULL;
	int bad;

	snprintf(a.sun_path, sizeof(a.sun_path), "%s/lost", getenv("XENSTORED_RUNDIR"));
	unlink(a.sun_path);
	if (lfd >= 0 && bind(lfd, (struct sockaddr *)&a, sizeof(a)) == 0 && listen(lfd, 1) == 0) {
		setenv("XENSTORED_PATH", a.sun_path, 1);
		h = xs_open(XS_OPEN_SOCKETONLY);
		unsetenv("XENSTORED_PATH");
	}
	if (!h)
		return tap(n, 0, "a lost connection fails every waiter (no test store)");
	pthread_create(&srv, NULL, hang_up_after_one, &lfd);
	pthread_create(&t, NULL, read_one_watch, h);
	usleep(100000);
	r = xs_read(h, XBT_NULL, "/x", NULL);
	err = errno;
	pthread_join(t, &ret);
	pthread_join(srv, NULL);
	bad = tap(n, !r && err == EBADF && !ret && !xs_read(h, XBT_NULL, "/x", NULL),
		  "a lost connection fails every waiter");
	free(r);
	xs_close(h);
	close(lfd);
	unlink(a.sun_path);
	return bad;
}

int main(void)
{
	struct xs_handle *w;
	pthread_t th[2];
	unsigned int num = 0;
	char **vec, **dir;
	int bad = 0, i, events = 0;
	struct xs_permissions perms[2] = { { 0, XS_PERM_NONE }, { 3, XS_PERM_READ } }, *got;
	struct pollfd pfd;

	setvbuf(stdout, NULL, _IOLBF, 0); /* a hang shows where it stopped */
	printf("1..16\n");
	shared = xs_open(0);
	w = xs_open(XS_OPEN_SOCKETONLY);
	if (!shared || !w) {
		printf("not ok 1 - xs_open: %s\n", strerror(errno));
		return 1;
	}
	bad += tap(1, 1, "xs_open");

	/* A watch on its own handle, read through xs_fileno/xs_check_watch. */
	bad += tap(2, xs_watch(w, "/lib", "libtok"), "xs_watch");
	pfd.fd = xs_fileno(w);
	pfd.events = POLLIN;
	vec = xs_read_watch(w, &num); /* the initial event */
	bad += tap(3, vec && num == 2 && strcmp(vec[XS_WATCH_PATH], "/lib") == 0 &&
			      strcmp(vec[XS_WATCH_TOKEN], "libtok") == 0,
		   "initial watch event");
	free(vec);

	for (i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, worker, (void *)(long)i);
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	bad += tap(4, failures[0] == 0 && failures[1] == 0,
		   "two threads share one handle");

	/* Until the event of a last write, behind all the others, is in (or
	 * 10 s pass without one): none of them is left for the next check. */
	xs_write(shared, XBT_NULL, "/lib/end", "", 0);
	for (int waited = 0, end = 0; !end && waited < 100;) {
		if (poll(&pfd, 1, 100) <= 0) {
			waited++;
			continue;
		}
		while ((vec = xs_check_watch(w))) {
			if (strcmp(vec[XS_WATCH_PATH], "/lib/end") == 0)
				end = 1;
			else
				events++;
			free(vec);
		}
	}
	bad += tap(5, events >= 2 * ROUNDS, "watch events delivered via xs_fileno");

	/* Two events taken with xs_read_watch: once the queue is empty the fd
	 * must not stay readable, or a poll loop would block in the next read. */
	xs_write(shared, XBT_NULL, "/lib/a", "1", 1);
	xs_write(shared, XBT_NULL, "/lib/b", "2", 1);
	for (int waited = 0; waited < 100 && poll(&pfd, 1, 100) <= 0; waited++)
		;
	usleep(300000);
	free(xs_read_watch(w, &num));
	free(xs_read_watch(w, &num));
	bad += tap(6, poll(&pfd, 1, 0) == 0, "watch fd not readable once its events are taken");

	{
		/* Several reads in one round trip, a failing one among them; the
		 * connection stays in step for the calls after it. */
		const char *paths[3] = { "/lib/a", "/lib/none", "/lib/b" };
		char **v = xs_read_many(shared, XBT_NULL, paths, 3);
		char *after = xs_read(shared, XBT_NULL, "/lib/b", NULL);

		bad += tap(7, v && v[0] && strcmp(v[0], "1") == 0 && !v[1] && v[2] &&
				      strcmp(v[2], "2") == 0 && after && strcmp(after, "2") == 0,
			   "xs_read_many: values in order, NULL for a missing node");
		if (v)
			for (int k = 0; k < 3; k++)
				free(v[k]);
		free(v);
		free(after);
	}

	dir = xs_directory(shared, XBT_NULL, "/lib/t0", &num);
	bad += tap(8, dir && num == 10, "xs_directory");
	free(dir);

	xs_set_permissions(shared, XBT_NULL, "/lib/t0", perms, 2);
	got = xs_get_permissions(shared, XBT_NULL, "/lib/t0", &num);
	bad += tap(9, got && num == 2 && got[1].id == 3 && got[1].perms == XS_PERM_READ,
		   "permissions round trip");
	free(got);

	{
		char *p = xs_get_domain_path(shared, 4);

		bad += tap(10, p && strcmp(p, "/local/domain/4") == 0 &&
				      xs_is_domain_introduced(shared, 0) &&
				      !xs_is_domain_introduced(shared, 4),
			   "domain path and introduction state");
		free(p);
	}
	bad += tap(11, !xs_read(shared, XBT_NULL, "/lib/none", NULL) && errno == ENOENT &&
			      xs_rm(shared, XBT_NULL, "/lib") && xs_unwatch(w, "/lib", "libtok"),
		   "errors map to errno; rm; unwatch");
	xs_close(w);
	bad += watches_in_place(12);
	bad += a_lost_connection_fails_every_waiter(16);
	xs_close(shared);
	return bad ? 1 : 0;
}
