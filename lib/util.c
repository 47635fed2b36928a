#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void sk_err_clear(sk_err *err)
{
    if (!err)
        return;
    err->msg[0] = err->file[0] = '\0';
    err->line = err->col = 0;
}

void sk_err_set(sk_err *err, const char *fmt, ...)
{
    va_list ap;
    if (!err)
        return;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
}

void sk_err_at(sk_err *err, const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    if (!err)
        return;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->col = col;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
}

static void oom(void)
{
    fputs("stdkit: out of memory\n", stderr);
    abort();
}

void *sk_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *sk_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *sk_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom();
    return q;
}

char *sk_strdup(const char *s)
{
    return sk_strndup(s, strlen(s));
}

char *sk_strndup(const char *s, size_t n)
{
    char *p = sk_malloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *sk_asprintf(const char *fmt, ...)
{
    va_list ap;
    sk_buf b;
    sk_buf_init(&b);
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    sk_buf_reserve(&b, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b.data, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b.len = (size_t)n;
    return sk_buf_detach(&b);
}

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
        if (cap > SIZE_MAX / 2)
            oom();
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

void sk_vec_push(sk_vec *v, void *p)
{
    if (v->len == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->items = sk_realloc(v->items, v->cap * sizeof *v->items);
    }
    v->items[v->len++] = p;
}

void sk_vec_free(sk_vec *v)
{
    free(v->items);
    v->items = NULL;
    v->len = v->cap = 0;
}

int sk_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t c;
    int len;
    if (n == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    } else if ((s[0] & 0xE0) == 0xC0) {
        c = s[0] & 0x1F;
        len = 2;
    } else if ((s[0] & 0xF0) == 0xE0) {
        c = s[0] & 0x0F;
        len = 3;
    } else if ((s[0] & 0xF8) == 0xF0) {
        c = s[0] & 0x07;
        len = 4;
    } else {
        return 0;
    }
    if ((size_t)len > n)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
        c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

int sk_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t sk_utf8_validate(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        int l = sk_utf8_decode(s + i, n - i, &cp);
        if (!l)
            return i;
        i += (size_t)l;
    }
    return (size_t)-1;
}

size_t sk_utf8_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

int sk_is_cjk(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x20000 && cp <= 0x2FA1F) || (cp >= 0xF900 && cp <= 0xFAFF);
}

uint32_t sk_utf8_prev(const char *s, size_t pos)
{
    if (pos == 0)
        return 0;
    size_t i = pos - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    uint32_t cp = 0;
    if (!sk_utf8_decode(s + i, pos - i, &cp))
        return 0xFFFD;
    return cp;
}

uint32_t sk_utf8_at(const char *s, size_t len, size_t pos)
{
    uint32_t cp = 0;
    if (pos >= len)
        return 0;
    if (!sk_utf8_decode(s + pos, len - pos, &cp))
        return 0xFFFD;
    return cp;
}

int sk_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int sk_ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

static size_t space_len(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == '\n')
        return 1;
    if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3;
    return 0;
}

char *sk_trim(char *s)
{
    size_t n, start = 0;
    while ((n = space_len(s + start)))
        start += n;
    if (start)
        memmove(s, s + start, strlen(s + start) + 1);
    size_t len = strlen(s);
    for (;;) {
        if (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n')) {
            s[--len] = '\0';
        } else if (len >= 3 && (unsigned char)s[len - 3] == 0xE3 &&
                   (unsigned char)s[len - 2] == 0x80 && (unsigned char)s[len - 1] == 0x80) {
            len -= 3;
            s[len] = '\0';
        } else {
            break;
        }
    }
    return s;
}

int sk_file_read(char **out, size_t *out_len, const char *path, size_t max, sk_err *err)
{
    int rc = -1, fd = -1;
    sk_buf b;
    struct stat st;
    sk_buf_init(&b);

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        sk_err_at(err, path, 0, 0, "cannot open: %s", strerror(errno));
        goto done;
    }
    if (fstat(fd, &st) < 0) {
        sk_err_at(err, path, 0, 0, "cannot stat: %s", strerror(errno));
        goto done;
    }
    if (S_ISDIR(st.st_mode)) {
        sk_err_at(err, path, 0, 0, "is a directory, not a file");
        goto done;
    }
    if (S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
        sk_err_at(err, path, 0, 0, "file is too large (%lld bytes; the limit is %zu MiB)",
                  (long long)st.st_size, max >> 20);
        goto done;
    }
    for (;;) {
        sk_buf_reserve(&b, 65536);
        ssize_t n = read(fd, b.data + b.len, b.cap - b.len - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            sk_err_at(err, path, 0, 0, "read error: %s", strerror(errno));
            goto done;
        }
        if (n == 0)
            break;
        b.len += (size_t)n;
        if (b.len > max) {
            sk_err_at(err, path, 0, 0, "file is too large (the limit is %zu MiB)", max >> 20);
            goto done;
        }
    }
    sk_buf_reserve(&b, 0);
    b.data[b.len] = '\0';
    *out_len = b.len;
    *out = sk_buf_detach(&b);
    rc = 0;
