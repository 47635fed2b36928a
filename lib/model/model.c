#include "model/model.h"

#include <stdlib.h>
#include <string.h>

#include "model/display.h"
#include "model/foreword.h"
#include "model/markdown.h"
#include "model/number.h"
#include "model/xref.h"
#include "text/zh.h"

/* A caption whose table could not be read stays a holder: report and drop it so
 * no TABLE without a table reaches the checks or writers. */
static void drop_caption_holders(sk_doc *doc, sk_diags *diags)
{
    sk_node *n = doc->root;
    while (n) {
        sk_node *next = sk_node_walk_next(doc->root, n, 1);
        if (n->type == SK_N_FIGURE && n->level == -2)
            n->level = 0; /* a figure of several the reader left open at the end of its section */
        if (n->type == SK_N_TABLE && n->level == -1) {
            sk_diag_emit(diags, SK_R_CAPTION_ORPHAN, doc->src->path, n->line, 1,
                         "table caption is not followed by a table");
            next = sk_node_walk_next(doc->root, n, 0);
            if (n->prev)
                n->prev->next = n->next;
            else
                n->parent->first = n->next;
            if (n->next)
                n->next->prev = n->prev;
            else
                n->parent->last = n->prev;
            n->parent = NULL;
            n->next = n->prev = NULL;
            sk_node_free(n);
        }
        n = next;
    }
}

/* Cuts "许用：" and the like (one of words, then "：" or ":") off the first text run;
 * returns the index of the word cut, or -1. */
static int cut_word(sk_node *p, const char *const *words)
{
    if (!p->in.n || p->in.v[0].type != SK_I_TEXT)
        return -1;
    char *t = p->in.v[0].text;
    for (int i = 0; words[i]; i++) {
        size_t wl = strlen(words[i]);
        if (strncmp(t, words[i], wl))
            continue;
        const char *q = t + wl;
        if (!strncmp(q, "：", 3))
            q += 3;
        else if (*q == ':')
            q++;
        else
            continue;
        size_t k;
        while ((k = sk_zh_space(q)))
            q += k;
        size_t cut = (size_t)(q - t);
        p->in.v[0].byte_col += (int)cut;
        memmove(t, q, strlen(q) + 1);
        return i;
    }
    return -1;
}

static int para_has_cjk(const sk_node *p)
{
    char *t = sk_display_text(&p->in);
    int cjk = 0, any = 0;
    size_t len = strlen(t);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = sk_utf8_decode(t + i, len - i, &cp);
        if (!k)
            break;
        cjk |= sk_utf8_is_cjk(cp);
        any |= cp > ' ';
        i += (size_t)k;
    }
    free(t);
    return cjk || !any;
}

/* A term and its English equivalent on one line after the preferred term's English,
 * "北斗卫星导航系统坐标系 coordinate system of BeiDou navigation satellite system": an
 * admitted term written without 许用 (a habit of printed standards). Han characters
 * first, then Latin words to the end, and no sentence punctuation. */
static int admitted_unlabelled(const sk_node *p)
{
    char *t = sk_display_text(&p->in);
    size_t len = strlen(t), i = 0;
    int han = 0, latin = 0, ok = len > 0 && len < 200;
    while (ok && i < len) {
        uint32_t cp;
        int k = sk_utf8_decode(t + i, len - i, &cp);
        if (!k)
            break;
        if (sk_utf8_is_cjk(cp))
            ok = !latin, han = 1;
        else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
            ok = han, latin = 1;
        else
            ok = cp == ' ' || cp == '-' || cp == '\'' || cp == ';' || cp == ',' || (cp >= '0' && cp <= '9') ||
                 cp == 0x3000;
        i += (size_t)k;
    }
    free(t);
    return ok && han && latin;
}

/* The parts of each term entry: English equivalent, 许用, 不推荐用, 符号, definition, [来源：…]. */
static void term_parts(sk_doc *doc)
{
    static const char *const admitted[] = { "许用术语", "许用", NULL };
    static const char *const deprecated[] = { "不推荐用", "拒用术语", NULL };
    static const char *const symbol[] = { "符号", NULL };
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1)) {
        if (n->type != SK_N_SECTION || n->sect != SK_S_TERM)
            continue;
        int first = 1;
        for (sk_node *k = n->first; k && k->type != SK_N_SECTION; k = k->next) {
            if (k->type != SK_N_PARA) {
                first = 0;
                continue;
            }
            if (first && !para_has_cjk(k))
                k->term_part = SK_TP_EN;
            else if (cut_word(k, admitted) >= 0)
                k->term_part = SK_TP_ADMITTED;
            else if (k->prev && k->prev->type == SK_N_PARA &&
                     (k->prev->term_part == SK_TP_EN || k->prev->term_part == SK_TP_ADMITTED) && admitted_unlabelled(k))
                k->term_part = SK_TP_ADMITTED;
            else if (cut_word(k, deprecated) >= 0)
                k->term_part = SK_TP_DEPRECATED;
            else if (cut_word(k, symbol) >= 0)
                k->term_part = SK_TP_SYMBOL;
            else if (k->in.n && k->in.v[0].type == SK_I_TEXT &&
                     (sk_str_starts_with(k->in.v[0].text, "[来源") || sk_str_starts_with(k->in.v[0].text, "［来源")))
                k->term_part = SK_TP_SOURCE;
            else
                k->term_part = SK_TP_DEFINITION;
            first = 0;
        }
    }
}

