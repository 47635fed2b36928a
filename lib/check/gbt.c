#include "check/gbt.h"

#include "model/display.h"
#include "model/foreword.h"
#include "model/markdown.h"
#include "text/pinyin.h"
#include "text/stdnum.h"
#include "text/zh.h"

#include <stdlib.h>
#include <string.h>

/* ---------- flattened block text with positions ---------- */

/* The text of a block's inline runs joined, with where each run came from, so a
 * match in the text maps back to the file's line and column. */
typedef struct flat {
    sk_buf b;
    struct frun { size_t off; int line, byte_col, exact; } *runs;
    size_t n;
} flat;

static void flat_build(flat *f, const sk_inlines *l)
{
    sk_buf_init(&f->b);
    f->runs = sk_calloc(l->n + 1, sizeof *f->runs);
    f->n = 0;
    for (size_t i = 0; i < l->n; i++) {
        const sk_inline *in = &l->v[i];
        struct frun *r = &f->runs[f->n++];
        r->off = f->b.len;
        r->line = in->line;
        r->byte_col = in->byte_col;
        r->exact = in->type == SK_I_TEXT || in->type == SK_I_STDREF || (in->type == SK_I_REF && in->ref_kind != SK_REF_ANCHOR);
        if (in->type == SK_I_REF) {
            char *t = sk_display_ref(in);
            sk_buf_puts(&f->b, t);
            free(t);
        } else if (in->type == SK_I_FIELD) {
            sk_buf_printf(&f->b, "{{%s}}", in->text);
        } else if (in->type == SK_I_LINEBREAK || in->type == SK_I_SOFTBREAK) {
            sk_buf_putc(&f->b, '\n');
        } else if (in->type == SK_I_MATH) {
            /* TeX is no prose: the wording checks do not read it */
        } else if (in->text) {
            sk_buf_puts(&f->b, in->text);
        }
    }
    if (!f->b.data)
        sk_buf_puts(&f->b, "");
}

static void flat_free(flat *f)
{
    sk_buf_free(&f->b);
    free(f->runs);
}

/* Line and column of byte off of the flat text; falls back to the block's line. */
static void flat_pos(const sk_doc *doc, const flat *f, size_t off, int fallback_line, int *line, int *col)
{
    *line = fallback_line;
    *col = 1;
    /* the runs are in text order: the last one starting at or before off, found by
     * halving (a scan from the end made many findings on one long line quadratic) */
    size_t lo = 0, hi = f->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->runs[mid].off <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i-- > 0;) {
        const struct frun *r = &f->runs[i];
        if (r->line <= 0)
            continue;
        *line = r->line;
        size_t b = (size_t)(r->byte_col > 0 ? r->byte_col - 1 : 0) + (r->exact ? off - r->off : 0);
        *col = sk_source_col(doc->src, r->line, b);
        return;
    }
}

/* ---------- helpers over the model ---------- */

typedef struct ctx {
    const sk_doc *doc;
    sk_diags *d;
    const char *file;
} ctx;

static int is_block_with_text(const sk_node *n)
{
    return n->type == SK_N_PARA || n->type == SK_N_NOTE || n->type == SK_N_EXAMPLE || n->type == SK_N_FOOTNOTE;
}

static char *block_text(const sk_node *n)
{
    return sk_display_text(&n->in);
}

/* First child block (not a section) of n, or NULL. */
static const sk_node *first_block(const sk_node *n)
{
    for (const sk_node *k = n->first; k; k = k->next)
        if (k->type != SK_N_SECTION)
            return k;
    return NULL;
}

static int has_subsections(const sk_node *n, sk_sect kind)
{
    for (const sk_node *k = n->first; k; k = k->next)
        if (k->type == SK_N_SECTION && k->sect == kind)
            return 1;
    return 0;
}

/* ---------- 6.2 element order and mandatory elements ---------- */

static int element_rank(sk_sect s)
{
    switch (s) {
    case SK_S_FOREWORD: return 1;
    case SK_S_INTRO: return 2;
    case SK_S_SCOPE: return 3;
    case SK_S_NORMREF: return 4;
    case SK_S_TERMS: return 5;
    case SK_S_SYMBOLS: return 6;
    case SK_S_CHAPTER: return 7;
    case SK_S_ANNEX: return 8;
    case SK_S_BIBLIO: return 9;
    case SK_S_INDEX: return 10;
    default: return 0;
    }
}

static const char *element_name(const sk_node *n)
{
    if (n->sect == SK_S_CHAPTER)
        return "a core chapter";
    if (n->sect == SK_S_ANNEX)
        return "an annex";
    return sk_display_sect(n->sect);
}

static void check_element_order(ctx *C)
{
    const sk_node *max = NULL;
    int seen[16] = { 0 };
    for (const sk_node *n = C->doc->root->first; n; n = n->next) {
        if (n->type != SK_N_SECTION)
            continue;
        int r = element_rank(n->sect);
        if (!r)
            continue;
        if (r != 7 && r != 8 && seen[r]) {
            sk_diag_emit(C->d, SK_R_ELEMENT_ORDER, C->file, n->line, 1, "%s appears twice (first on line %d)",
                         sk_display_sect(n->sect), seen[r]);
            continue;
        }
        if (!seen[r])
            seen[r] = n->line;
        if (max && r < element_rank(max->sect)) {
            sk_diag *dg = sk_diag_emit(C->d, SK_R_ELEMENT_ORDER, C->file, n->line, 1,
                                       "%s comes after %s (line %d); GB/T 1.1 puts it before", element_name(n),
                                       element_name(max), max->line);
            sk_diag_hint(dg, "order: 前言, 引言, 1 范围, 2 规范性引用文件, 3 术语和定义, 符号和缩略语, core "
                             "chapters, annexes, 参考文献, 索引");
            continue;
        }
        max = n;
    }
}

static void check_element_missing(ctx *C)
{
    static const struct { sk_sect s; const char *why; } need[] = {
        { SK_S_SCOPE, "every standard opens its body with chapter 1 范围" },
        { SK_S_NORMREF, "chapter 2 is kept even without references: write \"本文件没有规范性引用文件。\"" },
        { SK_S_TERMS, "chapter 3 is kept even without terms: write \"本文件没有需要界定的术语和定义。\"" },
    };
    const sk_doc *doc = C->doc;
    int body_line = doc->src->body_line > 0 ? doc->src->body_line : 1;
    /* report where the element should be: at the first later element, else the body's end */
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
        if (sk_doc_section(doc, need[i].s))
            continue;
        int line = body_line;
        for (const sk_node *n = doc->root->first; n; n = n->next)
            if (n->type == SK_N_SECTION && element_rank(n->sect) > element_rank(need[i].s)) {
                line = n->line;
                break;
            }
        sk_diag *dg = sk_diag_emit(C->d, SK_R_ELEMENT_MISSING, C->file, line, 1, "the standard has no %s",
                                   sk_display_sect(need[i].s));
        sk_diag_hint(dg, "%s", need[i].why);
    }
    if (!sk_doc_section(doc, SK_S_CHAPTER)) {
        int line = body_line;
        for (const sk_node *n = doc->root->first; n; n = n->next)
            if (n->type == SK_N_SECTION && element_rank(n->sect) > 7) {
                line = n->line;
                break;
            }
        sk_diag *dg = sk_diag_emit(C->d, SK_R_ELEMENT_MISSING, C->file, line, 1,
                                   "the standard has no core chapter after 术语和定义");
        sk_diag_hint(dg, "the requirements of a standard go in chapters 4, 5 …");
    }
}

/* ---------- 8.3 前言 ---------- */

#define DRAFTING_RULE "本文件按照GB/T1.1—2020《标准化工作导则第1部分：标准化文件的结构和起草规则》的规定起草。"

