#include "run/stddiff.h"

#include <cmark-gfm-core-extensions.h>
#include "base/libxml.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"
#include "input/edition.h"
#include "layout/cover.h"
#include "model/assets.h"
#include "model/diff.h"
#include "model/display.h"
#include "model/foreword.h"
#include "model/model.h"
#include "write/docx.h"
#include "write/odt.h"

int sk_stddiff_load(sk_doc **out, const char *spec, const char *base, unsigned flags, sk_err *err)
{
    sk_diags d;
    sk_source *src = NULL;
    sk_diag_init(&d);
    int rc = sk_edition_read(&src, spec, base, &d, err);
    if (rc == 0) {
        const sk_diag *dg = NULL;
        for (size_t i = 0; i < d.len && !dg; i++)
            dg = d.items[i].severity == SK_ERROR ? &d.items[i] : NULL;
        sk_err_at(err, dg ? dg->file : spec, dg ? dg->line : 0, dg ? dg->col : 0, "%s",
                  dg ? dg->msg : "cannot be read as a standard");
    }
    if (rc == 1 && sk_model_build(out, src, flags, &d, err) < 0) {
        sk_source_free(src);
        rc = -1;
    }
    sk_diag_free(&d);
    return rc == 1 ? 0 : -1;
}

/* ---------- text ---------- */

static const char *const why_names[] = { SK_WHY_NAMES };

static void put_why(sk_buf *b, unsigned why, const char *sep)
{
    int first = 1;
    for (int i = 0; i < SK_WHY_COUNT; i++)
        if (why & (1u << i)) {
            sk_buf_printf(b, "%s%s", first ? "" : sep, why_names[i]);
            first = 0;
        }
}

static const char *kind_name(const sk_change *c)
{
    static const char *const names[] = { "added", "deleted", "changed", "moved", "renumbered" };
    return names[c->kind];
}

static void put_flat(sk_buf *b, const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sk_buf_putc(b, t[i] == '\n' || t[i] == '\t' ? ' ' : t[i]);
}

/* Bytes of the first/last `chars` code points of t[0..n). */
static size_t head_bytes(const char *t, size_t n, size_t chars)
{
    size_t i = 0;
    while (i < n && chars--) {
        uint32_t cp;
        int k = sk_utf8_decode(t + i, n - i, &cp);
        i += (size_t)(k > 0 ? k : 1);
    }
    return i;
}

static size_t tail_bytes(const char *t, size_t n, size_t chars)
{
    size_t i = n;
    while (i > 0 && chars--) {
        i--;
        while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80)
            i--;
    }
    return n - i;
}

#define CONTEXT 16

/* The pieces as one line: deletions in [-…-], insertions in {+…+} (or red and
 * green), long unchanged stretches cut to their ends. */
static void put_marked(sk_buf *b, const sk_diff_seg *s, size_t n, int color)
{
    for (size_t i = 0; i < n; i++) {
        char *t = sk_diff_piece(&s[i]);
        size_t len = strlen(t);
        if (s[i].op == SK_DOP_SAME) {
            size_t chars = sk_utf8_count(t, len);
            if (chars > 2 * CONTEXT + 1) {
                size_t h = i ? head_bytes(t, len, CONTEXT) : 0, tl = i + 1 < n ? tail_bytes(t, len, CONTEXT) : 0;
                put_flat(b, t, h);
                sk_buf_puts(b, "…");
                put_flat(b, t + len - tl, tl);
            } else {
                put_flat(b, t, len);
            }
        } else {
            /* neighbours of the same kind share one mark */
            int del = s[i].op == SK_DOP_DELETED;
            if (!i || s[i - 1].op != s[i].op)
                sk_buf_puts(b, color ? (del ? "\033[31m" : "\033[32m") : del ? "[-" : "{+");
            put_flat(b, t, len);
            if (i + 1 == n || s[i + 1].op != s[i].op)
                sk_buf_puts(b, color ? "\033[m" : del ? "-]" : "+}");
        }
        free(t);
    }
}

