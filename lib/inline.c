#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "texmath.h"

/* ---------- inlines ---------- */

void sk_inlines_push(sk_inlines *l, const sk_inline *in)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 4;
        l->v = sk_realloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = *in;
}

/* Frees what one run owns. */
void sk_inline_clear(sk_inline *in)
{
    free(in->text);
    free(in->target);
    sk_math_free(in->math);
    in->text = in->target = NULL;
    in->math = NULL;
}

void sk_inlines_free(sk_inlines *l)
{
    for (size_t i = 0; i < l->n; i++)
        sk_inline_clear(&l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

char *sk_inlines_text(const sk_inlines *l)
{
    sk_buf b;
    sk_buf_init(&b);
    for (size_t i = 0; i < l->n; i++) {
        const sk_inline *in = &l->v[i];
        switch (in->type) {
        case SK_I_REF: {
            char *t = sk_ref_display(in);
            sk_buf_puts(&b, t);
            free(t);
            break;
        }
        case SK_I_FIELD:
            sk_buf_printf(&b, "{{%s}}", in->text);
            break;
        case SK_I_MATH:
            sk_buf_printf(&b, "$%s$", in->text);
            break;
        case SK_I_LINEBREAK:
        case SK_I_SOFTBREAK:
            sk_buf_putc(&b, '\n');
            break;
        default:
            sk_buf_puts(&b, in->text ? in->text : "");
        }
    }
    return sk_buf_detach(&b);
}

char *sk_ref_display(const sk_inline *in)
{
    if (in->ref_kind == SK_REF_ANCHOR && in->text && *in->text)
        return sk_strdup(in->text);
    if (in->node) {
        if (in->ref_kind == SK_REF_ANCHOR)
            return sk_node_label(in->node);
        /* plain-text references print the target's current number in the form written */
        switch (in->ref_kind) {
        case SK_REF_CHAPTER: return sk_asprintf("第%s章", in->node->num);
        case SK_REF_ANNEX: return sk_asprintf("附录%s", in->node->num);
        case SK_REF_TABLE: return sk_asprintf("表%s", in->node->num);
        case SK_REF_FIGURE: return sk_asprintf("图%s", in->node->num);
        case SK_REF_FORMULA: return sk_asprintf("公式（%s）", in->node->num);
        case SK_REF_BIBLIO: return sk_asprintf("参考文献[%s]", in->node->num);
        default: return sk_strdup(in->node->num);
        }
    }
    return sk_strdup(in->text && *in->text ? in->text : in->target ? in->target : "");
}
