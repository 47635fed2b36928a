/* layout — the order in which a standard is printed, shared by the DOCX and ODT
 * writers (and so by the system documents, which are models too).
 *
 * A writer describes its markup as a sink: a few callbacks for paragraphs,
 * runs, bookmarks, links, images, tables, the 目次 and page styles. sk_layout
 * goes over the model once and calls them in print order: the cover, the 目次,
 * 前言 and 引言, the title on the first body page, the chapters, annexes,
 * 参考文献 and the end rule. Everything that is not markup is decided here or in
 * front.h, once for both formats:
 *   - which style role each element takes (the role table is style.h);
 *   - the words (cover fields, 前言, captions, list markers, note labels, annex
 *     lines: front.h), and how runs get their character style from the inline
 *     flags;
 *   - bookmark names (one per heading, term entry, annex, table, figure and
 *     formula, "_Toc%09u" in document order) and which references link where;
 *   - a formula's layout (the number "（1）" and the 式中 lines); its TeX tree is
 *     walked by texmath.h's sk_math_walk through the writer's math sink;
 *   - table geometry (column widths in twips adding up to the text width, which
 *     grid positions a span covers, which rows repeat as headers, what a form's
 *     repeat row prints through the sk_fill), figure sizes;
 *   - the blanks of a form (sk_fill, front.h).
 *   - with a redline (sk_layout_opts), what is inserted and deleted: the marks on
 *     paragraphs, rows and runs (sk_mark), which the writers write as tracked
 *     changes.
 * A writer translates the calls into XML and nothing else. */
#ifndef SK_LAYOUT_H
#define SK_LAYOUT_H

#include "model/assets.h"
#include "layout/cover.h"
#include "model/doc.h"
#include "layout/fill.h"
#include "layout/grid.h"
#include "layout/paging.h"
#include "layout/style.h"
#include "text/math.h"
#include "layout/toc.h"

/* The parts of a document, each with its page style: the cover (no header, no
 * number), the front matter (roman numbers from I), the body (arabic from 1), a
 * form document (sk_layout_form: no header, no number), and the papers of the
 * drafting cycle (sk_layout_paper: no header, the page number in the footer; A4
 * upright, or across for a wide table). */
typedef enum {
    SK_PAGE_COVER,
    SK_PAGE_FRONT,
    SK_PAGE_BODY,
    SK_PAGE_FORM,
    SK_PAGE_FORM_WIDE,
    SK_PAGE_PAPER,
    SK_PAGE_PAPER_WIDE
} sk_page_kind;
/* SK_PAGE_FORM_WIDE: a form document on landscape A4 (a wide list form, 汇总表). */
/* The text block across an A4 page turned (SK_PAGE_PAPER_WIDE), the margins as upright. */
#define SK_WIDE_TEXT_W_TW (SK_PAGE_H_TW - SK_MARGIN_INNER_TW - SK_MARGIN_OUTER_TW)
/* Line numbers for reviewers (sk_layout_opts.line_numbers): every line, counted
 * again on each page, this far left of the text. */
#define SK_LINE_NUMBER_GAP_TW 284

/* Tracked changes (a redline: sk_layout_opts.redline): what is inserted and what
 * deleted against the old edition. */
typedef enum { SK_MARK_NONE, SK_MARK_INS, SK_MARK_DEL } sk_mark;

/* Paragraph options beyond the role. */
typedef struct sk_para_opts {
    int align;       /* table cells: 0 the style's, 1 left, 2 centre, 3 right (as sk_cell.align) */
    int keep;        /* table cells: keep with the next paragraph */
    int page_break;  /* 0 as the style says; 1 a page break before; -1 none, whatever the style */
    sk_mark mark;    /* the paragraph itself (its end) inserted or deleted; never in a table cell */
    int space_before; /* twips of space above the paragraph (0: the style's) — a form's signature block */
    int no_line_numbers; /* with line numbers (sk_layout_opts.line_numbers): not this paragraph's */
} sk_para_opts;

/* Sides of a cell on the table's outer frame (sk_tcell.edges). */
enum { SK_EDGE_TOP = 1, SK_EDGE_BOTTOM = 2, SK_EDGE_LEFT = 4, SK_EDGE_RIGHT = 8 };

typedef enum {
    SK_ROW_BODY,
    SK_ROW_HEADER,    /* repeated on every page */
    SK_ROW_FIELDS,    /* body row holding form fields: a minimum height to write in */
    SK_ROW_NOTES      /* the table's notes, one cell across the table */
} sk_row_kind;

typedef enum {
    SK_TC_CELL,       /* a cell with content */
    SK_TC_MERGED,     /* continues a row span from above, at the span's first column */
    SK_TC_COVERED     /* any other position a span covers */
} sk_tc_kind;

