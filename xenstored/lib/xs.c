/* The xs_* client: one request at a time per handle (request_mutex). The
 * connection carries replies and watch events mixed; whichever caller needs
 * a message and finds nobody reading reads it itself and files what it gets
 * for the others, so a reply or an event reaches its caller with no thread
 * in between. Only xs_fileno's users, who poll a pipe, get a reader thread. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#include "xenstore.h"

struct xs_msg {
	struct xs_msg *next;
	struct xsd_sockmsg hdr;
	char *body; /* hdr.len bytes plus a NUL */
};

struct msg_list {
	struct xs_msg *head, **tail;
};

struct xs_handle {
	int fd;
	bool is_socket;
	bool unwatch_filter;
	pthread_mutex_t request_mutex; /* one request/reply exchange at a time */
	pthread_mutex_t lock;          /* the lists and state below */
	pthread_cond_t reply_cond, watch_cond;
	struct msg_list replies, watches;
	int watch_pipe[2];
	bool reader_running;
	bool reading; /* a thread is reading messages from fd */
	bool broken;  /* the connection failed: every call fails from now on */
	pthread_t reader;
	/* Read ahead from fd, not yet parsed: a reply's header and body come
	 * in one read. Used only by the thread that is reading. */
	size_t rx_start, rx_end;
	char rx[4096];
};

static void list_init(struct msg_list *l)
{
	l->head = NULL;
	l->tail = &l->head;
}

static void list_push(struct msg_list *l, struct xs_msg *m)
{
	m->next = NULL;
	*l->tail = m;
	l->tail = &m->next;
}

static struct xs_msg *list_pop(struct msg_list *l)
{
	struct xs_msg *m = l->head;

	if (m) {
		l->head = m->next;
		if (!l->head)
			l->tail = &l->head;
	}
	return m;
}

static void list_free(struct msg_list *l)
{
	struct xs_msg *m;

	while ((m = list_pop(l))) {
		free(m->body);
		free(m);
	}
}

static int connect_to(const char *path, bool *is_socket)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	struct stat st;
	int fd;

	if (stat(path, &st))
		return -1;
	*is_socket = S_ISSOCK(st.st_mode);
	if (!*is_socket)
		return open(path, O_RDWR | O_CLOEXEC);
	if (strlen(path) >= sizeof(addr.sun_path)) {
		errno = EINVAL;
		return -1;
	}
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static struct xs_handle *handle_new(const char *path)
{
	struct xs_handle *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->fd = connect_to(path, &h->is_socket);
	if (h->fd < 0) {
		int e = errno;

		free(h);
		errno = e;
		return NULL;
	}
	pthread_mutex_init(&h->request_mutex, NULL);
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->reply_cond, NULL);
	pthread_cond_init(&h->watch_cond, NULL);
	list_init(&h->replies);
	list_init(&h->watches);
	h->watch_pipe[0] = h->watch_pipe[1] = -1;
	return h;
}

struct xs_handle *xs_open(unsigned long flags)
{
	struct xs_handle *h = handle_new(xs_daemon_socket());

	if (!h && !(flags & XS_OPEN_SOCKETONLY))
		h = handle_new(xs_domain_dev());
	if (h && (flags & XS_UNWATCH_FILTER))
		h->unwatch_filter = true;
	return h;
}

struct xs_handle *xs_daemon_open(void) { return xs_open(0); }
struct xs_handle *xs_domain_open(void) { return xs_open(0); }
struct xs_handle *xs_daemon_open_readonly(void) { return xs_open(0); }

void xs_close(struct xs_handle *h)
{
	if (!h)
		return;
	if (h->reader_running) {
		/* Wake the reader out of read(): sockets can be shut down. */
		if (h->is_socket)
			shutdown(h->fd, SHUT_RDWR);
		else
			pthread_cancel(h->reader);
		pthread_join(h->reader, NULL);
	}
	list_free(&h->replies);
	list_free(&h->watches);
	if (h->watch_pipe[0] >= 0) {
		close(h->watch_pipe[0]);
		close(h->watch_pipe[1]);
	}
	close(h->fd);
	pthread_mutex_destroy(&h->request_mutex);
	pthread_mutex_destroy(&h->lock);
	pthread_cond_destroy(&h->reply_cond);
	pthread_cond_destroy(&h->watch_cond);
	free(h);
}

