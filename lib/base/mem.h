/* mem — checked allocation: out of memory aborts with a message, as cmark's default
 * allocator does, so no caller checks for NULL. The names are the C library's with sk_. */
#ifndef SK_MEM_H
#define SK_MEM_H

#include <stdio.h>
#include <stddef.h>

void *sk_malloc(size_t n);
void *sk_calloc(size_t n, size_t size);
void *sk_realloc(void *p, size_t n);
char *sk_strdup(const char *s);
char *sk_strndup(const char *s, size_t n);
char *sk_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
