/* edition — another edition of a standard, as a front-matter key (replaces_source:,
 * an amendment's source:) or a tool (stddiff --git) names it:
 *   a path      a file, relative to the directory of the standard that names it
 *               (absolute paths as they are);
 *   git:REV     the standard's own file as it is at revision REV of its git
 *               repository (`git show REV:./FILE`, run in the file's directory);
 *   git:REV:P   file P (relative to the standard's directory) at revision REV.
 * The text is read like any source (source.h): UTF-8 checked, limited to
 * SK_SOURCE_MAX, named "FILE@REV" for a revision. git runs with a time limit
 * (SK_EDITION_GIT_SECONDS) and never through a shell; a revision starting with
 * "-" is refused. */
#ifndef SK_EDITION_H
#define SK_EDITION_H

#include "input/source.h"

#define SK_EDITION_GIT_SECONDS 30.0

/* Reads the edition spec names for the standard at base, as sk_source_read does: 1
 * with *out the source; 0 when the text cannot be a standard (not UTF-8 …: an error
 * diagnostic in diags), *out NULL; -1 with err when it cannot be read (no such
 * file, git missing or failing: its message), *out NULL. */
int sk_edition_read(sk_source **out, const char *spec, const char *base, sk_diags *diags, sk_err *err);

/* The path spec names, as sk_edition_read would read it ("dir/old.md"), or NULL
 * for a git revision. Caller frees. */
char *sk_edition_path(const char *spec, const char *base);

#endif
