#include "layout/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/display.h"
#include "layout/grid.h"
#include "layout/index.h"
#include "layout/labels.h"

#define U3000 "\xE3\x80\x80"

struct sk_layout {
    const sk_layout_opts *o;
    const sk_sink *s;
    sk_map bm;        /* "%p" of a node → its bookmark number */
    sk_vec shown;     /* const sk_asset* already shown (by file: sk_asset.index) */
    int in_cell;      /* fields in table cells print nothing when blank */
    size_t ntables;   /* tables printed so far (continuations counted): LibreOffice's numbering */
    sk_map toc;       /* "%p" of a node the 目次 lists → its sk_toc_entry */
    sk_err *err;
    int failed;
    int in_body;      /* the body of a standard: a wide table may turn its page (sk_sink.landscape) */
    const sk_node *last_para; /* the body's last paragraph so far (paging.h: the end rule's) */
    int annex_land;   /* the annex being printed is on landscape pages as a whole (annex_turns) */
};

/* ---------- bookmarks ---------- */

static void key_of(const void *p, char key[32])
{
    snprintf(key, 32, "%p", p);
}

int sk_layout_anchor(const sk_layout *w, const sk_node *n, char name[32])
{
    char key[32];
    if (!n)
        return 0;
    key_of(n, key);
    void *v = sk_map_get(&w->bm, key);
    if (!v)
        return 0;
    snprintf(name, 32, "_Toc%09u", (unsigned)(uintptr_t)v);
    return 1;
}

sk_layout *sk_layout_new(const sk_layout_opts *o)
{
    sk_layout *w = sk_calloc(1, sizeof *w);
    w->o = o;
    sk_map_init(&w->bm);
    sk_map_init(&w->toc);
    if (o->no_anchors)
        return w;
    /* every bookmark target, in document order */
    unsigned k = 0;
    const sk_node *root = o->doc->root;
    for (const sk_node *n = root; n; n = sk_node_walk_next(root, n, 1)) {
        if (n->type != SK_N_SECTION && n->type != SK_N_TABLE && n->type != SK_N_FIGURE && n->type != SK_N_FORMULA &&
            !(n->type == SK_N_ITEM && n->num[0]))
            continue;
        char key[32];
        key_of(n, key);
        sk_map_put(&w->bm, key, (void *)(uintptr_t)++k);
    }
    return w;
}

void sk_layout_free(sk_layout *w)
{
    if (!w)
        return;
    sk_map_free(&w->bm);
    sk_map_free(&w->toc);
    sk_vec_free(&w->shown);
    free(w);
}

/* Records the first error (msg is taken over). */
static void fail_at(sk_layout *w, int line, char *msg)
{
    if (!w->failed) {
        w->failed = 1;
        sk_err_at(w->err, w->o->doc->src->path, line, 1, "%s", msg);
    }
    free(msg);
}

/* ---------- paragraphs and runs ---------- */

static void para(sk_layout *w, sk_style_role role)
{
    w->s->para_start(w->s->ctx, role, NULL);
}

static void end(sk_layout *w)
{
    w->s->para_end(w->s->ctx);
}

/* One run: the character style a role gives it (-1: none; from the flags when
 * -1 is asked) and the direct formatting left over. */
static void run(sk_layout *w, const char *text, int cstyle, unsigned flags)
{
    if (!text || !*text)
        return;
    if (cstyle < 0) {
        if (flags & SK_F_CODE)
            cstyle = SK_ST_CODE_CHAR;
        else if (flags & SK_F_BOLD)
            cstyle = SK_ST_STRONG;
        else if (flags & SK_F_ITALIC)
            cstyle = SK_ST_EMPHASIS;
    }
    unsigned direct = flags & (SK_F_STRIKE | SK_F_SUP | SK_F_SUB | SK_F_UNDERLINE);
    if (cstyle == SK_ST_STRONG || cstyle == SK_ST_CODE_CHAR)
        direct |= flags & SK_F_ITALIC;
    if (cstyle == SK_ST_CODE_CHAR)
        direct |= flags & SK_F_BOLD;
    w->s->text(w->s->ctx, text, cstyle, direct);
}

/* Opens n's bookmark (when it has one); returns whether it did. */
static int anchor_open(sk_layout *w, const sk_node *n, char name[32])
{
    if (!sk_layout_anchor(w, n, name))
        return 0;
    w->s->anchor_start(w->s->ctx, name);
    return 1;
}

static void anchor_close(sk_layout *w, int open, const char *name)
{
    if (open)
        w->s->anchor_end(w->s->ctx, name);
}

/* The 目次 entry of n, for the reader's own 目次 generation (sk_sink.toc_mark). */
static void toc_mark(sk_layout *w, const sk_node *n)
{
    char key[32];
    key_of(n, key);
    const sk_toc_entry *e = sk_map_get(&w->toc, key);
    if (e && w->s->toc_mark)
        w->s->toc_mark(w->s->ctx, e->text, e->level);
}

