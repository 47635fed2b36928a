/* stddiff — the driver behind stddiff: two editions of a standard (two files, or
 * one file and a git revision of it) read into models, compared by diff.h, and
 * written as
 *   text      one line a change, both editions' numbers, the class and why, then
 *             the blocks that changed with the words in [-…-]{+…+} (or colour);
 *   json      the same as data (docs/stddiff.md gives the fields);
 *   foreword  the 前言's sentence and list of technical changes (GB/T 1.1—2020 8.3),
 *             as Markdown to paste under # 前言;
 *   docx, odt the new edition laid out as stdgen lays it out, with the changes
 *             against the old as tracked changes (author, date) a reviewer accepts
 *             or rejects in Word or LibreOffice.
 * Renumberings that only follow a parent's new number are counted, not listed. */
#ifndef SK_STDDIFF_H
#define SK_STDDIFF_H

#include <stdio.h>

#include "base/common.h"
#include "diag/report.h"
#include "model/doc.h"

typedef enum { SK_STDDIFF_TEXT, SK_STDDIFF_JSON, SK_STDDIFF_FOREWORD, SK_STDDIFF_DOCX, SK_STDDIFF_ODT } sk_stddiff_format;

typedef struct sk_stddiff_opts {
    const char *old_path;    /* the old edition's file (as given: not relative to new_path) … */
    const char *git_rev;     /* … or NULL and the new edition's file at this git revision */
    const char *new_path;    /* the new edition's file */
    sk_stddiff_format format;
    const char *output;      /* a file to write (atomically); NULL: res->out (not for docx, odt) */
    const char *author;      /* of the tracked changes; NULL: "stddiff" */
    int color;               /* text: ANSI colours instead of [-…-]{+…+} */
    sk_report_fn report;     /* warnings (markers that cannot be read …) */
    void *ctx;
} sk_stddiff_opts;

typedef struct sk_stddiff_result {
    size_t changes;          /* listed (implied renumberings not counted) */
    size_t technical;
    size_t implied;          /* renumberings that follow a parent's */
    sk_buf out;              /* the text, JSON or 前言 when no output file is given */
} sk_stddiff_result;

/* Compares and writes. Returns 0 (res filled; free res->out), or -1 with err: an
 * edition that cannot be read or is not a standard (err at the file and line), a
 * git revision that does not hold the file, an output that cannot be written or
 * would replace an input. */
int sk_stddiff_run(const sk_stddiff_opts *o, sk_stddiff_result *res, sk_err *err);

/* The edition spec names for the standard at base (edition.h), built with flags
 * (model.h); its diagnostics are dropped (the old edition is not the one checked).
 * -1 with err when it cannot be read or cannot be a standard. */
int sk_stddiff_load(sk_doc **out, const char *spec, const char *base, unsigned flags, sk_err *err);

#endif
