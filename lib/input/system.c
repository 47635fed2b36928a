#include "input/system.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"
#include "text/yaml.h"

static char *scalar(const sk_yaml_node *map, const char *key, const char *file, sk_diags *d, int *line)
{
    const sk_yaml_node *v = sk_yaml_get(map, key);
    if (!v || sk_yaml_is_null(v))
        return NULL;
    if (v->type != SK_YAML_SCALAR) {
        sk_diag_emit(d, SK_R_SYSTEM_FILE, file, v->line, v->col, "'%s' must be text, not %s", key,
                     sk_yaml_type_name(v->type));
        return NULL;
    }
    if (line)
        *line = v->line;
    return sk_str_trim(sk_strdup(v->value));
}

static int check_keys(const sk_yaml_node *map, const char *const *known, const char *file, sk_diags *d)
{
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        int ok = 0;
        for (const char *const *k = known; *k; k++)
            ok |= !strcmp(*k, map->items[i]->value);
        if (!ok)
            sk_diag_emit(d, SK_R_SYSTEM_UNKNOWN, file, map->items[i]->line, map->items[i]->col,
                         "unknown key '%s' in system.yaml", map->items[i]->value);
    }
    return 0;
}

/* Pattern placeholders: {category} {seq} {seq:N} {year}, and {box} {group} in a
 * table_number (table set). Returns -1 on an unknown one. */
static int check_pattern(const char *pat, const char **bad, int table)
{
    for (const char *p = pat; *p; p++) {
        if (*p != '{')
            continue;
        const char *e = strchr(p, '}');
        if (!e) {
            *bad = p;
            return -1;
        }
        size_t n = (size_t)(e - p + 1);
        if (!(n == 10 && !strncmp(p, "{category}", n)) && !(n == 5 && !strncmp(p, "{seq}", n)) &&
            !(n == 7 && !strncmp(p, "{seq:", 5) && p[5] >= '1' && p[5] <= '9') &&
            !(n == 6 && !strncmp(p, "{year}", n)) && !(table && n == 5 && !strncmp(p, "{box}", n)) &&
            !(table && n == 7 && !strncmp(p, "{group}", n))) {
            *bad = p;
            return -1;
        }
        p = e;
    }
    return 0;
}

/* A whole number key (0 when absent or wrong, which is reported). */
static int whole(const sk_yaml_node *it, const char *key, long min, const char *file, sk_diags *d)
{
    char *e = scalar(it, key, file, d, NULL);
    int v = 0;
    if (e) {
        char *end;
        long n = strtol(e, &end, 10);
        if (*end || n < min || n > 100000)
            sk_diag_emit(d, SK_R_SYSTEM_FILE, file, it->line, it->col, "'%s' must be a whole number%s, not '%s'", key,
                         min > 0 ? " above 0" : "", e);
        else
            v = (int)n;
        free(e);
    }
    return v;
}

static int load_list(sk_system *sys, const sk_yaml_node *root, const char *key, int is_cat, int required, sk_diags *d)
{
    static const char *const cat_keys[] = { "code", "name", "description", "expected", "box", NULL };
    static const char *const grp_keys[] = { "code", "name", "box", NULL };
    const sk_yaml_node *v = sk_yaml_get(root, key);
    int bad = 0;
    if (!v) {
        if (required) {
            sk_diag_emit(d, SK_R_SYSTEM_FILE, sys->path, 1, 1,
                         "system.yaml has no 'categories', which its {category} pattern needs");
            return -1;
        }
        return 0;
    }
    if (v->type != SK_YAML_SEQ) {
        sk_diag_emit(d, SK_R_SYSTEM_FILE, sys->path, v->line, v->col,
                     "'%s' must be a list of {code, name}", key);
        return -1;
    }
    for (size_t i = 0; i < v->n; i++) {
        const sk_yaml_node *it = v->items[i];
        if (it->type != SK_YAML_MAP) {
            sk_diag_emit(d, SK_R_SYSTEM_FILE, sys->path, it->line, it->col,
                         "each of '%s' must be a mapping with code and name", key);
            bad = 1;
            continue;
        }
        check_keys(it, is_cat ? cat_keys : grp_keys, sys->path, d);
        char *code = scalar(it, "code", sys->path, d, NULL);
        char *name = scalar(it, "name", sys->path, d, NULL);
        if (!code || !name || !*code) {
            sk_diag_emit(d, SK_R_SYSTEM_FILE, sys->path, it->line, it->col,
                         "each of '%s' needs a code and a name", key);
            free(code);
            free(name);
            bad = 1;
            continue;
        }
        int dup = 0;
        for (size_t j = 0; j < (is_cat ? sys->ncats : sys->ngroups); j++)
            dup |= !strcmp(is_cat ? sys->cats[j].code : sys->groups[j].code, code);
        if (dup) {
            sk_diag_emit(d, SK_R_SYSTEM_FILE, sys->path, it->line, it->col,
                         "code '%s' appears twice in '%s'", code, key);
            bad = 1;
        }
        if (is_cat) {
            sys->cats = sk_realloc(sys->cats, (sys->ncats + 1) * sizeof *sys->cats);
            sk_category *c = &sys->cats[sys->ncats++];
            c->code = code;
            c->name = name;
            c->description = scalar(it, "description", sys->path, d, NULL);
            c->line = it->line;
            c->expected = whole(it, "expected", 0, sys->path, d);
            c->box = whole(it, "box", 1, sys->path, d);
        } else {
            sys->groups = sk_realloc(sys->groups, (sys->ngroups + 1) * sizeof *sys->groups);
            sk_group *g = &sys->groups[sys->ngroups++];
            g->code = code;
            g->name = name;
            g->box = whole(it, "box", 1, sys->path, d);
            g->line = it->line;
        }
    }
    return bad ? -1 : 0;
}

