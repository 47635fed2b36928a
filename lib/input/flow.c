#include "input/flow.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GROW(ptr, n, cap)                                                   \
    do {                                                                    \
        if ((n) == (cap)) {                                                 \
            (cap) = (cap) ? (cap) * 2 : 8;                                  \
            (ptr) = sk_realloc((ptr), (cap) * sizeof *(ptr));               \
        }                                                                   \
    } while (0)

void sk_flow_init(sk_flow *f)
{
    memset(f, 0, sizeof *f);
}

void sk_flow_para_free(sk_flow_para *p)
{
    for (size_t i = 0; i < p->nruns; i++) {
        free(p->runs[i].text);
        free(p->runs[i].anchor);
        free(p->runs[i].url);
    }
    free(p->runs);
    free(p->style);
    free(p->label);
    memset(p, 0, sizeof *p);
}

static void table_free(sk_flow_table *t)
{
    for (size_t r = 0; r < t->n; r++) {
        sk_flow_row *row = &t->rows[r];
        for (size_t c = 0; c < row->n; c++) {
            for (size_t k = 0; k < row->cells[c].n; k++)
                sk_flow_para_free(&row->cells[c].paras[k]);
            free(row->cells[c].paras);
        }
        free(row->cells);
    }
    free(t->rows);
}

void sk_flow_free(sk_flow *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        if (f->blocks[i].type == SK_FB_PARA)
            sk_flow_para_free(&f->blocks[i].para);
        else
            table_free(&f->blocks[i].table);
    }
    free(f->blocks);
    for (size_t i = 0; i < f->nimages; i++) {
        free(f->images[i].name);
        free(f->images[i].data);
    }
    free(f->images);
    for (size_t i = 0; i < f->notes.len; i++)
        free(f->notes.items[i]);
    sk_vec_free(&f->notes);
    memset(f, 0, sizeof *f);
}

sk_flow_block *sk_flow_add_block(sk_flow *f, sk_flow_block_type type)
{
    GROW(f->blocks, f->n, f->cap);
    sk_flow_block *b = &f->blocks[f->n++];
    memset(b, 0, sizeof *b);
    b->type = type;
    return b;
}

sk_flow_run *sk_flow_add_run(sk_flow_para *p, sk_flow_run_kind kind, const char *text)
{
    /* adjacent text runs with the same flags and link are joined */
    if (kind == SK_FR_TEXT && p->nruns) {
        sk_flow_run *l = &p->runs[p->nruns - 1];
        if (l->kind == SK_FR_TEXT && !l->flags && !l->anchor && !l->url && text) {
            size_t a = strlen(l->text), b = strlen(text);
            l->text = sk_realloc(l->text, a + b + 1);
            memcpy(l->text + a, text, b + 1);
            return l;
        }
    }
    GROW(p->runs, p->nruns, p->cap);
    sk_flow_run *r = &p->runs[p->nruns++];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->text = sk_strdup(text ? text : "");
    r->image = -1;
    return r;
}

sk_flow_row *sk_flow_add_row(sk_flow_table *t)
{
    GROW(t->rows, t->n, t->cap);
    sk_flow_row *r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    return r;
}

sk_flow_cell *sk_flow_add_cell(sk_flow_row *r)
{
    GROW(r->cells, r->n, r->cap);
    sk_flow_cell *c = &r->cells[r->n++];
    memset(c, 0, sizeof *c);
    c->colspan = 1;
    return c;
}

sk_flow_para *sk_flow_add_cell_para(sk_flow_cell *c)
{
    GROW(c->paras, c->n, c->cap);
    sk_flow_para *p = &c->paras[c->n++];
    memset(p, 0, sizeof *p);
    return p;
}

int sk_flow_add_image(sk_flow *f, const char *name, char *data, size_t len)
{
    GROW(f->images, f->nimages, f->capimages);
    sk_flow_image *im = &f->images[f->nimages];
    im->name = sk_strdup(name);
    im->data = data;
    im->len = len;
    return (int)f->nimages++;
}

void sk_flow_note(sk_flow *f, int index, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    sk_vec_push(&f->notes, sk_asprintf("paragraph %d: %s", index, msg ? msg : ""));
    free(msg);
}

char *sk_flow_para_text(const sk_flow_para *p)
{
    sk_buf b;
    sk_buf_init(&b);
    for (size_t i = 0; i < p->nruns; i++) {
        const sk_flow_run *r = &p->runs[i];
        switch (r->kind) {
        case SK_FR_TEXT:
            sk_buf_puts(&b, r->text);
            break;
        case SK_FR_TAB:
            sk_buf_putc(&b, ' ');
            break;
        case SK_FR_BREAK:
            sk_buf_putc(&b, '\n');
            break;
        case SK_FR_MATH:
            sk_buf_printf(&b, "$%s$", r->text);
            break;
        default:
            break;
        }
    }
    return sk_buf_detach(&b);
}

size_t sk_flow_count_tags(const char *xml, size_t len, const char *const *tags)
{
    size_t n = 0;
    const char *end = xml + len;
    for (const char *p = memchr(xml, '<', len); p; p = memchr(p, '<', (size_t)(end - p))) {
        p++;
        for (const char *const *t = tags; *t; t++) {
            size_t tl = strlen(*t);
            if ((size_t)(end - p) > tl && !memcmp(p, *t, tl) &&
                (p[tl] == '>' || p[tl] == ' ' || p[tl] == '/' || p[tl] == '\t' || p[tl] == '\n' || p[tl] == '\r')) {
                n++;
                break;
            }
        }
        if (p >= end)
            break;
    }
    return n;
}