/* A paragraph of one text with n's bookmark around it: headings, captions, term numbers.
 * Those that keep with what follows (all but a figure's caption, under its figure, and
 * the titles that start a page anyway) start a page when a measure saw one end a page. */
static void heading(sk_layout *w, const sk_node *n, sk_style_role role, const char *text)
{
    char name[32];
    int keeps = role != SK_ST_FIGURE_TITLE && role != SK_ST_FOREWORD_TITLE;
    sk_para_opts po = { .page_break = 1 };
    w->s->para_start(w->s->ctx, role, keeps && sk_paging_break_before(w->o->paging, n) ? &po : NULL);
    int b = anchor_open(w, n, name);
    if (b && keeps)
        sk_paging_keep_record(w->o->paging, n, name);
    run(w, text, -1, 0);
    anchor_close(w, b, name);
    toc_mark(w, n);
    end(w);
}

static void para_text(sk_layout *w, sk_style_role role, const char *text)
{
    if (!text)
        return;
    para(w, role);
    run(w, text, -1, 0);
    end(w);
}

/* ---------- inline content ---------- */

static void field(sk_layout *w, const sk_inline *in)
{
    const char *name = in->text ? in->text : "";
    if (name[0] == '#' || name[0] == '/')
        return; /* list markers left outside a table row */
    const sk_fill *f = w->o->fill;
    const char *v = f && f->value ? f->value(f->ctx, name) : NULL;
    if (!v && in->target && *in->target)
        v = in->target; /* {{name|default}} */
    if (v) {
        run(w, v, w->in_cell ? -1 : SK_ST_FIELD, in->flags);
        return;
    }
    if (w->in_cell)
        return; /* a blank cell */
    /* no-break spaces (four to a 汉字): underlined even at the end of a line, and
     * the blank wraps as a whole */
    sk_buf b;
    sk_buf_init(&b);
    for (int i = 4 * sk_fill_field_width(name); i > 0; i--)
        sk_buf_puts(&b, "\xC2\xA0");
    run(w, b.data, SK_ST_FIELD, 0);
    sk_buf_free(&b);
}

/* A formula, a 式中 symbol or an inline formula: the writer's math, or the TeX as written
 * when it did not parse. */
static void math(sk_layout *w, const sk_math *m, const char *tex, int display)
{
    if (m)
        w->s->formula(w->s->ctx, m, display);
    else
        run(w, tex, -1, SK_F_CODE);
}

static void inlines(sk_layout *w, const sk_inlines *l)
{
    const sk_sink *s = w->s;
    for (size_t i = 0; i < l->n; i++) {
        const sk_inline *in = &l->v[i];
        switch (in->type) {
        case SK_I_TEXT:
        case SK_I_STDREF:
        case SK_I_SOFTBREAK:
        case SK_I_INDEX:
            run(w, in->text, -1, in->flags);
            break;
        case SK_I_LINEBREAK:
            s->line_break(s->ctx);
            break;
        case SK_I_REF: {
            char *t = sk_display_ref(in);
            char name[32];
            if (sk_layout_anchor(w, in->node, name)) {
                s->link_start(s->ctx, name, NULL);
                run(w, t, SK_ST_REF, in->flags);
                s->link_end(s->ctx);
            } else {
                run(w, t, -1, in->flags);
            }
            free(t);
            break;
        }
        case SK_I_LINK: {
            const char *url = in->target ? in->target : "";
            const char *t = in->text && *in->text ? in->text : url;
            if (!*url) {
                run(w, t, -1, in->flags);
                break;
            }
            s->link_start(s->ctx, NULL, url);
            run(w, t, SK_ST_LINK, in->flags);
            s->link_end(s->ctx);
            break;
        }
        case SK_I_FIELD:
            field(w, in);
            break;
        case SK_I_MATH:
            math(w, in->math, in->text, 0);
            break;
        }
    }
}

/* ---------- blocks ---------- */

static void blocks(sk_layout *w, const sk_node *first, sk_style_role role);

static void labelled(sk_layout *w, const sk_node *n, sk_style_role role)
{
    char *label = sk_labels_note(n);
    para(w, role);
    run(w, label, SK_ST_LABEL, 0);
    inlines(w, &n->in);
    end(w);
    free(label);
}

