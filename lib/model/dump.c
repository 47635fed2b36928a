#include "model/dump.h"

#include <stdlib.h>
#include <string.h>

#include "model/display.h"

static const char *const node_names[] = { "doc", "section", "para", "note", "example", "list", "item", "table",
                                          "figure", "code", "quote", "cut", "formula", "where", "where-item",
                                          "footnote", "key", "subfigure" };
static const char *const sect_names[] = { "", "foreword", "intro", "scope", "normref", "terms", "symbols",
                                          "chapter", "clause", "term", "annex", "biblio", "index" };
static const char *const run_names[] = { "text", "softbreak", "linebreak", "ref", "link", "field", "stdref",
                                         "index", "math" };
static const char *const ref_names[] = { "anchor", "clause", "chapter", "annex", "table", "figure", "formula",
                                         "biblio" };

/* A string as a quoted literal, so that spaces and empty strings show. */
static void quoted(sk_buf *b, const char *s)
{
    sk_buf_putc(b, '"');
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '"' || *p == '\\')
            sk_buf_putc(b, '\\');
        if (*p == '\n')
            sk_buf_puts(b, "\\n");
        else
            sk_buf_putc(b, *p);
    }
    sk_buf_putc(b, '"');
}

static void field(sk_buf *b, const char *name, const char *value)
{
    if (!value)
        return;
    sk_buf_printf(b, " %s=", name);
    quoted(b, value);
}

static void pos(sk_buf *b, unsigned flags, int line, int col)
{
    if (flags & SK_DUMP_POSITIONS)
        sk_buf_printf(b, " @%d:%d", line, col);
}

static void runs(sk_buf *b, const sk_inlines *l, int depth, unsigned flags)
{
    for (size_t i = 0; i < l->n; i++) {
        const sk_inline *in = &l->v[i];
        sk_buf_printf(b, "%*s%s", depth * 2, "", run_names[in->type]);
        if (in->flags)
            sk_buf_printf(b, " flags=%u", in->flags);
        if (in->type == SK_I_REF)
            sk_buf_printf(b, " kind=%s", ref_names[in->ref_kind]);
        field(b, "text", in->text);
        field(b, "target", in->target);
        field(b, "spec", in->spec);
        if (in->type == SK_I_REF) {
            char *to = in->node ? sk_display_label(in->node) : NULL;
            field(b, "to", to ? to : "(unresolved)");
            free(to);
        }
        pos(b, flags, in->line, in->col);
        sk_buf_putc(b, '\n');
    }
}

static void table(sk_buf *b, const sk_table *t, int depth, unsigned flags)
{
    sk_buf_printf(b, "%*sgrid cols=%d rows=%zu header=%d%s%s", depth * 2, "", t->ncols, t->nrows, t->nheader,
                  t->html ? " html" : "", t->landscape ? " landscape" : "");
    if (t->width)
        for (int c = 0; c < t->ncols; c++)
            sk_buf_printf(b, "%s%.4f", c ? "," : " widths=", t->width[c]);
    sk_buf_putc(b, '\n');
    for (size_t r = 0; r < t->nrows; r++) {
        const sk_row *row = &t->rows[r];
        sk_buf_printf(b, "%*srow%s", depth * 2 + 2, "", row->header ? " header" : "");
        field(b, "repeat", row->repeat);
        sk_buf_putc(b, '\n');
        for (int c = 0; c < t->ncols; c++) {
            const sk_cell *k = &row->cells[c];
            sk_buf_printf(b, "%*scell", depth * 2 + 4, "");
            if (k->covered)
                sk_buf_puts(b, " covered");
            if (k->colspan > 1 || k->rowspan > 1)
                sk_buf_printf(b, " span=%dx%d", k->colspan, k->rowspan);
            if (k->align)
                sk_buf_printf(b, " align=%d", k->align);
            sk_buf_putc(b, '\n');
            runs(b, &k->in, depth + 3, flags);
        }
    }
}

static void node(sk_buf *b, const sk_node *n, int depth, unsigned flags)
{
    sk_buf_printf(b, "%*s%s", depth * 2, "", node_names[n->type]);
    if (n->sect)
        sk_buf_printf(b, " sect=%s", sect_names[n->sect]);
    if (n->level)
        sk_buf_printf(b, " level=%d", n->level);
    if (n->num[0])
        field(b, "num", n->num);
    field(b, "written", n->num_written);
    field(b, "title", n->title);
    field(b, "id", n->id);
    field(b, "form", n->form);
    if (n->untitled)
        sk_buf_puts(b, " untitled");
    if (n->annex_type)
        sk_buf_printf(b, " annex=%s", n->annex_type == SK_ANNEX_NORMATIVE ? "normative" : "informative");
    if (n->label_num || n->label_assigned)
        sk_buf_printf(b, " label=%d/%d", n->label_num, n->label_assigned);
    if (n->term_part)
        sk_buf_printf(b, " part=%d", n->term_part);
    if (n->ordered)
        sk_buf_puts(b, " ordered");
    field(b, "src", n->src);
    field(b, "caption", n->caption);
    field(b, "unit", n->unit);
    pos(b, flags, n->line, n->col);
    sk_buf_putc(b, '\n');
    runs(b, &n->in, depth + 1, flags);
    if (n->table)
        table(b, n->table, depth + 1, flags);
    for (const sk_node *k = n->first; k; k = k->next)
        node(b, k, depth + 1, flags);
}

void sk_dump_doc(sk_buf *b, const sk_doc *doc, unsigned flags)
{
    for (int k = 0; k < SK_META_NKEYS; k++) {
        const char *v = doc->meta->str[k];
        const sk_strlist *l = &doc->meta->list[k];
        if (v) {
            sk_buf_printf(b, "meta %s=", sk_meta_key_name((sk_meta_key)k));
            quoted(b, v);
            sk_buf_putc(b, '\n');
        }
        for (size_t i = 0; i < l->n; i++) {
            sk_buf_printf(b, "meta %s[%zu]=", sk_meta_key_name((sk_meta_key)k), i);
            quoted(b, l->v[i]);
            sk_buf_putc(b, '\n');
        }
    }
    node(b, doc->root, 0, flags);
    for (size_t i = 0; i < doc->stdrefs.len; i++) {
        const sk_stdref *r = doc->stdrefs.items[i];
        sk_buf_puts(b, "stdref");
        field(b, "number", r->number);
        field(b, "code", r->code);
        sk_buf_printf(b, " year=%d%s%s%s%s", r->year, r->dash_ok ? "" : " bad-dash", r->normative ? " normative" : "",
                      r->in_normref ? " listed" : "", r->drafting ? " drafting" : "");
        field(b, "title", r->title);
        pos(b, flags, r->line, r->col);
        sk_buf_putc(b, '\n');
    }
    sk_buf_printf(b, "anchors=%zu refs=%zu forms=%zu\n", doc->anchors.len, doc->refs.len, doc->forms.len);
}
