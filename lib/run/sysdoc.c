#include "run/sysdoc.h"

#include <stdint.h>
#include "layout/cover.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/fs.h"
#include "model/build.h"
#include "model/model.h"
#include "base/proc.h"

#define U3000 "\xE3\x80\x80"
#define DEFAULT_TABLE_NUMBER "{box}-{seq:2}"
#define DOT_FONT "Noto Sans CJK SC"

/* One standard of the system, as the documents list it. */
typedef struct cite {
    size_t j;             /* the standard cited (index in build.v) */
    char kind;            /* 1 informative, 2 normative */
} cite;

typedef struct ent {
    sk_doc *doc;          /* its front matter and citations only (slim_doc) */
    char *path;
    cite *cv;             /* the standards of the system it cites, in citation order */
    size_t ncv;
    const char *number, *title;
    int cat, grp;         /* indexes in system.yaml (-1: none or unknown) */
    int box, seq;         /* its box and its place in it */
    char *tabnum;         /* 体系表编号 */
    size_t row;           /* 序号, from 1 */
} ent;

typedef struct build {
    const sk_system *sys;
    ent *v;
    size_t n;
    int *catbox;          /* per category */
    size_t ncites;        /* citations between standards (pairs) */
} build;

/* ---------- text helpers ---------- */

/* Text as one line (a value from YAML may hold line breaks). Caller frees. */
static char *one_line(const char *text)
{
    char *s = sk_strdup(text ? text : "");
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return s;
}

/* Appends text as one line. */
static void put_text(sk_inlines *l, const char *text)
{
    char *s = one_line(text);
    sk_build_text(l, s);
    free(s);
}

static void put_dot(sk_buf *b, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '"' || *p == '\\')
            sk_buf_putc(b, '\\');
        sk_buf_putc(b, *p == '\n' ? ' ' : *p);
    }
}

/* A CSV field; one that a spreadsheet would run as a formula (=, +, -, @, a tab or
 * a carriage return first: OWASP's advice for CSV injection) is quoted and starts
 * with an apostrophe, so that it is read as text. */
static void put_csv(sk_buf *b, const char *text, int last)
{
    const char *t = text ? text : "";
    int formula = *t && strchr("=+-@\t\r", *t);
    if (formula || strpbrk(t, ",\"\r\n")) {
        sk_buf_putc(b, '"');
        if (formula)
            sk_buf_putc(b, '\'');
        for (const char *p = t; *p; p++) {
            if (*p == '"')
                sk_buf_putc(b, '"');
            sk_buf_putc(b, *p);
        }
        sk_buf_putc(b, '"');
    } else {
        sk_buf_puts(b, t);
    }
    sk_buf_puts(b, last ? "\r\n" : ",");
}

static const char *or_dash(const char *s)
{
    return s && *s ? s : "—";
}

/* ---------- the rows ---------- */

static int index_of_cat(const sk_system *sys, const char *code)
{
    for (size_t i = 0; code && i < sys->ncats; i++)
        if (!strcmp(sys->cats[i].code, code))
            return (int)i;
    return -1;
}

static int index_of_group(const sk_system *sys, const char *code)
{
    for (size_t i = 0; code && i < sys->ngroups; i++)
        if (!strcmp(sys->groups[i].code, code))
            return (int)i;
    return -1;
}

static int by_box(const void *pa, const void *pb)
{
    const ent *a = pa, *b = pb;
    int ca = a->cat < 0 ? 1 << 20 : a->cat, cb = b->cat < 0 ? 1 << 20 : b->cat;
    if (ca != cb)
        return ca < cb ? -1 : 1;
    if (a->grp != b->grp)
        return a->grp < b->grp ? -1 : 1; /* without a group first: the category's own box */
    int c = strcmp(a->number, b->number);
    return c ? c : strcmp(a->path, b->path);
}

static int group_box(const build *B, int cat, int grp)
{
    const sk_group *g = &B->sys->groups[grp];
    return B->catbox[cat] + (g->box ? g->box : grp + 1);
}

/* Boxes, places and 体系表编号, in the order of the boxes. */
static void number_rows(build *B)
{
    const sk_system *sys = B->sys;
    B->catbox = sk_calloc(sys->ncats + 1, sizeof *B->catbox);
    for (size_t c = 0; c < sys->ncats; c++)
        B->catbox[c] = sys->cats[c].box ? sys->cats[c].box : 100 * (int)(c + 1);
    qsort(B->v, B->n, sizeof *B->v, by_box);
    const char *pat = sys->table_number ? sys->table_number : DEFAULT_TABLE_NUMBER;
    for (size_t i = 0; i < B->n; i++) {
        ent *e = &B->v[i];
        e->row = i + 1;
        e->box = e->cat < 0 ? 0 : e->grp < 0 ? B->catbox[e->cat] : group_box(B, e->cat, e->grp);
        e->seq = i && B->v[i - 1].cat == e->cat && B->v[i - 1].grp == e->grp ? B->v[i - 1].seq + 1 : 1;
        sk_numparts parts = { .seq = e->seq, .year = -1, .box = e->box };
        sk_numparts m;
        if (sk_system_match_number(sys, e->number, &m) == 0)
            parts.year = m.year;
        snprintf(parts.category, sizeof parts.category, "%s", e->cat >= 0 ? sys->cats[e->cat].code : "");
        snprintf(parts.group, sizeof parts.group, "%s", e->grp >= 0 ? sys->groups[e->grp].code : "");
        e->tabnum = e->cat < 0 ? sk_strdup("—") : sk_system_format(pat, &parts);
    }
}

/* The number without its year: "SJDJ/TS 03". */
static size_t code_len(const char *number)
{
    const char *dash = strstr(number, "—");
    return dash ? (size_t)(dash - number) : strlen(number);
}

/* Which standards of the system each one cites, by look-ups of the numbers (a
 * dated citation by its number, an undated one by the number without its year):
 * linear in the citations, where comparing every citation with every standard
 * made 10,000 standards quadratic. */
