#include "run/stdgen.h"

#include <cmark-gfm-core-extensions.h>
#include <errno.h>
#include "base/libxml.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "layout/cover.h"
#include "model/assets.h"
#include "input/catalog.h"
#include "input/checkconf.h"
#include "write/docx.h"
#include "base/fs.h"
#include "layout/labels.h"
#include "model/model.h"
#include "write/odt.h"
#include "write/office.h"
#include "base/zip.h"
#include "input/source.h"
#include "run/amendment.h"
#include "run/stddiff.h"
#include "run/sysdoc.h"
#include "model/diff.h"
#include "model/foreword.h"
#include "input/edition.h"
#include "input/system.h"
#include "input/consult.h"
#include "run/drafting.h"

/* What a writer gets: the model and everything loaded for it. */
typedef struct job {
    const sk_doc *doc;
    const sk_system *sys;
    const sk_assets *assets;
    const sk_docx_ref *ref;
    const sk_odt_ref *odt_ref;
    time_t created, modified;
    int paper;                 /* doc is a paper (run/drafting.h): 1 upright, 2 across */
    int line_numbers;
    sk_paging *paging;   /* LibreOffice's measure of the last build, or NULL */
} job;

/* Builds one format's package. -1 with err when the standard cannot be rendered. */
typedef int (*build_fn)(sk_zip **out, const job *j, size_t *dropped, sk_err *err);

static int build_docx(sk_zip **out, const job *j, size_t *dropped, sk_err *err)
{
    sk_docx_opts o = { .sys = j->sys, .assets = j->assets, .ref = j->ref, .created = j->created,
                       .modified = j->modified, .line_numbers = j->line_numbers,
                       .paging = j->paging };
    if (j->paper)
        return sk_docx_build_paper(out, j->doc, j->paper == 2, &o, dropped, err);
    return sk_docx_build(out, j->doc, &o, dropped, err);
}

static int build_odt(sk_zip **out, const job *j, size_t *dropped, sk_err *err)
{
    sk_odt_opts o = { .sys = j->sys, .assets = j->assets, .ref = j->odt_ref, .created = j->created,
                      .modified = j->modified, .line_numbers = j->line_numbers,
                      .paging = j->paging };
    if (j->paper)
        return sk_odt_build_paper(out, j->doc, j->paper == 2, &o, dropped, err);
    return sk_odt_build(out, j->doc, &o, dropped, err);
}

/* pdf: the DOCX (the ODT when the only reference document is an ODT) as
 * LibreOffice prints it: exported from the document it measured (office.h), or,
 * without the measure, written into a temporary directory and converted at the end
 * of the run in one LibreOffice process */
static const struct {
    unsigned bit;
    build_fn build;
    const char *ext;  /* of the file built */
} formats[] = {
    { SK_FORMAT_DOCX, build_docx, "docx" },
    { SK_FORMAT_ODT, build_odt, "odt" },
    { SK_FORMAT_PDF, NULL, "pdf" },
    { SK_FORMAT_CSV, NULL, "csv" }, /* the system's 明细表 */
};

#define NFORMATS (sizeof formats / sizeof formats[0])

static void report(const sk_stdgen_opts *o, sk_severity level, const sk_err *e)
{
    if (o->report)
        o->report(o->ctx, level, e);
}

static void report_msg(const sk_stdgen_opts *o, sk_severity level, const char *file, int line, int col,
                       const char *msg)
{
    sk_err e;
    sk_err_clear(&e);
    sk_err_at(&e, file, line, col, "%s", msg);
    report(o, level, &e);
}

/* One standard on its way through: built by any worker, committed (reported and
 * written) by whoever holds the commit turn, in file order. */
typedef struct outfile {
    char *path;
    char *data;
    size_t len;
    int pdf;              /* a document in the staging directory, for the PDF pass */
    char *ready;          /* a file LibreOffice wrote (the PDF), renamed to path on commit */
} outfile;

typedef struct task {
    const char *path;
    int bad;              /* cannot be rendered */
    int io;               /* an I/O error stops the run: err */
    sk_err err;
    sk_vec msgs;          /* msg* in the order they arose */
    outfile out[2 * NFORMATS]; /* the standard's, or its two papers' */
    size_t nout;
    sk_vec inputs;        /* char*: files an output must never replace */
} task;

typedef struct msg {
    sk_severity level;
    sk_err e;
} msg;

static void task_msg(task *t, sk_severity level, const sk_err *e)
{
    msg *m = sk_malloc(sizeof *m);
    m->level = level;
    m->e = *e;
    sk_vec_push(&t->msgs, m);
}

static void task_say(task *t, sk_severity level, const char *file, int line, int col, const char *text)
{
    sk_err e;
    sk_err_clear(&e);
    sk_err_at(&e, file, line, col, "%s", text);
    task_msg(t, level, &e);
}

static void task_free(task *t)
{
    for (size_t i = 0; i < t->msgs.len; i++)
        free(t->msgs.items[i]);
    sk_vec_free(&t->msgs);
    for (size_t i = 0; i < t->nout; i++) {
        free(t->out[i].path);
        free(t->out[i].data);
        if (t->out[i].ready)
            unlink(t->out[i].ready);
        free(t->out[i].ready);
    }
    for (size_t i = 0; i < t->inputs.len; i++)
        free(t->inputs.items[i]);
    sk_vec_free(&t->inputs);
    t->nout = 0;
}

