#include "run/stdcomment.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/fs.h"
#include "input/consult.h"
#include "input/review.h"
#include "input/source.h"
#include "layout/layout.h"
#include "model/clause.h"
#include "model/display.h"
#include "model/feedback.h"
#include "model/model.h"
#include "model/node.h"

/* ---------- the texts ---------- */

/* The model of the standard at path, as stdgen builds it (with the generated 前言,
 * whose bookmark a comment may stand under). -1 with err when there is none. */
static int load_model(sk_doc **out, const char *path, sk_err *err)
{
    sk_source *src = NULL;
    sk_diags d;
    sk_diag_init(&d);
    int rc = sk_source_read(&src, path, &d, err);
    if (rc == 0) {
        const sk_diag *first = d.len ? &d.items[0] : NULL;
        sk_err_at(err, path, first ? first->line : 0, first ? first->col : 0, "%s",
                  first ? first->msg : "not readable as a standard");
        rc = -1;
    }
    if (rc > 0 && sk_model_build(out, src, SK_MODEL_FOREWORD, &d, err) < 0) {
        sk_source_free(src);
        rc = -1;
    }
    sk_diag_free(&d);
    return rc < 0 ? -1 : 0;
}

static void warn(const sk_stdcomment_opts *o, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void warn(const sk_stdcomment_opts *o, const char *file, int line, const char *fmt, ...)
{
    if (!o->report)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sk_err e;
    sk_err_clear(&e);
    sk_err_at(&e, file, line, 0, "%s", msg);
    o->report(o->ctx, SK_WARNING, &e);
}

/* Text without white space (ASCII and U+3000), for comparing what a bookmark holds. */
static char *squeeze(const char *s)
{
    sk_buf b;
    sk_buf_init(&b);
    for (const char *p = s ? s : ""; *p;) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            p++;
        } else if (!strncmp(p, "\xE3\x80\x80", 3)) {
            p += 3;
        } else {
            sk_buf_putc(&b, *p);
            p++;
        }
    }
    return sk_buf_detach(&b);
}

/* The draft's bookmarks: name → node, and what each holds. */
typedef struct marks {
    sk_map by_name;
    sk_vec nodes;   /* const sk_node* with a bookmark */
    sk_vec texts;   /* char*: squeezed anchor text, same order */
} marks;

static void marks_init(marks *M, const sk_doc *doc)
{
    memset(M, 0, sizeof *M);
    sk_map_init(&M->by_name);
    sk_layout_opts lo = { .doc = doc };
    sk_layout *w = sk_layout_new(&lo);
    for (const sk_node *n = doc->root->first; n; n = sk_node_walk_next(doc->root, n, 1)) {
        char name[32];
        if (!sk_layout_anchor(w, n, name))
            continue;
        sk_map_put(&M->by_name, name, (void *)n);
        char *t = sk_layout_anchor_text(n);
        sk_vec_push(&M->nodes, (void *)n);
        sk_vec_push(&M->texts, squeeze(t));
        free(t);
    }
    sk_layout_free(w);
}

static void marks_free(marks *M)
{
    sk_map_free(&M->by_name);
    for (size_t i = 0; i < M->texts.len; i++)
        free(M->texts.items[i]);
    sk_vec_free(&M->texts);
    sk_vec_free(&M->nodes);
}

/* The node a Word comment stands under: its bookmark's when that holds the words
 * the bookmark holds in the document, else the one node whose bookmark holds them. */
static const sk_node *node_of_mark(const marks *M, const char *name, const char *text)
{
    char *want = squeeze(text);
    const sk_node *n = sk_map_get(&M->by_name, name);
    if (n) {
        for (size_t i = 0; i < M->nodes.len; i++)
            if (M->nodes.items[i] == n && strcmp(M->texts.items[i], want)) {
                n = NULL;
                break;
            }
    }
    if (!n && *want) {
        size_t hits = 0;
        for (size_t i = 0; i < M->nodes.len; i++)
            if (!strcmp(M->texts.items[i], want)) {
                n = M->nodes.items[i];
                hits++;
            }
        if (hits != 1)
            n = NULL;
    }
    free(want);
    return n;
}

