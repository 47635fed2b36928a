#include "run/formset.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input/catalog.h"
#include "base/fs.h"
#include "model/model.h"
#include "input/source.h"
#include "base/templates.h"

/* ---------- the forms of a system ---------- */

static void add_forms(sk_formset *s, sk_doc *doc, int shipped)
{
    sk_vec_push(&s->docs, doc);
    for (size_t i = 0; i < doc->forms.len; i++) {
        const sk_node *n = doc->forms.items[i];
        if (n->type != SK_N_SECTION || n->sect != SK_S_ANNEX)
            continue;
        sk_form *f = sk_form_new(doc, n);
        f->shipped = shipped;
        s->v = sk_realloc(s->v, (s->n + 1) * sizeof *s->v);
        s->v[s->n++] = f;
    }
}

/* Parses text as a standard; NULL when it cannot be one. */
static sk_doc *parse_mem(const char *path, const char *text, size_t len)
{
    sk_diags quiet;
    sk_source *src = NULL;
    sk_doc *doc = NULL;
    sk_diag_init(&quiet);
    if (sk_source_make(&src, path, text, len, &quiet) != 1 || sk_model_build(&doc, src, 0, &quiet, NULL) < 0)
        sk_source_free(src);
    sk_diag_free(&quiet);
    return doc;
}

static void add_shipped(sk_formset *s)
{
    const char *name;
    for (size_t i = 0; (name = sk_templates_name(i)); i++) {
        if (strncmp(name, "forms/", 6) || !sk_str_ends_with(name, ".md"))
            continue;
        size_t len;
        const unsigned char *data = sk_templates_get(name, &len);
        char *path = sk_asprintf("templates/%s", name);
        sk_doc *doc = parse_mem(path, (const char *)data, len);
        free(path);
        if (doc)
            add_forms(s, doc, 1);
    }
}

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Does text declare the form id (form=ID in some heading), or any form when id is NULL? */
static int mentions(const char *text, size_t len, const char *id)
{
    size_t idl = id ? strlen(id) : 0;
    for (const char *p = text, *end = text + len; (p = memmem(p, (size_t)(end - p), "form=", 5)); p += 5) {
        if (!id)
            return 1;
        const char *q = p + 5;
        if ((size_t)(end - q) >= idl && !memcmp(q, id, idl) &&
            (q + idl == end || q[idl] == '}' || q[idl] == ' ' || q[idl] == '\n' || q[idl] == '\r'))
            return 1;
    }
    return 0;
}

int sk_formset_load(sk_formset **out, const char *path, const char *only, sk_err *err)
{
    sk_formset *s = sk_calloc(1, sizeof *s);
    sk_vec files = { 0 };
    char *sys_path = NULL, *dir = NULL;
    int rc = -1;

    if (!path) {
        sys_path = sk_system_find(".");
        if (!sys_path && file_exists("standards/system.yaml"))
            sys_path = sk_strdup("standards/system.yaml");
        if (sys_path)
            dir = sk_fs_dirname(sys_path);
    } else if (sk_fs_is_dir(path)) {
        dir = sk_strdup(path);
        char *p = sk_fs_join(path, "system.yaml");
        sys_path = file_exists(p) ? p : (free(p), sk_system_find(path));
    } else {
        char *d = sk_fs_dirname(path);
        sys_path = sk_system_find(d);
        free(d);
    }
    if (sys_path) {
        sk_diags quiet;
        sk_err e;
        sk_diag_init(&quiet);
        if (sk_system_load(&s->sys, sys_path, &quiet, &e) < 0)
            s->sys = NULL; /* stdcheck reports why; forms do not need it */
        sk_diag_free(&quiet);
    }
    if (dir || path) {
        const char *where = path && !sk_fs_is_dir(path) ? path : dir;
        s->where = sk_strdup(where);
        if (sk_catalog_collect(&files, NULL, &where, 1, err) < 0)
            goto done;
    }
    for (size_t i = 0; i < files.len; i++) {
        char *text = NULL;
        size_t len = 0;
        if (sk_fs_read(&text, &len, files.items[i], SK_SOURCE_MAX, err) < 0)
            goto done;
        sk_doc *doc = mentions(text, len, only) ? parse_mem(files.items[i], text, len) : NULL;
        free(text);
        if (doc)
            add_forms(s, doc, 0);
    }
    add_shipped(s);
    for (size_t i = 0; i < s->n; i++)
        s->v[i]->sys = s->sys;
    *out = s;
    s = NULL;
    rc = 0;
done:
    sk_formset_free(s);
    sk_catalog_paths_free(&files);
    free(sys_path);
    free(dir);
    return rc;
}

void sk_formset_free(sk_formset *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        sk_form_free(s->v[i]);
    free(s->v);
    for (size_t i = 0; i < s->docs.len; i++)
        sk_doc_free(s->docs.items[i]);
    sk_vec_free(&s->docs);
    if (s->sys)
        sk_system_free(s->sys);
    free(s->where);
    free(s);
}

/* Does std (a number, a file's base name with or without .md, or "stdkit") name f's standard? */
static int names_standard(const sk_form *f, const char *std, size_t len)
{
    if (f->shipped)
        return len == 6 && !strncmp(std, "stdkit", 6);
    if (strlen(f->number) == len && !strncmp(f->number, std, len))
        return 1;
    const char *base = strrchr(f->path, '/');
    base = base ? base + 1 : f->path;
    size_t bl = strlen(base);
    if (bl > 3 && !strcmp(base + bl - 3, ".md") && len == bl - 3 && !strncmp(base, std, len))
        return 1;
    return bl == len && !strncmp(base, std, len);
}

const sk_form *sk_formset_find(const sk_formset *s, const char *spec, sk_err *err)
{
    const char *hash = strrchr(spec, '#');
    const char *id = hash ? hash + 1 : spec;
    const sk_form *found[2] = { NULL, NULL };
    size_t n = 0;
    sk_buf also;
    sk_buf_init(&also);
    for (int shipped = 0; shipped < 2 && !n; shipped++)
        for (size_t i = 0; i < s->n; i++) {
            const sk_form *f = s->v[i];
            if (f->shipped != shipped || strcmp(f->id, id) || (hash && !names_standard(f, spec, (size_t)(hash - spec))))
                continue;
            if (n < 2)
                found[n] = f;
            n++;
            sk_buf_printf(&also, "%s%s (%s:%d)", also.len ? ", " : "", *f->number ? f->number : f->path, f->path,
                          f->line);
        }
    const sk_form *r = NULL;
    if (n == 1)
        r = found[0];
    else if (n > 1)
        sk_err_set(err, "form '%s' is defined in %zu places: %s; name one as STANDARD#%s", id, n, also.data, id);
    else if (s->where)
        sk_err_set(err, "no form '%s' in %s (stdform list shows the forms)", spec, s->where);
    else
        sk_err_set(err, "no form '%s': no system.yaml here or above, nor standards/ (give --system DIR)", spec);
    sk_buf_free(&also);
    return r;
}