typedef struct run_state {
    const sk_stdgen_opts *o;
    const sk_system *sys;
    const sk_catalog *cat;  /* the system's standards, for the 编制说明 (papers only; may be NULL) */
    const sk_docx_ref *ref;
    const sk_odt_ref *odt_ref;
    const char *outdir;
    char *stage;            /* where the documents for the PDF pass and the measure go */
    char *pdfstage;         /* in outdir: the PDFs LibreOffice exported, until committed */
    sk_office *office;      /* LibreOffice measuring the documents (NULL: estimated pages) */
    const sk_sysdoc *sysdoc; /* --system: the documents' names come from it */
    unsigned pdf_src;       /* the format the PDF is made from */
    sk_vec pdf_in;          /* char*: the staged ODTs, in file order */
    unsigned fmts;
    sk_vec *files;
    task *tasks;
    sk_stdgen_result *res;
    sk_map written;         /* output path → source path */
    pthread_mutex_t lock;
    pthread_cond_t turn;
    size_t next_task, next_commit;
    int stop;
    sk_err *err;
} run_state;

/* The file name of a standard's output in format ext: -o FILE's, or NUMBER-slug.ext. */
static char *output_name(const run_state *S, const sk_doc *doc, const char *ext)
{
    if (S->sysdoc)
        return sk_sysdoc_name(S->sysdoc, "标准体系表", ext);
    if (!S->o->output_file)
        return sk_labels_output_name(doc, ext);
    const char *slash = strrchr(S->o->output_file, '/');
    const char *base = slash ? slash + 1 : S->o->output_file;
    const char *dot = strrchr(base, '.');
    size_t n = dot ? (size_t)(dot - base) : strlen(base);
    char *stem = sk_strndup(base, n);
    char *name = sk_asprintf("%s.%s", stem, ext);
    free(stem);
    return name;
}

static outfile *new_out(task *t)
{
    outfile *of = &t->out[t->nout++];
    memset(of, 0, sizeof *of);
    return of;
}

/* Builds one package into *data. */
static int build_bytes(const job *j, size_t f, char **data, size_t *len, task *t, sk_err *e)
{
    sk_zip *pkg = NULL;
    size_t dropped = 0;
    int rc = formats[f].build(&pkg, j, &dropped, e) < 0 || sk_zip_bytes(pkg, data, len, e) < 0 ? -1 : 0;
    sk_zip_free(pkg);
    if (rc == 0 && dropped) {
        char *m = sk_asprintf("%zu character%s that XML cannot hold (control characters) left out of the %s",
                              dropped, dropped == 1 ? "" : "s", formats[f].ext);
        task_say(t, SK_WARNING, j->doc->src->path, 0, 0, m);
        free(m);
    }
    return rc;
}

/* Builds format f of the standard, laid out by LibreOffice when it measures
 * (paging.h: built again until the 目次 and the continued tables are what its
 * measure says), and the PDF of it when for_pdf. -1 after telling t. */
/* The file name of a build: a paper's (what: its name, std the standard it is of),
 * else the document's. */
static char *build_name(const run_state *S, const job *j, const sk_doc *std, const char *what, const char *ext)
{
    return what ? sk_drafting_name(std, what, ext) : output_name(S, j->doc, ext);
}

static int build_one(run_state *S, task *t, job *j0, size_t f, int wanted, int for_pdf, const sk_doc *std,
                     const char *what)
{
    job j = *j0;
    sk_paging pg;
    sk_err e;
    char *name = build_name(S, &j, std, what, formats[f].ext), *data = NULL, *staged = NULL;
    size_t len = 0;
    int rc = -1, slot = -1;

    sk_err_clear(&e);
    sk_paging_init(&pg);
    pg.no_blank = S->o->skip_blank; /* the PDF leaves blank pages out: write none */
    if (!S->office) {
        if (build_bytes(&j, f, &data, &len, t, &e) < 0)
            goto fail;
        if (for_pdf) { /* converted at the end of the run */
            outfile *of = new_out(t);
            of->pdf = 1;
            of->path = sk_fs_join(S->stage, name);
            of->data = data;
            if (wanted) {
                of->data = sk_malloc(len ? len : 1);
                memcpy(of->data, data, len);
            }
            of->len = len;
            if (!wanted)
                data = NULL;
        }
        if (wanted) {
            outfile *of = new_out(t);
            of->path = sk_fs_join(S->outdir, name);
            of->data = data;
            of->len = len;
            data = NULL;
        }
        rc = 0;
        goto done;
    }
    j.paging = &pg;
    size_t ti = S->tasks ? (size_t)(t - S->tasks) : 0;
    staged = sk_asprintf("%s/%zu-%s", S->stage, ti, name);
    slot = sk_office_acquire(S->office);
    int settled = 0;
    for (int round = 0; round < SK_PAGING_ROUNDS && !settled; round++) {
        char *text = NULL;
        free(data);
        data = NULL;
        if (build_bytes(&j, f, &data, &len, t, &e) < 0)
            goto fail;
        if (sk_fs_write_atomic(staged, data, len, &e) < 0 || sk_office_measure(S->office, slot, staged, &text, &e) < 0)
            goto fail;
        int changed = sk_paging_measured(&pg, text, &e);
        free(text);
        if (changed < 0)
            goto fail;
        settled = !changed;
    }
    if (!settled) {
        task_say(t, SK_WARNING, j.doc->src->path, 0, 0,
                 "LibreOffice's layout did not settle: the 目次 or a continued table may be off by a page");
    }
    if (for_pdf) {
        char *pdfname = build_name(S, &j, std, what, "pdf");
        outfile *of = new_out(t);
        of->path = sk_fs_join(S->outdir, pdfname);
        of->ready = sk_asprintf("%s/%zu-%s", S->pdfstage, ti, pdfname);
        free(pdfname);
        if (sk_office_export(S->office, slot, of->ready, S->o->skip_blank, &e) < 0)
            goto fail;
    }
    if (wanted) {
        outfile *of = new_out(t);
        of->path = sk_fs_join(S->outdir, name);
        of->data = data;
        of->len = len;
        data = NULL;
    }
    rc = 0;
    goto done;
fail:
    if (e.file[0] && staged && !strcmp(e.file, staged))
        snprintf(e.file, sizeof e.file, "%s", j.doc->src->path); /* name the standard, not the staged file */
    task_msg(t, SK_ERROR, &e);
done:
    if (slot >= 0)
        sk_office_release(S->office, slot);
    if (staged)
        unlink(staged);
    free(staged);
    free(data);
    free(name);
    sk_paging_free(&pg);
    return rc;
}

