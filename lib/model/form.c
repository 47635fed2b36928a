#include "model/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"


void sk_form_each_run(const sk_node *root, sk_form_run_fn fn, void *arg)
{
    for (const sk_node *n = root; n; n = sk_node_walk_next(root, n, 1)) {
        for (size_t i = 0; i < n->in.n; i++)
            fn(n, NULL, -1, &n->in.v[i], arg);
        if (n->type != SK_N_TABLE || !n->table)
            continue;
        const sk_table *t = n->table;
        for (size_t r = 0; r < t->nrows; r++)
            for (int c = 0; c < t->ncols; c++)
                for (size_t i = 0; i < t->rows[r].cells[c].in.n; i++)
                    fn(n, &t->rows[r], c, &t->rows[r].cells[c].in.v[i], arg);
    }
}

int sk_form_is_marker(const char *name)
{
    return name[0] == '#' || name[0] == '/';
}

/* ---------- the model ---------- */

static sk_form_field *field_add(sk_form *f, const char *list, const char *name, const char *def, int line, int col)
{
    for (size_t i = 0; i < f->nfields; i++) {
        sk_form_field *x = &f->fields[i];
        if (!strcmp(x->name, name) && (x->list == list || (x->list && list && !strcmp(x->list, list)))) {
            if (!x->def && def)
                x->def = sk_strdup(def);
            return x;
        }
    }
    f->fields = sk_realloc(f->fields, (f->nfields + 1) * sizeof *f->fields);
    sk_form_field *x = &f->fields[f->nfields++];
    memset(x, 0, sizeof *x);
    x->name = sk_strdup(name);
    x->def = def ? sk_strdup(def) : NULL;
    x->list = list;
    x->line = line;
    x->col = col;
    return x;
}

/* The list names are the is_list fields' own strings: stable across reallocs. */
static const char *list_name(sk_form *f, const char *list, int line, int col)
{
    for (size_t i = 0; i < f->nfields; i++)
        if (f->fields[i].is_list && !strcmp(f->fields[i].name, list))
            return f->fields[i].name;
    sk_form_field *x = field_add(f, NULL, list, NULL, line, col);
    x->is_list = 1;
    return x->name;
}

static void collect_field(const sk_node *block, const sk_row *row, int cell, const sk_inline *in, void *arg)
{
    (void)block;
    (void)cell;
    sk_form *f = arg;
    if (in->type != SK_I_FIELD || !in->text || !*in->text || sk_form_is_marker(in->text))
        return;
    const char *list = NULL;
    if (row && row->repeat)
        list = list_name(f, row->repeat, row->line, row->cells[0].col);
    field_add(f, list, in->text, in->target && *in->target ? in->target : NULL, in->line, in->col);
}

/* A repeat row with no field inside still declares its list. */
static void collect_lists(sk_form *f, const sk_node *annex)
{
    for (const sk_node *n = annex; n; n = sk_node_walk_next(annex, n, 1))
        if (n->type == SK_N_TABLE && n->table)
            for (size_t r = 0; r < n->table->nrows; r++)
                if (n->table->rows[r].repeat)
                    list_name(f, n->table->rows[r].repeat, n->table->rows[r].line, n->table->rows[r].cells[0].col);
}

sk_form *sk_form_new(const sk_doc *doc, const sk_node *annex)
{
    sk_form *f = sk_calloc(1, sizeof *f);
    f->id = annex->form ? annex->form : "";
    f->number = doc->meta && sk_meta_get(doc->meta, NUMBER) ? sk_meta_get(doc->meta, NUMBER) : "";
    f->path = doc->src->path;
    f->title = annex->title ? annex->title : "";
    f->letter = annex->num;
    f->line = annex->line;
    f->doc = doc;
    f->node = annex;
    sk_form_each_run(annex, collect_field, f);
    collect_lists(f, annex);
    return f;
}

void sk_form_free(sk_form *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->nfields; i++) {
        free(f->fields[i].name);
        free(f->fields[i].def);
    }
    free(f->fields);
    free(f);
}

const sk_form_field *sk_form_field_get(const sk_form *f, const char *list, const char *name)
{
    for (size_t i = 0; i < f->nfields; i++) {
        const sk_form_field *x = &f->fields[i];
        if (!strcmp(x->name, name) && ((!x->list && !list) || (x->list && list && !strcmp(x->list, list))))
            return x;
    }
    return NULL;
}

int sk_form_scan(const char *path, sk_vec *out)
{
    char *text = NULL;
    size_t len = 0;
    sk_err e;
    if (sk_fs_read(&text, &len, path, SK_SOURCE_MAX, &e) < 0)
        return -1;
    int line = 1, fence = 0;
    for (const char *p = text, *end = text + len; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (n >= 3 && (!strncmp(p, "```", 3) || !strncmp(p, "~~~", 3)))
            fence = !fence;
        const char *f = !fence && n && p[0] == '#' ? memmem(p, n, "form=", 5) : NULL;
        const char *brace = f ? memchr(p, '{', (size_t)(f - p)) : NULL;
        if (brace && (f[-1] == ' ' || f[-1] == '{')) {
            const char *id = f + 5, *e2 = id;
            while (e2 < p + n && *e2 != ' ' && *e2 != '}' && *e2 != '\r')
                e2++;
            if (e2 > id) {
                sk_form_decl *dc = sk_malloc(sizeof *dc);
                dc->id = sk_strndup(id, (size_t)(e2 - id));
                dc->line = line;
                sk_vec_push(out, dc);
            }
        }
        p += n + 1;
    }
    free(text);
    return 0;
}

void sk_form_decls_free(sk_vec *v)
{
    for (size_t i = 0; i < v->len; i++) {
        sk_form_decl *dc = v->items[i];
        free(dc->id);
        free(dc);
    }
    sk_vec_free(v);
}
