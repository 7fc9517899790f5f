/* The one tokenizer for xl.cfg text: keys, numbers, quoted strings and the
 * punctuation = [ ] , ; plus line ends. Comments run from '#' to the end of
 * the line. Every token carries the line and column it starts at. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlcfg_internal.h"

void xlcfg_lex_init(struct xlcfg_lexer *lx, const char *source, const char *text,
		    size_t len, int first_line, struct xlcfg_log *log)
{
	lx->p = text;
	lx->end = text + len;
	lx->line = first_line;
	lx->col = 1;
	lx->source = source;
	lx->log = log;
}

static int lex_error(struct xlcfg_lexer *lx, int line, int col, const char *fmt, const char *arg)
{
	xlcfg_set_where(lx->log, lx->source, line, col);
	return xlcfg_error(lx->log, fmt, arg);
}

static void advance(struct xlcfg_lexer *lx)
{
	if (*lx->p == '\n') {
		lx->line++;
		lx->col = 1;
	} else {
		lx->col++;
	}
	lx->p++;
}

static int peek(const struct xlcfg_lexer *lx, size_t ahead)
{
	return lx->p + ahead < lx->end ? (unsigned char)lx->p[ahead] : -1;
}

static bool is_key_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_key_char(int c)
{
	return is_key_start(c) || (c >= '0' && c <= '9') || c == '.';
}

/* Number-like runs are taken whole, so "12x" is one bad number rather
 * than a number followed by a surprise. */
static bool is_number_char(int c)
{
	return is_key_char(c);
}

int xlcfg_parse_u64(const char *s, unsigned long long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return errno || *end ? -1 : 0;
}

static int take(struct xlcfg_lexer *lx, const char *start, size_t n, char **out)
{
	*out = malloc(n + 1);
	if (!*out)
		return ERROR_NOMEM;
	memcpy(*out, start, n);
	(*out)[n] = '\0';
	(void)lx;
	return 0;
}

static int octal(int c)
{
	return c >= '0' && c <= '7' ? c - '0' : -1;
}

static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Well-formed UTF-8 (RFC 3629: no overlongs, surrogates or values past
 * U+10FFFF). Configs become JSON, which carries nothing else. */
static bool utf8_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t len, k;
		unsigned int cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4, cp = c & 0x07;
		else
			return false;
		if (n - i < len)
			return false;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

/* A 'single' or "double" quoted string on one line. The escapes are C's:
 * \n \t \r \a \b \f \v \\ \' \" \xHH \ooo, anything but NUL. */
static int lex_string(struct xlcfg_lexer *lx, struct xlcfg_token *t)
{
	char quote = *lx->p, *buf;
	size_t n = 0, cap = 64;

	advance(lx);
	buf = malloc(cap);
	if (!buf)
		return ERROR_NOMEM;
	for (;;) {
		int c = peek(lx, 0), v, i, d;
		int ecol = lx->col;

		if (c < 0 || c == '\n') {
			free(buf);
			return lex_error(lx, t->line, t->col, "unterminated string%s",
					 c < 0 ? "" : " (strings end on the line they start)");
		}
		if (c == quote) {
			advance(lx);
			break;
		}
		if (n == XLCFG_MAX_STRING) {
			free(buf);
			xlcfg_set_where(lx->log, lx->source, t->line, t->col);
			return xlcfg_error(lx->log, "string longer than %d bytes", XLCFG_MAX_STRING);
		}
		if (n + 1 == cap) { /* room for this byte and the NUL */
			char *b = realloc(buf, cap *= 2);

			if (!b) {
				free(buf);
				return ERROR_NOMEM;
			}
			buf = b;
		}
		if (c != '\\') {
			if (c == 0) {
				free(buf);
				return lex_error(lx, lx->line, lx->col, "NUL byte in a string%s", "");
			}
			buf[n++] = (char)c;
			advance(lx);
			continue;
		}
		advance(lx);
		c = peek(lx, 0);
		switch (c) {
		case 'n': v = '\n'; break;
		case 't': v = '\t'; break;
		case 'r': v = '\r'; break;
		case 'a': v = '\a'; break;
		case 'b': v = '\b'; break;
		case 'f': v = '\f'; break;
		case 'v': v = '\v'; break;
		case '\\': case '\'': case '"': v = c; break;
		case 'x':
			advance(lx);
			v = 0;
			for (i = 0; i < 2 && (d = hex(peek(lx, 0))) >= 0; i++) {
				v = v * 16 + d;
				advance(lx);
			}
			if (i == 0) {
				free(buf);
				return lex_error(lx, lx->line, ecol, "\\x needs hex digits%s", "");
			}
			goto got;
		default:
			if (octal(c) >= 0) {
				v = 0;
				for (i = 0; i < 3 && (d = octal(peek(lx, 0))) >= 0; i++) {
					v = v * 8 + d;
					advance(lx);
				}
				if (v > 0xff) {
					free(buf);
					return lex_error(lx, lx->line, ecol, "octal escape out of range%s", "");
				}
				goto got;
			}
			free(buf);
			if (c < 0 || c == '\n')
				return lex_error(lx, t->line, t->col, "unterminated string%s", "");
			if (c > 0x20 && c < 0x7f) {
				char what[4] = { '\\', (char)c, '\0', '\0' };

				return lex_error(lx, lx->line, ecol, "unknown escape '%s' in a string", what);
			}
			return lex_error(lx, lx->line, ecol, "unknown escape '\\%s' in a string", "");
		}
		advance(lx);
got:
		if (v == 0) {
			free(buf);
			return lex_error(lx, lx->line, ecol, "NUL byte in a string%s", "");
		}
		buf[n++] = (char)v;
	}
	buf[n] = '\0';
	if (!utf8_ok((const unsigned char *)buf, n)) {
		free(buf);
		return lex_error(lx, t->line, t->col, "string is not valid UTF-8%s", "");
	}
	t->text = buf;
	t->tok = TOK_STRING;
	return 0;
}