static void find_citations(build *B)
{
    sk_map dated, undated;
    sk_map_init(&dated);
    sk_map_init(&undated);
    sk_vec buckets = { 0 };
    for (size_t j = 0; j < B->n; j++) {
        const char *num = B->v[j].number;
        if (!sk_map_get(&dated, num))
            sk_map_put(&dated, num, (void *)(uintptr_t)(j + 1));
        char *code = sk_strndup(num, code_len(num));
        sk_vec *v = sk_map_get(&undated, code);
        if (!v) {
            v = sk_calloc(1, sizeof *v);
            sk_map_put(&undated, code, v);
            sk_vec_push(&buckets, v);
        }
        sk_vec_push(v, (void *)(uintptr_t)j);
        free(code);
    }
    size_t *at = sk_calloc(B->n + 1, sizeof *at); /* at[j]: 1 + j's place in the current cv */
    for (size_t i = 0; i < B->n; i++) {
        ent *e = &B->v[i];
        size_t cap = 0;
        const sk_vec *refs = &e->doc->stdrefs;
        for (size_t r = 0; r < refs->len; r++) {
            const sk_stdref *sr = refs->items[r];
            size_t exact = 0, njs = 0;
            const sk_vec *bucket = NULL;
            if (sr->year >= 0) {
                uintptr_t j = (uintptr_t)sk_map_get(&dated, sr->number);
                if (j) {
                    exact = j - 1;
                    njs = 1;
                }
            } else if (sr->code && (bucket = sk_map_get(&undated, sr->code))) {
                njs = bucket->len;
            }
            for (size_t k = 0; k < njs; k++) {
                size_t j = bucket ? (size_t)(uintptr_t)bucket->items[k] : exact;
                char kind = sr->in_normref || sr->normative ? 2 : 1;
                if (j == i)
                    continue;
                if (!at[j]) {
                    if (e->ncv == cap) {
                        cap = cap ? 2 * cap : 4;
                        e->cv = sk_realloc(e->cv, cap * sizeof *e->cv);
                    }
                    e->cv[e->ncv] = (cite){ j, 0 };
                    at[j] = ++e->ncv;
                    B->ncites++;
                }
                if (kind > e->cv[at[j] - 1].kind)
                    e->cv[at[j] - 1].kind = kind;
            }
        }
        for (size_t k = 0; k < e->ncv; k++)
            at[e->cv[k].j] = 0;
    }
    free(at);
    for (size_t k = 0; k < buckets.len; k++) {
        sk_vec_free(buckets.items[k]);
        free(buckets.items[k]);
    }
    sk_vec_free(&buckets);
    sk_map_free(&dated);
    sk_map_free(&undated);
}

/* 宜定级别 from the number: 国家标准, 行业标准, 地方标准, 团体标准 or 企业标准 (GB/T 13017—2018,
 * GB/T 13016—2018). The system's own numbers take the level its banner names (…地方标准,
 * 团体标准 …), else 企业标准: the own standards of an organisation, which GB/T 13017 calls
 * enterprise standards. */
static const char *level_of(const sk_system *sys, const char *number)
{
    static const struct { const char *prefix, *level; } levels[] = {
        { "GB", "国家标准" }, { "DB", "地方标准" }, { "T/", "团体标准" }, { "Q/", "企业标准" },
    };
    static const char *const words[] = { "国家标准", "行业标准", "地方标准", "团体标准", "企业标准" };
    if (sys->code && *sys->code && sk_str_starts_with(number, sys->code)) {
        for (size_t i = 0; sys->level && i < sizeof words / sizeof words[0]; i++)
            if (strstr(sys->level, words[i]))
                return words[i];
        return "企业标准";
    }
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
        if (sk_str_starts_with(number, levels[i].prefix))
            return levels[i].level;
    if (number[0] >= 'A' && number[0] <= 'Z' && number[1] >= 'A' && number[1] <= 'Z' &&
        (number[2] == '/' || number[2] == ' '))
        return "行业标准";
    return "—";
}

/* 强制性, 推荐性 (…/T) or 指导性 (…/Z) for national, sector and local numbers; NULL
 * for the others (团体, 企业 and the system's own standards). */
static const char *kind_of(const sk_system *sys, const char *number)
{
    const char *level = level_of(sys, number);
    if (strcmp(level, "国家标准") && strcmp(level, "行业标准") && strcmp(level, "地方标准"))
        return NULL;
    const char *slash = strchr(number, '/');
    if (slash && slash[1] == 'T')
        return "推荐性标准";
    if (slash && slash[1] == 'Z')
        return "指导性技术文件";
    return "强制性标准";
}

static char *status_of(const ent *e)
{
    const sk_meta *m = e->doc->meta;
    const char *stage = sk_meta_get(m, STAGE), *by = sk_meta_get(m, REPLACED_BY);
    switch (m->status) {
    case SK_STATUS_CURRENT: return sk_strdup("现行");
    case SK_STATUS_DRAFT: return stage && *stage ? sk_asprintf("制定中（%s）", stage) : sk_strdup("制定中");
    case SK_STATUS_WITHDRAWN: return by && *by ? sk_asprintf("废止，被%s代替", by) : sk_strdup("废止");
    default: return sk_strdup("—");
    }
}

/* 被代替标准号或作废: the numbers it replaces, and 作废 when it is withdrawn. */
static char *replaces_of(const ent *e)
{
    const sk_strlist *l = &e->doc->meta->list[SK_META_REPLACES];
    sk_buf b;
    sk_buf_init(&b);
    for (size_t i = 0; i < l->n; i++)
        sk_buf_printf(&b, "%s%s", i ? "、" : "", l->v[i]);
    if (e->doc->meta->status == SK_STATUS_WITHDRAWN)
        sk_buf_printf(&b, "%s作废", b.len ? "；" : "");
    if (!b.len)
        sk_buf_puts(&b, "—");
    return sk_buf_detach(&b);
}