/* One grid position of a row; every position is visited, left to right. */
typedef struct sk_tcell {
    sk_tc_kind kind;
    const sk_cell *cell;  /* SK_TC_CELL: the model's cell (NULL for the notes cell) */
    int col;
    int colspan, rowspan; /* CELL and MERGED (MERGED: the span's columns) */
    int width;            /* twips across colspan */
    int header;           /* a header cell */
    int rule_below;       /* last header row: a thick rule under it */
    int keep;             /* its paragraphs keep with the next row */
    unsigned edges;       /* SK_EDGE_* sides on the table's frame */
} sk_tcell;

typedef struct sk_sink {
    void *ctx;
    /* the parts of the document: called before the first paragraph of each */
    void (*page)(void *ctx, sk_page_kind kind);
    void (*para_start)(void *ctx, sk_style_role role, const sk_para_opts *o);
    void (*para_end)(void *ctx);
    /* text: cstyle is a character role or -1; flags the direct formatting left
     * after the character style (SK_F_*); may hold LF (a line break) and TAB */
    void (*text)(void *ctx, const char *text, int cstyle, unsigned flags);
    void (*tab)(void *ctx);
    void (*line_break)(void *ctx);
    void (*anchor_start)(void *ctx, const char *name);
    void (*anchor_end)(void *ctx, const char *name);
    /* a link to a bookmark (anchor) or an external url (exactly one is set) */
    void (*link_start)(void *ctx, const char *anchor, const char *url);
    void (*link_end)(void *ctx);
    /* a figure's image, scaled (EMU), inside a paragraph; label is its caption; first:
     * the first figure showing this file (a package holds each file once) */
    void (*image)(void *ctx, const sk_asset *a, long long cx, long long cy, const char *label, int first);
    void (*table_start)(void *ctx, const sk_node *n, const sk_grid *g);
    /* mark: the row inserted or deleted as a whole */
    void (*row_start)(void *ctx, sk_row_kind kind, sk_mark mark);
    void (*cell_start)(void *ctx, const sk_tcell *c);
    void (*cell_end)(void *ctx);
    void (*row_end)(void *ctx);
    void (*table_end)(void *ctx);
    /* the 目次: toc_start, then one paragraph per entry (toc_entry between its
     * para_start and para_end; anchor NULL when the entry has no target, and
     * e NULL in the single empty paragraph of an empty 目次), then toc_end */
    void (*toc_start)(void *ctx, const sk_toc *t);
    void (*toc_entry)(void *ctx, const sk_toc_entry *e, const char *anchor, const char *page, int first, int last);
    void (*toc_end)(void *ctx);
    /* inside the paragraph of a heading the 目次 lists: the entry's text and level, for
     * a reader's own 目次 generation (Word's TC field, ODF's text:toc-mark), so that a
     * regenerated 目次 reads as stdkit's ("附录A（资料性）　标题", "前言") */
    void (*toc_mark)(void *ctx, const char *text, int level);
    /* a formula (texmath.h) inside a paragraph: display, a display formula (the
     * paragraph's tab stops centre it); else in running text (a 式中 symbol, $x$) */
    void (*formula)(void *ctx, const struct sk_math *m, int display);
    /* the text from here on is set in n columns (1: the whole width again), on the same
     * page; between paragraphs */
    void (*columns)(void *ctx, int n);
    /* on: what follows goes on landscape pages (a table whose grid says so, its caption
     * and continuations), from a new page, the page numbers going on; off: portrait
     * again, from a new page. Between paragraphs; a writer turns the page at the next
     * paragraph or table, so an off and an on with nothing between them leave no page.
     * NULL: the writer has no landscape pages (the tables stay portrait). */
    void (*landscape)(void *ctx, int on);
    /* before the body's page: an empty left-hand page follows, with no header and no
     * page number (its one paragraph holds SK_ANCHOR_BLANK), so that the body starts
     * on a right-hand page with no blank page inserted by the reader (Word prints the
     * front matter's header and number on the one it inserts). Called when a measure
     * said a blank page was inserted there (paging.h); NULL: never. */
    void (*blank_page)(void *ctx);
    /* the runs from here on (text, tabs, breaks, figures, formulas) are inserted,
     * deleted or neither; called inside paragraphs, and with SK_MARK_NONE before a
     * paragraph ends; only with a redline */
    void (*change)(void *ctx, sk_mark m);
    /* the least height (twips) of the row the next row_start opens (forms: room to
     * write in, a box of lines); 0 the writer's own */
    void (*row_height)(void *ctx, int twips);
    /* inside a paragraph: the number of the page it prints on (count 0) or the
     * number of pages (count 1), as a field the reader fills */
    void (*page_field)(void *ctx, int count);
} sk_sink;

