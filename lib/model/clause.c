#include "model/clause.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/display.h"
#include "model/node.h"

#define SEP '\x1f' /* between the elements of a path as the index keeps it */

static int is_clause(const sk_node *n)
{
    return n->type == SK_N_SECTION || n->type == SK_N_TABLE || n->type == SK_N_FIGURE || n->type == SK_N_FORMULA;
}

const sk_node *sk_clause_of(const sk_node *n)
{
    for (; n; n = n->parent)
        if (is_clause(n))
            return n;
    return NULL;
}

/* Text as one line, its first SK_CLAUSE_QUOTE characters, spaces trimmed. */
static char *quote(const char *text)
{
    sk_buf b;
    sk_buf_init(&b);
    size_t n = strlen(text), i = 0, chars = 0;
    while (i < n && chars < SK_CLAUSE_QUOTE) {
        uint32_t cp;
        int k = sk_utf8_decode(text + i, n - i, &cp);
        if (k <= 0)
            k = 1;
        if (text[i] == '\n' || text[i] == '\r' || text[i] == '\t')
            sk_buf_putc(&b, ' ');
        else
            sk_buf_put(&b, text + i, (size_t)k);
        i += (size_t)k;
        chars++;
    }
    char *s = sk_buf_detach(&b);
    sk_str_trim(s);
    return s;
}

/* The first text of a table (its first non-empty cell). */
static char *table_text(const sk_table *t)
{
    for (size_t r = 0; t && r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            char *s = sk_display_text(&t->rows[r].cells[c].in);
            if (*sk_str_trim(s))
                return s;
            free(s);
        }
    return sk_strdup("");
}

/* A clause's own name, before any "#2". Caller frees. */
static char *own_name(const sk_node *n)
{
    char *t = NULL, *s = NULL;
    switch (n->type) {
    case SK_N_SECTION:
        if (n->untitled) {
            const sk_node *p = n->first;
            while (p && p->type != SK_N_PARA)
                p = p->next;
            t = p ? sk_display_text(&p->in) : sk_strdup("");
            s = quote(t);
            free(t);
            t = sk_asprintf("§%s", s);
            free(s);
            return t;
        }
        if (n->title && *n->title)
            return sk_strdup(n->title);
        return sk_display_label(n);
    case SK_N_TABLE:
        t = n->caption && *n->caption ? sk_strdup(n->caption) : table_text(n->table);
        s = quote(t);
        free(t);
        t = sk_asprintf("表：%s", s);
        break;
    case SK_N_FIGURE:
        s = quote(n->caption && *n->caption ? n->caption : n->src ? n->src : "");
        t = sk_asprintf("图：%s", s);
        break;
    default:
        s = quote(n->src ? n->src : "");
        t = sk_asprintf("公式：%s", s);
        break;
    }
    free(s);
    return t;
}

typedef struct entry {
    const sk_node *node;
    char *path;   /* the elements joined by SEP */
    char *name;   /* the last element */
} entry;

struct sk_clause_index {
    entry *v;
    size_t n;
    sk_map by_node; /* "%p" → entry index + 1 */
};

static void key_of(const void *p, char key[32])
{
    snprintf(key, 32, "%p", p);
}

static const entry *entry_of(const sk_clause_index *ix, const sk_node *n)
{
    char key[32];
    key_of(n, key);
    size_t i = (size_t)(uintptr_t)sk_map_get(&ix->by_node, key);
    return i ? &ix->v[i - 1] : NULL;
}

sk_clause_index *sk_clause_index_new(const sk_doc *doc)
{
    sk_clause_index *ix = sk_calloc(1, sizeof *ix);
    sk_map_init(&ix->by_node);
    sk_map seen; /* parent "%p" SEP name → times seen */
    sk_map_init(&seen);
    size_t cap = 0;
    const sk_node *root = doc->root;
    for (const sk_node *n = root->first ? root->first : NULL; n; n = sk_node_walk_next(root, n, 1)) {
        if (!is_clause(n))
            continue;
        const sk_node *parent = sk_clause_of(n->parent);
        const entry *pe = parent ? entry_of(ix, parent) : NULL;
        char *name = own_name(n);
        char pk[32];
        key_of(parent, pk);
        char *k = sk_asprintf("%s%c%s", pk, SEP, name);
        size_t times = (size_t)(uintptr_t)sk_map_get(&seen, k) + 1;
        sk_map_put(&seen, k, (void *)(uintptr_t)times);
        free(k);
        if (times > 1) {
            char *t = sk_asprintf("%s#%zu", name, times);
            free(name);
            name = t;
        }
        if (ix->n == cap) {
            cap = cap ? 2 * cap : 64;
            ix->v = sk_realloc(ix->v, cap * sizeof *ix->v);
        }
        entry *e = &ix->v[ix->n++];
        e->node = n;
        e->name = name;
        e->path = pe ? sk_asprintf("%s%c%s", pe->path, SEP, name) : sk_strdup(name);
        char key[32];
        key_of(n, key);
        sk_map_put(&ix->by_node, key, (void *)(uintptr_t)ix->n);
    }
    sk_map_free(&seen);
    return ix;
}

