#include "input/deps.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/fs.h"
#include "input/meta.h"
#include "input/source.h"
#include "text/stdnum.h"

/* "./a/b.md" and "a/b.md" are one file. */
static const char *canon(const char *p)
{
    while (p[0] == '.' && p[1] == '/')
        p += 2;
    return p;
}

static void entry_free(sk_deps_entry *e)
{
    if (!e)
        return;
    free(e->path);
    free(e->key);
    for (size_t i = 0; i < e->cites.len; i++)
        free(e->cites.items[i]);
    sk_vec_free(&e->cites);
    free(e);
}

static void push_key(sk_vec *v, char *key)
{
    for (size_t i = 0; i < v->len; i++)
        if (!strcmp(v->items[i], key)) {
            free(key);
            return;
        }
    sk_vec_push(v, key);
}

static char *key_of(const char *number)
{
    int year;
    char *code = sk_stdnum_code(number, &year), *key = sk_stdnum_key(code);
    free(code);
    return key;
}

/* The entry of a standard file, or NULL when it cannot be read as one. */
static sk_deps_entry *scan(const char *path)
{
    char *raw = NULL;
    size_t len = 0;
    if (!sk_source_sniff(path) || sk_fs_read(&raw, &len, path, SK_SOURCE_MAX, NULL) < 0)
        return NULL;
    sk_diags quiet;
    sk_diag_init(&quiet);
    sk_source *src = NULL;
    sk_deps_entry *e = NULL;
    if (sk_source_make(&src, path, raw, len, &quiet) == 1) {
        e = sk_calloc(1, sizeof *e);
        e->path = sk_strdup(canon(path));
        sk_meta *m = NULL;
        sk_meta_parse(&m, src, &quiet);
        if (m && m->str[SK_META_NUMBER])
            e->key = key_of(m->str[SK_META_NUMBER]);
        sk_meta_free(m);
        sk_stdnum sn;
        for (size_t from = 0; from < src->len && sk_stdnum_find(src->data, src->len, from, &sn) == 0; from = sn.end) {
            char *code = sk_strndup(src->data + sn.start, sn.code_end - sn.start), *key = sk_stdnum_key(code);
            free(code);
            if (e->key && !strcmp(key, e->key))
                free(key);
            else
                push_key(&e->cites, key);
            if (sn.end <= from)
                break;
        }
    }
    sk_source_free(src);
    sk_diag_free(&quiet);
    free(raw);
    return e;
}

void sk_deps_init(sk_deps *d, const char *const *inputs, size_t ninputs, const sk_vec *files)
{
    memset(d, 0, sizeof *d);
    for (size_t i = 0; i < ninputs; i++)
        sk_vec_push(&d->roots, sk_strdup(canon(inputs[i])));
    for (size_t i = 0; i < files->len; i++) {
        sk_deps_entry *e = scan(files->items[i]);
        if (!e) {
            /* an input that is not a standard yet: known by its path */
            e = sk_calloc(1, sizeof *e);
            e->path = sk_strdup(canon(files->items[i]));
        }
        sk_vec_push(&d->entries, e);
    }
}

void sk_deps_free(sk_deps *d)
{
    for (size_t i = 0; i < d->entries.len; i++)
        entry_free(d->entries.items[i]);
    sk_vec_free(&d->entries);
    for (size_t i = 0; i < d->roots.len; i++)
        free(d->roots.items[i]);
    sk_vec_free(&d->roots);
}

static size_t find(const sk_deps *d, const char *path)
{
    for (size_t i = 0; i < d->entries.len; i++)
        if (!strcmp(((sk_deps_entry *)d->entries.items[i])->path, path))
            return i;
    return (size_t)-1;
}

/* Is path one of the inputs, or a .md file under an input directory? */
static int in_scope(const sk_deps *d, const char *path)
{
    for (size_t i = 0; i < d->roots.len; i++) {
        const char *r = d->roots.items[i];
        size_t n = strlen(r);
        if (!strcmp(path, r))
            return 1;
        if (sk_fs_is_dir(r) && sk_str_ends_with(path, ".md") &&
            (!strcmp(r, ".") || (!strncmp(path, r, n) && (path[n] == '/' || (n && r[n - 1] == '/')))))
            return 1;
    }
    return 0;
}

static int is_system_yaml(const char *path)
{
    const char *b = strrchr(path, '/');
    return !strcmp(b ? b + 1 : path, "system.yaml");
}

static void push_path(sk_vec *v, size_t from, const char *p)
{
    for (size_t i = from; i < v->len; i++)
        if (!strcmp(v->items[i], p))
            return;
    sk_vec_push(v, sk_strdup(p));
}

void sk_deps_all(const sk_deps *d, sk_vec *out)
{
    for (size_t i = 0; i < d->entries.len; i++) {
        const sk_deps_entry *e = d->entries.items[i];
        struct stat st;
        if (stat(e->path, &st) == 0)
            sk_vec_push(out, sk_strdup(e->path));
    }
}

size_t sk_deps_change(sk_deps *d, const sk_vec *changed, sk_vec *affected)
{
    size_t from = affected->len;
    sk_vec keys = { 0 };
    int everything = 0;
    for (size_t i = 0; i < changed->len; i++) {
        const char *p = canon(changed->items[i]);
        if (is_system_yaml(p)) {
            everything = 1;
            continue;
        }
        size_t k = find(d, p);
        if (k == (size_t)-1 && !in_scope(d, p))
            continue;
        /* the number as it was, then as it is */
        sk_deps_entry *old = k == (size_t)-1 ? NULL : d->entries.items[k];
        if (old && old->key)
            push_key(&keys, sk_strdup(old->key));
        sk_deps_entry *e = scan(p);
        if (e && e->key)
            push_key(&keys, sk_strdup(e->key));
        if (old) {
            entry_free(old);
            if (e) {
                d->entries.items[k] = e;
            } else {
                memmove(d->entries.items + k, d->entries.items + k + 1, (d->entries.len - k - 1) * sizeof(void *));
                d->entries.len--;
            }
        } else if (e) {
            sk_vec_push(&d->entries, e);
        }
        if (e)
            push_path(affected, from, e->path);
    }
    for (size_t i = 0; i < d->entries.len; i++) {
        const sk_deps_entry *e = d->entries.items[i];
        int hit = everything;
        for (size_t k = 0; k < keys.len && !hit; k++) {
            hit = e->key && !strcmp(e->key, keys.items[k]);
            for (size_t c = 0; c < e->cites.len && !hit; c++)
                hit = !strcmp(e->cites.items[c], keys.items[k]);
        }
        if (hit)
            push_path(affected, from, e->path);
    }
    for (size_t k = 0; k < keys.len; k++)
        free(keys.items[k]);
    sk_vec_free(&keys);
    return affected->len - from;
}