/* The generated 前言 lists the technical changes against the edition replaces_source
 * names; when it cannot be read the 前言 says only what it replaces. */
static void changes_into_foreword(task *t, sk_doc *doc)
{
    const char *spec = sk_meta_get(doc->meta, REPLACES_SOURCE);
    int line = doc->meta->line[SK_META_REPLACES_SOURCE];
    sk_doc *old = NULL;
    sk_err e;
    sk_err_clear(&e);
    if (!doc->meta->list[SK_META_REPLACES].n) {
        task_say(t, SK_WARNING, doc->src->path, line, 1,
                 "replaces_source without replaces: the 前言 cannot say what this standard replaces");
        return;
    }
    if (sk_stddiff_load(&old, spec, doc->src->path, 0, &e) < 0) {
        char *m = sk_asprintf("replaces_source: %s%s%s (the 前言 lists no changes)", e.file[0] ? e.file : "",
                              e.file[0] ? ": " : "", e.msg);
        task_say(t, SK_WARNING, doc->src->path, line, 1, m);
        free(m);
        return;
    }
    sk_diags md;
    sk_diag_init(&md);
    sk_diff *d = sk_diff_new(old, doc, &md);
    for (size_t i = 0; i < md.len; i++)
        task_say(t, md.items[i].severity, md.items[i].file, md.items[i].line, md.items[i].col, md.items[i].msg);
    sk_foreword_changes(doc, d);
    char *path = sk_edition_path(spec, doc->src->path);
    if (path)
        sk_vec_push(&t->inputs, path); /* never written over */
    sk_diff_free(d);
    sk_diag_free(&md);
    sk_doc_free(old);
}

static void build_all(run_state *S, task *t, job *j, const sk_doc *std, const char *what);
static void papers(run_state *S, task *t, job *j, const sk_doc *doc, sk_diags *d);

/* Parses, checks and builds one standard into t (no output written yet). */
static void prepare(run_state *S, task *t)
{
    const char *path = t->path;
    sk_diags d;
    sk_source *src = NULL;
    sk_doc *doc = NULL;
    sk_assets assets = { 0 };
    sk_err e;

    sk_diag_init(&d);
    sk_err_clear(&e);
    int lr = sk_source_read(&src, path, &d, &e);
    if (lr < 0) {
        t->io = 1;
        t->err = e;
        goto done;
    }
    if (lr == 0) {
        for (size_t i = 0; i < d.len; i++)
            if (d.items[i].severity == SK_ERROR)
                task_say(t, SK_ERROR, d.items[i].file, d.items[i].line, d.items[i].col, d.items[i].msg);
        t->bad = 1;
        goto done;
    }
    if (sk_model_build(&doc, src, SK_MODEL_FOREWORD | SK_MODEL_LEADINS, &d, &e) < 0) {
        task_msg(t, SK_ERROR, &e);
        t->bad = 1;
        goto done;
    }
    if (!sk_meta_get(doc->meta, NUMBER) || !sk_meta_get(doc->meta, TITLE)) {
        /* the cover and the file name need both: this is not a standard yet */
        int said = 0;
        for (size_t i = 0; i < d.len; i++) {
            sk_rule_id r = d.items[i].rule;
            if (r == SK_R_FRONT_MATTER || r == SK_R_META_YAML || r == SK_R_META_MISSING || r == SK_R_META_TYPE) {
                task_say(t, SK_ERROR, d.items[i].file, d.items[i].line, d.items[i].col, d.items[i].msg);
                said = 1;
            }
        }
        if (!said)
            task_say(t, SK_ERROR, path, 1, 1, "the front matter gives no number or no title; the cover needs both");
        t->bad = 1;
        goto done;
    }
    if (doc->foreword && sk_meta_get(doc->meta, REPLACES_SOURCE))
        changes_into_foreword(t, doc);
    size_t nerr = sk_diag_count(&d, SK_ERROR);
    if (nerr) {
        char *m = sk_asprintf("%zu problem%s in numbering or structure (rendered anyway; run stdcheck)", nerr,
                              nerr == 1 ? "" : "s");
        task_say(t, SK_WARNING, path, 0, 0, m);
        free(m);
    }
    if (sk_assets_load(&assets, doc, &e) < 0) {
        task_msg(t, SK_ERROR, &e);
        t->bad = 1;
        goto done;
    }
    job j = { .doc = doc, .sys = S->sys, .assets = &assets, .ref = S->ref, .odt_ref = S->odt_ref };
    sk_cover_times(doc, &j.created, &j.modified);
    sk_vec_push(&t->inputs, sk_strdup(path));
    for (size_t i = 0; i < assets.n; i++)
        sk_vec_push(&t->inputs, sk_strdup(assets.v[i].path));
    for (int k = 0; k < 2; k++)
        if (S->o->reference_doc[k])
            sk_vec_push(&t->inputs, sk_strdup(S->o->reference_doc[k]));

    j.line_numbers = S->o->line_numbers;
    if (S->o->papers)
        papers(S, t, &j, doc, &d);
    else
        build_all(S, t, &j, doc, NULL);
done:
    sk_assets_free(&assets);
    if (doc)
        sk_doc_free(doc); /* frees src too */
    else
        sk_source_free(src);
    sk_diag_free(&d);
}

/* Every format of j's document into t (what: the name of the paper of the standard std, NULL
 * for the standard). */
static void build_all(run_state *S, task *t, job *j, const sk_doc *std, const char *what)
{
    for (size_t f = 0; f < NFORMATS && !t->bad; f++) {
        unsigned bit = formats[f].bit;
        int wanted = (S->fmts & bit) != 0, for_pdf = (S->fmts & SK_FORMAT_PDF) && S->pdf_src == bit;
        if (!formats[f].build || (!wanted && !for_pdf))
            continue;
        if (build_one(S, t, j, f, wanted, for_pdf, std, what) < 0)
            t->bad = 1;
    }
}

