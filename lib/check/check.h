/* check — every check of one finished model (check.h is the entry point: GB/T 1.1
 * structure and wording in gbt, references in refs, forms in forms) and the checks
 * against its system (category, group, number pattern, file name, unique number,
 * replaces chain, form IDs). */
#ifndef SK_CHECK_H
#define SK_CHECK_H

#include "input/catalog.h"
#include "model/doc.h"

/* Per-standard checks on a parsed model; ix is its system's catalog, indexed
 * (sk_catalog_index_new), or NULL to check the standard alone. */
void sk_check_doc(const sk_doc *doc, const sk_catalog_index *ix, sk_diags *d);

/* The form IDs the standards of cat declare, indexed on first need (*index NULL
 * until then): a form ID another standard uses too is form-dup. */
void sk_check_form_ids(const sk_doc *doc, sk_map **index, const sk_catalog *cat, sk_diags *d);
void sk_check_form_index_free(sk_map *index);

/* Removes the diagnostics of doc's file from index start on that its stdcheck-
 * directives suppress, and adds a suppress-unused note for each directive code
 * that suppressed nothing (not for checks that need a system when with_system is
 * 0, nor for codes disabled by --disable or the configuration). */
void sk_check_apply_directives(const sk_doc *doc, sk_diags *d, size_t start, int with_system);

#endif
