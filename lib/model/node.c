#include "model/node.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "text/math.h"

/* ---------- where nodes live ----------
 * Nodes are taken from slabs in the order they are made, which is the document's
 * order: a walk of the tree (a model is walked a dozen times, by numbering,
 * cross-references, the 目次 estimate, layout and freeing) then reads memory
 * forwards, node after node, instead of chasing nodes strewn between their strings
 * (those walks were an eighth of a large standard's time, nearly all of it waiting
 * for memory). A slab is counted: one for each live node, one while it is the
 * slab its thread takes from; whoever drops the count to nought frees it, so a
 * document may be freed on another thread than the one that built it. Under
 * AddressSanitizer each node is its own allocation again, checked on its own. */
#if !SK_ASAN
#include <pthread.h>
#include <stdatomic.h>

enum { SLAB_NODES = 1024 };

typedef struct slab slab;
typedef struct slot {
    slab *owner;
    sk_node node;
} slot;
struct slab {
    atomic_size_t refs;
    size_t used;
    slot v[SLAB_NODES];
};

static _Thread_local slab *current;
static pthread_key_t retire_key;
static pthread_once_t retire_once = PTHREAD_ONCE_INIT;

static void slab_unref(slab *b)
{
    if (atomic_fetch_sub_explicit(&b->refs, 1, memory_order_acq_rel) == 1)
        free(b);
}

/* a thread that ends gives its slab up (the nodes still in it keep it alive) */
static void retire(void *b)
{
    slab_unref(b);
}

static void make_key(void)
{
    pthread_key_create(&retire_key, retire);
}

/* and so does the process, for the thread that exits it */
__attribute__((destructor)) static void retire_main(void)
{
    if (current) {
        slab_unref(current);
        current = NULL;
    }
}

static sk_node *node_alloc(void)
{
    if (!current || current->used == SLAB_NODES) {
        pthread_once(&retire_once, make_key);
        if (current)
            slab_unref(current);
        current = sk_malloc(sizeof *current);
        atomic_init(&current->refs, 1);
        current->used = 0;
        pthread_setspecific(retire_key, current);
    }
    slot *s = &current->v[current->used++];
    atomic_fetch_add_explicit(&current->refs, 1, memory_order_relaxed);
    s->owner = current;
    memset(&s->node, 0, sizeof s->node);
    return &s->node;
}

static void node_release(sk_node *n)
{
    slot *s = (slot *)((char *)n - offsetof(slot, node));
    slab_unref(s->owner);
}
#else
static sk_node *node_alloc(void)
{
    return sk_calloc(1, sizeof(sk_node));
}

static void node_release(sk_node *n)
{
    free(n);
}
#endif

/* ---------- tree ---------- */

sk_node *sk_node_new(sk_node_type type)
{
    sk_node *n = node_alloc();
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

void sk_node_detach(sk_node *n)
{
    sk_node *p = n->parent;
    if (!p)
        return;
    if (n->prev)
        n->prev->next = n->next;
    else
        p->first = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else
        p->last = n->prev;
    n->parent = n->prev = n->next = NULL;
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
        node_release(n);
        if (done)
            break;
        n = next ? next : parent;
        if (!next && parent)
            parent->first = NULL;
    }
}
