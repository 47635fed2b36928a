#include "layout/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "model/diff.h"
#include "model/display.h"
#include "model/form.h"
#include "layout/formpage.h"
#include "layout/grid.h"
#include "layout/index.h"
#include "layout/labels.h"
#include "text/qr.h"

#define U3000 "\xE3\x80\x80"
#define BOX "\xE2\x96\xA1"     /* □ */
#define TICKED "\xE2\x98\x91"  /* ☑ */

struct sk_layout {
    const sk_layout_opts *o;
    const sk_sink *s;
    sk_toc_map bm;    /* a node → its bookmark number */
    sk_vec shown;     /* const sk_asset* already shown (by file: sk_asset.index) */
    int in_cell;      /* fields in table cells print nothing when blank */
    int no_lines;     /* with line numbers: the paragraphs now written have none (the cover) */
    size_t ntables;   /* tables printed so far (continuations counted): LibreOffice's numbering */
    sk_toc_map toc;   /* a node the 目次 lists → its sk_toc_entry */
    sk_err *err;
    int failed;
    int in_body;      /* the body of a standard: a wide table may turn its page (sk_sink.landscape) */
    const sk_node *last_para; /* the body's last paragraph so far (paging.h: the end rule's) */
    int annex_land;   /* the annex being printed is on landscape pages as a whole (annex_turns) */
    /* a redline: what is printed now (a subtree inserted or deleted: its mark), the
     * mark the next run wants, and the one the sink was last told */
    const sk_diff *rl;
    sk_mark mark, want, told;
    unsigned images;  /* generated images (QR codes) so far: their index */
    int form_w;       /* a form document: the text block's width (twips), else 0 */
    int box_extra;    /* a form: twips added to each lines(N) box */
    const sk_toc *est; /* sk_layout_document's 目次: the tables it measured (sk_toc_measure) */
};

/* ---------- bookmarks ---------- */

int sk_layout_anchor(const sk_layout *w, const sk_node *n, char name[32])
{
    if (!n)
        return 0;
    void *v = sk_toc_map_get(&w->bm, n);
    if (!v)
        return 0;
    /* "_Toc%09u" without snprintf: this runs for every bookmark */
    unsigned u = (unsigned)(uintptr_t)v;
    char digits[10];
    int k = 0;
    do
        digits[k++] = (char)('0' + u % 10);
    while (u /= 10);
    int pad = k < 9 ? 9 - k : 0;
    memcpy(name, "_Toc", 4);
    memset(name + 4, '0', (size_t)pad);
    for (int i = 0; i < k; i++)
        name[4 + pad + i] = digits[k - 1 - i];
    name[4 + pad + k] = '\0';
    return 1;
}

char *sk_layout_anchor_text(const sk_node *n)
{
    switch (n->type) {
    case SK_N_TABLE:
    case SK_N_FIGURE:
        return sk_labels_caption(n);
    case SK_N_FORMULA: {
        char *num = sk_labels_formula_number(n);
        return num ? num : sk_strdup("");
    }
    case SK_N_ITEM:
        return sk_labels_item_marker(n);
    case SK_N_SECTION:
        break;
    default:
        return sk_strdup("");
    }
    switch (n->sect) {
    case SK_S_FOREWORD:
    case SK_S_INTRO:
    case SK_S_BIBLIO:
    case SK_S_INDEX:
        return sk_strdup(sk_labels_title(n->sect));
    case SK_S_ANNEX: {
        const char *lines[3];
        char label[48];
        sk_labels_annex_lines(n, lines, label);
        return sk_asprintf("%s%s%s", lines[0], lines[1] ? lines[1] : "", lines[2] ? lines[2] : "");
    }
    case SK_S_TERM:
        return sk_strdup(n->num);
    default:
        if (n->untitled && n->first && n->first->type == SK_N_PARA)
            return sk_strdup(n->num);
        return sk_display_heading(n);
    }
}

sk_layout *sk_layout_new(const sk_layout_opts *o)
{
    sk_layout *w = sk_calloc(1, sizeof *w);
    w->o = o;
    w->rl = o->redline;
    if (o->no_anchors)
        return w;
    /* every bookmark target, in document order */
    unsigned k = 0;
    const sk_node *root = o->doc->root;
    for (const sk_node *n = root; n; n = sk_node_walk_next(root, n, 1)) {
        if (n->type != SK_N_SECTION && n->type != SK_N_TABLE && n->type != SK_N_FIGURE && n->type != SK_N_FORMULA &&
            !(n->type == SK_N_ITEM && n->num[0]))
            continue;
        sk_toc_map_put(&w->bm, n, (void *)(uintptr_t)++k);
    }
    return w;
}