/* ---------- one comment into a record entry ---------- */

static void set(char **slot, const char *v)
{
    free(*slot);
    *slot = v && *v ? sk_strdup(v) : NULL;
}

static void entry_free(sk_consult_comment *e)
{
    char **f[] = { &e->unit, &e->clause, &e->quote, &e->comment, &e->proposal, &e->reason, &e->note,
                   &e->author, &e->date, &e->source };
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
        free(*f[k]);
    sk_meta_strlist_free(&e->anchor);
}

/* Ties e to node n of the draft: its number there and its path. */
static void tie(sk_consult_comment *e, const sk_clause_index *ix, const sk_node *n)
{
    n = sk_clause_of(n);
    if (!n)
        return;
    char *label = sk_clause_label(n);
    set(&e->clause, label);
    free(label);
    sk_clause_path(&e->anchor, ix, n);
}

/* "采纳", "部分采纳：理由", "未采纳，理由" in a 处理意见 cell. */
static void handling_from(sk_consult_comment *e, const char *cell)
{
    static const struct { const char *w; sk_handling h; } words[] = {
        { "部分采纳", SK_HANDLE_PARTLY }, { "未采纳", SK_HANDLE_REJECTED }, { "不采纳", SK_HANDLE_REJECTED },
        { "采纳", SK_HANDLE_ADOPTED },
    };
    for (size_t i = 0; cell && i < sizeof words / sizeof words[0]; i++) {
        if (!sk_str_starts_with(cell, words[i].w))
            continue;
        e->handling = words[i].h;
        const char *r = cell + strlen(words[i].w);
        static const char *const seps[] = { "：", "，", "。", "；", ":", ",", ";", NULL };
        for (const char *const *s = seps; *s; s++)
            if (sk_str_starts_with(r, *s)) {
                r += strlen(*s);
                break;
            }
        char *t = sk_str_trim(sk_strdup(r));
        if (*t && !e->reason)
            e->reason = t;
        else
            free(t);
        return;
    }
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

typedef struct importer {
    const sk_stdcomment_opts *o;
    const sk_doc *draft;        /* the text the comments were made on */
    const sk_doc *now;          /* the standard as it is */
    sk_clause_index *dix, *nix;
    marks M;
    const sk_consult *rec;
    sk_vec added;               /* sk_consult_comment* */
    sk_map sources;             /* sources already in the record or added */
    sk_stdcomment_result *res;
} importer;

/* Adds e (taken over) unless its source is known. */
static void add(importer *I, sk_consult_comment *e, const char *file, int line)
{
    if (e->source && sk_map_get(&I->sources, e->source)) {
        I->res->known++;
        entry_free(e);
        free(e);
        return;
    }
    if (e->source)
        sk_map_put(&I->sources, e->source, (void *)1);
    if (e->anchor.n && I->now != I->draft) {
        sk_strlist *a = &e->anchor;
        if (!sk_clause_find(I->nix, a, NULL))
            warn(I->o, file, line, "the clause %s of the draft is no longer in %s (deleted or retitled)",
                 e->clause ? e->clause : "?", I->now->src->path);
    }
    if (!e->anchor.n && !sk_consult_is_general(e->clause))
        I->res->unplaced++;
    sk_vec_push(&I->added, e);
    I->res->added++;
}

static int import_docx(importer *I, const char *file, sk_err *err)
{
    sk_review *r = NULL;
    if (sk_review_read_docx(&r, file, err) < 0)
        return -1;
    I->res->replies += r->replies;
    for (size_t i = 0; i < r->n; i++) {
        const sk_review_item *it = &r->v[i];
        sk_consult_comment *e = sk_calloc(1, sizeof *e);
        set(&e->unit, I->o->unit ? I->o->unit : it->author);
        if (!e->unit) {
            sk_err_at(err, file, 0, 0, "comment %d has no author to take its unit from: give --unit", it->id);
            free(e);
            sk_review_free(r);
            return -1;
        }
        set(&e->comment, it->text);
        set(&e->quote, it->quote);
        set(&e->author, it->author);
        set(&e->date, it->date);
        e->source = sk_asprintf("%s#%d", base_name(file), it->id);
        if (it->place) {
            set(&e->clause, it->place);
        } else if (it->bookmark) {
            const sk_node *n = node_of_mark(&I->M, it->bookmark, it->bookmark_text);
            if (n) {
                tie(e, I->dix, n);
            } else {
                char *t = squeeze(it->bookmark_text);
                warn(I->o, file, 0,
                     "comment %d stands under \"%s\", which no clause of %s prints: kept without its clause (was the "
                     "DOCX written from another text? give it with --draft)",
                     it->id, it->bookmark_text ? it->bookmark_text : "", I->draft->src->path);
                set(&e->clause, *t ? t : "—");
                free(t);
            }
        } else {
            set(&e->clause, "全文");
        }
        add(I, e, file, 0);
    }
    sk_review_free(r);
    return 0;
}

static int import_form(importer *I, const char *file, sk_err *err)
{
    sk_review *r = NULL;
    if (sk_review_read_form(&r, file, I->o->sheet, I->o->encoding, err) < 0)
        return -1;
    for (size_t i = 0; i < r->n; i++) {
        const sk_review_item *it = &r->v[i];
        sk_consult_comment *e = sk_calloc(1, sizeof *e);
        set(&e->unit, I->o->unit ? I->o->unit : it->unit ? it->unit : r->unit);
        if (!e->unit) {
            sk_err_at(err, file, it->id, 0,
                      "row %d: no unit for the comment (the form has no 提出单位 column and no 单位名称 line): give --unit",
                      it->id);
            free(e);
            sk_review_free(r);
            return -1;
        }
        /* the reviewer's reason is part of what the comment says (reason: is the handling's) */
        if (it->reason)
            e->comment = sk_asprintf("%s\n理由：%s", it->text, it->reason);
        else
            set(&e->comment, it->text);
        set(&e->proposal, it->proposal);
        set(&e->quote, it->quote);
        set(&e->note, it->note);
        handling_from(e, it->handling);
        e->source = sk_asprintf("%s:%d", base_name(file), it->id);
        if (sk_consult_is_general(it->clause)) {
            set(&e->clause, it->clause ? it->clause : "全文");
        } else {
            const sk_node *n = sk_clause_by_label(I->draft, it->clause);
            if (n) {
                tie(e, I->dix, n);
            } else {
                set(&e->clause, it->clause);
                warn(I->o, file, it->id, "%s names no clause of %s: the comment keeps the number only", it->clause,
                     I->draft->src->path);
            }
        }
        add(I, e, file, it->id);
    }
    sk_review_free(r);
    return 0;
}

/* A YAML file in the record's shape: its comments, tied to their clauses when they
 * are not yet. */
static int import_yaml(importer *I, const char *file, sk_err *err)
{
    sk_consult *c = NULL;
    sk_diags d;
    sk_diag_init(&d);
    int rc = sk_consult_load(&c, file, &d, err);
    if (rc == 0) {
        sk_err_at(err, file, 0, 0, "no such file");
        rc = -1;
    }
    for (size_t i = 0; rc > 0 && i < d.len; i++)
        if (d.items[i].severity == SK_ERROR) {
            sk_err_at(err, file, d.items[i].line, d.items[i].col, "%s", d.items[i].msg);
            rc = -1;
        }
    for (size_t i = 0; rc > 0 && i < c->n; i++) {
        const sk_consult_comment *s = &c->v[i];
        sk_consult_comment *e = sk_calloc(1, sizeof *e);
        set(&e->unit, I->o->unit ? I->o->unit : s->unit);
        set(&e->clause, s->clause);
        set(&e->quote, s->quote);
        set(&e->comment, s->comment);
        set(&e->proposal, s->proposal);
        set(&e->reason, s->reason);
        set(&e->note, s->note);
        set(&e->author, s->author);
        set(&e->date, s->date);
        e->handling = s->handling;
        e->source = s->source ? sk_strdup(s->source) : sk_asprintf("%s:%d", base_name(file), s->line);
        for (size_t k = 0; k < s->anchor.n; k++)
            sk_meta_strlist_push(&e->anchor, s->anchor.v[k]);
        if (!e->anchor.n && !sk_consult_is_general(s->clause)) {
            const sk_node *n = sk_clause_by_label(I->draft, s->clause);
            if (n)
                tie(e, I->dix, n);
            else
                warn(I->o, file, s->line, "%s names no clause of %s: the comment keeps the number only", s->clause,
                     I->draft->src->path);
        }
        add(I, e, file, s->line);
    }
    sk_diag_free(&d);
    sk_consult_free(c);
    return rc < 0 ? -1 : 0;
}

static int has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), k = strlen(ext);
    return n > k && !strcasecmp(path + n - k, ext);
}