static void on_paper_warning(void *ctx, const sk_err *e)
{
    task_msg(ctx, SK_WARNING, e);
}

/* The papers of the drafting cycle of doc (its model j->doc) into t. */
static void papers(run_state *S, task *t, job *j, const sk_doc *doc, sk_diags *d)
{
    sk_consult *rec = NULL;
    sk_err e;
    sk_err_clear(&e);
    char *rec_path = sk_consult_path_of(t->path), *own_path = sk_drafting_own_path(t->path);
    size_t start = d->len;
    int got = sk_consult_load(&rec, rec_path, d, &e);
    if (got < 0) {
        task_msg(t, SK_ERROR, &e);
        t->bad = 1;
        goto done;
    }
    for (size_t i = start; i < d->len; i++) /* the record's own problems: stdcheck has them too */
        task_say(t, d->items[i].severity == SK_ERROR ? SK_ERROR : SK_WARNING, d->items[i].file, d->items[i].line,
                 d->items[i].col, d->items[i].msg);
    if (got)
        sk_vec_push(&t->inputs, sk_strdup(rec_path));
    sk_vec_push(&t->inputs, sk_strdup(own_path));
    if (S->o->papers & SK_STDGEN_EXPLANATION) {
        sk_paper p;
        if (sk_drafting_explanation(&p, doc, rec, S->cat, own_path, on_paper_warning, t, &e) < 0) {
            task_msg(t, SK_ERROR, &e);
            t->bad = 1;
            goto done;
        }
        if (p.todo.len) {
            sk_buf b;
            sk_buf_init(&b);
            for (size_t i = 0; i < p.todo.len; i++)
                sk_buf_printf(&b, "%s%s", i ? ", " : "", (const char *)p.todo.items[i]);
            char *m = sk_asprintf("the 编制说明 leaves %zu part%s to be written (【待补充】): %s; write %s in %s",
                                  p.todo.len, p.todo.len == 1 ? "" : "s", b.data, p.todo.len == 1 ? "it" : "them",
                                  own_path);
            task_say(t, SK_WARNING, t->path, 0, 0, m);
            free(m);
            sk_buf_free(&b);
        }
        job pj = *j;
        pj.doc = p.doc;
        pj.paper = 1;
        pj.line_numbers = 0;
        build_all(S, t, &pj, doc, "编制说明");
        sk_drafting_paper_free(&p);
    }
    if ((S->o->papers & SK_STDGEN_COMMENT_TABLE) && !t->bad) {
        if (!rec) {
            char *m = sk_asprintf("no consultation record %s: the 征求意见汇总处理表 is made from it "
                                  "(stdcomment import makes it from the reviewers' DOCX or comment forms)",
                                  rec_path);
            task_say(t, SK_ERROR, t->path, 0, 0, m);
            free(m);
            t->bad = 1;
            goto done;
        }
        sk_paper p;
        sk_drafting_table(&p, doc, rec);
        job pj = *j;
        pj.doc = p.doc;
        pj.paper = 2;
        pj.line_numbers = 0;
        build_all(S, t, &pj, doc, "征求意见汇总处理表");
        sk_drafting_paper_free(&p);
    }
done:
    sk_consult_free(rec);
    free(rec_path);
    free(own_path);
}

/* Renames a file LibreOffice wrote into place, never over an input. */
static int put_ready(outfile *of, const task *t, sk_err *err)
{
    for (size_t i = 0; i < t->inputs.len; i++)
        if (sk_fs_same_file(of->path, t->inputs.items[i])) {
            sk_err_at(err, of->path, 0, 0, "refusing to overwrite an input file");
            return -1;
        }
    if (sk_fs_is_dir(of->path)) {
        sk_err_at(err, of->path, 0, 0, "is a directory; cannot write the PDF there");
        return -1;
    }
    if (rename(of->ready, of->path) < 0) {
        sk_err_at(err, of->path, 0, 0, "cannot write: %s", strerror(errno));
        return -1;
    }
    free(of->ready);
    of->ready = NULL;
    return 0;
}

/* Reports and writes task i; called in file order, under the lock. */
static void commit(run_state *S, size_t i)
{
    task *t = &S->tasks[i];
    const sk_stdgen_opts *o = S->o;
    if (o->progress)
        o->progress(o->ctx, i, S->files->len, t->path);
    for (size_t k = 0; k < t->msgs.len; k++) {
        msg *m = t->msgs.items[k];
        report(o, m->level, &m->e);
    }
    if (t->io) {
        *S->err = t->err;
        S->stop = 1;
        return;
    }
    for (size_t k = 0; k < t->nout && !t->bad; k++) {
        outfile *of = &t->out[k];
        const char *other = sk_map_get(&S->written, of->path);
        if (other) {
            char *m = sk_asprintf("its output %s was already written from %s (same number and title)", of->path,
                                  other);
            report_msg(o, SK_ERROR, t->path, 0, 0, m);
            free(m);
            t->bad = 1;
        } else if (of->ready) {
            if (put_ready(of, t, S->err) < 0) {
                S->stop = 1;
                return;
            }
            S->res->written++;
            sk_map_put(&S->written, of->path, sk_strdup(t->path));
        } else if (sk_fs_write_output(of->path, of->data, of->len, (const char *const *)t->inputs.items, t->inputs.len,
                                   S->err) < 0) {
            S->stop = 1;
            return;
        } else if (of->pdf) {
            sk_vec_push(&S->pdf_in, sk_strdup(of->path)); /* counted when converted */
            sk_map_put(&S->written, of->path, sk_strdup(t->path));
        } else {
            S->res->written++;
            sk_map_put(&S->written, of->path, sk_strdup(t->path));
        }
    }
    if (t->bad)
        S->res->failed++;
}