/* The columns of a 明细表 row (GB/T 13017—2018, GB/T 13016—2018). Free with free_cells. */
#define LIST_COLS 9
static void row_cells(const build *B, const ent *e, char *cells[LIST_COLS])
{
    /* a draft has no 实施日期 before it is issued, whatever its front matter plans */
    const char *eff = sk_cover_is_draft(e->doc) ? NULL : sk_meta_get(e->doc->meta, EFFECTIVE);
    cells[0] = sk_asprintf("%zu", e->row);
    cells[1] = sk_strdup(e->tabnum);
    cells[2] = sk_strdup(or_dash(e->title));
    cells[3] = sk_strdup(or_dash(e->number));
    cells[4] = sk_strdup(level_of(B->sys, e->number));
    cells[5] = sk_strdup(or_dash(eff));
    cells[6] = sk_strdup("—"); /* the front matter names no international standard it adopts */
    cells[7] = replaces_of(e);
    cells[8] = status_of(e);
}

static void free_cells(char *cells[LIST_COLS])
{
    for (int i = 0; i < LIST_COLS; i++)
        free(cells[i]);
}

static const char *const list_head[LIST_COLS] = { "序号", "标准体系表编号", "标准名称", "标准编号", "宜定级别",
                                                  "实施日期", "国际、国外标准号及采用关系", "被代替标准号或作废",
                                                  "备注" };

/* ---------- the 结构图 ---------- */

static char *make_dot(const build *B)
{
    const sk_system *sys = B->sys;
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, "digraph \"标准体系结构图\" {\n"
                    "  graph [rankdir=LR, splines=ortho, nodesep=0.08, ranksep=0.35, bgcolor=white, fontname=\"" DOT_FONT
                    "\"];\n"
                    "  node [shape=box, fontname=\"" DOT_FONT "\", fontsize=10, margin=\"0.10,0.04\", height=0.3];\n"
                    "  edge [arrowhead=none, penwidth=0.8];\n  sys [label=\"");
    put_dot(&b, sys->name);
    sk_buf_puts(&b, "\", fontsize=12, penwidth=1.5];\n");
    for (size_t c = 0; c < sys->ncats; c++) {
        sk_buf_printf(&b, "  c%zu [label=\"%d\\n", c, B->catbox[c]);
        put_dot(&b, sys->cats[c].name);
        sk_buf_printf(&b, "\"];\n  sys -> c%zu;\n", c);
        for (size_t g = 0; g < sys->ngroups; g++) {
            int used = 0;
            for (size_t i = 0; i < B->n; i++)
                used |= B->v[i].cat == (int)c && B->v[i].grp == (int)g;
            if (!used)
                continue;
            sk_buf_printf(&b, "  g%zu_%zu [label=\"%d\\n", c, g, group_box(B, (int)c, (int)g));
            put_dot(&b, sys->groups[g].name);
            sk_buf_printf(&b, "\"];\n  c%zu -> g%zu_%zu;\n", c, c, g);
        }
    }
    for (size_t i = 0; i < B->n; i++) {
        const ent *e = &B->v[i];
        if (e->cat < 0)
            continue;
        sk_buf_printf(&b, "  s%zu [width=3.4, label=\"", i + 1);
        put_dot(&b, e->tabnum);
        sk_buf_puts(&b, "  ");
        put_dot(&b, e->number);
        sk_buf_puts(&b, "\\l");
        put_dot(&b, e->title);
        sk_buf_puts(&b, "\\l\"];\n");
        if (e->grp >= 0)
            sk_buf_printf(&b, "  g%d_%d -> s%zu;\n", e->cat, e->grp, i + 1);
        else
            sk_buf_printf(&b, "  c%d -> s%zu;\n", e->cat, i + 1);
    }
    sk_buf_puts(&b, "}\n");
    return sk_buf_detach(&b);
}

/* The DOT through dot -Tpng; NULL (with a warning) when it cannot be drawn. */
static char *draw(const char *dot, size_t *len, sk_sysdoc_warn warn, void *ctx)
{
    const char *which = getenv("SK_DOT");
    if (which && !strcmp(which, "none"))
        return NULL;
    char *prog = sk_proc_find(which && *which ? which : "dot");
    if (!prog)
        return NULL;
    char *argv[] = { prog, "-Tpng", "-Gdpi=150", NULL };
    sk_proc p = { .argv = argv, .input = dot, .input_len = strlen(dot), .limit = 60 };
    sk_proc_result r;
    sk_err e;
    sk_err_clear(&e);
    char *png = NULL;
    if (sk_proc_run(&p, &r, &e) == 0) {
        sk_image im;
        if (r.status == 0 && sk_image_probe(&im, (const unsigned char *)r.out.data, r.out.len, &e) == 0 &&
            im.type == SK_IMG_PNG) {
            *len = r.out.len;
            png = sk_buf_detach(&r.out);
        } else {
            sk_err_set(&e, "%s could not draw the 标准体系结构图 (exit %d); it is a table instead", prog, r.status);
        }
    }
    sk_buf_free(&r.out);
    if (!png && warn)
        warn(ctx, &e);
    free(prog);
    return png;
}

