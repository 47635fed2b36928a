#include "base/xmlw.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"

/* Writes straight into a buffer (a writer call is a few appends; xmlTextWriter
 * allocated and freed per element and ran every byte through its own buffers,
 * which was most of the time of a large form batch). The bytes are the ones
 * libxml2's xmlTextWriter writes for the same calls (tests/unit/test_xmlw.c):
 * the declaration and a final newline, <x/> for an element without content, text
 * with < > & " and CR as references, attribute values with TAB, LF and CR too. */
struct sk_xmlw {
    sk_buf out;
    size_t drained;     /* out[0..drained) was handed out by sk_xmlw_drain */
    sk_buf names;       /* the open elements' names, each NUL-terminated */
    size_t *name_at;    /* where each starts in names */
    size_t depth, cap;
    int in_tag;         /* the innermost start tag is open: attributes may follow */
    size_t dropped;
    const char *failed; /* the first call that failed, or NULL */
};

sk_xmlw *sk_xmlw_new(void)
{
    sk_xmlw *w = sk_calloc(1, sizeof *w);
    sk_buf_init(&w->out);
    sk_buf_init(&w->names);
    sk_buf_reserve(&w->out, 4096);
    sk_buf_puts(&w->out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    return w;
}

void sk_xmlw_free(sk_xmlw *w)
{
    if (!w)
        return;
    sk_buf_free(&w->out);
    sk_buf_free(&w->names);
    free(w->name_at);
    free(w);
}

int sk_xmlw_failed(const sk_xmlw *w)
{
    return w->failed != NULL;
}

size_t sk_xmlw_dropped(const sk_xmlw *w)
{
    return w->dropped;
}

static int cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* The length of the well-formed XML character at s[0..n) (lead byte >= 0x80),
 * or 0. */
static inline size_t clean_char(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c >= 0xE0 && c <= 0xEF) /* first: CJK text is three-byte characters */
        return n >= 3 && cont(s[1]) && cont(s[2]) && !(c == 0xE0 && s[1] < 0xA0) && !(c == 0xED && s[1] >= 0xA0) &&
                       !(c == 0xEF && s[1] == 0xBF && s[2] >= 0xBE)
                   ? 3
                   : 0;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && cont(s[1]) ? 2 : 0;
    if (c >= 0xF0 && c <= 0xF4)
        return n >= 4 && cont(s[1]) && cont(s[2]) && cont(s[3]) && !(c == 0xF0 && s[1] < 0x90) &&
                       !(c == 0xF4 && s[1] >= 0x90)
                   ? 4
                   : 0;
    return 0;
}

/* Length of the clean prefix of s[0..n): bytes XML 1.0 can hold as they are
 * (well-formed UTF-8 without C0 controls other than TAB/LF/CR, U+FFFE, U+FFFF). */
static size_t clean_prefix(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c >= 0x80) {
            size_t k = clean_char(s + i, n - i);
            if (!k)
                return i;
            i += k;
        } else if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            i++;
        } else {
            return i;
        }
    }
    return n;
}

char *sk_xmlw_clean(const char *s, size_t n, size_t *out_len, size_t *dropped)
{
    size_t i = clean_prefix(s, n);
    if (i == n)
        return NULL;
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_reserve(&b, n);
    while (i < n) {
        sk_buf_put(&b, s, i);
        s += i;
        n -= i;
        /* skip one bad character: a control byte, U+FFFE/U+FFFF or a non-UTF-8 byte */
        uint32_t cp;
        int k = (unsigned char)s[0] >= 0x80 ? sk_utf8_decode(s, n, &cp) : 1;
        size_t skip = k > 0 ? (size_t)k : 1;
        s += skip;
        n -= skip;
        (*dropped)++;
        i = clean_prefix(s, n);
    }
    sk_buf_put(&b, s, n);
    if (out_len)
        *out_len = b.len;
    return sk_buf_detach(&b);
}

/* Room for n more bytes (and the NUL sk_buf keeps after them). */
static inline char *room(sk_buf *b, size_t n)
{
    if (b->len + n >= b->cap)
        sk_buf_reserve(b, n);
    return b->data + b->len;
}

/* Copies a short string (a name, a small value) in two overlapping loads and
 * stores, never reading outside s[0..n): most of what the writer appends is a
 * few bytes, for which calling memcpy is the cost. */
static inline void copy(char *d, const char *s, size_t n)
{
    if (n >= 8 && n <= 16) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(d, &a, 8);
        memcpy(d + n - 8, &b, 8);
    } else if (n >= 4 && n < 8) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &b, 4);
    } else if (n >= 2 && n < 4) { /* "w:p", "w:r", "w:t" */
        uint16_t a, b;
        memcpy(&a, s, 2);
        memcpy(&b, s + n - 2, 2);
        memcpy(d, &a, 2);
        memcpy(d + n - 2, &b, 2);
    } else if (n == 1) {
        d[0] = s[0];
    } else if (n) {
        memcpy(d, s, n);
    }
}

/* Appends n bytes to the output. The NUL after the bytes is written once, when
 * they are handed out (sk_xmlw_finish, drain, take), not after every append. */