void sk_clause_index_free(sk_clause_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < ix->n; i++) {
        free(ix->v[i].path);
        free(ix->v[i].name);
    }
    free(ix->v);
    sk_map_free(&ix->by_node);
    free(ix);
}

void sk_clause_path(sk_strlist *out, const sk_clause_index *ix, const sk_node *n)
{
    sk_meta_strlist_free(out);
    const entry *e = n ? entry_of(ix, n) : NULL;
    if (!e)
        return;
    const char *p = e->path;
    for (;;) {
        const char *q = strchr(p, SEP);
        size_t len = q ? (size_t)(q - p) : strlen(p);
        char *el = sk_strndup(p, len);
        sk_meta_strlist_push(out, el);
        free(el);
        if (!q)
            break;
        p = q + 1;
    }
}

const sk_node *sk_clause_find(const sk_clause_index *ix, const sk_strlist *path, int *moved)
{
    if (moved)
        *moved = 0;
    if (!path->n)
        return NULL;
    char *want = sk_meta_strlist_join(path, (const char[]){ SEP, 0 });
    const sk_node *hit = NULL;
    for (size_t i = 0; i < ix->n && !hit; i++)
        if (!strcmp(ix->v[i].path, want))
            hit = ix->v[i].node;
    free(want);
    if (hit)
        return hit;
    const char *last = path->v[path->n - 1];
    size_t found = 0;
    for (size_t i = 0; i < ix->n; i++)
        if (!strcmp(ix->v[i].name, last)) {
            hit = ix->v[i].node;
            found++;
        }
    if (found != 1)
        return NULL;
    if (moved)
        *moved = 1;
    return hit;
}

/* ---------- labels ---------- */

/* The label with full-width forms made ASCII, spaces dropped, "（）" as "()". */
static char *normalise(const char *s)
{
    sk_buf b;
    sk_buf_init(&b);
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp;
        int k = sk_utf8_decode(s + i, n - i, &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        i += (size_t)k;
        if (cp == ' ' || cp == '\t' || cp == 0x3000 || cp == '\n' || cp == '\r')
            continue;
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0; /* full-width ASCII */
        else if (cp == 0x3002 || cp == 0xFF0E)
            cp = '.';
        char u[4];
        int m = sk_utf8_encode(cp, u);
        sk_buf_put(&b, u, (size_t)(m > 0 ? m : 0));
    }
    return sk_buf_detach(&b);
}

static int cut_suffix(char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n > k && !strcmp(s + n - k, suffix)) {
        s[n - k] = 0;
        return 1;
    }
    return 0;
}

static const sk_node *find_num(const sk_doc *doc, sk_node_type type, const char *num, int annex)
{
    const sk_node *root = doc->root;
    for (const sk_node *n = root->first; n; n = sk_node_walk_next(root, n, 1)) {
        if (n->type != type || strcmp(n->num, num))
            continue;
        if (type == SK_N_SECTION && (n->sect == SK_S_ANNEX) != annex)
            continue;
        return n;
    }
    return NULL;
}

const sk_node *sk_clause_by_label(const sk_doc *doc, const char *label)
{
    char *s = normalise(label ? label : "");
    const sk_node *hit = NULL;
    cut_suffix(s, "条");
    while (cut_suffix(s, "."))
        ;
    static const struct { const char *word; sk_sect sect; } named[] = {
        { "前言", SK_S_FOREWORD }, { "引言", SK_S_INTRO }, { "参考文献", SK_S_BIBLIO }, { "索引", SK_S_INDEX },
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (!strcmp(s, named[i].word)) {
            hit = sk_doc_section(doc, named[i].sect);
            goto done;
        }
    if (sk_str_starts_with(s, "第") && cut_suffix(s, "章")) {
        hit = find_num(doc, SK_N_SECTION, s + strlen("第"), 0);
    } else if (sk_str_starts_with(s, "附录")) {
        hit = find_num(doc, SK_N_SECTION, s + strlen("附录"), 1);
    } else if (sk_str_starts_with(s, "表")) {
        hit = find_num(doc, SK_N_TABLE, s + strlen("表"), 0);
    } else if (sk_str_starts_with(s, "图")) {
        hit = find_num(doc, SK_N_FIGURE, s + strlen("图"), 0);
    } else if (sk_str_starts_with(s, "公式")) {
        char *p = s + strlen("公式");
        if (*p == '(')
            p++;
        cut_suffix(p, ")");
        hit = find_num(doc, SK_N_FORMULA, p, 0);
    } else if (*s) {
        /* a dotted number: a chapter, clause or term entry; "A.1" an annex's clause */
        hit = find_num(doc, SK_N_SECTION, s, 0);
        if (!hit && s[0] >= 'A' && s[0] <= 'Z' && !s[1])
            hit = find_num(doc, SK_N_SECTION, s, 1);
    }
done:
    free(s);
    return hit;
}

char *sk_clause_label(const sk_node *n)
{
    if (n->type == SK_N_SECTION && !n->num[0])
        return sk_strdup(n->title && *n->title ? n->title : sk_display_sect(n->sect));
    return sk_display_label(n);
}
