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

/* What a field is (docs/format.md "Forms"), written after its name: {{name:kind}} or
 * {{name:kind(arguments)}}. */
typedef enum {
    SK_FK_TEXT,    /* one line to write on (no kind, or :text) */
    SK_FK_LINES,   /* :lines(N): a box of N lines for free text, 1 … SK_FORM_MAX_LINES */
    SK_FK_CHOICE,  /* :choice(好,较好,一般,差): a tick box per option, ☑ for the chosen ones */
    SK_FK_CHECK,   /* :check: one tick box, ☑ when the value is yes */
    SK_FK_DATE,    /* :date: ____年__月__日 when blank; an ISO date prints 2024年6月1日 */
    SK_FK_SIGN,    /* :sign: a signature, a wider blank */
    SK_FK_QR       /* :qr: the value (a URL …) as a QR code */
} sk_form_kind_type;

#define SK_FORM_MAX_LINES 30
#define SK_FORM_MAX_OPTIONS 20

typedef struct sk_form_kind {
    sk_form_kind_type type;
    int lines;          /* LINES: the box's lines */
    char **options;     /* CHOICE: the options, in order */
    size_t noptions;
} sk_form_kind;

/* Parses a kind as written after ':' (spec NULL: text). 0, or -1 with why (a
 * sentence naming what is wrong) and *k the text kind. */
int sk_form_kind_parse(sk_form_kind *k, const char *spec, char *why, size_t cap);
void sk_form_kind_free(sk_form_kind *k);
/* The option of k that is the whole of value, or of one of its parts separated by
 * 、 , ， ; ； (several options chosen): 1 when option i is chosen. */
int sk_form_kind_chosen(const sk_form_kind *k, const char *value, size_t i);
/* -1 when value names something that is no option of k (a part that matches none),
 * else 0. */
int sk_form_kind_check_value(const sk_form_kind *k, const char *value);
/* A :check value that ticks the box: √ ✓ ✔ ☑ 1 是 yes y true x (any case). */
int sk_form_kind_yes(const char *value);

typedef struct sk_form_field {
    char *name;
    char *def;          /* the default of {{name|默认}}, or NULL */
    sk_form_kind kind;  /* as first written */
    const char *list;   /* the repeat list whose row holds the field, or NULL */
    int is_list;        /* the field is a repeat list ({{#name}} … {{/name}}) */
    char *label;        /* the words naming it in the form, or NULL: where it is first used,
                           the text before it up to a colon (联系人：{{x}}), else its column's
                           header in a repeat row, else the cell left of it (| 姓名 | {{name}} |);
                           trimmed, the colon dropped */
    int label_in_table; /* the label is a cell or a column header (not a line's 联系人：) */
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
/* The label of a data column (姓名, 联系电话：, "出生 年月") reduced to what is
 * compared with a field's label: no spaces (ASCII or 　), no colon at the end, no
 * parenthesised part (（盖章）, (签字)). Caller frees. */
char *sk_form_label_key(const char *label);
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
