#include "run/stdform.h"

#include <stdarg.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/assets.h"
#include "input/catalog.h"
#include "write/docx.h"
#include "layout/fill.h"
#include "run/formset.h"
#include "base/fs.h"
#include "write/odt.h"
#include "write/office.h"
#include "base/utf8.h"
#include "write/xlsx.h"
#include "base/xmlw.h"

/* ---------- formats ---------- */

typedef struct sk_form_writer_job {
    const sk_form *f;
    const sk_form_copies *fc;
    const sk_assets *assets;
} wjob;

typedef int (*form_build_fn)(sk_zip **out, const wjob *j, size_t *dropped, sk_err *err);

static int build_docx(sk_zip **out, const wjob *j, size_t *dropped, sk_err *err)
{
    time_t t;
    sk_stamp_build(&t, SK_STAMP_FIXED);
    sk_docx_opts o = { .sys = j->f->sys, .assets = j->assets, .created = t, .modified = t };
    return sk_docx_build_form(out, j->f->doc, j->fc, &o, dropped, err);
}

static int build_odt(sk_zip **out, const wjob *j, size_t *dropped, sk_err *err)
{
    time_t t;
    sk_stamp_build(&t, SK_STAMP_FIXED);
    sk_odt_opts o = { .sys = j->f->sys, .assets = j->assets, .created = t, .modified = t };
    return sk_odt_build_form(out, j->f->doc, j->fc, &o, dropped, err);
}

/* The writers (a form entry point each). PDF is converted from the first of them. */
static const struct {
    const char *name;
    unsigned bit;
    form_build_fn build;
} writers[] = {
    { "docx", SK_FORMAT_DOCX, build_docx },
    { "odt", SK_FORMAT_ODT, build_odt },
};

#define NWRITERS (sizeof writers / sizeof writers[0])

/* ---------- shards ---------- */

static int parse_size(const char *s, size_t len, size_t *out)
{
    size_t v = 0;
    if (!len || len > 9)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (size_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

int sk_stdform_shard_parse(const char *s, size_t *k, size_t *n, sk_err *err)
{
    const char *slash = strchr(s, '/');
    size_t kk, nn;
    if (!slash || parse_size(s, (size_t)(slash - s), &kk) < 0 || parse_size(slash + 1, strlen(slash + 1), &nn) < 0 ||
        kk < 1 || nn < 1 || kk > nn) {
        sk_err_set(err, "--shard '%s': want K/N with 1 <= K <= N, e.g. 2/4", s);
        return -1;
    }
    *k = kk;
    *n = nn;
    return 0;
}

int sk_stdform_in_shard(size_t i, size_t k, size_t n)
{
    return !n || i % n == k - 1;
}

/* ---------- values ---------- */

typedef struct setv {
    char **key, **val;
    size_t n;
} setv;

static void sets_init(setv *s, const sk_stdform_opts *o)
{
    s->n = 0;
    s->key = sk_calloc(o->nsets + 1, sizeof *s->key);
    s->val = sk_calloc(o->nsets + 1, sizeof *s->val);
    for (size_t i = 0; i < o->nsets; i++) {
        const char *eq = strchr(o->sets[i], '=');
        if (!eq)
            continue;
        char *k = sk_strndup(o->sets[i], (size_t)(eq - o->sets[i]));
        size_t j;
        for (j = 0; j < s->n && strcmp(s->key[j], k); j++)
            ;
        if (j < s->n) { /* the last --set of a name wins */
            free(k);
            free(s->val[j]);
        } else {
            s->key[s->n++] = k;
        }
        s->val[j] = sk_strdup(eq + 1);
    }
}

static void sets_free(setv *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->key[i]);
        free(s->val[i]);
    }
    free(s->key);
    free(s->val);
}

static const char *sets_get(const setv *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->key[i], name))
            return s->val[i];
    return NULL;
}

#define MAX_DEPTH 8

typedef struct fillctx {
    const sk_form *f;
    const sk_dataset *d;
    const size_t *recs;
    const setv *sets;
    const sk_record *rec;
    struct scope {
        const sk_record *elem;  /* NULL: a blank row */
        size_t index;
    } stack[MAX_DEPTH];
    int depth;                  /* may pass MAX_DEPTH: those levels print blank */
    char seq[24];
    sk_buf expanded;            /* a --set value with {{name}} in it, filled for the record */
    const sk_stdform_opts *o;
    size_t done, total;
    size_t copy_text, *run_text; /* bytes of values put into this copy, into the run */
    size_t run_max;              /* the run's bound (sk_stdform_run_max) */
    int over;                    /* a record's values passed a bound (then none are put) */
    int over_row;                /* its row */
    int over_run;                /* ... the run's bound, else the copy's */
} fillctx;

static const char *fill_value(void *ctx, const char *name);

/* A --set value with {{name}} fields: each replaced by the record's value. */
static const char *expand_set(fillctx *F, const char *s)
{
    sk_buf out;
    sk_buf_init(&out);
    sk_buf_puts(&out, "");
    for (const char *p = s; *p;) {
        const char *open = strstr(p, "{{"), *close = open ? strstr(open + 2, "}}") : NULL;
        if (!open || !close) {
            sk_buf_puts(&out, p);
            break;
        }
        sk_buf_put(&out, p, (size_t)(open - p));
        char *name = sk_strndup(open + 2, (size_t)(close - open - 2));
        const char *v = NULL;
        if (!sets_get(F->sets, name)) /* never a --set through another one */
            v = fill_value(F, name);
        if (v)
            sk_buf_puts(&out, v);
        free(name);
        p = close + 2;
    }
    sk_buf_free(&F->expanded);
    F->expanded = out;
    return F->expanded.len ? F->expanded.data : NULL;
}

static const char *text_of(const sk_value *v)
{
    return v && v->text && *v->text ? v->text : NULL;
}

static const char *value_of(fillctx *F, const char *name);

/* A field's value, counted against the bounds on the text of a copy and of a run:
 * past them the fill puts nothing more and session_render fails. */
static const char *fill_value(void *ctx, const char *name)
{
    fillctx *F = ctx;
    if (F->over)
        return NULL;
    const char *v = value_of(F, name);
    size_t n = v ? strlen(v) : 0;
    F->copy_text += n;
    *F->run_text += n;
    if (F->copy_text > SK_STDFORM_COPY_TEXT_MAX || *F->run_text > F->run_max) {
        F->over = 1;
        F->over_row = F->rec ? F->rec->row : F->d && F->d->n ? sk_records_at(F->d, 0)->row : 0;
        F->over_run = F->copy_text <= SK_STDFORM_COPY_TEXT_MAX;
        return NULL;
    }
    return v;
}

static const char *value_of(fillctx *F, const char *name)
{
    const char *s = sets_get(F->sets, name);
    if (s && strstr(s, "{{"))
        return expand_set(F, s);
    if (s)
        return *s ? s : NULL;
    if (F->depth > 0) {
        if (F->depth > MAX_DEPTH)
            return NULL;
        const struct scope *sc = &F->stack[F->depth - 1];
        if (!sc->elem)
            return NULL;
        const sk_value *v = sk_records_get(sc->elem, name);
        if (v)
            return text_of(v);
    }
    const sk_value *v = F->rec ? sk_records_get(F->rec, name) : NULL;
    if (v)
        return text_of(v);
    if (F->depth > 0 && !strcmp(name, "seq")) {
        snprintf(F->seq, sizeof F->seq, "%zu", F->stack[F->depth - 1].index + 1);
        return F->seq;
    }
    return NULL;
}