/* Entries of 参考文献 may start with their number written, "[3] " or "［3］": it is taken
 * off the text and checked (number.c) like a heading's. */
static void biblio_numbers(sk_doc *doc)
{
    sk_node *bib = sk_doc_section(doc, SK_S_BIBLIO);
    for (sk_node *l = bib ? bib->first : NULL; l; l = l->next) {
        if (l->type != SK_N_LIST)
            continue;
        for (sk_node *it = l->first; it; it = it->next) {
            sk_node *p = it->first;
            if (!p || p->type != SK_N_PARA || !p->in.n || p->in.v[0].type != SK_I_TEXT)
                continue;
            char *t = p->in.v[0].text;
            size_t open = *t == '[' ? 1 : !strncmp(t, "［", 3) ? 3 : 0;
            size_t d = open;
            while (open && t[d] >= '0' && t[d] <= '9' && d - open < 4)
                d++;
            size_t close = t[d] == ']' ? 1 : !strncmp(t + d, "］", 3) ? 3 : 0;
            if (!open || d == open || !close)
                continue;
            it->num_written = sk_strndup(t + open, d - open);
            it->num_line = p->in.v[0].line;
            it->num_byte_col = p->in.v[0].byte_col + (int)open;
            const char *q = t + d + close;
            size_t k;
            while ((k = sk_zh_space(q)))
                q += k;
            p->in.v[0].byte_col += (int)(q - t);
            memmove(t, q, strlen(q) + 1);
        }
    }
}

static void register_anchors(sk_doc *doc, sk_diags *diags)
{
    sk_vec unnamed = { 0 }; /* forms without an anchor: listed after those with one */
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1)) {
        if (n->form && !n->id)
            sk_vec_push(&unnamed, n);
        if (!n->id)
            continue;
        sk_node *old = sk_map_get(&doc->anchors, n->id);
        if (old) {
            sk_diag_emit(diags, SK_R_ANCHOR_DUP, doc->src->path, n->line, 1,
                         "anchor '#%s' is already defined on line %d", n->id, old->line);
            continue;
        }
        sk_map_put(&doc->anchors, n->id, n);
        if (n->form)
            sk_vec_push(&doc->forms, n);
    }
    for (size_t i = 0; i < unnamed.len; i++)
        sk_vec_push(&doc->forms, unnamed.items[i]);
    sk_vec_free(&unnamed);
}

int sk_model_build(sk_doc **out, sk_source *src, unsigned flags, sk_diags *diags, sk_err *err)
{
    return sk_model_build_cached(out, src, flags, NULL, diags, err);
}

int sk_model_build_cached(sk_doc **out, sk_source *src, unsigned flags, sk_markdown_cache *cache, sk_diags *diags,
                          sk_err *err)
{
    sk_doc *doc = sk_calloc(1, sizeof *doc);
    doc->src = src;
    doc->root = sk_node_new(SK_N_DOC);
    sk_map_init(&doc->anchors);
    sk_meta_parse(&doc->meta, src, diags);
    if ((cache ? sk_markdown_read_cached(doc, cache, diags, err) : sk_markdown_read(doc, diags, err)) < 0) {
        doc->src = NULL; /* the caller keeps the source of a model that was not built */
        sk_doc_free(doc);
        return -1;
    }
    sk_model_finish(doc, flags, diags);
    *out = doc;
    return 0;
}

void sk_model_finish(sk_doc *doc, unsigned flags, sk_diags *diags)
{
    drop_caption_holders(doc, diags);
    term_parts(doc);
    biblio_numbers(doc);
    register_anchors(doc, diags);
    sk_number_assign(doc, diags);
    sk_xref_resolve(doc, diags);
    sk_number_formulas(doc, diags);
    if (flags & SK_MODEL_FOREWORD)
        sk_foreword_build(doc);
    if (flags & SK_MODEL_LEADINS)
        sk_foreword_leadins(doc);
}

int sk_model_load(sk_doc **out, const char *path, unsigned flags, sk_diags *diags, sk_err *err)
{
    sk_source *src = NULL;
    size_t first = diags->len;
    int rc = sk_source_read(&src, path, diags, err);
    if (rc == 0) {
        const sk_diag *dg = NULL;
        for (size_t i = first; i < diags->len && !dg; i++)
            dg = diags->items[i].severity == SK_ERROR ? &diags->items[i] : NULL;
        sk_err_at(err, path, dg ? dg->line : 0, dg ? dg->col : 0, "%s", dg ? dg->msg : "cannot be read as a standard");
    }
    if (rc <= 0)
        return -1;
    if (sk_model_build(out, src, flags, diags, err) < 0) {
        sk_source_free(src);
        return -1;
    }
    return 0;
}