/* A block's text on one line. */
static void node_line(sk_buf *b, const sk_node *x)
{
    size_t start = b->len;
    for (const sk_node *n = x; n; n = sk_node_walk_next(x, n, n->type != SK_N_TABLE && n->type != SK_N_FIGURE)) {
        char *t = NULL;
        switch (n->type) {
        case SK_N_SECTION: {
            t = sk_display_heading(n);
            break;
        }
        case SK_N_PARA:
        case SK_N_NOTE:
        case SK_N_EXAMPLE:
        case SK_N_WHERE_ITEM:
            t = sk_display_text(&n->in);
            break;
        case SK_N_TABLE:
        case SK_N_FIGURE: {
            char *l = sk_display_label(n);
            t = sk_asprintf("%s %s", l, n->caption ? n->caption : "");
            free(l);
            break;
        }
        case SK_N_FORMULA:
            t = sk_asprintf("$$%s$$", n->src ? n->src : "");
            break;
        case SK_N_CODE:
            t = sk_strdup(n->src ? n->src : "");
            break;
        default:
            break;
        }
        if (t && *t) {
            if (b->len > start)
                sk_buf_putc(b, ' ');
            put_flat(b, t, strlen(t));
        }
        free(t);
    }
}

static void row_line(sk_buf *b, const sk_table *t, int r)
{
    for (int c = 0; c < t->ncols; c++) {
        char *s = sk_display_text(&t->rows[r].cells[c].in);
        sk_buf_printf(b, "%s%s", c ? " | " : "", s);
        free(s);
    }
}

static void detail_text(sk_buf *b, const sk_diff_detail *t, int color)
{
    const sk_node *x = t->new ? t->new : t->old;
    char mark = t->op == SK_DOP_INSERTED ? '+' : t->op == SK_DOP_DELETED ? '-' : '~';
    sk_buf_printf(b, "    %c ", mark);
    if (x->type == SK_N_TABLE && (t->row >= 0 || t->orow >= 0 || t->caption)) {
        char *l = sk_display_label(x);
        sk_diff_seg *s = NULL;
        size_t n = 0;
        if (t->caption) {
            sk_buf_printf(b, "%s title: ", l);
            n = sk_diff_texts(&s, t->old->caption, t->new->caption);
            put_marked(b, s, n, color);
        } else if (t->op == SK_DOP_CHANGED) {
            sk_buf_printf(b, "%s row %d, column %d: ", l, t->row + 1, t->col + 1);
            n = sk_diff_runs(&s, &t->old->table->rows[t->orow].cells[t->ocol].in,
                             &t->new->table->rows[t->row].cells[t->col].in);
            put_marked(b, s, n, color);
        } else {
            int r = t->op == SK_DOP_INSERTED ? t->row : t->orow;
            sk_buf_printf(b, "%s row %d: ", l, r + 1);
            row_line(b, x->table, r);
        }
        free(s);
        free(l);
    } else if (t->op == SK_DOP_CHANGED && t->caption) {
        char *l = sk_display_label(x);
        sk_diff_seg *s = NULL;
        size_t n = sk_diff_texts(&s, t->old->caption, t->new->caption);
        sk_buf_printf(b, "%s title: ", l);
        put_marked(b, s, n, color);
        free(s);
        free(l);
    } else if (t->op == SK_DOP_CHANGED && (x->type == SK_N_PARA || x->type == SK_N_NOTE ||
                                           x->type == SK_N_EXAMPLE || x->type == SK_N_WHERE_ITEM)) {
        sk_diff_seg *s = NULL;
        size_t n = sk_diff_runs(&s, &t->old->in, &t->new->in);
        put_marked(b, s, n, color);
        free(s);
    } else if (t->op == SK_DOP_CHANGED) {
        sk_buf_puts(b, color ? "\033[31m" : "[-");
        node_line(b, t->old);
        sk_buf_puts(b, color ? "\033[m" : "-]");
        sk_buf_puts(b, color ? "\033[32m" : "{+");
        node_line(b, t->new);
        sk_buf_puts(b, color ? "\033[m" : "+}");
    } else {
        node_line(b, x);
    }
    if (t->why) {
        sk_buf_puts(b, "  (");
        put_why(b, t->why, ", ");
        sk_buf_putc(b, ')');
    }
    sk_buf_putc(b, '\n');
}