int sk_system_load(sk_system **out, const char *path, sk_diags *d, sk_err *err)
{
    char *text = NULL;
    size_t len;
    *out = NULL;
    if (sk_fs_read(&text, &len, path, 16u << 20, err) < 0)
        return -1;
    int rc = sk_system_load_mem(out, path, text, len, d, err);
    free(text);
    return rc;
}

int sk_system_load_mem(sk_system **out, const char *path, const char *text, size_t len, sk_diags *d,
                       sk_err *err)
{
    static const char *const top_keys[] = { "name", "name_en", "code", "issuer", "level",
                                            "number_pattern", "file_pattern", "table_number",
                                            "categories", "groups", "stdcheck", NULL };
    sk_yaml_node *root = NULL;
    sk_system *sys = NULL;
    int rc = -1;
    sk_err yerr;

    *out = NULL;
    sys = sk_calloc(1, sizeof *sys);
    sys->path = sk_strdup(path);
    sys->dir = sk_fs_dirname(path);
    if (sk_utf8_validate(text, len) != (size_t)-1 || memchr(text, '\0', len)) {
        sk_diag_emit(d, SK_R_ENCODING, path, 1, 1, "system.yaml is not valid UTF-8 text");
        goto done;
    }
    sk_err_clear(&yerr);
    if (sk_yaml_load(&root, text, len, 1, path, &yerr) < 0) {
        sk_diag_emit(d, SK_R_SYSTEM_FILE, path, yerr.line, yerr.col, "%s", yerr.msg);
        goto done;
    }
    if (!root || root->type != SK_YAML_MAP) {
        sk_diag_emit(d, SK_R_SYSTEM_FILE, path, 1, 1, "system.yaml must be a mapping (name:, code:, categories: …)");
        goto done;
    }
    check_keys(root, top_keys, path, d);
    sys->name = scalar(root, "name", path, d, NULL);
    sys->name_en = scalar(root, "name_en", path, d, NULL);
    sys->code = scalar(root, "code", path, d, NULL);
    sys->issuer = scalar(root, "issuer", path, d, NULL);
    sys->level = scalar(root, "level", path, d, NULL);
    sys->number_pattern = scalar(root, "number_pattern", path, d, &sys->number_pattern_line);
    sys->file_pattern = scalar(root, "file_pattern", path, d, &sys->file_pattern_line);
    sys->table_number = scalar(root, "table_number", path, d, &sys->table_number_line);
    int bad = 0;
    if (!sys->name) {
        sk_diag_emit(d, SK_R_SYSTEM_FILE, path, 1, 1, "system.yaml has no 'name'");
        bad = 1;
    }
    if (!sys->number_pattern) {
        sk_diag_emit(d, SK_R_SYSTEM_FILE, path, 1, 1,
                     "system.yaml has no 'number_pattern' (e.g. \"SJDJ/{category} {seq:2}—{year}\")");
        bad = 1;
    }
    const char *where;
    if (sys->number_pattern && check_pattern(sys->number_pattern, &where, 0) < 0) {
        sk_diag_emit(d, SK_R_SYSTEM_FILE, path, sys->number_pattern_line, 1,
                     "number_pattern: unknown placeholder at '%s' (use {category}, {seq}, {seq:N}, {year})", where);
        bad = 1;
    }
    if (sys->file_pattern && check_pattern(sys->file_pattern, &where, 0) < 0) {
        sk_diag_emit(d, SK_R_SYSTEM_FILE, path, sys->file_pattern_line, 1,
                     "file_pattern: unknown placeholder at '%s' (use {category}, {seq}, {seq:N}, {year})", where);
        bad = 1;
    }
    if (sys->table_number && check_pattern(sys->table_number, &where, 1) < 0) {
        sk_diag_emit(d, SK_R_SYSTEM_FILE, path, sys->table_number_line, 1,
                     "table_number: unknown placeholder at '%s' (use {box}, {seq}, {seq:N}, {category}, {group})",
                     where);
        bad = 1;
    }
    if (load_list(sys, root, "categories", 1, sk_system_uses_category(sys), d) < 0)
        bad = 1;
    if (load_list(sys, root, "groups", 0, 0, d) < 0)
        bad = 1;
    if (!bad)
        rc = 0;
done:
    sk_yaml_free(root);
    if (rc < 0) {
        sk_system_free(sys);
        sk_err_at(err, path, 0, 0, "system.yaml is invalid");
    } else {
        *out = sys;
    }
    return rc;
}

