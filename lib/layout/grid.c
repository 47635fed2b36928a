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

/* Width in half-width units (a 汉字 counts 2) of a code point. */
static int cp_units(uint32_t cp)
{
    return cp >= 0x1100 ? 2 : 1;
}

/* Characters that lines break around freely: 汉字 and full-width punctuation. A run
 * of anything else (Latin, digits, '/', '-', '—', '.', ':') is a word: a number, a
 * date, a code, a standard's number. */
static int cp_breaks(uint32_t cp)
{
    return cp >= 0x2E80 && cp != 0x2014 && cp != 0x2013;
}

/* The code point at p (NUL-terminated) and its length, 0 at an invalid sequence: ASCII
 * and 汉字 inline, as sk_utf8_next, and sk_utf8_decode for the rest. */
static int next_cp(const char *p, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    /* a NUL is no continuation byte: the tests stop at the string's end */
    if (u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (uint32_t)(u[2] & 0x3F);
        return 3;
    }
    return sk_utf8_decode(p, strnlen(p, 4), cp); /* a sequence is four bytes at most */
}

/* A cell's widths in half-width units: *max its widest line, *min its widest piece
 * that must not break (a word, with the spaces inside a standard's number such as
 * "SJDJ/JB 02—2019" joined; a header of at most SK_GRID_SHORT_HEADER 汉字 as a
 * whole; a 汉字 otherwise, two at least). A field counts as the blank it prints
 * (sk_fill_field_width 汉字, or its default's width). All of them are whole units:
 * integers, and the widest line and word taken when they end rather than at each
 * character (both only grow until then). */
static void cell_widths(const sk_cell *cell, int header, int *min, int *max)
{
    int cw = 0, line = 0, word = 0, least = 4, all = 0, cjk = 0;
    for (size_t i = 0; i < cell->in.n; i++) {
        const sk_inline *in = &cell->in.v[i];
        if (in->type == SK_I_LINEBREAK || in->type == SK_I_SOFTBREAK) {
            line = word = 0;
            continue;
        }
        if (in->type == SK_I_FIELD && !(in->target && *in->target)) {
            int f = 2 * sk_fill_field_width(in->text);
            line += f;
            all += f;
            word = 0;
        } else {
            const char *p = in->type == SK_I_FIELD ? in->target : in->text;
            for (size_t k = 0; p && p[k];) {
                const unsigned char *b = (const unsigned char *)p + k;
                if (b[0] >= 0xE3 && b[0] <= 0xEF && b[0] != 0xED && (b[1] & 0xC0) == 0x80 && (b[2] & 0xC0) == 0x80) {
                    /* U+3000 on (汉字, full-width punctuation): two units, a break */
                    k += 3;
                    line += 2;
                    all += 2;
                    cjk++;
                    if (word > least)
                        least = word;
                    word = 0;
                    continue;
                }
                uint32_t cp;
                int n = next_cp(p + k, &cp);
                if (!n)
                    break;
                k += (size_t)n;
                if (cp == '\n') {
                    if (word > least)
                        least = word;
                    if (line > cw)
                        cw = line;
                    line = word = 0;
                    continue;
                }
                int u = cp_units(cp);
                line += u;
                all += u;
                if (cp_breaks(cp)) {
                    cjk++;
                    if (word > least)
                        least = word;
                    word = 0;
                } else if (cp == ' ' && !(word > 0 && p[k] >= '0' && p[k] <= '9')) {
                    if (word > least)
                        least = word;
                    word = 0; /* a space breaks, but the one before the digits of a number */
                } else {
                    word += u;
                }
            }
            if (word > least)
                least = word;
        }
        if (line > cw)
            cw = line;
    }
    if (header && cjk && cjk <= SK_GRID_SHORT_HEADER && all > least)
        least = all; /* 序号, 服务时长（小时）: a short header never breaks */
    if (least > cw)
        cw = least;
    *min = least;
    *max = cw;
}

/* Twips a column of w half-width units of 小五 text takes, its cell margins included. */
#define UNIT_TW 92
#define CELL_PAD_TW 230

static void widths_of(const sk_table *t, int nh, double *min, double *max)
{
    for (int c = 0; c < t->ncols; c++) {
        int lo_c = 4, hi_c = 4;
        for (size_t r = 0; r < t->nrows; r++) {
            const sk_cell *cell = &t->rows[r].cells[c];
            if (cell->covered || cell->colspan > 1)
                continue;
            int lo, hi;
            cell_widths(cell, (int)r < nh, &lo, &hi);
            if (lo > lo_c)
                lo_c = lo;
            if (hi > hi_c)
                hi_c = hi;
        }
        min[c] = lo_c;
        max[c] = hi_c;
    }
}

/* The twips each column's words need whole (*min) and its longest line (*max). */
static void widths_tw(const sk_table *t, int nh, double *min, double *max, double *smin, double *smax)
{
    widths_of(t, nh, min, max);
    *smin = *smax = 0;
    for (int c = 0; c < t->ncols; c++) {
        min[c] = min[c] * UNIT_TW + CELL_PAD_TW;
        max[c] = max[c] * UNIT_TW + CELL_PAD_TW;
        *smin += min[c];
        *smax += max[c];
    }
}

void sk_grid_measure_init(sk_grid_measure *m, const sk_table *t, int nh)
{
    size_t n = (size_t)(t->ncols > 0 ? t->ncols : 1);
    m->t = t;
    m->nh = nh;
    m->min = sk_calloc(2 * n, sizeof *m->min);
    m->max = m->min + n;
    widths_tw(t, nh, m->min, m->max, &m->smin, &m->smax);
}

void sk_grid_measure_free(sk_grid_measure *m)
{
    free(m->min);
    m->min = m->max = NULL;
}

