#include "run/amendment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/cover.h"
#include "layout/labels.h"
#include "model/build.h"
#include "model/display.h"

#define LQ "\xE2\x80\x9C" /* “ */
#define RQ "\xE2\x80\x9D" /* ” */
#define CONTEXT 8         /* characters kept around a change in a quote */
#define QUOTE_MAX 40      /* longer quotes of a whole block are cut */

/* 一、二、… 九十九、 (and 100、 beyond). */
static void cn_number(int k, char out[32])
{
    static const char *const d[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
    if (k < 1 || k > 99)
        snprintf(out, 32, "%d、", k);
    else if (k < 10)
        snprintf(out, 32, "%s、", d[k]);
    else
        snprintf(out, 32, "%s十%s、", k / 10 > 1 ? d[k / 10] : "", d[k % 10]);
}

/* ---------- the words ---------- */

typedef struct sheet {
    sk_doc *doc;
    int items;
} sheet;

/* A new item: "一、" and the words, in bold when heading (a clause named), else body text. */
static sk_node *item(sheet *S, const char *words, int heading)
{
    char num[32];
    cn_number(++S->items, num);
    sk_node *p = sk_build_block(S->doc->root, SK_N_PARA);
    char *t = sk_asprintf("%s%s", num, words);
    if (heading)
        sk_build_text_flags(&p->in, t, SK_F_BOLD);
    else
        sk_build_text(&p->in, t);
    free(t);
    return p;
}

static void line(sheet *S, const char *words)
{
    sk_node *p = sk_build_block(S->doc->root, SK_N_PARA);
    sk_build_text(&p->in, words);
}

static size_t chars_of(const char *s, size_t n)
{
    return sk_utf8_count(s, n);
}

/* Bytes of the first / last k characters of s[0..n). */
static size_t head(const char *s, size_t n, size_t k)
{
    size_t i = 0;
    while (i < n && k--) {
        uint32_t cp;
        int m = sk_utf8_decode(s + i, n - i, &cp);
        i += (size_t)(m > 0 ? m : 1);
    }
    return i;
}

static size_t tail(const char *s, size_t n, size_t k)
{
    size_t i = n;
    while (i > 0 && k--) {
        i--;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
            i--;
    }
    return n - i;
}

static int is_stop(const char *p)
{
    return !strncmp(p, "，", 3) || !strncmp(p, "。", 3) || !strncmp(p, "；", 3) || !strncmp(p, "：", 3);
}

/* How much of a text to keep before a change (its end) or after it (its start):
 * up to the nearest comma or full stop within CONTEXT + 4 characters, else CONTEXT. */
static size_t context(const char *t, size_t len, int before)
{
    if (before) {
        size_t k = tail(t, len, CONTEXT + 4);
        for (size_t i = len - k; i < len; i++)
            if (is_stop(t + i) && len - i - 3 >= 2)
                k = len - i - 3;
        return k < tail(t, len, CONTEXT) || k == tail(t, len, CONTEXT + 4) ? tail(t, len, CONTEXT) : k;
    }
    size_t lim = head(t, len, CONTEXT + 4);
    for (size_t i = 0; i < lim; i++)
        if (is_stop(t + i))
            return i;
    return head(t, len, CONTEXT);
}

/* The old and the new text of a change, each cut to the part that changed with a
 * few characters around it ("……" where cut), as a 修改单 quotes them. */
static void quotes(const sk_diff_seg *sg, size_t n, char **old, char **new)
{
    size_t first = n, last = 0;
    for (size_t i = 0; i < n; i++)
        if (sg[i].op != SK_DOP_SAME) {
            first = first == n ? i : first;
            last = i;
        }
    sk_buf a, b;
    sk_buf_init(&a);
    sk_buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        char *t = sk_diff_piece(&sg[i]);
        size_t len = strlen(t);
        if (sg[i].op == SK_DOP_SAME && first < n && (i < first || i > last)) {
            size_t keep = context(t, len, i < first);
            int cut = keep < len || (i < first ? i > 0 : i + 1 < n);
            const char *from = i < first ? t + len - keep : t;
            for (int side = 0; side < 2; side++) {
                sk_buf *o = side ? &b : &a;
                if (i < first && cut)
                    sk_buf_puts(o, "……");
                sk_buf_put(o, from, keep);
                if (i > last && cut)
                    sk_buf_puts(o, "……");
            }
        } else {
            if (sg[i].op != SK_DOP_INSERTED)
                sk_buf_puts(&a, t);
            if (sg[i].op != SK_DOP_DELETED)
                sk_buf_puts(&b, t);
        }
        free(t);
    }
    *old = sk_buf_detach(&a);
    *new = sk_buf_detach(&b);
}

