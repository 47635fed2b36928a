/* form — the form an annex defines (an annex whose heading carries form=ID,
 * docs/format.md "Forms"): its fields, the {{name}} and {{name|默认}} runs of the
 * annex in document order, and its repeat lists (a table row whose first cell
 * starts with {{#list}} and whose last cell ends with {{/list}} repeats once per
 * element of the list; the fields in it are the element's). Model level: stdcheck
 * checks forms (forms.h) and stdform prints them (stdform.h) from the same model. */
#ifndef SK_FORM_H
#define SK_FORM_H

#include <stddef.h>

#include "model/doc.h"
#include "input/system.h"

typedef struct sk_form_field {
    char *name;
    char *def;          /* the default of {{name|默认}}, or NULL */
    const char *list;   /* the repeat list whose row holds the field, or NULL */
    int is_list;        /* the field is a repeat list ({{#name}} … {{/name}}) */
    int line, col;      /* where it is first used */
} sk_form_field;

typedef struct sk_form {
    const char *id;
    const char *number;   /* the standard's number ("" when it has none) */
    const char *path;     /* its file ("templates/forms/NAME.md" for a shipped form) */
    const char *title;    /* the annex title */
    const char *letter;   /* the annex letter ("B") */
    int line;             /* the annex heading */
    int shipped;          /* from templates/forms */
    const sk_system *sys; /* the system's manifest, or NULL */
    const sk_doc *doc;
    const sk_node *node;  /* the annex */
    sk_form_field *fields; /* one per (list, name), in order of first use */
    size_t nfields;
} sk_form;

/* The form of annex (which carries form=) in doc; doc must outlive it. */
sk_form *sk_form_new(const sk_doc *doc, const sk_node *annex);
void sk_form_free(sk_form *f);
/* The field name in list (NULL: outside repeat rows), or NULL. */
const sk_form_field *sk_form_field_get(const sk_form *f, const char *list, const char *name);

/* Calls fn for every inline run under root (root included): paragraphs, notes,
 * examples, list items' paragraphs and table cells (row is the row of a cell, else
 * NULL; cell its column). */
typedef void (*sk_form_run_fn)(const sk_node *block, const sk_row *row, int cell, const sk_inline *in, void *arg);
void sk_form_each_run(const sk_node *root, sk_form_run_fn fn, void *arg);
/* True for the name of a repeat marker ({{#list}}, {{/list}}). */
int sk_form_is_marker(const char *name);

/* Form IDs declared in a file's headings (a cheap line scan, no parse): pushes
 * sk_form_decl* onto out. 0, or -1 when the file cannot be read. */
typedef struct sk_form_decl {
    char *id;
    int line;
} sk_form_decl;
int sk_form_scan(const char *path, sk_vec *out);
void sk_form_decls_free(sk_vec *v);

#endif