/* The list value name in scope, or NULL. */
static const sk_value *list_of(fillctx *F, const char *name)
{
    if (F->depth > 0 && F->depth <= MAX_DEPTH && F->stack[F->depth - 1].elem) {
        const sk_value *v = sk_records_get(F->stack[F->depth - 1].elem, name);
        if (v)
            return v->list ? v : NULL;
    }
    if (F->depth > 0 && (F->depth > MAX_DEPTH || !F->stack[F->depth - 1].elem))
        return NULL;
    const sk_value *v = F->rec ? sk_records_get(F->rec, name) : NULL;
    return v && v->list ? v : NULL;
}

static size_t fill_count(void *ctx, const char *list)
{
    const sk_value *v = list_of(ctx, list);
    return v && v->nlist ? v->nlist : SK_FILL_BLANK_ROWS;
}

static void fill_enter(void *ctx, const char *list, size_t i)
{
    fillctx *F = ctx;
    const sk_value *v = list_of(F, list);
    if (F->depth < MAX_DEPTH) {
        F->stack[F->depth].elem = v && i < v->nlist ? v->list[i] : NULL;
        F->stack[F->depth].index = i;
    }
    F->depth++;
}

static void fill_leave(void *ctx, const char *list)
{
    (void)list;
    fillctx *F = ctx;
    if (F->depth > 0)
        F->depth--;
}

static void fill_select(void *ctx, size_t i)
{
    fillctx *F = ctx;
    F->rec = F->d ? sk_records_at(F->d, F->recs[i]) : NULL;
    F->depth = 0;
    F->copy_text = 0;
    if (i && F->o && F->o->progress)
        F->o->progress(F->o->ctx, F->done + i, F->total, NULL);
}

/* ---------- validation ---------- */

static void say(const sk_stdform_opts *o, sk_stdform_result *res, sk_severity level, const char *file, int line, int col,
                const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void say(const sk_stdform_opts *o, sk_stdform_result *res, sk_severity level, const char *file, int line, int col,
                const char *fmt, ...)
{
    sk_err e;
    char msg[sizeof e.msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sk_err_clear(&e);
    sk_err_at(&e, file ? file : "", line, col, "%s", msg);
    if (level == SK_ERROR)
        res->errors++;
    else if (level == SK_WARNING)
        res->warnings++;
    if (o->report)
        o->report(o->ctx, level, &e);
}

/* Names of the fields of records (or of the elements of list), each once. */
static void names_of(sk_map *m, sk_vec *order, const sk_record *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (!sk_map_get(m, r->names[i])) {
            sk_map_put(m, r->names[i], (void *)1);
            sk_vec_push(order, r->names[i]);
        }
}

/* The names of a streamed table's records (all the header's, no lists), once: 1,
 * or 0 when d is not a stream. */
static int table_names(sk_map *m, sk_vec *order, const sk_dataset *d)
{
    if (!d->stream)
        return 0;
    sk_record h = { .names = d->columns, .n = d->ncolumns };
    names_of(m, order, &h);
    return 1;
}

static int used_name(const sk_form *f, const char *name)
{
    for (size_t i = 0; i < f->nfields; i++)
        if (!strcmp(f->fields[i].name, name))
            return 1;
    return 0;
}

/* Warns about characters XML cannot hold in v (record rec, field what). */
static void check_chars(const sk_stdform_opts *o, sk_stdform_result *res, const char *file, const sk_record *rec, size_t recno,
                        const char *what, const char *text)
{
    size_t dropped = 0;
    char *clean = text ? sk_xmlw_clean(text, strlen(text), NULL, &dropped) : NULL;
    if (clean)
        say(o, res, SK_WARNING, file, rec ? rec->row : 0, 0,
            "record %zu, field '%s': %zu character%s that XML cannot hold (control characters) dropped", recno, what,
            dropped, dropped == 1 ? "" : "s");
    free(clean);
}

/* One warning listing the names (columns, list keys) the form does not use. */
static void warn_unused(const sk_form *f, const sk_vec *names, const char *what, const char *file,
                        const sk_stdform_opts *o, sk_stdform_result *res)
{
    sk_buf b;
    size_t n = 0;
    sk_buf_init(&b);
    for (size_t i = 0; i < names->len; i++)
        if (!used_name(f, names->items[i]))
            sk_buf_printf(&b, "%s%s", n++ ? ", " : "", (const char *)names->items[i]);
    if (n)
        say(o, res, SK_WARNING, file, 0, 0, "%s%s the form %s does not use: %s", what, n == 1 ? "" : "s", f->id,
            b.data);
    sk_buf_free(&b);
}

/* ---- matching columns to fields ---- */

static int is_field_name(const sk_form *f, const char *name)
{
    for (size_t i = 0; i < f->nfields; i++)
        if (!f->fields[i].is_list && !strcmp(f->fields[i].name, name))
            return 1;
    return 0;
}

static int is_column(const sk_dataset *d, const char *name)
{
    for (size_t i = 0; i < d->ncolumns; i++)
        if (!strcmp(d->columns[i], name))
            return 1;
    return 0;
}

/* "标签（name）" / "标签 (name)" → name when it is a field of f. */
static char *bracketed_field(const sk_form *f, const char *col)
{
    size_t n = strlen(col);
    const char *open = NULL;
    size_t close = 0;
    if (n >= 3 && !strcmp(col + n - 3, "\xEF\xBC\x89"))
        close = 3;
    else if (n && col[n - 1] == ')')
        close = 1;
    if (!close)
        return NULL;
    for (const char *p = col; p < col + n - close; p++)
        if (*p == '(' || !strncmp(p, "\xEF\xBC\x88", 3))
            open = p;
    if (!open)
        return NULL;
    const char *start = open + (*open == '(' ? 1 : 3);
    char *name = sk_strndup(start, (size_t)(col + n - close - start));
    sk_str_trim(name);
    if (!*name || !is_field_name(f, name)) {
        free(name);
        return NULL;
    }
    return name;
}

/* The field whose label is col's: NULL with *why set when several are and none can
 * be preferred, NULL with *why "" when none is. */
static const char *labelled_field(const sk_form *f, const char *col, sk_buf *why)
{
    char *key = sk_form_label_key(col);
    const char *found = NULL, *in_table = NULL;
    size_t nfound = 0, ntable = 0;
    sk_buf_clear(why);
    if (*key)
        for (size_t i = 0; i < f->nfields; i++) {
            const sk_form_field *x = &f->fields[i];
            if (x->is_list || !x->label)
                continue;
            char *k = sk_form_label_key(x->label);
            int same = !strcmp(k, key);
            free(k);
            if (!same)
                continue;
            int seen = 0; /* the same name in two places (outside and inside rows) is one field */
            for (size_t j = 0; j < i; j++)
                if (!f->fields[j].is_list && f->fields[j].label && !strcmp(f->fields[j].name, x->name)) {
                    char *kj = sk_form_label_key(f->fields[j].label);
                    seen |= !strcmp(kj, key);
                    free(kj);
                }
            if (seen)
                continue;
            sk_buf_printf(why, "%s%s", nfound ? ", " : "", x->name);
            found = x->name;
            nfound++;
            if (x->label_in_table) {
                in_table = x->name;
                ntable++;
            }
        }
    free(key);
    if (nfound == 1)
        return found;
    if (nfound > 1 && ntable == 1)
        return in_table;
    if (!nfound)
        sk_buf_clear(why);
    return NULL;
}

/* Whether a column named by x's label would be x (the label is no other field's). */
static int label_names(const sk_form *f, const sk_form_field *x)
{
    if (!x->label || !strcmp(x->label, x->name))
        return 0;
    sk_buf why;
    sk_buf_init(&why);
    const char *to = labelled_field(f, x->label, &why);
    sk_buf_free(&why);
    return to && !strcmp(to, x->name);
}

int sk_stdform_match(const sk_form *f, sk_dataset *d, const sk_stdform_opts *o, sk_stdform_result *res, sk_err *err)
{
    int rc = -1;
    sk_buf done, why;
    size_t ndone = 0;
    sk_buf_init(&done);
    sk_buf_init(&why);
    for (size_t i = 0; i < o->nmaps; i++) {
        const char *m = o->maps[i], *eq = strrchr(m, '=');
        if (!eq || eq == m || !eq[1]) {
            sk_err_set(err, "--map '%s': want COLUMN=FIELD", m);
            goto done;
        }
        char *col = sk_strndup(m, (size_t)(eq - m));
        const char *field = eq + 1;
        if (!is_field_name(f, field)) {
            sk_err_set(err, "--map '%s': the form %s has no field '%s' (stdform list --fields %s shows them)", m, f->id,
                       field, f->id);
            free(col);
            goto done;
        }
        if (!is_column(d, col)) {
            sk_buf cols;
            sk_buf_init(&cols);
            for (size_t c = 0; c < d->ncolumns; c++)
                sk_buf_printf(&cols, "%s%s", c ? ", " : "", d->columns[c]);
            sk_err_set(err, "--map '%s': no column '%s' in %s (the columns are: %s)", m, col, d->path,
                       cols.data ? cols.data : "none");
            sk_buf_free(&cols);
            free(col);
            goto done;
        }
        if (strcmp(col, field)) {
            if (is_column(d, field)) {
                sk_err_set(err, "--map '%s': %s has a column '%s' already", m, d->path, field);
                free(col);
                goto done;
            }
            sk_records_rename(d, col, field);
            sk_buf_printf(&done, "%s%s → %s", ndone++ ? ", " : "", col, field);
        }
        free(col);
    }
    for (size_t i = 0; i < d->ncolumns; i++) {
        const char *col = d->columns[i];
        if (is_field_name(f, col) || sk_form_is_marker(col))
            continue;
        char *name = bracketed_field(f, col);
        const char *field = name ? name : labelled_field(f, col, &why);
        if (!field) {
            if (why.len)
                say(o, res, SK_WARNING, d->path, 0, 0,
                    "column '%s' is the label of several fields (%s): give --map '%s=FIELD'", col, why.data, col);
            continue;
        }
        if (is_column(d, field)) {
            say(o, res, SK_WARNING, d->path, 0, 0, "column '%s' would be the field %s, which the column '%s' gives",
                col, field, field);
        } else {
            char *from = sk_strdup(col);
            sk_records_rename(d, from, field);
            sk_buf_printf(&done, "%s%s → %s", ndone++ ? ", " : "", from, field);
            free(from);
        }
        free(name);
    }
    if (ndone)
        say(o, res, SK_NOTE, d->path, 0, 0, "column%s matched to fields: %s", ndone == 1 ? "" : "s", done.data);
    rc = 0;
done:
    sk_buf_free(&done);
    sk_buf_free(&why);
    return rc;
}

/* ---- data templates ---- */

static const char *const kind_names[] = { "text", "lines", "choice", "check", "date", "sign", "qr" };

static void csv_cell(sk_buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        sk_buf_puts(b, s);
        return;
    }
    sk_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            sk_buf_putc(b, '"');
        sk_buf_putc(b, *s);
    }
    sk_buf_putc(b, '"');
}

