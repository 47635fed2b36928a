/* number — assigns every number of a standard (chapters, clauses, terms, annex
 * letters, tables, figures, formulas, notes, examples) and checks the numbers
 * the author wrote against them. */
#ifndef SK_NUMBER_H
#define SK_NUMBER_H

#include "doc.h"

void sk_number_assign(sk_doc *doc, sk_diags *diags);

/* Letter of the n-th annex (0 → "A", 25 → "Z", 26 → "AA"). */
void sk_annex_letter(int n, char out[4]);

#endif
