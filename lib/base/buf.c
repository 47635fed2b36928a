#include "base/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

void sk_buf_init(sk_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void sk_buf_free(sk_buf *b)
{
    free(b->data);
    sk_buf_init(b);
}

void sk_buf_reserve(sk_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            cap = SIZE_MAX; /* no such allocation: sk_realloc reports out of memory */
            break;
        }
        cap *= 2;
    }
    b->data = sk_realloc(b->data, cap);
    b->cap = cap;
}

void sk_buf_put(sk_buf *b, const void *p, size_t n)
{
    sk_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sk_buf_puts(sk_buf *b, const char *s)
{
    sk_buf_put(b, s, strlen(s));
}

void sk_buf_putc(sk_buf *b, char c)
{
    sk_buf_put(b, &c, 1);
}

void sk_buf_printf(sk_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    sk_buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void sk_buf_clear(sk_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *sk_buf_detach(sk_buf *b)
{
    char *p = b->data ? b->data : sk_strdup("");
    sk_buf_init(b);
    return p;
}