int sk_stdform_template(const sk_form *f, const char *rows_list, const char *path, const sk_stdform_opts *o,
                        sk_err *err)
{
    int rc = -1;
    size_t n = strlen(path);
    int xlsx = n > 5 && !strcasecmp(path + n - 5, ".xlsx"), csv = n > 4 && !strcasecmp(path + n - 4, ".csv");
    sk_vec cols = { 0 }, heads = { 0 }, opts = { 0 }, about = { 0 };
    sk_xlsx_list *lists = NULL;
    size_t nlists = 0, nchoice = 0, maxopt = 0;
    char *bytes = NULL;
    size_t len = 0;

    if (!xlsx && !csv) {
        sk_err_at(err, path, 0, 0, "a data template is an .xlsx or a .csv file");
        goto done;
    }
    if (rows_list) {
        const sk_form_field *l = NULL;
        for (size_t i = 0; i < f->nfields; i++)
            if (f->fields[i].is_list && !strcmp(f->fields[i].name, rows_list))
                l = &f->fields[i];
        if (!l) {
            sk_buf names;
            sk_buf_init(&names);
            for (size_t i = 0; i < f->nfields; i++)
                if (f->fields[i].is_list)
                    sk_buf_printf(&names, "%s%s", names.len ? ", " : "", f->fields[i].name);
            sk_err_set(err, "--rows %s: the form %s has no repeat rows '%s'%s%s%s", rows_list, f->id, rows_list,
                       names.len ? " (it has: " : " (it has none)", names.len ? names.data : "", names.len ? ")" : "");
            sk_buf_free(&names);
            goto done;
        }
    }
    for (size_t i = 0; i < f->nfields; i++) {
        const sk_form_field *x = &f->fields[i];
        if (x->is_list || (rows_list ? !x->list || strcmp(x->list, rows_list) : x->list != NULL))
            continue;
        if (rows_list && !strcmp(x->name, "seq"))
            continue; /* numbered by stdform */
        sk_vec_push(&cols, (void *)x);
        sk_vec_push(&heads, x->label && strcmp(x->label, x->name) ? sk_asprintf("%s（%s）", x->label, x->name)
                                                                   : sk_strdup(x->name));
        if (x->kind.type == SK_FK_CHOICE) {
            nchoice++;
            maxopt = x->kind.noptions > maxopt ? x->kind.noptions : maxopt;
        }
    }
    if (!cols.len) {
        sk_err_set(err, "the form %s has no fields %s", f->id, rows_list ? "in those rows" : "outside repeat rows "
                   "(give --rows LIST for the table of a list)");
        goto done;
    }
    if (csv) {
        sk_buf b;
        sk_buf_init(&b);
        sk_buf_puts(&b, "\xEF\xBB\xBF");
        for (size_t i = 0; i < heads.len; i++) {
            if (i)
                sk_buf_putc(&b, ',');
            csv_cell(&b, heads.items[i]);
        }
        sk_buf_puts(&b, "\r\n");
        len = b.len;
        bytes = sk_buf_detach(&b);
    } else {
        /* 选项: a column per choice field, its head in row 1 and its options below */
        size_t oc = 0;
        const char **ocells = sk_calloc((maxopt + 1) * (nchoice ? nchoice : 1), sizeof *ocells);
        lists = sk_calloc(nchoice ? nchoice : 1, sizeof *lists);
        for (size_t i = 0; i < cols.len; i++) {
            const sk_form_field *x = cols.items[i];
            if (x->kind.type != SK_FK_CHOICE)
                continue;
            ocells[oc] = heads.items[i];
            for (size_t k = 0; k < x->kind.noptions; k++)
                ocells[(k + 1) * nchoice + oc] = x->kind.options[k];
            char c[4];
            sk_xlsx_col(oc, c);
            char *range = sk_asprintf("\xE9\x80\x89\xE9\xA1\xB9!$%s$2:$%s$%zu", c, c, x->kind.noptions + 1);
            sk_vec_push(&opts, range);
            lists[nlists].col = i;
            lists[nlists].range = range;
            nlists++;
            oc++;
        }
        /* 说明: what each column is */
        static const char *const about_head[] = { "列", "字段", "标签", "类型", "表单位置" };
        sk_vec_push(&about, sk_strdup(""));
        const size_t na = sizeof about_head / sizeof about_head[0];
        const char **acells = sk_calloc((cols.len + 1) * na, sizeof *acells);
        for (size_t k = 0; k < na; k++)
            acells[k] = about_head[k];
        for (size_t i = 0; i < cols.len; i++) {
            const sk_form_field *x = cols.items[i];
            char c[4];
            sk_xlsx_col(i, c);
            char *kind = x->kind.type == SK_FK_LINES ? sk_asprintf("lines(%d)", x->kind.lines)
                         : sk_strdup(kind_names[x->kind.type]);
            char *v[] = { sk_strdup(c), sk_strdup(x->name), sk_strdup(x->label ? x->label : ""), kind,
                          sk_asprintf("%s:%d", f->path, x->line) };
            for (size_t k = 0; k < na; k++) {
                sk_vec_push(&about, v[k]);
                acells[(i + 1) * na + k] = v[k];
            }
        }
        sk_xlsx_sheet sheets[3] = {
            { .name = "\xE6\x95\xB0\xE6\x8D\xAE", .cells = (const char *const *)heads.items, .nrows = 1,
              .ncols = heads.len, .lists = lists, .nlists = nlists },
            { .name = "\xE9\x80\x89\xE9\xA1\xB9", .cells = ocells, .nrows = nchoice ? maxopt + 1 : 0,
              .ncols = nchoice },
            { .name = "\xE8\xAF\xB4\xE6\x98\x8E", .cells = acells, .nrows = cols.len + 1, .ncols = na },
        };
        int r = sk_xlsx_bytes(&bytes, &len, sheets, 3, err);
        free(ocells);
        free(acells);
        if (r < 0)
            goto done;
    }
    struct stat st;
    if (lstat(path, &st) == 0) { /* the office may have filled it in already */
        sk_err_at(err, path, 0, 0, "exists; a data template is never written over (remove it, or give another -o)");
        goto done;
    }
    if (sk_fs_write_output(path, bytes, len, o ? o->inputs : NULL, o ? o->ninputs : 0, err) < 0)
        goto done;
    rc = 0;
done:
    for (size_t i = 0; i < heads.len; i++)
        free(heads.items[i]);
    for (size_t i = 0; i < opts.len; i++)
        free(opts.items[i]);
    for (size_t i = 0; i < about.len; i++)
        free(about.items[i]);
    sk_vec_free(&cols);
    sk_vec_free(&heads);
    sk_vec_free(&opts);
    sk_vec_free(&about);
    free(lists);
    free(bytes);
    return rc;
}

