/* toc — the 目次: its entries as printed, with page numbers estimated from the
 * text so that a writer can pre-fill them (Word's field update or the PDF pass give
 * the real ones) */
#ifndef SK_TOC_H
#define SK_TOC_H

#include "layout/grid.h"
#include "model/assets.h"
#include "model/doc.h"

typedef struct sk_toc_entry {
    int level;           /* 1: 前言, 引言, chapters, annexes, 参考文献, 索引; 2: first-level clauses */
    char *text;          /* as printed: "前言", "1　范围", "5.1　标题", "附录A（规范性）　标题" */
    const sk_node *node;
    int page;            /* estimated page */
    int roman;           /* the page is in the front matter (printed I, II …) */
} sk_toc_entry;

/* A map from addresses (of nodes, inlines) to what is kept of them: open
 * addressing on the address itself, for lookups made for every heading, item and
 * reference. A NULL key is never set nor found. */
typedef struct sk_toc_map {
    const void **keys;
    void **vals;
    size_t cap, len;
} sk_toc_map;
/* Sets key to val (the last put wins). */
void sk_toc_map_put(sk_toc_map *m, const void *key, void *val);
void *sk_toc_map_get(const sk_toc_map *m, const void *key);
void sk_toc_map_free(sk_toc_map *m);

typedef struct sk_toc {
    sk_toc_entry *v;
    size_t n;
    int front_pages;     /* estimated pages of 目次 + 前言 + 引言 */
    int body_pages;      /* estimated pages from the first body page on */
    sk_grid_measure *measures; /* the tables the estimate measured, by address (sk_toc_measure) */
    size_t nmeasures;
    sk_toc_map refs;     /* an inline reference the estimate counted → its text (sk_toc_ref) */
} sk_toc;

/* Page numbers are an estimate (a writer pre-fills them so the 目次 shows without
 * updating; Word's field update or a PDF pass gives the real ones): text is
 * counted in 汉字 widths (a Latin character is half), SK_TOC_LINE_CHARS to a 五号
 * line and SK_TOC_PAGE_LINES lines to a page; 小五 text (tables, notes) fits 52 to
 * the line and takes 0.85 of a line; headings add half a line; a figure takes
 * its scaled height (assets may be NULL: 15 lines); a table row takes its tallest
 * cell. 目次 starts on page I, 前言, 引言, each annex, 参考文献 and 索引 on a new
 * page, the body on page 1. */
#define SK_TOC_LINE_CHARS 44
#define SK_TOC_PAGE_LINES 39
void sk_toc_build(sk_toc *t, const sk_doc *doc, const sk_assets *assets);
void sk_toc_free(sk_toc *t);
/* The measure of table tab the estimate took (the layout's grid of tab takes it
 * rather than measuring the cells again), or NULL. */
const sk_grid_measure *sk_toc_measure(const sk_toc *t, const sk_table *tab);
/* The text reference in prints (sk_display_ref) as the estimate counted it, or NULL
 * when it counted none for in. */
const char *sk_toc_ref(const sk_toc *t, const sk_inline *in);
/* "12", or "IV" when roman. */
void sk_toc_page_label(int page, int roman, char out[16]);

#endif
