/* xenstore: one binary for xenstore-{read,write,ls,list,rm,exists,chmod,
 * watch,control}, chosen by argv[0] or the first argument, with Xen's
 * options and output formats. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "xenstore.h"

enum mode { M_READ, M_WRITE, M_LS, M_LIST, M_RM, M_EXISTS, M_CHMOD, M_WATCH,
	    M_CONTROL, M_COUNT };

static const char *const mode_names[M_COUNT] = {
	"read", "write", "ls", "list", "rm", "exists", "chmod", "watch", "control",
};

static const char *const mode_usage[M_COUNT] = {
	"[-h] [-p] [-s] [-R] key [...]",
	"[-h] [-s] [-R] key value [...]",
	"[-h] [-f] [-p] [-s] [path]",
	"[-h] [-p] [-s] key [...]",
	"[-h] [-s] [-t] key [...]",
	"[-h] [-s] key [...]",
	"[-h] [-u] [-r] [-s] key <mode [modes...]>",
	"[-h] [-n NR] key",
	"[-h] command [args...]",
};

struct opts {
	enum mode mode;
	bool prefix, tidy, upto, recurse, raw, flat;
	int nr_watches;
};

/* Output is collected so a transaction retried on EAGAIN prints once. */
static char *out_buf;
static size_t out_len, out_cap;

static void out_bytes(const char *p, size_t n)
{
	if (out_len + n > out_cap) {
		out_cap = (out_len + n) * 2 + 256;
		out_buf = realloc(out_buf, out_cap);
		if (!out_buf) {
			perror("xenstore");
			exit(1);
		}
	}
	memcpy(out_buf + out_len, p, n);
	out_len += n;
}

static void out_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out_fmt(const char *fmt, ...)
{
	va_list ap;
	char small[512], *big = NULL;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(small)) {
		big = malloc((size_t)n + 1);
		if (!big)
			return;
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	out_bytes(big ? big : small, (size_t)n);
	free(big);
}

/* Printable form of a value: Xen's escapes for control bytes and '\'. */
static char *escape_value(const char *v, unsigned int len)
{
	char *o = malloc((size_t)len * 4 + 1), *p = o;
	unsigned int i;

	if (!o)
		return NULL;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c >= ' ' && c <= '~' && c != '\\') {
			*p++ = (char)c;
			continue;
		}
		*p++ = '\\';
		switch (c) {
		case '\t': *p++ = 't'; break;
		case '\n': *p++ = 'n'; break;
		case '\r': *p++ = 'r'; break;
		case '\\': *p++ = '\\'; break;
		default:
			p += c < 010 ? sprintf(p, "%03o", c) : sprintf(p, "x%02x", c);
		}
	}
	*p = '\0';
	return o;
}

/* The inverse, for xenstore-write without -R. */
static unsigned int unescape_value(char *out, const char *in)
{
	char *o = out;

	while (*in) {
		char c = *in++;

		if (c == '\\' && *in) {
			c = *in++;
			switch (c) {
			case 't': c = '\t'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case '\\': break;
			case 'x': {
				unsigned int v = 0;
				int k;

				for (k = 0; k < 2 && isxdigit((unsigned char)*in); k++, in++)
					v = v * 16 + (unsigned int)(*in <= '9' ? *in - '0' : (*in | 32) - 'a' + 10);
				c = (char)v;
				break;
			}
			default:
				if (c >= '0' && c <= '7') {
					unsigned int v = (unsigned int)(c - '0');
					int k;

					for (k = 0; k < 2 && *in >= '0' && *in <= '7'; k++, in++)
						v = v * 8 + (unsigned int)(*in - '0');
					c = (char)v;
				}
			}
		}
		*o++ = c;
	}
	*o = '\0';
	return (unsigned int)(o - out);
}

static int max_width = 80, desired_width = 60;