size_t sk_stdform_validate(const sk_form *f, const sk_dataset *d, const sk_stdform_opts *o, unsigned char *bad,
                        sk_stdform_result *res)
{
    size_t errors_before = res->errors;
    const char *file = d->path;
    const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
    setv sets;
    sets_init(&sets, o);
    sk_map cols, elems;
    sk_vec col_order = { 0 }, elem_order = { 0 };
    sk_map_init(&cols);
    sk_map_init(&elems);
    const char **last_names = NULL;
    for (size_t i = 0; i < d->n; i++) {
        if (!sk_stdform_in_shard(i, o->shard_k, o->shard_n))
            continue;
        if (table_names(&cols, &col_order, d))
            break;
        const sk_record *r = d->recs[i];
        if ((const char **)r->names != last_names)
            names_of(&cols, &col_order, r);
        last_names = (const char **)r->names;
        for (size_t k = 0; k < r->n; k++)
            for (size_t e = 0; r->values[k].list && e < r->values[k].nlist; e++)
                names_of(&elems, &elem_order, r->values[k].list[e]);
    }
    int global = 0;
    for (size_t i = 0; i < f->nfields; i++) {
        const sk_form_field *x = &f->fields[i];
        const char *sv = sets_get(&sets, x->name);
        int col = sk_map_get(&cols, x->name) != NULL;
        if (x->is_list) {
            if (sv && *sv) {
                say(o, res, SK_ERROR, f->path, x->line, x->col,
                    "--set %s=%s: {{#%s}} repeats table rows over a list; only an empty --set %s= (no rows) fits", x->name,
                    sv, x->name, x->name);
                global = 1;
            } else if (!sv && !col) {
                say(o, res, SK_ERROR, f->path, x->line, x->col,
                    "no column '%s' in %s for the repeat rows {{#%s}} (a list per record: JSON or YAML, or --rows %s; "
                    "--set %s= prints blank rows)",
                    x->name, base, x->name, x->name, x->name);
                global = 1;
            }
            continue;
        }
        if (sv || x->def || col)
            continue;
        if (x->list && (sk_map_get(&elems, x->name) || !elem_order.len || !strcmp(x->name, "seq")))
            continue; /* no elements at all: the rows print blank */
        if (x->list)
            say(o, res, SK_ERROR, f->path, x->line, x->col,
                "no key '%s' in the elements of '%s' in %s for the field {{%s}} (no default; add it, or give --set "
                "%s=VALUE)",
                x->name, x->list, base, x->name, x->name);
        else if (label_names(f, x))
            /* office data names its columns by the form's words: say them */
            say(o, res, SK_ERROR, f->path, x->line, x->col,
                "no column '%s' in %s for the field {{%s}} (no default; add the column, named %s or as the form "
                "labels it, %s, or give --set %s=VALUE)",
                x->name, base, x->name, x->name, x->label, x->name);
        else
            say(o, res, SK_ERROR, f->path, x->line, x->col,
                "no column '%s' in %s for the field {{%s}} (no default; add the column, or give --set %s=VALUE)", x->name,
                base, x->name, x->name);
        global = 1;
    }
    /* columns and list keys the form does not use */
    warn_unused(f, &col_order, "column", file, o, res);
    warn_unused(f, &elem_order, "list key", file, o, res);
    for (size_t i = 0; i < sets.n; i++)
        check_chars(o, res, NULL, NULL, 0, sets.key[i], sets.val[i]);
    /* record by record */
    for (size_t i = 0; i < d->n; i++) {
        if (!sk_stdform_in_shard(i, o->shard_k, o->shard_n))
            continue;
        const sk_record *r = sk_records_at(d, i);
        int rec_bad = global;
        for (size_t k = 0; k < r->n; k++) {
            const sk_value *v = &r->values[k];
            const char *name = r->names[k];
            const sk_form_field *x = sk_form_field_get(f, NULL, name);
            if (!x || sets_get(&sets, name))
                continue;
            if (x->is_list && !v->list && v->text && *v->text) {
                say(o, res, SK_ERROR, file, r->row, 0,
                    "record %zu: '%s' is text, but the form repeats table rows over it ({{#%s}}, %s:%d)", i + 1, name,
                    name, f->path, x->line);
                rec_bad = 1;
            } else if (!x->is_list && v->list) {
                say(o, res, SK_ERROR, file, r->row, 0,
                    "record %zu: '%s' is a list, but the field {{%s}} (%s:%d) prints text", i + 1, name, name, f->path,
                    x->line);
                rec_bad = 1;
            } else if (!x->is_list) {
                check_chars(o, res, file, r, i + 1, name, v->text);
                if (sk_form_kind_check_value(&x->kind, v->text) < 0) {
                    sk_buf opts;
                    sk_buf_init(&opts);
                    for (size_t q = 0; q < x->kind.noptions; q++)
                        sk_buf_printf(&opts, "%s%s", q ? "、" : "", x->kind.options[q]);
                    say(o, res, SK_ERROR, file, r->row, 0,
                        "record %zu, field '%s': '%s' is not one of the choices %s (%s:%d)", i + 1, name, v->text,
                        opts.data, f->path, x->line);
                    sk_buf_free(&opts);
                    rec_bad = 1;
                }
            }
            for (size_t e = 0; x->is_list && v->list && e < v->nlist; e++) {
                const sk_record *el = v->list[e];
                for (size_t q = 0; q < el->n; q++) {
                    if (!sk_form_field_get(f, name, el->names[q]) || sets_get(&sets, el->names[q]))
                        continue;
                    if (el->values[q].list) {
                        say(o, res, SK_ERROR, file, el->row, 0,
                            "record %zu: '%s[%zu].%s' is a list, but a field prints text", i + 1, name, e + 1,
                            el->names[q]);
                        rec_bad = 1;
                        continue;
                    }
                    char what[256];
                    snprintf(what, sizeof what, "%s[%zu].%s", name, e + 1, el->names[q]);
                    check_chars(o, res, file, el, i + 1, what, el->values[q].text);
                }
            }
        }
        if (bad)
            bad[i] = (unsigned char)rec_bad;
    }
    sk_vec_free(&col_order);
    sk_vec_free(&elem_order);
    sk_map_free(&cols);
    sk_map_free(&elems);
    sets_free(&sets);
    return res->errors - errors_before;
}

