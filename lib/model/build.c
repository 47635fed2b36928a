#include "model/build.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/display.h"
#include "text/math.h"

sk_doc *sk_build_doc(const char *path)
{
    sk_diags quiet;
    sk_diag_init(&quiet);
    sk_doc *doc = sk_calloc(1, sizeof *doc);
    if (sk_source_make(&doc->src, path, "", 0, &quiet) != 1)
        abort(); /* an empty text is always a source */
    sk_diag_free(&quiet);
    doc->meta = sk_calloc(1, sizeof *doc->meta);
    doc->root = sk_node_new(SK_N_DOC);
    sk_map_init(&doc->anchors);
    return doc;
}

void sk_build_meta(sk_doc *doc, sk_meta_key key, const char *value)
{
    sk_meta *m = doc->meta;
    free(m->str[key]);
    m->str[key] = value ? sk_strdup(value) : NULL;
    if (key == SK_META_STATUS)
        m->status = !value ? SK_STATUS_UNKNOWN
                    : !strcmp(value, "draft") ? SK_STATUS_DRAFT
                    : !strcmp(value, "current") ? SK_STATUS_CURRENT
                    : !strcmp(value, "withdrawn") ? SK_STATUS_WITHDRAWN
                                                    : SK_STATUS_UNKNOWN;
}

sk_node *sk_build_section(sk_node *parent, sk_sect sect, const char *title, const char *id)
{
    sk_node *s = sk_node_new(SK_N_SECTION);
    s->sect = sect;
    s->level = parent->type == SK_N_DOC ? 1 : parent->level + 1;
    s->title = sk_strdup(title ? title : "");
    s->id = id ? sk_strdup(id) : NULL;
    sk_node_append(parent, s);
    return s;
}

sk_node *sk_build_annex(sk_doc *doc, const char *letter, sk_annex_type type, const char *title, const char *id)
{
    sk_node *a = sk_build_section(doc->root, SK_S_ANNEX, title, id);
    a->annex_type = type;
    a->num_written = letter ? sk_strdup(letter) : NULL;
    return a;
}

sk_node *sk_build_block(sk_node *parent, sk_node_type type)
{
    sk_node *n = sk_node_new(type);
    sk_node_append(parent, n);
    return n;
}

sk_node *sk_build_list(sk_node *parent, int ordered)
{
    sk_node *l = sk_build_block(parent, SK_N_LIST);
    l->ordered = ordered;
    l->level = parent->type == SK_N_ITEM ? parent->level + 1 : 1;
    return l;
}

sk_node *sk_build_item(sk_node *list)
{
    sk_node *it = sk_build_block(list, SK_N_ITEM);
    it->level = list->level;
    return sk_build_block(it, SK_N_PARA);
}

sk_node *sk_build_table(sk_node *parent, const char *caption, const char *id, int ncols, size_t nrows, int nheader,
                        int html)
{
    sk_node *n = sk_build_block(parent, SK_N_TABLE);
    n->caption = caption ? sk_strdup(caption) : NULL;
    n->id = id ? sk_strdup(id) : NULL;
    sk_table *t = n->table = sk_calloc(1, sizeof *t);
    t->ncols = ncols;
    t->nrows = nrows;
    t->nheader = nheader;
    t->html = html;
    t->rows = sk_calloc(nrows ? nrows : 1, sizeof *t->rows);
    for (size_t r = 0; r < nrows; r++) {
        t->rows[r].cells = sk_calloc((size_t)(ncols > 0 ? ncols : 1), sizeof *t->rows[r].cells);
        t->rows[r].header = r < (size_t)nheader;
        for (int c = 0; c < ncols; c++)
            t->rows[r].cells[c].colspan = t->rows[r].cells[c].rowspan = 1;
    }
    return n;
}

sk_cell *sk_build_cell(sk_node *table, size_t r, int c)
{
    return &table->table->rows[r].cells[c];
}

void sk_build_span(sk_node *table, size_t r, int c, int colspan, int rowspan)
{
    sk_table *t = table->table;
    sk_cell *k = &t->rows[r].cells[c];
    k->colspan = colspan;
    k->rowspan = rowspan;
    for (int dr = 0; dr < rowspan && r + (size_t)dr < t->nrows; dr++)
        for (int dc = 0; dc < colspan && c + dc < t->ncols; dc++)
            if (dr || dc)
                t->rows[r + (size_t)dr].cells[c + dc].covered = 1;
}

sk_node *sk_build_figure(sk_node *parent, const char *caption, const char *src, const char *id)
{
    sk_node *n = sk_build_block(parent, SK_N_FIGURE);
    n->caption = caption ? sk_strdup(caption) : NULL;
    n->src = src ? sk_strdup(src) : NULL;
    n->id = id ? sk_strdup(id) : NULL;
    return n;
}

void sk_build_unit(sk_node *n, const char *unit)
{
    free(n->unit);
    n->unit = unit ? sk_strdup(unit) : NULL;
}

sk_node *sk_build_footnote(sk_node *n, char letter)
{
    sk_node *f = sk_build_block(n, SK_N_FOOTNOTE);
    f->num[0] = letter;
    f->num[1] = '\0';
    return f;
}

void sk_build_footnote_mark(sk_inlines *l, char letter)
{
    char t[2] = { letter, '\0' };
    sk_inline in = { .type = SK_I_TEXT, .flags = SK_F_SUP, .text = sk_strdup(t) };
    sk_inline_push(l, &in);
}

sk_node *sk_build_key(sk_node *figure, const char *lead)
{
    sk_node *k = sk_build_block(figure, SK_N_KEY);
    k->title = sk_strdup(lead);
    return k;
}

