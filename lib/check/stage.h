/* stage — the checks of the drafting cycle: a draft's stage (stage: 征求意见稿 →
 * 送审稿 → 报批稿 → 发布稿) against its consultation record (input/consult.h),
 * and the record against the text.
 *   comment-record   the record is another standard's (standard: gives another number)
 *   comment-anchor   a comment's clause is gone (its anchor names no clause any
 *                    more), or a comment is tied to a clause number only
 *   comment-reason   部分采纳 or 未采纳 without the reason
 *   comment-pending  a 送审稿 or 报批稿 (or 发布稿) with a comment not yet handled,
 *                    or without a record at all
 *   stage-marking    a 报批稿 or 发布稿 still carrying what only drafts carry: the
 *                    words 征求意见稿, 送审稿, 讨论稿; placeholders (待定, 待补充,
 *                    ××, XXX, TODO, TBD, ？？); editor's notes in 【】; struck-out
 *                    text (~~…~~) */
#ifndef SK_STAGE_H
#define SK_STAGE_H

#include "input/consult.h"
#include "model/doc.h"

/* The checks of doc's stage with its record rec (NULL: doc has none). */
void sk_stage_check(const sk_doc *doc, const sk_consult *rec, sk_diags *d);

#endif