/* The hierarchy as a table with merged cells, when there is no dot. */
static void structure_table(sk_node *sec, const build *B)
{
    const sk_system *sys = B->sys;
    size_t rows = 0;
    for (size_t k = 0; k < B->n; k++)
        rows += B->v[k].cat >= 0;
    static const char *const head[5] = { "标准体系", "类别", "分组", "体系表编号", "标准名称" };
    sk_node *tab = sk_build_table(sec, "标准体系结构", "tab-structure", 5, rows + 1, 1, 1);
    for (int c = 0; c < 5; c++)
        sk_build_text(&sk_build_cell(tab, 0, c)->in, head[c]);
    size_t r = 0;
    for (size_t i = 0; i < B->n; i++) {
        const ent *e = &B->v[i];
        if (e->cat < 0)
            continue;
        r++;
        if (r == 1) {
            put_text(&sk_build_cell(tab, r, 0)->in, sys->name);
            sk_build_span(tab, r, 0, 1, (int)rows);
        }
        if (!i || B->v[i - 1].cat != e->cat) {
            size_t n = 0;
            for (size_t k = i; k < B->n && B->v[k].cat == e->cat; k++)
                n++;
            sk_inlines *l = &sk_build_cell(tab, r, 1)->in;
            sk_build_textf(l, "%d ", B->catbox[e->cat]);
            put_text(l, sys->cats[e->cat].name);
            sk_build_span(tab, r, 1, 1, (int)n);
        }
        if (!i || B->v[i - 1].cat != e->cat || B->v[i - 1].grp != e->grp) {
            size_t n = 0;
            for (size_t k = i; k < B->n && B->v[k].cat == e->cat && B->v[k].grp == e->grp; k++)
                n++;
            sk_inlines *l = &sk_build_cell(tab, r, 2)->in;
            if (e->grp >= 0) {
                sk_build_textf(l, "%d ", e->box);
                put_text(l, sys->groups[e->grp].name);
            } else {
                sk_build_text(l, "—");
            }
            sk_build_span(tab, r, 2, 1, (int)n);
        }
        put_text(&sk_build_cell(tab, r, 3)->in, e->tabnum);
        put_text(&sk_build_cell(tab, r, 4)->in, e->title);
    }
}

/* ---------- the document ---------- */

static const char *latest(const build *B, sk_meta_key k)
{
    const char *best = NULL;
    for (size_t i = 0; i < B->n; i++) {
        const char *d = B->v[i].doc->meta->str[k];
        int y, m, dd;
        if (d && sk_meta_date_parse(d, &y, &m, &dd) == 0 && (!best || strcmp(d, best) > 0))
            best = d;
    }
    return best;
}

static void meta(sk_doc *doc, sk_meta_key key, const char *value)
{
    if (value && *value) {
        char *s = one_line(value);
        sk_build_meta(doc, key, s);
        free(s);
    }
}

static void front_matter(sk_doc *doc, const build *B)
{
    const sk_system *sys = B->sys;
    /* the document's identifier (cover, page headers, metadata): the system's code */
    if (sys->code && *sys->code) {
        char *id = sk_asprintf("%s 标准体系表", sys->code);
        meta(doc, SK_META_NUMBER, id);
        free(id);
    }
    char *title = sk_asprintf("%s表", sys->name);
    meta(doc, SK_META_TITLE, title);
    free(title);
    if (sys->name_en) {
        /* "Standard system for …" → "Standard system table for …" */
        const char *sst = "Standard system";
        char *en = !strncasecmp(sys->name_en, sst, strlen(sst))
                       ? sk_asprintf("Standard system table%s", sys->name_en + strlen(sst))
                       : sk_asprintf("%s: standard system table", sys->name_en);
        meta(doc, SK_META_TITLE_EN, en);
        free(en);
    }
    meta(doc, SK_META_STATUS, "current");
    meta(doc, SK_META_ISSUED, latest(B, SK_META_ISSUED));
    meta(doc, SK_META_EFFECTIVE, latest(B, SK_META_EFFECTIVE));
    meta(doc, SK_META_ISSUER, sys->issuer);
    meta(doc, SK_META_PROPOSER, sys->issuer);
    meta(doc, SK_META_OWNER, sys->issuer);
}

/* A paragraph: text, a reference to anchor, more text (anchor NULL: text alone). */
static sk_node *para(sk_node *parent, const char *before, const char *anchor, const char *after)
{
    sk_node *p = sk_build_block(parent, SK_N_PARA);
    sk_build_text(&p->in, before);
    if (anchor) {
        sk_build_ref(&p->in, anchor);
        sk_build_text(&p->in, after);
    }
    return p;
}

static void list_table(sk_node *sec, const build *B)
{
    sk_node *tab = sk_build_table(sec, "标准明细表", "tab-list", LIST_COLS, B->n + 1, 1, 0);
    /* nine columns: on a portrait page the names and notes wrap to three or four lines */
    tab->table->landscape = 1;
    for (int c = 0; c < LIST_COLS; c++)
        sk_build_text(&sk_build_cell(tab, 0, c)->in, list_head[c]);
    for (size_t i = 0; i < B->n; i++) {
        char *cells[LIST_COLS];
        row_cells(B, &B->v[i], cells);
        for (int c = 0; c < LIST_COLS; c++)
            put_text(&sk_build_cell(tab, i + 1, c)->in, cells[c]);
        free_cells(cells);
    }
}

/* The cells of a 统计表 row after its heading cells: 应有数, 现有数, their ratio. */
static void ratio(sk_node *tab, size_t r, int c, size_t have, int expected)
{
    if (expected > 0) {
        sk_build_textf(&sk_build_cell(tab, r, c)->in, "%d", expected);
        sk_build_textf(&sk_build_cell(tab, r, c + 1)->in, "%zu", have);
        sk_build_textf(&sk_build_cell(tab, r, c + 2)->in, "%.0f", 100.0 * (double)have / expected);
    } else {
        sk_build_text(&sk_build_cell(tab, r, c)->in, "—");
        sk_build_textf(&sk_build_cell(tab, r, c + 1)->in, "%zu", have);
        sk_build_text(&sk_build_cell(tab, r, c + 2)->in, "—");
    }
}

static size_t count_where(const build *B, int cat, int grp, int status)
{
    size_t n = 0;
    for (size_t i = 0; i < B->n; i++) {
        const ent *e = &B->v[i];
        if (cat != -2 && e->cat != cat)
            continue;
        if (grp != -2 && e->grp != grp)
            continue;
        if (status >= 0 ? (int)e->doc->meta->status != status : e->doc->meta->status == SK_STATUS_WITHDRAWN)
            continue;
        n++;
    }
    return n;
}

