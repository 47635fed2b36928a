#include "run/sysdoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/fs.h"
#include "model/model.h"
#include "base/proc.h"

#define U3000 "\xE3\x80\x80"
#define DEFAULT_TABLE_NUMBER "{box}-{seq:2}"
#define DOT_FONT "Noto Sans CJK SC"

/* One standard of the system, as the documents list it. */
typedef struct ent {
    sk_doc *doc;
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
    char **cites;         /* cites[i][j]: 0, 1 informative, 2 normative */
    size_t ncites;        /* citations between standards */
} build;

/* ---------- text helpers ---------- */

char *sk_sysdoc_md_escape(const char *text)
{
    sk_buf b;
    sk_buf_init(&b);
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '\n' || *p == '\r') {
            sk_buf_putc(&b, ' ');
            continue;
        }
        if (strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", *p))
            sk_buf_putc(&b, '\\');
        sk_buf_putc(&b, *p);
    }
    return sk_buf_detach(&b);
}

static void put_md(sk_buf *b, const char *text)
{
    char *e = sk_sysdoc_md_escape(text);
    sk_buf_puts(b, e);
    free(e);
}

/* Text inside an HTML table cell. */
static void put_html(sk_buf *b, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '<')
            sk_buf_puts(b, "&lt;");
        else if (*p == '>')
            sk_buf_puts(b, "&gt;");
        else if (*p == '&')
            sk_buf_puts(b, "&amp;");
        else if (*p == '\n' || *p == '\r')
            sk_buf_putc(b, ' ');
        else
            sk_buf_putc(b, *p);
    }
}

/* A YAML double-quoted scalar. */
static void put_yaml(sk_buf *b, const char *key, const char *value)
{
    if (!value || !*value)
        return;
    sk_buf_printf(b, "%s: \"", key);
    for (const char *p = value; *p; p++) {
        if (*p == '"' || *p == '\\')
            sk_buf_putc(b, '\\');
        if (*p == '\n' || *p == '\r')
            sk_buf_putc(b, ' ');
        else
            sk_buf_putc(b, *p);
    }
    sk_buf_puts(b, "\"\n");
}

static void put_dot(sk_buf *b, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '"' || *p == '\\')
            sk_buf_putc(b, '\\');
        sk_buf_putc(b, *p == '\n' ? ' ' : *p);
    }
}

