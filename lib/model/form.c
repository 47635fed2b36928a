#include "model/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* ---------- kinds ---------- */

/* The next part of a list of options or values: up to , ， 、 ; ； (trimmed). */
static const char *next_part(const char *p, const char **start, size_t *len)
{
    static const char *const seps[] = { ",", "\xEF\xBC\x8C", "\xE3\x80\x81", ";", "\xEF\xBC\x9B" };
    while (*p == ' ')
        p++;
    const char *q = p, *stop = NULL;
    size_t seplen = 0;
    for (; *q && !stop; q++)
        for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
            if (!strncmp(q, seps[i], strlen(seps[i]))) {
                stop = q;
                seplen = strlen(seps[i]);
                break;
            }
    const char *end = stop ? stop : p + strlen(p);
    while (end > p && end[-1] == ' ')
        end--;
    *start = p;
    *len = (size_t)(end - p);
    return stop ? stop + seplen : NULL;
}

void sk_form_kind_free(sk_form_kind *k)
{
    for (size_t i = 0; i < k->noptions; i++)
        free(k->options[i]);
    free(k->options);
    memset(k, 0, sizeof *k);
}

int sk_form_kind_parse(sk_form_kind *k, const char *spec, char *why, size_t cap)
{
    static const struct { const char *name; sk_form_kind_type type; int args; } kinds[] = {
        { "text", SK_FK_TEXT, 0 }, { "lines", SK_FK_LINES, 1 }, { "choice", SK_FK_CHOICE, 1 },
        { "check", SK_FK_CHECK, 0 }, { "date", SK_FK_DATE, 0 }, { "sign", SK_FK_SIGN, 0 },
        { "qr", SK_FK_QR, 0 },
    };
    memset(k, 0, sizeof *k);
    if (!spec)
        return 0;
    size_t n = strcspn(spec, "(");
    const char *args = spec[n] == '(' ? spec + n + 1 : NULL;
    size_t alen = args ? strlen(args) : 0;
    size_t i;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strlen(kinds[i].name) == n && !strncmp(spec, kinds[i].name, n))
            break;
    if (i == sizeof kinds / sizeof kinds[0]) {
        snprintf(why, cap, "unknown kind '%.*s' (text, lines(N), choice(A,B,…), check, date, sign, qr)", (int)n, spec);
        return -1;
    }
    if (args && (!alen || args[alen - 1] != ')')) {
        snprintf(why, cap, "'%s': the arguments are not closed by ')'", spec);
        return -1;
    }
    if (args && !kinds[i].args) {
        snprintf(why, cap, "%s takes no arguments", kinds[i].name);
        return -1;
    }
    k->type = kinds[i].type;
    char *body = args ? sk_strndup(args, alen - 1) : NULL;
    int rc = 0;
    if (k->type == SK_FK_LINES) {
        char *end = NULL;
        long v = body ? strtol(body, &end, 10) : 0;
        if (!body || end == body || *end || v < 1 || v > SK_FORM_MAX_LINES) {
            snprintf(why, cap, "lines(N) wants N from 1 to %d", SK_FORM_MAX_LINES);
            rc = -1;
        }
        k->lines = (int)v;
    } else if (k->type == SK_FK_CHOICE) {
        const char *p = body ? body : "", *st;
        size_t len;
        do {
            p = next_part(p, &st, &len);
            if (!len) {
                snprintf(why, cap, "choice(…): an empty option");
                rc = -1;
                break;
            }
            if (k->noptions == SK_FORM_MAX_OPTIONS) {
                snprintf(why, cap, "choice(…): more than %d options", SK_FORM_MAX_OPTIONS);
                rc = -1;
                break;
            }
            k->options = sk_realloc(k->options, (k->noptions + 1) * sizeof *k->options);
            k->options[k->noptions++] = sk_strndup(st, len);
        } while (p);
        if (!rc && k->noptions < 2) {
            snprintf(why, cap, "choice(…) wants two options or more (a single box is :check)");
            rc = -1;
        }
        for (size_t a = 0; !rc && a < k->noptions; a++)
            for (size_t b = a + 1; b < k->noptions; b++)
                if (!strcmp(k->options[a], k->options[b])) {
                    snprintf(why, cap, "choice(…): the option '%s' is given twice", k->options[a]);
                    rc = -1;
                    break;
                }
    }
    free(body);
    if (rc < 0)
        sk_form_kind_free(k);
    return rc;
}