static void list(sk_layout *w, const sk_node *l)
{
    int plain = sk_labels_list_plain(l);
    sk_style_role role = plain ? SK_ST_BODY : l->level <= 1 ? SK_ST_LIST1 : l->level == 2 ? SK_ST_LIST2 : SK_ST_LIST3;
    for (const sk_node *it = l->first; it; it = it->next) {
        if (it->type != SK_N_ITEM)
            continue;
        char *marker = sk_labels_item_marker(it), name[32];
        const sk_node *k = it->first;
        para(w, role);
        if (*marker) {
            int b = anchor_open(w, it, name); /* 参考文献 entries are cited as 参考文献[3] */
            run(w, marker, -1, 0);
            anchor_close(w, b, name);
            if (strcmp(marker, "——") && strcmp(marker, "·"))
                w->s->tab(w->s->ctx);
        }
        if (k && k->type == SK_N_PARA) {
            inlines(w, &k->in);
            k = k->next;
        }
        end(w);
        free(marker);
        blocks(w, k, plain ? SK_ST_BODY : SK_ST_LIST_CONT);
    }
}

static int span_width(const sk_grid *g, int c, int span)
{
    int s = 0;
    for (int k = 0; k < span && c + k < g->t->ncols; k++)
        s += g->width[c + k];
    return s;
}

static int row_has_field(const sk_row *row, int ncols)
{
    for (int c = 0; c < ncols; c++)
        for (size_t i = 0; i < row->cells[c].in.n; i++)
            if (row->cells[c].in.v[i].type == SK_I_FIELD)
                return 1;
    return 0;
}

static void covered(sk_layout *w, int col)
{
    sk_tcell tc = { .kind = SK_TC_COVERED, .col = col, .colspan = 1, .rowspan = 1 };
    w->s->cell_start(w->s->ctx, &tc);
    w->s->cell_end(w->s->ctx);
}

/* Where a row is: first printed (its cells are on the frame's top), and the model
 * row printed last (cells reaching it are on the bottom; -1 when notes close the table). */
typedef struct rowpos {
    int first;
    long last_row;
} rowpos;

static unsigned edges_of(const sk_table *t, size_t r, int c, int colspan, int rowspan, const rowpos *p)
{
    unsigned e = 0;
    if (p->first)
        e |= SK_EDGE_TOP;
    if (p->last_row >= 0 && (long)r + rowspan - 1 >= p->last_row)
        e |= SK_EDGE_BOTTOM;
    if (c == 0)
        e |= SK_EDGE_LEFT;
    if (c + colspan >= t->ncols)
        e |= SK_EDGE_RIGHT;
    return e;
}

/* One row; keep: its paragraphs stay with the next row (a short table on one page). */
static void table_row(sk_layout *w, const sk_grid *g, size_t r, int header, int last_header, int keep, const rowpos *p)
{
    const sk_sink *s = w->s;
    const sk_table *t = g->t;
    const sk_row *row = &t->rows[r];
    s->row_start(s->ctx, header ? SK_ROW_HEADER : row_has_field(row, t->ncols) ? SK_ROW_FIELDS : SK_ROW_BODY);
    for (int c = 0; c < t->ncols;) {
        const sk_cell *k = &row->cells[c];
        size_t i = r * (size_t)t->ncols + (size_t)c;
        sk_tcell tc = { .col = c, .header = header, .rule_below = last_header, .keep = keep, .rowspan = 1 };
        if (k->covered) {
            int orow = g->origin_row[i], ocol = g->origin_col[i];
            if (orow < 0 || (size_t)orow == r || ocol != c) {
                covered(w, c++); /* covered from the left: part of a span already written */
                continue;
            }
            int span = t->rows[orow].cells[ocol].colspan;
            tc.kind = SK_TC_MERGED;
            tc.colspan = span > 0 ? span : 1;
            tc.width = span_width(g, c, span);
            s->cell_start(s->ctx, &tc);
            s->cell_end(s->ctx);
            for (int d = 1; d < tc.colspan && c + d < t->ncols; d++)
                covered(w, c + d);
            c += tc.colspan;
            continue;
        }
        int span = k->colspan > 0 ? k->colspan : 1;
        if (c + span > t->ncols)
            span = t->ncols - c;
        tc.kind = SK_TC_CELL;
        tc.cell = k;
        tc.colspan = span;
        tc.rowspan = k->rowspan > 1 ? k->rowspan : 1;
        tc.width = span_width(g, c, span);
        tc.edges = edges_of(t, r, c, span, tc.rowspan, p);
        s->cell_start(s->ctx, &tc);
        sk_para_opts po = { .align = k->align, .keep = keep };
        s->para_start(s->ctx, header ? SK_ST_TABLE_HEADING : SK_ST_TABLE_TEXT, &po);
        inlines(w, &k->in);
        end(w);
        s->cell_end(s->ctx);
        for (int d = 1; d < span; d++)
            covered(w, c + d);
        c += span;
    }
    s->row_end(s->ctx);
}

/* Ends a table piece at printed row pr and opens its continuation: "表N（续）" on the
 * next page, then the header rows again (paging.h). */
