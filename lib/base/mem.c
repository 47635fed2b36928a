#include "base/mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#endif


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
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *s = sk_malloc((size_t)n + 1);
    s[0] = '\0';
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

void sk_mem_tune(size_t heap)
{
#ifdef __GLIBC__
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
#ifdef MADV_HUGEPAGE
    if (heap > (24u << 20))
        heap = 24u << 20; /* under the mmap threshold: it comes from the heap */
    /* grow the heap by heap bytes (plus the pad) without touching them, keep it
     * (the trim threshold is above), and advise it */
    char *probe = malloc(heap);
    if (!probe)
        return;
    char *end = sbrk(0);
    uintptr_t at = (uintptr_t)probe;
    free(probe);
    uintptr_t lo = (at + ((uintptr_t)2 << 20) - 1) & ~(((uintptr_t)2 << 20) - 1);
    if (end != (char *)-1 && (uintptr_t)end > lo && (uintptr_t)end - at < ((uintptr_t)1 << 30))
        madvise((void *)lo, (uintptr_t)end - lo, MADV_HUGEPAGE); /* advice: a failure changes nothing */
#endif
#else
    (void)heap;
#endif
}