int sk_stdcomment_import(const char *standard, const char *const *files, size_t n, const sk_stdcomment_opts *o,
                         sk_stdcomment_result *res, sk_err *err)
{
    sk_doc *now = NULL, *draft = NULL;
    sk_consult *rec = NULL;
    char *path = sk_consult_path_of(standard), *text = NULL, *out = NULL;
    size_t len = 0;
    sk_diags d;
    importer I = { .o = o, .res = res };
    int rc = -1;
    memset(res, 0, sizeof *res);
    snprintf(res->record, sizeof res->record, "%s", path);
    sk_diag_init(&d);
    sk_map_init(&I.sources);
    if (load_model(&now, standard, err) < 0)
        goto done;
    if (o->draft && load_model(&draft, o->draft, err) < 0)
        goto done;
    I.now = now;
    I.draft = draft ? draft : now;
    I.nix = sk_clause_index_new(now);
    I.dix = draft ? sk_clause_index_new(draft) : I.nix;
    marks_init(&I.M, I.draft);
    int got = sk_consult_load(&rec, path, &d, err);
    if (got < 0)
        goto done;
    for (size_t i = 0; i < d.len; i++)
        if (d.items[i].severity == SK_ERROR) {
            sk_err_at(err, d.items[i].file, d.items[i].line, d.items[i].col,
                      "%s (the record is not changed while it has errors)", d.items[i].msg);
            goto done;
        }
    if (got > 0 && sk_fs_read(&text, &len, path, SK_CONSULT_MAX_FILE, err) < 0)
        goto done;
    I.rec = rec;
    for (size_t i = 0; rec && i < rec->n; i++)
        if (rec->v[i].source)
            sk_map_put(&I.sources, rec->v[i].source, (void *)1);
    for (size_t i = 0; i < n; i++) {
        const char *f = files[i];
        int r;
        if (has_ext(f, ".docx")) {
            r = import_docx(&I, f, err);
        } else if (has_ext(f, ".csv") || has_ext(f, ".xlsx")) {
            r = import_form(&I, f, err);
        } else if (has_ext(f, ".yaml") || has_ext(f, ".yml")) {
            r = import_yaml(&I, f, err);
        } else {
            sk_err_at(err, f, 0, 0, "not a file of comments: give a .docx with review comments, a .csv or .xlsx "
                                    "comment form, or a .yaml file of comments");
            r = -1;
        }
        if (r < 0)
            goto done;
    }
    sk_buf items;
    sk_buf_init(&items);
    for (size_t i = 0; i < I.added.len; i++)
        sk_consult_put(&items, I.added.items[i], rec && rec->dash_col ? rec->dash_col : 3);
    if (o->dry_run) {
        if (items.len)
            fwrite(items.data, 1, items.len, o->out ? o->out : stdout);
        sk_buf_free(&items);
        rc = 0;
        goto done;
    }
    if (!I.added.len) {
        sk_buf_free(&items);
        rc = 0;
        goto done;
    }
    if (rec) {
        out = sk_consult_append(rec, text, len, items.data);
    } else {
        char *head = sk_consult_head(sk_meta_get(now->meta, NUMBER), sk_meta_get(now->meta, STAGE));
        out = sk_asprintf("%s%s", head, items.data);
        free(head);
    }
    sk_buf_free(&items);
    const char *inputs[64];
    size_t ni = 0;
    inputs[ni++] = standard;
    for (size_t i = 0; i < n && ni < 63; i++)
        inputs[ni++] = files[i];
    if (o->draft && ni < 64)
        inputs[ni++] = o->draft;
    if (sk_fs_write_output(path, out, strlen(out), inputs, ni, err) < 0)
        goto done;
    rc = 0;
done:
    for (size_t i = 0; i < I.added.len; i++) {
        entry_free(I.added.items[i]);
        free(I.added.items[i]);
    }
    sk_vec_free(&I.added);
    sk_map_free(&I.sources);
    if (I.now)
        marks_free(&I.M);
    if (I.dix != I.nix)
        sk_clause_index_free(I.dix);
    sk_clause_index_free(I.nix);
    sk_consult_free(rec);
    sk_diag_free(&d);
    sk_doc_free(draft);
    sk_doc_free(now);
    free(text);
    free(out);
    free(path);
    return rc;
}

