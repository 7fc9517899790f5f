/*
 * vsnprintf/snprintf for the hypervisor: the integer, character, string and
 * pointer conversions of C99 printf, without floating point (the hypervisor
 * is built with -mgeneral-regs-only) and without %n (a format must never be
 * able to write memory).
 */
#include <xenlet/lib.h>
#include <xenlet/types.h>

/* Widths and precisions beyond this are clamped: they only cost time. */
#define FIELD_MAX 65536

/* Where formatted characters go; counts past the end so we can return C99's length. */
struct outbuf {
    char *buf;
    size_t size;
    size_t len;
};

static void out_char(struct outbuf *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void out_repeat(struct outbuf *o, char c, int n)
{
    while (n-- > 0)
        out_char(o, c);
}

/* One parsed conversion specification. */
struct spec {
    bool left;          /* '-' */
    bool zero;          /* '0' */
    bool plus;          /* '+' */
    bool space;         /* ' ' */
    bool alt;           /* '#' */
    int width;          /* 0 if none */
    int precision;      /* -1 if none */
};

/* @len bytes of @s (no NUL needed), space-padded to the field width. */
static void out_field(struct outbuf *o, const struct spec *sp,
                      const char *s, int len)
{
    int pad = sp->width > len ? sp->width - len : 0;

    if (!sp->left)
        out_repeat(o, ' ', pad);
    for (int i = 0; i < len; i++)
        out_char(o, s[i]);
    if (sp->left)
        out_repeat(o, ' ', pad);
}

static void out_string(struct outbuf *o, const struct spec *sp, const char *s)
{
    int len = 0;

    if (!s)
        s = "(null)";
    /* With a precision the string need not be NUL-terminated: never read past it. */
    while (s[len] && (sp->precision < 0 || len < sp->precision))
        len++;
    out_field(o, sp, s, len);
}

/*
 * An integer given as sign and magnitude (so INT64_MIN needs no special
 * case); @base is 8, 10 or 16.
 */
static void out_number(struct outbuf *o, const struct spec *sp, uint64_t mag,
                       bool neg, bool is_signed, unsigned int base, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];                       /* 22 octal digits cover 64 bits */
    char prefix[2];
    int ndigits = 0, nprefix = 0, zeros, pad;
    bool nonzero = mag != 0;

    /* C99: a zero value with precision 0 prints no digits at all. */
    if (nonzero || sp->precision != 0) {
        do {
            tmp[ndigits++] = digits[mag % base];
            mag /= base;
        } while (mag);
    }

    if (is_signed) {
        if (neg)
            prefix[nprefix++] = '-';
        else if (sp->plus)
            prefix[nprefix++] = '+';
        else if (sp->space)
            prefix[nprefix++] = ' ';
    } else if (sp->alt && base == 16 && nonzero) {
        prefix[nprefix++] = '0';
        prefix[nprefix++] = upper ? 'X' : 'x';
    }

    zeros = sp->precision > ndigits ? sp->precision - ndigits : 0;
    /* '#' with octal: raise the precision just enough to lead with a zero. */
    if (sp->alt && base == 8 && zeros == 0 && (ndigits == 0 || tmp[ndigits - 1] != '0'))
        zeros = 1;

    pad = sp->width - (nprefix + zeros + ndigits);
    if (pad < 0)
        pad = 0;
    /* '0' pads between the sign and the digits, unless '-' or a precision says otherwise. */
    if (sp->zero && !sp->left && sp->precision < 0) {
        zeros += pad;
        pad = 0;
    }

    if (!sp->left)
        out_repeat(o, ' ', pad);
    for (int i = 0; i < nprefix; i++)
        out_char(o, prefix[i]);
    out_repeat(o, '0', zeros);
    while (ndigits)
        out_char(o, tmp[--ndigits]);
    if (sp->left)
        out_repeat(o, ' ', pad);
}

/* glibc's rendering of %p, so the same format reads the same everywhere. */
static void out_pointer(struct outbuf *o, const struct spec *sp, const void *p)
{
    struct spec hex = *sp;

    if (!p) {
        hex.precision = -1;
        out_string(o, &hex, "(nil)");
        return;
    }
    hex.alt = true;
    out_number(o, &hex, (uintptr_t)p, false, false, 16, false);
}

static int parse_int(const char **fmt)
{
    int v = 0;

    while (**fmt >= '0' && **fmt <= '9') {
        if (v < FIELD_MAX)
            v = v * 10 + (**fmt - '0');
        (*fmt)++;
    }
    return v < FIELD_MAX ? v : FIELD_MAX;
}

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_J, LEN_T };

