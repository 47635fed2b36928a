/* number — assigns every number of a standard (chapters, clauses, terms, annex
 * letters, tables, figures, formulas, notes, examples) and checks the numbers
 * the author wrote against them. */
#ifndef SK_NUMBER_H
#define SK_NUMBER_H

#include "model/doc.h"

void sk_number_assign(sk_doc *doc, sk_diags *diags);
/* Numbers the formulas that are cited (GB/T 1.1—2020 9.9: a formula takes a number only
 * when the text refers to it): (1), (2) … from 引言 on, (A.1) … in annex A, after
 * sk_xref_resolve has found the citations (links to a formula's anchor, "公式（2）"
 * naming a written number). Checks written numbers (formula-number) and resolves the
 * "公式（n）" that named none, reporting the rest (ref-missing). */
void sk_number_formulas(sk_doc *doc, sk_diags *diags);

/* snprintf(out, size, "%d", k) without the printf machinery (size > 0): the
 * numbers of chapters, tables and entries are written for every node. */
void sk_number_int(char *out, size_t size, int k);

/* Letter of the n-th annex (0 → "A", 25 → "Z", 26 → "AA"). */
void sk_number_annex_letter(int n, char out[4]);

#endif
