/* feedback — a consultation record (input/consult.h) read against the standard
 * as it is now: each comment with the clause it is on today (found by its anchor,
 * model/clause.h), the 章条编号 that clause has now, in the order of the text.
 * The 汇总处理表, the 编制说明, stdcomment list and stdcheck all take the comments
 * from here, so they agree on numbers and order. */
#ifndef SK_FEEDBACK_H
#define SK_FEEDBACK_H

#include "input/consult.h"
#include "model/doc.h"

typedef enum {
    SK_FB_GENERAL,  /* on the whole text (no anchor; clause 全文, 封面 … or none) */
    SK_FB_FOUND,    /* its anchor names a clause of the text */
    SK_FB_MOVED,    /* its anchor's last name names one clause, under another parent */
    SK_FB_LOST,     /* its anchor names no clause any more (deleted, or retitled) */
    SK_FB_NUMBER,   /* no anchor: found by its clause number alone */
    SK_FB_UNKNOWN   /* no anchor, and no clause has its number */
} sk_feedback_status;

typedef struct sk_feedback_row {
    const sk_consult_comment *c;
    const sk_node *node;      /* the clause now (FOUND, MOVED, NUMBER), else NULL */
    sk_feedback_status status;
    char *label;              /* 章条编号 now ("5.2", "表1"); GENERAL: the record's word or 全文;
                                 LOST, UNKNOWN: the clause the record gives */
    int renumbered;           /* FOUND/MOVED: the record's clause differs from label */
} sk_feedback_row;

typedef struct sk_feedback {
    sk_feedback_row *v;
    size_t n;
} sk_feedback;

/* The rows of c's comments against doc (c may be NULL: none): the comments on
 * the whole text first, then by the position of their clause in the text, then
 * LOST and UNKNOWN; the record's order within each. */
void sk_feedback_build(sk_feedback *out, const sk_doc *doc, const sk_consult *c);
void sk_feedback_free(sk_feedback *f);

#endif
