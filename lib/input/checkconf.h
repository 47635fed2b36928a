/* checkconf — stdcheck's configuration, as linters keep one: a .stdcheck.yaml, or
 * the stdcheck: section of a system.yaml, found in the checked file's directory or
 * the nearest one above it. It names codes to disable, severities to change,
 * include and exclude globs (relative to the file's directory) and a fail level.
 *
 *     disable: [anchor-unused]
 *     severity: {index-order: warning, meta-unknown: off}
 *     exclude: [drafts/, "*-old.md"]
 *     fail-level: warning
 */
#ifndef SK_CHECKCONF_H
#define SK_CHECKCONF_H

#include "base/common.h"
#include "diag/rule.h"

typedef struct sk_checkconf {
    char *path;                        /* the file it was read from */
    char *dir;                         /* its directory, as an absolute path */
    unsigned char disabled[SK_R_COUNT];
    unsigned char level[SK_R_COUNT];   /* 0: the code's own severity; else 1 + sk_severity */
    int fail_level;                    /* -1: not given; else an sk_severity */
    sk_vec include, exclude;           /* char* globs; include empty: every file */
} sk_checkconf;

/* The configuration that applies in start_dir: path of .stdcheck.yaml or of a
 * system.yaml with a stdcheck: key, in start_dir or above. NULL when none. */
char *sk_checkconf_find(const char *start_dir);
/* Reads the configuration at path (a system.yaml: its stdcheck: section). -1 with
 * err naming file:line for a file that cannot be read, an unknown key, an unknown
 * code or severity, a glob that is not text. */
int sk_checkconf_load(sk_checkconf **out, const char *path, sk_err *err);
void sk_checkconf_free(sk_checkconf *c);
/* 1 when file (a path as the user gave it) is left out by c's include/exclude. */
int sk_checkconf_skips(const sk_checkconf *c, const char *file);

#endif
