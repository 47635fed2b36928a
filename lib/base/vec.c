#include "base/vec.h"

#include <stdlib.h>

#include "base/mem.h"

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
