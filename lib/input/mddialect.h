/* mddialect — Markdown written by other tools (pandoc from DOCX, PDF extraction,
 * md2std, hand-written) normalised into canonical stdkit source (docs/format.md),
 * line by line, keeping everything it does not recognise as it is:
 *   - headings with literal numbers ("## 5.1 xxx", "# 1. 范围") take the level of
 *     their number; headings one level too deep (or all at #) are moved up;
 *   - a bold line "**5.1 xxx**" alone is a heading; "#### 3.1.1" followed by
 *     "**术语 English**" is a term entry;
 *   - md2std: "{无标题条:N} text" → "§ text", "{{std:GB/T 1}}" → the number,
 *     "{{tbl:id:label}}" → "[](#tbl:id)";
 *   - HTML figures (<img src=…>) → ![](src);
 *   - no front matter: one is made from the cover lines (number, titles, dates)
 *     and the 目次 is dropped; "introduction:" in the front matter → "# 引言".
 * Every change is reported as a note with its line. */
#ifndef SK_MDDIALECT_H
#define SK_MDDIALECT_H

#include "base/common.h"

/* Reads path (UTF-8, at most SK_MDDIALECT_MAX bytes) and appends the canonical
 * source to out; notes gets "paragraph N: …" strings (N: the line). -1 with err
 * when the file cannot be read or is not UTF-8 text. */
#define SK_MDDIALECT_MAX (16u << 20)
int sk_mddialect_read(sk_buf *out, sk_vec *notes, const char *path, sk_err *err);

#endif