static void put_num(sk_buf *b, const sk_node *n)
{
    if (!n)
        sk_buf_puts(b, "—");
    else if (n->num[0])
        sk_buf_puts(b, n->num);
    else
        sk_buf_puts(b, n->title ? n->title : "");
}

static void write_text(sk_buf *b, const sk_diff *d, const sk_stddiff_opts *o, const char *oldname)
{
    const sk_doc *od = sk_diff_old(d), *nd = sk_diff_new_doc(d);
    const char *on = sk_meta_get(od->meta, NUMBER), *nn = sk_meta_get(nd->meta, NUMBER);
    sk_buf_printf(b, "--- %s%s%s%s\n", on ? on : "", on ? " (" : "", oldname, on ? ")" : "");
    sk_buf_printf(b, "+++ %s%s%s%s\n", nn ? nn : "", nn ? " (" : "", nd->src->path, nn ? ")" : "");
    for (size_t i = 0; i < sk_diff_count(d); i++) {
        const sk_change *c = sk_diff_get(d, i);
        if (c->implied)
            continue;
        const sk_node *s = c->new ? c->new : c->old;
        sk_buf_printf(b, "%-10s ", kind_name(c));
        put_num(b, c->new);
        sk_buf_puts(b, " ← ");
        put_num(b, c->old);
        if (s->title && *s->title && s->num[0])
            sk_buf_printf(b, "  %s", s->title);
        if (c->retitled && c->old && c->new && c->old->title && strcmp(c->old->title, c->new->title ? c->new->title : ""))
            sk_buf_printf(b, " (was %s)", c->old->title);
        sk_buf_printf(b, "  %s", c->technical ? "technical" : "editorial");
        if (c->technical && (c->why & ~(unsigned)SK_WHY_OVERRIDE)) {
            sk_buf_puts(b, ": ");
            put_why(b, c->why & ~(unsigned)SK_WHY_OVERRIDE, ", ");
        }
        if (c->override_line)
            sk_buf_printf(b, " (marked on line %d)", c->override_line);
        if (c->moved && c->kind != SK_DIFF_MOVED)
            sk_buf_puts(b, ", moved");
        sk_buf_putc(b, '\n');
        for (size_t k = 0; k < c->ndetails; k++)
            detail_text(b, &c->details[k], o->color);
    }
}

/* ---------- JSON ---------- */

static void json_str(sk_buf *b, const char *s)
{
    sk_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"': sk_buf_puts(b, "\\\""); break;
        case '\\': sk_buf_puts(b, "\\\\"); break;
        case '\n': sk_buf_puts(b, "\\n"); break;
        case '\t': sk_buf_puts(b, "\\t"); break;
        case '\r': sk_buf_puts(b, "\\r"); break;
        default:
            if (*p < 0x20)
                sk_buf_printf(b, "\\u%04x", *p);
            else
                sk_buf_putc(b, (char)*p);
        }
    }
    sk_buf_putc(b, '"');
}

static void json_why(sk_buf *b, unsigned why)
{
    sk_buf_putc(b, '[');
    int first = 1;
    for (int i = 0; i < SK_WHY_COUNT; i++)
        if (why & (1u << i)) {
            sk_buf_printf(b, "%s\"%s\"", first ? "" : ", ", why_names[i]);
            first = 0;
        }
    sk_buf_putc(b, ']');
}

static void json_section(sk_buf *b, const sk_node *n)
{
    if (!n) {
        sk_buf_puts(b, "null");
        return;
    }
    char *l = sk_diff_label(n);
    sk_buf_puts(b, "{\"number\": ");
    json_str(b, n->num);
    sk_buf_puts(b, ", \"label\": ");
    json_str(b, l);
    sk_buf_puts(b, ", \"title\": ");
    json_str(b, n->title);
    sk_buf_printf(b, ", \"line\": %d}", n->line);
    free(l);
}

