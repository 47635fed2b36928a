/* display — the words the model itself displays, before any layout: a node's
 * label as a reference shows it ("5.1", "第5章", "附录A", "表1", "图A.1", "公式（2）"),
 * a heading as printed, a reference run's text, the plain text of a run list. */
#ifndef SK_DISPLAY_H
#define SK_DISPLAY_H

#include "model/doc.h"

/* Plain text of inline content (references as displayed, fields as {{name}}). */
char *sk_display_text(const sk_inlines *l);
/* The label a reference to n displays: "5.1", "第5章", "附录A", "表1", "图A.1", "公式(2)". */
char *sk_display_label(const sk_node *n);
/* Heading text as printed: "5.1　固定内容" (number, U+3000, title). */
char *sk_display_heading(const sk_node *n);
/* Display text of a reference inline. */
char *sk_display_ref(const sk_inline *in);
const char *sk_display_sect(sk_sect s);
/* The element a chapter's title names: "前言", "术语和定义", "术语、定义和缩略语" (one chapter
 * for both, GB/T 1.1—2020 8.7), "参考文献", …; SK_S_CHAPTER for any other title.
 * Spaces inside the title are ignored ("前　言"). */
sk_sect sk_display_sect_of(const char *title);
/* The kind of a section titled title (NULL or "" when untitled) placed under parent:
 * a chapter's kind at the top, SK_S_TERM under 术语和定义 and under a term, and under
 * the group "3.1 术语和定义" of a chapter for both terms and symbols; else a clause. */
sk_sect sk_display_sect_under(const sk_node *parent, const char *title);

#endif
