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

void sk_diag_sort(sk_diags *d)
{
    /* insertion sort is stable and diagnostics are few and mostly ordered */
    for (size_t i = 1; i < d->len; i++) {
        sk_diag t = d->items[i];
        size_t j = i;
        while (j > 0) {
            sk_diag *p = &d->items[j - 1];
            int c = strcmp(p->file, t.file);
            if (c < 0 || (c == 0 && (p->line < t.line || (p->line == t.line && p->col <= t.col))))
                break;
            d->items[j] = *p;
            j--;
        }
        d->items[j] = t;
    }
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
