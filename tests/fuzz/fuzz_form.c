/* libFuzzer target: the form filler. The input is YAML/JSON data for the 在职党员志愿服务
 * 积分评星登记表 of SJDJ/TS 09 (fields, repeat rows), checked against the form and
 * rendered to a DOCX in memory, with file names from a pattern. Values may hold
 * anything: markup, control characters, path tricks. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "model/form.h"
#include "run/formset.h"
#include "run/stdform.h"
#include "tmpfile.h"

static sk_formset *forms;
static const sk_form *form;

static void quiet(void *ctx, sk_severity level, const sk_err *e)
{
    (void)ctx;
    (void)level;
    (void)e;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sk_err err;
    if (!forms) {
        const char *dir = getenv("SK_FUZZ_STANDARDS") ? getenv("SK_FUZZ_STANDARDS") : "standards";
        if (sk_formset_load(&forms, dir, NULL, &err) < 0 || !(form = sk_formset_find(forms, "star-register", &err)))
            abort(); /* run from the source tree, or set SK_FUZZ_STANDARDS */
    }
    const char *path = fuzz_scratch(".yaml", data, size);
    sk_dataset *d = NULL;
    if (sk_records_load(&d, path, NULL, &err) == 0) {
        sk_stdform_opts o = { .report = quiet };
        sk_stdform_result res = { 0 };
        unsigned char *bad = calloc(d->n ? d->n : 1, 1);
        sk_stdform_validate(form, d, &o, bad, &res);
        char **names = NULL;
        if (sk_stdform_names(form, d, "{{name}}-{{unit}}", &o, &names, &err) == 0)
            sk_stdform_names_free(names, d->n);
        size_t recs[8], n = 0;
        for (size_t i = 0; i < d->n && n < 8; i++)
            if (!bad[i])
                recs[n++] = i;
        char *out = NULL;
        size_t len;
        if (n && sk_stdform_render(&out, &len, form, d, recs, n, SK_FORMAT_DOCX, &o, &err) == 0)
            free(out);
        free(bad);
        sk_records_free(d);
    }
    unlink(path);
    return 0;
}