static void check_foreword(ctx *C)
{
    const sk_node *fw = sk_doc_section(C->doc, SK_S_FOREWORD);
    if (!fw || !first_block(fw))
        return; /* absent or empty: generated from the front matter */
    static const struct { const char *start; const char *what; } parts[] = {
        { "本文件按照", "the drafting-rules sentence" },
        { "本文件由", "本文件由……提出/归口" },
        { "本文件起草单位", "本文件起草单位：……" },
        { "本文件主要起草人", "本文件主要起草人：……" },
        { "本文件及其所代替文件的历次版本发布情况", "本文件及其所代替文件的历次版本发布情况" },
    };
    const sk_node *first = first_block(fw);
    if (first->type != SK_N_PARA) {
        sk_diag_emit(C->d, SK_R_FOREWORD_WORDING, C->file, first->line, 1,
                     "前言 opens with the drafting-rules sentence, not a %s",
                     first->type == SK_N_LIST ? "list" : first->type == SK_N_TABLE ? "table" : "note or other block");
        return;
    }
    char *t = block_text(first), *sq = sk_zh_squeeze(t);
    if (strncmp(sq, DRAFTING_RULE, strlen(DRAFTING_RULE))) {
        sk_diag *dg = sk_diag_emit(C->d, SK_R_FOREWORD_WORDING, C->file, first->line, 1,
                                   "前言 does not open with the drafting-rules sentence");
        sk_diag_hint(dg, "write \"本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。\"");
    }
    free(t);
    free(sq);
    /* the parts that are there come in the order of 8.3 */
    int last = -1;
    const sk_node *last_node = NULL;
    for (const sk_node *n = fw->first; n; n = n->next) {
        if (n->type != SK_N_PARA)
            continue;
        char *text = block_text(n);
        for (int k = 0; k < (int)(sizeof parts / sizeof parts[0]); k++) {
            if (!sk_str_starts_with(text, parts[k].start))
                continue;
            if (k < last) {
                sk_diag_emit(C->d, SK_R_FOREWORD_WORDING, C->file, n->line, 1,
                             "\"%s\" comes after \"%s\" (line %d); 前言 gives it before", parts[k].what,
                             parts[last].what, last_node->line);
            } else {
                last = k;
                last_node = n;
            }
            break;
        }
        free(text);
    }
}

/* The names in "本文件起草单位：A、B、C。" after the colon, split at 、 and ，. */
static void names_after_colon(const char *text, sk_strlist *out)
{
    const char *p = strstr(text, "：");
    if (!p)
        return;
    char *rest = sk_strdup(p + 3);
    size_t n = strlen(rest);
    if (n >= 3 && !strcmp(rest + n - 3, "。"))
        rest[n - 3] = '\0';
    char *start = rest;
    for (char *q = rest;; ) {
        int sep = !strncmp(q, "、", 3) || !strncmp(q, "，", 3);
        if (sep || !*q) {
            char c = *q;
            *q = '\0';
            char *name = sk_str_trim(sk_strdup(start));
            if (*name)
                sk_meta_strlist_push(out, name);
            free(name);
            if (!c)
                break;
            q += 3;
            start = q;
        } else {
            q++;
        }
    }
    free(rest);
}

/* 起草单位/起草人 in a written 前言 name the same units and people as the front
 * matter (which the cover and a generated 前言 use). */
static void check_foreword_meta(ctx *C, const sk_node *para, const char *text, sk_meta_key key, const char *what)
{
    const sk_strlist *want = &C->doc->meta->list[key];
    if (!want->n)
        return;
    sk_strlist got = { 0 };
    names_after_colon(text, &got);
    int same = got.n == want->n;
    for (size_t i = 0; same && i < got.n; i++)
        same = !strcmp(got.v[i], want->v[i]);
    if (!same) {
        sk_buf b;
        sk_buf_init(&b);
        for (size_t i = 0; i < want->n; i++)
            sk_buf_printf(&b, "%s%s", i ? "、" : "", want->v[i]);
        sk_diag *dg = sk_diag_emit(C->d, SK_R_FOREWORD_META, C->file, para->line, 1,
                                   "前言 names other %s than the front matter's '%s'", what, sk_meta_key_name(key));
        sk_diag_hint(dg, "write \"%s%s。\", or correct '%s'", key == SK_META_DRAFTERS ? "本文件主要起草人：" : "本文件起草单位：",
                     b.data ? b.data : "", sk_meta_key_name(key));
        sk_buf_free(&b);
    }
    sk_meta_strlist_free(&got);
}

static void check_foreword_parts(ctx *C)
{
    const sk_node *fw = sk_doc_section(C->doc, SK_S_FOREWORD);
    if (!fw || !first_block(fw))
        return;
    const sk_node *proposed = NULL;
    int owner = 0;
    for (const sk_node *n = fw->first; n; n = n->next) {
        if (n->type != SK_N_PARA)
            continue;
        char *text = block_text(n);
        if (sk_str_starts_with(text, "本文件由")) {
            if (strstr(text, "归口"))
                owner = 1;
            if (strstr(text, "提出") && !proposed)
                proposed = n;
        } else if (sk_str_starts_with(text, "本文件起草单位")) {
            check_foreword_meta(C, n, text, SK_META_DRAFTING_UNITS, "drafting units");
        } else if (sk_str_starts_with(text, "本文件主要起草人")) {
            check_foreword_meta(C, n, text, SK_META_DRAFTERS, "drafters");
        }
        free(text);
    }
    if (proposed && !owner) {
        sk_diag *dg = sk_diag_emit(C->d, SK_R_FOREWORD_WORDING, C->file, proposed->line, 1,
                                   "前言 says who proposed the standard but not who is responsible for it (归口)");
        sk_diag_hint(dg, "add \"本文件由……归口。\", or write \"本文件由……提出并归口。\"");
    }
}

/* ---------- 8.5 范围 ---------- */

static void check_scope(ctx *C)
{
    const sk_node *sc = sk_doc_section(C->doc, SK_S_SCOPE);
    if (!sc)
        return;
    const sk_node *b = sk_node_first_block(sc);
    static const char *const verbs[] = { "规定了", "确立了", "描述了", "提供了", "给出了", "界定了", NULL };
    if (!b || b->type != SK_N_PARA) {
        sk_diag *dg = sk_diag_emit(C->d, SK_R_SCOPE_WORDING, C->file, b ? b->line : sc->line, 1,
                                   "范围 does not open with a statement of what the standard covers");
        sk_diag_hint(dg, "open with \"本文件规定了……\" (or 确立了, 描述了, 提供了, 给出了, 界定了)");
        return;
    }
    char *t = block_text(b), *sq = sk_zh_squeeze(t);
    int ok = 0;
    if (sk_str_starts_with(sq, "本文件"))
        for (const char *const *v = verbs; *v && !ok; v++)
            ok = sk_str_starts_with(sq + strlen("本文件"), *v);
    if (!ok) {
        /* the opening as written (not squeezed), cut on a character boundary */
        const char *w = t;
        size_t k, len = strlen(t);
        while ((k = sk_zh_space(w)))
            w += k, len -= k;
        int cut = (int)sk_utf8_prefix(w, len, 30);
        sk_diag *dg = sk_diag_emit(C->d, SK_R_SCOPE_WORDING, C->file, b->line, 1,
                                   "范围 opens with \"%.*s%s\", not a typical statement", cut, w,
                                   (size_t)cut < len ? "…" : "");
        sk_diag_hint(dg, "open with \"本文件规定了……\" (or 确立了, 描述了, 提供了, 给出了, 界定了); "
                         "state the field of application with \"本文件适用于……\"");
    }
    free(t);
    free(sq);
}

/* ---------- 8.6 规范性引用文件, 8.7 术语和定义, 8.8 符号和缩略语: lead-ins ---------- */

/* A chapter's own sentences as the lead-in checks read them: its first block (through
 * the untitled clauses it may sit in), squeezed when it is a sentence; the paragraph
 * that says there is nothing ("本文件没有……"), anywhere in the chapter. */
typedef struct leadin {
    const sk_node *lead;  /* the first block when it is a sentence (not an entry), else NULL */
    char *sq;             /* its text squeezed */
    const sk_node *none;  /* a paragraph saying there is nothing, or NULL */
    const sk_node *group; /* where the lead-in belongs (sk_foreword_group) */
    size_t entries;
} leadin;

static void leadin_read(leadin *L, const sk_node *ch, const char *none)
{
    memset(L, 0, sizeof *L);
    L->entries = sk_foreword_entries(ch);
    L->group = sk_foreword_group(ch);
    const sk_node *b = sk_node_first_block(L->group);
    if (b && b->type == SK_N_PARA && !(ch->sect == SK_S_SYMBOLS && sk_foreword_symbol_line(b))) {
        char *t = block_text(b);
        L->lead = b;
        L->sq = sk_zh_squeeze(t);
        free(t);
    }
    for (const sk_node *k = L->group->first; k && none && !L->none; k = sk_node_walk_next(L->group, k, 1)) {
        if (k->type != SK_N_PARA || k->parent->type != SK_N_SECTION)
            continue;
        char *t = block_text(k), *sq = sk_zh_squeeze(t);
        if (!strcmp(sq, none))
            L->none = k;
        free(t);
        free(sq);
    }
}

/* The chapter says there is nothing and lists something: the conflict, at the sentence. */
static int leadin_conflict(ctx *C, const leadin *L, sk_rule_id rule, const char *name, const char *what)
{
    if (!L->none || !L->entries)
        return 0;
    sk_diag *dg = sk_diag_emit(C->d, rule, C->file, L->none->line, 1, "%s says there are no %s, but it has %zu",
                               name, what, L->entries);
    sk_diag_hint(dg, "remove the sentence, or the %s", what);
    return 1;
}

