#include "model/inline.h"

#include <stdlib.h>
#include <string.h>

#include "text/math.h"

/* ---------- inlines ---------- */

/* A run list starts with room for one: most paragraphs, cells and headings hold
 * one or two runs, and a model of a 1.4 MB standard held 4.6 MB of run lists
 * mostly empty (room for four) - memory every walk of the model went through. */
void sk_inline_push(sk_inlines *l, const sk_inline *in)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 1;
        l->v = sk_realloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = *in;
}

/* Frees what one run owns. */
void sk_inline_clear(sk_inline *in)
{
    free(in->text);
    free(in->target);
    free(in->spec);
    sk_math_free(in->math);
    in->text = in->target = in->spec = NULL;
    in->math = NULL;
}

void sk_inline_list_free(sk_inlines *l)
{
    for (size_t i = 0; i < l->n; i++)
        sk_inline_clear(&l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
