#include "model/doc.h"

#include <string.h>
#include <stdlib.h>

#include "model/directive.h"


sk_node *sk_doc_section(const sk_doc *doc, sk_sect sect)
{
    for (sk_node *n = doc->root->first; n; n = n->next)
        if (n->type == SK_N_SECTION && n->sect == sect)
            return n;
    return NULL;
}

void sk_doc_each_inline(const sk_doc *doc, sk_inline_fn fn, void *arg)
{
    const sk_node *root = doc->root;
    for (const sk_node *n = root; n; n = sk_node_walk_next(root, n, 1)) {
        if (n->type == SK_N_PARA || n->type == SK_N_NOTE || n->type == SK_N_EXAMPLE || n->type == SK_N_WHERE_ITEM ||
            n->type == SK_N_FOOTNOTE) {
            for (size_t i = 0; i < n->in.n; i++)
                fn(n, &n->in.v[i], arg);
        } else if (n->type == SK_N_TABLE && n->table) {
            for (size_t r = 0; r < n->table->nrows; r++)
                for (int c = 0; c < n->table->ncols; c++)
                    for (size_t i = 0; i < n->table->rows[r].cells[c].in.n; i++)
                        fn(n, &n->table->rows[r].cells[c].in.v[i], arg);
        }
    }
}

void sk_doc_free(sk_doc *doc)
{
    if (!doc)
        return;
    sk_node_free(doc->root);
    sk_map_free(&doc->anchors);
    sk_vec_free(&doc->refs);
    for (size_t i = 0; i < doc->stdrefs.len; i++) {
        sk_stdref *r = doc->stdrefs.items[i];
        free(r->number);
        free(r->code);
        free(r->title);
        free(r);
    }
    sk_vec_free(&doc->stdrefs);
    sk_vec_free(&doc->forms);
    sk_directive_list_free(&doc->directives);
    for (size_t i = 0; i < doc->comments.len; i++) {
        sk_comment *c = doc->comments.items[i];
        free(c->text);
        free(c);
    }
    sk_vec_free(&doc->comments);
    sk_meta_free(doc->meta);
    sk_source_free(doc->src);
    free(doc);
}

const char *sk_doc_meta(const sk_doc *doc, const char *key)
{
    for (int k = 0; k < SK_META_NKEYS; k++)
        if (!strcmp(sk_meta_key_name((sk_meta_key)k), key))
            return doc->meta->str[k];
    return NULL;
}
