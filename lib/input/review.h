/* review — reviewers' comments as they come in, before they are tied to a
 * standard's clauses (run/stdcomment does that):
 *
 *   - the review comments of a DOCX (word/comments.xml), as Word, WPS or
 *     LibreOffice write them into the circulated draft: each comment's text,
 *     author and date, the words its range covers (w:commentRangeStart … End),
 *     and where it stands: the last bookmark opened before the range's first
 *     word (the _Toc… bookmarks stdgen puts around every heading, caption and
 *     term number), with the text that bookmark holds ("5.2　固定内容"), or, before
 *     the first bookmark, 封面 or 目次. A DOCX with none of those bookmarks (an
 *     editor dropped them) is read by its paragraph styles: each paragraph in a
 *     style stdgen bookmarks (Heading1…9, GBAnnexTitle, GBTableTitle,
 *     GBFigureTitle, GBTermNumber) stands for a bookmark "_Hdg<n>" holding its
 *     words, which run/stdcomment matches to the clause printing them. A reply to a comment (commentsExtended.xml)
 *     is not a comment of its own: replies are counted and left out.
 *   - the rows of a comment form (征求意见反馈表) in CSV (UTF-8 or GB18030/GBK, as
 *     Excel saves it) or XLSX: the header is the first row naming a column of
 *     the comment (意见内容, 意见, 修改意见 …); the rows above it may give the unit
 *     ("单位名称：上街区民政局"). Columns, by the names forms use:
 *       unit      提出单位, 单位, 单位名称, 意见提出单位, 反馈单位
 *       clause    章条编号, 标准章条编号, 章条号, 章节号, 章节, 条款, 条款号, 条文编号
 *       comment   意见内容, 意见, 修改意见, 具体意见, 意见和建议, 问题
 *       proposal  修改建议, 建议, 建议修改为, 修改后内容, 建议修改内容
 *       reason    理由, 修改理由, 理由或依据, 依据 (the reviewer's: it goes with the comment)
 *       quote     原文, 原文内容
 *       handling  处理意见 ("采纳", "未采纳：理由" …, when a filled table comes back)
 *       note      备注
 *     序号 and other columns are ignored; a row without a comment is skipped.
 *
 * Both readers go through the one ZIP reader and the XML guard (zip.h, xml.h) or
 * records.h, with their limits; a file that is not what it should be is an
 * error naming it. */
#ifndef SK_REVIEW_H
#define SK_REVIEW_H

#include "base/common.h"

#define SK_REVIEW_MAX_COMMENTS 100000

typedef struct sk_review_item {
    char *text;          /* the comment (意见内容); paragraphs joined by LF */
    char *author;        /* DOCX: w:author */
    char *date;          /* DOCX: w:date as YYYY-MM-DD, or NULL */
    char *quote;         /* DOCX: the words the range covers; form: 原文; or NULL */
    char *bookmark;      /* DOCX: the bookmark it stands under, or NULL */
    char *bookmark_text; /* DOCX: what that bookmark holds */
    const char *place;   /* DOCX, no bookmark before it: "封面" or "目次"; else NULL */
    char *unit, *clause, *proposal, *reason, *handling, *note; /* form columns, or NULL */
    int id;              /* DOCX: w:id; form: the row (line or sheet row) */
} sk_review_item;

typedef struct sk_review {
    char *path;
    char *unit;          /* form: the unit its head names, or NULL */
    sk_review_item *v;
    size_t n;
    size_t replies;      /* DOCX: replies left out */
    int docx;            /* read from a DOCX's review comments */
} sk_review;

/* Reads the review comments of the DOCX at path (none is not an error: n 0).
 * -1 with err naming the file (and part) when it is no readable DOCX. */
int sk_review_read_docx(sk_review **out, const char *path, sk_err *err);
/* Reads a comment form (.csv or .xlsx; sheet and encoding as records.h takes
 * them, NULL for the defaults). -1 with err naming the file and the place. */
int sk_review_read_form(sk_review **out, const char *path, const char *sheet, const char *encoding, sk_err *err);
void sk_review_free(sk_review *r);

#endif