static void continue_table(sk_layout *w, const sk_node *n, const sk_grid *g, sk_piece *pc, size_t pr, int nh)
{
    const sk_sink *s = w->s;
    pc->to = pr;
    sk_paging_piece(w->o->paging, pc);
    w->in_cell = 0;
    s->table_end(s->ctx);
    char *cap = sk_labels_caption_continued(n);
    sk_para_opts po = { .page_break = 1 };
    s->para_start(s->ctx, SK_ST_TABLE_TITLE, &po);
    run(w, cap, -1, 0);
    end(w);
    free(cap);
    s->table_start(s->ctx, n, g);
    w->in_cell = 1;
    rowpos hp = { 1, -1 };
    for (int r = 0; r < nh; r++) {
        table_row(w, g, (size_t)r, 1, r == nh - 1, 0, &hp);
        hp.first = 0;
    }
    pc->index = w->ntables++;
    pc->from = pr;
    pc->repeated = 1;
}

static void table(sk_layout *w, const sk_node *n)
{
    const sk_sink *s = w->s;
    const sk_table *t = n->table;
    if (!t || t->ncols < 1 || !t->nrows)
        return;
    if (w->o->max_cols && t->ncols > w->o->max_cols) {
        fail_at(w, n->line, sk_asprintf("table %s has %d columns; %s opens tables of at most %d", n->num, t->ncols,
                                        w->o->reader ? w->o->reader : "the reader", w->o->max_cols));
        return;
    }
    sk_grid g;
    sk_grid_init_for(&g, t, w->in_body && s->landscape);
    if (g.landscape && !w->annex_land) /* caption, table and its continuations on landscape pages */
        s->landscape(s->ctx, 1);
    char *cap = sk_labels_caption(n);
    heading(w, n, SK_ST_TABLE_TITLE, cap);
    free(cap);

    int nh = sk_grid_header_rows(n), keep = sk_grid_keep(n);
    int notes = 0;
    for (const sk_node *k = n->first; k; k = k->next)
        notes += k->type == SK_N_NOTE || k->type == SK_N_EXAMPLE;
    const sk_fill *f = w->o->fill;
    sk_paging *pg = w->o->paging;
    /* how many times each row prints: repeat rows once per element (blank: SK_FILL_BLANK_ROWS) */
    size_t *count = sk_malloc(t->nrows * sizeof *count), rows = 0;
    rowpos pos = { 1, -1 };
    for (size_t r = 0; r < t->nrows; r++) {
        count[r] = !t->rows[r].repeat || (int)r < nh ? 1 : f && f->count ? f->count(f->ctx, t->rows[r].repeat)
                                                                        : SK_FILL_BLANK_ROWS;
        rows += count[r];
        if (count[r] && !notes)
            pos.last_row = (long)r;
    }
    if (f && f->count) /* filled repeat rows: kept on one page only when they are few */
        keep = rows <= SK_GRID_KEEP_ROWS;
    g.keep = keep;
    sk_piece pc = { .table = n, .index = w->ntables++, .nh = nh };
    s->table_start(s->ctx, n, &g);
    w->in_cell = 1;
    size_t pr = 0; /* printed rows so far */
    for (size_t r = 0; r < t->nrows; r++) {
        int header = (int)r < nh;
        const sk_row *row = &t->rows[r];
        for (size_t i = 0; i < count[r]; i++) {
            int rep = row->repeat && !header;
            if (!header && pg && sk_paging_split_at(pg, n, pr)) {
                continue_table(w, n, &g, &pc, pr, nh);
                pos.first = nh == 0;
            }
            /* the last row before a continuation closes its piece's frame; the last
             * row before the notes keeps with them */
            int split_next = pg && pr + 1 < rows && sk_paging_split_at(pg, n, pr + 1);
            int last = r + 1 == t->nrows && i + 1 == count[r];
            rowpos p = { pos.first, split_next ? (long)r : rep && i + 1 != count[r] ? -1 : pos.last_row };
            int k = (keep && (notes || !last)) || (notes && last);
            if (rep && f && f->enter)
                f->enter(f->ctx, row->repeat, i);
            table_row(w, &g, r, header, header && (int)r == nh - 1, k, &p);
            if (rep && f && f->leave)
                f->leave(f->ctx, row->repeat);
            pos.first = 0;
            pr++;
        }
    }
    free(count);
    /* table notes: a last row across the table */
    if (notes) {
        s->row_start(s->ctx, SK_ROW_NOTES);
        sk_tcell tc = { .kind = SK_TC_CELL, .colspan = t->ncols, .rowspan = 1, .width = g.text_w,
                        .edges = SK_EDGE_BOTTOM | SK_EDGE_LEFT | SK_EDGE_RIGHT };
        s->cell_start(s->ctx, &tc);
        for (const sk_node *k = n->first; k; k = k->next)
            if (k->type == SK_N_NOTE || k->type == SK_N_EXAMPLE)
                labelled(w, k, SK_ST_TABLE_NOTE);
        s->cell_end(s->ctx);
        for (int d = 1; d < t->ncols; d++)
            covered(w, d);
        s->row_end(s->ctx);
    }
    pc.to = pr;
    pc.notes = notes > 0;
    sk_paging_piece(pg, &pc);
    w->in_cell = 0;
    s->table_end(s->ctx);
    if (g.landscape && !w->annex_land) /* what follows is on a portrait page again */
        s->landscape(s->ctx, 0);
    sk_grid_free(&g);
}

