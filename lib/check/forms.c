#include "check/forms.h"

#include <stdlib.h>
#include <string.h>

#include "model/form.h"

/* ---------- stdcheck ---------- */

typedef struct checker {
    const sk_doc *doc;
    sk_diags *d;
} checker;

static const sk_node *form_annex_of(const sk_node *block)
{
    const sk_node *top = sk_node_top(block);
    return top && top->sect == SK_S_ANNEX && top->form ? top : NULL;
}

/* A repeat marker the model left in place: where it is wrong. */
static void check_marker(checker *C, const sk_row *row, const sk_inline *in)
{
    const char *name = in->text + 1;
    sk_diag *dg;
    if (!row)
        dg = sk_diag_emit(C->d, SK_R_FORM_REPEAT, C->doc->src->path, in->line, in->col,
                          "repeat marker {{%s}} is not on a table row", in->text);
    else if (in->text[0] == '#')
        dg = sk_diag_emit(C->d, SK_R_FORM_REPEAT, C->doc->src->path, in->line, in->col,
                          "repeat marker {{#%s}} has no {{/%s}} closing its row", name, name);
    else
        dg = sk_diag_emit(C->d, SK_R_FORM_REPEAT, C->doc->src->path, in->line, in->col,
                          "repeat marker {{/%s}} has no {{#%s}} opening its row", name, name);
    sk_diag_hint(dg, "a repeating row starts its first cell with {{#%s}} and ends its last cell with {{/%s}}", name,
                 name);
}

/* Malformed {{…}} left as text: no closing braces, an empty name, other characters. */
static void check_syntax(checker *C, const sk_inline *in)
{
    const char *t = in->text;
    for (const char *p = strstr(t, "{{"); p; p = strstr(p + 2, "{{")) {
        const char *close = strstr(p + 2, "}}"), *open = strstr(p + 2, "{{");
        int col = in->col + (int)sk_utf8_count(t, (size_t)(p - t));
        sk_diag *dg;
        if (!close || (open && open < close)) {
            dg = sk_diag_emit(C->d, SK_R_FORM_SYNTAX, C->doc->src->path, in->line, col, "'{{' without '}}'");
        } else {
            const char *name = p + 2;
            if (*name == '#' || *name == '/')
                name++;
            char *inner = sk_strndup(name, (size_t)(close - name));
            if (!*inner || *inner == '|')
                dg = sk_diag_emit(C->d, SK_R_FORM_SYNTAX, C->doc->src->path, in->line, col, "field without a name");
            else
                dg = sk_diag_emit(C->d, SK_R_FORM_SYNTAX, C->doc->src->path, in->line, col,
                                  "'%.*s' is not a field name", (int)(strcspn(inner, "|")), inner);
            free(inner);
        }
        sk_diag_hint(dg, "a field is {{name}} or {{name|默认}}; a name holds letters, digits, '_', '-' and '.'");
        if (!close)
            break;
    }
}

static void check_run(const sk_node *block, const sk_row *row, int cell, const sk_inline *in, void *arg)
{
    (void)cell;
    checker *C = arg;
    if (in->type == SK_I_TEXT && in->text && !(in->flags & SK_F_CODE) && strstr(in->text, "{{")) {
        check_syntax(C, in);
        return;
    }
    if (in->type != SK_I_FIELD || !in->text)
        return;
    if (!form_annex_of(block)) {
        sk_diag *dg = sk_diag_emit(C->d, SK_R_FORM_OUTSIDE, C->doc->src->path, in->line, in->col,
                                   "field {{%s}} outside a form annex", in->text);
        sk_diag_hint(dg, "mark the annex as a form in its heading: # 附录A（规范性）标题 {#id form=ID}");
    } else if (sk_form_is_marker(in->text)) {
        check_marker(C, row, in);
    } else if (in->spec) {
        sk_form_kind k;
        char why[200];
        sk_diag *dg = NULL;
        if (sk_form_kind_parse(&k, in->spec, why, sizeof why) < 0)
            dg = sk_diag_emit(C->d, SK_R_FORM_KIND, C->doc->src->path, in->line, in->col, "field {{%s:%s}}: %s",
                              in->text, in->spec, why);
        else if (k.type == SK_FK_QR && row && row->repeat)
            dg = sk_diag_emit(C->d, SK_R_FORM_KIND, C->doc->src->path, in->line, in->col,
                              "field {{%s:qr}} is in a repeat row: a QR code prints once per form", in->text);
        if (dg)
            sk_diag_hint(dg, "kinds: {{name:lines(4)}} {{name:choice(好,较好,一般,差)}} {{name:check}} "
                             "{{name:date}} {{name:sign}} {{name:qr}} (docs/forms.md)");
        sk_form_kind_free(&k);
    }
}

void sk_forms_check(const sk_doc *doc, sk_diags *d)
{
    checker C = { doc, d };
    sk_form_each_run(doc->root, check_run, &C);
    sk_map seen;
    sk_map_init(&seen);
    for (size_t i = 0; i < doc->forms.len; i++) {
        const sk_node *n = doc->forms.items[i];
        if (n->type != SK_N_SECTION || n->sect != SK_S_ANNEX)
            continue;
        const sk_node *old = sk_map_get(&seen, n->form);
        if (old) {
            sk_diag *dg = sk_diag_emit(d, SK_R_FORM_DUP, doc->src->path, n->line, 1,
                                       "form ID '%s' is already used by 附录%s on line %d", n->form, old->num, old->line);
            sk_diag_hint(dg, "every form of a system has its own ID");
        } else {
            sk_map_put(&seen, n->form, (void *)n);
        }
        sk_form *f = sk_form_new(doc, n);
        if (!f->nfields) {
            sk_diag *dg = sk_diag_emit(d, SK_R_FORM_EMPTY, doc->src->path, n->line, 1, "form '%s' has no fields",
                                       n->form);
            sk_diag_hint(dg, "write the blanks as fields, {{name}}, so stdform can fill them");
        }
        sk_form_free(f);
    }
    sk_map_free(&seen);
}