/* No sentence of the author's: stdgen writes it (sk_foreword_leadin); a note. */
static int leadin_generated(ctx *C, const sk_node *ch, const leadin *L, const char *name)
{
    const char *gen = L->lead ? NULL : sk_foreword_leadin(ch);
    if (!gen)
        return 0;
    const sk_node *b = sk_node_first_block(L->group);
    sk_diag *dg = sk_diag_emit(C->d, SK_R_LEADIN_GENERATED, C->file, b ? b->line : L->group->line, 1,
                               L->entries ? "%s has no lead-in sentence; stdgen writes \"%s\""
                                          : "%s is empty; stdgen writes \"%s\"", name, gen);
    sk_diag_hint(dg, "write the sentence yourself to have it in the source");
    return 1;
}

static void check_normref(ctx *C)
{
    const sk_node *nr = sk_doc_section(C->doc, SK_S_NORMREF);
    if (!nr)
        return;
    for (const sk_node *k = nr->first; k; k = k->next)
        if (k->type == SK_N_SECTION) {
            sk_diag_emit(C->d, SK_R_NORMREF_WORDING, C->file, k->line, 1,
                         "规范性引用文件 is not divided into clauses");
            break;
        }
    /* the entries, wherever they are (its clauses are reported above) */
    for (const sk_node *k = nr->first; k; k = sk_node_walk_next(nr, k, 1)) {
        if (k->type != SK_N_LIST || k->parent->type != SK_N_SECTION)
            continue;
        if (k->ordered)
            sk_diag_emit(C->d, SK_R_NORMREF_WORDING, C->file, k->line, 1,
                         "references in chapter 2 carry no serial numbers: use a bullet list");
        /* entries have no end punctuation */
        for (const sk_node *it = k->first; it; it = it->next) {
            const sk_node *p = it->first;
            if (!p || p->type != SK_N_PARA)
                continue;
            char *t = block_text(p);
            sk_str_trim(t);
            if (sk_str_ends_with(t, "。") || sk_str_ends_with(t, "；") || sk_str_ends_with(t, ";") || sk_str_ends_with(t, "，")) {
                sk_diag *dg = sk_diag_emit(C->d, SK_R_NORMREF_WORDING, C->file, p->line, 1,
                                           "a reference entry ends without punctuation");
                sk_diag_hint(dg, "write \"GB/T 1.1—2020　标准化工作导则　第1部分：…\" with nothing after the title");
            }
            free(t);
        }
    }
    leadin L;
    leadin_read(&L, nr, SK_LEADIN_NORMREF_NONE);
    if (leadin_conflict(C, &L, SK_R_NORMREF_WORDING, "规范性引用文件", "references") || leadin_generated(C, nr, &L, "规范性引用文件")) {
        free(L.sq);
        return;
    }
    if (!L.lead) {
        sk_diag *dg = sk_diag_emit(C->d, SK_R_NORMREF_WORDING, C->file, nr->line, 1,
                                   "规范性引用文件 does not open with its fixed sentence");
        sk_diag_hint(dg, "write \"%s\"", L.entries ? SK_LEADIN_NORMREF : SK_LEADIN_NORMREF_NONE);
    } else if (L.entries && strcmp(L.sq, SK_LEADIN_NORMREF)) {
        sk_diag *dg = sk_diag_emit(C->d, SK_R_NORMREF_WORDING, C->file, L.lead->line, 1,
                                   "the lead-in of 规范性引用文件 differs from the fixed sentence");
        sk_diag_hint(dg, "write \"%s\"", SK_LEADIN_NORMREF);
    } else if (!L.entries && strcmp(L.sq, SK_LEADIN_NORMREF_NONE)) {
        sk_diag *dg;
        if (!strcmp(L.sq, SK_LEADIN_NORMREF))
            dg = sk_diag_emit(C->d, SK_R_NORMREF_WORDING, C->file, L.lead->line, 1,
                              "规范性引用文件 has the lead-in of a list of references, but lists none");
        else
            dg = sk_diag_emit(C->d, SK_R_NORMREF_WORDING, C->file, L.lead->line, 1,
                              "规范性引用文件 lists no references but does not say so");
        sk_diag_hint(dg, "write \"%s\"", SK_LEADIN_NORMREF_NONE);
    }
    free(L.sq);
}

static int leadin_matches(const char *sq, const char *const *forms);

/* The fixed sentence may be followed by others in its paragraph ("…适用于本文件。为了便于
 *使用，以下重复列出了……"): its first sentence is what is compared. */
static int leadin_first_matches(const char *sq, const char *const *forms)
{
    if (leadin_matches(sq, forms))
        return 1;
    const char *e = strstr(sq, "。");
    if (!e || !e[3])
        return 0;
    char *first = sk_strndup(sq, (size_t)(e + 3 - sq));
    int ok = leadin_matches(first, forms);
    free(first);
    return ok;
}

static int leadin_matches(const char *sq, const char *const *forms)
{
    for (const char *const *f = forms; *f; f++) {
        if (**f == '*') { /* "…界定的术语和定义适用于本文件。": any document named first */
            if (sk_str_ends_with(sq, *f + 1) && strlen(sq) > strlen(*f + 1))
                return 1;
        } else if (!strcmp(sq, *f)) {
            return 1;
        }
    }
    return 0;
}

/* The lead-in of 术语和定义 or 符号和缩略语 (8.7, 8.8): one of the forms `with` when the
 * chapter has entries ("*…": any document named before …); `none` when it has none;
 * `imported` (8.7: "GB/T x界定的术语和定义适用于本文件。") names another document's
 * terms only, right without entries of its own. */
static void check_leadin(ctx *C, sk_sect which, sk_rule_id rule, const char *const *with, const char *imported,
                         const char *none, const char *name, const char *what)
{
    const sk_node *s = sk_doc_section(C->doc, which);
    if (!s)
        return;
    leadin L;
    leadin_read(&L, s, none);
    if (leadin_conflict(C, &L, rule, name, what) || leadin_generated(C, s, &L, name)) {
        free(L.sq);
        return;
    }
    const char *sq = L.sq;
    int is_imported = sq && imported && leadin_first_matches(sq, (const char *const[]){ imported, NULL });
    sk_diag *dg = NULL;
    if (!L.lead) {
        dg = sk_diag_emit(C->d, rule, C->file, L.group->line, 1, "%s lists nothing", name);
        sk_diag_hint(dg, "write \"%s\" and the entries, or leave the chapter out",
                     which == SK_S_SYMBOLS ? sk_foreword_symbols_leadin(s) : with[0]);
    } else if (L.entries && is_imported) {
        dg = sk_diag_emit(C->d, rule, C->file, L.lead->line, 1,
                          "the lead-in of %s names only another document's %s, but the chapter has its own", name, what);
        sk_diag_hint(dg, "write \"……界定的以及下列术语和定义适用于本文件。\"");
    } else if (L.entries && !leadin_first_matches(sq, with)) {
        dg = sk_diag_emit(C->d, rule, C->file, L.lead->line, 1, "the lead-in of %s differs from the fixed sentences", name);
        sk_diag_hint(dg, "write \"%s\"", which == SK_S_SYMBOLS ? sk_foreword_symbols_leadin(s) : with[0]);
    } else if (!L.entries && !is_imported && !(none && !strcmp(sq, none))) {
        if (leadin_first_matches(sq, with)) {
            dg = sk_diag_emit(C->d, rule, C->file, L.lead->line, 1, "the lead-in of %s announces %s below, but there are none",
                              name, what);
            sk_diag_hint(dg, none ? "add the entries, or write \"%s\"" : "add the entries, or leave the chapter out",
                         none ? none : "");
        } else if (none) {
            dg = sk_diag_emit(C->d, rule, C->file, L.lead->line, 1, "%s defines nothing but does not say so", name);
            sk_diag_hint(dg, "write \"%s\"", none);
        } else {
            dg = sk_diag_emit(C->d, rule, C->file, L.lead->line, 1, "%s lists nothing", name);
            sk_diag_hint(dg, "write \"%s\" and the entries", which == SK_S_SYMBOLS ? sk_foreword_symbols_leadin(s) : with[0]);
        }
    }
    free(L.sq);
}

static void check_terms_leadin(ctx *C)
{
    static const char *const with[] = { SK_LEADIN_TERMS, "*界定的以及下列术语和定义适用于本文件。", NULL };
    check_leadin(C, SK_S_TERMS, SK_R_TERMS_WORDING, with, "*界定的术语和定义适用于本文件。", SK_LEADIN_TERMS_NONE,
                 "术语和定义", "terms");
}

