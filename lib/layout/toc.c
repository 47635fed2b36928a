#include "layout/toc.h"

#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "base/str.h"
#include "base/utf8.h"
#include "model/display.h"
#include "layout/fill.h"
#include "layout/grid.h"
#include "layout/labels.h"
#include "layout/style.h"


/* ---------- 目次 and page estimate ---------- */

typedef struct est {
    int page;
    double line;
    int roman;
    const sk_assets *assets;
    sk_toc *toc;
    size_t cap;
    size_t mcap;         /* of toc->measures */
} est;

#define SMALL_CHARS 52
#define SMALL_LINE 0.85
#define LINE_EMU 224790.0 /* one 五号 line at the body's 1.3 spacing, in EMU */

static void est_lines(est *e, double lines)
{
    e->line += lines;
    while (e->line > SK_TOC_PAGE_LINES) {
        e->page++;
        e->line -= SK_TOC_PAGE_LINES;
    }
}

static void est_newpage(est *e)
{
    if (e->line > 0) {
        e->page++;
        e->line = 0;
    }
}

/* The half units of the eight bytes at s whose bits keep has (see text_units). */
static size_t word_units(const char *s, uint64_t keep)
{
    uint64_t w;
    memcpy(&w, s, 8);
    uint64_t cont = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7;
    uint64_t wide = (w & (w << 1) & (w << 2) & 0x8080808080808080ULL) >> 7;
    uint64_t v = (0x0101010101010101ULL - cont + wide) & keep;
    return (size_t)((v * 0x0101010101010101ULL) >> 56);
}

/* Width of text in 汉字: characters of three or more UTF-8 bytes (U+0800 on:
 * 汉字, full-width punctuation) count one, others half. By lead byte, no decoding:
 * sk_utf8_count plus sk_utf8_count_wide in half units, in one pass. */
static double text_units(const char *s)
{
    /* per byte 1, none for a continuation byte (10xxxxxx), one more for the lead
     * byte of a wide one (111xxxxx): 0, 1 or 2, so eight bytes add up in a word */
    size_t n = strlen(s), half = 0, i = 0;
#ifdef __SSE2__
    /* sixteen bytes at a time, the same counts: each byte of a vector counts the
     * continuation bytes and the wide leads in its column, for at most 255 rounds */
    const __m128i c0 = _mm_set1_epi8((char)0xC0), c80 = _mm_set1_epi8((char)0x80), e0 = _mm_set1_epi8((char)0xE0);
    while (i + 16 <= n) {
        size_t from = i;
        __m128i cont = _mm_setzero_si128(), wide = _mm_setzero_si128();
        for (int k = 0; k < 255 && i + 16 <= n; k++, i += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            cont = _mm_sub_epi8(cont, _mm_cmpeq_epi8(_mm_and_si128(x, c0), c80));
            wide = _mm_sub_epi8(wide, _mm_cmpeq_epi8(_mm_and_si128(x, e0), e0));
        }
        __m128i sc = _mm_sad_epu8(cont, _mm_setzero_si128()), sw = _mm_sad_epu8(wide, _mm_setzero_si128());
        half += (i - from) + (size_t)(_mm_cvtsi128_si32(sw) + _mm_extract_epi16(sw, 4)) -
                (size_t)(_mm_cvtsi128_si32(sc) + _mm_extract_epi16(sc, 4));
    }
#endif
    for (; i + 8 <= n; i += 8)
        half += word_units(s + i, ~0ULL);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (i < n && n >= 8) {
        /* the last eight bytes, those counted already (the low ones) masked out */
        half += word_units(s + n - 8, ~0ULL << (8 * (8 - (n - i))));
        i = n;
    }
#endif
    for (; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        half += ((b & 0xC0) != 0x80) + (b >= 0xE0);
    }
    return (double)half / 2;
}

/* ---------- a map by address ---------- */