/* Calls fn for each part of value; stops at the first nonzero return. */
static int each_part(const char *value, int (*fn)(const char *s, size_t n, void *arg), void *arg)
{
    const char *p = value, *st;
    size_t len;
    do {
        p = next_part(p, &st, &len);
        if (len) {
            int r = fn(st, len, arg);
            if (r)
                return r;
        }
    } while (p);
    return 0;
}

typedef struct opt_q {
    const sk_form_kind *k;
    size_t i;
} opt_q;

static int is_option(const sk_form_kind *k, const char *s, size_t n, size_t *which)
{
    for (size_t i = 0; i < k->noptions; i++)
        if (strlen(k->options[i]) == n && !strncmp(k->options[i], s, n)) {
            if (which)
                *which = i;
            return 1;
        }
    return 0;
}

static int part_is(const char *s, size_t n, void *arg)
{
    opt_q *q = arg;
    size_t w;
    return is_option(q->k, s, n, &w) && w == q->i;
}

static int part_bad(const char *s, size_t n, void *arg)
{
    return !is_option(arg, s, n, NULL);
}

int sk_form_kind_chosen(const sk_form_kind *k, const char *value, size_t i)
{
    if (!value || i >= k->noptions)
        return 0;
    if (!strcmp(value, k->options[i]))
        return 1;
    opt_q q = { k, i };
    return each_part(value, part_is, &q);
}

int sk_form_kind_check_value(const sk_form_kind *k, const char *value)
{
    if (k->type != SK_FK_CHOICE || !value || !*value)
        return 0;
    for (size_t i = 0; i < k->noptions; i++)
        if (!strcmp(value, k->options[i]))
            return 0; /* an option may hold a separator itself */
    return each_part(value, part_bad, (void *)k) ? -1 : 0;
}

int sk_form_kind_yes(const char *value)
{
    static const char *const yes[] = { "\xE2\x88\x9A", "\xE2\x9C\x93", "\xE2\x9C\x94", "\xE2\x98\x91",
                                       "1", "\xE6\x98\xAF", "yes", "y", "true", "x" };
    if (!value)
        return 0;
    while (*value == ' ')
        value++;
    size_t n = strlen(value);
    while (n && value[n - 1] == ' ')
        n--;
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (strlen(yes[i]) == n && !strncasecmp(value, yes[i], n))
            return 1;
    return 0;
}

/* ---------- the model ---------- */

static sk_form_field *field_add(sk_form *f, const char *list, const char *name, const char *def, const char *spec,
                                int line, int col)
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
    char why[160];
    sk_form_kind_parse(&x->kind, spec, why, sizeof why); /* a bad kind is text (stdcheck reports it) */
    return x;
}

/* The list names are the is_list fields' own strings: stable across reallocs. */
static const char *list_name(sk_form *f, const char *list, int line, int col)
{
    for (size_t i = 0; i < f->nfields; i++)
        if (f->fields[i].is_list && !strcmp(f->fields[i].name, list))
            return f->fields[i].name;
    sk_form_field *x = field_add(f, NULL, list, NULL, NULL, line, col);
    x->is_list = 1;
    return x->name;
}

/* ---------- labels ---------- */

/* The plain text of a cell: its text runs; NULL when it holds a field. */
static char *cell_words(const sk_cell *c)
{
    sk_buf b;
    sk_buf_init(&b);
    for (size_t i = 0; i < c->in.n; i++) {
        if (c->in.v[i].type == SK_I_FIELD) {
            sk_buf_free(&b);
            return NULL;
        }
        if (c->in.v[i].text && c->in.v[i].type != SK_I_MATH)
            sk_buf_puts(&b, c->in.v[i].text);
    }
    char *s = sk_str_trim(sk_buf_detach(&b));
    if (!*s) {
        free(s);
        return NULL;
    }
    return s;
}

static int ends_with_colon(const char *s, size_t *n)
{
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
        (*n)--;
    if (*n >= 3 && !memcmp(s + *n - 3, "\xEF\xBC\x9A", 3)) { /* ： */
        *n -= 3;
        return 1;
    }
    if (*n && s[*n - 1] == ':') {
        (*n)--;
        return 1;
    }
    return 0;
}