static void check_symbols_leadin(ctx *C)
{
    static const char *const with[] = { SK_LEADIN_SYMBOLS_ABBREVS, SK_LEADIN_SYMBOLS, SK_LEADIN_ABBREVS, NULL };
    check_leadin(C, SK_S_SYMBOLS, SK_R_SYMBOLS_WORDING, with, NULL, NULL, "符号和缩略语", "symbols or abbreviations");
    /* entries "符号：说明" (or "符号——说明"), one per list item */
    const sk_node *s = sk_doc_section(C->doc, SK_S_SYMBOLS);
    for (const sk_node *l = s ? s->first : NULL; l; l = l->next) {
        if (l->type != SK_N_LIST)
            continue;
        for (const sk_node *it = l->first; it; it = it->next) {
            const sk_node *p = it->first;
            if (!p || p->type != SK_N_PARA)
                continue;
            char *t = block_text(p);
            const char *sep = strstr(t, "：");
            const char *dash = strstr(t, "——");
            if ((!sep && !dash) || sep == t || dash == t) {
                sk_diag *dg = sk_diag_emit(C->d, SK_R_SYMBOLS_WORDING, C->file, p->line, 1,
                                           "a symbol or abbreviation is listed as \"%s\", not as symbol and meaning", t);
                sk_diag_hint(dg, "write \"- CPC：中国共产党（Communist Party of China）\" (or \"符号——说明\")");
            }
            free(t);
        }
    }
}

/* ---------- 8.7 term entries ---------- */

/* "Party Member Activity Day": every word capitalised (acronyms aside). */
static int title_case(const char *s)
{
    int words = 0, caps = 0;
    for (const char *p = s; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        if (p - w < 2)
            continue;
        words++;
        caps += w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'a' && w[1] <= 'z';
    }
    return words >= 1 && caps == words && (words > 1 || caps == 1);
}

/* The parts of a term entry come in the order GB/T 1.1—2020 8.7 gives: English
 * equivalent, admitted terms, deprecated terms, symbol, definition, examples, notes,
 * source. */
static int term_rank(const sk_node *k)
{
    if (k->type == SK_N_EXAMPLE)
        return 6;
    if (k->type == SK_N_NOTE)
        return 7;
    if (k->type != SK_N_PARA)
        return 5;
    static const int rank[] = { [SK_TP_NONE] = 5, [SK_TP_EN] = 0, [SK_TP_ADMITTED] = 1, [SK_TP_DEPRECATED] = 2,
                                [SK_TP_SYMBOL] = 3, [SK_TP_DEFINITION] = 5, [SK_TP_SOURCE] = 8 };
    return rank[k->term_part];
}

static const char *term_part_name(int rank)
{
    static const char *const names[] = { "the English equivalent", "an admitted term (许用：)",
                                         "a deprecated term (不推荐用：)", "the symbol (符号：)", "", "the definition",
                                         "an example", "a note", "the source ([来源：…])" };
    return names[rank];
}

static void check_term_order(ctx *C, const sk_node *n, const char *label)
{
    const sk_node *max = NULL;
    for (const sk_node *k = n->first; k && k->type != SK_N_SECTION; k = k->next) {
        int r = term_rank(k);
        if (max && r < term_rank(max)) {
            sk_diag *dg = sk_diag_emit(C->d, SK_R_TERM_ENTRY, C->file, k->line, 1,
                                       "in term %s, %s comes after %s (line %d)", label, term_part_name(r),
                                       term_part_name(term_rank(max)), max->line);
            sk_diag_hint(dg, "a term entry gives: English equivalent, 许用：, 不推荐用：, 符号：, definition, 示例, 注, "
                             "[来源：…]");
            return;
        }
        if (!max || r >= term_rank(max))
            max = k;
    }
}

/* "[来源：GB/T 20000.1—2014，5.2]" or "[来源：GB/T 20000.1—2014，5.2，有修改]": a dated
 * document, optionally the clause, optionally 有修改, in square brackets. */
static void check_term_source(ctx *C, const sk_node *k, const char *text, const char *label)
{
    char *t = sk_str_trim(sk_strdup(text));
    const char *p = t;
    int ok = 0;
    size_t open = !strncmp(p, "[来源：", strlen("[来源：")) ? strlen("[来源：")
                : !strncmp(p, "［来源：", strlen("［来源：")) ? strlen("［来源：") : 0;
    size_t len = strlen(t);
    int close = sk_str_ends_with(t, "]") ? 1 : sk_str_ends_with(t, "］") ? 3 : 0;
    sk_stdnum m;
    if (open && close && sk_stdnum_find(t, len, open, &m) == 0 && m.start == open) {
        const char *q = t + m.end, *e = t + len - close;
        ok = m.year >= 0;
        if (ok && q < e) {
            /* "，5.2" and/or "，有修改" */
            if (!strncmp(q, "，", 3)) {
                q += 3;
                const char *c = q;
                while (q < e && ((*q >= '0' && *q <= '9') || *q == '.' || (*q >= 'A' && *q <= 'Z')))
                    q++;
                if (q > c && !strncmp(q, "，", 3) && q + 3 < e)
                    q += 3;
                else if (q > c && q == e)
                    q = e;
                else if (q == c)
                    q = c;
                if (q < e)
                    ok = (size_t)(e - q) == strlen("有修改") && !strncmp(q, "有修改", strlen("有修改"));
            } else {
                ok = 0;
            }
        }
    }
    if (!ok) {
        sk_diag *dg = sk_diag_emit(C->d, SK_R_TERM_ENTRY, C->file, k->line, 1,
                                   "the source of term %s is not written [来源：document—year，clause] or [来源：…，有修改]",
                                   label);
        sk_diag_hint(dg, "write e.g. \"[来源：GB/T 20000.1—2014，5.2，有修改]\": the dated document, the clause, and "
                         "有修改 when the definition was changed");
    }
    free(t);
}

static void node_term_entries(ctx *C, const sk_node *n)
{
    if (n->type != SK_N_SECTION || n->sect != SK_S_TERM)
        return;
    const char *label = n->num[0] ? n->num : "term";
    if (!n->title || !*n->title) {
        sk_diag_emit(C->d, SK_R_TERM_ENTRY, C->file, n->line, 1, "term entry %s has no term", label);
        return;
    }
    const sk_node *def = NULL, *en = NULL;
    check_term_order(C, n, label);
    for (const sk_node *k = n->first; k && k->type != SK_N_SECTION; k = k->next) {
        if (k->type != SK_N_PARA)
            continue;
        char *t = block_text(k);
        if (k->term_part == SK_TP_EN)
            en = k;
        else if (!def && k->term_part == SK_TP_DEFINITION)
            def = k;
        if (k->term_part == SK_TP_SOURCE)
            check_term_source(C, k, t, label);
        if (k == en && title_case(t)) {
            sk_diag *dg = sk_diag_emit(C->d, SK_R_TERM_ENTRY, C->file, k->line, 1,
                                       "English equivalent of term %s is capitalised: \"%s\"", label, t);
            sk_diag_hint(dg, "write English equivalents in lowercase, except proper nouns and acronyms");
        }
        free(t);
    }
    if (!def) {
        sk_diag *dg = sk_diag_emit(C->d, SK_R_TERM_ENTRY, C->file, n->line, 1,
                                   "term %s \"%s\" has no definition", label, n->title);
        sk_diag_hint(dg, "after the term (and its English equivalent) give a one-sentence definition");
        return;
    }
    flat f;
    flat_build(&f, &def->in);
    size_t st, ml;
    if (sk_zh_modal_find(f.b.data, f.b.len, 0, SK_MODAL_REQUIRE | SK_MODAL_STRONG, &st, &ml)) {
        int line, col;
        flat_pos(C->doc, &f, st, def->line, &line, &col);
        sk_diag *dg = sk_diag_emit(C->d, SK_R_TERM_ENTRY, C->file, line, col,
                                   "the definition of %s states a requirement (\"%.*s\")", label, (int)ml,
                                   f.b.data + st);
        sk_diag_hint(dg, "a definition says what the term means; put requirements in the core chapters");
    } else {
        char *t = sk_str_trim(sk_strdup(f.b.data));
        if (*t && !sk_str_ends_with(t, "。")) {
            sk_diag *dg = sk_diag_emit(C->d, SK_R_TERM_ENTRY, C->file, def->line, 1,
                                       "the definition of %s does not end with \"。\"", label);
            sk_diag_hint(dg, "a definition is one sentence ending with \"。\"");
        }
        free(t);
    }
    flat_free(&f);
}

/* ---------- 7.4 hanging paragraphs ---------- */