static enum length parse_length(const char **fmt)
{
    switch (**fmt) {
    case 'h':
        if ((*fmt)[1] == 'h') {
            *fmt += 2;
            return LEN_HH;
        }
        (*fmt)++;
        return LEN_H;
    case 'l':
        if ((*fmt)[1] == 'l') {
            *fmt += 2;
            return LEN_LL;
        }
        (*fmt)++;
        return LEN_L;
    case 'z': (*fmt)++; return LEN_Z;
    case 'j': (*fmt)++; return LEN_J;
    case 't': (*fmt)++; return LEN_T;
    default: return LEN_NONE;
    }
}

/* Fetch a signed argument of the given length, widened to 64 bits. */
static int64_t arg_signed(va_list *ap, enum length len)
{
    switch (len) {
    case LEN_HH: return (signed char)va_arg(*ap, int);
    case LEN_H:  return (short)va_arg(*ap, int);
    case LEN_L:  return va_arg(*ap, long);
    case LEN_LL: return va_arg(*ap, long long);
    case LEN_Z:  return (ptrdiff_t)va_arg(*ap, size_t);
    case LEN_J:  return va_arg(*ap, intmax_t);
    case LEN_T:  return va_arg(*ap, ptrdiff_t);
    default:     return va_arg(*ap, int);
    }
}

static uint64_t arg_unsigned(va_list *ap, enum length len)
{
    switch (len) {
    case LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_H:  return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_L:  return va_arg(*ap, unsigned long);
    case LEN_LL: return va_arg(*ap, unsigned long long);
    case LEN_Z:  return va_arg(*ap, size_t);
    case LEN_J:  return va_arg(*ap, uintmax_t);
    case LEN_T:  return (size_t)va_arg(*ap, ptrdiff_t);
    default:     return va_arg(*ap, unsigned int);
    }
}

/* Handle one conversion; *fmt points just past the '%'. */
static void format_one(struct outbuf *o, const char **fmt, va_list *ap)
{
    const char *start = *fmt - 1;
    struct spec sp = { .precision = -1 };
    enum length len;
    char c;

    for (;; (*fmt)++) {
        switch (**fmt) {
        case '-': sp.left = true; continue;
        case '0': sp.zero = true; continue;
        case '+': sp.plus = true; continue;
        case ' ': sp.space = true; continue;
        case '#': sp.alt = true; continue;
        }
        break;
    }

    if (**fmt == '*') {
        (*fmt)++;
        sp.width = va_arg(*ap, int);
        if (sp.width < 0) {             /* C99: a negative width means '-' */
            sp.left = true;
            sp.width = sp.width < -FIELD_MAX ? FIELD_MAX : -sp.width;
        } else if (sp.width > FIELD_MAX) {
            sp.width = FIELD_MAX;
        }
    } else {
        sp.width = parse_int(fmt);
    }

    if (**fmt == '.') {
        (*fmt)++;
        if (**fmt == '*') {
            (*fmt)++;
            sp.precision = va_arg(*ap, int);
            if (sp.precision < 0)       /* C99: as if omitted */
                sp.precision = -1;
            else if (sp.precision > FIELD_MAX)
                sp.precision = FIELD_MAX;
        } else {
            sp.precision = parse_int(fmt);
        }
    }

    len = parse_length(fmt);
    c = **fmt;
    if (c)
        (*fmt)++;

    switch (c) {
    case 'd':
    case 'i': {
        int64_t v = arg_signed(ap, len);
        uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;

        out_number(o, &sp, mag, v < 0, true, 10, false);
        break;
    }
    case 'u':
        out_number(o, &sp, arg_unsigned(ap, len), false, false, 10, false);
        break;
    case 'x':
    case 'X':
        out_number(o, &sp, arg_unsigned(ap, len), false, false, 16, c == 'X');
        break;
    case 'o':
        out_number(o, &sp, arg_unsigned(ap, len), false, false, 8, false);
        break;
    case 'c': {
        char ch = (char)va_arg(*ap, int);

        out_field(o, &sp, &ch, 1);
        break;
    }
    case 's':
        out_string(o, &sp, va_arg(*ap, const char *));
        break;
    case 'p':
        out_pointer(o, &sp, va_arg(*ap, const void *));
        break;
    case '%':
        out_char(o, '%');
        break;
    default:
        /* Unknown (or %n): print the specification as written, consume nothing. */
        while (start < *fmt)
            out_char(o, *start++);
        break;
    }
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct outbuf o = { .buf = buf, .size = size, .len = 0 };
    va_list aq;

    /* Work on a copy so the helpers can take its address portably. */
    va_copy(aq, ap);
    while (*fmt) {
        if (*fmt != '%') {
            out_char(&o, *fmt++);
            continue;
        }
        fmt++;
        format_one(&o, &fmt, &aq);
    }
    va_end(aq);

    if (size)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return o.len > (size_t)INT32_MAX ? INT32_MAX : (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