/* Takes standards in turn: builds one (in parallel with the other workers),
 * then waits for its turn to commit it, so messages and files come in file order. */
static void *worker(void *arg)
{
    run_state *S = arg;
    for (;;) {
        pthread_mutex_lock(&S->lock);
        if (S->stop || S->next_task >= S->files->len) {
            pthread_mutex_unlock(&S->lock);
            break;
        }
        size_t i = S->next_task++;
        pthread_mutex_unlock(&S->lock);

        S->tasks[i].path = S->files->items[i];
        prepare(S, &S->tasks[i]);

        pthread_mutex_lock(&S->lock);
        while (S->next_commit != i && !S->stop)
            pthread_cond_wait(&S->turn, &S->lock);
        if (!S->stop)
            commit(S, i);
        S->next_commit = i + 1;
        pthread_cond_broadcast(&S->turn);
        pthread_mutex_unlock(&S->lock);
        task_free(&S->tasks[i]);
    }
    return NULL;
}

/* Workers: one per processor, at most MAX_WORKERS, never more than standards. */
#define MAX_WORKERS 8

size_t sk_stdgen_workers(size_t standards)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n = ncpu > 0 ? (size_t)ncpu : 1;
    if (n > MAX_WORKERS)
        n = MAX_WORKERS;
    if (n > standards)
        n = standards;
    return n ? n : 1;
}

static void run_workers(run_state *S)
{
    size_t n = sk_stdgen_workers(S->files->len);
    if (S->o->jobs > 0 && (size_t)S->o->jobs < n)
        n = (size_t)S->o->jobs;
    pthread_t th[MAX_WORKERS];
    size_t started = 0;
    for (size_t k = 1; k < n; k++)
        if (pthread_create(&th[started], NULL, worker, S) == 0)
            started++;
    worker(S); /* the calling thread works too */
    for (size_t k = 0; k < started; k++)
        pthread_join(th[k], NULL);
}

/* The reference documents: each is a DOCX (word/styles.xml) or an ODT (styles.xml),
 * at most one of each; a format without one of its kind uses the built-in styles. */
static int load_references(const sk_stdgen_opts *o, unsigned fmts, sk_docx_ref **docx, sk_odt_ref **odt, sk_err *err)
{
    for (int k = 0; k < 2; k++) {
        const char *path = o->reference_doc[k];
        if (!path)
            continue;
        sk_zip_reader *rd = NULL;
        char *data = NULL;
        size_t len = 0;
        if (sk_zip_open(&rd, path, "a DOCX or ODT", err) < 0)
            return -1;
        int is_docx = sk_zip_read(rd, "word/styles.xml", &data, &len, err);
        free(data);
        data = NULL;
        int is_odt = is_docx == 0 ? sk_zip_read(rd, "styles.xml", &data, &len, err) : 0;
        free(data);
        sk_zip_close(rd);
        if (is_docx < 0 || is_odt < 0)
            return -1;
        if (!is_docx && !is_odt) {
            sk_err_at(err, path, 0, 0, "not a DOCX or ODT reference document (it has no word/styles.xml or styles.xml)");
            return -1;
        }
        if (is_docx ? *docx != NULL : *odt != NULL) {
            sk_err_at(err, path, 0, 0, "a second %s reference document (give one DOCX and one ODT at most)",
                      is_docx ? "DOCX" : "ODT");
            return -1;
        }
        if (is_docx ? sk_docx_ref_load(docx, path, err) < 0 : sk_odt_ref_load(odt, path, err) < 0)
            return -1;
    }
    if ((*docx || *odt) && (fmts & SK_FORMAT_DOCX) && !*docx)
        report_msg(o, SK_WARNING, o->reference_doc[0], 0, 0,
                   "the reference document is an ODT: the DOCX files use the built-in styles");
    if ((*docx || *odt) && (fmts & SK_FORMAT_ODT) && !*odt)
        report_msg(o, SK_WARNING, o->reference_doc[0], 0, 0,
                   "the reference document is a DOCX: the ODT files use the built-in styles");
    return 0;
}

/* The PDFs of the staged ODTs, in one LibreOffice run; the 目次 refreshed. */
static void pdf_pass(run_state *S)
{
    const sk_stdgen_opts *o = S->o;
    sk_err e;
    sk_err_clear(&e);
    int rc = sk_office_to_pdf((const char *const *)S->pdf_in.items, S->pdf_in.len, S->outdir, 1, &e);
    if (rc < 0) {
        /* name the standard rather than the staged file */
        const char *src = e.file[0] ? sk_map_get(&S->written, e.file) : NULL;
        char *msg = sk_asprintf("PDF: %s", e.msg);
        report_msg(o, SK_ERROR, src ? src : e.file[0] ? e.file : NULL, 0, 0, msg);
        free(msg);
        S->res->failed++;
        return;
    }
    S->res->written += S->pdf_in.len;
    if (rc == 1)
        report_msg(o, SK_WARNING, NULL, 0, 0,
                   "no Python with the UNO bridge (Debian: python3-uno): the PDFs print the 目次 as estimated");
}

static void on_sysdoc_warning(void *ctx, const sk_err *e)
{
    report(ctx, SK_WARNING, e);
}

/* Writes one output of the system documents (data taken over). */
static int put_output(run_state *S, const char *const *inputs, size_t ninputs, const char *name, char *data, size_t len)
{
    char *path = sk_fs_join(S->outdir, name);
    int rc = sk_fs_write_output(path, data, len, inputs, ninputs, S->err);
    if (rc == 0)
        S->res->written++;
    free(path);
    free(data);
    return rc;
}

/* ---------- 修改单 ---------- */

