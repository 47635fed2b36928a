#include "run/jsonrpc.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define HEADER_MAX 8192 /* a header block longer than this is not LSP */

void sk_jsonrpc_init(sk_jsonrpc *c, int in, int out)
{
    memset(c, 0, sizeof *c);
    c->in = in;
    c->out = out;
}

void sk_jsonrpc_free(sk_jsonrpc *c)
{
    free(c->buf);
    c->buf = NULL;
    c->len = c->cap = c->pos = 0;
}

/* Reads what is there (at least one byte, unless at the end): 1, 0 at EOF, -1. */
static int fill(sk_jsonrpc *c, sk_err *err)
{
    if (c->pos > 0 && c->pos == c->len)
        c->pos = c->len = 0;
    if (c->pos > (1u << 20) && c->pos * 2 > c->len) { /* keep the buffer from creeping */
        memmove(c->buf, c->buf + c->pos, c->len - c->pos);
        c->len -= c->pos;
        c->pos = 0;
    }
    if (c->cap - c->len < 65536) {
        c->cap = c->cap ? c->cap * 2 : 131072;
        c->buf = sk_realloc(c->buf, c->cap + 1);
    }
    for (;;) {
        ssize_t n = read(c->in, c->buf + c->len, c->cap - c->len);
        if (n > 0) {
            c->len += (size_t)n;
            return 1;
        }
        if (n == 0) {
            c->eof = 1;
            return 0;
        }
        if (errno == EINTR)
            continue;
        sk_err_set(err, "reading the client's messages: %s", strerror(errno));
        return -1;
    }
}

int sk_jsonrpc_wait(sk_jsonrpc *c, int timeout_ms, sk_err *err)
{
    if (c->len > c->pos || c->eof)
        return 1;
    struct pollfd p = { .fd = c->in, .events = POLLIN };
    for (;;) {
        int r = poll(&p, 1, timeout_ms);
        if (r >= 0)
            return r > 0;
        if (errno != EINTR) {
            sk_err_set(err, "waiting for the client's messages: %s", strerror(errno));
            return -1;
        }
    }
}

/* The end of the header block from pos (offset just past its blank line), or 0. */
static size_t header_end(const sk_jsonrpc *c)
{
    if (!c->buf)
        return 0; /* nothing read yet */
    const char *s = c->buf + c->pos;
    size_t n = c->len - c->pos;
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '\n')
            continue;
        if (s[i + 1] == '\n')
            return i + 2;
        if (s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

/* Content-Length in the header block s[0..n): its value, or -1. */
static long long content_length(const char *s, size_t n)
{
    long long len = -1;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != '\n')
            j++;
        size_t e = j;
        if (e > i && s[e - 1] == '\r')
            e--;
        static const char key[] = "content-length:";
        if (e - i > sizeof key - 1 && !strncasecmp(s + i, key, sizeof key - 1)) {
            size_t k = i + sizeof key - 1;
            while (k < e && (s[k] == ' ' || s[k] == '\t'))
                k++;
            long long v = 0;
            size_t d = k;
            while (d < e && s[d] >= '0' && s[d] <= '9' && v < (1LL << 40))
                v = v * 10 + (s[d++] - '0');
            while (d < e && (s[d] == ' ' || s[d] == '\t'))
                d++;
            len = d > k && d == e ? v : -2;
        }
        i = j + 1;
    }
    return len < 0 ? -1 : len;
}

/* Drops bytes up to the next "Content-Length" (a header block that cannot be read). */
static void resync(sk_jsonrpc *c)
{
    const char *s = c->buf + c->pos + 1, *end = c->buf + c->len;
    for (; s + 15 <= end; s++)
        if (!strncasecmp(s, "content-length:", 15))
            break;
    c->pos = s + 15 <= end ? (size_t)(s - c->buf) : c->len;
}

int sk_jsonrpc_read(sk_jsonrpc *c, char **body, size_t *len, sk_err *err)
{
    size_t he;
    while (!(he = header_end(c))) {
        if (c->len - c->pos > HEADER_MAX) {
            sk_err_set(err, "a header block of more than %d bytes without a blank line: skipped", HEADER_MAX);
            resync(c);
            return 2;
        }
        int r = fill(c, err);
        if (r < 0)
            return -1;
        if (r == 0) {
            if (c->len > c->pos) {
                size_t n = 0;
                while (c->pos + n < c->len && (c->buf[c->pos + n] == '\r' || c->buf[c->pos + n] == '\n'))
                    n++;
                if (c->pos + n < c->len) {
                    sk_err_set(err, "the input ended inside a header block");
                    c->pos = c->len;
                    return 2;
                }
            }
            return 0;
        }
    }
    long long cl = content_length(c->buf + c->pos, he);
    if (cl < 0) {
        sk_err_set(err, "a message without a valid Content-Length header: skipped");
        c->pos += he;
        return 2;
    }
    c->pos += he;
    if ((unsigned long long)cl > SK_JSONRPC_MAX) {
        /* read and drop it */
        unsigned long long left = (unsigned long long)cl;
        while (left) {
            size_t have = c->len - c->pos;
            size_t take = have < left ? have : (size_t)left;
            c->pos += take;
            left -= take;
            if (left) {
                int r = fill(c, err);
                if (r < 0)
                    return -1;
                if (r == 0)
                    break;
            }
        }
        sk_err_set(err, "a message of %lld bytes (the limit is %u MiB): skipped", cl, SK_JSONRPC_MAX >> 20);
        return 2;
    }
    size_t need = (size_t)cl;
    if (c->cap < c->pos + need + 1) {
        /* room for the whole body */
        memmove(c->buf, c->buf + c->pos, c->len - c->pos);
        c->len -= c->pos;
        c->pos = 0;
        if (c->cap < need + 1) {
            c->cap = need + 65536;
            c->buf = sk_realloc(c->buf, c->cap + 1);
        }
    }
    while (c->len - c->pos < need) {
        int r = fill(c, err);
        if (r < 0)
            return -1;
        if (r == 0) {
            sk_err_set(err, "the input ended inside a message (%zu of %zu bytes)", c->len - c->pos, need);
            c->pos = c->len;
            return 2;
        }
    }
    char *b = sk_malloc(need + 1);
    memcpy(b, c->buf + c->pos, need);
    b[need] = '\0';
    c->pos += need;
    *body = b;
    *len = need;
    return 1;
}

static int write_all(int fd, const char *p, size_t n, sk_err *err)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            sk_err_set(err, "writing to the client: %s", strerror(errno));
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int sk_jsonrpc_write(sk_jsonrpc *c, const char *body, size_t len, sk_err *err)
{
    char head[64];
    int hl = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", len);
    if (write_all(c->out, head, (size_t)hl, err) < 0)
        return -1;
    return write_all(c->out, body, len, err);
}
