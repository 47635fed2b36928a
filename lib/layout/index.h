/* index — the 索引 (GB/T 1.1—2020 8.14) built from the model */
#ifndef SK_INDEX_H
#define SK_INDEX_H

#include "model/doc.h"

/* The index a `# 索引` heading asks for, generated: every term entry (its term and its
 * admitted terms → the entry's number, 3.1) and every word marked [词](index:) or
 * [词](index:主题词) (→ the number of the clause it is in: 5.2.1, A.3, 附录B). Entries with
 * the same text are one entry pointing to each place once, in document order. Entries
 * are sorted by letter, then by pinyin (pinyin.h); entries with no letter come last. */
typedef struct sk_index_entry {
    char *text;
    char *key;                 /* sk_pinyin_key(text) */
    char letter;               /* 'A'..'Z', 0: no letter (group "其他") */
    const sk_node **targets;   /* term entries or sections, at least one */
    size_t n;
} sk_index_entry;

typedef struct sk_index {
    sk_index_entry *v;
    size_t n;
} sk_index;

void sk_index_build(sk_index *ix, const sk_doc *doc);
void sk_index_free(sk_index *ix);
/* The group heading of an entry: "A" … "Z", or "其他". */
void sk_index_group(const sk_index_entry *e, char out[16]);
/* Separator between the numbers of an index entry, and the label of a deprecated term. */
#define SK_INDEX_SEP "，"
#define SK_DEPRECATED_LABEL "不推荐用："
/* How an index entry prints its target: "3.1", "5.2.1", "附录A", "引言". Caller frees. */
char *sk_index_label(const sk_node *target);

#endif