/* ---------- list ---------- */

static void one_line(FILE *f, const char *s, size_t max)
{
    size_t chars = 0;
    for (const char *p = s ? s : ""; *p && chars < max;) {
        uint32_t cp;
        int k = sk_utf8_decode(p, strlen(p), &cp);
        if (k <= 0)
            k = 1;
        if (*p == '\n' || *p == '\r' || *p == '\t')
            fputc(' ', f);
        else
            fwrite(p, 1, (size_t)k, f);
        p += k;
        if (++chars == max && *p)
            fputs("……", f);
    }
}

long sk_stdcomment_list(FILE *f, const char *standard, sk_err *err)
{
    sk_doc *doc = NULL;
    sk_consult *rec = NULL;
    sk_diags d;
    char *path = sk_consult_path_of(standard);
    long rc = -1;
    sk_diag_init(&d);
    if (load_model(&doc, standard, err) < 0)
        goto done;
    int got = sk_consult_load(&rec, path, &d, err);
    if (got < 0)
        goto done;
    if (!got) {
        sk_err_at(err, path, 0, 0, "no consultation record (stdcomment import makes it)");
        goto done;
    }
    sk_feedback fb;
    sk_feedback_build(&fb, doc, rec);
    for (size_t i = 0; i < fb.n; i++) {
        const sk_feedback_row *r = &fb.v[i];
        fprintf(f, "%s:%d: %s", path, r->c->line, r->label);
        if (r->status == SK_FB_LOST || r->status == SK_FB_UNKNOWN)
            fputs("（不在文本中）", f);
        else if (r->renumbered)
            fprintf(f, "（原%s）", r->c->clause);
        fprintf(f, " %s: %s — ", r->c->unit ? r->c->unit : "",
                r->c->handling ? sk_consult_handling_name(r->c->handling) : "未处理");
        one_line(f, r->c->comment, 40);
        fputc('\n', f);
    }
    sk_consult_counts k;
    sk_consult_counts_of(&k, rec);
    char *s = sk_consult_counts_text(&k, rec->stage);
    fprintf(f, "%s\n", s);
    free(s);
    rc = (long)fb.n;
    sk_feedback_free(&fb);
done:
    sk_consult_free(rec);
    sk_diag_free(&d);
    sk_doc_free(doc);
    free(path);
    return rc;
}
