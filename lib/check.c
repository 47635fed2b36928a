#include "check.h"

#include "rules.h"
#include "xref.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

static void check_meta_against_system(const sk_doc *doc, const sk_system *sys, sk_diags *d)
{
    const sk_meta *m = doc->meta;
    const char *file = doc->src->path;
    const char *num = m->str[SK_META_NUMBER], *cat = m->str[SK_META_CATEGORY], *grp = m->str[SK_META_GROUP];
    if (cat && !sk_system_category(sys, cat)) {
        sk_diag *dg = sk_diag_emit(d, SK_R_CATEGORY_UNKNOWN, file, m->line[SK_META_CATEGORY], 1,
                                   "category '%s' is not defined in %s", cat, sys->path);
        sk_buf b;
        sk_buf_init(&b);
        for (size_t i = 0; i < sys->ncats; i++)
            sk_buf_printf(&b, "%s%s (%s)", i ? ", " : "", sys->cats[i].code, sys->cats[i].name);
        sk_diag_hint(dg, "known categories: %s", b.data ? b.data : "none");
        sk_buf_free(&b);
    }
    if (grp && sys->ngroups && !sk_system_group(sys, grp)) {
        sk_diag *dg = sk_diag_emit(d, SK_R_GROUP_UNKNOWN, file, m->line[SK_META_GROUP], 1,
                                   "group '%s' is not defined in %s", grp, sys->path);
        sk_buf b;
        sk_buf_init(&b);
        for (size_t i = 0; i < sys->ngroups; i++)
            sk_buf_printf(&b, "%s%s (%s)", i ? ", " : "", sys->groups[i].code, sys->groups[i].name);
        sk_diag_hint(dg, "known groups: %s", b.data ? b.data : "none");
        sk_buf_free(&b);
    }
    sk_numparts parts;
    if (num && sys->number_pattern) {
        if (sk_system_match_number(sys, num, &parts) < 0) {
            sk_diag *dg = sk_diag_emit(d, SK_R_NUMBER_PATTERN, file, m->line[SK_META_NUMBER], 1,
                                       "number '%s' does not follow the system's pattern '%s'", num,
                                       sys->number_pattern);
            sk_diag_hint(dg, "the year is joined by an em dash (U+2014 —), as in GB/T 1.1—2020");
        } else if (cat && strcmp(parts.category, cat)) {
            sk_diag_emit(d, SK_R_NUMBER_PATTERN, file, m->line[SK_META_NUMBER], 1,
                         "number '%s' is in category %s, but the front matter says category %s", num,
                         parts.category, cat);
        }
    }
}

void sk_check_doc(const sk_doc *doc, const sk_catalog *cat, sk_diags *d)
{
    sk_rules_check(doc, d);
    sk_xref_check(doc, cat, d);
    if (cat && cat->sys)
        check_meta_against_system(doc, cat->sys, d);
}

void sk_check_apply_disables(const sk_doc *doc, sk_diags *d, size_t start)
{
    if (!doc->disabled.len)
        return;
    size_t o = start;
    for (size_t i = start; i < d->len; i++) {
        sk_diag *dg = &d->items[i];
        int drop = 0;
        for (size_t k = 0; k < doc->disabled.len; k++)
            drop |= !strcmp(doc->disabled.items[k], sk_rule_get(dg->rule)->code);
        if (drop) {
            free(dg->file);
            free(dg->msg);
            free(dg->hint);
        } else {
            d->items[o++] = *dg;
        }
    }
    d->len = o;
}

static int check_file(const char *path, const sk_catalog *cat, sk_diags *d, sk_err *err)
{
    sk_source *src = NULL;
    sk_doc *doc = NULL;
    size_t start = d->len;
    int rc = sk_source_load(&src, path, d, err);
    if (rc == SK_EIO)
        return -1;
    if (rc == SK_EINVALID)
        return 0; /* reported as a diagnostic */
    if (sk_doc_parse(&doc, src, d) < 0) {
        sk_source_free(src);
        sk_err_at(err, path, 0, 0, "cannot parse");
        return -1;
    }
    sk_check_doc(doc, cat, d);
    sk_check_apply_disables(doc, d, start);
    sk_doc_free(doc);
    return 0;
}

int sk_check_run(const char *const *paths, size_t n, const sk_check_opts *o, sk_diags *d, sk_err *err)
{
    sk_vec files = { 0 };
    sk_catalog *cat = NULL;
    char *sys_path = NULL;
    int rc = -1;

    if (sk_collect_files(&files, paths, n, err) < 0)
        goto done;
    if (!o->no_system) {
        if (o->system_dir) {
            sys_path = sk_path_join(o->system_dir, "system.yaml");
        } else {
            char *dir = sk_is_dir(paths[0]) ? sk_strdup(paths[0]) : sk_dirname(paths[0]);
            sys_path = sk_system_find(dir);
            free(dir);
        }
        if (sys_path && access(sys_path, R_OK) < 0) {
            sk_err_at(err, sys_path, 0, 0, "cannot read the system manifest: %s", strerror(errno));
            goto done;
        }
        /* an unusable system.yaml is reported as diagnostics; the files are still checked */
        if (sys_path && sk_catalog_load(&cat, sys_path, d, err) < 0)
            sk_err_clear(err);
    }
    for (size_t i = 0; i < files.len; i++)
        if (check_file(files.items[i], cat, d, err) < 0)
            goto done;
    rc = 0;
done:
    sk_catalog_free(cat);
    free(sys_path);
    sk_paths_free(&files);
    return rc;
}