void xs_daemon_close(struct xs_handle *h)
{
	xs_close(h);
}

/* Refills the empty read-ahead buffer with one read(); false when the
 * connection failed or was closed (EBADF). */
static bool fill_rx(struct xs_handle *h)
{
	ssize_t n;

	do
		n = read(h->fd, h->rx, sizeof(h->rx));
	while (n < 0 && errno == EINTR);
	if (n <= 0) {
		if (n == 0)
			errno = EBADF;
		return false;
	}
	h->rx_start = 0;
	h->rx_end = (size_t)n;
	return true;
}

static bool read_all(struct xs_handle *h, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		size_t k = h->rx_end - h->rx_start;

		if (!k) {
			if (!fill_rx(h))
				return false;
			continue;
		}
		k = k < len ? k : len;
		memcpy(p, h->rx + h->rx_start, k);
		h->rx_start += k;
		p += k;
		len -= k;
	}
	return true;
}

static bool write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == ENOTSOCK)
			n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/* Reads the rest of a message that has begun to arrive and files it as a
 * reply or an event. */
static int take_message(struct xs_handle *h)
{
	struct xs_msg *m = calloc(1, sizeof(*m));

	if (!m)
		return -1;
	if (!read_all(h, &m->hdr, sizeof(m->hdr)))
		goto fail;
	if (m->hdr.len > XENSTORE_PAYLOAD_MAX) {
		errno = E2BIG;
		goto fail;
	}
	m->body = malloc(m->hdr.len + 1);
	if (!m->body || !read_all(h, m->body, m->hdr.len))
		goto fail;
	m->body[m->hdr.len] = '\0';

	pthread_mutex_lock(&h->lock);
	if (m->hdr.type == XS_WATCH_EVENT) {
		/* The pipe holds one byte exactly while events are queued. */
		bool was_empty = !h->watches.head;

		list_push(&h->watches, m);
		pthread_cond_broadcast(&h->watch_cond);
		if (was_empty && h->watch_pipe[1] >= 0) {
			char c = 0;

			if (write(h->watch_pipe[1], &c, 1) < 0) {
				/* the pipe is full: it is readable anyway */
			}
		}
	} else {
		list_push(&h->replies, m);
		pthread_cond_broadcast(&h->reply_cond);
	}
	pthread_mutex_unlock(&h->lock);
	return 0;
fail:
	free(m->body);
	free(m);
	return -1;
}

/* Reads one message and files it; h->reading is ours. A thread cancelled
 * here is cancelled only while it waits for a message to begin, so the
 * connection never loses half a message (nor h->lock, taken to file it). */
static int read_message(struct xs_handle *h)
{
	int cancel_state, rc;

	if (h->rx_start == h->rx_end && !fill_rx(h))
		return -1;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel_state);
	rc = take_message(h);
	pthread_setcancelstate(cancel_state, NULL);
	return rc;
}

/* Gives up reading (h->lock held): a caller waiting for a message of the
 * other kind takes over. */
static void stop_reading(struct xs_handle *h, int rc)
{
	h->reading = false;
	if (rc)
		h->broken = true;
	pthread_cond_broadcast(&h->reply_cond);
	pthread_cond_broadcast(&h->watch_cond);
}

static void stop_reading_cancelled(void *arg)
{
	struct xs_handle *h = arg;

	pthread_mutex_lock(&h->lock);
	stop_reading(h, 0);
	pthread_mutex_unlock(&h->lock);
}

static void unlock_cancelled(void *arg)
{
	pthread_mutex_unlock(arg);
}