/* ---------- file names ---------- */

static int reserved_stem(const char *s, size_t n)
{
    static const char *const dev[] = { "CON", "PRN", "AUX", "NUL" };
    for (size_t i = 0; i < 4; i++)
        if (n == 3 && !strncasecmp(s, dev[i], 3))
            return 1;
    return n == 4 && (!strncasecmp(s, "COM", 3) || !strncasecmp(s, "LPT", 3)) && s[3] >= '0' && s[3] <= '9';
}

/* Code points a file name never keeps: controls, format characters that hide or
 * reorder text (zero-width, bidirectional overrides), non-characters. */
static int name_drops(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0xFFFE ||
           cp == 0xFFFF;
}

static void trim_name(sk_buf *b)
{
    size_t lead = 0;
    while (lead < b->len && (b->data[lead] == '.' || b->data[lead] == '-' || b->data[lead] == ' '))
        lead++;
    memmove(b->data, b->data + lead, b->len - lead + 1);
    b->len -= lead;
    while (b->len && (b->data[b->len - 1] == '.' || b->data[b->len - 1] == ' '))
        b->data[--b->len] = '\0';
}

char *sk_stdform_safe_name(const char *s, size_t record)
{
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, "");
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = sk_utf8_decode(s + i, len - i, &cp);
        if (k <= 0) {
            i++; /* not UTF-8: dropped */
            continue;
        }
        if (name_drops(cp))
            ;
        else if (cp < 0x80 && strchr("/\\<>:\"|?*", (int)cp))
            sk_buf_putc(&b, '_');
        else if (cp == 0x3000)
            sk_buf_putc(&b, ' ');
        else
            sk_buf_put(&b, s + i, (size_t)k);
        i += (size_t)k;
    }
    trim_name(&b);
    if (b.len > SK_STDFORM_NAME_MAX) {
        size_t cut = SK_STDFORM_NAME_MAX;
        while (cut && ((unsigned char)b.data[cut] & 0xC0) == 0x80)
            cut--; /* keep whole characters */
        b.data[cut] = '\0';
        b.len = cut;
        trim_name(&b);
    }
    if (reserved_stem(b.data, strcspn(b.data, "."))) {
        char *t = sk_asprintf("_%s", b.data);
        sk_buf_free(&b);
        return t;
    }
    if (!b.len) {
        sk_buf_free(&b);
        return sk_asprintf("record-%zu", record);
    }
    return sk_buf_detach(&b);
}

/* Expands pattern for record i (0-based) into b. Returns -1 with err naming an unknown field. */
static int expand(sk_buf *b, const char *pattern, const sk_form *f, const sk_dataset *d, size_t i, const setv *sets,
                  const sk_map *cols, sk_err *err)
{
    int width = 1;
    for (size_t n = d ? d->n : 1; n >= 10; n /= 10)
        width++;
    sk_buf_clear(b);
    sk_buf_puts(b, "");
    for (const char *p = pattern; *p;) {
        const char *open = strstr(p, "{{"), *close = open ? strstr(open + 2, "}}") : NULL;
        if (!open || !close) {
            sk_buf_puts(b, p);
            break;
        }
        sk_buf_put(b, p, (size_t)(open - p));
        char *name = sk_strndup(open + 2, (size_t)(close - open - 2));
        const char *sv = sets_get(sets, name);
        if (!strcmp(name, "_n")) {
            sk_buf_printf(b, "%0*zu", width, i + 1);
        } else if (!strcmp(name, "_form")) {
            sk_buf_puts(b, f->id);
        } else if (sv) {
            sk_buf_puts(b, sv);
        } else if (cols && !sk_map_get(cols, name)) {
            sk_err_set(err, "--each '%s': no field '%s' in the data (nor --set %s=…); {{_n}} is the record's number",
                       pattern, name, name);
            free(name);
            return -1;
        } else {
            const sk_value *v = d ? sk_records_get(sk_records_at(d, i), name) : NULL;
            if (v && v->text)
                sk_buf_puts(b, v->text);
        }
        free(name);
        p = close + 2;
    }
    return 0;
}

/* The names of a batch's files, one record after the other: the same names in the
 * same order every time through the records. Names a case-insensitive or
 * normalising file system takes for one are one: the later gets -2, -3 … (the
 * next number kept per name, so n equal names cost n look-ups, not n squared).
 * The names taken are kept as 64-bit hashes of their folded form (16 bytes a
 * name, not the names): two names with one hash, one in 2^64 pairs, make the
 * later one -2 too — the names stay distinct either way. */
typedef struct namer {
    const sk_form *f;
    const sk_dataset *d;
    const char *pattern;
    setv sets;
    sk_map cols, next;
    sk_vec order;
    sk_buf b;
    uint64_t *slot;     /* open addressing, 0 free */
    size_t nslot, used;
} namer;

static uint64_t name_hash(const char *s)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a, then a final mix */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    return h ? h : 1;
}

/* Takes the folded name key: 1 when it was free, 0 when taken already. */
static int take(namer *N, const char *key)
{
    if (2 * (N->used + 1) > N->nslot) {
        size_t n = N->nslot ? 2 * N->nslot : 1024;
        uint64_t *v = sk_calloc(n, sizeof *v);
        for (size_t i = 0; i < N->nslot; i++)
            if (N->slot[i])
                for (size_t j = N->slot[i] & (n - 1);; j = (j + 1) & (n - 1))
                    if (!v[j]) {
                        v[j] = N->slot[i];
                        break;
                    }
        free(N->slot);
        N->slot = v;
        N->nslot = n;
    }
    uint64_t h = name_hash(key);
    for (size_t j = h & (N->nslot - 1);; j = (j + 1) & (N->nslot - 1)) {
        if (N->slot[j] == h)
            return 0;
        if (!N->slot[j]) {
            N->slot[j] = h;
            N->used++;
            return 1;
        }
    }
}

static void namer_init(namer *N, const sk_form *f, const sk_dataset *d, const char *pattern, const sk_stdform_opts *o)
{
    memset(N, 0, sizeof *N);
    N->f = f;
    N->d = d;
    N->pattern = pattern ? pattern : "{{_form}}-{{_n}}";
    sets_init(&N->sets, o);
    sk_map_init(&N->cols);
    sk_map_init(&N->next);
    sk_buf_init(&N->b);
    for (size_t i = 0; i < d->n; i++) {
        if (table_names(&N->cols, &N->order, d))
            break;
        if (!i || d->recs[i]->names != d->recs[i - 1]->names)
            names_of(&N->cols, &N->order, d->recs[i]);
    }
}

static void namer_free(namer *N)
{
    sk_vec_free(&N->order);
    sk_map_free(&N->cols);
    sk_map_free(&N->next);
    sk_buf_free(&N->b);
    sets_free(&N->sets);
    free(N->slot);
}

/* The name of record i (the records taken in order from 0): malloc'd, or NULL
 * with err set (the pattern names no field). */
static char *namer_next(namer *N, size_t i, sk_err *err)
{
    if (expand(&N->b, N->pattern, N->f, N->d, i, &N->sets, &N->cols, err) < 0)
        return NULL;
    char *stem = sk_stdform_safe_name(N->b.data, i + 1), *name = sk_strdup(stem);
    char *key = sk_utf8_fold(stem);
    if (!take(N, key)) {
        uintptr_t k = (uintptr_t)sk_map_get(&N->next, key);
        for (k = k ? k : 2;; k++) {
            free(name);
            name = sk_asprintf("%s-%ju", stem, (uintmax_t)k);
            char *kk = sk_utf8_fold(name);
            int free_name = take(N, kk);
            free(kk);
            if (free_name)
                break;
        }
        sk_map_put(&N->next, key, (void *)(k + 1));
    }
    free(key);
    free(stem);
    return name;
}