static const char *block_name(const sk_node *n)
{
    switch (n->type) {
    case SK_N_PARA: return n->parent && n->parent->type == SK_N_ITEM ? "item" : "paragraph";
    case SK_N_NOTE: return "note";
    case SK_N_EXAMPLE: return "example";
    case SK_N_LIST: return "list";
    case SK_N_ITEM: return "item";
    case SK_N_TABLE: return "table";
    case SK_N_FIGURE: return "figure";
    case SK_N_CODE: return "code";
    case SK_N_QUOTE: return "quote";
    case SK_N_FORMULA: return "formula";
    case SK_N_WHERE: return "where";
    case SK_N_WHERE_ITEM: return "where-item";
    default: return "block";
    }
}

static void json_detail(sk_buf *b, const sk_diff_detail *t)
{
    static const char *const ops[] = { "same", "changed", "inserted", "deleted" };
    const sk_node *x = t->new ? t->new : t->old;
    sk_buf_printf(b, "{\"op\": \"%s\", \"block\": \"%s\", \"technical\": %s, \"why\": ", ops[t->op],
                  t->caption ? "caption" : x->type == SK_N_TABLE && (t->row >= 0 || t->orow >= 0) ? (t->op == SK_DOP_CHANGED ? "cell" : "row") : block_name(x),
                  t->why ? "true" : "false");
    json_why(b, t->why);
    for (int side = 0; side < 2; side++) {
        const sk_node *n = side ? t->new : t->old;
        if (!n)
            continue;
        int row = side ? t->row : t->orow, col = side ? t->col : t->ocol;
        sk_buf b2;
        sk_buf_init(&b2);
        if (t->caption) {
            sk_buf_puts(&b2, n->caption ? n->caption : "");
        } else if (n->type == SK_N_TABLE && row >= 0 && col >= 0) {
            char *s = sk_display_text(&n->table->rows[row].cells[col].in);
            sk_buf_puts(&b2, s);
            free(s);
        } else if (n->type == SK_N_TABLE && row >= 0) {
            row_line(&b2, n->table, row);
        } else {
            node_line(&b2, n);
        }
        sk_buf_printf(b, ", \"%s\": ", side ? "new" : "old");
        json_str(b, b2.data ? b2.data : "");
        sk_buf_printf(b, ", \"%s_line\": %d", side ? "new" : "old", n->type == SK_N_TABLE && row >= 0 ? n->table->rows[row].line : n->line);
        if (row >= 0)
            sk_buf_printf(b, ", \"%s_row\": %d", side ? "new" : "old", row + 1);
        if (col >= 0)
            sk_buf_printf(b, ", \"%s_column\": %d", side ? "new" : "old", col + 1);
        sk_buf_free(&b2);
    }
    sk_buf_putc(b, '}');
}

static void json_edition(sk_buf *b, const sk_doc *doc, const char *name)
{
    sk_buf_puts(b, "{\"file\": ");
    json_str(b, name);
    sk_buf_puts(b, ", \"number\": ");
    json_str(b, sk_meta_get(doc->meta, NUMBER));
    sk_buf_puts(b, ", \"title\": ");
    json_str(b, sk_meta_get(doc->meta, TITLE));
    sk_buf_putc(b, '}');
}