static size_t map_slot(const void *p, size_t cap)
{
    uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ULL; /* Fibonacci hashing */
    return (size_t)(h >> 32) & (cap - 1);
}

static void map_set(const void **keys, void **vals, size_t cap, const void *key, void *val, size_t *len)
{
    size_t i = map_slot(key, cap);
    while (keys[i] && keys[i] != key)
        i = (i + 1) & (cap - 1);
    if (!keys[i]) {
        keys[i] = key;
        ++*len;
    }
    vals[i] = val;
}

void sk_toc_map_put(sk_toc_map *m, const void *key, void *val)
{
    if (!key)
        return;
    if ((m->len + 1) * 2 > m->cap) { /* at most half full */
        size_t cap = m->cap ? m->cap * 2 : 64, len = 0;
        const void **keys = sk_calloc(cap, sizeof *keys);
        void **vals = sk_calloc(cap, sizeof *vals);
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i])
                map_set(keys, vals, cap, m->keys[i], m->vals[i], &len);
        free(m->keys);
        free(m->vals);
        m->keys = keys;
        m->vals = vals;
        m->cap = cap;
    }
    map_set(m->keys, m->vals, m->cap, key, val, &m->len);
}

void *sk_toc_map_get(const sk_toc_map *m, const void *key)
{
    if (!key || !m->cap)
        return NULL;
    for (size_t i = map_slot(key, m->cap); m->keys[i]; i = (i + 1) & (m->cap - 1))
        if (m->keys[i] == key)
            return m->vals[i];
    return NULL;
}

void sk_toc_map_free(sk_toc_map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* ---------- the estimate ---------- */

/* The text a reference prints (sk_display_ref), kept in the 目次 for the layout,
 * which prints it (sk_toc_ref). */
static const char *ref_text(est *e, const sk_inline *in)
{
    char *t = sk_toc_map_get(&e->toc->refs, in);
    if (!t) {
        t = sk_display_ref(in);
        sk_toc_map_put(&e->toc->refs, in, t);
    }
    return t;
}

const char *sk_toc_ref(const sk_toc *t, const sk_inline *in)
{
    return t ? sk_toc_map_get(&t->refs, in) : NULL;
}

static double inline_units(est *e, const sk_inlines *l)
{
    double u = 0;
    for (size_t i = 0; i < l->n; i++) {
        const sk_inline *in = &l->v[i];
        if (in->type == SK_I_REF) {
            u += text_units(ref_text(e, in));
        } else if (in->type == SK_I_FIELD) {
            u += sk_fill_field_width(in->text);
        } else if (in->text) {
            u += text_units(in->text);
        }
    }
    return u;
}

static double lines_for(double units, double per_line)
{
    double l = ceil(units / per_line);
    return l < 1 ? 1 : l;
}

static void toc_add(est *e, const sk_node *n, int level)
{
    sk_toc *t = e->toc;
    if (t->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 32;
        t->v = sk_realloc(t->v, e->cap * sizeof *t->v);
    }
    t->v[t->n++] = (sk_toc_entry){ level, sk_labels_toc_text(n), n, e->page, e->roman };
}

/* A measure of t kept in the 目次 for the layout's grid (NULL: its widths are given). */
static const sk_grid_measure *measure(est *e, const sk_table *t)
{
    sk_toc *toc = e->toc;
    if (t->width)
        return NULL;
    if (toc->nmeasures == e->mcap) {
        e->mcap = e->mcap ? e->mcap * 2 : 16;
        toc->measures = sk_realloc(toc->measures, e->mcap * sizeof *toc->measures);
    }
    sk_grid_measure *m = &toc->measures[toc->nmeasures++];
    sk_grid_measure_init(m, t, t->nheader);
    return m;
}

static int by_table(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const sk_grid_measure *)a)->t, y = (uintptr_t)((const sk_grid_measure *)b)->t;
    return x < y ? -1 : x > y;
}

