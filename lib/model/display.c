#include "model/display.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"

/* ---------- labels ---------- */

const char *sk_display_sect(sk_sect s)
{
    static const char *names[] = { "", "前言", "引言", "范围", "规范性引用文件", "术语和定义", "符号和缩略语",
                                   "章", "条", "术语", "附录", "参考文献", "索引" };
    return names[s];
}

char *sk_display_label(const sk_node *n)
{
    switch (n->type) {
    case SK_N_SECTION:
        if (n->sect == SK_S_ANNEX)
            return sk_asprintf("附录%s", n->num);
        if (n->level == 1 && n->num[0])
            return sk_asprintf("第%s章", n->num);
        if (!n->num[0])
            return sk_strdup(n->title ? n->title : "");
        return sk_strdup(n->num);
    case SK_N_TABLE:
        return sk_asprintf("表%s", n->num);
    case SK_N_FIGURE:
        return sk_asprintf("图%s", n->num);
    case SK_N_FORMULA:
        return n->num[0] ? sk_asprintf("公式（%s）", n->num) : sk_strdup("公式");
    case SK_N_ITEM:
        return sk_asprintf("参考文献[%s]", n->num);
    default:
        return sk_strdup(n->num);
    }
}

char *sk_display_heading(const sk_node *n)
{
    if (!n->num[0] || n->sect == SK_S_ANNEX)
        return sk_strdup(n->title ? n->title : "");
    if (!n->title || !*n->title)
        return sk_strdup(n->num);
    return sk_asprintf("%s\xE3\x80\x80%s", n->num, n->title);
}

char *sk_display_text(const sk_inlines *l)
{
    sk_buf b;
    sk_buf_init(&b);
    for (size_t i = 0; i < l->n; i++) {
        const sk_inline *in = &l->v[i];
        switch (in->type) {
        case SK_I_REF: {
            char *t = sk_display_ref(in);
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

char *sk_display_ref(const sk_inline *in)
{
    if (in->ref_kind == SK_REF_ANCHOR && in->text && *in->text)
        return sk_strdup(in->text);
    if (in->node) {
        if (in->ref_kind == SK_REF_ANCHOR)
            return sk_display_label(in->node);
        /* plain-text references print the target's current number in the form written */
        switch (in->ref_kind) {
        case SK_REF_CHAPTER: return sk_asprintf("第%s章", in->node->num);
        case SK_REF_ANNEX: return sk_asprintf("附录%s", in->node->num);
        case SK_REF_TABLE: return sk_asprintf("表%s", in->node->num);
        case SK_REF_FIGURE: return sk_asprintf("图%s", in->node->num);
        case SK_REF_FORMULA: /* "式（1）" as written by those who cite it without 公 */
            return sk_asprintf("%s（%s）", in->text && !strncmp(in->text, "式", 3) ? "式" : "公式", in->node->num);
        case SK_REF_BIBLIO: return sk_asprintf("参考文献[%s]", in->node->num);
        default: return sk_strdup(in->node->num);
        }
    }
    return sk_strdup(in->text && *in->text ? in->text : in->target ? in->target : "");
}
