/* stdcheck — the driver behind stdcheck: finds the standards under the paths
 * given and the system each belongs to (the system.yaml above it, each loaded
 * once), renumbers them first with --fix, builds each model and runs the checks
 * (check.h) on it. */
#ifndef SK_STDCHECK_H
#define SK_STDCHECK_H

#include "diag/diag.h"
#include "base/common.h"

typedef struct sk_stdcheck_opts {
    const char *system_dir; /* directory of system.yaml; NULL: look above the first path */
    int no_system;          /* check files alone */
    int fix;                /* rewrite written numbers and the references to them (lib/fix.h) */
    int dry_run;            /* with fix: change nothing, append a unified diff to diff */
    sk_buf *diff;           /* where dry_run writes its diff */
    int fixed_files, edits; /* out: files changed (or that would be), edits made */
    const char *config;     /* --config FILE; NULL: the .stdcheck.yaml (or system.yaml stdcheck:) above each file */
    int no_config;          /* --no-config */
    int fail_level;         /* in: --fail-level, or -1; out: the level in force (configuration, else error) */
    const char *stdin_name; /* the name of the standard read from '-' (diagnostics, finding system.yaml) */
    sk_buf *stdin_fixed;    /* with fix and '-': gets the fixed text */
    sk_vec checked;         /* out: the files checked (char*, as named in diagnostics); caller frees */
} sk_stdcheck_opts;

/* Checks every standard under paths into d ("-" reads one from standard input).
 * Files found in directories follow the include/exclude globs of their
 * configuration; a .md file there with headings but no front matter is a
 * front-matter error. With o->fix, each file is first
 * renumbered (in place, atomically, or as a diff with o->dry_run) and the
 * diagnostics are those of the fixed text. Returns 0, or -1 with err for usage and
 * I/O errors (missing path, directory without standards, unreadable file, a fix
 * that does not match the file). */
int sk_stdcheck_run(const char *const *paths, size_t n, sk_stdcheck_opts *o, sk_diags *d, sk_err *err);

#endif
