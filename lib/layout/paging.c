#include "layout/paging.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void key_of(const void *n, char key[32])
{
    snprintf(key, 32, "%p", n);
}

void sk_paging_init(sk_paging *p)
{
    memset(p, 0, sizeof *p);
    sk_map_init(&p->page);
    sk_map_init(&p->splits);
    sk_map_init(&p->breaks);
}

static void free_splits(sk_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys && m->keys[i])
            free(m->vals[i]);
    sk_map_free(m);
}

void sk_paging_free(sk_paging *p)
{
    if (!p)
        return;
    sk_map_free(&p->page);
    free_splits(&p->splits);
    free(p->pieces);
    free(p->toc_node);
    free(p->toc_anchor);
    free(p->toc_roman);
    free(p->keep_node);
    free(p->keep_anchor);
    sk_map_free(&p->breaks);
    memset(p, 0, sizeof *p);
}

void sk_paging_walk_start(sk_paging *p)
{
    p->npieces = 0;
    p->ntoc = 0;
    p->nkeep = 0;
    p->last_para = NULL;
}

int sk_paging_toc_page(const sk_paging *p, const sk_node *n)
{
    char key[32];
    if (!p || !p->measured || !n)
        return 0;
    key_of(n, key);
    int v = (int)(intptr_t)sk_map_get(&p->page, key) - 1;
    return v > 0 ? v : 0;
}

void sk_paging_toc_record(sk_paging *p, const sk_node *n, const char *anchor, int roman)
{
    if (!p || !n || !anchor)
        return;
    if (p->ntoc == p->toc_cap) {
        p->toc_cap = p->toc_cap ? 2 * p->toc_cap : 32;
        p->toc_node = sk_realloc(p->toc_node, p->toc_cap * sizeof *p->toc_node);
        p->toc_anchor = sk_realloc(p->toc_anchor, p->toc_cap * sizeof *p->toc_anchor);
        p->toc_roman = sk_realloc(p->toc_roman, p->toc_cap * sizeof *p->toc_roman);
    }
    p->toc_node[p->ntoc] = n;
    snprintf(p->toc_anchor[p->ntoc], 32, "%s", anchor);
    p->toc_roman[p->ntoc] = roman;
    p->ntoc++;
}

int sk_paging_split_at(const sk_paging *p, const sk_node *t, size_t r)
{
    char key[32];
    if (!p || !r)
        return 0;
    key_of(t, key);
    const size_t *s = sk_map_get(&p->splits, key);
    for (size_t i = 0; s && i < s[0]; i++)
        if (s[1 + i] == r)
            return 1;
    return 0;
}

void sk_paging_piece(sk_paging *p, const sk_piece *piece)
{
    if (!p)
        return;
    if (p->npieces == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 16;
        p->pieces = sk_realloc(p->pieces, p->cap * sizeof *p->pieces);
    }
    p->pieces[p->npieces++] = *piece;
}

void sk_paging_keep_record(sk_paging *p, const sk_node *n, const char *anchor)
{
    if (!p || !n || !anchor)
        return;
    if (p->nkeep == p->keep_cap) {
        p->keep_cap = p->keep_cap ? 2 * p->keep_cap : 32;
        p->keep_node = sk_realloc(p->keep_node, p->keep_cap * sizeof *p->keep_node);
        p->keep_anchor = sk_realloc(p->keep_anchor, p->keep_cap * sizeof *p->keep_anchor);
    }
    p->keep_node[p->nkeep] = n;
    snprintf(p->keep_anchor[p->nkeep], 32, "%s", anchor);
    p->nkeep++;
}

int sk_paging_blank_page(const sk_paging *p)
{
    return p && p->measured && p->blank && !p->no_blank;
}

void sk_paging_blank_record(sk_paging *p, int can)
{
    if (p)
        p->blank_ok = can && !p->no_blank;
}

void sk_paging_last_record(sk_paging *p, const sk_node *n)
{
    if (p)
        p->last_para = n;
}

int sk_paging_break_before(const sk_paging *p, const sk_node *n)
{
    char key[32];
    if (!p || !p->measured || !n)
        return 0;
    key_of(n, key);
    return sk_map_get(&p->breaks, key) != NULL;
}

/* ---------- reading a measure ---------- */

typedef struct measure {
    int pages, blanks;
    sk_map anchor;   /* name → page + 1 */
    sk_map ends;     /* name → 1: what follows its paragraph starts on a later page */
    int end_alone;   /* the end rule starts a page */
    sk_map blank;    /* "%d" of a page LibreOffice left blank → 1 */
    int **row;       /* row[t][r]: page (0: not measured) */
    size_t *nrow, ntab;
} measure;