done:
    if (fd >= 0)
        close(fd);
    sk_buf_free(&b);
    return rc;
}

char *sk_tmpname_beside(const char *path)
{
    static unsigned counter;
    return sk_asprintf("%s.tmp%ld.%u", path, (long)getpid(), counter++);
}

int sk_file_write_new(const char *path, const void *data, size_t len, const char *name, sk_err *err)
{
    int rc = -1, fd;
    const char *p = data;
    if (!name)
        name = path;
    if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0) {
        sk_err_at(err, name, 0, 0, "cannot create: %s", strerror(errno));
        return -1;
    }
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            sk_err_at(err, name, 0, 0, "write error: %s", strerror(errno));
            goto done;
        }
        p += n;
        len -= (size_t)n;
    }
    rc = 0;
done:
    if (close(fd) < 0 && rc == 0) {
        sk_err_at(err, name, 0, 0, "write error: %s", strerror(errno));
        rc = -1;
    }
    if (rc < 0)
        unlink(path);
    return rc;
}

int sk_file_write_atomic(const char *path, const void *data, size_t len, sk_err *err)
{
    int rc = -1;
    char *tmp = sk_tmpname_beside(path);
    if (sk_file_write_new(tmp, data, len, path, err) < 0)
        goto done;
    if (rename(tmp, path) < 0) {
        sk_err_at(err, path, 0, 0, "cannot replace: %s", strerror(errno));
        unlink(tmp);
        goto done;
    }
    rc = 0;
done:
    free(tmp);
    return rc;
}

int sk_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int sk_mkdir_p(const char *path, sk_err *err)
{
    char *p = sk_strdup(path);
    int rc = 0;
    for (char *s = p + 1; ; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0755) < 0 && errno != EEXIST) {
                sk_err_at(err, p, 0, 0, "cannot create directory: %s", strerror(errno));
                rc = -1;
                break;
            }
            *s = c;
            if (!c)
                break;
        }
    }
    if (rc == 0 && !sk_is_dir(path)) {
        sk_err_at(err, path, 0, 0, "not a directory");
        rc = -1;
    }
    free(p);
    return rc;
}

int sk_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) < 0 || stat(b, &sb) < 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

char *sk_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return sk_strdup(".");
    if (slash == path)
        return sk_strdup("/");
    return sk_strndup(path, (size_t)(slash - path));
}

char *sk_path_join(const char *dir, const char *name)
{
    if (!dir || !*dir || name[0] == '/')
        return sk_strdup(name);
    size_t n = strlen(dir);
    return sk_asprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

void sk_map_init(sk_map *m)
{
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->len = 0;
}

void sk_map_free(sk_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    sk_map_init(m);
}

static void map_grow(sk_map *m)
{
    sk_map n;
    n.cap = m->cap ? m->cap * 2 : 16;
    n.len = 0;
    n.keys = sk_calloc(n.cap, sizeof *n.keys);
    n.vals = sk_calloc(n.cap, sizeof *n.vals);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = hash_str(m->keys[i]) & (n.cap - 1);
        while (n.keys[j])
            j = (j + 1) & (n.cap - 1);
        n.keys[j] = m->keys[i];
        n.vals[j] = m->vals[i];
        n.len++;
    }
    free(m->keys);
    free(m->vals);
    *m = n;
}

void *sk_map_put(sk_map *m, const char *key, void *val)
{
    if ((m->len + 1) * 2 > m->cap)
        map_grow(m);
    size_t j = hash_str(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0) {
            void *old = m->vals[j];
            m->vals[j] = val;
            return old;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = sk_strdup(key);
    m->vals[j] = val;
    m->len++;
    return NULL;
}

void *sk_map_get(const sk_map *m, const char *key)
{
    if (!m->cap)
        return NULL;
    size_t j = hash_str(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}
