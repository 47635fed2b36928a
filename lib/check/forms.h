/* forms — stdcheck's checks of the forms a standard defines. */
#ifndef SK_FORMS_H
#define SK_FORMS_H

#include "model/doc.h"

/* The form checks of one standard: fields outside a form annex, repeat markers
 * that are unbalanced or not around a table row, malformed field syntax, a form ID
 * given twice in the file, a form without fields. */
void sk_forms_check(const sk_doc *doc, sk_diags *d);

#endif
