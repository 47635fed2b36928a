#include "layout/grid.h"

#include <stdlib.h>
#include <string.h>

#include "layout/fill.h"
#include "layout/style.h"

int sk_grid_header_rows(const sk_node *table)
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

int sk_grid_keep(const sk_node *table)
{
    const sk_table *t = table->table;
    size_t rows = 0;
    for (size_t r = 0; t && r < t->nrows; r++)
        rows += t->rows[r].repeat ? SK_FILL_BLANK_ROWS : 1;
    return t && rows <= SK_GRID_KEEP_ROWS;
}

/* Display width of a cell's widest line, in half-width units (CJK counts 2); a field
 * counts as the blank it prints (sk_fill_field_width 汉字, or its default's width). */
static double cell_width(const sk_cell *cell)
{
    double cw = 0, line = 0;
    for (size_t i = 0; i < cell->in.n; i++) {
        const sk_inline *in = &cell->in.v[i];
        if (in->type == SK_I_LINEBREAK || in->type == SK_I_SOFTBREAK) {
            line = 0;
            continue;
        }
        if (in->type == SK_I_FIELD && !(in->target && *in->target)) {
            line += 2 * sk_fill_field_width(in->text);
        } else {
            const char *p = in->type == SK_I_FIELD ? in->target : in->text;
            size_t len = p ? strlen(p) : 0;
            for (size_t k = 0; k < len;) {
                uint32_t cp;
                int n = sk_utf8_decode(p + k, len - k, &cp);
                if (!n)
                    break;
                if (cp == '\n') {
                    line = 0;
                } else {
                    line += cp >= 0x1100 ? 2 : 1;
                }
                if (line > cw)
                    cw = line;
                k += (size_t)n;
            }
        }
        if (line > cw)
            cw = line;
    }
    return cw;
}

void sk_grid_widths(const sk_table *t, double *width)
{
    if (t->width) {
        memcpy(width, t->width, (size_t)t->ncols * sizeof *width);
        return;
    }
    /* relative column widths from the widest content, clamped so one long cell
     * cannot squeeze the others to nothing */
    double sum = 0;
    for (int c = 0; c < t->ncols; c++) {
        double w = 4;
        for (size_t r = 0; r < t->nrows; r++) {
            const sk_cell *cell = &t->rows[r].cells[c];
            if (cell->covered || cell->colspan > 1)
                continue;
            double cw = cell_width(cell);
            if (cw > w)
                w = cw;
        }
        if (w > 40)
            w = 40;
        width[c] = w;
        sum += w;
    }
    for (int c = 0; c < t->ncols; c++)
        width[c] /= sum;
}

/* ---------- tables ---------- */

void sk_grid_init(sk_grid *g, const sk_table *t)
{
    sk_grid_init_width(g, t, SK_TEXT_W_TW);
}

void sk_grid_init_width(sk_grid *g, const sk_table *t, int text_w)
{
    size_t cells = t->nrows * (size_t)t->ncols;
    g->t = t;
    g->text_w = text_w;
    g->width = sk_calloc((size_t)(t->ncols > 0 ? t->ncols : 1), sizeof *g->width);
    g->origin_row = sk_malloc((cells ? cells : 1) * sizeof *g->origin_row);
    g->origin_col = sk_malloc((cells ? cells : 1) * sizeof *g->origin_col);
    double *rel = sk_calloc((size_t)(t->ncols > 0 ? t->ncols : 1), sizeof *rel);
    sk_grid_widths(t, rel);
    int sum = 0;
    for (int c = 0; c < t->ncols; c++) {
        g->width[c] = (int)(rel[c] * text_w + 0.5);
        if (g->width[c] < 1)
            g->width[c] = 1;
        sum += g->width[c];
    }
    if (t->ncols && g->width[t->ncols - 1] + text_w - sum >= 1)
        g->width[t->ncols - 1] += text_w - sum; /* the columns add up to the text width exactly */
    free(rel);
    for (size_t i = 0; i < cells; i++)
        g->origin_row[i] = g->origin_col[i] = -1;
    for (size_t r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            const sk_cell *k = &t->rows[r].cells[c];
            if (k->covered)
                continue;
            for (int dr = 0; dr < k->rowspan && r + (size_t)dr < t->nrows; dr++)
                for (int dc = 0; dc < k->colspan && c + dc < t->ncols; dc++) {
                    size_t i = (r + (size_t)dr) * (size_t)t->ncols + (size_t)(c + dc);
                    g->origin_row[i] = (int)r;
                    g->origin_col[i] = c;
                }
        }
}

void sk_grid_free(sk_grid *g)
{
    free(g->width);
    free(g->origin_row);
    free(g->origin_col);
}
