/* vec — growable array of pointers. */
#ifndef SK_VEC_H
#define SK_VEC_H

#include <stddef.h>

typedef struct sk_vec {
    void **items;
    size_t len, cap;
} sk_vec;

void sk_vec_push(sk_vec *v, void *p);
void sk_vec_free(sk_vec *v);

#endif
