/* grid — table geometry shared by both writers: which rows repeat as headers and
 * which tables are kept on one page */
#ifndef SK_GRID_H
#define SK_GRID_H

#include "doc.h"

/* Header rows a table repeats on each page: its header rows, except in a form
 * whose first row holds fields (a key/value grid, not a header). */
int sk_table_header_rows(const sk_node *table);

/* True for a table short enough to be kept on one page (at most SK_KEEP_ROWS rows,
 * blank repeat rows counted): a writer keeps its rows with the next. */
#define SK_KEEP_ROWS 15
int sk_table_keep(const sk_node *table);

#endif
