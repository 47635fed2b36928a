/* libFuzzer target: any bytes as TeX. The parser (texmath.h) must return a tree or an
 * error within the input, never crash, recurse past its depth limit or leak; a tree is
 * walked into StarMath text. Short inputs also go through a whole standard — as a
 * display formula with a number and as a 式中 symbol — into the model, the checks
 * and both writers (OMML in DOCX, MathML objects in ODT), in memory. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "write/docx.h"
#include "model/model.h"
#include "write/odt.h"
#include "base/zip.h"
#include "text/math.h"

#define WRITERS_MAX 300 /* bytes of TeX the writers are run for (they are slower) */

static void standard(const uint8_t *data, size_t size)
{
    static const char head[] = "---\nnumber: SJDJ/TS 01—2019\ntitle: 测试\ncategory: TS\nstatus: draft\n---\n"
                               "# 范围\n\n本文件规定了测试，按公式（1）计算：\n\n$$ ";
    static const char mid[] = " $$ (1)\n\n式中：\n\n- $";
    static const char tail[] = "$——说明。\n\n# 附录A（资料性）示例\n\n见[](#eq:a)。\n\n```math {#eq:a}\n";
    size_t len = sizeof head - 1 + 2 * size + sizeof mid - 1 + sizeof tail - 1 + 5;
    char *md = malloc(len);
    char *p = md;
    memcpy(p, head, sizeof head - 1), p += sizeof head - 1;
    memcpy(p, data, size), p += size;
    memcpy(p, mid, sizeof mid - 1), p += sizeof mid - 1;
    memcpy(p, data, size), p += size;
    memcpy(p, tail, sizeof tail - 1), p += sizeof tail - 1;
    memcpy(p, "\n```\n", 5), p += 5;
    sk_diags d;
    sk_source *src = NULL;
    sk_doc *doc = NULL;
    sk_diag_init(&d);
    if (sk_source_make(&src, "fuzz.md", md, (size_t)(p - md), &d) == 1 &&
        sk_model_build(&doc, src, 0, &d, NULL) == 0) {
        sk_check_doc(doc, NULL, &d);
        sk_err err;
        sk_zip *pkg = NULL;
        sk_docx_opts dox = { 0 };
        if (sk_docx_build(&pkg, doc, &dox, NULL, &err) == 0)
            sk_zip_free(pkg);
        pkg = NULL;
        sk_odt_opts oo = { 0 };
        if (sk_odt_build(&pkg, doc, &oo, NULL, &err) == 0)
            sk_zip_free(pkg);
        sk_doc_free(doc);
        src = NULL;
    }
    sk_source_free(src);
    sk_diag_free(&d);
    free(md);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sk_math_err err;
    sk_math *m = sk_math_parse((const char *)data, size, &err);
    if (m) {
        free(sk_math_starmath(m));
        sk_math_free(m);
    } else if (err.off > size) {
        abort(); /* an error must point into the input */
    }
    if (size <= WRITERS_MAX)
        standard(data, size);
    return 0;
}
