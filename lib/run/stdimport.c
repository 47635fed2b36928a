#include "run/stdimport.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fs.h"
#include "input/flow.h"
#include "input/mddialect.h"
#include "input/odf.h"
#include "input/ooxml.h"
#include "input/system.h"
#include "model/display.h"
#include "model/import.h"
#include "model/model.h"
#include "write/markdown.h"

typedef enum { K_DOCX, K_ODT, K_MD, K_BAD } kind;

static kind sniff(const char *path, sk_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        sk_err_at(err, path, 0, 0, "cannot open: %s", strerror(errno));
        return K_BAD;
    }
    unsigned char head[80] = { 0 };
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    const char *ext = strrchr(path, '.');
    int docx_ext = ext && (!strcasecmp(ext, ".docx") || !strcasecmp(ext, ".docm") || !strcasecmp(ext, ".dotx") ||
                           !strcasecmp(ext, ".wps"));
    int odt_ext = ext && (!strcasecmp(ext, ".odt") || !strcasecmp(ext, ".ott") || !strcasecmp(ext, ".fodt"));
    if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
        /* ODF starts with its stored mimetype part */
        if (n >= 38 + 8 && !memcmp(head + 30, "mimetype", 8) && memmem(head, n, "opendocument", 12))
            return K_ODT;
        return odt_ext ? K_ODT : K_DOCX;
    }
    if (docx_ext || odt_ext) {
        sk_err_at(err, path, 0, 0, "not a %s: not a ZIP archive (is it a renamed file?)", docx_ext ? "DOCX" : "ODT");
        return K_BAD;
    }
    if (n >= 8 && (!memcmp(head, "\xD0\xCF\x11\xE0", 4))) {
        sk_err_at(err, path, 0, 0, "a Word 97-2003 document (.doc): save it as .docx first");
        return K_BAD;
    }
    return K_MD;
}

/* The stem of a path: "in/TS-04 规范.docx" → "TS-04 规范". Caller frees. */
static char *stem_of(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    const char *e = strrchr(b, '.');
    return e && e > b ? sk_strndup(b, (size_t)(e - b)) : sk_strdup(b);
}

static void report(const sk_stdimport_opts *o, sk_severity sev, const char *file, int line, const char *msg)
{
    if (!o->report)
        return;
    sk_err e;
    sk_err_clear(&e);
    sk_err_at(&e, file, line, 0, "%s", msg);
    o->report(o->ctx, sev, &e);
}

/* The notes: "paragraph N: text" → file:N: note: text. */
static void report_notes(const sk_stdimport_opts *o, const char *path, const sk_vec *notes)
{
    for (size_t i = 0; i < notes->len; i++) {
        const char *s = notes->items[i];
        int para = 0;
        const char *msg = s;
        if (sscanf(s, "paragraph %d:", &para) == 1) {
            msg = strchr(s, ':') + 1;
            while (*msg == ' ')
                msg++;
        }
        report(o, SK_NOTE, path, para, msg);
    }
}

/* The outline --check prints: front matter, then one line per element. */
static void outline(sk_buf *b, const sk_doc *doc, size_t nfigs)
{
    const sk_meta *m = doc->meta;
    for (int k = 0; k < SK_META_NKEYS; k++) {
        if (m->str[k])
            sk_buf_printf(b, "%s: %s\n", sk_meta_key_name((sk_meta_key)k), m->str[k]);
        else if (m->list[k].n) {
            char *j = sk_meta_strlist_join(&m->list[k], ", ");
            sk_buf_printf(b, "%s: %s\n", sk_meta_key_name((sk_meta_key)k), j);
            free(j);
        }
    }
    size_t tables = 0, figures = 0, formulas = 0, refs = 0, unresolved = 0;
    for (const sk_node *n = doc->root->first ? doc->root : NULL; n; n = sk_node_walk_next(doc->root, n, 1)) {
        int depth = 0;
        for (const sk_node *p = n->parent; p && p->type != SK_N_DOC; p = p->parent)
            depth++;
        if (n->type == SK_N_SECTION && n->sect == SK_S_ANNEX) {
            char *label = sk_display_label(n);
            sk_buf_printf(b, "%s%s%s\n", label ? label : "附录",
                          n->annex_type == SK_ANNEX_NORMATIVE     ? "（规范性）"
                          : n->annex_type == SK_ANNEX_INFORMATIVE ? "（资料性）"
                                                                  : "　",
                          n->title ? n->title : "");
            free(label);
        } else if (n->type == SK_N_SECTION) {
            char *label = sk_display_heading(n);
            sk_buf_printf(b, "%*s%s%s\n", depth * 2, "", label ? label : "", n->untitled ? "（无标题条）" : "");
            free(label);
        } else if (n->type == SK_N_TABLE) {
            tables++;
            sk_buf_printf(b, "%*s表%s　%s (%d×%zu)\n", depth * 2, "", n->num, n->caption ? n->caption : "",
                          n->table->ncols, n->table->nrows);
        } else if (n->type == SK_N_FIGURE) {
            figures++;
            sk_buf_printf(b, "%*s图%s　%s [%s]\n", depth * 2, "", n->num, n->caption ? n->caption : "", n->src);
        } else if (n->type == SK_N_FORMULA) {
            formulas++;
            sk_buf_printf(b, "%*s公式%s%s%s　$$ %s $$\n", depth * 2, "", n->num[0] ? "（" : "", n->num,
                          n->num[0] ? "）" : "", n->src ? n->src : "");
        }
    }
    /* the references, in order, as they print; one that finds nothing is marked */
    for (size_t i = 0; i < doc->refs.len; i++) {
        const sk_inline *in = doc->refs.items[i];
        refs++;
        char *t = sk_display_ref(in);
        sk_buf_printf(b, "%s%s%s", i ? ", " : "references: ", t ? t : "", in->node ? "" : " (unresolved)");
        free(t);
        if (!in->node)
            unresolved++;
    }
    if (refs)
        sk_buf_putc(b, '\n');
    sk_buf_printf(b, "%zu tables, %zu figures (%zu images), %zu formulas, %zu references (%zu unresolved), %zu "
                     "standards cited\n",
                  tables, figures, nfigs, formulas, refs, unresolved, doc->stdrefs.len);
}