static void figure(sk_layout *w, const sk_node *n)
{
    const sk_asset *a = sk_assets_find(w->o->assets, n);
    if (!a) {
        fail_at(w, n->line, sk_asprintf("figure '%s' was not loaded", n->src ? n->src : ""));
        return;
    }
    long long cx, cy;
    sk_image_fit(&a->info, SK_TEXT_WIDTH_EMU, SK_FIGURE_MAX_HEIGHT_EMU, &cx, &cy);
    int first = 1;
    for (size_t i = 0; i < w->shown.len; i++)
        first &= ((const sk_asset *)w->shown.items[i])->index != a->index;
    if (first)
        sk_vec_push(&w->shown, (void *)a);
    char *cap = sk_labels_caption(n);
    para(w, SK_ST_FIGURE);
    w->s->image(w->s->ctx, a, cx, cy, cap, first);
    end(w);
    for (const sk_node *k = n->first; k; k = k->next)
        if (k->type == SK_N_NOTE || k->type == SK_N_EXAMPLE)
            labelled(w, k, k->type == SK_N_NOTE ? SK_ST_NOTE : SK_ST_EXAMPLE);
    heading(w, n, SK_ST_FIGURE_TITLE, cap);
    free(cap);
}

/* ---------- formulas ---------- */

/* A display formula: centred at the style's centre tab, its number (when cited) at the
 * right tab, the bookmark a reference links to around both. */
static void formula(sk_layout *w, const sk_node *n)
{
    char name[32];
    char *num = sk_labels_formula_number(n);
    para(w, SK_ST_FORMULA);
    int b = anchor_open(w, n, name);
    w->s->tab(w->s->ctx);
    math(w, n->math, n->src, 1);
    if (num) {
        w->s->tab(w->s->ctx);
        run(w, num, -1, 0);
    }
    anchor_close(w, b, name);
    end(w);
    free(num);
}

/* 式中： on its own line, then an entry a line: a tab, the symbol (ending at the style's
 * right tab), a tab, ——, the meaning (the dashes start at the next tab stop, and wrapped
 * lines after them). An entry without a symbol prints its text as written. */
static void where(sk_layout *w, const sk_node *n)
{
    para_text(w, SK_ST_FORMULA_WHERE, SK_WHERE_LABEL);
    for (const sk_node *e = n->first; e; e = e->next) {
        if (e->type != SK_N_WHERE_ITEM)
            continue;
        para(w, SK_ST_FORMULA_SYMBOL);
        if (e->src) {
            w->s->tab(w->s->ctx);
            math(w, e->math, e->src, 0);
            w->s->tab(w->s->ctx);
            run(w, SK_WHERE_DASH, -1, 0);
        }
        inlines(w, &e->in);
        end(w);
    }
}

static void section(sk_layout *w, const sk_node *n);

/* A signature line of a form or an agreement: "甲方负责人签字：…（盖章）…日期：". */
static int is_signature(const sk_node *n)
{
    if (!n || n->type != SK_N_PARA)
        return 0;
    for (size_t i = 0; i < n->in.n; i++) {
        const char *t = n->in.v[i].text;
        if (n->in.v[i].type == SK_I_TEXT && t && (strstr(t, "签字") || strstr(t, "签名") || strstr(t, "盖章") ||
                                                    strstr(t, "签章")))
            return 1;
    }
    return 0;
}

static void block(sk_layout *w, const sk_node *n, sk_style_role role)
{
    const sk_sink *s = w->s;
    switch (n->type) {
    case SK_N_PARA: {
        /* signature lines stay together, and with the line before them: never alone on a page */
        sk_para_opts po = { .keep = role == SK_ST_BODY && is_signature(n->next),
                            .page_break = sk_paging_break_before(w->o->paging, n) };
        s->para_start(s->ctx, role, po.keep || po.page_break ? &po : NULL);
        if (w->in_body && !w->in_cell)
            w->last_para = n;
        inlines(w, &n->in);
        end(w);
        break;
    }
    case SK_N_NOTE:
        labelled(w, n, SK_ST_NOTE);
        break;
    case SK_N_EXAMPLE:
        labelled(w, n, SK_ST_EXAMPLE);
        break;
    case SK_N_LIST:
        list(w, n);
        break;
    case SK_N_ITEM:
        blocks(w, n->first, role);
        break;
    case SK_N_QUOTE:
        blocks(w, n->first, SK_ST_QUOTE);
        break;
    case SK_N_CODE:
        para_text(w, SK_ST_CODE, n->src ? n->src : "");
        break;
    case SK_N_TABLE:
        table(w, n);
        break;
    case SK_N_FIGURE:
        figure(w, n);
        break;
    case SK_N_CUT:
        para(w, SK_ST_CUT_LINE);
        s->tab(s->ctx);
        run(w, SK_CUT_TEXT, -1, 0);
        s->tab(s->ctx);
        end(w);
        break;
    case SK_N_FORMULA:
        formula(w, n);
        break;
    case SK_N_WHERE:
        where(w, n);
        break;
    case SK_N_SECTION:
        section(w, n);
        break;
    default:
        break;
    }
}