void sk_system_free(sk_system *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->ncats; i++) {
        free(s->cats[i].code);
        free(s->cats[i].name);
        free(s->cats[i].description);
    }
    for (size_t i = 0; i < s->ngroups; i++) {
        free(s->groups[i].code);
        free(s->groups[i].name);
    }
    free(s->cats);
    free(s->groups);
    free(s->path);
    free(s->dir);
    free(s->name);
    free(s->name_en);
    free(s->code);
    free(s->table_number);
    free(s->issuer);
    free(s->level);
    free(s->number_pattern);
    free(s->file_pattern);
    free(s);
}

int sk_system_uses_category(const sk_system *s)
{
    return (s->number_pattern && strstr(s->number_pattern, "{category}")) ||
           (s->file_pattern && strstr(s->file_pattern, "{category}"));
}

const sk_category *sk_system_category(const sk_system *s, const char *code)
{
    for (size_t i = 0; code && i < s->ncats; i++)
        if (!strcmp(s->cats[i].code, code))
            return &s->cats[i];
    return NULL;
}

const sk_group *sk_system_group(const sk_system *s, const char *code)
{
    for (size_t i = 0; code && i < s->ngroups; i++)
        if (!strcmp(s->groups[i].code, code))
            return &s->groups[i];
    return NULL;
}

static int match_from(const sk_system *s, const char *pat, const char *num, sk_numparts *p)
{
    while (*pat) {
        if (*pat != '{') {
            if (*pat != *num)
                return -1;
            pat++;
            num++;
            continue;
        }
        const char *e = strchr(pat, '}');
        if (!strncmp(pat, "{category}", 10)) {
            for (size_t i = 0; i < s->ncats; i++) {
                size_t n = strlen(s->cats[i].code);
                if (!strncmp(num, s->cats[i].code, n) && n < sizeof p->category) {
                    sk_numparts q = *p;
                    memcpy(q.category, num, n);
                    q.category[n] = '\0';
                    if (match_from(s, e + 1, num + n, &q) == 0) {
                        *p = q;
                        return 0;
                    }
                }
            }
            return -1;
        }
        int width = 0, v = 0;
        if (!strncmp(pat, "{year}", 6))
            width = 4;
        else if (!strncmp(pat, "{seq:", 5))
            width = pat[5] - '0';
        int n = 0;
        while (isdigit((unsigned char)num[n]) && (width == 0 || n < width) && n < 9)
            v = v * 10 + (num[n++] - '0');
        if (n == 0 || (width && n != width))
            return -1;
        if (pat[1] == 'y')
            p->year = v;
        else
            p->seq = v;
        num += n;
        pat = e + 1;
    }
    return *num ? -1 : 0;
}

int sk_system_match_number(const sk_system *s, const char *number, sk_numparts *parts)
{
    sk_numparts p = { .category = "", .seq = -1, .year = -1 };
    if (!s->number_pattern || match_from(s, s->number_pattern, number, &p) < 0)
        return -1;
    *parts = p;
    return 0;
}

char *sk_system_format(const char *pat, const sk_numparts *p)
{
    sk_buf b;
    sk_buf_init(&b);
    for (const char *c = pat; *c; c++) {
        if (*c == '{' && !strncmp(c, "{category}", 10)) {
            sk_buf_puts(&b, p->category);
            c += 9;
        } else if (*c == '{' && !strncmp(c, "{year}", 6)) {
            sk_buf_printf(&b, "%04d", p->year);
            c += 5;
        } else if (*c == '{' && !strncmp(c, "{seq:", 5)) {
            sk_buf_printf(&b, "%0*d", c[5] - '0', p->seq);
            c = strchr(c, '}');
        } else if (*c == '{' && !strncmp(c, "{seq}", 5)) {
            sk_buf_printf(&b, "%d", p->seq);
            c += 4;
        } else if (*c == '{' && !strncmp(c, "{box}", 5)) {
            sk_buf_printf(&b, "%d", p->box);
            c += 4;
        } else if (*c == '{' && !strncmp(c, "{group}", 7)) {
            sk_buf_puts(&b, p->group);
            c += 6;
        } else {
            sk_buf_putc(&b, *c);
        }
    }
    return sk_buf_detach(&b);
}

char *sk_system_find(const char *start_dir)
{
    char *dir = realpath(start_dir, NULL);
    if (!dir)
        return NULL;
    for (;;) {
        char *p = sk_fs_join(dir, "system.yaml");
        if (access(p, R_OK) == 0) {
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
