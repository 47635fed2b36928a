/* gbt — GB/T 1.1—2020 structure and wording checks over one standard's model
 * (element order, mandatory elements, fixed sentences, hanging paragraphs, note and
 * example labels, modal verbs in the wrong place, term entries). Each check cites
 * its clause in diag/codes.def. */
#ifndef SK_GBT_H
#define SK_GBT_H

#include "model/doc.h"

/* Runs every structure and wording check on doc. */
void sk_gbt_check(const sk_doc *doc, sk_diags *d);

#endif
