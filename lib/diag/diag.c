#include "diag/diag.h"

#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void sk_diag_init(sk_diags *d)
{
    memset(d, 0, sizeof *d);
}

void sk_diag_free(sk_diags *d)
{
    for (size_t i = 0; i < d->len; i++) {
        free(d->items[i].file);
        free(d->items[i].msg);
        free(d->items[i].hint);
    }
    free(d->items);
    sk_diag_init(d);
}

sk_diag *sk_diag_emit(sk_diags *d, sk_rule_id rule, const char *file, int line, int col,
                      const char *fmt, ...)
{
    va_list ap;
    sk_buf b;
    if (d->disabled[rule] || d->conf_disabled[rule])
        return NULL;
    if (d->seen[rule]++ >= SK_DIAG_EMIT_MAX) {
        d->over[rule]++;
        return NULL;
    }
    if (d->len == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->items = sk_realloc(d->items, d->cap * sizeof *d->items);
    }
    sk_buf_init(&b);
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    sk_buf_reserve(&b, n > 0 ? (size_t)n : 0);
    va_start(ap, fmt);
    vsnprintf(b.data, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
    b.len = n > 0 ? (size_t)n : 0;

    sk_diag *dg = &d->items[d->len++];
    dg->rule = rule;
    dg->severity = d->conf_level[rule] ? (sk_severity)(d->conf_level[rule] - 1) : sk_rule_get(rule)->severity;
    dg->file = sk_strdup(file ? file : "");
    dg->line = line;
    dg->col = col;
    dg->msg = sk_utf8_repair(sk_buf_detach(&b)); /* every output format is valid UTF-8 */
    dg->hint = NULL;
    return dg;
}

void sk_diag_hint(sk_diag *dg, const char *fmt, ...)
{
    va_list ap;
    if (!dg)
        return;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    free(dg->hint);
    dg->hint = sk_malloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(dg->hint, (size_t)n + 1, fmt, ap);
    va_end(ap);
    dg->hint = sk_utf8_repair(dg->hint);
}

static int before(const sk_diag *a, const sk_diag *b)
{
    int c = strcmp(a->file, b->file);
    return c < 0 || (c == 0 && (a->line < b->line || (a->line == b->line && a->col < b->col)));
}

/* A merge sort of v[0..n): stable, and n log n whatever the order (an insertion
 * sort was quadratic on the many findings a hostile file can give). */
static void sort_range(sk_diag *v, size_t n)
{
    if (n < 2)
        return;
    sk_diag *tmp = sk_malloc(n * sizeof *tmp), *a = v, *b = tmp;
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                b[o++] = before(&a[j], &a[i]) ? a[j++] : a[i++];
            while (i < mid)
                b[o++] = a[i++];
            while (j < hi)
                b[o++] = a[j++];
        }
        sk_diag *t = a;
        a = b;
        b = t;
    }
    if (a != v)
        memcpy(v, a, n * sizeof *a);
    free(tmp);
}

void sk_diag_sort(sk_diags *d)
{
    sort_range(d->items, d->len);
}

void sk_diag_cap(sk_diags *d, size_t start)
{
    size_t kept[SK_R_COUNT] = { 0 }, dropped[SK_R_COUNT], o = start;
    struct { char *file; int line, col; } first[SK_R_COUNT] = { { 0 } };
    memcpy(dropped, d->over, sizeof dropped);
    sort_range(d->items + start, d->len - start);
    for (size_t i = start; i < d->len; i++) {
        sk_diag *dg = &d->items[i];
        if (kept[dg->rule] < SK_DIAG_REPEAT_MAX) {
            kept[dg->rule]++;
            if (!first[dg->rule].file)
                first[dg->rule].file = sk_strdup(dg->file);
            d->items[o++] = *dg;
            continue;
        }
        if (!dropped[dg->rule]++ || !first[dg->rule].line) {
            free(first[dg->rule].file);
            first[dg->rule].file = sk_strdup(dg->file);
            first[dg->rule].line = dg->line;
            first[dg->rule].col = dg->col;
        }
        free(dg->file);
        free(dg->msg);
        free(dg->hint);
    }
    d->len = o;
    memset(d->seen, 0, sizeof d->seen);
    memset(d->over, 0, sizeof d->over);
    for (int r = 0; r < SK_R_COUNT; r++) {
        if (dropped[r]) {
            sk_diag *dg = sk_diag_emit(d, (sk_rule_id)r, first[r].file ? first[r].file : "", first[r].line,
                                       first[r].col,
                                       "%zu more findings of this kind in this file are not shown (the first %d are)",
                                       dropped[r], SK_DIAG_REPEAT_MAX);
            sk_diag_hint(dg, "fix the ones shown and check again, or turn the check off for this file");
        }
        free(first[r].file);
    }
    memset(d->seen, 0, sizeof d->seen);
}