/* A block's text, cut to QUOTE_MAX characters. */
static char *quote_of(const sk_node *x)
{
    sk_buf b;
    sk_buf_init(&b);
    for (const sk_node *n = x; n; n = sk_node_walk_next(x, n, n->type != SK_N_TABLE)) {
        if (n->type == SK_N_PARA || n->type == SK_N_NOTE || n->type == SK_N_EXAMPLE || n->type == SK_N_WHERE_ITEM) {
            char *t = sk_display_text(&n->in);
            for (char *p = t; *p; p++)
                if (*p == '\n')
                    *p = ' ';
            sk_buf_puts(&b, t);
            free(t);
        }
    }
    const char *t = b.data ? b.data : "";
    size_t len = strlen(t);
    char *s = chars_of(t, len) > QUOTE_MAX ? sk_asprintf("%.*s……", (int)head(t, len, QUOTE_MAX - 2), t)
                                          : sk_strdup(t);
    sk_buf_free(&b);
    return s;
}

static char *row_text(const sk_table *t, int r)
{
    sk_buf b;
    sk_buf_init(&b);
    for (int c = 0; c < t->ncols; c++) {
        if (t->rows[r].cells[c].covered)
            continue;
        char *s = sk_display_text(&t->rows[r].cells[c].in);
        sk_buf_printf(&b, "%s%s", b.len ? "、" : "", s);
        free(s);
    }
    return sk_buf_detach(&b);
}

/* "一段", "一项", "注", "表2" …: what an added block is. */
static char *noun_of(const sk_node *x)
{
    switch (x->type) {
    case SK_N_ITEM:
    case SK_N_LIST:
        return sk_strdup("列项");
    case SK_N_NOTE:
        return sk_strdup("注");
    case SK_N_EXAMPLE:
        return sk_strdup("示例");
    case SK_N_TABLE:
    case SK_N_FIGURE:
    case SK_N_FORMULA:
        return sk_display_label(x);
    default:
        return sk_strdup("一段");
    }
}

/* The nearest block before x that the text before the amendment has too. */
static const sk_node *kept_before(const sk_diff *d, const sk_node *x)
{
    for (const sk_node *p = x->prev; p; p = p->prev)
        if (p->type != SK_N_SECTION && sk_diff_counterpart(d, p))
            return sk_diff_counterpart(d, p);
    return NULL;
}

