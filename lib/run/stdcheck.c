#include "run/stdcheck.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check/changes.h"
#include "check/check.h"
#include "check/fix.h"
#include "base/fs.h"
#include "model/model.h"
#include "input/checkconf.h"
#include "input/source.h"
#include "run/stddiff.h"

/* Checks one standard from its source (which is freed either way); forms, when given, is the system's form index (built on first need). */
static int check_source(sk_source *src, const sk_catalog_index *cat, sk_map **forms, sk_diags *d, sk_err *err)
{
    sk_doc *doc = NULL;
    size_t start = d->len;
    if (sk_model_build(&doc, src, 0, d, err) < 0) {
        sk_source_free(src);
        return -1;
    }
    sk_check_doc(doc, cat, d);
    const char *replaced = sk_meta_get(doc->meta, REPLACES_SOURCE);
    if (replaced && *replaced) { /* the 前言's change list against the replaced edition */
        sk_doc *old = NULL;
        sk_err e;
        sk_err_clear(&e);
        int ok = sk_stddiff_load(&old, replaced, doc->src->path, 0, &e) == 0;
        sk_changes_check(doc, ok ? old : NULL, &e, d);
        sk_doc_free(old);
    }
    if (forms && cat && cat->cat)
        sk_check_form_ids(doc, forms, cat->cat, d);
    sk_check_apply_directives(doc, d, start, cat && cat->cat && cat->cat->sys);
    sk_doc_free(doc);
    return 0;
}

/* --fix: the renumbered text of raw (named path); *fixed gets the new bytes (NULL
 * when nothing changes). Counts the edits in o. */
static int fix_text(const char *path, const char *raw, size_t len, sk_stdcheck_opts *o, char **fixed,
                    size_t *fixed_len, sk_err *err)
{
    sk_source *src = NULL;
    sk_doc *doc = NULL;
    sk_diags scratch;
    int rc = -1;
    *fixed = NULL;
    sk_diag_init(&scratch);
    if (sk_source_make(&src, path, raw, len, &scratch) != 1) {
        rc = 0; /* not readable as a standard: the check reports why */
        goto done;
    }
    if (sk_model_build(&doc, src, 0, &scratch, NULL) < 0) {
        rc = 0; /* the check reports it */
        goto done;
    }
    src = NULL; /* owned by doc */
    int n = sk_fix_apply(doc, raw, len, fixed, fixed_len, err);
    if (n < 0)
        goto done;
    if (n > 0) {
        o->fixed_files++;
        o->edits += n;
    }
    rc = 0;
done:
    if (rc < 0) {
        free(*fixed);
        *fixed = NULL;
    }
    sk_doc_free(doc);
    sk_source_free(src);
    sk_diag_free(&scratch);
    return rc;
}

/* --fix on a file: rewritten in place (atomically, mode kept), or as a diff with
 * --dry-run; *fixed gets the new bytes (NULL when nothing changes). */
static int fix_file(const char *path, sk_stdcheck_opts *o, char **fixed, size_t *fixed_len, sk_err *err)
{
    char *raw = NULL;
    size_t len = 0;
    int rc = -1;
    *fixed = NULL;
    if (sk_fs_read(&raw, &len, path, SK_SOURCE_MAX, err) < 0)
        goto done;
    if (fix_text(path, raw, len, o, fixed, fixed_len, err) < 0)
        goto done;
    if (*fixed) {
        if (o->dry_run) {
            if (o->diff)
                sk_fix_diff(o->diff, path, raw, len, *fixed, *fixed_len);
        } else {
            struct stat st;
            int have_mode = stat(path, &st) == 0;
            if (sk_fs_write_atomic(path, *fixed, *fixed_len, err) < 0)
                goto done;
            if (have_mode)
                chmod(path, st.st_mode & 07777);
        }
    }
    rc = 0;
done:
    if (rc < 0) {
        free(*fixed);
        *fixed = NULL;
    }
    free(raw);
    return rc;
}

