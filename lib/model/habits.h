/* habits — the ways real authors write what the source format has its own syntax
 * for, folded by the Markdown reader into the model's one structure, so that
 * checks and writers see the same thing whichever way it was written:
 *   - 规范性引用文件 and 参考文献 entries written as paragraphs (printed standards
 *     do), a standard's number and its title apart by two spaces, one space, a
 *     tab, U+3000 or nothing, several of them as the lines of one paragraph:
 *     they become the items of a list;
 *   - notes and examples written as the lines of one paragraph ("注1：…" then
 *     "注2：…"): one note or example each;
 *   - labels with a title: "示例2（说明）：".
 * The reader also takes (markdown.c) clauses written as bold lines, figures
 * written in HTML or as an image and a caption line, 式中 entries as paragraphs,
 * the merge marks of pipe tables. */
#ifndef SK_HABITS_H
#define SK_HABITS_H

#include "model/doc.h"

/* Takes a label — word ("注", "示例"), an optional number, an optional title in
 * brackets when title is not NULL ("示例2（说明）"), then "：" or ":" — off the
 * start of the first text run of in. Returns 1 with *num (0 when unnumbered) and
 * *title (malloc'd, or NULL), or 0 when in does not start with the label. */
int sk_habits_take_label(sk_inlines *in, const char *word, int *num, char **title);

/* Folds the habits above into doc's tree (after the reader, before the passes). */
void sk_habits_apply(sk_doc *doc);

#endif
