/* flow — a foreign document (DOCX, ODT) as read, before any recognition: a flat
 * stream of paragraphs and tables in body order, each paragraph with its style's
 * name, its outline level, the number its list numbering shows, and its runs. The
 * readers (ooxml.h, odf.h) decide nothing about standards; model/import.h turns a
 * flow into a model. Every paragraph carries its number in the body (1-based,
 * counting the paragraphs inside tables too), which messages name. */
#ifndef SK_FLOW_H
#define SK_FLOW_H

#include <stddef.h>

#include "base/common.h"

/* Limits a hostile file meets before the work they bound. A 300-page standard
 * written by stdgen is a 3.3 MB main part of about 12,000 paragraphs (table cells'
 * included), its parse about 50 MB. The main part (document.xml, content.xml) may
 * be SK_FLOW_MAX_PART bytes, ten times that, declared size checked before it is
 * inflated; its paragraphs, counted in its text before it is parsed and again as
 * they are read, SK_FLOW_MAX_PARAS: about 1,200 such pages, three times the
 * longest standards in print (GB 50016's 400 pages), so a real document is never
 * refused and a document of 100,000 paragraphs is, in milliseconds, before the
 * parse that would take hundreds of MB. */
#define SK_FLOW_MAX_PART (32u << 20)
#define SK_FLOW_MAX_PARAS 50000
#define SK_FLOW_MAX_IMAGES 10000
#define SK_FLOW_MAX_CELLS 200000
#define SK_FLOW_MAX_SPAN 1000   /* columns or rows a cell may span */

typedef enum {
    SK_FR_TEXT,     /* text (flags: the SK_F_* bits of model/doc.h, as numbers here) */
    SK_FR_BREAK,    /* a line break inside the paragraph (w:br, text:line-break) */
    SK_FR_TAB,      /* a tab */
    SK_FR_IMAGE,    /* an image: image is its index in sk_flow.images */
    SK_FR_MATH,     /* a formula: text is its TeX (the reader converted it) */
    SK_FR_FOOTNOTE, /* a footnote's reference: text is the footnote's text */
    SK_FR_BOOKMARK  /* a bookmark starts here: text is its name */
} sk_flow_run_kind;

/* Run flags (the same values as the model's SK_F_*). */
enum { SK_FL_BOLD = 1, SK_FL_ITALIC = 2, SK_FL_CODE = 4, SK_FL_STRIKE = 8, SK_FL_SUP = 16, SK_FL_SUB = 32,
       SK_FL_UNDERLINE = 64 };

typedef struct sk_flow_run {
    sk_flow_run_kind kind;
    unsigned flags;
    char *text;
    char *anchor;   /* inside an internal link (w:hyperlink w:anchor, a REF field, text:a "#…"): the bookmark */
    char *url;      /* inside an external link */
    int image;
} sk_flow_run;

typedef struct sk_flow_para {
    char *style;    /* the paragraph style's name (w:name, style:display-name), or NULL */
    int outline;    /* outline level 1..9 (direct or from the style), 0 for body text */
    char *label;    /* the text its list numbering shows ("5.1", "a)", "——", "附录A"), or NULL */
    int list_level; /* numbered or bulleted: the list level 1..9, else 0 */
    int bullet;     /* the numbering is a bullet (no counter) */
    int center;     /* centred */
    int toc;        /* part of a table of contents (a TOC field's result, a TOC style) */
    int frame;      /* inside a text box or frame */
    int index;      /* paragraph number in the body */
    sk_flow_run *runs;
    size_t nruns, cap;
} sk_flow_para;

typedef struct sk_flow_cell {
    int colspan;    /* columns it spans (1 or more) */
    int vmerge;     /* 0 none, 1 starts a vertical merge, 2 continues the one above */
    int rowspan;    /* ODT: rows it spans (0: not said) */
    int covered;    /* ODT: a covered cell */
    sk_flow_para *paras;
    size_t n, cap;
} sk_flow_cell;

typedef struct sk_flow_row {
    sk_flow_cell *cells;
    size_t n, cap;
    int header;     /* repeated on every page (w:tblHeader, table:table-header-rows) */
} sk_flow_row;

typedef struct sk_flow_table {
    sk_flow_row *rows;
    size_t n, cap;
    int index;      /* paragraph number of its first cell */
} sk_flow_table;

typedef enum { SK_FB_PARA, SK_FB_TABLE } sk_flow_block_type;

typedef struct sk_flow_block {
    sk_flow_block_type type;
    sk_flow_para para;
    sk_flow_table table;
} sk_flow_block;

typedef struct sk_flow_image {
    char *name;     /* its name in the package ("media/image1.png"): the extension tells the type */
    char *data;
    size_t len;
} sk_flow_image;

typedef struct sk_flow {
    sk_flow_block *blocks;
    size_t n, cap;
    sk_flow_image *images;
    size_t nimages, capimages;
    size_t nparas;  /* paragraphs read, tables' included */
    sk_vec notes;   /* what the reader could not map: char* "paragraph N: …", in order */
} sk_flow;

void sk_flow_init(sk_flow *f);
void sk_flow_free(sk_flow *f);

/* Builders for the readers. */
sk_flow_block *sk_flow_add_block(sk_flow *f, sk_flow_block_type type);
sk_flow_run *sk_flow_add_run(sk_flow_para *p, sk_flow_run_kind kind, const char *text);
sk_flow_row *sk_flow_add_row(sk_flow_table *t);
sk_flow_cell *sk_flow_add_cell(sk_flow_row *r);
sk_flow_para *sk_flow_add_cell_para(sk_flow_cell *c);
/* Adds an image (data taken over); returns its index. */
int sk_flow_add_image(sk_flow *f, const char *name, char *data, size_t len);
void sk_flow_note(sk_flow *f, int index, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* How many elements named one of tags ("w:p", NULL-terminated) the XML text holds:
 * "<w:p>", "<w:p " and "<w:p/>", not "<w:pPr>". A count before the parse, for
 * SK_FLOW_MAX_PARAS. */
size_t sk_flow_count_tags(const char *xml, size_t len, const char *const *tags);
void sk_flow_para_free(sk_flow_para *p);

/* The paragraph's text: its text runs (and tabs as a space, breaks as "\n"), with the
 * TeX of formulas between $; caller frees. */
char *sk_flow_para_text(const sk_flow_para *p);

#endif
