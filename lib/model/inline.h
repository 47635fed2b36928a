/* inline — a block's run list (sk_inlines): adding runs and freeing them. */
#ifndef SK_INLINE_H
#define SK_INLINE_H

#include "model/doc.h"

void sk_inline_push(sk_inlines *l, const sk_inline *in);
void sk_inline_list_free(sk_inlines *l);
/* Frees what one run owns (its text, target and formula). */
void sk_inline_clear(sk_inline *in);

#endif
