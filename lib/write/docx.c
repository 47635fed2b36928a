#include "write/docx.h"

#include <errno.h>
#include "base/libxml.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "layout/labels.h"
#include "base/fs.h"
#include "base/templates.h"
#include "layout/layout.h"
#include "base/xml.h"
#include "base/xmlw.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"
#define NS_M "http://schemas.openxmlformats.org/officeDocument/2006/math"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* Fixed relationship ids of word/document.xml; images and links follow. */
enum {
    RID_STYLES = 1, RID_SETTINGS, RID_FONTS, RID_HDR_ODD, RID_HDR_EVEN, RID_FTR_ODD, RID_FTR_EVEN, RID_FTR_COVER,
    RID_FIRST_FREE,
    /* a form's page marks (sk_layout_form_marks): numbers past any document's own */
    RID_FORM_HDR = 9001, RID_FORM_HDR_FIRST, RID_FORM_FTR
};

typedef struct rel {
    char *type;   /* last segment of the relationship type */
    char *target;
    int external;
    unsigned id;
} rel;

/* A run of QR code images of a streamed form document: count relationships from
 * rId first_id to media/image(first_index).png on, each one more. */
typedef struct qr_run {
    unsigned first_id, first_index;
    size_t count;
} qr_run;

/* The QR code images of a streamed form document, kept out of memory until they
 * are written after word/document.xml: in mem while small, then in a temporary
 * file; each as its index, its length (4 bytes each) and its PNG. */
typedef struct qr_spill {
    sk_buf mem;
    FILE *f;
    int failed;
    int rewound;       /* f is being read back */
    size_t n;          /* images not read back yet */
    size_t rd;         /* the read offset in mem */
} qr_spill;

/* The writer: the sink of lib/walk.h for WordprocessingML. */
typedef struct dw {
    const sk_doc *doc;
    const sk_docx_opts *o;
    const sk_style_ids *ids;
    sk_xmlw *x;
    sk_zip_deflater *docz; /* word/document.xml deflated as it is written (write_document) */
    unsigned bm_id;    /* last w:bookmarkStart w:id */
    unsigned docpr;    /* next wp:docPr id */
    sk_vec rels;       /* rel*, in the order of their ids */
    unsigned nrid;     /* ids given (rId RID_FIRST_FREE + nrid is the next) */
    int qr_stream;     /* a streamed form document: QR images go to qr, not media */
    int qr_more;       /* ... of more than one copy */
    sk_vec qr_runs;    /* qr_run*, in the order of their ids */
    qr_spill qr;
    sk_map rel_by;     /* target → rId number */
    sk_vec media;      /* const sk_asset* written to word/media, one per file */
    int form_doc;      /* a form document (sk_docx_build_form): no headers or footers */
    int paper;         /* a paper (sk_docx_build_paper): its page kind (SK_PAGE_PAPER…), else 0;
                          no headers, one footer with the page number */
    int skip_cell;     /* the open grid position writes no w:tc */
    int cols;          /* columns of the text being written (0: one, the body not split) */
    int land;          /* the open section is on landscape pages */
    int want_land;     /* the layout asked for landscape pages (on_landscape): turned at the next block */
    int sect_new_page; /* the open section (after the body's first) starts on a new page */
    int in_blank;      /* the open section is the blank page before the body (on_blank_page) */
    unsigned rid_blank_hdr, rid_blank_ftr; /* its empty header and footer (0: none written) */
    sk_mark mark;      /* the runs being written are inserted or deleted (a redline) */
    unsigned chg_id;   /* last w:ins / w:del w:id */
    char date[32];     /* their w:date */
    int wide;          /* a form on landscape A4 (SK_PAGE_FORM_WIDE) */
    int row_h;         /* the next row's least height (sink row_height), 0 none */
    sk_vec own_media;  /* sk_asset* copies of generated images (a form's QR codes), ours to free */
    int has_marks;     /* a form whose pages carry （续） and 第 N 页 共 M 页 */
    sk_form_marks marks;
} dw;

/* w:id of tracked changes: apart from the bookmarks' (which count from 1) */
#define CHANGE_ID_BASE 1000000u

/* ---------- small writers ---------- */

static const char *sid(dw *w, sk_style_role r)
{
    return w->ids->id[r];
}

static int needs_preserve(const char *s, size_t n)
{
    if (!n)
        return 0;
    if (s[0] == ' ' || s[n - 1] == ' ')
        return 1;
    /* two spaces in a row, from space to space: this runs for every run of text,
     * and memmem's set-up cost more than the search */
    const char *end = s + n;
    for (const char *p = s; (p = memchr(p, ' ', (size_t)(end - p))) && p + 1 < end; p++)
        if (p[1] == ' ')
            return 1;
    return 0;
}

/* <w:ins> or <w:del> with its id, author and date: around runs, or (leaf) on a
 * paragraph mark or a row. */
static void change_elem(dw *w, sk_mark m, int leaf)
{
    sk_xmlw_start(w->x, m == SK_MARK_INS ? "w:ins" : "w:del");
    sk_xmlw_attr_int(w->x, "w:id", CHANGE_ID_BASE + ++w->chg_id);
    sk_xmlw_attr(w->x, "w:author", w->o->author && *w->o->author ? w->o->author : "stdkit");
    sk_xmlw_attr(w->x, "w:date", w->date);
    if (leaf)
        sk_xmlw_end(w->x);
}

static void run_open(dw *w)
{
    if (w->mark)
        change_elem(w, w->mark, 0);
}

static void run_close(dw *w)
{
    if (w->mark)
        sk_xmlw_end(w->x);
}

/* Length of s's first piece: up to the first LF, TAB or CR. The three are below
 * 0x0E, so eight bytes at a time are passed over while none of them is (the
 * test for a byte below 0x0E in a word); this runs over every byte of text. */
static size_t piece_len(const char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    size_t k = 0;
    for (; k + 8 <= n; k += 8) {
        uint64_t x;
        memcpy(&x, s + k, 8);
        if ((x - ones * 0x0E) & ~x & highs)
            break;
    }
    while (k < n && ((unsigned char)s[k] > '\r' || (s[k] != '\n' && s[k] != '\t' && s[k] != '\r')))
        k++;
    return k;
}

/* w:t pieces of text: LF becomes w:br, TAB w:tab (never literal in w:t); deleted
 * text is w:delText. */