static void measure_free(measure *m)
{
    sk_map_free(&m->anchor);
    sk_map_free(&m->ends);
    sk_map_free(&m->blank);
    for (size_t i = 0; i < m->ntab; i++)
        free(m->row[i]);
    free(m->row);
    free(m->nrow);
}

/* Limits on what a measure may hold: tables and rows of a document, pages. */
#define MAX_TABLES 100000
#define MAX_ROWS 1000000
#define MAX_PAGES 1000000

static int measure_parse(measure *m, const char *text, sk_err *err)
{
    memset(m, 0, sizeof *m);
    sk_map_init(&m->anchor);
    sk_map_init(&m->ends);
    sk_map_init(&m->blank);
    size_t lineno = 0;
    for (const char *l = text; l && *l;) {
        const char *nl = strchr(l, '\n');
        size_t len = nl ? (size_t)(nl - l) : strlen(l);
        char buf[256], name[64];
        lineno++;
        if (len >= sizeof buf) {
            sk_err_set(err, "LibreOffice's measure, line %zu: too long", lineno);
            return -1;
        }
        memcpy(buf, l, len);
        buf[len] = '\0';
        l = nl ? nl + 1 : l + len;
        long a, b, c;
        int ok = 1;
        if (!*buf)
            continue;
        if (sscanf(buf, "pages %ld", &a) == 1 && a >= 0 && a <= MAX_PAGES) {
            m->pages = (int)a;
        } else if (sscanf(buf, "blank %ld", &a) == 1 && a >= 1 && a <= MAX_PAGES) {
            m->blanks++;
            snprintf(name, sizeof name, "%ld", a);
            sk_map_put(&m->blank, name, (void *)1);
        } else if (sscanf(buf, "anchor %63s %ld", name, &a) == 2 && a >= 1 && a <= MAX_PAGES) {
            sk_map_put(&m->anchor, name, (void *)(intptr_t)(a + 1));
        } else if (sscanf(buf, "ends %63s %ld", name, &a) == 2 && a >= 1 && a <= MAX_PAGES) {
            sk_map_put(&m->ends, name, (void *)1);
        } else if (sscanf(buf, "alone %63s %ld", name, &a) == 2 && a >= 1 && a <= MAX_PAGES) {
            m->end_alone |= !strcmp(name, SK_ANCHOR_END);
        } else if (sscanf(buf, "row %ld %ld %ld", &a, &b, &c) == 3 && a >= 0 && a < MAX_TABLES && b >= 0 &&
                   b < MAX_ROWS && c >= 1 && c <= MAX_PAGES) {
            while (m->ntab <= (size_t)a) {
                m->row = sk_realloc(m->row, (m->ntab + 1) * sizeof *m->row);
                m->nrow = sk_realloc(m->nrow, (m->ntab + 1) * sizeof *m->nrow);
                m->row[m->ntab] = NULL;
                m->nrow[m->ntab] = 0;
                m->ntab++;
            }
            if (m->nrow[a] <= (size_t)b) {
                m->row[a] = sk_realloc(m->row[a], ((size_t)b + 1) * sizeof **m->row);
                memset(m->row[a] + m->nrow[a], 0, ((size_t)b + 1 - m->nrow[a]) * sizeof **m->row);
                m->nrow[a] = (size_t)b + 1;
            }
            m->row[a][b] = (int)c;
        } else {
            ok = 0;
        }
        if (!ok) {
            sk_err_set(err, "LibreOffice's measure, line %zu: not understood: %s", lineno, buf);
            return -1;
        }
    }
    return 0;
}

static int anchor_page(const measure *m, const char *name)
{
    return (int)(intptr_t)sk_map_get(&m->anchor, name) - 1;
}

/* The printed row that LO row j of a piece is (SIZE_MAX: a repeated header; the
 * notes row is `to`). */
static size_t printed_row(const sk_piece *pc, size_t j)
{
    size_t rep = pc->repeated ? (size_t)pc->nh : 0;
    if (j < rep)
        return SIZE_MAX;
    return pc->from + (j - rep);
}

/* The row a table piece should be continued at, from where LibreOffice broke it; 0
 * when it fits on its page or cannot be broken better. */