static int check_file(const char *path, const sk_catalog_index *cat, sk_map **forms, sk_stdcheck_opts *o, sk_diags *d,
                      sk_err *err)
{
    sk_source *src = NULL;
    char *fixed = NULL;
    size_t fixed_len = 0;
    int rc;
    if (o->fix && fix_file(path, o, &fixed, &fixed_len, err) < 0)
        return -1;
    if (fixed) {
        rc = sk_source_make(&src, path, fixed, fixed_len, d);
        free(fixed);
    } else {
        rc = sk_source_read(&src, path, d, err);
    }
    if (rc < 0)
        return -1;
    if (rc == 0)
        return 0; /* reported as a diagnostic */
    return check_source(src, cat, forms, d, err);
}

/* The standard on standard input, named name in diagnostics. With --fix, the fixed
 * text (or the text as it was) goes to o->stdin_fixed instead of a file. */
static int check_stdin(const char *name, const sk_catalog_index *cat, sk_map **forms, sk_stdcheck_opts *o,
                       sk_diags *d, sk_err *err)
{
    char *raw = NULL, *fixed = NULL;
    size_t len = 0, fixed_len = 0;
    sk_source *src = NULL;
    int rc = -1;
    if (sk_fs_read(&raw, &len, "/dev/stdin", SK_SOURCE_MAX, err) < 0) {
        snprintf(err->file, sizeof err->file, "%s", name);
        goto done;
    }
    if (o->fix && fix_text(name, raw, len, o, &fixed, &fixed_len, err) < 0)
        goto done;
    if (o->fix && o->stdin_fixed)
        sk_buf_put(o->stdin_fixed, fixed ? fixed : raw, fixed ? fixed_len : len);
    int r = fixed ? sk_source_make(&src, name, fixed, fixed_len, d) : sk_source_make(&src, name, raw, len, d);
    if (r < 0)
        goto done;
    rc = r == 0 ? 0 : check_source(src, cat, forms, d, err);
done:
    free(fixed);
    free(raw);
    return rc;
}

/* found (an absolute path to a file in start or above it: system.yaml,
 * .stdcheck.yaml) spelled from start as the user gave it ("std/system.yaml",
 * "std/sub/../system.yaml"), so messages name files the way the user named them.
 * Takes found over. */
static char *spelled_from(const char *start, char *found)
{
    if (!found)
        return NULL;
    char *real = realpath(start, NULL), *fdir = sk_fs_dirname(found);
    size_t fl = strlen(fdir);
    char *out = NULL;
    if (real && !strncmp(real, fdir, fl) && (real[fl] == '/' || real[fl] == '\0' || fl == 1)) {
        sk_buf b;
        sk_buf_init(&b);
        sk_buf_puts(&b, start);
        for (const char *p = real + fl; *p; p++)
            if (*p == '/' && p[1])
                sk_buf_puts(&b, "/..");
        sk_buf_puts(&b, strrchr(found, '/'));
        out = sk_buf_detach(&b);
        if (!strncmp(out, "./", 2))
            memmove(out, out + 2, strlen(out + 2) + 1);
    }
    free(real);
    free(fdir);
    if (!out)
        return found;
    free(found);
    return out;
}

/* The systems met while checking: each standard is checked against the system.yaml
 * above it (or the one --system names), each loaded once. */
typedef struct systems {
    char *real[16];          /* realpath of each system.yaml */
    sk_catalog_index *cat[16];    /* its catalog, indexed (NULL when unusable) */
    sk_map *forms[16];       /* its form IDs (form_index_new), NULL until needed */
    size_t n;
    char *last_dir;          /* the directory looked up last, and what it gave */
    sk_catalog_index *last_cat;
} systems;

static sk_catalog_index *system_load(systems *S, char *sys_path, sk_diags *d)
{
    char *real = realpath(sys_path, NULL);
    sk_catalog *loaded = NULL;
    sk_catalog_index *cat = NULL;
    for (size_t i = 0; real && i < S->n; i++)
        if (!strcmp(S->real[i], real)) {
            free(real);
            return S->cat[i];
        }
    sk_err err;
    sk_err_clear(&err);
    /* an unusable system.yaml is reported as diagnostics; the files are still checked */
    if (sk_catalog_load(&loaded, sys_path, d, &err) == 0)
        cat = sk_catalog_index_new(loaded);
    if (real && S->n < 16) {
        S->real[S->n] = real;
        S->cat[S->n++] = cat;
    } else {
        free(real);
        if (cat)
            sk_catalog_index_free(cat);
        sk_catalog_free(loaded); /* more systems than we keep: checked without one */
        cat = NULL;
    }
    return cat;
}