static void blocks(sk_layout *w, const sk_node *first, sk_style_role role)
{
    for (const sk_node *k = first; k && !w->failed; k = k->next)
        block(w, k, role);
}

/* The annex title lines in one paragraph; page_break as in sk_para_opts. */
static void annex_title(sk_layout *w, const sk_node *n, int page_break)
{
    const sk_sink *s = w->s;
    const char *lines[3];
    char label[48], name[32];
    sk_labels_annex_lines(n, lines, label);
    sk_para_opts po = { .page_break = page_break };
    s->para_start(s->ctx, SK_ST_ANNEX_TITLE, page_break ? &po : NULL);
    int b = anchor_open(w, n, name);
    run(w, lines[0], -1, 0);
    for (int i = 1; i < 3; i++) {
        if (!lines[i] || !*lines[i])
            continue;
        s->line_break(s->ctx);
        run(w, lines[i], -1, 0);
    }
    anchor_close(w, b, name);
    toc_mark(w, n);
    end(w);
}

/* A term entry in the order of GB/T 1.1—2020 8.7: number; term, a gap, English
 * equivalent; admitted terms, deprecated terms, symbol (each on its own line);
 * definition and the rest as written; [来源：…] last. */
static void term(sk_layout *w, const sk_node *n)
{
    static const sk_term_part lines[] = { SK_TP_ADMITTED, SK_TP_DEPRECATED, SK_TP_SYMBOL };
    heading(w, n, SK_ST_TERM_NUMBER, n->num);
    const sk_node *en = sk_labels_term_en(n);
    para(w, SK_ST_TERM);
    run(w, n->title, -1, 0);
    if (en) {
        run(w, U3000, -1, 0);
        inlines(w, &en->in);
    }
    end(w);
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        for (const sk_node *k = n->first; k; k = k->next)
            if (k->type == SK_N_PARA && k->term_part == lines[i]) {
                para(w, SK_ST_TERM_ALT);
                if (k->term_part == SK_TP_DEPRECATED)
                    run(w, SK_DEPRECATED_LABEL, -1, 0);
                inlines(w, &k->in);
                end(w);
            }
    for (const sk_node *k = n->first; k && !w->failed; k = k->next)
        if (!(k->type == SK_N_PARA && (k == en || k->term_part == SK_TP_SOURCE || k->term_part == SK_TP_ADMITTED ||
                                       k->term_part == SK_TP_DEPRECATED || k->term_part == SK_TP_SYMBOL)))
            block(w, k, SK_ST_BODY);
    for (const sk_node *k = n->first; k; k = k->next)
        if (k->type == SK_N_PARA && k->term_part == SK_TP_SOURCE)
            block(w, k, SK_ST_BODY);
}

/* The generated 索引: a letter line, then one line per entry: its words, a gap, the
 * numbers it points to (linked), separated by "，". */
/* A 索引 written by hand, printed as the generated one is laid out: a letter group's
 * heading a line, an entry a line (its targets are references, so they link). */
static void written_index(sk_layout *w, const sk_node *ix)
{
    for (const sk_node *n = ix->first; n; n = sk_node_walk_next(ix, n, 1)) {
        if (n->type == SK_N_SECTION) {
            para_text(w, SK_ST_INDEX_LETTER, n->title ? n->title : "");
        } else if (n->type == SK_N_PARA) {
            para(w, SK_ST_INDEX_ENTRY);
            inlines(w, &n->in);
            end(w);
        }
    }
}

static void index_part(sk_layout *w)
{
    sk_index ix;
    sk_index_build(&ix, w->o->doc);
    char group[16] = "", g[16], name[32];
    for (size_t i = 0; i < ix.n; i++) {
        const sk_index_entry *e = &ix.v[i];
        sk_index_group(e, g);
        if (strcmp(g, group)) {
            memcpy(group, g, sizeof group);
            para_text(w, SK_ST_INDEX_LETTER, group);
        }
        para(w, SK_ST_INDEX_ENTRY);
        run(w, e->text, -1, 0);
        run(w, U3000, -1, 0);
        for (size_t k = 0; k < e->n; k++) {
            char *label = sk_index_label(e->targets[k]);
            if (k)
                run(w, SK_INDEX_SEP, -1, 0);
            if (sk_layout_anchor(w, e->targets[k], name)) {
                w->s->link_start(w->s->ctx, name, NULL);
                run(w, label, SK_ST_REF, 0);
                w->s->link_end(w->s->ctx);
            } else {
                run(w, label, -1, 0);
            }
            free(label);
        }
        end(w);
    }
    sk_index_free(&ix);
}

