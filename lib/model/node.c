#include "model/node.h"

#include <stdlib.h>
#include <string.h>

#include "text/math.h"

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

const sk_node *sk_node_first_block(const sk_node *sec)
{
    const sk_node *k = sec ? sec->first : NULL;
    while (k && k->type == SK_N_SECTION && k->untitled) /* iterative: § inside § */
        k = k->first;
    if (k && k->type != SK_N_SECTION)
        return k;
    for (k = sec ? sec->first : NULL; k; k = k->next)
        if (k->type != SK_N_SECTION)
            return k;
    return NULL;
}

static void table_free(sk_table *t)
{
    if (!t)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        for (int c = 0; c < t->ncols; c++)
            sk_inline_list_free(&t->rows[r].cells[c].in);
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
        free(n->unit);
        sk_math_free(n->math);
        sk_inline_list_free(&n->in);
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
