#include "text/yaml.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct loader {
    yaml_parser_t p;
    const char *file;
    int first_line;
    sk_err *err;
} loader;

static int fail_at(loader *L, yaml_mark_t m, const char *what)
{
    sk_err_at(L->err, L->file, (int)m.line + L->first_line, (int)m.column + 1, "%s", what);
    return -1;
}

static int parser_error(loader *L)
{
    yaml_mark_t m = L->p.problem_mark;
    sk_err_at(L->err, L->file, (int)m.line + L->first_line, (int)m.column + 1, "YAML: %s%s%s",
              L->p.problem ? L->p.problem : "syntax error", L->p.context ? " " : "",
              L->p.context ? L->p.context : "");
    return -1;
}

static sk_yaml_node *node_new(loader *L, sk_yaml_type t, yaml_mark_t m)
{
    sk_yaml_node *n = sk_calloc(1, sizeof *n);
    n->type = t;
    n->line = (int)m.line + L->first_line;
    n->col = (int)m.column + 1;
    return n;
}

static void node_add(sk_yaml_node *parent, sk_yaml_node *child)
{
    /* capacity is implied: 4, then doubled whenever n reaches a power of two >= 4 */
    if (parent->n == 0 || (parent->n >= 4 && (parent->n & (parent->n - 1)) == 0))
        parent->items = sk_realloc(parent->items, (parent->n ? parent->n * 2 : 4) * sizeof *parent->items);
    parent->items[parent->n++] = child;
}

/* Reads one node whose first event is ev (consumed by the caller). Iterative over
 * depth would be overkill: depth is capped, so recursion stays shallow. */
static int load_node(loader *L, yaml_event_t *ev, int depth, sk_yaml_node **out)
{
    *out = NULL;
    if (depth > SK_YAML_MAX_DEPTH)
        return fail_at(L, ev->start_mark, "YAML: nesting deeper than 64 levels");
    switch (ev->type) {
    case YAML_ALIAS_EVENT:
        return fail_at(L, ev->start_mark, "YAML aliases (*name) are not allowed");
    case YAML_SCALAR_EVENT: {
        if (ev->data.scalar.anchor)
            return fail_at(L, ev->start_mark, "YAML anchors (&name) are not allowed");
        /* a "\u0000" escape would cut the C string short and lose the rest silently */
        if (memchr(ev->data.scalar.value, '\0', ev->data.scalar.length))
            return fail_at(L, ev->start_mark, "a value holds a NUL character (\\u0000 or \\0), which text cannot carry");
        sk_yaml_node *n = node_new(L, SK_YAML_SCALAR, ev->start_mark);
        n->value = sk_strndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        *out = n;
        return 0;
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        int is_seq = ev->type == YAML_SEQUENCE_START_EVENT;
        if ((is_seq ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor))
            return fail_at(L, ev->start_mark, "YAML anchors (&name) are not allowed");
        sk_yaml_node *n = node_new(L, is_seq ? SK_YAML_SEQ : SK_YAML_MAP, ev->start_mark);
        for (;;) {
            yaml_event_t e;
            if (!yaml_parser_parse(&L->p, &e)) {
                sk_yaml_free(n);
                return parser_error(L);
            }
            if (e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT) {
                yaml_event_delete(&e);
                break;
            }
            sk_yaml_node *child;
            int rc = load_node(L, &e, depth + 1, &child);
            yaml_event_delete(&e);
            if (rc < 0) {
                sk_yaml_free(n);
                return -1;
            }
            if (!is_seq && (n->n % 2) == 0 && child->type != SK_YAML_SCALAR) {
                int line = child->line, col = child->col;
                sk_yaml_free(child);
                sk_yaml_free(n);
                sk_err_at(L->err, L->file, line, col, "YAML: mapping keys must be plain text");
                return -1;
            }
            node_add(n, child);
        }
        *out = n;
        return 0;
    }
    default:
        return fail_at(L, ev->start_mark, "YAML: unexpected event");
    }
}

