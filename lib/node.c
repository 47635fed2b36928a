#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "texmath.h"

/* ---------- tree ---------- */

sk_node *sk_node_new(sk_node_type type)
{
    sk_node *n = sk_calloc(1, sizeof *n);
    n->type = type;
    return n;
}

void sk_node_append(sk_node *parent, sk_node *child)
{
    child->parent = parent;
    child->prev = parent->last;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
}

sk_node *sk_node_walk_next(const sk_node *root, const sk_node *n, int descend)
{
    if (descend && n->first)
        return n->first;
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

const sk_node *sk_node_top(const sk_node *n)
{
    while (n && n->parent && n->parent->type != SK_N_DOC)
        n = n->parent;
    return n && n->type == SK_N_SECTION ? n : NULL;
}

static void table_free(sk_table *t)
{
    if (!t)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        for (int c = 0; c < t->ncols; c++)
            sk_inlines_free(&t->rows[r].cells[c].in);
        free(t->rows[r].cells);
        free(t->rows[r].repeat);
    }
    free(t->rows);
    free(t->width);
    free(t);
}

void sk_node_free(sk_node *root)
{
    /* post-order without recursion: depth is bounded anyway, but stay iterative */
    sk_node *n = root;
    while (n) {
        if (n->first) {
            n = n->first;
            continue;
        }
        sk_node *parent = n->parent, *next = n->next;
        if (parent && n != root)
            parent->first = next;
        free(n->title);
        free(n->num_written);
        free(n->id);
        free(n->form);
        free(n->src);
        free(n->caption);
        sk_math_free(n->math);
        sk_inlines_free(&n->in);
        table_free(n->table);
        int done = n == root;
        free(n);
        if (done)
            break;
        n = next ? next : parent;
        if (!next && parent)
            parent->first = NULL;
    }
}

/* ---------- labels ---------- */

const char *sk_sect_name(sk_sect s)
{
    static const char *names[] = { "", "前言", "引言", "范围", "规范性引用文件", "术语和定义", "符号和缩略语",
                                   "章", "条", "术语", "附录", "参考文献", "索引" };
    return names[s];
}

char *sk_node_label(const sk_node *n)
{
    switch (n->type) {
    case SK_N_SECTION:
        if (n->sect == SK_S_ANNEX)
            return sk_asprintf("附录%s", n->num);
        if (n->level == 1 && n->num[0])
            return sk_asprintf("第%s章", n->num);
        if (!n->num[0])
            return sk_strdup(n->title ? n->title : "");
        return sk_strdup(n->num);
    case SK_N_TABLE:
        return sk_asprintf("表%s", n->num);
    case SK_N_FIGURE:
        return sk_asprintf("图%s", n->num);
    case SK_N_FORMULA:
        return n->num[0] ? sk_asprintf("公式（%s）", n->num) : sk_strdup("公式");
    case SK_N_ITEM:
        return sk_asprintf("参考文献[%s]", n->num);
    default:
        return sk_strdup(n->num);
    }
}

char *sk_node_heading(const sk_node *n)
{
    if (!n->num[0] || n->sect == SK_S_ANNEX)
        return sk_strdup(n->title ? n->title : "");
    if (!n->title || !*n->title)
        return sk_strdup(n->num);
    return sk_asprintf("%s\xE3\x80\x80%s", n->num, n->title);
}
