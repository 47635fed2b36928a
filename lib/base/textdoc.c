#include "base/textdoc.h"

#include <string.h>
#include <stdlib.h>

#include "base/mem.h"
#include "base/utf8.h"

void sk_textdoc_init(sk_textdoc *t)
{
    memset(t, 0, sizeof *t);
    t->data = sk_malloc(1);
    t->data[0] = '\0';
    t->cap = 1;
    t->line_start = sk_malloc(sizeof *t->line_start);
    t->line_start[0] = 0;
    t->nlines = 1;
    t->lcap = 1;
}

void sk_textdoc_free(sk_textdoc *t)
{
    free(t->data);
    free(t->line_start);
    memset(t, 0, sizeof *t);
}

static void push_line(sk_textdoc *t, size_t off)
{
    if (t->nlines == t->lcap) {
        t->lcap = t->lcap * 2 + 16;
        t->line_start = sk_realloc(t->line_start, t->lcap * sizeof *t->line_start);
    }
    t->line_start[t->nlines++] = off;
}

/* Recounts the lines from line `from` (whose start is right) to the end. */
static void relines(sk_textdoc *t, size_t from)
{
    t->nlines = from + 1;
    const char *d = t->data;
    for (size_t i = t->line_start[from]; i < t->len; i++) {
        if (d[i] != '\n' && d[i] != '\r')
            continue;
        if (d[i] == '\r' && i + 1 < t->len && d[i + 1] == '\n')
            i++;
        push_line(t, i + 1);
    }
}

void sk_textdoc_set(sk_textdoc *t, const char *data, size_t len)
{
    if (len + 1 > t->cap) {
        t->cap = len + 1;
        t->data = sk_realloc(t->data, t->cap);
    }
    memcpy(t->data, data, len);
    t->data[len] = '\0';
    t->len = len;
    relines(t, 0);
}

/* The line (0-based) holding byte offset off. */
static size_t line_of(const sk_textdoc *t, size_t off)
{
    size_t lo = 0, hi = t->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void sk_textdoc_edit(sk_textdoc *t, size_t from, size_t to, const char *text, size_t n)
{
    if (to > t->len)
        to = t->len;
    if (from > to)
        from = to;
    size_t newlen = t->len - (to - from) + n;
    if (newlen + 1 > t->cap) {
        t->cap = newlen + 1 > t->cap * 2 ? newlen + 1 : t->cap * 2;
        t->data = sk_realloc(t->data, t->cap);
    }
    memmove(t->data + from + n, t->data + to, t->len - to + 1); /* with the NUL */
    memcpy(t->data + from, text, n);
    t->len = newlen;
    /* the line before the edit's may end in a CR the edit now joins to an LF */
    size_t l = line_of(t, from);
    relines(t, l > 0 ? l - 1 : 0);
}

const char *sk_textdoc_line(const sk_textdoc *t, size_t line, size_t *len)
{
    if (line >= t->nlines) {
        *len = 0;
        return t->data + t->len;
    }
    size_t a = t->line_start[line];
    size_t b = line + 1 < t->nlines ? t->line_start[line + 1] : t->len;
    if (line + 1 < t->nlines) {
        if (b > a && t->data[b - 1] == '\n')
            b--;
        if (b > a && t->data[b - 1] == '\r')
            b--;
    }
    *len = b - a;
    return t->data + a;
}

size_t sk_textdoc_units(const char *s, size_t n, sk_textdoc_enc enc)
{
    if (enc == SK_TEXTDOC_UTF8)
        return n;
    size_t u = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (k > n - i)
            k = n - i;
        u += enc == SK_TEXTDOC_UTF16 && k == 4 ? 2 : 1;
        i += k;
    }
    return u;
}

size_t sk_textdoc_bytes(const char *s, size_t n, size_t units, sk_textdoc_enc enc)
{
    if (enc == SK_TEXTDOC_UTF8) {
        size_t b = units < n ? units : n;
        while (b > 0 && b < n && ((unsigned char)s[b] & 0xC0) == 0x80)
            b--;
        return b;
    }
    size_t i = 0, u = 0;
    while (i < n && u < units) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (k > n - i)
            k = n - i;
        size_t w = enc == SK_TEXTDOC_UTF16 && k == 4 ? 2 : 1;
        if (u + w > units)
            break; /* inside a surrogate pair: the character's start */
        u += w;
        i += k;
    }
    return i;
}

size_t sk_textdoc_offset(const sk_textdoc *t, size_t line, size_t character, sk_textdoc_enc enc)
{
    if (line >= t->nlines)
        return t->len;
    size_t len;
    const char *l = sk_textdoc_line(t, line, &len);
    return (size_t)(l - t->data) + sk_textdoc_bytes(l, len, character, enc);
}

void sk_textdoc_position(const sk_textdoc *t, size_t off, sk_textdoc_enc enc, size_t *line, size_t *character)
{
    if (off > t->len)
        off = t->len;
    while (off > 0 && off < t->len && ((unsigned char)t->data[off] & 0xC0) == 0x80)
        off--;
    size_t l = line_of(t, off), len;
    const char *s = sk_textdoc_line(t, l, &len);
    size_t in = off - (size_t)(s - t->data);
    if (in > len)
        in = len;
    *line = l;
    *character = sk_textdoc_units(s, in, enc);
}