static int measure_landscape(const sk_table *t, const sk_grid_measure *m)
{
    return m->smin > SK_TEXT_W_TW && t->ncols >= 1;
}

/* as a browser lays out an automatic table: each column gets at least what its
 * words need, and what is left goes to the columns whose lines are longer */
static void measure_widths(const sk_table *t, const sk_grid_measure *m, int text_w, double *width)
{
    const double *min = m->min, *max = m->max;
    double W = text_w, sum = 0, smin = m->smin, smax = m->smax;
    for (int c = 0; c < t->ncols; c++) {
        if (smax <= W)
            width[c] = max[c];                                      /* everything on one line */
        else if (smin < W)
            width[c] = min[c] + (max[c] - min[c]) * (W - smin) / (smax - smin);
        else
            width[c] = min[c];                                      /* too wide even so: shrunk alike */
        sum += width[c];
    }
    for (int c = 0; c < t->ncols; c++)
        width[c] /= sum;
}

/* m when it measured t with nh header rows, else NULL */
static const sk_grid_measure *measure_of(const sk_grid_measure *m, const sk_table *t, int nh)
{
    return m && m->t == t && m->nh == nh && m->min ? m : NULL;
}

int sk_grid_landscape_measured(const sk_table *t, int nh, const sk_grid_measure *known)
{
    if (!t || t->ncols < 1)
        return 0;
    if (t->landscape)
        return 1;
    if (t->width)
        return 0;
    const sk_grid_measure *k = measure_of(known, t, nh);
    if (k)
        return measure_landscape(t, k);
    sk_grid_measure m;
    sk_grid_measure_init(&m, t, nh);
    int turns = measure_landscape(t, &m);
    sk_grid_measure_free(&m);
    return turns;
}

int sk_grid_landscape(const sk_table *t, int nh)
{
    return sk_grid_landscape_measured(t, nh, NULL);
}

void sk_grid_widths_measured(const sk_table *t, int nh, int text_w, const sk_grid_measure *known, double *width)
{
    if (t->width) {
        memcpy(width, t->width, (size_t)t->ncols * sizeof *width);
        return;
    }
    const sk_grid_measure *k = measure_of(known, t, nh);
    if (k) {
        measure_widths(t, k, text_w, width);
        return;
    }
    sk_grid_measure m;
    sk_grid_measure_init(&m, t, nh);
    measure_widths(t, &m, text_w, width);
    sk_grid_measure_free(&m);
}

void sk_grid_widths_for(const sk_table *t, int nh, int text_w, double *width)
{
    sk_grid_widths_measured(t, nh, text_w, NULL, width);
}

void sk_grid_widths(const sk_table *t, double *width)
{
    sk_grid_widths_for(t, t->nheader, SK_TEXT_W_TW, width);
}

/* ---------- tables ---------- */

static void grid_init(sk_grid *g, const sk_table *t, int text_w, int may_turn, const sk_grid_measure *known);

void sk_grid_init(sk_grid *g, const sk_table *t)
{
    grid_init(g, t, SK_TEXT_W_TW, 0, NULL);
}

void sk_grid_init_width(sk_grid *g, const sk_table *t, int text_w)
{
    grid_init(g, t, text_w, 0, NULL);
}

void sk_grid_init_for(sk_grid *g, const sk_table *t, int may_turn)
{
    grid_init(g, t, SK_TEXT_W_TW, may_turn, NULL);
}

void sk_grid_init_measured(sk_grid *g, const sk_table *t, int may_turn, const sk_grid_measure *known)
{
    grid_init(g, t, SK_TEXT_W_TW, may_turn, known);
}

/* A table's grid on a text block text_w wide, or on a landscape page of its own
 * when may_turn and its columns need it. */
static void grid_init(sk_grid *g, const sk_table *t, int text_w, int may_turn, const sk_grid_measure *known)
{
    size_t cells = t->nrows * (size_t)t->ncols;
    g->t = t;
    g->width = sk_calloc((size_t)(t->ncols > 0 ? t->ncols : 1), sizeof *g->width);
    g->origin_row = sk_malloc((cells ? cells : 1) * sizeof *g->origin_row);
    g->origin_col = sk_malloc((cells ? cells : 1) * sizeof *g->origin_col);
    double *rel = sk_calloc((size_t)(t->ncols > 0 ? t->ncols : 1), sizeof *rel);
    if (t->width) {
        g->landscape = may_turn && t->ncols >= 1 && t->landscape;
        g->text_w = g->landscape ? SK_TEXT_W_LAND_TW : text_w;
        memcpy(rel, t->width, (size_t)t->ncols * sizeof *rel);
    } else {
        /* sk_grid_landscape and sk_grid_widths_for from one measure */
        sk_grid_measure m;
        const sk_grid_measure *k = measure_of(known, t, t->nheader);
        if (!k) {
            sk_grid_measure_init(&m, t, t->nheader);
            k = &m;
        }
        g->landscape = may_turn && t->ncols >= 1 && (t->landscape || measure_landscape(t, k));
        g->text_w = g->landscape ? SK_TEXT_W_LAND_TW : text_w;
        measure_widths(t, k, g->text_w, rel);
        if (k == &m)
            sk_grid_measure_free(&m);
    }
    int sum = 0;
    for (int c = 0; c < t->ncols; c++) {
        g->width[c] = (int)(rel[c] * g->text_w + 0.5);
        if (g->width[c] < 1)
            g->width[c] = 1;
        sum += g->width[c];
    }
    if (t->ncols && g->width[t->ncols - 1] + g->text_w - sum >= 1)
        g->width[t->ncols - 1] += g->text_w - sum; /* the columns add up to the text width exactly */
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