static void text_pieces(dw *w, const char *s)
{
    size_t n = strlen(s);
    while (n) {
        size_t k = piece_len(s, n);
        if (k) {
            sk_xmlw_start(w->x, w->mark == SK_MARK_DEL ? "w:delText" : "w:t");
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

static void run_empty(dw *w, const char *elem)
{
    run_open(w);
    sk_xmlw_start(w->x, "w:r");
    sk_xmlw_leaf(w->x, elem, NULL);
    sk_xmlw_end(w->x);
    run_close(w);
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

/* The next relationship id, past the form marks' fixed ones. */
static unsigned next_rid(dw *w)
{
    unsigned id = RID_FIRST_FREE + w->nrid++;
    if (w->has_marks && id >= RID_FORM_HDR && id <= RID_FORM_FTR) {
        w->nrid += RID_FORM_FTR + 1 - id;
        id = RID_FORM_FTR + 1;
    }
    return id;
}

static void spill_put(qr_spill *q, const void *p, size_t n)
{
    if (q->f) {
        if (fwrite(p, 1, n, q->f) != n)
            q->failed = 1;
        return;
    }
    sk_buf_put(&q->mem, p, n);
    if (q->mem.len > (1u << 20)) { /* a batch of many: the rest into a file */
        char *tmpl;
        int fd = sk_fs_scratch(&tmpl, "qr");
        if (fd >= 0) {
            unlink(tmpl); /* gone with the descriptor */
            q->f = fdopen(fd, "w+b");
            if (!q->f)
                close(fd);
        }
        free(tmpl);
        if (!q->f || fwrite(q->mem.data, 1, q->mem.len, q->f) != q->mem.len)
            q->failed = 1;
        sk_buf_clear(&q->mem);
    }
}

/* A QR code image of a streamed form document: its PNG to the spill, its
 * relationship to a run; returns the relationship's number. */
static unsigned qr_add(dw *w, const sk_asset *a)
{
    unsigned char h[8];
    uint32_t len = (uint32_t)a->len;
    memcpy(h, &a->index, 4);
    memcpy(h + 4, &len, 4);
    spill_put(&w->qr, h, sizeof h);
    spill_put(&w->qr, a->data, a->len);
    w->qr.n++;
    unsigned id = next_rid(w);
    qr_run *last = w->qr_runs.len ? w->qr_runs.items[w->qr_runs.len - 1] : NULL;
    if (last && last->first_id + last->count == id && last->first_index + last->count == a->index) {
        last->count++;
    } else {
        qr_run *r = sk_calloc(1, sizeof *r);
        *r = (qr_run){ id, a->index, 1 };
        sk_vec_push(&w->qr_runs, r);
    }
    return id;
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
        id = r->id = next_rid(w);
        sk_map_put(&w->rel_by, key, (void *)(uintptr_t)id);
    }
    free(key);
    return id;
}

/* ---------- the sink: paragraphs and runs ---------- */

/* SECT_BODY_MORE: a later part of the body (after a change in columns): it goes on
 * on the same page and does not restart the page numbers */
enum { SECT_COVER, SECT_FRONT, SECT_BODY, SECT_FORM, SECT_BODY_MORE, SECT_PAPER, SECT_BLANK };
static void section_break(dw *w, int kind);
static void on_columns(void *ctx, int n);
static void turn_page(dw *w);
static void on_landscape(void *ctx, int on);

static void on_page(void *ctx, sk_page_kind kind)
{
    dw *w = ctx;
    /* a section ends with its last paragraph: the new part closes the one before */
    if (kind == SK_PAGE_FRONT)
        section_break(w, SECT_COVER);
    else if (kind == SK_PAGE_BODY)
        section_break(w, w->in_blank ? SECT_BLANK : SECT_FRONT);
    else if (kind == SK_PAGE_FORM_WIDE)
        w->wide = 1;
    w->in_blank = 0;
}

/* The front matter ends; the blank page before the body is a section of its own, on a
 * new page, whose header and footer are empty parts (a section without references
 * would take the front matter's). */
static void on_blank_page(void *ctx)
{
    dw *w = ctx;
    section_break(w, SECT_FRONT);
    w->in_blank = 1;
    w->rid_blank_hdr = add_rel(w, "header", "header3.xml", 0);
    w->rid_blank_ftr = add_rel(w, "footer", "footer5.xml", 0);
}

static void on_para_start(void *ctx, sk_style_role role, const sk_para_opts *o)
{
    dw *w = ctx;
    static const char *const jc[] = { NULL, "left", "center", "right" };
    turn_page(w);
    sk_xmlw_start(w->x, "w:p");
    sk_xmlw_start(w->x, "w:pPr");
    sk_xmlw_val(w->x, "w:pStyle", "w:val", sid(w, role));
    if (o && o->keep)
        sk_xmlw_leaf(w->x, "w:keepNext", NULL);
    if (o && o->page_break > 0)
        sk_xmlw_leaf(w->x, "w:pageBreakBefore", NULL);
    else if (o && o->page_break < 0)
        sk_xmlw_val(w->x, "w:pageBreakBefore", "w:val", "0");
    if (o && o->space_before > 0) {
        sk_xmlw_start(w->x, "w:spacing");
        sk_xmlw_attr_int(w->x, "w:before", o->space_before);
        sk_xmlw_end(w->x);
    }
    if (o && o->align > 0 && o->align < 4 && role == SK_ST_BODY) /* a line of text set flush: no indent */
        sk_xmlw_leaf(w->x, "w:ind", "w:firstLineChars", "0", "w:firstLine", "0", NULL);
    if (o && o->align > 0 && o->align < 4)
        sk_xmlw_val(w->x, "w:jc", "w:val", jc[o->align]);
    if (o && o->mark) { /* the paragraph mark inserted or deleted */
        sk_xmlw_start(w->x, "w:rPr");
        change_elem(w, o->mark, 1);
        sk_xmlw_end(w->x);
    }
    sk_xmlw_end(w->x);
}

/* Hands what document.xml has written so far to its deflater, every 256 KB (all
 * of it at the end): each piece is deflated while it is in the cache. */
enum { DOCZ_PIECE = 1 << 18 };

static void docz_put(void *ctx, const char *s, size_t n)
{
    sk_zip_deflater_feed(ctx, s, n); /* a failure is kept: sk_zip_add_deflated reports it */
}

static void docz_drain(dw *w, int all)
{
    if (sk_xmlw_pending(w->x) >= (all ? 1 : DOCZ_PIECE))
        sk_xmlw_hand(w->x, docz_put, w->docz);
}

static void on_para_end(void *ctx)
{
    dw *w = ctx;
    sk_xmlw_end(w->x);
    if (w->docz)
        docz_drain(w, 0);
}

static void on_text(void *ctx, const char *text, int cstyle, unsigned direct)
{
    dw *w = ctx;
    run_open(w);
    sk_xmlw_start(w->x, "w:r");
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
    run_close(w);
}

static void on_change(void *ctx, sk_mark m)
{
    ((dw *)ctx)->mark = m;
}

static void on_tab(void *ctx)
{
    run_empty(ctx, "w:tab");
}

static void on_line_break(void *ctx)
{
    run_empty(ctx, "w:br");
}

static void on_anchor_start(void *ctx, const char *name)
{
    dw *w = ctx;
    sk_xmlw_start(w->x, "w:bookmarkStart");
    sk_xmlw_attr_int(w->x, "w:id", ++w->bm_id);
    sk_xmlw_attr(w->x, "w:name", name);
    sk_xmlw_end(w->x);
}

static void on_anchor_end(void *ctx, const char *name)
{
    dw *w = ctx;
    (void)name; /* bookmarks never nest: the end closes the last start */
    sk_xmlw_start(w->x, "w:bookmarkEnd");
    sk_xmlw_attr_int(w->x, "w:id", w->bm_id);
    sk_xmlw_end(w->x);
}

static void on_link_start(void *ctx, const char *anchor, const char *url)
{
    dw *w = ctx;
    sk_xmlw_start(w->x, "w:hyperlink");
    if (anchor) {
        sk_xmlw_attr(w->x, "w:anchor", anchor);
    } else {
        char rid[16];
        snprintf(rid, sizeof rid, "rId%u", add_rel(w, "hyperlink", url, 1));
        sk_xmlw_attr(w->x, "r:id", rid);
    }
    sk_xmlw_attr(w->x, "w:history", "1");
}

static void on_link_end(void *ctx)
{
    sk_xmlw_end(((dw *)ctx)->x);
}

/* ---------- the sink: figures ---------- */

static void on_image(void *ctx, const sk_asset *a, long long cx, long long cy, const char *label, int first)
{
    dw *w = ctx;
    unsigned qr_rid = 0;
    if (w->qr_stream && !a->fig) /* a QR code of a streamed form: not kept */
        qr_rid = qr_add(w, a);
    else if (first && !a->fig) { /* generated (a QR code): it lives for this call only */
        sk_asset *c = sk_calloc(1, sizeof *c);
        *c = *a;
        c->path = NULL;
        c->data = sk_malloc(a->len ? a->len : 1);
        memcpy(c->data, a->data, a->len);
        sk_vec_push(&w->own_media, c);
        a = c;
    }
    if (first && !qr_rid)
        sk_vec_push(&w->media, (void *)a);
    char target[40], rs[16], name[32];
    snprintf(target, sizeof target, "media/image%u.%s", a->index, sk_image_ext(&a->info));
    snprintf(rs, sizeof rs, "rId%u", qr_rid ? qr_rid : add_rel(w, "image", target, 0));
    snprintf(name, sizeof name, "image%u.%s", a->index, sk_image_ext(&a->info));
    unsigned id = ++w->docpr;
    run_open(w);
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
    run_close(w);
}

/* ---------- the sink: tables ---------- */

static void on_table_start(void *ctx, const sk_node *n, const sk_grid *g)
{
    dw *w = ctx;
    (void)n;
    turn_page(w);
    sk_xmlw_start(w->x, "w:tbl");
    sk_xmlw_start(w->x, "w:tblPr");
    sk_xmlw_val(w->x, "w:tblStyle", "w:val", sid(w, SK_ST_TABLE));
    int total = 0;
    for (int c = 0; c < g->t->ncols; c++)
        total += g->width[c];
    sk_xmlw_start(w->x, "w:tblW");
    sk_xmlw_attr_int(w->x, "w:w", total);
    sk_xmlw_attr(w->x, "w:type", "dxa");
    sk_xmlw_end(w->x);
    sk_xmlw_val(w->x, "w:jc", "w:val", "center");
    sk_xmlw_val(w->x, "w:tblLayout", "w:type", "fixed");
    sk_xmlw_leaf(w->x, "w:tblLook", "w:val", "04A0", "w:firstRow", "1", "w:lastRow", "0", "w:firstColumn", "0",
                 "w:lastColumn", "0", "w:noHBand", "1", "w:noVBand", "1", NULL);
    sk_xmlw_end(w->x);
    sk_xmlw_start(w->x, "w:tblGrid");
    for (int c = 0; c < g->t->ncols; c++) {
        sk_xmlw_start(w->x, "w:gridCol");
        sk_xmlw_attr_int(w->x, "w:w", g->width[c]);
        sk_xmlw_end(w->x);
    }
    sk_xmlw_end(w->x);
}

static void on_row_height(void *ctx, int twips)
{
    ((dw *)ctx)->row_h = twips;
}

static void on_row_start(void *ctx, sk_row_kind kind, sk_mark mark)
{
    dw *w = ctx;
    sk_xmlw_start(w->x, "w:tr");
    if (kind == SK_ROW_NOTES && !mark) {
        w->row_h = 0;
        return;
    }
    sk_xmlw_start(w->x, "w:trPr");
    if (kind != SK_ROW_NOTES)
        sk_xmlw_leaf(w->x, "w:cantSplit", NULL);
    if (w->row_h > 0) {
        sk_xmlw_start(w->x, "w:trHeight");
        sk_xmlw_attr_int(w->x, "w:val", w->row_h);
        sk_xmlw_attr(w->x, "w:hRule", "atLeast");
        sk_xmlw_end(w->x);
    } else if (kind == SK_ROW_FIELDS) {
        sk_xmlw_leaf(w->x, "w:trHeight", "w:val", "454", "w:hRule", "atLeast", NULL);
    }
    w->row_h = 0;
    if (kind == SK_ROW_HEADER)
        sk_xmlw_leaf(w->x, "w:tblHeader", NULL);
    if (mark) /* the row inserted or deleted */
        change_elem(w, mark, 1);
    sk_xmlw_end(w->x);
}

/* A grid position: w:tc with its properties (a covered position is no w:tc:
 * the gridSpan or the vMerge of another cell stands for it). */
static void on_cell_start(void *ctx, const sk_tcell *c)
{
    dw *w = ctx;
    w->skip_cell = c->kind == SK_TC_COVERED;
    if (w->skip_cell)
        return;
    sk_xmlw_start(w->x, "w:tc");
    sk_xmlw_start(w->x, "w:tcPr");
    sk_xmlw_start(w->x, "w:tcW");
    sk_xmlw_attr_int(w->x, "w:w", c->width);
    sk_xmlw_attr(w->x, "w:type", "dxa");
    sk_xmlw_end(w->x);
    if (c->colspan > 1) {
        sk_xmlw_start(w->x, "w:gridSpan");
        sk_xmlw_attr_int(w->x, "w:val", c->colspan);
        sk_xmlw_end(w->x);
    }
    if (c->kind == SK_TC_MERGED)
        sk_xmlw_leaf(w->x, "w:vMerge", NULL);
    else if (c->rowspan > 1)
        sk_xmlw_val(w->x, "w:vMerge", "w:val", "restart");
    if (c->rule_below) {
        sk_xmlw_start(w->x, "w:tcBorders");
        sk_xmlw_leaf(w->x, "w:bottom", "w:val", "single", "w:sz", "12", "w:space", "0", "w:color", "auto", NULL);
        sk_xmlw_end(w->x);
    }
    sk_xmlw_val(w->x, "w:vAlign", "w:val", "center");
    sk_xmlw_end(w->x);
    if (c->kind == SK_TC_MERGED)
        sk_xmlw_leaf(w->x, "w:p", NULL); /* every w:tc holds a paragraph */
}

static void on_cell_end(void *ctx)
{
    dw *w = ctx;
    if (!w->skip_cell)
        sk_xmlw_end(w->x);
    w->skip_cell = 0;
}

static void on_end(void *ctx)
{
    sk_xmlw_end(((dw *)ctx)->x);
}

/* ---------- the sink: the 目次 ---------- */

static void on_toc_start(void *ctx, const sk_toc *t)
{
    (void)ctx;
    (void)t; /* the TOC field opens in the first entry's paragraph */
}

static void on_toc_entry(void *ctx, const sk_toc_entry *e, const char *anchor, const char *page, int first, int last)
{
    dw *w = ctx;
    if (first) {
        fld_char(w, "begin");
        instr(w, " TOC \\f \\l \"1-2\" \\h \\z ");
        fld_char(w, "separate");
    }
    if (e && !anchor) {
        on_text(w, e->text, -1, 0);
    } else if (e) {
        char code[48];
        snprintf(code, sizeof code, " PAGEREF %s \\h ", anchor);
        on_link_start(w, anchor, NULL);
        on_text(w, e->text, -1, 0);
        run_empty(w, "w:tab");
        fld_char(w, "begin");
        instr(w, code);
        fld_char(w, "separate");
        on_text(w, page, -1, 0);
        fld_char(w, "end");
        on_link_end(w);
    }
    if (last)
        fld_char(w, "end");
}

static void on_toc_end(void *ctx)
{
    (void)ctx;
}

/* A TC field: the 目次 entry Word's TOC \f \l regeneration takes (the heading's own
 * text would lose the gap after 附录A（资料性）, whose line breaks Word drops, and keep
 * the spacing of 前　　言). */
static void on_toc_mark(void *ctx, const char *text, int level)
{
    dw *w = ctx;
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, " TC \"");
    for (const char *p = text; *p; p++) {
        if (*p == '"' || *p == '\\')
            sk_buf_putc(&b, '\\');
        sk_buf_putc(&b, *p == '\n' || *p == '\t' ? ' ' : *p);
    }
    sk_buf_printf(&b, "\" \\l %d ", level);
    fld_char(w, "begin");
    instr(w, b.data);
    fld_char(w, "end");
    sk_buf_free(&b);
}

/* ---------- the sink: formulas (OMML) ---------- */

/* OMML of a formula: the walk (texmath.h) names the nodes, this names their markup. */
static void om_run(sk_xmlw *x, const char *t, const char *prop)
{
    sk_xmlw_start(x, "m:r");
    if (prop) {
        sk_xmlw_start(x, "m:rPr");
        sk_xmlw_leaf(x, prop, NULL);
        sk_xmlw_end(x);
    }
    sk_xmlw_start(x, "m:t");
    if (needs_preserve(t, strlen(t)))
        sk_xmlw_attr(x, "xml:space", "preserve");
    sk_xmlw_text(x, t);
    sk_xmlw_end(x);
    sk_xmlw_end(x);
}

/* Letters are italic and the rest upright by default. Names (\mathrm, sin, Δ) and text
 * are normal text, upright; brackets and the characters a reader's linear format takes
 * for operators (| # & % !) are literal, so an unpaired one stays a character. */
static void om_atom(void *ctx, const sk_math *m)
{
    const char *t = m->text ? m->text : "";
    const char *prop = NULL;
    if (m->kind == SK_MATH_NAME || m->kind == SK_MATH_TEXT)
        prop = "m:nor";
    else if (m->kind == SK_MATH_OP && ((t[0] && !t[1] && strchr("()[]|#&%!", t[0])) || !strcmp(t, "\xE2\x80\x96")))
        prop = "m:lit";
    om_run(((dw *)ctx)->x, t, prop);
}

/* The properties that follow a structure's element. */
static void om_props(sk_xmlw *x, const sk_math *m, sk_math_shape sh)
{
    if (sh == SK_MS_SQRT) {
        sk_xmlw_start(x, "m:radPr");
        sk_xmlw_val(x, "m:degHide", "m:val", "1");
    } else if (sh == SK_MS_NARY) {
        sk_xmlw_start(x, "m:naryPr");
        sk_xmlw_val(x, "m:chr", "m:val", m->text);
        sk_xmlw_val(x, "m:limLoc", "m:val", sk_math_nary_side(m) ? "subSup" : "undOvr");
        if (!m->kid[0])
            sk_xmlw_val(x, "m:subHide", "m:val", "1");
        if (!m->kid[1])
            sk_xmlw_val(x, "m:supHide", "m:val", "1");
    } else if (sh == SK_MS_FENCE) {
        sk_xmlw_start(x, "m:dPr");
        sk_xmlw_val(x, "m:begChr", "m:val", m->open);
        sk_xmlw_val(x, "m:endChr", "m:val", m->close);
    } else if (sh == SK_MS_ARRAY) { /* each column's alignment */
        static const char *const jc[] = { "left", "center", "right" };
        sk_xmlw_start(x, "m:mPr");
        sk_xmlw_start(x, "m:mcs");
        for (size_t c = 0; c < m->ncols; c++) {
            sk_xmlw_start(x, "m:mc");
            sk_xmlw_start(x, "m:mcPr");
            sk_xmlw_val(x, "m:count", "m:val", "1");
            sk_xmlw_val(x, "m:mcJc", "m:val", jc[sk_math_array_align(m, c) + 1]);
            sk_xmlw_end(x);
            sk_xmlw_end(x);
        }
        sk_xmlw_end(x);
    } else if (sh == SK_MS_ACCENT || sh == SK_MS_BAR) {
        sk_xmlw_start(x, sh == SK_MS_BAR ? "m:barPr" : "m:accPr");
        if (sh == SK_MS_BAR)
            sk_xmlw_val(x, "m:pos", "m:val", "top");
        else
            sk_xmlw_val(x, "m:chr", "m:val", sk_math_accent_get(m->accent)->combining);
    } else {
        return;
    }
    sk_xmlw_end(x);
}

/* OMML's element per shape (a group has none: its runs go where it stands). */
static const char *const om_elem[SK_MS_COUNT] = { NULL, "m:f", "m:sSub", "m:sSup", "m:sSubSup", "m:rad", "m:rad",
                                                  "m:nary", "m:d", "m:acc", "m:bar", "m:m" };

static void om_begin(void *ctx, const sk_math *m)
{
    sk_math_shape sh = sk_math_shape_of(m);
    if (!om_elem[sh])
        return;
    sk_xmlw_start(((dw *)ctx)->x, om_elem[sh]);
    om_props(((dw *)ctx)->x, m, sh);
}

/* Each part is an element of its own; OMML wants a root's degree and an n-ary's limits
 * even when empty (hidden by the properties above), a script only when written. */
static void om_part(void *ctx, const sk_math *m, sk_math_part p, int present, int start)
{
    static const char *const elem[] = {
        [SK_MP_NUM] = "m:num", [SK_MP_DEN] = "m:den", [SK_MP_BASE] = "m:e", [SK_MP_SUB] = "m:sub",
        [SK_MP_SUP] = "m:sup", [SK_MP_DEGREE] = "m:deg", [SK_MP_RADICAND] = "m:e", [SK_MP_LOWER] = "m:sub",
        [SK_MP_UPPER] = "m:sup", [SK_MP_BODY] = "m:e", [SK_MP_INNER] = "m:e", [SK_MP_ROW] = "m:mr",
        [SK_MP_CELL] = "m:e",
    };
    sk_xmlw *x = ((dw *)ctx)->x;
    if (m->kind == SK_MATH_SCRIPT && p != SK_MP_BASE && !sk_math_part_of(m, p))
        return;
    if (!start) {
        sk_xmlw_end(x);
        return;
    }
    sk_xmlw_start(x, elem[p]);
    /* an empty base or summand ({}^{14}C) holds an empty run of text, not a placeholder */
    if (!present && p != SK_MP_DEGREE && p != SK_MP_LOWER && p != SK_MP_UPPER)
        om_run(x, "", "m:nor");
}

static void om_end(void *ctx, const sk_math *m)
{
    if (om_elem[sk_math_shape_of(m)])
        sk_xmlw_end(((dw *)ctx)->x);
}

/* A formula or a 式中 symbol: m:oMath in the paragraph, between its tabs. */
static void on_formula(void *ctx, const sk_math *m, int display)
{
    dw *w = ctx;
    (void)display; /* the GB Formula paragraph centres it; a symbol stands in its text */
    sk_math_sink s = { .ctx = w, .atom = om_atom, .begin = om_begin, .part = om_part, .end = om_end };
    sk_xmlw_start(w->x, "m:oMath");
    sk_math_walk(m, &s);
    sk_xmlw_end(w->x);
}

static void on_page_field(void *ctx, int count)
{
    dw *w = ctx;
    sk_xmlw_start(w->x, "w:fldSimple");
    sk_xmlw_attr(w->x, "w:instr", count ? " NUMPAGES \\* MERGEFORMAT " : " PAGE \\* MERGEFORMAT ");
    sk_xmlw_start(w->x, "w:r");
    sk_xmlw_start(w->x, "w:t");
    sk_xmlw_text(w->x, "1");
    sk_xmlw_end(w->x);
    sk_xmlw_end(w->x);
    sk_xmlw_end(w->x);
}

static sk_sink docx_sink(dw *w)
{
    return (sk_sink){ .ctx = w, .page = on_page, .para_start = on_para_start, .para_end = on_para_end,
                      .text = on_text, .tab = on_tab, .line_break = on_line_break, .anchor_start = on_anchor_start,
                      .anchor_end = on_anchor_end, .link_start = on_link_start, .link_end = on_link_end,
                      .image = on_image, .table_start = on_table_start, .row_start = on_row_start,
                      .cell_start = on_cell_start, .cell_end = on_cell_end, .row_end = on_end, .table_end = on_end,
                      .toc_start = on_toc_start, .toc_entry = on_toc_entry, .toc_end = on_toc_end,
                      .toc_mark = on_toc_mark, .formula = on_formula, .columns = on_columns,
                      .landscape = on_landscape, .blank_page = on_blank_page, .change = on_change,
                      .row_height = on_row_height, .page_field = on_page_field };
}

/* ---------- page layout ---------- */

static void ref_elem(dw *w, const char *elem, const char *type, unsigned rid)
{
    char rs[16];
    snprintf(rs, sizeof rs, "rId%u", rid);
    sk_xmlw_leaf(w->x, elem, "w:type", type, "r:id", rs, NULL);
}

static void sect_pr(dw *w, int kind)
{
    sk_xmlw_start(w->x, "w:sectPr");
    if (kind == SECT_FORM && w->has_marks) {
        /* settings.xml has even and odd headers (the standards' mirrored pages) */
        ref_elem(w, "w:headerReference", "default", RID_FORM_HDR);
        ref_elem(w, "w:headerReference", "even", RID_FORM_HDR);
        ref_elem(w, "w:headerReference", "first", RID_FORM_HDR_FIRST);
        ref_elem(w, "w:footerReference", "default", RID_FORM_FTR);
        ref_elem(w, "w:footerReference", "even", RID_FORM_FTR);
        ref_elem(w, "w:footerReference", "first", RID_FORM_FTR);
    }
    int wide = w->wide || (kind == SECT_PAPER && w->paper == SK_PAGE_PAPER_WIDE);
    if (kind == SECT_COVER) {
        ref_elem(w, "w:footerReference", "default", RID_FTR_COVER);
    } else if (kind == SECT_PAPER) {
        /* one footer on odd and even pages alike (settings.xml has w:evenAndOddHeaders) */
        ref_elem(w, "w:footerReference", "default", RID_FTR_ODD);
        ref_elem(w, "w:footerReference", "even", RID_FTR_ODD);
    } else if (kind == SECT_BLANK) {
        ref_elem(w, "w:headerReference", "default", w->rid_blank_hdr);
        ref_elem(w, "w:headerReference", "even", w->rid_blank_hdr);
        ref_elem(w, "w:footerReference", "default", w->rid_blank_ftr);
        ref_elem(w, "w:footerReference", "even", w->rid_blank_ftr);
        sk_xmlw_val(w->x, "w:type", "w:val", "nextPage");
    } else if (kind != SECT_FORM) {
        ref_elem(w, "w:headerReference", "default", RID_HDR_ODD);
        ref_elem(w, "w:headerReference", "even", RID_HDR_EVEN);
        ref_elem(w, "w:footerReference", "default", RID_FTR_ODD);
        ref_elem(w, "w:footerReference", "even", RID_FTR_EVEN);
        sk_xmlw_val(w->x, "w:type", "w:val",
                    kind != SECT_BODY_MORE ? "oddPage" : w->sect_new_page ? "nextPage" : "continuous");
    }
    /* a landscape section: the sheet turned, the margins as on a portrait page */
    int land = w->land && (kind == SECT_BODY || kind == SECT_BODY_MORE);
    sk_xmlw_start(w->x, "w:pgSz");
    int turned = wide || land;
    sk_xmlw_attr_int(w->x, "w:w", turned ? SK_PAGE_H_TW : SK_PAGE_W_TW);
    sk_xmlw_attr_int(w->x, "w:h", turned ? SK_PAGE_W_TW : SK_PAGE_H_TW);
    if (turned)
        sk_xmlw_attr(w->x, "w:orient", "landscape");
    sk_xmlw_end(w->x);
    /* inner margin on the left: settings.xml mirrors them on even pages */
    sk_xmlw_start(w->x, "w:pgMar");
    sk_xmlw_attr_int(w->x, "w:top", SK_MARGIN_TOP_TW);
    sk_xmlw_attr_int(w->x, "w:right", SK_MARGIN_OUTER_TW);
    sk_xmlw_attr_int(w->x, "w:bottom", SK_MARGIN_BOTTOM_TW);
    sk_xmlw_attr_int(w->x, "w:left", SK_MARGIN_INNER_TW);
    sk_xmlw_attr_int(w->x, "w:header", SK_HEADER_TW);
    sk_xmlw_attr_int(w->x, "w:footer", SK_FOOTER_TW);
    sk_xmlw_attr(w->x, "w:gutter", "0");
    sk_xmlw_end(w->x);
    if (w->o->line_numbers && (kind == SECT_FRONT || kind == SECT_BODY || kind == SECT_BODY_MORE)) {
        char gap[16];
        snprintf(gap, sizeof gap, "%d", SK_LINE_NUMBER_GAP_TW);
        sk_xmlw_leaf(w->x, "w:lnNumType", "w:countBy", "1", "w:distance", gap, "w:restart", "newPage", NULL);
    }
    if (kind == SECT_FRONT || kind == SECT_BODY || kind == SECT_PAPER)
        sk_xmlw_leaf(w->x, "w:pgNumType", "w:fmt", kind == SECT_FRONT ? "upperRoman" : "decimal", "w:start", "1",
                     NULL);
    /* columns are set in the body only (on_columns), so w->cols is its own */
    char gap[16], num[16];
    snprintf(gap, sizeof gap, "%d", SK_COLUMN_GAP_TW);
    snprintf(num, sizeof num, "%d", w->cols);
    if (w->cols > 1)
        sk_xmlw_leaf(w->x, "w:cols", "w:num", num, "w:space", gap, NULL);
    else
        sk_xmlw_leaf(w->x, "w:cols", "w:space", gap, NULL);
    if (kind == SECT_FORM && w->has_marks)
        sk_xmlw_leaf(w->x, "w:titlePg", NULL); /* the first page has no （续） */
    sk_xmlw_end(w->x);
}

/* The body's last section: the body itself, or its last part after a change in columns. */
static int body_sect(const dw *w)
{
    return w->cols || w->sect_new_page ? SECT_BODY_MORE : SECT_BODY;
}

static void on_landscape(void *ctx, int on)
{
    ((dw *)ctx)->want_land = on;
}

/* Before a block: the section turns when the layout asked for the other orientation
 * (the one before ends here; the next starts on a new page, the numbers going on). */
static void turn_page(dw *w)
{
    if (w->want_land == w->land)
        return;
    section_break(w, body_sect(w));
    w->land = w->want_land;
    w->sect_new_page = 1;
}

/* A change in columns ends the section before it: the first time, the body's own
 * (its page numbers start at 1), then a part that goes on on the same page. */
static void on_columns(void *ctx, int n)
{
    dw *w = ctx;
    if (n == (w->cols ? w->cols : 1))
        return;
    turn_page(w);
    section_break(w, body_sect(w));
    w->cols = n;
    w->sect_new_page = 0;
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

static void document_start(sk_xmlw *x)
{
    sk_xmlw_start(x, "w:document");
    sk_xmlw_attr(x, "xmlns:w", NS_W);
    sk_xmlw_attr(x, "xmlns:r", NS_R);
    sk_xmlw_attr(x, "xmlns:wp", NS_WP);
    sk_xmlw_attr(x, "xmlns:a", NS_A);
    sk_xmlw_attr(x, "xmlns:pic", NS_PIC);
    sk_xmlw_attr(x, "xmlns:m", NS_M);
    sk_xmlw_start(x, "w:body");
}

/* ---------- other parts ---------- */

/* A header or footer with nothing in it (the blank page before the body). */
static void empty_hdr_ftr(sk_xmlw *x, const sk_style_ids *ids, int footer)
{
    sk_xmlw_start(x, footer ? "w:ftr" : "w:hdr");
    sk_xmlw_attr(x, "xmlns:w", NS_W);
    sk_xmlw_start(x, "w:p");
    sk_xmlw_start(x, "w:pPr");
    sk_xmlw_val(x, "w:pStyle", "w:val", ids->id[footer ? SK_ST_FOOTER : SK_ST_HEADER]);
    sk_xmlw_end(x);
    sk_xmlw_end(x);
    sk_xmlw_end(x);
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

/* A form's page marks: the continued pages' header (text, or none for the first
 * page's) and the footer 第 PAGE 页 共 NUMPAGES 页, centred. */
static void text_run(sk_xmlw *x, const char *t)
{
    sk_xmlw_start(x, "w:r");
    sk_xmlw_start(x, "w:t");
    sk_xmlw_attr(x, "xml:space", "preserve");
    sk_xmlw_text(x, t);
    sk_xmlw_end(x);
    sk_xmlw_end(x);
}

static void field_run(sk_xmlw *x, const char *code)
{
    sk_xmlw_start(x, "w:fldSimple");
    sk_xmlw_attr(x, "w:instr", code);
    text_run(x, "1");
    sk_xmlw_end(x);
}

static void form_mark(sk_xmlw *x, const dw *w, int footer, const char *text)
{
    sk_xmlw_start(x, footer ? "w:ftr" : "w:hdr");
    sk_xmlw_attr(x, "xmlns:w", NS_W);
    sk_xmlw_attr(x, "xmlns:r", NS_R);
    sk_xmlw_start(x, "w:p");
    sk_xmlw_start(x, "w:pPr");
    sk_xmlw_val(x, "w:pStyle", "w:val", w->ids->id[SK_ST_FORM_TEXT]);
    sk_xmlw_val(x, "w:jc", "w:val", "center");
    sk_xmlw_end(x);
    if (footer) {
        text_run(x, w->marks.before);
        field_run(x, " PAGE ");
        text_run(x, w->marks.mid);
        field_run(x, " NUMPAGES ");
        text_run(x, w->marks.after);
    } else if (text) {
        text_run(x, text);
    }
    sk_xmlw_end(x);
    sk_xmlw_end(x);
}

/* The foot of the cover: 发布 and 实施 dates, a rule, the issuer. */
static void cover_footer(dw *w, const sk_cover *c)
{
    sk_sink s = docx_sink(w);
    sk_xmlw_start(w->x, "w:ftr");
    sk_xmlw_attr(w->x, "xmlns:w", NS_W);
    sk_xmlw_attr(w->x, "xmlns:r", NS_R);
    sk_layout_cover_foot(&s, c);
    sk_xmlw_end(w->x);
}

static void core_props(sk_xmlw *x, const sk_doc *doc, const sk_cover *c, const sk_docx_opts *o)
{
    char created[32], modified[32];
    sk_stamp_w3cdtf(o->created, created);
    sk_stamp_w3cdtf(o->modified, modified);
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

static void rels_head(sk_xmlw *x, const dw *w)
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
        if (w->paper && fixed[i].id >= RID_HDR_ODD && fixed[i].id != RID_FTR_ODD)
            continue; /* a paper has its one footer */
        char *type = sk_asprintf(REL "%s", fixed[i].type);
        relationship(x, fixed[i].id, type, fixed[i].target, 0);
        free(type);
    }
}

/* Where the relationships after the fixed ones are: rel ri, or QR image qk of run qi. */
typedef struct rels_at {
    size_t ri, qi, qk;
} rels_at;

/* Writes the next of them in the order of their ids; 0 when there is none left. */
static int rels_next(sk_xmlw *x, const dw *w, rels_at *at)
{
    const rel *r = at->ri < w->rels.len ? w->rels.items[at->ri] : NULL;
    const qr_run *q = at->qi < w->qr_runs.len ? w->qr_runs.items[at->qi] : NULL;
    if (!r && !q)
        return 0;
    if (r && (!q || r->id < q->first_id + at->qk)) {
        char *type = sk_asprintf(REL "%s", r->type);
        relationship(x, r->id, type, r->target, r->external);
        free(type);
        at->ri++;
        return 1;
    }
    char target[40];
    snprintf(target, sizeof target, "media/image%u.png", q->first_index + (unsigned)at->qk);
    relationship(x, q->first_id + (unsigned)at->qk, REL "image", target, 0);
    if (++at->qk == q->count) {
        at->qi++;
        at->qk = 0;
    }
    return 1;
}

static void rels_tail(sk_xmlw *x, const dw *w)
{
    if (w->has_marks) {
        relationship(x, RID_FORM_HDR, REL "header", "header4.xml", 0);
        relationship(x, RID_FORM_HDR_FIRST, REL "header", "header5.xml", 0);
        relationship(x, RID_FORM_FTR, REL "footer", "footer4.xml", 0);
    }
    sk_xmlw_end(x);
}

static void document_rels(sk_xmlw *x, const dw *w)
{
    rels_at at = { 0 };
    rels_head(x, w);
    while (rels_next(x, w, &at))
        ;
    rels_tail(x, w);
}

/* word/_rels/document.xml.rels of a streamed form document, written after
 * word/document.xml (when every QR code image is known), a piece at a time. */
typedef struct rels_stream {
    const dw *w;
    sk_xmlw *x;
    rels_at at;
    int ended;
} rels_stream;

static long rels_read(void *ctx, char *buf, size_t max, sk_err *err)
{
    rels_stream *rs = ctx;
    if (!rs->x) {
        rs->x = sk_xmlw_new();
        rels_head(rs->x, rs->w);
    }
    while (sk_xmlw_pending(rs->x) < max && !rs->ended)
        if (!rels_next(rs->x, rs->w, &rs->at)) {
            rels_tail(rs->x, rs->w);
            rs->ended = 1;
            if (sk_xmlw_end_document(rs->x, err) < 0)
                return -1;
        }
    return (long)sk_xmlw_drain(rs->x, buf, max);
}

static void rels_stream_free(void *ctx)
{
    rels_stream *rs = ctx;
    sk_xmlw_free(rs->x);
    free(rs);
}

/* The QR code images of a streamed form document, read back from the spill. */
static int qr_next(void *ctx, char **name, char **data, size_t *len, int *how, sk_err *err)
{
    qr_spill *q = ctx;
    if (!q->n)
        return 0;
    if (q->f && !q->rewound) { /* the first read: back to the start of the file */
        if (fflush(q->f) != 0 || fseek(q->f, 0, SEEK_SET) != 0)
            q->failed = 1;
        q->rewound = 1;
    }
    unsigned char h[8];
    uint32_t index, n;
    if (q->failed)
        goto fail;
    if (q->f) {
        if (fread(h, 1, sizeof h, q->f) != sizeof h)
            goto fail;
    } else {
        memcpy(h, q->mem.data + q->rd, sizeof h);
    }
    memcpy(&index, h, 4);
    memcpy(&n, h + 4, 4);
    char *d = sk_malloc(n ? n : 1);
    if (q->f) {
        if (fread(d, 1, n, q->f) != n) {
            free(d);
            goto fail;
        }
    } else {
        memcpy(d, q->mem.data + q->rd + 8, n);
        q->rd += 8 + (size_t)n;
    }
    q->n--;
    *name = sk_asprintf("word/media/image%u.png", (unsigned)index);
    *data = d;
    *len = n;
    *how = SK_ZIP_STORE; /* images are compressed already */
    return 1;
fail:
    sk_err_set(err, "cannot build the DOCX package (the QR code images' temporary file: %s)", strerror(errno ? errno : EIO));
    return -1;
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
    /* QR images: those of the first copy are known; later copies may bring some */
    int png = w->qr.n || w->qr_more, jpeg = 0;
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
        if ((!w->form_doc || (!strstr(over[i].part, "/header") && !strstr(over[i].part, "/footer"))) &&
            (!w->paper || (!strstr(over[i].part, "/header") && !strstr(over[i].part, "/footer")) ||
             !strcmp(over[i].part, "/word/footer1.xml")))
            sk_xmlw_leaf(x, "Override", "PartName", over[i].part, "ContentType", over[i].type, NULL);
    if (w->has_marks) {
        sk_xmlw_leaf(x, "Override", "PartName", "/word/header4.xml", "ContentType", CT_WML "header+xml", NULL);
        sk_xmlw_leaf(x, "Override", "PartName", "/word/header5.xml", "ContentType", CT_WML "header+xml", NULL);
        sk_xmlw_leaf(x, "Override", "PartName", "/word/footer4.xml", "ContentType", CT_WML "footer+xml", NULL);
    }
    if (w->rid_blank_hdr) { /* the blank page's empty header and footer */
        sk_xmlw_leaf(x, "Override", "PartName", "/word/header3.xml", "ContentType", CT_WML "header+xml", NULL);
        sk_xmlw_leaf(x, "Override", "PartName", "/word/footer5.xml", "ContentType", CT_WML "footer+xml", NULL);
    }
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
    const char *tpl = (const char *)sk_templates_get("docx/styles.xml", &tlen);
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
    sk_zip_reader *rd = NULL;
    void *xml = NULL;
    sk_docx_ref *r = NULL;
    int rc = -1;
    if (sk_zip_open(&rd, path, "a DOCX", err) < 0)
        return -1;
    int got = sk_zip_read_xml_max(rd, "word/styles.xml", "<w:style ", SK_DOCX_REF_MAX_STYLES, &xml, err);
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
    sk_zip_close(rd);
    return rc;
}

/* ---------- the package ---------- */

static void add_template(sk_zip *pkg, const char *part, const char *tpl)
{
    size_t len = 0;
    const unsigned char *d = sk_templates_get(tpl, &len);
    sk_zip_add_static(pkg, part, d ? d : (const unsigned char *)"", len); /* deflated once a run */
}

/* word/document.xml when it is streamed (form documents): its read function, the
 * state it reads from and how to free that. */
typedef struct doc_stream {
    sk_zip_read_fn read;
    void *ctx;
    void (*done)(void *ctx);
    int large;             /* may pass 4 GiB (sk_zip_large) */
} doc_stream;

/* Everything but word/document.xml (docxml, taken over; or the stream st, taken
 * over) around it: content types, relationships, properties, styles, settings,
 * fonts, headers and footers (not in a form document) and the media. */
static int package(dw *w, const sk_cover *c, int pages, char *docxml, size_t doclen, const doc_stream *st,
                   size_t *drop, sk_zip **out, sk_err *err)
{
    const sk_docx_opts *o = w->o;
    sk_zip *pkg = sk_zip_new();
    int rc = -1, streamed = 0;
    sk_xmlw *x = sk_xmlw_new();
    content_types(x, w);
    if (sk_zip_add_xml(pkg, "[Content_Types].xml", x, drop, err) < 0)
        goto done;
    x = sk_xmlw_new();
    package_rels(x);
    if (sk_zip_add_xml(pkg, "_rels/.rels", x, drop, err) < 0)
        goto done;
    x = sk_xmlw_new();
    core_props(x, w->doc, c, o);
    if (sk_zip_add_xml(pkg, "docProps/core.xml", x, drop, err) < 0)
        goto done;
    x = sk_xmlw_new();
    app_props(x, pages);
    if (sk_zip_add_xml(pkg, "docProps/app.xml", x, drop, err) < 0)
        goto done;
    if (st) {
        /* a form with QR codes as it was when it was held whole (the same bytes) */
        (w->qr_stream ? sk_zip_add_stream_held : sk_zip_add_stream)(pkg, "word/document.xml", st->read, st->ctx,
                                                                    st->done);
        if (st->large)
            sk_zip_large(pkg);
        streamed = 1;
    } else if (w->docz) {
        sk_zip_deflater *z = w->docz;
        w->docz = NULL;
        if (sk_zip_add_deflated(pkg, "word/document.xml", z, err) < 0)
            goto done;
    } else {
        sk_zip_add(pkg, "word/document.xml", docxml, doclen, SK_ZIP_DEFLATE);
        docxml = NULL;
    }
    if (w->qr_stream) { /* its QR images are known once document.xml is written */
        rels_stream *rs = sk_calloc(1, sizeof *rs);
        rs->w = w;
        sk_zip_add_stream_held(pkg, "word/_rels/document.xml.rels", rels_read, rs, rels_stream_free);
    } else {
        x = sk_xmlw_new();
        document_rels(x, w);
        if (sk_zip_add_xml(pkg, "word/_rels/document.xml.rels", x, drop, err) < 0)
            goto done;
    }
    if (o->ref)
        sk_zip_add_copy(pkg, "word/styles.xml", o->ref->styles, o->ref->len, SK_ZIP_DEFLATE);
    else
        add_template(pkg, "word/styles.xml", "docx/styles.xml");
    add_template(pkg, "word/settings.xml", "docx/settings.xml");
    add_template(pkg, "word/fontTable.xml", "docx/fontTable.xml");
    static const char *const hf[] = { "word/header1.xml", "word/header2.xml", "word/footer1.xml", "word/footer2.xml" };
    if (w->paper) {
        sk_sink s = docx_sink(w);
        w->x = x = sk_xmlw_new();
        sk_xmlw_start(x, "w:ftr");
        sk_xmlw_attr(x, "xmlns:w", NS_W);
        sk_xmlw_attr(x, "xmlns:r", NS_R);
        sk_layout_paper_foot(&s, (sk_page_kind)w->paper);
        sk_xmlw_end(x);
        w->x = NULL;
        if (sk_zip_add_xml(pkg, "word/footer1.xml", x, drop, err) < 0)
            goto done;
    }
    for (int i = 0; i < 4 && !w->form_doc && !w->paper; i++) {
        x = sk_xmlw_new();
        hdr_ftr(x, w->ids, i >= 2, i % 2 == 0, sk_labels_header(w->doc));
        if (sk_zip_add_xml(pkg, hf[i], x, drop, err) < 0)
            goto done;
    }
    if (w->has_marks) {
        static const char *const part[] = { "word/header4.xml", "word/header5.xml", "word/footer4.xml" };
        for (int i = 0; i < 3; i++) {
            x = sk_xmlw_new();
            form_mark(x, w, i == 2, i == 0 ? w->marks.continued : NULL);
            if (sk_zip_add_xml(pkg, part[i], x, drop, err) < 0)
                goto done;
        }
    }
    if (!w->form_doc && !w->paper) {
        w->x = x = sk_xmlw_new();
        cover_footer(w, c);
        w->x = NULL;
        if (sk_zip_add_xml(pkg, "word/footer3.xml", x, drop, err) < 0)
            goto done;
    }
    for (int i = 0; i < 2 && w->rid_blank_hdr; i++) {
        x = sk_xmlw_new();
        empty_hdr_ftr(x, w->ids, i);
        if (sk_zip_add_xml(pkg, i ? "word/footer5.xml" : "word/header3.xml", x, drop, err) < 0)
            goto done;
    }
    for (size_t i = 0; i < w->media.len; i++) {
        const sk_asset *a = w->media.items[i];
        char name[48];
        snprintf(name, sizeof name, "word/media/image%u.%s", a->index, sk_image_ext(&a->info));
        /* images are compressed already */
        sk_zip_add_copy(pkg, name, a->data, a->len, SK_ZIP_STORE);
    }
    if (w->qr_stream)
        sk_zip_add_parts(pkg, qr_next, &w->qr, NULL);
    *out = pkg;
    pkg = NULL;
    rc = 0;
done:
    if (st && !streamed && st->done)
        st->done(st->ctx);
    sk_zip_free(pkg);
    free(docxml);
    return rc;
}

static void dw_init(dw *w, const sk_doc *doc, const sk_docx_opts *o, sk_style_ids *builtin)
{
    memset(w, 0, sizeof *w);
    sk_style_ids_init(builtin);
    w->doc = doc;
    w->o = o;
    w->ids = o->ref ? sk_docx_ref_ids(o->ref) : builtin;
    sk_map_init(&w->rel_by);
    sk_stamp_w3cdtf(o->change_date ? o->change_date : o->modified, w->date);
}

static void dw_free(dw *w, sk_style_ids *builtin)
{
    sk_zip_deflater_free(w->docz);
    for (size_t i = 0; i < w->rels.len; i++) {
        rel *r = w->rels.items[i];
        free(r->type);
        free(r->target);
        free(r);
    }
    sk_vec_free(&w->rels);
    sk_vec_free(&w->media);
    for (size_t i = 0; i < w->own_media.len; i++) {
        sk_asset *a = w->own_media.items[i];
        free(a->data);
        free(a);
    }
    sk_vec_free(&w->own_media);
    for (size_t i = 0; i < w->qr_runs.len; i++)
        free(w->qr_runs.items[i]);
    sk_vec_free(&w->qr_runs);
    sk_buf_free(&w->qr.mem);
    if (w->qr.f)
        fclose(w->qr.f);
    sk_map_free(&w->rel_by);
    sk_layout_form_marks_free(&w->marks);
    sk_style_ids_free(builtin);
}

/* word/document.xml of a standard, handed over in *xml. */
static int write_document(dw *w, const sk_cover *c, const sk_toc *t, char **xml, size_t *len, size_t *drop,
                          sk_err *err)
{
    sk_layout_opts wo = { .doc = w->doc, .assets = w->o->assets, .fill = w->o->fill, .max_cols = SK_DOCX_MAX_COLS,
                          .paging = w->o->paging, .reader = "Word", .redline = w->o->redline,
                          .line_numbers = w->o->line_numbers };
    sk_layout *walk = sk_layout_new(&wo);
    sk_sink s = docx_sink(w);
    w->x = sk_xmlw_new();
    w->docz = sk_zip_deflater_new();
    document_start(w->x);
    int rc = sk_layout_document(walk, &s, c, t, err);
    sk_layout_free(walk);
    sect_pr(w, body_sect(w));
    if (rc == 0 && sk_xmlw_end_document(w->x, err) == 0) {
        docz_drain(w, 1);
        *drop += sk_xmlw_dropped(w->x);
    } else {
        rc = -1;
    }
    sk_xmlw_free(w->x);
    w->x = NULL;
    *xml = NULL; /* package takes w->docz */
    *len = 0;
    return rc;
}

int sk_docx_build_sheet(sk_zip **out, const sk_doc *doc, const sk_docx_opts *o, size_t *dropped, sk_err *err)
{
    dw w;
    sk_cover c;
    sk_style_ids builtin;
    char *docxml = NULL;
    size_t doclen = 0, drop = 0;
    int rc = -1;

    dw_init(&w, doc, o, &builtin);
    w.form_doc = 1;
    sk_cover_build(&c, doc, o->sys);
    sk_layout_opts wo = { .doc = doc, .assets = o->assets, .max_cols = SK_DOCX_MAX_COLS, .reader = "Word",
                          .no_anchors = 1 };
    sk_layout *walk = sk_layout_new(&wo);
    sk_sink s = docx_sink(&w);
    w.x = sk_xmlw_new();
    document_start(w.x);
    int lr = sk_layout_sheet(walk, &s, err);
    sk_layout_free(walk);
    sect_pr(&w, SECT_FORM);
    sk_xmlw *x = w.x;
    w.x = NULL;
    if (sk_xmlw_finish_if(x, lr == 0, &docxml, &doclen, &drop, err) < 0)
        goto done;
    if (package(&w, &c, 1, docxml, doclen, NULL, &drop, out, err) < 0)
        goto done;
    if (dropped)
        *dropped = drop;
    rc = 0;
done:
    dw_free(&w, &builtin);
    sk_cover_free(&c);
    return rc;
}

int sk_docx_build(sk_zip **out, const sk_doc *doc, const sk_docx_opts *o, size_t *dropped, sk_err *err)
{
    dw w;
    sk_cover c;
    sk_toc t;
    sk_style_ids builtin;
    char *docxml = NULL;
    size_t doclen = 0;
    size_t drop = 0;
    int rc = -1;

    dw_init(&w, doc, o, &builtin);
    sk_cover_build(&c, doc, o->sys);
    sk_toc_build(&t, doc, o->assets);
    /* document.xml first: it decides the images and links the other parts list */
    if (write_document(&w, &c, &t, &docxml, &doclen, &drop, err) < 0)
        goto done;
    /* the pages LibreOffice laid out (blank ones included) when measured, else the estimate */
    int pages = o->paging && o->paging->measured && o->paging->pages > 0 ? o->paging->pages
                                                                          : 1 + t.front_pages + t.body_pages;
    if (package(&w, &c, pages, docxml, doclen, NULL, &drop, out, err) < 0)
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

int sk_docx_build_paper(sk_zip **out, const sk_doc *doc, int wide, const sk_docx_opts *o, size_t *dropped,
                        sk_err *err)
{
    dw w;
    sk_cover c;
    sk_style_ids builtin;
    char *docxml = NULL;
    size_t doclen = 0, drop = 0;
    int rc = -1;
    dw_init(&w, doc, o, &builtin);
    w.paper = wide ? SK_PAGE_PAPER_WIDE : SK_PAGE_PAPER;
    sk_cover_build(&c, doc, o->sys);
    sk_layout_opts wo = { .doc = doc, .assets = o->assets, .max_cols = SK_DOCX_MAX_COLS, .reader = "Word",
                          .text_width = wide ? SK_WIDE_TEXT_W_TW : SK_TEXT_W_TW };
    sk_layout *walk = sk_layout_new(&wo);
    sk_sink s = docx_sink(&w);
    w.x = sk_xmlw_new();
    document_start(w.x);
    int lr = sk_layout_paper(walk, &s, (sk_page_kind)w.paper, err);
    sk_layout_free(walk);
    sect_pr(&w, SECT_PAPER);
    sk_xmlw *x = w.x;
    w.x = NULL;
    if (sk_xmlw_finish_if(x, lr == 0, &docxml, &doclen, &drop, err) < 0)
        goto done;
    if (package(&w, &c, 1, docxml, doclen, NULL, &drop, out, err) < 0)
        goto done;
    if (dropped)
        *dropped = drop;
    rc = 0;
done:
    dw_free(&w, &builtin);
    sk_cover_free(&c);
    return rc;
}

/* A form document's word/document.xml, written a copy at a time while lib/base/zip.c
 * deflates it (sk_zip_add_stream): only a copy or two is ever held, whatever the
 * number of records. */
typedef struct form_stream {
    dw w;
    sk_docx_opts o;          /* with fill = the copies' fill */
    sk_style_ids builtin;
    sk_form_copies fc;       /* all copies */
    sk_layout_opts wo;         /* the walker keeps a pointer to them */
    sk_layout *walk;
    sk_sink sink;
    size_t next;             /* the next copy to write */
    int ended;               /* the document is closed */
    sk_err err;              /* what failed while streaming */
} form_stream;

/* Whether a form prints QR codes (fields of kind qr). */
static int has_qr(const sk_node *annex)
{
    for (const sk_node *n = annex; n; n = sk_node_walk_next(annex, n, 1)) {
        for (size_t i = 0; i < n->in.n; i++)
            if (n->in.v[i].type == SK_I_FIELD && n->in.v[i].spec && !strncmp(n->in.v[i].spec, "qr", 2))
                return 1;
        if (n->type == SK_N_TABLE && n->table)
            for (size_t r = 0; r < n->table->nrows; r++)
                for (int c = 0; c < n->table->ncols; c++)
                    for (size_t i = 0; i < n->table->rows[r].cells[c].in.n; i++) {
                        const sk_inline *in = &n->table->rows[r].cells[c].in.v[i];
                        if (in->type == SK_I_FIELD && in->spec && !strncmp(in->spec, "qr", 2))
                            return 1;
                    }
    }
    return 0;
}

/* Writes copy fs->next. */
static int form_copy(form_stream *fs)
{
    sk_form_copies one = fs->fc;
    one.first = fs->next++;
    one.n = 1;
    return sk_layout_form(fs->walk, &fs->sink, &one, &fs->err);
}

/* Writes copies until a piece of max bytes (or the end) is waiting, then hands it out. */
static long form_read(void *ctx, char *buf, size_t max, sk_err *err)
{
    form_stream *fs = ctx;
    while (sk_xmlw_pending(fs->w.x) < max && !fs->ended) {
        int rc = 0;
        if (fs->next < fs->fc.first + fs->fc.n) {
            rc = form_copy(fs);
        } else {
            sect_pr(&fs->w, SECT_FORM);
            fs->ended = 1;
            rc = sk_xmlw_end_document(fs->w.x, &fs->err);
        }
        if (rc < 0) {
            *err = fs->err;
            return -1;
        }
    }
    return (long)sk_xmlw_drain(fs->w.x, buf, max);
}

static void form_stream_free(void *ctx)
{
    form_stream *fs = ctx;
    sk_layout_free(fs->walk);
    sk_xmlw_free(fs->w.x);
    dw_free(&fs->w, &fs->builtin);
    free(fs);
}

int sk_docx_build_form(sk_zip **out, const sk_doc *doc, const sk_form_copies *fc, const sk_docx_opts *o,
                       size_t *dropped, sk_err *err)
{
    form_stream *fs = sk_calloc(1, sizeof *fs);
    sk_cover c;
    size_t drop = 0;
    int rc = -1;

    fs->o = *o;
    fs->o.fill = fc->fill;
    fs->fc = *fc;
    if (fs->fc.n < 1)
        fs->fc.n = 1;
    fs->next = fs->fc.first;
    sk_err_clear(&fs->err);
    dw_init(&fs->w, doc, &fs->o, &fs->builtin);
    fs->w.form_doc = 1;
    /* each copy has images of its own (QR codes): they wait in a spill, and the
     * relationships that list them are written after document.xml */
    fs->w.qr_stream = fc->fill && has_qr(fc->form);
    fs->w.qr_more = fs->w.qr_stream && fs->fc.n > 1;
    sk_buf_init(&fs->w.qr.mem);
    fs->w.has_marks = sk_layout_form_marks(&fs->fc, &fs->w.marks);
    fs->wo = (sk_layout_opts){ .doc = doc, .assets = o->assets, .fill = fc->fill, .max_cols = SK_DOCX_MAX_COLS,
                             .reader = "Word", .no_anchors = 1 };
    fs->walk = sk_layout_new(&fs->wo);
    fs->sink = docx_sink(&fs->w);
    fs->w.x = sk_xmlw_new();
    sk_cover_build_form(&c, doc, fc->form, o->sys);
    document_start(fs->w.x);
    /* the first copy now: it finds the figures and links the other parts list, and
     * what cannot be written fails here rather than halfway through the archive */
    if (form_copy(fs) < 0) {
        *err = fs->err;
        form_stream_free(fs);
        goto done;
    }
    int pages = sk_fill_pages(&fs->fc);
    drop = sk_xmlw_dropped(fs->w.x);
    /* the first copy's size times the copies: past 1 GiB (a quarter of what a ZIP
     * entry holds without ZIP64) the part gets ZIP64 sizes */
    doc_stream st = { form_read, fs, form_stream_free,
                      (double)sk_xmlw_pending(fs->w.x) * (double)fs->fc.n > (double)(1u << 30) };
    if (package(&fs->w, &c, (int)pages, NULL, 0, &st, &drop, out, err) < 0)
        goto done;
    if (dropped)
        *dropped = drop;
    rc = 0;
done:
    sk_cover_free(&c);
    return rc;
}

int sk_docx_write(const sk_doc *doc, const char *path, sk_err *err)
{
    sk_assets assets = { 0 };
    sk_zip *pkg = NULL;
    sk_docx_opts o = { .assets = &assets };
    sk_cover_times(doc, &o.created, &o.modified);
    const char *input = doc->src->path; /* never written over */
    int rc = sk_assets_load(&assets, doc, err) < 0 || sk_docx_build(&pkg, doc, &o, NULL, err) < 0
                 ? -1
                 : sk_zip_write(pkg, path, &input, 1, err);
    sk_zip_free(pkg);
    sk_assets_free(&assets);
    return rc;
}