size_t sk_diag_count(const sk_diags *d, sk_severity at_least)
{
    size_t n = 0;
    for (size_t i = 0; i < d->len; i++)
        if (d->items[i].severity >= at_least)
            n++;
    return n;
}

void sk_diag_filter(sk_diags *d, size_t start, int (*keep)(const sk_diag *dg, void *ctx), void *ctx)
{
    size_t o = start;
    for (size_t i = start; i < d->len; i++) {
        sk_diag *dg = &d->items[i];
        if (keep(dg, ctx)) {
            d->items[o++] = *dg;
        } else {
            free(dg->file);
            free(dg->msg);
            free(dg->hint);
        }
    }
    d->len = o;
}

static int at_least(const sk_diag *dg, void *ctx)
{
    return dg->severity >= *(const sk_severity *)ctx;
}

void sk_diag_keep(sk_diags *d, sk_severity min)
{
    sk_diag_filter(d, 0, at_least, &min);
}

void sk_diag_stream_begin(sk_diags *d, sk_diag_streams *s, int n)
{
    memset(s, 0, sizeof *s);
    s->n = n < SK_DIAG_STREAMS_MAX ? n : SK_DIAG_STREAMS_MAX;
    s->cur = -1; /* d holds its own list */
    sk_diag_stream_to(d, s, 0);
}

void sk_diag_stream_to(sk_diags *d, sk_diag_streams *s, int k)
{
    if (k == s->cur || k < 0 || k >= s->n)
        return;
    if (s->cur >= 0) { /* put the current stream away */
        s->v[s->cur].items = d->items;
        s->v[s->cur].len = d->len;
        s->v[s->cur].cap = d->cap;
    } else { /* d's own list waits in base */
        s->base.items = d->items;
        s->base.len = d->len;
        s->base.cap = d->cap;
    }
    d->items = s->v[k].items;
    d->len = s->v[k].len;
    d->cap = s->v[k].cap;
    s->cur = k;
}

void sk_diag_stream_end(sk_diags *d, sk_diag_streams *s)
{
    if (s->cur < 0)
        return;
    s->v[s->cur].items = d->items;
    s->v[s->cur].len = d->len;
    s->v[s->cur].cap = d->cap;
    d->items = s->base.items;
    d->len = s->base.len;
    d->cap = s->base.cap;
    for (int k = 0; k < s->n; k++) {
        if (s->v[k].len) {
            if (d->len + s->v[k].len > d->cap) {
                while (d->len + s->v[k].len > d->cap)
                    d->cap = d->cap ? d->cap * 2 : 16;
                d->items = sk_realloc(d->items, d->cap * sizeof *d->items);
            }
            memcpy(d->items + d->len, s->v[k].items, s->v[k].len * sizeof *d->items);
            d->len += s->v[k].len;
        }
        free(s->v[k].items);
    }
    memset(s, 0, sizeof *s);
    s->cur = -1;
}

sk_diags *sk_diag_new(void)
{
    sk_diags *d = sk_malloc(sizeof *d);
    sk_diag_init(d);
    return d;
}

void sk_diag_delete(sk_diags *d)
{
    if (!d)
        return;
    sk_diag_free(d);
    free(d);
}

size_t sk_diag_len(const sk_diags *d)
{
    return d->len;
}

int sk_diag_get(const sk_diags *d, size_t i, sk_diag_info *out)
{
    if (i >= d->len)
        return -1;
    const sk_diag *dg = &d->items[i];
    *out = (sk_diag_info){ .code = sk_rule_get(dg->rule)->code, .severity = dg->severity, .file = dg->file,
                           .line = dg->line, .col = dg->col, .message = dg->msg, .hint = dg->hint };
    return 0;
}
