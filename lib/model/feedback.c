#include "model/feedback.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/clause.h"
#include "model/node.h"

typedef struct keyed {
    sk_feedback_row row;
    size_t group, pos, rec; /* group: 0 general, 1 in the text, 2 lost */
} keyed;

static int by_key(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (a->pos != b->pos)
        return a->pos < b->pos ? -1 : 1;
    return a->rec < b->rec ? -1 : a->rec > b->rec;
}

void sk_feedback_build(sk_feedback *out, const sk_doc *doc, const sk_consult *c)
{
    memset(out, 0, sizeof *out);
    if (!c || !c->n)
        return;
    sk_clause_index *ix = sk_clause_index_new(doc);
    /* document order of every clause */
    sk_map pos;
    sk_map_init(&pos);
    size_t k = 0;
    for (const sk_node *n = doc->root->first; n; n = sk_node_walk_next(doc->root, n, 1)) {
        char key[32];
        snprintf(key, sizeof key, "%p", (const void *)n);
        sk_map_put(&pos, key, (void *)(uintptr_t)++k);
    }
    keyed *v = sk_calloc(c->n, sizeof *v);
    for (size_t i = 0; i < c->n; i++) {
        const sk_consult_comment *e = &c->v[i];
        sk_feedback_row *r = &v[i].row;
        v[i].rec = i;
        r->c = e;
        int moved = 0;
        if (e->anchor.n) {
            r->node = sk_clause_find(ix, &e->anchor, &moved);
            r->status = !r->node ? SK_FB_LOST : moved ? SK_FB_MOVED : SK_FB_FOUND;
        } else if (sk_consult_is_general(e->clause)) {
            r->status = SK_FB_GENERAL;
        } else {
            r->node = sk_clause_by_label(doc, e->clause);
            r->status = r->node ? SK_FB_NUMBER : SK_FB_UNKNOWN;
        }
        if (r->node) {
            r->label = sk_clause_label(r->node);
            r->renumbered = e->clause && *e->clause && strcmp(e->clause, r->label) != 0;
            char key[32];
            snprintf(key, sizeof key, "%p", (const void *)r->node);
            v[i].group = 1;
            v[i].pos = (size_t)(uintptr_t)sk_map_get(&pos, key);
        } else if (r->status == SK_FB_GENERAL) {
            r->label = sk_strdup(e->clause && *e->clause ? e->clause : "全文");
        } else {
            r->label = sk_strdup(e->clause && *e->clause ? e->clause : "—");
            v[i].group = 2;
        }
    }
    qsort(v, c->n, sizeof *v, by_key);
    out->v = sk_calloc(c->n, sizeof *out->v);
    out->n = c->n;
    for (size_t i = 0; i < c->n; i++)
        out->v[i] = v[i].row;
    free(v);
    sk_map_free(&pos);
    sk_clause_index_free(ix);
}

void sk_feedback_free(sk_feedback *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->v[i].label);
    free(f->v);
    f->v = NULL;
    f->n = 0;
}