static void do_ls(struct xs_handle *h, const char *path, int depth, bool perms,
		  bool flat)
{
	unsigned int num, i;
	char **e = xs_directory(h, XBT_NULL, path, &num);
	const char *tag = " = \"...\"";
	int taglen = (int)strlen(tag);

	if (!e) {
		if (depth && errno == ENOENT)
			return; /* removed while we walked */
		fprintf(stderr, "xenstore-ls: xs_directory (%s): %s\n", path, strerror(errno));
		exit(1);
	}
	for (i = 0; i < num; i++) {
		size_t plen = strlen(path);
		char *child = malloc(plen + strlen(e[i]) + 2);
		unsigned int len;
		char *val;
		int w = 0;

		if (!child)
			exit(1);
		sprintf(child, "%s%s%s", path, path[plen - 1] == '/' ? "" : "/", e[i]);
		if (flat) {
			fputs(child, stdout);
		} else {
			for (; w < depth; w++)
				putchar(' ');
			w += printf("%.*s", max_width - taglen - w > 0 ? max_width - taglen - w : 0,
				    e[i]);
		}
		val = xs_read(h, XBT_NULL, child, &len);
		if (!val) {
			printf(":\n");
		} else {
			char *esc = escape_value(val, len);

			if (max_width < w + (int)strlen(esc) + taglen) {
				printf(" = \"%.*s\\...\"", max_width - taglen - w > 0 ? max_width - taglen - w : 0,
				       esc);
			} else {
				w += printf(" = \"%s\"", esc);
				if (perms) {
					putchar(' ');
					for (w++; w < (desired_width < max_width ? desired_width : max_width); w++)
						putchar((w & 1) ? '.' : ' ');
				}
			}
			free(esc);
		}
		free(val);
		if (perms) {
			unsigned int np, k;
			struct xs_permissions *p = xs_get_permissions(h, XBT_NULL, child, &np);

			if (!p) {
				fprintf(stderr, "\ncould not access permissions for %s\n", e[i]);
			} else {
				fputs("  (", stdout);
				for (k = 0; k < np; k++) {
					char buf[32];

					xs_perm_to_string(&p[k], buf, sizeof(buf));
					printf("%s%s", k ? "," : "", buf);
				}
				putchar(')');
				free(p);
			}
		}
		putchar('\n');
		do_ls(h, child, depth + 1, perms, flat);
		free(child);
	}
	free(e);
}

static int parse_perm(const char *s, struct xs_permissions *p)
{
	switch (s[0]) {
	case 'n': p->perms = XS_PERM_NONE; break;
	case 'r': p->perms = XS_PERM_READ; break;
	case 'w': p->perms = XS_PERM_WRITE; break;
	case 'b': p->perms = XS_PERM_READ | XS_PERM_WRITE; break;
	default:
		fprintf(stderr, "xenstore-chmod: Invalid permission specification: '%c'\n", s[0]);
		return -1;
	}
	p->id = (unsigned int)atoi(s + 1);
	return 0;
}

static int do_chmod(struct xs_handle *h, xs_transaction_t t, char *path,
		    struct xs_permissions *p, unsigned int n, bool upto, bool recurse)
{
	if (!path[0])
		return 0;
	if (!xs_set_permissions(h, t, path, p, n)) {
		fprintf(stderr, "xenstore-chmod: Error occurred setting permissions on '%s': %s\n",
			path, strerror(errno));
		exit(1);
	}
	if (upto) {
		char *slash = strrchr(path, '/');

		if (slash) {
			*slash = '\0';
			do_chmod(h, t, path, p, n, true, false);
			*slash = '/';
		}
	}
	if (recurse) {
		unsigned int num, i;
		char **e = xs_directory(h, t, path, &num);

		for (i = 0; e && i < num; i++) {
			char *c = malloc(strlen(path) + strlen(e[i]) + 2);

			if (!c)
				exit(1);
			sprintf(c, "%s/%s", path, e[i]);
			do_chmod(h, t, c, p, n, false, true);
			free(c);
		}
		free(e);
	}
	return 0;
}