/* The 统计表's rows by level and by kind (GB/T 13016—2018: 国家、行业、地方、团体、企业;
 * 强制性、推荐性). */
static const char *const levels[] = { "国家标准", "行业标准", "地方标准", "团体标准", "企业标准" };
#define NLEVELS (sizeof levels / sizeof levels[0])
static const char *const kinds[] = { "强制性标准", "推荐性标准", "指导性技术文件" };
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* Standards in force or planned (not withdrawn) of a level (kind 0) or a kind (1). */
static size_t count_of(const build *B, const char *what, int kind)
{
    size_t n = 0;
    for (size_t i = 0; i < B->n; i++) {
        const ent *e = &B->v[i];
        if (e->doc->meta->status == SK_STATUS_WITHDRAWN || !e->number)
            continue;
        const char *v = kind ? kind_of(B->sys, e->number) : level_of(B->sys, e->number);
        n += v && !strcmp(v, what);
    }
    return n;
}

static void stats_table(sk_node *sec, const build *B)
{
    const sk_system *sys = B->sys;
    static const struct { int status; const char *name; } statuses[] = {
        { SK_STATUS_CURRENT, "现行" }, { SK_STATUS_DRAFT, "制定中" }, { SK_STATUS_WITHDRAWN, "废止" },
    };
    size_t ng = 0;
    for (size_t g = 0; g < sys->ngroups; g++)
        ng += count_where(B, -2, (int)g, -1) > 0;
    size_t nrows = 1 + sys->ncats + 1 + ng + 3 + NLEVELS + NKINDS;
    sk_node *tab = sk_build_table(sec, "标准统计表", "tab-stats", 5, nrows, 1, 1);
    static const char *const head[4] = { "统计项", "应有数（个）", "现有数（个）", "现有数/应有数（%）" };
    sk_build_text(&sk_build_cell(tab, 0, 0)->in, head[0]);
    sk_build_span(tab, 0, 0, 2, 1);
    for (int c = 1; c < 4; c++)
        sk_build_text(&sk_build_cell(tab, 0, c + 1)->in, head[c]);
    size_t r = 1;
    int expected = 0, all_stated = 1;
    for (size_t c = 0; c < sys->ncats; c++, r++) {
        if (!c) {
            sk_build_text(&sk_build_cell(tab, r, 0)->in, "按类别");
            sk_build_span(tab, r, 0, 1, (int)sys->ncats + 1);
        }
        put_text(&sk_build_cell(tab, r, 1)->in, sys->cats[c].name);
        ratio(tab, r, 2, count_where(B, (int)c, -2, -1), sys->cats[c].expected);
        expected += sys->cats[c].expected;
        all_stated &= sys->cats[c].expected > 0;
    }
    if (!sys->ncats)
        sk_build_text(&sk_build_cell(tab, r, 0)->in, "按类别");
    sk_build_text(&sk_build_cell(tab, r, 1)->in, "合计");
    ratio(tab, r, 2, count_where(B, -2, -2, -1), all_stated ? expected : 0);
    r++;
    for (size_t g = 0, k = 0; g < sys->ngroups; g++) {
        size_t have = count_where(B, -2, (int)g, -1);
        if (!have)
            continue;
        if (!k++) {
            sk_build_text(&sk_build_cell(tab, r, 0)->in, "按功能分组");
            sk_build_span(tab, r, 0, 1, (int)ng);
        }
        put_text(&sk_build_cell(tab, r, 1)->in, sys->groups[g].name);
        ratio(tab, r, 2, have, 0);
        r++;
    }
    for (size_t s = 0; s < 3; s++, r++) {
        if (!s) {
            sk_build_text(&sk_build_cell(tab, r, 0)->in, "按状态");
            sk_build_span(tab, r, 0, 1, 3);
        }
        sk_build_text(&sk_build_cell(tab, r, 1)->in, statuses[s].name);
        ratio(tab, r, 2, count_where(B, -2, -2, statuses[s].status), 0);
    }
    for (size_t l = 0; l < NLEVELS; l++, r++) {
        if (!l) {
            sk_build_text(&sk_build_cell(tab, r, 0)->in, "按级别");
            sk_build_span(tab, r, 0, 1, NLEVELS);
        }
        sk_build_text(&sk_build_cell(tab, r, 1)->in, levels[l]);
        ratio(tab, r, 2, count_of(B, levels[l], 0), 0);
    }
    for (size_t k = 0; k < NKINDS; k++, r++) {
        if (!k) {
            sk_build_text(&sk_build_cell(tab, r, 0)->in, "按性质");
            sk_build_span(tab, r, 0, 1, NKINDS);
        }
        sk_build_text(&sk_build_cell(tab, r, 1)->in, kinds[k]);
        ratio(tab, r, 2, count_of(B, kinds[k], 1), 0);
    }
    sk_build_text(&sk_build_block(tab, SK_N_NOTE)->in, "现有数不计已废止的标准；应有数取自system.yaml的expected。");
}

static int by_j(const void *pa, const void *pb)
{
    const cite *a = pa, *b = pb;
    return a->j < b->j ? -1 : a->j > b->j;
}

/* 标准间的引用关系: a matrix (rows the citing standards, columns the cited) while
 * at most SK_SYSDOC_XREF_MATRIX_MAX standards are cited, else a list of what each
 * citing standard cites: a matrix of more columns does not fit a page (Word opens
 * no table of more than 63 columns) and grows as the square of the system. */