/* An annex that is a wide table and a few lines around it (a form such as a 汇总表:
 * paragraphs and tables only, one of them on landscape pages) goes on landscape pages
 * as a whole, its title included, rather than leaving the title alone on a page. */
static int annex_turns(const sk_layout *w, const sk_node *n)
{
    int wide = 0;
    if (!w->in_body || !w->s->landscape)
        return 0;
    for (const sk_node *k = n->first; k; k = k->next) {
        if (k->type == SK_N_TABLE)
            wide |= k->table && sk_grid_landscape(k->table, k->table->nheader);
        else if (k->type != SK_N_PARA && k->type != SK_N_NOTE)
            return 0;
    }
    return wide;
}

static void section(sk_layout *w, const sk_node *n)
{
    const sk_node *body = n->first;
    char name[32];
    switch (n->sect) {
    case SK_S_FOREWORD:
    case SK_S_INTRO:
        heading(w, n, SK_ST_FOREWORD_TITLE, sk_labels_title(n->sect));
        break;
    case SK_S_BIBLIO:
        heading(w, n, SK_ST_BIBLIO_TITLE, sk_labels_title(n->sect));
        break;
    case SK_S_INDEX:
        heading(w, n, SK_ST_BIBLIO_TITLE, sk_labels_title(n->sect));
        w->s->columns(w->s->ctx, SK_INDEX_COLUMNS);
        if (n->first)
            written_index(w, n); /* as the author wrote it */
        else
            index_part(w);       /* generated from the terms and the marked words */
        w->s->columns(w->s->ctx, 1);
        return;
    case SK_S_ANNEX:
        if (annex_turns(w, n)) { /* the turn of the page is the annex's new page */
            w->s->landscape(w->s->ctx, 1);
            w->annex_land = 1;
            annex_title(w, n, -1);
        } else {
            annex_title(w, n, 0);
        }
        break;
    case SK_S_TERM:
        term(w, n);
        return;
    default:
        if (n->untitled && body && body->type == SK_N_PARA) {
            /* 无标题条: the number leads its first paragraph */
            para(w, SK_ST_NORMAL);
            int b = anchor_open(w, n, name);
            run(w, n->num, SK_ST_LABEL, 0);
            anchor_close(w, b, name);
            run(w, U3000, -1, 0);
            inlines(w, &body->in);
            end(w);
            body = body->next;
        } else {
            int lvl = n->level < 1 ? 1 : n->level > 6 ? 6 : n->level;
            char *t = sk_display_heading(n);
            heading(w, n, (sk_style_role)(SK_ST_HEADING1 + lvl - 1), t);
            free(t);
        }
        break;
    }
    blocks(w, body, SK_ST_BODY);
    if (w->annex_land && n->sect == SK_S_ANNEX) {
        if (n->next) /* the last annex keeps its pages for the end rule: no page of its own */
            w->s->landscape(w->s->ctx, 0);
        w->annex_land = 0;
    }
}

/* ---------- the document ---------- */

static void cover(sk_layout *w, const sk_cover *c)
{
    /* ICS (else CCS) top left, the kind's mark at the right tab of the same line */
    const char *first = c->ics ? c->ics : c->ccs ? c->ccs : " ";
    para(w, SK_ST_COVER_CODES);
    run(w, first, -1, 0);
    if (c->mark) {
        w->s->tab(w->s->ctx);
        run(w, c->mark, SK_ST_COVER_MARK, 0);
    }
    end(w);
    if (c->ics)
        para_text(w, SK_ST_COVER_CODES, c->ccs);
    if (c->level) {
        sk_para_opts po = { .align = c->level_short ? 2 : 0 };
        w->s->para_start(w->s->ctx, SK_ST_COVER_LEVEL, &po);
        run(w, c->level, -1, 0);
        end(w);
    }
    para_text(w, SK_ST_COVER_NUMBER, c->number);
    para_text(w, SK_ST_COVER_REPLACES, c->replaces);
    para(w, SK_ST_COVER_RULE);
    end(w);
    para_text(w, SK_ST_COVER_TITLE, c->title_lines ? c->title_lines : c->title);
    para_text(w, SK_ST_COVER_TITLE_EN, c->title_en);
    para_text(w, SK_ST_COVER_STAGE, c->stage);
    para_text(w, SK_ST_COVER_STAGE, c->completed);
    para_text(w, SK_ST_COVER_NOTE, c->patent);
}

