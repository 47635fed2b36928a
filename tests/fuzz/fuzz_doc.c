/* libFuzzer target: any bytes as a standard → source checks, front matter, model,
 * numbering, references and the per-document checks. Must never crash or leak. */
#include <stddef.h>
#include <stdint.h>

#include "check/check.h"
#include "model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sk_diags d;
    sk_source *src = NULL;
    sk_doc *doc = NULL;
    sk_diag_init(&d);
    if (sk_source_make(&src, "fuzz.md", (const char *)data, size, &d) == 1) {
        if (sk_model_build(&doc, src, 0, &d, NULL) == 0) {
            sk_check_doc(doc, NULL, &d);
            sk_doc_free(doc);
        } else {
            sk_source_free(src);
        }
    }
    sk_diag_free(&d);
    return 0;
}