static int build_sheet(sk_zip **out, const sk_doc *doc, const run_state *S, const sk_assets *assets, unsigned bit,
                       size_t *dropped, sk_err *err)
{
    time_t created, modified;
    sk_cover_times(doc, &created, &modified);
    if (bit == SK_FORMAT_DOCX) {
        sk_docx_opts o = { .sys = S->sys, .assets = assets, .ref = S->ref, .created = created, .modified = modified };
        return sk_docx_build_sheet(out, doc, &o, dropped, err);
    }
    sk_odt_opts o = { .sys = S->sys, .assets = assets, .ref = S->odt_ref, .created = created, .modified = modified };
    return sk_odt_build_sheet(out, doc, &o, dropped, err);
}

/* The 修改单 of one standard: its amendment, the text before it compared with it
 * (or the amendment's changes as written), the sheet in every format. A standard
 * without the amendment, or without a text to compare with, is reported (counted
 * as failed) and the others go on; I/O errors stop the run (-1). */
static int amendment_one(run_state *S, const char *path)
{
    const sk_stdgen_opts *o = S->o;
    sk_diags dg;
    sk_doc *doc = NULL, *old = NULL, *sheet = NULL;
    sk_diff *d = NULL;
    sk_assets assets = { 0 };
    sk_err e;
    int rc = 0, bad = 1;
    sk_diag_init(&dg);
    sk_err_clear(&e);
    if (sk_model_load(&doc, path, 0, &dg, &e) < 0) {
        report(o, SK_ERROR, &e);
        goto done;
    }
    const sk_meta *m = doc->meta;
    const sk_amend *a = NULL;
    for (size_t i = 0; i < m->namend; i++)
        if (o->amendment < 0 || atoi(m->amend[i].number) == o->amendment)
            a = &m->amend[i];
    if (!a) {
        char *msg = o->amendment < 0 ? sk_strdup("the front matter lists no amendments: (number, date)")
                                     : sk_asprintf("the front matter lists no amendment number %d", o->amendment);
        report_msg(o, SK_ERROR, path, m->line[SK_META_AMENDMENTS], 0, msg);
        free(msg);
        goto done;
    }
    const char *source = o->amendment_source ? o->amendment_source : a->source;
    if (!a->changes.n) {
        if (!source) {
            report_msg(o, SK_ERROR, path, a->line, 0,
                       "the amendment gives neither its changes: nor the text before it (source: or --old)");
            goto done;
        }
        if (sk_stddiff_load(&old, source, path, 0, &e) < 0) {
            report(o, SK_ERROR, &e);
            goto done;
        }
        sk_diags md;
        sk_diag_init(&md);
        d = sk_diff_new(old, doc, &md);
        for (size_t i = 0; i < md.len; i++)
            report_msg(o, md.items[i].severity, md.items[i].file, md.items[i].line, md.items[i].col, md.items[i].msg);
        sk_diag_free(&md);
    }
    sheet = sk_amendment_build(doc, a, d, S->sys);
    if (sk_assets_load(&assets, sheet, &e) < 0) {
        report(o, SK_ERROR, &e);
        goto done;
    }
    const char *inputs[4] = { path, NULL };
    size_t ninputs = 1;
    char *src_path = source ? sk_edition_path(source, path) : NULL;
    if (src_path)
        inputs[ninputs++] = src_path;
    for (size_t f = 0; f < NFORMATS; f++) {
        if (!(S->fmts & formats[f].bit) || !formats[f].build)
            continue;
        sk_zip *pkg = NULL;
        char *data = NULL, *name = sk_amendment_name(doc, a, formats[f].ext);
        size_t len = 0, dropped = 0;
        char *out = sk_fs_join(formats[f].bit == SK_FORMAT_PDF ? S->stage : S->outdir, name);
        int ok = build_sheet(&pkg, sheet, S, &assets, formats[f].bit == SK_FORMAT_DOCX ? SK_FORMAT_DOCX : SK_FORMAT_ODT,
                             &dropped, &e) == 0 &&
                 sk_zip_bytes(pkg, &data, &len, &e) == 0;
        sk_zip_free(pkg);
        free(name);
        if (!ok) {
            report(o, SK_ERROR, &e);
            free(out);
            free(data);
            free(src_path);
            goto done;
        }
        if (sk_fs_write_output(out, data, len, inputs, ninputs, S->err) < 0) {
            free(out);
            free(data);
            free(src_path);
            rc = -1;
            goto done;
        }
        free(data);
        if (formats[f].bit == SK_FORMAT_PDF) {
            sk_map_put(&S->written, out, sk_strdup(path));
            sk_vec_push(&S->pdf_in, out);
        } else {
            S->res->written++;
            free(out);
        }
    }
    free(src_path);
    bad = 0;
done:
    if (bad && rc == 0)
        S->res->failed++;
    sk_assets_free(&assets);
    sk_doc_free(sheet);
    sk_diff_free(d);
    sk_doc_free(old);
    sk_doc_free(doc);
    sk_diag_free(&dg);
    return rc;
}