static void put_csv(sk_buf *b, const char *text, int last)
{
    const char *t = text ? text : "";
    if (strpbrk(t, ",\"\r\n")) {
        sk_buf_putc(b, '"');
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
    return c ? c : strcmp(a->doc->src->path, b->doc->src->path);
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

static void find_citations(build *B)
{
    B->cites = sk_calloc(B->n + 1, sizeof *B->cites);
    for (size_t i = 0; i < B->n; i++) {
        B->cites[i] = sk_calloc(B->n + 1, 1);
        const sk_vec *refs = &B->v[i].doc->stdrefs;
        for (size_t r = 0; r < refs->len; r++) {
            const sk_stdref *sr = refs->items[r];
            for (size_t j = 0; j < B->n; j++) {
                const char *num = B->v[j].number;
                int hit = sr->year >= 0 ? !strcmp(sr->number, num)
                                        : sr->code && strlen(sr->code) == code_len(num) && !strncmp(sr->code, num, code_len(num));
                if (!hit || j == i)
                    continue;
                char kind = sr->in_normref || sr->normative ? 2 : 1;
                if (!B->cites[i][j])
                    B->ncites++;
                if (kind > B->cites[i][j])
                    B->cites[i][j] = kind;
            }
        }
    }
}

/* 宜定级别 from the number. */
static const char *level_of(const sk_system *sys, const char *number)
{
    static const struct { const char *prefix, *level; } levels[] = {
        { "GB", "国家标准" }, { "DB", "地方标准" }, { "T/", "团体标准" }, { "Q/", "企业标准" },
    };
    if (sys->code && *sys->code && sk_str_starts_with(number, sys->code))
        return sys->level ? sys->level : "—";
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
        if (sk_str_starts_with(number, levels[i].prefix))
            return levels[i].level;
    if (number[0] >= 'A' && number[0] <= 'Z' && number[1] >= 'A' && number[1] <= 'Z' &&
        (number[2] == '/' || number[2] == ' '))
        return "行业标准";
    return "—";
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

static char *replaces_of(const ent *e)
{
    const sk_strlist *l = &e->doc->meta->list[SK_META_REPLACES];
    sk_buf b;
    sk_buf_init(&b);
    for (size_t i = 0; i < l->n; i++)
        sk_buf_printf(&b, "%s%s", i ? "、" : "", l->v[i]);
    if (!b.len)
        sk_buf_puts(&b, "—");
    return sk_buf_detach(&b);
}

/* The eight columns of a 明细表 row. Free with free_cells. */
static void row_cells(const build *B, const ent *e, char *cells[8])
{
    cells[0] = sk_asprintf("%zu", e->row);
    cells[1] = sk_strdup(e->tabnum);
    cells[2] = sk_strdup(or_dash(e->title));
    cells[3] = sk_strdup(or_dash(e->number));
    cells[4] = sk_strdup(level_of(B->sys, e->number));
    cells[5] = sk_strdup(or_dash(sk_meta_get(e->doc->meta, EFFECTIVE)));
    cells[6] = replaces_of(e);
    cells[7] = status_of(e);
}

static void free_cells(char *cells[8])
{
    for (int i = 0; i < 8; i++)
        free(cells[i]);
}

static const char *const list_head[8] = { "序号", "体系表编号", "标准名称", "标准编号", "宜定级别", "实施日期", "代替",
                                          "状态/备注" };

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
static void structure_table(sk_buf *b, const build *B)
{
    const sk_system *sys = B->sys;
    sk_buf_puts(b, "表：标准体系结构 {#tab-structure}\n\n<table>\n<tr><th>标准体系</th><th>类别</th><th>分组</th>"
                   "<th>体系表编号</th><th>标准名称</th></tr>\n");
    size_t placed = 0;
    for (size_t i = 0; i < B->n; i++) {
        const ent *e = &B->v[i];
        if (e->cat < 0)
            continue;
        sk_buf_puts(b, "<tr>");
        if (!placed++) {
            size_t rows = 0;
            for (size_t k = 0; k < B->n; k++)
                rows += B->v[k].cat >= 0;
            sk_buf_printf(b, "<td rowspan=\"%zu\">", rows);
            put_html(b, sys->name);
            sk_buf_puts(b, "</td>");
        }
        if (!i || B->v[i - 1].cat != e->cat) {
            size_t rows = 0;
            for (size_t k = i; k < B->n && B->v[k].cat == e->cat; k++)
                rows++;
            sk_buf_printf(b, "<td rowspan=\"%zu\">%d ", rows, B->catbox[e->cat]);
            put_html(b, sys->cats[e->cat].name);
            sk_buf_puts(b, "</td>");
        }
        if (!i || B->v[i - 1].cat != e->cat || B->v[i - 1].grp != e->grp) {
            size_t rows = 0;
            for (size_t k = i; k < B->n && B->v[k].cat == e->cat && B->v[k].grp == e->grp; k++)
                rows++;
            sk_buf_printf(b, "<td rowspan=\"%zu\">", rows);
            if (e->grp >= 0) {
                sk_buf_printf(b, "%d ", e->box);
                put_html(b, sys->groups[e->grp].name);
            } else {
                sk_buf_puts(b, "—");
            }
            sk_buf_puts(b, "</td>");
        }
        sk_buf_puts(b, "<td>");
        put_html(b, e->tabnum);
        sk_buf_puts(b, "</td><td>");
        put_html(b, e->title);
        sk_buf_puts(b, "</td></tr>\n");
    }
    sk_buf_puts(b, "</table>\n\n");
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

static void front_matter(sk_buf *b, const build *B)
{
    const sk_system *sys = B->sys;
    sk_buf_puts(b, "---\n");
    /* the document's identifier (cover, page headers, metadata): the system's code */
    if (sys->code && *sys->code) {
        char *id = sk_asprintf("%s 标准体系表", sys->code);
        put_yaml(b, "number", id);
        free(id);
    }
    char *title = sk_asprintf("%s表", sys->name);
    put_yaml(b, "title", title);
    free(title);
    if (sys->name_en) {
        /* "Standard system for …" → "Standard system table for …" */
        const char *sst = "Standard system";
        char *en = !strncasecmp(sys->name_en, sst, strlen(sst))
                       ? sk_asprintf("Standard system table%s", sys->name_en + strlen(sst))
                       : sk_asprintf("%s: standard system table", sys->name_en);
        put_yaml(b, "title_en", en);
        free(en);
    }
    put_yaml(b, "status", "current");
    put_yaml(b, "issued", latest(B, SK_META_ISSUED));
    put_yaml(b, "effective", latest(B, SK_META_EFFECTIVE));
    put_yaml(b, "issuer", sys->issuer);
    put_yaml(b, "proposer", sys->issuer);
    put_yaml(b, "owner", sys->issuer);
    sk_buf_puts(b, "---\n\n");
}

static void list_table(sk_buf *b, const build *B)
{
    sk_buf_puts(b, "表：标准明细表 {#tab-list}\n\n|");
    for (int c = 0; c < 8; c++)
        sk_buf_printf(b, " %s |", list_head[c]);
    sk_buf_puts(b, "\n|");
    for (int c = 0; c < 8; c++)
        sk_buf_puts(b, "---|");
    sk_buf_puts(b, "\n");
    for (size_t i = 0; i < B->n; i++) {
        char *cells[8];
        row_cells(B, &B->v[i], cells);
        sk_buf_puts(b, "|");
        for (int c = 0; c < 8; c++) {
            sk_buf_putc(b, ' ');
            put_md(b, cells[c]);
            sk_buf_puts(b, " |");
        }
        sk_buf_puts(b, "\n");
        free_cells(cells);
    }
    sk_buf_puts(b, "\n");
}

static void ratio(sk_buf *b, size_t have, int expected)
{
    if (expected > 0)
        sk_buf_printf(b, "<td>%d</td><td>%zu</td><td>%.0f</td>", expected, have, 100.0 * (double)have / expected);
    else
        sk_buf_printf(b, "<td>—</td><td>%zu</td><td>—</td>", have);
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

static void stats_table(sk_buf *b, const build *B)
{
    const sk_system *sys = B->sys;
    static const struct { int status; const char *name; } statuses[] = {
        { SK_STATUS_CURRENT, "现行" }, { SK_STATUS_DRAFT, "制定中" }, { SK_STATUS_WITHDRAWN, "废止" },
    };
    sk_buf_puts(b, "表：标准统计表 {#tab-stats}\n\n<table>\n<tr><th colspan=\"2\">统计项</th><th>应有数（个）</th>"
                   "<th>现有数（个）</th><th>现有数/应有数（%）</th></tr>\n");
    int expected = 0, all_stated = 1;
    for (size_t c = 0; c < sys->ncats; c++) {
        sk_buf_puts(b, "<tr>");
        if (!c)
            sk_buf_printf(b, "<td rowspan=\"%zu\">按类别</td>", sys->ncats + 1);
        sk_buf_puts(b, "<td>");
        put_html(b, sys->cats[c].name);
        sk_buf_puts(b, "</td>");
        ratio(b, count_where(B, (int)c, -2, -1), sys->cats[c].expected);
        sk_buf_puts(b, "</tr>\n");
        expected += sys->cats[c].expected;
        all_stated &= sys->cats[c].expected > 0;
    }
    sk_buf_puts(b, "<tr>");
    if (!sys->ncats)
        sk_buf_puts(b, "<td>按类别</td>");
    sk_buf_puts(b, "<td>合计</td>");
    ratio(b, count_where(B, -2, -2, -1), all_stated ? expected : 0);
    sk_buf_puts(b, "</tr>\n");
    size_t ng = 0;
    for (size_t g = 0; g < sys->ngroups; g++)
        ng += count_where(B, -2, (int)g, -1) > 0;
    for (size_t g = 0, k = 0; g < sys->ngroups; g++) {
        size_t have = count_where(B, -2, (int)g, -1);
        if (!have)
            continue;
        sk_buf_puts(b, "<tr>");
        if (!k++)
            sk_buf_printf(b, "<td rowspan=\"%zu\">按功能分组</td>", ng);
        sk_buf_puts(b, "<td>");
        put_html(b, sys->groups[g].name);
        sk_buf_puts(b, "</td>");
        ratio(b, have, 0);
        sk_buf_puts(b, "</tr>\n");
    }
    for (size_t s = 0; s < 3; s++) {
        sk_buf_puts(b, "<tr>");
        if (!s)
            sk_buf_puts(b, "<td rowspan=\"3\">按状态</td>");
        sk_buf_printf(b, "<td>%s</td>", statuses[s].name);
        ratio(b, count_where(B, -2, -2, statuses[s].status), 0);
        sk_buf_puts(b, "</tr>\n");
    }
    sk_buf_puts(b, "</table>\n\n注：现有数不计已废止的标准；应有数取自system.yaml的expected。\n\n");
}

static void xref_table(sk_buf *b, const build *B)
{
    int *cited = sk_calloc(B->n + 1, sizeof *cited), *citing = sk_calloc(B->n + 1, sizeof *citing);
    size_t ncols = 0;
    for (size_t i = 0; i < B->n; i++)
        for (size_t j = 0; j < B->n; j++)
            if (B->cites[i][j]) {
                citing[i] = 1;
                cited[j] = 1;
            }
    for (size_t j = 0; j < B->n; j++)
        ncols += cited[j];
    if (!ncols) {
        sk_buf_puts(b, "体系内的标准之间没有相互引用。\n\n");
        goto done;
    }
    sk_buf_printf(b, "体系内的标准之间共有%zu处引用，见[](#tab-xref)：行为引用的标准，列为被引用的标准，均以[](#tab-list)的序号"
                     "表示。\n\n表：标准间的引用关系 {#tab-xref}\n\n| 序号 |", B->ncites);
    for (size_t j = 0; j < B->n; j++)
        if (cited[j])
            sk_buf_printf(b, " %zu |", B->v[j].row);
    sk_buf_puts(b, "\n|---|");
    for (size_t j = 0; j < ncols; j++)
        sk_buf_puts(b, ":-:|");
    sk_buf_puts(b, "\n");
    for (size_t i = 0; i < B->n; i++) {
        if (!citing[i])
            continue;
        sk_buf_printf(b, "| %zu |", B->v[i].row);
        for (size_t j = 0; j < B->n; j++)
            if (cited[j])
                sk_buf_puts(b, B->cites[i][j] == 2 ? " ● |" : B->cites[i][j] ? " ○ |" : "  |");
        sk_buf_puts(b, "\n");
    }
    sk_buf_puts(b, "\n注：●表示规范性引用（列入被引用标准的第2章），○表示资料性引用。\n\n");
done:
    free(cited);
    free(citing);
}

static void notes_annex(sk_buf *b, const build *B, int drawn)
{
    const sk_system *sys = B->sys;
    sk_buf_puts(b, "# 附录A（资料性）编制说明 {#annex-notes}\n\n## 编制依据\n\n本体系表按照GB/T 13016—2018和GB/T 13017—2018编制。"
                   "标准体系结构图、标准明细表、标准统计表和标准间的引用关系由stdkit根据体系的system.yaml和各项标准的文本生成，"
                   "与标准文本一致。\n\n## 体系结构\n\n");
    put_md(b, sys->name);
    sk_buf_printf(b, "分为%zu类：\n\n", sys->ncats);
    for (size_t c = 0; c < sys->ncats; c++) {
        sk_buf_puts(b, "- ");
        put_md(b, sys->cats[c].name);
        if (sys->cats[c].description && *sys->cats[c].description) {
            sk_buf_puts(b, "（");
            put_md(b, sys->cats[c].description);
            sk_buf_puts(b, "）");
        }
        sk_buf_printf(b, "，方框编号%d", B->catbox[c]);
        if (sys->cats[c].expected)
            sk_buf_printf(b, "，应有%d项", sys->cats[c].expected);
        sk_buf_printf(b, "，现有%zu项%s\n", count_where(B, (int)c, -2, -1), c + 1 < sys->ncats ? "；" : "。");
    }
    if (sys->ngroups) {
        sk_buf_puts(b, "\n各类标准按功能分为");
        for (size_t g = 0; g < sys->ngroups; g++) {
            sk_buf_puts(b, g ? "、" : "");
            put_md(b, sys->groups[g].name);
        }
        sk_buf_printf(b, "%zu个分组，分组的方框编号为所在类别的方框编号加分组的顺序号。", sys->ngroups);
    }
    sk_buf_printf(b, "\n\n结构图%s。\n\n## 现状\n\n体系现有标准%zu项，其中现行%zu项、制定中%zu项，已废止%zu项；"
                     "体系内的标准之间共有%zu处引用。\n\n## 维护\n\n标准制定、修订或废止后，本体系表随之更新。\n",
                  drawn ? "由Graphviz绘制" : "以表格表示", count_where(B, -2, -2, -1),
                  count_where(B, -2, -2, SK_STATUS_CURRENT), count_where(B, -2, -2, SK_STATUS_DRAFT),
                  count_where(B, -2, -2, SK_STATUS_WITHDRAWN), B->ncites);
}

static char *make_md(const build *B, int drawn)
{
    const sk_system *sys = B->sys;
    sk_buf b;
    sk_buf_init(&b);
    front_matter(&b, B);
    sk_buf_puts(&b, "# 前言\n\n本文件按照GB/T 13017—2018《企业标准体系表编制指南》给出的格式编制。\n\n");
    if (sys->issuer) {
        sk_buf_puts(&b, "本文件由");
        put_md(&b, sys->issuer);
        sk_buf_puts(&b, "提出并归口。\n\n");
    }
    sk_buf_puts(&b, "# 范围\n\n本文件给出了");
    put_md(&b, sys->name);
    sk_buf_puts(&b, "的标准体系结构图、标准明细表、标准统计表和标准间的引用关系，编制说明见[](#annex-notes)。\n\n本文件适用于");
    put_md(&b, sys->name);
    sk_buf_puts(&b, "的建设、实施、评价和维护。\n\n# 规范性引用文件\n\n"
                    "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；"
                    "不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。\n\n"
                    "- GB/T 13016—2018" U3000 "标准体系构建原则和要求\n- GB/T 13017—2018" U3000 "企业标准体系表编制指南\n\n"
                    "# 术语和定义\n\nGB/T 13016—2018界定的术语和定义适用于本文件。\n\n# 标准体系结构图\n\n");
    put_md(&b, sys->name);
    if (drawn)
        sk_buf_puts(&b, "的结构见[](#fig-structure)。方框中的数字是方框编号；标准的体系表编号由其所在方框的编号和方框内的顺序号组成。\n\n"
                        "![标准体系结构图](structure.png){#fig-structure}\n\n");
    else
        sk_buf_puts(&b, "的结构见[](#tab-structure)。类别和分组前的数字是方框编号；标准的体系表编号由其所在方框的编号和方框内的顺序号组成。\n\n");
    if (!drawn)
        structure_table(&b, B);
    sk_buf_printf(&b, "# 标准明细表\n\n体系的%zu项标准见[](#tab-list)。\n\n", B->n);
    list_table(&b, B);
    sk_buf_puts(&b, "# 标准统计表\n\n标准的数量见[](#tab-stats)。\n\n");
    stats_table(&b, B);
    sk_buf_puts(&b, "# 标准间的引用关系\n\n");
    xref_table(&b, B);
    notes_annex(&b, B, drawn);
    return sk_buf_detach(&b);
}

static char *make_csv(const build *B)
{
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, "\xEF\xBB\xBF"); /* a BOM: spreadsheet programs then read UTF-8 */
    for (int c = 0; c < 8; c++)
        put_csv(&b, list_head[c], c == 7);
    for (size_t i = 0; i < B->n; i++) {
        char *cells[8];
        row_cells(B, &B->v[i], cells);
        for (int c = 0; c < 8; c++)
            put_csv(&b, cells[c], c == 7);
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
    free(s->md);
    free(s->dot);
    free(s->csv);
    free(s->png);
    free(s->stem);
    free(s);
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
        int lr = sk_source_load(&src, files[i], &d, &e);
        if (lr != 0 || sk_model_build(&doc, src, 0, &d, &e) < 0) {
            sk_source_free(src);
            warn_at(warn, ctx, files[i],
                    lr == SK_EIO ? e.msg : "cannot be read as a standard; left out of the system documents");
            sk_diag_free(&d);
            continue;
        }
        sk_diag_free(&d);
        ent *en = &B.v[B.n++];
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
    s->md = make_md(&B, s->png != NULL);

    /* the source, parsed as a standard beside system.yaml */
    sk_diags d;
    sk_source *src = NULL;
    sk_diag_init(&d);
    char *name = sk_sysdoc_name(s, "标准体系表", "md");
    char *path = sk_fs_join(sys->dir ? sys->dir : ".", name);
    free(name);
    int ok = sk_source_from_mem(&src, path, s->md, strlen(s->md), &d) == 0 && sk_model_build(&s->doc, src, 0, &d, err) == 0;
    if (!ok)
        sk_source_free(src);
    free(path);
    sk_diag_free(&d);
    if (!ok) {
        sk_err_set(err, "the system documents could not be built (an internal error)");
        goto done;
    }
    static const double list_w[8] = { 0.05, 0.08, 0.26, 0.16, 0.14, 0.11, 0.08, 0.12 };
    static const double xref_w[1] = { 0.06 };
    set_widths(s->doc, "tab-list", list_w, 8);
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
        sk_image_probe(&a->info, a->data, a->len, err);
        s->assets.n = 1;
    }
    *out = s;
    s = NULL;
    rc = 0;
done:
    for (size_t i = 0; i < B.n; i++) {
        free(B.v[i].tabnum);
        sk_doc_free(B.v[i].doc);
    }
    for (size_t i = 0; B.cites && i < B.n; i++)
        free(B.cites[i]);
    free(B.cites);
    free(B.v);
    free(B.catbox);
    sk_sysdoc_free(s);
    return rc;
}