int sk_yaml_load(sk_yaml_node **out, const char *text, size_t len, int first_line, const char *file,
                 sk_err *err)
{
    loader L = { .file = file, .first_line = first_line, .err = err };
    yaml_event_t e;
    sk_yaml_node *root = NULL;
    int rc = -1, done = 0;

    *out = NULL;
    if (!yaml_parser_initialize(&L.p)) {
        sk_err_at(err, file, first_line, 0, "YAML: cannot initialise parser");
        return -1;
    }
    yaml_parser_set_input_string(&L.p, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&L.p, YAML_UTF8_ENCODING);
    while (!done) {
        if (!yaml_parser_parse(&L.p, &e)) {
            parser_error(&L);
            goto out;
        }
        switch (e.type) {
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (root) {
                fail_at(&L, e.start_mark, "YAML: only one document is allowed");
                yaml_event_delete(&e);
                goto out;
            }
            break;
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            if (root) {
                fail_at(&L, e.start_mark, "YAML: only one document is allowed");
                yaml_event_delete(&e);
                goto out;
            }
            if (load_node(&L, &e, 0, &root) < 0) {
                yaml_event_delete(&e);
                goto out;
            }
        }
        yaml_event_delete(&e);
    }
    *out = root;
    root = NULL;
    rc = 0;
out:
    sk_yaml_free(root);
    yaml_parser_delete(&L.p);
    return rc;
}

void sk_yaml_free(sk_yaml_node *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n; i++)
        sk_yaml_free(n->items[i]);
    free(n->items);
    free(n->value);
    free(n);
}

sk_yaml_node *sk_yaml_get(const sk_yaml_node *map, const char *key)
{
    if (!map || map->type != SK_YAML_MAP)
        return NULL;
    for (size_t i = 0; i + 1 < map->n; i += 2)
        if (strcmp(map->items[i]->value, key) == 0)
            return map->items[i + 1];
    return NULL;
}

const char *sk_yaml_type_name(sk_yaml_type t)
{
    return t == SK_YAML_SCALAR ? "text" : t == SK_YAML_SEQ ? "a list" : "a mapping";
}

int sk_yaml_is_null(const sk_yaml_node *n)
{
    return n && n->type == SK_YAML_SCALAR && n->plain &&
           (!*n->value || !strcmp(n->value, "~") || !strcmp(n->value, "null") ||
            !strcmp(n->value, "Null") || !strcmp(n->value, "NULL"));
}

void sk_yaml_scalar(sk_buf *b, const char *s)
{
    size_t n = strlen(s);
    int plain = n && !strchr("-?:,[]{}#&*!|>'\"%@`~ ", s[0]) && !strstr(s, ": ") && !strstr(s, " #") &&
                s[n - 1] != ' ' && s[n - 1] != ':';
    static const char *const words[] = { "true", "false", "yes", "no", "null", "on", "off", "~" };
    for (size_t i = 0; plain && i < sizeof words / sizeof words[0]; i++)
        if (!strcasecmp(s, words[i]))
            plain = 0;
    for (const char *p = s; plain && *p; p++)
        if (*p == '\n' || *p == '\t' || *p == '"')
            plain = 0;
    if (plain) {
        /* a number would be read as one: 1.1 or 2019 stays text only quoted */
        char *end;
        strtod(s, &end);
        if (!*end)
            plain = 0;
    }
    if (plain) {
        sk_buf_puts(b, s);
        return;
    }
    sk_buf_putc(b, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\')
            sk_buf_putc(b, '\\');
        if (*p == '\n')
            sk_buf_puts(b, "\\n");
        else if (*p == '\t')
            sk_buf_puts(b, "\\t");
        else
            sk_buf_putc(b, *p);
    }
    sk_buf_putc(b, '"');
}