static inline void put(sk_buf *b, const char *s, size_t n)
{
    copy(room(b, n), s, n);
    b->len += n;
}

static inline void putc1(sk_buf *b, char c)
{
    *room(b, 1) = c;
    b->len++;
}

/* Bytes escaped in text (1) and in attribute values (1 or 2). */
static const unsigned char esc[256] = {
    ['<'] = 1, ['>'] = 1, ['&'] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 2, ['\t'] = 2,
};

static void put_entity(sk_buf *b, unsigned char c)
{
    switch (c) {
    case '<': put(b, "&lt;", 4); break;
    case '>': put(b, "&gt;", 4); break;
    case '&': put(b, "&amp;", 5); break;
    case '"': put(b, "&quot;", 6); break;
    case '\r': put(b, "&#13;", 5); break;
    case '\n': put(b, "&#10;", 5); break;
    default: put(b, "&#9;", 4); break;
    }
}

/* Appends s[0..n) (clean) escaped for text (attr 0) or an attribute value (attr 1). */
static void put_escaped(sk_buf *b, const char *s, size_t n, int attr)
{
    unsigned char level = attr ? 2 : 1;
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!esc[c] || esc[c] > level)
            continue;
        put(b, s + from, i - from);
        put_entity(b, c);
        from = i + 1;
    }
    put(b, s + from, n - from);
}

/* Appends s[0..n) without the characters XML cannot hold, escaped; returns the
 * number of bytes kept. Checking and escaping are one pass over the bytes (they
 * were two: this is every character of a document); a string with a character
 * to drop, which is rare, is written again the slow way. */
static size_t put_clean(sk_xmlw *w, const char *s, size_t n, int attr)
{
    /* what each byte is: 0 as it is, 1 escaped anywhere, 2 escaped in an
     * attribute value, 3 a control XML cannot hold, 4 a multibyte lead or a
     * byte that is not UTF-8 (clean_char decides), 5 the lead of a three-byte
     * character that is well-formed when two continuation bytes follow (most
     * of CJK text; E0, ED and EF have exceptions and are 4) */
    static const unsigned char cls[256] = {
        [0 ... 8] = 3, ['\t'] = 2, ['\n'] = 2, [0x0B ... 0x0C] = 3, ['\r'] = 1, [0x0E ... 0x1F] = 3,
        ['<'] = 1, ['>'] = 1, ['&'] = 1, ['"'] = 1, [0x80 ... 0xE0] = 4, [0xE1 ... 0xEC] = 5,
        [0xED] = 4, [0xEE] = 5, [0xEF ... 0xFF] = 4,
    };
    sk_buf *b = &w->out;
    const unsigned char *u = (const unsigned char *)s;
    size_t mark = b->len, from = 0, i = 0;
    unsigned char level = attr ? 2 : 1;
    while (i < n) {
        unsigned char k = cls[u[i]];
        if (!k) {
            i++;
        } else if (k == 5 && n - i >= 3 && (((unsigned)u[i + 1] << 8 | u[i + 2]) & 0xC0C0) == 0x8080) {
            i += 3;
        } else if (k >= 4) {
            size_t m = clean_char(u + i, n - i);
            if (!m)
                goto slow;
            i += m;
        } else if (k == 3) {
            goto slow;
        } else {
            if (k <= level) {
                put(b, s + from, i - from);
                put_entity(b, u[i]);
                from = i + 1;
            }
            i++;
        }
    }
    put(b, s + from, n - from);
    return n;
slow:
    b->len = mark;
    if (b->data)
        b->data[mark] = '\0';
    size_t len;
    char *clean = sk_xmlw_clean(s, n, &len, &w->dropped);
    put_escaped(&w->out, clean ? clean : s, clean ? len : n, attr);
    free(clean);
    return clean ? len : n;
}

void sk_xmlw_start_n(sk_xmlw *w, const char *name, size_t n)
{
    if (w->failed)
        return;
    char *d = room(&w->out, n + 2);
    if (w->in_tag)
        *d++ = '>';
    *d++ = '<';
    copy(d, name, n);
    w->out.len = (size_t)(d + n - w->out.data);
    if (w->depth == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 16;
        w->name_at = sk_realloc(w->name_at, w->cap * sizeof *w->name_at);
    }
    w->name_at[w->depth++] = w->names.len;
    d = room(&w->names, n + 1);
    copy(d, name, n);
    d[n] = '\0';
    w->names.len += n + 1;
    w->in_tag = 1;
}

void sk_xmlw_attr_n(sk_xmlw *w, const char *name, size_t n, const char *value, size_t vn)
{
    if (w->failed)
        return;
    if (!w->in_tag) {
        w->failed = "an attribute outside a start tag";
        return;
    }
    char *d = room(&w->out, n + 3);
    *d++ = ' ';
    copy(d, name, n);
    d[n] = '=';
    d[n + 1] = '"';
    w->out.len += n + 3;
    put_clean(w, value, vn, 1);
    putc1(&w->out, '"');
}