/* read_message by the thread that is reading; cancelled in it, that thread
 * gives up reading for whoever comes next. */
static int read_message_cancellable(struct xs_handle *h)
{
	int rc;

	pthread_cleanup_push(stop_reading_cancelled, h);
	rc = read_message(h);
	pthread_cleanup_pop(0);
	return rc;
}

static void wait_cancellable(pthread_cond_t *cond, pthread_mutex_t *lock)
{
	pthread_cleanup_push(unlock_cancelled, lock);
	pthread_cond_wait(cond, lock);
	pthread_cleanup_pop(0);
}

/* Waits (h->lock held) for a message on list, reading the connection
 * whenever nobody else is. NULL once the connection has failed. Both waits
 * are cancellation points, as in Xen's library. */
static struct xs_msg *wait_for(struct xs_handle *h, struct msg_list *list,
			       pthread_cond_t *cond)
{
	struct xs_msg *m;
	bool mine = false;
	int rc = 0;

	while (!(m = list_pop(list)) && !h->broken && !rc) {
		if (h->reading && !mine) {
			wait_cancellable(cond, &h->lock);
			continue;
		}
		h->reading = mine = true;
		pthread_mutex_unlock(&h->lock);
		rc = read_message_cancellable(h);
		pthread_mutex_lock(&h->lock);
	}
	if (mine)
		stop_reading(h, rc);
	if (!m)
		errno = EBADF;
	return m;
}

/* Files messages as they come, for xs_fileno's pipe. */
static void *reader_main(void *arg)
{
	struct xs_handle *h = arg;
	int rc;

	pthread_mutex_lock(&h->lock);
	while (h->reading)
		wait_cancellable(&h->reply_cond, &h->lock);
	h->reading = true;
	pthread_mutex_unlock(&h->lock);
	while ((rc = read_message_cancellable(h)) == 0)
		;
	pthread_mutex_lock(&h->lock);
	stop_reading(h, rc);
	pthread_mutex_unlock(&h->lock);
	return NULL;
}