/* The text right before in (runs back to the previous field) when it ends with a
 * colon: its last phrase, after the last space, 　 or ， 。 ； 、. */
static char *colon_label(const sk_inlines *ins, size_t at)
{
    size_t first = at;
    while (first && ins->v[first - 1].type == SK_I_TEXT && ins->v[first - 1].text)
        first--;
    sk_buf b;
    sk_buf_init(&b);
    for (size_t i = first; i < at; i++)
        sk_buf_puts(&b, ins->v[i].text);
    char *s = sk_buf_detach(&b);
    size_t n = s ? strlen(s) : 0;
    char *out = NULL;
    if (s && ends_with_colon(s, &n)) {
        static const char *const seps[] = { " ", "\t", "\xE3\x80\x80", "\xEF\xBC\x8C", "\xE3\x80\x82",
                                            "\xEF\xBC\x9B", "\xE3\x80\x81", "," , ";" };
        size_t start = 0;
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
                size_t l = strlen(seps[k]);
                if (i + l <= n && !memcmp(s + i, seps[k], l))
                    start = i + l;
            }
        if (start < n)
            out = sk_strndup(s + start, n - start);
    }
    free(s);
    return out;
}

static char *field_label(const sk_node *block, const sk_row *row, int cell, const sk_inline *in, int *in_table)
{
    *in_table = 0;
    if (!row)
        return colon_label(&block->in, (size_t)(in - block->in.v));
    const sk_cell *c = &row->cells[cell];
    char *l = colon_label(&c->in, (size_t)(in - c->in.v));
    if (l)
        return l;
    *in_table = 1;
    const sk_table *t = block->table;
    size_t r = (size_t)(row - t->rows);
    if (row->repeat) { /* its column's header: the nearest header row above, else the row above */
        for (size_t k = r; k-- > 0;)
            if (t->rows[k].header || k + 1 == r) {
                const sk_cell *h = &t->rows[k].cells[cell];
                if (!t->rows[k].header && k + 1 == r) {
                    for (size_t j = k; j-- > 0;)
                        if (t->rows[j].header) {
                            h = &t->rows[j].cells[cell];
                            break;
                        }
                }
                return h->covered ? NULL : cell_words(h);
            }
        return NULL;
    }
    int left = cell - 1;
    while (left >= 0 && row->cells[left].covered)
        left--;
    return left >= 0 ? cell_words(&row->cells[left]) : NULL;
}

char *sk_form_label_key(const char *label)
{
    sk_buf b;
    sk_buf_init(&b);
    int depth = 0;
    for (const char *p = label; *p;) {
        if (*p == '(' || !strncmp(p, "\xEF\xBC\x88", 3)) { /* ( （ */
            depth++;
            p += *p == '(' ? 1 : 3;
        } else if (*p == ')' || !strncmp(p, "\xEF\xBC\x89", 3)) { /* ) ） */
            depth -= depth > 0;
            p += *p == ')' ? 1 : 3;
        } else if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            p++;
        } else if (!strncmp(p, "\xE3\x80\x80", 3)) { /* 　 */
            p += 3;
        } else {
            if (!depth)
                sk_buf_putc(&b, *p);
            p++;
        }
    }
    char *s = sk_buf_detach(&b);
    if (!s)
        s = sk_strdup("");
    size_t n = strlen(s);
    ends_with_colon(s, &n);
    s[n] = '\0';
    return s;
}

static void collect_field(const sk_node *block, const sk_row *row, int cell, const sk_inline *in, void *arg)
{
    sk_form *f = arg;
    if (in->type != SK_I_FIELD || !in->text || !*in->text || sk_form_is_marker(in->text))
        return;
    const char *list = NULL;
    if (row && row->repeat)
        list = list_name(f, row->repeat, row->line, row->cells[0].col);
    sk_form_field *x = field_add(f, list, in->text, in->target && *in->target ? in->target : NULL, in->spec,
                                 in->line, in->col);
    if (!x->label)
        x->label = field_label(block, row, cell, in, &x->label_in_table);
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
        free(f->fields[i].label);
        sk_form_kind_free(&f->fields[i].kind);
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
