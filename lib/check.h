/* check — runs every check over standards and their system; the driver behind stdcheck. */
#ifndef SK_CHECK_H
#define SK_CHECK_H

#include "catalog.h"
#include "doc.h"

typedef struct sk_check_opts {
    const char *system_dir; /* directory of system.yaml; NULL: look above the first path */
    int no_system;          /* check files alone */
} sk_check_opts;

/* Checks every standard under paths into d. Returns 0, or -1 with err for usage and
 * I/O errors (missing path, directory without standards, unreadable file). */
int sk_check_run(const char *const *paths, size_t n, const sk_check_opts *o, sk_diags *d, sk_err *err);

/* Per-standard checks on a parsed model (cat may be NULL). */
void sk_check_doc(const sk_doc *doc, const sk_catalog *cat, sk_diags *d);

/* Removes diagnostics from index start on whose code the file disables
 * (<!-- stdcheck-disable CODE -->). */
void sk_check_apply_disables(const sk_doc *doc, sk_diags *d, size_t start);

#endif
