/* markdown — the body of a standard's source, read with cmark-gfm (tables,
 * strikethrough) and converted into the model's tree: sections from headings
 * (numbers, annex labels, {#id form=…} attributes), untitled clauses (§), notes,
 * examples, lists, pipe and HTML tables with their captions, figures, display and
 * inline formulas, 式中 entries, form fields and suppression comments. Positions
 * are file lines and code-point columns. One pass of the pipeline (model.h). */
#ifndef SK_MARKDOWN_H
#define SK_MARKDOWN_H

#include "model/doc.h"

/* Reads doc->src's body into doc->root. -1 with err (file, line) when cmark-gfm
 * gives no tree, or before the parse when it would blow up: pipe tables that
 * would hold more cells than their text has bytes plus a margin, or a link
 * reference definition that its uses would copy past the limit below. */
int sk_markdown_read(sk_doc *doc, sk_diags *diags, sk_err *err);
/* The same in one piece: one cmark tree of the whole body. sk_markdown_read parses
 * by chunk as the cache below does, each chunk's tree freed once built (the tree of
 * a large standard in one piece is far larger than the caches); this is the
 * reference both are tested against (test_mdcache). */
int sk_markdown_read_whole(sk_doc *doc, sk_diags *diags, sk_err *err);
/* What link reference definitions may copy into the links using them, beyond 16
 * bytes for each byte of the text (sk_markdown_read refuses more). */
#define SK_MARKDOWN_REF_COPY_MAX (16.0 * 1024 * 1024)
/* A line whose list and quote markers (spaces, tabs, '>', "-", "1." …) take more
 * columns than this is parsed with only the first this many, and one
 * nesting-depth finding names the first such line: nesting, and cmark-gfm's time,
 * stay bounded (docs/format.md). */
#define SK_MARKDOWN_INDENT_MAX 128u

/* The cmark-gfm parse of a text kept by chunk for the next read of a changed text
 * (an editor's, after a keystroke): the body is cut before each chapter heading
 * ("# " at the start of a line, outside fenced code and HTML blocks), each chunk is
 * parsed alone, and a chunk whose text is unchanged is not parsed again. The tree is
 * the one sk_markdown_read gives (cmark-gfm parses the blocks of a chunk as it does
 * in the whole: a chapter heading closes every block before it); a text with link
 * reference definitions, which reach across chunks, is parsed whole. */
typedef struct sk_markdown_cache sk_markdown_cache;
sk_markdown_cache *sk_markdown_cache_new(void);
void sk_markdown_cache_free(sk_markdown_cache *c);
/* sk_markdown_read through the cache. */
int sk_markdown_read_cached(sk_doc *doc, sk_markdown_cache *c, sk_diags *diags, sk_err *err);

/* The parts around a table or figure (GB/T 1.1—2020 9.7, 9.8) the reader takes
 * into the table's or figure's node, as stdcheck recognises them where they are
 * left over: a unit statement, a paragraph "单位为毫米" (at most 24 characters after
 * 单位为, no other punctuation than a final "。"); a figure key's lead
 * ("标引序号说明：", "标引序号和说明：", "图中说明：", or "说明：" alone on its line),
 * returning its length in bytes, or 0. */
int sk_markdown_unit_text(const char *text);
size_t sk_markdown_key_lead(const char *text);

#endif
