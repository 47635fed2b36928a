/* build — a model built in code, for what is not written by an author: the
 * system documents (run/sysdoc), an imported standard, the unit tests. The nodes
 * are the ones the Markdown reader makes for the same text, so sk_model_finish
 * (model.h) numbers, resolves and checks them alike; nothing here runs a pass.
 * Text goes in as it reads ("GB/T 13016—2018", "见第2章"): the pipeline finds the
 * standard numbers and plain-text references in it as it does in a source. */
#ifndef SK_BUILD_H
#define SK_BUILD_H

#include "model/doc.h"

/* An empty model whose source is named path (the file the diagnostics name; it
 * has no text). Free with sk_doc_free. */
sk_doc *sk_build_doc(const char *path);
/* Sets a front-matter key, as the YAML key would (the status is typed too). */
void sk_build_meta(sk_doc *doc, sk_meta_key key, const char *value);

/* A section under parent (the root for a chapter): of kind sect, one level below
 * parent, titled title, with the anchor id (or NULL). */
sk_node *sk_build_section(sk_node *parent, sk_sect sect, const char *title, const char *id);
/* An annex (附录) at the top level: its letter as written (or NULL: assigned), type, title. */
sk_node *sk_build_annex(sk_doc *doc, const char *letter, sk_annex_type type, const char *title, const char *id);
/* A block with inline content (SK_N_PARA, SK_N_NOTE, SK_N_EXAMPLE) under parent; the
 * notes of a table or figure are blocks under the table or figure (表注, 图注). */
sk_node *sk_build_block(sk_node *parent, sk_node_type type);
/* A list under parent, and an item of it: returns the item's paragraph. */
sk_node *sk_build_list(sk_node *parent, int ordered);
sk_node *sk_build_item(sk_node *list);
/* A table of ncols columns and nrows rows (the first nheader of them header rows),
 * its caption and anchor; html for a table with spans (an HTML table in a source).
 * Cells start empty; sk_build_cell gives cell (r, c), sk_build_span merges. */
sk_node *sk_build_table(sk_node *parent, const char *caption, const char *id, int ncols, size_t nrows, int nheader,
                        int html);
sk_cell *sk_build_cell(sk_node *table, size_t r, int c);
/* Cell (r, c) spans colspan columns and rowspan rows; the positions it covers are marked. */
void sk_build_span(sk_node *table, size_t r, int c, int colspan, int rowspan);
/* A figure: the image file src (relative to the model's source), caption and anchor. */
sk_node *sk_build_figure(sk_node *parent, const char *caption, const char *src, const char *id);

/* A copy of src and everything below it under parent, as another document holds it
 * (a 修改单 quoting the clauses it adds): numbers and titles as src has them,
 * references as the text they print (their targets are src's document's), no
 * anchors or form IDs (they would clash), formulas parsed again. Sections keep
 * their level. Below SK_BUILD_COPY_DEPTH levels the rest is left out. */
#define SK_BUILD_COPY_DEPTH 64
sk_node *sk_build_copy(sk_node *parent, const sk_node *src);
/* Appends text in the given SK_F_* formatting (never joined with a run before). */
void sk_build_text_flags(sk_inlines *l, const char *text, unsigned flags);
/* The parts around a table or figure (GB/T 1.1—2020 9.7, 9.8), as the Markdown reader
 * makes them: its unit statement ("单位为毫米"); a footnote, letter 'a' …, its text in
 * the returned node's `in` (the marker in a cell is a text run "a" with SK_F_SUP);
 * a figure's key (lead "标引序号说明：") and an entry of it, its meaning in `in`; a
 * picture of a figure of several, caption its sub-title, lettered as its place
 * gives it (the figure is built with src NULL). An example of several paragraphs is an SK_N_EXAMPLE with sk_build_block
 * children. */
void sk_build_unit(sk_node *float_node, const char *unit);
sk_node *sk_build_footnote(sk_node *float_node, char letter);
void sk_build_footnote_mark(sk_inlines *cell, char letter);
sk_node *sk_build_key(sk_node *figure, const char *lead);
sk_node *sk_build_key_entry(sk_node *key, const char *symbol);
sk_node *sk_build_subfigure(sk_node *figure, const char *caption, const char *src);

/* Appends text to a run list, joining a text run it follows (as cmark-gfm joins
 * the text between two inlines), and [](#anchor) as a reference run. */
void sk_build_text(sk_inlines *l, const char *text);
void sk_build_textf(sk_inlines *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sk_build_ref(sk_inlines *l, const char *anchor);

#endif
