/* xl.cfg syntax: `key = value` statements ended by a line end or ';',
 * values being numbers, strings or [ lists ] (which may span lines, nest,
 * hold comments and end with a comma). Builds struct xlcfg settings. */
#include <stdlib.h>
#include <string.h>

#include "xlcfg_internal.h"

struct parser {
	struct xlcfg_lexer lx;
	struct xlcfg_token t; /* the current token */
	struct xlcfg_log *log;
	const char *source;
};

static void value_free(struct xlcfg_value *v)
{
	int i;

	if (!v)
		return;
	for (i = 0; i < v->nr_items; i++)
		value_free(v->items[i]);
	free(v->items);
	free(v->str);
	free(v);
}

static void setting_dispose(struct xlcfg_setting *s)
{
	free(s->key);
	value_free(s->value);
}

void xlcfg_init(struct xlcfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
}

void xlcfg_dispose(struct xlcfg *cfg)
{
	int i;

	for (i = 0; i < cfg->nr_settings; i++)
		setting_dispose(&cfg->settings[i]);
	free(cfg->settings);
	for (i = 0; i < cfg->nr_sources; i++)
		free(cfg->sources[i]);
	free(cfg->sources);
	xlcfg_init(cfg);
}

static int next(struct parser *ps)
{
	free(ps->t.text);
	ps->t.text = NULL;
	return xlcfg_lex_next(&ps->lx, &ps->t);
}

static int perr_at(struct parser *ps, int line, int col, const char *fmt, const char *a,
		   const char *b)
{
	xlcfg_set_where(ps->log, ps->source, line, col);
	return xlcfg_error(ps->log, fmt, a, b);
}

static int parse_value(struct parser *ps, int depth, struct xlcfg_value **out);

static int parse_list(struct parser *ps, int depth, struct xlcfg_value *list)
{
	int open_line = ps->t.line, open_col = ps->t.col, rc;

	if (depth > XLCFG_MAX_DEPTH)
		return perr_at(ps, open_line, open_col, "lists nested more than %s deep%s", "8", "");
	if ((rc = next(ps)))
		return rc;
	for (;;) {
		struct xlcfg_value *item, **items;

		while (ps->t.tok == TOK_NEWLINE)
			if ((rc = next(ps)))
				return rc;
		if (ps->t.tok == TOK_RBRACK)
			return next(ps);
		if (ps->t.tok == TOK_EOF)
			return perr_at(ps, open_line, open_col,
				       "list not closed: no ']' before the end of the file%s%s", "", "");
		if (ps->t.tok != TOK_NUMBER && ps->t.tok != TOK_STRING && ps->t.tok != TOK_LBRACK)
			return perr_at(ps, ps->t.line, ps->t.col, "expected a list item or ']', found %s%s",
				       xlcfg_tok_name(&ps->t, 0), "");
		/* Capacity doubles: a count that is a power of two is full. */
		if (!(list->nr_items & (list->nr_items - 1))) {
			size_t cap = list->nr_items ? 2 * (size_t)list->nr_items : 1;

			items = realloc(list->items, cap * sizeof(*items));
			if (!items)
				return ERROR_NOMEM;
			list->items = items;
		}
		if ((rc = parse_value(ps, depth, &item)))
			return rc;
		list->items[list->nr_items++] = item;
		while (ps->t.tok == TOK_NEWLINE)
			if ((rc = next(ps)))
				return rc;
		if (ps->t.tok == TOK_COMMA) {
			if ((rc = next(ps)))
				return rc;
		} else if (ps->t.tok == TOK_EOF) {
			return perr_at(ps, open_line, open_col,
				       "list not closed: no ']' before the end of the file%s%s", "", "");
		} else if (ps->t.tok != TOK_RBRACK) {
			return perr_at(ps, ps->t.line, ps->t.col, "expected ',' or ']' in the list, found %s%s",
				       xlcfg_tok_name(&ps->t, 0), "");
		}
	}
}

/* The current token starts a value; on return it is the token after it. */
static int parse_value(struct parser *ps, int depth, struct xlcfg_value **out)
{
	struct xlcfg_value *v = calloc(1, sizeof(*v));
	int rc;

	if (!v)
		return ERROR_NOMEM;
	v->line = ps->t.line;
	v->col = ps->t.col;
	if (ps->t.tok == TOK_LBRACK) {
		v->type = XLCFG_LIST;
		rc = parse_list(ps, depth + 1, v);
	} else {
		v->type = XLCFG_ATOM;
		v->quoted = ps->t.tok == TOK_STRING;
		v->str = ps->t.text;
		ps->t.text = NULL;
		rc = next(ps);
	}
	if (rc) {
		value_free(v);
		return rc;
	}
	*out = v;
	return 0;
}

static int add_source(struct xlcfg *cfg, const char *source, const char **saved)
{
	char **a, *s;

	if (cfg->nr_sources && !strcmp(cfg->sources[cfg->nr_sources - 1], source)) {
		*saved = cfg->sources[cfg->nr_sources - 1];
		return 0;
	}
	a = realloc(cfg->sources, (size_t)(cfg->nr_sources + 1) * sizeof(*a));
	if (!a)
		return ERROR_NOMEM;
	cfg->sources = a;
	if (!(s = strdup(source)))
		return ERROR_NOMEM;
	cfg->sources[cfg->nr_sources++] = s;
	*saved = s;
	return 0;
}

