#include "input/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/fs.h"
#include "text/stdnum.h"

#define MAX_DIR_DEPTH 16

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .md files of a project that are its documentation, not standards. */
static int is_project_doc(const char *name)
{
    static const char *const docs[] = { "README", "CHANGELOG", "CHANGES", "LICENSE", "LICENCE", "CONTRIBUTING",
                                        "NEWS", "TODO", "AUTHORS", "HISTORY", "CODE_OF_CONDUCT", "SECURITY", NULL };
    for (const char *const *d = docs; *d; d++) {
        size_t n = strlen(*d);
        if (!strncasecmp(name, *d, n) && (name[n] == '.' || name[n] == '-' || name[n] == '_'))
            return 1;
    }
    return 0;
}

/* A .md file without front matter that still reads like a standard: it has an ATX
 * heading in its first 64 KiB. Silently skipping it would leave a standard
 * unchecked because its author forgot the front matter. */
static int looks_like_standard(const char *path)
{
    enum { HEAD = 64 * 1024 };
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char *buf = sk_malloc(HEAD + 1);
    size_t n = fread(buf, 1, HEAD, f);
    fclose(f);
    buf[n] = 0;
    int found = 0;
    for (const char *p = buf; p && *p && !found; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        const char *q = p;
        while (*q == ' ' && q - p < 3)
            q++;
        size_t hashes = 0;
        while (q[hashes] == '#')
            hashes++;
        found = hashes >= 1 && hashes <= 6 && (q[hashes] == ' ' || q[hashes] == '\t');
    }
    free(buf);
    return found;
}

static void walk(const char *dir, sk_vec *out, sk_vec *unmarked, int depth)
{
    if (depth > MAX_DIR_DEPTH)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    sk_vec names = { 0 };
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            sk_vec_push(&names, sk_strdup(e->d_name));
    closedir(d);
    if (names.len > 1)
        qsort(names.items, names.len, sizeof *names.items, cmp_str);
    for (size_t i = 0; i < names.len; i++) {
        char *p = sk_fs_join(dir, names.items[i]);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk(p, out, unmarked, depth + 1);
            free(p);
        } else if (S_ISREG(st.st_mode) && sk_str_ends_with(p, ".md") && sk_source_sniff(p)) {
            sk_vec_push(out, p);
        } else if (unmarked && S_ISREG(st.st_mode) && sk_str_ends_with(p, ".md") && !is_project_doc(names.items[i]) &&
                   looks_like_standard(p)) {
            sk_vec_push(unmarked, p);
        } else {
            free(p);
        }
        free(names.items[i]);
    }
    sk_vec_free(&names);
}

int sk_catalog_collect(sk_vec *out, sk_vec *unmarked, const char *const *paths, size_t n, sk_err *err)
{
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) < 0) {
            sk_err_at(err, paths[i], 0, 0, "cannot read: %s", strerror(errno));
            return -1;
        }
        if (S_ISDIR(st.st_mode)) {
            size_t before = out->len, before_unmarked = unmarked ? unmarked->len : 0;
            walk(paths[i], out, unmarked, 0);
            if (out->len == before && (!unmarked || unmarked->len == before_unmarked)) {
                sk_err_at(err, paths[i], 0, 0,
                          "no standards here (a standard is a .md file that starts with '---' front matter)");
                return -1;
            }
        } else {
            sk_vec_push(out, sk_strdup(paths[i]));
        }
    }
    return 0;
}

void sk_catalog_paths_free(sk_vec *v)
{
    for (size_t i = 0; i < v->len; i++)
        free(v->items[i]);
    sk_vec_free(v);
}

/* Front matter only: the head of the file up to the closing '---' is enough, so a
 * system of thousands of standards is not read twice in full. */
static sk_meta *read_meta(const char *path)
{
    enum { HEAD = 64 * 1024 };
    sk_meta *m = NULL;
    sk_source *src = NULL;
    sk_diags quiet;
    sk_err ferr;
    sk_diag_init(&quiet);
    FILE *f = fopen(path, "rb");
    if (f) {
        char *buf = sk_malloc(HEAD);
        size_t n = fread(buf, 1, HEAD, f);
        fclose(f);
        /* cut after the closing fence line, when the head holds it */
        const char *end = NULL;
        for (const char *p = memchr(buf, '\n', n); p && p + 4 <= buf + n; p = memchr(p + 1, '\n', (size_t)(buf + n - p - 1))) {
            if ((!strncmp(p + 1, "---", 3) || !strncmp(p + 1, "...", 3))) {
                const char *nl = memchr(p + 1, '\n', (size_t)(buf + n - p - 1));
                end = nl ? nl + 1 : NULL;
                break;
            }
        }
        if (end && sk_source_make(&src, path, buf, (size_t)(end - buf), &quiet) == 1)
            sk_meta_parse(&m, src, &quiet);
        free(buf);
    }
    if (!m && sk_source_read(&src, path, &quiet, &ferr) == 1)
        sk_meta_parse(&m, src, &quiet);
    sk_source_free(src);
    sk_diag_free(&quiet);
    return m;
}

