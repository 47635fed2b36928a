#include "docx.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "templates.h"
#include "xmlw.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

#define U3000 "\xE3\x80\x80"

/* Page geometry (twips): A4; margins top 25 mm, bottom 20 mm, inner 25 mm, outer 20 mm. */
#define PAGE_W 11906
#define PAGE_H 16838
#define TEXT_W 9354

/* Fixed relationship ids of word/document.xml; images and links follow. */
enum {
    RID_STYLES = 1, RID_SETTINGS, RID_FONTS, RID_HDR_ODD, RID_HDR_EVEN, RID_FTR_ODD, RID_FTR_EVEN, RID_FTR_COVER,
    RID_FIRST_FREE
};

typedef struct rel {
    char *type;   /* last segment of the relationship type */
    char *target;
    int external;
} rel;

typedef struct dw {
    const sk_doc *doc;
    const sk_docx_opts *o;
    const sk_style_ids *ids;
    sk_xmlw *x;
    sk_map bm;         /* "%p" of a node → its bookmark number (stored as index + 1) */
    unsigned bm_id;    /* next w:bookmarkStart w:id */
    unsigned docpr;    /* next wp:docPr id */
    sk_vec rels;       /* rel*, rId = RID_FIRST_FREE + index */
    sk_map rel_by;     /* target → rId number */
    sk_vec media;      /* const sk_asset* written to word/media, one per file */
    int in_cell;       /* fields in table cells print nothing when blank */
    int form_doc;      /* a form document (sk_docx_build_form): no headers, footers or bookmarks */
    int fill_depth;    /* inside a filled repeat row */
    sk_err *err;
    int failed;
} dw;

/* ---------- small writers ---------- */

static const char *sid(dw *w, sk_style_role r)
{
    return w->ids->id[r];
}

static void key_of(const void *p, char key[32])
{
    snprintf(key, 32, "%p", p);
}

/* Bookmark name of node n, or NULL when it has none. */
static int bookmark_of(dw *w, const sk_node *n, char name[32])
{
    char key[32];
    key_of(n, key);
    void *v = sk_map_get(&w->bm, key);
    if (!v)
        return 0;
    snprintf(name, 32, "_Toc%09u", (unsigned)(uintptr_t)v);
    return 1;
}

static void p_start(dw *w, sk_style_role role)
{
    sk_xmlw_start(w->x, "w:p");
    sk_xmlw_start(w->x, "w:pPr");
    sk_xmlw_val(w->x, "w:pStyle", "w:val", sid(w, role));
    sk_xmlw_end(w->x);
}

/* Paragraph with a direct alignment (table cells), kept with the next when keep. */
static void p_start_jc(dw *w, sk_style_role role, const char *jc, int keep)
{
    sk_xmlw_start(w->x, "w:p");
    sk_xmlw_start(w->x, "w:pPr");
    sk_xmlw_val(w->x, "w:pStyle", "w:val", sid(w, role));
    if (keep)
        sk_xmlw_leaf(w->x, "w:keepNext", NULL);
    if (jc)
        sk_xmlw_val(w->x, "w:jc", "w:val", jc);
    sk_xmlw_end(w->x);
}

static void p_end(dw *w)
{
    sk_xmlw_end(w->x);
}

static int needs_preserve(const char *s, size_t n)
{
    if (!n)
        return 0;
    if (s[0] == ' ' || s[n - 1] == ' ')
        return 1;
    return memmem(s, n, "  ", 2) != NULL;
}

/* w:t pieces of text: LF becomes w:br, TAB w:tab (never literal in w:t). */
static void text_pieces(dw *w, const char *s)
{
    size_t n = strlen(s);
    while (n) {
        size_t k = 0;
        while (k < n && s[k] != '\n' && s[k] != '\t' && s[k] != '\r')
            k++;
        if (k) {
            sk_xmlw_start(w->x, "w:t");
            if (needs_preserve(s, k))
                sk_xmlw_attr(w->x, "xml:space", "preserve");
            sk_xmlw_text_n(w->x, s, k);
            sk_xmlw_end(w->x);
        }
        if (k < n) {
            if (s[k] == '\n')
                sk_xmlw_leaf(w->x, "w:br", NULL);
            else if (s[k] == '\t')
                sk_xmlw_leaf(w->x, "w:tab", NULL);
            k++;
        }
        s += k;
        n -= k;
    }
}

/* One run: character style (or -1) and the direct formatting the flags ask for. */
static void run(dw *w, const char *text, int cstyle, unsigned flags)
{
    if (!text || !*text)
        return;
    sk_xmlw_start(w->x, "w:r");
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
    if (cstyle >= 0 || direct) {
        sk_xmlw_start(w->x, "w:rPr");
        if (cstyle >= 0)
            sk_xmlw_val(w->x, "w:rStyle", "w:val", sid(w, (sk_style_role)cstyle));
        if (direct & SK_F_BOLD)
            sk_xmlw_leaf(w->x, "w:b", NULL);
        if (direct & SK_F_ITALIC)
            sk_xmlw_leaf(w->x, "w:i", NULL);
        if (direct & SK_F_STRIKE)
            sk_xmlw_leaf(w->x, "w:strike", NULL);
        if (direct & SK_F_UNDERLINE)
            sk_xmlw_val(w->x, "w:u", "w:val", "single");
        if (direct & (SK_F_SUP | SK_F_SUB))
            sk_xmlw_val(w->x, "w:vertAlign", "w:val", direct & SK_F_SUP ? "superscript" : "subscript");
        sk_xmlw_end(w->x);
    }
    text_pieces(w, text);
    sk_xmlw_end(w->x);
}

static void run_empty(dw *w, const char *elem)
{
    sk_xmlw_start(w->x, "w:r");
    sk_xmlw_leaf(w->x, elem, NULL);
    sk_xmlw_end(w->x);
}

static void fld_char(dw *w, const char *type)
{
    sk_xmlw_start(w->x, "w:r");
    sk_xmlw_val(w->x, "w:fldChar", "w:fldCharType", type);
    sk_xmlw_end(w->x);
}

static void instr(dw *w, const char *code)
{
    sk_xmlw_start(w->x, "w:r");
    sk_xmlw_start(w->x, "w:instrText");
    sk_xmlw_attr(w->x, "xml:space", "preserve");
    sk_xmlw_text(w->x, code);
    sk_xmlw_end(w->x);
    sk_xmlw_end(w->x);
}

static void bm_start(dw *w, const char *name, unsigned id)
{
    sk_xmlw_start(w->x, "w:bookmarkStart");
    sk_xmlw_attr_int(w->x, "w:id", id);
    sk_xmlw_attr(w->x, "w:name", name);
    sk_xmlw_end(w->x);
}

static void bm_end(dw *w, unsigned id)
{
    sk_xmlw_start(w->x, "w:bookmarkEnd");
    sk_xmlw_attr_int(w->x, "w:id", id);
    sk_xmlw_end(w->x);
}

/* Runs wrapped in n's bookmark (when it has one). */
static unsigned anchor_open(dw *w, const sk_node *n)
{
    char name[32];
    if (!n || !bookmark_of(w, n, name))
        return 0;
    unsigned id = ++w->bm_id;
    bm_start(w, name, id);
    return id;
}

static void anchor_close(dw *w, unsigned id)
{
    if (id)
        bm_end(w, id);
}

/* A relationship of word/document.xml, one per target; returns its number. */
static unsigned add_rel(dw *w, const char *type, const char *target, int external)
{
    char *key = sk_asprintf("%s|%s", type, target);
    void *v = sk_map_get(&w->rel_by, key);
    unsigned id;
    if (v) {
        id = (unsigned)(uintptr_t)v;
    } else {
        rel *r = sk_calloc(1, sizeof *r);
        r->type = sk_strdup(type);
        r->target = sk_strdup(target);
        r->external = external;
        sk_vec_push(&w->rels, r);
        id = RID_FIRST_FREE + (unsigned)w->rels.len - 1;
        sk_map_put(&w->rel_by, key, (void *)(uintptr_t)id);
    }
    free(key);
    return id;
}

