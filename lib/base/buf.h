/* buf — growable byte buffer, always NUL-terminated. */
#ifndef SK_BUF_H
#define SK_BUF_H

#include <stdio.h>
#include <stddef.h>

typedef struct sk_buf {
    char *data;
    size_t len, cap;
} sk_buf;

void sk_buf_init(sk_buf *b);
void sk_buf_free(sk_buf *b);
void sk_buf_reserve(sk_buf *b, size_t extra);
void sk_buf_put(sk_buf *b, const void *p, size_t n);
void sk_buf_puts(sk_buf *b, const char *s);
void sk_buf_putc(sk_buf *b, char c);
void sk_buf_printf(sk_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sk_buf_clear(sk_buf *b);
/* Hands the data over to the caller and resets the buffer. */
char *sk_buf_detach(sk_buf *b);

#endif