/* One pass over the arguments; 0 on success. */
static int perform(const struct opts *o, struct xs_handle *h, xs_transaction_t t,
		   int argc, char **argv)
{
	int i = 0;

	if (o->mode == M_LS) {
		do_ls(h, argc ? argv[0] : "/", 0, o->prefix, o->flat);
		return 0;
	}
	if (o->mode == M_CHMOD) {
		unsigned int n = (unsigned int)argc - 1, k;
		struct xs_permissions *p = calloc(n ? n : 1, sizeof(*p));

		for (k = 0; k < n; k++)
			if (!p || parse_perm(argv[k + 1], &p[k]))
				exit(1);
		do_chmod(h, t, argv[0], p, n, o->upto, o->recurse);
		free(p);
		return 0;
	}
	while (i < argc) {
		switch (o->mode) {
		case M_READ: {
			unsigned int len;
			char *v = xs_read(h, t, argv[i], &len);

			if (!v) {
				fprintf(stderr, "xenstore-read: couldn't read path %s\n", argv[i]);
				return 1;
			}
			if (o->prefix)
				out_fmt("%s: ", argv[i]);
			if (o->raw) {
				out_bytes(v, len);
			} else {
				char *esc = escape_value(v, len);

				out_fmt("%s\n", esc ? esc : "");
				free(esc);
			}
			free(v);
			i++;
			break;
		}
		case M_WRITE: {
			char *val = argv[i + 1];
			unsigned int len = (unsigned int)strlen(val);
			char *buf = NULL;

			if (!o->raw) {
				buf = malloc(strlen(val) + 1);
				if (!buf)
					return 1;
				len = unescape_value(buf, val);
				val = buf;
			}
			if (!xs_write(h, t, argv[i], val, len)) {
				fprintf(stderr, "xenstore-write: could not write path %s\n", argv[i]);
				free(buf);
				return 1;
			}
			free(buf);
			i += 2;
			break;
		}
		case M_RM: {
			char *p = strdup(argv[i]);

			if (!p)
				return 1;
			for (;;) {
				char *slash, *v;
				unsigned int len, num;
				char **l;

				if (!xs_rm(h, t, p)) {
					fprintf(stderr, "xenstore-rm: could not remove path %s\n", p);
					free(p);
					return 1;
				}
				if (!o->tidy || !(slash = strrchr(p, '/')))
					break;
				*slash = '\0';
				/* Tidy: climb while the parent is empty and valueless. */
				v = xs_read(h, t, p, &len);
				l = v && len == 0 ? xs_directory(h, t, p, &num) : NULL;
				free(v);
				free(l);
				if (!l || num)
					break;
			}
			free(p);
			i++;
			break;
		}
		case M_EXISTS: {
			char *v = xs_read(h, t, argv[i], NULL);

			if (!v)
				return 1;
			free(v);
			i++;
			break;
		}
		case M_LIST: {
			unsigned int num, k;
			char **l = xs_directory(h, t, argv[i], &num);
			const char *pref = argv[i]; /* "//x" for "/", as Xen 4.17 prints */

			if (!l) {
				fprintf(stderr, "xenstore-list: could not list path %s\n", argv[i]);
				return 1;
			}
			for (k = 0; k < num; k++) {
				if (o->prefix)
					out_fmt("%s/", pref);
				out_fmt("%s\n", l[k]);
			}
			free(l);
			i++;
			break;
		}
		default:
			return 1;
		}
	}
	return 0;
}

static int run_watch(const struct opts *o, struct xs_handle *h, int argc, char **argv)
{
	int i, count;

	for (i = 0; i < argc; i++) {
		if (!xs_watch(h, argv[i], argv[i])) {
			fprintf(stderr, "xenstore-watch: Unable to add watch on %s\n", argv[i]);
			return 1;
		}
	}
	for (count = 0; o->nr_watches < 0 || count < o->nr_watches; count++) {
		unsigned int num;
		char **vec = xs_read_watch(h, &num);

		if (!vec)
			return errno == EBADF ? 1 : 0;
		printf("%s\n", vec[XS_WATCH_PATH]);
		fflush(stdout);
		free(vec);
	}
	return 0;
}

static int run_control(struct xs_handle *h, int argc, char **argv)
{
	char buf[XENSTORE_PAYLOAD_MAX];
	size_t used = 0;
	char *r;
	int i;

	for (i = 1; i < argc; i++) {
		size_t l = strlen(argv[i]) + 1;

		if (used + l > sizeof(buf)) {
			fprintf(stderr, "xenstore-control: arguments too long\n");
			return 1;
		}
		memcpy(buf + used, argv[i], l);
		used += l;
	}
	r = xs_control_command(h, argv[0], used ? buf : NULL, (unsigned int)used);
	if (!r) {
		fprintf(stderr, "xenstore-control: %s failed: %s\n", argv[0], strerror(errno));
		return 1;
	}
	if (strcmp(r, "OK") != 0)
		fputs(r, stdout);
	free(r);
	return 0;
}

