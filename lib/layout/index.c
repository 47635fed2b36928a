#include "layout/index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/display.h"
#include "layout/labels.h"
#include "text/pinyin.h"


/* ---------- 索引 (8.14) ---------- */

/* What an index entry points to: the term entry or the nearest numbered section. */
static const sk_node *index_target(const sk_node *n)
{
    while (n && !(n->type == SK_N_SECTION && (n->num[0] || n->parent->type == SK_N_DOC)))
        n = n->parent;
    return n;
}

char *sk_index_label(const sk_node *target)
{
    if (target->sect == SK_S_ANNEX)
        return sk_asprintf("附录%s", target->num);
    if (target->num[0])
        return sk_strdup(target->num);
    return sk_labels_toc_text(target);
}

typedef struct ixb {
    sk_index *ix;
    sk_map by_text;  /* entry text → index + 1 */
    size_t cap;
} ixb;

static void ix_add(ixb *b, const char *text, const sk_node *target)
{
    if (!text || !*text || !target)
        return;
    sk_index *ix = b->ix;
    size_t i = (size_t)(uintptr_t)sk_map_get(&b->by_text, text);
    if (!i) {
        if (ix->n == b->cap) {
            b->cap = b->cap ? b->cap * 2 : 16;
            ix->v = sk_realloc(ix->v, b->cap * sizeof *ix->v);
        }
        sk_index_entry *e = &ix->v[ix->n++];
        memset(e, 0, sizeof *e);
        e->text = sk_strdup(text);
        e->key = sk_pinyin_key(text);
        e->letter = sk_pinyin_letter(text);
        i = ix->n;
        sk_map_put(&b->by_text, text, (void *)(uintptr_t)i);
    }
    sk_index_entry *e = &ix->v[i - 1];
    for (size_t k = 0; k < e->n; k++)
        if (e->targets[k] == target)
            return;
    e->targets = sk_realloc(e->targets, (e->n + 1) * sizeof *e->targets);
    e->targets[e->n++] = target;
}

static void ix_mark(const sk_node *block, const sk_inline *in, void *arg)
{
    if (in->type == SK_I_INDEX)
        ix_add(arg, in->target, index_target(block));
}

static int ix_cmp(const void *a, const void *b)
{
    const sk_index_entry *x = a, *y = b;
    int lx = x->letter ? x->letter : 'Z' + 1, ly = y->letter ? y->letter : 'Z' + 1;
    if (lx != ly)
        return lx - ly;
    int c = strcmp(x->key, y->key);
    return c ? c : strcmp(x->text, y->text);
}

void sk_index_build(sk_index *ix, const sk_doc *doc)
{
    memset(ix, 0, sizeof *ix);
    ixb b = { .ix = ix };
    sk_map_init(&b.by_text);
    const sk_node *root = doc->root;
    for (const sk_node *n = root; n; n = sk_node_walk_next(root, n, 1)) {
        if (n->type != SK_N_SECTION || n->sect != SK_S_TERM || !n->num[0])
            continue;
        ix_add(&b, n->title, n);
        for (const sk_node *k = n->first; k && k->type != SK_N_SECTION; k = k->next)
            if (k->type == SK_N_PARA && k->term_part == SK_TP_ADMITTED) {
                char *t = sk_display_text(&k->in);
                ix_add(&b, sk_str_trim(t), n);
                free(t);
            }
    }
    sk_doc_each_inline(doc, ix_mark, &b);
    sk_map_free(&b.by_text);
    if (ix->n)
        qsort(ix->v, ix->n, sizeof *ix->v, ix_cmp);
}

void sk_index_free(sk_index *ix)
{
    for (size_t i = 0; i < ix->n; i++) {
        free(ix->v[i].text);
        free(ix->v[i].key);
        free(ix->v[i].targets);
    }
    free(ix->v);
    memset(ix, 0, sizeof *ix);
}

void sk_index_group(const sk_index_entry *e, char out[16])
{
    if (e->letter) {
        out[0] = e->letter;
        out[1] = '\0';
    } else {
        snprintf(out, 16, "其他");
    }
}