/* Where the form index of a loaded system's catalog is kept (NULL for none). */
static sk_map **forms_slot(systems *S, const sk_catalog_index *cat)
{
    for (size_t i = 0; cat && i < S->n; i++)
        if (S->cat[i] == cat)
            return &S->forms[i];
    return NULL;
}

static sk_catalog_index *system_of(systems *S, const char *file, sk_diags *d)
{
    char *dir = sk_fs_dirname(file);
    if (S->last_dir && !strcmp(S->last_dir, dir)) {
        free(dir);
        return S->last_cat;
    }
    char *sys_path = spelled_from(dir, sk_system_find(dir));
    sk_catalog_index *cat = sys_path ? system_load(S, sys_path, d) : NULL;
    free(sys_path);
    free(S->last_dir);
    S->last_dir = dir;
    S->last_cat = cat;
    return cat;
}

static void systems_free(systems *S)
{
    for (size_t i = 0; i < S->n; i++) {
        free(S->real[i]);
        sk_check_form_index_free(S->forms[i]);
        if (S->cat[i]) {
            sk_catalog_free((sk_catalog *)S->cat[i]->cat);
            sk_catalog_index_free(S->cat[i]);
        }
    }
    free(S->last_dir);
}

/* The configurations met while checking (checkconf.h), each read once: the one
 * --config names, or the nearest to each file's directory. */
typedef struct configs {
    sk_checkconf *fixed;     /* --config */
    sk_checkconf *v[16];
    size_t n;
    char *last_dir;          /* the directory looked up last, and what it gave */
    sk_checkconf *last;
} configs;

static void configs_free(configs *C)
{
    sk_checkconf_free(C->fixed);
    for (size_t i = 0; i < C->n; i++)
        sk_checkconf_free(C->v[i]);
    free(C->last_dir);
}

/* The configuration for file (NULL for none); -1 with err when it cannot be read. */
static int config_of(configs *C, const sk_stdcheck_opts *o, const char *file, sk_checkconf **out, sk_err *err)
{
    *out = NULL;
    if (o->no_config)
        return 0;
    if (C->fixed) {
        *out = C->fixed;
        return 0;
    }
    char *dir = sk_fs_dirname(file);
    if (C->last_dir && !strcmp(C->last_dir, dir)) {
        free(dir);
        *out = C->last;
        return 0;
    }
    char *path = spelled_from(dir, sk_checkconf_find(dir));
    sk_checkconf *c = NULL;
    for (size_t i = 0; path && i < C->n && !c; i++)
        if (!strcmp(C->v[i]->path, path))
            c = C->v[i];
    if (path && !c) {
        if (sk_checkconf_load(&c, path, err) < 0) {
            free(path);
            free(dir);
            return -1;
        }
        if (C->n < sizeof C->v / sizeof *C->v) {
            C->v[C->n++] = c;
        } else { /* more configurations than we keep: the oldest one goes */
            sk_checkconf_free(C->v[0]);
            memmove(C->v, C->v + 1, (C->n - 1) * sizeof *C->v);
            C->v[C->n - 1] = c;
        }
    }
    free(path);
    free(C->last_dir);
    C->last_dir = dir;
    C->last = c;
    *out = c;
    return 0;
}

/* The findings from here on follow c (codes off, severities changed). */
static void config_apply(sk_diags *d, const sk_checkconf *c)
{
    memset(d->conf_disabled, 0, sizeof d->conf_disabled);
    memset(d->conf_level, 0, sizeof d->conf_level);
    if (c) {
        memcpy(d->conf_disabled, c->disabled, sizeof d->conf_disabled);
        memcpy(d->conf_level, c->level, sizeof d->conf_level);
    }
}

static int given(const char *const *paths, size_t n, const char *file)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(paths[i], file))
            return 1;
    return 0;
}