static void xref_table(sk_node *sec, const build *B)
{
    size_t *col = sk_calloc(B->n + 1, sizeof *col); /* 1 + the column of a cited standard */
    size_t ncols = 0, nrows = 0;
    for (size_t i = 0; i < B->n; i++) {
        nrows += B->v[i].ncv > 0;
        for (size_t k = 0; k < B->v[i].ncv; k++)
            col[B->v[i].cv[k].j] = 1;
    }
    for (size_t j = 0; j < B->n; j++)
        if (col[j])
            col[j] = ++ncols;
    if (!ncols) {
        para(sec, "体系内的标准之间没有相互引用。", NULL, NULL);
        goto done;
    }
    int matrix = ncols <= SK_SYSDOC_XREF_MATRIX_MAX;
    sk_node *p = sk_build_block(sec, SK_N_PARA);
    sk_build_textf(&p->in, "体系内的标准之间共有%zu处引用，见", B->ncites);
    sk_build_ref(&p->in, "tab-xref");
    sk_build_text(&p->in, matrix ? "：行为引用的标准，列为被引用的标准，均以" : "：每行为一项引用其他标准的标准及其引用的标准，均以");
    sk_build_ref(&p->in, "tab-list");
    sk_build_text(&p->in, "的序号表示。");
    sk_node *tab = sk_build_table(sec, "标准间的引用关系", "tab-xref", matrix ? (int)ncols + 1 : 2, nrows + 1, 1, 0);
    sk_build_text(&sk_build_cell(tab, 0, 0)->in, "序号");
    if (matrix) {
        for (size_t r = 0; r <= nrows; r++)
            for (int c = 1; c <= (int)ncols; c++)
                sk_build_cell(tab, r, c)->align = 2; /* centred, as ":-:" */
        for (size_t j = 0; j < B->n; j++)
            if (col[j])
                sk_build_textf(&sk_build_cell(tab, 0, (int)col[j])->in, "%zu", B->v[j].row);
    } else {
        sk_build_text(&sk_build_cell(tab, 0, 1)->in, "引用的标准");
    }
    sk_buf b;
    sk_buf_init(&b);
    for (size_t i = 0, r = 1; i < B->n; i++) {
        const ent *e = &B->v[i];
        if (!e->ncv)
            continue;
        sk_build_textf(&sk_build_cell(tab, r, 0)->in, "%zu", e->row);
        if (matrix) {
            for (size_t k = 0; k < e->ncv; k++)
                sk_build_text(&sk_build_cell(tab, r, (int)col[e->cv[k].j])->in, e->cv[k].kind == 2 ? "●" : "○");
        } else {
            cite *sorted = sk_malloc(e->ncv * sizeof *sorted);
            memcpy(sorted, e->cv, e->ncv * sizeof *sorted);
            qsort(sorted, e->ncv, sizeof *sorted, by_j);
            sk_buf_clear(&b);
            for (size_t k = 0; k < e->ncv; k++)
                sk_buf_printf(&b, "%s%zu%s", k ? "、" : "", B->v[sorted[k].j].row, sorted[k].kind == 2 ? "●" : "○");
            sk_build_text(&sk_build_cell(tab, r, 1)->in, b.data);
            free(sorted);
        }
        r++;
    }
    sk_buf_free(&b);
    sk_build_text(&sk_build_block(tab, SK_N_NOTE)->in, "●表示规范性引用（列入被引用标准的第2章），○表示资料性引用。");
    /* what the matrix leaves out, said: a standard nobody cites has no column, one that
     * cites none no row */
    if (matrix && (ncols < B->n || nrows < B->n)) {
        int *cited = sk_calloc(B->n ? B->n : 1, sizeof *cited), *citing = sk_calloc(B->n ? B->n : 1, sizeof *citing);
        for (size_t i = 0; i < B->n; i++) {
            citing[i] = B->v[i].ncv > 0;
            for (size_t k = 0; k < B->v[i].ncv; k++)
                cited[B->v[i].cv[k].j] = 1;
        }
        sk_buf b;
        sk_buf_init(&b);
        sk_buf_puts(&b, "表中只列引用或被引用的标准");
        for (int pass = 0; pass < 2; pass++) {
            const int *in = pass ? citing : cited;
            size_t k = 0;
            for (size_t j = 0; j < B->n; j++)
                if (!in[j])
                    sk_buf_printf(&b, "%s%zu", k++ ? "、" : pass && ncols < B->n ? "，序号" : "：序号", B->v[j].row);
            if (k)
                sk_buf_puts(&b, pass ? "的标准不引用体系内的其他标准（无行）" : "的标准未被体系内的其他标准引用（无列）");
        }
        sk_buf_puts(&b, "。");
        sk_build_text(&sk_build_block(tab, SK_N_NOTE)->in, b.data);
        sk_buf_free(&b);
        free(cited);
        free(citing);
    }
done:
    free(col);
}

