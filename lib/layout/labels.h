/* labels — the words a writer prints that the source does not spell out: titles of
 * unnumbered elements, list markers, note and example labels, captions, formula
 * numbers, annex title lines, 目次 entry texts, the page header and the output
 * file name. Both writers take them from here, so they print the same thing */
#ifndef SK_LABELS_H
#define SK_LABELS_H

#include "model/doc.h"

/* Title printed for an unnumbered element: "前　　言", "引　　言", "参考文献", "索　　引". */
const char *sk_labels_title(sk_sect s);
#define SK_TOC_TITLE "目　　次"

/* Text of the page header: the standard's number ("" when none). */
const char *sk_labels_header(const sk_doc *doc);
/* Output file name: NUMBER-slug.EXT, the number with '/', spaces and '—' turned
 * into '-' (runs of them into one), the slug the title without punctuation or
 * white space, e.g. "SJDJ-TS-09-2019-双报到的六步工作法.docx". Without a number
 * the source file's base name stands in for NUMBER-slug. Caller frees. */
char *sk_labels_output_name(const sk_doc *doc, const char *ext);

/* Marker of a list item: "——" then "·" for bullets, "a)" then "1)" for ordered
 * lists; "[1]" in 参考文献; "" in 规范性引用文件 (entries are plain lines). Caller frees. */
char *sk_labels_item_marker(const sk_node *item);
/* The same in buf (or a constant string), for the layout's every item. */
#define SK_LABELS_MARKER_SIZE 48
const char *sk_labels_item_marker_in(const sk_node *item, char buf[SK_LABELS_MARKER_SIZE]);
/* True for a list whose items print as plain body lines (规范性引用文件). */
int sk_labels_list_plain(const sk_node *list);
/* "注：", "注1：", "示例：", "示例2：". Caller frees. */
char *sk_labels_note(const sk_node *n);
/* "表1　标题", "图A.1　标题" ("表1" when untitled). Caller frees. */
char *sk_labels_caption(const sk_node *n);
/* The caption of a table continued on the next page: "表1（续）" (GB/T 1.1: the
 * number, then （续）; the title may be left out). Caller frees. */
char *sk_labels_caption_continued(const sk_node *n);
/* A picture of a figure of several: "a)　正面" ("a)" when it has no sub-title), the
 * letter its place gives it. Caller frees. */
char *sk_labels_subfigure(const sk_node *sub);
/* What a table's or figure's footnote starts with: its letter, set superscript, then
 * SK_FOOTNOTE_GAP; the same letter marks the cell it explains. */
#define SK_FOOTNOTE_GAP "\xE3\x80\x80"
/* The number a formula prints at the right margin, "（1）" or "（A.2）"; NULL when it
 * has none (a formula is numbered only when cited: number.h). Caller frees. */
char *sk_labels_formula_number(const sk_node *formula);
/* The line that introduces a formula's symbols, and the dash between a symbol and its meaning. */
#define SK_WHERE_LABEL "式中："
#define SK_WHERE_DASH "——"
/* Annex title lines: "附录A", "（规范性）" or "（资料性）" (NULL when not stated), title. */
void sk_labels_annex_lines(const sk_node *annex, const char *lines[3], char label[48]);
/* Text of a 目次 entry / a heading as printed. Caller frees. */
char *sk_labels_toc_text(const sk_node *n);
/* English equivalent of a term entry: its first paragraph when it has no 汉字; or NULL. */
const sk_node *sk_labels_term_en(const sk_node *term);

#endif