int sk_stdcheck_run(const char *const *paths, size_t n, sk_stdcheck_opts *o, sk_diags *d, sk_err *err)
{
    sk_vec files = { 0 }, unmarked = { 0 }, named = { 0 };
    systems S = { .n = 0 };
    configs C = { .n = 0 };
    sk_catalog_index *fixed_cat = NULL;
    sk_checkconf *conf = NULL;
    const char *stdin_name = o->stdin_name ? o->stdin_name : "<stdin>";
    int rc = -1, from_stdin = 0;

    for (size_t i = 0; i < n; i++) {
        if (strcmp(paths[i], "-"))
            sk_vec_push(&named, (void *)paths[i]);
        else if (from_stdin++) {
            sk_err_set(err, "'-' (standard input) is given twice");
            goto done;
        }
    }
    if (o->config && sk_checkconf_load(&C.fixed, o->config, err) < 0)
        goto done;
    /* the fail level: the command line's, else the configuration of the first path */
    if (o->fail_level < 0) {
        const char *first = from_stdin && (!named.len || !strcmp(paths[0], "-")) ? stdin_name : named.items[0];
        char *probe = sk_fs_is_dir(first) ? sk_fs_join(first, "x.md") : sk_strdup(first);
        int r = config_of(&C, o, probe, &conf, err);
        free(probe);
        if (r < 0)
            goto done;
        o->fail_level = conf && conf->fail_level >= 0 ? conf->fail_level : SK_ERROR;
    }
    if (named.len && sk_catalog_collect(&files, &unmarked, (const char *const *)named.items, named.len, err) < 0)
        goto done;
    if (!o->no_system && o->system_dir) {
        char *sys_path = sk_fs_join(o->system_dir, "system.yaml");
        if (access(sys_path, R_OK) < 0) {
            sk_err_at(err, sys_path, 0, 0, "cannot read the system manifest: %s", strerror(errno));
            free(sys_path);
            goto done;
        }
        fixed_cat = system_load(&S, sys_path, d);
        free(sys_path);
    }
    if (from_stdin) {
        if (config_of(&C, o, stdin_name, &conf, err) < 0)
            goto done;
        config_apply(d, conf);
        sk_catalog_index *cat = o->no_system ? NULL : o->system_dir ? fixed_cat : system_of(&S, stdin_name, d);
        sk_vec_push(&o->checked, sk_strdup(stdin_name));
        if (check_stdin(stdin_name, cat, forms_slot(&S, cat), o, d, err) < 0)
            goto done;
    }
    for (size_t i = 0; i < files.len; i++) {
        const char *file = files.items[i];
        if (config_of(&C, o, file, &conf, err) < 0)
            goto done;
        /* a file named on the command line is checked even when the configuration excludes it */
        if (!given(paths, n, file) && sk_checkconf_skips(conf, file))
            continue;
        config_apply(d, conf);
        sk_catalog_index *cat = o->no_system ? NULL : o->system_dir ? fixed_cat : system_of(&S, file, d);
        sk_vec_push(&o->checked, sk_strdup(file));
        if (check_file(file, cat, forms_slot(&S, cat), o, d, err) < 0)
            goto done;
    }
    for (size_t i = 0; i < unmarked.len; i++) {
        const char *file = unmarked.items[i];
        if (config_of(&C, o, file, &conf, err) < 0)
            goto done;
        if (sk_checkconf_skips(conf, file))
            continue;
        config_apply(d, conf);
        sk_vec_push(&o->checked, sk_strdup(file));
        sk_diag *dg = sk_diag_emit(d, SK_R_FRONT_MATTER, file, 1, 1,
                                   "no front matter: this file has headings but is not read as a standard");
        sk_diag_hint(dg, "start it with '---', its keys (number, title …) and '---'; or exclude it in "
                         ".stdcheck.yaml (exclude: [\"%s\"])",
                     strrchr(file, '/') ? strrchr(file, '/') + 1 : file);
    }
    rc = 0;
done:
    config_apply(d, NULL);
    configs_free(&C);
    systems_free(&S);
    sk_catalog_paths_free(&files);
    sk_catalog_paths_free(&unmarked);
    sk_vec_free(&named);
    return rc;
}