static void notes_annex(sk_doc *doc, const build *B, int drawn)
{
    const sk_system *sys = B->sys;
    sk_node *a = sk_build_annex(doc, "A", SK_ANNEX_INFORMATIVE, "编制说明", "annex-notes");
    para(sk_build_section(a, SK_S_CLAUSE, "编制依据", NULL),
         "本体系表按照GB/T 13016—2018和GB/T 13017—2018编制。标准体系结构图、标准明细表、标准统计表和标准间的引用关系由"
         "stdkit根据体系的system.yaml和各项标准的文本生成，与标准文本一致。",
         NULL, NULL);
    sk_node *s = sk_build_section(a, SK_S_CLAUSE, "体系结构", NULL);
    sk_node *p = sk_build_block(s, SK_N_PARA);
    put_text(&p->in, sys->name);
    if (sys->ncats)
        sk_build_textf(&p->in, "分为%zu类：", sys->ncats);
    else /* a single-sequence series: its numbers carry no category */
        sk_build_textf(&p->in, "的标准不分类，按顺序号编为一个序列，现有%zu项。", count_where(B, -2, -2, -1));
    sk_node *list = sys->ncats ? sk_build_list(s, 0) : NULL;
    for (size_t c = 0; c < sys->ncats; c++) {
        sk_inlines *l = &sk_build_item(list)->in;
        put_text(l, sys->cats[c].name);
        if (sys->cats[c].description && *sys->cats[c].description) {
            sk_build_text(l, "（");
            put_text(l, sys->cats[c].description);
            sk_build_text(l, "）");
        }
        sk_build_textf(l, "，方框编号%d", B->catbox[c]);
        if (sys->cats[c].expected)
            sk_build_textf(l, "，应有%d项", sys->cats[c].expected);
        sk_build_textf(l, "，现有%zu项%s", count_where(B, (int)c, -2, -1), c + 1 < sys->ncats ? "；" : "。");
    }
    if (sys->ngroups) {
        p = sk_build_block(s, SK_N_PARA);
        sk_build_text(&p->in, "各类标准按功能分为");
        for (size_t g = 0; g < sys->ngroups; g++) {
            sk_build_text(&p->in, g ? "、" : "");
            put_text(&p->in, sys->groups[g].name);
        }
        sk_build_textf(&p->in, "%zu个分组，分组的方框编号为所在类别的方框编号加分组的顺序号。", sys->ngroups);
    }
    sk_build_textf(&sk_build_block(s, SK_N_PARA)->in, "结构图%s。", drawn ? "由Graphviz绘制" : "以表格表示");
    sk_build_textf(&sk_build_block(sk_build_section(a, SK_S_CLAUSE, "现状", NULL), SK_N_PARA)->in,
                   "体系现有标准%zu项，其中现行%zu项、制定中%zu项，已废止%zu项；体系内的标准之间共有%zu处引用。",
                   count_where(B, -2, -2, -1), count_where(B, -2, -2, SK_STATUS_CURRENT),
                   count_where(B, -2, -2, SK_STATUS_DRAFT), count_where(B, -2, -2, SK_STATUS_WITHDRAWN), B->ncites);
    para(sk_build_section(a, SK_S_CLAUSE, "维护", NULL), "标准制定、修订或废止后，本体系表随之更新。", NULL, NULL);
}

/* The 标准体系表 as a model, built in code: the tree the writers print, its
 * numbers and references resolved by the same passes as any standard's. */
static sk_doc *make_doc(const build *B, const char *path, int drawn)
{
    const sk_system *sys = B->sys;
    sk_doc *doc = sk_build_doc(path);
    sk_node *root = doc->root;
    front_matter(doc, B);
    sk_node *s = sk_build_section(root, SK_S_FOREWORD, "前言", NULL);
    para(s, "本文件按照GB/T 13017—2018《企业标准体系表编制指南》给出的格式编制。", NULL, NULL);
    if (sys->issuer) {
        sk_node *p = sk_build_block(s, SK_N_PARA);
        sk_build_text(&p->in, "本文件由");
        put_text(&p->in, sys->issuer);
        sk_build_text(&p->in, "提出并归口。");
    }
    s = sk_build_section(root, SK_S_SCOPE, "范围", NULL);
    sk_node *p = sk_build_block(s, SK_N_PARA);
    sk_build_text(&p->in, "本文件给出了");
    put_text(&p->in, sys->name);
    sk_build_text(&p->in, "的标准体系结构图、标准明细表、标准统计表和标准间的引用关系，编制说明见");
    sk_build_ref(&p->in, "annex-notes");
    sk_build_text(&p->in, "。");
    p = sk_build_block(s, SK_N_PARA);
    sk_build_text(&p->in, "本文件适用于");
    put_text(&p->in, sys->name);
    sk_build_text(&p->in, "的建设、实施、评价和维护。");
    s = sk_build_section(root, SK_S_NORMREF, "规范性引用文件", NULL);
    para(s, "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本"
            "适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。",
         NULL, NULL);
    sk_node *list = sk_build_list(s, 0);
    sk_build_text(&sk_build_item(list)->in, "GB/T 13016—2018" U3000 "标准体系构建原则和要求");
    sk_build_text(&sk_build_item(list)->in, "GB/T 13017—2018" U3000 "企业标准体系表编制指南");
    s = sk_build_section(root, SK_S_TERMS, "术语和定义", NULL);
    para(s, "GB/T 13016—2018界定的术语和定义适用于本文件。", NULL, NULL);
    s = sk_build_section(root, SK_S_CHAPTER, "标准体系结构图", NULL);
    p = sk_build_block(s, SK_N_PARA);
    put_text(&p->in, sys->name);
    sk_build_text(&p->in, "的结构见");
    sk_build_ref(&p->in, drawn ? "fig-structure" : "tab-structure");
    sk_build_text(&p->in, drawn ? "。方框中的数字是方框编号；标准的体系表编号由其所在方框的编号和方框内的顺序号组成。"
                                : "。类别和分组前的数字是方框编号；标准的体系表编号由其所在方框的编号和方框内的顺序号组成。");
    if (drawn)
        sk_build_figure(s, "标准体系结构图", "structure.png", "fig-structure");
    else
        structure_table(s, B);
    s = sk_build_section(root, SK_S_CHAPTER, "标准明细表", NULL);
    p = sk_build_block(s, SK_N_PARA);
    sk_build_textf(&p->in, "体系的%zu项标准见", B->n);
    sk_build_ref(&p->in, "tab-list");
    sk_build_text(&p->in, "。");
    list_table(s, B);
    s = sk_build_section(root, SK_S_CHAPTER, "标准统计表", NULL);
    para(s, "标准的数量见", "tab-stats", "。");
    stats_table(s, B);
    s = sk_build_section(root, SK_S_CHAPTER, "标准间的引用关系", NULL);
    xref_table(s, B);
    notes_annex(doc, B, drawn);
    return doc;
}

static char *make_csv(const build *B)
{
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, "\xEF\xBB\xBF"); /* a BOM: spreadsheet programs then read UTF-8 */
    for (int c = 0; c < LIST_COLS; c++)
        put_csv(&b, list_head[c], c == LIST_COLS - 1);
    for (size_t i = 0; i < B->n; i++) {
        char *cells[LIST_COLS];
        row_cells(B, &B->v[i], cells);
        for (int c = 0; c < LIST_COLS; c++)
            put_csv(&b, cells[c], c == LIST_COLS - 1);
        free_cells(cells);
    }
    return sk_buf_detach(&b);
}