static int add_setting(struct xlcfg *cfg, struct xlcfg_setting *s)
{
	struct xlcfg_setting *a;

	/* Capacity doubles: a count that is a power of two is full. */
	if (!(cfg->nr_settings & (cfg->nr_settings - 1))) {
		size_t cap = cfg->nr_settings ? 2 * (size_t)cfg->nr_settings : 1;

		a = realloc(cfg->settings, cap * sizeof(*a));
		if (!a)
			return ERROR_NOMEM;
		cfg->settings = a;
	}
	cfg->settings[cfg->nr_settings++] = *s;
	return 0;
}

int xlcfg_parse_text(struct xlcfg *cfg, const char *source, const char *text,
		     size_t len, int first_line, struct xlcfg_log *log)
{
	struct parser ps = { .log = log };
	struct xlcfg_setting s;
	int nr_before = cfg->nr_settings, rc;

	log->error[0] = '\0';
	if ((rc = add_source(cfg, source, &ps.source)))
		return rc;
	xlcfg_lex_init(&ps.lx, ps.source, text, len, first_line, log);
	if ((rc = next(&ps)))
		goto fail;
	for (;;) {
		memset(&s, 0, sizeof(s));
		s.source = ps.source;
		if (ps.t.tok == TOK_EOF)
			break;
		if (ps.t.tok == TOK_NEWLINE || ps.t.tok == TOK_SEMI) {
			if ((rc = next(&ps)))
				goto fail;
			continue;
		}
		if (ps.t.tok != TOK_KEY) {
			rc = perr_at(&ps, ps.t.line, ps.t.col, "expected a key name, found %s%s",
				     xlcfg_tok_name(&ps.t, 0), "");
			goto fail;
		}
		s.key = ps.t.text;
		ps.t.text = NULL;
		s.line = ps.t.line;
		s.col = ps.t.col;
		if ((rc = next(&ps)))
			goto fail_setting;
		if (ps.t.tok != TOK_EQ) {
			rc = perr_at(&ps, ps.t.line, ps.t.col, "expected '=' after '%s', found %s",
				     xlcfg_quote(s.key, 1), xlcfg_tok_name(&ps.t, 0));
			goto fail_setting;
		}
		if ((rc = next(&ps)))
			goto fail_setting;
		if (ps.t.tok != TOK_NUMBER && ps.t.tok != TOK_STRING && ps.t.tok != TOK_LBRACK) {
			rc = perr_at(&ps, ps.t.line, ps.t.col, "expected a value after '='%s%s",
				     ps.t.tok == TOK_KEY ? " (strings need quotes)" : "", "");
			goto fail_setting;
		}
		if ((rc = parse_value(&ps, 0, &s.value)))
			goto fail_setting;
		if (ps.t.tok != TOK_NEWLINE && ps.t.tok != TOK_SEMI && ps.t.tok != TOK_EOF) {
			rc = perr_at(&ps, ps.t.line, ps.t.col,
				     "expected the end of the line or ';' after the value of '%s', found %s",
				     xlcfg_quote(s.key, 1), xlcfg_tok_name(&ps.t, 0));
			goto fail_setting;
		}
		if ((rc = add_setting(cfg, &s)))
			goto fail_setting;
	}
	if (!cfg->main_source) {
		cfg->main_source = ps.source;
		cfg->main_end_line = ps.t.line;
		cfg->main_end_col = ps.t.col;
	}
	return 0;

fail_setting:
	setting_dispose(&s);
fail:
	free(ps.t.text);
	while (cfg->nr_settings > nr_before)
		setting_dispose(&cfg->settings[--cfg->nr_settings]);
	return rc;
}

int xlcfg_parse_override(struct xlcfg *cfg, const char *arg, int index,
			 struct xlcfg_log *log)
{
	const char *eq = strchr(arg, '='), *v, *s;
	size_t len = strlen(arg);
	char *text, *o;
	int rc;

	v = eq ? eq + 1 : NULL;
	while (v && (*v == ' ' || *v == '\t'))
		v++;
	if (!v || !*v || *v == '"' || *v == '\'' || *v == '[' || (*v >= '0' && *v <= '9'))
		return xlcfg_parse_text(cfg, "<command line>", arg, len, index, log);

	/* A bare word: quote it, so the one parser still does the work. */
	text = malloc((size_t)(v - arg) + 2 * strlen(v) + 3);
	if (!text)
		return ERROR_NOMEM;
	memcpy(text, arg, (size_t)(v - arg));
	o = text + (v - arg);
	*o++ = '"';
	for (s = v; *s; s++) {
		if (*s == '"' || *s == '\\')
			*o++ = '\\';
		if (*s == '\n') {
			*o++ = '\\';
			*o++ = 'n';
			continue;
		}
		*o++ = *s;
	}
	*o++ = '"';
	rc = xlcfg_parse_text(cfg, "<command line>", text, (size_t)(o - text), index, log);
	free(text);
	return rc;
}