/* The system documents: built once from the standards, written in every format. */
static int system_pass(run_state *S)
{
    const sk_stdgen_opts *o = S->o;
    sk_sysdoc *sd = NULL;
    sk_vec inputs = { 0 };
    int rc = -1;
    if (!S->sys) {
        sk_err_set(S->err, "--system needs the system's system.yaml: none in or above %s (see --system-dir)",
                   S->files->len ? (const char *)S->files->items[0] : ".");
        return -1;
    }
    if (sk_sysdoc_build(&sd, S->sys, (const char *const *)S->files->items, S->files->len, 1, on_sysdoc_warning,
                        (void *)o, S->err) < 0)
        return -1;
    S->res->standards = sd->standards;
    for (size_t i = 0; i < S->files->len; i++)
        sk_vec_push(&inputs, S->files->items[i]);
    sk_vec_push(&inputs, S->sys->path);
    for (int k = 0; k < 2; k++)
        if (o->reference_doc[k])
            sk_vec_push(&inputs, (void *)o->reference_doc[k]);
    const char *const *in = (const char *const *)inputs.items;
    job j = { .doc = sd->doc, .sys = S->sys, .assets = &sd->assets, .ref = S->ref, .odt_ref = S->odt_ref };
    sk_cover_times(sd->doc, &j.created, &j.modified);
    task t = { .path = S->sys->path };
    S->sysdoc = sd;
    for (size_t f = 0; f < NFORMATS; f++) {
        unsigned bit = formats[f].bit;
        int wanted = (S->fmts & bit) != 0, for_pdf = (S->fmts & SK_FORMAT_PDF) && S->pdf_src == bit;
        if (!formats[f].build || (!wanted && !for_pdf))
            continue;
        if (build_one(S, &t, &j, f, wanted, for_pdf, NULL, NULL) < 0) {
            for (size_t k = 0; k < t.msgs.len; k++) {
                msg *m = t.msgs.items[k];
                *S->err = m->e;
            }
            task_free(&t);
            goto done;
        }
    }
    for (size_t k = 0; k < t.msgs.len; k++) {
        msg *m = t.msgs.items[k];
        report(o, m->level, &m->e);
    }
    for (size_t k = 0; k < t.nout; k++) {
        outfile *of = &t.out[k];
        int bad = 0;
        if (of->pdf) {
            bad = sk_fs_write_output(of->path, of->data, of->len, in, inputs.len, S->err) < 0;
            if (!bad)
                sk_vec_push(&S->pdf_in, sk_strdup(of->path));
        } else if (of->ready) {
            task tin = { 0 };
            tin.inputs = inputs;
            bad = put_ready(of, &tin, S->err) < 0;
            S->res->written += !bad;
        } else {
            char *base = strrchr(of->path, '/');
            bad = put_output(S, in, inputs.len, base ? base + 1 : of->path, of->data, of->len) < 0;
            of->data = NULL;
        }
        if (bad) {
            task_free(&t);
            goto done;
        }
    }
    task_free(&t);
    if (S->fmts & SK_FORMAT_CSV) {
        char *name = sk_sysdoc_name(sd, "标准明细表", "csv");
        int bad = put_output(S, in, inputs.len, name, sk_strdup(sd->csv), strlen(sd->csv));
        free(name);
        if (bad)
            goto done;
    }
    char *name = sk_sysdoc_name(sd, "标准体系结构图", "dot");
    int bad = put_output(S, in, inputs.len, name, sk_strdup(sd->dot), strlen(sd->dot));
    free(name);
    if (bad)
        goto done;
    if (sd->png) {
        name = sk_sysdoc_name(sd, "标准体系结构图", "png");
        char *copy = sk_malloc(sd->png_len);
        memcpy(copy, sd->png, sd->png_len);
        bad = put_output(S, in, inputs.len, name, copy, sd->png_len);
        free(name);
        if (bad)
            goto done;
    }
    rc = 0;
done:
    sk_vec_free(&inputs);
    sk_sysdoc_free(sd);
    return rc;
}

/* A .md file with headings but no front matter in a directory given: a standard
 * whose front matter was forgotten is a failure, not a file passed over (unless
 * the stdcheck configuration excludes it). */
static void report_unmarked(const sk_stdgen_opts *o, const sk_vec *unmarked, sk_stdgen_result *res)
{
    for (size_t i = 0; i < unmarked->len; i++) {
        const char *file = unmarked->items[i];
        char *dir = sk_fs_dirname(file), *conf_path = sk_checkconf_find(dir);
        sk_checkconf *conf = NULL;
        sk_err e;
        if (conf_path && sk_checkconf_load(&conf, conf_path, &e) < 0)
            conf = NULL; /* stdcheck reports the configuration's problem */
        if (!sk_checkconf_skips(conf, file)) {
            report_msg(o, SK_ERROR, file, 1, 1, "no front matter: this file has headings but is not read as a standard");
            res->standards++;
            res->failed++;
        }
        sk_checkconf_free(conf);
        free(conf_path);
        free(dir);
    }
}

