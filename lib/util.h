/* util — error context, checked allocation, growable buffers, UTF-8 helpers. */
#ifndef SK_UTIL_H
#define SK_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define SK_VERSION "0.1.0"

/* Error context filled by a failing call (libgit2 style): the library never prints. */
typedef struct sk_err {
    char msg[1024];
    char file[512];
    int line, col;
} sk_err;

void sk_err_clear(sk_err *err);
/* Sets err->msg from a format; file/line are left as they are. NULL err is allowed. */
void sk_err_set(sk_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sk_err_at(sk_err *err, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Allocation: out of memory aborts with a message (as cmark's default allocator does). */
void *sk_malloc(size_t n);
void *sk_calloc(size_t n, size_t size);
void *sk_realloc(void *p, size_t n);
char *sk_strdup(const char *s);
char *sk_strndup(const char *s, size_t n);
char *sk_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable byte buffer, always NUL-terminated. */
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

/* Growable pointer array. */
typedef struct sk_vec {
    void **items;
    size_t len, cap;
} sk_vec;

void sk_vec_push(sk_vec *v, void *p);
void sk_vec_free(sk_vec *v);

/* UTF-8. sk_utf8_decode returns the byte length of the sequence at s (1..4) and
 * stores the code point, or returns 0 for an invalid/overlong/surrogate sequence. */
int sk_utf8_decode(const char *s, size_t n, uint32_t *cp);
int sk_utf8_encode(uint32_t cp, char out[4]);
/* Offset of the first invalid byte, or (size_t)-1 when s is valid UTF-8. */
size_t sk_utf8_validate(const char *s, size_t n);
/* Number of code points in s[0..n). */
size_t sk_utf8_count(const char *s, size_t n);
/* True for CJK ideographs (the ranges GB/T text uses). */
int sk_is_cjk(uint32_t cp);
/* Code point of the character before s[pos] (0 at start). */
uint32_t sk_utf8_prev(const char *s, size_t pos);
/* Code point at s[pos] (0 at end). */
uint32_t sk_utf8_at(const char *s, size_t len, size_t pos);

int sk_starts_with(const char *s, const char *prefix);
int sk_ends_with(const char *s, const char *suffix);
/* Strips ASCII spaces/tabs and U+3000 from both ends, in place; returns s. */
char *sk_trim(char *s);

/* Reads a whole file; returns 0 or -1 with err naming the file. */
int sk_file_read(char **out, size_t *out_len, const char *path, size_t max, sk_err *err);
/* Creates path, which must not exist yet, holding data (removed again on failure;
 * messages name name, or path when NULL). */
int sk_file_write_new(const char *path, const void *data, size_t len, const char *name, sk_err *err);
/* Writes data to path through a temporary file in the same directory and rename(2). */
int sk_file_write_atomic(const char *path, const void *data, size_t len, sk_err *err);
/* Temporary name beside path (same directory), for atomic replacement. */
char *sk_tmpname_beside(const char *path);
int sk_is_dir(const char *path);
int sk_mkdir_p(const char *path, sk_err *err);
/* True when a and b name the same existing file. */
int sk_same_file(const char *a, const char *b);
/* Directory part of path ("." when none). Caller frees. */
char *sk_dirname(const char *path);
char *sk_path_join(const char *dir, const char *name);



/* String-keyed hash map (open addressing); keys are copied, values borrowed. */
typedef struct sk_map {
    char **keys;
    void **vals;
    size_t cap, len;
} sk_map;

void sk_map_init(sk_map *m);
void sk_map_free(sk_map *m);
/* Sets key to val; returns the previous value or NULL. */
void *sk_map_put(sk_map *m, const char *key, void *val);
void *sk_map_get(const sk_map *m, const char *key);
#endif
