/* check — runs every check over standards and their system; the driver behind stdcheck. */
#ifndef SK_CHECK_H
#define SK_CHECK_H

#include "catalog.h"
#include "doc.h"

typedef struct sk_check_opts {
    const char *system_dir; /* directory of system.yaml; NULL: look above the first path */
    int no_system;          /* check files alone */
    int fix;                /* rewrite written numbers and the references to them (lib/fix.h) */
    int dry_run;            /* with fix: change nothing, append a unified diff to diff */
    sk_buf *diff;           /* where dry_run writes its diff */
    int fixed_files, edits; /* out: files changed (or that would be), edits made */
} sk_check_opts;

/* Checks every standard under paths into d. With o->fix, each file is first
 * renumbered (in place, atomically, or as a diff with o->dry_run) and the
 * diagnostics are those of the fixed text. Returns 0, or -1 with err for usage and
 * I/O errors (missing path, directory without standards, unreadable file, a fix
 * that does not match the file). */
int sk_check_run(const char *const *paths, size_t n, sk_check_opts *o, sk_diags *d, sk_err *err);

/* Per-standard checks on a parsed model; ix is its system's catalog, indexed
 * (sk_catindex_new), or NULL to check the standard alone. */
void sk_check_doc(const sk_doc *doc, const sk_catindex *ix, sk_diags *d);

/* Removes diagnostics from index start on whose code the file disables
 * (<!-- stdcheck-disable CODE -->). */
void sk_check_apply_disables(const sk_doc *doc, sk_diags *d, size_t start);

#endif
