/* foreword — the 前言 generated from the front matter (GB/T 1.1—2020 8.3), a pass
 * of the model pipeline (model.h, SK_MODEL_FOREWORD) */
#ifndef SK_FOREWORD_H
#define SK_FOREWORD_H

#include "model/doc.h"

/* When doc has no 前言, inserts one as its first section, made of ordinary PARA
 * nodes: the fixed 起草 sentence (U+3000 after 导则), the 代替 sentence, the patent
 * sentence, 提出/归口 (or 提出并归口), 起草单位 and 主要起草人. Returns 1 when it
 * inserted one, 0 when the source has its own. The section's `num` stays empty. */
int sk_foreword_build(sk_doc *doc);

struct sk_diff;
/* Puts the list of technical changes against the replaced edition (diff.h, d:
 * that edition → doc) in the 前言 sk_foreword_build generated: its 代替 sentence
 * becomes d's lead sentence ("本文件代替X《T》，与X相比，除结构调整和编辑性改动外，
 * 主要技术变化如下："), followed by an ordered list of the items, "；" after each but
 * the last, "。" after it (printed a) b) …). Returns the number of items, or -1 and
 * changes nothing when doc's 前言 was written by its author or says nothing is
 * replaced. */
int sk_foreword_changes(sk_doc *doc, const struct sk_diff *d);

#endif
