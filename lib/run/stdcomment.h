/* stdcomment — the driver behind stdcomment(1): reviewers' comments brought into
 * a standard's consultation record (input/consult.h), each tied to its clause.
 *
 * import: the comments of each file (input/review.h: the review comments of a
 * DOCX stdgen wrote, a comment form in CSV or XLSX, or a YAML file in the
 * record's own shape) are added to STEM.comments.yaml beside the standard,
 * which is created when missing. Each gets
 *   - its unit: --unit, else the form's column or head, else (DOCX) the
 *     comment's author;
 *   - its clause: DOCX: the clause whose bookmark it stands under (the bookmark's
 *     number in the text it was written from, checked against the words the
 *     bookmark holds, else the one clause printing those words); form and YAML:
 *     the clause its 章条编号 names;
 *   - its clause's number then (clause:) and path (anchor:), in the text the
 *     comments were made on: --draft FILE, else the standard as it is;
 *   - source: FILE#ID (the Word comment's id, the form's row): a comment already
 *     in the record from the same source is not added again, so importing a
 *     file twice adds nothing.
 * What is already in the file stays as it is (lines, # comments); the new
 * comments are inserted at the end of its comments list. A record with errors
 * (comment-record) is not written to.
 *
 * list: the record's comments as the 汇总处理表 orders them, with the 章条编号
 * of the standard as it is now, and the counts sentence. */
#ifndef SK_STDCOMMENT_H
#define SK_STDCOMMENT_H

#include <stdio.h>

#include "base/common.h"
#include "diag/report.h"

typedef struct sk_stdcomment_opts {
    const char *unit;      /* the 提出单位 of every comment imported, or NULL */
    const char *draft;     /* the text the comments were made on, or NULL: the standard */
    const char *sheet;     /* XLSX: the sheet (NULL: the first) */
    const char *encoding;  /* CSV: NULL (detected), UTF-8, GB18030, GBK */
    int dry_run;           /* print the new entries on out, write nothing */
    FILE *out;             /* where dry_run prints (stdout) */
    sk_report_fn report;   /* a comment left without its clause, a reply left out … */
    void *ctx;
} sk_stdcomment_opts;

typedef struct sk_stdcomment_result {
    size_t added;          /* comments added */
    size_t known;          /* comments the record already had (same source) */
    size_t unplaced;       /* added without a clause of the text (warned) */
    size_t replies;        /* replies to Word comments left out */
    char record[4096];     /* the record's path */
} sk_stdcomment_result;

/* Imports the comments of files[0..n) into standard's record. -1 with err (and
 * nothing written) when the standard, a file or the record cannot be read, a
 * comment has no unit, or the record has errors. */
int sk_stdcomment_import(const char *standard, const char *const *files, size_t n, const sk_stdcomment_opts *o,
                         sk_stdcomment_result *res, sk_err *err);

/* Prints standard's record on f: a line a comment, "FILE:LINE: 5.2 单位: 处理 — 意见",
 * then the counts sentence. Returns the number of comments, -1 with err. */
long sk_stdcomment_list(FILE *f, const char *standard, sk_err *err);

#endif