int sk_catalog_load(sk_catalog **out, const char *sys_path, sk_diags *diags, sk_err *err)
{
    sk_catalog *c = sk_calloc(1, sizeof *c);
    sk_vec files = { 0 };
    *out = NULL;
    if (sk_system_load(&c->sys, sys_path, diags, err) < 0) {
        free(c);
        return -1;
    }
    walk(c->sys->dir, &files, NULL, 0);
    c->v = sk_calloc(files.len, sizeof *c->v);
    for (size_t i = 0; i < files.len; i++) {
        sk_entry *e = &c->v[c->n++];
        e->path = files.items[i];
        e->meta = read_meta(e->path);
    }
    sk_vec_free(&files);
    *out = c;
    return 0;
}

void sk_catalog_free(sk_catalog *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].path);
        sk_meta_free(c->v[i].meta);
    }
    free(c->v);
    sk_system_free(c->sys);
    free(c);
}

const sk_entry *sk_catalog_find(const sk_catalog *c, const char *number)
{
    for (size_t i = 0; c && i < c->n; i++)
        if (c->v[i].meta && c->v[i].meta->str[SK_META_NUMBER] && !strcmp(c->v[i].meta->str[SK_META_NUMBER], number))
            return &c->v[i];
    return NULL;
}

int sk_catalog_next(char **out, sk_numparts *parts, const sk_catalog *c, const char *category, int year, sk_err *err)
{
    const sk_system *sys = c->sys;
    const char *pat = sys ? sys->number_pattern : NULL;
    if (!pat || !strstr(pat, "{seq")) {
        sk_err_at(err, sys ? sys->path : "", sys ? sys->number_pattern_line : 0, 0,
                  "the system's number_pattern has no {seq}: there is no next number to give");
        return -1;
    }
    int with_cat = strstr(pat, "{category}") != NULL;
    if (with_cat && (!category || !sk_system_category(sys, category))) {
        sk_buf b;
        sk_buf_init(&b);
        for (size_t i = 0; i < sys->ncats; i++)
            sk_buf_printf(&b, "%s%s (%s)", i ? ", " : "", sys->cats[i].code, sys->cats[i].name);
        sk_err_at(err, sys->path, 0, 0, "%s%s%s: the system's categories are %s", category ? "category '" : "no category given",
                  category ? category : "", category ? "' is not one of them" : "", b.data ? b.data : "none");
        sk_buf_free(&b);
        return -1;
    }
    int max = 0;
    for (size_t i = 0; i < c->n; i++) {
        const char *num = c->v[i].meta ? c->v[i].meta->str[SK_META_NUMBER] : NULL;
        sk_numparts p;
        if (!num || sk_system_match_number(sys, num, &p) < 0 || (with_cat && strcmp(p.category, category)))
            continue;
        if (p.seq > max)
            max = p.seq;
    }
    sk_numparts p = { .seq = max + 1, .year = year };
    snprintf(p.category, sizeof p.category, "%s", with_cat ? category : "");
    *out = sk_system_format(pat, &p);
    if (parts)
        *parts = p;
    return 0;
}

static void index_add(sk_map *m, const char *key, const sk_entry *e)
{
    sk_vec *v = sk_map_get(m, key);
    if (!v) {
        v = sk_calloc(1, sizeof *v);
        sk_map_put(m, key, v);
    }
    sk_vec_push(v, (void *)e);
}

sk_catalog_index *sk_catalog_index_new(const sk_catalog *cat)
{
    sk_catalog_index *ix = sk_calloc(1, sizeof *ix);
    ix->cat = cat;
    sk_map_init(&ix->by_number);
    sk_map_init(&ix->by_code);
    sk_map_init(&ix->replaced);
    for (size_t i = 0; cat && i < cat->n; i++) {
        const sk_entry *e = &cat->v[i];
        const char *num = e->meta ? e->meta->str[SK_META_NUMBER] : NULL;
        if (!num)
            continue;
        int year;
        char *code = sk_stdnum_code(num, &year), *key = sk_stdnum_key(code);
        index_add(&ix->by_number, num, e);
        index_add(&ix->by_code, key, e);
        free(code);
        free(key);
        const sk_strlist *rep = &e->meta->list[SK_META_REPLACES];
        for (size_t k = 0; k < rep->n; k++)
            sk_map_put(&ix->replaced, rep->v[k], (void *)num);
    }
    return ix;
}

static void free_vecs(sk_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i] && m->vals[i]) {
            sk_vec_free(m->vals[i]);
            free(m->vals[i]);
        }
    sk_map_free(m);
}

void sk_catalog_index_free(sk_catalog_index *ix)
{
    if (!ix)
        return;
    free_vecs(&ix->by_number);
    free_vecs(&ix->by_code);
    sk_map_free(&ix->replaced);
    free(ix);
}

const sk_vec *sk_catalog_index_number(const sk_catalog_index *ix, const char *number)
{
    return ix ? sk_map_get(&ix->by_number, number) : NULL;
}