typedef struct job {
    char *md;            /* the source written */
    char *md_path;       /* where it goes */
    char **fig_paths;    /* where each figure goes */
    const char **fig_data;
    size_t *fig_len;
    size_t nfigs;
} job;

static void job_free(job *j)
{
    free(j->md);
    free(j->md_path);
    for (size_t i = 0; i < j->nfigs; i++)
        free(j->fig_paths[i]);
    free(j->fig_paths);
    free(j->fig_data);
    free(j->fig_len);
    memset(j, 0, sizeof *j);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int sk_stdimport_run(const char *const *paths, size_t n, const sk_stdimport_opts *o, sk_stdimport_result *res,
                     sk_err *err)
{
    memset(res, 0, sizeof *res);
    res->inputs = n;
    const char *out = o->output ? o->output : ".";
    int to_file = sk_str_ends_with(out, ".md") && !sk_fs_is_dir(out);
    if (to_file && n > 1) {
        sk_err_set(err, "-o %s names one file, but %zu inputs are given: give a directory", out, n);
        return -1;
    }
    char *outdir = to_file ? sk_fs_dirname(out) : sk_strdup(out);
    sk_system *sys = NULL;
    {
        char *sp = NULL;
        if (o->system_dir) {
            sp = sk_fs_join(o->system_dir, "system.yaml");
            if (!exists(sp)) {
                sk_err_set(err, "%s: no system.yaml there", o->system_dir);
                free(sp);
                free(outdir);
                return -1;
            }
        } else {
            sp = sk_system_find(exists(outdir) ? outdir : ".");
        }
        if (sp) {
            sk_diags d;
            sk_diag_init(&d);
            sk_err e2;
            sk_err_clear(&e2);
            if (sk_system_load(&sys, sp, &d, &e2) < 0)
                sys = NULL;
            sk_diag_free(&d);
            free(sp);
        }
    }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *path = paths[i];
        if (o->progress)
            o->progress(o->ctx, i, n, path);
        sk_err e;
        sk_err_clear(&e);
        kind k = sniff(path, &e);
        /* the source's name, and its figures': FILE.md's stem, else the input's */
        char *stem = stem_of(to_file ? out : path);
        sk_flow flow;
        sk_flow_init(&flow);
        sk_doc *doc = NULL, *check = NULL;
        sk_import_result ir;
        memset(&ir, 0, sizeof ir);
        job j;
        memset(&j, 0, sizeof j);
        int ok = 0;
        sk_buf md;
        sk_buf_init(&md);

        if (k == K_BAD)
            goto fail;
        if (k == K_MD) {
            sk_vec notes = { 0 };
            if (sk_mddialect_read(&md, &notes, path, &e) < 0) {
                sk_vec_free(&notes);
                goto fail;
            }
            report_notes(o, path, &notes);
            for (size_t q = 0; q < notes.len; q++)
                free(notes.items[q]);
            sk_vec_free(&notes);
        } else {
            if ((k == K_DOCX ? sk_ooxml_read(&flow, path, &e) : sk_odf_read(&flow, path, &e)) < 0)
                goto fail;
            sk_import_opts io = { .sys = sys, .figdir = "figures", .stem = stem };
            sk_import_build(&doc, &ir, &flow, path, &io);
            sk_markdown_write(&md, doc);
            report_notes(o, path, &ir.notes);
        }
        /* the source written must read back */
        {
            char *mdp = to_file ? sk_strdup(out) : NULL;
            if (!mdp) {
                char *name = sk_asprintf("%s.md", stem);
                mdp = sk_fs_join(outdir, name);
                free(name);
            }
            sk_source *src = NULL;
            sk_diags d;
            sk_diag_init(&d);
            int got = sk_source_make(&src, mdp, md.data ? md.data : "", md.len, &d);
            if (got != 1 || sk_model_build(&check, src, 0, &d, &e) < 0) {
                if (src)
                    sk_source_free(src);
                char why[sizeof e.msg];
                snprintf(why, sizeof why, "%s", got != 1 ? "not a standard's text" : e.msg);
                sk_err_at(&e, path, 0, 0, "the source made from it does not read back (a bug): %s", why);
                sk_diag_free(&d);
                free(mdp);
                goto fail;
            }
            sk_diag_free(&d);
            j.md_path = mdp;
            /* in a directory of a system with a file pattern, the file is named as the
             * system names its standards ("TS-09.md"), which stdcheck holds it to */
            const char *num = sk_doc_meta(check, "number");
            sk_numparts parts;
            if (!to_file && sys && sys->file_pattern && num && sk_system_match_number(sys, num, &parts) == 0) {
                char *want = sk_system_format(sys->file_pattern, &parts);
                char *name = sk_asprintf("%s.md", want);
                free(j.md_path);
                j.md_path = sk_fs_join(outdir, name);
                free(name);
                free(want);
            }
        }
        if (!sk_doc_meta(check, "number") || !sk_doc_meta(check, "title"))
            res->incomplete++;
        if (o->check) {
            sk_buf b;
            sk_buf_init(&b);
            outline(&b, check, ir.nfigs);
            if (o->outline)
                o->outline(o->ctx, path, b.data ? b.data : "");
            sk_buf_free(&b);
            res->imported++;
            ok = 1;
            goto next;
        }
        /* outputs: refuse what exists before anything is written */
        j.md = sk_buf_detach(&md);
        j.nfigs = ir.nfigs;
        j.fig_paths = sk_calloc(j.nfigs + 1, sizeof *j.fig_paths);
        j.fig_data = sk_calloc(j.nfigs + 1, sizeof *j.fig_data);
        j.fig_len = sk_calloc(j.nfigs + 1, sizeof *j.fig_len);
        char *mddir = sk_fs_dirname(j.md_path);
        for (size_t q = 0; q < j.nfigs; q++) {
            j.fig_paths[q] = sk_fs_join(mddir, ir.figs[q].src);
            j.fig_data[q] = flow.images[ir.figs[q].image].data;
            j.fig_len[q] = flow.images[ir.figs[q].image].len;
        }
        free(mddir);
        for (size_t q = 0; q <= j.nfigs; q++) {
            const char *target = q < j.nfigs ? j.fig_paths[q] : j.md_path;
            for (size_t p = 0; p < n; p++)
                if (sk_fs_same_file(target, paths[p])) {
                    sk_err_at(err, target, 0, 0, "would overwrite an input (refused)");
                    rc = -1;
                    goto next;
                }
            if (!o->force && exists(target)) {
                sk_err_at(err, target, 0, 0, "exists; stdimport replaces a file only with --force");
                rc = -1;
                goto next;
            }
        }
        if (sk_fs_mkdir_p(outdir, err) < 0) {
            rc = -1;
            goto next;
        }
        for (size_t q = 0; q < j.nfigs; q++) {
            char *fd = sk_fs_dirname(j.fig_paths[q]);
            int mk = sk_fs_mkdir_p(fd, err);
            free(fd);
            if (mk < 0 || sk_fs_write_output(j.fig_paths[q], j.fig_data[q], j.fig_len[q], paths, n, err) < 0) {
                rc = -1;
                goto next;
            }
            res->written++;
        }
        if (sk_fs_write_output(j.md_path, j.md, strlen(j.md), paths, n, err) < 0) {
            rc = -1;
            goto next;
        }
        res->written++;
        res->imported++;
        ok = 1;
        goto next;
    fail:
        res->failed++;
        if (o->report) {
            if (!e.file[0])
                snprintf(e.file, sizeof e.file, "%s", path);
            o->report(o->ctx, SK_ERROR, &e);
        }
    next:
        (void)ok;
        sk_buf_free(&md);
        job_free(&j);
        sk_import_result_free(&ir);
        if (doc)
            sk_doc_free(doc);
        if (check)
            sk_doc_free(check);
        sk_flow_free(&flow);
        free(stem);
    }
    if (o->progress)
        o->progress(o->ctx, n, n, NULL);
    if (sys)
        sk_system_free(sys);
    free(outdir);
    return rc;
}