static void detail_words(sheet *S, const sk_diff *d, const sk_diff_detail *t)
{
    const sk_node *x = t->new ? t->new : t->old;
    char *s = NULL;
    int quote_new = 0; /* the new block follows, whole */
    if (x->type == SK_N_TABLE && t->caption) {
        char *l = sk_display_label(t->old);
        s = sk_asprintf("将%s的标题" LQ "%s" RQ "修改为" LQ "%s" RQ "。", l, t->old->caption ? t->old->caption : "",
                        t->new->caption ? t->new->caption : "");
        free(l);
    } else if (t->caption) {
        char *l = sk_display_label(t->old);
        s = sk_asprintf("将%s的题目" LQ "%s" RQ "修改为" LQ "%s" RQ "。", l, t->old->caption ? t->old->caption : "",
                        t->new->caption ? t->new->caption : "");
        free(l);
    } else if (x->type == SK_N_TABLE && t->op == SK_DOP_CHANGED && t->row >= 0) {
        sk_diff_seg *sg = NULL;
        size_t n = sk_diff_runs(&sg, &t->old->table->rows[t->orow].cells[t->ocol].in,
                                &t->new->table->rows[t->row].cells[t->col].in);
        char *l = sk_display_label(t->old), *a, *b;
        quotes(sg, n, &a, &b);
        s = sk_asprintf("将%s中的" LQ "%s" RQ "修改为" LQ "%s" RQ "。", l, a, b);
        free(l);
        free(a);
        free(b);
        free(sg);
    } else if (x->type == SK_N_TABLE && t->op == SK_DOP_INSERTED) {
        const sk_node *ot = sk_diff_counterpart(d, t->new);
        char *l = sk_display_label(ot ? ot : t->new), *r = row_text(t->new->table, t->row);
        s = sk_asprintf("在%s中增加一行：" LQ "%s" RQ "。", l, r);
        free(l);
        free(r);
    } else if (x->type == SK_N_TABLE && t->op == SK_DOP_DELETED) {
        char *l = sk_display_label(t->old), *r = row_text(t->old->table, t->orow);
        s = sk_asprintf("删除%s中" LQ "%s" RQ "一行。", l, r);
        free(l);
        free(r);
    } else if (t->op == SK_DOP_CHANGED && (x->type == SK_N_TABLE || x->type == SK_N_FIGURE || x->type == SK_N_FORMULA)) {
        char *l = sk_display_label(t->old);
        s = sk_asprintf("%s修改为：", x->type == SK_N_FORMULA ? "公式" : l);
        free(l);
        quote_new = 1;
    } else if (t->op == SK_DOP_CHANGED && x->type == SK_N_CODE) {
        sk_diff_seg *sg = NULL;
        size_t n = sk_diff_texts(&sg, t->old->src, t->new->src);
        char *a, *b;
        quotes(sg, n, &a, &b);
        s = sk_asprintf("将" LQ "%s" RQ "修改为" LQ "%s" RQ "。", a, b);
        free(a);
        free(b);
        free(sg);
    } else if (t->op == SK_DOP_CHANGED) {
        sk_diff_seg *sg = NULL;
        size_t n = sk_diff_runs(&sg, &t->old->in, &t->new->in);
        char *a, *b;
        quotes(sg, n, &a, &b);
        s = sk_asprintf("将" LQ "%s" RQ "修改为" LQ "%s" RQ "。", a, b);
        free(a);
        free(b);
        free(sg);
    } else if (t->op == SK_DOP_DELETED) {
        char *q = x->type == SK_N_TABLE || x->type == SK_N_FIGURE || x->type == SK_N_FORMULA ? NULL : quote_of(x);
        char *l = q ? NULL : sk_display_label(x);
        s = q ? sk_asprintf("删除" LQ "%s" RQ "。", q) : sk_asprintf("删除%s。", l);
        free(q);
        free(l);
    } else {
        const sk_node *prev = kept_before(d, x);
        char *noun = noun_of(x), *pq = prev ? quote_of(prev) : NULL;
        int whole = x->type == SK_N_TABLE || x->type == SK_N_FIGURE || x->type == SK_N_FORMULA || x->type == SK_N_LIST ||
                    x->type == SK_N_CODE || x->type == SK_N_WHERE;
        char *q = whole ? NULL : quote_of(x);
        char *where = pq && *pq ? sk_asprintf("在" LQ "%s" RQ "后", pq) : sk_strdup("");
        s = q ? sk_asprintf("%s增加%s：" LQ "%s" RQ "。", where, noun, q) : sk_asprintf("%s增加%s：", where, noun);
        quote_new = !q;
        free(where);
        free(q);
        free(pq);
        free(noun);
    }
    line(S, s);
    free(s);
    if (quote_new)
        sk_build_copy(S->doc->root, t->new);
}

