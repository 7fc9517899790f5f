/* Shared between the xl.cfg reader's files; not part of its API. */
#ifndef XENLET_XLCFG_INTERNAL_H
#define XENLET_XLCFG_INTERNAL_H

#include <stdbool.h>

#include "xlcfg.h"

/* Messages (xlcfg_log.c). Both put log->where first. xlcfg_error returns
 * ERROR_INVAL so that callers can `return xlcfg_error(...)`. */
int xlcfg_error(struct xlcfg_log *log, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void xlcfg_warn(struct xlcfg_log *log, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* log->where = "source:line:col: " */
void xlcfg_set_where(struct xlcfg_log *log, const char *source, int line, int col);
/* s made safe and short for a message: non-printing bytes as \xHH,
 * cut to about 60 bytes with "..." (static buffer, one per slot 0..3). */
const char *xlcfg_quote(const char *s, int slot);

/* The tokenizer (xlcfg_lex.c). */
enum xlcfg_tok {
	TOK_EOF,
	TOK_NEWLINE,
	TOK_SEMI,
	TOK_EQ,
	TOK_LBRACK,
	TOK_RBRACK,
	TOK_COMMA,
	TOK_KEY,    /* a key name */
	TOK_NUMBER, /* validated: decimal, 0octal or 0xhex, fits 64 bits */
	TOK_STRING, /* unquoted, escapes resolved */
};

struct xlcfg_lexer {
	const char *p, *end;
	int line, col;
	const char *source;
	struct xlcfg_log *log;
};

struct xlcfg_token {
	enum xlcfg_tok tok;
	int line, col;
	char *text; /* TOK_KEY/NUMBER/STRING: malloc'd, NUL-terminated */
};

void xlcfg_lex_init(struct xlcfg_lexer *lx, const char *source, const char *text,
		    size_t len, int first_line, struct xlcfg_log *log);
/* 0, or ERROR_INVAL (message set) / ERROR_NOMEM. */
int xlcfg_lex_next(struct xlcfg_lexer *lx, struct xlcfg_token *t);
const char *xlcfg_tok_name(const struct xlcfg_token *t, int slot);

/* Numbers as xl.cfg writes them: decimal, 0octal or 0xhex; the whole
 * string must be used and fit. 0 or -1. */
int xlcfg_parse_u64(const char *s, unsigned long long *out);

#endif