int sk_stdform_names(const sk_form *f, const sk_dataset *d, const char *pattern, const sk_stdform_opts *o, char ***out,
                  sk_err *err)
{
    namer N;
    char **names = sk_calloc(d->n + 1, sizeof *names);
    int rc = -1;
    namer_init(&N, f, d, pattern, o);
    for (size_t i = 0; i < d->n; i++)
        if (!(names[i] = namer_next(&N, i, err)))
            goto done;
    *out = names;
    names = NULL;
    rc = 0;
done:
    sk_stdform_names_free(names, d->n);
    namer_free(&N);
    return rc;
}

void sk_stdform_names_free(char **names, size_t n)
{
    if (!names)
        return;
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* ---------- rendering ---------- */

/* What every document of a run shares: the form, the --set values, its figures. */
typedef struct session {
    const sk_form *f;
    const sk_stdform_opts *o;
    setv sets;
    sk_assets assets;
    int form_failed;  /* the form itself cannot be printed (a figure, a table too wide) */
    size_t run_text;  /* bytes of values the run's documents hold so far */
    size_t run_max;   /* and at most */
} session;

size_t sk_stdform_run_max(const sk_dataset *d)
{
    struct stat st;
    size_t max = SK_STDFORM_RUN_TEXT_MAX;
    if (d && d->path && stat(d->path, &st) == 0 && st.st_size > 0 &&
        (unsigned long long)st.st_size < SIZE_MAX / SK_STDFORM_RUN_TEXT_RATIO &&
        (size_t)st.st_size * SK_STDFORM_RUN_TEXT_RATIO > max)
        max = (size_t)st.st_size * SK_STDFORM_RUN_TEXT_RATIO;
    return max;
}

static int has_figure(const sk_node *annex)
{
    for (const sk_node *n = annex; n; n = sk_node_walk_next(annex, n, 1))
        if (sk_assets_has_picture(n))
            return 1;
    return 0;
}

static int session_init(session *S, const sk_form *f, const sk_stdform_opts *o, sk_err *err)
{
    memset(S, 0, sizeof *S);
    S->f = f;
    S->o = o;
    sets_init(&S->sets, o);
    /* the standard's figures, only when the form shows one */
    if (has_figure(f->node) && sk_assets_load(&S->assets, f->doc, err) < 0) {
        S->form_failed = 1;
        return -1;
    }
    return 0;
}

static void session_free(session *S)
{
    sets_free(&S->sets);
    sk_assets_free(&S->assets);
}

static size_t writer_of(unsigned bit)
{
    for (size_t i = 0; i < NWRITERS; i++)
        if (writers[i].bit == bit)
            return i;
    return 0;
}

/* One document of writer w: records recs[0..n) of d (d NULL: n blank copies);
 * done/total feed the progress callback. Its bytes in *out, or (to not NULL) in
 * the new file to (messages name final): a merged batch is then written as it is
 * made and never held. The fill lives until the archive is built: a writer may
 * stream the copies while it is deflated. */
static int session_render(session *S, size_t w, const sk_dataset *d, const size_t *recs, size_t n, size_t done,
                          size_t total, const char *to, const char *final, char **out, size_t *len, sk_err *err)
{
    fillctx F = { .f = S->f, .d = d, .recs = recs, .sets = &S->sets, .o = S->o, .done = done, .total = total,
                  .run_text = &S->run_text, .run_max = S->run_max ? S->run_max : SK_STDFORM_RUN_TEXT_MAX };
    sk_fill fill = { &F, fill_value, fill_count, fill_enter, fill_leave };
    sk_form_copies fc = { .form = S->f->node, .n = n ? n : 1, .fill = d ? &fill : NULL, .select = fill_select,
                          .ctx = &F };
    wjob j = { S->f, &fc, &S->assets };
    sk_zip *pkg = NULL;
    size_t dropped = 0;
    sk_buf_init(&F.expanded);
    int rc = writers[w].build(&pkg, &j, &dropped, err);
    if (rc < 0)
        sk_buf_free(&F.expanded);
    S->form_failed |= rc < 0;
    if (rc == 0)
        rc = to ? sk_zip_write_new(pkg, to, final, err) : sk_zip_bytes(pkg, out, len, err);
    sk_zip_free(pkg);
    /* a writer may stream the copies while deflating: the fill ends with the archive */
    if (rc == 0 && F.over) {
        if (to) {
            unlink(to);
        } else {
            free(*out);
            *out = NULL;
        }
        if (F.over_run)
            sk_err_at(err, d->path, F.over_row, 0,
                      "with this record the values would put more than %u MiB of text into the documents of one "
                      "run (a long value used in many fields or records?); nothing written",
                      (unsigned)(F.run_max >> 20));
        else
            sk_err_at(err, d->path, F.over_row, 0,
                      "this record's values would put more than %u MiB of text into one copy of the form (a long "
                      "value used in many fields?); nothing written",
                      SK_STDFORM_COPY_TEXT_MAX >> 20);
        rc = -1;
    }
    sk_buf_free(&F.expanded);
    return rc;
}

int sk_stdform_render(char **out, size_t *len, const sk_form *f, const sk_dataset *d, const size_t *recs, size_t n,
                   unsigned format, const sk_stdform_opts *o, sk_err *err)
{
    session S;
    int rc = -1;
    if (session_init(&S, f, o, err) == 0) {
        S.run_max = sk_stdform_run_max(d);
        rc = session_render(&S, writer_of(format), d, recs, n, 0, n, NULL, NULL, out, len, err);
    }
    session_free(&S);
    return rc;
}

/* ---------- writing a batch ---------- */

/* Files rendered under temporary names beside their final ones, renamed into
 * place together; and the DOCX copies a PDF pass converts. */
typedef struct batch {
    const sk_form *f;
    const sk_stdform_opts *o;
    const char *outdir;
    /* the files staged: each written under a temporary name beside its own
     * (sk_fs_tmp_name with the batch's tag), renamed into place together; their
     * names below outdir, back to back (NUL after each): 20 bytes a file */
    char tag[9];
    sk_buf staged;
    size_t nstaged, ncommitted;
    char *pdfdir;        /* the PDF pass's sources, OUTDIR/.stdform-XXXXXX */
    sk_vec pdf_in;       /* char*: pdfdir/STEM.docx */
    sk_buf path;
} batch;

/* An output never replaces an input or a directory (one stat when it is new). */
static int refuse(const batch *B, const char *final, sk_err *err)
{
    struct stat st;
    if (stat(final, &st) < 0)
        return 0;
    if (S_ISDIR(st.st_mode)) {
        sk_err_at(err, final, 0, 0, "is a directory; cannot write the output there");
        return -1;
    }
    for (size_t i = 0; i <= B->o->ninputs; i++) {
        const char *in = i < B->o->ninputs ? B->o->inputs[i] : B->f->path;
        if (in && sk_fs_same_file(final, in)) {
            sk_err_at(err, final, 0, 0, "refusing to overwrite an input file (%s)", in);
            return -1;
        }
    }
    return 0;
}

/* The temporary name of a staged file (its name below outdir). */
static char *tmp_of(const batch *B, const char *rel)
{
    char *final = sk_asprintf("%s/%s", B->outdir, rel);
    char *tmp = sk_fs_tmp_name(final, B->tag);
    free(final);
    return tmp;
}

static void staged(batch *B, const char *final)
{
    sk_buf_put(&B->staged, final + strlen(B->outdir) + 1, strlen(final) - strlen(B->outdir));
    B->nstaged++;
}

static int stage(batch *B, const char *final, const char *data, size_t len, sk_err *err)
{
    if (refuse(B, final, err) < 0)
        return -1;
    char *tmp = sk_fs_tmp_name(final, B->tag);
    int rc = sk_fs_write_new(tmp, data, len, final, err);
    free(tmp);
    if (rc == 0)
        staged(B, final);
    return rc;
}

static int commit(batch *B, size_t *written, sk_err *err)
{
    const char *rel = B->staged.data;
    for (size_t i = 0; i < B->nstaged; i++, rel += strlen(rel) + 1) {
        if (i < B->ncommitted)
            continue;
        char *tmp = tmp_of(B, rel), *final = sk_asprintf("%s/%s", B->outdir, rel);
        int rc = rename(tmp, final);
        if (rc < 0)
            sk_err_at(err, final, 0, 0, "cannot replace: %s", strerror(errno));
        free(tmp);
        free(final);
        if (rc < 0)
            return -1;
        B->ncommitted++;
        (*written)++;
    }
    return 0;
}

static void batch_free(batch *B)
{
    const char *rel = B->staged.data;
    for (size_t i = 0; i < B->nstaged; i++, rel += strlen(rel) + 1)
        if (i >= B->ncommitted) {
            char *tmp = tmp_of(B, rel);
            unlink(tmp);
            free(tmp);
        }
    sk_buf_free(&B->staged);
    for (size_t i = 0; i < B->pdf_in.len; i++)
        unlink(B->pdf_in.items[i]);
    sk_catalog_paths_free(&B->pdf_in);
    if (B->pdfdir)
        rmdir(B->pdfdir);
    free(B->pdfdir);
    sk_buf_free(&B->path);
}

static const char *out_path(batch *B, const char *dir, const char *stem, const char *ext)
{
    sk_buf_clear(&B->path);
    sk_buf_printf(&B->path, "%s/%s.%s", dir, stem, ext);
    return B->path.data;
}

/* Renders one output unit (one file per format: a record, a merged batch or the
 * blank form) and stages it. */
static int unit(batch *B, session *S, unsigned formats, const char *stem, const sk_dataset *d, const size_t *recs,
                size_t n, size_t done, size_t total, sk_err *err)
{
    for (size_t w = 0; w < NWRITERS; w++) {
        int want = (formats & writers[w].bit) != 0, pdf = (formats & SK_FORMAT_PDF) && w == 0;
        if (!want && !pdf)
            continue;
        char *data = NULL;
        size_t len = 0;
        if (!pdf) { /* straight into a temporary file beside the output */
            char *final = sk_strdup(out_path(B, B->outdir, stem, writers[w].name));
            char *tmp = sk_fs_tmp_name(final, B->tag);
            int rc = refuse(B, final, err);
            if (rc == 0)
                rc = session_render(S, w, d, recs, n, done, total, tmp, final, NULL, NULL, err);
            if (rc == 0)
                staged(B, final);
            free(final);
            free(tmp);
            if (rc < 0)
                return -1;
            continue;
        }
        int rc = session_render(S, w, d, recs, n, done, total, NULL, NULL, &data, &len, err);
        if (rc == 0 && want)
            rc = stage(B, out_path(B, B->outdir, stem, writers[w].name), data, len, err);
        if (rc == 0 && pdf) {
            const char *src = out_path(B, B->pdfdir, stem, writers[w].name);
            rc = sk_fs_write_new(src, data, len, NULL, err);
            if (rc == 0)
                sk_vec_push(&B->pdf_in, sk_strdup(src));
        }
        free(data);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int batch_open(batch *B, const sk_form *f, const sk_stdform_opts *o, unsigned formats, sk_err *err)
{
    memset(B, 0, sizeof *B);
    B->f = f;
    B->o = o;
    B->outdir = o->outdir && *o->outdir ? o->outdir : "out";
    sk_buf_init(&B->path);
    sk_buf_init(&B->staged);
    sk_fs_tmp_tag(B->tag);
    if (sk_fs_mkdir_p(B->outdir, err) < 0)
        return -1;
    sk_fs_clean_stale(B->outdir); /* before this run makes any temporary there */
    if (access(B->outdir, W_OK) < 0) {
        sk_err_at(err, B->outdir, 0, 0, "output directory is not writable: %s", strerror(errno));
        return -1;
    }
    if (formats & SK_FORMAT_PDF) {
        if (!sk_office_available()) {
            sk_err_set(err, "--format pdf needs LibreOffice (soffice on PATH; Debian: libreoffice-writer-nogui)");
            return -1;
        }
        char *tmpl = sk_asprintf("%s/.stdform-XXXXXX", B->outdir);
        if (!mkdtemp(tmpl)) {
            sk_err_at(err, B->outdir, 0, 0, "cannot create a temporary directory: %s", strerror(errno));
            free(tmpl);
            return -1;
        }
        B->pdfdir = tmpl;
    }
    return 0;
}

/* Converts the PDF pass's sources into OUTDIR (LibreOffice, one run), then puts the
 * other files in place. */
static int batch_close(batch *B, unsigned formats, sk_stdform_result *res, sk_err *err)
{
    if ((formats & SK_FORMAT_PDF) && B->pdf_in.len) {
        for (size_t i = 0; i < B->pdf_in.len; i++) {
            const char *base = strrchr(B->pdf_in.items[i], '/') + 1;
            char *stem = sk_strndup(base, strcspn(base, ".") == strlen(base) ? strlen(base) : (size_t)(strrchr(base, '.') - base));
            int bad = refuse(B, out_path(B, B->outdir, stem, "pdf"), err);
            free(stem);
            if (bad < 0)
                return -1;
        }
        if (sk_office_to_pdf((const char *const *)B->pdf_in.items, B->pdf_in.len, B->outdir, 0, err) < 0)
            return -1;
        res->written += B->pdf_in.len;
    }
    return commit(B, &res->written, err);
}

/* After a failure: a form that cannot be printed is reported (exit status 1, like
 * bad data) and 0 returned; anything else (I/O) stays -1 with err. */
static int failed(const session *S, const sk_stdform_opts *o, sk_stdform_result *res, const sk_err *err)
{
    if (!S->form_failed)
        return -1;
    say(o, res, SK_ERROR, err->file, err->line, err->col, "%s", err->msg);
    return 0;
}

static unsigned formats_of(const sk_stdform_opts *o)
{
    return o->formats ? o->formats : SK_FORMAT_DOCX;
}

int sk_stdform_blank(const sk_form *f, const sk_stdform_opts *o, sk_stdform_result *res, sk_err *err)
{
    batch B;
    session S;
    int rc = -1;
    unsigned formats = formats_of(o);
    memset(res, 0, sizeof *res);
    char *stem = sk_asprintf("%s-blank", f->id);
    char *safe = sk_stdform_safe_name(stem, 1);
    if (session_init(&S, f, o, err) < 0) {
        rc = failed(&S, o, res, err);
    } else if (batch_open(&B, f, o, formats, err) == 0) {
        size_t copies = o->copies ? o->copies : 1;
        if (unit(&B, &S, formats, safe, NULL, NULL, copies, 0, copies, err) < 0)
            rc = failed(&S, o, res, err);
        else if (batch_close(&B, formats, res, err) == 0)
            rc = 0;
        batch_free(&B);
    }
    session_free(&S);
    free(stem);
    free(safe);
    return rc;
}

int sk_stdform_fill(const sk_form *f, const sk_dataset *d, const sk_stdform_opts *o, sk_stdform_result *res, sk_err *err)
{
    unsigned formats = formats_of(o);
    unsigned char *bad = sk_calloc(d->n + 1, 1);
    /* the records written, in order: merged, the copies' list; one file each goes
     * through bad[] instead (a million records: 8 MB saved) */
    size_t *good = o->merge ? sk_malloc((d->n + 1) * sizeof *good) : NULL;
    size_t ngood = 0;
    namer N;
    session S;
    batch B;
    int rc = -1, have_session = 0, have_batch = 0, have_namer = 0;

    memset(res, 0, sizeof *res);
    for (size_t i = 0; i < d->n; i++)
        res->records += sk_stdform_in_shard(i, o->shard_k, o->shard_n);
    if (!d->n) {
        if (d->nsheets > 1) {
            /* the data is often on another sheet than the first */
            sk_buf names;
            sk_buf_init(&names);
            for (size_t i = 0; i < d->nsheets; i++)
                sk_buf_printf(&names, "%s%s", i ? ", " : "", d->sheets[i]);
            say(o, res, SK_ERROR, d->path, 0, 0, "no records in sheet %s (the sheets are: %s; give --sheet NAME)",
                d->sheet, names.data);
            sk_buf_free(&names);
        } else {
            say(o, res, SK_ERROR, d->path, 0, 0, "no records (a header row and nothing under it?)");
        }
        rc = 0;
        goto done;
    }
    if (!res->records)
        say(o, res, SK_WARNING, d->path, 0, 0, "no record in shard %zu of %zu (%zu records)", o->shard_k,
            o->shard_n, d->n);
    sk_stdform_validate(f, d, o, bad, res);
    for (size_t i = 0; i < d->n; i++) {
        if (!sk_stdform_in_shard(i, o->shard_k, o->shard_n))
            continue;
        if (bad[i])
            res->bad++;
        else if (good)
            good[ngood++] = i;
        else
            ngood++;
    }
    if (res->bad && !o->keep_going) {
        say(o, res, SK_ERROR, d->path, 0, 0, "nothing written: %zu of %zu record%s with errors%s", res->bad,
            res->records, res->records == 1 ? "" : "s", res->bad < res->records ? " (--keep-going writes the others)" : "");
        res->errors--; /* a summary, not one more error */
        rc = 0;
        goto done;
    }
    if (!o->merge) { /* the pattern fits the data (or fits no record: it names a field the data lacks) */
        namer_init(&N, f, d, o->each, o);
        have_namer = 1;
        char *first = namer_next(&N, 0, err);
        if (!first)
            goto done;
        free(first);
        namer_free(&N);
        namer_init(&N, f, d, o->each, o); /* again from the first record */
    }
    if (!ngood) {
        rc = 0;
        goto done;
    }
    have_session = 1;
    if (session_init(&S, f, o, err) < 0) {
        rc = failed(&S, o, res, err);
        goto done;
    }
    S.run_max = sk_stdform_run_max(d);
    if (batch_open(&B, f, o, formats, err) < 0)
        goto done;
    have_batch = 1;
    if (o->merge) {
        char *stem = o->shard_n ? sk_asprintf("%s-%zu-of-%zu", f->id, o->shard_k, o->shard_n) : sk_strdup(f->id);
        char *safe = sk_stdform_safe_name(stem, 1);
        int u = unit(&B, &S, formats, safe, d, good, ngood, 0, ngood, err);
        free(stem);
        free(safe);
        if (u < 0) {
            rc = failed(&S, o, res, err);
            goto done;
        }
    } else {
        /* every record's name, in order (a record's name depends on those before) */
        for (size_t i = 0, k = 0; k < ngood; i++) {
            char *name = namer_next(&N, i, err);
            if (!name)
                goto done;
            if (!sk_stdform_in_shard(i, o->shard_k, o->shard_n) || bad[i]) {
                free(name);
                continue;
            }
            int u = unit(&B, &S, formats, name, d, &i, 1, k, ngood, err);
            free(name);
            if (u < 0) {
                rc = failed(&S, o, res, err);
                goto done;
            }
            k++;
            if (o->progress)
                o->progress(o->ctx, k, ngood, NULL);
        }
    }
    /* a streamed table read differently this time (it changed): nothing is put in place */
    if (sk_records_failed(d, err) < 0 || batch_close(&B, formats, res, err) < 0)
        goto done;
    rc = 0;
done:
    if (have_batch)
        batch_free(&B);
    if (have_session)
        session_free(&S);
    if (have_namer)
        namer_free(&N);
    free(bad);
    free(good);
    return rc;
}

/* ---------- stdform list ---------- */

/* Display width of UTF-8 text: wide (CJK, fullwidth) characters count two. */
static int width_of(const char *s)
{
    int w = 0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = sk_utf8_decode(s + i, n - i, &cp);
        if (k <= 0)
            k = 1, cp = '?';
        w += (cp >= 0x1100 && (sk_utf8_is_cjk(cp) || (cp >= 0x3000 && cp <= 0x30FF) || (cp >= 0xFF00 && cp <= 0xFF60))) ? 2
                                                                                                                  : 1;
        i += (size_t)k;
    }
    return w;
}

static void pad(FILE *out, const char *s, int width)
{
    fputs(s, out);
    for (int w = width_of(s); w < width; w++)
        fputc(' ', out);
}

int sk_stdform_list(FILE *out, const sk_formset *s, const char *fields_of, sk_err *err)
{
    if (fields_of) {
        const sk_form *f = sk_formset_find(s, fields_of, err);
        if (!f)
            return -1;
        int w = 5;
        for (size_t i = 0; i < f->nfields; i++) {
            const sk_form_field *x = &f->fields[i];
            int l = width_of(x->name) + (x->list ? width_of(x->list) + 3 : 0);
            if (l > w)
                w = l;
        }
        for (size_t i = 0; i < f->nfields; i++) {
            const sk_form_field *x = &f->fields[i];
            char *name = x->list ? sk_asprintf("%s[].%s", x->list, x->name) : sk_strdup(x->name);
            char *where = sk_asprintf("%s:%d", f->path, x->line);
            pad(out, name, w + 2);
            fputs(where, out);
            if (x->is_list)
                fputs("  repeat rows", out);
            static const char *const kinds[] = { "", "lines", "choice", "check", "date", "sign", "qr" };
            if (x->kind.type == SK_FK_LINES)
                fprintf(out, "  lines(%d)", x->kind.lines);
            else if (x->kind.type == SK_FK_CHOICE)
                for (size_t q = 0; q < x->kind.noptions; q++)
                    fprintf(out, "%s%s%s", q ? "," : "  choice(", x->kind.options[q], q + 1 == x->kind.noptions ? ")" : "");
            else if (x->kind.type != SK_FK_TEXT)
                fprintf(out, "  %s", kinds[x->kind.type]);
            if (x->def)
                fprintf(out, "  default: %s", x->def);
            if (x->label)
                fprintf(out, "  label: %s", x->label);
            fputc('\n', out);
            free(name);
            free(where);
        }
        return 0;
    }
    int wid = 2, wstd = 8;
    for (size_t i = 0; i < s->n; i++) {
        int a = width_of(s->v[i]->id), b = width_of(s->v[i]->shipped ? "stdkit" : s->v[i]->number);
        wid = a > wid ? a : wid;
        wstd = b > wstd ? b : wstd;
    }
    pad(out, "ID", wid + 2);
    pad(out, "STANDARD", wstd + 2);
    fputs("ANNEX  FIELDS  TITLE\n", out);
    for (size_t i = 0; i < s->n; i++) {
        const sk_form *f = s->v[i];
        pad(out, f->id, wid + 2);
        pad(out, f->shipped ? "stdkit" : *f->number ? f->number : "-", wstd + 2);
        pad(out, f->letter, 7);
        size_t n = 0;
        for (size_t k = 0; k < f->nfields; k++)
            n += !f->fields[k].is_list;
        fprintf(out, "%-6zu  %s\n", n, f->title);
    }
    return 0;
}