static void node_hanging(ctx *C, const sk_node *n)
{
    if (n->type != SK_N_SECTION || !n->num[0])
        return;
    if (n->sect != SK_S_CHAPTER && n->sect != SK_S_CLAUSE && n->sect != SK_S_ANNEX && n->sect != SK_S_SCOPE)
        return;
    if (!has_subsections(n, SK_S_CLAUSE))
        return;
    const sk_node *b = n->first;
    if (b && b->type != SK_N_SECTION) {
        char *label = sk_display_label(n);
        sk_diag *dg = sk_diag_emit(C->d, SK_R_HANGING_PARA, C->file, b->line, 1,
                                   "text between the heading of %s and its first clause (悬置段)", label);
        sk_diag_hint(dg, "move it into a clause of its own, e.g. \"%s.1 总则\", and renumber", n->num);
        free(label);
    }
}

/* ---------- 7.3 untitled clauses ---------- */

static int untitled(const sk_node *n)
{
    return n->untitled || !n->title || !*n->title;
}

static void node_clause_titles(ctx *C, const sk_node *p)
{
    if (p->type != SK_N_SECTION && p->type != SK_N_DOC)
        return;
    const sk_node *first = NULL;
    for (const sk_node *k = p->first; k; k = k->next) {
        if (k->type != SK_N_SECTION || k->sect != SK_S_CLAUSE)
            continue;
        if (untitled(k) && has_subsections(k, SK_S_CLAUSE))
            sk_diag_emit(C->d, SK_R_CLAUSE_TITLE, C->file, k->line, 1,
                         "clause %s has no title but is divided into clauses", k->num);
        if (untitled(k) && p->type == SK_N_SECTION && p->level == 1 && (!first || !untitled(first))) {
            sk_diag *dg = sk_diag_emit(C->d, SK_R_CLAUSE_UNTITLED, C->file, k->line, 1,
                                       "clause %s is a first-level clause without a title", k->num);
            sk_diag_hint(dg, "give the first-level clauses of %s titles (## %s 标题); untitled clauses "
                             "(§) suit the lower levels", p->sect == SK_S_ANNEX ? "an annex" : "a chapter", k->num);
        }
        if (!first) {
            first = k;
        } else if (untitled(k) != untitled(first)) {
            sk_diag *dg = sk_diag_emit(C->d, SK_R_CLAUSE_TITLE, C->file, k->line, 1,
                                       "clause %s is %s but clause %s beside it is %s", k->num,
                                       untitled(k) ? "untitled" : "titled", first->num,
                                       untitled(first) ? "untitled" : "titled");
            sk_diag_hint(dg, "sibling clauses either all have titles or none has");
            break;
        }
    }
}

/* ---------- 8.14 索引 ---------- */

/* The first run of n marked for the 索引 ([词](index:)), among the runs
 * sk_doc_each_inline gives for n, or NULL. */
static const sk_inline *first_index_mark(const sk_node *n)
{
    if (n->type == SK_N_PARA || n->type == SK_N_NOTE || n->type == SK_N_EXAMPLE || n->type == SK_N_WHERE_ITEM ||
        n->type == SK_N_FOOTNOTE) {
        for (size_t i = 0; i < n->in.n; i++)
            if (n->in.v[i].type == SK_I_INDEX)
                return &n->in.v[i];
    } else if (n->type == SK_N_TABLE && n->table) {
        for (size_t r = 0; r < n->table->nrows; r++)
            for (int c = 0; c < n->table->ncols; c++)
                for (size_t i = 0; i < n->table->rows[r].cells[c].in.n; i++)
                    if (n->table->rows[r].cells[c].in.v[i].type == SK_I_INDEX)
                        return &n->table->rows[r].cells[c].in.v[i];
    }
    return NULL;
}

/* The words of a written 索引 entry: its text up to the first target (after "：", a
 * space or "……"). Caller frees. */
static char *index_words(const sk_node *p)
{
    char *t = sk_display_text(&p->in);
    for (char *s = t; *s; s++)
        if (!strncmp(s, "：", 3) || *s == ':' || *s == '\t' || !strncmp(s, "…", 3) || !strncmp(s, "　", 3) ||
            (*s == ' ' && s[1] >= '0' && s[1] <= '9')) {
            *s = '\0';
            break;
        }
    return sk_str_trim(t);
}

/* A written 索引 (8.14): entries in 汉语拼音 order (numbers and Latin first), each
 * under the letter group of its first character; the targets are references
 * (unresolved ones are ref-missing). */
static void check_written_index(ctx *C, const sk_node *ix)
{
    sk_diag *dg = sk_diag_emit(C->d, SK_R_INDEX_WRITTEN, C->file, ix->first->line, 1,
                               "the 索引 is written by hand; it is checked and printed as written");
    sk_diag_hint(dg, "leave \"# 索引\" empty to have it generated from the terms and the words marked [词](index:)");
    char *prev = NULL, *prev_key = NULL;
    const char *group = NULL;
    for (const sk_node *n = ix; n; n = sk_node_walk_next(ix, n, 1)) {
        if (n->type == SK_N_SECTION && n != ix) {
            group = n->title && strlen(n->title) == 1 && n->title[0] >= 'A' && n->title[0] <= 'Z' ? n->title : NULL;
            continue;
        }
        if (n->type != SK_N_PARA)
            continue;
        char *w = index_words(n);
        if (!*w) {
            free(w);
            continue;
        }
        char *key = sk_pinyin_key(w);
        char letter = sk_pinyin_letter(w);
        if (group && letter && letter != group[0]) {
            sk_diag *d2 = sk_diag_emit(C->d, SK_R_INDEX_ORDER, C->file, n->line, 1,
                                       "\"%s\" is under %s; by its 汉语拼音 it belongs under %c", w, group, letter);
            sk_diag_hint(d2, "move the entry to the group %c", letter);
        } else if (prev_key && strcmp(key, prev_key) < 0) {
            sk_diag *d2 = sk_diag_emit(C->d, SK_R_INDEX_ORDER, C->file, n->line, 1,
                                       "\"%s\" comes after \"%s\"; by 汉语拼音 it comes before it", w, prev);
            sk_diag_hint(d2, "a 索引 lists its entries in 汉语拼音 order");
        }
        free(prev);
        free(prev_key);
        prev = w;
        prev_key = key;
    }
    free(prev);
    free(prev_key);
}

/* mark: the first run marked for the 索引 in the document, or NULL. */
static void check_index(ctx *C, const sk_inline *mark)
{
    const sk_node *ix = sk_doc_section(C->doc, SK_S_INDEX);
    if (mark && !ix) {
        sk_diag *dg = sk_diag_emit(C->d, SK_R_INDEX_MISSING, C->file, mark->line, mark->col,
                                   "\"%s\" is marked for the index, but the standard has no 索引", mark->text);
        sk_diag_hint(dg, "add a heading \"# 索引\" at the end: stdgen generates the index from the terms and the "
                         "marked words");
    }
    if (ix && ix->first)
        check_written_index(C, ix);
}

/* ---------- 7.5 list depth ---------- */

static void node_list_depth(ctx *C, const sk_node *n)
{
    if (n->type != SK_N_LIST || n->level != 3)
        return;
    sk_diag *dg = sk_diag_emit(C->d, SK_R_LIST_DEPTH, C->file, n->line, 1,
                               "list nested three levels deep; lists go to two levels");
    sk_diag_hint(dg, "turn the outer items into clauses or paragraphs");
}

/* ---------- 7.5 list punctuation ---------- */

static int in_form_or_refs(const sk_node *n)
{
    const sk_node *top = sk_node_top(n);
    return top && ((top->sect == SK_S_ANNEX && top->form) || top->sect == SK_S_NORMREF || top->sect == SK_S_BIBLIO ||
                   top->sect == SK_S_SYMBOLS || top->sect == SK_S_INDEX);
}

/* Last code point of an item's first paragraph (0 when it has none). */
static uint32_t item_end(const sk_node *item, const sk_node **para)
{
    *para = NULL;
    for (const sk_node *k = item->first; k; k = k->next)
        if (k->type == SK_N_PARA) {
            *para = k;
            char *t = block_text(k);
            sk_str_trim(t);
            uint32_t cp = *t ? sk_utf8_prev(t, strlen(t)) : 0;
            free(t);
            return cp;
        }
    return 0;
}

/* Items end with punctuation ("；" between items, "。" after the last); a
 * missing mark, or a "；" after the very last item, is reported. */
