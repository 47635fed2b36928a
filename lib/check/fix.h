/* fix — stdcheck --fix: rewrites the numbers an author wrote (headings, annex
 * letters, table and figure captions) to the numbers stdkit assigns, and every
 * plain-text reference that pointed at an old number, as edits on the file's
 * original bytes: BOM, CRLF and everything else stay byte-identical. */
#ifndef SK_FIX_H
#define SK_FIX_H

#include "model/doc.h"

/* Applies doc's renumbering edits to orig (the file's bytes as read, before any
 * normalisation). Each edit is checked against the bytes at its position first;
 * a mismatch (the model does not describe these bytes) refuses the whole file.
 * Returns the number of edits, with *out and *out_len the new bytes (caller frees;
 * NULL when there is nothing to change), or -1 with err set. */
int sk_fix_apply(const sk_doc *doc, const char *orig, size_t orig_len, char **out, size_t *out_len, sk_err *err);

/* Appends a unified diff (diff -u format, 3 lines of context) of a → b to out,
 * both labelled path. Nothing when they are equal. */
void sk_fix_diff(sk_buf *out, const char *path, const char *a, size_t alen, const char *b, size_t blen);

#endif