typedef struct sk_layout_opts {
    const sk_doc *doc;
    const sk_assets *assets;   /* may be NULL when there are no figures */
    const sk_fill *fill;       /* NULL prints blank forms */
    int max_cols;              /* widest table the format opens (0: no limit) */
    const char *reader;        /* who has that limit, for the message ("Word") */
    int no_anchors;            /* no bookmarks (a form document: its copies would repeat the names) */
    sk_paging *paging;         /* a measured layout's plan (the 目次 pages, the continued tables),
                                * and the record of this walk; NULL: the estimate, no record */
    /* the new edition against the old (model/diff.h; doc is its new edition): the
     * document printed with the changes marked. What was deleted prints where it
     * stood (deleted sections and blocks, table rows, the words of a paragraph,
     * table cell, heading or caption), what was inserted or moved here prints
     * inserted; numbers, bookmarks and the 目次 are the new edition's; a deleted
     * formula prints as its TeX and a deleted figure as its title; the cover and
     * the 索引 print as they are. NULL: no marks at all. */
    const struct sk_diff *redline;
    int text_width;            /* the text block's width in twips (0: SK_TEXT_W_TW): tables fill it */
    int line_numbers;          /* the document carries line numbers for reviewers: the cover's
                                * paragraphs say no_line_numbers */
} sk_layout_opts;

typedef struct sk_layout sk_layout;

/* A walker over o->doc (bookmarks numbered). */
sk_layout *sk_layout_new(const sk_layout_opts *o);
void sk_layout_free(sk_layout *w);

/* The whole document: cover, 目次, front matter, body, end rule. The cover's
 * dates and issuer are not in it: see sk_layout_cover_foot. Returns 0, or -1 with
 * err at the source position of what could not be written (a figure missing
 * from the assets, a table wider than max_cols). */
int sk_layout_document(sk_layout *w, const sk_sink *s, const sk_cover *c, const sk_toc *t, sk_err *err);
/* A form document: fc->n copies of the annex fc->form (front.h's sk_form_copies),
 * each its title lines and content; copy i > 0 starts on a new page (its title
 * has page_break 1, the first -1). o->fill should be fc->fill. Returns as above. */
int sk_layout_form(sk_layout *w, const sk_sink *s, const sk_form_copies *fc, sk_err *err);
/* A single sheet (stdgen --amendment's 修改单, a model built in code): on the form
 * page (no header, no page number), o->doc's title (its lines split at LF) in the
 * document-title style, then every block of the model as a standard's body prints
 * it. Returns as above. */
int sk_layout_sheet(sk_layout *w, const sk_sink *s, sk_err *err);
/* The marks of the pages of a form that may run over several pages (issue: a list
 * of members outgrows its page): a form with repeat rows, printed as a document of
 * one copy (a record's own file, one blank form). Its continued pages carry the
 * title followed by （续） at their top (not the first page), and every page
 * "第 N 页 共 M 页" at its foot: before, then the page number, mid, the page count,
 * after. Both writers print them from here (a header on continued pages, a footer);
 * a merged document of several records has no marks (its page count would be the
 * whole batch's). Returns 1 with *m set (sk_layout_form_marks_free), else 0. */
typedef struct sk_form_marks {
    char *continued;     /* "会议签到表（续）" */
    const char *before;  /* "第 " */
    const char *mid;     /* " 页  共 " */
    const char *after;   /* " 页" */
} sk_form_marks;
int sk_layout_form_marks(const sk_form_copies *fc, sk_form_marks *m);
void sk_layout_form_marks_free(sk_form_marks *m);
/* A paper of the drafting cycle (run/drafting: the 编制说明, the 征求意见汇总处理表),
 * a model built in code, on pages of kind (SK_PAGE_PAPER or SK_PAGE_PAPER_WIDE, with
 * o->text_width SK_WIDE_TEXT_W_TW): o->doc's title (its lines split at LF) in the
 * document-title style, then every block as a standard's body prints it; a
 * section without a number prints its title alone as its heading, a table
 * without a number or caption no title line. Returns as sk_layout_document. */
int sk_layout_paper(sk_layout *w, const sk_sink *s, sk_page_kind kind, sk_err *err);
/* The footer of a paper's pages, centred: the page number; across (a wide table,
 * a form with 共　页　第　页), "第N页　共M页". */
void sk_layout_paper_foot(const sk_sink *s, sk_page_kind kind);
/* The foot of the cover (a footer on the cover page): 发布 date, a tab and the
 * 实施 date; the issuer and 发布. */
void sk_layout_cover_foot(const sk_sink *s, const sk_cover *c);
/* Bookmark name of n ("_Toc000000012"); 0 when n has none. */
int sk_layout_anchor(const sk_layout *w, const sk_node *n, char name[32]);
/* The words n's bookmark holds as the document prints them, breaks left out:
 * "5.2　固定内容", "5.2.1" (an untitled clause, a term entry: the number), "前　　言",
 * "附录A（规范性）报到证", "表1　活动安排", "（1）" (a formula: its number), "[3]".
 * What a reader of the document (stdcomment's import of review comments) checks a
 * bookmark against. Caller frees. */
char *sk_layout_anchor_text(const sk_node *n);

#endif
