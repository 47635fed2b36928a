/* refs — the checks of a standard's references: annexes referred to and in
 * order, anchors used, other standards' numbers (em dash, dated when a part is
 * cited, listed in chapter 2 when cited normatively, chapter 2 entries cited and
 * in order) and, with a system, cited standards that exist in it, in that year
 * and not withdrawn. The references themselves were found and resolved when the
 * model was built (xref.h). */
#ifndef SK_REFS_H
#define SK_REFS_H

#include "input/catalog.h"
#include "model/doc.h"

/* Checks the references of doc; ix is its system's catalog index, or NULL. */
void sk_refs_check(const sk_doc *doc, const sk_catalog_index *ix, sk_diags *d);

#endif