/* Called with h->lock held. */
static bool start_reader(struct xs_handle *h)
{
	sigset_t all, old;
	int rc;

	if (h->reader_running)
		return true;
	/* The reader must not take the caller's signals. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&h->reader, NULL, reader_main, h);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		errno = rc;
		return false;
	}
	h->reader_running = true;
	return true;
}

static int error_from_name(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++)
		if (strcmp(name, xsd_errors[i].errstring) == 0)
			return xsd_errors[i].errnum;
	return EINVAL;
}

/* The next reply on the connection (request_mutex held), or NULL. */
static struct xs_msg *next_reply(struct xs_handle *h)
{
	struct xs_msg *m;

	pthread_mutex_lock(&h->lock);
	m = wait_for(h, &h->replies, &h->reply_cond);
	pthread_mutex_unlock(&h->lock);
	return m;
}

/* Sends one request made of iov (payload parts) and returns the malloc'ed
 * reply body (NUL-terminated), or NULL with errno. */
static void *talk(struct xs_handle *h, xs_transaction_t t, uint32_t type,
		  const struct iovec *iov, unsigned int n, unsigned int *len)
{
	struct xsd_sockmsg hdr = { .type = type, .tx_id = t };
	struct xs_msg *m = NULL;
	unsigned int i;
	size_t total = 0;
	char *buf;
	void *body;

	for (i = 0; i < n; i++)
		total += iov[i].iov_len;
	if (total > XENSTORE_PAYLOAD_MAX) {
		errno = E2BIG;
		return NULL;
	}
	hdr.len = (uint32_t)total;
	buf = malloc(sizeof(hdr) + total);
	if (!buf)
		return NULL;
	memcpy(buf, &hdr, sizeof(hdr));
	total = sizeof(hdr);
	for (i = 0; i < n; i++) {
		memcpy(buf + total, iov[i].iov_base, iov[i].iov_len);
		total += iov[i].iov_len;
	}

	pthread_mutex_lock(&h->request_mutex);
	if (h->broken || !write_all(h->fd, buf, total)) {
		if (!errno || h->broken)
			errno = EBADF;
		h->broken = true;
		goto out;
	}
	m = next_reply(h);
out:
	pthread_mutex_unlock(&h->request_mutex);
	free(buf);
	if (!m)
		return NULL;
	if (m->hdr.type == XS_ERROR) {
		int e = error_from_name(m->body);

		free(m->body);
		free(m);
		errno = e;
		return NULL;
	}
	if (m->hdr.type != type) {
		free(m->body);
		free(m);
		errno = EBADF;
		return NULL;
	}
	if (len)
		*len = m->hdr.len;
	body = m->body;
	free(m);
	return body;
}

static void *talk_str(struct xs_handle *h, xs_transaction_t t, uint32_t type,
		      const char *s, unsigned int *len)
{
	struct iovec iov = { (void *)s, strlen(s) + 1 };

	return talk(h, t, type, &iov, 1, len);
}

static bool talk_ok(void *reply)
{
	int e = errno;

	if (!reply)
		return false;
	free(reply);
	errno = e;
	return true;
}

/* Turns a block of NUL-terminated strings into one malloc'ed char *[]. */
static char **split_strings(char *strings, unsigned int len, unsigned int *num)
{
	unsigned int n = xs_count_strings(strings, len), i;
	char **vec = malloc(n * sizeof(char *) + len + 1);
	char *copy, *p;

	if (!vec) {
		free(strings);
		return NULL;
	}
	copy = (char *)&vec[n];
	memcpy(copy, strings, len);
	copy[len] = '\0';
	free(strings);
	for (i = 0, p = copy; i < n; i++, p += strlen(p) + 1)
		vec[i] = p;
	*num = n;
	return vec;
}

static char **directory_part(struct xs_handle *h, xs_transaction_t t,
			     const char *path, unsigned int *num)
{
	char *acc = NULL, gen[32] = "";
	unsigned int off = 0;

	for (;;) {
		char offstr[16];
		struct iovec iov[2] = { { (void *)path, strlen(path) + 1 },
					{ offstr, 0 } };
		unsigned int rlen, glen, chunk;
		char *r, *na;

		snprintf(offstr, sizeof(offstr), "%u", off);
		iov[1].iov_len = strlen(offstr) + 1;
		r = talk(h, t, XS_DIRECTORY_PART, iov, 2, &rlen);
		if (!r) {
			free(acc);
			return NULL;
		}
		glen = (unsigned int)strnlen(r, rlen) + 1;
		if (glen > rlen) {
			free(r);
			free(acc);
			errno = EIO;
			return NULL;
		}
		if (off && strcmp(gen, r) != 0) {
			/* The directory changed under us: start again. */
			free(r);
			free(acc);
			acc = NULL;
			off = 0;
			gen[0] = '\0';
			continue;
		}
		snprintf(gen, sizeof(gen), "%s", r);
		chunk = rlen - glen;
		na = realloc(acc, off + chunk + 1);
		if (!na) {
			free(r);
			free(acc);
			return NULL;
		}
		acc = na;
		memcpy(acc + off, r + glen, chunk);
		free(r);
		off += chunk;
		/* An empty string after the last name ends the list. */
		if (chunk == 0 || (off >= 2 && acc[off - 2] == '\0') || off <= 1)
			break;
	}
	if (off >= 1 && acc && off > 1)
		off--; /* drop the terminating empty string */
	else
		off = 0;
	if (!acc)
		acc = calloc(1, 1);
	return split_strings(acc, off, num);
}

char **xs_directory(struct xs_handle *h, xs_transaction_t t, const char *path,
		    unsigned int *num)
{
	unsigned int len;
	char *r = talk_str(h, t, XS_DIRECTORY, path, &len);

	if (!r)
		return errno == E2BIG ? directory_part(h, t, path, num) : NULL;
	return split_strings(r, len, num);
}

void *xs_read(struct xs_handle *h, xs_transaction_t t, const char *path,
	      unsigned int *len)
{
	return talk_str(h, t, XS_READ, path, len);
}

char **xs_read_many(struct xs_handle *h, xs_transaction_t t, const char *const *paths,
		    unsigned int n)
{
	char **out = calloc(n ? n : 1, sizeof(*out));
	size_t total = 0, off = 0;
	char *buf;

	if (!out)
		return NULL;
	for (unsigned int i = 0; i < n; i++) {
		size_t len = strlen(paths[i]) + 1;

		if (len > XENSTORE_PAYLOAD_MAX) {
			free(out);
			errno = E2BIG;
			return NULL;
		}
		total += sizeof(struct xsd_sockmsg) + len;
	}
	buf = malloc(total ? total : 1);
	if (!buf) {
		free(out);
		return NULL;
	}
	for (unsigned int i = 0; i < n; i++) {
		struct xsd_sockmsg hdr = { .type = XS_READ, .tx_id = t,
					   .len = (uint32_t)strlen(paths[i]) + 1 };

		memcpy(buf + off, &hdr, sizeof(hdr));
		memcpy(buf + off + sizeof(hdr), paths[i], hdr.len);
		off += sizeof(hdr) + hdr.len;
	}
	/* One write, then the replies in order: one round trip for all. */
	pthread_mutex_lock(&h->request_mutex);
	if (h->broken || !write_all(h->fd, buf, total)) {
		h->broken = true;
		pthread_mutex_unlock(&h->request_mutex);
		free(buf);
		free(out);
		errno = EBADF;
		return NULL;
	}
	for (unsigned int i = 0; i < n; i++) {
		struct xs_msg *m = next_reply(h);

		if (!m)
			break;
		if (m->hdr.type == XS_READ)
			out[i] = m->body;
		else
			free(m->body);
		free(m);
	}
	pthread_mutex_unlock(&h->request_mutex);
	free(buf);
	return out;
}

bool xs_write(struct xs_handle *h, xs_transaction_t t, const char *path,
	      const void *data, unsigned int len)
{
	struct iovec iov[2] = { { (void *)path, strlen(path) + 1 },
				{ (void *)data, len } };

	return talk_ok(talk(h, t, XS_WRITE, iov, 2, NULL));
}

bool xs_mkdir(struct xs_handle *h, xs_transaction_t t, const char *path)
{
	return talk_ok(talk_str(h, t, XS_MKDIR, path, NULL));
}

bool xs_rm(struct xs_handle *h, xs_transaction_t t, const char *path)
{
	return talk_ok(talk_str(h, t, XS_RM, path, NULL));
}

struct xs_permissions *xs_get_permissions(struct xs_handle *h, xs_transaction_t t,
					  const char *path, unsigned int *num)
{
	unsigned int len;
	char *r = talk_str(h, t, XS_GET_PERMS, path, &len);
	struct xs_permissions *p;

	if (!r)
		return NULL;
	*num = xs_count_strings(r, len);
	p = calloc(*num ? *num : 1, sizeof(*p));
	if (p && !xs_strings_to_perms(p, *num, r)) {
		free(p);
		p = NULL;
		errno = EINVAL;
	}
	free(r);
	return p;
}

bool xs_set_permissions(struct xs_handle *h, xs_transaction_t t, const char *path,
			struct xs_permissions *perms, unsigned int num_perms)
{
	char buf[XENSTORE_PAYLOAD_MAX];
	size_t used = 0;
	unsigned int i;
	struct iovec iov[2];

	for (i = 0; i < num_perms; i++) {
		if (!xs_perm_to_string(&perms[i], buf + used, sizeof(buf) - used)) {
			errno = E2BIG;
			return false;
		}
		used += strlen(buf + used) + 1;
	}
	iov[0].iov_base = (void *)path;
	iov[0].iov_len = strlen(path) + 1;
	iov[1].iov_base = buf;
	iov[1].iov_len = used;
	return talk_ok(talk(h, t, XS_SET_PERMS, iov, 2, NULL));
}

bool xs_watch(struct xs_handle *h, const char *path, const char *token)
{
	struct iovec iov[2] = { { (void *)path, strlen(path) + 1 },
				{ (void *)token, strlen(token) + 1 } };

	return talk_ok(talk(h, XBT_NULL, XS_WATCH, iov, 2, NULL));
}

bool xs_unwatch(struct xs_handle *h, const char *path, const char *token)
{
	struct iovec iov[2] = { { (void *)path, strlen(path) + 1 },
				{ (void *)token, strlen(token) + 1 } };
	bool ok = talk_ok(talk(h, XBT_NULL, XS_UNWATCH, iov, 2, NULL));

	if (ok && h->unwatch_filter) {
		struct msg_list keep;
		struct xs_msg *m;

		list_init(&keep);
		pthread_mutex_lock(&h->lock);
		while ((m = list_pop(&h->watches))) {
			const char *tok = m->body + strlen(m->body) + 1;

			if ((size_t)(tok - m->body) < m->hdr.len && strcmp(tok, token) == 0 &&
			    xs_path_is_subpath(path, m->body)) {
				free(m->body);
				free(m);
			} else {
				list_push(&keep, m);
			}
		}
		h->watches = keep;
		if (!h->watches.head)
			h->watches.tail = &h->watches.head;
		pthread_mutex_unlock(&h->lock);
	}
	return ok;
}

int xs_fileno(struct xs_handle *h)
{
	pthread_mutex_lock(&h->lock);
	/* The pipe is polled, not read through us: events must come in on
	 * their own. */
	if (!start_reader(h)) {
		pthread_mutex_unlock(&h->lock);
		return -1;
	}
	if (h->watch_pipe[0] < 0 && pipe2(h->watch_pipe, O_CLOEXEC | O_NONBLOCK) == 0 &&
	    h->watches.head) {
		char c = 0;

		if (write(h->watch_pipe[1], &c, 1) < 0) {
			/* cannot happen on an empty pipe */
		}
	}
	pthread_mutex_unlock(&h->lock);
	return h->watch_pipe[0];
}

/* m, just taken from the queue of events, as Xen's vector (h->lock held). */
static char **take_watch(struct xs_handle *h, struct xs_msg *m, unsigned int *num)
{
	char **vec;

	if (h->watch_pipe[0] >= 0 && !h->watches.head) {
		char c;

		if (read(h->watch_pipe[0], &c, 1) < 0) {
			/* nothing to drain */
		}
	}
	vec = split_strings(m->body, m->hdr.len, num);
	free(m);
	return vec;
}

char **xs_read_watch(struct xs_handle *h, unsigned int *num)
{
	struct xs_msg *m;
	char **vec = NULL;

	pthread_mutex_lock(&h->lock);
	m = wait_for(h, &h->watches, &h->watch_cond);
	if (m)
		vec = take_watch(h, m, num);
	pthread_mutex_unlock(&h->lock);
	if (vec && *num < 2) {
		free(vec);
		errno = EINVAL;
		return NULL;
	}
	return vec;
}

/* Files the messages that have already come in, without waiting for more
 * (h->lock held, nobody reading). */
static void read_arrived(struct xs_handle *h)
{
	struct pollfd p = { .fd = h->fd, .events = POLLIN };
	int rc = 0, cancel_state;

	h->reading = true;
	pthread_mutex_unlock(&h->lock);
	/* Nothing here waits: no cancellation point is wanted. */
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel_state);
	while (!rc && (h->rx_start < h->rx_end || poll(&p, 1, 0) > 0))
		rc = read_message(h);
	pthread_setcancelstate(cancel_state, NULL);
	pthread_mutex_lock(&h->lock);
	stop_reading(h, rc);
}