/* The label of a section as the text before the amendment numbers it: "4.3", "第4章". */
static char *old_label(const sk_node *n)
{
    return sk_diff_label(n);
}

static const sk_node *prev_section(const sk_node *n)
{
    for (const sk_node *p = n->prev; p; p = p->prev)
        if (p->type == SK_N_SECTION)
            return p;
    return NULL;
}

/* Where a section of the standard stands, in the words of the text before it:
 * "在9.2后" (after the counterpart of its previous sibling) or "在第9章中". */
static char *place_of(const sk_diff *d, const sk_node *n)
{
    const sk_node *p = prev_section(n), *op = p ? sk_diff_counterpart(d, p) : NULL;
    char *s;
    if (op) {
        char *l = old_label(op);
        s = sk_asprintf("在%s后", l);
        free(l);
    } else if (n->parent && n->parent->type == SK_N_SECTION) {
        const sk_node *pp = sk_diff_counterpart(d, n->parent);
        char *l = old_label(pp ? pp : n->parent);
        s = sk_asprintf("在%s中", l);
        free(l);
    } else {
        s = sk_strdup("");
    }
    return s;
}

static void changes_from_diff(sheet *S, const sk_diff *d)
{
    size_t n = sk_diff_count(d);
    for (size_t i = 0; i < n; i++) {
        const sk_change *c = sk_diff_get(d, i);
        const sk_node *x = c->new ? c->new : c->old;
        const sk_node *top = sk_node_top(x);
        if (c->implied || (top && (top->sect == SK_S_FOREWORD || top->sect == SK_S_INDEX)))
            continue;
        if (c->kind == SK_DIFF_RENUMBERED) {
            /* neighbours renumbered together: one item */
            sk_buf a, b;
            sk_buf_init(&a);
            sk_buf_init(&b);
            size_t j = i;
            for (; j < n; j++) {
                const sk_change *r = sk_diff_get(d, j);
                if (r->implied)
                    continue;
                if (r->kind != SK_DIFF_RENUMBERED || r->ndetails)
                    break;
                char *lo = old_label(r->old), *ln = sk_diff_label(r->new);
                sk_buf_printf(&a, "%s%s", a.len ? "、" : "", lo);
                sk_buf_printf(&b, "%s%s", b.len ? "、" : "", ln);
                free(lo);
                free(ln);
            }
            char *w = sk_asprintf("原%s%s改为%s。", a.data, j > i + 1 ? "依次" : "", b.data);
            item(S, w, 0);
            free(w);
            sk_buf_free(&a);
            sk_buf_free(&b);
            i = j - 1;
            continue;
        }
        if (c->kind == SK_DIFF_DELETED) {
            char *l = old_label(c->old), *w = sk_asprintf("删除%s。", l);
            item(S, w, 0);
            free(w);
            free(l);
            continue;
        }
        if (c->kind == SK_DIFF_ADDED) {
            char *at = place_of(d, c->new), *l = sk_diff_label(c->new), *w = sk_asprintf("%s增加%s：", at, l);
            item(S, w, 1);
            sk_build_copy(S->doc->root, c->new);
            free(w);
            free(l);
            free(at);
            continue;
        }
        char *h = sk_display_heading(c->old);
        if (c->old->sect == SK_S_ANNEX) {
            free(h);
            h = sk_asprintf("附录%s　%s", c->old->num, c->old->title ? c->old->title : "");
        }
        item(S, h, 1);
        free(h);
        if (c->kind == SK_DIFF_MOVED) {
            char *at = place_of(d, c->new), *l = sk_diff_label(c->new);
            char *w = sk_asprintf("本条移至%s，编号改为%s。", *at ? at + strlen("在") : "开头", l);
            /* "在9.2后" → "移至9.2后" */
            line(S, w);
            free(w);
            free(l);
            free(at);
        } else if (c->renumbered) {
            char *l = sk_diff_label(c->new), *w = sk_asprintf("编号改为%s。", l);
            line(S, w);
            free(w);
            free(l);
        }
        if (c->retitled && c->old->title && c->new->title && strcmp(c->old->title, c->new->title)) {
            char *w = sk_asprintf("将标题" LQ "%s" RQ "修改为" LQ "%s" RQ "。", c->old->title, c->new->title);
            line(S, w);
            free(w);
        }
        for (size_t k = 0; k < c->ndetails; k++)
            detail_words(S, d, &c->details[k]);
    }
}

