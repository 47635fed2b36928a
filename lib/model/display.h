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

#endif