char **xs_check_watch(struct xs_handle *h)
{
	struct xs_msg *m;
	char **vec = NULL;
	unsigned int num;

	pthread_mutex_lock(&h->lock);
	if (!h->watches.head && !h->reading && !h->broken)
		read_arrived(h);
	m = list_pop(&h->watches);
	if (m)
		vec = take_watch(h, m, &num);
	else
		errno = h->broken ? EBADF : EAGAIN;
	pthread_mutex_unlock(&h->lock);
	return vec;
}

xs_transaction_t xs_transaction_start(struct xs_handle *h)
{
	char *r = talk_str(h, XBT_NULL, XS_TRANSACTION_START, "", NULL);
	unsigned long id;

	if (!r)
		return XBT_NULL;
	id = strtoul(r, NULL, 10);
	free(r);
	return (xs_transaction_t)id;
}

bool xs_transaction_end(struct xs_handle *h, xs_transaction_t t, bool abort)
{
	return talk_ok(talk_str(h, t, XS_TRANSACTION_END, abort ? "F" : "T", NULL));
}

bool xs_introduce_domain(struct xs_handle *h, unsigned int domid,
			 unsigned long mfn, unsigned int eventchn)
{
	char a[16], b[24], c[16];
	struct iovec iov[3] = { { a, 0 }, { b, 0 }, { c, 0 } };

	iov[0].iov_len = (size_t)snprintf(a, sizeof(a), "%u", domid) + 1;
	iov[1].iov_len = (size_t)snprintf(b, sizeof(b), "%lu", mfn) + 1;
	iov[2].iov_len = (size_t)snprintf(c, sizeof(c), "%u", eventchn) + 1;
	return talk_ok(talk(h, XBT_NULL, XS_INTRODUCE, iov, 3, NULL));
}

