/* grid — table geometry shared by both writers: column widths, the cells spans
 * cover, which rows repeat as headers and which tables are kept on one page. */
#ifndef SK_GRID_H
#define SK_GRID_H

#include "model/doc.h"

/* Header rows a table repeats on each page: its header rows, except in a form
 * whose first row holds fields (a key/value grid, not a header). */
int sk_grid_header_rows(const sk_node *table);

/* True for a table short enough to be kept on one page (at most SK_GRID_KEEP_ROWS rows,
 * blank repeat rows counted): a writer keeps its rows with the next. */
#define SK_GRID_KEEP_ROWS 15
int sk_grid_keep(const sk_node *table);

/* A table's grid. */
typedef struct sk_grid {
    const sk_table *t;
    int *width;       /* twips per grid column, adding up to text_w */
    int text_w;       /* the text block's width (SK_TEXT_W_TW unless sk_grid_init_width) */
    int *origin_row;  /* per (r, c): row of the cell covering it, -1 when none */
    int *origin_col;
    int keep;         /* short enough to be kept on one page (sk_grid_keep, or the filled rows are few) */
} sk_grid;

/* Relative column widths of t (fractions adding up to 1.0, into width[0..ncols)):
 * those the model gives (t->width, set by a builder such as sysdoc) or, when it
 * gives none, from the widest content of each column (a 汉字 counts two, a blank
 * field its width), at least 4 and at most 40 units. */
void sk_grid_widths(const sk_table *t, double *width);
/* Grid of a table: widths (twips, adding up to SK_TEXT_W_TW) and span origins. */
void sk_grid_init(sk_grid *g, const sk_table *t);
/* The same for a text block text_w twips wide (a page turned across). */
void sk_grid_init_width(sk_grid *g, const sk_table *t, int text_w);
void sk_grid_free(sk_grid *g);

#endif
