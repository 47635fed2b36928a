/* changes — the check of a written 前言's list of technical changes against the
 * edition the standard replaces (front matter replaces_source:, GB/T 1.1—2020 8.3):
 * the edition is compared with this one (model/diff.h) and
 *   - each technical change needs an item of the list citing its clause (or a
 *     clause above it: "第5章" covers 5.2), in this edition or as "20xx年版的x.y";
 *   - each clause an item cites must exist in the edition it names, must have a
 *     change (itself, above or below it), and an item citing a clause of both
 *     editions must pair the clauses the diff pairs ("（见6.1，2019年版的5.1）"
 *     when 2019年版的5.1 is 6.2 now is wrong);
 *   - a 前言 that says "无技术变化" while there are changes, or has no list at all,
 *     is reported at its heading.
 * The list is the paragraph holding "技术变化" and the ordered or bullet list after
 * it (or items "a）…" written as paragraphs, or as lines of that paragraph); an
 * item's clauses are read from its last "（见…）". Everything is foreword-changes
 * (a warning); an edition that cannot be read is replaces-source; the markers of
 * the new source (diff.h) are stddiff-marker. A generated 前言 (stdgen) is built
 * from the same comparison and is not checked. */
#ifndef SK_CHANGES_H
#define SK_CHANGES_H

#include "model/doc.h"

/* Checks doc against old, the edition replaces_source names (NULL when it could
 * not be read: load_err says why). */
void sk_changes_check(const sk_doc *doc, const sk_doc *old, const sk_err *load_err, sk_diags *d);

#endif
