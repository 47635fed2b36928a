#include "grid.h"

#include "fill.h"

int sk_table_header_rows(const sk_node *table)
{
    const sk_table *t = table->table;
    if (!t || !t->nrows)
        return 0;
    for (int c = 0; c < t->ncols; c++) {
        const sk_inlines *l = &t->rows[0].cells[c].in;
        for (size_t i = 0; i < l->n; i++)
            if (l->v[i].type == SK_I_FIELD)
                return 0;
    }
    return t->nheader;
}

int sk_table_keep(const sk_node *table)
{
    const sk_table *t = table->table;
    size_t rows = 0;
    for (size_t r = 0; t && r < t->nrows; r++)
        rows += t->rows[r].repeat ? SK_FILL_BLANK_ROWS : 1;
    return t && rows <= SK_KEEP_ROWS;
}