static size_t break_row(const sk_piece *pc, const measure *m)
{
    if (pc->index >= m->ntab || !m->nrow[pc->index])
        return 0;
    const int *rp = m->row[pc->index];
    size_t n = m->nrow[pc->index];
    int start = rp[0];
    for (size_t j = 1; j < n; j++) {
        if (!rp[j] || rp[j] <= start)
            continue;
        size_t r = printed_row(pc, j);
        if (r == SIZE_MAX)
            return 0;
        if (r >= pc->to) /* the notes row alone: the last row goes with it */
            r = pc->to - 1;
        /* a header row or the first body row going over: nothing to continue */
        if (r <= pc->from || r <= (size_t)pc->nh)
            return 0;
        return r;
    }
    return 0;
}

static int same_list(const size_t *a, const size_t *b)
{
    size_t na = a ? a[0] : 0, nb = b ? b[0] : 0;
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (a[1 + i] != b[1 + i])
            return 0;
    return 1;
}

int sk_paging_measured(sk_paging *p, const char *text, sk_err *err)
{
    measure m;
    if (measure_parse(&m, text, err) < 0) {
        measure_free(&m);
        return -1;
    }
    int changed = !p->measured;
    p->pages = m.pages;
    p->blanks = m.blanks;

    /* the 目次: each entry's page, counted from the first page of its part */
    int front = anchor_page(&m, SK_ANCHOR_FRONT), body = anchor_page(&m, SK_ANCHOR_BODY);
    sk_map page;
    sk_map_init(&page);
    for (size_t i = 0; i < p->ntoc; i++) {
        int at = anchor_page(&m, p->toc_anchor[i]), from = p->toc_roman[i] ? front : body;
        if (at < 1 || from < 1 || at < from)
            continue;
        char key[32];
        key_of(p->toc_node[i], key);
        sk_map_put(&page, key, (void *)(intptr_t)(at - from + 2));
    }
    for (size_t i = 0; i < p->ntoc && !changed; i++) {
        char key[32];
        key_of(p->toc_node[i], key);
        changed = sk_map_get(&page, key) != sk_map_get(&p->page, key);
    }
    sk_map_free(&p->page);
    p->page = page;

    /* headings and captions that ended a page: a page break before them from now on */
    for (size_t i = 0; i < p->nkeep; i++) {
        char key[32];
        key_of(p->keep_node[i], key);
        if (sk_map_get(&m.ends, p->keep_anchor[i]) && !sk_map_get(&p->breaks, key)) {
            sk_map_put(&p->breaks, key, (void *)1);
            changed = 1;
        }
    }
    /* the blank page before the body: written by us when the reader would insert one
     * (the plan and an inserted page: ours is on the wrong side now, dropped) */
    if (p->blank_ok && body > 1) {
        char pg[32];
        snprintf(pg, sizeof pg, "%d", body - 1);
        int inserted = sk_map_get(&m.blank, pg) != NULL;
        int want = p->blank ? !inserted : inserted;
        if (want != p->blank) {
            p->blank = want;
            changed = 1;
        }
    }
    if (m.end_alone && p->last_para) {
        char key[32];
        key_of(p->last_para, key);
        if (!sk_map_get(&p->breaks, key)) {
            sk_map_put(&p->breaks, key, (void *)1);
            changed = 1;
        }
    }

    /* the tables: the continuations that held, and the first break of each table */
    sk_map splits, done;
    sk_map_init(&splits);
    sk_map_init(&done);
    for (size_t k = 0; k < p->npieces; k++) {
        const sk_piece *pc = &p->pieces[k];
        char key[32];
        key_of(pc->table, key);
        if (sk_map_get(&done, key))
            continue;
        size_t *list = sk_map_get(&splits, key);
        size_t r = break_row(pc, &m);
        size_t add[2] = { pc->from, r };
        for (int i = 0; i < 2; i++) {
            if (!add[i])
                continue;
            size_t n = list ? list[0] : 0;
            list = sk_realloc(list, (n + 2) * sizeof *list);
            list[0] = n + 1;
            list[1 + n] = add[i];
            sk_map_put(&splits, key, list);
        }
        if (r)
            sk_map_put(&done, key, (void *)1);
    }
    sk_map_free(&done);
    for (size_t k = 0; k < p->npieces && !changed; k++) {
        char key[32];
        key_of(p->pieces[k].table, key);
        changed = !same_list(sk_map_get(&splits, key), sk_map_get(&p->splits, key));
    }
    free_splits(&p->splits);
    p->splits = splits;
    p->measured = 1;
    measure_free(&m);
    return changed;
}