/* Column widths the content would not give (fractions of the text width): the
 * first nfixed columns as given, the rest sharing what is left. */
static void set_widths(sk_doc *doc, const char *id, const double *fixed, int nfixed)
{
    sk_node *n = sk_map_get(&doc->anchors, id);
    if (!n || !n->table || n->table->ncols < nfixed)
        return;
    sk_table *t = n->table;
    if (!t->width)
        t->width = sk_calloc((size_t)t->ncols, sizeof *t->width);
    double left = 1.0;
    for (int c = 0; c < nfixed; c++)
        left -= fixed[c];
    for (int c = 0; c < t->ncols; c++)
        t->width[c] = c < nfixed ? fixed[c] : left / (t->ncols - nfixed);
}

/* ---------- building ---------- */

char *sk_sysdoc_name(const sk_sysdoc *s, const char *what, const char *ext)
{
    return *s->stem ? sk_asprintf("%s-%s.%s", s->stem, what, ext) : sk_asprintf("%s.%s", what, ext);
}

static void warn_at(sk_sysdoc_warn warn, void *ctx, const char *file, const char *msg)
{
    sk_err e;
    sk_err_clear(&e);
    sk_err_at(&e, file, 0, 0, "%s", msg);
    if (warn)
        warn(ctx, &e);
}

void sk_sysdoc_free(sk_sysdoc *s)
{
    if (!s)
        return;
    if (s->doc)
        sk_doc_free(s->doc);
    sk_assets_free(&s->assets);
    free(s->dot);
    free(s->csv);
    free(s->png);
    free(s->stem);
    free(s);
}

/* What the system documents need of a standard: its front matter and the numbers
 * it cites. The tree, anchors and text are freed at once, so that a system of
 * 10,000 standards never holds 10,000 models. */
static void slim_doc(sk_doc *doc)
{
    sk_node_free(doc->root);
    doc->root = NULL;
    sk_map_free(&doc->anchors);
    sk_map_init(&doc->anchors);
    sk_vec_free(&doc->refs);
    sk_vec_free(&doc->forms);
    for (size_t i = 0; i < doc->stdrefs.len; i++)
        ((sk_stdref *)doc->stdrefs.items[i])->block = NULL;
    sk_source_free(doc->src);
    doc->src = NULL;
}

int sk_sysdoc_build(sk_sysdoc **out, const sk_system *sys, const char *const *files, size_t n, int draw_it,
                    sk_sysdoc_warn warn, void *ctx, sk_err *err)
{
    build B = { .sys = sys };
    sk_sysdoc *s = sk_calloc(1, sizeof *s);
    int rc = -1;
    B.v = sk_calloc(n + 1, sizeof *B.v);
    for (size_t i = 0; i < n; i++) {
        sk_diags d;
        sk_source *src = NULL;
        sk_doc *doc = NULL;
        sk_err e;
        sk_diag_init(&d);
        sk_err_clear(&e);
        int lr = sk_source_read(&src, files[i], &d, &e);
        if (lr <= 0 || sk_model_build(&doc, src, 0, &d, &e) < 0) {
            sk_source_free(src);
            warn_at(warn, ctx, files[i],
                    lr < 0 ? e.msg : "cannot be read as a standard; left out of the system documents");
            sk_diag_free(&d);
            continue;
        }
        sk_diag_free(&d);
        ent *en = &B.v[B.n++];
        en->path = sk_strdup(src->path);
        slim_doc(doc);
        en->doc = doc;
        en->number = sk_meta_get(doc->meta, NUMBER) ? sk_meta_get(doc->meta, NUMBER) : "";
        en->title = sk_meta_get(doc->meta, TITLE);
        en->cat = index_of_cat(sys, sk_meta_get(doc->meta, CATEGORY));
        en->grp = en->cat < 0 ? -1 : index_of_group(sys, sk_meta_get(doc->meta, GROUP));
    }
    if (!B.n) {
        sk_err_at(err, sys->path, 0, 0, "no standard of the system could be read");
        goto done;
    }
    number_rows(&B);
    find_citations(&B);
    s->standards = B.n;
    s->stem = sk_strdup(sys->code ? sys->code : "");
    s->dot = make_dot(&B);
    s->csv = make_csv(&B);
    if (draw_it)
        s->png = draw(s->dot, &s->png_len, warn, ctx);
    /* the 体系表 as a standard beside system.yaml, built in code and finished by
     * the passes every model goes through */
    char *name = sk_sysdoc_name(s, "标准体系表", "md");
    char *path = sk_fs_join(sys->dir ? sys->dir : ".", name);
    free(name);
    s->doc = make_doc(&B, path, s->png != NULL);
    free(path);
    sk_diags d;
    sk_diag_init(&d);
    sk_model_finish(s->doc, 0, &d);
    sk_diag_free(&d);
    static const double xref_w[1] = { 0.06 };
    set_widths(s->doc, "tab-xref", xref_w, 1);
    if (s->png) {
        sk_node *fig = sk_map_get(&s->doc->anchors, "fig-structure");
        s->assets.v = sk_calloc(1, sizeof *s->assets.v);
        sk_asset *a = &s->assets.v[0];
        a->fig = fig;
        a->path = sk_strdup("structure.png");
        a->data = sk_malloc(s->png_len);
        memcpy(a->data, s->png, s->png_len);
        a->len = s->png_len;
        a->index = 1;
        if (sk_image_probe(&a->info, a->data, a->len, err) < 0) /* draw probed it: it cannot fail here */
            goto done;
        s->assets.n = 1;
    }
    *out = s;
    s = NULL;
    rc = 0;
done:
    for (size_t i = 0; i < B.n; i++) {
        free(B.v[i].tabnum);
        free(B.v[i].path);
        free(B.v[i].cv);
        sk_doc_free(B.v[i].doc);
    }

    free(B.v);
    free(B.catbox);
    sk_sysdoc_free(s);
    return rc;
}