static void node_list_punct(ctx *C, const sk_node *n)
{
    if (n->type != SK_N_ITEM || in_form_or_refs(n))
        return;
    const sk_node *para;
    uint32_t end = item_end(n, &para);
    if (!para)
        return;
    int has_sub = 0;
    for (const sk_node *k = para->next; k; k = k->next)
        has_sub |= k->type == SK_N_LIST;
    if (!sk_zh_cp_in(end, "；，。：、;,.:！？）)”")) {
        sk_diag *dg = sk_diag_emit(C->d, SK_R_LIST_PUNCT, C->file, para->line, 1,
                                   "list item ends without punctuation");
        sk_diag_hint(dg, "end items with \"；\" and the last one with \"。\"");
        return;
    }
    /* the very last item of a top-level list, with no sub-list of its own */
    const sk_node *list = n->parent;
    if (end == 0xFF1B /* ； */ && !n->next && !has_sub && list->level == 1) {
        sk_diag *dg = sk_diag_emit(C->d, SK_R_LIST_PUNCT, C->file, para->line, 1,
                                   "the last item of a list ends with \"；\"");
        sk_diag_hint(dg, "end the last item with \"。\"");
    }
}

/* ---------- tables: no empty cells, no 同上 ---------- */

/* A cell holding only a mark: a matrix (● ○ √ × …) says yes by the mark and no by
 * leaving the cell empty. */
static int is_mark(const char *s)
{
    static const char MARKS[] = "●○√×✓✗✔✘■□▲△◆◇★☆◎";
    if (!*s)
        return 0;
    for (size_t i = 0, n = strlen(s); i < n;) {
        uint32_t cp;
        int k = sk_utf8_decode(s + i, n - i, &cp);
        if (!k || !(sk_zh_cp_in(cp, MARKS) || cp == ' '))
            return 0;
        i += (size_t)k;
    }
    return 1;
}

/* Empty cells (GB/T 1.1—2020 9.8: a cell with no content holds "—") that are
 * meant to be empty are no finding: the stub head (top-left), positions a span
 * covers, the rows or columns of a table to be written in by hand (a row or a
 * column with no content at all), the unmarked cells of a matrix column. Cells
 * that continue a merged cell flattened into a pipe table — empties at the start
 * of a row, under content — are a note asking for the merge marks. What is left
 * is a cell missing from a filled row and a filled column: a warning. */
static void node_table_cells(ctx *C, const sk_node *n)
{
    if (n->type != SK_N_TABLE || !n->table || in_form_or_refs(n))
        return;
    const sk_table *t = n->table;
    size_t cells = t->nrows * (size_t)t->ncols;
    /* the header: the rows marked so, or those an empty stub head spans down (an
     * HTML table from a converter marks no <th>) */
    size_t nh = (size_t)t->nheader;
    if (t->nrows && t->ncols && t->rows[0].cells[0].rowspan > 1) {
        char *stub = sk_display_text(&t->rows[0].cells[0].in);
        sk_str_trim(stub);
        if (!*stub && (size_t)t->rows[0].cells[0].rowspan > nh)
            nh = (size_t)t->rows[0].cells[0].rowspan;
        free(stub);
    }
    /* 0 content, 1 empty, 2 a mark, 3 covered */
    unsigned char *kind = sk_calloc(cells ? cells : 1, 1);
    unsigned char *row_text = sk_calloc(t->nrows + 1, 1), *col_data = sk_calloc((size_t)t->ncols + 1, 1);
    for (size_t r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            const sk_cell *cell = &t->rows[r].cells[c];
            unsigned char *k = &kind[r * (size_t)t->ncols + (size_t)c];
            if (cell->covered) {
                *k = 3;
                continue;
            }
            char *txt = sk_display_text(&cell->in);
            sk_str_trim(txt);
            *k = !*txt ? 1 : is_mark(txt) ? 2 : 0;
            if (*k != 1)
                row_text[r] = 1;
            if (*k == 0 && r >= nh)
                col_data[c] = 1;
            if (!strcmp(txt, "同上") && r >= nh) {
                int line = cell->line ? cell->line : t->rows[r].line;
                sk_diag *dg = sk_diag_emit(C->d, SK_R_TABLE_CELL, C->file, line, cell->col ? cell->col : 1,
                                           "\"同上\" in 表%s (row %zu, column %d)", n->num, r + 1, c + 1);
                sk_diag_hint(dg, "repeat the content, or merge the cells (\"^^\" in a pipe table)");
            }
            free(txt);
        }
    for (size_t r = nh; r < t->nrows; r++) {
        int leading = 1; /* still at the start of the row, in its empty cells */
        for (int c = 0; c < t->ncols; c++) {
            size_t at = r * (size_t)t->ncols + (size_t)c;
            if (kind[at] == 3)
                continue;
            if (kind[at] != 1) {
                leading = 0;
                continue;
            }
            if ((r == 0 && c == 0) || !row_text[r] || !col_data[c])
                continue;
            const sk_cell *cell = &t->rows[r].cells[c];
            int line = cell->line ? cell->line : t->rows[r].line;
            if (leading && r > nh) {
                sk_diag *dg = sk_diag_emit(C->d, SK_R_TABLE_FLAT, C->file, line, cell->col ? cell->col : 1,
                                           "the empty cell (row %zu, column %d) of 表%s continues the cell above",
                                           r + 1, c + 1, n->num);
                sk_diag_hint(dg, "write \"^^\" in it so that it prints merged with the cell above");
                continue;
            }
            sk_diag *dg = sk_diag_emit(C->d, SK_R_TABLE_CELL, C->file, line, cell->col ? cell->col : 1,
                                       "empty cell in 表%s (row %zu, column %d)", n->num, r + 1, c + 1);
            sk_diag_hint(dg, "write \"—\" in a cell that has no content");
        }
    }
    free(kind);
    free(row_text);
    free(col_data);
}

/* ---------- 9.10, 9.11 note and example labels ---------- */

static void check_labels_of(ctx *C, const sk_node *container, sk_node_type type, sk_rule_id rule, const char *word)
{
    int count = 0, k = 0;
    for (const sk_node *n = container->first; n; n = n->next)
        count += n->type == type;
    if (!count)
        return;
    for (const sk_node *n = container->first; n; n = n->next) {
        if (n->type != type)
            continue;
        k++;
        if (count == 1 && n->label_num) {
            sk_diag *dg = sk_diag_emit(C->d, rule, C->file, n->line, 1, "a single %s is labelled %s%d：", word, word,
                                       n->label_num);
            sk_diag_hint(dg, "write \"%s：\"; numbers are used only when there are several", word);
            return;
        }
        if (count > 1 && n->label_num != k) {
            sk_diag *dg;
            if (!n->label_num)
                dg = sk_diag_emit(C->d, rule, C->file, n->line, 1, "%s：is one of %d here and needs its number", word,
                                  count);
            else
                dg = sk_diag_emit(C->d, rule, C->file, n->line, 1, "%s%d：is %s %d of %d here", word, n->label_num,
                                  word, k, count);
            sk_diag_hint(dg, "write \"%s%d：\"; several %ss are numbered %s1, %s2 … in each clause", word, k, word, word,
                         word);
            return;
        }
    }
}

static void node_labels(ctx *C, const sk_node *n)
{
    if (!n->first)
        return;
    check_labels_of(C, n, SK_N_NOTE, SK_R_NOTE_NUMBER, "注");
    check_labels_of(C, n, SK_N_EXAMPLE, SK_R_EXAMPLE_NUMBER, "示例");
}

/* ---------- 9.6 annex type ---------- */

static void check_annex_type(ctx *C)
{
    for (const sk_node *n = C->doc->root->first; n; n = n->next) {
        if (n->type != SK_N_SECTION || n->sect != SK_S_ANNEX || n->annex_type != SK_ANNEX_UNKNOWN)
            continue;
        sk_diag *dg = sk_diag_emit(C->d, SK_R_ANNEX_TYPE, C->file, n->line, 1,
                                   "附录%s does not say whether it is normative or informative", n->num);
        sk_diag_hint(dg, "write \"附录%s（规范性）\" when requirements cite it (应按附录%s), else \"附录%s（资料性）\"",
                     n->num, n->num, n->num);
    }
}

/* ---------- 9.2, Annex C: provisions where they do not belong ---------- */

static void report_modal(ctx *C, const sk_node *b, const flat *f, size_t st, size_t ml, sk_rule_id rule,
                         const char *where)
{
    int line, col;
    flat_pos(C->doc, f, st, b->line, &line, &col);
    const char *w = f->b.data + st;
    if (rule == SK_R_VERB_FORM) {
        int neg = strncmp(w, "必须", 6) != 0;
        sk_diag *dg = sk_diag_emit(C->d, rule, C->file, line, col, "\"%.*s\" expresses a requirement; GB/T 1.1 writes \"%s\"",
                                   (int)ml, w, neg ? "不应" : "应");
        sk_diag_hint(dg, "use 应 for requirements and 不应 for prohibitions (GB/T 1.1—2020 Annex C)");
        return;
    }
    sk_diag *dg = sk_diag_emit(C->d, rule, C->file, line, col, "\"%.*s\" in %s: %s", (int)ml, w, where,
                               rule == SK_R_INFORMATIVE_REQ ? "an informative annex gives information, not requirements"
                                                            : "it states facts, not provisions");
    sk_diag_hint(dg, rule == SK_R_INFORMATIVE_REQ
                         ? "make the annex （规范性） or move the requirement into the body"
                         : "move the provision into the body of a clause, or rephrase it as a statement of fact");
}

