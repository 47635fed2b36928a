#include "xmlw.h"

#include <libxml/xmlwriter.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sk_xmlw {
    xmlTextWriterPtr tw;
    sk_buf out;      /* what the writer produced */
    sk_buf scratch;  /* NUL-terminated copies for the libxml2 calls */
    size_t dropped;
    const char *failed; /* the first call that failed, or NULL */
};

static int out_write(void *ctx, const char *buf, int len)
{
    sk_buf_put(ctx, buf, (size_t)len);
    return len;
}

static int out_close(void *ctx)
{
    (void)ctx;
    return 0;
}

sk_xmlw *sk_xmlw_new(void)
{
    sk_xmlw *w = sk_calloc(1, sizeof *w);
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(out_write, out_close, &w->out, NULL);
    if (!ob) {
        w->failed = "xmlOutputBufferCreateIO";
        return w;
    }
    w->tw = xmlNewTextWriter(ob); /* owns ob from here */
    if (!w->tw) {
        xmlOutputBufferClose(ob);
        w->failed = "xmlNewTextWriter";
        return w;
    }
    if (xmlTextWriterStartDocument(w->tw, NULL, "UTF-8", "yes") < 0)
        w->failed = "xmlTextWriterStartDocument";
    return w;
}

void sk_xmlw_free(sk_xmlw *w)
{
    if (!w)
        return;
    if (w->tw)
        xmlFreeTextWriter(w->tw);
    sk_buf_free(&w->out);
    sk_buf_free(&w->scratch);
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

/* Length of the clean prefix of s[0..n): bytes XML 1.0 can hold as they are
 * (well-formed UTF-8 without C0 controls other than TAB/LF/CR, U+FFFE, U+FFFF).
 * Decodes inline: this runs over every character written. */
static size_t clean_prefix(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x80) {
            i++;
        } else if (c < 0x20) {
            if (c != '\t' && c != '\n' && c != '\r')
                return i;
            i++;
        } else if (c >= 0xC2 && c <= 0xDF) {
            if (i + 1 >= n || !cont(s[i + 1]))
                return i;
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            if (i + 2 >= n || !cont(s[i + 1]) || !cont(s[i + 2]) || (c == 0xE0 && s[i + 1] < 0xA0) ||
                (c == 0xED && s[i + 1] >= 0xA0) || (c == 0xEF && s[i + 1] == 0xBF && s[i + 2] >= 0xBE))
                return i; /* truncated, overlong, surrogate, U+FFFE/U+FFFF */
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (i + 3 >= n || !cont(s[i + 1]) || !cont(s[i + 2]) || !cont(s[i + 3]) ||
                (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] >= 0x90))
                return i;
            i += 4;
        } else {
            return i;
        }
    }
    return n;
}

char *sk_xml_clean(const char *s, size_t n, size_t *out_len, size_t *dropped)
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

/* s[0..n) made clean and NUL-terminated: either s itself (when it is already both)
 * or the scratch buffer. */
static const char *prepared(sk_xmlw *w, const char *s, size_t n)
{
    size_t len;
    char *clean = sk_xml_clean(s, n, &len, &w->dropped);
    if (clean) {
        sk_buf_clear(&w->scratch);
        sk_buf_put(&w->scratch, clean, len);
        free(clean);
        return w->scratch.data;
    }
    if (s[n] == '\0')
        return s;
    sk_buf_clear(&w->scratch);
    sk_buf_put(&w->scratch, s, n);
    return w->scratch.data;
}

#define CALL(w, what, expr)                                                                                  \
    do {                                                                                                     \
        if (!(w)->failed && (expr) < 0)                                                                      \
            (w)->failed = what;                                                                              \
    } while (0)

void sk_xmlw_start(sk_xmlw *w, const char *name)
{
    CALL(w, "xmlTextWriterStartElement", xmlTextWriterStartElement(w->tw, BAD_CAST name));
}

void sk_xmlw_attr(sk_xmlw *w, const char *name, const char *value)
{
    if (w->failed)
        return;
    const char *v = prepared(w, value, strlen(value));
    CALL(w, "xmlTextWriterWriteAttribute", xmlTextWriterWriteAttribute(w->tw, BAD_CAST name, BAD_CAST v));
}

void sk_xmlw_attr_int(sk_xmlw *w, const char *name, long long value)
{
    char num[24];
    snprintf(num, sizeof num, "%lld", value);
    CALL(w, "xmlTextWriterWriteAttribute", xmlTextWriterWriteAttribute(w->tw, BAD_CAST name, BAD_CAST num));
}

void sk_xmlw_text_n(sk_xmlw *w, const char *s, size_t n)
{
    if (w->failed || !n)
        return;
    const char *t = prepared(w, s, n);
    if (*t)
        CALL(w, "xmlTextWriterWriteString", xmlTextWriterWriteString(w->tw, BAD_CAST t));
}

void sk_xmlw_text(sk_xmlw *w, const char *s)
{
    sk_xmlw_text_n(w, s, strlen(s));
}

void sk_xmlw_end(sk_xmlw *w)
{
    CALL(w, "xmlTextWriterEndElement", xmlTextWriterEndElement(w->tw));
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

void sk_xmlw_val(sk_xmlw *w, const char *name, const char *val_attr, const char *value)
{
    sk_xmlw_start(w, name);
    sk_xmlw_attr(w, val_attr, value);
    sk_xmlw_end(w);
}

int sk_xmlw_finish(sk_xmlw *w, char **out, size_t *len, sk_err *err)
{
    int rc = -1;
    CALL(w, "xmlTextWriterEndDocument", xmlTextWriterEndDocument(w->tw));
    if (w->tw) {
        /* flushes and closes the output buffer into w->out */
        xmlFreeTextWriter(w->tw);
        w->tw = NULL;
    }
    if (w->failed) {
        sk_err_set(err, "cannot write XML (%s failed)", w->failed);
        goto done;
    }
    *len = w->out.len;
    *out = sk_buf_detach(&w->out);
    rc = 0;
done:
    sk_xmlw_free(w);
    return rc;
}
