/* stdimport — the driver behind stdimport: reads each input (DOCX, ODT, or Markdown
 * in another tool's dialect), recognises the standard in it (model/import.h, or
 * input/mddialect.h for Markdown), writes it as stdkit source (write/markdown.h)
 * with its figures under figures/ beside it, and checks that the source it wrote
 * reads back (the model of the written text is built before anything is written).
 *
 * Every input is read and converted in memory first; then its outputs are
 * written atomically, never over an existing file without force and never over
 * an input. An input that is not a readable document is reported and nothing is
 * written for it. */
#ifndef SK_STDIMPORT_H
#define SK_STDIMPORT_H

#include <stddef.h>

#include "base/common.h"
#include "diag/report.h"

typedef struct sk_stdimport_opts {
    const char *output;     /* a directory (default "."), or with one input a FILE.md */
    const char *system_dir; /* where system.yaml is (category and group from it); NULL: in or above output */
    int check;              /* print what is recognised (the outline) instead of writing */
    int force;              /* replace existing outputs */
    /* Problems and notes (err names the input and, as its line, the paragraph). */
    sk_report_fn report;
    sk_progress_fn progress;
    /* --check: the outline of one input, as text. */
    void (*outline)(void *ctx, const char *path, const char *text);
    void *ctx;
} sk_stdimport_opts;

typedef struct sk_stdimport_result {
    size_t inputs;      /* inputs given */
    size_t imported;    /* written (or, with check, read) */
    size_t failed;      /* not readable: nothing written */
    size_t incomplete;  /* imported, but number or title is missing */
    size_t written;     /* files written, figures included */
} sk_stdimport_result;

/* Imports paths[0..n). -1 with err on a usage or I/O error that stops the run (an
 * output that exists, an output directory that cannot be made, -o FILE.md with
 * several inputs); a bad input is reported, counted in res->failed, and the
 * others go on. */
int sk_stdimport_run(const char *const *paths, size_t n, const sk_stdimport_opts *o, sk_stdimport_result *res,
                     sk_err *err);

#endif
