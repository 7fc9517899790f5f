/* Test harness: a core plus fake connections that record what they are sent. */
#ifndef XENLET_XS_TEST_HARNESS_H
#define XENLET_XS_TEST_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "xs_core.h"

#define T_MAX_MSGS 64

struct t_msg {
	struct xsd_sockmsg hdr;
	char body[XENSTORE_PAYLOAD_MAX + 1];
};

struct t_conn {
	struct xs_conn c;
	struct t_msg msgs[T_MAX_MSGS];
	unsigned int n;
};

static int t_send(struct xs_conn *xc, const struct xsd_sockmsg *hdr, const void *body)
{
	struct t_conn *t = (struct t_conn *)xc;

	assert_true(t->n < T_MAX_MSGS);
	t->msgs[t->n].hdr = *hdr;
	memcpy(t->msgs[t->n].body, body, hdr->len);
	t->msgs[t->n].body[hdr->len] = '\0';
	t->n++;
	return 0;
}

static const struct xs_conn_ops t_ops = { .send = t_send };

static inline struct t_conn *t_conn_new(struct xs_core *core, uint32_t domid)
{
	struct t_conn *t = calloc(1, sizeof(*t));

	core_conn_init(core, &t->c, &t_ops, domid);
	t->c.is_domain = domid != 0;
	return t;
}

static inline void t_conn_free(struct t_conn *t)
{
	core_conn_destroy(&t->c);
	free(t);
}

/* Sends a request whose payload is the given bytes; returns the reply
 * (the first message it produced); events that follow stay in t->msgs. */
static inline struct t_msg *t_req(struct xs_core *core, struct t_conn *t,
				  uint32_t type, uint32_t tx, const void *body,
				  uint32_t len)
{
	static uint32_t req_id = 100;
	struct xsd_sockmsg hdr = { .type = type, .req_id = ++req_id, .tx_id = tx, .len = len };
	char buf[XENSTORE_PAYLOAD_MAX + 1];
	unsigned int before;

	t->n = 0; /* each request starts a fresh record for its connection */
	before = t->n;

	memcpy(buf, body, len);
	buf[len] = '\0';
	core_process(core, &t->c, &hdr, buf);
	assert_true(t->n > before);
	assert_int_equal(t->msgs[before].hdr.req_id, req_id);
	assert_int_equal(t->msgs[before].hdr.tx_id, tx);
	return &t->msgs[before];
}

/* Payload helpers: strings joined with NULs (each terminated). */
static inline uint32_t t_join(char *buf, const char *a, const char *b, const char *c)
{
	uint32_t n = 0;
	const char *v[3] = { a, b, c };
	int i;

	for (i = 0; i < 3 && v[i]; i++) {
		size_t l = strlen(v[i]) + 1;

		memcpy(buf + n, v[i], l);
		n += (uint32_t)l;
	}
	return n;
}

static inline struct t_msg *t_str(struct xs_core *core, struct t_conn *t, uint32_t type,
				  uint32_t tx, const char *a, const char *b)
{
	char buf[XENSTORE_PAYLOAD_MAX];
	uint32_t n = t_join(buf, a, b, NULL);

	return t_req(core, t, type, tx, buf, n);
}

/* WRITE path value (value without NUL, as on the wire). */
static inline struct t_msg *t_write(struct xs_core *core, struct t_conn *t, uint32_t tx,
				    const char *path, const char *value)
{
	char buf[XENSTORE_PAYLOAD_MAX];
	size_t pl = strlen(path) + 1, vl = strlen(value);

	memcpy(buf, path, pl);
	memcpy(buf + pl, value, vl);
	return t_req(core, t, XS_WRITE, tx, buf, (uint32_t)(pl + vl));
}

#define assert_ok(m) do { struct t_msg *m_ = (m); \
	assert_int_not_equal(m_->hdr.type, XS_ERROR); } while (0)
#define assert_err(m, name) do { struct t_msg *m_ = (m); \
	assert_int_equal(m_->hdr.type, XS_ERROR); assert_string_equal(m_->body, name); } while (0)
#define assert_value(core, t, path, val) do { struct t_msg *m_ = \
	t_str(core, t, XS_READ, 0, path, NULL); assert_int_equal(m_->hdr.type, XS_READ); \
	assert_int_equal(m_->hdr.len, strlen(val)); assert_memory_equal(m_->body, val, strlen(val)); } while (0)

#endif