static void write_json(sk_buf *b, const sk_diff *d, const char *oldname, const sk_stddiff_result *res)
{
    sk_buf_puts(b, "{\n  \"old\": ");
    json_edition(b, sk_diff_old(d), oldname);
    sk_buf_puts(b, ",\n  \"new\": ");
    json_edition(b, sk_diff_new_doc(d), sk_diff_new_doc(d)->src->path);
    sk_buf_puts(b, ",\n  \"changes\": [");
    int first = 1;
    for (size_t i = 0; i < sk_diff_count(d); i++) {
        const sk_change *c = sk_diff_get(d, i);
        char *item = sk_diff_item(d, c);
        sk_buf_printf(b, "%s\n    {\"kind\": \"%s\", \"technical\": %s, \"why\": ", first ? "" : ",", kind_name(c),
                      c->technical ? "true" : "false");
        first = 0;
        json_why(b, c->why);
        sk_buf_puts(b, ", \"new\": ");
        json_section(b, c->new);
        sk_buf_puts(b, ", \"old\": ");
        json_section(b, c->old);
        sk_buf_printf(b, ", \"moved\": %s, \"renumbered\": %s, \"retitled\": %s, \"implied\": %s",
                      c->moved ? "true" : "false", c->renumbered ? "true" : "false", c->retitled ? "true" : "false",
                      c->implied ? "true" : "false");
        if (c->override_line)
            sk_buf_printf(b, ", \"marker_line\": %d", c->override_line);
        sk_buf_puts(b, ", \"item\": ");
        if (item)
            json_str(b, item);
        else
            sk_buf_puts(b, "null");
        sk_buf_puts(b, ", \"details\": [");
        for (size_t k = 0; k < c->ndetails; k++) {
            sk_buf_puts(b, k ? ", " : "");
            json_detail(b, &c->details[k]);
        }
        sk_buf_puts(b, "]}");
        free(item);
    }
    sk_buf_printf(b, "%s],\n  \"summary\": {\"changes\": %zu, \"technical\": %zu, \"implied\": %zu}\n}\n",
                  first ? "" : "\n  ", res->changes, res->technical, res->implied);
}

/* ---------- 前言 ---------- */

static void write_foreword(sk_buf *b, const sk_diff *d)
{
    char *lead = sk_diff_lead(d);
    sk_buf_printf(b, "%s\n", lead);
    free(lead);
    size_t n = 0, total = sk_diff_technical(d);
    for (size_t i = 0; i < sk_diff_count(d); i++) {
        char *item = sk_diff_item(d, sk_diff_get(d, i));
        if (!item)
            continue;
        n++;
        sk_buf_printf(b, "%s%zu. %s%s\n", n == 1 ? "\n" : "", n, item, n == total ? "。" : "；");
        free(item);
    }
}

/* ---------- the redline ---------- */

/* The new edition as stdgen prints it (its generated 前言 listing the changes
 * when it says what it replaces), the changes against the old as tracked changes. */
static int write_redline(const sk_stddiff_opts *o, sk_doc *old, sk_doc *new, sk_diff **d, sk_err *err)
{
    sk_assets assets = { 0 };
    sk_zip *pkg = NULL;
    int rc = -1;
    if (new->foreword && new->meta->list[SK_META_REPLACES].n && sk_foreword_changes(new, *d) >= 0) {
        sk_diags scratch;
        sk_diag_init(&scratch);
        sk_diff_free(*d); /* the 前言 changed: compare again */
        *d = sk_diff_new(old, new, &scratch);
        sk_diag_free(&scratch);
    }
    if (sk_assets_load(&assets, new, err) < 0)
        goto done;
    time_t created, modified;
    sk_cover_times(new, &created, &modified);
    const char *author = o->author && *o->author ? o->author : "stddiff";
    size_t dropped = 0;
    if (o->format == SK_STDDIFF_DOCX) {
        sk_docx_opts dx = { .assets = &assets, .created = created, .modified = modified, .redline = *d,
                            .author = author };
        if (sk_docx_build(&pkg, new, &dx, &dropped, err) < 0)
            goto done;
    } else {
        sk_odt_opts ox = { .assets = &assets, .created = created, .modified = modified, .redline = *d,
                           .author = author };
        if (sk_odt_build(&pkg, new, &ox, &dropped, err) < 0)
            goto done;
    }
    sk_vec inputs = { 0 };
    sk_vec_push(&inputs, (void *)new->src->path);
    sk_vec_push(&inputs, (void *)old->src->path);
    for (size_t i = 0; i < assets.n; i++)
        sk_vec_push(&inputs, assets.v[i].path);
    rc = sk_zip_write(pkg, o->output, (const char *const *)inputs.items, inputs.len, err);
    sk_vec_free(&inputs);
done:
    sk_zip_free(pkg);
    sk_assets_free(&assets);
    return rc;
}

/* ---------- the run ---------- */

typedef struct loader {
    const sk_stddiff_opts *o;
    unsigned flags;
    sk_doc *doc;
    sk_err err;
} loader;