void sk_layout_cover_foot(const sk_sink *s, const sk_cover *c)
{
    s->para_start(s->ctx, SK_ST_COVER_DATES, NULL);
    s->text(s->ctx, c->issued, -1, 0);
    s->tab(s->ctx);
    s->text(s->ctx, c->effective, -1, 0);
    s->para_end(s->ctx);
    s->para_start(s->ctx, SK_ST_COVER_ISSUER, NULL);
    if (c->issuer)
        s->text(s->ctx, c->issuer, -1, 0);
    s->para_end(s->ctx);
}

/* A paragraph of one text with a named bookmark around it (the measured parts' first
 * pages, paging.h), or without one when the layout is not measured. */
static void para_marked(sk_layout *w, sk_style_role role, const char *text, const char *mark)
{
    if (!w->o->paging || w->o->no_anchors) {
        para_text(w, role, text);
        return;
    }
    para(w, role);
    w->s->anchor_start(w->s->ctx, mark);
    run(w, text, -1, 0);
    w->s->anchor_end(w->s->ctx, mark);
    end(w);
}

static void toc(sk_layout *w, const sk_toc *t)
{
    const sk_sink *s = w->s;
    para_marked(w, SK_ST_TOC_TITLE, SK_TOC_TITLE, SK_ANCHOR_FRONT);
    s->toc_start(s->ctx, t);
    if (!t->n) {
        para(w, SK_ST_TOC1);
        s->toc_entry(s->ctx, NULL, NULL, "", 1, 1);
        end(w);
    }
    for (size_t i = 0; i < t->n; i++) {
        const sk_toc_entry *e = &t->v[i];
        char name[32], page[16];
        int has = sk_layout_anchor(w, e->node, name);
        int measured = sk_paging_toc_page(w->o->paging, e->node);
        sk_toc_page_label(measured ? measured : e->page, e->roman, page);
        if (has)
            sk_paging_toc_record(w->o->paging, e->node, name, e->roman);
        para(w, e->level <= 1 ? SK_ST_TOC1 : SK_ST_TOC2);
        s->toc_entry(s->ctx, e, has ? name : NULL, page, i == 0, i + 1 == t->n);
        end(w);
    }
    s->toc_end(s->ctx);
}

static int is_front(const sk_node *n)
{
    return n->type == SK_N_SECTION && (n->sect == SK_S_FOREWORD || n->sect == SK_S_INTRO);
}

int sk_layout_document(sk_layout *w, const sk_sink *s, const sk_cover *c, const sk_toc *t, sk_err *err)
{
    w->s = s;
    w->err = err;
    w->failed = 0;
    w->ntables = 0;
    w->last_para = NULL;
    for (size_t i = 0; t && i < t->n; i++) {
        char key[32];
        key_of(t->v[i].node, key);
        sk_map_put(&w->toc, key, &t->v[i]);
    }
    if (w->o->paging)
        sk_paging_walk_start(w->o->paging);
    s->page(s->ctx, SK_PAGE_COVER);
    cover(w, c);
    s->page(s->ctx, SK_PAGE_FRONT);
    toc(w, t);
    for (const sk_node *n = w->o->doc->root->first; n && !w->failed; n = n->next)
        if (is_front(n))
            section(w, n);
    /* the blank left-hand page before the body, when a measure asked for it */
    sk_paging_blank_record(w->o->paging, s->blank_page != NULL);
    if (s->blank_page && sk_paging_blank_page(w->o->paging)) {
        s->blank_page(s->ctx);
        para_marked(w, SK_ST_SECTION_BREAK, "", SK_ANCHOR_BLANK);
    }
    s->page(s->ctx, SK_PAGE_BODY);
    w->in_body = 1;
    para_marked(w, SK_ST_DOC_TITLE, c->title_lines ? c->title_lines : c->title, SK_ANCHOR_BODY);
    for (const sk_node *n = w->o->doc->root->first; n && !w->failed; n = n->next)
        if (!is_front(n))
            block(w, n, SK_ST_BODY);
    w->in_body = 0;
    sk_paging_last_record(w->o->paging, w->last_para);
    para_marked(w, SK_ST_END_RULE, "", SK_ANCHOR_END);
    return w->failed ? -1 : 0;
}

int sk_layout_form(sk_layout *w, const sk_sink *s, const sk_form_copies *fc, sk_err *err)
{
    w->s = s;
    w->err = err;
    w->failed = 0;
    s->page(s->ctx, SK_PAGE_FORM);
    for (size_t i = fc->first; i < fc->first + fc->n && !w->failed; i++) {
        if (fc->select)
            fc->select(fc->ctx, i);
        annex_title(w, fc->form, i > 0 ? 1 : -1);
        blocks(w, fc->form->first, SK_ST_BODY);
    }
    return w->failed ? -1 : 0;
}
