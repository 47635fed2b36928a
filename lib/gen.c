#include "gen.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "docx.h"
#include "front.h"
#include "image.h"
#include "pkg.h"
#include "source.h"
#include "system.h"

/* What a writer gets: the model and everything loaded for it. */
typedef struct job {
    const sk_doc *doc;
    const sk_system *sys;
    const sk_assets *assets;
    const sk_docx_ref *ref;
    time_t created, modified;
} job;

/* Builds one format's package. -1 with err when the standard cannot be rendered. */
typedef int (*build_fn)(sk_pkg **out, const job *j, size_t *dropped, sk_err *err);

static int build_docx(sk_pkg **out, const job *j, size_t *dropped, sk_err *err)
{
    sk_docx_opts o = { .sys = j->sys, .assets = j->assets, .ref = j->ref, .created = j->created,
                       .modified = j->modified };
    return sk_docx_build(out, j->doc, &o, dropped, err);
}

static const struct {
    const char *name;
    unsigned bit;
    build_fn build;
} formats[] = {
    { "docx", SK_GEN_DOCX, build_docx },
};

#define NFORMATS (sizeof formats / sizeof formats[0])

const char *sk_gen_format_names(void)
{
    return "docx";
}

int sk_gen_formats(const char *list, unsigned *out, sk_err *err)
{
    char *copy = sk_strdup(list), *save = NULL;
    unsigned bits = 0;
    int rc = 0;
    for (char *w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
        size_t i;
        for (i = 0; i < NFORMATS && strcasecmp(formats[i].name, w); i++)
            ;
        if (i == NFORMATS) {
            sk_err_set(err, "unknown format '%s' (known: %s)", w, sk_gen_format_names());
            rc = -1;
            break;
        }
        bits |= formats[i].bit;
    }
    if (!rc && !bits) {
        sk_err_set(err, "no format given (known: %s)", sk_gen_format_names());
        rc = -1;
    }
    free(copy);
    if (!rc)
        *out = bits;
    return rc;
}

static void report(const sk_gen_opts *o, sk_gen_level level, const sk_err *e)
{
    if (o->report)
        o->report(o->ctx, level, e);
}

static void report_msg(const sk_gen_opts *o, sk_gen_level level, const char *file, int line, int col,
                       const char *msg)
{
    sk_err e;
    sk_err_clear(&e);
    sk_err_at(&e, file, line, col, "%s", msg);
    report(o, level, &e);
}

/* Dates for docProps: created = the issue date (else the build time), modified =
 * SOURCE_DATE_EPOCH when set (else created). Never the wall clock. */
static void doc_times(const sk_doc *doc, time_t *created, time_t *modified)
{
    int y, m, d;
    time_t build;
    int have_sde = sk_build_time(&build, SK_PKG_FIXED_TIME);
    const char *issued = sk_meta_get(doc->meta, ISSUED);
    if (issued && sk_date_parse(issued, &y, &m, &d) == 0) {
        /* days from civil (UTC), so TZ never matters */
        int yy = y - (m <= 2);
        long era = (yy >= 0 ? yy : yy - 399) / 400;
        long yoe = yy - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        *created = (time_t)((era * 146097 + doe - 719468) * 86400L);
    } else {
        *created = build;
    }
    *modified = have_sde ? build : *created;
}

typedef struct run_state {
    const sk_gen_opts *o;
    const sk_system *sys;
    const sk_docx_ref *ref;
    const char *outdir;
    unsigned fmts;
    sk_map written; /* output path → source path */
    sk_gen_result *res;
} run_state;

