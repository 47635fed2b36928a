/* xlsx — a small XLSX workbook of text cells: the data templates stdform hands an
 * office (stdform template). Each sheet is rows of text (inline strings, so no
 * shared-string table), its first row bold and frozen, columns as wide as their
 * widest cell; a column may take its values from a list on another sheet (a data
 * validation of type list, the drop-down Excel and LibreOffice show). The package
 * is reproducible (fixed time stamps) and written atomically (base/zip.h). */
#ifndef SK_XLSX_H
#define SK_XLSX_H

#include <stddef.h>

#include "base/common.h"

typedef struct sk_xlsx_list {
    size_t col;          /* 0-based column of this sheet */
    const char *range;   /* its allowed values: "选项!$A$2:$A$5" (the sheet name quoted when needed) */
} sk_xlsx_list;

typedef struct sk_xlsx_sheet {
    const char *name;            /* at most 31 characters, none of : \ / ? * [ ] */
    const char *const *cells;    /* nrows × ncols, row by row; NULL or "" is an empty cell */
    size_t nrows, ncols;
    const sk_xlsx_list *lists;   /* nlists drop-downs, rows 2 to SK_XLSX_LIST_ROWS */
    size_t nlists;
} sk_xlsx_sheet;

#define SK_XLSX_LIST_ROWS 1000

/* The workbook's bytes (*out malloc'd). -1 with err. */
int sk_xlsx_bytes(char **out, size_t *len, const sk_xlsx_sheet *sheets, size_t n, sk_err *err);
/* The column letters of a 0-based column ("A", "AB"); out holds at least 4 bytes. */
void sk_xlsx_col(size_t col, char *out);

#endif
