/* stdgen — the driver behind stdgen: finds the standards, builds each model, checks
 * it can be rendered (its figures load, it is UTF-8 …; numbering problems do not
 * stop it — stdcheck reports those) and writes every requested format into the
 * output directory, atomically, never over an input.
 *
 * Standards are built by one worker thread per processor (at most 8) and
 * committed — reported, checked for clashing output names and written — one at
 * a time in file order, so messages, results and files are the same whatever
 * the number of threads. The callbacks are called from the committing thread,
 * never two at once. */
#ifndef SK_STDGEN_H
#define SK_STDGEN_H

#include <stddef.h>

#include "base/common.h"
#include "diag/report.h"
#include "write/format.h"

/* The formats stdgen writes (write/format.h's bits; a new writer adds a row to
 * stdgen.c's table). PDF is the ODT converted by LibreOffice (office.h), one
 * process for the run; CSV is the system's 明细表. */
#define SK_STDGEN_FORMATS (SK_FORMAT_DOCX | SK_FORMAT_ODT | SK_FORMAT_PDF | SK_FORMAT_CSV)

/* Where the 目次 pages come from (--pages): LibreOffice's layout of each document
 * when it is installed with the UNO bridge (AUTO), always (OFFICE: an error
 * without it), or the estimate (layout/toc.h) alone. */
enum { SK_PAGES_AUTO = 0, SK_PAGES_OFFICE, SK_PAGES_ESTIMATE };
/* LibreOffice processes a run keeps at most (one per worker). */
#define SK_OFFICE_SLOTS 4

typedef struct sk_stdgen_opts {
    const char *outdir;        /* default "out" */
    const char *output_file;   /* -o FILE.docx: the one standard's output (its directory the outdir) */
    int pages;                 /* SK_PAGES_* */
    int skip_blank;            /* PDF: drop the blank pages before a part starting on a right-hand page */
    int jobs;                  /* workers and LibreOffice processes at most (0: one per processor) */
    unsigned formats;          /* SK_GEN_* bits; 0 means DOCX */
    const char *reference_doc[2]; /* DOCX and/or ODT whose styles to use (either order; NULL when absent) */
    const char *system_dir;    /* directory of system.yaml; NULL: look above the first path */
    int system_docs;           /* the system documents (sysdoc.h) instead of the standards:
                                * STEM-标准体系表.FORMAT, STEM-标准体系结构图.dot (and .png when
                                * Graphviz drew it), csv: STEM-标准明细表.csv */
    int amendment;             /* the 修改单 (amendment.h) of each standard instead: of its amendment
                                * number `amendment`, -1 its last; OUTDIR/NUMBER-slug-第N号修改单.FORMAT */
    const char *amendment_source; /* the text before the amendment (a file or git:REV, edition.h),
                                * instead of the amendment's source: */
    unsigned papers;           /* SK_STDGEN_EXPLANATION | SK_STDGEN_COMMENT_TABLE: each standard's
                                * papers of the drafting cycle (run/drafting.h) instead of the
                                * standard: OUTDIR/NUMBER-slug-编制说明.FORMAT,
                                * NUMBER-slug-征求意见汇总处理表.FORMAT (the latter needs the
                                * standard's consultation record, STEM.comments.yaml) */
    int line_numbers;          /* the standard with line numbers for reviewers (the circulated draft) */
    /* Called for each problem with one standard (err has file and line when known). */
    sk_report_fn report;
    /* Called before each standard (done of total finished so far). */
    sk_progress_fn progress;
    void *ctx;
} sk_stdgen_opts;

enum { SK_STDGEN_EXPLANATION = 1, SK_STDGEN_COMMENT_TABLE = 2 };

typedef struct sk_stdgen_result {
    size_t standards;  /* standards found */
    size_t written;    /* files written */
    size_t failed;     /* standards that could not be rendered */
} sk_stdgen_result;

/* Renders the standards under paths (or, with system_docs, the system documents of
 * the system they belong to). A standard that cannot be rendered is
 * reported, counted in res->failed, and the others go on. Returns -1 with err
 * (and stops) on usage and I/O errors: a missing path, an unusable reference
 * document, an output directory that cannot be created or written, an output
 * that would overwrite an input. */
int sk_stdgen_run(const char *const *paths, size_t n, const sk_stdgen_opts *o, sk_stdgen_result *res, sk_err *err);
/* Worker threads a run of this many standards starts: one per processor, at most 8. */
size_t sk_stdgen_workers(size_t standards);

#endif