/* Renders one standard: 0 done (or reported as not renderable), -1 I/O error (err). */
static int render_one(run_state *S, const char *path, sk_err *err)
{
    const sk_gen_opts *o = S->o;
    sk_diags d;
    sk_source *src = NULL;
    sk_doc *doc = NULL;
    sk_assets assets = { 0 };
    sk_err e;
    int rc = 0, bad = 0;

    sk_diags_init(&d);
    sk_err_clear(&e);
    int lr = sk_source_load(&src, path, &d, &e);
    if (lr == SK_EIO) {
        *err = e;
        rc = -1;
        goto done;
    }
    if (lr == SK_EINVALID) {
        for (size_t i = 0; i < d.len; i++)
            if (d.items[i].severity == SK_ERROR)
                report_msg(o, SK_GEN_ERROR, d.items[i].file, d.items[i].line, d.items[i].col, d.items[i].msg);
        bad = 1;
        goto done;
    }
    if (sk_doc_parse(&doc, src, &d) < 0) {
        report_msg(o, SK_GEN_ERROR, path, 0, 0, "cannot be parsed as a standard");
        bad = 1;
        goto done;
    }
    size_t nerr = sk_diags_count(&d, SK_ERROR);
    if (nerr) {
        char *m = sk_asprintf("%zu problem%s in numbering or structure (rendered anyway; run stdcheck)", nerr,
                              nerr == 1 ? "" : "s");
        report_msg(o, SK_GEN_WARNING, path, 0, 0, m);
        free(m);
    }
    sk_front_foreword(doc);
    if (sk_assets_load(&assets, doc, &e) < 0) {
        report(o, SK_GEN_ERROR, &e);
        bad = 1;
        goto done;
    }
    job j = { .doc = doc, .sys = S->sys, .assets = &assets, .ref = S->ref };
    doc_times(doc, &j.created, &j.modified);

    /* inputs an output must never replace */
    sk_vec inputs = { 0 };
    sk_vec_push(&inputs, (void *)path);
    for (size_t i = 0; i < assets.n; i++)
        sk_vec_push(&inputs, assets.v[i].path);
    if (o->reference_doc)
        sk_vec_push(&inputs, (void *)o->reference_doc);

    for (size_t f = 0; f < NFORMATS && !bad && rc == 0; f++) {
        if (!(S->fmts & formats[f].bit))
            continue;
        sk_pkg *pkg = NULL;
        size_t dropped = 0;
        char *name = sk_output_name(doc, formats[f].name);
        char *out = sk_path_join(S->outdir, name);
        const char *other = sk_map_get(&S->written, out);
        if (other) {
            char *m = sk_asprintf("its output %s was already written from %s (same number and title)", out, other);
            report_msg(o, SK_GEN_ERROR, path, 0, 0, m);
            free(m);
            bad = 1;
        } else if (formats[f].build(&pkg, &j, &dropped, &e) < 0) {
            report(o, SK_GEN_ERROR, &e);
            bad = 1;
        } else {
            if (dropped) {
                char *m = sk_asprintf("%zu character%s that XML cannot hold (control characters) left out of %s",
                                      dropped, dropped == 1 ? "" : "s", out);
                report_msg(o, SK_GEN_WARNING, path, 0, 0, m);
                free(m);
            }
            if (sk_pkg_write(pkg, out, (const char *const *)inputs.items, inputs.len, err) < 0) {
                rc = -1;
            } else {
                S->res->written++;
                sk_map_put(&S->written, out, sk_strdup(path));
            }
        }
        sk_pkg_free(pkg);
        free(out);
        free(name);
    }
    sk_vec_free(&inputs);
done:
    if (bad)
        S->res->failed++;
    sk_assets_free(&assets);
    if (doc)
        sk_doc_free(doc); /* frees src too */
    else
        sk_source_free(src);
    sk_diags_free(&d);
    return rc;
}

int sk_gen_run(const char *const *paths, size_t n, const sk_gen_opts *o, sk_gen_result *res, sk_err *err)
{
    sk_vec files = { 0 };
    sk_system *sys = NULL;
    sk_docx_ref *ref = NULL;
    char *sys_path = NULL;
    run_state S = { .o = o, .outdir = o->outdir ? o->outdir : "out", .fmts = o->formats ? o->formats : SK_GEN_DOCX,
                    .res = res };
    int rc = -1;

    memset(res, 0, sizeof *res);
    sk_map_init(&S.written);
    if (sk_collect_files(&files, paths, n, err) < 0)
        goto done;
    res->standards = files.len;
    if (o->system_dir) {
        sys_path = sk_path_join(o->system_dir, "system.yaml");
    } else if (n) {
        char *dir = sk_is_dir(paths[0]) ? sk_strdup(paths[0]) : sk_dirname(paths[0]);
        sys_path = sk_system_find(dir);
        free(dir);
    }
    if (sys_path) {
        sk_diags d;
        sk_err e;
        sk_diags_init(&d);
        sk_err_clear(&e);
        if (sk_system_load(&sys, sys_path, &d, &e) < 0) {
            report_msg(o, SK_GEN_WARNING, sys_path, 0, 0, "system manifest unusable; covers use the front matter only");
            sys = NULL;
        }
        sk_diags_free(&d);
    }
    if (o->reference_doc && sk_docx_ref_load(&ref, o->reference_doc, err) < 0)
        goto done;
    S.sys = sys;
    S.ref = ref;
    if (sk_mkdir_p(S.outdir, err) < 0)
        goto done;
    if (access(S.outdir, W_OK) < 0) {
        sk_err_at(err, S.outdir, 0, 0, "output directory is not writable: %s", strerror(errno));
        goto done;
    }
    for (size_t i = 0; i < files.len; i++) {
        if (o->progress)
            o->progress(o->ctx, i, files.len, files.items[i]);
        if (render_one(&S, files.items[i], err) < 0)
            goto done;
    }
    if (o->progress)
        o->progress(o->ctx, files.len, files.len, NULL);
    rc = 0;
done:
    for (size_t i = 0; i < S.written.cap; i++)
        if (S.written.keys && S.written.keys[i])
            free(S.written.vals[i]);
    sk_map_free(&S.written);
    sk_docx_ref_free(ref);
    if (sys)
        sk_system_free(sys);
    free(sys_path);
    sk_paths_free(&files);
    return rc;
}
