#include "model/display.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "text/zh.h"

/* ---------- labels ---------- */

/* a b c d in a new string: the labels below are written for every reference and
 * heading, and sk_asprintf formats each twice */
static char *join4(const char *a, const char *b, const char *c, const char *d)
{
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c), ld = strlen(d);
    char *s = sk_malloc(la + lb + lc + ld + 1);
    memcpy(s, a, la);
    memcpy(s + la, b, lb);
    memcpy(s + la + lb, c, lc);
    memcpy(s + la + lb + lc, d, ld);
    s[la + lb + lc + ld] = '\0';
    return s;
}

const char *sk_display_sect(sk_sect s)
{
    static const char *names[] = { "", "前言", "引言", "范围", "规范性引用文件", "术语和定义", "符号和缩略语",
                                   "章", "条", "术语", "附录", "参考文献", "索引" };
    return names[s];
}

/* A title made only of the words of 8.7 and 8.8 joined by 、/和/及 (GB/T 1.1—2020 allows
 * 术语和定义 and 符号和缩略语 in one chapter): "术语、定义和缩略语", "术语、定义、符号和缩略语",
 * "符号、代号和缩略语". Returns TERMS when 术语 or 定义 is among them, SYMBOLS when only
 * symbol words are, CHAPTER otherwise. */
static sk_sect sect_of_words(const char *t)
{
    static const char *const words[] = { "缩略语", "缩写词", "缩写", "术语", "定义", "符号", "代号",
                                         "、", "和", "及", "与", NULL };
    int terms = 0, defs = 0, syms = 0, n = 0;
    while (*t) {
        size_t i = 0, k = 0;
        for (; words[i]; i++)
            if (!strncmp(t, words[i], k = strlen(words[i])))
                break;
        if (!words[i])
            return SK_S_CHAPTER;
        terms |= i == 3;
        defs |= i == 4;
        syms |= i <= 2 || i == 5 || i == 6;
        n += i <= 6;
        t += k;
    }
    if (n < 2)
        return SK_S_CHAPTER;
    if (terms || defs)
        return SK_S_TERMS; /* also the older "术语和缩略语" */
    return syms ? SK_S_SYMBOLS : SK_S_CHAPTER;
}

sk_sect sk_display_sect_of(const char *title)
{
    static const struct { const char *t; sk_sect s; } names[] = {
        { "前言", SK_S_FOREWORD }, { "引言", SK_S_INTRO }, { "范围", SK_S_SCOPE },
        { "规范性引用文件", SK_S_NORMREF }, { "术语和定义", SK_S_TERMS },
        { "符号和缩略语", SK_S_SYMBOLS }, { "符号", SK_S_SYMBOLS }, { "缩略语", SK_S_SYMBOLS },
        { "参考文献", SK_S_BIBLIO }, { "索引", SK_S_INDEX },
    };
    if (strlen(title) > 96) /* no name of an element is that long, even letter-spaced */
        return SK_S_CHAPTER;
    char *t = sk_zh_unspace(title);
    sk_sect s = SK_S_CHAPTER;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(t, names[i].t))
            s = names[i].s;
    if (s == SK_S_CHAPTER)
        s = sect_of_words(t);
    free(t);
    return s;
}

/* In a chapter for both terms and symbols the terms sit one level down, in a clause
 * "3.1 术语和定义" beside "3.2 缩略语": those clauses are groups, not terms. */
static int is_terms_group(const sk_node *n)
{
    return n->type == SK_N_SECTION && n->sect == SK_S_CLAUSE && n->level == 2 && n->parent &&
           n->parent->type == SK_N_SECTION && n->parent->sect == SK_S_TERMS && n->title &&
           sk_display_sect_of(n->title) == SK_S_TERMS;
}

sk_sect sk_display_sect_under(const sk_node *parent, const char *title)
{
    if (!parent || parent->type != SK_N_SECTION)
        return title ? sk_display_sect_of(title) : SK_S_CHAPTER;
    if (parent->sect == SK_S_TERMS) {
        sk_sect g = title && *title ? sk_display_sect_of(title) : SK_S_CHAPTER;
        return g == SK_S_TERMS || g == SK_S_SYMBOLS ? SK_S_CLAUSE : SK_S_TERM;
    }
    return parent->sect == SK_S_TERM || is_terms_group(parent) ? SK_S_TERM : SK_S_CLAUSE;
}

char *sk_display_label(const sk_node *n)
{
    switch (n->type) {
    case SK_N_SECTION:
        if (n->sect == SK_S_ANNEX)
            return join4("附录", n->num, "", "");
        if (n->level == 1 && n->num[0])
            return join4("第", n->num, "章", "");
        if (!n->num[0])
            return sk_strdup(n->title ? n->title : "");
        return sk_strdup(n->num);
    case SK_N_TABLE:
        return join4("表", n->num, "", "");
    case SK_N_FIGURE:
        return join4("图", n->num, "", "");
    case SK_N_FORMULA:
        return n->num[0] ? join4("公式（", n->num, "）", "") : sk_strdup("公式");
    case SK_N_ITEM:
        return join4("参考文献[", n->num, "]", "");
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
    return join4(n->num, "\xE3\x80\x80", n->title, "");
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
        case SK_REF_CHAPTER: return join4("第", in->node->num, "章", "");
        case SK_REF_ANNEX: return join4("附录", in->node->num, "", "");
        case SK_REF_TABLE: return join4("表", in->node->num, "", "");
        case SK_REF_FIGURE: return join4("图", in->node->num, "", "");
        case SK_REF_FORMULA: /* "式（1）" as written by those who cite it without 公 */
            return join4(in->text && !strncmp(in->text, "式", 3) ? "式" : "公式", "（", in->node->num, "）");
        case SK_REF_BIBLIO: return join4("参考文献[", in->node->num, "]", "");
        default: return sk_strdup(in->node->num);
        }
    }
    return sk_strdup(in->text && *in->text ? in->text : in->target ? in->target : "");
}