const sk_grid_measure *sk_toc_measure(const sk_toc *t, const sk_table *tab)
{
    if (!t || !t->nmeasures || !tab)
        return NULL;
    sk_grid_measure key = { .t = tab };
    return bsearch(&key, t->measures, t->nmeasures, sizeof *t->measures, by_table);
}

static void est_table(est *e, const sk_node *n)
{
    const sk_table *t = n->table;
    double *width = t && t->ncols > 0 ? sk_calloc((size_t)t->ncols, sizeof *width) : NULL;
    if (width)
        sk_grid_widths_measured(t, t->nheader, SK_TEXT_W_TW, measure(e, t), width);
    est_lines(e, 1.5);
    for (size_t r = 0; t && r < t->nrows; r++) {
        double row = 1;
        for (int c = 0; c < t->ncols; c++) {
            const sk_cell *k = &t->rows[r].cells[c];
            if (k->covered)
                continue;
            double w = 0;
            for (int s = 0; s < k->colspan && c + s < t->ncols; s++)
                w += width[c + s];
            double per = w * SMALL_CHARS - 1;
            double l = lines_for(inline_units(e, &k->in), per < 1 ? 1 : per);
            if (l > row)
                row = l;
        }
        est_lines(e, (row * SMALL_LINE + 0.3) * (t->rows[r].repeat ? SK_FILL_BLANK_ROWS : 1));
    }
    free(width);
}

static void est_blocks(est *e, const sk_node *first, double indent);

static void est_block(est *e, const sk_node *n, double indent)
{
    switch (n->type) {
    case SK_N_PARA:
        est_lines(e, lines_for(indent + 2 + inline_units(e, &n->in), SK_TOC_LINE_CHARS));
        break;
    case SK_N_NOTE:
    case SK_N_EXAMPLE:
    case SK_N_FOOTNOTE:
        est_lines(e, SMALL_LINE * lines_for(indent + 5 + inline_units(e, &n->in), SMALL_CHARS));
        est_blocks(e, n->first, indent); /* an example's further paragraphs */
        break;
    case SK_N_LIST:
    case SK_N_ITEM:
        est_blocks(e, n->first, indent + 2);
        break;
    case SK_N_QUOTE:
        est_blocks(e, n->first, indent + 4);
        break;
    case SK_N_CODE: {
        int lines = 1;
        for (const char *p = n->src; p && *p; p++)
            lines += *p == '\n';
        est_lines(e, lines * SMALL_LINE);
        break;
    }
    case SK_N_TABLE:
        est_table(e, n);
        est_lines(e, n->unit ? SMALL_LINE : 0);
        est_blocks(e, n->first, indent);
        break;
    case SK_N_FIGURE:
    case SK_N_SUBFIGURE: {
        const sk_asset *a = sk_assets_find(e->assets, n);
        double h = n->src ? 15 : 0; /* a figure of several: its subfigures' */
        if (a) {
            long long w, hh;
            sk_image_fit(&a->info, SK_TEXT_WIDTH_EMU, SK_FIGURE_MAX_HEIGHT_EMU, &w, &hh);
            h = hh / LINE_EMU;
        }
        est_lines(e, h + (n->type == SK_N_FIGURE ? 2 : 1) + (n->unit ? SMALL_LINE : 0));
        est_blocks(e, n->first, indent);
        break;
    }
    case SK_N_CUT:
    case SK_N_FORMULA:
        est_lines(e, 2);
        break;
    case SK_N_WHERE:
    case SK_N_KEY:
        est_lines(e, 1);
        for (const sk_node *k = n->first; k; k = k->next)
            est_lines(e, lines_for(SK_WHERE_TEXT_TW / SK_CHAR_TW + inline_units(e, &k->in), SK_TOC_LINE_CHARS));
        break;
    case SK_N_SECTION: {
        if (n->sect == SK_S_ANNEX || n->sect == SK_S_BIBLIO || n->sect == SK_S_INDEX || n->sect == SK_S_FOREWORD ||
            n->sect == SK_S_INTRO)
            est_newpage(e);
        int top = n->parent && n->parent->type == SK_N_DOC;
        int toc_level = top ? 1 : (n->level == 2 && n->sect == SK_S_CLAUSE && !n->untitled && n->title && *n->title) ? 2 : 0;
        if (toc_level)
            toc_add(e, n, toc_level);
        if (n->sect == SK_S_ANNEX)
            est_lines(e, 4);
        else if (n->sect == SK_S_TERM)
            est_lines(e, 2.5);
        else if (top && (n->sect == SK_S_FOREWORD || n->sect == SK_S_INTRO))
            est_lines(e, 3);
        else
            est_lines(e, top ? 2 : 1.5);
        est_blocks(e, n->first, 0);
        break;
    }
    default:
        break;
    }
}

