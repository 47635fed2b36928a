#include "layout/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/diff.h"
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
    /* a redline: what is printed now (a subtree inserted or deleted: its mark), the
     * mark the next run wants, and the one the sink was last told */
    const sk_diff *rl;
    sk_mark mark, want, told;
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
    w->rl = o->redline;
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

/* ---------- marks ---------- */

/* Tells the sink the mark the next run has. */
static void sync(sk_layout *w)
{
    if (w->rl && w->want != w->told) {
        w->s->change(w->s->ctx, w->want);
        w->told = w->want;
    }
}

static void para_opts(sk_layout *w, sk_style_role role, sk_para_opts *po)
{
    if (po && w->rl)
        po->mark = w->in_cell ? SK_MARK_NONE : w->mark;
    else if (w->rl && w->mark && !w->in_cell) {
        sk_para_opts m = { .mark = w->mark };
        w->s->para_start(w->s->ctx, role, &m);
        return;
    }
    w->s->para_start(w->s->ctx, role, po);
}

static void para(sk_layout *w, sk_style_role role)
{
    para_opts(w, role, NULL);
}

static void end(sk_layout *w)
{
    if (w->rl && w->told != SK_MARK_NONE) {
        w->s->change(w->s->ctx, SK_MARK_NONE);
        w->told = SK_MARK_NONE;
    }
    w->s->para_end(w->s->ctx);
}

static void tab(sk_layout *w)
{
    sync(w);
    w->s->tab(w->s->ctx);
}

static void line_break(sk_layout *w)
{
    sync(w);
    w->s->line_break(w->s->ctx);
}

/* Is the diff to be asked about this node (a redline, and nothing marked above it)? */
static int asking(const sk_layout *w)
{
    return w->rl && w->mark == SK_MARK_NONE;
}

/* The counterpart a node of the new edition is compared with, or NULL. */
static const sk_node *compared(const sk_layout *w, const sk_node *n)
{
    return asking(w) && sk_diff_state(w->rl, n) == SK_RL_CHANGED ? sk_diff_counterpart(w->rl, n) : NULL;
}

/* Marks what is printed from now on (until leave): returns what to restore. */
static sk_mark enter(sk_layout *w, sk_mark m)
{
    sk_mark was = w->mark;
    w->mark = w->want = m;
    return was;
}

static void leave(sk_layout *w, sk_mark was)
{
    w->mark = w->want = was;
}

