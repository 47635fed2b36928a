/* paging — what LibreOffice's layout of a written document tells the next build of it,
 * shared by both writers: the 目次 page numbers, and where a long table is continued
 * under "表N（续）".
 *
 * A driver (stdgen) builds a document with an empty sk_paging, has LibreOffice lay
 * it out (office.h: sk_office_measure, the pages of every bookmark and of every table
 * row), reads that with sk_paging_measured and builds again, until a build prints
 * what its measure says (sk_paging_measured returns 0). The layout reads the plan —
 * the page of each 目次 entry, the rows each table is continued at — and records,
 * on every walk, the table pieces it printed and the bookmark of each 目次 entry, so
 * that the next measure can be read against them.
 *
 * Continued tables (GB/T 1.1—2020 9.5.4 (?)): where LibreOffice breaks a table, the
 * next build ends it there and prints the rest as a table of its own on the next
 * page, under the caption "表N（续）" (SK_TABLE_CONTINUED) and the repeated header
 * rows; the notes row never goes alone (the break moves one row up).
 *
 * Headings, table captions and term numbers keep with what follows them, and yet
 * LibreOffice (7.4) now and then lets one end a page (a heading before a two-line
 * paragraph that widow control moves): where the measure says what follows such a
 * paragraph starts on a later page, the next build starts it on a new page. The same for
 * the end rule: when it stands alone on the last page, the body's last paragraph starts
 * that page, so that the line never closes an otherwise empty page.
 *
 * The body starts on a right-hand page. When the front matter ends on one, LibreOffice
 * and Word insert a blank page; Word prints on it the header and page number of the
 * front matter (the page belongs to the section before the break). Where the measure
 * says such a page is inserted before the body, the next build writes it itself,
 * when the writer can (sk_sink.blank_page): an empty page of its own with no header
 * and no number, holding the bookmark SK_ANCHOR_BLANK. */
#ifndef SK_PAGING_H
#define SK_PAGING_H

#include "base/common.h"
#include "model/doc.h"

#define SK_TABLE_CONTINUED "（续）"
/* Bookmarks on the first paragraph of the front matter and of the body: the pages the
 * roman and the arabic numbers count from. */
#define SK_ANCHOR_FRONT "_SkFront"
#define SK_ANCHOR_BODY "_SkBody"
/* Bookmark on the end rule (GB/T 1.1 8.9: the line that ends the standard). */
#define SK_ANCHOR_END "_SkEnd"
/* Bookmark on the empty page written before the body (sk_sink.blank_page). */
#define SK_ANCHOR_BLANK "_SkBlank"
/* Builds a driver makes at most before it takes the last one as it is. */
#define SK_PAGING_ROUNDS 4

/* A piece of a table as printed: rows [from, to) of its printed rows (repeat rows
 * counted as printed), LibreOffice's table `index` in document order; a
 * continuation repeats the nh header rows first; notes: the notes row ends it. */
typedef struct sk_piece {
    const sk_node *table;
    size_t index;
    size_t from, to;
    int nh, repeated, notes;
} sk_piece;

typedef struct sk_paging {
    /* the plan, from the last measure */
    sk_map page;       /* "%p" of a 目次 entry's node → its printed page + 1 (intptr) */
    sk_map splits;     /* "%p" of a table → size_t* list: n, then the printed rows continued at */
    int measured;      /* the plan comes from a measure (else the estimate stands) */
    /* the record of the last walk (sk_paging_walk_start clears it) */
    sk_piece *pieces;
    size_t npieces, cap;
    const sk_node **toc_node; /* 目次 entries: node, its bookmark, front matter or body */
    char (*toc_anchor)[32];
    int *toc_roman;
    size_t ntoc, toc_cap;
    const sk_node **keep_node; /* headings and captions that must not end a page, their bookmarks */
    char (*keep_anchor)[32];
    size_t nkeep, keep_cap;
    sk_map breaks;     /* the plan: "%p" of such a paragraph → a page break before it (they stay) */
    const sk_node *last_para; /* the body's last paragraph, before the end rule */
    int blank_ok;      /* the last walk's writer can write the blank page before the body */
    int blank;         /* the plan: it does */
    int no_blank;      /* set by the driver: never (blank pages are left out of the PDF) */
    /* from the last measure */
    int pages;         /* physical pages, blank ones included */
    int blanks;        /* pages LibreOffice left blank */
} sk_paging;

void sk_paging_init(sk_paging *p);
void sk_paging_free(sk_paging *p);

/* For the layout. */
void sk_paging_walk_start(sk_paging *p);
/* The printed page the plan gives a 目次 entry (0: none, keep the estimate). */
int sk_paging_toc_page(const sk_paging *p, const sk_node *n);
void sk_paging_toc_record(sk_paging *p, const sk_node *n, const char *anchor, int roman);
/* Whether the plan continues table t at printed row r (r > 0). */
int sk_paging_split_at(const sk_paging *p, const sk_node *t, size_t r);
void sk_paging_piece(sk_paging *p, const sk_piece *piece);
/* A heading or caption (n, its bookmark) that must not be the last thing on a page. */
void sk_paging_keep_record(sk_paging *p, const sk_node *n, const char *anchor);
/* Whether the walk writes an empty left-hand page before the body; can: its writer
 * could (sk_paging_blank_page then holds the plan). */
int sk_paging_blank_page(const sk_paging *p);
void sk_paging_blank_record(sk_paging *p, int can);
/* The body's last paragraph (the end rule follows it). */
void sk_paging_last_record(sk_paging *p, const sk_node *n);
/* Whether the plan starts n on a new page (it ended a page in a measure, or the end
 * rule after it stood alone). */
int sk_paging_break_before(const sk_paging *p, const sk_node *n);

/* Reads a measure of the last build (office.h's text) against its record and
 * updates the plan: 1 when the plan changed (build again), 0 when the build
 * printed what the plan said, -1 with err when the text is not a measure. */
int sk_paging_measured(sk_paging *p, const char *text, sk_err *err);

#endif