/* Where a block is, for modal-verb purposes. */
typedef enum { PV_BODY, PV_INFO, PV_INFORMATIVE, PV_NONE } pv_where;

static pv_where provision_place(const sk_node *b, const char **name)
{
    const sk_node *top = sk_node_top(b);
    int in_note = 0;
    for (const sk_node *p = b; p; p = p->parent)
        if (p->type == SK_N_NOTE || p->type == SK_N_EXAMPLE)
            in_note = p->type == SK_N_NOTE ? 1 : 2;
    if (top && top->sect == SK_S_TERMS)
        return PV_NONE; /* term definitions: check_term_entries */
    if (top && (top->sect == SK_S_NORMREF || top->sect == SK_S_BIBLIO || top->sect == SK_S_INDEX))
        return PV_NONE;
    if (top && top->form)
        return in_note ? PV_INFO : PV_NONE; /* a form's printed text is not a provision */
    if (in_note) {
        *name = in_note == 1 ? "a note" : "an example";
        return PV_INFO;
    }
    if (top && (top->sect == SK_S_FOREWORD || top->sect == SK_S_INTRO || top->sect == SK_S_SCOPE)) {
        *name = top->sect == SK_S_FOREWORD ? "前言" : top->sect == SK_S_INTRO ? "引言" : "范围";
        return PV_INFO;
    }
    if (top && top->sect == SK_S_ANNEX && top->annex_type == SK_ANNEX_INFORMATIVE) {
        *name = "an informative annex";
        return PV_INFORMATIVE;
    }
    return PV_BODY;
}

static void check_inlines_provisions(ctx *C, const sk_node *b, const sk_inlines *l, pv_where where, const char *name)
{
    static const int kinds[] = { [PV_BODY] = SK_MODAL_STRONG,
                                 [PV_INFO] = SK_MODAL_REQUIRE | SK_MODAL_RECOMMEND | SK_MODAL_PERMIT | SK_MODAL_STRONG,
                                 [PV_INFORMATIVE] = SK_MODAL_REQUIRE | SK_MODAL_STRONG };
    static const sk_rule_id rules[] = { [PV_BODY] = SK_R_VERB_FORM, [PV_INFO] = SK_R_PROVISION_INFO,
                                        [PV_INFORMATIVE] = SK_R_INFORMATIVE_REQ };
    flat f;
    flat_build(&f, l);
    size_t st, ml;
    sk_zh_modal_scan sc = SK_ZH_MODAL_SCAN_INIT;
    while (sk_zh_modal_next(&sc, f.b.data, f.b.len, kinds[where], &st, &ml))
        report_modal(C, b, &f, st, ml, rules[where], name);
    flat_free(&f);
}

static void node_provisions(ctx *C, const sk_node *n)
{
    const char *name = "";
    if (is_block_with_text(n)) {
        pv_where w = provision_place(n, &name);
        if (w != PV_NONE)
            check_inlines_provisions(C, n, &n->in, w, name);
    } else if (n->type == SK_N_TABLE && n->table) {
        pv_where w = provision_place(n, &name);
        if (w == PV_NONE)
            return;
        for (size_t r = 0; r < n->table->nrows; r++)
            for (int c = 0; c < n->table->ncols; c++)
                check_inlines_provisions(C, n, &n->table->rows[r].cells[c].in, w, name);
    }
}

/* 式中 (GB/T 1.1—2020 9.9): right after the formula whose symbols it explains, one
 * entry a line, each the symbol, ——, its meaning. */
static void node_where(ctx *C, const sk_node *n)
{
    if (n->type != SK_N_WHERE)
        return;
    sk_diag *dg;
    if (!n->prev || n->prev->type != SK_N_FORMULA) {
        dg = sk_diag_emit(C->d, SK_R_FORMULA_WHERE, C->file, n->line, 1,
                          "式中： does not follow a formula: it explains the symbols of the formula right above it");
        sk_diag_hint(dg, "put 式中： right after the $$ … $$ paragraph, or write the text without 式中：");
    }
    /* 式中： then the formulas of the auxiliary quantities ("m = …"), as printed
     * standards write them, is explained by those formulas */
    if (!n->first && !(n->next && n->next->type == SK_N_FORMULA)) {
        dg = sk_diag_emit(C->d, SK_R_FORMULA_WHERE, C->file, n->line, 1, "式中： is followed by no entries");
        sk_diag_hint(dg, "one line (or list item) per symbol: $x$——meaning；");
    }
    for (const sk_node *e = n->first; e; e = e->next) {
        if (e->type != SK_N_WHERE_ITEM || e->src)
            continue;
        dg = sk_diag_emit(C->d, SK_R_FORMULA_WHERE, C->file, e->line, e->col,
                          "式中 entry without ——: it is printed as written, not aligned with the others");
        sk_diag_hint(dg, "write the symbol, two em dashes and the meaning: $m$——质量，单位为克（g）；");
    }
}

/* ---------- 9.6, 9.7, 9.8: annexes, tables and figures and the parts around them ---------- */

/* Does title t (a caption's) start with its own label, "表1", "表 A.2", "图3"? */
static int repeats_label(const char *t, const char *word)
{
    size_t n = strlen(word), k;
    if (!t || strncmp(t, word, n))
        return 0;
    t += n;
    while ((k = sk_zh_space(t)))
        t += k;
    return (t[0] >= '0' && t[0] <= '9') || (t[0] >= 'A' && t[0] <= 'Z' && t[1] == '.' && t[2] >= '0' && t[2] <= '9');
}

static void check_caption_label(ctx *C, const sk_node *n)
{
    const char *word = n->type == SK_N_TABLE ? "表" : "图";
    if (!repeats_label(n->caption, word))
        return;
    char *label = sk_display_label(n);
    sk_diag *dg = sk_diag_emit(C->d, SK_R_CAPTION_LABEL, C->file, n->caption_line ? n->caption_line : n->line, 1,
                               "the title of %s repeats its label: it prints \"%s\xE3\x80\x80%s\"", label, label,
                               n->caption);
    sk_diag_hint(dg, "write the title alone after the colon, \"%s：title\" (a number may stand before the colon: "
                     "\"%s1：title\")", word, word);
    free(label);
}

/* 9.8: "每个表宜有表题", and the tables of a document all have one or none. */
static void check_table_title(ctx *C, const sk_node *n, const sk_node *titled)
{
    if ((n->caption && *n->caption) || in_form_or_refs(n))
        return;
    sk_diag *dg = sk_diag_emit(C->d, SK_R_TABLE_TITLE, C->file, n->line, 1, "表%s has no title", n->num);
    if (titled)
        sk_diag_hint(dg, "write \"表：title\" on the line above it; the tables of a standard all have a title or none "
                         "(表%s has one)", titled->num);
    else
        sk_diag_hint(dg, "write \"表：title\" on the line above it");
}

/* The footnotes of a table or figure: lettered a, b, c … in order; a table's cells
 * mark each (a superscript letter) and no letter without its footnote, the markers
 * first met in the order a, b, c …. */
