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
    int text_w;       /* the table's width: SK_TEXT_W_TW, the width sk_grid_init_width was given,
                       * or SK_TEXT_W_LAND_TW on a landscape page */
    int landscape;    /* printed on a landscape page of its own (sk_grid_landscape) */
    int *origin_row;  /* per (r, c): row of the cell covering it, -1 when none */
    int *origin_col;
    int keep;         /* short enough to be kept on one page (sk_grid_keep, or the filled rows are few) */
} sk_grid;

/* Relative column widths of t (fractions adding up to 1.0, into width[0..ncols)):
 * those the model gives (t->width, set by a builder such as sysdoc) or, when it
 * gives none, from the content as a browser lays out an automatic table: every
 * column at least as wide as its widest word (numbers, dates, codes, a standard's
 * number with its inner space, a header of at most SK_GRID_SHORT_HEADER 汉字 as a
 * whole: none of them breaks), and the room left shared in proportion to how much
 * longer each column's lines are (a 汉字 counts two half-width units, a blank field
 * its width). nh: the header rows; text_w: the width the table has, in twips. */
#define SK_GRID_SHORT_HEADER 8
void sk_grid_widths_for(const sk_table *t, int nh, int text_w, double *width);
/* sk_grid_widths_for with t's header rows and the portrait text width. */
void sk_grid_widths(const sk_table *t, double *width);
/* Whether t goes on a landscape page: its builder asks for it (t->landscape), or the
 * words its columns must hold whole (the minimum of sk_grid_widths_for) do not fit the
 * portrait text width. Any other table whose widths the model gives stays portrait. */
int sk_grid_landscape(const sk_table *t, int nh);
/* Grid of a table: widths (twips, adding up to text_w) and span origins, at the
 * portrait text width. */
void sk_grid_init(sk_grid *g, const sk_table *t);
/* The same for a text block text_w twips wide (a page turned across). */
void sk_grid_init_width(sk_grid *g, const sk_table *t, int text_w);
/* The same, on a landscape page when may_turn and sk_grid_landscape say so (a layout
 * prints landscape pages in the body of a standard only). */
void sk_grid_init_for(sk_grid *g, const sk_table *t, int may_turn);
void sk_grid_free(sk_grid *g);

/* What a table's cells need, measured once (it walks every character of every cell)
 * for the questions above asked more than once: the 目次 estimate measures each table
 * and the layout then takes its grid from the same measure. The columns' widths in
 * twips: min[c] its words whole, max[c] its longest line; smin, smax their sums. */
typedef struct sk_grid_measure {
    const sk_table *t;
    int nh;           /* the header rows it was measured with */
    double *min, *max;
    double smin, smax;
} sk_grid_measure;
void sk_grid_measure_init(sk_grid_measure *m, const sk_table *t, int nh);
void sk_grid_measure_free(sk_grid_measure *m);
/* sk_grid_landscape, sk_grid_widths_for and sk_grid_init_for taking known's numbers
 * when known measured t with nh header rows (t->nheader for the grid); known may be
 * NULL, or of another table: then t is measured. The same results either way. */
int sk_grid_landscape_measured(const sk_table *t, int nh, const sk_grid_measure *known);
void sk_grid_widths_measured(const sk_table *t, int nh, int text_w, const sk_grid_measure *known, double *width);
void sk_grid_init_measured(sk_grid *g, const sk_table *t, int may_turn, const sk_grid_measure *known);

#endif
