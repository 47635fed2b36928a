/* xref — finds references in running text (plain-text "见5.2", "表3", "附录B", other
 * standards' numbers) and resolves every reference of a standard to its target
 * (a pass of the model pipeline: model.h). */
#ifndef SK_XREF_H
#define SK_XREF_H

#include "model/doc.h"

/* Splits text runs into TEXT / REF / STDREF runs, resolves anchors and plain-text
 * references, and fills doc->refs and doc->stdrefs. Unresolved references are reported. */
void sk_xref_resolve(sk_doc *doc, sk_diags *diags);

#endif