/* Records the first error (msg is taken over). */
static void fail_at(dw *w, int line, char *msg)
{
    if (!w->failed) {
        w->failed = 1;
        sk_err_at(w->err, w->doc->src->path, line, 1, "%s", msg);
    }
    free(msg);
}

/* ---------- inline content ---------- */

static void field(dw *w, const sk_inline *in)
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
    for (int i = 4 * sk_field_width(name); i > 0; i--)
        sk_buf_puts(&b, "\xC2\xA0");
    run(w, b.data, SK_ST_FIELD, 0);
    sk_buf_free(&b);
}

static void inlines(dw *w, const sk_inlines *l)
{
    for (size_t i = 0; i < l->n; i++) {
        const sk_inline *in = &l->v[i];
        switch (in->type) {
        case SK_I_TEXT:
        case SK_I_STDREF:
        case SK_I_SOFTBREAK:
            run(w, in->text, -1, in->flags);
            break;
        case SK_I_LINEBREAK:
            run_empty(w, "w:br");
            break;
        case SK_I_REF: {
            char *t = sk_ref_display(in);
            char name[32];
            if (in->node && bookmark_of(w, in->node, name)) {
                sk_xmlw_start(w->x, "w:hyperlink");
                sk_xmlw_attr(w->x, "w:anchor", name);
                sk_xmlw_attr(w->x, "w:history", "1");
                run(w, t, SK_ST_REF, in->flags);
                sk_xmlw_end(w->x);
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
            char rid[16];
            snprintf(rid, sizeof rid, "rId%u", add_rel(w, "hyperlink", url, 1));
            sk_xmlw_start(w->x, "w:hyperlink");
            sk_xmlw_attr(w->x, "r:id", rid);
            sk_xmlw_attr(w->x, "w:history", "1");
            run(w, t, SK_ST_LINK, in->flags);
            sk_xmlw_end(w->x);
            break;
        }
        case SK_I_FIELD:
            field(w, in);
            break;
        }
    }
}

/* ---------- blocks ---------- */

/* A paragraph of one text with n's bookmark around it: headings, captions, term numbers. */
static void heading(dw *w, const sk_node *n, sk_style_role role, const char *text)
{
    p_start(w, role);
    unsigned b = anchor_open(w, n);
    run(w, text, -1, 0);
    anchor_close(w, b);
    p_end(w);
}

static void blocks(dw *w, const sk_node *first, sk_style_role para);

static void labelled(dw *w, const sk_node *n, sk_style_role role)
{
    char *label = sk_note_label(n);
    p_start(w, role);
    run(w, label, SK_ST_LABEL, 0);
    inlines(w, &n->in);
    p_end(w);
    free(label);
}

static void list(dw *w, const sk_node *l)
{
    int plain = sk_list_plain(l);
    sk_style_role role = plain ? SK_ST_BODY : l->level <= 1 ? SK_ST_LIST1 : l->level == 2 ? SK_ST_LIST2 : SK_ST_LIST3;
    for (const sk_node *it = l->first; it; it = it->next) {
        if (it->type != SK_N_ITEM)
            continue;
        char *marker = sk_item_marker(it);
        const sk_node *k = it->first;
        p_start(w, role);
        if (*marker) {
            run(w, marker, -1, 0);
            if (strcmp(marker, "——") && strcmp(marker, "·"))
                run_empty(w, "w:tab");
        }
        if (k && k->type == SK_N_PARA) {
            inlines(w, &k->in);
            k = k->next;
        }
        p_end(w);
        free(marker);
        blocks(w, k, plain ? SK_ST_BODY : SK_ST_LIST_CONT);
    }
}

static const char *cell_jc(int align)
{
    return align == 1 ? "left" : align == 2 ? "center" : align == 3 ? "right" : NULL;
}

static int row_has_field(const sk_row *row, int ncols)
{
    for (int c = 0; c < ncols; c++)
        for (size_t i = 0; i < row->cells[c].in.n; i++)
            if (row->cells[c].in.v[i].type == SK_I_FIELD)
                return 1;
    return 0;
}

typedef struct tgrid {
    const sk_table *t;
    int *width;        /* twips per grid column */
    int *origin_row;   /* per (r, c): row of the cell covering it */
    int *origin_col;
} tgrid;

static void tgrid_init(tgrid *g, const sk_table *t)
{
    size_t cells = t->nrows * (size_t)t->ncols;
    g->t = t;
    g->width = sk_calloc((size_t)t->ncols, sizeof *g->width);
    g->origin_row = sk_malloc((cells ? cells : 1) * sizeof *g->origin_row);
    g->origin_col = sk_malloc((cells ? cells : 1) * sizeof *g->origin_col);
    int sum = 0;
    for (int c = 0; c < t->ncols; c++) {
        g->width[c] = (int)(t->width[c] * TEXT_W + 0.5);
        if (g->width[c] < 1)
            g->width[c] = 1;
        sum += g->width[c];
    }
    if (t->ncols && g->width[t->ncols - 1] + TEXT_W - sum >= 1)
        g->width[t->ncols - 1] += TEXT_W - sum; /* the columns add up to the text width exactly */
    for (size_t i = 0; i < cells; i++)
        g->origin_row[i] = g->origin_col[i] = -1;
    for (size_t r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            const sk_cell *k = &t->rows[r].cells[c];
            if (k->covered)
                continue;
            for (int dr = 0; dr < k->rowspan && r + (size_t)dr < t->nrows; dr++)
                for (int dc = 0; dc < k->colspan && c + dc < t->ncols; dc++) {
                    size_t i = (r + (size_t)dr) * (size_t)t->ncols + (size_t)(c + dc);
                    g->origin_row[i] = (int)r;
                    g->origin_col[i] = c;
                }
        }
}

static void tgrid_free(tgrid *g)
{
    free(g->width);
    free(g->origin_row);
    free(g->origin_col);
}

static int span_width(const tgrid *g, int c, int span)
{
    int s = 0;
    for (int k = 0; k < span && c + k < g->t->ncols; k++)
        s += g->width[c + k];
    return s;
}

static void tc_pr(dw *w, int width, int span, const char *vmerge, int thick_bottom)
{
    sk_xmlw_start(w->x, "w:tcPr");
    sk_xmlw_start(w->x, "w:tcW");
    sk_xmlw_attr_int(w->x, "w:w", width);
    sk_xmlw_attr(w->x, "w:type", "dxa");
    sk_xmlw_end(w->x);
    if (span > 1) {
        sk_xmlw_start(w->x, "w:gridSpan");
        sk_xmlw_attr_int(w->x, "w:val", span);
        sk_xmlw_end(w->x);
    }
    if (vmerge) {
        sk_xmlw_start(w->x, "w:vMerge");
        if (*vmerge)
            sk_xmlw_attr(w->x, "w:val", vmerge);
        sk_xmlw_end(w->x);
    }
    if (thick_bottom) {
        sk_xmlw_start(w->x, "w:tcBorders");
        sk_xmlw_leaf(w->x, "w:bottom", "w:val", "single", "w:sz", "12", "w:space", "0", "w:color", "auto", NULL);
        sk_xmlw_end(w->x);
    }
    sk_xmlw_val(w->x, "w:vAlign", "w:val", "center");
    sk_xmlw_end(w->x);
}

/* One row; keep: its paragraphs stay with the next row (a short table on one page). */
static void table_row(dw *w, const tgrid *g, size_t r, int header, int last_header, int keep)
{
    const sk_table *t = g->t;
    const sk_row *row = &t->rows[r];
    sk_xmlw_start(w->x, "w:tr");
    sk_xmlw_start(w->x, "w:trPr");
    sk_xmlw_leaf(w->x, "w:cantSplit", NULL);
    if (!header && row_has_field(row, t->ncols))
        sk_xmlw_leaf(w->x, "w:trHeight", "w:val", "454", "w:hRule", "atLeast", NULL);
    if (header)
        sk_xmlw_leaf(w->x, "w:tblHeader", NULL);
    sk_xmlw_end(w->x);
    for (int c = 0; c < t->ncols;) {
        const sk_cell *k = &row->cells[c];
        size_t i = r * (size_t)t->ncols + (size_t)c;
        if (k->covered) {
            int orow = g->origin_row[i], ocol = g->origin_col[i];
            if (orow < 0 || (size_t)orow == r || ocol != c) {
                c++; /* covered from the left: part of a gridSpan already written */
                continue;
            }
            int span = t->rows[orow].cells[ocol].colspan;
            sk_xmlw_start(w->x, "w:tc");
            tc_pr(w, span_width(g, c, span), span, "", last_header);
            sk_xmlw_leaf(w->x, "w:p", NULL);
            sk_xmlw_end(w->x);
            c += span > 0 ? span : 1;
            continue;
        }
        int span = k->colspan > 0 ? k->colspan : 1;
        if (c + span > t->ncols)
            span = t->ncols - c;
        sk_xmlw_start(w->x, "w:tc");
        tc_pr(w, span_width(g, c, span), span, k->rowspan > 1 ? "restart" : NULL, last_header);
        p_start_jc(w, header ? SK_ST_TABLE_HEADING : SK_ST_TABLE_TEXT, cell_jc(k->align), keep);
        inlines(w, &k->in);
        p_end(w);
        sk_xmlw_end(w->x);
        c += span;
    }
    sk_xmlw_end(w->x);
}

static void table(dw *w, const sk_node *n)
{
    const sk_table *t = n->table;
    if (!t || t->ncols < 1 || !t->nrows)
        return;
    if (t->ncols > SK_DOCX_MAX_COLS) {
        fail_at(w, n->line, sk_asprintf("table %s has %d columns; Word opens tables of at most %d", n->num, t->ncols,
                                        SK_DOCX_MAX_COLS));
        return;
    }
    char *cap = sk_caption(n);
    heading(w, n, SK_ST_TABLE_TITLE, cap);
    free(cap);

    tgrid g;
    tgrid_init(&g, t);
    sk_xmlw_start(w->x, "w:tbl");
    sk_xmlw_start(w->x, "w:tblPr");
    sk_xmlw_val(w->x, "w:tblStyle", "w:val", sid(w, SK_ST_TABLE));
    sk_xmlw_leaf(w->x, "w:tblW", "w:w", "9354", "w:type", "dxa", NULL);
    sk_xmlw_val(w->x, "w:jc", "w:val", "center");
    sk_xmlw_val(w->x, "w:tblLayout", "w:type", "fixed");
    sk_xmlw_leaf(w->x, "w:tblLook", "w:val", "04A0", "w:firstRow", "1", "w:lastRow", "0", "w:firstColumn", "0",
                 "w:lastColumn", "0", "w:noHBand", "1", "w:noVBand", "1", NULL);
    sk_xmlw_end(w->x);
    sk_xmlw_start(w->x, "w:tblGrid");
    for (int c = 0; c < t->ncols; c++) {
        sk_xmlw_start(w->x, "w:gridCol");
        sk_xmlw_attr_int(w->x, "w:w", g.width[c]);
        sk_xmlw_end(w->x);
    }
    sk_xmlw_end(w->x);

    int nh = sk_table_header_rows(n), keep = sk_table_keep(n);
    int notes = 0;
    for (const sk_node *k = n->first; k; k = k->next)
        notes += k->type == SK_N_NOTE || k->type == SK_N_EXAMPLE;
    w->in_cell = 1;
    const sk_fill *f = w->o->fill;
    if (f && f->count) { /* filled repeat rows: kept on one page only when they are few */
        size_t rows = 0;
        for (size_t r = 0; r < t->nrows; r++)
            rows += t->rows[r].repeat && (int)r >= nh ? f->count(f->ctx, t->rows[r].repeat) : 1;
        keep = rows <= SK_KEEP_ROWS;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        int header = (int)r < nh;
        const sk_row *row = &t->rows[r];
        if (row->repeat && !header) {
            size_t count = f && f->count ? f->count(f->ctx, row->repeat) : SK_FILL_BLANK_ROWS;
            for (size_t i = 0; i < count; i++) {
                if (f && f->enter)
                    f->enter(f->ctx, row->repeat, i);
                table_row(w, &g, r, 0, 0, keep && (notes || r + 1 < t->nrows || i + 1 < count));
                if (f && f->leave)
                    f->leave(f->ctx, row->repeat);
            }
            continue;
        }
        table_row(w, &g, r, header, header && (int)r == nh - 1, keep && (notes || r + 1 < t->nrows));
    }
    /* table notes: a last row across the table */
    if (notes) {
        sk_xmlw_start(w->x, "w:tr");
        sk_xmlw_start(w->x, "w:tc");
        tc_pr(w, TEXT_W, t->ncols, NULL, 0);
        for (const sk_node *k = n->first; k; k = k->next)
            if (k->type == SK_N_NOTE || k->type == SK_N_EXAMPLE)
                labelled(w, k, SK_ST_TABLE_NOTE);
        sk_xmlw_end(w->x);
        sk_xmlw_end(w->x);
    }
    w->in_cell = 0;
    sk_xmlw_end(w->x);
    tgrid_free(&g);
}

static void drawing(dw *w, const sk_node *n, const sk_asset *a, unsigned rid)
{
    long long cx, cy;
    sk_image_fit(&a->info, SK_TEXT_WIDTH_EMU, SK_FIGURE_MAX_HEIGHT_EMU, &cx, &cy);
    unsigned id = ++w->docpr;
    char rs[16], name[32];
    snprintf(rs, sizeof rs, "rId%u", rid);
    snprintf(name, sizeof name, "image%u.%s", a->index, sk_image_ext(&a->info));
    char *label = sk_caption(n);
    sk_xmlw_start(w->x, "w:r");
    sk_xmlw_start(w->x, "w:drawing");
    sk_xmlw_start(w->x, "wp:inline");
    sk_xmlw_attr(w->x, "distT", "0");
    sk_xmlw_attr(w->x, "distB", "0");
    sk_xmlw_attr(w->x, "distL", "0");
    sk_xmlw_attr(w->x, "distR", "0");
    sk_xmlw_start(w->x, "wp:extent");
    sk_xmlw_attr_int(w->x, "cx", cx);
    sk_xmlw_attr_int(w->x, "cy", cy);
    sk_xmlw_end(w->x);
    sk_xmlw_leaf(w->x, "wp:effectExtent", "l", "0", "t", "0", "r", "0", "b", "0", NULL);
    sk_xmlw_start(w->x, "wp:docPr");
    sk_xmlw_attr_int(w->x, "id", id);
    sk_xmlw_attr(w->x, "name", name);
    sk_xmlw_attr(w->x, "descr", label);
    sk_xmlw_end(w->x);
    sk_xmlw_start(w->x, "wp:cNvGraphicFramePr");
    sk_xmlw_leaf(w->x, "a:graphicFrameLocks", "noChangeAspect", "1", NULL);
    sk_xmlw_end(w->x);
    sk_xmlw_start(w->x, "a:graphic");
    sk_xmlw_start(w->x, "a:graphicData");
    sk_xmlw_attr(w->x, "uri", "http://schemas.openxmlformats.org/drawingml/2006/picture");
    sk_xmlw_start(w->x, "pic:pic");
    sk_xmlw_start(w->x, "pic:nvPicPr");
    sk_xmlw_start(w->x, "pic:cNvPr");
    sk_xmlw_attr_int(w->x, "id", id);
    sk_xmlw_attr(w->x, "name", name);
    sk_xmlw_end(w->x);
    sk_xmlw_leaf(w->x, "pic:cNvPicPr", NULL);
    sk_xmlw_end(w->x);
    sk_xmlw_start(w->x, "pic:blipFill");
    sk_xmlw_leaf(w->x, "a:blip", "r:embed", rs, NULL);
    sk_xmlw_start(w->x, "a:stretch");
    sk_xmlw_leaf(w->x, "a:fillRect", NULL);
    sk_xmlw_end(w->x);
    sk_xmlw_end(w->x);
    sk_xmlw_start(w->x, "pic:spPr");
    sk_xmlw_start(w->x, "a:xfrm");
    sk_xmlw_leaf(w->x, "a:off", "x", "0", "y", "0", NULL);
    sk_xmlw_start(w->x, "a:ext");
    sk_xmlw_attr_int(w->x, "cx", cx);
    sk_xmlw_attr_int(w->x, "cy", cy);
    sk_xmlw_end(w->x);
    sk_xmlw_end(w->x);
    sk_xmlw_start(w->x, "a:prstGeom");
    sk_xmlw_attr(w->x, "prst", "rect");
    sk_xmlw_leaf(w->x, "a:avLst", NULL);
    sk_xmlw_end(w->x);
    sk_xmlw_end(w->x); /* spPr */
    sk_xmlw_end(w->x); /* pic */
    sk_xmlw_end(w->x); /* graphicData */
    sk_xmlw_end(w->x); /* graphic */
    sk_xmlw_end(w->x); /* inline */
    sk_xmlw_end(w->x); /* drawing */
    sk_xmlw_end(w->x); /* r */
    free(label);
}

static void figure(dw *w, const sk_node *n)
{
    const sk_asset *a = sk_assets_find(w->o->assets, n);
    if (!a) {
        fail_at(w, n->line, sk_asprintf("figure '%s' was not loaded", n->src ? n->src : ""));
        return;
    }
    int first = 1;
    for (size_t i = 0; i < w->media.len; i++)
        first &= ((const sk_asset *)w->media.items[i])->index != a->index;
    if (first)
        sk_vec_push(&w->media, (void *)a);
    char target[40];
    snprintf(target, sizeof target, "media/image%u.%s", a->index, sk_image_ext(&a->info));
    unsigned rid = add_rel(w, "image", target, 0);
    p_start(w, SK_ST_FIGURE);
    drawing(w, n, a, rid);
    p_end(w);
    for (const sk_node *k = n->first; k; k = k->next)
        if (k->type == SK_N_NOTE || k->type == SK_N_EXAMPLE)
            labelled(w, k, k->type == SK_N_NOTE ? SK_ST_NOTE : SK_ST_EXAMPLE);
    char *cap = sk_caption(n);
    heading(w, n, SK_ST_FIGURE_TITLE, cap);
    free(cap);
}

static void section(dw *w, const sk_node *n);

static void block(dw *w, const sk_node *n, sk_style_role para)
{
    switch (n->type) {
    case SK_N_PARA:
        p_start(w, para);
        inlines(w, &n->in);
        p_end(w);
        break;
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
        blocks(w, n->first, para);
        break;
    case SK_N_QUOTE:
        blocks(w, n->first, SK_ST_QUOTE);
        break;
    case SK_N_CODE:
        p_start(w, SK_ST_CODE);
        run(w, n->src, -1, 0);
        p_end(w);
        break;
    case SK_N_TABLE:
        table(w, n);
        break;
    case SK_N_FIGURE:
        figure(w, n);
        break;
    case SK_N_CUT:
        p_start(w, SK_ST_CUT_LINE);
        run_empty(w, "w:tab");
        run(w, SK_CUT_TEXT, -1, 0);
        run_empty(w, "w:tab");
        p_end(w);
        break;
    case SK_N_FORMULA: {
        p_start(w, SK_ST_FORMULA);
        unsigned b = anchor_open(w, n);
        run_empty(w, "w:tab");
        run(w, n->src, -1, 0);
        if (n->num[0]) {
            char *num = sk_asprintf("（%s）", n->num);
            run_empty(w, "w:tab");
            run(w, num, -1, 0);
            free(num);
        }
        anchor_close(w, b);
        p_end(w);
        break;
    }
    case SK_N_SECTION:
        section(w, n);
        break;
    default:
        break;
    }
}

static void blocks(dw *w, const sk_node *first, sk_style_role para)
{
    for (const sk_node *k = first; k && !w->failed; k = k->next)
        block(w, k, para);
}

/* The annex title lines; page_break: -1 as the style says (a new page), 0 none
 * (the first copy of a form document), 1 a new page. */
static void annex_title(dw *w, const sk_node *n, int page_break)
{
    const char *lines[3];
    char label[48];
    sk_annex_lines(n, lines, label);
    if (page_break < 0) {
        p_start(w, SK_ST_ANNEX_TITLE);
    } else {
        sk_xmlw_start(w->x, "w:p");
        sk_xmlw_start(w->x, "w:pPr");
        sk_xmlw_val(w->x, "w:pStyle", "w:val", sid(w, SK_ST_ANNEX_TITLE));
        if (page_break)
            sk_xmlw_leaf(w->x, "w:pageBreakBefore", NULL);
        else
            sk_xmlw_val(w->x, "w:pageBreakBefore", "w:val", "0");
        sk_xmlw_end(w->x);
    }
    unsigned b = anchor_open(w, n);
    run(w, lines[0], -1, 0);
    for (int i = 1; i < 3; i++) {
        if (!lines[i] || !*lines[i])
            continue;
        run_empty(w, "w:br");
        run(w, lines[i], -1, 0);
    }
    anchor_close(w, b);
    p_end(w);
}

static void section(dw *w, const sk_node *n)
{
    const sk_node *body = n->first;
    switch (n->sect) {
    case SK_S_FOREWORD:
    case SK_S_INTRO:
        heading(w, n, SK_ST_FOREWORD_TITLE, sk_front_title(n->sect));
        break;
    case SK_S_BIBLIO:
    case SK_S_INDEX:
        heading(w, n, SK_ST_BIBLIO_TITLE, sk_front_title(n->sect));
        break;
    case SK_S_ANNEX:
        annex_title(w, n, -1);
        break;
    case SK_S_TERM: {
        heading(w, n, SK_ST_TERM_NUMBER, n->num);
        const sk_node *en = sk_term_en(n);
        p_start(w, SK_ST_TERM);
        run(w, n->title, -1, 0);
        if (en) {
            run(w, U3000, -1, 0);
            inlines(w, &en->in);
            body = en->next;
        }
        p_end(w);
        break;
    }
    default:
        if (n->untitled && body && body->type == SK_N_PARA) {
            /* 无标题条: the number leads its first paragraph */
            p_start(w, SK_ST_NORMAL);
            unsigned b = anchor_open(w, n);
            run(w, n->num, SK_ST_LABEL, 0);
            anchor_close(w, b);
            run(w, U3000, -1, 0);
            inlines(w, &body->in);
            p_end(w);
            body = body->next;
        } else {
            int lvl = n->level < 1 ? 1 : n->level > 6 ? 6 : n->level;
            char *t = sk_node_heading(n);
            heading(w, n, (sk_style_role)(SK_ST_HEADING1 + lvl - 1), t);
            free(t);
        }
        break;
    }
    blocks(w, body, SK_ST_BODY);
}

/* ---------- page layout ---------- */

enum { SECT_COVER, SECT_FRONT, SECT_BODY, SECT_FORM };

static void ref_elem(dw *w, const char *elem, const char *type, unsigned rid)
{
    char rs[16];
    snprintf(rs, sizeof rs, "rId%u", rid);
    sk_xmlw_leaf(w->x, elem, "w:type", type, "r:id", rs, NULL);
}

static void sect_pr(dw *w, int kind)
{
    sk_xmlw_start(w->x, "w:sectPr");
    if (kind == SECT_COVER) {
        ref_elem(w, "w:footerReference", "default", RID_FTR_COVER);
    } else if (kind != SECT_FORM) {
        ref_elem(w, "w:headerReference", "default", RID_HDR_ODD);
        ref_elem(w, "w:headerReference", "even", RID_HDR_EVEN);
        ref_elem(w, "w:footerReference", "default", RID_FTR_ODD);
        ref_elem(w, "w:footerReference", "even", RID_FTR_EVEN);
        sk_xmlw_val(w->x, "w:type", "w:val", "oddPage");
    }
    sk_xmlw_leaf(w->x, "w:pgSz", "w:w", "11906", "w:h", "16838", NULL);
    sk_xmlw_leaf(w->x, "w:pgMar", "w:top", "1418", "w:right", "1134", "w:bottom", "1134", "w:left", "1418",
                 "w:header", "851", "w:footer", "567", "w:gutter", "0", NULL);
    if (kind == SECT_FRONT || kind == SECT_BODY)
        sk_xmlw_leaf(w->x, "w:pgNumType", "w:fmt", kind == SECT_FRONT ? "upperRoman" : "decimal", "w:start", "1",
                     NULL);
    sk_xmlw_leaf(w->x, "w:cols", "w:space", "425", NULL);
    sk_xmlw_end(w->x);
}

/* The empty paragraph that ends a section. */
static void section_break(dw *w, int kind)
{
    sk_xmlw_start(w->x, "w:p");
    sk_xmlw_start(w->x, "w:pPr");
    sk_xmlw_val(w->x, "w:pStyle", "w:val", sid(w, SK_ST_SECTION_BREAK));
    sect_pr(w, kind);
    sk_xmlw_end(w->x);
    sk_xmlw_end(w->x);
}

static void para_text(dw *w, sk_style_role role, const char *text)
{
    if (!text)
        return;
    p_start(w, role);
    run(w, text, -1, 0);
    p_end(w);
}

static void cover(dw *w, const sk_cover *c)
{
    para_text(w, SK_ST_COVER_CODES, c->ics);
    para_text(w, SK_ST_COVER_CODES, c->ccs);
    if (!c->ics && !c->ccs)
        para_text(w, SK_ST_COVER_CODES, " ");
    para_text(w, SK_ST_COVER_LEVEL, c->level);
    para_text(w, SK_ST_COVER_NUMBER, c->number);
    para_text(w, SK_ST_COVER_REPLACES, c->replaces);
    p_start(w, SK_ST_COVER_RULE);
    p_end(w);
    para_text(w, SK_ST_COVER_TITLE, c->title);
    para_text(w, SK_ST_COVER_TITLE_EN, c->title_en);
    para_text(w, SK_ST_COVER_STAGE, c->stage);
    para_text(w, SK_ST_COVER_NOTE, c->patent);
    /* dates and issuer sit at the foot of the cover: they are the cover section's footer */
    section_break(w, SECT_COVER);
}

static void toc_entry_link(dw *w, const sk_toc_entry *e)
{
    char name[32], page[16], code[48];
    if (!bookmark_of(w, e->node, name)) {
        run(w, e->text, -1, 0);
        return;
    }
    sk_page_label(e->page, e->roman, page);
    snprintf(code, sizeof code, " PAGEREF %s \\h ", name);
    sk_xmlw_start(w->x, "w:hyperlink");
    sk_xmlw_attr(w->x, "w:anchor", name);
    sk_xmlw_attr(w->x, "w:history", "1");
    run(w, e->text, -1, 0);
    run_empty(w, "w:tab");
    fld_char(w, "begin");
    instr(w, code);
    fld_char(w, "separate");
    run(w, page, -1, 0);
    fld_char(w, "end");
    sk_xmlw_end(w->x);
}

static void toc(dw *w, const sk_toc *t)
{
    para_text(w, SK_ST_TOC_TITLE, SK_TOC_TITLE);
    if (!t->n) {
        p_start(w, SK_ST_TOC1);
        fld_char(w, "begin");
        instr(w, " TOC \\o \"1-2\" \\h \\z \\u ");
        fld_char(w, "separate");
        fld_char(w, "end");
        p_end(w);
        return;
    }
    for (size_t i = 0; i < t->n; i++) {
        const sk_toc_entry *e = &t->v[i];
        p_start(w, e->level <= 1 ? SK_ST_TOC1 : SK_ST_TOC2);
        if (i == 0) {
            fld_char(w, "begin");
            instr(w, " TOC \\o \"1-2\" \\h \\z \\u ");
            fld_char(w, "separate");
        }
        toc_entry_link(w, e);
        if (i + 1 == t->n)
            fld_char(w, "end");
        p_end(w);
    }
}

static int is_front(const sk_node *n)
{
    return n->type == SK_N_SECTION && (n->sect == SK_S_FOREWORD || n->sect == SK_S_INTRO);
}

/* Numbers every bookmark target in document order. */
static void number_targets(dw *w)
{
    unsigned k = 0;
    const sk_node *root = w->doc->root;
    for (const sk_node *n = root; n; n = sk_node_walk_next(root, n, 1)) {
        if (n->type != SK_N_SECTION && n->type != SK_N_TABLE && n->type != SK_N_FIGURE && n->type != SK_N_FORMULA)
            continue;
        char key[32];
        key_of(n, key);
        sk_map_put(&w->bm, key, (void *)(uintptr_t)++k);
    }
}

static void document(dw *w, const sk_cover *c, const sk_toc *t)
{
    sk_xmlw *x = w->x;
    sk_xmlw_start(x, "w:document");
    sk_xmlw_attr(x, "xmlns:w", NS_W);
    sk_xmlw_attr(x, "xmlns:r", NS_R);
    sk_xmlw_attr(x, "xmlns:wp", NS_WP);
    sk_xmlw_attr(x, "xmlns:a", NS_A);
    sk_xmlw_attr(x, "xmlns:pic", NS_PIC);
    sk_xmlw_start(x, "w:body");

    cover(w, c);
    toc(w, t);
    for (const sk_node *n = w->doc->root->first; n && !w->failed; n = n->next)
        if (is_front(n))
            section(w, n);
    section_break(w, SECT_FRONT);

    para_text(w, SK_ST_DOC_TITLE, c->title);
    for (const sk_node *n = w->doc->root->first; n && !w->failed; n = n->next)
        if (!is_front(n))
            block(w, n, SK_ST_BODY);
    p_start(w, SK_ST_END_RULE);
    p_end(w);
    sect_pr(w, SECT_BODY);
    sk_xmlw_end(x);
    sk_xmlw_end(x);
}

/* ---------- other parts ---------- */

static int finish(sk_xmlw *x, sk_pkg *pkg, const char *name, size_t *dropped, sk_err *err)
{
    char *data;
    size_t len;
    *dropped += sk_xmlw_dropped(x);
    if (sk_xmlw_finish(x, &data, &len, err) < 0)
        return -1;
    sk_pkg_add(pkg, name, data, len, SK_PKG_DEFLATE);
    return 0;
}

static void hdr_ftr(sk_xmlw *x, const sk_style_ids *ids, int footer, int odd, const char *number)
{
    sk_xmlw_start(x, footer ? "w:ftr" : "w:hdr");
    sk_xmlw_attr(x, "xmlns:w", NS_W);
    sk_xmlw_attr(x, "xmlns:r", NS_R);
    sk_xmlw_start(x, "w:p");
    sk_xmlw_start(x, "w:pPr");
    sk_xmlw_val(x, "w:pStyle", "w:val", ids->id[footer ? SK_ST_FOOTER : SK_ST_HEADER]);
    sk_xmlw_val(x, "w:jc", "w:val", odd ? "right" : "left");
    sk_xmlw_end(x);
    if (footer) {
        sk_xmlw_start(x, "w:fldSimple");
        sk_xmlw_attr(x, "w:instr", " PAGE \\* MERGEFORMAT ");
        sk_xmlw_start(x, "w:r");
        sk_xmlw_start(x, "w:t");
        sk_xmlw_text(x, "1");
        sk_xmlw_end(x);
        sk_xmlw_end(x);
        sk_xmlw_end(x);
    } else if (*number) {
        sk_xmlw_start(x, "w:r");
        sk_xmlw_start(x, "w:t");
        sk_xmlw_text(x, number);
        sk_xmlw_end(x);
        sk_xmlw_end(x);
    }
    sk_xmlw_end(x);
    sk_xmlw_end(x);
}

static void x_para(sk_xmlw *x, const char *style, const char *a, const char *b)
{
    sk_xmlw_start(x, "w:p");
    sk_xmlw_start(x, "w:pPr");
    sk_xmlw_val(x, "w:pStyle", "w:val", style);
    sk_xmlw_end(x);
    for (int i = 0; i < 2; i++) {
        const char *t = i ? b : a;
        if (!t)
            continue;
        sk_xmlw_start(x, "w:r");
        if (i)
            sk_xmlw_leaf(x, "w:tab", NULL);
        sk_xmlw_start(x, "w:t");
        sk_xmlw_text(x, t);
        sk_xmlw_end(x);
        sk_xmlw_end(x);
    }
    sk_xmlw_end(x);
}

/* The foot of the cover: 发布 and 实施 dates, a rule, the issuer. */
static void cover_footer(sk_xmlw *x, const sk_style_ids *ids, const sk_cover *c)
{
    sk_xmlw_start(x, "w:ftr");
    sk_xmlw_attr(x, "xmlns:w", NS_W);
    sk_xmlw_attr(x, "xmlns:r", NS_R);
    x_para(x, ids->id[SK_ST_COVER_DATES], c->issued, c->effective);
    x_para(x, ids->id[SK_ST_COVER_ISSUER], c->issuer ? c->issuer : "", NULL);
    sk_xmlw_end(x);
}

static void core_props(sk_xmlw *x, const sk_doc *doc, const sk_cover *c, const sk_docx_opts *o)
{
    char created[32], modified[32];
    sk_w3cdtf(o->created, created);
    sk_w3cdtf(o->modified, modified);
    sk_xmlw_start(x, "cp:coreProperties");
    sk_xmlw_attr(x, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
    sk_xmlw_attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    sk_xmlw_attr(x, "xmlns:dcterms", "http://purl.org/dc/terms/");
    sk_xmlw_attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    sk_xmlw_start(x, "dc:title");
    sk_xmlw_text(x, c->title);
    sk_xmlw_end(x);
    const char *issuer = sk_meta_get(doc->meta, ISSUER);
    if (!issuer && o->sys)
        issuer = o->sys->issuer;
    if (issuer) {
        sk_xmlw_start(x, "dc:creator");
        sk_xmlw_text(x, issuer);
        sk_xmlw_end(x);
    }
    sk_xmlw_start(x, "dc:identifier");
    sk_xmlw_text(x, c->number);
    sk_xmlw_end(x);
    sk_xmlw_start(x, "dc:language");
    sk_xmlw_text(x, "zh-CN");
    sk_xmlw_end(x);
    sk_xmlw_start(x, "dcterms:created");
    sk_xmlw_attr(x, "xsi:type", "dcterms:W3CDTF");
    sk_xmlw_text(x, created);
    sk_xmlw_end(x);
    sk_xmlw_start(x, "dcterms:modified");
    sk_xmlw_attr(x, "xsi:type", "dcterms:W3CDTF");
    sk_xmlw_text(x, modified);
    sk_xmlw_end(x);
    sk_xmlw_end(x);
}

static void app_props(sk_xmlw *x, int pages)
{
    sk_xmlw_start(x, "Properties");
    sk_xmlw_attr(x, "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
    sk_xmlw_attr(x, "xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes");
    sk_xmlw_start(x, "Application");
    sk_xmlw_text(x, "stdkit stdgen " SK_VERSION);
    sk_xmlw_end(x);
    sk_xmlw_start(x, "Pages");
    char n[16];
    snprintf(n, sizeof n, "%d", pages);
    sk_xmlw_text(x, n);
    sk_xmlw_end(x);
    sk_xmlw_end(x);
}

static void relationship(sk_xmlw *x, unsigned id, const char *type, const char *target, int external)
{
    char rid[16];
    snprintf(rid, sizeof rid, "rId%u", id);
    sk_xmlw_start(x, "Relationship");
    sk_xmlw_attr(x, "Id", rid);
    sk_xmlw_attr(x, "Type", type);
    sk_xmlw_attr(x, "Target", target);
    if (external)
        sk_xmlw_attr(x, "TargetMode", "External");
    sk_xmlw_end(x);
}

static void package_rels(sk_xmlw *x)
{
    sk_xmlw_start(x, "Relationships");
    sk_xmlw_attr(x, "xmlns", NS_PKG_REL);
    relationship(x, 1, REL "officeDocument", "word/document.xml", 0);
    relationship(x, 2, "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                 "docProps/core.xml", 0);
    relationship(x, 3, REL "extended-properties", "docProps/app.xml", 0);
    sk_xmlw_end(x);
}

static void document_rels(sk_xmlw *x, const dw *w)
{
    static const struct { unsigned id; const char *type, *target; } fixed[] = {
        { RID_STYLES, "styles", "styles.xml" },      { RID_SETTINGS, "settings", "settings.xml" },
        { RID_FONTS, "fontTable", "fontTable.xml" }, { RID_HDR_ODD, "header", "header1.xml" },
        { RID_HDR_EVEN, "header", "header2.xml" },   { RID_FTR_ODD, "footer", "footer1.xml" },
        { RID_FTR_EVEN, "footer", "footer2.xml" },   { RID_FTR_COVER, "footer", "footer3.xml" },
    };
    sk_xmlw_start(x, "Relationships");
    sk_xmlw_attr(x, "xmlns", NS_PKG_REL);
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        if (w->form_doc && fixed[i].id >= RID_HDR_ODD)
            continue; /* a form document has no headers or footers */
        char *type = sk_asprintf(REL "%s", fixed[i].type);
        relationship(x, fixed[i].id, type, fixed[i].target, 0);
        free(type);
    }
    for (size_t i = 0; i < w->rels.len; i++) {
        const rel *r = w->rels.items[i];
        char *type = sk_asprintf(REL "%s", r->type);
        relationship(x, RID_FIRST_FREE + (unsigned)i, type, r->target, r->external);
        free(type);
    }
    sk_xmlw_end(x);
}

static void content_types(sk_xmlw *x, const dw *w)
{
    static const struct { const char *part, *type; } over[] = {
        { "/word/document.xml", CT_WML "document.main+xml" },
        { "/word/styles.xml", CT_WML "styles+xml" },
        { "/word/settings.xml", CT_WML "settings+xml" },
        { "/word/fontTable.xml", CT_WML "fontTable+xml" },
        { "/word/header1.xml", CT_WML "header+xml" },
        { "/word/header2.xml", CT_WML "header+xml" },
        { "/word/footer1.xml", CT_WML "footer+xml" },
        { "/word/footer2.xml", CT_WML "footer+xml" },
        { "/word/footer3.xml", CT_WML "footer+xml" },
        { "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml" },
        { "/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml" },
    };
    int png = 0, jpeg = 0;
    for (size_t i = 0; i < w->media.len; i++) {
        const sk_asset *a = w->media.items[i];
        png |= a->info.type == SK_IMG_PNG;
        jpeg |= a->info.type == SK_IMG_JPEG;
    }
    sk_xmlw_start(x, "Types");
    sk_xmlw_attr(x, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
    sk_xmlw_leaf(x, "Default", "Extension", "rels", "ContentType", "application/vnd.openxmlformats-package.relationships+xml",
                 NULL);
    sk_xmlw_leaf(x, "Default", "Extension", "xml", "ContentType", "application/xml", NULL);
    if (png)
        sk_xmlw_leaf(x, "Default", "Extension", "png", "ContentType", "image/png", NULL);
    if (jpeg)
        sk_xmlw_leaf(x, "Default", "Extension", "jpeg", "ContentType", "image/jpeg", NULL);
    for (size_t i = 0; i < sizeof over / sizeof over[0]; i++)
        if (!w->form_doc || (!strstr(over[i].part, "/header") && !strstr(over[i].part, "/footer")))
            sk_xmlw_leaf(x, "Override", "PartName", over[i].part, "ContentType", over[i].type, NULL);
    sk_xmlw_end(x);
}

/* ---------- reference document ---------- */

struct sk_docx_ref {
    char *styles;
    size_t len;
    sk_style_ids ids;
};

const sk_style_ids *sk_docx_ref_ids(const sk_docx_ref *r)
{
    return &r->ids;
}

void sk_docx_ref_free(sk_docx_ref *r)
{
    if (!r)
        return;
    free(r->styles);
    sk_style_ids_free(&r->ids);
    free(r);
}

static xmlNode *child_w(xmlNode *n, const char *name)
{
    for (xmlNode *k = n ? n->children : NULL; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && !strcmp((const char *)k->name, name) && k->ns &&
            !strcmp((const char *)k->ns->href, NS_W))
            return k;
    return NULL;
}

static char *w_attr(xmlNode *n, const char *name)
{
    xmlChar *v = n ? xmlGetNsProp(n, BAD_CAST name, BAD_CAST NS_W) : NULL;
    char *s = v ? sk_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static char *style_name(xmlNode *st)
{
    char *nm = w_attr(child_w(st, "name"), "val");
    if (nm)
        for (char *p = nm; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
    return nm;
}

static void free_map_values(sk_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i])
            free(m->vals[i]);
    sk_map_free(m);
}

/* Rewrites a w:val reference (basedOn, next, link) through idmap. */
static void remap_val(xmlNode *st, const char *elem, const sk_map *idmap)
{
    xmlNode *e = child_w(st, elem);
    char *v = w_attr(e, "val");
    const char *to = v ? sk_map_get(idmap, v) : NULL;
    if (to)
        xmlSetNsProp(e, e->ns, BAD_CAST "val", BAD_CAST to);
    free(v);
}

static int merge_styles(sk_docx_ref *r, xmlDocPtr ref, sk_err *err)
{
    size_t tlen;
    const char *tpl = (const char *)sk_template_get("docx/styles.xml", &tlen);
    xmlDocPtr ours = tpl ? sk_xml_parse_safe(tpl, tlen, "templates/docx/styles.xml", err) : NULL;
    if (!ours)
        return -1;
    xmlNode *rroot = xmlDocGetRootElement(ref), *oroot = xmlDocGetRootElement(ours);
    sk_map by_name, ids, idmap; /* reference: name → id; reference ids; our id → final id */
    sk_map_init(&by_name);
    sk_map_init(&ids);
    sk_map_init(&idmap);
    int rc = -1;
    if (!rroot || strcmp((const char *)rroot->name, "styles")) {
        sk_err_set(err, "word/styles.xml has no w:styles root");
        goto done;
    }
    for (xmlNode *k = rroot->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE || strcmp((const char *)k->name, "style"))
            continue;
        char *id = w_attr(k, "styleId"), *nm = style_name(k);
        if (id) {
            sk_map_put(&ids, id, (void *)1);
            if (nm && !sk_map_get(&by_name, nm))
                sk_map_put(&by_name, nm, sk_strdup(id));
        }
        free(id);
        free(nm);
    }
    sk_vec add = { 0 };
    for (xmlNode *k = oroot->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE || strcmp((const char *)k->name, "style"))
            continue;
        char *id = w_attr(k, "styleId"), *nm = style_name(k);
        const char *theirs = nm ? sk_map_get(&by_name, nm) : NULL;
        if (id && theirs) {
            sk_map_put(&idmap, id, sk_strdup(theirs));
        } else if (id) {
            /* ours, under an id the reference does not use */
            char *nid = sk_strdup(id);
            for (int s = 2; sk_map_get(&ids, nid); s++) {
                free(nid);
                nid = sk_asprintf("%s%d", id, s);
            }
            sk_map_put(&ids, nid, (void *)1);
            sk_map_put(&idmap, id, nid);
            sk_vec_push(&add, k);
        }
        free(id);
        free(nm);
    }
    for (size_t i = 0; i < add.len; i++) {
        xmlNode *k = add.items[i];
        char *id = w_attr(k, "styleId");
        xmlSetNsProp(k, k->ns, BAD_CAST "styleId", BAD_CAST(const char *) sk_map_get(&idmap, id));
        xmlUnsetNsProp(k, k->ns, BAD_CAST "default");
        remap_val(k, "basedOn", &idmap);
        remap_val(k, "next", &idmap);
        remap_val(k, "link", &idmap);
        xmlAddChild(rroot, xmlDocCopyNode(k, ref, 1));
        free(id);
    }
    sk_vec_free(&add);
    xmlReconciliateNs(ref, rroot);
    sk_style_ids_init(&r->ids);
    for (int i = 0; i < SK_ST_COUNT; i++) {
        const char *to = sk_map_get(&idmap, sk_style_get((sk_style_role)i)->docx_id);
        if (to)
            sk_style_ids_set(&r->ids, (sk_style_role)i, to);
    }
    xmlChar *mem = NULL;
    int size = 0;
    xmlDocDumpMemoryEnc(ref, &mem, &size, "UTF-8");
    if (!mem) {
        sk_err_set(err, "cannot write the merged styles");
        goto done;
    }
    r->styles = sk_strndup((const char *)mem, (size_t)size);
    r->len = (size_t)size;
    xmlFree(mem);
    rc = 0;
done:
    free_map_values(&by_name);
    sk_map_free(&ids);
    free_map_values(&idmap);
    xmlFreeDoc(ours);
    return rc;
}

int sk_docx_ref_load(sk_docx_ref **out, const char *path, sk_err *err)
{
    sk_pkg_reader *rd = NULL;
    void *xml = NULL;
    sk_docx_ref *r = NULL;
    int rc = -1;
    if (sk_pkg_open(&rd, path, err) < 0)
        return -1;
    int got = sk_pkg_read_xml(rd, "word/styles.xml", &xml, err);
    if (got == 0)
        sk_err_at(err, path, 0, 0, "not a DOCX reference document (it has no word/styles.xml)");
    if (got <= 0)
        goto done;
    r = sk_calloc(1, sizeof *r);
    if (merge_styles(r, xml, err) < 0) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        sk_err_at(err, path, 0, 0, "%s", msg);
        goto done;
    }
    *out = r;
    r = NULL;
    rc = 0;
done:
    if (xml)
        xmlFreeDoc(xml);
    sk_docx_ref_free(r);
    sk_pkg_close(rd);
    return rc;
}

/* ---------- the package ---------- */

static void add_template(sk_pkg *pkg, const char *part, const char *tpl)
{
    size_t len = 0;
    const unsigned char *d = sk_template_get(tpl, &len);
    sk_pkg_add_copy(pkg, part, d ? d : (const unsigned char *)"", len, SK_PKG_DEFLATE);
}

/* Everything but word/document.xml (docxml, taken over) around it: content types,
 * relationships, properties, styles, settings, fonts, headers and footers (not in a
 * form document) and the media. */
static int package(dw *w, const sk_cover *c, int pages, char *docxml, size_t doclen, size_t *drop, sk_pkg **out,
                   sk_err *err)
{
    const sk_docx_opts *o = w->o;
    sk_pkg *pkg = sk_pkg_new();
    int rc = -1;
    sk_xmlw *x = sk_xmlw_new();
    content_types(x, w);
    if (finish(x, pkg, "[Content_Types].xml", drop, err) < 0)
        goto done;
    x = sk_xmlw_new();
    package_rels(x);
    if (finish(x, pkg, "_rels/.rels", drop, err) < 0)
        goto done;
    x = sk_xmlw_new();
    core_props(x, w->doc, c, o);
    if (finish(x, pkg, "docProps/core.xml", drop, err) < 0)
        goto done;
    x = sk_xmlw_new();
    app_props(x, pages);
    if (finish(x, pkg, "docProps/app.xml", drop, err) < 0)
        goto done;
    sk_pkg_add(pkg, "word/document.xml", docxml, doclen, SK_PKG_DEFLATE);
    docxml = NULL;
    x = sk_xmlw_new();
    document_rels(x, w);
    if (finish(x, pkg, "word/_rels/document.xml.rels", drop, err) < 0)
        goto done;
    if (o->ref)
        sk_pkg_add_copy(pkg, "word/styles.xml", o->ref->styles, o->ref->len, SK_PKG_DEFLATE);
    else
        add_template(pkg, "word/styles.xml", "docx/styles.xml");
    add_template(pkg, "word/settings.xml", "docx/settings.xml");
    add_template(pkg, "word/fontTable.xml", "docx/fontTable.xml");
    static const char *const hf[] = { "word/header1.xml", "word/header2.xml", "word/footer1.xml", "word/footer2.xml" };
    for (int i = 0; i < 4 && !w->form_doc; i++) {
        x = sk_xmlw_new();
        hdr_ftr(x, w->ids, i >= 2, i % 2 == 0, sk_front_header(w->doc));
        if (finish(x, pkg, hf[i], drop, err) < 0)
            goto done;
    }
    if (!w->form_doc) {
        x = sk_xmlw_new();
        cover_footer(x, w->ids, c);
        if (finish(x, pkg, "word/footer3.xml", drop, err) < 0)
            goto done;
    }
    for (size_t i = 0; i < w->media.len; i++) {
        const sk_asset *a = w->media.items[i];
        char name[48];
        snprintf(name, sizeof name, "word/media/image%u.%s", a->index, sk_image_ext(&a->info));
        /* images are compressed already */
        sk_pkg_add_copy(pkg, name, a->data, a->len, SK_PKG_STORE);
    }
    *out = pkg;
    pkg = NULL;
    rc = 0;
done:
    sk_pkg_free(pkg);
    free(docxml);
    return rc;
}

static void dw_init(dw *w, const sk_doc *doc, const sk_docx_opts *o, sk_style_ids *builtin, sk_err *err)
{
    memset(w, 0, sizeof *w);
    sk_style_ids_init(builtin);
    w->doc = doc;
    w->o = o;
    w->ids = o->ref ? sk_docx_ref_ids(o->ref) : builtin;
    w->err = err;
    sk_map_init(&w->bm);
    sk_map_init(&w->rel_by);
}

static void dw_free(dw *w, sk_style_ids *builtin)
{
    for (size_t i = 0; i < w->rels.len; i++) {
        rel *r = w->rels.items[i];
        free(r->type);
        free(r->target);
        free(r);
    }
    sk_vec_free(&w->rels);
    sk_vec_free(&w->media);
    sk_map_free(&w->rel_by);
    sk_map_free(&w->bm);
    sk_style_ids_free(builtin);
}

int sk_docx_build(sk_pkg **out, const sk_doc *doc, const sk_docx_opts *o, size_t *dropped, sk_err *err)
{
    dw w;
    sk_cover c;
    sk_toc t;
    sk_style_ids builtin;
    char *docxml = NULL;
    size_t doclen = 0;
    size_t drop = 0;
    int rc = -1;

    dw_init(&w, doc, o, &builtin, err);
    sk_cover_build(&c, doc, o->sys);
    sk_toc_build(&t, doc, o->assets);
    number_targets(&w);

    /* document.xml first: it decides the images and links the other parts list */
    w.x = sk_xmlw_new();
    document(&w, &c, &t);
    if (w.failed) {
        sk_xmlw_free(w.x);
        goto done;
    }
    drop += sk_xmlw_dropped(w.x);
    if (sk_xmlw_finish(w.x, &docxml, &doclen, err) < 0)
        goto done;
    if (package(&w, &c, 1 + t.front_pages + t.body_pages, docxml, doclen, &drop, out, err) < 0)
        goto done;
    if (dropped)
        *dropped = drop;
    rc = 0;
done:
    dw_free(&w, &builtin);
    sk_cover_free(&c);
    sk_toc_free(&t);
    return rc;
}

int sk_docx_build_form(sk_pkg **out, const sk_doc *doc, const sk_form_copies *fc, const sk_docx_opts *o,
                       size_t *dropped, sk_err *err)
{
    dw w;
    sk_cover c;
    sk_style_ids builtin;
    sk_docx_opts fo = *o;
    char *docxml = NULL;
    size_t doclen = 0, drop = 0;
    int rc = -1;

    fo.fill = fc->fill;
    dw_init(&w, doc, &fo, &builtin, err);
    w.form_doc = 1; /* no bookmarks: the copies would repeat their names */
    sk_cover_build(&c, doc, o->sys);
    free(c.title);
    c.title = sk_strdup(fc->form->title ? fc->form->title : "");

    w.x = sk_xmlw_new();
    sk_xmlw_start(w.x, "w:document");
    sk_xmlw_attr(w.x, "xmlns:w", NS_W);
    sk_xmlw_attr(w.x, "xmlns:r", NS_R);
    sk_xmlw_attr(w.x, "xmlns:wp", NS_WP);
    sk_xmlw_attr(w.x, "xmlns:a", NS_A);
    sk_xmlw_attr(w.x, "xmlns:pic", NS_PIC);
    sk_xmlw_start(w.x, "w:body");
    for (size_t i = 0; i < fc->n && !w.failed; i++) {
        if (fc->select)
            fc->select(fc->ctx, i);
        annex_title(&w, fc->form, i > 0);
        blocks(&w, fc->form->first, SK_ST_BODY);
    }
    sect_pr(&w, SECT_FORM);
    sk_xmlw_end(w.x);
    sk_xmlw_end(w.x);
    if (w.failed) {
        sk_xmlw_free(w.x);
        goto done;
    }
    drop += sk_xmlw_dropped(w.x);
    if (sk_xmlw_finish(w.x, &docxml, &doclen, err) < 0)
        goto done;
    if (package(&w, &c, (int)(fc->n < 1 ? 1 : fc->n > 100000 ? 100000 : fc->n), docxml, doclen, &drop, out, err) < 0)
        goto done;
    if (dropped)
        *dropped = drop;
    rc = 0;
done:
    dw_free(&w, &builtin);
    sk_cover_free(&c);
    return rc;
}