static bool domid_request(struct xs_handle *h, uint32_t type, unsigned int domid)
{
	char a[16];

	snprintf(a, sizeof(a), "%u", domid);
	return talk_ok(talk_str(h, XBT_NULL, type, a, NULL));
}

bool xs_set_target(struct xs_handle *h, unsigned int domid, unsigned int target)
{
	char a[16], b[16];
	struct iovec iov[2] = { { a, 0 }, { b, 0 } };

	iov[0].iov_len = (size_t)snprintf(a, sizeof(a), "%u", domid) + 1;
	iov[1].iov_len = (size_t)snprintf(b, sizeof(b), "%u", target) + 1;
	return talk_ok(talk(h, XBT_NULL, XS_SET_TARGET, iov, 2, NULL));
}

bool xs_resume_domain(struct xs_handle *h, unsigned int domid)
{
	return domid_request(h, XS_RESUME, domid);
}

bool xs_release_domain(struct xs_handle *h, unsigned int domid)
{
	return domid_request(h, XS_RELEASE, domid);
}

char *xs_get_domain_path(struct xs_handle *h, unsigned int domid)
{
	char a[16];

	snprintf(a, sizeof(a), "%u", domid);
	return talk_str(h, XBT_NULL, XS_GET_DOMAIN_PATH, a, NULL);
}

bool xs_is_domain_introduced(struct xs_handle *h, unsigned int domid)
{
	char a[16], *r;
	bool yes;

	snprintf(a, sizeof(a), "%u", domid);
	r = talk_str(h, XBT_NULL, XS_IS_DOMAIN_INTRODUCED, a, NULL);
	if (!r)
		return false;
	yes = strcmp(r, "T") == 0;
	free(r);
	return yes;
}

char *xs_control_command(struct xs_handle *h, const char *cmd, void *data,
			 unsigned int len)
{
	struct iovec iov[2] = { { (void *)cmd, strlen(cmd) + 1 }, { data, len } };

	return talk(h, XBT_NULL, XS_CONTROL, iov, data && len ? 2 : 1, NULL);
}

char *xs_debug_command(struct xs_handle *h, const char *cmd, void *data,
		       unsigned int len)
{
	return xs_control_command(h, cmd, data, len);
}
