/* dump — a finished model as text, one line a node, run or table cell, with every
 * field that reaches a document (numbers, titles, anchors, the runs with what
 * their references resolved to, spans, the front matter, the standards cited).
 * Two models that dump alike print alike: the tests compare a model built in code
 * with one read from Markdown this way, and an imported standard with its
 * original. Positions only with SK_DUMP_POSITIONS. */
#ifndef SK_DUMP_H
#define SK_DUMP_H

#include "model/doc.h"

enum { SK_DUMP_POSITIONS = 1 };

void sk_dump_doc(sk_buf *b, const sk_doc *doc, unsigned flags);

#endif