int sk_stdgen_run(const char *const *paths, size_t n, const sk_stdgen_opts *o, sk_stdgen_result *res, sk_err *err)
{
    sk_vec files = { 0 }, unmarked = { 0 };
    sk_system *sys = NULL;
    sk_docx_ref *ref = NULL;
    sk_odt_ref *odt_ref = NULL;
    sk_catalog *cat = NULL;
    char *sys_path = NULL;
    char *file_dir = o->output_file ? sk_fs_dirname(o->output_file) : NULL;
    run_state S = { .o = o, .outdir = file_dir ? file_dir : o->outdir ? o->outdir : "out",
                    .fmts = o->formats ? o->formats : SK_FORMAT_DOCX, .res = res, .files = &files, .err = err };
    int rc = -1;

    memset(res, 0, sizeof *res);
    sk_map_init(&S.written);
    if ((S.fmts & SK_FORMAT_CSV) && !o->system_docs) {
        sk_err_set(err, "csv is a format of the system documents (--system): the 标准明细表");
        goto done;
    }
    if (o->output_file && (o->system_docs || n != 1 || sk_fs_is_dir(paths[0]))) {
        sk_err_set(err, "-o %s names one file: give one standard's .md file (with several, -o names a directory)",
                   o->output_file);
        goto done;
    }
    if (sk_catalog_collect(&files, &unmarked, paths, n, err) < 0)
        goto done;
    res->standards = files.len;
    report_unmarked(o, &unmarked, res);
    if (o->system_dir) {
        sys_path = sk_fs_join(o->system_dir, "system.yaml");
    } else if (n) {
        char *dir = sk_fs_is_dir(paths[0]) ? sk_strdup(paths[0]) : sk_fs_dirname(paths[0]);
        sys_path = sk_system_find(dir);
        free(dir);
    }
    if (sys_path) {
        sk_diags d;
        sk_err e;
        sk_diag_init(&d);
        sk_err_clear(&e);
        if (sk_system_load(&sys, sys_path, &d, &e) < 0) {
            sys = NULL;
            if (o->system_docs) { /* nothing to build the system documents from */
                const sk_diag *first = NULL;
                for (size_t i = 0; i < d.len && !first; i++)
                    first = d.items[i].severity == SK_ERROR ? &d.items[i] : NULL;
                if (first)
                    sk_err_at(err, first->file, first->line, first->col, "%s", first->msg);
                else
                    *err = e;
                sk_diag_free(&d);
                goto done;
            }
            report_msg(o, SK_WARNING, sys_path, 0, 0, "system manifest unusable; covers use the front matter only");
        }
        sk_diag_free(&d);
    }
    if (load_references(o, S.fmts, &ref, &odt_ref, err) < 0)
        goto done;
    if ((o->papers & SK_STDGEN_EXPLANATION) && sys) {
        /* the 编制说明 names the standards of the system that cite each one */
        sk_err e;
        sk_diags quiet; /* the system's problems were reported when it was loaded */
        sk_err_clear(&e);
        sk_diag_init(&quiet);
        if (sk_catalog_load(&cat, sys->path, &quiet, &e) < 0)
            cat = NULL;
        sk_diag_free(&quiet);
    }
    S.cat = cat;
    S.sys = sys;
    S.ref = ref;
    S.odt_ref = odt_ref;
    if (sk_fs_mkdir_p(S.outdir, err) < 0)
        goto done;
    if (access(S.outdir, W_OK) < 0) {
        sk_err_at(err, S.outdir, 0, 0, "output directory is not writable: %s", strerror(errno));
        goto done;
    }
    /* the PDF is the DOCX as LibreOffice prints it (stdform's rule too), but with
     * only an ODT reference document, whose styles the DOCX does not have */
    S.pdf_src = odt_ref && !ref ? SK_FORMAT_ODT : SK_FORMAT_DOCX;
    if (o->pages != SK_PAGES_ESTIMATE && (S.fmts & (SK_FORMAT_DOCX | SK_FORMAT_ODT | SK_FORMAT_PDF))) {
        sk_err e;
        int slots = o->jobs > 0 ? o->jobs : (int)sk_stdgen_workers(o->system_docs ? 1 : files.len);
        if (slots > SK_OFFICE_SLOTS)
            slots = SK_OFFICE_SLOTS;
        if (sk_office_open(&S.office, slots, o->pages == SK_PAGES_OFFICE ? err : &e) < 0) {
            S.office = NULL;
            if (o->pages == SK_PAGES_OFFICE)
                goto done;
        }
    }
    if (S.office || (S.fmts & SK_FORMAT_PDF)) {
        const char *tmp = getenv("TMPDIR");
        S.stage = sk_asprintf("%s/stdgen-pdf-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(S.stage)) {
            sk_err_set(err, "cannot create a temporary directory for the PDF pass: %s", strerror(errno));
            free(S.stage);
            S.stage = NULL;
            goto done;
        }
    }
    if (S.office && (S.fmts & SK_FORMAT_PDF)) {
        S.pdfstage = sk_asprintf("%s/.stdkit-pdf-XXXXXX", S.outdir);
        if (!mkdtemp(S.pdfstage)) {
            sk_err_at(err, S.outdir, 0, 0, "cannot create a temporary directory: %s", strerror(errno));
            free(S.pdfstage);
            S.pdfstage = NULL;
            goto done;
        }
    }
    if ((S.fmts & SK_FORMAT_PDF) && !S.office) {
        if (!sk_office_available()) {
            sk_err_set(err, "--format pdf needs LibreOffice, and soffice is not on PATH "
                            "(Debian: apt install libreoffice-writer-nogui python3-uno fonts-noto-cjk fonts-liberation2)");
            goto done;
        }
    }
    /* the libraries' global set-up, once, before any worker (time zone: a first
     * localtime_r initialises it; libxml2 sets itself up when first used,
     * base/libxml.h) */
    cmark_gfm_core_extensions_ensure_registered();
    tzset();
    if (o->amendment) {
        for (size_t i = 0; i < files.len; i++)
            if (amendment_one(&S, files.items[i]) < 0)
                goto done;
        if (S.pdf_in.len)
            pdf_pass(&S);
        rc = 0;
        goto done;
    }
    if (o->system_docs) {
        if (system_pass(&S) < 0)
            goto done;
        if (S.pdf_in.len)
            pdf_pass(&S);
        rc = 0;
        goto done;
    }
    S.tasks = sk_calloc(files.len, sizeof *S.tasks);
    pthread_mutex_init(&S.lock, NULL);
    pthread_cond_init(&S.turn, NULL);
    run_workers(&S);
    pthread_cond_destroy(&S.turn);
    pthread_mutex_destroy(&S.lock);
    for (size_t i = 0; i < files.len; i++)
        task_free(&S.tasks[i]);
    free(S.tasks);
    if (S.stop)
        goto done;
    if (o->progress)
        o->progress(o->ctx, files.len, files.len, NULL);
    if (S.pdf_in.len)
        pdf_pass(&S);
    rc = 0;
done:
    sk_catalog_paths_free(&unmarked);
    for (size_t i = 0; i < S.pdf_in.len; i++) {
        unlink(S.pdf_in.items[i]);
        free(S.pdf_in.items[i]);
    }
    sk_vec_free(&S.pdf_in);
    if (S.stage)
        rmdir(S.stage);
    free(S.stage);
    if (S.pdfstage)
        rmdir(S.pdfstage);
    free(S.pdfstage);
    sk_office_close(S.office);
    sk_odt_ref_free(odt_ref);
    for (size_t i = 0; i < S.written.cap; i++)
        if (S.written.keys && S.written.keys[i])
            free(S.written.vals[i]);
    sk_map_free(&S.written);
    sk_docx_ref_free(ref);
    sk_catalog_free(cat);
    if (sys)
        sk_system_free(sys);
    free(sys_path);
    sk_catalog_paths_free(&files);
    free(file_dir);
    return rc;
}