static void usage(const char *prog, enum mode m, bool with_mode, int rc)
{
	fprintf(stderr, "Usage: %s %s%s%s\n", prog, with_mode ? mode_names[m] : "",
		with_mode ? " " : "", mode_usage[m]);
	exit(rc);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", 0, NULL, 'h' },    { "flat", 0, NULL, 'f' },
		{ "socket", 0, NULL, 's' },  { "prefix", 0, NULL, 'p' },
		{ "tidy", 0, NULL, 't' },    { "upto", 0, NULL, 'u' },
		{ "recurse", 0, NULL, 'r' }, { "number", 1, NULL, 'n' },
		{ "raw", 0, NULL, 'R' },     { NULL, 0, NULL, 0 }
	};
	struct opts o = { .nr_watches = -1 };
	const char *base = strrchr(argv[0], '/');
	const char *cmd;
	struct xs_handle *h;
	xs_transaction_t t = XBT_NULL;
	int shift, c, nargs, rc, m;
	bool use_tx;
	struct winsize ws;

	base = base ? base + 1 : argv[0];
	if (strncmp(base, "xenstore-", 9) == 0) {
		cmd = base + 9;
		shift = 0;
	} else if (argc < 2) {
		fprintf(stderr, "Usage: %s <mode> [-h] [...]\n", argv[0]);
		return 1;
	} else {
		cmd = argv[1];
		shift = 1;
	}
	for (m = 0; m < M_COUNT && strcmp(cmd, mode_names[m]) != 0; m++)
		;
	if (m == M_COUNT) {
		fprintf(stderr, "%s: unknown mode %s\n", argv[0], cmd);
		return 1;
	}
	o.mode = (enum mode)m;
	argc -= shift;
	argv += shift;

	while ((c = getopt_long(argc, argv, o.mode == M_CONTROL ? "+h" : "hfspturn:R",
				longopts, NULL)) != -1) {
		switch (c) {
		case 'h': usage(argv[-shift], o.mode, shift, 0); break;
		case 's': break; /* the socket is always tried first */
		case 'f':
			if (o.mode != M_LS)
				usage(argv[-shift], o.mode, shift, 1);
			o.flat = true;
			max_width = INT_MAX / 2;
			desired_width = 0;
			break;
		case 'p':
			if (o.mode != M_READ && o.mode != M_LIST && o.mode != M_LS)
				usage(argv[-shift], o.mode, shift, 1);
			o.prefix = true;
			break;
		case 't':
			if (o.mode != M_RM)
				usage(argv[-shift], o.mode, shift, 1);
			o.tidy = true;
			break;
		case 'u':
		case 'r':
			if (o.mode != M_CHMOD)
				usage(argv[-shift], o.mode, shift, 1);
			if (c == 'u')
				o.upto = true;
			else
				o.recurse = true;
			break;
		case 'n':
			if (o.mode != M_WATCH)
				usage(argv[-shift], o.mode, shift, 1);
			o.nr_watches = atoi(optarg);
			break;
		case 'R':
			if (o.mode != M_READ && o.mode != M_WRITE)
				usage(argv[-shift], o.mode, shift, 1);
			o.raw = true;
			break;
		default:
			usage(argv[-shift], o.mode, shift, 1);
		}
	}
	nargs = argc - optind;
	if ((o.mode != M_LS && nargs == 0) ||
	    (o.mode == M_WRITE && nargs % 2) || (o.mode == M_CHMOD && nargs < 2))
		usage(argv[-shift], o.mode, shift, 1);

	if (o.mode == M_LS && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && !o.flat)
		max_width = ws.ws_col - 2;

	h = xs_open(0);
	if (!h) {
		fprintf(stderr, "%s: xs_open: %s\n", argv[-shift], strerror(errno));
		return 1;
	}
	if (o.mode == M_WATCH) {
		rc = run_watch(&o, h, nargs, argv + optind);
		xs_close(h);
		return rc;
	}
	if (o.mode == M_CONTROL) {
		rc = run_control(h, nargs, argv + optind);
		xs_close(h);
		return rc;
	}
	use_tx = o.mode == M_READ ? nargs > 1 : o.mode == M_WRITE ? nargs > 2 :
		 o.mode != M_LS;
	for (;;) {
		if (use_tx) {
			t = xs_transaction_start(h);
			if (t == XBT_NULL) {
				fprintf(stderr, "%s: couldn't start transaction\n", argv[-shift]);
				return 1;
			}
		}
		rc = perform(&o, h, t, nargs, argv + optind);
		if (!use_tx || xs_transaction_end(h, t, rc != 0))
			break;
		if (rc == 0 && errno == EAGAIN) {
			out_len = 0;
			continue;
		}
		fprintf(stderr, "%s: couldn't end transaction\n", argv[-shift]);
		return 1;
	}
	if (out_len)
		fwrite(out_buf, 1, out_len, stdout);
	free(out_buf);
	xs_close(h);
	return rc;
}