/* The old edition: a file as given, or the new edition's file at a git revision. */
static void *load_old(void *arg)
{
    loader *l = arg;
    const sk_stddiff_opts *o = l->o;
    if (o->git_rev) {
        char *spec = sk_asprintf("git:%s", o->git_rev);
        if (sk_stddiff_load(&l->doc, spec, o->new_path, l->flags, &l->err) < 0)
            l->doc = NULL;
        free(spec);
    } else {
        sk_diags d;
        sk_diag_init(&d);
        if (sk_model_load(&l->doc, o->old_path, l->flags, &d, &l->err) < 0)
            l->doc = NULL;
        sk_diag_free(&d);
    }
    return NULL;
}

static void report_diags(const sk_stddiff_opts *o, const sk_diags *d)
{
    for (size_t i = 0; i < d->len && o->report; i++) {
        sk_err e;
        sk_err_clear(&e);
        sk_err_at(&e, d->items[i].file, d->items[i].line, d->items[i].col, "%s [%s]", d->items[i].msg,
                  sk_rule_get(d->items[i].rule)->code);
        o->report(o->ctx, d->items[i].severity, &e);
    }
}

int sk_stddiff_run(const sk_stddiff_opts *o, sk_stddiff_result *res, sk_err *err)
{
    sk_doc *old = NULL, *new = NULL;
    sk_diff *d = NULL;
    sk_diags dg;
    char *oldname = NULL;
    int rc = -1;
    int redline = o->format == SK_STDDIFF_DOCX || o->format == SK_STDDIFF_ODT;
    unsigned flags = redline ? SK_MODEL_FOREWORD : 0;

    memset(res, 0, sizeof *res);
    sk_buf_init(&res->out);
    sk_diag_init(&dg);
    cmark_gfm_core_extensions_ensure_registered();
    if (redline && !o->output) {
        sk_err_set(err, "--format %s needs -o FILE", o->format == SK_STDDIFF_DOCX ? "docx" : "odt");
        goto done;
    }
    /* the two editions are read at once, the old one on a thread of its own */
    loader ld = { .o = o, .flags = flags };
    sk_err_clear(&ld.err);
    pthread_t th;
    int threaded = pthread_create(&th, NULL, load_old, &ld) == 0;
    if (!threaded)
        load_old(&ld);
    int new_ok = sk_model_load(&new, o->new_path, flags, &dg, err) == 0;
    if (threaded)
        pthread_join(th, NULL);
    old = ld.doc;
    if (!new_ok)
        goto done;
    if (!old) {
        *err = ld.err;
        goto done;
    }
    sk_diag_free(&dg);
    sk_diag_init(&dg);
    oldname = sk_strdup(old->src->path);
    d = sk_diff_new(old, new, &dg);
    report_diags(o, &dg);
    for (size_t i = 0; i < sk_diff_count(d); i++) {
        const sk_change *c = sk_diff_get(d, i);
        res->implied += c->implied;
        res->changes += !c->implied;
        res->technical += c->technical;
    }
    sk_buf out;
    sk_buf_init(&out);
    switch (o->format) {
    case SK_STDDIFF_TEXT:
        write_text(&out, d, o, oldname);
        break;
    case SK_STDDIFF_JSON:
        write_json(&out, d, oldname, res);
        break;
    case SK_STDDIFF_FOREWORD:
        write_foreword(&out, d);
        break;
    default:
        sk_buf_free(&out);
        if (write_redline(o, old, new, &d, err) < 0)
            goto done;
        rc = 0;
        goto done;
    }
    if (o->output) {
        const char *inputs[] = { o->new_path, old->src->path };
        if (sk_fs_write_output(o->output, out.data ? out.data : "", out.len, inputs, 2, err) < 0) {
            sk_buf_free(&out);
            goto done;
        }
        sk_buf_free(&out);
    } else {
        sk_buf_free(&res->out);
        res->out = out;
    }
    rc = 0;
done:
    sk_diff_free(d);
    sk_doc_free(old);
    sk_doc_free(new);
    sk_diag_free(&dg);
    free(oldname);
    return rc;
}
