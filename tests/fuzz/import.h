/* For the stdimport fuzz targets: a package built from the XML of its parts, and the
 * rest of stdimport's pipeline on what a reader gave (recognised, written as source,
 * the source read back and checked), all in memory. */
#ifndef SK_FUZZ_IMPORT_H
#define SK_FUZZ_IMPORT_H

#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "check/check.h"
#include "input/flow.h"
#include "model/import.h"
#include "model/model.h"
#include "write/markdown.h"
#include "tmpfile.h"

/* The parts of data, split at "\n====\n", written under names[] into a ZIP at a
 * scratch path (fixed[] added as they are); NULL when libzip fails. A part left out
 * gets defaults[i] (NULL: absent). The first fixed entry is stored, not deflated
 * (an ODT's mimetype). */
static const char *fuzz_package(const uint8_t *data, size_t size, const char *suffix, const char *const *names,
                                const char *const *defaults, size_t nparts, const char *const (*fixed)[2],
                                size_t nfixed)
{
    const char *path = fuzz_scratch(suffix, "", 0);
    int zerr;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!z)
        return NULL;
    for (size_t i = 0; i < nfixed; i++) {
        zip_source_t *s = zip_source_buffer(z, fixed[i][1], strlen(fixed[i][1]), 0);
        zip_int64_t idx = s ? zip_file_add(z, fixed[i][0], s, ZIP_FL_OVERWRITE) : -1;
        if (s && idx < 0)
            zip_source_free(s);
        if (idx >= 0 && i == 0)
            zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
    }
    const char *p = (const char *)data, *end = p + size;
    for (size_t i = 0; i < nparts; i++) {
        const char *sep = p < end ? memmem(p, (size_t)(end - p), "\n====\n", 6) : NULL;
        const char *stop = sep ? sep : end;
        const char *part = p < end ? p : defaults[i];
        size_t len = p < end ? (size_t)(stop - p) : part ? strlen(part) : 0;
        if (part) {
            zip_source_t *s = zip_source_buffer(z, part, len, 0);
            if (s && zip_file_add(z, names[i], s, ZIP_FL_OVERWRITE) < 0)
                zip_source_free(s);
        }
        p = sep ? sep + 6 : end;
    }
    if (zip_close(z) < 0) {
        zip_discard(z);
        unlink(path);
        return NULL;
    }
    return path;
}

/* What stdimport does with a flow, but the files: recognised, written as source,
 * the source read back (it must: a failure is a bug) and checked. */
static void fuzz_import_flow(const sk_flow *flow)
{
    sk_doc *doc = NULL, *back = NULL;
    sk_import_result ir;
    sk_import_opts io = { .figdir = "figures", .stem = "fuzz" };
    sk_import_build(&doc, &ir, flow, "fuzz.docx", &io);
    sk_buf md;
    sk_buf_init(&md);
    sk_markdown_write(&md, doc);
    sk_diags d;
    sk_diag_init(&d);
    sk_source *src = NULL;
    if (sk_source_make(&src, "fuzz.md", md.data ? md.data : "", md.len, &d) != 1)
        abort(); /* the source made must be a standard's text */
    sk_err err;
    sk_err_clear(&err);
    if (sk_model_build(&back, src, 0, &d, &err) < 0)
        abort(); /* and must read back */
    sk_check_doc(back, NULL, &d);
    sk_doc_free(back);
    sk_diag_free(&d);
    sk_buf_free(&md);
    sk_import_result_free(&ir);
    sk_doc_free(doc);
}

#endif