int xlcfg_lex_next(struct xlcfg_lexer *lx, struct xlcfg_token *t)
{
	const char *start;
	int c;

	t->text = NULL;
	for (;;) {
		c = peek(lx, 0);
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
			advance(lx);
		} else if (c == '#') {
			while (peek(lx, 0) >= 0 && peek(lx, 0) != '\n')
				advance(lx);
		} else {
			break;
		}
	}
	t->line = lx->line;
	t->col = lx->col;
	switch (c) {
	case -1: t->tok = TOK_EOF; return 0;
	case '\n': t->tok = TOK_NEWLINE; advance(lx); return 0;
	case ';': t->tok = TOK_SEMI; advance(lx); return 0;
	case '=': t->tok = TOK_EQ; advance(lx); return 0;
	case '[': t->tok = TOK_LBRACK; advance(lx); return 0;
	case ']': t->tok = TOK_RBRACK; advance(lx); return 0;
	case ',': t->tok = TOK_COMMA; advance(lx); return 0;
	case '"': case '\'': return lex_string(lx, t);
	}
	start = lx->p;
	if (is_key_start(c)) {
		while (is_key_char(peek(lx, 0))) {
			if (lx->p - start == XLCFG_MAX_KEY)
				return lex_error(lx, t->line, t->col, "name longer than 128 bytes%s", "");
			advance(lx);
		}
		t->tok = TOK_KEY;
		return take(lx, start, (size_t)(lx->p - start), &t->text);
	}
	if (c >= '0' && c <= '9') {
		unsigned long long v;
		int rc;

		while (is_number_char(peek(lx, 0))) {
			if (lx->p - start == 64)
				return lex_error(lx, t->line, t->col, "bad number (too long)%s", "");
			advance(lx);
		}
		t->tok = TOK_NUMBER;
		rc = take(lx, start, (size_t)(lx->p - start), &t->text);
		if (rc)
			return rc;
		if (xlcfg_parse_u64(t->text, &v)) {
			rc = lex_error(lx, t->line, t->col, "bad number '%s'", xlcfg_quote(t->text, 0));
			free(t->text);
			t->text = NULL;
		}
		return rc;
	}
	{
		char what[16];

		if (c > 0x20 && c < 0x7f)
			snprintf(what, sizeof(what), "'%c'", c);
		else
			snprintf(what, sizeof(what), "byte 0x%02x", c);
		return lex_error(lx, t->line, t->col, "unexpected %s", what);
	}
}

const char *xlcfg_tok_name(const struct xlcfg_token *t, int slot)
{
	static char bufs[4][96];
	char *b = bufs[slot & 3];

	switch (t->tok) {
	case TOK_EOF: return "the end of the file";
	case TOK_NEWLINE: return "the end of the line";
	case TOK_SEMI: return "';'";
	case TOK_EQ: return "'='";
	case TOK_LBRACK: return "'['";
	case TOK_RBRACK: return "']'";
	case TOK_COMMA: return "','";
	case TOK_KEY: snprintf(b, 96, "'%s'", xlcfg_quote(t->text, slot)); return b;
	case TOK_NUMBER: snprintf(b, 96, "number %s", xlcfg_quote(t->text, slot)); return b;
	case TOK_STRING: snprintf(b, 96, "string \"%s\"", xlcfg_quote(t->text, slot)); return b;
	}
	return "?";
}