static void check_footnotes(ctx *C, const sk_node *n)
{
    char *label = sk_display_label(n);
    char letters[27] = "";
    size_t nf = 0;
    for (const sk_node *k = n->first; k; k = k->next) {
        if (k->type != SK_N_FOOTNOTE)
            continue;
        char want = (char)('a' + (nf < 26 ? nf : 25));
        if (k->num[0] != want) {
            sk_diag *dg = sk_diag_emit(C->d, SK_R_FOOTNOTE, C->file, k->line, 1,
                                       "footnote %s of %s comes where footnote %c does", k->num, label, want);
            sk_diag_hint(dg, "the footnotes of a table or figure are lettered a, b, c … in order");
        }
        if (nf < 26)
            letters[nf++] = k->num[0];
    }
    if (n->type != SK_N_TABLE || !n->table || !nf) {
        free(label);
        return;
    }
    const sk_table *t = n->table;
    char seen[27] = "";
    size_t ns = 0;
    int order_told = 0;
    for (size_t r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++)
            for (size_t i = 0; i < t->rows[r].cells[c].in.n; i++) {
                const sk_inline *in = &t->rows[r].cells[c].in.v[i];
                if (in->type != SK_I_TEXT || !(in->flags & SK_F_SUP) || !(in->text[0] >= 'a' && in->text[0] <= 'z') ||
                    in->text[1])
                    continue;
                int line = in->line ? in->line : t->rows[r].line, col = in->line ? in->col : 1;
                if (!memchr(letters, in->text[0], nf)) {
                    sk_diag *dg = sk_diag_emit(C->d, SK_R_FOOTNOTE, C->file, line, col,
                                               "the cell marks footnote %s, but %s has no footnote %s", in->text, label,
                                               in->text);
                    sk_diag_hint(dg, "write \"<sup>%s</sup> text\" under the table (after its notes)", in->text);
                } else if (!memchr(seen, in->text[0], ns) && ns < 26) {
                    if (in->text[0] != 'a' + (char)ns && !order_told) {
                        sk_diag *dg = sk_diag_emit(C->d, SK_R_FOOTNOTE, C->file, line, col,
                                                   "%s marks footnote %s first where footnote %c comes first", label,
                                                   in->text, 'a' + (char)ns);
                        sk_diag_hint(dg, "letter the footnotes in the order their markers come, reading the table "
                                         "row by row");
                        order_told = 1;
                    }
                    seen[ns++] = in->text[0];
                }
            }
    for (const sk_node *k = n->first; k; k = k->next)
        if (k->type == SK_N_FOOTNOTE && !memchr(seen, k->num[0], ns)) {
            sk_diag *dg = sk_diag_emit(C->d, SK_R_FOOTNOTE, C->file, k->line, 1,
                                       "no cell of %s marks footnote %s", label, k->num);
            sk_diag_hint(dg, "mark the cell it explains with <sup>%s</sup>", k->num);
        }
    free(label);
}

static void check_subfigures(ctx *C, const sk_node *n)
{
    for (const sk_node *k = n->first; k; k = k->next)
        if (k->type == SK_N_SUBFIGURE && k->num_written && strcmp(k->num_written, k->num)) {
            char *label = sk_display_label(n);
            sk_diag *dg = sk_diag_emit(C->d, SK_R_SUBFIGURE, C->file, k->line, 1,
                                       "picture %s) of %s is its picture %s)", k->num_written, label, k->num);
            sk_diag_hint(dg, "the pictures of a figure are a), b), c) … in order; write \"![%s) …](…)\"", k->num);
            free(label);
            return;
        }
}

static void check_key(ctx *C, const sk_node *key)
{
    char *label = sk_display_label(key->parent);
    if (!key->first) {
        sk_diag *dg = sk_diag_emit(C->d, SK_R_FIGURE_KEY, C->file, key->line, 1, "the key of %s has no entries", label);
        sk_diag_hint(dg, "one line (or list item) per number: 1——meaning；");
    }
    for (const sk_node *e = key->first; e; e = e->next)
        if (e->type == SK_N_WHERE_ITEM && !e->src) {
            sk_diag *dg = sk_diag_emit(C->d, SK_R_FIGURE_KEY, C->file, e->line, e->col,
                                       "an entry of the key of %s without ——: it is printed as written", label);
            sk_diag_hint(dg, "write the number, two em dashes and the meaning: 1——底座；");
        }
    free(label);
}

/* A paragraph the reader would have taken into a table or figure had it stood there:
 * a unit statement, a key's lead. */
static void check_stray_part(ctx *C, const sk_node *p)
{
    char *t = block_text(p);
    sk_str_trim(t);
    sk_diag *dg = NULL;
    if (sk_markdown_unit_text(t)) {
        dg = sk_diag_emit(C->d, SK_R_UNIT_STATEMENT, C->file, p->line, 1,
                          "\"%s\" is a unit statement, but no table or figure follows it", t);
        sk_diag_hint(dg, "put it right above the table (after its caption) or the figure it gives the unit of");
    } else if (sk_markdown_key_lead(t) && strncmp(t, "说明", 6)) {
        dg = sk_diag_emit(C->d, SK_R_FIGURE_KEY, C->file, p->line, 1, "a figure key, but no figure is right above it");
        sk_diag_hint(dg, "put the key right after the figure (its pictures), before its notes");
    }
    free(t);
}

/* 9.6: an annex has no 范围, 规范性引用文件 or 术语和定义 of its own. */
static void check_annex_element(ctx *C, const sk_node *s)
{
    static const char *const names[] = { "范围", "规范性引用文件", "术语和定义", NULL };
    const sk_node *top = sk_node_top(s);
    if (!top || top->sect != SK_S_ANNEX || s == top || !s->title)
        return;
    char *sq = sk_zh_squeeze(s->title);
    for (const char *const *nm = names; *nm; nm++)
        if (!strcmp(sq, *nm)) {
            sk_diag *dg = sk_diag_emit(C->d, SK_R_ANNEX_ELEMENT, C->file, s->line, 1,
                                       "附录%s holds a %s (%s); an annex has no 范围, 规范性引用文件 or 术语和定义 of its own",
                                       top->num, *nm, s->num);
            sk_diag_hint(dg, "put it in chapter %s of the standard, or give the clause what it says as its title",
                         *nm == names[0] ? "1" : *nm == names[1] ? "2" : "3");
            break;
        }
    free(sq);
}

/* The first table with a title, outside forms and references (the tables of a
 * document all have one or none), or NULL. */
static const sk_node *first_titled_table(const sk_node *root)
{
    for (const sk_node *n = root; n; n = sk_node_walk_next(root, n, 1))
        if (n->type == SK_N_TABLE && n->caption && *n->caption && !in_form_or_refs(n))
            return n;
    return NULL;
}

static void node_floats(ctx *C, const sk_node *n, const sk_node *titled)
{
    switch (n->type) {
    case SK_N_TABLE:
        check_table_title(C, n, titled);
        check_caption_label(C, n);
        check_footnotes(C, n);
        break;
    case SK_N_FIGURE:
        check_caption_label(C, n);
        check_footnotes(C, n);
        check_subfigures(C, n);
        break;
    case SK_N_KEY:
        check_key(C, n);
        break;
    case SK_N_PARA:
        if (n->parent && n->parent->type != SK_N_ITEM)
            check_stray_part(C, n);
        break;
    case SK_N_SECTION:
        check_annex_element(C, n);
        break;
    default:
        break;
    }
}

/* The checks of the tree run in one walk (the tree of a large standard is far
 * larger than the caches: ten walks of it cost more than ten times one), each
 * check's findings in a stream of its own, joined in the order the checks had
 * when each walked the tree by itself, so the findings are the same. */
enum {
    W_TERM_ENTRIES, W_HANGING, W_CLAUSE_TITLES, W_INDEX, W_LIST_DEPTH, W_LIST_PUNCT, W_TABLE_CELLS, W_LABELS,
    W_ANNEX_TYPE, W_PROVISIONS, W_WHERE, W_FLOATS, W_COUNT
};

static void check_tree(ctx *C)
{
    sk_diag_streams S;
    sk_diags *d = C->d;
    const sk_node *root = C->doc->root, *titled = first_titled_table(root);
    const sk_inline *mark = NULL;
    sk_diag_stream_begin(d, &S, W_COUNT);
    for (const sk_node *n = root; n; n = sk_node_walk_next(root, n, 1)) {
        sk_diag_stream_to(d, &S, W_TERM_ENTRIES);
        node_term_entries(C, n);
        sk_diag_stream_to(d, &S, W_HANGING);
        node_hanging(C, n);
        sk_diag_stream_to(d, &S, W_CLAUSE_TITLES);
        node_clause_titles(C, n);
        if (!mark)
            mark = first_index_mark(n);
        sk_diag_stream_to(d, &S, W_LIST_DEPTH);
        node_list_depth(C, n);
        sk_diag_stream_to(d, &S, W_LIST_PUNCT);
        node_list_punct(C, n);
        sk_diag_stream_to(d, &S, W_TABLE_CELLS);
        node_table_cells(C, n);
        sk_diag_stream_to(d, &S, W_LABELS);
        node_labels(C, n);
        sk_diag_stream_to(d, &S, W_PROVISIONS);
        node_provisions(C, n);
        sk_diag_stream_to(d, &S, W_WHERE);
        node_where(C, n);
        sk_diag_stream_to(d, &S, W_FLOATS);
        node_floats(C, n, titled);
    }
    sk_diag_stream_to(d, &S, W_INDEX);
    check_index(C, mark);
    sk_diag_stream_to(d, &S, W_ANNEX_TYPE);
    check_annex_type(C);
    sk_diag_stream_end(d, &S);
}

void sk_gbt_check(const sk_doc *doc, sk_diags *d)
{
    ctx C = { doc, d, doc->src->path };
    check_element_order(&C);
    check_element_missing(&C);
    check_foreword(&C);
    check_foreword_parts(&C);
    check_scope(&C);
    check_normref(&C);
    check_terms_leadin(&C);
    check_symbols_leadin(&C);
    check_tree(&C);
}