/* Inserted: the node marked so (the diff says it is new, or moved here). */
static sk_mark enter_node(sk_layout *w, const sk_node *n)
{
    if (asking(w) && sk_diff_state(w->rl, n) == SK_RL_INSERTED)
        return enter(w, SK_MARK_INS);
    return w->mark;
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
    sync(w);
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

static sk_mark mark_of(sk_diff_op op, sk_mark base)
{
    return op == SK_DOP_DELETED ? SK_MARK_DEL : op == SK_DOP_INSERTED ? SK_MARK_INS : base;
}

/* The old text and the new printed as one: what went deleted, what came inserted. */
static void text_diff(sk_layout *w, const char *old, const char *new, int cstyle)
{
    sk_diff_seg *sg = NULL;
    size_t n = sk_diff_texts(&sg, old ? old : "", new ? new : "");
    for (size_t i = 0; i < n; i++) {
        w->want = mark_of(sg[i].op, w->mark);
        char *t = sk_strndup(sg[i].text, sg[i].len);
        run(w, t, cstyle, 0);
        free(t);
    }
    w->want = w->mark;
    free(sg);
}

/* A paragraph of one text with n's bookmark around it: headings, captions, term
 * numbers; old: the text it had in the old edition (NULL: not compared). Those that
 * keep with what follows (all but a figure's caption, under its figure, and the
 * titles that start a page anyway) start a page when a measure saw one end a page. */
static void heading_diff(sk_layout *w, const sk_node *n, sk_style_role role, const char *text, const char *old)
{
    char name[32];
    int keeps = role != SK_ST_FIGURE_TITLE && role != SK_ST_FOREWORD_TITLE;
    sk_para_opts po = { .page_break = 1 };
    para_opts(w, role, keeps && sk_paging_break_before(w->o->paging, n) ? &po : NULL);
    int b = anchor_open(w, n, name);
    if (b && keeps)
        sk_paging_keep_record(w->o->paging, n, name);
    if (old)
        text_diff(w, old, text, -1);
    else
        run(w, text, -1, 0);
    anchor_close(w, b, name);
    toc_mark(w, n);
    end(w);
}

static void heading(sk_layout *w, const sk_node *n, sk_style_role role, const char *text)
{
    heading_diff(w, n, role, text, NULL);
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
 * when it did not parse (and when it is deleted: a tracked change holds text). */
static void math(sk_layout *w, const sk_math *m, const char *tex, int display)
{
    if (m && w->want != SK_MARK_DEL) {
        sync(w);
        w->s->formula(w->s->ctx, m, display);
    } else {
        run(w, tex, -1, SK_F_CODE);
    }
}

static void one_inline(sk_layout *w, const sk_inline *in)
{
    const sk_sink *s = w->s;
    {
        switch (in->type) {
        case SK_I_TEXT:
        case SK_I_STDREF:
        case SK_I_SOFTBREAK:
        case SK_I_INDEX:
            run(w, in->text, -1, in->flags);
            break;
        case SK_I_LINEBREAK:
            line_break(w);
            break;
        case SK_I_REF: {
            char *t = sk_display_ref(in);
            char name[32];
            if (sk_layout_anchor(w, in->node, name)) {
                sync(w);
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
            sync(w);
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

static void inlines(sk_layout *w, const sk_inlines *l)
{
    for (size_t i = 0; i < l->n; i++)
        one_inline(w, &l->v[i]);
}

/* The runs of the old edition and the new printed as one. */
static void inlines_diff(sk_layout *w, const sk_inlines *o, const sk_inlines *n)
{
    sk_diff_seg *sg = NULL;
    size_t k = sk_diff_runs(&sg, o, n);
    for (size_t i = 0; i < k; i++) {
        w->want = mark_of(sg[i].op, w->mark);
        if (sg[i].whole) {
            one_inline(w, sg[i].in);
        } else {
            char *t = sk_strndup(sg[i].text, sg[i].len);
            run(w, t, -1, sg[i].in->flags);
            free(t);
        }
    }
    w->want = w->mark;
    free(sg);
}

/* A block's runs, compared with its counterpart's when the diff paired them. */
static void node_inlines(sk_layout *w, const sk_node *n)
{
    const sk_node *o = compared(w, n);
    if (o)
        inlines_diff(w, &o->in, &n->in);
    else
        inlines(w, &n->in);
}

/* ---------- blocks ---------- */

static void blocks(sk_layout *w, const sk_node *parent, const sk_node *first, sk_style_role role);
static void block(sk_layout *w, const sk_node *n, sk_style_role role);
static void item(sk_layout *w, const sk_node *it);

/* What the old edition had here and the new has not, printed deleted. */
static void old_nodes(sk_layout *w, const sk_node *const *v, sk_style_role role)
{
    for (; v && *v && !w->failed; v++) {
        sk_mark was = enter(w, SK_MARK_DEL);
        if ((*v)->type == SK_N_ITEM)
            item(w, *v);
        else
            block(w, *v, role);
        leave(w, was);
    }
}

static void deleted_before(sk_layout *w, const sk_node *n, sk_style_role role)
{
    if (asking(w))
        old_nodes(w, sk_diff_deleted_before(w->rl, n), role);
}

static void deleted_tail(sk_layout *w, const sk_node *c, sk_style_role role)
{
    if (asking(w))
        old_nodes(w, sk_diff_deleted_tail(w->rl, c), role);
}

static void labelled(sk_layout *w, const sk_node *n, sk_style_role role)
{
    char *label = sk_labels_note(n);
    sk_mark was = enter_node(w, n);
    const sk_node *o = compared(w, n);
    para(w, role);
    if (o) {
        char *ol = sk_labels_note(o);
        text_diff(w, ol, label, SK_ST_LABEL);
        free(ol);
    } else {
        run(w, label, SK_ST_LABEL, 0);
    }
    node_inlines(w, n);
    end(w);
    leave(w, was);
    free(label);
}

/* A note or an example, and the further blocks of an example of several paragraphs. */
static void labelled_blocks(sk_layout *w, const sk_node *n, sk_style_role role)
{
    labelled(w, n, role);
    if (n->type == SK_N_EXAMPLE)
        blocks(w, n, n->first, role);
}

/* A table's or figure's footnote: its letter superscript, a gap, the text. */
static void footnote(sk_layout *w, const sk_node *n, sk_style_role role)
{
    para(w, role);
    run(w, n->num, -1, SK_F_SUP);
    run(w, SK_FOOTNOTE_GAP, -1, 0);
    inlines(w, &n->in);
    end(w);
}

/* A table's or figure's unit statement (GB/T 1.1—2020 9.7, 9.8): at the right above
 * it, in the table text's size, kept with it. */
static void unit_line(sk_layout *w, const sk_node *n)
{
    if (!n->unit)
        return;
    sk_para_opts po = { .align = 3, .keep = 1 };
    w->s->para_start(w->s->ctx, SK_ST_TABLE_TEXT, &po);
    run(w, n->unit, -1, 0);
    end(w);
}

/* One item of a list: its marker, its first paragraph, the rest. */
static void item(sk_layout *w, const sk_node *it)
{
    const sk_node *l = it->parent;
    int plain = sk_labels_list_plain(l);
    sk_style_role role = plain ? SK_ST_BODY : l->level <= 1 ? SK_ST_LIST1 : l->level == 2 ? SK_ST_LIST2 : SK_ST_LIST3;
    char *marker = sk_labels_item_marker(it), name[32];
    const sk_node *k = it->first;
    sk_mark was = enter_node(w, it);
    const sk_node *o = compared(w, it);
    if (k && k->type == SK_N_PARA)
        deleted_before(w, k, role);
    para(w, role);
    if (*marker) {
        int b = anchor_open(w, it, name); /* 参考文献 entries are cited as 参考文献[3] */
        if (o) {
            char *om = sk_labels_item_marker(o);
            text_diff(w, om, marker, -1);
            free(om);
        } else {
            run(w, marker, -1, 0);
        }
        anchor_close(w, b, name);
        if (strcmp(marker, "——") && strcmp(marker, "·"))
            tab(w);
    }
    if (k && k->type == SK_N_PARA) {
        sk_mark kw = enter_node(w, k);
        node_inlines(w, k);
        leave(w, kw);
        k = k->next;
    }
    end(w);
    free(marker);
    blocks(w, it, k, plain ? SK_ST_BODY : SK_ST_LIST_CONT);
    leave(w, was);
}

static void list(sk_layout *w, const sk_node *l)
{
    for (const sk_node *it = l->first; it && !w->failed; it = it->next) {
        if (it->type != SK_N_ITEM)
            continue;
        deleted_before(w, it, SK_ST_BODY);
        item(w, it);
    }
    deleted_tail(w, l, SK_ST_BODY);
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

/* A cell's paragraph: its runs, compared with the old cell's when given. */
static void cell_text(sk_layout *w, const sk_cell *k, const sk_cell *old, int header, int keep)
{
    sk_para_opts po = { .align = k->align, .keep = keep };
    para_opts(w, header ? SK_ST_TABLE_HEADING : SK_ST_TABLE_TEXT, &po);
    if (old && asking(w))
        inlines_diff(w, &old->in, &k->in);
    else
        inlines(w, &k->in);
    end(w);
}

/* One row; keep: its paragraphs stay with the next row (a short table on one page);
 * old: the old edition's row its cells are compared with (a redline), or NULL;
 * rmark: the row inserted or deleted (or as what is printed around it). */
static void table_row(sk_layout *w, const sk_grid *g, size_t r, int header, int last_header, int keep, const rowpos *p,
                      const sk_row *old, sk_mark rmark)
{
    const sk_sink *s = w->s;
    const sk_table *t = g->t;
    const sk_row *row = &t->rows[r];
    sk_mark was = rmark != w->mark ? enter(w, rmark) : w->mark;
    s->row_start(s->ctx, header ? SK_ROW_HEADER : row_has_field(row, t->ncols) ? SK_ROW_FIELDS : SK_ROW_BODY,
                 w->rl ? w->mark : SK_MARK_NONE);
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
        cell_text(w, k, old && !old->cells[c].covered ? &old->cells[c] : NULL, header, keep);
        s->cell_end(s->ctx);
        for (int d = 1; d < span; d++)
            covered(w, c + d);
        c += span;
    }
    s->row_end(s->ctx);
    leave(w, was);
}

/* A row of the old edition's table, deleted, in the new table's grid (the diff
 * compares rows only of tables of the same width without row spans). */
static void old_row(sk_layout *w, const sk_grid *g, const sk_table *ot, size_t r, int header, const rowpos *p)
{
    const sk_sink *s = w->s;
    const sk_row *row = &ot->rows[r];
    sk_mark was = enter(w, SK_MARK_DEL);
    s->row_start(s->ctx, header ? SK_ROW_HEADER : SK_ROW_BODY, SK_MARK_DEL);
    for (int c = 0; c < ot->ncols && c < g->t->ncols;) {
        const sk_cell *k = &row->cells[c];
        if (k->covered) {
            covered(w, c++);
            continue;
        }
        int span = k->colspan > 0 ? k->colspan : 1;
        if (c + span > g->t->ncols)
            span = g->t->ncols - c;
        sk_tcell tc = { .kind = SK_TC_CELL, .cell = k, .col = c, .colspan = span, .rowspan = 1,
                        .width = span_width(g, c, span), .header = header };
        tc.edges = edges_of(g->t, 0, c, span, 1, p) & ~(unsigned)(p->last_row < 0 ? SK_EDGE_BOTTOM : 0);
        s->cell_start(s->ctx, &tc);
        cell_text(w, k, NULL, header, 0);
        s->cell_end(s->ctx);
        for (int d = 1; d < span; d++)
            covered(w, c + d);
        c += span;
    }
    s->row_end(s->ctx);
    leave(w, was);
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
    para_opts(w, SK_ST_TABLE_TITLE, &po);
    run(w, cap, -1, 0);
    end(w);
    free(cap);
    s->table_start(s->ctx, n, g);
    w->in_cell = 1;
    rowpos hp = { 1, -1 };
    for (int r = 0; r < nh; r++) {
        table_row(w, g, (size_t)r, 1, r == nh - 1, 0, &hp, NULL, w->mark);
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
    /* a redline: the old table's rows (steps) or cells (same shape) compared */
    const sk_node *o = compared(w, n);
    size_t nsteps = 0;
    const sk_diff_row *steps = o ? sk_diff_table_rows(w->rl, n, &nsteps) : NULL;
    int cellwise = o && !steps && o->table && o->table->nrows == t->nrows && o->table->ncols == t->ncols;
    char *cap = sk_labels_caption(n), *ocap = o ? sk_labels_caption(o) : NULL;
    heading_diff(w, n, SK_ST_TABLE_TITLE, cap, ocap);
    free(cap);
    free(ocap);
    unit_line(w, n);

    int nh = sk_grid_header_rows(n), keep = sk_grid_keep(n);
    int notes = 0;
    for (const sk_node *k = n->first; k; k = k->next)
        notes += k->type == SK_N_NOTE || k->type == SK_N_EXAMPLE || k->type == SK_N_FOOTNOTE;
    if (o)
        for (const sk_node *k = o->first; k; k = k->next)
            notes += (k->type == SK_N_NOTE || k->type == SK_N_EXAMPLE) && !sk_diff_counterpart(w->rl, k);
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
    if (steps) { /* a redline: the rows of both editions in the diff's order */
        int onh = sk_grid_header_rows(o);
        for (size_t k = 0; k < nsteps; k++) {
            const sk_diff_row *st = &steps[k];
            int last = k + 1 == nsteps && !notes;
            if (st->op == SK_DOP_DELETED) {
                rowpos p = { pos.first, last ? 0 : -1 };
                old_row(w, &g, o->table, (size_t)st->orow, st->orow < onh, &p);
            } else {
                size_t r = (size_t)st->nrow;
                int header = (int)r < nh;
                rowpos p = { pos.first, last ? (long)r : -1 };
                table_row(w, &g, r, header, header && (int)r == nh - 1, keep && !last, &p,
                          st->op == SK_DOP_SAME ? &o->table->rows[st->orow] : NULL,
                          st->op == SK_DOP_INSERTED ? SK_MARK_INS : w->mark);
            }
            pos.first = 0;
            pr++;
        }
    } else {
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
                table_row(w, &g, r, header, header && (int)r == nh - 1, k, &p,
                          cellwise && !rep ? &o->table->rows[r] : NULL, w->mark);
                if (rep && f && f->leave)
                    f->leave(f->ctx, row->repeat);
                pos.first = 0;
                pr++;
            }
        }
    }
    free(count);
    /* table notes: a last row across the table */
    if (notes) {
        s->row_start(s->ctx, SK_ROW_NOTES, w->rl ? w->mark : SK_MARK_NONE);
        sk_tcell tc = { .kind = SK_TC_CELL, .colspan = t->ncols, .rowspan = 1, .width = g.text_w,
                        .edges = SK_EDGE_BOTTOM | SK_EDGE_LEFT | SK_EDGE_RIGHT };
        s->cell_start(s->ctx, &tc);
        for (const sk_node *k = n->first; k; k = k->next) /* the notes, then the footnotes */
            if (k->type == SK_N_NOTE || k->type == SK_N_EXAMPLE) {
                deleted_before(w, k, SK_ST_TABLE_NOTE);
                labelled_blocks(w, k, SK_ST_TABLE_NOTE);
            }
        deleted_tail(w, n, SK_ST_TABLE_NOTE);
        for (const sk_node *k = n->first; k; k = k->next)
            if (k->type == SK_N_FOOTNOTE)
                footnote(w, k, SK_ST_TABLE_NOTE);
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

/* The picture of a figure or of one of its subfigures, in a paragraph of its own. */
static int picture(sk_layout *w, const sk_node *n, const char *label)
{
    const sk_asset *a = sk_assets_find(w->o->assets, n);
    if (!a) {
        fail_at(w, n->line, sk_asprintf("figure '%s' was not loaded", n->src ? n->src : ""));
        return -1;
    }
    long long cx, cy;
    sk_image_fit(&a->info, SK_TEXT_WIDTH_EMU, SK_FIGURE_MAX_HEIGHT_EMU, &cx, &cy);
    int first = 1;
    for (size_t i = 0; i < w->shown.len; i++)
        first &= ((const sk_asset *)w->shown.items[i])->index != a->index;
    if (first)
        sk_vec_push(&w->shown, (void *)a);
    para(w, SK_ST_FIGURE);
    sync(w);
    w->s->image(w->s->ctx, a, cx, cy, label, first);
    end(w);
    return 0;
}

static void key(sk_layout *w, const sk_node *n);

/* A figure in the order GB/T 1.1—2020 9.7 prints it: the unit statement at the top
 * right; the picture, or each subfigure's picture over its "a)　sub-title"; the key;
 * the notes; the footnotes; the title "图1　标题" last. */
static void figure(sk_layout *w, const sk_node *n)
{
    const sk_node *o = compared(w, n);
    char *cap = sk_labels_caption(n), *ocap = o ? sk_labels_caption(o) : NULL;
    if (w->rl && w->mark == SK_MARK_DEL && !sk_assets_find(w->o->assets, n)) {
        /* the old edition's figure: its file is not the new edition's to load */
        heading(w, n, SK_ST_FIGURE_TITLE, cap);
        free(cap);
        free(ocap);
        return;
    }
    unit_line(w, n);
    int subs = 0;
    for (const sk_node *k = n->first; k && !w->failed; k = k->next) {
        if (k->type != SK_N_SUBFIGURE)
            continue;
        char *sub = sk_labels_subfigure(k);
        if (picture(w, k, sub) == 0)
            para_text(w, SK_ST_FIGURE, sub);
        free(sub);
        subs++;
    }
    if (!subs && picture(w, n, cap) < 0) {
        free(cap);
        free(ocap);
        return;
    }
    for (const sk_node *k = n->first; k; k = k->next)
        if (k->type == SK_N_KEY)
            key(w, k);
    for (const sk_node *k = n->first; k; k = k->next)
        if (k->type == SK_N_NOTE || k->type == SK_N_EXAMPLE) {
            deleted_before(w, k, SK_ST_NOTE);
            labelled_blocks(w, k, k->type == SK_N_NOTE ? SK_ST_NOTE : SK_ST_EXAMPLE);
        }
    deleted_tail(w, n, SK_ST_NOTE);
    for (const sk_node *k = n->first; k; k = k->next)
        if (k->type == SK_N_FOOTNOTE)
            footnote(w, k, SK_ST_NOTE);
    heading_diff(w, n, SK_ST_FIGURE_TITLE, cap, ocap);
    free(cap);
    free(ocap);
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
    tab(w);
    math(w, n->math, n->src, 1);
    if (num) {
        tab(w);
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
        deleted_before(w, e, SK_ST_FORMULA_SYMBOL);
        sk_mark was = enter_node(w, e);
        const sk_node *o = compared(w, e);
        int symbol_changed = o && strcmp(o->src ? o->src : "", e->src ? e->src : "");
        para(w, SK_ST_FORMULA_SYMBOL);
        if (symbol_changed && o->src) { /* the old symbol, deleted */
            sk_mark m = enter(w, SK_MARK_DEL);
            tab(w);
            math(w, o->math, o->src, 0);
            leave(w, m);
        }
        if (e->src) {
            sk_mark m = symbol_changed ? enter(w, SK_MARK_INS) : w->mark;
            tab(w);
            math(w, e->math, e->src, 0);
            if (symbol_changed)
                leave(w, m);
            tab(w);
            run(w, SK_WHERE_DASH, -1, 0);
        }
        node_inlines(w, e);
        end(w);
        leave(w, was);
    }
    deleted_tail(w, n, SK_ST_FORMULA_SYMBOL);
}

/* A figure's key as a 式中 is laid out: its lead on its own line, then an entry a line,
 * the number (as written) ending at a tab, ——, the meaning. */
static void key(sk_layout *w, const sk_node *n)
{
    para_text(w, SK_ST_FORMULA_WHERE, n->title);
    for (const sk_node *e = n->first; e; e = e->next) {
        if (e->type != SK_N_WHERE_ITEM)
            continue;
        para(w, SK_ST_FORMULA_SYMBOL);
        if (e->src) {
            w->s->tab(w->s->ctx);
            run(w, e->src, -1, 0);
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
    if (asking(w)) {
        sk_rl_state st = sk_diff_state(w->rl, n);
        if (st == SK_RL_INSERTED || st == SK_RL_REPLACED) {
            if (st == SK_RL_REPLACED) {
                const sk_node *o = sk_diff_counterpart(w->rl, n);
                const sk_node *one[] = { o, NULL };
                old_nodes(w, o ? one : NULL, role);
            }
            sk_mark was = enter(w, SK_MARK_INS);
            block(w, n, role);
            leave(w, was);
            return;
        }
    }
    switch (n->type) {
    case SK_N_PARA: {
        /* signature lines stay together, and with the line before them: never alone on a page */
        sk_para_opts po = { .keep = role == SK_ST_BODY && is_signature(n->next),
                            .page_break = sk_paging_break_before(w->o->paging, n) };
        para_opts(w, role, po.keep || po.page_break ? &po : NULL);
        if (w->in_body && !w->in_cell)
            w->last_para = n;
        node_inlines(w, n);
        end(w);
        break;
    }
    case SK_N_NOTE:
        labelled(w, n, role == SK_ST_TABLE_NOTE ? role : SK_ST_NOTE);
        break;
    case SK_N_EXAMPLE:
        labelled_blocks(w, n, role == SK_ST_TABLE_NOTE ? role : SK_ST_EXAMPLE);
        break;
    case SK_N_LIST:
        list(w, n);
        break;
    case SK_N_ITEM:
        blocks(w, n, n->first, role);
        break;
    case SK_N_QUOTE:
        blocks(w, n, n->first, SK_ST_QUOTE);
        break;
    case SK_N_CODE: {
        const sk_node *o = compared(w, n);
        if (o) {
            para(w, SK_ST_CODE);
            text_diff(w, o->src, n->src, -1);
            end(w);
        } else {
            para_text(w, SK_ST_CODE, n->src ? n->src : "");
        }
        break;
    }
    case SK_N_TABLE:
        table(w, n);
        break;
    case SK_N_FIGURE:
        figure(w, n);
        break;
    case SK_N_CUT:
        para(w, SK_ST_CUT_LINE);
        tab(w);
        run(w, SK_CUT_TEXT, -1, 0);
        tab(w);
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

/* The children of parent from first on, and (a redline) what the old edition had
 * among them and the new has not. */
static void blocks(sk_layout *w, const sk_node *parent, const sk_node *first, sk_style_role role)
{
    for (const sk_node *k = first; k && !w->failed; k = k->next) {
        deleted_before(w, k, role);
        block(w, k, role);
    }
    if (parent)
        deleted_tail(w, parent, role);
}

/* The annex title lines in one paragraph; page_break as in sk_para_opts; old: the
 * old edition's annex it is compared with (a redline), or NULL. */
static void annex_title(sk_layout *w, const sk_node *n, int page_break, const sk_node *old)
{
    const char *lines[3], *olines[3] = { NULL, NULL, NULL };
    char label[48], olabel[48], name[32];
    sk_labels_annex_lines(n, lines, label);
    if (old)
        sk_labels_annex_lines(old, olines, olabel);
    sk_para_opts po = { .page_break = page_break };
    para_opts(w, SK_ST_ANNEX_TITLE, page_break || (w->rl && w->mark) ? &po : NULL);
    int b = anchor_open(w, n, name);
    if (old)
        text_diff(w, olines[0], lines[0], -1);
    else
        run(w, lines[0], -1, 0);
    for (int i = 1; i < 3; i++) {
        if ((!lines[i] || !*lines[i]) && !(old && olines[i] && *olines[i]))
            continue;
        line_break(w);
        if (old)
            text_diff(w, olines[i], lines[i], -1);
        else
            run(w, lines[i], -1, 0);
    }
    anchor_close(w, b, name);
    toc_mark(w, n);
    end(w);
}

/* A paragraph of a term entry: its runs (compared), inserted when it is new. */
static void term_para(sk_layout *w, const sk_node *k, sk_style_role role, const char *label)
{
    deleted_before(w, k, role);
    sk_mark was = enter_node(w, k);
    para(w, role);
    if (label)
        run(w, label, -1, 0);
    node_inlines(w, k);
    end(w);
    leave(w, was);
}

/* A term entry in the order of GB/T 1.1—2020 8.7: number; term, a gap, English
 * equivalent; admitted terms, deprecated terms, symbol (each on its own line);
 * definition and the rest as written; [来源：…] last. */
static void term(sk_layout *w, const sk_node *n)
{
    static const sk_term_part lines[] = { SK_TP_ADMITTED, SK_TP_DEPRECATED, SK_TP_SYMBOL };
    const sk_node *o = compared(w, n);
    heading_diff(w, n, SK_ST_TERM_NUMBER, n->num, o ? o->num : NULL);
    const sk_node *en = sk_labels_term_en(n);
    para(w, SK_ST_TERM);
    if (o)
        text_diff(w, o->title, n->title, -1);
    else
        run(w, n->title, -1, 0);
    if (en) {
        run(w, U3000, -1, 0);
        sk_mark was = enter_node(w, en);
        node_inlines(w, en);
        leave(w, was);
    }
    end(w);
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        for (const sk_node *k = n->first; k; k = k->next)
            if (k->type == SK_N_PARA && k->term_part == lines[i])
                term_para(w, k, SK_ST_TERM_ALT, k->term_part == SK_TP_DEPRECATED ? SK_DEPRECATED_LABEL : NULL);
    for (const sk_node *k = n->first; k && !w->failed; k = k->next)
        if (!(k->type == SK_N_PARA && (k == en || k->term_part == SK_TP_SOURCE || k->term_part == SK_TP_ADMITTED ||
                                       k->term_part == SK_TP_DEPRECATED || k->term_part == SK_TP_SYMBOL))) {
            deleted_before(w, k, SK_ST_BODY);
            block(w, k, SK_ST_BODY);
        }
    for (const sk_node *k = n->first; k; k = k->next)
        if (k->type == SK_N_PARA && k->term_part == SK_TP_SOURCE)
            term_para(w, k, SK_ST_BODY, NULL);
    deleted_tail(w, n, SK_ST_BODY);
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
    const sk_node *o = compared(w, n);
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
        if (w->rl && w->mark == SK_MARK_DEL)
            return; /* the old edition's 索引: the new one is generated */
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
            annex_title(w, n, -1, o);
        } else {
            annex_title(w, n, 0, o);
        }
        break;
    case SK_S_TERM:
        term(w, n);
        return;
    default:
        if (n->untitled && body && body->type == SK_N_PARA) {
            /* 无标题条: the number leads its first paragraph */
            deleted_before(w, body, SK_ST_BODY);
            para(w, SK_ST_NORMAL);
            int b = anchor_open(w, n, name);
            if (o)
                text_diff(w, o->num, n->num, SK_ST_LABEL);
            else
                run(w, n->num, SK_ST_LABEL, 0);
            anchor_close(w, b, name);
            run(w, U3000, -1, 0);
            sk_mark was = enter_node(w, body);
            node_inlines(w, body);
            leave(w, was);
            end(w);
            body = body->next;
        } else {
            int lvl = n->level < 1 ? 1 : n->level > 6 ? 6 : n->level;
            char *t = sk_display_heading(n), *ot = o ? sk_display_heading(o) : NULL;
            heading_diff(w, n, (sk_style_role)(SK_ST_HEADING1 + lvl - 1), t, ot);
            free(t);
            free(ot);
        }
        break;
    }
    blocks(w, n, body, SK_ST_BODY);
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
        if (is_front(n)) {
            deleted_before(w, n, SK_ST_BODY);
            block(w, n, SK_ST_BODY);
        }
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
        if (!is_front(n)) {
            deleted_before(w, n, SK_ST_BODY);
            block(w, n, SK_ST_BODY);
        }
    deleted_tail(w, w->o->doc->root, SK_ST_BODY);
    w->in_body = 0;
    sk_paging_last_record(w->o->paging, w->last_para);
    para_marked(w, SK_ST_END_RULE, "", SK_ANCHOR_END);
    return w->failed ? -1 : 0;
}

int sk_layout_sheet(sk_layout *w, const sk_sink *s, sk_err *err)
{
    w->s = s;
    w->err = err;
    w->failed = 0;
    s->page(s->ctx, SK_PAGE_FORM);
    const sk_doc *doc = w->o->doc;
    para_text(w, SK_ST_DOC_TITLE, sk_meta_get(doc->meta, TITLE));
    blocks(w, doc->root, doc->root->first, SK_ST_BODY);
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
        annex_title(w, fc->form, i > 0 ? 1 : -1, NULL);
        blocks(w, NULL, fc->form->first, SK_ST_BODY);
    }
    return w->failed ? -1 : 0;
}
