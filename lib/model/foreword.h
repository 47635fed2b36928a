/* foreword — the texts a standard is printed with that its author need not write:
 * the 前言 generated from the front matter (GB/T 1.1—2020 8.3, SK_MODEL_FOREWORD),
 * and the fixed lead-in sentences of chapter 2, chapter 3 and the 符号和缩略语
 * chapter (8.6, 8.7, 8.8, SK_MODEL_LEADINS). Passes of the model pipeline
 * (model.h); stdcheck asks sk_foreword_leadin what stdgen would write. */
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
/* The fixed sentences (GB/T 1.1—2020 8.6, 8.7, 8.8). */
#define SK_LEADIN_NORMREF "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，" \
                          "仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。"
#define SK_LEADIN_NORMREF_NONE "本文件没有规范性引用文件。"
#define SK_LEADIN_TERMS "下列术语和定义适用于本文件。"
#define SK_LEADIN_TERMS_NONE "本文件没有需要界定的术语和定义。"
#define SK_LEADIN_SYMBOLS "下列符号适用于本文件。"
#define SK_LEADIN_ABBREVS "下列缩略语适用于本文件。"
#define SK_LEADIN_SYMBOLS_ABBREVS "下列符号和缩略语适用于本文件。"

/* Where the lead-in of chapter belongs: the chapter, or for a chapter 3 that joins
 * terms and symbols ("3 术语、定义和缩略语", no text of its own before "3.1 术语和定义")
 * that clause. */
const sk_node *sk_foreword_group(const sk_node *chapter);
/* The number of entries of chapter 2 (list items), chapter 3 (term entries) or the
 * 符号和缩略语 chapter (list items, table rows, symbol lines "A——面积"), anywhere in
 * the chapter (its clauses too, where chapter 2 and 3 should have none); of its group
 * (sk_foreword_group) for a joined chapter 3. */
size_t sk_foreword_entries(const sk_node *chapter);
/* True for a paragraph of the 符号和缩略语 chapter that is an entry ("A——面积。",
 * "ADL：日常生活活动能力"), not a sentence. */
int sk_foreword_symbol_line(const sk_node *para);
/* The sentence stdgen writes at the head of chapter (2, 3 or 符号和缩略语; of its group)
 * when its
 * author wrote none — the chapter opens with its entries or is empty — one rule for
 * the three: the lead-in when it has entries (for 符号和缩略语 the one its title names),
 * the "no …" sentence of chapter 2 or 3 when it has none. NULL when the chapter
 * opens with a sentence of its own (right or wrong: stdcheck judges it), when it is
 * no such chapter, or for an empty 符号和缩略语 chapter (there is nothing to say). */
const char *sk_foreword_leadin(const sk_node *chapter);
/* The lead-in of a 符号和缩略语 chapter by its title: 符号, 缩略语 or both. */
const char *sk_foreword_symbols_leadin(const sk_node *chapter);
/* Writes sk_foreword_leadin's sentence as the first paragraph of each chapter that
 * has one to write. Returns how many it wrote. */
int sk_foreword_leadins(sk_doc *doc);

#endif
