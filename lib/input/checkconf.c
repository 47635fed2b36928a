#include "input/checkconf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"
#include "base/glob.h"
#include "text/yaml.h"

enum { CONF_MAX = 1024 * 1024 };

/* A system.yaml counts as configuration only when it has a stdcheck: key. */
static int has_section(const char *sys_path)
{
    char *text = NULL;
    size_t len = 0;
    sk_err err;
    sk_yaml_node *root = NULL;
    int yes = 0;
    if (sk_fs_read(&text, &len, sys_path, CONF_MAX, &err) == 0 &&
        sk_yaml_load(&root, text, len, 1, sys_path, &err) == 0 && root && root->type == SK_YAML_MAP)
        yes = sk_yaml_get(root, "stdcheck") != NULL;
    sk_yaml_free(root);
    free(text);
    return yes;
}

char *sk_checkconf_find(const char *start_dir)
{
    char *dir = realpath(start_dir, NULL);
    while (dir) {
        char *p = sk_fs_join(dir, ".stdcheck.yaml");
        if (access(p, F_OK) == 0) {
            free(dir);
            return p;
        }
        free(p);
        p = sk_fs_join(dir, "system.yaml");
        if (access(p, R_OK) == 0 && has_section(p)) {
            free(dir);
            return p;
        }
        free(p);
        if (!strcmp(dir, "/"))
            break;
        char *up = sk_fs_dirname(dir);
        free(dir);
        dir = up;
    }
    free(dir);
    return NULL;
}

static int fail_at(sk_err *err, const char *path, const sk_yaml_node *n, const char *msg, const char *what)
{
    sk_err_at(err, path, n ? n->line : 0, n ? n->col : 0, msg, what);
    return -1;
}

/* A list of codes or globs: a sequence of text, or one text. */
static int texts(const sk_yaml_node *v, const char *path, const char *key, sk_vec *out, sk_err *err)
{
    if (v->type == SK_YAML_SCALAR) {
        if (!sk_yaml_is_null(v))
            sk_vec_push(out, sk_strdup(v->value));
        return 0;
    }
    if (v->type != SK_YAML_SEQ)
        return fail_at(err, path, v, "'%s' is a list", key);
    for (size_t i = 0; i < v->n; i++) {
        if (v->items[i]->type != SK_YAML_SCALAR)
            return fail_at(err, path, v->items[i], "the entries of '%s' are text", key);
        sk_vec_push(out, sk_strdup(v->items[i]->value));
    }
    return 0;
}

static int code_of(const sk_yaml_node *n, const char *path, sk_err *err)
{
    int r = sk_rule_find(n->value);
    if (r < 0) {
        sk_err_at(err, path, n->line, n->col, "unknown check code '%s' (stdcheck --list-checks prints them)",
                  n->value);
        return -1;
    }
    return r;
}

static void free_texts(sk_vec *v)
{
    for (size_t i = 0; i < v->len; i++)
        free(v->items[i]);
    sk_vec_free(v);
}

