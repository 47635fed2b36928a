/* mem — checked allocation: out of memory aborts with a message, as cmark's default
 * allocator does, so no caller checks for NULL. The names are the C library's with sk_. */
#ifndef SK_MEM_H
#define SK_MEM_H

#include <stdio.h>
#include <stddef.h>

/* SK_ASAN: 1 when built with AddressSanitizer (gcc's or clang's spelling). An
 * allocator of our own (an arena, slabs) steps aside then, so that every object is
 * its own allocation, checked on its own. */
#if defined(__SANITIZE_ADDRESS__)
#define SK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SK_ASAN 1
#endif
#endif
#ifndef SK_ASAN
#define SK_ASAN 0
#endif

void *sk_malloc(size_t n);
void *sk_calloc(size_t n, size_t size);
void *sk_realloc(void *p, size_t n);
char *sk_strdup(const char *s);
char *sk_strndup(const char *s, size_t n);
char *sk_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* For a tool that builds large models one after the other: keep the heap rather
 * than hand it back to the kernel and fault it in again for every one, and back
 * about heap bytes of it with transparent huge pages where the kernel allows
 * (madvise mode: a 4 KB page fault for each first touch was a tenth of a large
 * standard's time; a single standard is built on the main thread, whose heap this
 * is). glibc only; a no-op elsewhere and under a sanitizer's allocator. */
void sk_mem_tune(size_t heap);

#endif