/* "国家标准" of "中华人民共和国国家标准", "地方标准" of "河南省地方标准" …; the banner
 * itself when it is a system's level. */
static char *kind_of(const sk_doc *doc, const sk_system *sys)
{
    const char *num = sk_meta_get(doc->meta, NUMBER);
    char *b = num ? sk_cover_banner(num, sys) : NULL;
    static const char *const kinds[] = { "国家标准化指导性技术文件", "国家标准", "地方标准", "团体标准", "企业标准",
                                         "行业标准" };
    if (!b)
        return sk_strdup(""); /* "GB 1886.169—2016《…》第1号修改单" */
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (sk_str_ends_with(b, kinds[i])) {
            free(b);
            return sk_strdup(kinds[i]);
        }
    return b;
}

static char *date_words(const char *date)
{
    int y, m, dd;
    if (!date || sk_meta_date_parse(date, &y, &m, &dd) < 0)
        return sk_strdup("××××年××月××日");
    return sk_asprintf("%d年%d月%d日", y, m, dd);
}

sk_doc *sk_amendment_build(const sk_doc *doc, const sk_amend *a, const sk_diff *d, const sk_system *sys)
{
    sheet S = { .doc = sk_build_doc(doc->src->path) };
    const char *num = sk_meta_get(doc->meta, NUMBER);
    char *title = sk_meta_title(doc->meta), *kind = kind_of(doc, sys);
    char *lines = sk_asprintf("%s《%s》\n%s第%s号修改单", num ? num : "", title ? title : "", kind, a->number);
    sk_build_meta(S.doc, SK_META_NUMBER, num);
    sk_build_meta(S.doc, SK_META_TITLE, lines);
    const char *issuer = sk_meta_get(doc->meta, ISSUER);
    if ((!issuer || !*issuer) && sys)
        issuer = sys->issuer;
    sk_build_meta(S.doc, SK_META_ISSUER, issuer);
    sk_build_meta(S.doc, SK_META_ISSUED, a->date);
    sk_build_meta(S.doc, SK_META_EFFECTIVE, a->effective ? a->effective : a->date);
    char *on = date_words(a->date), *from = date_words(a->effective ? a->effective : a->date);
    char *approval = sk_asprintf("本修改单经%s于%s批准发布，自%s起实施。", issuer && *issuer ? issuer : "发布机构", on, from);
    line(&S, approval);
    if (a->changes.n) {
        for (size_t i = 0; i < a->changes.n; i++)
            item(&S, a->changes.v[i], 0);
    } else if (d) {
        changes_from_diff(&S, d);
    }
    free(approval);
    free(on);
    free(from);
    free(lines);
    free(kind);
    free(title);
    return S.doc;
}

char *sk_amendment_name(const sk_doc *doc, const sk_amend *a, const char *ext)
{
    char *base = sk_labels_output_name(doc, ext);
    size_t k = strlen(base) - strlen(ext) - 1;
    char *s = sk_asprintf("%.*s-第%s号修改单.%s", (int)k, base, a->number, ext);
    free(base);
    return s;
}