static void est_blocks(est *e, const sk_node *first, double indent)
{
    for (const sk_node *k = first; k; k = k->next)
        est_block(e, k, indent);
}

static int is_front(const sk_node *n)
{
    return n->type == SK_N_SECTION && (n->sect == SK_S_FOREWORD || n->sect == SK_S_INTRO);
}

void sk_toc_build(sk_toc *t, const sk_doc *doc, const sk_assets *assets)
{
    memset(t, 0, sizeof *t);
    est e = { .page = 1, .line = 0, .roman = 1, .assets = assets, .toc = t };
    /* count entries first: the 目次's own length decides where 前言 starts */
    size_t entries = 0;
    for (const sk_node *n = doc->root->first; n; n = n->next) {
        if (n->type != SK_N_SECTION)
            continue;
        entries++;
        for (const sk_node *k = n->first; k; k = k->next)
            entries += k->type == SK_N_SECTION && k->sect == SK_S_CLAUSE && !k->untitled && k->title && *k->title;
    }
    est_lines(&e, 3 + (double)entries);
    for (const sk_node *n = doc->root->first; n; n = n->next)
        if (is_front(n))
            est_block(&e, n, 0);
    t->front_pages = e.page;
    e.page = 1;
    e.line = 0;
    e.roman = 0;
    est_lines(&e, 2.5); /* the title on the first body page */
    for (const sk_node *n = doc->root->first; n; n = n->next)
        if (!is_front(n))
            est_block(&e, n, 0);
    t->body_pages = e.page;
    if (t->nmeasures > 1)
        qsort(t->measures, t->nmeasures, sizeof *t->measures, by_table);

}

void sk_toc_free(sk_toc *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].text);
    free(t->v);
    for (size_t i = 0; i < t->nmeasures; i++)
        sk_grid_measure_free(&t->measures[i]);
    free(t->measures);
    for (size_t i = 0; i < t->refs.cap; i++)
        free(t->refs.vals[i]);
    sk_toc_map_free(&t->refs);
    memset(t, 0, sizeof *t);
}

void sk_toc_page_label(int page, int roman, char out[16])
{
    if (!roman && page >= 0) {
        char d[21];
        memcpy(out, d, (size_t)sk_str_udec(d, (unsigned long long)page) + 1); /* at most 10 digits */
        return;
    }
    if (!roman || page < 1 || page > 3999) {
        snprintf(out, 16, "%d", page);
        return;
    }
    static const struct { int v; const char *s; } r[] = { { 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" },
                                                          { 100, "C" },  { 90, "XC" },  { 50, "L" },  { 40, "XL" },
                                                          { 10, "X" },   { 9, "IX" },   { 5, "V" },   { 4, "IV" },
                                                          { 1, "I" } };
    size_t o = 0;
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        while (page >= r[i].v && o + strlen(r[i].s) < 16) {
            memcpy(out + o, r[i].s, strlen(r[i].s));
            o += strlen(r[i].s);
            page -= r[i].v;
        }
    out[o] = '\0';
}