void sk_xmlw_attr_int(sk_xmlw *w, const char *name, long long value)
{
    char num[22];
    num[0] = '-';
    sk_str_udec(num + (value < 0), value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value);
    sk_xmlw_attr(w, name, num);
}

void sk_xmlw_text_n(sk_xmlw *w, const char *s, size_t n)
{
    if (w->failed || !n)
        return;
    size_t at = w->out.len; /* never before what was drained: only this call's bytes go */
    if (w->in_tag)
        putc1(&w->out, '>');
    if (put_clean(w, s, n, 0))
        w->in_tag = 0;
    else
        w->out.len = at; /* nothing left to write: the start tag stays open */
}

void sk_xmlw_raw(sk_xmlw *w, const char *s, size_t n)
{
    if (w->failed || !n)
        return;
    if (w->in_tag)
        putc1(&w->out, '>');
    w->in_tag = 0;
    sk_buf_put(&w->out, s, n);
}

void sk_xmlw_end(sk_xmlw *w)
{
    if (w->failed)
        return;
    if (!w->depth) {
        w->failed = "an end tag without an open element";
        return;
    }
    size_t at = w->name_at[--w->depth];
    if (w->in_tag) {
        char *d = room(&w->out, 2);
        d[0] = '/';
        d[1] = '>';
        w->out.len += 2;
    } else {
        size_t n = w->names.len - at - 1;
        char *d = room(&w->out, n + 3);
        d[0] = '<';
        d[1] = '/';
        copy(d + 2, w->names.data + at, n);
        d[n + 2] = '>';
        w->out.len += n + 3;
    }
    w->names.len = at;
    w->in_tag = 0;
}

void sk_xmlw_leaf(sk_xmlw *w, const char *name, ...)
{
    va_list ap;
    sk_xmlw_start(w, name);
    va_start(ap, name);
    for (;;) {
        const char *a = va_arg(ap, const char *);
        if (!a)
            break;
        sk_xmlw_attr(w, a, va_arg(ap, const char *));
    }
    va_end(ap);
    sk_xmlw_end(w);
}

sk_xmlw *sk_xmlw_new_fragment(void)
{
    sk_xmlw *w = sk_calloc(1, sizeof *w);
    sk_buf_init(&w->out);
    sk_buf_init(&w->names);
    sk_buf_reserve(&w->out, 4096);
    return w;
}

size_t sk_xmlw_size(const sk_xmlw *w)
{
    return w->out.len - w->drained;
}

void sk_xmlw_take(sk_xmlw *w, sk_xmlw *frag)
{
    if (!w->failed && (frag->failed || frag->depth))
        w->failed = frag->failed ? frag->failed : "a fragment with an element left open";
    if (!w->failed && frag->out.len > frag->drained) {
        if (w->in_tag) {
            putc1(&w->out, '>');
            w->in_tag = 0;
        }
        put(&w->out, frag->out.data + frag->drained, frag->out.len - frag->drained);
    }
    w->dropped += frag->dropped;
    sk_xmlw_free(frag);
}

size_t sk_xmlw_pending(const sk_xmlw *w)
{
    return w->out.len - w->drained;
}

size_t sk_xmlw_drain(sk_xmlw *w, char *dst, size_t max)
{
    size_t n = w->out.len - w->drained;
    if (n > max)
        n = max;
    memcpy(dst, w->out.data + w->drained, n);
    w->drained += n;
    if (w->drained >= w->out.len - w->drained) { /* mostly handed out: the rest moves to the front */
        w->out.len -= w->drained;
        memmove(w->out.data, w->out.data + w->drained, w->out.len);
        w->drained = 0;
    }
    return n;
}

void sk_xmlw_hand(sk_xmlw *w, void (*put)(void *ctx, const char *s, size_t n), void *ctx)
{
    if (w->out.len > w->drained)
        put(ctx, w->out.data + w->drained, w->out.len - w->drained);
    w->out.len = w->drained = 0;
}

int sk_xmlw_end_document(sk_xmlw *w, sk_err *err)
{
    while (!w->failed && w->depth)
        sk_xmlw_end(w);
    if (w->failed) {
        sk_err_set(err, "cannot write XML (%s)", w->failed);
        return -1;
    }
    putc1(&w->out, '\n');
    return 0;
}

int sk_xmlw_finish(sk_xmlw *w, char **out, size_t *len, sk_err *err)
{
    int rc = -1;
    if (sk_xmlw_end_document(w, err) < 0)
        goto done;
    if (w->drained) {
        memmove(w->out.data, w->out.data + w->drained, w->out.len - w->drained);
        w->out.len -= w->drained;
    }
    w->out.data[w->out.len] = '\0';
    *len = w->out.len;
    *out = sk_buf_detach(&w->out);
    rc = 0;
done:
    sk_xmlw_free(w);
    return rc;
}

int sk_xmlw_finish_if(sk_xmlw *w, int ok, char **out, size_t *len, size_t *dropped, sk_err *err)
{
    if (!ok) {
        sk_xmlw_free(w);
        return -1;
    }
    if (dropped)
        *dropped += sk_xmlw_dropped(w);
    return sk_xmlw_finish(w, out, len, err);
}
