/* libFuzzer target: other tools' Markdown normalised (input/mddialect), then the
 * source it gives read as a standard and checked. Text that is not UTF-8 (or holds a
 * NUL) is what sk_mddialect_read refuses before converting: skipped here too. Must
 * never crash, leak or hang, and what it writes must be a standard's text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "input/mddialect.h"
#include "model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    if (sk_utf8_validate(text, size) != (size_t)-1 || memchr(text, '\0', size))
        return 0;
    sk_buf out;
    sk_vec notes = { 0 };
    sk_buf_init(&out);
    sk_mddialect_convert(&out, &notes, text, size);
    for (size_t i = 0; i < notes.len; i++)
        free(notes.items[i]);
    sk_vec_free(&notes);
    sk_diags d;
    sk_diag_init(&d);
    sk_source *src = NULL;
    sk_doc *doc = NULL;
    if (sk_source_make(&src, "fuzz.md", out.data ? out.data : "", out.len, &d) == 1) {
        if (sk_model_build(&doc, src, 0, &d, NULL) == 0) {
            sk_check_doc(doc, NULL, &d);
            sk_doc_free(doc);
        } else {
            sk_source_free(src);
        }
    }
    sk_diag_free(&d);
    sk_buf_free(&out);
    return 0;
}