sk_node *sk_build_key_entry(sk_node *key, const char *symbol)
{
    sk_node *e = sk_build_block(key, SK_N_WHERE_ITEM);
    e->src = symbol ? sk_strdup(symbol) : NULL;
    return e;
}

sk_node *sk_build_subfigure(sk_node *figure, const char *caption, const char *src)
{
    int k = 0;
    for (const sk_node *c = figure->first; c; c = c->next)
        k += c->type == SK_N_SUBFIGURE;
    sk_node *s = sk_build_block(figure, SK_N_SUBFIGURE);
    s->caption = sk_strdup(caption ? caption : "");
    s->src = sk_strdup(src);
    s->num_written = sk_asprintf("%c", 'a' + (k < 26 ? k : 25));
    return s;
}

void sk_build_text(sk_inlines *l, const char *text)
{
    if (!text || !*text)
        return;
    sk_inline *last = l->n ? &l->v[l->n - 1] : NULL;
    if (last && last->type == SK_I_TEXT && !last->flags) {
        size_t a = strlen(last->text), b = strlen(text);
        last->text = sk_realloc(last->text, a + b + 1);
        memcpy(last->text + a, text, b + 1);
        return;
    }
    sk_inline in = { .type = SK_I_TEXT, .text = sk_strdup(text) };
    sk_inline_push(l, &in);
}

void sk_build_textf(sk_inlines *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = sk_malloc((size_t)(n > 0 ? n : 0) + 1);
    s[0] = '\0';
    va_start(ap, fmt);
    vsnprintf(s, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
    sk_build_text(l, s);
    free(s);
}

void sk_build_ref(sk_inlines *l, const char *anchor)
{
    sk_inline in = { .type = SK_I_REF, .ref_kind = SK_REF_ANCHOR, .text = sk_strdup(""), .target = sk_strdup(anchor) };
    sk_inline_push(l, &in);
}

void sk_build_text_flags(sk_inlines *l, const char *text, unsigned flags)
{
    if (!text || !*text)
        return;
    sk_inline in = { .type = SK_I_TEXT, .flags = flags, .text = sk_strdup(text) };
    sk_inline_push(l, &in);
}

static sk_math *reparse(const char *tex)
{
    sk_math_err e;
    return tex ? sk_math_parse(tex, strlen(tex), &e) : NULL;
}

static void copy_runs(sk_inlines *to, const sk_inlines *from)
{
    for (size_t i = 0; i < from->n; i++) {
        const sk_inline *f = &from->v[i];
        sk_inline in = { .type = f->type, .flags = f->flags, .line = f->line, .col = f->col };
        if (f->type == SK_I_REF) {
            in.type = SK_I_TEXT;
            in.text = sk_display_ref(f);
        } else {
            in.text = f->text ? sk_strdup(f->text) : NULL;
            in.target = f->target ? sk_strdup(f->target) : NULL;
            in.ref_kind = f->ref_kind;
            if (f->type == SK_I_MATH)
                in.math = reparse(f->text);
        }
        sk_inline_push(to, &in);
    }
}

static sk_table *copy_table(const sk_table *t)
{
    sk_table *c = sk_calloc(1, sizeof *c);
    c->nrows = t->nrows;
    c->ncols = t->ncols;
    c->nheader = t->nheader;
    c->html = t->html;
    c->rows = sk_calloc(t->nrows ? t->nrows : 1, sizeof *c->rows);
    for (size_t r = 0; r < t->nrows; r++) {
        c->rows[r].header = t->rows[r].header;
        c->rows[r].line = t->rows[r].line;
        c->rows[r].repeat = t->rows[r].repeat ? sk_strdup(t->rows[r].repeat) : NULL;
        c->rows[r].cells = sk_calloc((size_t)(t->ncols > 0 ? t->ncols : 1), sizeof *c->rows[r].cells);
        for (int k = 0; k < t->ncols; k++) {
            const sk_cell *a = &t->rows[r].cells[k];
            sk_cell *b = &c->rows[r].cells[k];
            *b = *a;
            memset(&b->in, 0, sizeof b->in);
            copy_runs(&b->in, &a->in);
        }
    }
    if (t->width) {
        c->width = sk_malloc((size_t)(t->ncols > 0 ? t->ncols : 1) * sizeof *c->width);
        memcpy(c->width, t->width, (size_t)t->ncols * sizeof *c->width);
    }
    return c;
}

static sk_node *copy_at(sk_node *parent, const sk_node *src, int depth)
{
    sk_node *n = sk_node_new(src->type);
    n->sect = src->sect;
    n->level = src->level;
    n->line = src->line;
    n->col = src->col;
    n->end_line = src->end_line;
    n->title = src->title ? sk_strdup(src->title) : NULL;
    memcpy(n->num, src->num, sizeof n->num);
    n->annex_type = src->annex_type;
    n->untitled = src->untitled;
    n->label_num = src->label_num;
    n->label_assigned = src->label_assigned;
    n->term_part = src->term_part;
    n->ordered = src->ordered;
    n->caption = src->caption ? sk_strdup(src->caption) : NULL;
    n->caption_line = src->caption_line;
    n->src = src->src ? sk_strdup(src->src) : NULL;
    if (src->type == SK_N_FORMULA || src->type == SK_N_WHERE_ITEM)
        n->math = reparse(src->src);
    if (src->table)
        n->table = copy_table(src->table);
    copy_runs(&n->in, &src->in);
    sk_node_append(parent, n);
    if (depth < SK_BUILD_COPY_DEPTH)
        for (const sk_node *k = src->first; k; k = k->next)
            copy_at(n, k, depth + 1);
    return n;
}

sk_node *sk_build_copy(sk_node *parent, const sk_node *src)
{
    return copy_at(parent, src, 0);
}