void sk_layout_free(sk_layout *w)
{
    if (!w)
        return;
    sk_toc_map_free(&w->bm);
    sk_toc_map_free(&w->toc);
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

static int text_width(const sk_layout *w)
{
    return w->o->text_width > 0 ? w->o->text_width : SK_TEXT_W_TW;
}

static void para(sk_layout *w, sk_style_role role)
{
    if (w->no_lines) {
        sk_para_opts po = { .no_line_numbers = 1 };
        para_opts(w, role, &po);
    } else {
        para_opts(w, role, NULL);
    }
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
    const sk_toc_entry *e = sk_toc_map_get(&w->toc, n);
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

/* The value a field prints: the fill's, else its default ({{name|default}}), else NULL. */
static const char *field_value(const sk_layout *w, const sk_inline *in)
{
    const sk_fill *f = w->o->fill;
    const char *v = f && f->value ? f->value(f->ctx, in->text) : NULL;
    return v ? v : in->target && *in->target ? in->target : NULL;
}

/* A blank of chars 汉字 in running text: no-break spaces (four to a 汉字), underlined
 * even at the end of a line, wrapping as a whole. */
static void blank(sk_layout *w, int chars)
{
    sk_buf b;
    sk_buf_init(&b);
    for (int i = 4 * chars; i > 0; i--)
        sk_buf_puts(&b, "\xC2\xA0");
    run(w, b.data, SK_ST_FIELD, 0);
    sk_buf_free(&b);
}

/* A value as a QR code image, 25 mm square (a value too long for one is printed as text). */
static void qr_image(sk_layout *w, const char *v)
{
    sk_asset a = { 0 };
    int side = 0;
    sk_err e;
    if (sk_qr_png(&a.data, &a.len, &side, v, &e) < 0) {
        run(w, v, -1, 0);
        return;
    }
    a.info.type = SK_IMG_PNG;
    a.info.width = a.info.height = (unsigned)side;
    a.info.dpi_x = a.info.dpi_y = SK_IMAGE_DPI;
    a.index = 100000 + ++w->images; /* never a figure's */
    long long emu = (long long)SK_FORM_QR_TW * 635;
    w->s->image(w->s->ctx, &a, emu, emu, v, 1);
    free(a.data);
}

static void field(sk_layout *w, const sk_inline *in)
{
    const char *name = in->text ? in->text : "";
    if (name[0] == '#' || name[0] == '/')
        return; /* list markers left outside a table row */
    sk_form_kind k;
    char why[200];
    sk_form_kind_parse(&k, in->spec, why, sizeof why); /* a kind stdcheck refuses prints as text */
    const char *v = field_value(w, in);
    sk_buf b;
    sk_buf_init(&b);
    switch (k.type) {
    case SK_FK_CHOICE: /* □好　☑较好　□一般 */
        for (size_t i = 0; i < k.noptions; i++) {
            if (i)
                run(w, U3000, -1, 0);
            run(w, sk_form_kind_chosen(&k, v, i) ? TICKED : BOX, SK_ST_FORM_BOX, 0);
            run(w, k.options[i], -1, in->flags);
        }
        break;
    case SK_FK_CHECK:
        run(w, sk_form_kind_yes(v) ? TICKED : BOX, SK_ST_FORM_BOX, 0);
        break;
    case SK_FK_QR:
        if (v)
            qr_image(w, v);
        break;
    case SK_FK_DATE:
        if (v) {
            sk_formpage_date(&b, v);
            run(w, b.data, w->in_cell ? -1 : SK_ST_FIELD, in->flags);
        } else if (w->in_cell) {
            run(w, U3000 U3000 U3000 "年" U3000 U3000 "月" U3000 U3000 "日", -1, 0);
        } else {
            blank(w, 4);
            run(w, "年", -1, 0);
            blank(w, 2);
            run(w, "月", -1, 0);
            blank(w, 2);
            run(w, "日", -1, 0);
        }
        break;
    default:
        if (v)
            run(w, v, w->in_cell ? -1 : SK_ST_FIELD, in->flags);
        else if (w->in_cell)
            ; /* a blank cell */
        else if (k.type == SK_FK_LINES && w->form_w)
            for (int i = 0; i < k.lines; i++) { /* ruled lines across the text block */
                w->s->line_break(w->s->ctx);
                blank(w, w->form_w / SK_FORM_TEXT_EM - 1);
            }
        else
            blank(w, k.type == SK_FK_SIGN ? 6 : k.type == SK_FK_LINES ? 12 : sk_fill_field_width(name));
        break;
    }
    sk_buf_free(&b);
    sk_form_kind_free(&k);
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
            const char *known = sk_toc_ref(w->est, in);
            char *own = known ? NULL : sk_display_ref(in), name[32];
            const char *t = known ? known : own;
            if (sk_layout_anchor(w, in->node, name)) {
                sync(w);
                s->link_start(s->ctx, name, NULL);
                run(w, t, SK_ST_REF, in->flags);
                s->link_end(s->ctx);
            } else {
                run(w, t, -1, in->flags);
            }
            free(own);
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
    char mbuf[SK_LABELS_MARKER_SIZE], name[32];
    const char *marker = sk_labels_item_marker_in(it, mbuf);
    const sk_node *k = it->first;
    sk_mark was = enter_node(w, it);
    const sk_node *o = compared(w, it);
    if (k && k->type == SK_N_PARA)
        deleted_before(w, k, role);
    para(w, role);
    if (*marker) {
        int b = anchor_open(w, it, name); /* 参考文献 entries are cited as 参考文献[3] */
        if (o) {
            char obuf[SK_LABELS_MARKER_SIZE];
            text_diff(w, sk_labels_item_marker_in(o, obuf), marker, -1);
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

/* Opens grid position (r, *c) of a row with tc (its col, header and row flags set).
 * A position covered from the left (part of a span already written) is written as
 * such; the first position of a cell merged from above as that merged cell: both
 * return 0 with *c past them. A cell is started with its span, width and edges and
 * its span is returned: the caller writes its content and ends it. */
static int cell_start(sk_layout *w, const sk_grid *g, size_t r, int *cp, const rowpos *p, sk_tcell *tc)
{
    const sk_sink *s = w->s;
    const sk_table *t = g->t;
    int c = *cp;
    const sk_cell *k = &t->rows[r].cells[c];
    size_t i = r * (size_t)t->ncols + (size_t)c;
    if (k->covered) {
        int orow = g->origin_row[i], ocol = g->origin_col[i];
        if (orow < 0 || (size_t)orow == r || ocol != c) {
            covered(w, c);
            *cp = c + 1;
            return 0;
        }
        int span = t->rows[orow].cells[ocol].colspan;
        tc->kind = SK_TC_MERGED;
        tc->colspan = span > 0 ? span : 1;
        tc->width = span_width(g, c, span);
        s->cell_start(s->ctx, tc);
        s->cell_end(s->ctx);
        for (int d = 1; d < tc->colspan && c + d < t->ncols; d++)
            covered(w, c + d);
        *cp = c + tc->colspan;
        return 0;
    }
    int span = k->colspan > 0 ? k->colspan : 1;
    if (c + span > t->ncols)
        span = t->ncols - c;
    tc->kind = SK_TC_CELL;
    tc->cell = k;
    tc->colspan = span;
    tc->rowspan = k->rowspan > 1 ? k->rowspan : 1;
    tc->width = span_width(g, c, span);
    tc->edges = edges_of(t, r, c, span, tc->rowspan, p);
    s->cell_start(s->ctx, tc);
    return span;
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
        sk_tcell tc = { .col = c, .header = header, .rule_below = last_header, .keep = keep, .rowspan = 1 };
        int span = cell_start(w, g, r, &c, p, &tc);
        if (!span)
            continue;
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
    if (w->o->text_width > 0 && w->o->text_width != SK_TEXT_W_TW) /* a paper across the page (run/drafting) */
        sk_grid_init_width(&g, t, text_width(w));
    else
        sk_grid_init_measured(&g, t, w->in_body && s->landscape, sk_toc_measure(w->est, t));
    if (g.landscape && !w->annex_land) /* caption, table and its continuations on landscape pages */
        s->landscape(s->ctx, 1);
    /* a redline: the old table's rows (steps) or cells (same shape) compared */
    const sk_node *o = compared(w, n);
    size_t nsteps = 0;
    const sk_diff_row *steps = o ? sk_diff_table_rows(w->rl, n, &nsteps) : NULL;
    int cellwise = o && !steps && o->table && o->table->nrows == t->nrows && o->table->ncols == t->ncols;
    if (n->num[0] || (n->caption && *n->caption) || o) { /* a paper's table (built in code) may have neither */
        char *cap = sk_labels_caption(n), *ocap = o ? sk_labels_caption(o) : NULL;
        heading_diff(w, n, SK_ST_TABLE_TITLE, cap, ocap);
        free(cap);
        free(ocap);
    }
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

/* Whether t says 签字, 签名, 签章 or 盖章: each 签 looked at once. */
static int says_sign(const char *t)
{
    for (const char *p = strstr(t, "签"); p; p = strstr(p + 3, "签"))
        if (!strncmp(p + 3, "字", 3) || !strncmp(p + 3, "名", 3) || !strncmp(p + 3, "章", 3))
            return 1;
    return strstr(t, "盖章") != NULL;
}

/* A signature line of a form or an agreement: "甲方负责人签字：…（盖章）…日期：". */
static int is_signature(const sk_node *n)
{
    if (!n || n->type != SK_N_PARA)
        return 0;
    for (size_t i = 0; i < n->in.n; i++) {
        const char *t = n->in.v[i].text;
        if (n->in.v[i].type == SK_I_TEXT && t && says_sign(t))
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
                            .page_break = sk_paging_break_before(w->o->paging, n),
                            .align = n->align > 0 && n->align < 4 ? n->align : 0,
                            .no_line_numbers = w->no_lines };
        if (po.keep || po.page_break || po.align)
            para_opts(w, role, &po);
        else
            para(w, role);
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
            wide |= k->table && sk_grid_landscape_measured(k->table, k->table->nheader, sk_toc_measure(w->est, k->table));
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
            /* the 目次 entry of a clause is its sk_display_heading (sk_labels_toc_text) */
            const sk_toc_entry *e = sk_toc_map_get(&w->toc, n);
            char *own = e ? NULL : sk_display_heading(n), *ot = o ? sk_display_heading(o) : NULL;
            heading_diff(w, n, (sk_style_role)(SK_ST_HEADING1 + lvl - 1), e ? e->text : own, ot);
            free(own);
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
    w->est = t;
    for (size_t i = 0; t && i < t->n; i++) {
        sk_toc_map_put(&w->toc, t->v[i].node, (void *)&t->v[i]);
    }
    if (w->o->paging)
        sk_paging_walk_start(w->o->paging);
    s->page(s->ctx, SK_PAGE_COVER);
    w->no_lines = w->o->line_numbers;
    cover(w, c);
    w->no_lines = 0;
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
    w->est = NULL; /* the 目次 is the caller's */
    return w->failed ? -1 : 0;
}

int sk_layout_paper(sk_layout *w, const sk_sink *s, sk_page_kind kind, sk_err *err)
{
    w->s = s;
    w->err = err;
    w->failed = 0;
    s->page(s->ctx, kind);
    para_text(w, SK_ST_DOC_TITLE, sk_meta_get(w->o->doc->meta, TITLE));
    blocks(w, w->o->doc->root, w->o->doc->root->first, SK_ST_BODY);
    return w->failed ? -1 : 0;
}

void sk_layout_paper_foot(const sk_sink *s, sk_page_kind kind)
{
    sk_para_opts po = { .align = 2 };
    s->para_start(s->ctx, SK_ST_FOOTER, &po);
    if (kind == SK_PAGE_PAPER_WIDE) {
        s->text(s->ctx, "第", -1, 0);
        s->page_field(s->ctx, 0);
        s->text(s->ctx, "页" U3000 "共", -1, 0);
        s->page_field(s->ctx, 1);
        s->text(s->ctx, "页", -1, 0);
    } else {
        s->page_field(s->ctx, 0);
    }
    s->para_end(s->ctx);
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

/* ---------- form documents (stdform) ----------
 *
 * A form prints as a form, not as the annex that defines it: its title large
 * (GB Form Title) and no 附录 lines or table numbers; the lines of labels and
 * blanks with every label kept with its blank; tables sized to their labels and
 * values, rows tall enough to write in; the page planned to its foot: the blank
 * rows of a list (a 签到表) and the writing boxes (lines(N)) take the room left,
 * and the signature lines stand at the bottom right, with room for a seal. */

enum { FP_PROSE, FP_LINE, FP_SALUTE, FP_SIGN };

typedef struct fplan {
    int W, H;                /* the text block (twips) */
    int ntables;
    int parts;               /* the form opens with a heading: each part's heading is its title */
    sk_vec blocks;           /* const sk_node*: the form's blocks, sections opened, in order */
    size_t closing;          /* index of the first closing signature line (blocks.len: none) */
    const sk_node *stretch;  /* the list table whose blank rows fill the page, or NULL */
    int extra_rows;
    int nboxes;              /* lines(N) fields in table rows */
    int sig_space;           /* twips above the closing lines */
    int emit;                /* 0 while measuring */
    int first;               /* the next paragraph opens the copy (page_break) */
    int page_break;          /* its page break: 1 (a later copy) or -1 */
} fplan;

static void flatten(sk_vec *v, const sk_node *first, int depth)
{
    for (const sk_node *k = first; k; k = k->next) {
        sk_vec_push(v, (void *)k);
        if (k->type == SK_N_SECTION && depth < 8)
            flatten(v, k->first, depth + 1);
    }
}

static sk_form_kind_type kind_of(const sk_inline *in)
{
    sk_form_kind k;
    char why[200];
    sk_form_kind_parse(&k, in->spec, why, sizeof why);
    sk_form_kind_type t = k.type;
    sk_form_kind_free(&k);
    return t;
}

static int is_field(const sk_inline *in)
{
    return in->type == SK_I_FIELD && in->text && !sk_form_is_marker(in->text);
}

/* What a paragraph of a form is: running text, a line of labels and blanks, a
 * salutation ("{{org}}："), or a signature line (a :sign or :date field, 签字, 盖章). */
static int para_class(const sk_node *n)
{
    int fields = 0, sign = 0;
    sk_buf t;
    sk_buf_init(&t);
    sk_buf_puts(&t, "");
    for (size_t i = 0; i < n->in.n; i++) {
        const sk_inline *in = &n->in.v[i];
        if (is_field(in)) {
            fields++;
            sk_form_kind_type k = kind_of(in);
            sign |= k == SK_FK_SIGN || k == SK_FK_DATE;
        } else if (in->type != SK_I_FIELD && in->text) {
            sk_buf_puts(&t, in->text);
        }
    }
    int c = FP_PROSE;
    if (!fields)
        c = FP_PROSE;
    else if (is_field(&n->in.v[0]) && !strcmp(t.data, "："))
        c = FP_SALUTE;
    else if (strstr(t.data, "，") || strstr(t.data, "。"))
        c = FP_PROSE;
    else
        c = sign || strstr(t.data, "签字") || strstr(t.data, "签名") || strstr(t.data, "盖章") ? FP_SIGN : FP_LINE;
    sk_buf_free(&t);
    return c;
}

/* Width (half-汉字 units) a field takes in running text: its value, else its blank. */
static int field_units(const sk_layout *w, const sk_inline *in)
{
    const char *v = field_value(w, in);
    sk_form_kind k;
    char why[200];
    sk_form_kind_parse(&k, in->spec, why, sizeof why);
    int u = 0;
    switch (k.type) {
    case SK_FK_CHOICE:
        for (size_t i = 0; i < k.noptions; i++)
            u += 4 + sk_formpage_units(k.options[i]);
        break;
    case SK_FK_CHECK:
        u = 2;
        break;
    case SK_FK_QR:
        u = v ? 2 * SK_FORM_QR_TW / SK_FORM_TEXT_EM : 0;
        break;
    case SK_FK_DATE:
        u = v ? sk_formpage_units(v) + 4 : 22;
        break;
    default:
        u = v ? sk_formpage_units(v)
              : 2 * (k.type == SK_FK_SIGN ? 6 : k.type == SK_FK_LINES ? 12 : sk_fill_field_width(in->text));
    }
    sk_form_kind_free(&k);
    return u;
}

/* Pieces of a line of labels and blanks: a segment is what stands between runs of
 * U+3000 (a label, its blank, a unit after it); a separator is NULL. */
typedef struct piece {
    const sk_inline *in;   /* the run (text or field); NULL: a separator */
    char *text;            /* a text run's part */
} piece;

static void line_pieces(const sk_node *n, sk_vec *out)
{
    for (size_t i = 0; i < n->in.n; i++) {
        const sk_inline *in = &n->in.v[i];
        if (in->type != SK_I_TEXT || !in->text) {
            piece *p = sk_calloc(1, sizeof *p);
            p->in = in;
            sk_vec_push(out, p);
            continue;
        }
        const char *t = in->text;
        while (*t) {
            const char *sp = strstr(t, U3000);
            size_t n1 = sp ? (size_t)(sp - t) : strlen(t);
            if (n1) {
                piece *p = sk_calloc(1, sizeof *p);
                p->in = in;
                p->text = sk_strndup(t, n1);
                sk_vec_push(out, p);
            }
            if (!sp)
                break;
            while (!strncmp(sp, U3000, 3))
                sp += 3;
            sk_vec_push(out, sk_calloc(1, sizeof(piece))); /* a separator */
            t = sp;
        }
    }
}

static void pieces_free(sk_vec *v)
{
    for (size_t i = 0; i < v->len; i++) {
        piece *p = v->items[i];
        free(p->text);
        free(p);
    }
    sk_vec_free(v);
}

static int piece_units(const sk_layout *w, const piece *p)
{
    if (!p->in)
        return 0;
    if (p->text)
        return sk_formpage_units(p->text);
    if (is_field(p->in))
        return field_units(w, p->in);
    return sk_formpage_units(p->in->text);
}

/* A line of labels and blanks: its segments joined by two U+3000, a line break
 * instead where the next segment would not fit, so no label is parted from its
 * blank. Returns the lines it takes. */
static int label_line(sk_layout *w, const fplan *P, const sk_node *n, int emit)
{
    sk_vec pcs = { 0 };
    line_pieces(n, &pcs);
    int max = 2 * P->W / SK_FORM_TEXT_EM, used = 0, lines = 1, extra = 0;
    for (size_t i = 0; i < pcs.len;) {
        size_t j = i;
        int seg = 0;
        while (j < pcs.len && ((piece *)pcs.items[j])->in)
            seg += piece_units(w, pcs.items[j++]);
        if (used && used + 4 + seg > max) {
            if (emit)
                w->s->line_break(w->s->ctx);
            lines++;
            used = 0;
        } else if (used) {
            if (emit)
                run(w, U3000 U3000, -1, 0);
            used += 4;
        }
        used += seg;
        for (size_t k = i; k < j; k++) {
            const piece *p = pcs.items[k];
            if (is_field(p->in) && kind_of(p->in) == SK_FK_QR && field_value(w, p->in))
                extra = SK_FORM_QR_TW;
            if (is_field(p->in) && kind_of(p->in) == SK_FK_LINES && !field_value(w, p->in)) {
                sk_form_kind kk;
                char why[200];
                sk_form_kind_parse(&kk, p->in->spec, why, sizeof why);
                extra += kk.lines * SK_FORM_TEXT_TW; /* its ruled lines */
                sk_form_kind_free(&kk);
            }
            if (!emit)
                continue;
            if (p->text)
                run(w, p->text, -1, p->in->flags);
            else if (is_field(p->in) && kind_of(p->in) == SK_FK_QR)
                ; /* under the line (form_block): the line's height is exact */
            else if (is_field(p->in))
                field(w, p->in);
            else {
                sk_inlines one = { (sk_inline *)p->in, 1, 1 };
                inlines(w, &one);
            }
        }
        while (used > max) { /* a segment longer than a line wraps */
            used -= max;
            lines++;
        }
        i = j < pcs.len ? j + 1 : j;
    }
    pieces_free(&pcs);
    return lines * SK_FORM_TEXT_TW + extra;
}

/* Half-汉字 units of a paragraph's runs. */
static int runs_units(const sk_layout *w, const sk_inlines *l)
{
    int u = 0;
    for (size_t i = 0; i < l->n; i++)
        u += is_field(&l->v[i]) ? field_units(w, &l->v[i]) : sk_formpage_units(l->v[i].text);
    return u;
}

static void form_para(sk_layout *w, fplan *P, sk_style_role role, int align, int before)
{
    sk_para_opts po = { .align = align, .space_before = before };
    if (P->first) {
        po.page_break = P->page_break;
        P->first = 0;
    }
    w->s->para_start(w->s->ctx, role, &po);
}

/* ---- tables ---- */

static int cell_has_field(const sk_cell *k)
{
    for (size_t i = 0; i < k->in.n; i++)
        if (is_field(&k->in.v[i]))
            return 1;
    return 0;
}

/* Units of a cell's content and its longest unbreakable token, as filled now. */
static void cell_units(const sk_layout *w, const sk_cell *k, int *units, int *token, int *lines_kind)
{
    *units = *token = 0;
    for (size_t i = 0; i < k->in.n; i++) {
        const sk_inline *in = &k->in.v[i];
        if (is_field(in)) {
            const char *v = field_value(w, in);
            sk_form_kind_type t = kind_of(in);
            if (t == SK_FK_LINES && lines_kind) {
                sk_form_kind kk;
                char why[200];
                sk_form_kind_parse(&kk, in->spec, why, sizeof why);
                if (kk.lines > *lines_kind)
                    *lines_kind = kk.lines;
                sk_form_kind_free(&kk);
            }
            if (t == SK_FK_QR && v && lines_kind && *lines_kind < 0)
                *lines_kind = -2; /* a QR code */
            if (v && t != SK_FK_CHOICE && t != SK_FK_QR) {
                int tk = sk_formpage_token(v);
                *units += sk_formpage_units(v) + (t == SK_FK_DATE ? 4 : 0);
                if (tk > *token)
                    *token = tk;
            } else if (t == SK_FK_CHOICE || t == SK_FK_CHECK) {
                int u = field_units(w, in);
                *units += u;
                if (t == SK_FK_CHECK && u > *token)
                    *token = u;
            } else if (t == SK_FK_DATE) {
                *units += 14;
            }
        } else if (in->type != SK_I_FIELD && in->text) {
            int u = sk_formpage_units(in->text), tk = sk_formpage_token(in->text);
            *units += u;
            if (tk > *token)
                *token = tk;
        }
    }
}

/* Column widths of a form's table (twips, adding up to the text block): a column of
 * labels as wide as its longest label (up to 8 汉字; longer ones wrap), a column of
 * blanks at least as wide as its longest value's unbreakable token; the room left
 * goes to the blanks. */
static void form_widths(sk_layout *w, const fplan *P, const sk_table *t, int nh, int *width)
{
    int nc = t->ncols, sum = 0, fsum = 0;
    int *isf = sk_calloc((size_t)nc, sizeof *isf), *minw = sk_calloc((size_t)nc, sizeof *minw);
    int *natw = sk_calloc((size_t)nc, sizeof *natw); /* a label column's width unwrapped */
    const sk_fill *f = w->o->fill;
    /* a column to write in: a blank in it, or any column of a list's rows but the
     * numbers' (seq stays as narrow as its heading) */
    for (size_t r = (size_t)nh; r < t->nrows; r++)
        for (int c = 0; c < nc; c++) {
            const sk_cell *k = &t->rows[r].cells[c];
            int seq = 0;
            for (size_t i = 0; i < k->in.n; i++)
                seq |= is_field(&k->in.v[i]) && !strcmp(k->in.v[i].text, "seq");
            isf[c] |= !seq && (cell_has_field(k) || t->rows[r].repeat);
        }
    for (size_t r = 0; r < t->nrows; r++) {
        const sk_row *row = &t->rows[r];
        size_t n = row->repeat && (int)r >= nh && f && f->count ? f->count(f->ctx, row->repeat) : 1;
        for (size_t e = 0; e < n; e++) {
            if (row->repeat && (int)r >= nh && f && f->enter)
                f->enter(f->ctx, row->repeat, e);
            for (int c = 0; c < nc; c++) {
                const sk_cell *k = &row->cells[c];
                if (k->covered || k->colspan > 1)
                    continue;
                int units, token;
                cell_units(w, k, &units, &token, NULL);
                int want;
                if (!cell_has_field(k)) { /* a label or a heading: on one line up to 8 汉字 (4 over a blank) */
                    want = (units > (isf[c] ? 8 : 16) ? (isf[c] ? 8 : 16) : units) * SK_FORM_CELL_EM / 2;
                    if (!isf[c] && units * SK_FORM_CELL_EM / 2 + SK_FORM_CELL_PAD > natw[c])
                        natw[c] = units * SK_FORM_CELL_EM / 2 + SK_FORM_CELL_PAD;
                } else
                    want = token * SK_FORM_CELL_EM / 2;
                for (size_t i = 0; !token && i < k->in.n; i++) /* a blank: its width */
                    if (is_field(&k->in.v[i]) && !field_value(w, &k->in.v[i]))
                        want = field_units(w, &k->in.v[i]) * SK_FORM_CELL_EM / 4;
                want += SK_FORM_CELL_PAD;
                if (want > minw[c])
                    minw[c] = want;
            }
            if (row->repeat && (int)r >= nh && f && f->leave)
                f->leave(f->ctx, row->repeat);
        }
    }
    for (int c = 0; c < nc; c++) {
        if (minw[c] < 2 * SK_FORM_CELL_EM + SK_FORM_CELL_PAD)
            minw[c] = 2 * SK_FORM_CELL_EM + SK_FORM_CELL_PAD;
        sum += minw[c];
        fsum += isf[c] ? minw[c] : 0;
    }
    int room = P->W - sum, given = 0;
    /* first the room long labels need to stand on fewer lines (up to half of it) */
    long grow = 0;
    for (int c = 0; c < nc; c++)
        grow += natw[c] > minw[c] ? natw[c] - minw[c] : 0;
    if (room > 0 && grow > 0) {
        long take = grow < room / 2 ? grow : room / 2;
        for (int c = 0; c < nc; c++)
            if (natw[c] > minw[c]) {
                int add = (int)(take * (natw[c] - minw[c]) / grow);
                minw[c] += add;
                room -= add;
                sum += add;
            }
    }
    for (int c = 0; c < nc; c++) {
        if (room >= 0)
            width[c] = minw[c] + (fsum ? (isf[c] ? (int)((long long)room * minw[c] / fsum) : 0)
                                       : (int)((long long)room * minw[c] / sum));
        else
            width[c] = (int)((long long)minw[c] * P->W / sum);
        given += width[c];
    }
    width[nc - 1] += P->W - given; /* the columns add up to the text block exactly */
    free(isf);
    free(minw);
    free(natw);
}

/* Height of one printed row (twips), as filled now. */
static int row_height_of(sk_layout *w, const sk_table *t, const int *width, const sk_row *row)
{
    int h = SK_FORM_ROW_TW;
    for (int c = 0; c < t->ncols; c++) {
        const sk_cell *k = &row->cells[c];
        if (k->covered)
            continue;
        int cw = 0;
        for (int d = 0; d < (k->colspan > 0 ? k->colspan : 1) && c + d < t->ncols; d++)
            cw += width[c + d];
        int units, token, lk = -1;
        cell_units(w, k, &units, &token, &lk);
        int need = sk_formpage_lines(units, cw - SK_FORM_CELL_PAD, SK_FORM_CELL_EM) * SK_FORM_CELL_TW + 154;
        if (lk > 0 && lk * SK_FORM_ROW_TW + w->box_extra > need)
            need = lk * SK_FORM_ROW_TW + w->box_extra;
        if (lk == -2 && SK_FORM_QR_TW + 200 > need)
            need = SK_FORM_QR_TW + 200;
        if (k->rowspan <= 1 && need > h)
            h = need;
    }
    return h;
}

static void form_row(sk_layout *w, const sk_grid *g, size_t r, int header, int height, const rowpos *p)
{
    const sk_sink *s = w->s;
    const sk_table *t = g->t;
    const sk_row *row = &t->rows[r];
    if (s->row_height)
        s->row_height(s->ctx, height);
    s->row_start(s->ctx, header ? SK_ROW_HEADER : SK_ROW_FIELDS, SK_MARK_NONE);
    for (int c = 0; c < t->ncols;) {
        const sk_cell *k = &row->cells[c];
        sk_tcell tc = { .col = c, .header = header, .rowspan = 1 };
        int span = cell_start(w, g, r, &c, p, &tc);
        if (!span)
            continue;
        /* labels and headings centred; blanks and values as the style (left) */
        sk_para_opts po = { .align = k->align ? k->align : header || !cell_has_field(k) ? 2 : 0 };
        s->para_start(s->ctx, SK_ST_FORM_CELL, &po);
        inlines(w, &k->in);
        end(w);
        s->cell_end(s->ctx);
        for (int d = 1; d < span; d++)
            covered(w, c + d);
        c += span;
    }
    s->row_end(s->ctx);
}

/* A form's table: its caption as a heading when the form has several tables, then
 * the rows (a list's rows once per element and the blank rows that fill the page).
 * Returns its height. */
static int form_table(sk_layout *w, fplan *P, const sk_node *n)
{
    const sk_sink *s = w->s;
    const sk_table *t = n->table;
    if (!t || t->ncols < 1 || !t->nrows)
        return 0;
    int h = 0;
    if (P->ntables > 1 && n->caption && *n->caption) {
        if (P->emit) {
            form_para(w, P, SK_ST_FORM_HEADING, 0, 0);
            run(w, n->caption, -1, 0);
            end(w);
        }
        h += SK_FORM_HEADING_TW;
    }
    sk_grid g;
    sk_grid_init(&g, t);
    int nh = sk_grid_header_rows(n);
    form_widths(w, P, t, nh, g.width);
    const sk_fill *f = w->o->fill;
    size_t *count = sk_malloc(t->nrows * sizeof *count);
    rowpos pos = { 1, -1 };
    for (size_t r = 0; r < t->nrows; r++) {
        count[r] = 1;
        if (t->rows[r].repeat && (int)r >= nh) {
            count[r] = f && f->count ? f->count(f->ctx, t->rows[r].repeat) : SK_FORM_MIN_ROWS;
            if (P->stretch == n)
                count[r] += (size_t)P->extra_rows;
        }
        if (count[r])
            pos.last_row = (long)r;
    }
    g.keep = 0;
    if (P->emit) {
        if (P->first) { /* a table opens the copy: an empty paragraph carries the page break */
            form_para(w, P, SK_ST_FORM_LINE, 0, 0);
            end(w);
        }
        s->table_start(s->ctx, n, &g);
    }
    w->in_cell = 1;
    for (size_t r = 0; r < t->nrows; r++) {
        const sk_row *row = &t->rows[r];
        int header = (int)r < nh;
        size_t reps = count[r];
        for (size_t i = 0; i < reps; i++) {
            int rep = row->repeat && !header;
            if (rep && f && f->enter)
                f->enter(f->ctx, row->repeat, i);
            int rh = row_height_of(w, t, g.width, row);
            h += rh;
            if (P->emit) {
                rowpos p = { pos.first, i + 1 == reps ? pos.last_row : -1 };
                form_row(w, &g, r, header, rh, &p);
            }
            pos.first = 0;
            if (rep && f && f->leave)
                f->leave(f->ctx, row->repeat);
        }
    }
    w->in_cell = 0;
    if (P->emit)
        s->table_end(s->ctx);
    free(count);
    sk_grid_free(&g);
    return h + 60;
}

/* ---- the copy ---- */

/* One block of the form: printed when P->emit; returns its height (twips). */
static int form_block(sk_layout *w, fplan *P, size_t bi, int *ordinal)
{
    const sk_node *n = P->blocks.items[bi];
    int h = 0;
    switch (n->type) {
    case SK_N_SECTION: {
        int top = n->parent == ((const sk_node *)P->blocks.items[0])->parent;
        sk_buf b;
        sk_buf_init(&b);
        sk_buf_puts(&b, "");
        if (P->parts && top) { /* a part of the form: its heading is the part's title */
            sk_buf_puts(&b, n->title ? n->title : "");
            h = SK_FORM_TITLE_LINE_TW + SK_FORM_TITLE_AFTER_TW;
            if (P->emit) {
                form_para(w, P, SK_ST_FORM_TITLE, 0, 0);
                run(w, b.data, -1, 0);
                end(w);
            }
        } else {
            if (top)
                sk_formpage_ordinal(&b, ++*ordinal);
            sk_buf_puts(&b, n->title ? n->title : "");
            h = SK_FORM_HEADING_TW;
            if (P->emit) {
                form_para(w, P, SK_ST_FORM_HEADING, 0, 0);
                run(w, b.data, -1, 0);
                end(w);
            }
        }
        sk_buf_free(&b);
        return h;
    }
    case SK_N_PARA: {
        int c = para_class(n);
        if (c == FP_LINE || c == FP_SIGN || c == FP_SALUTE) {
            int align = 0, before = 0;
            if (c == FP_SIGN)
                align = 3;
            if (c == FP_LINE && n->in.n == 2 && n->in.v[0].type == SK_I_TEXT && n->in.v[0].text &&
                sk_str_ends_with(n->in.v[0].text, "编号："))
                align = 3; /* the number of a certificate: top right */
            if (c == FP_SIGN && bi == P->closing)
                before = P->sig_space;
            int seal = 0;
            for (size_t i = 0; i < n->in.n; i++)
                seal |= n->in.v[i].type == SK_I_TEXT && n->in.v[i].text && strstr(n->in.v[i].text, "盖章");
            if (seal && before < SK_FORM_SEAL_TW)
                before = SK_FORM_SEAL_TW;
            if (P->emit)
                form_para(w, P, SK_ST_FORM_LINE, align, before);
            h = label_line(w, P, n, P->emit) + before;
            if (P->emit)
                end(w);
            /* its QR codes in a paragraph of their own under it, at the right */
            for (size_t i = 0; P->emit && i < n->in.n; i++)
                if (is_field(&n->in.v[i]) && kind_of(&n->in.v[i]) == SK_FK_QR && field_value(w, &n->in.v[i])) {
                    sk_para_opts qo = { .align = 3 };
                    w->s->para_start(w->s->ctx, SK_ST_FIGURE, &qo);
                    field(w, &n->in.v[i]);
                    end(w);
                }
            return h;
        }
        int units = runs_units(w, &n->in) + 4;
        h = sk_formpage_lines(units, P->W, SK_FORM_TEXT_EM) * SK_FORM_TEXT_TW;
        if (P->emit) {
            form_para(w, P, SK_ST_FORM_TEXT, 0, 0);
            inlines(w, &n->in);
            end(w);
        }
        return h;
    }
    case SK_N_LIST: {
        int k = 0;
        for (const sk_node *it = n->first; it; it = it->next) {
            if (it->type != SK_N_ITEM)
                continue;
            const sk_node *p = it->first && it->first->type == SK_N_PARA ? it->first : NULL;
            char num[16];
            snprintf(num, sizeof num, "%d．", ++k);
            int units = (p ? runs_units(w, &p->in) : 0) + 8;
            h += sk_formpage_lines(units, P->W, SK_FORM_TEXT_EM) * SK_FORM_TEXT_TW;
            if (P->emit) {
                form_para(w, P, SK_ST_FORM_TEXT, 0, 0);
                run(w, num, -1, 0);
                if (p)
                    inlines(w, &p->in);
                end(w);
            }
        }
        return h;
    }
    case SK_N_TABLE:
        return form_table(w, P, n);
    case SK_N_CUT:
        if (P->emit) {
            form_para(w, P, SK_ST_CUT_LINE, 0, 0);
            w->s->tab(w->s->ctx);
            run(w, SK_CUT_TEXT, -1, 0);
            w->s->tab(w->s->ctx);
            end(w);
        }
        return SK_FORM_CUT_TW;
    default:
        if (P->emit) {
            if (P->first) {
                form_para(w, P, SK_ST_FORM_LINE, 0, 0);
                end(w);
            }
            block(w, n, SK_ST_FORM_TEXT);
        }
        return SK_FORM_TEXT_TW;
    }
}

/* The whole copy: its title and blocks; returns the height. */
static int form_copy(sk_layout *w, fplan *P, const sk_node *annex)
{
    int h = 0, ordinal = 0;
    if (!P->parts) {
        const char *title = annex->title ? annex->title : "";
        int lines = sk_formpage_lines(sk_formpage_units(title), P->W, SK_FORM_TITLE_EM);
        h += lines * SK_FORM_TITLE_LINE_TW + SK_FORM_TITLE_AFTER_TW;
        if (P->emit) {
            form_para(w, P, SK_ST_FORM_TITLE, 0, 0);
            run(w, title, -1, 0);
            end(w);
        }
    }
    for (size_t i = 0; i < P->blocks.len && !w->failed; i++) {
        const sk_node *n = P->blocks.items[i];
        if (n->type == SK_N_TABLE && w->o->max_cols && n->table && n->table->ncols > w->o->max_cols) {
            fail_at(w, n->line, sk_asprintf("table %s has %d columns; %s opens tables of at most %d", n->num,
                                            n->table->ncols, w->o->reader ? w->o->reader : "the reader",
                                            w->o->max_cols));
            break;
        }
        h += form_block(w, P, i, &ordinal);
    }
    return h;
}

/* Plans the copy's page: the room the content leaves goes to the blank rows of the
 * last list table and to the writing boxes, the rest above the signature lines. */
static void form_plan(sk_layout *w, fplan *P, const sk_node *annex)
{
    P->extra_rows = P->sig_space = 0;
    w->box_extra = 0;
    P->emit = 0;
    int hgt = form_copy(w, P, annex);
    int room = P->H - hgt - SK_FORM_SLACK_TW;
    if (room <= 0)
        return;
    if (P->stretch) {
        int share = P->nboxes ? room / 2 : room;
        P->extra_rows = share / SK_FORM_ROW_TW;
        room -= P->extra_rows * SK_FORM_ROW_TW;
    }
    if (P->nboxes) {
        int per = room / P->nboxes;
        if (per > SK_FORM_MAX_BOX_TW)
            per = SK_FORM_MAX_BOX_TW;
        w->box_extra = per;
        room -= per * P->nboxes;
    }
    if (P->closing < P->blocks.len && room > SK_FORM_SLACK_TW)
        P->sig_space = room - SK_FORM_SLACK_TW; /* twice the slack: a closing line never runs over */
}

int sk_layout_form(sk_layout *w, const sk_sink *s, const sk_form_copies *fc, sk_err *err)
{
    w->s = s;
    w->err = err;
    w->failed = 0;
    const sk_node *annex = fc->form;
    fplan P = { 0 };
    flatten(&P.blocks, annex->first, 0);
    int wide = 0;
    for (size_t i = 0; i < P.blocks.len; i++) {
        const sk_node *n = P.blocks.items[i];
        if (n->type != SK_N_TABLE || !n->table)
            continue;
        P.ntables++;
        wide |= n->table->ncols >= SK_FORM_WIDE_COLS;
        int nh = sk_grid_header_rows(n);
        for (size_t r = 0; r < n->table->nrows; r++) {
            const sk_row *row = &n->table->rows[r];
            if (row->repeat && (int)r >= nh)
                P.stretch = n; /* the last list */
            for (int c = 0; c < n->table->ncols; c++)
                for (size_t k = 0; k < row->cells[c].in.n; k++)
                    P.nboxes += is_field(&row->cells[c].in.v[k]) && kind_of(&row->cells[c].in.v[k]) == SK_FK_LINES;
        }
    }
    /* parts cut apart (报到证 and 回执单), each opened by its heading */
    for (size_t i = 0; i < P.blocks.len; i++)
        P.parts |= ((const sk_node *)P.blocks.items[i])->type == SK_N_CUT;
    P.parts &= annex->first && annex->first->type == SK_N_SECTION;
    P.closing = P.blocks.len;
    for (size_t i = P.blocks.len; i > 0; i--) {
        const sk_node *n = P.blocks.items[i - 1];
        if (n->type != SK_N_PARA || para_class(n) != FP_SIGN)
            break;
        P.closing = i - 1;
    }
    P.W = wide ? SK_PAGE_H_TW - SK_MARGIN_INNER_TW - SK_MARGIN_OUTER_TW : SK_TEXT_W_TW;
    P.H = wide ? SK_PAGE_W_TW - SK_MARGIN_TOP_TW - SK_MARGIN_BOTTOM_TW
               : SK_PAGE_H_TW - SK_MARGIN_TOP_TW - SK_MARGIN_BOTTOM_TW;
    w->form_w = P.W;
    s->page(s->ctx, wide ? SK_PAGE_FORM_WIDE : SK_PAGE_FORM);
    for (size_t i = fc->first; i < fc->first + fc->n && !w->failed; i++) {
        if (fc->select)
            fc->select(fc->ctx, i);
        form_plan(w, &P, annex);
        P.emit = 1;
        P.first = 1;
        P.page_break = i > 0 ? 1 : -1;
        form_copy(w, &P, annex);
    }
    w->form_w = 0;
    sk_vec_free(&P.blocks);
    return w->failed ? -1 : 0;
}

int sk_layout_form_marks(const sk_form_copies *fc, sk_form_marks *m)
{
    memset(m, 0, sizeof *m);
    if (!fc || !fc->form || fc->n != 1)
        return 0;
    int rows = 0;
    for (const sk_node *n = fc->form; n && !rows; n = sk_node_walk_next(fc->form, n, 1))
        if (n->type == SK_N_TABLE && n->table)
            for (size_t r = 0; r < n->table->nrows; r++)
                rows |= n->table->rows[r].repeat != NULL;
    if (!rows)
        return 0;
    m->continued = sk_asprintf("%s\xEF\xBC\x88\xE7\xBB\xAD\xEF\xBC\x89", fc->form->title ? fc->form->title : "");
    m->before = "\xE7\xAC\xAC ";                  /* 第 */
    m->mid = " \xE9\xA1\xB5\xE3\x80\x80\xE5\x85\xB1 "; /* 页　共 */
    m->after = " \xE9\xA1\xB5";                   /* 页 */
    return 1;
}

void sk_layout_form_marks_free(sk_form_marks *m)
{
    free(m->continued);
    memset(m, 0, sizeof *m);
}