static int read_section(sk_checkconf *c, const sk_yaml_node *map, sk_err *err)
{
    const char *path = c->path;
    if (map->type != SK_YAML_MAP)
        return fail_at(err, path, map, "the stdcheck configuration is a mapping of keys%s", "");
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const sk_yaml_node *k = map->items[i], *v = map->items[i + 1];
        const char *key = k->value;
        if (!strcmp(key, "disable")) {
            sk_vec codes = { 0 };
            int bad = texts(v, path, key, &codes, err);
            for (size_t j = 0; !bad && j < codes.len; j++) {
                int r = sk_rule_find(codes.items[j]);
                const sk_yaml_node *at = v->type == SK_YAML_SEQ ? v->items[j] : v;
                if (r < 0)
                    bad = fail_at(err, path, at, "unknown check code '%s' (stdcheck --list-checks prints them)",
                                  codes.items[j]);
                else
                    c->disabled[r] = 1;
            }
            free_texts(&codes);
            if (bad)
                return -1;
        } else if (!strcmp(key, "severity")) {
            if (v->type != SK_YAML_MAP)
                return fail_at(err, path, v, "'severity' maps codes to error, warning, note or off%s", "");
            for (size_t j = 0; j + 1 < v->n; j += 2) {
                int r = code_of(v->items[j], path, err);
                if (r < 0)
                    return -1;
                const sk_yaml_node *lv = v->items[j + 1];
                sk_severity sev;
                if (lv->type == SK_YAML_SCALAR && !strcmp(lv->value, "off"))
                    c->disabled[r] = 1;
                else if (lv->type == SK_YAML_SCALAR && sk_rule_severity_parse(lv->value, &sev) == 0)
                    c->level[r] = (unsigned char)(1 + sev);
                else
                    return fail_at(err, path, lv, "severity '%s' is not error, warning, note or off",
                                   lv->type == SK_YAML_SCALAR ? lv->value : sk_yaml_type_name(lv->type));
            }
        } else if (!strcmp(key, "include") || !strcmp(key, "exclude")) {
            if (texts(v, path, key, key[0] == 'i' ? &c->include : &c->exclude, err) < 0)
                return -1;
        } else if (!strcmp(key, "fail-level") || !strcmp(key, "fail_level")) {
            sk_severity sev;
            if (v->type != SK_YAML_SCALAR || sk_rule_severity_parse(v->value, &sev) < 0)
                return fail_at(err, path, v, "fail-level is error, warning or note, not '%s'",
                               v->type == SK_YAML_SCALAR ? v->value : sk_yaml_type_name(v->type));
            c->fail_level = (int)sev;
        } else {
            return fail_at(err, path, k,
                           "unknown key '%s' in the stdcheck configuration (disable, severity, include, exclude, "
                           "fail-level)",
                           key);
        }
    }
    return 0;
}

int sk_checkconf_load(sk_checkconf **out, const char *path, sk_err *err)
{
    char *text = NULL;
    size_t len = 0;
    sk_yaml_node *root = NULL;
    sk_checkconf *c = NULL;
    int rc = -1;
    *out = NULL;
    if (sk_fs_read(&text, &len, path, CONF_MAX, err) < 0)
        goto done;
    if (sk_yaml_load(&root, text, len, 1, path, err) < 0)
        goto done;
    c = sk_calloc(1, sizeof *c);
    c->path = sk_strdup(path);
    char *d = sk_fs_dirname(path);
    c->dir = realpath(d, NULL);
    free(d);
    if (!c->dir) {
        sk_err_at(err, path, 0, 0, "cannot resolve its directory: %s", strerror(errno));
        goto done;
    }
    c->fail_level = -1;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const sk_yaml_node *section = root;
    if (!strcmp(base, "system.yaml")) /* a system.yaml holds the configuration under stdcheck: */
        section = root && root->type == SK_YAML_MAP ? sk_yaml_get(root, "stdcheck") : NULL;
    if (section && !sk_yaml_is_null(section) && read_section(c, section, err) < 0)
        goto done;
    *out = c;
    c = NULL;
    rc = 0;
done:
    sk_checkconf_free(c);
    sk_yaml_free(root);
    free(text);
    return rc;
}

void sk_checkconf_free(sk_checkconf *c)
{
    if (!c)
        return;
    free(c->path);
    free(c->dir);
    free_texts(&c->include);
    free_texts(&c->exclude);
    free(c);
}

/* file relative to c->dir ("" when it is not under it). Caller frees. */
static char *relative(const sk_checkconf *c, const char *file)
{
    char *d = sk_fs_dirname(file), *real = realpath(d, NULL);
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    free(d);
    char *out = NULL;
    size_t n = strlen(c->dir);
    if (real && !strncmp(real, c->dir, n) && (real[n] == '/' || real[n] == '\0'))
        out = real[n] ? sk_asprintf("%s/%s", real + n + 1, base) : sk_strdup(base);
    free(real);
    return out ? out : sk_strdup("");
}

int sk_checkconf_skips(const sk_checkconf *c, const char *file)
{
    if (!c || (!c->include.len && !c->exclude.len))
        return 0;
    char *rel = relative(c, file);
    int skip = 0;
    if (rel[0]) {
        if (c->include.len) {
            skip = 1;
            for (size_t i = 0; i < c->include.len && skip; i++)
                skip = !sk_glob_match(c->include.items[i], rel);
        }
        for (size_t i = 0; i < c->exclude.len && !skip; i++)
            skip = sk_glob_match(c->exclude.items[i], rel);
    }
    free(rel);
    return skip;
}
