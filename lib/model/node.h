/* node — the tree of a model: making, linking, walking and freeing nodes. */
#ifndef SK_NODE_H
#define SK_NODE_H

#include "model/doc.h"

sk_node *sk_node_new(sk_node_type type);
void sk_node_append(sk_node *parent, sk_node *child);
/* Frees n and everything below it (n must be detached from its parent first). */
void sk_node_free(sk_node *n);
/* Depth-first successor of n within root, or NULL (no recursion). */
sk_node *sk_node_walk_next(const sk_node *root, const sk_node *n, int descend);
/* The top-level section (前言, chapter, annex …) n is in, or NULL before the first heading. */
const sk_node *sk_node_top(const sk_node *n);
/* The first block (not a section) of a section's own content, read through the
 * untitled clauses (§) it may sit in: "# 1 范围" then "§ 本文件规定了……" opens with
 * that paragraph. Titled sub-clauses are skipped, as they are not the section's own
 * text. NULL when there is none. */
const sk_node *sk_node_first_block(const sk_node *sec);

#endif
